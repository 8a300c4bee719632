/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * holder_proto: the records of the session holder's socket (ssh_holder.c),
 * decoded apart from any socket so that tests/fuzz/fuzz_holder reaches
 * them. On its SOCK_SEQPACKET socket a record is one type byte, then
 * HOLDER_DATA bytes (1 to HOLDER_RECORD), HOLDER_RESIZE columns and rows
 * (2 bytes each, big endian), HOLDER_EXIT the UI's exit status (1 byte), or
 * HOLDER_END (no payload): a connection asks a detached holder to end its
 * journal for a newer one (holder_bound()); the holder answers HOLDER_END
 * when it does, and an attached one closes the asking connection unanswered.
 */
#ifndef DAPTER_HOLDER_PROTO_H
#define DAPTER_HOLDER_PROTO_H

#include <stddef.h>

#define HOLDER_RECORD	4096	/* payload bytes at most */
enum { HOLDER_DATA = 'd', HOLDER_RESIZE = 'r', HOLDER_EXIT = 'x', HOLDER_END = 'e' };

struct holder_record {
	int type;		/* HOLDER_DATA, HOLDER_RESIZE, HOLDER_EXIT or HOLDER_END */
	const char *data;	/* HOLDER_DATA: the bytes, inside the record */
	size_t len;
	unsigned cols, rows;	/* HOLDER_RESIZE */
	int status;		/* HOLDER_EXIT: 0-255 */
};

/*
 * Decodes a record of `n` bytes as received; its type, or -1 (r cleared)
 * for one that is none of the four in its right size: the reader ignores
 * it, as a newer peer's record.
 */
int holder_record_parse(const char *rec, size_t n, struct holder_record *r);
/* The payload of a HOLDER_RESIZE record. */
void holder_resize_payload(unsigned cols, unsigned rows, unsigned char out[4]);

#endif
