#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dapter serve: the journal UI over `ssh -t` and `plink -t`, driven in
# tmux. The session starts, the UI's screen arrives, a resize reaches it;
# when the link drops the journal waits in its holder, the next login of
# the user resumes it (repainted, at the new size), and a journal nobody
# comes back to is closed after --detach-timeout.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh sshpass tmux
sock="dapter-test-$$"
on_exit='tmux -L "$sock" kill-server 2>/dev/null'

start_server --detach-timeout 4
# A session that lives as long as the test: tmux's server exits with its last
# session, and a capture or new-session racing a kill-session then finds it
# gone ("server exited unexpectedly") on a busy machine.
tmux -L "$sock" -f /dev/null new-session -d -s keep "sleep 100000" ||
    { echo "Bail out! cannot start tmux"; exit 1; }
opts="-p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
opts="$opts -o ConnectTimeout=10 -F /dev/null -o PubkeyAuthentication=no"

# wait_for FILE PATTERN: up to 10 s for PATTERN to appear in FILE (or the pane).
pane() { tmux -L "$sock" capture-pane -p -J -t =t: >"$tmp/pane" 2>/dev/null; }
wait_pane() {
	i=0
	while [ $i -lt 100 ]; do
		pane
		grep -qF -- "$1" "$tmp/pane" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}
wait_log() {
	i=0
	while [ $i -lt 100 ]; do
		grep -qF -- "$1" "$tmp/serve.log" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}

tmux -L "$sock" -f /dev/null new-session -d -s t -x 80 -y 24 \
    "SSHPASS=aigerim-demo sshpass -e ssh -t $opts aigerim@127.0.0.1; echo SSH-EXIT=\$?; sleep 60"
wait_log "aigerim opens the journal"
tap_result $? "ssh -t starts the journal for the user"
has "$tmp/serve.log" "x24)" "the pty has the client's size"
# Whatever the UI shows first (its home screen), something arrives.
i=0
while [ $i -lt 100 ]; do
	pane
	[ -n "$(tr -d ' \n' <"$tmp/pane")" ] && break
	i=$((i + 1))
	sleep 0.1
done
[ -n "$(tr -d ' \n' <"$tmp/pane")" ]; tap_result $? "the UI's screen arrives over the channel"
lacks "$tmp/pane" "Permission denied" "no authentication failure"
lacks "$tmp/pane" "SSH-EXIT" "the session is still open"
lacks "$tmp/pane" "needs a terminal" "the shell request had a pty"
sed 's/^/#   | /' "$tmp/pane" | head -n 6
ui=$(pgrep -f -- "--db $db --as aigerim --remote" | head -n 1)
[ -n "$ui" ]; tap_result $? "the UI runs as its own process (dapter --as LOGIN --remote)"
# The UI registers itself once its home screen is up: from the client's address.
i=0
until "$DAPTER" --db "$db" session list 2>/dev/null | grep -q "aigerim"; do
	i=$((i + 1)); [ $i -lt 50 ] || break; sleep 0.1
done
"$DAPTER" --db "$db" session list >"$tmp/sessions" 2>&1
has "$tmp/sessions" "ssh 127.0.0.1" "session list shows where the journal is used from"
if [ -n "$ui" ]; then
	tmux -L "$sock" resize-window -t =t: -x 60 -y 20 2>/dev/null
	i=0
	while [ $i -lt 50 ]; do
		[ "$(stty -F /proc/"$ui"/fd/0 size 2>/dev/null)" = "20 60" ] && break
		i=$((i + 1))
		sleep 0.1
	done
	[ "$(stty -F /proc/"$ui"/fd/0 size 2>/dev/null)" = "20 60" ]
	tap_result $? "a window change resizes the UI's pty"
fi

if [ -n "$ui" ]; then
	tr '\0' '\n' </proc/"$ui"/environ >"$tmp/environ" 2>/dev/null
	term=$(tmux -L "$sock" show-options -gv default-terminal 2>/dev/null)
	grep -qx "TERM=${term:-screen}" "$tmp/environ"
	tap_result $? "the UI gets the client's TERM (${term:-screen})"
	lacks "$tmp/environ" "DAPTER_DB=" "and not the server's DAPTER_DB"
