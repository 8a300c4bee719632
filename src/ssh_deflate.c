/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ssh_deflate: the deflate stream of SSH compression, sized for a journal.
 *
 * libssh 0.10 takes only a level for compression and asks zlib for its
 * default stream: a 32 KB window and memLevel 8, 256 KB of state in every
 * connection process, most of it touched within a few screens (0.18 MB a
 * session at 200 teachers typing). What a journal sends is screen updates:
 * a typed mark is under 100 bytes, a whole page 2.4 KB, and the repeats
 * deflate finds in them lie within the last few kilobytes. An 8 KB window
 * and memLevel 6 hold them in 64 KB.
 *
 * libssh calls deflateInit(), zlib's macro for deflateInit_(). This module
 * defines deflateInit_ and exports it (module.sym): libssh is loaded as this
 * module's dependency (module.c, RTLD_LOCAL), and the dynamic linker looks
 * a symbol up in the module before its dependencies, so libssh's call lands
 * here (LD_DEBUG=bindings shows it). A libssh that called deflateInit2_()
 * itself would simply keep zlib's default. Only what the server sends is
 * concerned: what a client sends is inflated with the window it chose.
 */
#include "config.h"

#include <zlib.h>

#define SSH_DEFLATE_WINDOW_BITS	13	/* 8 KB */
#define SSH_DEFLATE_MEM_LEVEL	6	/* 32 KB of hash, 32 KB of pending output */

int
deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	return deflateInit2_(strm, level, Z_DEFLATED, SSH_DEFLATE_WINDOW_BITS,
	    SSH_DEFLATE_MEM_LEVEL, Z_DEFAULT_STRATEGY, version, stream_size);
}
