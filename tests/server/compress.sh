#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dapter serve: SSH compression (zlib@openssh.com, from the login on) with the
# real OpenSSH client, PuTTY's plink and paramiko. By default (auto) OpenSSH
# and PuTTY compress, though they do not ask (ssh without -C), and a client
# that cannot compress still connects, whatever banner it sends; `yes` makes
# every client compress and shuts the others out, saying so; `no` offers
# none; `client` follows the client (ssh -C). The log says what was chosen,
# and a journal works over a compressed link, across rekeys, with OpenSSH and
# with plink: a typed mark reaches the store.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh sshpass tmux
sock="dapter-test-$$"
on_exit='tmux -L "$sock" kill-server 2>/dev/null'
export DAPTER_CONF="$tmp/dapter.conf"
: >"$DAPTER_CONF"
opts="-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=10 -F /dev/null"
opts="$opts -o PubkeyAuthentication=no"

# v ARGS...: `version` over ssh -v ARGS as aigerim; ssh's debug lines in $tmp/v.
v() {
	SSHPASS=aigerim-demo sshpass -e ssh -v -p "$port" $opts "$@" aigerim@127.0.0.1 version \
	    >"$tmp/out" 2>"$tmp/v" </dev/null
	st=$?
}
# negotiated COMP: both directions of the last v chose COMP (ssh ends its lines in CR LF).
negotiated() {
	[ "$(tr -d '\r' <"$tmp/v" | grep -c "kex: .* compression: $1\$")" -eq 2 ]
}
# logged COMP: the server's last connection logged COMP both ways.
logged() {
	grep -a "compression .* to the client" "$tmp/serve.log" | tail -n 1 |
	    grep -q ": compression $1 to the client, $1 from it$"
}

# --- the default: compressed, though ssh was not given -C ---
start_server
v
status 0 "ssh runs a command on the default server"
negotiated zlib@openssh.com; tap_result $? "ssh without -C compresses by default (zlib@openssh.com)"
grep -q "compress outgoing: raw data" "$tmp/v"; tap_result $? "and ssh does compress once logged in"
logged zlib@openssh.com; tap_result $? "the server logs the compression it chose"
if command -v plink >/dev/null 2>&1; then
	fp=$(awk '$1 == "ssh-ed25519" { print $2 }' "$tmp/serve.out")
	timeout 30 plink -v -batch -P "$port" -pw marat-demo -hostkey "$fp" marat@127.0.0.1 \
	    version >"$tmp/out" 2>"$tmp/plink" </dev/null
	st=$?
	status 0 "plink runs a command on the default server"
	has "$tmp/plink" "Initialised delayed zlib (RFC1950) compression" \
	    "plink, compression off in its settings, compresses by default"
fi

# Clients that offer no compression (paramiko's default, as ConnectBot's
# until Compression is ticked, and Windows 10's own ssh 7.7) connect by
# default, whatever banner they send; one that says it is OpenSSH and offers
# none (a build without zlib) is told to compress, and the log says what
# lets it in.
pm=
for py in python3 /usr/bin/python3; do
	"$py" -c 'import paramiko' 2>/dev/null && { pm=$py; break; }
