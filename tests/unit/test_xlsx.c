/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_xlsx: the XLSX reader (src/xlsx_read.c) on workbooks written here
 * part by part (zip_write.h): every kind of cell, entities, gaps between
 * rows and cells, date styles, the sheet order of the workbook, and what
 * a damaged or hostile file must give: a message, never a crash.
 *
 * A workbook's first sheet is compared as a dump, one line per row: the
 * row's number, ':', then the cells joined by '|'.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "csv_dump.h"
#include "report_module.h"
#include "tap.h"
#include "zip_write.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char default_workbook[] =
    "<workbook " NS "><sheets><sheet name=\"Сынып\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Архив\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
static const char default_rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
    "</Relationships>";
/* Cell styles: 0 general, 1 built-in date 14, 2 custom dd.mm.yyyy, 3 "0.00", 4 time h:mm,
 * 5 a date with a locale prefix, 6 "Day "0 (a d in quotes: no date), 7 twelve zeros. */
static const char styles[] =
    "<styleSheet " NS "><numFmts count=\"4\">"
    "<numFmt numFmtId=\"164\" formatCode=\"dd.mm.yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0.00\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy\"/>"
    "<numFmt numFmtId=\"167\" formatCode=\"&quot;Day &quot;0\"/>"
    "<numFmt numFmtId=\"168\" formatCode=\"000000000000\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"8\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"20\"/><xf numFmtId=\"166\"/><xf numFmtId=\"167\"/>"
    "<xf numFmtId=\"168\"/>"
    "</cellXfs></styleSheet>";
static const char strings[] =
    "<sst " NS " count=\"4\" uniqueCount=\"4\"><si><t>Әлия</t></si>"
    "<si><r><rPr><b/></rPr><t>Жақ</t></r><r><t xml:space=\"preserve\">сы </t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh></si>"
    "<si><t>A &amp; B &lt;c&gt; &#1179;&#x4B3; _x0041_</t></si><si><t/></si></sst>";
static const char other_sheet[] =
    "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>second"
    "</t></is></c></row></sheetData></worksheet>";

struct xlsx_case {
	const char	*name;
	const char	*rows;		/* inside <sheetData> of sheet1.xml */
	const char	*want;		/* dump, or NULL: refused */
	const char	*err;		/* part of the message when refused */
	size_t		 err_line;
	const char	*workbook;	/* NULL: default_workbook */
};

