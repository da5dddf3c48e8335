/*
 * What mealrun's commands share: the table entry of a command, and the
 * helpers that print messages, pick exit codes and read options. Only the
 * command files (main.c, cmd_orders.c) print errors and pick exit codes.
 */
#ifndef MEALRUN_PLANNER_CLI_H
#define MEALRUN_PLANNER_CLI_H

#include <getopt.h>

#include "util/error.h"
#include "util/strbuf.h"

struct command {
	const char *name;
	const char *args;     /* after the name, for the usage line */
	const char *summary;  /* one line for the list of commands */
	const char *help;     /* options and details */
	int (*run)(const struct command *cmd, int argc, char **argv);
};

/* Prints err and returns its exit code (2 for a usage error). */
int cli_fail(const struct mr_error *err);

/* Prints "mealrun: MESSAGE" and where to read more; returns 2. */
int cli_usage(const struct command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* --date and --meal of a service: 0, or the usage error, reported. */
int cli_check_service(const struct command *cmd, const char *date,
		      const char *meal);

/* A whole string as a number; 0, or -1. */
int cli_parse_double(const char *s, double *out);

/*
 * Reads the options of argv with getopt_long: take(cmd, c, ctx) is given
 * each and returns 0 when it took it, 1 when it is not one of its options,
 * or an exit code for a bad value. Returns 0 with optind at the first
 * operand, or the exit code of a usage error, already reported.
 */
int cli_parse_options(const struct command *cmd, int argc, char **argv,
		      const struct option *longopts,
		      int (*take)(const struct command *cmd, int c, void *ctx),
		      void *ctx);

/* What an import or a command changed, a line per order, on stdout. */
void cli_print_changes(const struct strbuf *changes);

/* The commands on orders (cmd_orders.c). */
int cmd_import(const struct command *cmd, int argc, char **argv);
int cmd_order(const struct command *cmd, int argc, char **argv);
int cmd_orders(const struct command *cmd, int argc, char **argv);
int cmd_fetch_orders(const struct command *cmd, int argc, char **argv);

/* The commands on what happened (cmd_record.c). */
int cmd_record(const struct command *cmd, int argc, char **argv);
int cmd_report(const struct command *cmd, int argc, char **argv);

#endif
