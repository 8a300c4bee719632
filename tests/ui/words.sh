#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every key the screen names means what the teacher thinks (issue 16):
# following the journal page's attendance hint in Kazakh and Russian records
# "absent"; the Kazakh layout's digit row (" ә і ң ғ , . ү ұ қ) writes marks
# 1..0, none of its keys moves the cursor; «н» (нет) never confirms a
# deletion, «д» (да) does, and the question says (д/н); the role prompt and
# the scheme are in Russian.
. "$top_srcdir/tests/ui/lib.sh"

demo_db
q() { "$DAPTER" --db "$db" "$@" 2>&1; }

# ---- point 1: the attendance hint, in Kazakh and Russian ----
# The journal opens on today's lesson (2026-11-23), on the first pupil; one
# session after the other, since the page is locked by the one that has it.
for lang in kk ru; do
	if [ "$lang" = kk ]; then
		hint="ж жоқ" letter=ж pupil="Бекмұхамбетов Алихан" down="Down Down Down"
		period="2-тоқсан"
	else
		hint="н пропуск" letter=н pupil="Ғалымжанова Дильназ" down="Down Down Down Down"
		period="2 четверть"
	fi
	start "$lang" 80 24 DAPTER_LANG=$lang -- --as aigerim
	wait_for "$lang" "[$(echo $lang | tr a-z A-Z)]" >/dev/null
	keys "$lang" Enter
	wait_for "$lang" "7 Ә · Алгебра" >/dev/null
	check "$lang: the title names the term as a person reads it (point 7)" \
	    wait_for "$lang" "7 Ә · Алгебра · $period"
	check "$lang: the journal page's hint names the language's absent key ($hint)" \
	    wait_for "$lang" "$hint"
	check "$lang: the hint line names no Latin a" sh -c "! tmux -u -L '$sock' capture-pane \
	    -p -t '=$lang:' | tail -n 1 | grep -q '\\(^\\| \\)a '"
	# Follow the hint: the cell shows the language's absent code.
	keys "$lang" $down "$letter"
	check "$lang: the hinted key records absent" wait_re "$lang" "^.$pupil .* $letter "
	keys "$lang" q q y
	wait_for "$lang" "EXITED" >/dev/null
	# The 11th field of the export is today's lesson.
	check "$lang: the store has it as absent (a), never ill (i)" sh -c '"$DAPTER" --db "$0" \
	    marks export "7 Ә" Алгебра | awk -F, -v p="$1" "\$2 ~ p { print \$11 }" |
	    grep -q "^a"' "$db" "${pupil%% *}"
done

# ---- point 3: the Kazakh layout's digit row in the grid ----
start d 80 24 -- --as aigerim
wait_for d "My journals" >/dev/null
keys d Enter
wait_for d "7 Ә · Алгебра" >/dev/null
keys d '"'
check "\" (the Kazakh layout's 1) writes 1" wait_re d "^.Ахметов Нұрсұлтан .* 1 "
keys d ','
check ", (the Kazakh layout's 6) writes 6" wait_re d "^.Әбілқасымова Аружан .* 6 "
keys d '.'
check ". (the Kazakh layout's 7) writes 7, it does not jump to today" \
    wait_re d "^.Байжанова Әйгерім .* 7 "
keys d ә
check "ә (the Kazakh layout's 2) still writes 2" wait_re d "^.Бекмұхамбетов Алихан .* 2 "
keys d q q y
wait_for d "EXITED" >/dev/null

