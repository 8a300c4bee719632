#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Crash consistency: dapter killed with SIGKILL at random moments while it
# writes (a 750-mark import, a lesson added) must leave a database that
# passes integrity_check, an audit chain that holds, every write it
# acknowledged (exit 0) before the kill, and each import whole or not at all.
. "${top_srcdir:-.}/tests/cli/lib.sh"
# Hundreds of runs: use a private copy, so a rebuild of src/dapter meanwhile
# (make in a shared tree) cannot fail a run with "Permission denied".
cp "$DAPTER" "$tmp/dapter" && DAPTER="$tmp/dapter"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
command -v sqlite3 >/dev/null || { echo "1..0 # SKIP sqlite3 (the command) is not installed"; exit 0; }
rounds=${CRASH_ROUNDS:-30}

"$DAPTER" --db "$db" subject add Геометрия --hours 2 >/dev/null &&
"$DAPTER" --db "$db" assign aruzhan "7 Ә" Геометрия >/dev/null &&
awk 'BEGIN { print "Тегі,Аты"; for (i = 0; i < 30; i++) printf "Оқушы%02d,Есім\n", i }' \
    >"$tmp/r.csv" &&
"$DAPTER" --db "$db" roster import "7 Ә" "$tmp/r.csv" >/dev/null ||
    { echo "Bail out! cannot set up the class"; exit 1; }

# Two versions of the same journal page: 30 pupils x 25 lessons, A and B differ in every cell.
"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 >"$tmp/empty.csv"
page() {
	awk -F, -v v="$1" 'NR == 1 { print; next }
	    NR == 2 { s = $0; for (d = 4; d <= 28; d++) s = s sprintf(",2026-11-%02d", d)
		print s; next }
	    { s = $1 "," $2; for (d = 4; d <= 28; d++) s = s "," ((NR + d + v) % 10 + 1)
		print s }' "$tmp/empty.csv"
}
page 0 >"$tmp/A.csv"
page 5 >"$tmp/B.csv"
for v in B A; do
	"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/$v.csv" >/dev/null &&
	"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 >"$tmp/$v.want" ||
	    { echo "Bail out! the marks page does not import"; exit 1; }
done
state=A		# what the journal page holds now

now_ms() { echo $(($(date +%s%N) / 1000000)); }
t0=$(now_ms)
"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/B.csv" >/dev/null
t1=$(now_ms)
state=B
span=$((t1 - t0 + 20))	# kill anywhere from before it starts to after it ends
echo "# one import takes $((t1 - t0)) ms; kills land in 0..$span ms"

# random N: a number in 0..N-1 (dash has no $RANDOM).
random() {
	echo $(($(od -An -N2 -tu2 /dev/urandom) % $1))
}
# pause MS: sleep for MS milliseconds.
pause() {
	sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"
}

: >"$tmp/acked"
ikills=0
lkills=0
acked_imports=0
broken=0
for round in $(seq 1 "$rounds"); do
	# The page flips between A and B; a kill leaves it at one or the other.
	if [ "$state" = A ]; then next=B; else next=A; fi
	"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/$next.csv" >/dev/null 2>&1 &
	pid=$!
	# A lesson added in another journal at the same time.
	day=$(printf '2026-11-%02d' $((round % 25 + 4)))
	"$DAPTER" --db "$db" --as aruzhan lesson add "7 Ә" Геометрия "$day" \
	    --topic "crash $round" >"$tmp/lesson.out" 2>/dev/null &
	lpid=$!
	pause "$(random "$span")"
	kill -KILL "$pid" 2>/dev/null
	kill -KILL "$lpid" 2>/dev/null
	# The shell's own "Killed" notes go nowhere: they are expected.
	wait "$pid" 2>/dev/null
	ist=$?
	wait "$lpid" 2>/dev/null
	lst=$?
	[ "$ist" -eq 137 ] && ikills=$((ikills + 1))
	[ "$lst" -eq 137 ] && lkills=$((lkills + 1))
	if [ "$ist" -eq 0 ]; then
		acked_imports=$((acked_imports + 1))
		state=$next
	fi
	[ "$lst" -eq 0 ] && cat "$tmp/lesson.out" >>"$tmp/acked"

	ic=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
	if [ "$ic" != ok ]; then
		echo "# round $round: integrity_check says: $ic"
		broken=$((broken + 1))
		continue
	fi
	if ! "$DAPTER" --db "$db" audit verify >"$tmp/out" 2>"$tmp/err"; then
		echo "# round $round: audit verify failed: $(cat "$tmp/err")"
		broken=$((broken + 1))
		continue
	fi
	"$DAPTER" --db "$db" marks export "7 Ә" Алгебра --period q2 >"$tmp/page"
	if cmp -s "$tmp/page" "$tmp/$state.want"; then
		:
	elif [ "$ist" -ne 0 ] && cmp -s "$tmp/page" "$tmp/$next.want"; then
		state=$next	# killed after the commit, before the exit
	else
		echo "# round $round: the marks page is neither version A nor B (import exit $ist)"
		diff "$tmp/$state.want" "$tmp/page" | head -n 4 | sed 's/^/#   /'
		broken=$((broken + 1))
	fi
done

tap_result $((broken != 0)) "after every kill: integrity_check ok, audit chain holds, the page whole"
kills=$((ikills + lkills))
[ "$ikills" -ge $((rounds / 3)) ]
tap_result $? "the kills landed while imports were running ($ikills of $rounds)"

"$DAPTER" --db "$db" lesson list "7 Ә" Геометрия --period q2 >"$tmp/lessons"
missing=0
while read -r id; do
	grep -q "^$id	" "$tmp/lessons" || { missing=$((missing + 1)); echo "# lesson $id was acknowledged and is gone"; }
done <"$tmp/acked"
tap_result $((missing != 0)) "every lesson acknowledged before a kill is in the journal ($(wc -l <"$tmp/acked") of them)"
"$DAPTER" --db "$db" --as aruzhan marks import <"$tmp/A.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "the journal takes writes again after the kills (no stale lock or journal)"
echo "# kills survived: $kills (imports $ikills, lesson adds $lkills)"
echo "# imports acknowledged: $acked_imports of $rounds"
echo "# lessons acknowledged: $(wc -l <"$tmp/acked") of $rounds"
done_testing
