/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ssh_penalty: per-source penalties of `dapter serve`, after OpenSSH 9.8's
 * PerSourcePenalties (srclimit.c). See server.h.
 *
 * The listener adds seconds to an address's account when one of its
 * connections ends badly: it failed to log in, said nothing and left, ran
 * out of its login grace, or crashed its process. Once more than `min`
 * seconds are owed, new connections from it are refused until the account
 * runs out; it never owes more than `max`. The owed time runs down by
 * itself, so an address that fails now and then never reaches `min`.
 * Only a new connection is ever refused: a session that has logged in
 * lives on.
 *
 * An IPv4 address is a source of its own, an IPv6 one counts with its /64
 * (one host holds a whole /64 and may use any address of it; OpenSSH's
 * PerSourceNetBlockSize 32:128 would let it walk away from its penalty).
 * The table holds at most `max_sources` addresses; a new one past that
 * pushes out the one whose penalty ends first (OpenSSH's "overflow
 * permissive"), so many addresses cost a bounded amount of memory and never
 * turn the penalties into a refusal of everyone.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server.h"

struct penalty {
	int family;
	unsigned char net[16];	/* the address, masked to its source block */
	double expiry;		/* monotonic seconds */
	int active;		/* more than min was owed: refused until expiry */
	const char *reason;
};

struct exempt {
	int family;
	unsigned char net[16];
	int bits;
};

static struct server_penalties conf;
static struct exempt *exempts;
static size_t nexempts;
static struct penalty *table;
static size_t ntable, captable;

static double
penalty_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "1.2.3.4", "::1", "::ffff:1.2.3.4" (as IPv4) into family and 16 bytes; -1 if none. */
static int
penalty_addr(const char *text, int *family, unsigned char out[16])
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	memset(out, 0, 16);
	if (inet_pton(AF_INET, text, out) == 1) {
		*family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, text, out) != 1)
		return -1;
	*family = AF_INET6;
	if (memcmp(out, mapped, sizeof mapped) == 0) {
		memmove(out, out + 12, 4);
		memset(out + 4, 0, 12);
		*family = AF_INET;
	}
	return 0;
}

static void
penalty_mask(unsigned char a[16], int bits)
{
	int i;

	for (i = 0; i < 16; i++, bits -= 8)
		a[i] &= bits >= 8 ? 0xff : bits <= 0 ? 0 : (unsigned char)(0xff << (8 - bits));
}

/* One entry of an exempt list: "private", "ADDRESS" or "ADDRESS/BITS"; -1 if not one. */
static int
exempt_add(struct exempt **list, size_t *n, const char *word)
{
	static const char *const private_nets[] = { "127.0.0.0/8", "10.0.0.0/8",
		"172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "::1/128", "fc00::/7",
		"fe80::/10", NULL };
	char addr[64];
	const char *slash = strchr(word, '/');
	struct exempt e, *p = NULL;
	char *end = NULL;
	size_t i;
	long bits;

	if (strcmp(word, "private") == 0) {
		for (i = 0; private_nets[i] != NULL; i++)
			if (exempt_add(list, n, private_nets[i]) != 0)
				return -1;
		return 0;
	}
	if (strlen(word) >= sizeof addr)
		return -1;
	snprintf(addr, sizeof addr, "%.*s", slash != NULL ? (int)(slash - word) : (int)strlen(word),
	    word);
	memset(&e, 0, sizeof e);
	if (penalty_addr(addr, &e.family, e.net) != 0)
		return -1;
	e.bits = e.family == AF_INET ? 32 : 128;
	if (slash != NULL) {
		bits = strtol(slash + 1, &end, 10);
		if (slash[1] == '\0' || *end != '\0' || bits < 0 || bits > e.bits)
			return -1;
		e.bits = (int)bits;
	}
	penalty_mask(e.net, e.bits);
	if ((p = realloc(*list, (*n + 1) * sizeof *p)) == NULL)
		return -1;
	*list = p;
	p[(*n)++] = e;
	return 0;
}

