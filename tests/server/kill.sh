#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Crash consistency of dapter serve under SIGKILL. Marks are written at once
# by two exec writers (marks import over OpenSSH) and by a teacher typing
# into the journal UI (ssh -t in tmux); at a random moment one of these dies
# by SIGKILL: (a) the UI process, (b) a per-connection process (the UI's or
# an exec's), (c) the whole server: listener, connections, session holders
# and what they run, as a crash of the service would leave it. After each
# kill: integrity_check is ok, the audit chain holds, every mark that was
# acknowledged (exec said "Set", or the UI showed it) is in the database, no
# dead session holds a page lock (store_lock.c: a lock whose process is gone
# is free), and the teacher logs in again and edits the page.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh ssh-keygen tmux sqlite3
# A private copy: a rebuild of src/dapter meanwhile cannot fail a round.
cp "$DAPTER" "$tmp/dapter" && DAPTER="$tmp/dapter"
# Up to DAPTER_KILL_ROUNDS rounds, but no new one after DAPTER_KILL_SECONDS: 2 busy cores
# must not turn this into minutes.
rounds=${DAPTER_KILL_ROUNDS:-30}
budget=${DAPTER_KILL_SECONDS:-80}
sock="dapter-kill-$$"
tm() { tmux -L "$sock" -f /dev/null "$@"; }
# Everything this test started that still runs: the tmux server, and every
# process of the server on this test's database (holders and UIs included). KEEP=1
# leaves $tmp for a post-mortem.
cleanup() {
	tm kill-server 2>/dev/null
	pids=$(pgrep -f -- "--db $db ")
	[ -n "$pids" ] && kill -KILL $pids 2>/dev/null
	[ -n "${KEEP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

ssh-keygen -q -t ed25519 -N '' -f "$tmp/key" &&
"$DAPTER" --db "$db" user key add aigerim "$tmp/key.pub" >/dev/null ||
    { echo "Bail out! cannot give aigerim a key"; exit 1; }
start_server --detach-timeout 60
# A session that lives as long as the test: tmux's server exits with its last
# session, and a capture racing the kill-session/new-session of a re-login
# then fails ("server exited unexpectedly") and reads an empty pane.
tm new-session -d -s keep "sleep 100000" ||
    { echo "Bail out! cannot start tmux"; exit 1; }
opts="-p $port -F /dev/null -i $tmp/key -o IdentitiesOnly=yes -o BatchMode=yes
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR
    -o ConnectTimeout=5"
uipat="--db $db --as aigerim --remote\$"	# the UI; commands have "-- ARGS" after --remote

# The UI types into 7 Ә; the exec writers import into 8 Б: the two never
# write the same cell, so each cell has one writer and one order of writes.
day=2026-11-23
export_pages() {
	"$DAPTER" --db "$db" marks export "7 Ә" Алгебра >"$tmp/ui.csv" 2>/dev/null &&
	"$DAPTER" --db "$db" marks export "8 Б" Алгебра >"$tmp/ex.csv" 2>/dev/null
}
export_pages || { echo "Bail out! cannot export the pages"; exit 1; }
head8=$(sed -n 1p "$tmp/ex.csv")
sed -n '3,$p' "$tmp/ex.csv" | cut -d, -f1,2 >"$tmp/pupils8"
n8=$(wc -l <"$tmp/pupils8")
# now: today's cell of every pupil of both pages, "CELL VALUE" a line ("-" if
# empty); a cell is ui:ROW (the ROWth pupil of the UI's page) or ex:ID.
now() {
	awk -F, -v day=$day 'FNR == 2 { for (i = 1; i <= NF; i++) if ($i == day) col = i }
	    FNR > 2 { v = $col == "" ? "-" : $col
		print (FILENAME ~ /ui.csv$/ ? "ui:" FNR - 3 : "ex:" $1), v }' \
	    "$tmp/ui.csv" "$tmp/ex.csv"
}
now >"$tmp/baseline"

random() { echo $(($(od -An -N2 -tu2 /dev/urandom) % $1)); }
pause() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
pane() { tm capture-pane -p -t =t: >"$tmp/pane" 2>/dev/null; }
# wait_pane TEXT [TICKS]: until the pane shows TEXT (default 200 ticks, 10 s).
wait_pane() {
	i=0
	while [ $i -lt "${2:-200}" ]; do
		pane
		grep -qF -- "$1" "$tmp/pane" && return 0
		i=$((i + 1))
		sleep 0.05
	done
	return 1
}
# alive PID: the process runs (a zombie has ended, whatever kill -0 says).
alive() {
	kill -0 "$1" 2>/dev/null && ! grep -q ') Z' "/proc/$1/stat" 2>/dev/null
}
ui_pid() { pgrep -f -- "$uipat" | head -n 1; }

# writer N: one mark at a time into pupils N, N+2, ... of 8 Б until told to stop.
writer() {
	w=$1 i=0
	while [ ! -e "$tmp/stop" ] && [ ! -e "$tmp/killed" ]; do
		row=$(sed -n "$(((2 * i + w) % n8 + 1))p" "$tmp/pupils8")
		v=$(($(random 10) + 1))
		printf '%s\nID,Pupil,%s\n%s,%s\n' "$head8" "$day" "$row" "$v" >"$tmp/w$w.csv"
		echo "try ex:${row%%,*} $v" >>"$tmp/w$w.log"
		if timeout 20 ssh $opts aigerim@127.0.0.1 marks import <"$tmp/w$w.csv" \
		    >"$tmp/w$w.out" 2>>"$tmp/w$w.err" && grep -q '^Set ' "$tmp/w$w.out"; then
			echo "ack ex:${row%%,*} $v" >>"$tmp/w$w.log"
		fi
		i=$((i + 1))
	done
}

# type_mark: one digit into the cell under the UI's cursor; acknowledged
# when the pane shows it there (the UI draws a mark only once it is stored).
# Returns 1 when no page is on screen or the mark did not show in 3 s.
type_mark() {
	# The page as drawn, with its cursor row: a capture can catch a frame half
	# drawn on a busy machine, so look again (10 s at most).
	i=0
	r=
	while [ $i -lt 200 ]; do
		pane
		if grid_cells "$tmp/pane" 23 >"$tmp/cells"; then
			r=$(awk '/^>/ { print NR - 1; exit }' "$tmp/cells")
			[ -n "$r" ] && break
		fi
		[ -e "$tmp/killed" ] && [ $i -ge 10 ] && return 1
		i=$((i + 1))
		sleep 0.05
	done
	[ -n "$r" ] || return 1
	cur=$(sed -n "$((r + 1))s/^.//p" "$tmp/cells")
	# Near the bottom: back to the top (moving writes nothing).
	if [ "$r" -ge 15 ]; then
		tm send-keys -t =t: Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up
		return 0
	fi
	v=$(($(random 9) + 1))
	[ "$v" = "$cur" ] && v=$((v % 9 + 1))
	echo "try ui:$r $v" >>"$tmp/ui.log"
	tm send-keys -t =t: "$v"
	i=0
	while [ $i -lt 500 ]; do
		pane
		if [ "$(grid_cells "$tmp/pane" 23 | sed -n "$((r + 1))s/^.//p")" = "$v" ]; then
			echo "ack ui:$r $v" >>"$tmp/ui.log"
			return 0
		fi
		[ -e "$tmp/killed" ] && [ $i -ge 10 ] && return 1
		i=$((i + 1))
		sleep 0.02
	done
	return 1
}

# ensure_ui: the teacher on the 7 Ә page in an editing UI, logging in again
# (and resuming a journal a killed connection left behind) when needed.
resumed=0
ensure_ui() {
	if [ -n "$(ui_pid)" ] && tm has-session -t =t 2>/dev/null; then
		pane
		grep -q "SSH-EXIT" "$tmp/pane" || { grep -qF "7 Ә · Алгебра" "$tmp/pane" && return 0; }
	fi
	tm kill-session -t =t 2>/dev/null
	tm new-session -d -s t -x 100 -y 30 \
	    "ssh -t $(echo $opts) aigerim@127.0.0.1; echo SSH-EXIT=\$?; sleep 600"
	# A login after a server kill meets a server just restarted: 30 s at most.
	i=0
	while [ $i -lt 600 ]; do
		pane
		grep -q "Resume it?\|My journals" "$tmp/pane" && break
		i=$((i + 1))
		sleep 0.05
	done
	if grep -q "Resume it?" "$tmp/pane"; then
		# The journal of a killed connection: it locked itself when the link went.
		resumed=$((resumed + 1))
		tm send-keys -t =t: y
		wait_pane "This session is locked" || return 1
		tm send-keys -t =t: aigerim-demo Enter
	elif grep -q "My journals" "$tmp/pane"; then
		tm send-keys -t =t: Enter
	else
		return 1
	fi
	wait_pane " Pupil" 600 || return 1
	grep -qF "7 Ә · Алгебра" "$tmp/pane"
}

# ui_conn_pid: the UI's connection, the last one that opened or resumed the journal.
ui_conn_pid() {
	sed -n 's/.*dapter\[\([0-9]*\)\]: ssh-[0-9]*: aigerim \(opens\|resumes\) the journal.*/\1/p' \
	    "$tmp/serve.log" | tail -n 1
}

# killer KIND MS: after MS ms, SIGKILL the KIND's victim; says what in $tmp/killed.
killer() {
	pause "$2"
	victim=
	case $1 in
	ui)
		victim=$(ui_pid) ;;
	uiconn)
		victim=$(ui_conn_pid) ;;
	execconn)
		# An exec's connection: they come and go (one may end before the
		# kill reaches it), so try until one is caught.
		ui_conn=$(ui_conn_pid)
		i=0
		while [ $i -lt 200 ]; do
			victim=$(pgrep -P "$srv" | grep -vx "${ui_conn:-0}" | head -n 1)
			[ -n "$victim" ] && kill -KILL "$victim" 2>/dev/null && break
			victim=
			sleep 0.005
			i=$((i + 1))
		done ;;
	server)
		victim=$srv ;;
	esac
	if [ -n "$victim" ] && { [ "$1" = execconn ] || kill -KILL "$victim" 2>/dev/null; }; then
		# The whole server: the rest of it too, at once, as a crash of the service.
		[ "$1" = server ] && kill -KILL $(pgrep -f -- "--db $db ") 2>/dev/null
		echo "$1" >"$tmp/killed"
	else
		echo missed >"$tmp/killed"
	fi
}

