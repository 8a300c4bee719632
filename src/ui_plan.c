/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui_plan: a journal's calendar-thematic plan for the teacher, reached from
 * the page: the topics by section, which are done and on which day, where
 * a СОр is due, and how far the class is ahead or behind. It is a list of
 * ui_list.c, so it scrolls and drops its narrow columns at 40x12.
 *
 * Opened to pick (from the lesson editor), Enter takes the topic selected.
 * Opened from the page by whoever may write the plan (the rule of `plan
 * import`, store_plan_writable()), it edits the plan: a topic's form, a topic
 * inserted after the current one, one removed, one moved. Each change writes
 * the whole plan through store_plan_edit(), the import's own write: one
 * transaction, every changed topic audited old -> new, refused with the
 * import's words, and refused too when another session changed the plan
 * since it was read. Anyone else sees it read only, and is told so.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "plan.h"
#include "text.h"
#include "ui_screens.h"

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
	struct plan_owner owner;	/* whose plan it is, or would be if started */
	int writable;		/* the user may change it (never while picking) */
	char status[256];
};

static const struct ui_hint read_hints[] = { { ACTION_DOWN, N_("scroll") },
    { ACTION_BACK, N_("back") }, { ACTION_HELP, N_("help") }, { ACTION_NONE, NULL } };
static const struct ui_hint pick_hints[] = { { ACTION_OPEN, N_("take the topic") },
    { ACTION_BACK, N_("back") }, { ACTION_DOWN, N_("scroll") }, { ACTION_NONE, NULL } };
static const struct ui_hint edit_hints[] = { { ACTION_OPEN, N_("edit") },
    { ACTION_TOPIC_ADD, N_("add") }, { ACTION_TOPIC_REMOVE, N_("remove") },
    { ACTION_BACK, N_("back") }, { ACTION_TOPIC_UP, N_("move up") },
    { ACTION_TOPIC_DOWN, N_("move down") }, { ACTION_HELP, N_("help") }, { ACTION_NONE, NULL } };
static const struct ui_hint start_hints[] = { { ACTION_TOPIC_ADD, N_("start the plan") },
    { ACTION_BACK, N_("back") }, { ACTION_HELP, N_("help") }, { ACTION_NONE, NULL } };

/* The line a topic has in the list: one more for each section heading up to it. */
static size_t
topic_line(const struct plan_topic *t, size_t i)
{
	const char *section = "";
	size_t k, line = 0;

	for (k = 0; k <= i; k++, line++)
		if (strcmp(t[k].section, section) != 0) {
			section = t[k].section;
			line++;
		}
	return line - 1;
}

static int
plan_load(struct ui *ui, struct ui_list *l, size_t *n)
{
	struct plan_screen *s = l->ctx;
	struct plan_pace pace;
	char pace_text[sizeof s->status];
	const char *section = "";
	size_t i, k = 0;
	int found, rc;

	free(s->topics);
	free(s->lines);
	s->topics = NULL;
	s->lines = NULL;
	s->ntopics = 0;
	/* L10N: the title of a journal's plan screen: class, subject. */
	snprintf(l->title, sizeof l->title, _("%s · %s%s · plan"), s->j->class_name,
	    s->j->subject_name, s->j->subgroup ? "*" : "");
	/* No plan yet is no error: its writers may start one here. */
	rc = store_plan_progress(ui->st, s->j->class_id, s->j->subject_id, s->j->subgroup,
	    &s->topics, &s->ntopics, NULL);
	if ((rc != STORE_OK && rc != STORE_NOT_FOUND) ||
	    store_plan_pace(ui->st, s->j->class_id, s->j->subject_id, s->j->subgroup, ui->today,
	    s->topics, s->ntopics, &pace) != STORE_OK ||
	    ((rc = store_plan_owner(ui->st, s->j->class_id, s->j->subject_id, &s->owner)) !=
	    STORE_OK && rc != STORE_NOT_FOUND)) {
		ui_status(ui, "%s", store_error(ui->st));
		return -1;
	}
	s->writable = !s->pick && store_plan_writable(ui->st, &s->owner, s->j->subject_id);
	l->hints = s->pick ? pick_hints : !s->writable ? read_hints : s->ntopics > 0 ?
	    edit_hints : start_hints;
	l->empty = s->writable ? N_("This journal has no plan: start one here, or import one "
	    "with `dapter plan import`.") : N_("This journal has no plan. Import one with "
	    "`dapter plan import`.");
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
		snprintf(pace_text, sizeof pace_text, _("%d of %d h given · ahead by %d h"),
		    pace.done, pace.hours, pace.ahead);
	else if (pace.ahead < 0)
		snprintf(pace_text, sizeof pace_text, _("%d of %d h given · behind by %d h"),
		    pace.done, pace.hours, -pace.ahead);
	else
		snprintf(pace_text, sizeof pace_text, _("%d of %d h given · on schedule"),
		    pace.done, pace.hours);
	/* L10N: the plan screen's status line for one who may not change the plan. */
	if (s->pick || s->writable)
		snprintf(s->status, sizeof s->status, "%s", pace_text);
	else
		snprintf(s->status, sizeof s->status, _("read only · %s"), pace_text);
	l->status = s->status;
	return 0;
}
static const char *
plan_cell(const struct ui_list *l, size_t row, int col, char *buf, size_t size, int *style)
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

