#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Faults of the disk under the journal: a database the server may only read
# (a full backup volume mounted read-only, wrong ownership after a restore)
# must still be readable, and writes must be refused with a sentence that
# says so; a full disk must refuse a write cleanly and leave the database
# whole, and writes must work again once there is room.
. "${top_srcdir:-.}/tests/cli/lib.sh"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
printf 'Тегі,Аты\nӘлиев,Нұр\nБеков,Ерлан\n' >"$tmp/r.csv"
"$DAPTER" --db "$db" roster import "7 Ә" "$tmp/r.csv" >/dev/null &&
"$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-11-04 --topic "Көпмүшелер" >/dev/null &&
"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 >"$tmp/page.csv" &&
sed 's/^\(1,Әлиев Нұр\),$/\1,9/' "$tmp/page.csv" >"$tmp/filled.csv" &&
"$DAPTER" --db "$db" marks import <"$tmp/filled.csv" >/dev/null ||
    { echo "Bail out! cannot fill the journal"; exit 1; }
"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 >"$tmp/want.csv"
sed 's/^\(1,Әлиев Нұр\),9$/\1,10/' "$tmp/want.csv" >"$tmp/changed.csv"

# --- a read-only database ---
# root ignores file modes, so the read-only half runs as nobody when we are root.
as_reader() { "$@"; }
ro=yes
if [ "$(id -u)" -eq 0 ]; then
	# nobody must reach the binary too (not so under a 0700 home directory).
	if command -v setpriv >/dev/null && setpriv --reuid=nobody --regid=nogroup \
	    --clear-groups "$DAPTER" version >/dev/null 2>&1; then
		as_reader() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
	else
		ro=no
	fi
fi
# r ARGS: dapter as the reader; output in $tmp/out, $tmp/err; status in $st.
r() {
	as_reader "$DAPTER" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err" <"${r_in:-/dev/null}"
	st=$?
	return 0
}

if [ "$ro" = yes ]; then
	# Hand the files to nobody read-only, as a restore by another user would.
	sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null 2>&1
	chmod 755 "$tmp"
	mkdir "$tmp/ro" && mv "$db"* "$tmp/ro/" && db="$tmp/ro/school.db"
	chmod 444 "$db"*
	chmod 555 "$tmp/ro"
	chmod 644 "$tmp/out" "$tmp/err" 2>/dev/null
	: >"$tmp/out"; : >"$tmp/err"; chmod 666 "$tmp/out" "$tmp/err"

	r roster list "7 Ә"
	status 0 "a read-only database: roster list works"
	has "$tmp/out" "Әлиев Нұр" "and shows the class"
	r marks export "7 Ә" Алгебра --period q2
	status 0 "a read-only database: marks export works"
	same "$tmp/out" "$tmp/want.csv" "and shows every mark"
	r lesson list "7 Ә" Алгебра --period q2
	status 0 "a read-only database: lesson list works"
	r audit verify
	status 0 "a read-only database: the audit chain can be verified"

	r lesson add "7 Ә" Алгебра 2026-11-05 --topic "Жаңа"
	status 1 "a read-only database refuses a new lesson"
	has "$tmp/err" "read-only" "saying the journal is read-only"
	r_in="$tmp/changed.csv" r marks import
	status 1 "a read-only database refuses a marks import"
	has "$tmp/err" "read-only" "saying the journal is read-only"
	r subject add Химия --hours 2
	status 1 "a read-only database refuses a new subject"
	has "$tmp/err" "nothing was changed" "saying nothing was changed"

	chmod 755 "$tmp/ro"
	chmod 644 "$db"*
	ic=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
	[ "$ic" = ok ]; tap_result $? "the database is intact after the refused writes ($ic)"
	d marks export "7 Ә" Алгебра --period q2
	same "$tmp/out" "$tmp/want.csv" "and holds exactly what it held"
	d lesson add "7 Ә" Алгебра 2026-11-05 --topic "Жаңа"
	status 0 "with write access back, writes work again"
	d marks export "7 Ә" Алгебра --period q2
	cp "$tmp/out" "$tmp/want.csv"
else
	echo "# SKIP read-only database: we are root and nobody cannot run $DAPTER (setpriv)"
	tap_result 0 "# SKIP a read-only database needs a non-root user"
fi

# --- a full disk ---
# A 2 MB tmpfs holds the database; a filler file takes the rest.
full="$tmp/full"
mkdir "$full"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=2M,mode=0755 dapter-test "$full" 2>/dev/null
then
	# Never leave the mount behind, also when make check is interrupted.
	trap 'umount "$full" 2>/dev/null; rm -rf "$tmp"' EXIT
	trap 'exit 1' HUP INT TERM
	sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null 2>&1
	cp "$db" "$full/school.db"
	db="$full/school.db"
	d marks export "7 Ә" Алгебра --period q2
	same "$tmp/out" "$tmp/want.csv" "the database works on the small disk"
	dd if=/dev/zero of="$full/filler" bs=4k 2>/dev/null
	awk -F, 'NR == 2 { s = $0; for (d = 4; d <= 28; d++) s = s sprintf(",2026-12-%02d", d)
		print s; next } NR > 2 { s = $0; for (d = 4; d <= 28; d++) s = s ",7"; print s; next }
		{ print }' "$tmp/want.csv" >"$tmp/big.csv"
	"$DAPTER" --db "$db" marks import <"$tmp/big.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
	status 1 "a full disk refuses a marks import"
	has "$tmp/err" "disk is full" "saying the disk is full"
	d lesson add "7 Ә" Алгебра 2026-11-06 --topic "$(head -c 300 /dev/zero | tr '\0' x)"
	[ "$st" -ne 0 ] || echo "# (the lesson fitted in a free page)"
	grep -q "disk is full\|^$" "$tmp/err"; tap_result $? "a lesson add on a full disk fails cleanly or fits"
	rm -f "$full/filler"
	ic=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
	[ "$ic" = ok ]; tap_result $? "the database is intact after the disk filled up ($ic)"
	d audit verify
	status 0 "the audit chain holds after the disk filled up"
	d marks export "7 Ә" Алгебра --period q2
	same "$tmp/out" "$tmp/want.csv" "the refused import changed nothing"
	"$DAPTER" --db "$db" marks import <"$tmp/big.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
	status 0 "with room again, the same import lands"
	umount "$full"
else
	echo "# SKIP a full disk: cannot mount a 2 MB tmpfs here (needs root and mount rights)"
	tap_result 0 "# SKIP a full disk needs a small tmpfs"
fi
done_testing