done
# paramiko_version [BANNER]: `version` over paramiko, which offers no
# compression, sending BANNER as its own; status in $st.
paramiko_version() {
	"$pm" - "$port" "${1:-}" >"$tmp/out" 2>"$tmp/err" <<'PY'
import socket, sys, paramiko
t = paramiko.Transport(socket.create_connection(("127.0.0.1", int(sys.argv[1])), 10))
if sys.argv[2]:
    t.local_version = sys.argv[2]
t.start_client(timeout=10)
t.auth_password("aigerim", "aigerim-demo")
c = t.open_session()
c.exec_command("version")
sys.stdout.write(c.makefile().read().decode())
t.close()
PY
	st=$?
}
# log_has TEXT: up to 10 s for TEXT in the server's log.
log_has() {
	within grep -qF -- "$1" "$tmp/serve.log"
}
# mark_is N: the first pupil's mark today (2026-11-23, the last column) is N.
mark_is() {
	"$DAPTER" --db "$db" marks export "7 Ә" Алгебра >"$tmp/marks.csv" 2>&1 &&
	    grep -q "^2,Ахметов .*,$1\$" "$tmp/marks.csv"
}
# journal_gone: aigerim's journal has ended.
journal_gone() {
	[ -z "$(pgrep -f -- "--db $db --as aigerim --remote")" ]
}
if [ -n "$pm" ]; then
	paramiko_version
	status 0 "by default a client without compression (paramiko) connects"
	has "$tmp/out" "dapter" "and runs its command"
	logged none; tap_result $? "uncompressed"
	paramiko_version "SSH-2.0-OpenSSH_for_Windows_7.7"
	status 0 "so does Windows 10's own ssh 7.7, which has no zlib"
	paramiko_version "SSH-2.0-OpenSSH_9.2p1 built-without-zlib"
	[ "$st" -ne 0 ]; tap_result $? "an OpenSSH that offers no compression is told to compress"
	log_has "does not compress; compression = client in dapter.conf lets it in"
	tap_result $? "the log says why, and what lets it in"
else
	echo "# SKIP clients without compression: no python3 with paramiko"
fi

# --- a journal over the compressed link: a mark typed is in the store ---
# A new key exchange every kilobyte: the compressed link must outlive rekeying.
tmux -L "$sock" -f /dev/null new-session -d -s t -x 80 -y 24 \
    "SSHPASS=aigerim-demo sshpass -e ssh -v -E $tmp/sshv -t -p $port $opts -o RekeyLimit=1K \
    aigerim@127.0.0.1; sleep 60" || { echo "Bail out! cannot start tmux"; exit 1; }
# pane_has PANE TEXT: TEXT is on the screen of tmux session PANE.
pane_has() {
	tmux -L "$sock" capture-pane -p -J -t "=$1:" 2>/dev/null | grep -qF -- "$2"
}
# wait_pane TEXT: up to 10 s for TEXT on the journal's screen.
wait_pane() {
	within pane_has t "$1"
}
wait_pane "My journals"; tap_result $? "the journal's home screen arrives compressed"
tmux -L "$sock" send-keys -t =t: Enter
wait_pane "7 Ә · Алгебра"; tap_result $? "the journal page opens"
# rekeyed: ssh began a key exchange after it turned compression on.
rekeyed() {
	awk '/Enabling compression/ { on = 1 } on && /SSH2_MSG_KEXINIT sent/ { n++ }
	    END { exit !n }' "$tmp/sshv"
}
within rekeyed; tap_result $? "the compressed link was rekeyed after the login"
tmux -L "$sock" send-keys -t =t: 6
within mark_is 6; tap_result $? "the mark typed over the compressed link is in the journal"
# Quit the journal, so that no holder of it writes to this server's log later.
tmux -L "$sock" send-keys -t =t: q
wait_pane "My journals"
tmux -L "$sock" send-keys -t =t: q
wait_pane "(y/n)"
tmux -L "$sock" send-keys -t =t: y
within journal_gone; tap_result $? "the journal quits"
tmux -L "$sock" kill-session -t =t 2>/dev/null

