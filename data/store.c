/*
 * Opening the database and keeping its schema current. Each migration is a
 * step from version N-1 to N, recorded in PRAGMA user_version and applied
 * in one transaction, so a database is always at exactly one version.
 */
#include "data/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/xalloc.h"

/* Version 1: the first schema. Times of day are "HH:MM" text. */
static const char *const migration_1[] = {
	"CREATE TABLE kitchens ("
	" id TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" address TEXT NOT NULL DEFAULT '',"
	" lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),"
	" lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),"
	" phone TEXT NOT NULL DEFAULT '',"
	" licence TEXT NOT NULL DEFAULT '',"
	" opens TEXT NOT NULL DEFAULT '06:00',"
	" closes TEXT NOT NULL DEFAULT '20:00',"
	" load_minutes REAL NOT NULL DEFAULT 10 CHECK (load_minutes >= 0),"
	" load_seconds_per_box REAL NOT NULL DEFAULT 3"
	"  CHECK (load_seconds_per_box >= 0),"
	" food_limit_min INTEGER NOT NULL DEFAULT 120"
	"  CHECK (food_limit_min BETWEEN 1 AND 240)"
	") STRICT",
	"CREATE TABLE diets ("
	" code TEXT PRIMARY KEY,"
	" label_zh TEXT NOT NULL,"
	" label_en TEXT NOT NULL"
	") STRICT",
	"CREATE TABLE meal_points ("
	" id TEXT PRIMARY KEY,"
	" kitchen_id TEXT NOT NULL REFERENCES kitchens(id),"
	" kind TEXT NOT NULL CHECK (kind IN ('canteen', 'meal_point', 'home')),"
	" name TEXT NOT NULL,"
	" short_name TEXT NOT NULL DEFAULT '',"
	" address TEXT NOT NULL DEFAULT '',"
	" lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),"
	" lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),"
	" contact TEXT NOT NULL DEFAULT '',"
	" phone TEXT NOT NULL DEFAULT '',"
	" service_minutes REAL NOT NULL DEFAULT 3 CHECK (service_minutes >= 0),"
	" service_seconds_per_box REAL NOT NULL DEFAULT 6"
	"  CHECK (service_seconds_per_box >= 0),"
	" access_notes TEXT NOT NULL DEFAULT '',"
	" active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"
	") STRICT",
	"CREATE INDEX meal_points_kitchen ON meal_points(kitchen_id)",
	"CREATE TABLE delivery_windows ("
	" meal_point_id TEXT NOT NULL REFERENCES meal_points(id),"
	" meal TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),"
	" open TEXT NOT NULL,"
	" close TEXT NOT NULL,"
	" PRIMARY KEY (meal_point_id, meal)"
	") STRICT",
	"CREATE TABLE ingredients ("
	" id TEXT PRIMARY KEY,"
	" name_zh TEXT NOT NULL,"
	" name_en TEXT NOT NULL,"
	" storage TEXT NOT NULL CHECK (storage IN ('dry', 'chilled', 'frozen'))"
	") STRICT",
	"CREATE TABLE dishes ("
	" id TEXT PRIMARY KEY,"
	" name_zh TEXT NOT NULL,"
	" name_en TEXT NOT NULL,"
	" equipment_kind TEXT NOT NULL"
	") STRICT",
	"CREATE TABLE recipes ("
	" dish_id TEXT NOT NULL REFERENCES dishes(id),"
	" ingredient_id TEXT NOT NULL REFERENCES ingredients(id),"
	" grams_per_portion REAL NOT NULL CHECK (grams_per_portion > 0),"
	" PRIMARY KEY (dish_id, ingredient_id)"
	") STRICT",
	"CREATE TABLE menus ("
	" date TEXT NOT NULL,"
	" meal TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),"
	" diet TEXT NOT NULL REFERENCES diets(code),"
	" dish_id TEXT NOT NULL REFERENCES dishes(id),"
	" PRIMARY KEY (date, meal, diet, dish_id)"
	") STRICT",
	"CREATE TABLE equipment ("
	" id TEXT PRIMARY KEY,"
	" kitchen_id TEXT NOT NULL REFERENCES kitchens(id),"
	" kind TEXT NOT NULL,"
	" name TEXT NOT NULL,"
	" units INTEGER NOT NULL CHECK (units >= 1),"
	" batch_portions INTEGER NOT NULL CHECK (batch_portions >= 1),"
	" batch_minutes INTEGER NOT NULL CHECK (batch_minutes >= 1),"
	" cleaning_minutes INTEGER NOT NULL DEFAULT 0"
	"  CHECK (cleaning_minutes >= 0)"
	") STRICT",
	"CREATE TABLE drivers ("
	" id TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" phone TEXT NOT NULL DEFAULT ''"
	") STRICT",
	"CREATE TABLE vehicles ("
	" id TEXT PRIMARY KEY,"
	" kitchen_id TEXT NOT NULL REFERENCES kitchens(id),"
	" plate TEXT NOT NULL,"
	" name TEXT NOT NULL DEFAULT '',"
	" capacity_boxes INTEGER NOT NULL CHECK (capacity_boxes >= 1),"
	" crates INTEGER NOT NULL DEFAULT 0 CHECK (crates >= 0),"
	" shift_start TEXT NOT NULL,"
	" shift_end TEXT NOT NULL,"
	" cost_per_km REAL NOT NULL DEFAULT 0 CHECK (cost_per_km >= 0),"
	" cost_per_hour REAL NOT NULL DEFAULT 0 CHECK (cost_per_hour >= 0),"
	" cost_per_use REAL NOT NULL DEFAULT 0 CHECK (cost_per_use >= 0),"
	" driver_id TEXT REFERENCES drivers(id),"
	" active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"
	") STRICT",
	"CREATE TABLE orders ("
	" date TEXT NOT NULL,"
	" meal TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),"
	" meal_point_id TEXT NOT NULL REFERENCES meal_points(id),"
	" diet TEXT NOT NULL REFERENCES diets(code),"
	" boxes INTEGER NOT NULL CHECK (boxes >= 1),"
	" source TEXT NOT NULL DEFAULT '',"
	" imported_at TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY (date, meal, meal_point_id, diet)"
	") STRICT",
	"CREATE TABLE plans ("
	" id INTEGER PRIMARY KEY,"
	" created_at TEXT NOT NULL,"
	" date TEXT NOT NULL,"
	" meal TEXT NOT NULL,"
	" kitchen_id TEXT NOT NULL,"
	" options TEXT NOT NULL,"
	" cost REAL NOT NULL,"
	" distance_m REAL NOT NULL,"
	" boxes INTEGER NOT NULL,"
	" unassigned_boxes INTEGER NOT NULL,"
	" plan_json TEXT NOT NULL"
	") STRICT",
	"CREATE INDEX plans_service ON plans(date, meal, kitchen_id)",
	"CREATE TABLE plan_trips ("
	" plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
	" route_id INTEGER NOT NULL,"
	" vehicle_id TEXT NOT NULL,"
	" trip INTEGER NOT NULL,"
	" load_start TEXT NOT NULL,"
	" depart TEXT NOT NULL,"
	" return TEXT NOT NULL,"
	" boxes INTEGER NOT NULL,"
	" distance_m REAL NOT NULL,"
	" drive_s REAL NOT NULL,"
	" PRIMARY KEY (plan_id, route_id)"
	") STRICT",
	"CREATE TABLE plan_stops ("
	" plan_id INTEGER NOT NULL,"
	" route_id INTEGER NOT NULL,"
	" seq INTEGER NOT NULL,"
	" meal_point_id TEXT NOT NULL,"
	" arrive TEXT NOT NULL,"
	" start TEXT NOT NULL,"
	" leave TEXT NOT NULL,"
	" boxes INTEGER NOT NULL,"
	" diets TEXT NOT NULL,"
	" PRIMARY KEY (plan_id, route_id, seq),"
	" FOREIGN KEY (plan_id, route_id)"
	"  REFERENCES plan_trips(plan_id, route_id) ON DELETE CASCADE"
	") STRICT",
	"CREATE TABLE plan_batches ("
	" plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
	" batch_id INTEGER NOT NULL,"
	" dish_id TEXT NOT NULL,"
	" diet TEXT NOT NULL,"
	" equipment_id TEXT NOT NULL,"
	" start TEXT NOT NULL,"
	" end TEXT NOT NULL,"
	" portions INTEGER NOT NULL,"
	" feeds TEXT NOT NULL,"
	" PRIMARY KEY (plan_id, batch_id)"
	") STRICT",
	"CREATE TABLE plan_unassigned ("
	" plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
	" meal_point_id TEXT NOT NULL,"
	" boxes INTEGER NOT NULL,"
	" diets TEXT NOT NULL,"
	" reason TEXT NOT NULL"
	") STRICT",
	NULL
};

