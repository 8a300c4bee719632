#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Help without a database, help by role, and commands in the user's language.
. "${top_srcdir:-.}/tests/cli/lib.sh"

# `COMMAND --help` needs no database: the school's server may not have one yet.
d user add --help
status 0 "user add --help works where there is no database"
has "$tmp/out" "Usage: dapter user add LOGIN --name NAME" "and prints the command's usage"
[ ! -e "$db" ]; tap_result $? "and creates no database"
d marks import --dry-run --help
has "$tmp/out" "Usage: dapter marks import" "--help after other options works too"
d marks import -- --help
lacks "$tmp/out" "Usage: dapter marks import" "but not after --, where it is an argument"

make_school || { echo "Bail out! cannot set up the school"; exit 1; }

# help as a user lists what her role may run, nothing else.
d --as aruzhan help
status 0 "a teacher's help works"
has "$tmp/out" "marks import" "it lists what a teacher may run"
lacks "$tmp/out" "user add" "but not the admin's commands"
lacks "$tmp/out" "backup" "nor the operator's"
d --as boss help
has "$tmp/out" "user add" "an admin's help lists the accounts commands"
d help
has "$tmp/out" "backup" "the operator's lists every command"

# Commands speak the acting user's language, as the journal does.
d user lang aruzhan kk
d --as aruzhan lesson add "7 Ә" Физика 2026-11-23
has "$tmp/err" "Физика пәні жоқ" "a Kazakh teacher's errors are in Kazakh"
d --as aruzhan help
has "$tmp/out" "Командалар" "and so is her help"
d --as pavel lesson add "7 Ә" Физика 2026-11-23
lacks "$tmp/err" "пәні жоқ" "a teacher without a language keeps the session's (English here)"
done_testing
