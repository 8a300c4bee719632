#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# 50 sessions at once on one server over OpenSSH (bench/soak.sh): writers
# looping on exec imports and journal editors typing over ssh -t, on shared
# pages. Checks that every acknowledged mark is kept once, that no client saw
# "database is locked", and the lock rules: one session edits a page; another
# teacher's import into it is refused; the same teacher's goes in. The figures
# (writes/s, latencies, PSS) are printed as comments. DAPTER_SOAK_SECONDS sets
# the length (default 20); quickstart check runs it again for longer.
set -u
for tool in ssh ssh-keygen tmux python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "1..0 # SKIP no $tool"; exit 0; }
done
: "${DAPTER:?run me through make check, or set DAPTER to the dapter binary}"
out=$(sh "$top_srcdir/bench/soak.sh" 2>&1)
rc=$?
echo "$out" | grep -v '^CHECK \|^  ' | sed 's/^/# /'
# The checks, one TAP line each, with their details as comments.
tapped=$(echo "$out" | awk '
	/^CHECK / { n++; st = $2; $1 = ""; $2 = ""; sub(/^  /, "");
		print (st == 0 ? "ok " : "not ok ") n " - " $0; next }
	/^  / { print "#" $0 }')
echo "$tapped"
n=$(echo "$tapped" | grep -c '^ok \|^not ok ')
failed=$(echo "$tapped" | grep -c '^not ok ')
if [ "$n" -eq 0 ]; then
	echo "not ok 1 - the soak ran to its checks (status $rc)"
	echo "1..1"
	exit 1
fi
echo "1..$n"
[ "$failed" -eq 0 ] && [ "$rc" -eq 0 ]
