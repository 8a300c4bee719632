#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Bytes on the wire, both ways, over the real OpenSSH client (bench/ssh-bytes.sh):
# exec commands and the everyday task in the journal. Printed as figures; the
# test checks that every run completed.
set -u
for tool in ssh sshpass python3 tmux; do
	command -v "$tool" >/dev/null 2>&1 || { echo "1..0 # SKIP no $tool"; exit 0; }
done
# A bound on the whole run: a bench that hangs must not hang the suite.
out=$(timeout 600 sh "$top_srcdir/bench/ssh-bytes.sh" "$DAPTER" 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
echo "$out" | grep -q "journal 80x24: 25 marks, topic" && [ "$rc" -eq 0 ]
r=$?
if [ "$r" -eq 0 ]; then
	echo "ok 1 - the everyday task and the exec commands are measured over OpenSSH"
else
	echo "not ok 1 - the everyday task and the exec commands are measured over OpenSSH"
fi
echo "1..1"
[ "$r" -eq 0 ]
