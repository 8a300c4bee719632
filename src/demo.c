/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * demo: the demo school. See demo.h.
 *
 * Marks come from a fixed pseudo-random sequence, so every demo database
 * made on the same day is the same, and tests can rely on it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "demo.h"
#include "i18n.h"
#include "roster.h"
#include "server.h"
#include "store.h"
#include "timetable.h"

/* Passwords are LOGIN-demo, made up to the 10 characters every password needs. */
static const struct {
	const char *login, *name, *role, *password;
} demo_users[] = {
	{ "admin", "Серік Әлімов", "admin", "admin-demo" },
	{ "zaure", "Зәуре Қасымова", "head", "zaure-demo" },
	{ "aigerim", "Айгерім Нұрланқызы Бекова", "teacher", "aigerim-demo" },
	{ "marat", "Марат Ерланович Жаксылыков", "teacher", "marat-demo" },
	{ "olga", "Ольга Викторовна Ким", "teacher", "olga-demo-1" },
};

static const struct {
	const char *name;
	int hours;
	int weekdays[3];	/* tm_wday of its lessons, 0 ends */
	const char *topics[6];
	const char *sor_topic, *soch_topic;
} demo_subjects[] = {
	{ "Алгебра", 3, { 1, 3, 5 }, { "Бірмүшелер", "Көпмүшелер", "Қысқаша көбейту формулалары",
	    "Сызықтық функция", "Теңдеулер жүйесі", "Есептер шығару" },
	    "Бөлім бойынша жиынтық бағалау", "Тоқсан бойынша жиынтық бағалау" },
	{ "Қазақ әдебиеті", 2, { 2, 4, 0 }, { "Абай Құнанбайұлы. Өлеңдері",
	    "Ыбырай Алтынсарин. Әңгімелері", "Мағжан Жұмабаев", "Шәкәрім. Еңбек пен ғылым",
	    "Мұхтар Әуезов. Көксерек", "Шығарма жазу" },
	    "Бөлім бойынша жиынтық бағалау", "Тоқсан бойынша жиынтық бағалау" },
	{ "Русский язык", 2, { 2, 4, 0 }, { "Причастие", "Деепричастие", "Причастный оборот",
	    "Правописание НЕ с причастиями", "Изложение", "Повторение" },
	    "Суммативное оценивание за раздел", "Суммативное оценивание за четверть" },
	{ "Информатика", 1, { 3, 0, 0 }, { "Алгоритмы", "Циклы в Python", "Списки",
	    "Функции", "Файлы", "Проект" },
	    "Суммативное оценивание за раздел", "Суммативное оценивание за четверть" },
};

/* Who teaches what: user, class, subject. */
static const struct {
	const char *login, *class_name, *subject;
} demo_assignments[] = {
	{ "aigerim", "7 Ә", "Алгебра" }, { "aigerim", "8 Б", "Алгебра" },
	{ "marat", "7 Ә", "Қазақ әдебиеті" }, { "marat", "8 Б", "Русский язык" },
	{ "olga", "7 Ә", "Информатика" }, { "olga", "8 Б", "Информатика" },
};

/*
 * The week of 7 Ә and 8 Б: the days of each subject are demo_subjects'
 * weekdays, so the lessons written up to today fill the timetable's places,
 * and from tomorrow on the lessons appear by themselves. A teacher is never
 * in two classes at once.
 */
static const struct {
	const char *class_name, *subject, *room;
	int weekday, num;
} demo_week[] = {
	{ "7 Ә", "Алгебра", "204", 1, 1 }, { "7 Ә", "Алгебра", "204", 3, 1 },
	{ "7 Ә", "Алгебра", "204", 5, 1 }, { "7 Ә", "Қазақ әдебиеті", "204", 2, 1 },
	{ "7 Ә", "Қазақ әдебиеті", "204", 4, 2 }, { "7 Ә", "Информатика", "301", 3, 2 },
	{ "8 Б", "Алгебра", "207", 1, 2 }, { "8 Б", "Алгебра", "207", 3, 3 },
	{ "8 Б", "Алгебра", "207", 5, 2 }, { "8 Б", "Русский язык", "207", 2, 2 },
	{ "8 Б", "Русский язык", "207", 4, 1 }, { "8 Б", "Информатика", "301", 3, 1 },
};

/*
 * Last year's grade 9, whose year is over: its final exams, a pupil with a
 * year «2» in algebra and her year summative work, and one with «2» in three
 * subjects, so that the summary sheet and the year's reports show every
 * column filled (issue 12).
 */