# check_marks BASELINE NOW LOG...: each log has "try CELL VALUE" (a write
# started) and "ack CELL VALUE" (acknowledged: exec exited 0 and said "Set",
# or the UI showed the mark) in the order they happened. A cell must hold its
# last acknowledged value, or its value at the round's start when nothing
# was acknowledged, or the value of a write whose fate is unknown: one under
# way at the kill, or one a killed connection's command still made after it.
check_marks() {
	awk 'FILENAME == ARGV[1] { base[$1] = $2; next }
	    FILENAME == ARGV[2] { now[$1] = $2; next }
	    { cell[$2] = 1 }
	    $1 == "try" { tries++; open[$2, $3] = 1 }
	    $1 == "ack" { acks++; ack[$2] = $3; delete open[$2, $3] }
	    END {
		for (c in cell) {
			want = c in ack ? ack[c] : c in base ? base[c] : "-"
			if (now[c] != want && !((c, now[c]) in open)) {
				print "#   " c " holds " now[c] "; acknowledged: " want
				bad++
			}
		}
		print "acked " acks + 0 " tried " tries + 0
		exit bad > 0
	    }' "$@"
}

# checks ROUND WHAT: the database after a kill. Prints what failed; 1 if anything did.
checks() {
	bad=0
	ic=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
	[ "$ic" = ok ] || { echo "# round $1 ($2): integrity_check says: $ic"; bad=1; }
	"$DAPTER" --db "$db" audit verify >"$tmp/out" 2>"$tmp/err" ||
	    { echo "# round $1 ($2): audit verify: $(cat "$tmp/err")"; bad=1; }
	# Nobody keeps SQLite's write lock: a write transaction starts at once.
	sqlite3 "$db" '.timeout 3000' 'BEGIN IMMEDIATE' 'ROLLBACK' >/dev/null 2>&1 ||
	    { echo "# round $1 ($2): the database stays locked"; bad=1; }
	if export_pages; then
		now >"$tmp/now"
		check_marks "$tmp/baseline" "$tmp/now" "$tmp/ui.log" "$tmp/w0.log" \
		    "$tmp/w1.log" >"$tmp/check" ||
		    { echo "# round $1 ($2): an acknowledged mark is lost:"; bad=1; }
		grep '^#' "$tmp/check"
		acked=$((acked + $(awk '/^acked/ { print $2 }' "$tmp/check")))
		tried=$((tried + $(awk '/^acked/ { print $4 }' "$tmp/check")))
		mv "$tmp/now" "$tmp/baseline"
	else
		echo "# round $1 ($2): cannot export the pages"; bad=1
	fi
	# A journal whose holder was killed ends once it finds its terminal gone:
	# give it a moment. One journal at most may run after that.
	i=0
	while [ "$(pgrep -f -- "$uipat" | wc -l)" -gt 1 ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(pgrep -f -- "$uipat" | wc -l)" -le 1 ] ||
	    { echo "# round $1 ($2): a journal outlived its terminal: $(pgrep -f -- "$uipat" | tr '\n' ' ')"; bad=1; }
	# A page lock of a process that is gone is free (store_lock.c): every lock
	# row left must belong to the live UI, if any.
	live=$(ui_pid)
	for pid in $(sqlite3 "$db" 'SELECT pid FROM lock' 2>/dev/null); do
		[ "$pid" != "${live:-none}" ] && alive "$pid" || continue
		# A killed UI's pid taken by another program: the lock's heartbeat
		# runs out (STORE_LOCK_STALE); said, not failed.
		if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--db $db"; then
			echo "# round $1 ($2): a dead journal's pid $pid now runs another program"
			continue
		fi
		echo "# round $1 ($2): process $pid holds a page lock and is not the UI"
		bad=1
	done
	if [ -z "$live" ] && "$DAPTER" --db "$db" session list 2>/dev/null | grep -q .; then
		echo "# round $1 ($2): session list shows a session no process serves"
		bad=1
	fi
	return $bad
}

: >"$tmp/ui.log"; : >"$tmp/w0.log"; : >"$tmp/w1.log"
acked=0 tried=0 broken=0 relogin_failed=0 hung=0 missed=0
k_ui=0 k_uiconn=0 k_execconn=0 k_server=0
after=start	# what the last round killed
t0=$(date +%s)
done_rounds=0
for round in $(seq 1 "$rounds"); do
	[ $(($(date +%s) - t0)) -lt "$budget" ] || break
	done_rounds=$round
	case $((round % 6)) in
	1|4) kind=ui ;;
	2) kind=uiconn ;;
	5) kind=execconn ;;
	*) kind=server ;;
	esac
	# Back to work after the last kill: log in (or resume), open the page, write.
	if ! ensure_ui || ! type_mark; then
		relogin_failed=$((relogin_failed + 1))
		echo "# round $round: after the $after kill the teacher cannot edit the page:"
		sed 's/^/#   | /' "$tmp/pane" | grep -v '^#   | *$'
		continue
	fi
	rm -f "$tmp/stop" "$tmp/killed"
	writer 0 & w0=$!
	writer 1 & w1=$!
	killer "$kind" $((100 + $(random 1000))) &
	kp=$!
	while [ ! -e "$tmp/killed" ]; do
		type_mark || sleep 0.05
	done
	wait "$kp"
	touch "$tmp/stop"
	wait "$w0" "$w1"
	after=$(cat "$tmp/killed")
	if [ "$after" = missed ]; then
		missed=$((missed + 1))
	fi
	# A UI killed ends the client's session; a killed server or connection drops it.
	case $after in
	ui|uiconn|server)
		wait_pane "SSH-EXIT=" 100 ||
		    { hung=$((hung + 1)); echo "# round $round ($after): the ssh client hangs"; } ;;
	esac
	# Commands of a killed connection run on until they notice; let them end.
	i=0
	while pgrep -f -- "--db $db --as aigerim --remote -- " >/dev/null && [ $i -lt 50 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	kill -0 "$srv" 2>/dev/null || { cp "$tmp/serve.log" "$tmp/serve.log.$round"; start_server --detach-timeout 60; }
	if checks "$round" "$after"; then
		case $after in
		ui) k_ui=$((k_ui + 1)) ;;
		uiconn) k_uiconn=$((k_uiconn + 1)) ;;
		execconn) k_execconn=$((k_execconn + 1)) ;;
		server) k_server=$((k_server + 1)) ;;
		esac
	else
		broken=$((broken + 1))
	fi
	: >"$tmp/ui.log"; : >"$tmp/w0.log"; : >"$tmp/w1.log"
