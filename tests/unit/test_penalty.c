/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Per-source penalties (ssh_penalty.c): what activates one, what is exempt,
 * an IPv6 /64 as one source, and a table that stays bounded however many
 * addresses fail.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server.h"
#include "tap.h"

int
main(void)
{
	struct server_penalties p;
	char addr[64];
	long left = 0;
	int i;

	/* The log lines go nowhere: this test reads the table, not the log. */
	if (freopen("/dev/null", "w", stderr) == NULL) {
		printf("Bail out! no /dev/null\n");
		return 1;
	}
	server_penalties_defaults(&p);
	tap_ok(server_penalties_parse("authfail:5 noauth:1 grace-exceeded:10 crash:90 min:15 "
	    "max:10m max-sources:100", &p) == 0 && p.max == 600 && p.max_sources == 100,
	    "OpenSSH's keywords parse, minutes with m");
	tap_ok(server_penalties_parse("authfail:5,noauth:2", &p) == 0 && p.noauth == 2,
	    "commas separate words too");
	tap_ok(server_penalties_parse("authfail", &p) != 0, "a word without a value is refused");
	tap_ok(server_penalties_parse("lockout:5", &p) != 0, "an unknown word is refused");
	tap_ok(server_penalties_parse("min:700", &p) != 0, "min past max is refused");
	tap_ok(server_penalty_exempt_check("203.0.113.7, 10.0.0.0/8 2001:db8::/32 private") == 0,
	    "an exempt list of addresses, networks and \"private\"");
	tap_ok(server_penalty_exempt_check("none") == 0, "\"none\" is an exempt list");
	tap_ok(server_penalty_exempt_check("school.example.org") != 0, "a name is not an address");
	tap_ok(server_penalty_exempt_check("10.0.0.0/33") != 0, "nor a mask past 32 bits");

	server_penalties_defaults(&p);
	p.max_sources = 100;
	p.exempt = "203.0.113.0/24, private";
	tap_ok(server_penalty_setup(&p) == 0, "the table is set up");
	server_penalty_add("198.51.100.1", SERVER_PENALTY_FAILED);
	server_penalty_add("198.51.100.1", SERVER_PENALTY_FAILED);
	server_penalty_add("198.51.100.1", SERVER_PENALTY_FAILED);
	tap_ok(server_penalty_refuses("198.51.100.1", &left) == NULL,
	    "15 s owed is not yet past min (15)");
	server_penalty_add("198.51.100.1", SERVER_PENALTY_FAILED);
	tap_ok(server_penalty_refuses("198.51.100.1", &left) != NULL && left > 15 && left <= 20,
	    "20 s owed: refused for what is left");
	tap_ok(server_penalty_refuses("198.51.100.2", &left) == NULL, "its neighbour is not");
	tap_ok(server_penalty_refuses("::ffff:198.51.100.1", &left) != NULL,
	    "nor can it hide as an IPv4-mapped IPv6 address");
	for (i = 0; i < 200; i++)
		server_penalty_add("198.51.100.1", SERVER_PENALTY_CRASHED);
	server_penalty_refuses("198.51.100.1", &left);
	tap_ok(left <= 600, "never more than max");
	for (i = 0; i < 10; i++) {
		server_penalty_add("203.0.113.9", SERVER_PENALTY_FAILED);
		server_penalty_add("10.1.2.3", SERVER_PENALTY_FAILED);
	}
	tap_ok(server_penalty_refuses("203.0.113.9", &left) == NULL, "an exempt network never is");
	tap_ok(server_penalty_refuses("10.1.2.3", &left) == NULL, "nor a private address");
	for (i = 0; i < 5; i++)
		server_penalty_add("2001:db8:1:2::1", SERVER_PENALTY_FAILED);
	tap_ok(server_penalty_refuses("2001:db8:1:2:ffff::7", &left) != NULL,
	    "an IPv6 address counts with its /64");
	tap_ok(server_penalty_refuses("2001:db8:1:3::1", &left) == NULL, "but not the next /64");
	for (i = 0; i < 100000; i++) {
		snprintf(addr, sizeof addr, "100.%d.%d.%d", (i >> 16) & 255, (i >> 8) & 255,
		    i & 255);
		server_penalty_add(addr, SERVER_PENALTY_SILENT);
	}
	tap_ok(server_penalty_count() <= 100,
	    "100000 addresses leave at most max-sources in the table");
	tap_ok(server_penalty_refuses("198.51.100.1", &left) != NULL,
	    "and a long penalty is not pushed out by short ones");

	server_penalties_defaults(&p);
	tap_ok(server_penalties_parse("no", &p) == 0 && p.off, "\"no\" turns penalties off");
	server_penalty_setup(&p);
	for (i = 0; i < 10; i++)
		server_penalty_add("198.51.100.7", SERVER_PENALTY_FAILED);
	tap_ok(server_penalty_refuses("198.51.100.7", &left) == NULL, "and nobody is refused");
	return tap_done();
}
