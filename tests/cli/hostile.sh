#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Hostile text in every field a user can fill: escape sequences, C1
# controls, bidi overrides, malformed UTF-8, decomposed letters, huge fields,
# names with newlines, and files in other encodings. Each value is either
# refused with a sentence on stderr or stored in a form that is safe to show;
# and nothing dapter prints ever carries a raw ESC or C1 control to the
# terminal that shows it (an SSH client, a teacher's screen).
. "${top_srcdir:-.}/tests/cli/lib.sh"
# Hundreds of runs: use a private copy, so a rebuild of src/dapter meanwhile
# (make in a shared tree) cannot fail a run with "Permission denied".
cp "$DAPTER" "$tmp/dapter" && DAPTER="$tmp/dapter"
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
export LC_ALL=C

esc=$(printf '\033')
c1=$(printf '\302[\200-\237]')
rlo=$(printf '\342\200\256')
lri=$(printf '\342\201\246')

# terminal_safe WHAT: the last command's stdout and stderr hold no ESC, no C1
# control and no bidi override (each would act on the reader's terminal).
terminal_safe() {
	bad=""
	for f in "$tmp/out" "$tmp/err"; do
		n=$(grep -c "$esc" "$f")
		[ "$n" -eq 0 ] || bad="$bad $(basename "$f"):ESC"
		n=$(grep -c "$c1" "$f")
		[ "$n" -eq 0 ] || bad="$bad $(basename "$f"):C1"
		n=$(grep -c -e "$rlo" -e "$lri" "$f")
		[ "$n" -eq 0 ] || bad="$bad $(basename "$f"):bidi"
	done
	if [ -z "$bad" ]; then
		tap_result 0 "$1: output is safe for a terminal"
	else
		tap_result 1 "$1: output is safe for a terminal"
		echo "#   raw control bytes in:$bad (see od -c below)"
		od -c "$tmp/out" "$tmp/err" | head -n 6 | sed 's/^/#   /'
	fi
}

# refused_or_stored WHAT: exit 0 (stored), or 1 with a sentence on stderr.
refused_or_stored() {
	if [ "$st" -eq 0 ]; then
		tap_result 0 "$1: stored"
	elif [ "$st" -eq 1 ] && grep -q '^dapter: .*[A-Za-z][A-Za-z]* [a-z]' "$tmp/err"; then
		tap_result 0 "$1: refused with a sentence"
	else
		tap_result 1 "$1: refused with a sentence or stored"
		echo "#   exit status $st (want 0, or 1 with a sentence on stderr)"
		sed 's/^/#   stderr: /' "$tmp/err" | head -n 3
	fi
}

# The hostile values, by name.
value() {
	case $1 in
	clear)		printf 'Ab\033[2JCd' ;;
	osc52)		printf 'Ab\033]52;c;cm0gLXJmIH4K\007Cd' ;;
	csi-c1)		printf 'Ab\302\2332JCd' ;;
	rlo)		printf 'Ab\342\200\256dC' ;;
	lri)		printf 'Ab\342\201\246Cd' ;;
	overlong)	printf 'Ab\300\200Cd' ;;
	surrogate)	printf 'Ab\355\240\200Cd' ;;
	truncated)	printf 'Ab\320' ;;
	esac
}
values="clear osc52 csi-c1 rlo lri overlong surrogate truncated"

