/*
 * CSV import: one file per table, recognised by its name, validated field by
 * field and upserted by key, all in one transaction. Which columns a table
 * has, their types, ranges and references are described once, in the table
 * specs below; docs/data-format.md documents the same.
 */
#include "data/orders.h"
#include "data/store_internal.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "data/csvfile.h"
#include "data/import_tables.h"
#include "util/coords.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

#define tables import_tables
#define NTABLES IMPORT_NTABLES

/* One file in the import, with its table. */
struct import_file {
	char *path;
	int table;
	int order;   /* position on the command line: later files win */
};

/* State while one file is read. */
struct file_import {
	struct store *st;
	const struct table_spec *t;
	int ncols;
	int *field_of_col;     /* CSV field index of each spec column, or -1 */
	int nheader;
	sqlite3_stmt *upsert;
	sqlite3_stmt **ref;    /* per column: reference lookup, or NULL */
	sqlite3_stmt *seen_add, *seen_get;
	sqlite3_stmt *group_add, *group_clear; /* with table_spec.group */
	sqlite3_stmt *dish_add;  /* dishes: where each row came from */
	int header_done;
	const char *source;    /* file name, for orders */
	const char *now;
	int rows;
};

/* Finds the table a file is for, by its name: orders.csv, orders-*.csv. */
static int table_for_path(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t len = strlen(base);
	if (len < 5 || strcasecmp(base + len - 4, ".csv") != 0)
		return -1;
	for (int i = 0; i < NTABLES; i++) {
		size_t n = strlen(tables[i].name);
		if (strncmp(base, tables[i].name, n) == 0 &&
		    (base[n] == '.' || base[n] == '-'))
			return i;
	}
	return -1;
}

static int file_cmp(const void *a, const void *b)
{
	const struct import_file *x = a, *y = b;
	if (x->table != y->table)
		return x->table - y->table;
	if (x->order != y->order)
		return x->order - y->order;
	return strcmp(x->path, y->path);
}

static int unknown_file(const char *path, struct mr_error *err)
{
	struct strbuf names = STRBUF_INIT;
	for (int i = 0; i < NTABLES; i++)
		strbuf_addf(&names, "%s%s.csv", i ? ", " : "", tables[i].name);
	mr_fail(err, EX_DATAERR,
		"%s: cannot tell which table this file is for; name it after "
		"one of: %s", path, names.buf);
	strbuf_release(&names);
	return -1;
}

static void add_file(struct import_file **files, int *n, int *alloc,
		     const char *path, int table, int order)
{
	ALLOC_GROW(*files, *n + 1, *alloc);
	(*files)[*n].path = xstrdup(path);
	(*files)[*n].table = table;
	(*files)[*n].order = order;
	(*n)++;
}

/* A FIFO, device or folder where a CSV file should be: reading it could
 * wait for ever. */
static void not_regular(const char *path, struct mr_error *err)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		mr_fail(err, EX_NOINPUT, "%s: %s", path, strerror(errno));
	else
		mr_fail(err, EX_NOINPUT, "%s: not a regular file (%s); only "
			"CSV files are imported", path,
			S_ISFIFO(sb.st_mode) ? "a FIFO"
			: S_ISDIR(sb.st_mode) ? "a folder"
			: S_ISSOCK(sb.st_mode) ? "a socket" : "a device");
}