/* Version 2: travel matrices cached by provider, source and points. */
static const char *const migration_2[] = {
	"CREATE TABLE matrix_cache ("
	" key TEXT PRIMARY KEY,"
	" n INTEGER NOT NULL CHECK (n >= 0),"
	" durations BLOB NOT NULL,"
	" distances BLOB NOT NULL,"
	" snap BLOB,"
	" unreachable BLOB,"
	" created_at TEXT NOT NULL"
	") STRICT",
	NULL
};

/* Version 3: the kitchen's limit on cooks at work at once, and the cooks
 * a batch on each kind of equipment needs. */
static const char *const migration_3[] = {
	"ALTER TABLE kitchens ADD COLUMN cooks_per_slot INTEGER NOT NULL "
	"DEFAULT 0 CHECK (cooks_per_slot BETWEEN 0 AND 1000)",
	"ALTER TABLE equipment ADD COLUMN cooks_per_batch INTEGER NOT NULL "
	"DEFAULT 1 CHECK (cooks_per_batch BETWEEN 0 AND 100)",
	NULL
};

/* Version 4: vans that keep food hot and the longer limit the kitchen
 * allows in them; equipment that must be cleaned between batches of the
 * same dish too; each saved trip's food times, and each batch's unit. */
static const char *const migration_4[] = {
	"ALTER TABLE kitchens ADD COLUMN heated_food_limit_min INTEGER NOT "
	"NULL DEFAULT 240 CHECK (heated_food_limit_min BETWEEN 1 AND 240)",
	"ALTER TABLE vehicles ADD COLUMN heated INTEGER NOT NULL DEFAULT 0 "
	"CHECK (heated IN (0, 1))",
	"ALTER TABLE equipment ADD COLUMN clean_between_same INTEGER NOT NULL "
	"DEFAULT 0 CHECK (clean_between_same IN (0, 1))",
	"ALTER TABLE plan_trips ADD COLUMN food_limit_min INTEGER",
	"ALTER TABLE plan_trips ADD COLUMN cooked_from TEXT",
	"ALTER TABLE plan_trips ADD COLUMN food_ready TEXT",
	"ALTER TABLE plan_trips ADD COLUMN late_min INTEGER NOT NULL DEFAULT 0",
	"ALTER TABLE plan_batches ADD COLUMN unit INTEGER NOT NULL DEFAULT 1",
	"ALTER TABLE plans ADD COLUMN late_trips INTEGER NOT NULL DEFAULT 0",
	NULL
};

