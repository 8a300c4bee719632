/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_plan: a journal's calendar-thematic plan for the teacher, reached from
 * the page: the topics by section, which are done and on which day, where
 * a СОр is due, and how far the class is ahead or behind. It is a list of
 * ui_admin_list.c, so it scrolls and drops its narrow columns at 40x12.
 *
 * The list only reads. Opened to pick (from the lesson editor, or from the
 * page onto the lesson under the cursor), Enter takes the topic selected.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "plan.h"
#include "ui_internal.h"

/* A row of the list: a section's heading, or a topic. */
struct plan_line {
	const char *section;	/* a heading: the section's name */
	size_t topic;		/* else the topic's index */
};

struct plan_screen {
	const struct journal *j;
	int pick;
	struct plan_topic *topics;
	size_t ntopics;
	struct plan_line *lines;
	size_t first_undone;	/* the line of the first topic not done */
	int picked;		/* a topic was taken into *out */
	struct plan_topic *out;
	char status[256];
};

static int
plan_load(struct ui *ui, struct admin_list *l, size_t *n)
{
	struct plan_screen *s = l->ctx;
	struct plan_pace pace;
	const char *section = "";
	size_t i, k = 0;
	int found;

	free(s->topics);
	free(s->lines);
	s->topics = NULL;
	s->lines = NULL;
	s->ntopics = 0;
	/* L10N: the title of a journal's plan screen: class, subject. */
	snprintf(l->title, sizeof l->title, _("%s · %s%s · plan"), s->j->class_name,
	    s->j->subject_name, s->j->subgroup ? "*" : "");
	if (store_plan_progress(ui->st, s->j->class_id, s->j->subject_id, s->j->subgroup,
	    &s->topics, &s->ntopics, NULL) != STORE_OK ||
	    store_plan_pace(ui->st, s->j->class_id, s->j->subject_id, s->j->subgroup, ui->today,
	    s->topics, s->ntopics, &pace) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	/* One line per topic and one per section heading, at most. */
	if ((s->lines = calloc(2 * s->ntopics + 1, sizeof *s->lines)) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		return -1;
	}
	s->first_undone = 0;
	for (i = 0, found = 0; i < s->ntopics; i++) {
		if (strcmp(s->topics[i].section, section) != 0) {
			section = s->topics[i].section;
			s->lines[k++].section = section;
		}
		if (!found && s->topics[i].done < s->topics[i].hours) {
			s->first_undone = k;
			found = 1;
		}
		s->lines[k++].topic = i;
	}
	*n = k;
	if (pace.ahead > 0)
		snprintf(s->status, sizeof s->status, _("%d of %d h given · ahead by %d h"),
		    pace.done, pace.hours, pace.ahead);
	else if (pace.ahead < 0)
		snprintf(s->status, sizeof s->status, _("%d of %d h given · behind by %d h"),
		    pace.done, pace.hours, -pace.ahead);
	else
		snprintf(s->status, sizeof s->status, _("%d of %d h given · on schedule"),
		    pace.done, pace.hours);
	l->status = s->status;
	return 0;
}

static const char *
plan_cell(const struct admin_list *l, size_t row, int col, char *buf, size_t size, int *style)
{
	const struct plan_screen *s = l->ctx;
	const struct plan_line *line = &s->lines[row];
	const struct plan_topic *t = NULL;

	if (line->section != NULL) {
		*style = UI_BOLD;
		return col == 4 ? line->section : "";
	}
	t = &s->topics[line->topic];
	switch (col) {
	case 0:		/* done: a tick, or how many of its hours */
		if (t->done >= t->hours)
			return "✓";
		if (t->done > 0)
			snprintf(buf, size, "%d/%d", t->done, t->hours);
		return buf;
	case 1:
		snprintf(buf, size, "%d", t->num);
		return buf;
	case 2:		/* the day it was done, else the day planned */
		if (t->done_date[0] != '\0')
			snprintf(buf, size, "%.2s.%.2s", t->done_date + 8, t->done_date + 5);
		else if (t->date[0] != '\0') {
			snprintf(buf, size, "%.2s.%.2s", t->date + 8, t->date + 5);
			*style |= UI_DIM;
		}
		return buf;
	case 3:
		snprintf(buf, size, "%d", t->hours);
		return buf;
	case 4:
		return t->topic;
	case 5:
		return t->sor_due ? lesson_kind_label(LESSON_SOR) : "";
	}
	return "";
}

static int
plan_act(struct ui *ui, struct admin_list *l, const char *action, size_t sel, size_t n)
{
	struct plan_screen *s = l->ctx;

	(void)ui;
	if (!s->pick || n == 0 || strcmp(action, "open") != 0 || s->lines[sel].section != NULL)
		return ADMIN_STAY;
	*s->out = s->topics[s->lines[sel].topic];
	s->picked = 1;
	return ADMIN_BACK;
}

int
ui_plan_run(struct ui *ui, const struct journal *j, int pick, struct plan_topic *out)
{
	static const char *const hints[] = { "down", N_("scroll"), "back", N_("back"),
	    "help", N_("help"), NULL };
	static const char *const pick_hints[] = { "open", N_("take the topic"), "back",
	    N_("back"), "down", N_("scroll"), NULL };
	/* L10N: the plan screen's columns: done, topic number, day, hours, topic. */
	static const struct admin_column columns[] = {
		{ NULL, 3, UI_BOLD, 0, 0 },
		{ N_("No."), 3, UI_RIGHT, 0, 0 },
		{ N_("Day"), 5, 0, ADMIN_COL_NARROW, 0 },
		{ N_("Hours"), 5, UI_RIGHT, ADMIN_COL_NARROW, 0 },
		{ N_("Topic"), 0, 0, 0, 18 },
		{ NULL, 4, UI_BOLD, 0, 0 },
		ADMIN_COLUMNS_END
	};
	struct plan_screen s = { .j = j, .pick = pick, .out = out };
	struct admin_list l = { .hints = pick ? pick_hints : hints, .columns = columns,
	    .ctx = &s, .empty = N_("This journal has no plan. Import one with `dapter plan "
	    "import`."), .load = plan_load, .cell = plan_cell, .act = plan_act };
	size_t n = 0;
	int rc;

	/* Picking starts at the first topic not done: most often the one wanted. */
	if (pick && plan_load(ui, &l, &n) == 0)
		l.first = s.first_undone;
	rc = admin_list_run(ui, &l);
	free(s.topics);
	free(s.lines);
	if (rc == UI_QUIT)
		return UI_QUIT;
	return s.picked;
}
