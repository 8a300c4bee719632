#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The yearly archive: frozen periods, printable journals, checksums.
. "${top_srcdir:-.}/tests/cli/lib.sh"
"$DAPTER" --db "$db" demo --no-serve >/dev/null 2>&1 ||
    { echo "Bail out! cannot create the demo school"; exit 1; }
a="$tmp/archive/dapter-archive-2026"

# open_periods: how many periods of 2026-2027 are open.
open_periods() {
	"$DAPTER" --db "$db" period list 2026 | grep -c "	open$"
}
# nothing_left DESCRIPTION: no bundle, no half-built folder, the year still open.
nothing_left() {
	[ ! -e "$a" ] && [ -z "$(ls -A "$tmp/archive" 2>/dev/null)" ]
	tap_result $? "$1: no archive folder, no folder half-built"
	[ "$(open_periods)" -eq 6 ]
	tap_result $? "$1: every period of the year stays open"
}

d archive 2026 "$tmp/archive"
status 1 "a school year that has not ended is not archived without --force"
has "$tmp/err" "--force" "saying that --force would do it"
nothing_left "refused"

# A page broken behind dapter's back (sqlite3): the archive is all or nothing.
sqlite3 "$db" "UPDATE lesson SET max_points = 5 WHERE date = '2026-09-21' AND
    class_id = (SELECT id FROM class WHERE name = '7 Ә') AND kind = 'sor' AND
    subject_id = (SELECT id FROM subject WHERE name = 'Алгебра')" ||
    echo "Bail out! sqlite3 cannot edit the test database"
d archive 2026 "$tmp/archive" --force
status 1 "a page broken behind dapter's back stops the archive"
# The audit replay (audit verify of the copy) catches the edit before the page is computed.
has "$tmp/err" "was changed behind dapter's back" "naming the changed lesson"
nothing_left "after the failure"
sqlite3 "$db" "UPDATE lesson SET max_points = 20 WHERE max_points = 5"

# Accounts with secrets the archive must not carry: hashes, and an SSH key.
if command -v ssh-keygen >/dev/null 2>&1; then
	ssh-keygen -q -t ed25519 -N '' -C "aigerim@lab" -f "$tmp/key" >/dev/null &&
	    "$DAPTER" --db "$db" user key add aigerim "$tmp/key.pub" >/dev/null ||
	    echo "Bail out! cannot add an SSH key"
fi
umask 022
d archive 2026 "$tmp/archive" --force
status 0 "once the page is mended, --force archives the school year 2026-2027"
has "$tmp/out" "dapter-archive-2026" "it names the archive's folder"
for f in SHA256SUMS README.txt dapter-2026.db "journals/7_Ә-Алгебра-2026-q1.pdf" \
    "journals/7_Ә-Алгебра-2026-q1.csv" "journals/8_Б-Информатика-2026-h2.pdf" \
    "summary/7_Ә.pdf" "summary/8_Б.csv"; do
	[ -s "$a/$f" ]
	tap_result $? "the archive holds $f"
done
has "$a/README.txt" "sha256sum -c SHA256SUMS" "the README says how to check it"
has "$a/README.txt" "мұрағат" "the README speaks Kazakh"
has "$a/README.txt" "архив" "and Russian"
has "$a/journals/7_Ә-Алгебра-2026-q1.csv" "Әбілқасымова Аружан Ерланқызы" \
    "an archived journal names its pupils"
grep -E '^1,' "$a/summary/7_Ә.csv" | cut -d, -f2,3,7 >"$tmp/got"
printf '%s\n' "Ахметов Нұрсұлтан Бауыржанұлы,5,5" >"$tmp/want"
same "$tmp/got" "$tmp/want" "the archived summary holds the year mark of the closed year"
if command -v sha256sum >/dev/null 2>&1; then
	(cd "$a" && sha256sum -c --quiet SHA256SUMS) >"$tmp/out" 2>&1
	tap_result $? "sha256sum -c accepts the manifest"
fi

d period list
lacks "$tmp/out" "open" "every period of the year is closed"
[ "$(sqlite3 "$a/dapter-2026.db" "SELECT count(*) FROM period WHERE closed = 0")" = 0 ]
tap_result $? "the archived database holds the year closed"

