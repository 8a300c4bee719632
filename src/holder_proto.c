/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * holder_proto: the holder's socket records; see holder_proto.h.
 */
#include "config.h"

#include <string.h>

#include "holder_proto.h"

int
holder_record_parse(const char *rec, size_t n, struct holder_record *r)
{
	const unsigned char *u = (const unsigned char *)rec;

	memset(r, 0, sizeof *r);
	if (n > 1 && n <= HOLDER_RECORD + 1 && rec[0] == HOLDER_DATA) {
		r->data = rec + 1;
		r->len = n - 1;
	} else if (n == 5 && rec[0] == HOLDER_RESIZE) {
		r->cols = (unsigned)(u[1] << 8 | u[2]);
		r->rows = (unsigned)(u[3] << 8 | u[4]);
	} else if (n == 2 && rec[0] == HOLDER_EXIT)
		r->status = u[1];
	else if (n != 1 || rec[0] != HOLDER_END)
		return -1;
	r->type = rec[0];
	return r->type;
}

void
holder_resize_payload(unsigned cols, unsigned rows, unsigned char out[4])
{
	out[0] = (unsigned char)(cols >> 8);
	out[1] = (unsigned char)cols;
	out[2] = (unsigned char)(rows >> 8);
	out[3] = (unsigned char)rows;
}