# ---- point 2: yes and no on every question, in Russian ----
start a 100 30 DAPTER_LANG=ru -- --as admin
wait_for a "[RU]" >/dev/null
keys a A
wait_for a "Управление" >/dev/null
admin_menu a 6
wait_for a "2026-2027" >/dev/null
before=$(q holiday list | wc -l)
keys a x
check "the question says yes and no in Russian: (д/н)" wait_for a "(д/н)"
keys a н
check "«н» (нет) answers no" wait_gone a "(д/н)"
check "and the holidays stay" test "$(q holiday list | wc -l)" -eq "$before"
keys a x
wait_for a "(д/н)" >/dev/null
keys a у
wait_gone a "(д/н)" >/dev/null
check "у (a y look-alike) is not yes either" test "$(q holiday list | wc -l)" -eq "$before"
keys a x
wait_for a "(д/н)" >/dev/null
keys a д
check "«д» (да) answers yes: the holiday is removed" wait_for a "Каникулы удалены"
check "and the store no longer lists it" test "$(q holiday list | wc -l)" -eq $((before - 1))

# ---- point 8: no English on a Russian screen ----
keys a q
admin_menu a 0
wait_for a "aigerim" >/dev/null
keys a +
wait_for a "Логин нового пользователя" >/dev/null
keys a dana Enter "Дана Ким" Enter
check "the role prompt offers учитель, not teacher" wait_re a "Роль \(учитель.*\): *учитель *$"
keys a Escape q
admin_menu a 2
check "the Subjects list names the scheme in Russian" wait_re a "Алгебра +3 +критерии"
keys a a "Физика" Enter C-u 50 Enter Enter
check "one limit for the hours a week, the store's" wait_for a "от 1 до 20"

# ---- issue 10 point 10: the admin lists' titles follow w ----
keys a w
check "w retitles an admin list (Предметы -> Subjects)" wait_re a "^Subjects +\[EN\]"

# ---- issue 10 point 10: Sessions names the page held, not its lock id ----
start h 80 24 -- --as aigerim
wait_for h "My journals" >/dev/null
keys h Enter
wait_for h "7 Ә · Алгебра" >/dev/null
keys a q
admin_menu a 7
check "Sessions names the page aigerim holds" wait_re a "aigerim .*7 Ә · Алгебра · quarter 2"
check "and shows no internal id" sh -c "! tmux -u -L '$sock' capture-pane -p -t '=a:' |
    grep -q 'journal:[0-9]'"

# ---- issue 10 point 10: the class view names subjects on two lines ----
start v 80 24 -- --as zaure
wait_for v "My journals" >/dev/null
keys v c
wait_for v "class view" >/dev/null
check "the class view shows «Қазақ» over «әдеби», not «Қазақ» alone" sh -c "
    tmux -u -L '$sock' capture-pane -p -t '=v:' | sed -n 2p | grep -q 'Қазақ' &&
    tmux -u -L '$sock' capture-pane -p -t '=v:' | sed -n 3p | grep -q 'әдеби'"

# ---- issue 10 point 10: the audit in names and local time, filtered by "7Ә" ----
start z 120 30 TZ=Asia/Almaty -- --as admin
wait_for z "My journals" >/dev/null
keys z A
wait_for z "Users" >/dev/null
admin_menu z 8
wait_for z "mark.set" >/dev/null
check "the audit names the pupil and drops the lesson's id" \
    wait_re z "mark.set 7 Ә/Алгебра 2026-11-23 Бекмұхамбетов Алихан: "
check "and shows no pupil:N or lesson:N" sh -c "! tmux -u -L '$sock' capture-pane -p \
    -t '=z:' | grep -qE 'pupil:[0-9]|lesson:[0-9]'"
# The newest mark.set in UTC, and as Almaty's clock read it.
utc=$(q audit log --last 50 | awk -F'\t' '$5 == "mark.set" { print $2; exit }')
local=$(TZ=Asia/Almaty date -d "$utc" '+%Y-%m-%d %H:%M:%S')
check "its time is the school's local time ($local, not $utc)" wait_for z "$local"
keys z f Enter "7Ә" Enter Enter Enter
check "the filter takes 7Ә as 7 Ә" wait_re z "^Audit: .* \| +7 Ә "
check "and finds the class's records" wait_re z "mark.set 7 Ә/Алгебра"
tap_done
