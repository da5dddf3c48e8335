/*
 * What the files of data/ share among themselves: the open connection and
 * small statement helpers. Not to be included outside data/.
 */
#ifndef MEALRUN_DATA_STORE_INTERNAL_H
#define MEALRUN_DATA_STORE_INTERNAL_H

#include <sqlite3.h>

#include "data/store.h"

struct store {
	sqlite3 *db;
	char *path;
	int version;
};

/* Prepares sql; on failure fills err (EX_SOFTWARE) and returns NULL. */
sqlite3_stmt *store_prepare(struct store *st, const char *sql,
			    struct mr_error *err);
/* Runs sql that returns no rows; 0 or -1 with err. */
int store_exec(struct store *st, const char *sql, struct mr_error *err);
/* Fails with the database's current message; returns -1. */
int store_fail(struct store *st, struct mr_error *err, const char *what);
/* Text of column i, "" for NULL. */
const char *store_text(sqlite3_stmt *stmt, int i);

#endif
