/*
 * Errors as values. Library functions return 0 on success and -1 on failure,
 * and on failure fill a caller-owned struct mr_error with a message and the
 * exit code the command layer should end with. Only the command layer prints
 * and exits.
 */
#ifndef MEALRUN_UTIL_ERROR_H
#define MEALRUN_UTIL_ERROR_H

#include <sysexits.h>

/* Exit codes of DESIGN.md; the others come from <sysexits.h>. */
enum {
	MR_EXIT_OK = 0,
	MR_EXIT_PROBLEMS = 1,   /* `check` found problems in a plan */
	MR_EXIT_USAGE = 2,      /* bad command line */
	MR_EXIT_UNASSIGNED = 3, /* plan complete but for unassigned orders */
	MR_EXIT_LATE = 4,       /* planned, but some trips' food will be
				 * late for their loading */
};

struct mr_error {
	int code;        /* exit code: EX_DATAERR, EX_NOINPUT, ... */
	char msg[1024];  /* lowercase, no full stop, place named */
};

/* Sets err (if not NULL) and returns -1, so callers can `return mr_fail(...)`. */
int mr_fail(struct mr_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Puts "prefix: " before the message already in err. */
void mr_error_prefix(struct mr_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
