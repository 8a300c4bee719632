#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian package as a school's admin gets it: built from this tree with
# dpkg-buildpackage, lintian without errors, installed with apt, then the
# installed dapter makes a school as the dapter user and passes `dapter check`.
# Needs root and a machine with no dapter installed (./quickstart check runs
# it on CI's fresh machine); removes the package and its school at the end.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
n=0
failed=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

if [ "$(id -u)" -ne 0 ] || ! command -v dpkg-buildpackage >/dev/null 2>&1 ||
    ! command -v lintian >/dev/null 2>&1; then
	echo "1..0 # SKIP needs root, dpkg-buildpackage and lintian"
	exit 0
fi
if dpkg-query -W dapter >/dev/null 2>&1 || [ -e /var/lib/dapter ] || [ -e /etc/dapter ]; then
	echo "1..0 # SKIP dapter is installed here already: this test installs and purges it"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/dapter-deb.XXXXXX")
cleanup() {
	apt-get purge -y -qq dapter >/dev/null 2>&1
	rm -rf /var/lib/dapter /etc/dapter "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The tree as it is (tracked files, with their changes), outside the checkout.
mkdir "$work/dapter"
(cd "$top" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$work/dapter"
(cd "$work/dapter" && DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" \
    dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1
ok $? "dpkg-buildpackage -us -uc -b builds the package"
deb=$(ls "$work"/dapter_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { tail -n 30 "$work/build.log" | sed 's/^/#   /'; echo "Bail out! no .deb"; exit 1; }

lintian --fail-on error "$deb" >"$work/lintian" 2>&1
ok $? "lintian finds no error"
sed 's/^/#   lintian: /' "$work/lintian"
dpkg-deb -c "$deb" >"$work/contents"
for f in usr/bin/dapter lib/systemd/system/dapter.service lib/systemd/system/dapter@.service \
    lib/systemd/system/dapter-backup.timer etc/dapter/dapter.conf usr/share/man/man1/dapter.1.gz \
    usr/share/man/man5/dapter.conf.5.gz usr/share/dapter/keymaps/phone.keys \
    usr/share/locale/kk/LC_MESSAGES/dapter.mo usr/share/bash-completion/completions/dapter; do
	grep -q " \./$f\$" "$work/contents"
	ok $? "the package holds /$f"
done

DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$work/install.log" 2>&1
ok $? "apt-get installs it"
[ -s "$work/install.log" ] && tail -n 5 "$work/install.log" | sed 's/^/#   /'
/usr/bin/dapter --version >"$work/out" 2>&1
ok $? "the installed dapter --version runs"
getent passwd dapter >/dev/null
ok $? "the dapter system user exists"
[ "$(stat -c '%U %a' /var/lib/dapter 2>/dev/null)" = "dapter 700" ]
ok $? "/var/lib/dapter belongs to it, mode 700"
DAPTER_LANG=kk /usr/bin/dapter help >"$work/out" 2>&1
grep -q "Командалар" "$work/out"
ok $? "the installed dapter finds its installed Kazakh catalog"

as_dapter() { runuser -u dapter -- env -u DAPTER_DB "$@"; }
as_dapter /usr/bin/dapter init --school "№ 12 мектеп" >"$work/out" 2>&1
ok $? "dapter init as the dapter user makes the school dapter.conf names"
[ -f /var/lib/dapter/school.db ]
ok $? "in /var/lib/dapter/school.db"
as_dapter /usr/bin/dapter class add "7 Ә" >"$work/out" 2>&1
ok $? "commands find it without --db"
as_dapter /usr/bin/dapter backup /var/lib/dapter/backups >"$work/out" 2>&1
ok $? "the backup the timer runs works"
as_dapter /usr/bin/dapter check >"$work/out" 2>&1
ok $? "the installed dapter check passes"
sed 's/^/#   /' "$work/out"
man -w dapter >/dev/null 2>&1
ok $? "man dapter finds the manual"

echo "1..$n"
[ "$failed" -eq 0 ]