/* The topic on list line `line`: a heading's is the topic under it. -1: none. */
static long
line_topic(const struct plan_screen *s, size_t line, size_t n)
{
	if (n == 0 || s->ntopics == 0)
		return -1;
	if (s->lines[line].section != NULL)
		return line + 1 < n ? (long)s->lines[line + 1].topic : -1;
	return (long)s->lines[line].topic;
}

enum { FORM_TOPIC, FORM_HOURS, FORM_DATE, FORM_HOMEWORK, FORM_SECTION, FORM_SOR, FORM_FIELDS };

/*
 * A topic's form: a field a line, each edited in turn with ui_line_edit();
 * Enter, Tab or Down goes on, Up or BTab back, Esc leaves. The SA-S field
 * is answered y or n (i18n_answer()); Enter there saves. 1 with *t filled,
 * 0 when left, or UI_QUIT. Nothing is checked here: the store refuses what
 * the import refuses, in its words, and the form comes back with them.
 */
static int
plan_form(struct ui *ui, const char *title, struct plan_topic *t)
{
	static const struct ui_hint hints[] = { { ACTION_NONE, N_("Enter: next") },
	    { ACTION_NONE, N_("Esc: cancel") }, { ACTION_NONE, NULL } };
	const char *labels[FORM_FIELDS];
	char hours[16], date[sizeof t->date], value[64], *end = NULL;
	char *bufs[FORM_FIELDS] = { t->topic, hours, date, t->homework, t->section, NULL };
	size_t sizes[FORM_FIELDS] = { sizeof t->topic, sizeof hours, sizeof date,
	    sizeof t->homework, sizeof t->section, 0 };
	struct ui_key k;
	int field = 0, w = 0, f, r, y0 = 2;
	long h;

	labels[FORM_TOPIC] = _("Topic");
	labels[FORM_HOURS] = _("Hours");
	labels[FORM_DATE] = _("Date");
	labels[FORM_HOMEWORK] = _("Homework");
	labels[FORM_SECTION] = _("Section");
	/* L10N: the plan's topic form: whether a СОр (БЖБ) is due after this topic. */
	labels[FORM_SOR] = _("SA-S after it");
	snprintf(hours, sizeof hours, "%d", t->hours);
	/* The date as schools write it; the store reads either form. */
	if (t->date[0] != '\0')
		snprintf(date, sizeof date, "%.2s.%.2s.%.4s", t->date + 8, t->date + 5, t->date);
	else
		date[0] = '\0';
	for (f = 0; f < FORM_FIELDS; f++)
		if ((int)text_width(labels[f]) > w)
			w = (int)text_width(labels[f]);
	if (w > ui_cols() / 2)
		w = ui_cols() / 2;
	while (field < FORM_FIELDS) {
		ui_erase();
		ui_frame(ui, title, NULL, "plan", hints);
		for (f = 0; f < FORM_FIELDS; f++) {
			ui_put(y0 + f, 0, w, labels[f], UI_BOLD);
			if (f == FORM_SOR)
				snprintf(value, sizeof value, "%s%s%s", t->sor_due ? _("yes") :
				    _("no"), field == f ? " " : "", field == f ? _("(y/n)") : "");
			ui_put(y0 + f, w + 1, ui_cols() - w - 1, f == FORM_SOR ? value : bufs[f],
			    0);
		}
		if (field != FORM_SOR) {
			r = ui_line_edit(ui, y0 + field, w + 1, ui_cols() - w - 1, bufs[field],
			    sizes[field], 0);
			if (r == UI_QUIT || r == 0)
				return r;
			ui->message[0] = '\0';
			if (r == 2 && (strcmp(ui->edit_key, "Up") == 0 ||
			    strcmp(ui->edit_key, "BTab") == 0))
				field -= field > 0;
			else if (r == 1 || r == 2)
				field++;
			continue;
		}
		ui_cursor(1, y0 + field, w + 1);
		ui_flush();
		do {
			r = ui_key_read(ui, &k, 1);
		} while (r == UI_IDLE);
		if (r != UI_KEY)
			return UI_QUIT;
		ui->message[0] = '\0';
		if ((r = i18n_answer(k.name)) >= 0)
			t->sor_due = r;
		else if (strcmp(k.name, "Enter") == 0 || strcmp(k.name, "Tab") == 0)
			field++;
		else if (strcmp(k.name, "Up") == 0 || strcmp(k.name, "BTab") == 0)
			field--;
		else if (strcmp(k.name, "Escape") == 0 || strcmp(k.name, "C-g") == 0)
			return 0;
	}
	ui_cursor(0, 0, 0);
	/* Hours that are no number are 0, which the store refuses with the import's words. */
	h = strtol(hours, &end, 10);
	t->hours = end != hours && *end == '\0' && h > 0 && h <= INT_MAX ? (int)h : 0;
	memcpy(t->date, date, sizeof t->date);
	return 1;
}

