/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_module: what the report renderers module (dapter-report.so) and
 * the program agree on. The PDF and XLSX writers need pango, cairo and
 * libxlsxwriter, some forty shared libraries that no journal session and no
 * other command uses; they live in the module, which report_write_pdf() and
 * report_write_xlsx() (report_module.c) load the first time a report needs
 * one. Callers see only report.h.
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

#include "module.h"
#include "report.h"

#define REPORT_MODULE_FILE "dapter-report.so"
#define REPORT_MODULE_SYMBOL "dapter_report_module"
#define REPORT_MODULE_ABI 1

typedef int report_writer_fn(const struct report *r, FILE *out, char *err, size_t errsize);

struct report_module {
	struct module_head head;	/* REPORT_MODULE_ABI, PACKAGE_VERSION */
	report_writer_fn *write_pdf;
	report_writer_fn *write_xlsx;
};

/* The writers, built into the module only (report_pdf.c, report_xlsx.c). */
report_writer_fn report_pdf_write;
report_writer_fn report_xlsx_write;

#endif
