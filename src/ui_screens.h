/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_screens: the screens, each a whole page a teacher sees (layer 4, the
 * top of the UI; ui_term.h draws the layers). A screen may use the widgets
 * (ui_widgets.h), the key loop and the terminal below it, and other
 * screens. Nothing below calls a screen by name: the application
 * (ui_main.c) installs the lock and help screens in struct ui for the key
 * loop to call.
 */
#ifndef DAPTER_UI_SCREENS_H
#define DAPTER_UI_SCREENS_H

#include "store.h"
#include "ui_widgets.h"

/*
 * The password screen of a locked session, from which another teacher may
 * log in meanwhile: UI_KEY when unlocked, else UI_QUIT.
 */
int ui_lock_screen(struct ui *ui);
/*
 * The keys of the current keymap, `context`'s first, with what they do
 * (ui_help.c): 0 when left, UI_QUIT when the session ended.
 */
int ui_help(struct ui *ui, const char *context);
int ui_home_run(struct ui *ui);
int ui_grid_run(struct ui *ui, const struct journal *j);
struct plan_topic;
/*
 * The journal's plan (ui_plan.c), read-only; with `pick`, Enter takes the
 * topic selected into *out: 1 then, 0 back without one, or UI_QUIT.
 */
int ui_plan_run(struct ui *ui, const struct journal *j, int pick, struct plan_topic *out);
/* The administration screens (admin; head sees terms, sessions, audit). */
int ui_admin_run(struct ui *ui);
/* The papers of a class as text, and how to fetch them as files (ui_reports.c). */
int ui_reports_run(struct ui *ui);
/* Changes the user's own password: old one, new one twice. 0, or UI_QUIT. */
int ui_admin_password(struct ui *ui);

#endif
