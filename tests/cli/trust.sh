#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes decided under the write lock (issue 11): a period closed or an account
# disabled while a write waits for the lock stops it; a substitute writes the
# lessons of her days only.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
printf 'Тегі,Аты\nӘлиев,Нұр\n' >"$tmp/r.csv"
"$DAPTER" --db "$db" roster import "7 Ә" "$tmp/r.csv" >/dev/null

holder=
writer=
trap 'for p in $holder $writer; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# held_write SQL ARGS...: runs dapter ARGS while sqlite3 holds the write lock,
# and commits SQL in that held transaction once dapter waits for the lock
# (asleep in SQLite's busy handler). Output in $tmp/out, $tmp/err, status in $st.
held_write() {
	sql=$1
	shift
	rm -f "$tmp/fifo"
	mkfifo "$tmp/fifo" || { echo "Bail out! mkfifo"; exit 1; }
	# The holder waits for the lock too: a probe below holds it for a moment.
	sqlite3 -cmd ".timeout 20000" "$db" <"$tmp/fifo" >/dev/null 2>"$tmp/sqlerr" &
	holder=$!
	exec 3>"$tmp/fifo"
	echo "BEGIN IMMEDIATE;" >&3
	# Held when another writer is refused at once (bounded: 20 s).
	i=0
	while sqlite3 -cmd ".timeout 0" "$db" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 400 ] || { echo "Bail out! sqlite3 never took the write lock"; exit 1; }
		sleep 0.05
	done
	"$DAPTER" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err" &
	writer=$!
	i=0
	until grep -q nanosleep "/proc/$writer/wchan" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 400 ] || { echo "# dapter never waited for the lock"; break; }
		sleep 0.05
	done
	printf '%s\nCOMMIT;\n' "$sql" >&3
	exec 3>&-
	wait "$writer"
	st=$?
	wait "$holder"
	holder=
	writer=
	[ -s "$tmp/sqlerr" ] && sed 's/^/# sqlite3: /' "$tmp/sqlerr"
	return 0
}

q1="kind = 'q' AND '2026-10-05' BETWEEN starts AND ends"
held_write "UPDATE period SET closed = 1 WHERE $q1;" \
    --as aruzhan lesson add "7 Ә" Алгебра 2026-10-05
status 1 "a period closed while a lesson waits for the lock refuses the lesson"
has "$tmp/err" "is closed" "saying the period is closed"
sqlite3 "$db" "SELECT count(*) FROM lesson" >"$tmp/n"
echo 0 >"$tmp/want"
same "$tmp/n" "$tmp/want" "and no lesson was added"
sqlite3 "$db" "UPDATE period SET closed = 0 WHERE $q1"

held_write "UPDATE user SET disabled = 1 WHERE login = 'aruzhan';" \
    --as aruzhan lesson add "7 Ә" Алгебра 2026-10-05
status 3 "an account disabled while her write waits for the lock is refused"
has "$tmp/err" "disabled" "saying her account is disabled"
d user enable aruzhan

held_write "UPDATE user SET role = 'head' WHERE login = 'aruzhan';" \
    --as aruzhan lesson add "7 Ә" Алгебра 2026-10-05
status 3 "a role changed while her write waits for the lock refuses it"
has "$tmp/err" "role has changed" "saying her role changed"
d user role aruzhan teacher

# ---- a substitute writes the lessons of her days only ----
d lesson add "7 Ә" Алгебра 2026-11-09 --topic "Көпмүшелер"
d marks export "7 Ә" Алгебра --period q2
sed 's/^\(1,Әлиев Нұр\),$/\1,9/' "$tmp/out" >"$tmp/nov9.csv"
"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/nov9.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "the teacher marks her 9 November lesson"
d substitute pavel "7 Ә" Алгебра --from 2026-11-20 --to 2026-11-27
sed 's/^\(1,Әлиев Нұр\),9$/\1,2/' "$tmp/nov9.csv" >"$tmp/rewrite.csv"
"$DAPTER" --db "$db" --as pavel marks import <"$tmp/rewrite.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
status 3 "her substitute for 20-27 November may not change the 9 November mark"
has "$tmp/err" "2026-11-09" "the refusal names the lesson's day"
d --as pavel lesson add "7 Ә" Алгебра 2026-11-10
status 3 "nor add a lesson before his days"
d --as pavel lesson add "7 Ә" Алгебра 2026-11-24
status 0 "he adds the lesson of a day he substitutes"
d marks export "7 Ә" Алгебра --period q2
has "$tmp/out" "1,Әлиев Нұр,9," "the regular teacher's mark stands"

