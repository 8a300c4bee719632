/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_admin: what only the administration screens share (layer 4, the
 * screens; ui_term.h draws the layers): the screens ui_admin_run() opens
 * from its menu, one file per group. They may use what every screen may
 * (ui_screens.h and below). Other screens reach them through
 * ui_admin_run() in ui_screens.h, never here (tests/cli/layers.sh).
 */
#ifndef DAPTER_UI_ADMIN_H
#define DAPTER_UI_ADMIN_H

#include "store.h"
#include "ui_screens.h"

/* ui_admin_classes.c: classes and their rosters. */
int admin_classes(struct ui *ui);
/* ui_admin_timetable.c: the class's weekly timetable as a grid to edit. */
int admin_timetable(struct ui *ui, const struct class *c);
/* ui_admin_teaching.c: subjects, who teaches what, substitutes. */
int admin_subjects(struct ui *ui);
int admin_assignments(struct ui *ui);
int admin_substitutes(struct ui *ui);
/* ui_admin_terms.c: terms and holidays. */
int admin_terms(struct ui *ui);
int admin_holidays(struct ui *ui);

#endif