static const char demo_roster_9a[] =
    "Тегі,Аты,Әкесінің аты,Туған күні,Жынысы\n"
    "Абенова,Аружан,Талғатқызы,14.03.2010,қыз\n"
    "Дәулетов,Ерасыл,Маратұлы,02.07.2010,ұл\n"
    "Жақсыбекова,Мадина,Ерланқызы,21.01.2010,қыз\n"
    "Кенжебаев,Алмас,Серікұлы,30.09.2010,ұл\n"
    "Оспанова,Дария,Бауыржанқызы,11.11.2010,қыз\n"
    "Сейітов,Нұрбол,Асқарұлы,05.05.2010,ұл\n"
    "Тоқтарова,Айзере,Русланқызы,19.08.2010,қыз\n"
    "Ыбырайұлы,Әли,Ғаниұлы,27.12.2010,ұл\n";
static const struct {
	const char *login, *subject;
} demo_assignments_9a[] = {
	{ "aigerim", "Алгебра" }, { "marat", "Қазақ әдебиеті" }, { "marat", "Русский язык" },
	{ "olga", "Информатика" },
};
/* A year «2» in algebra, with her year work; «2» in three subjects. */
#define DEMO_WEAK_SURNAME "Оспанова"
#define DEMO_REPEATS_SURNAME "Сейітов"
#define DEMO_WORK_MARK 4
/* The final exams of grade 9 the demo records, out of this many points. */
static const char *const demo_exams_9a[] = { "Алгебра", "Русский язык" };
#define DEMO_EXAM_MAX 30

static unsigned int rng = 2463534242u;

static unsigned int
next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}



/* How well a pupil does, 6 to 10: fixed by the pupil, so the demo is stable. */
static int
demo_ability_base(const struct pupil *p)
{
	return 6 + (int)((p->id * 7) % 5);
}

/* The same in a subject: 2, a «2», for last year's weak pupils. */
static int
demo_ability(const struct pupil *p, size_t subj_index)
{
	if (strcmp(p->surname, DEMO_WEAK_SURNAME) == 0 && subj_index == 0)
		return 2;
	if (strcmp(p->surname, DEMO_REPEATS_SURNAME) == 0 && subj_index != 1)
		return 2;
	return demo_ability_base(p);
}

/* Lessons and marks of one journal over one period, up to today. */
static int
fill_period(struct store *st, const struct class *c, const struct subject *s, size_t subj_index,
    const struct period *p, const char *today)
{
	struct pupil *pupils = NULL;
	char dates[128][11], date[11];
	size_t np = 0, nd = 0, i, k;
	int rc, complete = strcmp(p->ends, today) < 0;

	if ((rc = store_pupil_list(st, c->id, 0, 0, &pupils, &np)) != STORE_OK)
		return rc;
	for (snprintf(date, sizeof date, "%s", p->starts);
	    strcmp(date, p->ends) <= 0 && strcmp(date, today) <= 0 && nd < 128;
	    date_add_days(date, 1, date)) {
		int wd = date_weekday(date);

		for (k = 0; k < 3 && demo_subjects[subj_index].weekdays[k] != 0; k++)
			if (wd == demo_subjects[subj_index].weekdays[k] &&
			    store_class_day_off(st, c->id, date) == DAY_SCHOOL)
				snprintf(dates[nd++], sizeof dates[0], "%s", date);
	}
	for (i = 0; i < nd && rc == STORE_OK; i++) {
		struct lesson l;

		memset(&l, 0, sizeof l);
		l.class_id = c->id;
		l.subject_id = s->id;
		snprintf(l.date, sizeof l.date, "%s", dates[i]);
		snprintf(l.topic, sizeof l.topic, "%s", demo_subjects[subj_index].topics[i % 6]);
		if (i == nd / 3 || i == 2 * nd / 3) {
			l.kind = LESSON_SOR;
			l.max_points = i == nd / 3 ? 20 : 15;
			snprintf(l.topic, sizeof l.topic, "%s", demo_subjects[subj_index].sor_topic);
		} else if (complete && i == nd - 1 && p->kind == 'q') {
			l.kind = LESSON_SOCH;
			l.max_points = 25;
			snprintf(l.topic, sizeof l.topic, "%s", demo_subjects[subj_index].soch_topic);
		}
		if (strcmp(l.date, today) < 0)
			snprintf(l.homework, sizeof l.homework, "§%zu, № %zu–%zu", i + 1, 3 * i + 1,
			    3 * i + 4);
		if ((rc = store_lesson_add(st, &l)) != STORE_OK)
			break;
		if (strcmp(l.date, today) == 0)
			continue;	/* today's lesson is the teacher's to fill */
		for (k = 0; k < np && rc == STORE_OK; k++) {
			int ability = demo_ability(&pupils[k], subj_index);
			unsigned int r = next_random() % 100;
			enum attendance att = ATT_NONE;
			int value = -1;

			if (r < 3)
				att = ATT_ABSENT;
			else if (r < 5)
				att = ATT_ILL;
			else if (r < 6)
				att = ATT_LATE;
			if (att != ATT_ABSENT && att != ATT_ILL) {
				if (l.kind == LESSON_REGULAR && next_random() % 100 < 35)
					value = ability + (int)(next_random() % 4) - 1;
				else if (l.kind != LESSON_REGULAR)
					value = l.max_points * (ability + (int)(next_random() % 3)) / 11;
				if (value > 10 && l.kind == LESSON_REGULAR)
					value = 10;
				if (value > l.max_points && l.kind != LESSON_REGULAR)
					value = l.max_points;
			}
			if (value >= 0 || att != ATT_NONE)
				rc = store_mark_set(st, l.id, pupils[k].id, value, att);
		}
	}
	free(pupils);
	return rc;
}

