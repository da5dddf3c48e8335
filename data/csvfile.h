/*
 * Reading a CSV file record by record with libcsv (RFC 4180 quoting), with
 * the line each record starts on, so that messages can name file, line and
 * column. Used by the importer; not part of the store's API.
 */
#ifndef MEALRUN_DATA_CSVFILE_H
#define MEALRUN_DATA_CSVFILE_H

#include <stddef.h>

#include "util/error.h"

struct csv_record {
	const char *path;     /* file being read, for messages */
	int line;             /* 1-based line the record starts on */
	int nfields;
	char **fields;        /* NUL-terminated, surrounding blanks trimmed */
	size_t *lengths;      /* byte length of each field */
};

/*
 * Called once per record, the header included. Returns 0 to go on, or -1
 * with err filled to stop reading.
 */
typedef int (*csv_record_fn)(const struct csv_record *rec, void *ctx,
			     struct mr_error *err);

/*
 * Reads path and calls fn for each record. Fails (EX_NOINPUT) when the file
 * cannot be read, and (EX_DATAERR) on an empty file, a byte-order mark,
 * bytes that are not UTF-8, a malformed quote, or a file over 256 MiB.
 */
int csv_read_file(const char *path, csv_record_fn fn, void *ctx,
		  struct mr_error *err);

#endif