/* A list of exempt_add() words, separated by commas or spaces; "none" adds nothing. */
static int
exempt_parse(const char *text, struct exempt **list, size_t *n)
{
	char word[80];
	const char *p = text;
	size_t len;
	int rc = 0;

	*list = NULL;
	*n = 0;
	while (rc == 0 && *p != '\0') {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		for (len = 0; p[len] != '\0' && p[len] != ',' && !isspace((unsigned char)p[len]);
		    len++)
			;
		if (len == 0)
			break;
		if (len >= sizeof word) {
			rc = -1;
			break;
		}
		snprintf(word, sizeof word, "%.*s", (int)len, p);
		p += len;
		/* "none": nothing is exempt (a server whose clients all come from outside). */
		if (strcmp(word, "none") != 0)
			rc = exempt_add(list, n, word);
	}
	if (rc != 0) {
		free(*list);
		*list = NULL;
		*n = 0;
	}
	return rc;
}

int
server_penalty_exempt_check(const char *text)
{
	struct exempt *list = NULL;
	size_t n = 0;
	int rc = exempt_parse(text, &list, &n);

	free(list);
	return rc;
}

int
server_penalties_parse(const char *spec, struct server_penalties *p)
{
	static const struct {
		const char *name;
		size_t off;
	} keys[] = {
		{ "authfail", offsetof(struct server_penalties, authfail) },
		{ "noauth", offsetof(struct server_penalties, noauth) },
		{ "grace-exceeded", offsetof(struct server_penalties, grace) },
		{ "crash", offsetof(struct server_penalties, crash) },
		{ "min", offsetof(struct server_penalties, min) },
		{ "max", offsetof(struct server_penalties, max) },
		{ "max-sources", offsetof(struct server_penalties, max_sources) },
	};
	const char *s = spec;
	char name[32], *end = NULL;
	size_t i, len;
	long v;

	while (*s != '\0') {
		while (*s == ',' || isspace((unsigned char)*s))
			s++;
		if (*s == '\0')
			break;
		if (strncmp(s, "no", 2) == 0 && (s[2] == '\0' || s[2] == ',' ||
		    isspace((unsigned char)s[2]))) {
			p->off = 1;
			s += 2;
			continue;
		}
		for (len = 0; s[len] != '\0' && s[len] != ':'; len++)
			;
		if (s[len] != ':' || len >= sizeof name)
			return -1;
		snprintf(name, sizeof name, "%.*s", (int)len, s);
		v = strtol(s + len + 1, &end, 10);
		if (end == s + len + 1 || v < 0 || v > 86400)
			return -1;
		/* Seconds, or minutes as OpenSSH writes them ("10m"). */
		if (*end == 's')
			end++;
		else if (*end == 'm') {
			v *= 60;
			end++;
		}
		if (*end != '\0' && *end != ',' && !isspace((unsigned char)*end))
			return -1;
		for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if (strcmp(name, keys[i].name) == 0)
				break;
		if (i == sizeof keys / sizeof keys[0] ||
		    (strcmp(name, "max-sources") == 0 && (v < 1 || v > 1000000)))
			return -1;
		*(int *)((char *)p + keys[i].off) = (int)v;
		s = end;
	}
	return p->min > p->max ? -1 : 0;
}

void
server_penalties_defaults(struct server_penalties *p)
{
	memset(p, 0, sizeof *p);
	p->authfail = SERVER_PENALTY_AUTHFAIL;
	p->noauth = SERVER_PENALTY_NOAUTH;
	p->grace = SERVER_PENALTY_GRACE;
	p->crash = SERVER_PENALTY_CRASH;
	p->min = SERVER_PENALTY_MIN;
	p->max = SERVER_PENALTY_MAX;
	p->max_sources = SERVER_PENALTY_SOURCES;
	p->exempt = SERVER_PENALTY_EXEMPT;
}

int
server_penalty_setup(const struct server_penalties *p)
{
	conf = *p;
	free(exempts);
	free(table);
	table = NULL;
	ntable = captable = 0;
	exempts = NULL;
	/* A server_opts that names no penalties gets the defaults. */
	if (conf.max == 0 && !conf.off)
		server_penalties_defaults(&conf);
	return exempt_parse(conf.exempt != NULL ? conf.exempt : SERVER_PENALTY_EXEMPT, &exempts,
	    &nexempts);
}

