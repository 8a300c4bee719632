#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Off-site copies as the README sets them up: the nightly backups sent to a
# restic repository (encrypted, deduplicated), then restored on a fresh
# directory, whole: integrity, the audit chain, and the host keys.
. "${top_srcdir:-.}/tests/cli/lib.sh"
if ! command -v restic >/dev/null 2>&1; then
	echo "1..0 # SKIP restic is not installed (apt-get install restic)"
	exit 0
fi
"$DAPTER" --db "$db" demo --no-serve >/dev/null 2>&1 ||
    { echo "Bail out! cannot create the demo school"; exit 1; }
export RESTIC_REPOSITORY="$tmp/district" RESTIC_PASSWORD="school-12-offsite-secret"
export RESTIC_CACHE_DIR="$tmp/restic-cache"
bk="$tmp/backups"

restic init >"$tmp/out" 2>&1
tap_result $? "restic init makes the district's repository"
# added BACKUP_JSON: the bytes a snapshot added to the repository.
added() { sed -n 's/.*"data_added":\([0-9]*\).*/\1/p' "$1" | tail -n 1; }

d backup "$bk"
restic backup --json "$bk" >"$tmp/first.json" 2>"$tmp/err"
tap_result $? "the first night's backup goes to the repository"
first=$(added "$tmp/first.json")

# The next night: a few more marks, a new copy of the whole database.
d --as aigerim lesson add "7 Ә" Алгебра 2026-11-23 --topic "Теңдеулер"
d backup "$bk"
restic backup --json "$bk" >"$tmp/second.json" 2>"$tmp/err"
tap_result $? "the second night's backup goes too"
second=$(added "$tmp/second.json")
size=$(stat -c %s "$(ls "$bk"/dapter-*.db | tail -n 1)")
total=$(cat "$bk"/dapter-*.db | wc -c)
echo "# first night added ${first:-?} bytes; the second ${second:-?} for a folder of $total bytes"
echo "# (its newest copy: $size bytes; restic also shares chunks within copies over 1 MiB)"
# The folder holds both nights' copies, but the first one is in the repository already.
[ -n "$second" ] && [ "$total" -ge $((2 * size - 65536)) ] && [ "$second" -lt $((size + 65536)) ]
tap_result $? "the second night adds only its new copy, not the folder (deduplicated)"
! grep -rqF "Теңдеулер" "$RESTIC_REPOSITORY"
tap_result $? "the repository holds no plain text of the journal (encrypted)"

restic check >"$tmp/out" 2>&1
tap_result $? "restic check finds the repository sound"

# The server is gone: restore the newest copy on a fresh directory.
restic restore latest --target "$tmp/fresh" >"$tmp/out" 2>&1
tap_result $? "restic restore brings the backups back"
copy=$(find "$tmp/fresh" -name 'dapter-*.db' | sort | tail -n 1)
[ -n "$copy" ]; tap_result $? "the newest copy is among them"
mkdir "$tmp/new"
"$DAPTER" --db "$tmp/new/school.db" restore "$copy" >"$tmp/out" 2>"$tmp/err"
tap_result $? "dapter restore puts it in place on the new server"
"$DAPTER" --db "$tmp/new/school.db" audit verify >"$tmp/out" 2>&1
tap_result $? "its audit chain holds"
"$DAPTER" --db "$tmp/new/school.db" lesson list "7 Ә" Алгебра >"$tmp/out" 2>&1
has "$tmp/out" "Теңдеулер" "and it has the second night's lesson"
done_testing
