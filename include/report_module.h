/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_module: what the report renderers module (dapter-report.so) and
 * the program agree on. The PDF and XLSX writers need pango, cairo and
 * libxlsxwriter, some forty shared libraries that no journal session and no
 * other command uses; they live in the module, which report_write_pdf() and
 * report_write_xlsx() (report_module.c) load the first time a report needs
 * one. Callers see only report.h.
 *
 * The module also reads XLSX workbooks for table_read() (xlsx_read.c):
 * minizip is there already through libxlsxwriter, expat through fontconfig,
 * and only an import of a workbook loads it.
 *
 * The module exports one symbol, REPORT_MODULE_SYMBOL, a struct
 * report_module (module.h says how it is found and checked). Change
 * REPORT_MODULE_ABI whenever this struct or the structs of report.h change:
 * a module built for another layout is refused rather than called.
 */
#ifndef DAPTER_REPORT_MODULE_H
#define DAPTER_REPORT_MODULE_H

#include <stddef.h>
#include <stdio.h>

#include "csv.h"
#include "module.h"
#include "report.h"

#define REPORT_MODULE_FILE "dapter-report.so"
#define REPORT_MODULE_SYMBOL "dapter_report_module"
#define REPORT_MODULE_ABI 2

typedef int report_writer_fn(const struct report *r, FILE *out, char *err, size_t errsize);
/*
 * Reads a workbook (buf, len bytes) into a table; NULL with a translated
 * reason in err and the sheet's row in *err_line (0 when none). table.h.
 */
typedef struct csv *table_reader_fn(const char *buf, size_t len, size_t *err_line, char *err,
    size_t errsize);

struct report_module {
	struct module_head head;	/* REPORT_MODULE_ABI, PACKAGE_VERSION */
	report_writer_fn *write_pdf;
	report_writer_fn *write_xlsx;
	table_reader_fn *read_xlsx;
};

/*
 * The program's side (report_module.c): loads the module and reads the
 * workbook; table_read() is its caller, and every import goes through that.
 */
table_reader_fn report_read_xlsx;

/* The writers, built into the module only (report_pdf.c, report_xlsx.c). */
report_writer_fn report_pdf_write;
report_writer_fn report_xlsx_write;
/* The first visible worksheet of an XLSX workbook (xlsx_read.c), built into the module only. */
table_reader_fn xlsx_read;

#endif
