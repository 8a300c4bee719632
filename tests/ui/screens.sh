#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The main screens in Kazakh and Russian at 80x24 and 40x12 (issue 16,
# point 9): every hint line keeps the way out (q), the journal page keeps
# its attendance hint, and no column header is cut: each header on screen is
# the catalog's whole string (at 40 columns a column may be left out whole,
# never shown in part).
. "$top_srcdir/tests/ui/lib.sh"

if ! command -v gettext >/dev/null 2>&1; then
	echo "1..0 # SKIP the gettext program (gettext-base) reads the catalogs' headers"
	exit 0
fi
demo_db
# msg LANG MSGID [CONTEXT]: the catalog's translation.
msg() {
	if [ -n "${3:-}" ]; then
		TEXTDOMAINDIR="$DAPTER_LOCALEDIR" LANGUAGE=$1 LC_ALL=C.UTF-8 \
		    gettext -d dapter -c "$3" "$2"
	else
		TEXTDOMAINDIR="$DAPTER_LOCALEDIR" LANGUAGE=$1 LC_ALL=C.UTF-8 gettext -d dapter "$2"
	fi
}
# first_chars N TEXT: the first N characters (not bytes) of TEXT.
first_chars() {
	printf '%s\n' "$2" | LC_ALL=C.UTF-8 sed -E "s/^(.{1,$1}).*/\\1/"
}
# hint_has NAME REGEX: the hint line (the last) matches.
hint_has() {
	i=0
	while [ "$i" -lt $((50 * slow)) ]; do
		screen "$1" | tail -n 1 | grep -qE -- "$2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "# the hint line of $1 lacks /$2/:"
	screen "$1" | tail -n 1 | sed 's/^/#   |/'
	return 1
}
# heads NAME COLS FIRST HEAD...: on the line holding FIRST, each HEAD is
# whole; at 80 columns each is there.
heads() {
	n=$1 c=$2 first=$3
	shift 3
	line=$(screen "$n" | sed 1d | grep -F -- "$first" | head -n 1)
	if [ -z "$line" ]; then
		echo "# no header line with \"$first\" on $n"
		return 1
	fi
	for h in "$@"; do
		case "$line" in
		*"$h"*) continue ;;
		esac
		p=$(first_chars 3 "$h")
		case "$line" in
		*"$p"*)
			echo "# \"$h\" is cut on $n: |$line|"
			return 1
			;;
		esac
		if [ "$c" -ge 80 ]; then
			echo "# \"$h\" is missing on $n: |$line|"
			return 1
		fi
	done
	return 0
}

for lang in kk ru; do
	pupil=$(msg $lang "Pupil")
	mark=$(msg $lang "Mark" column)
	absent=$(msg $lang "a")
	for size in 80x24 40x12; do
		c=${size%x*} r=${size#*x}
		n="t$lang$c"
		start "$n" "$c" "$r" DAPTER_LANG=$lang -- --as aigerim
		wait_for "$n" "$(msg $lang "My journals")" >/dev/null
		check "$lang $size: home keeps q" hint_has "$n" "(^| )q "
		keys "$n" Enter
		wait_for "$n" "7 Ә" >/dev/null
		check "$lang $size: the journal page keeps q" hint_has "$n" "(^| )q "
		check "$lang $size: the journal page keeps attendance ($absent)" \
		    hint_has "$n" "(^| )$absent "
		if [ "$c" -ge 80 ]; then
			check "$lang $size: the journal page keeps the language key" \
			    hint_has "$n" "(^| )w "
		fi
		check "$lang $size: the journal page's headers are whole" \
		    heads "$n" "$c" "$pupil" "$pupil" "$mark"
		keys "$n" s
		wait_for "$n" "$(msg $lang "term results")" >/dev/null
		check "$lang $size: term results keep q" hint_has "$n" "(^| )q "
		check "$lang $size: the term results' headers are whole" \
		    heads "$n" "$c" "$pupil" "$pupil" "$(msg $lang FA)" "$(msg $lang SA-S)" \
		    "$(msg $lang SA-T)" "$mark"
		keys "$n" q q
		wait_for "$n" "$(msg $lang "My journals")" >/dev/null
		keys "$n" c
		wait_for "$n" "$(msg $lang "class view")" >/dev/null
		check "$lang $size: the class view keeps q" hint_has "$n" "(^| )q "
		keys "$n" q q y
		wait_for "$n" "EXITED" >/dev/null

		n="a$lang$c"
		start "$n" "$c" "$r" DAPTER_LANG=$lang -- --as admin
		wait_for "$n" "$(msg $lang "My journals")" >/dev/null
		check "$lang $size: the admin's home keeps q" hint_has "$n" "(^| )q "
		keys "$n" A
		wait_for "$n" "$(msg $lang "Users")" >/dev/null
		check "$lang $size: the administration menu keeps q" hint_has "$n" "(^| )q "
		admin_menu "$n" 0
		wait_for "$n" "aigerim" >/dev/null
		check "$lang $size: Users keeps q" hint_has "$n" "(^| )q "
		check "$lang $size: the Users headers are whole" heads "$n" "$c" \
		    "$(msg $lang Login)" "$(msg $lang Login)" "$(msg $lang Role)" "$(msg $lang Name)"
		keys "$n" q
		admin_menu "$n" 1
		wait_for "$n" "7 Ә" >/dev/null
		check "$lang $size: Classes keeps q" hint_has "$n" "(^| )q "
		check "$lang $size: the Classes headers are whole" heads "$n" "$c" \
		    "$(msg $lang Class)" "$(msg $lang Class)" "$(msg $lang Year)" \
		    "$(msg $lang "Class teacher")"
		keys "$n" q
		admin_menu "$n" 3
		wait_for "$n" "$(msg $lang Teacher)" >/dev/null
		check "$lang $size: Assignments keeps q" hint_has "$n" "(^| )q "
		check "$lang $size: the Assignments headers are whole" heads "$n" "$c" \
		    "$(msg $lang Subject)" "$(msg $lang Class)" "$(msg $lang Subject)" \
		    "$(msg $lang Group)" "$(msg $lang Teacher)"
		keys "$n" q
		admin_menu "$n" 5
		wait_for "$n" "$(msg $lang "First day")" >/dev/null
		check "$lang $size: Terms keeps q" hint_has "$n" "(^| )q "
		check "$lang $size: the Terms headers are whole" heads "$n" "$c" \
		    "$(msg $lang "First day")" "$(msg $lang Term)" "$(msg $lang "First day")" \
		    "$(msg $lang "Last day")"
		keys "$n" q
		admin_menu "$n" 7
		wait_for "$n" "$(msg $lang State)" >/dev/null
		check "$lang $size: Sessions keeps q" hint_has "$n" "(^| )q "
		check "$lang $size: the Sessions headers are whole" heads "$n" "$c" \
		    "$(msg $lang State)" "$(msg $lang Login)" "$(msg $lang State)" \
		    "$(msg $lang Idle)"
		keys "$n" q q q y
		wait_for "$n" "EXITED" >/dev/null
	done
done
tap_done
