/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * xlsx_read: the first worksheet of an Excel workbook as a struct csv. Built
 * into the report module (dapter-report.so, report_module.h), which already
 * maps minizip through libxlsxwriter and expat through fontconfig, so that
 * no other command pays for either; table_read() calls it through the module.
 *
 * A workbook is a ZIP of XML parts. We read, in this order:
 *   xl/_rels/workbook.xml.rels  which part is which (sheets, strings, styles);
 *   xl/workbook.xml             the sheets in the order Excel shows their tabs;
 *   xl/styles.xml               what each cell style shows (a date, zeros);
 *   xl/sharedStrings.xml        the text of "s" cells;
 *   the first visible worksheet, row by row, straight into csv_add_row().
 *
 * The XML goes through expat rather than a scanner of our own: it is
 * streamed (a part is inflated in 64 KiB pieces and never held whole), it
 * already decodes the entities, character references, CDATA and UTF-16
 * that a hand scanner would have to get right, and it is fuzzed by
 * OSS-Fuzz; it costs no new library in the module. No OOXML part has a
 * DOCTYPE, so one is refused outright, and with it every entity expansion.
 *
 * Hostile files: the ZIP's own sizes are not trusted; the bytes inflated are
 * counted against a cap per part and per workbook (a zip bomb stops there),
 * and rows, columns, shared strings, styles, the length of one string and
 * what the table keeps (cells, bytes of text: a short part can name a far
 * cell or a long string many times) have caps far above any class list,
 * timetable or plan.
 */
#include "config.h"

#include <expat.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

#include "csv.h"
#include "i18n.h"
#include "report_module.h"

#define XLSX_MAX_PART ((size_t)64 << 20)	/* bytes of one part, inflated */
#define XLSX_MAX_TOTAL ((size_t)128 << 20)	/* bytes of all parts read */
#define XLSX_MAX_ROW 1048576			/* Excel's last row */
#define XLSX_MAX_COL 16384			/* Excel's last column, XFD */
#define XLSX_MAX_ROWS 100000			/* rows with something in them */
#define XLSX_MAX_CELLS 2000000			/* cells kept, the empty ones between included */
#define XLSX_MAX_STRINGS 1000000		/* shared strings */
#define XLSX_MAX_KEPT ((size_t)64 << 20)	/* bytes of text in the table */
#define XLSX_MAX_TEXT 32767			/* Excel's longest cell, in characters */
#define XLSX_MAX_TEXT_BYTES (4 * XLSX_MAX_TEXT)
#define XLSX_MAX_RELS 10000
#define XLSX_MAX_SHEETS 10000
#define XLSX_MAX_STYLES 65536			/* cell styles (Excel: 64,000) */
#define XLSX_MAX_FORMATS 4096			/* custom number formats (Excel: ~250) */

/* A growing string; len never counts the NUL that always ends it. */
struct sbuf {
	char	*p;
	size_t	 len, size;
};

struct rel {
	char	*id, *type, *target;
};

struct numfmt {
	long	id;
	int	date;
	int	zeros;	/* "000000000000": a whole number shown with this many digits */
	size_t	order;	/* in styles.xml */
};

/* Where a cell's text is being gathered. */
enum xlsx_text { TEXT_NONE, TEXT_V, TEXT_T };

struct xlsx {
	/* the ZIP in memory */
	const char	*buf;
	size_t		 len, pos;
	unzFile		 zip;
	size_t		 unpacked;	/* bytes inflated so far, all parts */

	XML_Parser	 parser;
	const char	*part;		/* being parsed, for messages */
	int		 failed;
	size_t		*err_line;
	char		*err;
	size_t		 errsize;

	/* workbook.xml.rels and workbook.xml */
	struct rel	*rels;
	size_t		 nrels;
	char		**sheets;	/* r:id of each visible sheet, in tab order */
	size_t		 nsheets;
	int		 date1904;

	/* styles.xml: what does cell style i show? */
	struct numfmt	*fmts;
	size_t		 nfmts;
	long		*xf_fmt;	/* numFmtId of each cellXfs entry */
	struct numfmt	*xf_style;	/* and what it shows (styles_resolve()) */
	size_t		 nxf;
	int		 in_cellxfs;

	/* sharedStrings.xml */
	struct sbuf	 strings;	/* every string, NUL after each */
	size_t		*string_at;	/* offsets into strings.p */
	size_t		 nstrings;
	int		 in_si, in_rph;

	/* the sheet */
	struct csv	*csv;
	int		 in_data, in_row, in_cell;
	long		 row, col;	/* current row and cell, 1-based; 0 before any */
	char		**fields;	/* the row's cells by column, NULL where empty */
	size_t		 nfields;
	size_t		 cells;		/* kept in the table so far */
	size_t		 kept;		/* bytes of their text */
	char		 cell_type[16];
	long		 cell_style;
	int		 in_is;
	enum xlsx_text	 text;
	struct sbuf	 value;
};