static int
demo_fill(struct store *st, const char *today)
{
	struct period *periods = NULL;
	struct class c;
	struct subject s;
	size_t np = 0, i, j;
	int rc, year = 0;

	if ((rc = store_year_current(st, today, &year)) != STORE_OK ||
	    (rc = store_period_list(st, year, &periods, &np)) != STORE_OK)
		return rc;
	for (i = 0; i < sizeof demo_assignments / sizeof demo_assignments[0]; i++) {
		size_t si;

		for (si = 0; strcmp(demo_subjects[si].name, demo_assignments[i].subject) != 0; si++)
			;
		if ((rc = store_class_find(st, demo_assignments[i].class_name, &c)) != STORE_OK ||
		    (rc = store_subject_find(st, demo_assignments[i].subject, &s)) != STORE_OK ||
		    (rc = store_subject_in_class(st, c.id, s.id, &s)) != STORE_OK)
			break;
		for (j = 0; j < np && rc == STORE_OK; j++)
			if ((periods[j].kind == 'h') == (s.hours == 1) &&
			    strcmp(periods[j].starts, today) <= 0)
				rc = fill_period(st, &c, &s, si, &periods[j], today);
		if (rc != STORE_OK)
			break;
	}
	free(periods);
	return rc;
}

/* Each class's week from the school year's first day, its teacher the one assigned. */
static int
demo_timetable(struct store *st, const char *class_name)
{
	struct timetable_entry rows[sizeof demo_week / sizeof demo_week[0]];
	struct class c;
	struct subject s;
	struct user u;
	char from[11];
	size_t i, k, n = 0;
	int rc;

	if ((rc = store_class_find(st, class_name, &c)) != STORE_OK ||
	    (rc = timetable_default_from(st, c.id, from)) != STORE_OK)
		return rc;
	memset(rows, 0, sizeof rows);
	for (i = 0; i < sizeof demo_week / sizeof demo_week[0]; i++) {
		if (strcmp(demo_week[i].class_name, class_name) != 0)
			continue;
		for (k = 0; strcmp(demo_assignments[k].class_name, class_name) != 0 ||
		    strcmp(demo_assignments[k].subject, demo_week[i].subject) != 0; k++)
			;
		if ((rc = store_subject_find(st, demo_week[i].subject, &s)) != STORE_OK ||
		    (rc = store_user_find(st, demo_assignments[k].login, &u)) != STORE_OK)
			return rc;
		rows[n].weekday = demo_week[i].weekday;
		rows[n].shift = 1;
		rows[n].num = demo_week[i].num;
		rows[n].subject_id = s.id;
		rows[n].teacher_id = u.id;
		snprintf(rows[n++].room, sizeof rows[0].room, "%s", demo_week[i].room);
	}
	return store_timetable_set(st, c.id, from, rows, n);
}

static size_t
demo_subject_index(const char *name)
{
	size_t i;

	for (i = 0; strcmp(demo_subjects[i].name, name) != 0; i++)
		;
	return i;
}

