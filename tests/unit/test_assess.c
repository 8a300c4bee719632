/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Period and year results of criterion-based assessment, worked by hand.
 * Every row carries its arithmetic in a comment, so a failing row says
 * which rule moved: the 25/25/50 formula, the 40/65/85 thresholds and their
 * half-up edges, СОр pooling, half-years without СОч, "not attested", the
 * classic, pass/fail and ungraded schemes, and the year mark.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "assess.h"
#include "tap.h"

#define NONE (-1.0)	/* a component, or the percent, that is not there */
#define NOT_WRITTEN (-1.0)

/* Changes to the default scheme, to show that the rules are data. */
enum tweak {
	TWEAK_NONE,
	TWEAK_MIN5_86,		/* a 5 from 86 instead of 85 */
	TWEAK_WEIGHTS_99,	/* 25/25/49: does not make 100 */
	TWEAK_NO_FO_WEIGHT,	/* 0/50/50: ФО not counted, so not required */
};

struct period_case {
	const char *name;
	enum assess_kind kind;
	enum assess_pool pool;
	enum tweak tweak;
	int no_soch;		/* 1: half-year without СОч */
	int noisy;		/* 1: the doubles land below the paper value */
	int fo[6];
	size_t n_fo;
	struct assess_work sor[3];
	size_t n_sor;
	struct assess_work soch[2];
	size_t n_soch;
	int ret;
	enum assess_status status;
	double percent, fo_pct, sor_pct, soch_pct;
	int mark;
};

