/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * module: dapter's heavy optional parts, built as shared objects and loaded
 * the first time they are used, so that a journal session or a one-shot
 * command never maps their libraries. Two exist: the report renderers
 * (dapter-report.so: pango, cairo, libxlsxwriter; report_module.c) and the
 * SSH server (dapter-server.so: libssh, OpenSSL, Kerberos; server_module.c).
 *
 * Each module exports one descriptor whose first member is a struct
 * module_head. module_load() finds the file, dlopen()s it, and refuses a
 * descriptor whose ABI number or package version is not the program's, so a
 * stale install is never called. A module calls the program's own library
 * functions (the store, i18n, text): the program exports exactly those it
 * needs, in a dynamic list made at build time (Makefile.am).
 *
 * Where a module is: $DAPTER_MODULEDIR when set (the tests point it at an
 * empty directory), else beside the running program (a build tree), else
 * PKGLIBDIR, where `make install` puts it. A module is never unloaded.
 */
#ifndef DAPTER_MODULE_H
#define DAPTER_MODULE_H

#include <stddef.h>

struct module_head {
	int abi;		/* the module's own ABI number, as its header defines it */
	const char *version;	/* PACKAGE_VERSION of the module's build */
};

enum module_status {
	MODULE_OK,
	MODULE_MISSING,		/* no such file */
	MODULE_BROKEN,		/* dlopen() failed: why holds dlerror() */
	MODULE_FOREIGN,		/* no descriptor, or another ABI or version */
};

/*
 * Loads FILE and returns the descriptor SYMBOL in *head once its ABI is
 * ABI. path receives the file's path (for messages), why dlerror()'s text.
 */
enum module_status module_load(const char *file, const char *symbol, int abi,
    const struct module_head **head, char *path, size_t pathsize, char *why, size_t whysize);

#endif