static const struct xlsx_case cases[] = {
	{ "shared strings, numbers, a 12-digit ИИН",
	    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>5</v></c>"
	    "<c r=\"C1\"><v>2.5</v></c><c r=\"D1\"><v>120314501012</v></c></row>",
	    "1:Әлия|5|2.5|120314501012\n", NULL, 0, NULL },
	{ "numbers as their shortest text, no exponent where a school looks",
	    "<row r=\"1\"><c><v>5.0</v></c><c><v>1E+15</v></c><c><v>1.2031450101200E+11</v></c>"
	    "<c><v>0.30000000000000004</v></c><c><v>1.5E-7</v></c><c><v>-0</v></c>"
	    "<c><v>-12.75</v></c><c><v>1E+300</v></c></row>",
	    "1:5|1000000000000000|120314501012|0.30000000000000004|0.00000015|0|-12.75|"
	    "1e+300\n", NULL, 0, NULL },
	{ "rich-text runs join, phonetic runs are left out, spaces kept",
	    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\" t=\"s\"><v>0</v></c></row>",
	    "1:Жақсы |Әлия\n", NULL, 0, NULL },
	{ "entities, character references and _xHHHH_ escapes",
	    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>2</v></c><c r=\"B1\" t=\"inlineStr\"><is>"
	    "<t xml:space=\"preserve\"> &#x4B3;&amp;_x005F_x000D_ </t></is></c></row>",
	    "1:A & B <c> қҳ A| ҳ&_x000D_ \n", NULL, 0, NULL },
	{ "skipped rows and cells stay in place, trailing empties go",
	    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a</t></is></c>"
	    "<c r=\"C2\"><v>3</v></c><c r=\"D2\" s=\"1\"/><c r=\"E2\" t=\"s\"><v>3</v></c></row>"
	    "<row r=\"5\"><c r=\"B5\"><v>7</v></c></row><row r=\"6\"><c r=\"A6\" s=\"2\"/></row>"
	    "<row r=\"9\" spans=\"1:3\"><c r=\"AA9\"><v>1</v></c></row>",
	    "2:a||3\n5:|7\n9:||||||||||||||||||||||||||1\n", NULL, 0, NULL },
	{ "rows and cells without r follow the previous ones",
	    "<row><c><v>1</v></c><c><v>2</v></c></row><row><c r=\"C2\"><v>3</v></c><c><v>4</v>"
	    "</c></row>", "1:1|2\n2:||3|4\n", NULL, 0, NULL },
	{ "booleans, errors and formulas' cached values",
	    "<row r=\"1\"><c t=\"b\"><v>1</v></c><c t=\"b\"><v>0</v></c><c t=\"e\"><v>#N/A</v>"
	    "</c><c><f>1+1</f><v>2</v></c><c t=\"str\"><f>CONCAT(\"a\",\"b\")</f><v>ab</v></c>"
	    "<c><f>NOW()</f></c><c t=\"d\"><v>2012-03-14T00:00:00</v></c></row>",
	    "1:TRUE|FALSE|#N/A|2|ab||2012-03-14\n", NULL, 0, NULL },
	{ "dates by style: built-in, custom, locale; not times, decimals or quoted d",
	    "<row r=\"1\"><c s=\"1\"><v>40982</v></c><c s=\"2\"><v>40982.75</v></c>"
	    "<c s=\"5\"><v>41275</v></c><c s=\"3\"><v>40982</v></c><c s=\"4\"><v>0.5</v></c>"
	    "<c s=\"6\"><v>3</v></c><c s=\"99\"><v>4</v></c></row>",
	    "1:2012-03-14|2012-03-14|2013-01-01|40982|0.5|3|4\n", NULL, 0, NULL },
	{ "a ИИН with its leading zero, shown by a format of twelve zeros",
	    "<row r=\"1\"><c s=\"7\"><v>51231500017</v></c><c s=\"7\"><v>120314501012</v></c>"
	    "<c s=\"7\"><v>2.5</v></c><c s=\"7\"><v>-5</v></c></row>",
	    "1:051231500017|120314501012|2.5|-5\n", NULL, 0, NULL },
	{ "Excel's 1900 calendar, its 29 February 1900 included",
	    "<row r=\"1\"><c s=\"1\"><v>1</v></c><c s=\"1\"><v>59</v></c><c s=\"1\"><v>60</v></c>"
	    "<c s=\"1\"><v>61</v></c><c s=\"1\"><v>2958465</v></c><c s=\"1\"><v>-1</v></c></row>",
	    "1:1900-01-01|1900-02-28|1900-02-29|1900-03-01|9999-12-31|-1\n", NULL, 0, NULL },
	{ "the 1904 calendar of an old Mac workbook",
	    "<row r=\"1\"><c s=\"1\"><v>0</v></c><c s=\"1\"><v>39520</v></c></row>",
	    "1:1904-01-01|2012-03-14\n", NULL, 0,
	    "<workbook " NS "><workbookPr date1904=\"1\"/><sheets><sheet name=\"a\" sheetId=\"1\" "
	    "r:id=\"rId1\"/></sheets></workbook>" },
	{ "the first sheet in the workbook's order, not sheet1.xml",
	    "<row r=\"1\"><c t=\"inlineStr\"><is><t>first file</t></is></c></row>",
	    "1:second\n", NULL, 0,
	    "<workbook " NS "><sheets><sheet name=\"b\" sheetId=\"2\" r:id=\"rId2\"/>"
	    "<sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" },
	{ "a hidden first sheet is passed over",
	    "<row r=\"1\"><c t=\"inlineStr\"><is><t>visible</t></is></c></row>",
	    "1:visible\n", NULL, 0,
	    "<workbook " NS "><sheets><sheet name=\"b\" sheetId=\"2\" r:id=\"rId2\" "
	    "state=\"hidden\"/><sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
	    "</workbook>" },
	{ "prefixed element names", NULL, "1:p\n", NULL, 0, NULL },
	{ "a shared string the workbook does not have",
	    "<row r=\"1\"><c t=\"s\"><v>0</v></c></row><row r=\"4\"><c r=\"B4\" t=\"s\"><v>9</v>"
	    "</c></row>", NULL, "Cell B4 of the workbook refers to a text", 4, NULL },
	{ "a number cell that is no number",
	    "<row r=\"3\"><c r=\"A3\"><v>12abc</v></c></row>", NULL, "Cell A3", 3, NULL },
	{ "a boolean that is neither 0 nor 1",
	    "<row r=\"2\"><c r=\"C2\" t=\"b\"><v>2</v></c></row>", NULL, "Cell C2", 2, NULL },
	{ "an unknown cell type", "<row r=\"1\"><c t=\"zz\"><v>1</v></c></row>", NULL,
	    "not of its type", 1, NULL },
	{ "rows out of order", "<row r=\"5\"/><row r=\"3\"/>", NULL, "malformed", 5, NULL },
	{ "a cell of another row", "<row r=\"2\"><c r=\"A3\"/></row>", NULL, "malformed", 2,
	    NULL },
	{ "a row inside a row", "<row r=\"1\"><c><v>1</v></c><row r=\"2\"><c><v>2</v></c></row>"
	    "</row>", NULL, "malformed", 1, NULL },
	{ "a cell inside a cell", "<row r=\"3\"><c><v>1</v><c><v>2</v></c></c></row>", NULL,
	    "malformed", 3, NULL },
	{ "a column past XFD", "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", NULL,
	    "malformed", 1, NULL },
	{ "cells out of order", "<row r=\"1\"><c r=\"B1\"/><c r=\"A1\"/></row>", NULL,
	    "malformed", 1, NULL },
	{ "a row past Excel's last", "<row r=\"1048577\"/>", NULL, "malformed", 0, NULL },
	{ "XML that is not well-formed",
	    "<row r=\"1\"><c r=\"A1\"><v>1</c></row>", NULL, "not well-formed XML", 0, NULL },
	{ "a workbook without sheets", "", NULL, "no worksheet", 0,
	    "<workbook " NS "><sheets/></workbook>" },
	{ "a sheet that is no relationship", "", NULL, "no worksheet", 0,
	    "<workbook " NS "><sheets><sheet name=\"a\" sheetId=\"1\" r:id=\"rId9\"/></sheets>"
	    "</workbook>" },
	{ "a DOCTYPE and its entities (billion laughs) are refused", NULL, NULL, "DOCTYPE", 0,
	    NULL },
};