fi
# A terminal the server has no terminfo entry for: the UI gets xterm instead.
tmux -L "$sock" -f /dev/null new-session -d -s w -x 80 -y 24 \
    "TERM=no-such-term SSHPASS=marat-demo sshpass -e ssh -t $opts marat@127.0.0.1; sleep 60"
wait_log "marat opens the journal (no-such-term"
tap_result $? "a client's unknown TERM is taken"
i=0
until [ -n "$(pgrep -f -- "--db $db --as marat --remote" | head -n 1)" ] || [ $i -ge 50 ]; do
	i=$((i + 1))
	sleep 0.1
done
w=$(pgrep -f -- "--db $db --as marat --remote" | head -n 1)
tr '\0' '\n' </proc/"$w"/environ >"$tmp/environ" 2>/dev/null
grep -q "^TERM=xterm" "$tmp/environ"; tap_result $? "and replaced by one terminfo knows (xterm)"
tmux -L "$sock" kill-session -t =w

# PuTTY: plink -t, which says "Press Return" after keyboard-interactive.
if command -v plink >/dev/null 2>&1; then
	fp=$(awk '$1 == "ssh-ed25519" { print $2 }' "$tmp/serve.out")
	tmux -L "$sock" -f /dev/null new-session -d -s p -x 80 -y 24 \
	    "plink -t -P $port -pw zaure-demo -hostkey $fp zaure@127.0.0.1; sleep 60"
	# PuTTY waits for Return before it asks for the shell.
	i=0
	until grep -q "zaure opens the journal" "$tmp/serve.log" || [ $i -ge 20 ]; do
		tmux -L "$sock" capture-pane -p -t =p: | grep -q "Press Return" &&
		    tmux -L "$sock" send-keys -t =p: Enter
		i=$((i + 1))
		sleep 0.5
	done
	grep -q "zaure opens the journal" "$tmp/serve.log"
	tap_result $? "plink -t starts the journal"
	sleep 1
	tmux -L "$sock" capture-pane -p -t =p: >"$tmp/pane"
	lacks "$tmp/pane" "needs a terminal" "plink's shell request had a pty"
	lacks "$tmp/pane" "FATAL" "plink reports no error"
	tmux -L "$sock" kill-session -t =p
fi

# A mark typed just before the link drops is kept.
tmux -L "$sock" send-keys -t =t: Enter
wait_pane "7 Ә · Алгебра"
tap_result $? "the journal page opens over ssh -t"
tmux -L "$sock" send-keys -t =t: 6
i=0
until grep -q "^.Ахметов .* 6 " "$tmp/pane" || [ $i -ge 100 ]; do
	pane
	i=$((i + 1))
	sleep 0.1
done
grep -q "^.Ахметов .* 6 " "$tmp/pane"; tap_result $? "a mark is typed over the link"

# The link drops without a word: the journal waits for its user.
tmux -L "$sock" kill-session -t =t 2>/dev/null
wait_log "aigerim: the link dropped"
tap_result $? "a dropped link is noticed and logged"
sleep 0.5
[ -n "$ui" ] && kill -0 "$ui" 2>/dev/null
tap_result $? "the UI outlives the dropped link, in its holder"
ls "$db.sessions" 2>/dev/null | grep -q "^aigerim@"
tap_result $? "the holder listens on a socket in DB.sessions"
[ "$(stat -c %a "$db.sessions" 2>/dev/null)" = 700 ]
tap_result $? "DB.sessions is 0700"

# The next login is offered the journal, takes it, and sees it whole.
tmux -L "$sock" -f /dev/null new-session -d -s t -x 70 -y 20 \
    "SSHPASS=aigerim-demo sshpass -e ssh -t $opts aigerim@127.0.0.1; echo SSH-EXIT=\$?; sleep 60"
wait_pane "Resume it?"
tap_result $? "the next login offers to resume the journal"
: >"$tmp/pane"
tmux -L "$sock" send-keys -t =t: y
wait_log "aigerim resumes the journal (70x20)"
tap_result $? "answering y resumes it"
i=0
while [ $i -lt 50 ]; do
	[ "$(stty -F /proc/"$ui"/fd/0 size 2>/dev/null)" = "20 70" ] && break
	i=$((i + 1))
	sleep 0.1
