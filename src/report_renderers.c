/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_renderers: the one symbol the report module (dapter-report.so)
 * exports; the program finds the writers through it. See report_module.h.
 */
#include "config.h"

#include "report_module.h"

extern const struct report_module dapter_report_module;

const struct report_module dapter_report_module = {
	.head = { .abi = REPORT_MODULE_ABI, .version = PACKAGE_VERSION },
	.write_pdf = report_pdf_write,
	.write_xlsx = report_xlsx_write,
	.read_xlsx = xlsx_read,
};
