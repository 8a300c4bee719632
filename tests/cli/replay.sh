#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# audit verify replays the roster, the accounts, the classes, who teaches them and the
# timetables: a long session through dapter verifies,
# and each change made with the sqlite3 CLI behind dapter's back fails it, naming the row.
. "${top_srcdir:-.}/tests/cli/lib.sh"
command -v sqlite3 >/dev/null && command -v ssh-keygen >/dev/null ||
	{ echo "1..0 # SKIP needs sqlite3 and ssh-keygen"; exit 0; }
"$DAPTER" --db "$db" demo --no-serve >/dev/null 2>&1 || { echo "Bail out! dapter demo failed"; exit 1; }

# A long real session on the demo's school: roster, subgroups, accounts, keys, passwords.
printf 'Тегі,Аты,Әкесінің аты,Туған күні,Жынысы\nСейітов,Арман,Болатұлы,2013-03-04,M\nОмарова,Дана,,2013-05-06,F\n' \
	>"$tmp/roster.csv"
ssh-keygen -q -t ed25519 -N '' -C one -f "$tmp/k1" </dev/null >/dev/null
ssh-keygen -q -t ed25519 -N '' -C two -f "$tmp/k2" </dev/null >/dev/null
ok=0
{
	"$DAPTER" --db "$db" roster import "7 Ә" "$tmp/roster.csv" &&
	"$DAPTER" --db "$db" subgroup set "7 Ә" Информатика 2 "Сейітов Арман" &&
	"$DAPTER" --db "$db" subgroup set "7 Ә" Информатика 1 "Сейітов Арман" &&
	"$DAPTER" --db "$db" pupil rename "Омарова Дана" --class "7 Ә" --surname Омарқызы &&
	"$DAPTER" --db "$db" pupil move "Омарқызы Дана" --from "7 Ә" --to "8 Б" --date 2026-11-20 &&
	"$DAPTER" --db "$db" pupil leave "Сейітов Арман" --class "7 Ә" --date 2026-11-21 &&
	echo "replay-pass-1" | "$DAPTER" --db "$db" user add dina --name "Дина Ерлан" --role teacher \
	    --password-stdin &&
	"$DAPTER" --db "$db" user add keyonly --name "Кілт Адам" --role teacher &&
	"$DAPTER" --db "$db" user role dina head &&
	"$DAPTER" --db "$db" user disable marat &&
	"$DAPTER" --db "$db" user disable olga && "$DAPTER" --db "$db" user enable olga &&
	"$DAPTER" --db "$db" user lang dina ru &&
	echo "replay-pass-2" | "$DAPTER" --db "$db" user passwd aigerim --password-stdin &&
	"$DAPTER" --db "$db" user key add keyonly "$tmp/k1.pub" &&
	"$DAPTER" --db "$db" user key add aigerim "$tmp/k2.pub" &&
	"$DAPTER" --db "$db" user key remove keyonly 1 &&
	"$DAPTER" --db "$db" user key add keyonly "$tmp/k1.pub" &&
	"$DAPTER" --db "$db" year add 2027 &&
	"$DAPTER" --db "$db" class promote "8 Б" &&
	"$DAPTER" --db "$db" class add "5 В" --teacher olga &&
	"$DAPTER" --db "$db" class rename "5 В" "5 Г" &&
	"$DAPTER" --db "$db" class teacher "5 Г" marat &&
	"$DAPTER" --db "$db" assign olga "5 Г" Алгебра &&
	"$DAPTER" --db "$db" assign marat "5 Г" Алгебра --subgroup 1 &&
	"$DAPTER" --db "$db" unassign marat "5 Г" Алгебра --subgroup 1 &&
	"$DAPTER" --db "$db" assign marat "5 Г" Информатика &&
	"$DAPTER" --db "$db" substitute olga "7 Ә" Алгебра --from 2026-11-23 --to 2026-11-27 &&
	"$DAPTER" --db "$db" substitute marat "7 Ә" Алгебра --from 2026-11-30 --to 2026-12-04 &&
	gone=$("$DAPTER" --db "$db" substitute list | awk -F'\t' '$2 == "marat" { print $1 }') &&
	"$DAPTER" --db "$db" substitute remove "$gone" &&
	printf 'Күн;Сабақ;Пән;Мұғалім\nДс;1;Алгебра;olga\nСс;2;Информатика;marat\n' |
	    "$DAPTER" --db "$db" timetable import "5 Г" - &&
	printf 'Күн;Сабақ;Пән;Мұғалім\nДс;2;Алгебра;olga\n' |
	    "$DAPTER" --db "$db" timetable import "5 Г" - --from 2026-11-16
} >"$tmp/session" 2>&1 || ok=1
tap_result $ok "a long session of roster, account, class, assignment and timetable changes runs"
[ $ok -eq 0 ] || sed 's/^/#   /' "$tmp/session" | tail -n 5