# PuTTY rekeys every hour by default, so a school day's journal over plink
# rekeys several times: a saved session that rekeys every kilobyte.
if command -v plink >/dev/null 2>&1; then
	mkdir -p "$tmp/home/.putty/sessions"
	printf 'RekeyBytes=1K\n' >"$tmp/home/.putty/sessions/rekey"
	tmux -L "$sock" -f /dev/null new-session -d -s p -x 80 -y 24 \
	    "HOME=$tmp/home plink -v -load rekey -t -P $port -pw aigerim-demo -hostkey $fp \
	    aigerim@127.0.0.1 2>$tmp/plinkv; sleep 60"
	# PuTTY waits for Return after keyboard-interactive, before the shell.
	i=0
	until tmux -L "$sock" capture-pane -p -J -t =p: | grep -qF "My journals" || [ $i -ge 100 ]
	do
		tmux -L "$sock" capture-pane -p -t =p: | grep -q "Press Return" &&
		    tmux -L "$sock" send-keys -t =p: Enter
		i=$((i + 1))
		sleep 0.1
	done
	tmux -L "$sock" send-keys -t =p: Enter
	# plink_rekeyed: a key exchange after plink turned compression on.
	plink_rekeyed() {
		awk '/Initialised delayed zlib/ { on = 1 } on && /key exchange with/ { n++ }
		    END { exit !n }' "$tmp/plinkv"
	}
	within plink_rekeyed; tap_result $? "plink's compressed link was rekeyed after the login"
	tmux -L "$sock" send-keys -t =p: 7
	within mark_is 7; tap_result $? "a mark typed over plink after the rekey is in the journal"
	tmux -L "$sock" send-keys -t =p: q
	within pane_has p "My journals"
	tmux -L "$sock" send-keys -t =p: q y
	within journal_gone
	tmux -L "$sock" kill-session -t =p 2>/dev/null
fi
stop_server

# --- compression = yes: every client compresses, or cannot connect ---
echo "compression = yes" >"$DAPTER_CONF"
start_server
v
negotiated zlib@openssh.com; tap_result $? "compression = yes: ssh compresses"
if [ -n "$pm" ]; then
	paramiko_version
	[ "$st" -ne 0 ]; tap_result $? "compression = yes: a client without compression is shut out"
	log_has "does not compress; compression = client in dapter.conf lets it in"
	tap_result $? "the log says why, and what lets it in"
fi
stop_server

# --- compression = no: none, even for ssh -C ---
echo "compression = no" >"$DAPTER_CONF"
start_server
v -C
status 0 "ssh -C runs a command with compression = no"
negotiated none; tap_result $? "compression = no offers none, even to ssh -C"
logged none; tap_result $? "and the server logs none"
stop_server

# --- compression = client: the client's choice ---
echo "compression = client" >"$DAPTER_CONF"
start_server
v
negotiated none; tap_result $? "compression = client: ssh without -C does not compress"
logged none; tap_result $? "and the server logs none"
v -C
negotiated zlib@openssh.com; tap_result $? "compression = client: ssh -C compresses"
logged zlib@openssh.com; tap_result $? "and the server logs zlib@openssh.com"
if [ -n "$pm" ]; then
	paramiko_version
	status 0 "compression = client lets a client without compression in"
	has "$tmp/out" "dapter" "and it runs its command"
fi
stop_server

# --- the server's deflate is the journal's (ssh_deflate.c): libssh's call
# to zlib's deflateInit_ binds to the server module's, as the dynamic linker
# says of the connection process that compressed.
: >"$DAPTER_CONF"
export LD_DEBUG=bindings LD_DEBUG_OUTPUT="$tmp/ld"
start_server
unset LD_DEBUG LD_DEBUG_OUTPUT
v
negotiated zlib@openssh.com; tap_result $? "the server under LD_DEBUG compresses"
stop_server
cat "$tmp"/ld.* 2>/dev/null | grep "binding file [^ ]*libssh[^ ]* .* to [^ ]*dapter-server.so .*\`deflateInit_'" \
    >/dev/null
tap_result $? "libssh's deflateInit_ is the server module's, with the journal's window"

# --- the command line wins over the file; a bad value is refused, clearly ---
start_server --compression no
v -C
negotiated none; tap_result $? "--compression no wins over the file's client"
stop_server
echo "compression = maybe" >"$DAPTER_CONF"
d serve --listen 127.0.0.1 --port 0
status 2 "compression = maybe is refused"
has "$tmp/err" '--compression is "auto" (OpenSSH and PuTTY compress, other clients' \
    "saying which values there are"
done_testing
