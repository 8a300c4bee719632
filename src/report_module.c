/*
 * report_module: report_write_pdf() and report_write_xlsx() load the report
 * renderers module (dapter-report.so) on first use and call its writers.
 *
 * Linked into the program, pango, cairo, fontconfig, harfbuzz, X11 and
 * libxlsxwriter made every dapter process map forty-odd more libraries and
 * the loader do 12,000 more relocations before main(): every journal
 * session and every command over an SSH exec paid for reports it never
 * made. A module dlopen()ed here costs only the command that writes a PDF
 * or a spreadsheet, and the callers (cmd_report.c, cmd_archive.c) keep
 * calling report_write(). A helper program would have cost a fork, an exec
 * and a pipe per report and a way to pass the tables across; the module
 * shares them as they are.
 *
 * Where the module is: $DAPTER_MODULEDIR when set (the tests point it at an
 * empty directory), else beside the running program (a build tree), else
 * PKGLIBDIR, where `make install` puts it. It is never unloaded: pango and
 * fontconfig keep caches that outlive a report, and code that is gone would
 * leave their leaks unnamed under LeakSanitizer and valgrind.
 */
#include "config.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "report_module.h"

static const struct report_module *loaded;

/* The module's path beside this program into path; -1 when it cannot be known. */
static int
path_beside_program(char *path, size_t size)
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
	if ((size_t)snprintf(path, size, "%s/%s", self, REPORT_MODULE_FILE) >= size)
		return -1;
	return 0;
}

/* The module, loaded once; NULL with a translated reason in err. */
static const struct report_module *
module_load(char *err, size_t errsize)
{
	const char *dir = getenv("DAPTER_MODULEDIR");
	const struct report_module *m = NULL;
	char path[PATH_MAX + sizeof REPORT_MODULE_FILE + 1];
	void *handle = NULL;

	if (loaded != NULL)
		return loaded;
	if (dir != NULL && *dir != '\0')
		snprintf(path, sizeof path, "%s/%s", dir, REPORT_MODULE_FILE);
	else if (path_beside_program(path, sizeof path) != 0 || access(path, F_OK) != 0)
		snprintf(path, sizeof path, "%s/%s", PKGLIBDIR, REPORT_MODULE_FILE);
	if (access(path, F_OK) != 0) {
		snprintf(err, errsize, _("PDF and XLSX reports need %s, which is missing: "
		    "reinstall dapter, or ask for the report as txt or csv."), path);
		return NULL;
	}
	/* RTLD_LOCAL: the module's libraries stay out of the program's symbol lookups. */
	if ((handle = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(err, errsize, _("Could not load %s (%s): install the libraries it "
		    "needs (pango, cairo, libxlsxwriter), or ask for the report as txt or csv."),
		    path, dlerror());
		return NULL;
	}
	if ((m = dlsym(handle, REPORT_MODULE_SYMBOL)) == NULL || m->abi != REPORT_MODULE_ABI ||
	    m->version == NULL || strcmp(m->version, PACKAGE_VERSION) != 0) {
		snprintf(err, errsize, _("%s belongs to another version of dapter: "
		    "reinstall dapter."), path);
		dlclose(handle);
		return NULL;
	}
	loaded = m;
	return loaded;
}

int
report_write_pdf(const struct report *r, FILE *out, char *err, size_t errsize)
{
	const struct report_module *m = module_load(err, errsize);

	return m != NULL ? m->write_pdf(r, out, err, errsize) : -1;
}

int
report_write_xlsx(const struct report *r, FILE *out, char *err, size_t errsize)
{
	const struct report_module *m = module_load(err, errsize);

	return m != NULL ? m->write_xlsx(r, out, err, errsize) : -1;
}
