#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# ssh-memory: the memory (PSS) `dapter serve` takes for N idle journal
# sessions over the real OpenSSH client (default 50), split by process:
# listener, connection processes, holders and journal editors.
#
#   bench/ssh-memory.sh [N]
#
# DAPTER defaults to this source tree's binary.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
: "${DAPTER:=$here/src/dapter}"
n=${1:-50}
export DAPTER_TODAY=2026-11-23 LC_ALL=C.UTF-8
for tool in ssh sshpass python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "ssh-memory: no $tool" >&2; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dapter-mem.XXXXXX")
db="$tmp/school.db"
srv=
cleanup() {
	exec 3>&-
	pkill -f -- "-p $port .*@127.0.0.1" 2>/dev/null
	[ -n "$srv" ] && kill "$srv" 2>/dev/null
	sleep 0.5
	pkill -f -- "--db $db" 2>/dev/null
	[ -n "${KEEP:-}" ] && cp "$tmp/serve.log" /tmp/mem-serve.log; rm -rf "$tmp"
}
port=0
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
(cd "$tmp" && "$DAPTER" --db "$db" demo --no-serve >/dev/null) || { echo "ssh-memory: no demo" >&2; exit 1; }
# One teacher per session: a second login of the same user takes her journal over.
i=1
while [ "$i" -le "$n" ]; do
	echo "password-$i" | "$DAPTER" --db "$db" user add "t$i" --name "Teacher $i" --role teacher \
	    --password-stdin >/dev/null || exit 1
	"$DAPTER" --db "$db" assign "t$i" "7 Ә" Алгебра --subgroup $((i % 9 + 1)) >/dev/null 2>&1
	i=$((i + 1))
done
# All n log in at the same moment from one address: the limits on
# connections not logged in yet must let them (a bench, not an attack).
"$DAPTER" --db "$db" serve --listen 127.0.0.1 --port 0 --max-sessions $((n + 10)) \
    --max-startups-per-address $((n + 10)) --max-startups $((n + 10)):30:$((n + 100)) \
    >"$tmp/serve.out" 2>"$tmp/serve.log" &
srv=$!
i=0
until grep -q "^Serving" "$tmp/serve.out" 2>/dev/null; do
	i=$((i + 1))
	[ "$i" -lt 600 ] || { echo "ssh-memory: the server did not start" >&2; exit 1; }
	sleep 0.1
done
port=$(sed -n 's/^Serving .* port \([0-9]*\)\.$/\1/p' "$tmp/serve.out")
opts="-p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -F /dev/null"
# The clients read a FIFO this script holds open and never writes: idle
# teachers on their home screens. When the script ends, they see EOF and go.
mkfifo "$tmp/keys"
exec 3<>"$tmp/keys"
i=1
while [ "$i" -le "$n" ]; do
	SSHPASS="password-$i" sshpass -e ssh -tt $opts -o PubkeyAuthentication=no \
	    "t$i@127.0.0.1" <"$tmp/keys" >/dev/null 2>&1 &
	i=$((i + 1))
done
k=0
while [ "$(pgrep -fc -- "--db $db --as t[0-9]* --remote")" -lt "$n" ] && [ $k -lt ${WAIT_TENTHS:-600} ]; do
	sleep 0.1
	k=$((k + 1))
done
up=$(pgrep -fc -- "--db $db --as t[0-9]* --remote")
sleep 2	# let start-up settle: idle means idle
pss() {
	t=0
	for p in $1; do
		v=$(awk '/^Pss:/ { print $2 }' /proc/"$p"/smaps_rollup 2>/dev/null)
		t=$((t + ${v:-0}))
	done
	echo "$t"
}
ui=$(pss "$(pgrep -f -- "--db $db --as t[0-9]* --remote")")
all=$(pss "$(pgrep -f -- "--db $db")")
listener=$(pss "$srv")
rest=$((all - ui - listener))
echo "ssh-memory: $up of $n idle sessions up"
echo "ssh-memory: PSS total $all kB: listener $listener kB, connections and holders $rest kB, journal editors $ui kB"
[ "$up" -gt 0 ] && echo "ssh-memory: per idle session $(( (all - listener) / up )) kB"
[ "$up" -eq "$n" ]
