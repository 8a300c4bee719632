#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dapter serve on a full disk: reading goes on and a login is told that
# the server cannot write (so is the log); where SQLite cannot even open
# the file, the refusal says why instead of looking like a wrong password.
# The database sits on a 2 MB tmpfs that a filler file fills (as
# tests/cli/faults.sh does).
. "${top_srcdir:-.}/tests/server/lib.sh"
need ssh sshpass sqlite3
full="$tmp/full"
mkdir "$full"
[ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=2M,mode=0755 dapter-test "$full" 2>/dev/null ||
    { echo "1..0 # SKIP cannot mount a 2 MB tmpfs here (needs root and mount rights)"; exit 0; }
# Never leave the mount behind, also when make check is interrupted.
on_exit='[ -n "${reader:-}" ] && kill "$reader" 2>/dev/null; [ -n "$srv" ] && kill "$srv" 2>/dev/null; pids=$(pgrep -f -- "--db $db "); [ -n "$pids" ] && kill -KILL $pids 2>/dev/null; sleep 0.2; umount "$full" 2>/dev/null'
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp "$db" "$full/school.db"
keys="$db.keys"
db="$full/school.db"
start_server --hostkey-dir "$keys"
# A journal open elsewhere keeps the database's -shm, as on a school day.
DB=$db python3 -c '
import os, sqlite3, time
c = sqlite3.connect(os.environ["DB"])
c.execute("SELECT count(*) FROM user").fetchone()
print("open", flush=True)
time.sleep(120)' >"$tmp/reader" &
reader=$!
i=0
until grep -q open "$tmp/reader"; do
	i=$((i + 1)); [ $i -lt 100 ] || break
	sleep 0.1
done
dd if=/dev/zero of="$full/filler" bs=4k 2>/dev/null
opts="-p $port -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
    -o PubkeyAuthentication=no -o ConnectTimeout=30"
SSHPASS=marat-demo timeout 60 sshpass -e ssh $opts -o LogLevel=ERROR marat@127.0.0.1 \
    journal list >"$tmp/out" 2>"$tmp/err" </dev/null
st=$?
status 0 "on a full disk, a teacher still logs in and reads"
has "$tmp/out" "Қазақ әдебиеті" "her journal list comes back"
has "$tmp/err" "The server cannot write: its disk is full" "and she is told the server cannot write"
has "$tmp/serve.log" "is full: the server cannot write" "the log says it too"

# Nothing holds the database open: SQLite cannot make its -shm on the full disk.
kill "$reader"
wait "$reader" 2>/dev/null
reader=
rm -f "$full/filler"
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
rm -f "$db-shm" "$db-wal"
dd if=/dev/zero of="$full/filler" bs=4k 2>/dev/null
SSHPASS=marat-demo timeout 60 sshpass -e ssh $opts marat@127.0.0.1 journal list \
    >"$tmp/out" 2>"$tmp/err" </dev/null
st=$?
if [ "$st" -eq 0 ]; then
	tap_result 0 "the database opened even so: nothing to refuse"
else
	has "$tmp/err" "The server cannot write: its disk is full" \
	    "where the database cannot be opened, the refusal says the disk is full"
fi
has "$tmp/serve.log" "disk is full" "and so does the log"
done_testing