/* The address as a source block; -1 when it is none, or exempt. */
static int
penalty_source(const char *addr, int *family, unsigned char net[16])
{
	unsigned char masked[16];
	size_t i;

	if (conf.off || penalty_addr(addr, family, net) != 0)
		return -1;
	for (i = 0; i < nexempts; i++) {
		if (exempts[i].family != *family)
			continue;
		memcpy(masked, net, 16);
		penalty_mask(masked, exempts[i].bits);
		if (memcmp(masked, exempts[i].net, 16) == 0)
			return -1;
	}
	penalty_mask(net, *family == AF_INET ? 32 : 64);
	return 0;
}

static void
penalty_expire(double now)
{
	size_t i = 0;

	while (i < ntable)
		if (table[i].expiry <= now)
			table[i] = table[--ntable];
		else
			i++;
}

static struct penalty *
penalty_find(int family, const unsigned char net[16])
{
	size_t i;

	for (i = 0; i < ntable; i++)
		if (table[i].family == family && memcmp(table[i].net, net, 16) == 0)
			return &table[i];
	return NULL;
}

const char *
server_penalty_refuses(const char *addr, long *left)
{
	unsigned char net[16];
	struct penalty *p = NULL;
	double now = penalty_now();
	int family;

	if (penalty_source(addr, &family, net) != 0)
		return NULL;
	penalty_expire(now);
	if ((p = penalty_find(family, net)) == NULL || !p->active)
		return NULL;
	*left = (long)(p->expiry - now + 0.999);
	return p->reason;
}

void
server_penalty_add(const char *addr, enum server_penalty kind)
{
	static const char *const reasons[] = {
		[SERVER_PENALTY_FAILED] = "failed authentication",
		[SERVER_PENALTY_SILENT] = "connections without attempting authentication",
		[SERVER_PENALTY_LATE] = "exceeded the login grace time",
		[SERVER_PENALTY_CRASHED] = "caused a crash",
	};
	const int secs[] = { [SERVER_PENALTY_FAILED] = conf.authfail,
		[SERVER_PENALTY_SILENT] = conf.noauth, [SERVER_PENALTY_LATE] = conf.grace,
		[SERVER_PENALTY_CRASHED] = conf.crash };
	unsigned char net[16];
	struct penalty *p = NULL;
	double now = penalty_now();
	size_t i, soonest;
	int family;

	if (secs[kind] <= 0 || penalty_source(addr, &family, net) != 0)
		return;
	penalty_expire(now);
	if ((p = penalty_find(family, net)) == NULL) {
		/* Full: the penalty that ends first makes room (never a refusal of all). */
		if (ntable >= (size_t)conf.max_sources && ntable > 0) {
			for (soonest = 0, i = 1; i < ntable; i++)
				if (table[i].expiry < table[soonest].expiry)
					soonest = i;
			table[soonest] = table[--ntable];
		}
		if (ntable == captable) {
			size_t cap = captable > 0 ? captable * 2 : 64;
			struct penalty *t = realloc(table, cap * sizeof *t);

			if (t == NULL)
				return;
			table = t;
			captable = cap;
		}
		p = &table[ntable++];
		memset(p, 0, sizeof *p);
		p->family = family;
		memcpy(p->net, net, 16);
		p->expiry = now;
	}
	p->expiry += secs[kind];
	if (p->expiry - now > conf.max)
		p->expiry = now + conf.max;
	p->reason = reasons[kind];
	if (!p->active && p->expiry - now > conf.min) {
		p->active = 1;
		server_log(SERVER_LOG_WARNING, "penalty: %s%s refused for %ld s: %s", addr,
		    family == AF_INET6 ? " (its /64)" : "", (long)(p->expiry - now + 0.5),
		    p->reason);
	}
}

size_t
server_penalty_count(void)
{
	return ntable;
}
