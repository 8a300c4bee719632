#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run.sh: runs every libFuzzer target for a bounded time and says how it went.
#   tests/fuzz/run.sh [SECONDS]     from a build configured --enable-fuzzing CC=clang
# Each target starts from its seeds in tests/fuzz/corpus/TARGET (read only:
# what libFuzzer learns goes to a temp dir) and prints
#   fuzz: TARGET N execs, 0 crashes
# A crash, leak, sanitizer report or broken invariant leaves the input that
# caused it in fuzz-artifacts/ and makes the script exit 1.
set -u
seconds=${1:-${FUZZ_SECONDS:-20}}
builddir=${top_builddir:-.}
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
artifacts=$builddir/fuzz-artifacts
# fuzz_sshkey reads keys through dapter-server.so, which is built in src/.
DAPTER_MODULEDIR=${DAPTER_MODULEDIR:-$(cd "$builddir/src" && pwd)}
export DAPTER_MODULEDIR
work=$(mktemp -d "${TMPDIR:-/tmp}/dapter-fuzz-run.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts"
failed=0
ran=0
for name in csv charset roster marks keymap argv sums dates sshkey keyseq holder plan xlsx; do
	target=$builddir/tests/fuzz/fuzz_$name
	if [ ! -x "$target" ]; then
		echo "fuzz: $target is not built (./configure --enable-fuzzing CC=clang; make)" >&2
		failed=1
		continue
	fi
	mkdir -p "$work/$name"
	"$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
	    -print_final_stats=1 -artifact_prefix="$artifacts/$name-" \
	    "$work/$name" "$srcdir/tests/fuzz/corpus/$name" >"$work/$name.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log" | tail -n 1)
	crashes=0
	if [ "$rc" -ne 0 ]; then
		crashes=1
		failed=1
	fi
	echo "fuzz: $name ${execs:-0} execs, $crashes crashes"
	if [ "$rc" -ne 0 ]; then
		grep -E 'ERROR|invariant broken|SUMMARY|artifact|Test unit written' \
		    "$work/$name.log" | head -n 10 | sed 's/^/fuzz:   /'
		cp "$work/$name.log" "$artifacts/$name.log"
	fi
	ran=$((ran + 1))
done
echo "fuzz: $ran targets, ${seconds}s each"
exit $failed