static const char prefixed_sheet[] =
    "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>p</x:t></x:is></x:c>"
    "</x:row></x:sheetData></x:worksheet>";
static const char laughs_sheet[] =
    "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
    "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
    "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&lol3;</t></is></c></row>"
    "</sheetData></worksheet>";

/* Reads the workbook of n parts; the table, or NULL with the message in err. */
static struct csv *
read_parts(const struct zip_part *parts, size_t n, size_t *err_line, char *err, size_t errsize)
{
	struct csv *csv = NULL;
	char *zip = NULL;
	size_t len = 0;

	snprintf(err, errsize, "%s", "");
	if (zip_write(parts, n, &zip, &len) != 0) {
		snprintf(err, errsize, "zip_write failed");
		return NULL;
	}
	csv = xlsx_read(zip, len, err_line, err, errsize);
	free(zip);
	return csv;
}

/* One workbook of the default parts with this sheet (and workbook) into parts; returns n. */
static size_t
workbook(struct zip_part *parts, const char *sheet, const char *wb)
{
	const struct zip_part defaults[] = {
		{ "xl/workbook.xml", wb != NULL ? wb : default_workbook, 0, NULL, 1, -1, 0 },
		{ "xl/_rels/workbook.xml.rels", default_rels, 0, NULL, 1, -1, 0 },
		{ "xl/styles.xml", styles, 0, NULL, 0, -1, 0 },
		{ "xl/sharedStrings.xml", strings, 0, NULL, 1, -1, 0 },
		{ "xl/worksheets/sheet1.xml", sheet, 0, NULL, 1, -1, 0 },
		{ "xl/worksheets/sheet2.xml", other_sheet, 0, NULL, 0, -1, 0 },
	};

	memcpy(parts, defaults, sizeof defaults);
	return sizeof defaults / sizeof defaults[0];
}

