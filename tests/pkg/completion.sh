#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion: commands from dapter's table, names from the database.
. "${top_srcdir:-.}/tests/cli/lib.sh"
if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash is not installed"
	exit 0
fi
make_school || { echo "Bail out! cannot set up the school"; exit 1; }
"$DAPTER" --db "$db" subject add "Қазақ тілі" --hours 2 >/dev/null

# complete WORDS...: what bash offers for the last word (empty: a new word).
complete_words() {
	DAPTER_DB="$db" PATH="$(dirname "$DAPTER"):$PATH" bash -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_dapter
		printf "%s\n" "${COMPREPLY[@]}"' sh \
	    "${top_srcdir:-.}/data/dapter.bash-completion" dapter "$@" >"$tmp/out" 2>"$tmp/err"
}

complete_words ""
has "$tmp/out" "report" "the first word completes to the commands"
complete_words us
[ "$(cat "$tmp/out")" = user ]; tap_result $? "us completes to user"
complete_words user ""
has "$tmp/out" "disable" "user completes to its subcommands"
lacks "$tmp/out" "report" "and only those"
complete_words user disable ""
has "$tmp/out" "aruzhan" "user disable completes logins from the database"
complete_words assign aruzhan ""
has "$tmp/out" "7Ә" "assign's second word is a class"
complete_words assign aruzhan 7Ә Қа
has "$tmp/out" 'Қазақ\ тілі' "its third a subject, quoted"
complete_words grades 7Ә ""
has "$tmp/out" "Алгебра" "grades takes a class and then a subject"
complete_words --db "$db" roster list ""
has "$tmp/out" "7Ә" "--db before the command is used for the look-ups"
done_testing
