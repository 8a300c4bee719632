/*
 * ui_stub: the entry point of the journal editor until the curses UI lands.
 */
#include "config.h"

#include <stdio.h>

#include "i18n.h"
#include "ui.h"

int
ui_main(const char *db_path, const char *login)
{
	fprintf(stderr, _("dapter: the journal editor is not part of this build yet; "
	    "`dapter help` lists the commands.\n"));
	return 1;
}
