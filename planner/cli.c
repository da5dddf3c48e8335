/*
 * What the commands share (see cli.h): messages, exit codes and options.
 */
#include "planner/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timefmt.h"

int cli_fail(const struct mr_error *err)
{
	fprintf(stderr, "mealrun: %s\n", err->msg);
	if (err->code == EX_USAGE) /* DESIGN.md: usage errors exit 2 */
		return MR_EXIT_USAGE;
	return err->code ? err->code : EX_SOFTWARE;
}

int cli_usage(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("mealrun: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\ntry 'mealrun %s --help'\n", cmd->name);
	return MR_EXIT_USAGE;
}

int cli_parse_double(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || errno)
		return -1;
	*out = v;
	return 0;
}

/*
 * Reads the options of argv with getopt_long: take(cmd, c, ctx) is given
 * each and returns 0 when it took it, 1 when it is not one of its options,
 * or an exit code for a bad value. Returns 0 with optind at the first
 * operand, or the exit code of a usage error, already reported.
 */
int cli_parse_options(const struct command *cmd, int argc, char **argv,
			 const struct option *longopts,
			 int (*take)(const struct command *cmd, int c,
				     void *ctx),
			 void *ctx)
{
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		int rc = c == '?' ? 1 : take(cmd, c, ctx);
		if (rc == 1)
			return cli_usage(cmd, "unknown option '%s'",
					   argv[optind - 1]);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* What an import or a command changed, a line per order, on stdout. */
void cli_print_changes(const struct strbuf *changes)
{
	fputs(strbuf_str(changes), stdout);
}

int cli_check_service(const struct command *cmd, const char *date,
		      const char *meal)
{
	if (!date || !date_valid(date))
		return cli_usage(cmd, "--date YYYY-MM-DD is required");
	if (strcmp(meal, "breakfast") && strcmp(meal, "lunch") &&
	    strcmp(meal, "dinner"))
		return cli_usage(cmd, "--meal is breakfast, lunch or dinner, "
				 "not '%s'", meal);
	return 0;
}