done
# The last kill too: the teacher gets back to the page and writes.
if ensure_ui && type_mark; then :; else
	relogin_failed=$((relogin_failed + 1))
	echo "# after the last ($after) kill the teacher cannot edit the page:"
	sed 's/^/#   | /' "$tmp/pane"
fi
t1=$(date +%s)

kills=$((k_ui + k_uiconn + k_execconn + k_server))
tap_result $((broken != 0)) "after every kill: integrity_check ok, audit chain holds, acknowledged marks kept, no dead lock"
tap_result $((relogin_failed != 0)) "after every kill the teacher logs in again (or resumes) and edits the page"
tap_result $((hung != 0)) "no ssh client hangs after its UI, connection or server was killed"
[ "$missed" -le $((done_rounds / 10)) ]
tap_result $? "the kills found their victims ($missed of $done_rounds missed)"
[ "$k_ui" -ge 2 ] && [ "$((k_uiconn + k_execconn))" -ge 2 ] && [ "$k_server" -ge 2 ]
tap_result $? "each kind of kill came at least twice"
[ "$acked" -ge "$done_rounds" ]
tap_result $? "marks were acknowledged while the kills came ($acked)"
[ "$k_uiconn" -gt 0 ] && [ "$resumed" -gt 0 ]
tap_result $? "a journal whose connection was killed is resumed ($resumed times)"
echo "# rounds: $done_rounds of $rounds"
echo "# kills survived: $kills (ui $k_ui, connection $((k_uiconn + k_execconn)) [ui's $k_uiconn, exec's $k_execconn], server $k_server) in $((t1 - t0)) s"
echo "# marks acknowledged and checked: $acked (of $tried written)"
done_testing