static void xlsx_fail(struct xlsx *x, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
xlsx_fail(struct xlsx *x, size_t line, const char *fmt, ...)
{
	va_list ap;

	if (x->failed)
		return;
	x->failed = 1;
	*x->err_line = line;
	va_start(ap, fmt);
	vsnprintf(x->err, x->errsize, fmt, ap);
	va_end(ap);
	if (x->parser != NULL)
		XML_StopParser(x->parser, XML_FALSE);
}

static void
xlsx_nomem(struct xlsx *x)
{
	xlsx_fail(x, 0, "%s", _("Out of memory while reading the workbook."));
}

static void
text_too_long(struct xlsx *x)
{
	xlsx_fail(x, x->row > 0 ? (size_t)x->row : 0, _("A cell of the workbook holds more "
	    "than %d characters, more than Excel allows: the file is damaged."), XLSX_MAX_TEXT);
}

/* Excel counts a cell's length in characters: UTF-8 bytes that start one. */
static int
text_check(struct xlsx *x, const struct sbuf *b)
{
	size_t i, chars = 0;

	for (i = 0; i < b->len; i++)
		chars += ((unsigned char)b->p[i] & 0xc0) != 0x80;
	if (chars <= XLSX_MAX_TEXT)
		return 0;
	text_too_long(x);
	return -1;
}

/*
 * array (of n elements) with room for one more: it doubles at every power
 * of two (1, 2, 4...), so that a hostile part of 65,536 elements costs 17
 * reallocations, not 65,536 copies. NULL (failed, message set; array
 * untouched) when out of memory.
 */
static void *
grow(struct xlsx *x, void *array, size_t n, size_t elsize)
{
	size_t want = n == 0 ? 1 : 2 * n;
	void *p = NULL;

	if (n != 0 && (n & (n - 1)) != 0)
		return array;
	if (want > SIZE_MAX / elsize || (p = realloc(array, want * elsize)) == NULL) {
		xlsx_nomem(x);
		return NULL;
	}
	return p;
}

/* Appends n bytes; -1 (failed, message set) past max bytes or out of memory. */
static int
sbuf_add(struct xlsx *x, struct sbuf *b, const char *s, size_t n, size_t max)
{
	size_t size;
	char *p = NULL;

	if (n > max || b->len > max - n) {
		text_too_long(x);
		return -1;
	}
	if (b->len + n + 1 > b->size) {
		size = b->size == 0 ? 256 : b->size;
		while (size < b->len + n + 1)
			size *= 2;
		if ((p = realloc(b->p, size)) == NULL) {
			xlsx_nomem(x);
			return -1;
		}
		b->p = p;
		b->size = size;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

static void
sbuf_clear(struct sbuf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

/* "x:row" and "row" alike: some writers prefix SpreadsheetML's elements. */
static const char *
local_name(const char *name)
{
	const char *colon = strrchr(name, ':');

	return colon != NULL ? colon + 1 : name;
}

/* The attribute `name` (no prefix), or one with any prefix when prefixed is set. */
static const char *
attr(const char **atts, const char *name, int prefixed)
{
	size_t i;

	for (i = 0; atts[i] != NULL; i += 2) {
		const char *colon = strrchr(atts[i], ':');

		if (prefixed ? colon != NULL && strcmp(colon + 1, name) == 0 :
		    strcmp(atts[i], name) == 0)
			return atts[i + 1];
	}
	return NULL;
}

/* A whole decimal number of at most 9 digits, or -1. */
static long
parse_index(const char *s)
{
	long n = 0;
	size_t i;

	if (s == NULL || *s == '\0')
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 9)
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	return n;
}

/*
 * OOXML writes a character XML cannot hold as _xHHHH_ (a CR as _x000D_,
 * "_x" itself as _x005F_x). Decoded in place: the UTF-8 of a code point
 * below U+10000 is never longer than its seven-byte escape.
 */
static void
decode_escapes(struct sbuf *b)
{
	size_t r = 0, w = 0;
	unsigned long cp;
	char *end = NULL, hex[5];

	if (b->p == NULL)
		return;
	while (r < b->len) {
		if (b->len - r >= 7 && b->p[r] == '_' && b->p[r + 1] == 'x' && b->p[r + 6] == '_') {
			memcpy(hex, b->p + r + 2, 4);
			hex[4] = '\0';
			cp = strtoul(hex, &end, 16);
			if (end == hex + 4 && cp != 0 && (cp < 0xd800 || cp > 0xdfff)) {
				if (cp < 0x80) {
					b->p[w++] = (char)cp;
				} else if (cp < 0x800) {
					b->p[w++] = (char)(0xc0 | (cp >> 6));
					b->p[w++] = (char)(0x80 | (cp & 0x3f));
				} else {
					b->p[w++] = (char)(0xe0 | (cp >> 12));
					b->p[w++] = (char)(0x80 | ((cp >> 6) & 0x3f));
					b->p[w++] = (char)(0x80 | (cp & 0x3f));
				}
				r += 7;
				continue;
			}
		}
		b->p[w++] = b->p[r++];
	}
	b->len = w;
	b->p[w] = '\0';
}

/* --- the ZIP, read from memory through minizip's I/O hooks --- */

static voidpf ZCALLBACK
mem_open(voidpf opaque, const void *name, int mode)
{
	struct xlsx *x = opaque;

	x->pos = 0;
	return (mode & ZLIB_FILEFUNC_MODE_WRITE) ? NULL : x;
}

static uLong ZCALLBACK
mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	struct xlsx *x = opaque;
	size_t n = x->len - x->pos < size ? x->len - x->pos : size;

	memcpy(buf, x->buf + x->pos, n);
	x->pos += n;
	return (uLong)n;
}

static uLong ZCALLBACK
mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	return 0;
}

static ZPOS64_T ZCALLBACK
mem_tell(voidpf opaque, voidpf stream)
{
	return ((struct xlsx *)opaque)->pos;
}

static long ZCALLBACK
mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
	struct xlsx *x = opaque;
	ZPOS64_T base;

	switch (origin) {
	case ZLIB_FILEFUNC_SEEK_SET:
		base = 0;
		break;
	case ZLIB_FILEFUNC_SEEK_CUR:
		base = x->pos;
		break;
	case ZLIB_FILEFUNC_SEEK_END:
		base = x->len;
		break;
	default:
		return -1;
	}
	if (offset > x->len - base)
		return -1;
	x->pos = (size_t)(base + offset);
	return 0;
}