static void
test_cases(void)
{
	struct zip_part parts[8];
	struct csv *csv = NULL;
	char sheet[8192], err[512], *got = NULL, name[256];
	size_t i, n, err_line;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct xlsx_case *c = &cases[i];

		if (c->rows != NULL)
			snprintf(sheet, sizeof sheet, "<worksheet " NS "><sheetData>%s</sheetData>"
			    "</worksheet>", c->rows);
		else
			snprintf(sheet, sizeof sheet, "%s", c->err != NULL ? laughs_sheet :
			    prefixed_sheet);
		n = workbook(parts, sheet, c->workbook);
		err_line = 12345;
		csv = read_parts(parts, n, &err_line, err, sizeof err);
		if (c->want != NULL) {
			snprintf(name, sizeof name, "%s", c->name);
			tap_is_str(got = csv != NULL ? dump(csv) : NULL, c->want, name);
			if (csv == NULL)
				printf("#   error: %s\n", err);
			free(got);
		} else {
			snprintf(name, sizeof name, "%s: refused", c->name);
			tap_ok(csv == NULL, name);
			snprintf(name, sizeof name, "%s: says so", c->name);
			if (!tap_ok(strstr(err, c->err) != NULL, name))
				printf("#   got: %s\n#   want: %s\n", err, c->err);
			snprintf(name, sizeof name, "%s: at its row", c->name);
			tap_is_int((long long)err_line, (long long)c->err_line, name);
		}
		csv_free(csv);
	}
}

/* head, then each for every number from..to (in place of its "#", if any), then tail; malloc'd. */
static char *
repeated(const char *head, const char *each, size_t from, size_t to, const char *tail)
{
	const char *hash = strchr(each, '#');
	char *buf = NULL;
	size_t size = 0, i;
	FILE *f = NULL;

	if ((f = open_memstream(&buf, &size)) == NULL)
		abort();
	fputs(head, f);
	for (i = from; i <= to; i++) {
		if (hash == NULL)
			fputs(each, f);
		else
			fprintf(f, "%.*s%zu%s", (int)(hash - each), each, i, hash + 1);
	}
	fputs(tail, f);
	if (fclose(f) != 0)
		abort();
	return buf;
}

/* The workbook is refused with `want` in its message, naming row (0: none). */
static void
refused(const struct zip_part *parts, size_t n, const char *want, size_t row, const char *name)
{
	struct csv *csv = NULL;
	char err[512];
	size_t err_line = 12345;

	csv = read_parts(parts, n, &err_line, err, sizeof err);
	if (!tap_ok(csv == NULL && strstr(err, want) != NULL && err_line == row, name))
		printf("#   got:  %s (row %zu)\n#   want: %s (row %zu)\n",
		    csv == NULL ? err : "a table", err_line, want, row);
	csv_free(csv);
}

