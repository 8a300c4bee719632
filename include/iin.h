/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * iin: the pupil's ИИН / ЖСН (individual identification number): 12
 * digits, the last a check digit. Data only: the store validates with
 * iin_valid(), and every output but the admin's roster and the pupil's own
 * extract shows iin_mask(). An IIN is personal data: never log it, and
 * never echo it whole in an error.
 */
#ifndef DAPTER_IIN_H
#define DAPTER_IIN_H

#include <stddef.h>

#define IIN_LEN 12

/* 1 when s is 12 digits whose check digit is right; 0 otherwise. */
int iin_valid(const char *s);

/*
 * Copies s without the spaces and dashes people type inside it (a roster's
 * "050101 500 001") into out (at least IIN_LEN + 1 bytes): 0, or -1 when
 * what is left is not 12 characters.
 */
int iin_normalize(const char *s, char *out, size_t outsize);

/* "********0012": the last four digits only; "" for "". */
void iin_mask(const char *iin, char *out, size_t outsize);

#endif
