#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dapter serve: the keys of a journal page over `ssh -t` still work after the
# link drops and the user resumes, and after a second client takes the page
# over. A new terminal knows nothing of the modes the UI set on the first one
# (keypad transmit sends SS3 arrows, CSI without it): the UI must set them
# again and read both, and a sequence it does not know must never act as Esc.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh sshpass tmux
sock="dapter-test-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; [ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$tmp"' EXIT
start_server --detach-timeout 60
opts="-p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
opts="$opts -o ConnectTimeout=10 -F /dev/null -o PubkeyAuthentication=no"
tm() { tmux -L "$sock" -f /dev/null "$@"; }
# A session that lives as long as the test: tmux's server exits with its last
# session, and a capture or new-session racing a kill-session then finds it
# gone ("server exited unexpectedly") on a busy machine.
tm new-session -d -s keep "sleep 100000" || { echo "Bail out! cannot start tmux"; exit 1; }

# login NAME: aigerim over ssh -t in tmux session NAME.
login() {
	tm new-session -d -s "$1" -x 80 -y 24 \
	    "SSHPASS=aigerim-demo sshpass -e ssh -t $opts aigerim@127.0.0.1; echo SSH-EXIT=\$?; sleep 60"
}
# wait_re NAME ERE: up to 10 s for a line of session NAME's pane to match.
wait_re() {
	i=0
	while [ $i -lt 100 ]; do
		tm capture-pane -p -t "=$1:" >"$tmp/pane" 2>/dev/null
		grep -qE -- "$2" "$tmp/pane" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	echo "#   no line matches \"$2\" in:"
	sed 's/^/#   | /' "$tmp/pane"
	return 1
}
# cell_is NAME WANT: up to 10 s for the first pupil's mark on 04.11 to be WANT.
cell_is() {
	i=0
	while [ $i -lt 100 ]; do
		tm capture-pane -p -t "=$1:" >"$tmp/pane" 2>/dev/null
		[ "$(grid_cells "$tmp/pane" 04 | head -n 1)" = " $2" ] && return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}
# modes NAME WHEN: the UI put the terminal in session NAME in application
# cursor and keypad mode (keypad transmit), as it did the first one.
modes() {
	i=0
	while [ $i -lt 100 ]; do
		m=$(tm display -p -t "=$1:" '#{keypad_cursor_flag}#{keypad_flag}' 2>/dev/null)
		[ "$m" = 11 ] && break
		i=$((i + 1))
		sleep 0.1
	done
	[ "$m" = 11 ]; tap_result $? "$2: the terminal is in keypad transmit mode (flags $m)"
}
page="^7 Ә · Алгебра"
first="^>Ахметов"
second="^>Әбілқасымова"

# keys NAME WHEN: the page's keys in session NAME, each waited for.
keys() {
	s=$1
	tm send-keys -t "=$s:" Home
	wait_re "$s" "^04\.11 "; tap_result $? "$2: Home goes to the first lesson"
	tm send-keys -t "=$s:" Down
	wait_re "$s" "$second"; tap_result $? "$2: Down goes to the next pupil"
	tm send-keys -t "=$s:" Up
	wait_re "$s" "$first"; tap_result $? "$2: Up goes back"
	tm send-keys -t "=$s:" PageDown
	wait_re "$s" "^>Ізбасарова"; tap_result $? "$2: PageDown goes a page down"
	tm send-keys -t "=$s:" PageUp
	wait_re "$s" "$first"; tap_result $? "$2: PageUp goes a page up"
	tm send-keys -t "=$s:" End
	wait_re "$s" "^23\.11 "; tap_result $? "$2: End goes to the last lesson"
	tm send-keys -t "=$s:" Home
	wait_re "$s" "^04\.11 "; tap_result $? "$2: Home again"
	tm send-keys -t "=$s:" KP7
	cell_is "$s" 7; tap_result $? "$2: keypad 7 writes a 7"
	tm send-keys -t "=$s:" Up
	wait_re "$s" "$first"; tap_result $? "$2: and the cursor moved on"
	# The same keys as the other cursor mode sends them, and PuTTY's keypad.
	tm send-keys -t "=$s:" -H 1b 5b 42
	wait_re "$s" "$second"; tap_result $? "$2: CSI Down (ESC [ B)"
	tm send-keys -t "=$s:" -H 1b 4f 41
	wait_re "$s" "$first"; tap_result $? "$2: SS3 Up (ESC O A)"
	tm send-keys -t "=$s:" -H 1b 4f 73
	cell_is "$s" 3; tap_result $? "$2: PuTTY's keypad 3 (ESC O s) writes a 3"
	tm send-keys -t "=$s:" -H 1b 4f 41
	wait_re "$s" "$first"
	# C-Up, a key the journal has no use for, is swallowed whole.
	tm send-keys -t "=$s:" -H 1b 5b 31 3b 35 41
	tm send-keys -t "=$s:" Down
	wait_re "$s" "$second"; tap_result $? "$2: an unknown sequence (ESC [ 1 ; 5 A) is swallowed"
	lacks "$tmp/pane" "My journals" "$2: and the page is still open"
	tm send-keys -t "=$s:" Up
	wait_re "$s" "$first"
}

login t
wait_re t "My journals"; tap_result $? "ssh -t shows the home screen"
tm send-keys -t =t: Enter
wait_re t "$page"; tap_result $? "the journal page opens"
modes t "first login"
keys t "first login"

# The link drops; the next login resumes the page.
tm kill-session -t =t
i=0
until grep -q "aigerim: the link dropped" "$tmp/serve.log" || [ $i -ge 100 ]; do
	i=$((i + 1))
	sleep 0.1
done
login t
wait_re t "Resume it\?"; tap_result $? "the next login offers to resume"
tm send-keys -t =t: y
wait_re t "This session is locked"; tap_result $? "the resumed journal asks for the password"
tm send-keys -t =t: aigerim-demo Enter
wait_re t "$page"; tap_result $? "the page comes back"
modes t "after a resume"
keys t "after a resume"

# A second client takes the page over while the first is attached.
login u
wait_re u "Resume it\?"; tap_result $? "a second login offers the attached journal"
tm send-keys -t =u: y
wait_re u "$page"; tap_result $? "the page is taken over"
wait_re t "SSH-EXIT="; tap_result $? "the first client is let go"
modes u "after a take-over"
keys u "after a take-over"
lacks "$tmp/serve.log" "the journal ended" "the journal never ended"
kill -0 "$srv"; tap_result $? "the server still runs"
done_testing