static int ZCALLBACK
mem_close(voidpf opaque, voidpf stream)
{
	return 0;
}

static int ZCALLBACK
mem_error(voidpf opaque, voidpf stream)
{
	return 0;
}

static void XMLCALL
refuse_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
    int internal)
{
	struct xlsx *x = ud;

	xlsx_fail(x, 0, _("The workbook's part %s declares a DOCTYPE, which Excel never writes: "
	    "the file was not made by a spreadsheet. Save it again in Excel."), x->part);
}

/*
 * Inflates the part `name` through expat with the handlers given. Returns
 * 0, 1 when the part is not there and optional, -1 with the message set.
 */
static int
xlsx_parse_part(struct xlsx *x, const char *name, int optional, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler chars)
{
	char chunk[65536];
	unz_file_info64 info;
	size_t part_bytes = 0;
	int got, rc = -1, open = 0;

	x->part = name;
	if (unzLocateFile(x->zip, name, 2) != UNZ_OK) {
		if (optional)
			return 1;
		xlsx_fail(x, 0, _("The workbook has no part %s: it is damaged or not an Excel "
		    "workbook. Save it again in Excel, or as \"CSV UTF-8\"."), name);
		return -1;
	}
	if (unzGetCurrentFileInfo64(x->zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK ||
	    unzOpenCurrentFile(x->zip) != UNZ_OK) {
		xlsx_fail(x, 0, _("The workbook is damaged: its part %s cannot be unpacked. Save "
		    "it again in Excel, or as \"CSV UTF-8\"."), name);
		return -1;
	}
	open = 1;
	if ((x->parser = XML_ParserCreate(NULL)) == NULL) {
		xlsx_nomem(x);
		goto out;
	}
	XML_SetUserData(x->parser, x);
	XML_SetElementHandler(x->parser, start, end);
	XML_SetCharacterDataHandler(x->parser, chars);
	XML_SetStartDoctypeDeclHandler(x->parser, refuse_doctype);
	/* The declared size is the ZIP's word; the bytes counted below are the truth. */
	if (info.uncompressed_size > XLSX_MAX_PART)
		goto bomb;
	for (;;) {
		if ((got = unzReadCurrentFile(x->zip, chunk, sizeof chunk)) < 0) {
			xlsx_fail(x, 0, _("The workbook is damaged: its part %s cannot be "
			    "unpacked. Save it again in Excel, or as \"CSV UTF-8\"."), name);
			goto out;
		}
		part_bytes += (size_t)got;
		x->unpacked += (size_t)got;
		if (part_bytes > XLSX_MAX_PART || x->unpacked > XLSX_MAX_TOTAL)
			goto bomb;
		if (XML_Parse(x->parser, chunk, got, got == 0) != XML_STATUS_OK) {
			if (!x->failed)
				xlsx_fail(x, 0, _("The workbook's part %s is not well-formed XML "
				    "(line %lu: %s). Open the file in Excel and save it again."),
				    name, (unsigned long)XML_GetCurrentLineNumber(x->parser),
				    XML_ErrorString(XML_GetErrorCode(x->parser)));
			goto out;
		}
		if (x->failed)
			goto out;
		if (got == 0)
			break;
	}
	open = 0;
	if (unzCloseCurrentFile(x->zip) != UNZ_OK) {
		xlsx_fail(x, 0, _("The workbook is damaged: its part %s fails its checksum. Save "
		    "it again in Excel, or as \"CSV UTF-8\"."), name);
		goto out;
	}
	rc = 0;
	goto out;
bomb:
	xlsx_fail(x, 0, _("The workbook's part %s unpacks to more than %zu MB; a class list, "
	    "timetable or plan is never that large. Is it the right file?"), name,
	    XLSX_MAX_PART >> 20);
out:
	if (open)
		unzCloseCurrentFile(x->zip);
	if (x->parser != NULL)
		XML_ParserFree(x->parser);
	x->parser = NULL;
	return rc;
}

/* --- xl/_rels/workbook.xml.rels --- */

static void XMLCALL
rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *id = attr(atts, "Id", 0), *type = attr(atts, "Type", 0);
	const char *target = attr(atts, "Target", 0);
	struct rel *r = NULL;
	void *grown = NULL;

	if (strcmp(local_name(name), "Relationship") != 0 || id == NULL || type == NULL ||
	    target == NULL)
		return;
	if (x->nrels >= XLSX_MAX_RELS) {
		xlsx_fail(x, 0, _("The workbook has more than %d parts: it was not made by a "
		    "spreadsheet."), XLSX_MAX_RELS);
		return;
	}
	if ((grown = grow(x, x->rels, x->nrels, sizeof *x->rels)) == NULL)
		return;
	x->rels = grown;
	r = &x->rels[x->nrels];
	r->id = strdup(id);
	r->type = strdup(type);
	r->target = strdup(target);
	x->nrels++;
	if (r->id == NULL || r->type == NULL || r->target == NULL)
		xlsx_nomem(x);
}

