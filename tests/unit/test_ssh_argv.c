/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SSH exec splitter: quotes, escapes and refusals. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ssh_argv.h"
#include "tap.h"

/* Splits `cmd` and joins the words with '|' for comparison. */
static const char *
joined(const char *cmd)
{
	static char buf[1024];
	char **argv = NULL;
	int argc = 0, i;

	if (ssh_argv_split(cmd, &argv, &argc) != 0)
		return "(error)";
	buf[0] = '\0';
	for (i = 0; i < argc; i++) {
		if (i > 0)
			strcat(buf, "|");
		strcat(buf, argv[i]);
	}
	if (argv[argc] != NULL)
		strcpy(buf, "(not terminated)");
	ssh_argv_free(argv);
	return buf;
}

int
main(void)
{
	char many[400];
	int i;

	tap_is_str(joined(""), "", "empty string: no words");
	tap_is_str(joined("  \t "), "", "blanks only: no words");
	tap_is_str(joined("journal list"), "journal|list", "plain words");
	tap_is_str(joined("  journal   list  "), "journal|list", "extra blanks");
	tap_is_str(joined("marks export \"7 Ә\" Алгебра"), "marks|export|7 Ә|Алгебра",
	    "double quotes keep a blank, UTF-8 passes");
	tap_is_str(joined("a 'b \"c\" \\d' e"), "a|b \"c\" \\d|e", "single quotes keep all");
	tap_is_str(joined("\"a \\\"b\\\" \\\\ \\x\""), "a \"b\" \\ \\x",
	    "double quotes: \\\" and \\\\ escape, \\x stays");
	tap_is_str(joined("7\\ Ә x"), "7 Ә|x", "backslash-blank outside quotes");
	tap_is_str(joined("ab'cd'\"ef\"g"), "abcdefg", "quoted parts join one word");
	tap_is_str(joined("''"), "", "an empty quoted word is one word");
	tap_is_str(joined("'' x"), "|x", "empty word then a word");
	tap_is_str(joined("'open"), "(error)", "unclosed single quote");
	tap_is_str(joined("\"open"), "(error)", "unclosed double quote");
	tap_is_str(joined("trailing\\"), "(error)", "trailing backslash");
	tap_is_str(joined("a;b $(c) `d` >e"), "a;b|$(c)|`d`|>e", "no shell metacharacters");
	many[0] = '\0';
	for (i = 0; i < SSH_ARGV_MAX; i++)
		strcat(many, "w ");
	tap_ok(strcmp(joined(many), "(error)") != 0, "SSH_ARGV_MAX words fit");
	strcat(many, "w");
	tap_is_str(joined(many), "(error)", "one more word is refused");
	return tap_done();
}
