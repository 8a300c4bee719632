#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dapter serve: ssh-audit finds no failing algorithm, and no SHA-1, CBC or
# small DH group is offered.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh-audit
start_server

timeout 60 ssh-audit -n -p "$port" 127.0.0.1 >"$tmp/audit" 2>&1
st=$?
# 0: all good, 2: warnings only (ssh-audit 2.5 calls kex-strict "unknown"), 3: failures.
[ "$st" -eq 0 ] || [ "$st" -eq 2 ]; tap_result $? "ssh-audit reports no failure (status $st)"
lacks "$tmp/audit" "[fail]" "no algorithm fails"
lacks "$tmp/audit" "(cve)" "no CVE is matched"
lacks "$tmp/audit" "-cbc" "no CBC cipher"
lacks "$tmp/audit" "hmac-sha1" "no SHA-1 MAC"
lacks "$tmp/audit" "(key) ssh-rsa" "no SHA-1 RSA signatures"
lacks "$tmp/audit" "group14-sha1" "no SHA-1 key exchange"
has "$tmp/audit" "curve25519-sha256" "curve25519 is offered"
has "$tmp/audit" "kex-strict-s-v00@openssh.com" "strict key exchange (Terrapin) is on"
has "$tmp/audit" "SSH-2.0-dapter_" "the banner names dapter, not the library's version"
grep '\[warn\]' "$tmp/audit" | sed 's/^/# /'
kill -0 "$srv"; tap_result $? "the server still runs"
done_testing
