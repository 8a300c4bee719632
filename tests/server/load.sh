#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The load benchmark small (bench/load.sh): 10 teachers log in by password
# within 5 s, type marks for 10 s, then the exec storm. A test of correctness
# only: every login and page, every echoed mark and acknowledged import in the
# journal and the audit exactly once. The figures are printed as comments,
# never asserted: this machine may be busy.
set -u
: "${DAPTER:?run me through make check, or set DAPTER to the dapter binary}"
export LOAD_N=10 LOAD_SECONDS=10 LOAD_STORM=5 LOAD_EXEC_SECONDS=5 LOAD_EXEC_SAMPLES=3
out=$(sh "$top_srcdir/bench/load.sh" 2>&1)
rc=$?
if [ "$rc" -eq 77 ]; then
	echo "1..0 # $(echo "$out" | sed -n 's/^load: SKIP/SKIP/p' | head -n 1)"
	exit 0
fi
echo "$out" | grep -v '^CHECK \|^  ' | sed 's/^/# /'
tapped=$(echo "$out" | awk '
	/^CHECK / { n++; st = $2; $1 = ""; $2 = ""; sub(/^  /, "");
		print (st == 0 ? "ok " : "not ok ") n " - " $0; next }
	/^  / { print "#" $0 }')
echo "$tapped"
n=$(echo "$tapped" | grep -c '^ok \|^not ok ')
if [ "$n" -eq 0 ]; then
	echo "not ok 1 - the load ran to its checks (status $rc)"
	echo "1..1"
	exit 1
fi
echo "1..$n"
! echo "$tapped" | grep -q '^not ok ' && [ "$rc" -eq 0 ]