/* Expands directories into their CSV files and finds each file's table. */
static int collect_files(const char *const *paths, int npaths,
			 struct import_file **out, int *nout,
			 struct mr_error *err)
{
	struct import_file *files = NULL;
	int n = 0, alloc = 0;
	for (int i = 0; i < npaths; i++) {
		struct stat sb;
		if (stat(paths[i], &sb) != 0) {
			mr_fail(err, EX_NOINPUT, "%s: %s", paths[i],
				strerror(errno));
			goto fail;
		}
		if (!S_ISDIR(sb.st_mode) && !S_ISREG(sb.st_mode)) {
			not_regular(paths[i], err);
			goto fail;
		}
		if (!S_ISDIR(sb.st_mode)) {
			int t = table_for_path(paths[i]);
			if (t < 0) {
				unknown_file(paths[i], err);
				goto fail;
			}
			add_file(&files, &n, &alloc, paths[i], t, i);
			continue;
		}
		DIR *dir = opendir(paths[i]);
		if (!dir) {
			mr_fail(err, EX_NOINPUT, "%s: %s", paths[i],
				strerror(errno));
			goto fail;
		}
		struct dirent *de;
		int before = n;
		while ((de = readdir(dir))) {
			size_t len = strlen(de->d_name);
			if (de->d_name[0] == '.' || len < 5 ||
			    strcasecmp(de->d_name + len - 4, ".csv") != 0)
				continue;
			char *path = xasprintf("%s/%s", paths[i], de->d_name);
			struct stat fsb;
			if (stat(path, &fsb) != 0 || !S_ISREG(fsb.st_mode)) {
				not_regular(path, err);
				free(path);
				closedir(dir);
				goto fail;
			}
			int t = table_for_path(path);
			if (t < 0) {
				unknown_file(path, err);
				free(path);
				closedir(dir);
				goto fail;
			}
			add_file(&files, &n, &alloc, path, t, i);
			free(path);
		}
		closedir(dir);
		if (n == before) {
			mr_fail(err, EX_NOINPUT, "%s: no CSV files in this "
				"directory", paths[i]);
			goto fail;
		}
	}
	qsort(files, (size_t)n, sizeof(*files), file_cmp);
	*out = files;
	*nout = n;
	return 0;
fail:
	for (int i = 0; i < n; i++)
		free(files[i].path);
	free(files);
	return -1;
}

static const char *type_name(const struct col_spec *c)
{
	switch (c->type) {
	case COL_CLOCK: return "a time HH:MM";
	case COL_DATE: return "a date YYYY-MM-DD";
	case COL_BOOL: return "1 or 0";
	case COL_WEEKDAYS: return "days of the week (mon-fri, sat,sun, 12345 or daily)";
	default: return "a value";
	}
}

static bool parse_bool(const char *s, int *v)
{
	if (!strcmp(s, "1") || !strcasecmp(s, "yes") || !strcasecmp(s, "true"))
		*v = 1;
	else if (!strcmp(s, "0") || !strcasecmp(s, "no") ||
		 !strcasecmp(s, "false"))
		*v = 0;
	else
		return false;
	return true;
}

static bool enum_has(const char *choices, const char *s)
{
	size_t n = strlen(s);
	for (const char *p = choices; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, s, n) == 0)
			return true;
		if (!bar)
			break;
		p = bar + 1;
	}
	return false;
}

/* choices "a|b|c" as messages show them: "a/b/c". */
static const char *enum_list(const char *choices, char *list, size_t size)
{
	snprintf(list, size, "%s", choices);
	for (char *p = list; *p; p++)
		if (*p == '|')
			*p = '/';
	return list;
}

#define SHOWN_SIZE (40 * 4 + 4)

/* value as messages show it: one line, not too long. */
static void show_value(const char *value, char shown[SHOWN_SIZE])
{
	size_t k = 0, cut = utf8_prefix(value, 40);
	for (; k < cut; k++)
		shown[k] = iscntrl((unsigned char)value[k]) ? '?' : value[k];
	if (value[k]) {
		memcpy(shown + k, "...", 3);
		k += 3;
	}
	shown[k] = '\0';
}

/*
 * Checks one value against its column and binds it to parameter param of
 * the upsert. Fails with "file:line:col: name: what".
 */
static int bind_value(struct file_import *fi, const struct csv_record *rec,
		      int ci, int field, const char *value,
		      struct mr_error *err)
{
	const struct col_spec *c = &fi->t->cols[ci];
	sqlite3_stmt *stmt = fi->upsert;
	int param = ci + 1;
	int colno = field + 1;
	char *end;
	char shown[SHOWN_SIZE];
	show_value(value, shown);

#define BAD(...)                                                              \
	do {                                                                  \
		char what_[512];                                              \
		snprintf(what_, sizeof(what_), __VA_ARGS__);                  \
		return mr_fail(err, EX_DATAERR, "%s:%d:%d: %s: %s",           \
			       rec->path, rec->line, colno, c->name, what_);  \
	} while (0)

