/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_xlsx: the XLSX reader (src/xlsx_read.c) on any bytes.
 *
 * The first byte picks what the rest is. Even: a whole file, as a school
 * sends it (the seeds are real workbooks), which exercises the ZIP layer.
 * Odd: the XML of the first sheet, wrapped here in a workbook with shared
 * strings and date styles (tests/unit/zip_write.h), so that the fuzzer's
 * mutations reach the XML and the cells instead of dying on a CRC.
 *
 * Beyond "no crash, no leak": a refusal says why; a table has rows whose
 * lines (Excel's row numbers) grow and stay within Excel's sheet, each
 * row ends with a non-empty cell, and every cell is valid UTF-8.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "csv.h"
#include "fuzz.h"
#include "report_module.h"
#include "zip_write.h"

#define T "fuzz_xlsx"

static const char workbook[] =
    "<workbook xmlns:r=\"r\"><workbookPr/><sheets><sheet name=\"a\" sheetId=\"1\" "
    "r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
    "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"x/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"x/styles\" "
    "Target=\"/xl/styles.xml\"/></Relationships>";
static const char strings[] =
    "<sst><si><t>Әлия</t></si><si><r><t>a</t></r><r><t>b</t></r><rPh><t>x</t></rPh></si>"
    "<si><t>_x0041_&amp;</t></si></sst>";
static const char styles[] =
    "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd.mm.yyyy\"/></numFmts>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs>"
    "</styleSheet>";

static void
check(const struct csv *csv)
{
	size_t r, c, n, last = 0;
	const char *f = NULL;

	for (r = 0; r < csv_rows(csv); r++) {
		if (csv_line(csv, r) <= last || csv_line(csv, r) > 1048576)
			fuzz_fail(T, "row numbers do not grow within Excel's sheet");
		last = csv_line(csv, r);
		if ((n = csv_cols(csv, r)) == 0 || n > 16384)
			fuzz_fail(T, "a row without cells or past column XFD");
		if (*csv_field(csv, r, n - 1) == '\0')
			fuzz_fail(T, "a row ends with an empty cell");
		for (c = 0; c < n; c++) {
			f = csv_field(csv, r, c);
			if (u8_check((const uint8_t *)f, strlen(f)) != NULL)
				fuzz_fail(T, "a cell is not UTF-8");
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zip_part parts[5] = {
		{ "xl/workbook.xml", workbook, 0, NULL, 0, -1, 0 },
		{ "xl/_rels/workbook.xml.rels", rels, 0, NULL, 0, -1, 0 },
		{ "xl/sharedStrings.xml", strings, 0, NULL, 0, -1, 0 },
		{ "xl/styles.xml", styles, 0, NULL, 0, -1, 0 },
		{ "xl/worksheets/sheet1.xml", NULL, 0, NULL, 0, -1, 0 },
	};
	struct csv *csv = NULL;
	char *sheet = NULL, *zip = NULL, err[512];
	size_t len = 0, err_line = 0;

	if (size < 1)
		return 0;
	err[0] = '\0';
	if ((data[0] & 1) == 0) {
		csv = xlsx_read((const char *)data + 1, size - 1, &err_line, err, sizeof err);
	} else {
		/* The sheet as a C string: a NUL inside ends it, which XML forbids anyway. */
		sheet = fuzz_cstring(data + 1, size - 1);
		parts[4].head = sheet;
		if (zip_write(parts, 5, &zip, &len) != 0)
			abort();
		csv = xlsx_read(zip, len, &err_line, err, sizeof err);
	}
	if (csv == NULL && err[0] == '\0')
		fuzz_fail(T, "a refused workbook says nothing");
	if (csv != NULL)
		check(csv);
	csv_free(csv);
	free(sheet);
	free(zip);
	return 0;
}