static void XMLCALL
ignore_end(void *ud, const XML_Char *name)
{
}

static void XMLCALL
ignore_chars(void *ud, const XML_Char *s, int len)
{
}

/*
 * The part of the first relationship whose type ends in `kind` (and whose
 * Id is id, unless id is NULL), as a path in the ZIP: a Target is relative
 * to xl/ unless it starts with '/'. NULL when there is none.
 */
static char *
rel_path(const struct xlsx *x, const char *id, const char *kind)
{
	size_t i, tl, kl = strlen(kind);
	const char *target = NULL;
	char *path = NULL;

	for (i = 0; i < x->nrels; i++) {
		tl = strlen(x->rels[i].type);
		if ((id == NULL || strcmp(x->rels[i].id, id) == 0) && tl >= kl &&
		    strcmp(x->rels[i].type + tl - kl, kind) == 0) {
			target = x->rels[i].target;
			break;
		}
	}
	if (target == NULL)
		return NULL;
	if (target[0] == '/')
		return strdup(target + 1);
	if ((path = malloc(strlen(target) + 4)) != NULL)
		sprintf(path, "xl/%s", target);
	return path;
}

/* --- xl/workbook.xml --- */

static void XMLCALL
workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *el = local_name(name), *v = NULL, *state = NULL;
	void *grown = NULL;

	if (strcmp(el, "workbookPr") == 0) {
		v = attr(atts, "date1904", 0);
		x->date1904 = v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
		return;
	}
	if (strcmp(el, "sheet") != 0 || (v = attr(atts, "id", 1)) == NULL)
		return;
	/* A hidden sheet is not the one the teacher sees first: skip it. */
	state = attr(atts, "state", 0);
	if (state != NULL && strcmp(state, "visible") != 0)
		return;
	if (x->nsheets >= XLSX_MAX_SHEETS) {
		xlsx_fail(x, 0, _("The workbook has more than %d sheets: it was not made by a "
		    "spreadsheet."), XLSX_MAX_SHEETS);
		return;
	}
	if ((grown = grow(x, x->sheets, x->nsheets, sizeof *x->sheets)) == NULL)
		return;
	x->sheets = grown;
	if ((x->sheets[x->nsheets] = strdup(v)) == NULL) {
		xlsx_nomem(x);
		return;
	}
	x->nsheets++;
}

/* --- xl/styles.xml --- */

/*
 * A custom number format shows a date when it has a day or a year outside
 * quoted text, escapes and [...] (colours, locales, elapsed hours); "m"
 * alone may be minutes, so it does not count.
 */
static int
format_is_date(const char *code)
{
	const char *p = NULL;

	for (p = code; *p != '\0'; p++) {
		if (*p == '"') {
			while (p[1] != '\0' && p[1] != '"')
				p++;
			if (p[1] != '\0')
				p++;
		} else if (*p == '\\' && p[1] != '\0') {
			p++;
		} else if (*p == '[') {
			while (p[1] != '\0' && p[1] != ']')
				p++;
		} else if (*p == 'd' || *p == 'D' || *p == 'y' || *p == 'Y') {
			return 1;
		}
	}
	return 0;
}

static void XMLCALL
styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *el = local_name(name), *code = NULL;
	void *grown = NULL;
	long id;

	if (strcmp(el, "numFmt") == 0) {
		id = parse_index(attr(atts, "numFmtId", 0));
		code = attr(atts, "formatCode", 0);
		if (id < 0 || code == NULL)
			return;
		/* Excel keeps some 250 number formats a workbook. */
		if (x->nfmts >= XLSX_MAX_FORMATS) {
			xlsx_fail(x, 0, _("The workbook has more than %d number formats: it was "
			    "not made by a spreadsheet."), XLSX_MAX_FORMATS);
			return;
		}
		if ((grown = grow(x, x->fmts, x->nfmts, sizeof *x->fmts)) == NULL)
			return;
		x->fmts = grown;
		x->fmts[x->nfmts].id = id;
		x->fmts[x->nfmts].date = format_is_date(code);
		x->fmts[x->nfmts].zeros = strspn(code, "0") == strlen(code) && strlen(code) <= 20 ?
		    (int)strlen(code) : 0;
		x->nfmts++;
	} else if (strcmp(el, "cellXfs") == 0) {
		x->in_cellxfs = 1;
	} else if (strcmp(el, "xf") == 0 && x->in_cellxfs) {
		if (x->nxf >= XLSX_MAX_STYLES) {
			xlsx_fail(x, 0, _("The workbook has more than %d cell styles: it was not "
			    "made by a spreadsheet."), XLSX_MAX_STYLES);
			return;
		}
		if ((grown = grow(x, x->xf_fmt, x->nxf, sizeof *x->xf_fmt)) == NULL)
			return;
		x->xf_fmt = grown;
		x->xf_fmt[x->nxf++] = parse_index(attr(atts, "numFmtId", 0));
	}
}