	if (!*value) {
		if (c->flags & REQUIRED)
			BAD("missing value");
		if (!c->def) {
			sqlite3_bind_null(stmt, param);
			return 0;
		}
		value = c->def;
		if (!*value) { /* empty stays empty: "no end", "none" */
			sqlite3_bind_text(stmt, param, "", -1, SQLITE_STATIC);
			return 0;
		}
	}
	switch (c->type) {
	case COL_ID:
		for (const char *p = value; *p; p++)
			if (isspace((unsigned char)*p) || iscntrl((unsigned char)*p))
				BAD("'%s' must not hold blanks", shown);
		/* fall through */
	case COL_TEXT:
		for (const char *p = value; *p; p++)
			if (iscntrl((unsigned char)*p) && *p != '\n' && *p != '\t')
				BAD("control character in '%s'", shown);
		if (strlen(value) > 2000)
			BAD("text longer than 2000 bytes");
		sqlite3_bind_text(stmt, param, value, -1, SQLITE_TRANSIENT);
		break;
	case COL_INT: {
		errno = 0;
		long long v = strtoll(value, &end, 10);
		if (*end || end == value)
			BAD("'%s' is not a whole number", shown);
		if (errno == ERANGE)
			v = LLONG_MAX;
		if (v < (long long)c->min || v > (long long)c->max)
			BAD("%s is out of range (%.0f to %.0f)", shown, c->min,
			    c->max);
		sqlite3_bind_int64(stmt, param, v);
		break;
	}
	case COL_REAL: {
		errno = 0;
		double v = strtod(value, &end);
		if (*end || end == value || !isfinite(v) || errno == ERANGE)
			BAD("'%s' is not a number", shown);
		if (v < c->min || v > c->max)
			BAD("%s is out of range (%g to %g)", shown, c->min,
			    c->max);
		sqlite3_bind_double(stmt, param, v);
		break;
	}
	case COL_CLOCK: {
		int sec;
		if (strlen(value) > 5 || clock_parse(value, &sec) != 0)
			BAD("'%s' is not %s", shown, type_name(c));
		char hhmm[16];
		clock_format(sec, hhmm);
		sqlite3_bind_text(stmt, param, hhmm, -1, SQLITE_TRANSIENT);
		break;
	}
	case COL_DATE:
		if (!date_valid(value))
			BAD("'%s' is not %s", shown, type_name(c));
		sqlite3_bind_text(stmt, param, value, -1, SQLITE_TRANSIENT);
		break;
	case COL_ENUM: {
		char list[256];
		if (!enum_has(c->choices, value))
			BAD("'%s' is not one of %s", shown,
			    enum_list(c->choices, list, sizeof(list)));
		sqlite3_bind_text(stmt, param, value, -1, SQLITE_TRANSIENT);
		break;
	}
	case COL_BOOL: {
		int v;
		if (!parse_bool(value, &v))
			BAD("'%s' is not %s", shown, type_name(c));
		sqlite3_bind_int(stmt, param, v);
		break;
	}
	case COL_WEEKDAYS: {
		char days[8];
		if (weekdays_parse(value, days) != 0)
			BAD("'%s' is not %s", shown, type_name(c));
		sqlite3_bind_text(stmt, param, days, -1, SQLITE_TRANSIENT);
		break;
	}
	}

	sqlite3_stmt *ref = fi->ref[ci];
	if (ref) {
		sqlite3_reset(ref);
		sqlite3_bind_text(ref, 1, value, -1, SQLITE_TRANSIENT);
		int rc = sqlite3_step(ref);
		sqlite3_reset(ref);
		if (rc == SQLITE_DONE)
			BAD("unknown %s '%s'", c->ref_noun, shown);
		if (rc != SQLITE_ROW)
			return store_fail(fi->st, err, "reference lookup");
	}
#undef BAD
	return 0;
}