# ---- passwords: 10 characters, none of the commonest, one's own after the current ----
for pw in 12345678 password 1234567890 Password123 qwertyuiop 0987654321 aaaaaaaaaaaa \
    пароль12 йцукенгшщз; do
	echo "$pw" | "$DAPTER" --db "$db" user add weak --name "Weak" --role teacher \
	    --password-stdin >"$tmp/out" 2>"$tmp/err"; st=$?
	status 1 "the password $pw is refused"
done
has "$tmp/err" "among the first that guessers try" "saying it is among the commonest"
echo "пароль1" | "$DAPTER" --db "$db" user add weak --name "Weak" --role teacher \
    --password-stdin >"$tmp/out" 2>"$tmp/err"; st=$?
has "$tmp/err" "10 to 256 characters" "a short one is refused by its length in characters"
echo "correct horse battery" | "$DAPTER" --db "$db" user add strong --name "Strong" \
    --role teacher --password-stdin >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "a password of unrelated words is taken"
echo "new-password-1" | "$DAPTER" --db "$db" --as aruzhan user passwd aruzhan \
    --password-stdin >"$tmp/out" 2>"$tmp/err"; st=$?
status 2 "her own password without the current one is refused"
has "$tmp/err" "current password on the first line" "saying to give the current one first"
printf 'not-my-password\nnew-password-1\n' | "$DAPTER" --db "$db" --as aruzhan user passwd \
    aruzhan --password-stdin >"$tmp/out" 2>"$tmp/err"; st=$?
status 3 "a wrong current password changes nothing"
has "$tmp/err" "current password is wrong" "saying so"
printf 'teacher-pass-1\nnew-password-1\n' | "$DAPTER" --db "$db" --as aruzhan user passwd \
    aruzhan --password-stdin >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "the right current password changes it"
echo "new-password-2" | "$DAPTER" --db "$db" --as boss user passwd boss \
    --password-stdin >"$tmp/out" 2>"$tmp/err"; st=$?
status 2 "an admin, too, gives her own current password"
echo "new-password-2" | "$DAPTER" --db "$db" --as boss user passwd pavel \
    --password-stdin >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "and sets another user's without his"

# ---- SSH keys: libssh reads them; nothing comes back raw ----
ssh-keygen -q -t ed25519 -N '' -C "pavel@lab" -f "$tmp/key" >/dev/null
blob=$(cut -d' ' -f2 "$tmp/key.pub")
printf 'ssh-ed25519\033]0;pwned\007 %s x\n' "$blob" >"$tmp/esc.pub"
d user key add pavel "$tmp/esc.pub"
status 1 "a key line whose type carries an escape sequence is refused"
printf 'ssh-rsa %s x\n' "$blob" >"$tmp/wrongtype.pub"
d user key add pavel "$tmp/wrongtype.pub"
status 1 "an ed25519 key named ssh-rsa is refused"
printf 'ssh-ed25519 AAAAAAAAAAAAAAAA x\n' >"$tmp/junk.pub"
d user key add pavel "$tmp/junk.pub"
status 1 "base64 that is no key is refused"
has "$tmp/err" "no public key SSH can read" "saying SSH cannot read it"
printf 'ssh-ed25519 %s pavel\033[2J\n' "$blob" >"$tmp/esccomment.pub"
d user key add pavel "$tmp/esccomment.pub"
status 1 "a comment with an escape sequence is refused"
d user key add pavel "$tmp/key.pub"
status 0 "the real key is taken"
# A row stored before keys were parsed: listed, never raw.
sqlite3 "$db" "INSERT INTO user_key(user_id, type, blob, comment) SELECT id,
    'ssh-x' || char(27) || ']0;pwned' || char(7), 'AAAA', 'c' || char(27) || '[2J'
    FROM user WHERE login = 'pavel'"
