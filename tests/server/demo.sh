#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The demo exactly as ./quickstart runs it: the binary of the build tree,
# `./src/dapter --db demo.db demo`, with no DAPTER_* variable set. It must
# find the build tree's catalogs (w shows Kazakh, then Russian titles) and
# keymaps (DAPTER_KEYMAP=phone), not only where `make install` puts them.
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh sshpass tmux
sock="dapter-test-$$"
# lib.sh's cleanup kills its own school's processes; this test serves another
# database, whose holders outlive the listener as any dropped link's do.
on_exit='tmux -L "$sock" kill-server 2>/dev/null; pkill -KILL -f -- "--db $tmp/demo.db" 2>/dev/null'
tm() { tmux -L "$sock" -f /dev/null "$@"; }
cd "${top_builddir:-.}" || { echo "Bail out! no build tree"; exit 1; }
unset DAPTER_LOCALEDIR DAPTER_KEYMAPDIR DAPTER_LANG DAPTER_KEYMAP

# wait_pane NAME TEXT: up to 10 s for TEXT on session NAME's pane.
wait_pane() {
	i=0
	while [ $i -lt 100 ]; do
		tm capture-pane -p -t "=$1:" >"$tmp/pane" 2>/dev/null
		grep -qF -- "$2" "$tmp/pane" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	echo "#   \"$2\" is not on the pane:"
	sed 's/^/#   | /' "$tmp/pane"
	return 1
}

# --port 0: the server takes a free port itself and says which (no race for one).
./src/dapter --db "$tmp/demo.db" demo --port 0 >"$tmp/serve.out" 2>"$tmp/serve.log" &
srv=$!
i=0
until grep -q "^Serving" "$tmp/serve.out" 2>/dev/null || [ $i -ge 300 ]; do
	i=$((i + 1))
	sleep 0.1
done
grep -q "^Serving" "$tmp/serve.out"; tap_result $? "./src/dapter --db demo.db demo serves"
port=$(sed -n 's/^Serving .* port \([0-9]*\)\.$/\1/p' "$tmp/serve.out")
opts="-p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
opts="$opts -o ConnectTimeout=10 -F /dev/null -o PubkeyAuthentication=no"
tm new-session -d -s t -x 80 -y 24 \
    "SSHPASS=aigerim-demo sshpass -e ssh -t $opts aigerim@127.0.0.1; sleep 60"
wait_pane t "My journals"; tap_result $? "a teacher logs in over ssh -t"
tm send-keys -t =t: w
wait_pane t "Менің журналдарым"; tap_result $? "w: the titles are Kazakh"
tm send-keys -t =t: w
wait_pane t "Мои журналы"; tap_result $? "w again: the titles are Russian"
stop_server

# The journal on this terminal, with the phone keymap of the build tree.
tm new-session -d -s p -x 80 -y 24 \
    "DAPTER_KEYMAP=phone ./src/dapter --db '$tmp/demo.db' --as aigerim; sleep 60"
wait_pane p "Мои журналы"; tap_result $? "DAPTER_KEYMAP=phone opens the journal (in Russian, as left)"
lacks "$tmp/pane" "phone" "and finds the phone keymap"
done_testing