static int spec_col(const struct table_spec *t, const char *name)
{
	for (int i = 0; t->cols[i].name; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return i;
	return -1;
}

static int read_header(struct file_import *fi, const struct csv_record *rec,
		       struct mr_error *err)
{
	fi->nheader = rec->nfields;
	for (int i = 0; i < fi->ncols; i++)
		fi->field_of_col[i] = -1;
	if (rec->nfields == 1 && strchr(rec->fields[0], ';'))
		return mr_fail(err, EX_DATAERR,
			       "%s:%d:1: the columns are separated by ';'; save "
			       "the file as comma-separated CSV", rec->path,
			       rec->line);
	for (int f = 0; f < rec->nfields; f++) {
		int ci = spec_col(fi->t, rec->fields[f]);
		if (ci < 0 && !*rec->fields[f])
			return mr_fail(err, EX_DATAERR,
				       "%s:%d:%d: empty column name (a comma too "
				       "many?)", rec->path, rec->line, f + 1);
		if (ci < 0)
			return mr_fail(err, EX_DATAERR,
				       "%s:%d:%d: unknown column '%s' for "
				       "table %s", rec->path, rec->line,
				       f + 1, rec->fields[f], fi->t->name);
		if (fi->field_of_col[ci] >= 0)
			return mr_fail(err, EX_DATAERR,
				       "%s:%d:%d: column '%s' appears twice",
				       rec->path, rec->line, f + 1,
				       rec->fields[f]);
		fi->field_of_col[ci] = f;
	}
	for (int i = 0; i < fi->ncols; i++)
		if ((fi->t->cols[i].flags & REQUIRED) &&
		    fi->field_of_col[i] < 0)
			return mr_fail(err, EX_DATAERR,
				       "%s:%d: missing column '%s'", rec->path,
				       rec->line, fi->t->cols[i].name);
	return 0;
}

/* Rejects a second row with the same key within one file. */
static int check_duplicate(struct file_import *fi,
			   const struct csv_record *rec, struct mr_error *err)
{
	struct strbuf key = STRBUF_INIT;
	for (int i = 0; i < fi->ncols; i++) {
		int f = fi->field_of_col[i];
		if ((fi->t->cols[i].flags & KEY) && f >= 0) {
			strbuf_addstr(&key, rec->fields[f]);
			strbuf_addch(&key, '\x1f');
		}
	}
	int rc = 0;
	sqlite3_reset(fi->seen_add);
	sqlite3_bind_text(fi->seen_add, 1, strbuf_str(&key), -1,
			  SQLITE_TRANSIENT);
	sqlite3_bind_int(fi->seen_add, 2, rec->line);
	if (sqlite3_step(fi->seen_add) != SQLITE_DONE) {
		rc = store_fail(fi->st, err, "duplicate check");
	} else if (sqlite3_changes(fi->st->db) == 0) {
		sqlite3_reset(fi->seen_get);
		sqlite3_bind_text(fi->seen_get, 1, strbuf_str(&key), -1,
				  SQLITE_TRANSIENT);
		int first = 0;
		if (sqlite3_step(fi->seen_get) == SQLITE_ROW)
			first = sqlite3_column_int(fi->seen_get, 0);
		sqlite3_reset(fi->seen_get);
		struct strbuf names = STRBUF_INIT;
		for (int i = 0; i < fi->ncols; i++)
			if (fi->t->cols[i].flags & KEY)
				strbuf_addf(&names, "%s%s", names.len ? ", " : "",
					    fi->t->cols[i].name);
		rc = mr_fail(err, EX_DATAERR,
			     "%s:%d:1: duplicate key (%s): same as line %d",
			     rec->path, rec->line, names.buf, first);
		strbuf_release(&names);
	}
	sqlite3_reset(fi->seen_add);
	strbuf_release(&key);
	return rc;
}

/*
 * INSERT ... ON CONFLICT (key) DO UPDATE SET the other columns, for the
 * columns the file has: a column the file leaves out keeps its value in
 * rows that exist and takes the schema's default in new ones. Parameter
 * ?N binds spec column N - 1.
 */
static char *upsert_sql(const struct table_spec *t, const int *field_of_col)
{
	struct strbuf sql = STRBUF_INIT, keys = STRBUF_INIT,
		      sets = STRBUF_INIT, vals = STRBUF_INIT;
	strbuf_addf(&sql, "INSERT INTO %s (", t->name);
	int n = spec_ncols(t);
	for (int i = 0; i < n; i++) {
		const struct col_spec *c = &t->cols[i];
		if ((c->flags & VIRTUAL) ||
		    (field_of_col[i] < 0 && !((c->flags & KEY) && c->def)))
			continue;
		strbuf_addf(&sql, "%s%s", vals.len ? ", " : "", c->sql);
		if (field_of_col[i] < 0) /* a key column left out: its default */
			strbuf_addf(&vals, "%s'%s'", vals.len ? ", " : "", c->def);
		else
			strbuf_addf(&vals, "%s?%d", vals.len ? ", " : "", i + 1);
		if (c->flags & KEY)
			strbuf_addf(&keys, "%s%s", keys.len ? ", " : "", c->sql);
		else
			strbuf_addf(&sets, "%s%s = excluded.%s",
				    sets.len ? ", " : "", c->sql, c->sql);
	}
	if (t->stamp) {
		strbuf_addstr(&sql, ", source, imported_at");
		strbuf_addf(&vals, ", ?%d, ?%d", n + 1, n + 2);
		strbuf_addf(&sets, "%ssource = excluded.source, "
			    "imported_at = excluded.imported_at",
			    sets.len ? ", " : "");
	}
	strbuf_addf(&sql, ") VALUES (%s) ON CONFLICT (%s) DO ", vals.buf,
		    keys.buf);
	if (sets.len)
		strbuf_addf(&sql, "UPDATE SET %s", sets.buf);
	else
		strbuf_addstr(&sql, "NOTHING");
	strbuf_release(&keys);
	strbuf_release(&sets);
	strbuf_release(&vals);
	return strbuf_detach(&sql);
}

/* A row's value of spec column ci, its default when empty, or NULL. */
static const char *row_value(const struct file_import *fi,
			     const struct csv_record *rec, int ci)
{
	int f = fi->field_of_col[ci];
	if (f < 0)
		return NULL;
	return *rec->fields[f] ? rec->fields[f] : fi->t->cols[ci].def;
}

/* lat and lon given in another datum (a coords column): bound again as
 * WGS-84, the only datum mealrun keeps. */
static void to_wgs84(const struct file_import *fi, const struct csv_record *rec)
{
	int cc = spec_col(fi->t, "coords");
	enum coords sys;
	if (cc < 0 || fi->field_of_col[cc] < 0 ||
	    coords_parse(row_value(fi, rec, cc), &sys) != 0 ||
	    sys == COORDS_WGS84)
		return;
	int la = spec_col(fi->t, "lat"), lo = spec_col(fi->t, "lon");
	double lat = strtod(row_value(fi, rec, la), NULL);
	double lon = strtod(row_value(fi, rec, lo), NULL);
	coords_to_wgs84(sys, &lat, &lon);
	sqlite3_bind_double(fi->upsert, la + 1, lat);
	sqlite3_bind_double(fi->upsert, lo + 1, lon);
}

/* Checks that the table's "later" time is after its "earlier" one, where
 * the file gives both. */
static int check_order(const struct file_import *fi,
		       const struct csv_record *rec, struct mr_error *err)
{
	if (!fi->t->earlier)
		return 0;
	int a = spec_col(fi->t, fi->t->earlier);
	int b = spec_col(fi->t, fi->t->later);
	const char *sa = row_value(fi, rec, a), *sb = row_value(fi, rec, b);
	int ta, tb;
	if (sa && sb && clock_parse(sa, &ta) == 0 &&
	    clock_parse(sb, &tb) == 0 && tb <= ta)
		return mr_fail(err, EX_DATAERR,
			       "%s:%d:%d: %s: %s is not after %s %s",
			       rec->path, rec->line, fi->field_of_col[b] + 1,
			       fi->t->cols[b].name, sb, fi->t->cols[a].name, sa);
	/* Dates: the last day may be the first, not before it. */
	if (sa && sb && date_valid(sa) && date_valid(sb) && strcmp(sb, sa) < 0)
		return mr_fail(err, EX_DATAERR,
			       "%s:%d:%d: %s: %s is before %s %s",
			       rec->path, rec->line, fi->field_of_col[b] + 1,
			       fi->t->cols[b].name, sb, fi->t->cols[a].name, sa);
	return 0;
}

/* The first time a row's group appears in this import, removes the
 * group's rows already in the table (see table_spec.group). */
static int replace_group(struct file_import *fi, const struct csv_record *rec,
			 struct mr_error *err)
{
	struct strbuf key = STRBUF_INIT;
	const char *const *g;
	int i = 1;
	sqlite3_reset(fi->group_clear);
	for (g = fi->t->group; *g; g++, i++) {
		const char *v = row_value(fi, rec, spec_col(fi->t, *g));
		strbuf_addf(&key, "%s\x1f", v);
		sqlite3_bind_text(fi->group_clear, i, v, -1, SQLITE_TRANSIENT);
	}
	sqlite3_reset(fi->group_add);
	sqlite3_bind_text(fi->group_add, 1, fi->t->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(fi->group_add, 2, strbuf_str(&key), -1,
			  SQLITE_TRANSIENT);
	int rc = 0;
	if (sqlite3_step(fi->group_add) != SQLITE_DONE)
		rc = store_fail(fi->st, err, "import");
	else if (sqlite3_changes(fi->st->db) == 1 &&
		 sqlite3_step(fi->group_clear) != SQLITE_DONE)
		rc = store_fail(fi->st, err, "import");
	sqlite3_reset(fi->group_add);
	sqlite3_reset(fi->group_clear);
	strbuf_release(&key);
	return rc;
}

static int on_record(const struct csv_record *rec, void *ctx,
		     struct mr_error *err)
{
	struct file_import *fi = ctx;
	if (!fi->header_done) {
		fi->header_done = 1;
		if (read_header(fi, rec, err) != 0)
			return -1;
		char *sql = upsert_sql(fi->t, fi->field_of_col);
		fi->upsert = store_prepare(fi->st, sql, err);
		free(sql);
		return fi->upsert ? 0 : -1;
	}

	bool blank = true;
	for (int f = 0; f < rec->nfields; f++)
		if (rec->lengths[f])
			blank = false;
	if (blank)
		return 0; /* a row of empty cells, as spreadsheets leave */
	if (rec->nfields != fi->nheader)
		return mr_fail(err, EX_DATAERR,
			       "%s:%d:%d: %d fields, but the header has %d",
			       rec->path, rec->line,
			       (rec->nfields < fi->nheader ? rec->nfields
							   : fi->nheader) + 1,
			       rec->nfields, fi->nheader);

	sqlite3_reset(fi->upsert);
	sqlite3_clear_bindings(fi->upsert);
	for (int ci = 0; ci < fi->ncols; ci++) {
		int f = fi->field_of_col[ci];
		if (f >= 0 && bind_value(fi, rec, ci, f, rec->fields[f], err) != 0)
			return -1;
	}
	to_wgs84(fi, rec);
	if (check_order(fi, rec, err) != 0 || check_duplicate(fi, rec, err) != 0)
		return -1;
	if (fi->group_add && replace_group(fi, rec, err) != 0)
		return -1;
	if (fi->t->stamp) {
		sqlite3_bind_text(fi->upsert, fi->ncols + 1, fi->source, -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_text(fi->upsert, fi->ncols + 2, fi->now, -1,
				  SQLITE_TRANSIENT);
	}
	if (sqlite3_step(fi->upsert) != SQLITE_DONE) {
		/* Only a row the schema refuses is the row's fault; a full
		 * disk or a failing one is not. */
		if (sqlite3_errcode(fi->st->db) == SQLITE_CONSTRAINT ||
		    sqlite3_errcode(fi->st->db) == SQLITE_MISMATCH)
			mr_fail(err, EX_DATAERR, "%s:%d: rejected by the "
				"database: %s", rec->path, rec->line,
				sqlite3_errmsg(fi->st->db));
		else
			store_fail(fi->st, err, "import");
		sqlite3_reset(fi->upsert);
		return -1;
	}
	sqlite3_reset(fi->upsert);
	if (fi->dish_add) {
		int ci = spec_col(fi->t, "equipment_kind");
		sqlite3_reset(fi->dish_add);
		sqlite3_bind_text(fi->dish_add, 1, row_value(fi, rec, 0), -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_text(fi->dish_add, 2, row_value(fi, rec, ci), -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_text(fi->dish_add, 3, rec->path, -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_int(fi->dish_add, 4, rec->line);
		sqlite3_bind_int(fi->dish_add, 5, fi->field_of_col[ci] + 1);
		if (sqlite3_step(fi->dish_add) != SQLITE_DONE)
			return store_fail(fi->st, err, "import");
	}
	fi->rows++;
	return 0;
}

/*
 * After the files of an import: every dish names a kind of equipment that
 * some kitchen has, once the database holds equipment at all. A dish of
 * this import is named by its file, line and column.
 */
static int check_dish_kinds(struct store *st, struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT d.id, d.equipment_kind, r.path, r.line, r.col, "
		"(SELECT group_concat(kind, ', ') FROM (SELECT DISTINCT kind "
		" FROM equipment ORDER BY kind)) "
		"FROM dishes d LEFT JOIN temp.import_dishes r ON r.id = d.id "
		"WHERE EXISTS (SELECT 1 FROM equipment) AND NOT EXISTS "
		"(SELECT 1 FROM equipment e WHERE e.kind = d.equipment_kind) "
		"ORDER BY r.path IS NULL, r.path, r.line, d.id LIMIT 1", err);
	if (!stmt)
		return -1;
	int rc = sqlite3_step(stmt), ret = 0;
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 2) != SQLITE_NULL)
		ret = mr_fail(err, EX_DATAERR, "%s:%d:%d: equipment_kind: no "
			      "equipment is of kind '%s' (the kinds are: %s)",
			      store_text(stmt, 2), sqlite3_column_int(stmt, 3),
			      sqlite3_column_int(stmt, 4), store_text(stmt, 1),
			      store_text(stmt, 5));
	else if (rc == SQLITE_ROW)
		ret = mr_fail(err, EX_DATAERR, "dish %s needs equipment of "
			      "kind '%s', and after this import no equipment "
			      "is of that kind (the kinds are: %s)",
			      store_text(stmt, 0), store_text(stmt, 1),
			      store_text(stmt, 5));
	else if (rc != SQLITE_DONE)
		ret = store_fail(st, err, "import");
	sqlite3_finalize(stmt);
	return ret;
}

static int import_file(struct store *st, const struct import_file *file,
		       const char *now, int *rows, struct mr_error *err)
{
	const struct table_spec *t = &tables[file->table];
	struct file_import fi = { .st = st, .t = t, .now = now };
	fi.ncols = spec_ncols(t);
	fi.field_of_col = xcalloc((size_t)fi.ncols, sizeof(int));
	fi.ref = xcalloc((size_t)fi.ncols, sizeof(*fi.ref));
	const char *base = strrchr(file->path, '/');
	fi.source = base ? base + 1 : file->path;
	int rc = -1;

	if (t->group) {
		struct strbuf sql = STRBUF_INIT;
		strbuf_addf(&sql, "DELETE FROM %s WHERE ", t->name);
		int i = 1;
		for (const char *const *g = t->group; *g; g++, i++)
			strbuf_addf(&sql, "%s%s = ?%d", i > 1 ? " AND " : "",
				    t->cols[spec_col(t, *g)].sql, i);
		fi.group_clear = store_prepare(st, sql.buf, err);
		strbuf_release(&sql);
		fi.group_add = store_prepare(st, "INSERT INTO temp.import_groups "
					     "VALUES (?1, ?2) ON CONFLICT DO "
					     "NOTHING", err);
		if (!fi.group_clear || !fi.group_add)
			goto out;
	}
	/* Each file replaces the groups it holds, also those an earlier
	 * file of this import brought: a later file wins, as it would in an
	 * import of its own. */
	if (store_exec(st, "DELETE FROM temp.import_seen;"
		       "DELETE FROM temp.import_groups", err) != 0)
		goto out;
	fi.seen_add = store_prepare(st, "INSERT INTO temp.import_seen "
				    "VALUES (?1, ?2) ON CONFLICT DO NOTHING",
				    err);
	fi.seen_get = store_prepare(st, "SELECT line FROM temp.import_seen "
				    "WHERE key = ?1", err);
	if (!fi.seen_add || !fi.seen_get)
		goto out;
	if (!strcmp(t->name, "dishes")) {
		fi.dish_add = store_prepare(st, "INSERT OR REPLACE INTO "
					    "temp.import_dishes VALUES (?1, ?2, "
					    "?3, ?4, ?5)", err);
		if (!fi.dish_add)
			goto out;
	}
	for (int i = 0; i < fi.ncols; i++) {
		const struct col_spec *c = &t->cols[i];
		if (!c->ref_table)
			continue;
		char *q = xasprintf("SELECT 1 FROM %s WHERE %s = ?1",
				    c->ref_table, c->ref_col);
		fi.ref[i] = store_prepare(st, q, err);
		free(q);
		if (!fi.ref[i])
			goto out;
	}
	rc = csv_read_file(file->path, on_record, &fi, err);
out:
	sqlite3_finalize(fi.upsert);
	sqlite3_finalize(fi.seen_add);
	sqlite3_finalize(fi.seen_get);
	sqlite3_finalize(fi.group_add);
	sqlite3_finalize(fi.group_clear);
	sqlite3_finalize(fi.dish_add);
	for (int i = 0; i < fi.ncols; i++)
		sqlite3_finalize(fi.ref[i]);
	free(fi.ref);
	free(fi.field_of_col);
	*rows = fi.rows;
	return rc;
}

int store_import(struct store *st, const char *const *paths, int npaths,
		 struct import_stats *stats, struct mr_error *err)
{
	struct import_file *files = NULL;
	int nfiles = 0;
	memset(stats, 0, sizeof(*stats));
	strbuf_init(&stats->changes);
	if (collect_files(paths, npaths, &files, &nfiles, err) != 0)
		return -1;

	char now[32];
	utc_now(now);

	int per_table[NTABLES] = { 0 };
	int rc = -1;
	if (store_exec(st, "CREATE TEMP TABLE IF NOT EXISTS import_seen "
		       "(key TEXT PRIMARY KEY, line INTEGER NOT NULL)", err) != 0 ||
	    store_exec(st, "CREATE TEMP TABLE IF NOT EXISTS import_groups "
		       "(tab TEXT, key TEXT, PRIMARY KEY (tab, key))", err) != 0 ||
	    store_exec(st, "CREATE TEMP TABLE IF NOT EXISTS import_dishes "
		       "(id TEXT PRIMARY KEY, kind TEXT, path TEXT, line INTEGER, "
		       "col INTEGER)", err) != 0 ||
	    store_exec(st, "DELETE FROM temp.import_dishes", err) != 0)
		goto out;
	if (store_exec(st, "BEGIN IMMEDIATE", err) != 0)
		goto out;
	if (orders_snapshot(st, err) != 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		goto out;
	}
	for (int i = 0; i < nfiles; i++) {
		int rows = 0;
		if (import_file(st, &files[i], now, &rows, err) != 0) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			goto out;
		}
		per_table[files[i].table] += rows;
		stats->rows += rows;
		if (rows == 0) {
			size_t len = strlen(stats->empty);
			snprintf(stats->empty + len, sizeof(stats->empty) - len,
				 "%s%s", len ? ", " : "", files[i].path);
		}
	}
	if (check_dish_kinds(st, err) != 0 ||
	    orders_reopen_imported(st, now, err) != 0 ||
	    orders_changes(st, &stats->changes, err) != 0 ||
	    store_exec(st, "COMMIT", err) != 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		goto out;
	}
	stats->files = nfiles;
	struct strbuf sum = STRBUF_INIT;
	for (int i = 0; i < NTABLES; i++)
		if (per_table[i])
			strbuf_addf(&sum, "%s%d %s%s", sum.len ? ", " : "",
				    per_table[i], tables[i].noun,
				    per_table[i] == 1 ? "" :
				    !strcmp(tables[i].noun, "dish") ? "es" : "s");
	snprintf(stats->summary, sizeof(stats->summary), "%s",
		 sum.len ? sum.buf : "no rows");
	strbuf_release(&sum);
	rc = 0;
out:
	for (int i = 0; i < nfiles; i++)
		free(files[i].path);
	free(files);
	return rc;
}

void import_stats_release(struct import_stats *stats)
{
	strbuf_release(&stats->changes);
}
