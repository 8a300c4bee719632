#!/bin/sh
# The yearly archive: frozen periods, printable journals, checksums.
. "${top_srcdir:-.}/tests/cli/lib.sh"
"$DAPTER" --db "$db" demo --no-serve >/dev/null 2>&1 ||
    { echo "Bail out! cannot create the demo school"; exit 1; }
a="$tmp/archive/dapter-archive-2026"

d archive 2026 "$tmp/archive"
status 0 "archive the school year 2026-2027"
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
d audit log
has "$tmp/out" "period.close" "closing the year is audited"
"$DAPTER" --db "$db" --as aigerim lesson add "7 Ә" Алгебра 2026-11-20 >"$tmp/out" 2>"$tmp/err"
st=$?
status 1 "an archived year takes no new lesson"
"$DAPTER" --db "$a/dapter-2026.db" audit verify >"$tmp/out" 2>"$tmp/err"; st=$?
status 0 "the archived database's audit chain holds"

d archive verify "$a"
status 0 "archive verify accepts an intact archive"
d archive 2026 "$tmp/archive"
status 1 "an archive is never overwritten"

printf 'x' >>"$a/journals/7_Ә-Алгебра-2026-q1.csv"
d archive verify "$a"
status 1 "archive verify refuses a changed file"
has "$tmp/err" "journals/7_Ә-Алгебра-2026-q1.csv" "naming the changed file"
rm "$a/summary/8_Б.pdf"
d archive verify "$a"
status 1 "archive verify refuses a missing file"
d archive verify "$tmp/nowhere"
status 1 "archive verify needs a SHA256SUMS"
d archive 1999 "$tmp/archive"
status 2 "a year before 2000 is a usage error"
d archive 2030 "$tmp/archive"
status 4 "a school year that does not exist is not found"
done_testing
