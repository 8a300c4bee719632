#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every screen heeds a quit (issue 10, the UI in layers): on each screen, a
# prompt and a question the journal is ended as a dropped link ends it
# (SIGHUP to the dapter process; SIGTERM in a second round). The process is
# gone within a bounded wait, nothing stays online or held (`session list`),
# the store never said "database is locked", and no screen read a key after
# the quit (dapter counts such reads and says so on stderr): there is no
# fuse any more to end a screen that ignored it.
. "$top_srcdir/tests/ui/lib.sh"

demo_db

# The journal's own process: the child of the pane's shell.
journal_pid() {
	pgrep -P "$(tm list-panes -t "=$1:" -F '#{pane_pid}')" | head -n 1
}

# ended NAME SIG DESCRIPTION: send SIG to NAME's dapter; it must end and let go.
ended() {
	pid=$(journal_pid "$1")
	if [ -z "$pid" ]; then
		tap_result 1 "$3 ($2): the journal is running"
		return
	fi
	kill -s "$2" "$pid"
	i=0
	while kill -0 "$pid" 2>/dev/null && [ "$i" -lt $((100 * slow)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		tap_result 1 "$3 ($2): the journal ends"
		echo "# still running after 10 s; the pane shows:"
		screen "$1" | sed 's/^/#   |/'
		kill -s KILL "$pid" 2>/dev/null
	else
		tap_result 0 "$3 ($2): the journal ends"
	fi
	"$DAPTER" --db "$db" session list >"$tmp/sessions" 2>&1
	if [ -s "$tmp/sessions" ]; then
		tap_result 1 "$3 ($2): nothing stays online or held"
		sed 's/^/#   /' "$tmp/sessions"
	else
		tap_result 0 "$3 ($2): nothing stays online or held"
	fi
	check "$3 ($2): the quit is heeded at once, no key read after it" \
	    sh -c "! grep -q 'read keys .* after the session ended' '$tmp/$1.err'"
	check "$3 ($2): no \"database is locked\"" \
	    sh -c "! grep -q 'database is locked' '$tmp/$1.err' && \
	    ! tm capture-pane -p -t '=$1:' | grep -q 'database is locked'" 2>/dev/null
	tm kill-session -t "=$1"
}

# at NAME LOGIN: NAME runs LOGIN's journal, on the home screen.
at() {
	start "$1" 80 24 -- --as "$2"
	wait_for "$1" "My journals" || tap_result 1 "$1: the home screen comes"
}

# page NAME: at aigerim's page of 7 Ә Алгебра.
page() {
	at "$1" aigerim
	keys "$1" Enter
	wait_for "$1" "23.11 FA:" || tap_result 1 "$1: the page opens"
}

# users NAME: at the administration's list of users.
users() {
	at "$1" admin
	keys "$1" A
	wait_for "$1" "Administration" >/dev/null
	admin_menu "$1" 0
	wait_for "$1" "aigerim" || tap_result 1 "$1: the list of users opens"
}

# plan NAME: at the plan of aigerim's page.
plan() {
	page "$1"
	keys "$1" p
	wait_for "$1" "· plan" || tap_result 1 "$1: the plan opens"
}

# locked NAME: aigerim's page behind the lock screen.
locked() {
	page "$1"
	keys "$1" L
	wait_for "$1" "This session is locked" || tap_result 1 "$1: the lock screen comes"
}

# reached NAME SIG TEXT DESCRIPTION: once TEXT is on NAME, SIG ends it (ended).
reached() {
	check "$2 round: reaches $4" wait_for "$1" "$3"
	ended "$1" "$2" "$4"
}

n=0
for sig in HUP TERM; do
	n=$((n + 1))
	s=h$n
	at $s aigerim
	ended $s $sig "home screen"

	s=q$n
	at $s aigerim
	keys $s q
	reached $s $sig "Quit the journal? (y/n)" "the question before quitting"

	s=k$n
	at $s aigerim
	keys $s ?
	reached $s $sig "Keys" "the help"

	s=g$n
	page $s
	ended $s $sig "a journal page"

	s=d$n
	page $s
	keys $s D
	reached $s $sig "(y/n)" "a question on a page"

	s=v$n
	at $s zaure
	keys $s c
	reached $s $sig "7 Ә · class view" "the class view"

	s=p$n
	plan $s
	ended $s $sig "the plan"

	s=f$n
	plan $s
	keys $s a
	reached $s $sig "(y/n)" "a question on the plan"

	s=e$n
	plan $s
	keys $s a
	wait_for $s "(y/n)" >/dev/null
	keys $s n
	reached $s $sig "plan · topic 1" "the plan's topic form"

	s=c$n
	page $s
	keys $s c
	reached $s $sig "Comment ·" "the comment editor"

	s=t$n
	page $s
	keys $s t
	reached $s $sig "Topic:" "a prompt of the lesson form"

	s=u$n
	users $s
	ended $s $sig "the administration's list of users"

	s=a$n
	users $s
	keys $s a
	reached $s $sig "Login of the new user:" "a prompt on an administration list"

	s=y$n
	users $s
	keys $s Down Down p
	reached $s $sig "(y/n)" "a yes/no question on an administration list"

	s=w$n
	at $s admin
	keys $s A
	wait_for $s "Administration" >/dev/null
	admin_menu $s 1
	wait_for $s "T Timetable" >/dev/null
	keys $s T
	check "$sig round: reaches the timetable" wait_re $s "^ +Mon +Tue +Wed +Thu +Fri +Sat *$"
	ended $s $sig "the timetable"

	s=x$n
	at $s admin
	keys $s A
	wait_for $s "Administration" >/dev/null
	admin_menu $s 1
	wait_for $s "T Timetable" >/dev/null
	keys $s i
	wait_for $s "empty: paste it here" >/dev/null
	keys $s Enter
	reached $s $sig "Paste the class list of" "the roster's paste screen"

	s=r$n
	at $s aigerim
	keys $s R
	wait_for $s "Analysis of summative work" >/dev/null
	keys $s Enter
	wait_for $s "Period (or year):" >/dev/null
	keys $s Enter
	reached $s $sig "Report cards: 7 Ә" "the reports' pager"

	s=l$n
	locked $s
	ended $s $sig "the lock screen"

	s=i$n
	start $s 80 24 DAPTER_IDLE_LOCK=2 -- --as aigerim
	reached $s $sig "This session is locked" "the lock screen of a session left alone"

	s=m$n
	locked $s
	keys $s Tab
	reached $s $sig "Another teacher" "another teacher's login on the lock screen"

	s=o$n
	at $s aigerim
	keys $s P
	reached $s $sig "Old password:" "the password change"
done
tap_done