static void XMLCALL
styles_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;

	if (strcmp(local_name(name), "cellXfs") == 0)
		x->in_cellxfs = 0;
}

/*
 * Each cell style's number format, resolved once after styles.xml, as a
 * sheet may have two million cells: Excel's built-in date formats 14-17
 * and 22 (d/m/y, d-mmm-yy, d-mmm, mmm-yy, m/d/yy h:mm), or what a custom
 * format says. 18-21 are times of day, which no import wants as a date.
 */
static int
numfmt_cmp(const void *a, const void *b)
{
	const struct numfmt *p = a, *q = b;

	if (p->id != q->id)
		return p->id < q->id ? -1 : 1;
	return p->order < q->order ? -1 : p->order > q->order;
}

/* The last format (in the file's order) with key->id, by binary search; NULL if none. */
static const struct numfmt *
numfmt_last(const struct xlsx *x, const struct numfmt *key)
{
	size_t lo = 0, hi = x->nfmts, mid;

	/* The first format that sorts after key (its order is past every real one). */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (numfmt_cmp(&x->fmts[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && x->fmts[lo - 1].id == key->id ? &x->fmts[lo - 1] : NULL;
}

static int
styles_resolve(struct xlsx *x)
{
	const struct numfmt *found = NULL;
	size_t i;
	long id;

	if (x->nxf == 0)
		return 0;
	if ((x->xf_style = calloc(x->nxf, sizeof *x->xf_style)) == NULL) {
		xlsx_nomem(x);
		return -1;
	}
	/* Sorted by id, stable for a format defined twice (the last one counts, as Excel does). */
	for (i = 0; i < x->nfmts; i++)
		x->fmts[i].order = i;
	if (x->nfmts > 0)	/* qsort() of NULL is undefined, even for no element */
		qsort(x->fmts, x->nfmts, sizeof *x->fmts, numfmt_cmp);
	for (i = 0; i < x->nxf; i++) {
		struct numfmt key = { .id = x->xf_fmt[i], .order = SIZE_MAX };

		id = key.id;
		x->xf_style[i].date = (id >= 14 && id <= 17) || id == 22;
		found = numfmt_last(x, &key);
		if (found != NULL) {
			x->xf_style[i].date = found->date;
			x->xf_style[i].zeros = found->zeros;
		}
	}
	return 0;
}

/* The resolved number format of cell style s; NULL for a style the workbook has not. */
static const struct numfmt *
style(const struct xlsx *x, long s)
{
	return s >= 0 && (size_t)s < x->nxf && x->xf_style != NULL ? &x->xf_style[s] : NULL;
}

/*
 * A school that keeps ИИН in a number column shows their leading zero
 * with a format of twelve zeros: the cell's value is the number, the text
 * the teacher sees has the zeros. Pads the whole number in out as shown.
 */
static void
style_pad(const struct numfmt *f, char *out, size_t size)
{
	size_t len = strlen(out);

	if (f == NULL || f->zeros == 0 || (size_t)f->zeros >= size || len >= (size_t)f->zeros ||
	    strspn(out, "0123456789") != len)
		return;
	memmove(out + (size_t)f->zeros - len, out, len + 1);
	memset(out, '0', (size_t)f->zeros - len);
}

/* --- xl/sharedStrings.xml: <si> is a plain <t>, or rich-text runs <r><t>, and <rPh> to skip --- */

static void XMLCALL
strings_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *el = local_name(name);

	if (strcmp(el, "si") == 0) {
		x->in_si = 1;
		sbuf_clear(&x->value);
	} else if (strcmp(el, "rPh") == 0) {
		x->in_rph++;
	} else if (strcmp(el, "t") == 0 && x->in_si && x->in_rph == 0) {
		x->text = TEXT_T;
	}
}

static void XMLCALL
strings_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *el = local_name(name);
	void *grown = NULL;

	if (strcmp(el, "t") == 0) {
		x->text = TEXT_NONE;
	} else if (strcmp(el, "rPh") == 0 && x->in_rph > 0) {
		x->in_rph--;
	} else if (strcmp(el, "si") == 0 && x->in_si) {
		x->in_si = 0;
		if (x->nstrings >= XLSX_MAX_STRINGS) {
			xlsx_fail(x, 0, _("The workbook has more than %d different texts: it is "
			    "not a class list, timetable or plan."), XLSX_MAX_STRINGS);
			return;
		}
		if ((grown = grow(x, x->string_at, x->nstrings, sizeof *x->string_at)) == NULL)
			return;
		x->string_at = grown;
		decode_escapes(&x->value);
		if (text_check(x, &x->value) != 0)
			return;
		x->string_at[x->nstrings++] = x->strings.len;
		sbuf_add(x, &x->strings, x->value.p != NULL ? x->value.p : "", x->value.len + 1,
		    XLSX_MAX_PART);
	}
}

static void XMLCALL
gather_chars(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;

	if (x->text != TEXT_NONE && len > 0)
		sbuf_add(x, &x->value, s, (size_t)len, XLSX_MAX_TEXT_BYTES);
}

/* --- the worksheet --- */

/* "BC12" into column 55 and row 12; -1 when it is no cell reference. */
static int
parse_ref(const char *ref, long *col, long *row)
{
	const char *p = ref;
	long c = 0, r;

	for (; *p >= 'A' && *p <= 'Z' && p - ref < 3; p++)
		c = c * 26 + (*p - 'A' + 1);
	if (c == 0 || (r = parse_index(p)) <= 0)
		return -1;
	*col = c;
	*row = r;
	return 0;
}

/* "C5" for messages. */
static void
cell_name(long col, long row, char *out, size_t size)
{
	char letters[4];
	int n = 0, i;

	while (col > 0 && n < 3) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n / 2; i++) {
		char t = letters[i];

		letters[i] = letters[n - 1 - i];
		letters[n - 1 - i] = t;
	}
	letters[n] = '\0';
	snprintf(out, size, "%s%ld", letters, row);
}

