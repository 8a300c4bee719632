#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# soak: 50 sessions at once on one `dapter serve` over the real OpenSSH
# client for DAPTER_SOAK_SECONDS (default 20): 43 writers looping on
# `ssh ... marks import`, 7 journal editors over `ssh -t` in tmux typing marks,
# on overlapping pages (see bench/soak.py). Prints imports and marks per
# second, import and keystroke latencies (p50, p99) and the peak PSS per
# session, then the checks of what the journal kept (CHECK 0 = held).
#
#   DAPTER_SOAK_SECONDS=120 bench/soak.sh
#
# DAPTER defaults to this source tree's binary; KEEP=1 keeps the temp dir.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
: "${DAPTER:=$here/src/dapter}"
export DAPTER
for tool in ssh ssh-keygen tmux python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "soak: no $tool" >&2; exit 77; }
done
exec python3 "$here/bench/soak.py"