static const char *const migration_5[] = {
	"CREATE TABLE order_cancellations ("
	" date TEXT NOT NULL,"
	" meal TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),"
	" meal_point_id TEXT NOT NULL REFERENCES meal_points(id),"
	" cancelled_at TEXT NOT NULL,"
	" cancelled_by TEXT NOT NULL,"
	" PRIMARY KEY (date, meal, meal_point_id)"
	") STRICT",
	"CREATE TABLE standing_orders ("
	" meal_point_id TEXT NOT NULL REFERENCES meal_points(id),"
	" meal TEXT NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner')),"
	" weekdays TEXT NOT NULL,"
	" diet TEXT NOT NULL REFERENCES diets(code),"
	" boxes INTEGER NOT NULL CHECK (boxes >= 1),"
	" valid_from TEXT NOT NULL DEFAULT '',"
	" valid_to TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY (meal_point_id, meal, weekdays, diet, valid_from)"
	") STRICT",
	"CREATE TABLE pauses ("
	" meal_point_id TEXT NOT NULL REFERENCES meal_points(id),"
	" from_date TEXT NOT NULL,"
	" to_date TEXT NOT NULL DEFAULT '',"
	" reason TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY (meal_point_id, from_date)"
	") STRICT",
	NULL
};

/* Version 6: names in English beside the kitchen's, its equipment's and
 * its vans' own; the map app the sheets' navigation codes open. */
