/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_report: the text and CSV writers on hand-made tables with the text
 * that breaks naive layouts: Kazakh letters (two bytes, one column), wide
 * CJK characters, combining accents, long words and column groups.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "report.h"
#include "tap.h"
#include "text.h"

#define NCOLS 24

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL) {
		perror("strdup");
		exit(99);
	}
	return p;
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (p == NULL) {
		perror("calloc");
		exit(99);
	}
	return p;
}

/* A journal-like table: number, name, then dated columns in groups of four. */
static struct report *
make_report(void)
{
	static const char *names[] = {
		"Әбілқасымова Аружан Ерланқызы",
		"Ёлкина Вероника Павловна",
		"漢字漢字漢字 Ли",
		"Сейітов Рамазан Нұрболұлы",
	};
	struct report *r = xcalloc(1, sizeof *r);
	struct report_table *t = NULL;
	char buf[64];
	size_t i, c;

	r->name = xstrdup("test");
	r->ntitle = 1;
	r->title = xcalloc(1, sizeof *r->title);
	r->title[0] = xstrdup("Мектеп: өте ұзақ атау, ол сексен бағанға сыймайды, сондықтан "
	    "келесі жолға көшуі керек және әріп ортасынан бөлінбеуі керек");
	r->ntables = 2;
	r->tables = xcalloc(2, sizeof *r->tables);

	t = &r->tables[0];
	t->ncols = NCOLS;
	t->nkey = 2;
	t->cols = xcalloc(NCOLS, sizeof *t->cols);
	t->cols[0].head = xstrdup("№");
	t->cols[1].head = xstrdup("Pupil");
	for (c = 2; c < NCOLS; c++) {
		snprintf(buf, sizeof buf, "%02zu.09%s", c, c % 5 == 0 ? "\nСОр/20" : "");
		t->cols[c].head = xstrdup(buf);
		snprintf(buf, sizeof buf, "Пән %zu: Қазақ әдебиеті", (c - 2) / 4);
		t->cols[c].group = xstrdup(buf);
		t->cols[c].align = REPORT_CENTER;
	}
	t->nrows = 4;
	t->cells = xcalloc(t->nrows * NCOLS, sizeof *t->cells);
	for (i = 0; i < t->nrows; i++)
		for (c = 0; c < NCOLS; c++) {
			if (c == 0)
				snprintf(buf, sizeof buf, "%zu", i + 1);
			else if (c == 1)
				snprintf(buf, sizeof buf, "%s", names[i]);
			else
				snprintf(buf, sizeof buf, "%s", (i + c) % 3 == 0 ? "о 7" :
				    (i + c) % 3 == 1 ? "10" : "");
			t->cells[i * NCOLS + c] = xstrdup(buf);
		}

	/* Lessons: one very long topic without spaces, with combining accents. */
	t = &r->tables[1];
	t->title = xstrdup("Сабақтар");
	t->ncols = 3;
	t->nkey = 1;
	t->cols = xcalloc(3, sizeof *t->cols);
	t->cols[0].head = xstrdup("Күні");
	t->cols[1].head = xstrdup("Тақырып");
	t->cols[2].head = xstrdup("Үй тапсырмасы");
	t->nrows = 2;
	t->cells = xcalloc(t->nrows * 3, sizeof *t->cells);
	t->cells[0] = xstrdup("02.09.2026");
	t->cells[1] = xstrdup("е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81"
	    "е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81"
	    "е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81"
	    "е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81"
	    "е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81е\xcc\x81"
	    "漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字");
	t->cells[2] = xstrdup("§1, № 1–4, \"quoted\", with a comma");
	t->cells[3] = xstrdup("03.09.2026");
	t->cells[4] = xstrdup("Қысқаша көбейту формулалары");
	t->cells[5] = xstrdup("");
	r->nnotes = 1;
	r->notes = xcalloc(1, sizeof *r->notes);
	r->notes[0] = xstrdup("ж жоқ, д дәлелді, а ауру, к кешікті.");
	return r;
}

int
main(void)
{
	struct report *r = make_report();
	struct csv *csv = NULL;
	char *buf = NULL, *line = NULL, *save = NULL, err[256];
	size_t size = 0, wide = 0, lines = 0, split = 0, bad = 0, i, err_line = 0;
	FILE *mem = NULL;
	int found;

	if ((mem = open_memstream(&buf, &size)) == NULL)
		return 99;
	tap_ok(report_write_txt(r, mem, err, sizeof err) == 0, "txt: written");
	fclose(mem);
	for (line = strtok_r(buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		lines++;
		if (text_width(line) > 80)
			wide++;
		if (!text_is_utf8(line, strlen(line)))
			bad++;
		/* A combining accent never starts a piece: it stays with its е. */
		for (i = 0; line[i] != '\0'; i++)
			if ((unsigned char)line[i] == 0xcc && (unsigned char)line[i + 1] == 0x81 &&
			    (i < 2 || (unsigned char)line[i - 2] != 0xd0 ||
			    (unsigned char)line[i - 1] != 0xb5))
				split++;
	}
	tap_ok(lines > 20, "txt: the table continues in panels");
	tap_is_int((long long)wide, 0, "txt: no line is wider than 80 columns");
	tap_is_int((long long)bad, 0, "txt: every line is valid UTF-8");
	tap_is_int((long long)split, 0, "txt: no grapheme is cut in half");
	free(buf);
	buf = NULL;

	if ((mem = open_memstream(&buf, &size)) == NULL)
		return 99;
	tap_ok(report_write_csv(r, mem, err, sizeof err) == 0, "csv: written");
	fclose(mem);
	csv = csv_parse(buf, ',', &err_line);
	tap_ok(csv != NULL, "csv: our own reader parses it");
	found = 0;
	for (i = 0; csv != NULL && i < csv_rows(csv); i++)
		if (strcmp(csv_field(csv, i, 2), "§1, № 1–4, \"quoted\", with a comma") == 0)
			found = 1;
	tap_ok(found, "csv: a field with commas and quotes survives");
	found = 0;
	for (i = 0; csv != NULL && i < csv_rows(csv); i++)
		if (strcmp(csv_field(csv, i, 5), "05.09 СОр/20") == 0)
			found = 1;
	tap_ok(found, "csv: a two-line head becomes one field");
	found = 0;
	for (i = 0; csv != NULL && i < csv_rows(csv); i++)
		if (strcmp(csv_field(csv, i, 1), "Әбілқасымова Аружан Ерланқызы") == 0)
			found = 1;
	tap_ok(found, "csv: names intact");
	csv_free(csv);
	free(buf);
	report_free(r);
	return tap_done();
}
