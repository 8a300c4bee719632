#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The memory 50 idle journal sessions take on the server (bench/ssh-memory.sh),
# printed as figures; the test checks that all 50 came up.
set -u
n=50
for tool in ssh sshpass python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "1..0 # SKIP no $tool"; exit 0; }
done
out=$(WAIT_TENTHS=1200 sh "$top_srcdir/bench/ssh-memory.sh" "$n" 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
if [ "$rc" -eq 0 ]; then
	echo "ok 1 - $n idle journal sessions over OpenSSH are served at once"
else
	echo "not ok 1 - $n idle journal sessions over OpenSSH are served at once"
fi
echo "1..1"
[ "$rc" -eq 0 ]