n=0
for v in $values; do
	n=$((n + 1))
	x=$(value "$v")

	"$DAPTER" --db "$tmp/s$n.db" init --school "$x" >"$tmp/out" 2>"$tmp/err"; st=$?
	refused_or_stored "school name ($v)"
	terminal_safe "school name ($v)"

	echo "teacher-pass-9" | "$DAPTER" --db "$db" user add "u$n" --name "$x" \
	    --role teacher --password-stdin >"$tmp/out" 2>"$tmp/err"; st=$?
	refused_or_stored "user name ($v)"
	terminal_safe "user name ($v)"

	echo "teacher-pass-9" | "$DAPTER" --db "$db" user add "$x" --name "Ким" \
	    --role teacher --password-stdin >"$tmp/out" 2>"$tmp/err"; st=$?
	refused_or_stored "login ($v)"
	terminal_safe "login ($v)"

	d subject add "$x" --hours 2
	refused_or_stored "subject ($v)"
	terminal_safe "subject ($v)"

	d class add "7$x"
	refused_or_stored "class ($v)"
	terminal_safe "class ($v)"

	printf 'Тегі,Аты\n%s,Нұр\n' "$x" >"$tmp/r.csv"
	d roster import "7 Ә" "$tmp/r.csv"
	refused_or_stored "pupil name via roster import ($v)"
	terminal_safe "pupil name via roster import ($v)"

	d lesson add "7 Ә" Алгебра 2026-09-0$((n % 9 + 1)) --topic "$x"
	refused_or_stored "lesson topic ($v)"
	terminal_safe "lesson topic ($v)"

	d lesson add "7 Ә" Алгебра 2026-09-1$((n % 9 + 1)) --homework "$x"
	refused_or_stored "homework ($v)"
	terminal_safe "homework ($v)"

	# Where the user's words come back: the command line's own messages.
	d --as "$x" roster list "7 Ә"
	terminal_safe "an unknown --as user ($v)"
	d "--$x"
	terminal_safe "an unknown option ($v)"
	d roster list "$x"
	terminal_safe "an unknown class ($v)"
	d marks export "7 Ә" "$x"
	terminal_safe "an unknown subject ($v)"
	"$DAPTER" --db "$tmp/db$x" init --school "Мектеп" >"$tmp/out" 2>"$tmp/err"; st=$?
	terminal_safe "a database path ($v)"
	mkdir -p "$tmp/b$x" && d backup "$tmp/b$x"
	terminal_safe "a backup directory ($v)"
done

# Whatever was stored comes back safe in every listing.
for list in "user list" "subject list" "class list" "roster list 7Ә" \
    "lesson list 7Ә Алгебра --period q1" "marks export 7Ә Алгебра --period q1" \
    "journal list" "audit log"; do
	# shellcheck disable=SC2086
	d $list
	status 0 "$list works after the hostile input"
	terminal_safe "$list"
done

# Decomposed Cyrillic (И + U+0306, as macOS and some phones send it) is stored as Й.
nfd=$(printf '\320\230\314\206')
nfc=$(printf '\320\231')
d subject add "${nfd}сқақ тілі" --hours 1
status 0 "a subject name in decomposed form is accepted"
d subject list
has "$tmp/out" "${nfc}сқақ тілі" "subject list shows it composed (NFC Й)"
lacks "$tmp/out" "$nfd" "and never decomposed"
printf 'Тегі,Аты\n%sбрайым,Да%sр\n' "$nfd" "$nfd" >"$tmp/r.csv"
d roster import "7 Ә" "$tmp/r.csv"
status 0 "a roster with decomposed letters imports"
d roster list "7 Ә"
has "$tmp/out" "${nfc}брайым Да${nfc}р" "roster list shows the pupil composed (NFC Й)"
lacks "$tmp/out" "$nfd" "and never decomposed"
d lesson add "7 Ә" Алгебра 2026-10-05 --topic "${nfd}ылдам"
status 0 "a decomposed topic is accepted"
d lesson list "7 Ә" Алгебра --period q1
has "$tmp/out" "${nfc}ылдам" "lesson list shows the topic composed (NFC Й)"

# Huge fields: refused at once with a sentence, never a crash or a long wait.
big="$tmp/big"
head -c 10485760 /dev/zero | tr '\0' 'a' >"$big"
{ printf 'Тегі,Аты\n'; cat "$big"; printf ',Нұр\n'; } >"$tmp/big.csv"
t0=$(date +%s)
d roster import "7 Ә" "$tmp/big.csv"
t1=$(date +%s)
status 1 "a 10 MB roster file is refused"
has "$tmp/err" "MB" "saying how large it may be"
[ $((t1 - t0)) -le 10 ]; tap_result $? "and quickly ($((t1 - t0)) s)"
{ printf 'Тегі,Аты\n'; head -c 9000000 "$big"; printf ',Нұр\n'; } >"$tmp/big.csv"
d roster import "7 Ә" "$tmp/big.csv"
status 1 "a 9 MB name is refused"
has "$tmp/err" "too long" "as too long"
{ printf 'Class,7 Ә,Subject,Алгебра,Subgroup,0,Period,2026-q1\nID,Pupil,2026-09-02\n1,'
  cat "$big"; printf ',8\n'; } >"$tmp/big.csv"