/* The exams and the year work of last year's grade 9. */
static int
demo_year_end(struct store *st, const struct class *c)
{
	struct pupil *pupils = NULL;
	struct subject s;
	size_t np = 0, i, k;
	int rc;

	if ((rc = store_pupil_list(st, c->id, 0, 0, &pupils, &np)) != STORE_OK)
		return rc;
	for (k = 0; k < sizeof demo_exams_9a / sizeof demo_exams_9a[0] && rc == STORE_OK; k++) {
		if ((rc = store_subject_find(st, demo_exams_9a[k], &s)) != STORE_OK)
			break;
		for (i = 0; i < np && rc == STORE_OK; i++) {
			/* After her year work, the weak pupil passes her exam. */
			int points = DEMO_EXAM_MAX * (demo_ability_base(&pupils[i]) +
			    (int)(next_random() % 3)) / 12;

			/* Who repeats the year sits no exam. */
			if (strcmp(pupils[i].surname, DEMO_REPEATS_SURNAME) == 0)
				continue;
			rc = store_year_work_set(st, c, &s, pupils[i].id, YEAR_EXAM,
			    points > DEMO_EXAM_MAX ? DEMO_EXAM_MAX : points, DEMO_EXAM_MAX, -1);
		}
	}
	if (rc == STORE_OK && (rc = store_subject_find(st, "Алгебра", &s)) == STORE_OK)
		for (i = 0; i < np && rc == STORE_OK; i++)
			if (strcmp(pupils[i].surname, DEMO_WEAK_SURNAME) == 0)
				rc = store_year_work_set(st, c, &s, pupils[i].id, YEAR_WORK, -1, -1,
				    DEMO_WORK_MARK);
	free(pupils);
	return rc;
}

/* Last year's grade 9: its roster, journals, marks of the whole year and its end. */
static int
demo_last_year(struct store *st, const char *today, struct roster_report *rep, FILE *err)
{
	struct period *periods = NULL;
	struct class c;
	struct subject s;
	size_t np = 0, i, j;
	int64_t id = 0;
	int rc, year = 0;

	if ((rc = store_year_current(st, today, &year)) != STORE_OK ||
	    (rc = store_year_add(st, year - 1, NULL, NULL)) != STORE_OK ||
	    (rc = store_class_add_in(st, "9 А", year - 1, &id)) != STORE_OK ||
	    (rc = store_class_set_teacher(st, id, "olga")) != STORE_OK ||
	    (rc = store_class_get(st, id, &c)) != STORE_OK)
		return rc;
	if ((rc = roster_import(st, id, demo_roster_9a, strlen(demo_roster_9a), 0, rep)) !=
	    STORE_OK) {
		if (rep->nproblems > 0)
			fprintf(err, "dapter: demo roster: %s\n", rep->problems[0].msg);
		return rc;
	}
	if ((rc = store_period_list(st, year - 1, &periods, &np)) != STORE_OK)
		goto out;
	for (i = 0; i < sizeof demo_assignments_9a / sizeof demo_assignments_9a[0]; i++) {
		size_t si = demo_subject_index(demo_assignments_9a[i].subject);

		if ((rc = store_subject_find(st, demo_assignments_9a[i].subject, &s)) != STORE_OK ||
		    (rc = store_subject_in_class(st, c.id, s.id, &s)) != STORE_OK ||
		    (rc = store_assign(st, demo_assignments_9a[i].login, c.id, s.id, 0)) !=
		    STORE_OK)
			goto out;
		for (j = 0; j < np && rc == STORE_OK; j++)
			if ((periods[j].kind == 'h') == (s.hours == 1))
				rc = fill_period(st, &c, &s, si, &periods[j], today);
		if (rc != STORE_OK)
			goto out;
	}
	if ((rc = demo_year_end(st, &c)) != STORE_OK)
		goto out;
	/* A year gone by is closed: its marks, exams and finals stay as they are. */
	for (j = 0; j < np && rc == STORE_OK; j++)
		rc = store_period_set_closed(st, periods[j].id, 1);
out:
	free(periods);
	return rc;
}

