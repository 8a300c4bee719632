/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * zip_write: a ZIP archive in memory, for the tests and the fuzz target of
 * the XLSX reader (test_xlsx.c, fuzz_xlsx.c), which need workbooks that no
 * spreadsheet would write: a part that lies about its size, a broken
 * checksum, a zip bomb. Written by hand (the format is three small records)
 * so that every field can be wrong on purpose; zlib deflates.
 *
 * A part is head, then `pad` spaces, then tail: a bomb is a valid XML
 * start, 70 MB of spaces (which deflate to almost nothing) and its end.
 */
#ifndef DAPTER_ZIP_WRITE_H
#define DAPTER_ZIP_WRITE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct zip_part {
	const char	*name;
	const char	*head;
	size_t		 pad;		/* spaces after head */
	const char	*tail;		/* after the spaces; NULL for none */
	int		 deflate;	/* 0: stored */
	long long	 declared;	/* size in the headers; -1: the true one */
	int		 bad_crc;	/* 1: the headers carry a wrong CRC-32 */
};

static void
zip_le(FILE *f, uint32_t v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		putc((int)((v >> (8 * i)) & 0xff), f);
}

/* The part's bytes, stored or deflated, into *data; its CRC and true size. */
static int
zip_body(const struct zip_part *p, char **data, size_t *len, uint32_t *crc, size_t *size)
{
	char space_buf[4096];
	const char *pieces[2] = { p->head, p->tail != NULL ? p->tail : "" };
	unsigned char out[16384];
	z_stream z;
	size_t left, n;
	FILE *f = NULL;
	int i, flush;

	memset(space_buf, ' ', sizeof space_buf);
	memset(&z, 0, sizeof z);
	if ((f = open_memstream(data, len)) == NULL)
		return -1;
	if (p->deflate && deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	*crc = (uint32_t)crc32(0, NULL, 0);
	*size = 0;
	/* head, the spaces in chunks, tail: each goes through the CRC and the deflater. */
	for (i = 0; i < 3; i++) {
		const char *src = i == 0 ? pieces[0] : i == 2 ? pieces[1] : space_buf;

		left = i == 1 ? p->pad : strlen(src);
		do {
			n = i == 1 ? (left < sizeof space_buf ? left : sizeof space_buf) : left;
			*crc = (uint32_t)crc32(*crc, (const Bytef *)src, (uInt)n);
			*size += n;
			left -= n;
			if (!p->deflate) {
				fwrite(src, 1, n, f);
				continue;
			}
			flush = i == 2 && left == 0 ? Z_FINISH : Z_NO_FLUSH;
			z.next_in = (Bytef *)(uintptr_t)src;
			z.avail_in = (uInt)n;
			do {
				z.next_out = out;
				z.avail_out = sizeof out;
				deflate(&z, flush);
				fwrite(out, 1, sizeof out - z.avail_out, f);
			} while (z.avail_out == 0);
		} while (left > 0);
	}
	if (p->deflate)
		deflateEnd(&z);
	return fclose(f) == 0 ? 0 : -1;
}

/* The archive of n parts into *out (malloc'd, *outlen bytes); -1 when out of memory. */
static int
zip_write(const struct zip_part *parts, size_t n, char **out, size_t *outlen)
{
	uint32_t *crcs = NULL, *csizes = NULL, *usizes = NULL, *offsets = NULL, cd;
	char *body = NULL;
	size_t blen, size, i;
	FILE *f = NULL;
	int rc = -1;

	if ((crcs = calloc(n + 1, sizeof *crcs)) == NULL ||
	    (csizes = calloc(n + 1, sizeof *csizes)) == NULL ||
	    (usizes = calloc(n + 1, sizeof *usizes)) == NULL ||
	    (offsets = calloc(n + 1, sizeof *offsets)) == NULL ||
	    (f = open_memstream(out, outlen)) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		const struct zip_part *p = &parts[i];

		if (zip_body(p, &body, &blen, &crcs[i], &size) != 0)
			goto out;
		crcs[i] ^= (uint32_t)p->bad_crc;
		csizes[i] = (uint32_t)blen;
		usizes[i] = p->declared >= 0 ? (uint32_t)p->declared : (uint32_t)size;
		offsets[i] = (uint32_t)ftell(f);
		zip_le(f, 0x04034b50, 4);
		zip_le(f, 20, 2);
		zip_le(f, 0, 2);
		zip_le(f, p->deflate ? 8 : 0, 2);
		zip_le(f, 0, 2);
		zip_le(f, 0x21, 2);
		zip_le(f, crcs[i], 4);
		zip_le(f, csizes[i], 4);
		zip_le(f, usizes[i], 4);
		zip_le(f, (uint32_t)strlen(p->name), 2);
		zip_le(f, 0, 2);
		fputs(p->name, f);
		fwrite(body, 1, blen, f);
		free(body);
		body = NULL;
	}
	cd = (uint32_t)ftell(f);
	for (i = 0; i < n; i++) {
		zip_le(f, 0x02014b50, 4);
		zip_le(f, 20, 2);
		zip_le(f, 20, 2);
		zip_le(f, 0, 2);
		zip_le(f, parts[i].deflate ? 8 : 0, 2);
		zip_le(f, 0, 2);
		zip_le(f, 0x21, 2);
		zip_le(f, crcs[i], 4);
		zip_le(f, csizes[i], 4);
		zip_le(f, usizes[i], 4);
		zip_le(f, (uint32_t)strlen(parts[i].name), 2);
		zip_le(f, 0, 2);
		zip_le(f, 0, 2);
		zip_le(f, 0, 2);
		zip_le(f, 0, 2);
		zip_le(f, 0, 4);
		zip_le(f, offsets[i], 4);
		fputs(parts[i].name, f);
	}
	size = (size_t)ftell(f) - cd;
	zip_le(f, 0x06054b50, 4);
	zip_le(f, 0, 2);
	zip_le(f, 0, 2);
	zip_le(f, (uint32_t)n, 2);
	zip_le(f, (uint32_t)n, 2);
	zip_le(f, (uint32_t)size, 4);
	zip_le(f, cd, 4);
	zip_le(f, 0, 2);
	rc = 0;
out:
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	free(body);
	free(crcs);
	free(csizes);
	free(usizes);
	free(offsets);
	return rc;
}

#endif