/*
 * Writes topics[0..n) as the whole plan of `owner`, numbered in order when
 * `renumber`: the import's own write, so its checks, its transaction and its
 * audit. On success the list shows topic `select` next. -1 when refused,
 * -2 when the plan changed under the screen, which must read it again.
 */
static int
plan_write(struct ui *ui, struct ui_list *l, const struct plan_owner *owner,
    struct plan_topic *t, size_t n, int renumber, size_t select)
{
	struct plan_screen *s = l->ctx;
	size_t i;
	int rc;

	for (i = 0; renumber && i < n; i++)
		t[i].num = (int)i + 1;
	if ((rc = store_plan_edit(ui->st, owner, s->j->subject_id, s->topics, s->ntopics, t,
	    n)) != STORE_OK) {
		ui_status(ui, "%s", store_error(ui->st));
		return rc == STORE_LOCKED ? -2 : -1;
	}
	if (n > 0) {
		l->first = topic_line(t, select < n ? select : n - 1);
		l->follow = 1;
	}
	return 0;
}

/*
 * Edits topic `i` (insert 0), or a new one at `i` (insert 1), in the form
 * until the store takes it or the teacher leaves it.
 */
static int
plan_topic_form(struct ui *ui, struct ui_list *l, const struct plan_owner *owner, size_t i,
    int insert)
{
	struct plan_screen *s = l->ctx;
	struct plan_topic *t = NULL;
	char title[sizeof l->title + 32];
	size_t n = s->ntopics + (insert ? 1 : 0);
	int r;

	if ((t = calloc(n, sizeof *t)) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		return LIST_STAY;
	}
	/* An empty plan has no topics array: memcpy() may not be given NULL. */
	if (insert) {
		if (s->ntopics > 0) {
			memcpy(t, s->topics, i * sizeof *t);
			memcpy(t + i + 1, s->topics + i, (s->ntopics - i) * sizeof *t);
		}
		/* A new topic is an hour of the section it follows. */
		t[i].hours = 1;
		if (i > 0)
			memcpy(t[i].section, t[i - 1].section, sizeof t[i].section);
	} else
		memcpy(t, s->topics, n * sizeof *t);
	/* L10N: the title of the plan's topic form: the plan's title, the topic's number. */
	snprintf(title, sizeof title, _("%s · topic %zu"), l->title, i + 1);
	for (;;) {
		if ((r = plan_form(ui, title, &t[i])) != 1)
			break;
		/* Refused: the form again, with the store's words. Changed meanwhile: read anew. */
		if (plan_write(ui, l, owner, t, n, insert, i) != -1) {
			r = LIST_RELOAD;
			break;
		}
	}
	free(t);
	return r == UI_QUIT ? UI_QUIT : r == LIST_RELOAD ? LIST_RELOAD : LIST_STAY;
}

/* The first topic of a journal that has no plan: its class's own, or its grade's. */
static int
plan_start(struct ui *ui, struct ui_list *l)
{
	struct plan_screen *s = l->ctx;
	struct plan_owner owner = s->owner;
	char ask[512];
	int r;

	/* L10N: starting a plan: y makes it the grade's, which all its classes follow. */
	snprintf(ask, sizeof ask, _("Start the plan for all of grade %d? No: for %s alone."),
	    owner.grade, s->j->class_name);
	if ((r = ui_ask(ui, ask)) < 0)
		return LIST_STAY;
	if (r == 1) {
		owner.class_id = 0;
		snprintf(owner.label, sizeof owner.label, "%d", owner.grade);
	}
	return plan_topic_form(ui, l, &owner, 0, 1);
}

