#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The systemd units as built: hardened (systemd-analyze security, offline),
# pointing at the installed program, one hardening block in every unit.
. "${top_srcdir:-.}/tests/cli/lib.sh"
units="${top_builddir:-.}/data/systemd"

if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "1..0 # SKIP systemd-analyze is not installed"
	exit 0
fi
for u in dapter.service dapter@.service dapter-backup.service; do
	[ -f "$units/$u" ]; tap_result $? "$u is built"
	# systemd-analyze wants the unit's own name, and an instance for the template.
	name=$u
	[ "$u" = dapter@.service ] && name=dapter@school12.service
	cp "$units/$u" "$tmp/$name"
	(cd "$tmp" && systemd-analyze security --offline=yes --no-pager "$tmp/$name") \
	    >"$tmp/sec" 2>&1
	level=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$tmp/sec")
	awk -v l="${level:-99}" 'BEGIN { exit !(l <= 2.0) }'
	tap_result $? "$u: exposure ${level:-unknown} is 2.0 or lower"
	[ -n "$level" ] || sed 's/^/#   /' "$tmp/sec" | tail -n 5
	! grep -Eq '@[A-Za-z_]+@' "$units/$u"
	tap_result $? "$u: every @NAME@ is substituted"
	has "$units/$u" "ProtectSystem=strict" "$u: has the shared hardening"
done
has "$units/dapter.service" "ConditionPathExists=/var/lib/dapter/school.db" \
    "the service starts only once the school exists"
grep -q "^ExecStart=/.*/dapter serve$" "$units/dapter.service"
tap_result $? "it runs the installed dapter serve, which reads dapter.conf"
done_testing
