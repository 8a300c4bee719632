#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# While serving: the audit head goes to the log (an anchor off the file), and
# a restore is refused, so no acknowledged mark is written to a replaced file.
. "${top_srcdir:-.}/tests/server/lib.sh"
"$DAPTER" --db "$db" backup "$tmp/bk" >"$tmp/backup" 2>&1 || { echo "Bail out! no backup"; exit 1; }
head=$("$DAPTER" --db "$db" audit head)
start_server
i=0
until grep -q "audit head" "$tmp/serve.log" 2>/dev/null || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
has "$tmp/serve.log" "audit head $head" "serve logs the audit head when it starts"
d restore "$(cat "$tmp/backup")"
status 1 "restore is refused while the server runs"
has "$tmp/err" "open in another dapter process" "and says to stop it first"
stop_server
d restore "$(cat "$tmp/backup")"
status 0 "once the server stopped, the restore goes ahead"
done_testing