# Read by people, never logged into; the operator's only, from the first byte.
modes=$(cd "$tmp/archive" && find . -type d ! -perm 700 -o -type f ! -perm 600)
[ -z "$modes" ]
tap_result $? "every folder of the archive is 0700 and every file 0600 (umask 022)"
[ -z "$modes" ] || echo "$modes" | sed 's/^/#   /' | head -n 5
[ "$(sqlite3 "$a/dapter-2026.db" "SELECT count(*) FROM user WHERE pw_hash IS NOT NULL")" = 0 ]
tap_result $? "the archived database has no password hash"
[ "$(sqlite3 "$a/dapter-2026.db" "SELECT count(*) FROM user_key")" = 0 ]
tap_result $? "nor any SSH key"
blob=$(cut -d' ' -f2 "$tmp/key.pub" 2>/dev/null)
! grep -qa '\$y\$' "$a/dapter-2026.db" &&
    { [ -z "$blob" ] || ! grep -qaF "$blob" "$a/dapter-2026.db"; }
tap_result $? "no hash or key is left in its free pages either"
[ "$(sqlite3 "$a/dapter-2026.db" "SELECT count(*) FROM user")" -gt 0 ]
tap_result $? "its users are still named, for the audit's sake"
d audit log
has "$tmp/out" "period.close" "closing the year is audited"
"$DAPTER" --db "$db" --as aigerim lesson add "7 Ә" Алгебра 2026-11-20 >"$tmp/out" 2>"$tmp/err"
st=$?
status 1 "an archived year takes no new lesson"
"$DAPTER" --db "$a/dapter-2026.db" audit verify >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "the archived database's audit chain holds"

printf 'dapter namespaces="dapter-audit" %s\n' "$(ssh-keygen -y -f "$db.keys/ssh_host_ed25519_key")" >"$tmp/allowed"
ssh-keygen -Y verify -f "$tmp/allowed" -I dapter -n dapter-audit -s "$a/audit-checkpoint.txt.sig" \
    <"$a/audit-checkpoint.txt" >/dev/null 2>&1
tap_result $? "the archive's audit checkpoint verifies with ssh-keygen"
"$DAPTER" --db "$a/dapter-2026.db" audit verify --checkpoint "$a/audit-checkpoint.txt" >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "the archived database holds its checkpoint's head"
has "$a/README.txt" "audit-checkpoint.txt" "the README names the checkpoint"
d archive verify "$a"
status 0 "archive verify accepts an intact archive"
d archive 2026 "$tmp/archive" --force
status 1 "an archive is never overwritten"
DAPTER_TODAY=2027-06-15 "$DAPTER" --db "$db" archive 2026 "$tmp/later" >"$tmp/out" 2>"$tmp/err"
st=$?
status 0 "once the year has ended, no --force is needed"

printf 'x' >>"$a/journals/7_Ә-Алгебра-2026-q1.csv"
d archive verify "$a"
status 1 "archive verify refuses a changed file"
has "$tmp/err" "journals/7_Ә-Алгебра-2026-q1.csv" "naming the changed file"
rm "$a/summary/8_Б.pdf"
d archive verify "$a"
status 1 "archive verify refuses a missing file"
d archive verify "$tmp/nowhere"
status 1 "archive verify needs a SHA256SUMS"
# A hand-edited SHA256SUMS: the bad line is named by its place in the file,
# blank lines counted, and a line longer than any buffer is one line.
mkdir "$tmp/sums"
printf 'x\n' >"$tmp/sums/a.txt"
(cd "$tmp/sums" && sha256sum a.txt) >"$tmp/sums.one"
{ cat "$tmp/sums.one"; echo; echo "not a checksum line"; } >"$tmp/sums/SHA256SUMS"
d archive verify "$tmp/sums"
status 1 "a malformed line in SHA256SUMS is refused"
has "$tmp/err" "line 3 is not a sha256sum line" "it is named by its line in the file, blank lines counted"
{ cat "$tmp/sums.one"; printf '%064d  %05000d\n' 0 0; echo "not a checksum line"; } \
    >"$tmp/sums/SHA256SUMS"
d archive verify "$tmp/sums"
status 1 "a line naming a file of 5000 bytes is refused"
has "$tmp/err" "line 2 " "as line 2, the whole long line"
lacks "$tmp/err" "line 3" "its tail is not read as another line"
d archive 1999 "$tmp/archive"
status 2 "a year before 2000 is a usage error"
d archive 2030 "$tmp/archive"
status 4 "a school year that does not exist is not found"
done_testing
