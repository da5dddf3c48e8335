/*
 * The store of record: one SQLite database per kitchen (or group of
 * kitchens) holding meal points, diets, dishes, recipes, menus, equipment,
 * vehicles, drivers, orders and every plan made. This header is the only way
 * in; no other module sees SQLite.
 */
#ifndef MEALRUN_DATA_STORE_H
#define MEALRUN_DATA_STORE_H

#include <stdbool.h>

#include "util/error.h"
#include "util/strbuf.h"

struct store;

/* The schema version this build writes; see docs/data-format.md. */
#define STORE_SCHEMA_VERSION 7

/*
 * Opens the database at path. With create, a missing file is created and
 * migrated to the current schema; without it a missing file is an error
 * (EX_NOINPUT). An existing database of an older schema is migrated in one
 * transaction; one newer than this build is refused (EX_DATAERR). The
 * connection runs in WAL mode with foreign keys on and a busy timeout.
 * Returns 0 and *out (free with store_free), or -1 with err.
 */
int store_open(const char *path, bool create, struct store **out,
	       struct mr_error *err);

/* Closes the database; accepts NULL. */
void store_free(struct store *st);

/* Returns the schema version of the open database. */
int store_schema_version(const struct store *st);

/* Counts of what one import wrote, per table, for the progress line. */
struct import_stats {
	int files;
	int rows;
	char summary[512]; /* "40 meal points, 952 orders, ..." */
	char empty[512];   /* files that held a header but no rows */
	struct strbuf changes; /* a line per order changed (data/orders.h) */
};

/* Frees what an import_stats holds; safe on one zeroed. */
void import_stats_release(struct import_stats *stats);

/*
 * Imports CSV files into the database in one transaction. Each path is a
 * CSV file named after its table (orders.csv, orders-2026-11-23.csv,
 * meal_points.csv, ...) or a directory whose *.csv files are all imported.
 * Files are applied in dependency order (kitchens before meal points before
 * orders). Rows are upserted by their key, so importing the same file twice
 * changes nothing. On any bad row nothing is written and err says
 * "file:line:column: what is wrong" (EX_DATAERR), or names the missing
 * file (EX_NOINPUT). Returns 0 and fills stats, or -1.
 */
int store_import(struct store *st, const char *const *paths, int npaths,
		 struct import_stats *stats, struct mr_error *err);

#endif