/* A ZIP that is damaged, cut short, lies about its sizes, or bombs. */
static void
test_hostile(void)
{
	struct zip_part parts[8];
	struct csv *csv = NULL;
	char *zip = NULL, *sheet = NULL, err[512], big[200000];
	char *formats = NULL;
	size_t n, len = 0, err_line, i;

	n = workbook(parts, "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row>"
	    "</sheetData></worksheet>", NULL);
	if (zip_write(parts, n, &zip, &len) != 0) {
		tap_ok(0, "hostile: zip_write");
		return;
	}
	csv = xlsx_read(zip, len, &err_line, err, sizeof err);
	tap_ok(csv != NULL && csv_rows(csv) == 1, "hostile: the whole workbook reads");
	csv_free(csv);
	csv = xlsx_read(zip, len / 2, &err_line, err, sizeof err);
	tap_ok(csv == NULL && strstr(err, "damaged or cut short") != NULL,
	    "hostile: a workbook cut in half is damaged or cut short");
	csv = xlsx_read(zip, 30, &err_line, err, sizeof err);
	tap_ok(csv == NULL && strstr(err, "damaged or cut short") != NULL,
	    "hostile: a workbook cut after its first header too");
	free(zip);

	/* The first sheet's part is not in the ZIP. */
	parts[4].name = "xl/worksheets/sheet9.xml";
	refused(parts, n, "has no part xl/worksheets/sheet1.xml", 0,
	    "hostile: a workbook without its sheet's part names the part");
	parts[4].name = "xl/worksheets/sheet1.xml";

	/* A stored part whose CRC is wrong: everything parses, the checksum catches it. */
	parts[4].bad_crc = 1;
	parts[4].deflate = 0;
	refused(parts, n, "checksum", 0, "hostile: a part with a wrong CRC-32 is damaged");
	parts[4].bad_crc = 0;

	/* 70 MB of spaces inside the sheet: deflated to some 70 KB. */
	parts[4].head = "<worksheet><sheetData>";
	parts[4].pad = (size_t)70 << 20;
	parts[4].tail = "</sheetData></worksheet>";
	parts[4].deflate = 1;
	refused(parts, n, "more than 64 MB", 0,
	    "hostile: a zip bomb is stopped by its declared size");
	/* minizip inflates no more than the declared size: the sheet ends early. */
	parts[4].declared = 1000;
	refused(parts, n, "sheet1.xml is not well-formed", 0,
	    "hostile: a zip bomb that lies about its size is cut at the size it declares");
	parts[4].pad = 0;
	parts[4].declared = -1;
	parts[4].tail = NULL;

	/* A cell of 100,000 characters: more than Excel's 32,767. */
	memset(big, 'x', sizeof big);
	snprintf(big, 60, "<worksheet><sheetData><row r=\"7\"><c t=\"inlineStr\"><is><t>");
	big[strlen(big)] = 'x';
	snprintf(big + 100000, sizeof big - 100000, "</t></is></c></row></sheetData></worksheet>");
	parts[4].head = big;
	refused(parts, n, "more than 32767 characters", 7,
	    "hostile: a cell longer than Excel allows is refused at its row");

	/* One cell at XFD per row keeps 16,384 cells a row: 200 rows are too many. */
	sheet = repeated("<worksheet><sheetData>", "<row><c r=\"XFD#\"><v>1</v></c></row>", 1,
	    200, "</sheetData></worksheet>");
	parts[4].head = sheet;
	refused(parts, n, "more than 2000000 cells", 123,
	    "hostile: a few KB of far cells asking for GBs are refused at the row that tips it");
	free(sheet);

	/* A long shared string in many cells: each copy is kept, and counted. */
	memset(big, 'x', sizeof big);
	snprintf(big, 60, "<sst><si><t>");
	big[strlen(big)] = 'x';
	snprintf(big + 12 + 30000, sizeof big - 12 - 30000, "</t></si></sst>");
	sheet = repeated("<worksheet><sheetData>", "<row><c t=\"s\"><v>0</v></c></row>", 1, 3000,
	    "</sheetData></worksheet>");
	parts[3].head = big;
	parts[4].head = sheet;
	refused(parts, n, "more than 64 MB of text", 2237,
	    "hostile: one long text in 3000 cells is refused at the row that tips it");
	free(sheet);

	/* Styles past any spreadsheet's: refused, and quickly (each style is resolved once). */
	parts[3].head = strings;
	parts[4].head = "<worksheet><sheetData><row><c s=\"65535\"><v>1</v></c></row>"
	    "</sheetData></worksheet>";
	for (i = 0; i < 3; i++) {
		formats = repeated("<styleSheet><numFmts>",
		    "<numFmt numFmtId=\"#\" formatCode=\"0\"/>", 164,
		    i == 0 ? 164 + 4096 : 164 + 4095, "</numFmts><cellXfs>");
		sheet = repeated(formats, "<xf numFmtId=\"164\"/>", 1, i == 2 ? 65537 : 65536,
		    "</cellXfs></styleSheet>");
		parts[2].head = sheet;
		if (i == 0)
			refused(parts, n, "more than 4096 number formats", 0,
			    "hostile: more number formats than a spreadsheet keeps are refused");
		else if (i == 2)
			refused(parts, n, "more than 65536 cell styles", 0,
			    "hostile: more cell styles than a spreadsheet keeps are refused");
		else {
			csv = read_parts(parts, n, &err_line, err, sizeof err);
			tap_ok(csv != NULL && strcmp(csv_field(csv, 0, 0), "1") == 0,
			    "hostile: 4096 number formats in 65536 cell styles are read");
			csv_free(csv);
		}
		free(formats);
		free(sheet);
	}

	csv = xlsx_read("PK\003\004", 4, &err_line, err, sizeof err);
	tap_ok(csv == NULL && err[0] != '\0', "hostile: four bytes of a ZIP are refused");
}

int
main(void)
{
	test_cases();
	test_hostile();
	return tap_done();
}