int
demo_create(const char *db_path, FILE *out, FILE *err)
{
	struct store *st = NULL;
	struct roster_report rep;
	struct class c;
	struct subject s;
	char today[11], from[16], to[16];
	const char *rosters[2] = { demo_roster_7a, demo_roster_8b };
	const char *classes[2] = { "7 Ә", "8 Б" };
	size_t i;
	int rc, year = 0;

	memset(&rep, 0, sizeof rep);
	store_today(today);
	if ((rc = store_open(db_path, STORE_CREATE, &st)) != STORE_OK)
		goto out;
	/* One transaction: the demo appears whole or not at all, and fast. */
	if ((rc = store_school_init(st, "№ 12 мектеп-гимназия / Школа-гимназия № 12", today)) !=
	    STORE_OK || (rc = store_tx_begin(st)) != STORE_OK)
		goto out;
	for (i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
		enum role role;

		role_parse(demo_users[i].role, &role);
		if ((rc = store_user_add(st, demo_users[i].login, demo_users[i].name, role,
		    demo_users[i].password)) != STORE_OK)
			goto out;
	}
	for (i = 0; i < sizeof demo_subjects / sizeof demo_subjects[0]; i++)
		if ((rc = store_subject_add(st, demo_subjects[i].name, demo_subjects[i].hours,
		    "criteria", NULL)) != STORE_OK)
			goto out;
	for (i = 0; i < 2; i++) {
		int64_t id = 0;

		if ((rc = store_class_add(st, classes[i], &id)) != STORE_OK ||
		    (rc = store_class_set_teacher(st, id, i == 0 ? "aigerim" : "marat")) !=
		    STORE_OK)
			goto out;
		if ((rc = roster_import(st, id, rosters[i], strlen(rosters[i]), 0, &rep)) !=
		    STORE_OK) {
			if (rep.nproblems > 0)
				fprintf(err, "dapter: demo roster: %s\n", rep.problems[0].msg);
			goto out;
		}
		roster_report_free(&rep);
	}
	for (i = 0; i < sizeof demo_assignments / sizeof demo_assignments[0]; i++)
		if ((rc = store_class_find(st, demo_assignments[i].class_name, &c)) != STORE_OK ||
		    (rc = store_subject_find(st, demo_assignments[i].subject, &s)) != STORE_OK ||
		    (rc = store_assign(st, demo_assignments[i].login, c.id, s.id, 0)) != STORE_OK)
			goto out;
	for (i = 0; i < 2; i++)
		if ((rc = demo_timetable(st, classes[i])) != STORE_OK)
			goto out;
	/* Grade 1's extra week in February (Kazakhstan), in this year's calendar. */
	if ((rc = store_year_current(st, today, &year)) != STORE_OK)
		goto out;
	snprintf(from, sizeof from, "%04d-02-08", (year + 1) % 10000);
	snprintf(to, sizeof to, "%04d-02-14", (year + 1) % 10000);
	if ((rc = store_holiday_add(st, year, 1, from, to, STORE_HOLIDAY_GRADE1, NULL)) !=
	    STORE_OK || (rc = demo_fill(st, today)) != STORE_OK ||
	    (rc = demo_last_year(st, today, &rep, err)) != STORE_OK ||
	    (rc = store_tx_commit(st)) != STORE_OK)
		goto out;
	fprintf(out, _("Demo school created in %s.\nLogins and passwords:\n"), db_path);
	for (i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++)
		fprintf(out, "  %-8s %-12s %-7s %s\n", demo_users[i].login, demo_users[i].password,
		    demo_users[i].role, demo_users[i].name);
out:
	roster_report_free(&rep);
	if (rc != STORE_OK) {
		fprintf(err, "dapter: %s\n", store_error(st));
		if (st != NULL)
			store_tx_rollback(st);
		store_close(st);
		if (rc != STORE_EXISTS)
			remove(db_path);
		return CMD_FAIL;
	}
	store_close(st);
	return CMD_OK;
}

struct demo_serving {
	struct cmd_ctx *ctx;
	const char *host, *port;
};

/* Once the server listens: the exact commands to come in. */
static void
demo_ready(void *arg)
{
	const struct demo_serving *d = arg;

	fprintf(d->ctx->out, _("\nOpen the journal as a teacher (password aigerim-demo):\n"
	    "  ssh -t -p %s aigerim@%s\n"
	    "as the head (password zaure-demo), or the admin (password admin-demo):\n"
	    "  ssh -t -p %s zaure@%s\n"
	    "  ssh -t -p %s admin@%s\n"
	    "Run one command with the user's role:\n"
	    "  ssh -p %s marat@%s journal list\n"
	    "Ctrl-C stops the server.\n\n"), d->port, d->host, d->port, d->host, d->port,
	    d->host, d->port, d->host);
	fflush(d->ctx->out);
}

int
demo_serve(struct cmd_ctx *ctx, const char *listen, const char *port)
{
	struct server_opts o;
	struct demo_serving d;

	memset(&d, 0, sizeof d);
	d.ctx = ctx;
	d.port = port;
	/* A wildcard address is no place to connect to: name this machine. */
	d.host = strcmp(listen, "0.0.0.0") == 0 || strcmp(listen, "::") == 0 ? "localhost" :
	    listen;
	memset(&o, 0, sizeof o);
	o.db_path = ctx->db_path;
	o.listen = listen;
	o.port = port;
	o.max_sessions = SERVER_MAX_SESSIONS;
	o.out = ctx->out;
	o.err = ctx->err;
	o.ready = demo_ready;
	o.ready_arg = &d;
	return server_run(&o);
}
