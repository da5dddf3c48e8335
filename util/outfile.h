/*
 * Output files written whole or not at all: the content goes to a temporary
 * name beside the target, and only a successful outfile_commit() renames it
 * into place, so a reader never sees half a file and a failed run leaves the
 * previous file as it was.
 */
#ifndef MEALRUN_UTIL_OUTFILE_H
#define MEALRUN_UTIL_OUTFILE_H

#include <stdio.h>

#include "util/error.h"

struct outfile {
	FILE *fp;      /* write here */
	char *path;    /* final name */
	char *tmp;     /* temporary name */
};

/* Opens a temporary file for path; 0, or -1 with err (EX_CANTCREAT). */
int outfile_open(struct outfile *of, const char *path, struct mr_error *err);
/* Flushes, syncs and renames into place; 0, or -1 with err (EX_IOERR). */
int outfile_commit(struct outfile *of, struct mr_error *err);
/* Removes the temporary file; safe after commit and on a zeroed struct. */
void outfile_abort(struct outfile *of);

/* Writes len bytes as path, atomically; 0 or -1 with err. */
int outfile_write_all(const char *path, const char *data, size_t len,
		      struct mr_error *err);

/* Creates dir and its parents (like mkdir -p); 0 or -1 with err. */
int make_dirs(const char *dir, struct mr_error *err);

#endif
