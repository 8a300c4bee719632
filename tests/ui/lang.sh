#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# One key cycles the language kk -> ru -> en at run time; the choice is
# saved for the user and used at the next start.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
start a 80 24 -- --as aigerim
check "the UI starts in English here" wait_for a "[EN]"
check "the home title is \"My journals\"" wait_for a "My journals"
keys a w
check "w switches to Kazakh" wait_for a "[KK]"
check "the home title is in Kazakh" wait_for a "Менің журналдарым"
keys a w
check "w again switches to Russian" wait_for a "[RU]"
check "the home title is in Russian" wait_for a "Мои журналы"
keys a w
check "and back to English" wait_for a "[EN]"
check "the English title is back" wait_for a "My journals"
keys a Enter
check "the journal opens" wait_for a "7 Ә · Алгебра"
keys a F2
check "F2 switches the language on the journal page" wait_for a "[KK]"
check "the journal page's heads are in Kazakh" wait_for a "Оқушы"
keys a w
check "the journal page is redrawn in Russian" wait_for a "[RU]"
check "its heads in Russian" wait_for a "Ученик"
keys a q q y
check "quit" wait_for a "EXITED 0"
start b 80 24 -- --as aigerim
check "the saved language (ru) is used at the next start" wait_for b "[RU]"
tap_done