done
[ "$(stty -F /proc/"$ui"/fd/0 size 2>/dev/null)" = "20 70" ]
tap_result $? "the resumed UI has the new terminal's size"
sleep 1
pane
[ "$(grep -c . "$tmp/pane")" -gt 2 ]; tap_result $? "the resumed journal is drawn again"
sed 's/^/#   | /' "$tmp/pane" | head -n 4
has "$tmp/pane" "This session is locked" "a journal left alone by a dropped link locked itself"
tmux -L "$sock" send-keys -t =t: aigerim-demo Enter
wait_pane "7 Ә · Алгебра"
tap_result $? "the password opens it again on the page it was left on"
# The title comes before the rows: give the page a moment to be drawn whole.
i=0
until grep -q "^.Ахметов .* 6 " "$tmp/pane" || [ $i -ge 50 ]; do
	i=$((i + 1)); sleep 0.1; pane
done
grep -q "^.Ахметов .* 6 " "$tmp/pane"; tap_result $? "with the mark typed before the drop"
"$DAPTER" --db "$db" marks export "7 Ә" Алгебра >"$tmp/export" 2>&1
grep "Ахметов Нұрсұлтан" "$tmp/export" | grep -q ',6$'; tap_result $? "and the mark is in the journal"
[ "$(pgrep -f -- "--db $db --as aigerim --remote" | head -n 1)" = "$ui" ]
tap_result $? "it is the same UI process, not a new one"

# A second login while the first is still attached (a phone whose link
# died unnoticed) takes the journal over; the first connection ends.
tmux -L "$sock" -f /dev/null new-session -d -s u -x 80 -y 24 \
    "SSHPASS=aigerim-demo sshpass -e ssh -t $opts aigerim@127.0.0.1; echo SSH-EXIT=\$?; sleep 60"
i=0
until tmux -L "$sock" capture-pane -p -t =u: | grep -q "Resume it?" || [ $i -ge 100 ]; do
	i=$((i + 1))
	sleep 0.1
done
tmux -L "$sock" send-keys -t =u: Enter
i=0
until [ "$(stty -F /proc/"$ui"/fd/0 size 2>/dev/null)" = "24 80" ] || [ $i -ge 50 ]; do
	i=$((i + 1))
	sleep 0.1
done
[ "$(stty -F /proc/"$ui"/fd/0 size 2>/dev/null)" = "24 80" ]
tap_result $? "a second login takes the attached journal over (Enter means yes)"
wait_pane "SSH-EXIT="
tap_result $? "and the first connection ends"
tmux -L "$sock" kill-session -t =t 2>/dev/null
tmux -L "$sock" kill-session -t =u 2>/dev/null
wait_log "aigerim: the link dropped"

# "n" leaves the old journal waiting and opens a new one.
tmux -L "$sock" -f /dev/null new-session -d -s t -x 80 -y 24 \
    "SSHPASS=aigerim-demo sshpass -e ssh -t $opts aigerim@127.0.0.1; sleep 60"
wait_pane "Resume it?"
tmux -L "$sock" send-keys -t =t: n
wait_log "aigerim opens a new journal"
tap_result $? "answering n opens a new journal"
sleep 1
[ "$(pgrep -f -- "--db $db --as aigerim --remote" | wc -l)" -eq 2 ]
tap_result $? "beside the waiting one"
tmux -L "$sock" kill-session -t =t 2>/dev/null

# Nobody comes back: after --detach-timeout the journal is closed.
tmux -L "$sock" kill-session -t =t 2>/dev/null
i=0
while [ $i -lt 100 ] && kill -0 "$ui" 2>/dev/null; do
	i=$((i + 1))
	sleep 0.1
done
! kill -0 "$ui" 2>/dev/null; tap_result $? "a journal left alone is closed after --detach-timeout"
i=0
while [ $i -lt 100 ] && pgrep -f -- "--db $db --as" >/dev/null; do
	i=$((i + 1))
	sleep 0.1
done
sleep 0.5
! ls "$db.sessions" 2>/dev/null | grep -q "^aigerim@"
tap_result $? "and its socket is removed"
has "$tmp/serve.log" "nobody came back in 4 s" "the holder logs why it closed the journal"
wait_log "closed"
tap_result $? "the connection's end is logged"
kill -0 "$srv"; tap_result $? "the server still runs"
done_testing