static const char *const migration_6[] = {
	"ALTER TABLE kitchens ADD COLUMN name_en TEXT NOT NULL DEFAULT ''",
	"ALTER TABLE kitchens ADD COLUMN navigation TEXT NOT NULL DEFAULT "
	"'geo' CHECK (navigation IN ('amap', 'baidu', 'geo'))",
	"ALTER TABLE equipment ADD COLUMN name_en TEXT NOT NULL DEFAULT ''",
	"ALTER TABLE vehicles ADD COLUMN name_en TEXT NOT NULL DEFAULT ''",
	NULL
};

/* Version 7: what happened on the day. The temperature below which the
 * kitchen counts delivered food as cold; each planned stop's window as it
 * was planned; and the deliveries recorded against the stops and diets of
 * a plan, one row each (see data/records.h, docs/records.md). */
static const char *const migration_7[] = {
	"ALTER TABLE kitchens ADD COLUMN cold_below_c REAL NOT NULL DEFAULT 60 "
	"CHECK (cold_below_c BETWEEN 0 AND 100)",
	"ALTER TABLE plan_stops ADD COLUMN window_open TEXT",
	"ALTER TABLE plan_stops ADD COLUMN window_close TEXT",
	"CREATE TABLE deliveries ("
	" plan_id INTEGER NOT NULL,"
	" route_id INTEGER NOT NULL,"
	" seq INTEGER NOT NULL,"
	" diet TEXT NOT NULL,"
	" boxes_delivered INTEGER NOT NULL CHECK (boxes_delivered >= 0),"
	" arrived_at TEXT,"
	" temperature_c REAL CHECK (temperature_c BETWEEN -10 AND 100),"
	" received_by TEXT NOT NULL DEFAULT '',"
	" not_delivered_reason TEXT NOT NULL DEFAULT '',"
	" note TEXT NOT NULL DEFAULT '',"
	" source TEXT NOT NULL DEFAULT '',"
	" recorded_at TEXT NOT NULL,"
	" PRIMARY KEY (plan_id, route_id, seq, diet),"
	" FOREIGN KEY (plan_id, route_id, seq)"
	"  REFERENCES plan_stops(plan_id, route_id, seq) ON DELETE CASCADE"
	") STRICT",
	NULL
};

/* migrations[N - 1] takes a database from version N - 1 to N. */
static const char *const *const migrations[STORE_SCHEMA_VERSION] = {
	migration_1,
	migration_2,
	migration_3,
	migration_4,
	migration_5,
	migration_6,
	migration_7,
};

sqlite3_stmt *store_prepare(struct store *st, const char *sql,
			    struct mr_error *err)
{
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		store_fail(st, err, "cannot prepare statement");
		return NULL;
	}
	return stmt;
}

int store_fail(struct store *st, struct mr_error *err, const char *what)
{
	int code = sqlite3_errcode(st->db);
	int exit_code = EX_SOFTWARE;
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		exit_code = EX_TEMPFAIL;
	else if (code == SQLITE_FULL || code == SQLITE_IOERR)
		exit_code = EX_IOERR;
	else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN)
		exit_code = EX_CANTCREAT;
	else if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
		exit_code = EX_DATAERR;
	return mr_fail(err, exit_code, "%s: %s: %s", st->path, what,
		       sqlite3_errmsg(st->db));
}

int store_exec(struct store *st, const char *sql, struct mr_error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, err, "database error");
	return 0;
}

const char *store_text(sqlite3_stmt *stmt, int i)
{
	const unsigned char *s = sqlite3_column_text(stmt, i);
	return s ? (const char *)s : "";
}

static int read_version(struct store *st, int *version, struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "PRAGMA user_version", err);
	if (!stmt)
		return -1;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, "cannot read schema version");
	return 0;
}

