#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The OpenSSH door: sshd's ForceCommand runs dapter for the account sshd
# authenticated, mapped to the dapter user of the same login; the client's
# command runs as that user's command, and a terminal gets the journal.
. "${top_srcdir:-.}/tests/cli/lib.sh"
sshd=$(command -v sshd || echo /usr/sbin/sshd)
for tool in "$sshd" ssh ssh-keygen python3 tmux; do
	command -v "$tool" >/dev/null 2>&1 || { echo "1..0 # SKIP no $tool"; exit 0; }
done
[ "$(id -u)" -eq 0 ] || { echo "1..0 # SKIP sshd must run as root to log users in"; exit 0; }
me=$(id -un)

srv=
# On exit and on interrupt: sshd, the tmux server, and every dapter it ran on this database.
cleanup() {
	[ -n "$srv" ] && kill "$srv" 2>/dev/null
	tmux -L "forced-$$" kill-server 2>/dev/null
	pids=$(pgrep -f -- "--db $db ")
	[ -n "$pids" ] && kill -KILL $pids 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
"$DAPTER" --db "$db" demo --no-serve >/dev/null || { echo "Bail out! no demo school"; exit 1; }
# The OS account running the test becomes a teacher of 8 Б's algebra.
"$DAPTER" --db "$db" user add "$me" --name "Test Teacher" --role teacher >/dev/null
"$DAPTER" --db "$db" assign "$me" "8 Б" Алгебра >/dev/null

ssh-keygen -q -t ed25519 -N '' -f "$tmp/hostkey" && ssh-keygen -q -t ed25519 -N '' -f "$tmp/id"
# A stand-in mosh-server: it writes down its words and its environment.
mkdir -p "$tmp/bin"
cat >"$tmp/bin/mosh-server" <<MOSH
#!/bin/sh
printf '%s\n' "\$@" >"$tmp/mosh.args"
env >"$tmp/mosh.env"
echo "MOSH CONNECT 60001 AAAAAAAAAAAAAAAAAAAAAA"
MOSH
chmod +x "$tmp/bin/mosh-server"
cp "$tmp/id.pub" "$tmp/authorized_keys"
# sshd cannot take port 0 and say which it got: pick a free port, and pick
# again if another process took it before sshd could (sshd then exits).
mkdir -p /run/sshd
try=0
while :; do
	try=$((try + 1))
	[ "$try" -le 5 ] || { echo "Bail out! sshd did not start"; cat "$tmp/sshd.log"; exit 1; }
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	cat >"$tmp/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $tmp/hostkey
PidFile $tmp/sshd.pid
AuthorizedKeysFile $tmp/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
StrictModes no
UsePAM no
SetEnv DAPTER_TODAY=2026-11-23 DAPTER_LOCALEDIR=${DAPTER_LOCALEDIR:-} DAPTER_KEYMAPDIR=${DAPTER_KEYMAPDIR:-} DAPTER_IDLE_LOCK=0 LD_LIBRARY_PATH=$tmp/evil PATH=$tmp/bin:/usr/bin:/bin
ForceCommand $DAPTER --db $db --forced
CONF
	"$sshd" -D -e -f "$tmp/sshd_config" 2>"$tmp/sshd.log" &
	srv=$!
	i=0
	while kill -0 "$srv" 2>/dev/null && [ "$i" -lt 100 ] &&
	    ! python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do
		i=$((i + 1))
		sleep 0.1
	done
	kill -0 "$srv" 2>/dev/null && [ "$i" -lt 100 ] && break
	kill "$srv" 2>/dev/null
	wait "$srv" 2>/dev/null
	srv=
done
o="-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -i $tmp/id -p $port"

ssh $o "$me@127.0.0.1" journal list >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "a command through sshd's ForceCommand runs"
has "$tmp/out" "8 Б	Алгебра	0	$me" "as the dapter user of the OS account"
lacks "$tmp/out" "7 Ә	Алгебра" "and sees only that user's journals"
ssh $o "$me@127.0.0.1" user list >"$tmp/out" 2>"$tmp/err"; st=$?
status 3 "with that user's role: a teacher may not list users"
ssh $o "$me@127.0.0.1" --as admin user list >"$tmp/out" 2>"$tmp/err"; st=$?
[ "$st" -ne 0 ] && ! grep -q "aigerim" "$tmp/out"; tap_result $? "a client's --as is a command word, not an option"
ssh $o "$me@127.0.0.1" marks export "'8 Б'" Алгебра >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "quoted words arrive whole"
has "$tmp/out" "Class,8 Б,Subject,Алгебра" "marks export over the OpenSSH door"
ssh $o "$me@127.0.0.1" roster import "'8 Б'" /etc/passwd >"$tmp/out" 2>"$tmp/err"; st=$?
[ "$st" -ne 0 ]; tap_result $? "paths on the server are refused over the OpenSSH door too"
ssh $o "$me@127.0.0.1" >"$tmp/out" 2>"$tmp/err" </dev/null; st=$?
status 1 "no command and no terminal: a clear refusal"
has "$tmp/err" "use ssh -t" "saying how to get a terminal"

# mosh through the OpenSSH door: only the options dapter needs get through.
ssh $o "$me@127.0.0.1" mosh-server new -s -c 256 -l LANG=en_US.UTF-8 -l LC_ALL=C.UTF-8 \
    >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "mosh-server new with the mosh client's own options runs"
has "$tmp/out" "MOSH CONNECT" "the stand-in mosh-server answered"
tr '\n' ' ' <"$tmp/mosh.args" >"$tmp/args"
has "$tmp/args" "new -s -c 256 -l LANG=en_US.UTF-8 -l LC_ALL=C.UTF-8 -- $DAPTER --db $db --forced" \
    "with those options, and the journal as its program"
lacks "$tmp/mosh.env" "DAPTER_IDLE_LOCK" "sshd's DAPTER_* settings do not reach it"
lacks "$tmp/mosh.env" "DAPTER_TODAY" "nor DAPTER_TODAY"
lacks "$tmp/mosh.env" "LD_LIBRARY_PATH" "nor LD_*"
rm -f "$tmp/mosh.args"
for bad in "-l DAPTER_TODAY=2020-01-01" "-l LD_PRELOAD=/tmp/x.so" "-l LANG=x;rm" "--bogus" "-p"; do
	ssh $o "$me@127.0.0.1" mosh-server new $bad >"$tmp/out" 2>"$tmp/err"; st=$?
	[ "$st" -ne 0 ] && [ ! -e "$tmp/mosh.args" ]; tap_result $? "mosh-server new $bad is refused"
done
has "$tmp/err" "is not allowed here" "saying what is allowed"

tmux -L "forced-$$" -f /dev/null new-session -d -s f -x 80 -y 24 \
    "ssh -t $o $me@127.0.0.1; echo EXITED \$?; sleep 60"
i=0
until tmux -L "forced-$$" capture-pane -p -t =f: | grep -q "My journals"; do
	i=$((i + 1)); [ "$i" -lt 100 ] || break
	sleep 0.1
done
tmux -L "forced-$$" capture-pane -p -t =f: >"$tmp/screen"
has "$tmp/screen" "My journals" "ssh -t opens the journal editor for the OS account's user"
has "$tmp/screen" "8 Б" "with that user's journals"
tmux -L "forced-$$" send-keys -t =f: q
done_testing
