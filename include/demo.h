/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * demo: a realistic school to try dapter on, made from the CSV files in data/demo
 * (compiled into the binary) and a deterministic term of lessons and marks.
 */
#ifndef DAPTER_DEMO_H
#define DAPTER_DEMO_H

#include <stdio.h>

struct cmd_ctx;

extern const char demo_roster_7a[];
extern const char demo_roster_8b[];

/* Creates the demo school in a new database; prints who can log in. Exit status. */
int demo_create(const char *db_path, FILE *out, FILE *err);
/* Serves the demo database on listen:port; returns when the server stops. */
int demo_serve(struct cmd_ctx *ctx, const char *listen, const char *port);

#endif