d audit verify
status 0 "the session, every change made through dapter, verifies"
lacks "$tmp/out" "Not replayed" "and the whole of it is replayed"
d audit log
lacks "$tmp/out" '$y$' "no audit record holds a password hash"
lacks "$tmp/out" "replay-pass" "no audit record holds a password"
has "$tmp/out" "user.passwd	aigerim	- -> pw:" "a password change is audited as its fingerprint"

# tamper SQL WANT DESCRIPTION: on a copy, SQL through sqlite3 must fail verify naming WANT.
tamper() {
	cp "$db" "$tmp/t.db"
	rm -f "$tmp/t.db-wal" "$tmp/t.db-shm"
	[ -f "$db-wal" ] && cp "$db-wal" "$tmp/t.db-wal"
	if ! sqlite3 "$tmp/t.db" "$1" 2>"$tmp/err"; then
		tap_result 1 "$3"
		sed 's/^/#   sqlite3: /' "$tmp/err"
		return
	fi
	"$DAPTER" --db "$tmp/t.db" audit verify >"$tmp/out" 2>"$tmp/err"; st=$?
	status 1 "$3 fails verify"
	has "$tmp/err" "$2" "and verify names it ($2)"
}
p=$(sqlite3 "$db" "SELECT id FROM pupil WHERE surname = 'Омарқызы'")
k=$(sqlite3 "$db" "SELECT k.id FROM user_key k JOIN user u ON u.id = k.user_id WHERE u.login = 'aigerim'")
tamper "UPDATE pupil SET surname = 'Жалған' WHERE id = $p" "pupil:$p was changed" "UPDATE pupil SET surname"
tamper "UPDATE pupil SET birth = '2012-01-01' WHERE id = 1" "pupil:1 was changed" "UPDATE pupil SET birth"
tamper "UPDATE pupil SET iin = '130304500123' WHERE id = $p" "pupil:$p was changed" "UPDATE pupil SET iin"
tamper "INSERT INTO pupil(class_id, surname, given, sort_key) VALUES (1, 'Жоқ', 'Бала', 'x')" \
	"was changed behind" "INSERT INTO pupil"
tamper "INSERT INTO user(login, name, role, created) VALUES ('mallory', 'M', 'admin', '2026-11-23')" \
	"user mallory" "INSERT INTO user"
tamper "UPDATE user SET role = 'admin' WHERE login = 'olga'" "user olga" "UPDATE user SET role='admin'"
tamper "UPDATE user SET disabled = 0 WHERE login = 'marat'" "user marat" "UPDATE user SET disabled"
tamper "UPDATE user SET pw_hash = (SELECT pw_hash FROM user WHERE login = 'dina') WHERE login = 'admin'" \
	"the password of admin" "UPDATE user SET pw_hash (another's known password)"
tamper "DELETE FROM user_key WHERE id = $k" "the SSH key aigerim key:$k" "DELETE FROM user_key"
tamper "INSERT INTO user_key(user_id, type, blob) SELECT id, 'ssh-ed25519',
	'AAAAC3NzaC1lZDI1NTE5AAAAIGVudGVyZWQgYmVoaW5kIGRhcHRlcidzIGJhY2sh' FROM user WHERE login = 'olga'" \
	"the SSH key olga key:" "INSERT INTO user_key"
tamper "UPDATE user_key SET user_id = (SELECT id FROM user WHERE login = 'admin') WHERE id = $k" \
	"the SSH key" "UPDATE user_key (a teacher's key given to the admin)"
tamper "DELETE FROM pupil_subgroup" "the subgroup of pupil:" "DELETE FROM pupil_subgroup"
tamper "UPDATE enrolment SET until = NULL WHERE pupil_id = $p AND until IS NOT NULL" \
	"the class history of pupil:$p" "UPDATE enrolment (a stay that never ended)"
up=$(sqlite3 "$db" "SELECT p.id FROM pupil p JOIN class c ON c.id = p.class_id
    WHERE c.name = '9 Б' ORDER BY p.id LIMIT 1")
tamper "DELETE FROM enrolment WHERE pupil_id = $up AND until IS NOT NULL" \
	"the class history of pupil:$up" "DELETE FROM enrolment (a promoted pupil's last year)"
tamper "UPDATE pupil SET class_id = (SELECT id FROM class WHERE name = '7 Ә') WHERE id = $p" \
	"the class history of pupil:$p" "UPDATE pupil SET class_id"

# Classes, their teachers, assignments, substitutions and timetables, by their ids.
c5=$(sqlite3 "$db" "SELECT id FROM class WHERE name = '5 Г'")
sub=$(sqlite3 "$db" "SELECT id FROM substitution ORDER BY id DESC LIMIT 1")
tamper "INSERT INTO assignment(user_id, class_id, subject_id, subgroup) SELECT u.id, $c5, s.id, 0
	FROM user u, subject s WHERE u.login = 'olga' AND s.name = 'Русский язык'" \
	"the assignment olga class:$c5 subject:" "INSERT INTO assignment (a teacher given a class)"
tamper "DELETE FROM assignment WHERE class_id = $c5 AND user_id = (SELECT id FROM user
	WHERE login = 'marat')" "the assignment marat class:$c5 subject:" "DELETE FROM assignment"