d user key list pavel
has "$tmp/out" "pavel@lab" "key list shows the real key"
if LC_ALL=C grep -q "$(printf '\033')" "$tmp/out"; then
	tap_result 1 "key list writes no escape sequence"
else
	tap_result 0 "key list writes no escape sequence"
fi
# The row had no audit record: audit verify would name it, until the admin removes it.
d user key remove pavel "$(sqlite3 "$db" "SELECT id FROM user_key WHERE blob = 'AAAA'")"
status 0 "the admin removes the unparsed row"

# ---- no two pupils print the same ----
printf 'Тегі,Аты\nӘлиев\342\200\213,Нұр\n' >"$tmp/zw.csv"
d roster import "7 Ә" "$tmp/zw.csv"
status 1 "a surname with a zero-width space is refused"
has "$tmp/err" "invisible character" "saying it holds an invisible character"
d roster list "7 Ә"
lacks "$tmp/out" "$(printf '\342\200\213')" "and no pupil holds one"
d user add zhan --name "$(printf 'Жан\302\255ар')" --role teacher
status 1 "a user name with a soft hyphen is refused"
d lesson add "7 Ә" Алгебра 2026-11-26 --topic "$(printf 'Тақырып\342\201\240')"
status 1 "a topic with a word joiner is refused"

# ---- no cell dapter writes runs as a spreadsheet formula ----
formula='=HYPERLINK("http://x","y")'
d lesson add "7 Ә" Алгебра 2026-11-25 --topic "$formula"
status 0 "a topic may start with ="
printf 'Тегі,Аты\n=1+2,Бек\n' >"$tmp/r2.csv"
d roster import "7 Ә" "$tmp/r2.csv"
status 0 "and so may a surname"
# csv_cells FILE: one cell per line, with the CSV quoting taken off.
csv_cells() {
	tr ',' '\n' <"$1" | sed -e 's/^"//' -e 's/"$//' -e 's/""/"/g'
}
# no_formula FILE DESCRIPTION: no cell of FILE starts with = + - @ (but numbers).
no_formula() {
	if csv_cells "$1" | grep -E '^[-+=@]' | grep -vqE '^[-+]?[0-9.]*$'; then
		tap_result 1 "$2"
		csv_cells "$1" | grep -E '^[-+=@]' | sed 's/^/#   | /' | head -n 4
	else
		tap_result 0 "$2"
	fi
}
d report journal "7 Ә" Алгебра --period q2 --format csv
cp "$tmp/out" "$tmp/journal.csv"
has "$tmp/journal.csv" "'=HYPERLINK" "the journal report guards the topic with an apostrophe"
no_formula "$tmp/journal.csv" "no cell of the journal report is a formula"
d report summary "7 Ә" --format csv
cp "$tmp/out" "$tmp/summary.csv"
has "$tmp/summary.csv" "'=1+2" "the summary sheet guards the surname"
no_formula "$tmp/summary.csv" "no cell of the summary sheet is a formula"
d marks export "7 Ә" Алгебра --period q2
cp "$tmp/out" "$tmp/export.csv"
has "$tmp/export.csv" "'=1+2 Бек" "marks export guards the pupil's name"
no_formula "$tmp/export.csv" "no cell of marks export is a formula"
"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/export.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "marks import reads its own export back"
has "$tmp/out" "Set 0 marks" "to the same names and marks"
d archive 2026 "$tmp/archive" --force
status 0 "the archive of the year"
ls "$tmp"/archive/dapter-archive-2026/journals/*.csv >/dev/null 2>&1
tap_result $? "the archive holds the journals' CSVs"
for f in "$tmp"/archive/dapter-archive-2026/journals/*.csv \
    "$tmp"/archive/dapter-archive-2026/summary/*.csv; do
	no_formula "$f" "no cell of the archive's $(basename "$f") is a formula"
done
d audit verify
status 0 "the audit chain holds"
done_testing