/* Howard Hinnant's days_from_civil, inverted: day 0 is 1970-01-01. */
static void
civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long)yoe + era * 400 + (*m <= 2);
}

/*
 * A date serial as YYYY-MM-DD (the time of day dropped), or 0 when it is no
 * date (before 1900, after 9999). Excel's 1900 system counts 1900-02-29, a
 * day that never was (Lotus 1-2-3's bug, kept for compatibility): serial 60
 * is that day, and serials after it are one day ahead of the calendar.
 */
static int
serial_to_date(double v, int date1904, char *out, size_t size)
{
	long days, y;
	unsigned m, d;

	if (!(v >= 0 && v < 2958466))
		return 0;
	days = (long)floor(v);
	if (date1904) {
		days += -24107;			/* 1904-01-01 */
	} else if (days == 60) {
		snprintf(out, size, "1900-02-29");
		return 1;
	} else if (days == 0) {
		return 0;
	} else {
		days += days < 60 ? -25568 : -25569;	/* 1899-12-31, 1899-12-30 */
	}
	civil_from_days(days, &y, &m, &d);
	snprintf(out, size, "%04ld-%02u-%02u", y, m, d);
	return 1;
}

/*
 * The number Excel wrote, as the shortest text that reads back to the same
 * double, never with an exponent in the range a school's numbers live in: a
 * ИИН stored as a number is its 12 digits, 5.0 is 5, 0.1+0.2 is
 * 0.30000000000000004. -1 when it is no number.
 */
static int
format_number(const char *s, char *out, size_t size)
{
	char *end = NULL, *e = NULL;
	double v;
	int p, exp10;

	v = strtod(s, &end);
	if (end == s || *end != '\0' || !isfinite(v))
		return -1;
	if (v == 0) {
		snprintf(out, size, "0");
		return 0;
	}
	if (v == trunc(v) && fabs(v) < 1e21) {
		snprintf(out, size, "%.0f", v);
		return 0;
	}
	for (p = 1; p <= 17; p++) {
		snprintf(out, size, "%.*g", p, v);
		if (strtod(out, NULL) == v)
			break;
	}
	if ((e = strchr(out, 'e')) != NULL && fabs(v) >= 1e-9 && fabs(v) < 1e21) {
		exp10 = atoi(e + 1);
		snprintf(out, size, "%.*f", p - 1 - exp10 > 0 ? p - 1 - exp10 : 0, v);
	}
	return 0;
}

/* Stores the finished cell's text at its column of the row. */
static void
cell_put(struct xlsx *x, const char *text)
{
	char **f = NULL;
	size_t n;

	if (*text == '\0')
		return;
	/* A shared string of 32,767 characters costs a cell 7 bytes of XML: count the copies. */
	x->kept += strlen(text);
	if (x->kept > XLSX_MAX_KEPT) {
		xlsx_fail(x, (size_t)x->row, _("The sheet holds more than %zu MB of text: it is "
		    "not a class list, timetable or plan."), XLSX_MAX_KEPT >> 20);
		return;
	}
	if ((size_t)x->col > x->nfields) {
		n = x->nfields == 0 ? 16 : x->nfields;
		while (n < (size_t)x->col)
			n *= 2;
		if ((f = realloc(x->fields, n * sizeof *f)) == NULL) {
			xlsx_nomem(x);
			return;
		}
		memset(f + x->nfields, 0, (n - x->nfields) * sizeof *f);
		x->fields = f;
		x->nfields = n;
	}
	free(x->fields[x->col - 1]);	/* columns only grow: nothing, but be sure */
	if ((x->fields[x->col - 1] = strdup(text)) == NULL)
		xlsx_nomem(x);
}

