#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# startup: what a dapter process costs before it does its work, side by side
# with the sqlite3 shell on the same database in the same run (issue 15).
#
#   bench/startup.sh [RUNS]
#
# Prints, asserting nothing: the CPU (user + system, from wait4) of
# `dapter --version`, `dapter journal list` and `sqlite3 DB 'select 1'`,
# median and mean over RUNS runs each (default 200), run in turns so a busy
# machine slows all three alike; each dapter figure as a multiple of
# sqlite3's, against the 1.5x target; the shared libraries `ldd` lists and
# whether the report renderers (pango, cairo, xlsxwriter, X11) are among
# them; the dynamic loader's relocations (LD_DEBUG=statistics).
#
# DAPTER defaults to this source tree's binary.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
: "${DAPTER:=$here/src/dapter}"
runs=${1:-200}
export DAPTER_TODAY=2026-11-23 LC_ALL=C.UTF-8
for tool in sqlite3 python3 ldd; do
	command -v "$tool" >/dev/null 2>&1 || { echo "startup: no $tool" >&2; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dapter-startup.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/school.db"
(cd "$tmp" && "$DAPTER" --db "$db" demo --no-serve >/dev/null) || {
	echo "startup: could not make the demo school" >&2
	exit 1
}

python3 - "$runs" "$DAPTER" "$db" <<'EOF'
import os, statistics, sys

runs, dapter, db = int(sys.argv[1]), sys.argv[2], sys.argv[3]
cmds = [
    ("dapter --version", [dapter, "--version"]),
    ("dapter journal list", [dapter, "--db", db, "journal", "list"]),
    ("sqlite3 DB 'select 1'", ["sqlite3", db, "select 1"]),
]
null = os.open(os.devnull, os.O_RDWR)

def cpu_ms(argv):
    pid = os.fork()
    if pid == 0:
        os.dup2(null, 0); os.dup2(null, 1); os.dup2(null, 2)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        sys.exit("startup: %s failed" % " ".join(argv))
    return (ru.ru_utime + ru.ru_stime) * 1000.0

times = {name: [] for name, _ in cmds}
for name, argv in cmds:          # warm the page cache first
    cpu_ms(argv)
for _ in range(runs):
    for name, argv in cmds:
        times[name].append(cpu_ms(argv))
base = statistics.median(times[cmds[2][0]])
print("CPU per run (user+system), %d runs each, in turns:" % runs)
for name, _ in cmds:
    t = times[name]
    med = statistics.median(t)
    line = "  %-24s median %6.2f ms  mean %6.2f ms" % (name, med, statistics.mean(t))
    if name.startswith("dapter") and base > 0:
        ratio = med / base
        line += "  %.2fx sqlite3 (target 1.5x: %s)" % (ratio, "met" if ratio <= 1.5 else "MISSED")
    print(line)
EOF

libs=$(ldd "$DAPTER")
echo "shared libraries (ldd): $(printf '%s\n' "$libs" | wc -l)"
heavy=$(printf '%s\n' "$libs" | grep -Ei 'pango|cairo|xlsxwriter|libX|xcb|harfbuzz|fontconfig' |
    awk '{print $1}' | tr '\n' ' ')
echo "report renderers among them: ${heavy:-none}"
for args in "--version" "--db $db journal list"; do
	# shellcheck disable=SC2086 # args are words on purpose
	rel=$(LD_DEBUG=statistics "$DAPTER" $args 2>&1 >/dev/null | awk '
	    /[^a-z]number of relocations:/ { sym = $NF }
	    /number of relative relocations:/ { relative = $NF }
	    END { printf "%s symbol, %s relative", sym, relative }')
	echo "relocations before main (dapter $args): $rel" | sed "s|$db|DB|"
done