tamper "UPDATE assignment SET subgroup = 1 WHERE class_id = $c5" "the assignment" \
	"UPDATE assignment SET subgroup"
tamper "DELETE FROM substitution WHERE id = $sub" "substitution:$sub was changed" \
	"DELETE FROM substitution"
tamper "UPDATE substitution SET ends = '2027-05-25' WHERE id = $sub" \
	"substitution:$sub was changed" "UPDATE substitution SET ends (a substitute for the year)"
tamper "INSERT INTO substitution(user_id, class_id, subject_id, subgroup, starts, ends)
	SELECT id, $c5, 1, 0, '2026-12-01', '2026-12-31' FROM user WHERE login = 'dina'" \
	"substitution:" "INSERT INTO substitution"
tamper "UPDATE class SET teacher_id = (SELECT id FROM user WHERE login = 'olga') WHERE id = $c5" \
	"class:$c5 was changed" "UPDATE class SET teacher_id"
tamper "UPDATE class SET name = '5 Д' WHERE id = $c5" "class:$c5 was changed" \
	"UPDATE class SET name"
tamper "INSERT INTO class(year_id, grade, name) SELECT year_id, 6, '6 Ж' FROM class
	WHERE id = $c5" "class:" "INSERT INTO class"
tamper "INSERT INTO timetable(class_id, valid_from, weekday, num, subject_id, teacher_id)
	SELECT $c5, '2026-11-16', 5, 1, subject_id, user_id FROM assignment WHERE class_id = $c5
	LIMIT 1" "the timetable of class:$c5" "INSERT INTO timetable"
tamper "UPDATE timetable SET room = '999' WHERE class_id = $c5" "the timetable of class:$c5" \
	"UPDATE timetable SET room"
tamper "DELETE FROM timetable WHERE class_id = $c5 AND valid_from = '2026-11-16'" \
	"the timetable of class:$c5" "DELETE FROM timetable (back to an old week)"

# Records from before the audit kept rows: not replayed, and verify says so. A record in the
# old form is appended with the README's recipe, as the old code wrote it.
. "${top_srcdir:-.}/tests/cli/audit-old.sh"
append_old pupil.add "7 Ә" "Ескі Оқушы"
sqlite3 "$db" "INSERT INTO pupil(class_id, surname, given, sort_key) VALUES (1, 'Ескі', 'Оқушы', 'x')"
append_old user.passwd dina ""
sqlite3 "$db" "UPDATE user SET pw_hash = 'old' WHERE login = 'dina'"
append_old class.add "6 Ж" "6 Ж"
sqlite3 "$db" "INSERT INTO class(year_id, grade, name) SELECT year_id, 6, '6 Ж' FROM class
    WHERE id = $c5"
c6=$(sqlite3 "$db" "SELECT id FROM class WHERE name = '6 Ж'")
append_old assign "6 Ж/Алгебра/0" olga
sqlite3 "$db" "INSERT INTO assignment(user_id, class_id, subject_id, subgroup) SELECT u.id, $c6,
    s.id, 0 FROM user u, subject s WHERE u.login = 'olga' AND s.name = 'Алгебра'"
# (An old record's row came before any record that names one: it never has a removed row's id.)
append_old substitute "6 Ж subject:1/0" "dina 2026-12-01..2026-12-04"
sqlite3 "$db" "INSERT INTO substitution(id, user_id, class_id, subject_id, subgroup, starts, ends)
    SELECT 100, id, $c6, 1, 0, '2026-12-01', '2026-12-04' FROM user WHERE login = 'dina'"
append_old timetable.set "6 Ж timetable from 2026-09-01" "1 1.1 Алгебра/0 olga "
sqlite3 "$db" "INSERT INTO timetable(class_id, valid_from, weekday, num, subject_id, teacher_id)
    SELECT $c6, '2026-09-01', 1, 1, s.id, u.id FROM subject s, user u
    WHERE s.name = 'Алгебра' AND u.login = 'olga'"
d audit verify
status 0 "records in the old form verify"
has "$tmp/out" "Not replayed: 1 classes" "verify says which classes it could not replay"
has "$tmp/out" "Not replayed: 1 assignments" "and which assignments"
has "$tmp/out" "Not replayed: 1 substitutions" "and which substitutions"
has "$tmp/out" "Not replayed: the timetables of 1 classes" "and which timetables"
has "$tmp/out" "Not replayed: 1 pupils" "verify says which pupils it could not replay"
has "$tmp/out" "Not replayed: the passwords of 1 users" "and which passwords"
has "$tmp/out" "Not replayed: the class histories of 1 pupils" "and which class histories"
sqlite3 "$db" "INSERT INTO pupil(class_id, surname, given, sort_key) VALUES (1, 'Тағы', 'Бір', 'x')"
d audit verify
status 1 "a pupil more than the old records explain fails verify"
has "$tmp/err" "Тағы Бір" "naming it"

done_testing
