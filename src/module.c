/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * module: find and load dapter-*.so on first use. See module.h.
 */
#include "config.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "module.h"

/* FILE's path beside this program into path; -1 when it cannot be known. */
static int
path_beside_program(const char *file, char *path, size_t size)
{
	char self[PATH_MAX];
	char *slash = NULL;
	ssize_t len;

	if ((len = readlink("/proc/self/exe", self, sizeof self - 1)) <= 0)
		return -1;
	self[len] = '\0';
	if ((slash = strrchr(self, '/')) == NULL)
		return -1;
	*slash = '\0';
	if ((size_t)snprintf(path, size, "%s/%s", self, file) >= size)
		return -1;
	return 0;
}

enum module_status
module_load(const char *file, const char *symbol, int abi, const struct module_head **head,
    char *path, size_t pathsize, char *why, size_t whysize)
{
	const char *dir = getenv("DAPTER_MODULEDIR");
	const struct module_head *h = NULL;
	void *handle = NULL;

	*head = NULL;
	snprintf(why, whysize, "%s", "");
	if (dir != NULL && *dir != '\0')
		snprintf(path, pathsize, "%s/%s", dir, file);
	else if (path_beside_program(file, path, pathsize) != 0 || access(path, F_OK) != 0)
		snprintf(path, pathsize, "%s/%s", PKGLIBDIR, file);
	if (access(path, F_OK) != 0)
		return MODULE_MISSING;
	/*
	 * RTLD_LOCAL: the module's libraries stay out of the program's symbol
	 * lookups. Never dlclose()d once good: pango and fontconfig keep caches,
	 * libssh its state across fork, and LeakSanitizer and valgrind could not
	 * name leaks of code that is gone.
	 */
	if ((handle = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(why, whysize, "%s", dlerror());
		return MODULE_BROKEN;
	}
	if ((h = dlsym(handle, symbol)) == NULL || h->abi != abi || h->version == NULL ||
	    strcmp(h->version, PACKAGE_VERSION) != 0) {
		dlclose(handle);
		return MODULE_FOREIGN;
	}
	*head = h;
	return MODULE_OK;
}
