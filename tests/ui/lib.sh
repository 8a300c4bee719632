# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh: TAP helpers for the curses UI tests. Source it first.
# Each test drives the real binary ($DAPTER) under its own tmux server on a
# demo school in a fresh temp dir, and polls the pane for the text it wants
# (never a fixed long sleep).
set -u
: "${DAPTER:?run me through make check, or set DAPTER to the dapter binary}"
: "${DAPTER_KEYMAPDIR:=${top_srcdir:-.}/keymaps}"
export DAPTER_TODAY=2026-11-23 DAPTER_KEYMAPDIR
export LC_ALL=C.UTF-8
unset DAPTER_KEYMAP DAPTER_LANG TMUX
tap_n=0
tap_failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dapter-ui.XXXXXX")
db="$tmp/school.db"
sock="dapter-ui-$$-$(basename "$tmp")"
tm() {
	tmux -u -L "$sock" -f /dev/null "$@"
}
cleanup() {
	tm kill-server >/dev/null 2>&1
	# kill-server leaves the socket file behind.
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
# A session that lives as long as the test: tmux's server exits with its last
# session, and a capture or new-session racing a kill-session then finds it
# gone ("server exited unexpectedly") on a busy machine.
tm new-session -d -s keep "sleep 100000" || { echo "Bail out! cannot start tmux"; exit 1; }

# DAPTER_VALGRIND=1: the journal process runs under valgrind memcheck, one
# log per process in $tmp/vg-NAME.PID.log; tap_done fails the test when a log
# reports an error or a definite leak. Waits are stretched (slow=5), since
# memcheck runs the program some 20 times slower. tests/valgrind.supp holds
# what ncurses and the C library keep until exit, not our leaks.
slow=1
vg=""
if [ -n "${DAPTER_VALGRIND:-}" ] && [ "$DAPTER_VALGRIND" != 0 ]; then
	if ! command -v valgrind >/dev/null 2>&1; then
		echo "1..0 # SKIP valgrind is not installed"
		exit 0
	fi
	slow=${DAPTER_VALGRIND_SLOW:-5}
	vg="valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
	    --errors-for-leak-kinds=definite --track-origins=yes \
	    --suppressions=${top_srcdir:-.}/tests/valgrind.supp --log-file=$tmp/vg-%q{vg_name}.%p.log"
fi

tap_result() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

tap_done() {
	vg_check
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# vg_check: one TAP line per valgrind log (DAPTER_VALGRIND=1): no errors, no
# definite leaks. The sessions still open are hung up first (the journal then
# ends as with a dropped terminal) and valgrind is given time to sum up.
vg_check() {
	[ -n "$vg" ] || return 0
	tm kill-server >/dev/null 2>&1
	for log in "$tmp"/vg-*.log; do
		[ -e "$log" ] || continue
		i=0
		while ! grep -q "ERROR SUMMARY" "$log" && [ $i -lt 300 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		name=$(basename "$log" .log)
		if grep -q "ERROR SUMMARY: 0 errors" "$log"; then
			tap_result 0 "valgrind finds no memory error in ${name#vg-}"
		else
			tap_result 1 "valgrind finds no memory error in ${name#vg-}"
			sed -n '/^==[0-9]*== [A-Z]/,$p' "$log" | grep -v "^==[0-9]*== *$" |
			    sed 's/^/#   /' | head -n 80
		fi
	done
}

# demo_db: a demo school in $db.
demo_db() {
	(cd "$tmp" && "$DAPTER" --db "$db" demo --no-serve >/dev/null 2>&1)
}

# start NAME COLS ROWS [ENV=VALUE ...] -- [DAPTER ARGS]: dapter in a new
# tmux session. The pane stays after dapter exits ("EXITED N" is printed).
start() {
	name=$1 cols=$2 rows=$3
	shift 3
	envs=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs="$envs '$1'"
		shift
	done
	[ $# -gt 0 ] && shift
	args=""
	for a in "$@"; do
		args="$args '$a'"
	done
	tm new-session -d -s "$name" -x "$cols" -y "$rows" \
	    "env TERM=xterm-256color DAPTER_LOCALEDIR='${DAPTER_LOCALEDIR:-}' $envs \
	    vg_name='$name' $vg '$DAPTER' --db '$db' $args 2>'$tmp/$name.err'; \
	    echo EXITED \$?; sleep 600"
}

screen() {
	# "=NAME:" is the session NAME exactly: a bare name also matches windows
	# by prefix ("b" would find another session's window named "bash").
	tm capture-pane -p -t "=$1:"
}

keys() {
	name=$1
	shift
	tm send-keys -t "=$name:" "$@"
}

# wait_for NAME TEXT [TENTHS]: 0 once TEXT is on the pane (default 10 s).
wait_for() {
	i=0
	while [ "$i" -lt $((${3:-100} * slow)) ]; do
		if screen "$1" | grep -qF -- "$2"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	echo "# waited for \"$2\" on $1; the pane shows:"
	screen "$1" | sed 's/^/#   |/'
	return 1
}

# wait_re NAME REGEX [TENTHS]: like wait_for with an extended regex.
wait_re() {
	i=0
	while [ "$i" -lt $((${3:-100} * slow)) ]; do
		if screen "$1" | grep -qE -- "$2"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	echo "# waited for /$2/ on $1; the pane shows:"
	screen "$1" | sed 's/^/#   |/'
	return 1
}

# wait_gone NAME TEXT [TENTHS]: 0 once TEXT has left the pane.
wait_gone() {
	i=0
	while [ "$i" -lt $((${3:-100} * slow)) ]; do
		if ! screen "$1" | grep -qF -- "$2"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	echo "# \"$2\" stayed on $1"
	return 1
}

# admin_menu NAME N: from the administration menu on NAME, open its Nth item
# (0 Users, 1 Classes, 2 Subjects, 3 Assignments, 4 Substitutes, 5 Terms,
# 6 Holidays, 7 Sessions, 8 Audit, 9 Reports).
admin_menu() {
	keys "$1" PPage
	i=0
	while [ "$i" -lt "$2" ]; do
		keys "$1" Down
		i=$((i + 1))
	done
	keys "$1" Enter
}

# after NAME LINE_RE NEXT_RE: the line of NAME's pane after the first one
# matching LINE_RE matches NEXT_RE (the order of a list).
after() {
	screen "$1" | awk -v a="$2" -v b="$3" 'found { exit !($0 ~ b) } $0 ~ a { found = 1 }
	    END { if (!found) exit 1 }'
}

# dd ARGS...: a dapter command that sets up the test, which bails out if it fails.
dd() {
	"$DAPTER" --db "$db" "$@" >/dev/null 2>"$tmp/setup.err" ||
	    { echo "Bail out! $*: $(cat "$tmp/setup.err")"; exit 1; }
}

# timetable_school: a school with a timetable (tests/data/timetable-7a.csv)
# for 7 Ә: aruzhan teaches Алгебра, pavel Русский язык and Информатика
# (group 1); 5 А has none. Алгебра is lesson 1 on Mondays, 2 on Tuesdays,
# 3 and 4 on Wednesdays and 2 on Fridays.
timetable_school() {
	dd init --school "Мектеп № 1"
	echo "aruzhan-pass-1" | dd user add aruzhan --name "Аружан Серікқызы" --role teacher \
	    --password-stdin
	echo "pavel-pass-12" | dd user add pavel --name "Павел Ким" --role teacher \
	    --password-stdin
	dd class add "5 А"
	dd class add "7 Ә"
	dd subject add Алгебра --hours 3
	dd subject add "Русский язык" --hours 2
	dd subject add Информатика --hours 1
	dd assign aruzhan "7 Ә" Алгебра
	dd assign pavel "7 Ә" "Русский язык"
	dd assign pavel "7 Ә" Информатика --subgroup 1
	printf 'Тегі;Аты\nАхметов;Нұрсұлтан\nБекова;Аружан\nЖұмабаев;Ерасыл\n' \
	    >"$tmp/roster.csv"
	dd roster import "7 Ә" "$tmp/roster.csv"
	dd timetable import "7 Ә" "$top_srcdir/tests/data/timetable-7a.csv"
}

# check DESCRIPTION COMMAND...: one TAP line for the command's status.
check() {
	desc=$1
	shift
	if "$@"; then
		tap_result 0 "$desc"
	else
		tap_result 1 "$desc"
	fi
}
