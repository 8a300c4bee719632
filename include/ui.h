/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ui: the curses journal editor, the UI's one door for the rest of dapter
 * (no other file includes a src/ui_*.h). Inside, the UI is in layers that
 * src/ui_term.h draws; only src/ui_term.c includes curses.h.
 */
#ifndef DAPTER_UI_H
#define DAPTER_UI_H

/*
 * Runs the journal on the terminal. With login == NULL it shows its own login
 * screen (the lab machine); with a login (OpenSSH's ForceCommand, or the SSH
 * server after authentication) it starts as that user. Returns an exit status.
 */
int ui_main(const char *db_path, const char *login);

#endif
