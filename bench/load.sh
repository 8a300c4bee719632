#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# load: N teachers on one `dapter serve` over OpenSSH (bench/load.py): a login
# storm of password logins, each teacher typing a mark every 2 s on their own
# page, then the exec storm and one exec timed piece by piece. Prints
# keystroke-to-echo and login percentiles, the server's CPU (its cgroup: the
# holders too), PSS per session, failures, and the checks (CHECK 0 = held).
#
#   bench/load.sh [N] [--cpus LIST]     N teachers (50); --cpus 0 pins the server
#
# LOAD_SECONDS (60) of typing after the storm of LOAD_STORM (20) seconds;
# LOAD_EXEC_SECONDS (20) of the exec storm by LOAD_WRITERS (N/4) loops.
# DAPTER defaults to this source tree's binary; KEEP=1 keeps the temp dir.
# Needs ssh, taskset for --cpus, and python3 with pyte (python3-pyte).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
: "${DAPTER:=$here/src/dapter}"
export DAPTER
while [ $# -gt 0 ]; do
	case $1 in
	--cpus) LOAD_CPUS=${2:?}; export LOAD_CPUS; shift 2 ;;
	*) LOAD_N=$1; export LOAD_N; shift ;;
	esac
done
# The terminal of each session is pyte's; Debian's python3 has it, a
# virtualenv's may not.
py=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import pyte' 2>/dev/null; then
		py=$p
		break
	fi
done
[ -n "$py" ] || { echo "load: SKIP no python3 with pyte (apt-get install python3-pyte)"; exit 77; }
command -v ssh >/dev/null 2>&1 || { echo "load: SKIP no ssh"; exit 77; }
if [ -n "${LOAD_CPUS:-}" ] && ! command -v taskset >/dev/null 2>&1; then
	echo "load: SKIP no taskset"
	exit 77
fi
exec "$py" "$here/bench/load.py"