/* The number of tables in st, or -1 with err. */
static int count_tables(struct store *st, struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT count(*) FROM "
		"sqlite_master WHERE type = 'table' AND name NOT LIKE "
		"'sqlite_%'", err);
	if (!stmt)
		return -1;
	int n = -1;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	if (n < 0)
		return store_fail(st, err, "cannot read the tables");
	return n;
}

static int migrate(struct store *st, struct mr_error *err)
{
	if (store_exec(st, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	/* Read again inside the transaction: another process may have won. */
	int version;
	if (read_version(st, &version, err) != 0)
		goto fail;
	if (version == 0) {
		int n = count_tables(st, err);
		if (n < 0)
			goto fail;
		if (n > 0) {
			mr_fail(err, EX_DATAERR, "%s: not a mealrun database "
				"(it has %d tables of its own and no mealrun "
				"schema version)", st->path, n);
			goto fail;
		}
	}
	for (; version < STORE_SCHEMA_VERSION; version++) {
		for (const char *const *sql = migrations[version]; *sql; sql++)
			if (store_exec(st, *sql, err) != 0)
				goto inconsistent;
		char pragma[64];
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
			 version + 1);
		if (store_exec(st, pragma, err) != 0)
			goto fail;
	}
	if (store_exec(st, "COMMIT", err) != 0)
		goto fail;
	st->version = version;
	return 0;
inconsistent:
	/* Tables of a later version in a database that says it is older:
	 * its version was changed by hand; nothing is migrated. */
	if (strstr(err->msg, "already exists") ||
	    strstr(err->msg, "duplicate column"))
		mr_fail(err, EX_DATAERR, "%s: says it is of schema version %d "
			"but holds tables of a later one; it was not changed",
			st->path, version);
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}


/* Whether version is one mealrun can open: never negative or newer than
 * this mealrun. (Version 0 must also have no tables: migrate checks it,
 * inside its transaction, so that a concurrent init cannot fool it.) */
static int check_version(struct store *st, int version, struct mr_error *err)
{
	if (version < 0)
		return mr_fail(err, EX_DATAERR, "%s: schema version %d is not "
			       "one mealrun writes; the database was changed "
			       "by hand or is not mealrun's", st->path, version);
	if (version > STORE_SCHEMA_VERSION)
		return mr_fail(err, EX_DATAERR, "%s: database schema version %d "
			       "is newer than this mealrun understands (%d)",
			       st->path, version, STORE_SCHEMA_VERSION);
	return 0;
}

int store_open(const char *path, bool create, struct store **out,
	       struct mr_error *err)
{
	struct stat sb;
	*out = NULL;
	if (!create && stat(path, &sb) != 0)
		return mr_fail(err, EX_NOINPUT,
			       "%s: no such database (create it with "
			       "'mealrun init %s')", path, path);
	/* SQLite would take an empty file as a new database. */
	if (!create && S_ISREG(sb.st_mode) && sb.st_size == 0)
		return mr_fail(err, EX_DATAERR, "%s: an empty file, not a "
			       "mealrun database (create one with 'mealrun "
			       "init')", path);

	struct store *st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		if (!st->db) {
			free(st->path);
			free(st);
			return mr_fail(err, EX_OSERR, "out of memory");
		}
		store_fail(st, err, "cannot open database");
		err->code = EX_CANTCREAT;
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 0);
	sqlite3_busy_timeout(st->db, 10000);
	if (store_exec(st, "PRAGMA foreign_keys = ON", err) != 0)
		goto fail;

	int version;
	if (read_version(st, &version, err) != 0)
		goto fail;
	if (check_version(st, version, err) != 0)
		goto fail;
	if (store_exec(st, "PRAGMA journal_mode = WAL", err) != 0 ||
	    store_exec(st, "PRAGMA synchronous = NORMAL", err) != 0)
		goto fail;
	st->version = version;
	if (version < STORE_SCHEMA_VERSION && migrate(st, err) != 0)
		goto fail;
	*out = st;
	return 0;
fail:
	store_free(st);
	return -1;
}

void store_free(struct store *st)
{
	if (!st)
		return;
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

int store_schema_version(const struct store *st)
{
	return st->version;
}
