#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dapter serve: detached journals are bounded (issue 11, point 4). A teacher
# who drops her link and declines to resume, again and again, keeps at most
# --detached-per-user journals: the fourth closes the oldest, whose holder
# ends, whose page lock is freed and whose socket goes, and the log says so;
# the others stay. --detached-max-total bounds all users together.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh sshpass tmux
sock="dapter-test-$$"
on_exit='tmux -L "$sock" kill-server 2>/dev/null'

start_server --detach-timeout 600 --detached-per-user 3 --detached-max-total 4
# A session that lives as long as the test: tmux's server exits with its last
# session, and a new-session racing a kill-session then finds it gone.
tmux -L "$sock" -f /dev/null new-session -d -s keep "sleep 100000" ||
    { echo "Bail out! cannot start tmux"; exit 1; }
opts="-p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
opts="$opts -o ConnectTimeout=10 -F /dev/null -o PubkeyAuthentication=no"
tm() { tmux -L "$sock" -f /dev/null "$@"; }

# login USER NAME: USER over ssh -t in tmux session NAME.
login() {
	tm new-session -d -s "$2" -x 80 -y 24 \
	    "SSHPASS=$(demo_password "$1") sshpass -e ssh -t $opts $1@127.0.0.1; sleep 60"
}
# wait_pane NAME TEXT: up to 10 s for TEXT on session NAME's screen.
wait_pane() {
	i=0
	while [ $i -lt 100 ]; do
		tm capture-pane -p -J -t "=$1:" >"$tmp/pane" 2>/dev/null
		grep -qF -- "$2" "$tmp/pane" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	sed 's/^/#   | /' "$tmp/pane"
	return 1
}
# wait_count N TEXT: up to 20 s for N lines of the server log to have TEXT.
wait_count() {
	i=0
	while [ $i -lt 200 ]; do
		[ "$(grep -cF -- "$2" "$tmp/serve.log")" -ge "$1" ] && return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}
# detached USER: how many of USER's journals wait detached (their socket is u+x).
detached() {
	n=0
	for f in "$db.sessions/$1@"*; do
		[ -S "$f" ] && [ "$(stat -c %a "$f")" = 700 ] && n=$((n + 1))
	done
	echo $n
}
# wait_detached USER N: up to 20 s for USER to have N detached journals.
wait_detached() {
	i=0
	until [ "$(detached "$1")" = "$2" ] || [ $i -ge 200 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	[ "$(detached "$1")" = "$2" ]
}
# uis USER: the pids of USER's journal UIs.
uis() { pgrep -f -- "--db $db --as $1 --remote" | sort -n; }
# new_ui USER KNOWN: up to 10 s for a UI of USER whose pid is not in KNOWN.
new_ui() {
	i=0
	while [ $i -lt 100 ]; do
		for p in $(uis "$1"); do
			case " $2 " in *" $p "*) ;; *) echo "$p"; return 0 ;; esac
		done
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}
gone() { ! kill -0 "$1" 2>/dev/null; }
wait_gone() {
	i=0
	until gone "$1" || [ $i -ge 100 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	gone "$1"
}

# The first journal holds a page, then its link drops.
login aigerim j1
wait_pane j1 "Алгебра"
tap_result $? "the first journal opens"
ui1=$(new_ui aigerim "")
holder1=$(ps -o ppid= -p "$ui1" | tr -d ' ')
tm send-keys -t =j1: Enter
wait_pane j1 "7 Ә · Алгебра"
tap_result $? "it opens a journal page"
i=0
until [ -n "$(sqlite3 "$db" "SELECT 1 FROM lock WHERE pid = $ui1" 2>/dev/null)" ] ||
    [ $i -ge 100 ]; do
	i=$((i + 1))
	sleep 0.1
done
[ -n "$(sqlite3 "$db" "SELECT 1 FROM lock WHERE pid = $ui1" 2>/dev/null)" ]
tap_result $? "and holds its page lock"
tm kill-session -t =j1
wait_detached aigerim 1
tap_result $? "its link drops: one detached journal"

# another USER K HOME KNOWN: USER's journal K, declining to resume the
# waiting ones, shows HOME and drops its link; prints the new UI's pid.
another() {
	login "$1" "$1$2"
	if [ "$2" -gt 1 ]; then
		wait_pane "$1$2" "Resume it?" >&2 || echo "# no offer to resume in $1$2" >&2
		tm send-keys -t "=$1$2:" n
	fi
	p=$(new_ui "$1" "$4")
	wait_pane "$1$2" "$3" >&2 || echo "# $1's journal $2 shows no home screen" >&2
	tm kill-session -t "=$1$2"
	echo "$p"
}

# Three more, each declining to resume the waiting ones.
known=$ui1
for k in 2 3 4; do
	p=$(another aigerim $k "Алгебра" "$known")
	[ -n "$p" ]; tap_result $? "journal $k opens anew (UI $p)"
	known="$known $p"
	[ $k -lt 4 ] && { wait_detached aigerim "$k"; tap_result $? "$k detached journals"; }
done

wait_count 1 "aigerim keeps at most 3 detached journals; the oldest, aigerim@"
tap_result $? "the server log says the oldest journal is closed for the new one"
wait_count 1 "the journal is closed for a newer one"
tap_result $? "its holder logs why it ends"
wait_gone "$holder1"; tap_result $? "the oldest journal's holder is gone"
wait_gone "$ui1"; tap_result $? "and its UI"
[ -z "$(sqlite3 "$db" "SELECT 1 FROM lock WHERE pid = $ui1" 2>/dev/null)" ]
tap_result $? "its page lock is free"
wait_detached aigerim 3; tap_result $? "three detached journals stay"
[ "$(ls "$db.sessions" | grep -c '^aigerim@')" = 3 ]
tap_result $? "and only their sockets"
for p in ${known#"$ui1"}; do
	kill -0 "$p" 2>/dev/null; tap_result $? "the newer journal $p runs on"
done
lacks "$tmp/serve.log" "the server keeps at most" "the total bound did not act yet"

# Two journals of another teacher pass the total of 4: the oldest of all
# goes, whoever it belongs to; a user's bound alone would keep it.
mknown=
for k in 1 2; do
	p=$(another marat $k "әдебиеті" "$mknown")
	[ -n "$p" ]; tap_result $? "marat's journal $k opens"
	mknown="$mknown $p"
	wait_detached marat "$k"; tap_result $? "marat has $k detached"
done
wait_count 1 "the server keeps at most 4 detached journals; the oldest, aigerim@"
tap_result $? "the server's total bound closes the oldest journal of all"
wait_detached aigerim 2; tap_result $? "aigerim keeps two detached journals"
wait_detached marat 2; tap_result $? "marat keeps both of his"

"$DAPTER" --db "$db" serve --detached-per-user 0 >"$tmp/out" 2>&1
[ $? -eq 2 ]; tap_result $? "--detached-per-user 0 is refused"
has "$tmp/out" "--detached-per-user is a number from 1 to 100" "with a clear error"
# dapter.conf sets them too (and the command line overrides it).
printf 'detached-max-total = 0\n' >"$tmp/dapter.conf"
DAPTER_CONF="$tmp/dapter.conf" "$DAPTER" --db "$db" serve --port 0 >"$tmp/out" 2>&1
[ $? -eq 2 ]; tap_result $? "dapter.conf's detached-max-total is read"
has "$tmp/out" "--detached-max-total is a number from 1 to 10000" "and checked"
done_testing