static int
plan_remove(struct ui *ui, struct ui_list *l, size_t i)
{
	struct plan_screen *s = l->ctx;
	struct plan_topic *t = NULL;
	char ask[STORE_TOPIC_MAX + 128];
	int r = LIST_STAY;

	snprintf(ask, sizeof ask, _("Remove topic %d, «%s», from the plan?"), s->topics[i].num,
	    s->topics[i].topic);
	if (!ui_confirm(ui, ask))
		return LIST_STAY;
	if ((t = calloc(s->ntopics, sizeof *t)) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		return LIST_STAY;
	}
	memcpy(t, s->topics, i * sizeof *t);
	memcpy(t + i, s->topics + i + 1, (s->ntopics - i - 1) * sizeof *t);
	if (plan_write(ui, l, &s->owner, t, s->ntopics - 1, 1, i) != -1)
		r = LIST_RELOAD;
	free(t);
	return r;
}

/* Topic i changes places with the one before (-1) or after (1) it; its section goes along. */
static int
plan_move(struct ui *ui, struct ui_list *l, size_t i, int by)
{
	struct plan_screen *s = l->ctx;
	struct plan_topic *t = NULL, swap;
	size_t to = by < 0 ? i - 1 : i + 1;
	int r = LIST_STAY;

	if ((by < 0 && i == 0) || (by > 0 && i + 1 >= s->ntopics))
		return LIST_STAY;
	if ((t = calloc(s->ntopics, sizeof *t)) == NULL) {
		ui_status(ui, "%s", _("Out of memory."));
		return LIST_STAY;
	}
	memcpy(t, s->topics, s->ntopics * sizeof *t);
	swap = t[i];
	t[i] = t[to];
	t[to] = swap;
	if (plan_write(ui, l, &s->owner, t, s->ntopics, 1, to) != -1)
		r = LIST_RELOAD;
	free(t);
	return r;
}

static int
plan_act(struct ui *ui, struct ui_list *l, enum action action, size_t sel, size_t n)
{
	struct plan_screen *s = l->ctx;
	long i = line_topic(s, sel, n);
	int add = action == ACTION_TOPIC_ADD, edit = action == ACTION_OPEN ||
	    action == ACTION_TOPIC_EDIT;

	if (s->pick) {
		if (!edit || i < 0)
			return LIST_STAY;
		*s->out = s->topics[i];
		s->picked = 1;
		return LIST_BACK;
	}
	if (!add && !edit && action != ACTION_TOPIC_REMOVE &&
	    action != ACTION_TOPIC_UP && action != ACTION_TOPIC_DOWN)
		return LIST_STAY;
	if (!s->writable) {
		ui_status(ui, s->owner.class_id != 0 ? _("Only a teacher of the subject in %s, "
		    "the head of studies or an administrator may change its plan.") :
		    _("Only a teacher of the subject in grade %s, the head of studies or an "
		    "administrator may change its plan."), s->owner.label);
		return LIST_STAY;
	}
	if (s->ntopics == 0)
		return add || edit ? plan_start(ui, l) : LIST_STAY;
	if (i < 0)
		return LIST_STAY;
	if (add)
		return plan_topic_form(ui, l, &s->owner, (size_t)i + 1, 1);
	if (edit)
		return plan_topic_form(ui, l, &s->owner, (size_t)i, 0);
	if (action == ACTION_TOPIC_REMOVE)
		return plan_remove(ui, l, (size_t)i);
	return plan_move(ui, l, (size_t)i, action == ACTION_TOPIC_UP ? -1 : 1);
}

int
ui_plan_run(struct ui *ui, const struct journal *j, int pick, struct plan_topic *out)
{
	/* L10N: the plan screen's columns: done, topic number, day, hours, topic. */
	static const struct ui_column columns[] = {
		{ NULL, 3, UI_BOLD, 0, 0 },
		{ N_("No."), 3, UI_RIGHT, 0, 0 },
		{ N_("Day"), 5, 0, UI_COL_NARROW, 0 },
		{ N_("Hours"), 5, UI_RIGHT, UI_COL_NARROW, 0 },
		{ N_("Topic"), 0, 0, 0, 18 },
		{ NULL, 4, UI_BOLD, 0, 0 },
		UI_COLUMNS_END
	};
	struct plan_screen s = { .j = j, .pick = pick, .out = out };
	struct ui_list l = { .hints = pick ? pick_hints : read_hints, .columns = columns,
	    .ctx = &s, .context = "plan", .load = plan_load, .cell = plan_cell,
	    .act = plan_act };
	size_t n = 0;
	int rc;

	/* Picking starts at the first topic not done: most often the one wanted. */
	if (pick && plan_load(ui, &l, &n) == 0)
		l.first = s.first_undone;
	rc = ui_list_run(ui, &l);
	free(s.topics);
	free(s.lines);
	if (rc == UI_QUIT)
		return UI_QUIT;
	return s.picked;
}