t0=$(date +%s)
"$DAPTER" --db "$db" marks import <"$tmp/big.csv" >"$tmp/out" 2>"$tmp/err"; st=$?
t1=$(date +%s)
status 1 "a marks file with a 10 MB cell is refused"
grep -q '^dapter: .* [a-z]' "$tmp/err"; tap_result $? "with a sentence"
[ $((t1 - t0)) -le 10 ]; tap_result $? "and quickly ($((t1 - t0)) s)"
# The kernel caps one argument at 128 kB: the largest a command line can carry.
long=$(head -c 120000 "$big")
d lesson add "7 Ә" Алгебра 2026-10-06 --topic "$long"
[ "$st" -ne 0 ] && grep -q "too long" "$tmp/err"; tap_result $? "a 120 kB topic is refused as too long"
d subject add "$long" --hours 1
[ "$st" -eq 1 ] && grep -q "too long" "$tmp/err"
tap_result $? "a 120 kB subject name is refused as too long"
rm -f "$big" "$tmp/big.csv"

# CSV quoting: quotes inside a name are text; a newline inside a name is refused.
printf 'Тегі,Аты\n"Ким ""Паша""",Ерлан\n' >"$tmp/r.csv"
d roster import "7 Ә" "$tmp/r.csv"
refused_or_stored "a quoted name with doubled quotes"
terminal_safe "a quoted name with doubled quotes"
printf 'Тегі,Аты\n"Бек\nов",Ерлан\nСаматов,Ерлан\n' >"$tmp/r.csv"
d roster import "7 Ә" "$tmp/r.csv"
status 1 "a name with a newline inside its quotes is refused"
has "$tmp/err" "line 2" "naming the line where it starts"
has "$tmp/err" "Nothing was imported" "and nothing of the file is imported"
d roster list "7 Ә"
lacks "$tmp/out" "Саматов" "the good row of a refused file is not there either"
printf 'Тегі,Аты\n"Беков,Ерлан\n' >"$tmp/r.csv"
d roster import "7 Ә" "$tmp/r.csv"
status 1 "an unclosed quote is refused"
has "$tmp/err" "never ends" "saying the quoted field never ends"

# Other encodings: Windows-1251 and UTF-16 are read; anything else is refused.
d class add "9 В"
if [ -f "$shared/roster-8b-cp1251.csv" ] && [ -f "$shared/roster-7a.csv" ]; then
	d roster import "7 Ә" "$shared/roster-8b-cp1251.csv"
	status 0 "a Windows-1251 roster imports"
	has "$tmp/out" "Windows-1251" "saying it was read as Windows-1251"
	terminal_safe "a Windows-1251 roster"
	{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$shared/roster-7a.csv"; } >"$tmp/u16.csv"
	d roster import "9 В" "$tmp/u16.csv"
	status 0 "a UTF-16LE roster with a BOM imports"
	has "$tmp/out" "UTF-16" "saying it was read as UTF-16"
	d roster list "9 В"
	has "$tmp/out" "Үмбетов Нұрлан Асқарұлы" "the UTF-16 names read back as UTF-8"
else
	tap_result 0 "# SKIP the school files are not in $shared (set DAPTER_SHARED_DATA)"
fi
printf '\377\376T\000\000\330,\000' >"$tmp/u16bad.csv"
d roster import "9 В" "$tmp/u16bad.csv"
status 1 "UTF-16 with a lone surrogate is refused"
has "$tmp/err" "CSV UTF-8" "saying how to save the file"
terminal_safe "a malformed UTF-16 roster"
printf 'Тегі,Аты\n\033[2J\033]52;c;QUJD\007,\302\233x\n' | iconv -f UTF-8 -t UTF-16BE >"$tmp/u16esc.csv"
{ printf '\376\377'; cat "$tmp/u16esc.csv"; } >"$tmp/u16esc2.csv"
d roster import "9 В" "$tmp/u16esc2.csv"
status 1 "escape sequences inside a UTF-16 file are refused"
terminal_safe "escape sequences inside a UTF-16 file"
printf 'Тегі,Аты\nАб\000ев,Ерлан\n' >"$tmp/nul.csv"
d roster import "9 В" "$tmp/nul.csv"
status 1 "a NUL byte in a file is refused"
terminal_safe "a NUL byte in a file"

d audit verify
status 0 "the audit chain holds after all of it"
done_testing