static void
cell_end(struct xlsx *x)
{
	const char *v = x->value.p != NULL ? x->value.p : "", *t = x->cell_type;
	const struct numfmt *f = NULL;
	char out[64], ref[16];
	long i;

	cell_name(x->col, x->row, ref, sizeof ref);
	if (text_check(x, &x->value) != 0)
		return;
	if (strcmp(t, "s") == 0) {
		if (*v == '\0')
			return;
		if ((i = parse_index(v)) < 0 || (size_t)i >= x->nstrings) {
			xlsx_fail(x, (size_t)x->row, _("Cell %s of the workbook refers to a text "
			    "the workbook does not have: the file is damaged."), ref);
			return;
		}
		cell_put(x, x->strings.p + x->string_at[i]);
	} else if (strcmp(t, "inlineStr") == 0) {
		decode_escapes(&x->value);
		cell_put(x, x->value.p != NULL ? x->value.p : "");
	} else if (strcmp(t, "str") == 0 || strcmp(t, "e") == 0) {
		cell_put(x, v);
	} else if (strcmp(t, "b") == 0) {
		if (*v != '\0' && strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
			goto bad;
		cell_put(x, *v == '\0' ? "" : *v == '1' ? "TRUE" : "FALSE");
	} else if (strcmp(t, "d") == 0) {
		/* An ISO 8601 date and time: the date is what an import wants. */
		snprintf(out, sizeof out, "%.10s", v);
		cell_put(x, out);
	} else if (strcmp(t, "n") == 0 || *t == '\0') {
		if (*v == '\0')
			return;
		if (format_number(v, out, sizeof out) != 0)
			goto bad;
		if ((f = style(x, x->cell_style)) != NULL && f->date)
			serial_to_date(strtod(v, NULL), x->date1904, out, sizeof out);
		else
			style_pad(f, out, sizeof out);
		cell_put(x, out);
	} else {
		goto bad;
	}
	return;
bad:
	/* The value itself is not shown: it may hold anything, a terminal's controls too. */
	xlsx_fail(x, (size_t)x->row, _("Cell %s of the workbook holds a value that is not of "
	    "its type: the file is damaged."), ref);
}

static void
row_end(struct xlsx *x)
{
	size_t n = x->nfields, i;

	while (n > 0 && x->fields[n - 1] == NULL)
		n--;
	/*
	 * A row keeps every cell up to its last, the empty ones too: one cell
	 * at XFD costs 16,384. Counted, or a few KB of XML would ask for GBs.
	 */
	x->cells += n;
	if (n > 0 && csv_rows(x->csv) >= XLSX_MAX_ROWS)
		xlsx_fail(x, (size_t)x->row, _("The sheet has more than %d rows: it is not a "
		    "class list, timetable or plan."), XLSX_MAX_ROWS);
	else if (x->cells > XLSX_MAX_CELLS)
		xlsx_fail(x, (size_t)x->row, _("The sheet has more than %d cells: it is not a "
		    "class list, timetable or plan."), XLSX_MAX_CELLS);
	else if (csv_add_row(x->csv, (size_t)x->row, (const char *const *)x->fields, n) != 0)
		xlsx_nomem(x);
	for (i = 0; i < x->nfields; i++) {
		free(x->fields[i]);
		x->fields[i] = NULL;
	}
}

static void
sheet_malformed(struct xlsx *x, const char *what)
{
	xlsx_fail(x, x->row > 0 ? (size_t)x->row : 0, _("The workbook's sheet is malformed (%s): "
	    "the file is damaged. Open it in Excel and save it again."), what);
}

static void XMLCALL
sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *el = local_name(name), *v = NULL;
	long row = 0, col = 0;

	if (strcmp(el, "sheetData") == 0) {
		x->in_data = 1;
		return;
	}
	if (!x->in_data)
		return;
	if (strcmp(el, "row") == 0) {
		v = attr(atts, "r", 0);
		row = v != NULL ? parse_index(v) : x->row + 1;
		/* Excel writes rows in order, each once; anything else is not Excel's. */
		if (x->in_row || row <= x->row || row > XLSX_MAX_ROW) {
			sheet_malformed(x, "row");
			return;
		}
		x->row = row;
		x->col = 0;
		x->in_row = 1;
	} else if (strcmp(el, "c") == 0) {
		/* A cell is in a row, never in another cell. */
		if (!x->in_row || x->in_cell) {
			sheet_malformed(x, "c");
			return;
		}
		if ((v = attr(atts, "r", 0)) != NULL) {
			if (parse_ref(v, &col, &row) != 0 || row != x->row) {
				sheet_malformed(x, "r");
				return;
			}
		} else {
			col = x->col + 1;
		}
		if (col <= x->col || col > XLSX_MAX_COL) {
			sheet_malformed(x, "c");
			return;
		}
		x->col = col;
		x->in_cell = 1;
		v = attr(atts, "t", 0);
		snprintf(x->cell_type, sizeof x->cell_type, "%s", v != NULL ? v : "");
		v = attr(atts, "s", 0);
		x->cell_style = v != NULL ? parse_index(v) : 0;
		sbuf_clear(&x->value);
		x->in_is = 0;
		x->in_rph = 0;
	} else if (strcmp(el, "v") == 0 && x->in_cell) {
		x->text = TEXT_V;
	} else if (strcmp(el, "is") == 0 && x->in_cell) {
		x->in_is = 1;
	} else if (strcmp(el, "rPh") == 0) {
		x->in_rph++;
	} else if (strcmp(el, "t") == 0 && x->in_is && x->in_rph == 0) {
		x->text = TEXT_T;
	}
}

