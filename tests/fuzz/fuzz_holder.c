/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_holder: holder_record_parse() on any record of the holder's socket.
 *
 * Both ends of the socket (the holder, a connection process) act on what
 * the other sent: bytes typed into the journal, a size, an exit status. A
 * record must be taken only in its right size, its data must lie inside
 * it, and a size must read back as the connection wrote it. The first four
 * bytes also go through holder_resize_payload() and back.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "holder_proto.h"

#define T "fuzz_holder"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *rec = (const char *)data;
	struct holder_record r;
	unsigned char pay[4], again[5];
	unsigned cols, rows;
	int type;

	type = holder_record_parse(rec, size, &r);
	switch (type) {
	case HOLDER_DATA:
		if (r.len < 1 || r.len > HOLDER_RECORD || r.data != rec + 1 || r.len != size - 1)
			fuzz_fail(T, "data outside the record, empty or too long");
		break;
	case HOLDER_RESIZE:
		if (size != 5)
			fuzz_fail(T, "a size taken from a record of the wrong length");
		holder_resize_payload(r.cols, r.rows, pay);
		if (memcmp(pay, data + 1, 4) != 0)
			fuzz_fail(T, "a size does not write back as it was read");
		break;
	case HOLDER_EXIT:
		if (size != 2 || r.status != data[1])
			fuzz_fail(T, "an exit status not the record's byte");
		break;
	case HOLDER_END:
		if (size != 1)
			fuzz_fail(T, "an end taken from a record with a payload");
		break;
	case -1:
		if (r.data != NULL || r.len != 0 || r.cols != 0 || r.rows != 0 || r.status != 0)
			fuzz_fail(T, "a record ignored left values behind");
		break;
	default:
		fuzz_fail(T, "an unknown record type");
	}
	if (size >= 4) {
		cols = (unsigned)(data[0] << 8 | data[1]);
		rows = (unsigned)(data[2] << 8 | data[3]);
		again[0] = HOLDER_RESIZE;
		holder_resize_payload(cols, rows, again + 1);
		if (holder_record_parse((const char *)again, sizeof again, &r) != HOLDER_RESIZE ||
		    r.cols != cols || r.rows != rows)
			fuzz_fail(T, "a size written does not read back");
	}
	return 0;
}