static const struct period_case periods[] = {
	/*
	 * ФО {8,9,10} mean 9 -> 90 % * 0.25 = 22.5
	 * СОр 15/20 + 8/10 pooled by points 23/30 = 76.666..% * 0.25 = 19.1667
	 * СОч 20/25 = 80 % * 0.5 = 40
	 * 81.6667 -> 82 -> 4
	 */
	{ .name = "formula 25/25/50, СОр pooled by points",
	  .fo = { 8, 9, 10 }, .n_fo = 3,
	  .sor = { { 15, 20 }, { 8, 10 } }, .n_sor = 2,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .percent = 245.0 / 3, .fo_pct = 90, .sor_pct = 230.0 / 3,
	  .soch_pct = 80, .mark = 4 },
	/*
	 * Same, СОр by shares: (75 % + 80 %) / 2 = 77.5 % * 0.25 = 19.375
	 * 22.5 + 19.375 + 40 = 81.875 -> 82 -> 4
	 */
	{ .name = "formula 25/25/50, СОр pooled by shares",
	  .pool = POOL_SHARES,
	  .fo = { 8, 9, 10 }, .n_fo = 3,
	  .sor = { { 15, 20 }, { 8, 10 } }, .n_sor = 2,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .percent = 81.875, .fo_pct = 90, .sor_pct = 77.5, .soch_pct = 80,
	  .mark = 4 },
	/*
	 * ФО {8,8} 80 % * 0.25 = 20; СОч 14/25 = 56 % * 0.5 = 28
	 * СОр 1/10 + 20/20 by points 21/30 = 70 % * 0.25 = 17.5
	 * 20 + 17.5 + 28 = 65.5 -> 66 -> 4
	 */
	{ .name = "pooling by points gives 4 where shares give 3",
	  .fo = { 8, 8 }, .n_fo = 2,
	  .sor = { { 1, 10 }, { 20, 20 } }, .n_sor = 2,
	  .soch = { { 14, 25 } }, .n_soch = 1,
	  .percent = 65.5, .fo_pct = 80, .sor_pct = 70, .soch_pct = 56,
	  .mark = 4 },
	/*
	 * Same input, by shares: (10 % + 100 %) / 2 = 55 % * 0.25 = 13.75
	 * 20 + 13.75 + 28 = 61.75 -> 62 -> 3
	 */
	{ .name = "pooling by shares gives 3 where points give 4",
	  .pool = POOL_SHARES,
	  .fo = { 8, 8 }, .n_fo = 2,
	  .sor = { { 1, 10 }, { 20, 20 } }, .n_sor = 2,
	  .soch = { { 14, 25 } }, .n_soch = 1,
	  .percent = 61.75, .fo_pct = 80, .sor_pct = 55, .soch_pct = 56,
	  .mark = 3 },
	/*
	 * ФО {5,5,5} 50 % * 0.25 = 12.5; СОр 6/10 60 % * 0.25 = 15;
	 * СОч 6/25 24 % * 0.5 = 12; 39.5 exactly -> 40 -> 3
	 */
	{ .name = "edge 39.5 rounds up to 40: 3",
	  .fo = { 5, 5, 5 }, .n_fo = 3,
	  .sor = { { 6, 10 } }, .n_sor = 1,
	  .soch = { { 6, 25 } }, .n_soch = 1,
	  .percent = 39.5, .fo_pct = 50, .sor_pct = 60, .soch_pct = 24,
	  .mark = 3 },
	/*
	 * ФО {4,4,9,10} mean 6.75 67.5 % * 0.25 = 16.875
	 * СОр 14/23 60.8696 % * 0.25 = 15.2174
	 * СОч 4/27 14.8148 % * 0.5 = 7.4074
	 * 39.4998 (39.5 - 1/4968) -> 39 -> 2
	 */
	{ .name = "just below the edge, 39.4998, stays 39: 2",
	  .fo = { 4, 4, 9, 10 }, .n_fo = 4,
	  .sor = { { 14, 23 } }, .n_sor = 1,
	  .soch = { { 4, 27 } }, .n_soch = 1,
	  .percent = 39.5 - 1.0 / 4968, .fo_pct = 67.5,
	  .sor_pct = 1400.0 / 23, .soch_pct = 400.0 / 27, .mark = 2 },
	/*
	 * ФО {4,5,8} mean 17/3 56.6667 % * 0.25 = 14.1667; СОр 2/25 8 % *
	 * 0.25 = 2; СОч 14/30 46.6667 % * 0.5 = 23.3333; 39.5 on paper,
	 * 39.49999999999999 in doubles -> 40 -> 3
	 */
	{ .name = "edge 39.5 with binary noise still rounds up: 3",
	  .noisy = 1,
	  .fo = { 4, 5, 8 }, .n_fo = 3,
	  .sor = { { 2, 25 } }, .n_sor = 1,
	  .soch = { { 14, 30 } }, .n_soch = 1,
	  .percent = 39.5, .fo_pct = 170.0 / 3, .sor_pct = 8,
	  .soch_pct = 140.0 / 3, .mark = 3 },
	/*
	 * ФО {5,5,5} 12.5; СОр 8/10 80 % * 0.25 = 20;
	 * СОч 16/25 64 % * 0.5 = 32; 64.5 exactly -> 65 -> 4
	 */
	{ .name = "edge 64.5 rounds up to 65: 4",
	  .fo = { 5, 5, 5 }, .n_fo = 3,
	  .sor = { { 8, 10 } }, .n_sor = 1,
	  .soch = { { 16, 25 } }, .n_soch = 1,
	  .percent = 64.5, .fo_pct = 50, .sor_pct = 80, .soch_pct = 64,
	  .mark = 4 },
	/*
	 * ФО {4,9,10,10} mean 8.25 82.5 % * 0.25 = 20.625
	 * СОр 15/19 78.9474 % * 0.25 = 19.7368
	 * СОч 14/29 48.2759 % * 0.5 = 24.1379
	 * 64.4998 (64.5 - 1/4408) -> 64 -> 3
	 */
	{ .name = "just below the edge, 64.4998, stays 64: 3",
	  .fo = { 4, 9, 10, 10 }, .n_fo = 4,
	  .sor = { { 15, 19 } }, .n_sor = 1,
	  .soch = { { 14, 29 } }, .n_soch = 1,
	  .percent = 64.5 - 1.0 / 4408, .fo_pct = 82.5,
	  .sor_pct = 1500.0 / 19, .soch_pct = 1400.0 / 29, .mark = 3 },
	/*
	 * ФО {7,8,10} mean 25/3 83.3333 % * 0.25 = 20.8333; СОр 2/25 8 % *
	 * 0.25 = 2; СОч 25/30 83.3333 % * 0.5 = 41.6667; 64.5 on paper,
	 * 64.49999999999999 in doubles -> 65 -> 4
	 */
	{ .name = "edge 64.5 with binary noise still rounds up: 4",
	  .noisy = 1,
	  .fo = { 7, 8, 10 }, .n_fo = 3,
	  .sor = { { 2, 25 } }, .n_sor = 1,
	  .soch = { { 25, 30 } }, .n_soch = 1,
	  .percent = 64.5, .fo_pct = 250.0 / 3, .sor_pct = 8,
	  .soch_pct = 250.0 / 3, .mark = 4 },
	/*
	 * ФО {5,5,5} 12.5; СОр 24/25 96 % * 0.25 = 24;
	 * СОч 24/25 96 % * 0.5 = 48; 84.5 exactly -> 85 -> 5
	 */
	{ .name = "edge 84.5 rounds up to 85: 5",
	  .fo = { 5, 5, 5 }, .n_fo = 3,
	  .sor = { { 24, 25 } }, .n_sor = 1,
	  .soch = { { 24, 25 } }, .n_soch = 1,
	  .percent = 84.5, .fo_pct = 50, .sor_pct = 96, .soch_pct = 96,
	  .mark = 5 },
	/*
	 * ФО {8,10,10} mean 28/3 93.3333 % * 0.25 = 23.3333
	 * СОр 10/13 76.9231 % * 0.25 = 19.2308
	 * СОч 26/31 83.8710 % * 0.5 = 41.9355
	 * 84.4996 (84.5 - 1/2418) -> 84 -> 4
	 */
	{ .name = "just below the edge, 84.4996, stays 84: 4",
	  .fo = { 8, 10, 10 }, .n_fo = 3,
	  .sor = { { 10, 13 } }, .n_sor = 1,
	  .soch = { { 26, 31 } }, .n_soch = 1,
	  .percent = 84.5 - 1.0 / 2418, .fo_pct = 280.0 / 3,
	  .sor_pct = 1000.0 / 13, .soch_pct = 2600.0 / 31, .mark = 4 },
	/* The 84.5 pupil under a scheme whose 5 starts at 86: 85 -> 4. */
	{ .name = "thresholds are data: min5 86 makes 84.5 a 4",
	  .tweak = TWEAK_MIN5_86,
	  .fo = { 5, 5, 5 }, .n_fo = 3,
	  .sor = { { 24, 25 } }, .n_sor = 1,
	  .soch = { { 24, 25 } }, .n_soch = 1,
	  .percent = 84.5, .fo_pct = 50, .sor_pct = 96, .soch_pct = 96,
	  .mark = 4 },
	/*
	 * СОр 15/20, not written/10, 8/10: the missed work leaves the pool,
	 * 23/30 as in the first row -> 81.6667 -> 82 -> 4
	 */
	{ .name = "a missed СОр among several is left out, the rest count",
	  .fo = { 8, 9, 10 }, .n_fo = 3,
	  .sor = { { 15, 20 }, { NOT_WRITTEN, 10 }, { 8, 10 } }, .n_sor = 3,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .percent = 245.0 / 3, .fo_pct = 90, .sor_pct = 230.0 / 3,
	  .soch_pct = 80, .mark = 4 },
	/* Same by shares: (75 % + 80 %) / 2, the missed one is not a 0. */
	{ .name = "a missed СОр among several is left out of the shares too",
	  .pool = POOL_SHARES,
	  .fo = { 8, 9, 10 }, .n_fo = 3,
	  .sor = { { 15, 20 }, { NOT_WRITTEN, 10 }, { 8, 10 } }, .n_sor = 3,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .percent = 81.875, .fo_pct = 90, .sor_pct = 77.5, .soch_pct = 80,
	  .mark = 4 },
	/*
	 * Half-year, no СОч: ФО {7,8,9} mean 8 80 % * 0.5 = 40;
	 * СОр 12/20 + 9/10 = 21/30 70 % * 0.5 = 35; 75 -> 4
	 */
	{ .name = "half-year without СОч weighs ФО and СОр 50/50",
	  .no_soch = 1,
	  .fo = { 7, 8, 9 }, .n_fo = 3,
	  .sor = { { 12, 20 }, { 9, 10 } }, .n_sor = 2,
	  .percent = 75, .fo_pct = 80, .sor_pct = 70, .soch_pct = NONE,
	  .mark = 4 },
	/*
	 * Half-year: ФО {6} 60 % * 0.5 = 30; СОр 7/20 35 % * 0.5 = 17.5;
	 * 47.5 -> 48 -> 3
	 */
	{ .name = "half-year 47.5 rounds up to 48: 3",
	  .no_soch = 1,
	  .fo = { 6 }, .n_fo = 1,
	  .sor = { { 7, 20 } }, .n_sor = 1,
	  .percent = 47.5, .fo_pct = 60, .sor_pct = 35, .soch_pct = NONE,
	  .mark = 3 },
	/* A half-year counts no СОч: one sent is left out, 47.5 as above. */
	{ .name = "half-year leaves out a СОч it is given",
	  .no_soch = 1,
	  .fo = { 6 }, .n_fo = 1,
	  .sor = { { 7, 20 } }, .n_sor = 1,
	  .soch = { { 25, 25 } }, .n_soch = 1,
	  .percent = 47.5, .fo_pct = 60, .sor_pct = 35, .soch_pct = NONE,
	  .mark = 3 },
	/* Only a СОч, in a half-year: nothing that counts, no data. */
	{ .name = "half-year with only a СОч: no data",
	  .no_soch = 1,
	  .soch = { { 25, 25 } }, .n_soch = 1,
	  .status = ASSESS_NO_DATA,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
	/*
	 * The only СОр not written: not attested, mark 0. Percent for
	 * information over ФО and СОч: (25 * 90 + 50 * 80) / 75 = 83.3333
	 */
	{ .name = "the only СОр missed: not attested",
	  .fo = { 8, 9, 10 }, .n_fo = 3,
	  .sor = { { NOT_WRITTEN, 20 } }, .n_sor = 1,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .status = ASSESS_NOT_ATTESTED,
	  .percent = 250.0 / 3, .fo_pct = 90, .sor_pct = NONE, .soch_pct = 80 },
	/* No СОр held at all is the same: the 25 % has nothing in it. */
	{ .name = "no СОр held: not attested",
	  .fo = { 8, 9, 10 }, .n_fo = 3,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .status = ASSESS_NOT_ATTESTED,
	  .percent = 250.0 / 3, .fo_pct = 90, .sor_pct = NONE, .soch_pct = 80 },
	/*
	 * СОч not written: not attested. For information:
	 * (25 * 90 + 25 * 76.6667) / 50 = 83.3333
	 */
	{ .name = "СОч missed: not attested",
	  .fo = { 8, 9, 10 }, .n_fo = 3,
	  .sor = { { 15, 20 }, { 8, 10 } }, .n_sor = 2,
	  .soch = { { NOT_WRITTEN, 25 } }, .n_soch = 1,
	  .status = ASSESS_NOT_ATTESTED,
	  .percent = 250.0 / 3, .fo_pct = 90, .sor_pct = 230.0 / 3,
	  .soch_pct = NONE },
	/* Mid-quarter, the СОч not held yet: the same, not attested yet. */
	{ .name = "СОч not held yet: not attested",
	  .fo = { 8, 9, 10 }, .n_fo = 3,
	  .sor = { { 15, 20 }, { 8, 10 } }, .n_sor = 2,
	  .status = ASSESS_NOT_ATTESTED,
	  .percent = 250.0 / 3, .fo_pct = 90, .sor_pct = 230.0 / 3,
	  .soch_pct = NONE },
	/*
	 * No ФО mark at all: the 25 % of ФО is fixed by the order and cannot
	 * be spread over the rest, so not attested. For information:
	 * (25 * 75 + 50 * 80) / 75 = 78.3333
	 */
	{ .name = "no ФО marks: not attested",
	  .sor = { { 15, 20 } }, .n_sor = 1,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .status = ASSESS_NOT_ATTESTED,
	  .percent = 235.0 / 3, .fo_pct = NONE, .sor_pct = 75, .soch_pct = 80 },
	/* Half-year with its СОр missed: not attested, percent = ФО 80. */
	{ .name = "half-year with the СОр missed: not attested",
	  .no_soch = 1,
	  .fo = { 7, 8, 9 }, .n_fo = 3,
	  .sor = { { NOT_WRITTEN, 20 } }, .n_sor = 1,
	  .status = ASSESS_NOT_ATTESTED,
	  .percent = 80, .fo_pct = 80, .sor_pct = NONE, .soch_pct = NONE },
	/* Absent all quarter: works were held, none written, no ФО. */
	{ .name = "works held but none written, no ФО: not attested",
	  .sor = { { NOT_WRITTEN, 20 } }, .n_sor = 1,
	  .soch = { { NOT_WRITTEN, 25 } }, .n_soch = 1,
	  .status = ASSESS_NOT_ATTESTED,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
	/* Start of the quarter: nothing held, nothing marked. */
	{ .name = "nothing recorded: no data",
	  .status = ASSESS_NO_DATA,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
	/*
	 * A scheme without ФО weight (0/50/50) does not need ФО:
	 * СОр 15/20 75 % * 0.5 = 37.5; СОч 20/25 80 % * 0.5 = 40;
	 * 77.5 -> 78 -> 4
	 */
	{ .name = "ФО with weight 0 is not required",
	  .tweak = TWEAK_NO_FO_WEIGHT,
	  .sor = { { 15, 20 } }, .n_sor = 1,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .percent = 77.5, .fo_pct = NONE, .sor_pct = 75, .soch_pct = 80,
	  .mark = 4 },
	{ .name = "ФО 11 above the maximum is refused",
	  .fo = { 8, 11 }, .n_fo = 2,
	  .sor = { { 15, 20 } }, .n_sor = 1,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .ret = -1, .status = ASSESS_NO_DATA,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
	{ .name = "ФО 0 below the minimum is refused",
	  .fo = { 0, 8 }, .n_fo = 2,
	  .sor = { { 15, 20 } }, .n_sor = 1,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .ret = -1, .status = ASSESS_NO_DATA,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
	{ .name = "СОр points above the maximum are refused",
	  .fo = { 8 }, .n_fo = 1,
	  .sor = { { 21, 20 } }, .n_sor = 1,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .ret = -1, .status = ASSESS_NO_DATA,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
	{ .name = "СОч maximum 0 is refused",
	  .fo = { 8 }, .n_fo = 1,
	  .sor = { { 15, 20 } }, .n_sor = 1,
	  .soch = { { 0, 0 } }, .n_soch = 1,
	  .ret = -1, .status = ASSESS_NO_DATA,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
	/* Even a work nobody wrote must have a maximum. */
	{ .name = "negative maximum of a missed work is refused",
	  .fo = { 8 }, .n_fo = 1,
	  .sor = { { NOT_WRITTEN, -5 } }, .n_sor = 1,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .ret = -1, .status = ASSESS_NO_DATA,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
	{ .name = "weights 25/25/49 not making 100 are refused",
	  .tweak = TWEAK_WEIGHTS_99,
	  .fo = { 8 }, .n_fo = 1,
	  .sor = { { 15, 20 } }, .n_sor = 1,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .ret = -1, .status = ASSESS_NO_DATA,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
	/* Classic: {4,5} mean 4.5 -> 5 */
	{ .name = "classic 4.5 rounds up to 5",
	  .kind = ASSESS_CLASSIC,
	  .fo = { 4, 5 }, .n_fo = 2,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE,
	  .mark = 5 },
	/* Classic: {2,3} mean 2.5 -> 3 */
	{ .name = "classic 2.5 rounds up to 3",
	  .kind = ASSESS_CLASSIC,
	  .fo = { 2, 3 }, .n_fo = 2,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE,
	  .mark = 3 },
	/* Classic: {3,3,4} mean 3.3333 -> 3 */
	{ .name = "classic 3.33 rounds down to 3",
	  .kind = ASSESS_CLASSIC,
	  .fo = { 3, 3, 4 }, .n_fo = 3,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE,
	  .mark = 3 },
	/* Classic: {4,4,5,5,5,3} mean 26/6 = 4.3333 -> 4 */
	{ .name = "classic 4.33 rounds down to 4",
	  .kind = ASSESS_CLASSIC,
	  .fo = { 4, 4, 5, 5, 5, 3 }, .n_fo = 6,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE,
	  .mark = 4 },
	{ .name = "classic without marks: no data",
	  .kind = ASSESS_CLASSIC,
	  .status = ASSESS_NO_DATA,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
	{ .name = "classic mark 1 below the scale is refused",
	  .kind = ASSESS_CLASSIC,
	  .fo = { 1, 5 }, .n_fo = 2,
	  .ret = -1, .status = ASSESS_NO_DATA,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
	{ .name = "classic with a СОр is refused",
	  .kind = ASSESS_CLASSIC,
	  .fo = { 4, 5 }, .n_fo = 2,
	  .sor = { { 15, 20 } }, .n_sor = 1,
	  .ret = -1, .status = ASSESS_NO_DATA,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
	/*
	 * Pass/fail: ФО {4,4} 40 % * 0.25 = 10; СОр 8/20 40 % * 0.25 = 10;
	 * СОч 10/25 40 % * 0.5 = 20; 40 -> pass
	 */
	{ .name = "pass/fail at 40: pass",
	  .kind = ASSESS_PASSFAIL,
	  .fo = { 4, 4 }, .n_fo = 2,
	  .sor = { { 8, 20 } }, .n_sor = 1,
	  .soch = { { 10, 25 } }, .n_soch = 1,
	  .percent = 40, .fo_pct = 40, .sor_pct = 40, .soch_pct = 40,
	  .mark = 1 },
	/* Pass/fail: the 39.5 row above -> 40 -> pass */
	{ .name = "pass/fail at 39.5: pass",
	  .kind = ASSESS_PASSFAIL,
	  .fo = { 5, 5, 5 }, .n_fo = 3,
	  .sor = { { 6, 10 } }, .n_sor = 1,
	  .soch = { { 6, 25 } }, .n_soch = 1,
	  .percent = 39.5, .fo_pct = 50, .sor_pct = 60, .soch_pct = 24,
	  .mark = 1 },
	/*
	 * Pass/fail: ФО {4,4} 10; СОр 7/20 35 % * 0.25 = 8.75; СОч 20;
	 * 38.75 -> 39 -> fail
	 */
	{ .name = "pass/fail at 38.75: fail",
	  .kind = ASSESS_PASSFAIL,
	  .fo = { 4, 4 }, .n_fo = 2,
	  .sor = { { 7, 20 } }, .n_sor = 1,
	  .soch = { { 10, 25 } }, .n_soch = 1,
	  .percent = 38.75, .fo_pct = 40, .sor_pct = 35, .soch_pct = 40,
	  .mark = 0 },
	/* Pass/fail: the 39.4998 row above -> 39 -> fail */
	{ .name = "pass/fail at 39.4998: fail",
	  .kind = ASSESS_PASSFAIL,
	  .fo = { 4, 4, 9, 10 }, .n_fo = 4,
	  .sor = { { 14, 23 } }, .n_sor = 1,
	  .soch = { { 4, 27 } }, .n_soch = 1,
	  .percent = 39.5 - 1.0 / 4968, .fo_pct = 67.5,
	  .sor_pct = 1400.0 / 23, .soch_pct = 400.0 / 27, .mark = 0 },
	/* Pass/fail follows the same rule: no СОч written, not attested. */
	{ .name = "pass/fail with the СОч missed: not attested",
	  .kind = ASSESS_PASSFAIL,
	  .fo = { 4, 4 }, .n_fo = 2,
	  .sor = { { 8, 20 } }, .n_sor = 1,
	  .soch = { { NOT_WRITTEN, 25 } }, .n_soch = 1,
	  .status = ASSESS_NOT_ATTESTED,
	  .percent = 40, .fo_pct = 40, .sor_pct = 40, .soch_pct = NONE },
	/* Grade 1: nothing is marked, whatever was typed. */
	{ .name = "ungraded with marks: no mark",
	  .kind = ASSESS_UNGRADED,
	  .fo = { 8, 9 }, .n_fo = 2,
	  .sor = { { 15, 20 } }, .n_sor = 1,
	  .soch = { { 20, 25 } }, .n_soch = 1,
	  .status = ASSESS_NO_MARK,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
	{ .name = "ungraded without marks: no mark",
	  .kind = ASSESS_UNGRADED,
	  .status = ASSESS_NO_MARK,
	  .percent = NONE, .fo_pct = NONE, .sor_pct = NONE, .soch_pct = NONE },
};

struct round_case {
	double x;
	long want;
	const char *why;
};

static const struct round_case rounds[] = {
	{ 64.5, 65, "64.5 exactly rounds up" },
	{ 64.49999999999999, 65, "64.5 one ulp low (binary noise) rounds up" },
	{ 64.5 - 1e-12, 65, "64.5 with 1e-12 of noise rounds up" },
	{ 64.4999, 64, "64.4999 is really below the half: 64" },
	{ 39.49, 39, "39.49 rounds down" },
	{ 39.5, 40, "39.5 rounds up" },
	{ 84.5, 85, "84.5 rounds up" },
	{ 0.285 * 100, 29, "0.285 * 100 (28.499999999999996) rounds up" },
	{ 0.49, 0, "0.49 rounds down" },
	{ 0, 0, "0 stays 0" },
	{ 100, 100, "100 stays 100" },
	{ 99.5, 100, "99.5 rounds up" },
	{ -0.5, 0, "half up means toward +inf: -0.5 -> 0" },
	{ -1.5, -1, "-1.5 -> -1" },
};

struct mark_case {
	enum assess_kind kind;
	double percent;
	int want;
	const char *why;
};

static const struct mark_case marks[] = {
	{ ASSESS_CRITERIA, 0, 2, "0 % is a 2" },
	{ ASSESS_CRITERIA, 39.49, 2, "39.49 -> 39 is a 2" },
	{ ASSESS_CRITERIA, 39.5, 3, "39.5 -> 40 is a 3" },
	{ ASSESS_CRITERIA, 40, 3, "40 is a 3" },
	{ ASSESS_CRITERIA, 64.49, 3, "64.49 -> 64 is a 3" },
	{ ASSESS_CRITERIA, 64.49999999999999, 4, "64.5, noisy -> 65 is a 4" },
	{ ASSESS_CRITERIA, 64.5, 4, "64.5 -> 65 is a 4" },
	{ ASSESS_CRITERIA, 84.49, 4, "84.49 -> 84 is a 4" },
	{ ASSESS_CRITERIA, 84.5, 5, "84.5 -> 85 is a 5" },
	{ ASSESS_CRITERIA, 100, 5, "100 is a 5" },
	{ ASSESS_PASSFAIL, 39.49, 0, "pass/fail 39.49 -> 39 fails" },
	{ ASSESS_PASSFAIL, 39.5, 1, "pass/fail 39.5 -> 40 passes" },
	{ ASSESS_UNGRADED, 90, 0, "ungraded: no mark for any percent" },
};

struct year_case {
	int marks[4];
	size_t n;
	int want;
	const char *why;
};

static const struct year_case years[] = {
	{ { 4, 4, 5, 5 }, 4, 5, "4,4,5,5 mean 4.5 -> 5" },
	{ { 3, 4, 4, 4 }, 4, 4, "3,4,4,4 mean 3.75 -> 4" },
	{ { 3, 3, 4, 4 }, 4, 4, "3,3,4,4 mean 3.5 -> 4" },
	{ { 3, 3, 3, 4 }, 4, 3, "3,3,3,4 mean 3.25 -> 3" },
	{ { 2, 3, 3, 3 }, 4, 3, "2,3,3,3 mean 2.75 -> 3" },
	{ { 4, 0, 5, 5 }, 4, 5, "4,(not attested),5,5 mean 14/3 = 4.67 -> 5" },
	{ { 4, 0, 4, 3 }, 4, 4, "4,(not attested),4,3 mean 11/3 = 3.67 -> 4" },
	{ { 4, 5 }, 2, 5, "half-years 4,5 mean 4.5 -> 5" },
	{ { 0, 0, 0, 0 }, 4, 0, "no period attested: 0" },
	{ { 0 }, 0, 0, "no periods: 0" },
};

/* The end of the year: year mark, year summative work, exam -> final. */
struct final_case {
	enum assess_kind kind;
	double w_work, w_exam;
	int year, work, exam;
	int ret;
	enum assess_final_status status;
	int mark;
	const char *why;
};

static const struct final_case finals[] = {
	{ ASSESS_CRITERIA, 50, 50, 4, 0, 0, 0, FINAL_MARKED, 4, "year 4, no exam: final 4" },
	{ ASSESS_CRITERIA, 50, 50, 0, 0, 0, 0, FINAL_NONE, 0, "no year mark yet: nothing" },
	{ ASSESS_CRITERIA, 50, 50, 2, 0, 0, 0, FINAL_WORK_DUE, 0,
	    "year 2, no year work yet: the work is due" },
	{ ASSESS_CRITERIA, 50, 50, 2, 3, 0, 0, FINAL_MARKED, 3,
	    "year 2, year work 3: mean 2.5 rounds half up to 3" },
	{ ASSESS_CRITERIA, 50, 50, 2, 5, 0, 0, FINAL_MARKED, 4,
	    "year 2, year work 5: mean 3.5 -> 4" },
	{ ASSESS_CRITERIA, 50, 50, 2, 2, 0, 0, FINAL_MARKED, 2,
	    "year 2, year work 2: final 2" },
	{ ASSESS_CLASSIC, 50, 50, 2, 4, 0, 0, FINAL_MARKED, 3,
	    "classic scheme: year 2, work 4 -> 3" },
	{ ASSESS_CRITERIA, 50, 50, 4, 0, 5, 0, FINAL_MARKED, 5,
	    "year 4, exam 5: mean 4.5 -> 5" },
	{ ASSESS_CRITERIA, 50, 50, 5, 0, 3, 0, FINAL_MARKED, 4,
	    "year 5, exam 3: mean 4 -> 4" },
	{ ASSESS_CRITERIA, 50, 50, 3, 0, 4, 0, FINAL_MARKED, 4,
	    "year 3, exam 4: mean 3.5 -> 4" },
	{ ASSESS_CRITERIA, 50, 50, 5, 0, 2, 0, FINAL_RETAKE, 0,
	    "year 5, exam 2 (0-11 of 30): a retake, nothing final" },
	{ ASSESS_CRITERIA, 50, 50, 2, 4, 5, 0, FINAL_MARKED, 4,
	    "year 2, work 4: 3, then exam 5: mean 4 -> 4" },
	{ ASSESS_CRITERIA, 50, 50, 2, 0, 5, 0, FINAL_WORK_DUE, 0,
	    "year 2 without its work: the exam does not replace it" },
	{ ASSESS_CRITERIA, 40, 60, 4, 0, 5, 0, FINAL_MARKED, 5,
	    "scheme: exam weighs 60: 4*0.4 + 5*0.6 = 4.6 -> 5" },
	{ ASSESS_CRITERIA, 50, 0, 4, 0, 2, 0, FINAL_RETAKE, 0,
	    "scheme: exam weighs 0, a failed exam is still a retake" },
	{ ASSESS_CRITERIA, 50, 100, 3, 0, 5, 0, FINAL_MARKED, 5,
	    "scheme: exam weighs 100: the exam mark is final" },
	{ ASSESS_CRITERIA, 75, 50, 2, 4, 0, 0, FINAL_MARKED, 4,
	    "scheme: year work weighs 75: 2*0.25 + 4*0.75 = 3.5 -> 4" },
	{ ASSESS_PASSFAIL, 50, 50, 1, 0, 0, 0, FINAL_NONE, 0,
	    "pass/fail subject: no final mark, the year stands" },
	{ ASSESS_UNGRADED, 50, 50, 0, 0, 0, 0, FINAL_NONE, 0, "ungraded: nothing" },
	{ ASSESS_CRITERIA, 50, 50, 6, 0, 0, -1, FINAL_NONE, 0, "year mark 6: -1" },
	{ ASSESS_CRITERIA, 50, 50, 4, 1, 0, -1, FINAL_NONE, 0, "work mark 1: -1" },
	{ ASSESS_CRITERIA, 50, 50, 4, 0, 9, -1, FINAL_NONE, 0, "exam mark 9: -1" },
	{ ASSESS_CRITERIA, 50, 101, 4, 0, 4, -1, FINAL_NONE, 0, "exam weight 101: -1" },
	{ ASSESS_CRITERIA, -1, 50, 4, 0, 4, -1, FINAL_NONE, 0, "work weight -1: -1" },
};

struct points_case {
	double points, max;
	int want;
	const char *why;
};

static const struct points_case points_marks[] = {
	{ 0, 30, 2, "Kazakh exam 0 of 30: 2 (retake)" },
	{ 11, 30, 2, "Kazakh exam 11 of 30 (36.7 %): 2 (retake)" },
	{ 12, 30, 3, "Kazakh exam 12 of 30 (40 %): 3" },
	{ 19, 30, 3, "19 of 30 (63.3 %): 3" },
	{ 20, 30, 4, "20 of 30 (66.7 %): 4" },
	{ 25, 30, 4, "25 of 30 (83.3 %): 4" },
	{ 26, 30, 5, "26 of 30 (86.7 %): 5" },
	{ 30, 30, 5, "30 of 30: 5" },
	{ 31, 30, -1, "31 of 30: -1" },
	{ -1, 30, -1, "-1 of 30: -1" },
	{ 5, 0, -1, "maximum 0: -1" },
};

struct repeat_case {
	int marks[6];
	size_t n;
	int want;
	const char *why;
};

static const struct repeat_case repeats[] = {
	{ { 2, 2, 4, 5, 3, 3 }, 6, 0, "two 2s: year works, not a repeat" },
	{ { 2, 2, 2, 5, 3, 3 }, 6, 1, "three 2s: repeats the year?" },
	{ { 2, 2, 2, 2, 2, 2 }, 6, 1, "six 2s: repeats the year?" },
	{ { 0, 0, 0, 3, 3, 3 }, 6, 0, "no year marks yet: no" },
	{ { 0 }, 0, 0, "no subjects: no" },
};

static void
check_finals(void)
{
	struct assess_scheme s;
	struct assess_final_input in;
	struct assess_final f;
	char name[256];
	size_t i;

	for (i = 0; i < sizeof finals / sizeof finals[0]; i++) {
		assess_scheme_default(&s, finals[i].kind);
		s.w_work = finals[i].w_work;
		s.w_exam = finals[i].w_exam;
		in.year_mark = finals[i].year;
		in.work_mark = finals[i].work;
		in.exam_mark = finals[i].exam;
		snprintf(name, sizeof name, "final: %s", finals[i].why);
		tap_ok(assess_final_mark(&s, &in, &f) == finals[i].ret &&
		    f.status == finals[i].status && f.mark == finals[i].mark, name);
	}
	assess_scheme_default(&s, ASSESS_CRITERIA);
	tap_ok(s.w_work == 50 && s.w_exam == 50,
	    "criteria default: year work and exam each half of the final");
	for (i = 0; i < sizeof points_marks / sizeof points_marks[0]; i++) {
		snprintf(name, sizeof name, "points mark: %s", points_marks[i].why);
		tap_is_int(assess_points_mark(&s, points_marks[i].points, points_marks[i].max),
		    points_marks[i].want, name);
	}
	for (i = 0; i < sizeof repeats / sizeof repeats[0]; i++) {
		snprintf(name, sizeof name, "repeats the year: %s", repeats[i].why);
		tap_is_int(assess_repeats_year(repeats[i].marks, repeats[i].n), repeats[i].want,
		    name);
	}
}

static void is_pct(double got, double want, const char *name);

/* Worked examples of the deputy head's figures. */
struct tally_case {
	struct {
		enum assess_kind kind;
		enum assess_status status;
		int mark;
		int times;
	} results[5];
	double pass_rate, quality;
	size_t total;
	const char *why;
};

static const struct tally_case tallies[] = {
	{ { { ASSESS_CRITERIA, ASSESS_MARKED, 5, 5 }, { ASSESS_CRITERIA, ASSESS_MARKED, 4, 10 },
	    { ASSESS_CRITERIA, ASSESS_MARKED, 3, 8 }, { ASSESS_CRITERIA, ASSESS_MARKED, 2, 2 } },
	    92, 60, 25, "5x5, 10x4, 8x3, 2x2: pass 23/25 = 92 %, quality 15/25 = 60 %" },
	{ { { ASSESS_CRITERIA, ASSESS_MARKED, 5, 3 }, { ASSESS_CRITERIA, ASSESS_MARKED, 3, 6 },
	    { ASSESS_CRITERIA, ASSESS_NOT_ATTESTED, 0, 1 } },
	    90, 30, 10, "3x5, 6x3 and one not attested: pass 9/10, quality 3/10" },
	{ { { ASSESS_CRITERIA, ASSESS_MARKED, 4, 4 }, { ASSESS_PASSFAIL, ASSESS_MARKED, 1, 5 },
	    { ASSESS_PASSFAIL, ASSESS_MARKED, 0, 1 } },
	    90, 100, 10, "4x4 and pass/fail 5 pass, 1 fail: pass 9/10, quality 4/4" },
	{ { { ASSESS_CRITERIA, ASSESS_MARKED, 3, 2 },
	    { ASSESS_PASSFAIL, ASSESS_NOT_ATTESTED, 0, 2 } },
	    50, 0, 4, "pass/fail not attested count in the pass rate only" },
	{ { { ASSESS_UNGRADED, ASSESS_NO_MARK, 0, 20 }, { ASSESS_CRITERIA, ASSESS_NO_DATA, 0, 3 } },
	    -1, -1, 0, "grade 1 and no data count nowhere: no figures" },
	{ { { ASSESS_CLASSIC, ASSESS_MARKED, 5, 1 }, { ASSESS_CLASSIC, ASSESS_MARKED, 2, 2 } },
	    100.0 / 3, 100.0 / 3, 3, "classic 5 and two 2s: a third each" },
};

static const struct points_case levels[] = {
	{ 17, 20, LEVEL_HIGH, "17 of 20 (85 %): high" },
	{ 20, 20, LEVEL_HIGH, "20 of 20: high" },
	{ 16.9, 20, LEVEL_HIGH, "16.9 of 20 (84.5 %, rounded 85): high" },
	{ 16, 20, LEVEL_MIDDLE, "16 of 20 (80 %): middle" },
	{ 8, 20, LEVEL_MIDDLE, "8 of 20 (40 %): middle" },
	{ 7.9, 20, LEVEL_MIDDLE, "7.9 of 20 (39.5 %, rounded 40): middle" },
	{ 7, 20, LEVEL_LOW, "7 of 20 (35 %): low" },
	{ 0, 25, LEVEL_LOW, "0 of 25: low" },
	{ 26, 25, -1, "26 of 25: -1" },
};

static void
check_tallies(void)
{
	struct assess_tally t, sum;
	char name[256];
	size_t i, k;
	int j;

	memset(&sum, 0, sizeof sum);
	for (i = 0; i < sizeof tallies / sizeof tallies[0]; i++) {
		const struct tally_case *c = &tallies[i];

		memset(&t, 0, sizeof t);
		for (k = 0; k < 5; k++)
			for (j = 0; j < c->results[k].times; j++)
				assess_tally_add(&t, c->results[k].kind, c->results[k].status,
				    c->results[k].mark);
		snprintf(name, sizeof name, "tally: %s: pass rate", c->why);
		is_pct(assess_pass_rate(&t), c->pass_rate, name);
		snprintf(name, sizeof name, "tally: %s: quality", c->why);
		is_pct(assess_quality(&t), c->quality, name);
		snprintf(name, sizeof name, "tally: %s: results counted", c->why);
		tap_is_int((long long)assess_tally_total(&t), (long long)c->total, name);
		assess_tally_sum(&sum, &t);
	}
	/* 52 results, 44 passed; 44 of marked subjects, 23 of them 4 or 5. */
	tap_is_int((long long)assess_tally_total(&sum), 52, "tally sum: every result counted once");
	is_pct(assess_pass_rate(&sum), 44 * 100.0 / 52, "tally sum: pass rate of the sums");
	is_pct(assess_quality(&sum), 23 * 100.0 / 44, "tally sum: quality of the sums");
}

static void
scheme_for(struct assess_scheme *s, const struct period_case *c)
{
	assess_scheme_default(s, c->kind);
	s->sor_pool = c->pool;
	switch (c->tweak) {
	case TWEAK_NONE:
		break;
	case TWEAK_MIN5_86:
		s->min5 = 86;
		break;
	case TWEAK_WEIGHTS_99:
		s->w_soch = 49;
		break;
	case TWEAK_NO_FO_WEIGHT:
		s->w_fo = 0;
		s->w_sor = 50;
		s->w_soch = 50;
		break;
	}
}

static void
is_pct(double got, double want, const char *name)
{
	if (!tap_ok(fabs(got - want) <= 1e-9, name))
		printf("#   got:  %.15g\n#   want: %.15g\n", got, want);
}

static void
check_period(const struct period_case *c)
{
	struct assess_scheme s;
	struct assess_input in;
	struct assess_result r;
	char name[256];
	int ret;

	scheme_for(&s, c);
	in.fo = c->fo;
	in.n_fo = c->n_fo;
	in.sor = c->sor;
	in.n_sor = c->n_sor;
	in.soch = c->soch;
	in.n_soch = c->n_soch;
	in.has_soch = !c->no_soch;
	ret = assess_period(&s, &in, &r);

	snprintf(name, sizeof name, "%s: returns %d", c->name, c->ret);
	tap_is_int(ret, c->ret, name);
	snprintf(name, sizeof name, "%s: status", c->name);
	tap_is_int(r.status, c->status, name);
	snprintf(name, sizeof name, "%s: mark %d", c->name, c->mark);
	tap_is_int(r.mark, c->mark, name);
	snprintf(name, sizeof name, "%s: percent", c->name);
	is_pct(r.percent, c->percent, name);
	snprintf(name, sizeof name, "%s: ФО, СОр, СОч shares", c->name);
	if (!tap_ok(fabs(r.fo_pct - c->fo_pct) <= 1e-9 &&
	    fabs(r.sor_pct - c->sor_pct) <= 1e-9 &&
	    fabs(r.soch_pct - c->soch_pct) <= 1e-9, name))
		printf("#   got:  %.15g %.15g %.15g\n"
		    "#   want: %.15g %.15g %.15g\n", r.fo_pct, r.sor_pct,
		    r.soch_pct, c->fo_pct, c->sor_pct, c->soch_pct);
	/* Not a failure: another FPU may round these sums exactly. */
	if (c->noisy)
		printf("# %s: percent computed as %.17g (%s)\n", c->name,
		    r.percent, r.percent < c->percent ? "noise exercised" :
		    "no noise on this machine");
}

static void
check_defaults(void)
{
	struct assess_scheme s;

	assess_scheme_default(&s, ASSESS_CRITERIA);
	tap_ok(s.kind == ASSESS_CRITERIA && s.sor_pool == POOL_POINTS &&
	    s.fo_min == 1 && s.fo_max == 10,
	    "criteria default: ФО 1..10, pooled by points");
	tap_ok(s.w_fo == 25 && s.w_sor == 25 && s.w_soch == 50 &&
	    s.w_fo_nosoch == 50 && s.w_sor_nosoch == 50,
	    "criteria default: weights 25/25/50, half-year 50/50");
	tap_ok(s.min3 == 40 && s.min4 == 65 && s.min5 == 85 && s.pass_min == 40,
	    "criteria default: thresholds 40/65/85, pass from 40");
	assess_scheme_default(&s, ASSESS_CLASSIC);
	tap_ok(s.kind == ASSESS_CLASSIC && s.fo_min == 2 && s.fo_max == 5,
	    "classic default: marks 2..5");
	assess_scheme_default(&s, ASSESS_PASSFAIL);
	tap_ok(s.kind == ASSESS_PASSFAIL && s.fo_max == 10 && s.w_soch == 50 &&
	    s.pass_min == 40,
	    "pass/fail default: criteria maths, pass from 40");
	assess_scheme_default(&s, ASSESS_UNGRADED);
	tap_ok(s.kind == ASSESS_UNGRADED && s.fo_max == 10,
	    "ungraded default: criteria values, ungraded kind");
}

static void
check_bad_calls(void)
{
	struct assess_scheme s;
	struct assess_input in = { 0 };
	struct assess_result r;

	assess_scheme_default(&s, ASSESS_CRITERIA);
	in.has_soch = 1;
	tap_is_int(assess_period(NULL, &in, &r), -1, "no scheme: -1");
	tap_is_int(assess_period(&s, NULL, &r), -1, "no input: -1");
	tap_is_int(assess_period(&s, &in, NULL), -1, "no result: -1");
	in.n_fo = 2;
	tap_is_int(assess_period(&s, &in, &r), -1,
	    "ФО count without ФО marks: -1");
}

int
main(void)
{
	struct assess_scheme s;
	char name[256];
	size_t i;

	check_defaults();
	for (i = 0; i < sizeof periods / sizeof periods[0]; i++)
		check_period(&periods[i]);
	check_bad_calls();
	for (i = 0; i < sizeof rounds / sizeof rounds[0]; i++) {
		snprintf(name, sizeof name, "round: %s", rounds[i].why);
		tap_is_int(assess_round(rounds[i].x), rounds[i].want, name);
	}
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		assess_scheme_default(&s, marks[i].kind);
		snprintf(name, sizeof name, "mark for percent: %s",
		    marks[i].why);
		tap_is_int(assess_mark_for_percent(&s, marks[i].percent),
		    marks[i].want, name);
	}
	for (i = 0; i < sizeof years / sizeof years[0]; i++) {
		snprintf(name, sizeof name, "year mark: %s", years[i].why);
		tap_is_int(assess_year_mark(years[i].marks, years[i].n),
		    years[i].want, name);
	}
	check_finals();
	check_tallies();
	assess_scheme_default(&s, ASSESS_CRITERIA);
	for (i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		snprintf(name, sizeof name, "work level: %s", levels[i].why);
		tap_is_int(assess_work_level(&s, levels[i].points, levels[i].max), levels[i].want,
		    name);
	}
	return tap_done();
}
