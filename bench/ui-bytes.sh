#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# ui-bytes: how many bytes the journal editor writes to the terminal for one
# everyday task at 80x24: open a journal, type 25 marks down a lesson column
# (one key at a time, as a teacher types), write the lesson topic, quit.
# Runs dapter under tmux and counts the pane's output (pipe-pane).
#
#   bench/ui-bytes.sh [--budget BYTES]
#
# Prints the counts; with --budget exits 1 when the bytes after the first
# screen (marks, topic, quit) are above it.
# DAPTER (the binary) and DAPTER_KEYMAPDIR default to this source tree.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
: "${DAPTER:=$here/src/dapter}"
: "${DAPTER_KEYMAPDIR:=$here/keymaps}"
export DAPTER_TODAY=2026-11-23 DAPTER_KEYMAPDIR LC_ALL=C.UTF-8
unset DAPTER_KEYMAP DAPTER_LANG TMUX
budget=
if [ "${1:-}" = "--budget" ] && [ $# -ge 2 ]; then
	budget=$2
fi
command -v tmux >/dev/null 2>&1 || { echo "ui-bytes: tmux is not installed" >&2; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dapter-bytes.XXXXXX")
sock="dapter-bytes-$$-$(basename "$tmp")"
tm() {
	tmux -u -L "$sock" -f /dev/null "$@"
}
trap 'tm kill-server >/dev/null 2>&1; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
db="$tmp/school.db"

fail() {
	echo "ui-bytes: $*" >&2
	tm capture-pane -p -t =b: 2>/dev/null | sed 's/^/ui-bytes: | /' >&2
	exit 1
}

wait_for() {
	i=0
	while [ "$i" -lt 100 ]; do
		tm capture-pane -p -t =b: | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for \"$1\""
}

(cd "$tmp" && "$DAPTER" --db "$db" demo --no-serve >/dev/null) || fail "demo failed"
# Five more pupils make the 25 rows of a full class.
printf 'Тегі;Аты\nЯхина;Алина\nЯкупов;Арман\nЯсинова;Дана\nЯковлев;Илья\nЯхияев;Ерлан\n' |
    "$DAPTER" --db "$db" roster import "7 Ә" - >/dev/null || fail "roster import failed"

tm new-session -d -s b -x 80 -y 24 "while [ ! -e '$tmp/go' ]; do sleep 0.05; done; \
    env TERM=xterm-256color '$DAPTER' --db '$db' --as aigerim; echo EXITED \$?; sleep 600"
tm pipe-pane -o -t =b: "cat >'$tmp/bytes'"
touch "$tmp/go"
wait_for "My journals"
tm send-keys -t =b: Enter
wait_for "7 Ә · Алгебра"
sleep 0.3	# let the first screens flush before splitting the count
first=$(wc -c <"$tmp/bytes" | tr -d ' ')
for m in 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5; do
	tm send-keys -t =b: "$m"
	sleep 0.05
done
wait_for "Яхияев Ерлан"
tm send-keys -t =b: t C-u "Көпмүшелерді көбейту" Enter Enter
wait_for "FA: Көпмүшелерді көбейту"
tm send-keys -t =b: q
wait_for "My journals"
tm send-keys -t =b: q
wait_for "(y/n)"
tm send-keys -t =b: y
wait_for "EXITED 0"
tm pipe-pane -t =b:
n=$(wc -c <"$tmp/bytes" | tr -d ' ')
marks=$("$DAPTER" --db "$db" marks export "7 Ә" Алгебра | tail -n +3 | awk -F, 'NF > 2 && $NF != "" { n++ } END { print n + 0 }')
[ "$marks" -eq 25 ] || fail "expected 25 marks in the column, found $marks"
echo "ui-bytes: open journal, 25 marks, topic, quit at 80x24: $n bytes"
echo "ui-bytes: first screens (home, journal page): $first bytes"
echo "ui-bytes: after the first screen (25 marks, topic, quit): $((n - first)) bytes"
# The budget is on what a teacher's link carries after the first screen.
if [ -n "$budget" ] && [ "$((n - first))" -gt "$budget" ]; then
	echo "ui-bytes: over the budget of $budget bytes" >&2
	exit 1
fi
exit 0