static void XMLCALL
sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *el = local_name(name);

	if (!x->in_data)
		return;
	if (strcmp(el, "v") == 0 || strcmp(el, "t") == 0) {
		x->text = TEXT_NONE;
	} else if (strcmp(el, "rPh") == 0 && x->in_rph > 0) {
		x->in_rph--;
	} else if (strcmp(el, "is") == 0) {
		x->in_is = 0;
	} else if (strcmp(el, "c") == 0 && x->in_cell) {
		x->in_cell = 0;
		cell_end(x);
	} else if (strcmp(el, "row") == 0 && x->in_row && !x->in_cell) {
		x->in_row = 0;
		row_end(x);
	} else if (strcmp(el, "sheetData") == 0) {
		x->in_data = 0;
	}
}

static void
xlsx_free(struct xlsx *x)
{
	size_t i;

	for (i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].type);
		free(x->rels[i].target);
	}
	free(x->rels);
	for (i = 0; i < x->nsheets; i++)
		free(x->sheets[i]);
	free(x->sheets);
	free(x->fmts);
	free(x->xf_fmt);
	free(x->xf_style);
	free(x->strings.p);
	free(x->string_at);
	for (i = 0; i < x->nfields; i++)
		free(x->fields[i]);
	free(x->fields);
	free(x->value.p);
	if (x->zip != NULL)
		unzClose(x->zip);
}

/* The styles or shared strings part, where the workbook has one: 1, or 0 when it failed. */
static int
read_optional(struct xlsx *x, const char *kind, XML_StartElementHandler start,
    XML_EndElementHandler end)
{
	char *path = NULL;
	int rc;

	if ((path = rel_path(x, NULL, kind)) == NULL)
		return 1;
	rc = xlsx_parse_part(x, path, 1, start, end, gather_chars);
	free(path);
	x->text = TEXT_NONE;
	return rc >= 0;
}

struct csv *
xlsx_read(const char *buf, size_t len, size_t *err_line, char *err, size_t errsize)
{
	zlib_filefunc64_def io = { mem_open, mem_read, mem_write, mem_tell, mem_seek, mem_close,
		mem_error, NULL };
	struct xlsx x = { 0 };
	struct csv *csv = NULL;
	char *path = NULL;
	locale_t c_locale = (locale_t)0, old = (locale_t)0;
	size_t i;

	x.buf = buf;
	x.len = len;
	x.err_line = err_line;
	x.err = err;
	x.errsize = errsize;
	*err_line = 0;
	/* Numbers in the XML have a '.', whatever LC_NUMERIC the teacher's language sets. */
	if ((c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0)) == (locale_t)0) {
		xlsx_nomem(&x);
		goto out;
	}
	old = uselocale(c_locale);
	io.opaque = &x;
	if ((x.zip = unzOpen2_64("workbook", &io)) == NULL) {
		xlsx_fail(&x, 0, "%s", _("The file starts like an XLSX workbook but is damaged or "
		    "cut short. Save it again in Excel, or as \"CSV UTF-8\"."));
		goto out;
	}
	if (xlsx_parse_part(&x, "xl/_rels/workbook.xml.rels", 0, rels_start, ignore_end,
	    ignore_chars) != 0 ||
	    xlsx_parse_part(&x, "xl/workbook.xml", 0, workbook_start, ignore_end,
	    ignore_chars) != 0)
		goto out;
	/* The first visible sheet that is a worksheet (not a chart). */
	for (i = 0; i < x.nsheets && path == NULL; i++)
		path = rel_path(&x, x.sheets[i], "/worksheet");
	if (path == NULL) {
		xlsx_fail(&x, 0, "%s", _("The workbook has no worksheet to read."));
		goto out;
	}
	if ((x.csv = csv_new()) == NULL) {
		xlsx_nomem(&x);
		goto out;
	}
	if (x.failed || !read_optional(&x, "/styles", styles_start, styles_end) ||
	    styles_resolve(&x) != 0 ||
	    !read_optional(&x, "/sharedStrings", strings_start, strings_end))
		goto out;
	if (xlsx_parse_part(&x, path, 0, sheet_start, sheet_end, gather_chars) != 0)
		goto out;
	csv = x.csv;
	x.csv = NULL;
out:
	csv_free(x.csv);
	free(path);
	xlsx_free(&x);
	if (c_locale != (locale_t)0) {
		uselocale(old);
		freelocale(c_locale);
	}
	return csv;
}
