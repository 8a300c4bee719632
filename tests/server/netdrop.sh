#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Dropped links, for real: the server listens on one end of a veth pair, the
# OpenSSH client runs in a network namespace at the other end, and the
# client's link goes down (ip link set down) mid-authentication, mid-
# keystroke in a journal and mid-output of a long command. Every connection
# process must end within the server's timeouts (--login-grace, and
# --link-timeout: keepalive and TCP_USER_TIMEOUT), the journal must wait in
# its holder and be resumed when the link is back (same page, and the
# summative points being typed still unsaved, as the UI keeps them), and a
# journal nobody comes back to must let go of its page lock.
[ "$(id -u)" -eq 0 ] || { echo "1..0 # SKIP needs root (ip netns, veth)"; exit 0; }
. "${top_srcdir:-.}/tests/server/lib.sh"
need ip ssh ssh-keygen tmux sqlite3
ns="dapter-nd-$$"
vh="dnd$$h"	# the server's end (at most 15 characters)
vn="dnd$$n"	# the client's end, in $ns
sock="dapter-nd-$$"
tm() { tmux -L "$sock" -f /dev/null "$@"; }
# KEEP=1 leaves $tmp for a post-mortem.
cleanup() {
	tm kill-server 2>/dev/null
	pids=$(pgrep -f -- "--db $db ")
	[ -n "$pids" ] && kill -KILL $pids 2>/dev/null
	pids=$(ip netns pids "$ns" 2>/dev/null)
	[ -n "$pids" ] && kill -KILL $pids 2>/dev/null
	ip netns del "$ns" 2>/dev/null	# takes the veth pair with it
	ip link del "$vh" 2>/dev/null
	[ -n "${KEEP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
# A session that lives as long as the test: tmux's server exits with its last
# session, and a capture or new-session racing a kill-session then finds it
# gone ("server exited unexpectedly") on a busy machine.
tm new-session -d -s keep "sleep 100000" || { echo "Bail out! cannot start tmux"; exit 1; }

# A /24 of the benchmarking range (198.18.0.0/15) that no interface uses yet.
i=0
while :; do
	net=198.18.$(($(od -An -N1 -tu1 /dev/urandom) % 254 + 1))
	ip -4 addr show | grep -q " $net\." || break
	i=$((i + 1))
	[ $i -lt 20 ] || { echo "1..0 # SKIP no free 198.18.x.0/24"; exit 0; }
done
if ! ip netns add "$ns" 2>"$tmp/err" ||
    ! ip link add "$vh" type veth peer name "$vn" 2>>"$tmp/err" ||
    ! ip link set "$vn" netns "$ns" ||
    ! ip addr add "$net.1/24" dev "$vh" || ! ip link set "$vh" up ||
    ! ip netns exec "$ns" ip addr add "$net.2/24" dev "$vn" ||
    ! ip netns exec "$ns" ip link set "$vn" up ||
    ! ip netns exec "$ns" ip link set lo up; then
	echo "1..0 # SKIP cannot make a network namespace: $(head -n 1 "$tmp/err")"
	exit 0
fi
link() { ip netns exec "$ns" ip link set "$vn" "$1"; }

ssh-keygen -q -t ed25519 -N '' -f "$tmp/key" &&
ssh-keygen -q -t ed25519 -N '' -f "$tmp/akey" &&
"$DAPTER" --db "$db" user key add aigerim "$tmp/key.pub" >/dev/null &&
"$DAPTER" --db "$db" user key add admin "$tmp/akey.pub" >/dev/null ||
    { echo "Bail out! cannot add the keys"; exit 1; }
# Short timeouts, so that the test sees them run out (defaults: 30 s, 120 s, 8 h).
grace=4 linkt=6 detach=10
listen="$net.1"
start_server --login-grace $grace --link-timeout $linkt --detach-timeout $detach
t0=$(date +%s)
opts="-p $port -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    -o LogLevel=ERROR -o ConnectTimeout=5"
keyopts="-i $tmp/key -o IdentitiesOnly=yes -o BatchMode=yes"
# client ARGS: ssh from inside the namespace.
client() { ip netns exec "$ns" ssh $opts "$@"; }

pane() { tm capture-pane -p -t "=$1:" >"$tmp/pane" 2>/dev/null; }
# wait_pane SESSION TEXT: up to 10 s for TEXT on the session's pane.
wait_pane() {
	i=0
	while [ $i -lt 100 ]; do
		pane "$1"
		grep -qF -- "$2" "$tmp/pane" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}
# wait_log TEXT SECONDS: until the server's log has TEXT after line $seen.
seen=0
wait_log() {
	i=0
	while [ $i -lt $(($2 * 10)) ]; do
		sed -n "$((seen + 1)),\$p" "$tmp/serve.log" | grep -qF -- "$1" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}
# wait_gone PID SECONDS: until the process has ended (a zombie has).
wait_gone() {
	i=0
	while [ $i -lt $(($2 * 10)) ]; do
		kill -0 "$1" 2>/dev/null && ! grep -q ') Z' "/proc/$1/stat" 2>/dev/null || return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}
# last_conn: the pid of the newest connection process (its log says "connection from").
last_conn() {
	sed -n 's/.*dapter\[\([0-9]*\)\]: ssh-[0-9]*: connection from .*/\1/p' "$tmp/serve.log" |
	    tail -n 1
}
# cell ROW DAY: what the pane shows in the ROWth pupil's cell of DAY ("-" if empty).
cell() { grid_cells "$tmp/pane" "$2" | sed -n "$(($1 + 1))s/^.//p"; }
# stored ID DATE: the mark of pupil ID in the lesson of DATE, in the database.
stored() {
	"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 2>/dev/null |
	    awk -F, -v id="$1" -v d="$2" 'NR == 2 { for (i = 1; i <= NF; i++) if (index($i, d) == 1) c = i }
		$1 == id { print $c }'
}

# --- mid-authentication: the client waits at the password prompt, and its link goes ---
tm new-session -d -s auth -x 80 -y 24 \
    "ip netns exec $ns ssh $(echo $opts) -o PubkeyAuthentication=no aigerim@$net.1; sleep 600"
wait_pane auth "assword:"
tap_result $? "a client in the namespace reaches the password prompt"
conn=$(last_conn)
link down
wait_gone "${conn:-0}" $((grace + 3))
tap_result $? "its connection process ends within --login-grace ($grace s) of a dead link"
has "$tmp/serve.log" "no login from $net.2 in $grace s" "and says why"
tm kill-session -t =auth
link up

# --- mid-keystroke: a journal is being typed into when the link goes ---
tm new-session -d -s ui -x 100 -y 30 \
    "ip netns exec $ns ssh -t $(echo $opts $keyopts) aigerim@$net.1; echo SSH-EXIT=\$?; sleep 600"
wait_pane ui "My journals" && tm send-keys -t =ui: Enter && wait_pane ui " Pupil"
tap_result $? "the journal page opens over the namespace's link"
conn=$(last_conn)
ui=$(pgrep -f -- "--db $db --as aigerim --remote\$" | head -n 1)
# Row 0, today (23.11, a regular lesson): a 7 is saved at once; the cursor moves to row 1.
tm send-keys -t =ui: 7
i=0
until pane ui && [ "$(cell 0 23)" = 7 ] || [ $i -ge 50 ]; do i=$((i + 1)); sleep 0.1; done
[ "$(stored 2 2026-11-23)" = 7 ]
tap_result $? "a mark typed before the drop is saved"
# 18.11 is a summative work out of 15: a "1" waits in the cell for a second digit.
before=$(stored 1 2026-11-18)
tm send-keys -t =ui: Left Left 1
i=0
until pane ui && [ "$(cell 1 18)" = 1 ] || [ $i -ge 50 ]; do i=$((i + 1)); sleep 0.1; done
[ "$(cell 1 18)" = 1 ] && [ "$(stored 1 2026-11-18)" = "$before" ]
tap_result $? "summative points being typed show, unsaved"
link down
# The "2" that would make 12 points goes into the dead link.
tm send-keys -t =ui: 2
wait_log "aigerim: the link dropped; the journal waits" $((linkt + 6))
tap_result $? "the server notices the dead link within --link-timeout ($linkt s and keepalive)"
wait_gone "${conn:-0}" 3
tap_result $? "and the connection process ends"
kill -0 "${ui:-0}" 2>/dev/null
tap_result $? "the journal waits in its holder"
"$DAPTER" --db "$db" session list >"$tmp/sessions" 2>&1
has "$tmp/sessions" "locked" "it locked itself (session list)"
link up
tm kill-session -t =ui	# the old client may wait long for its own timeout
tm new-session -d -s ui2 -x 100 -y 30 \
    "ip netns exec $ns ssh -t $(echo $opts $keyopts) aigerim@$net.1; echo SSH-EXIT=\$?; sleep 600"
wait_pane ui2 "Resume it?"
tap_result $? "with the link back, the next login is offered the journal"
tm send-keys -t =ui2: y
wait_pane ui2 "This session is locked" && tm send-keys -t =ui2: aigerim-demo Enter &&
    wait_pane ui2 " Pupil"
tap_result $? "the password opens it again"
has "$tmp/pane" "7 Ә · Алгебра" "on the same page"
[ "$(pgrep -f -- "--db $db --as aigerim --remote\$" | head -n 1)" = "$ui" ]
tap_result $? "in the same UI process"
[ "$(cell 0 23)" = 7 ]; tap_result $? "the mark saved before the drop is shown"
[ "$(cell 1 18)" = 1 ] && [ "$(stored 1 2026-11-18)" = "$before" ]
tap_result $? "the points being typed are still there, unsaved; the key sent into the dead link never came"
tm send-keys -t =ui2: Enter
i=0
until [ "$(stored 1 2026-11-18)" = 1 ] || [ $i -ge 50 ]; do i=$((i + 1)); sleep 0.1; done
[ "$(stored 1 2026-11-18)" = 1 ]; tap_result $? "Enter saves them"

# --- mid-output: a long command's output is on its way when the link goes ---
# The journal's link goes with it; nobody will come back for the journal.
ui=$(pgrep -f -- "--db $db --as aigerim --remote\$" | head -n 1)
seen=$(wc -l <"$tmp/serve.log")
# A slow link (tbf) keeps the output of `audit log` (~170 KB) in flight for seconds.
if tc qdisc add dev "$vh" root tbf rate 256kbit burst 8kb latency 2s 2>/dev/null; then
	client -i "$tmp/akey" -o IdentitiesOnly=yes -o BatchMode=yes admin@"$net.1" audit log >"$tmp/long" 2>/dev/null &
	i=0
	until [ -s "$tmp/long" ] || [ $i -ge 100 ]; do i=$((i + 1)); sleep 0.05; done
	conn=$(last_conn)
	link down
	got=$(wc -c <"$tmp/long")
	tc qdisc del dev "$vh" root 2>/dev/null
	[ "$got" -gt 0 ] && [ "$got" -lt 100000 ]
	tap_result $? "the link goes mid-output ($got bytes arrived)"
	wait_gone "${conn:-0}" $((linkt + 4))
	tap_result $? "the connection process ends within --link-timeout ($linkt s) of unacknowledged output"
	pgrep -f -- "--db $db --as admin --remote -- audit" >/dev/null
	tap_result $((! $?)) "and the command it ran is gone too"
else
	link down
	tap_result 0 "# SKIP no tbf qdisc to slow the link"
fi

# --- nobody comes back: the journal closes after --detach-timeout and lets go of its page ---
wait_log "aigerim: the link dropped; the journal waits" $((linkt + 6)) &&
    sqlite3 "$db" 'SELECT pid FROM lock' | grep -qx "${ui:-none}"
tap_result $? "a journal whose link dropped again holds its page while it waits"
link up
tm kill-server 2>/dev/null	# its client: gone for good
wait_gone "${ui:-0}" $((detach + 6))
tap_result $? "after --detach-timeout ($detach s) the journal is closed"
held=0
for pid in $(sqlite3 "$db" 'SELECT pid FROM lock'); do
	kill -0 "$pid" 2>/dev/null && ! grep -q ') Z' "/proc/$pid/stat" 2>/dev/null && held=1
done
tap_result $held "no page lock is held by a process that is gone"
"$DAPTER" --db "$db" session list >"$tmp/sessions" 2>&1
[ ! -s "$tmp/sessions" ]; tap_result $? "nobody is online any more (session list)"

# No process of the server waits for a link that is gone.
i=0
while [ -n "$(pgrep -P "$srv")" ] && [ $i -lt 50 ]; do i=$((i + 1)); sleep 0.1; done
[ -z "$(pgrep -P "$srv")" ]
tap_result $? "no connection process is left"
# A closed journal's holder and UI end a moment after the page lock goes.
others() { pgrep -f -- "--db $db " | grep -vx "$srv"; }
i=0
while [ -n "$(others)" ] && [ $i -lt 100 ]; do i=$((i + 1)); sleep 0.1; done
[ -z "$(others)" ]
tap_result $? "no holder or command is left"
[ -z "$(others)" ] || ps -o pid,args -p "$(others | tr '\n' ',' | sed 's/,$//')" | sed 's/^/#   /' 
kill -0 "$srv"; tap_result $? "the server still runs"
"$DAPTER" --db "$db" audit verify >"$tmp/out" 2>&1; tap_result $? "the audit chain holds"
echo "# the whole test took $(($(date +%s) - t0)) s"
done_testing
