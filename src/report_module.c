/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_module: report_write_pdf(), report_write_xlsx() and
 * report_read_xlsx() load the report renderers module (dapter-report.so,
 * module.h) on first use and call its writers or its workbook reader.
 *
 * Linked into the program, pango, cairo, fontconfig, harfbuzz, X11 and
 * libxlsxwriter made every dapter process map some forty more libraries and
 * the loader do 5,700 more symbol relocations before main(): every journal
 * session and every command over an SSH exec paid for reports it never
 * made. A module costs only the command that writes a PDF or a spreadsheet,
 * and the callers (cmd_report.c, cmd_archive.c) keep calling report_write().
 * A helper program would have cost a fork, an exec and a pipe per report
 * and a way to pass the tables across; the module takes them as they are.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>

#include "i18n.h"
#include "report_module.h"

/*
 * The module, loaded once; NULL with a translated reason in err. reading:
 * the caller reads a workbook rather than writing a report, and the
 * reason says what the teacher can do instead.
 */
static const struct report_module *
renderers(int reading, char *err, size_t errsize)
{
	static const struct report_module *loaded;
	const struct module_head *head = NULL;
	char path[PATH_MAX], why[512];

	if (loaded != NULL)
		return loaded;
	switch (module_load(REPORT_MODULE_FILE, REPORT_MODULE_SYMBOL, REPORT_MODULE_ABI, &head,
	    path, sizeof path, why, sizeof why)) {
	case MODULE_OK:
		loaded = (const struct report_module *)head;
		break;
	case MODULE_MISSING:
		if (reading)
			snprintf(err, errsize, _("Reading an XLSX workbook needs %s, which is "
			    "missing: reinstall dapter, or save the file as \"CSV UTF-8\"."), path);
		else
			snprintf(err, errsize, _("PDF and XLSX reports need %s, which is missing: "
			    "reinstall dapter, or ask for the report as txt or csv."), path);
		break;
	case MODULE_BROKEN:
		if (reading)
			snprintf(err, errsize, _("Could not load %s (%s): install the libraries it "
			    "needs (minizip, expat), or save the file as \"CSV UTF-8\"."), path,
			    why);
		else
			snprintf(err, errsize, _("Could not load %s (%s): install the libraries it "
			    "needs (pango, cairo, libxlsxwriter), or ask for the report as txt or "
			    "csv."), path, why);
		break;
	case MODULE_FOREIGN:
		snprintf(err, errsize, _("%s belongs to another version of dapter: "
		    "reinstall dapter."), path);
		break;
	}
	return loaded;
}

int
report_write_pdf(const struct report *r, FILE *out, char *err, size_t errsize)
{
	const struct report_module *m = renderers(0, err, errsize);

	return m != NULL ? m->write_pdf(r, out, err, errsize) : -1;
}

int
report_write_xlsx(const struct report *r, FILE *out, char *err, size_t errsize)
{
	const struct report_module *m = renderers(0, err, errsize);

	return m != NULL ? m->write_xlsx(r, out, err, errsize) : -1;
}

struct csv *
report_read_xlsx(const char *buf, size_t len, size_t *err_line, char *err, size_t errsize)
{
	const struct report_module *m = renderers(1, err, errsize);

	*err_line = 0;
	return m != NULL ? m->read_xlsx(buf, len, err_line, err, errsize) : NULL;
}
