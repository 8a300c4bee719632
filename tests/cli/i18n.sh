#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Languages: the catalogs are complete, and the language switches at run time
# even where the only locale is C.UTF-8.
. "${top_srcdir:-.}/tests/cli/lib.sh"
src=${top_srcdir:-.}

# Every source file that translates is in POTFILES.in ...
missing=""
for f in $(cd "$src" && grep -l '[^a-z_]N\?_("' src/*.c); do
	grep -qx "$f" "$src/locales/POTFILES.in" || missing="$missing $f"
done
[ -z "$missing" ]; tap_result $? "every source file using _() is listed in locales/POTFILES.in"
[ -z "$missing" ] || echo "#   missing:$missing (add them, then make update-po)"

# ... and every msgid they hold is translated (not fuzzy) in both catalogs.
(cd "$src" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ \
    --files-from=locales/POTFILES.in -o "$tmp/now.pot" 2>"$tmp/err")
for l in kk ru; do
	if msgcmp "$src/locales/$l.po" "$tmp/now.pot" >"$tmp/cmp" 2>&1; then
		tap_result 0 "locales/$l.po translates every message"
	else
		tap_result 1 "locales/$l.po translates every message"
		echo "#   not translated (run make update-po and translate them):"
		# msgcmp names the .pot lines; show the msgid found there.
		for n in $(sed -n 's/^.*now\.pot:\([0-9]*\): this message is used.*$/\1/p' "$tmp/cmp" |
		    head -n 5); do
			sed -n "$((n - 1))p" "$tmp/now.pot" | sed "s/^/#   /"
		done
	fi
	msgfmt --check -o /dev/null "$src/locales/$l.po" 2>"$tmp/err"
	tap_result $? "locales/$l.po passes msgfmt --check (format strings match)"
done

# The switch: only C.UTF-8 exists for sure; the catalog is picked by language.
run() { env -u LANGUAGE -u LC_MESSAGES LC_ALL= "$@" "$DAPTER" --db "$tmp/none.db" class list \
    >"$tmp/out" 2>"$tmp/err"; }
run DAPTER_LANG=ru LANG=C.UTF-8
has "$tmp/err" "нет базы данных журнала" "DAPTER_LANG=ru speaks Russian on a C.UTF-8 machine"
run DAPTER_LANG=kk LANG=C.UTF-8
has "$tmp/err" "дерекқоры жоқ" "DAPTER_LANG=kk speaks Kazakh"
run DAPTER_LANG= LANG=kk_KZ.UTF-8
has "$tmp/err" "дерекқоры жоқ" "LANG=kk_KZ.UTF-8 is honoured even when that locale is not installed"
run DAPTER_LANG=en LANG=ru_RU.UTF-8
has "$tmp/err" "No journal database" "DAPTER_LANG=en overrides LANG"

make_school || { echo "Bail out! cannot set up the school"; exit 1; }
printf 'Тегі,Аты\nӘлиев,Нұр\n' >"$tmp/r.csv"
"$DAPTER" --db "$db" roster import "7 Ә" "$tmp/r.csv" >/dev/null
printf 'Class,7 Ә,Subject,Алгебра,Subgroup,0,Period,2026-q2\nID,Pupil,2026-11-23\n1,Әлиев Нұр,н\n' |
    DAPTER_LANG=en "$DAPTER" --db "$db" marks import >/dev/null 2>&1
DAPTER_LANG=ru "$DAPTER" --db "$db" marks export "7 Ә" Алгебра >"$tmp/out"
has "$tmp/out" "1;Әлиев Нұр;н" "attendance letters are shown in Russian (н)"
DAPTER_LANG=kk "$DAPTER" --db "$db" marks export "7 Ә" Алгебра >"$tmp/out"
has "$tmp/out" "1;Әлиев Нұр;ж" "and in Kazakh (ж)"
DAPTER_LANG=kk "$DAPTER" --db "$db" lesson add "7 Ә" Алгебра 2026-11-24 --kind sor --max 20 >/dev/null
DAPTER_LANG=kk "$DAPTER" --db "$db" marks export "7 Ә" Алгебра >"$tmp/out"
has "$tmp/out" "2026-11-24 БЖБ/20" "summative work is БЖБ in Kazakh"
DAPTER_LANG=ru "$DAPTER" --db "$db" marks export "7 Ә" Алгебра >"$tmp/k"
has "$tmp/k" "2026-11-24 СОр/20" "and СОр in Russian"
DAPTER_LANG=ru "$DAPTER" --db "$db" marks import <"$tmp/out" >"$tmp/o2" 2>"$tmp/err"
st=$?; status 0 "a Kazakh export imports under Russian"
done_testing
