/*
 * The tables a CSV import knows (import.c): each file's columns, their
 * types, ranges and references, and how rows are grouped. The data is in
 * import_tables.c; only import.c uses it.
 */
#ifndef MEALRUN_DATA_IMPORT_TABLES_H
#define MEALRUN_DATA_IMPORT_TABLES_H

enum col_type {
	COL_ID,     /* non-empty key text without surrounding blanks */
	COL_TEXT,
	COL_INT,
	COL_REAL,
	COL_CLOCK,  /* HH:MM */
	COL_DATE,   /* YYYY-MM-DD */
	COL_ENUM,   /* one of choices */
	COL_BOOL,   /* 0/1, yes/no, true/false */
	COL_WEEKDAYS, /* days of the week, stored as digits (timefmt.h) */
};

#define REQUIRED 1u /* must be present and non-empty */
#define KEY 2u      /* part of the table's key */
#define VIRTUAL 4u  /* read and checked, not stored (coords) */

struct col_spec {
	const char *name;       /* CSV header */
	const char *sql;        /* SQL column */
	enum col_type type;
	unsigned flags;
	double min, max;        /* COL_INT, COL_REAL */
	const char *choices;    /* COL_ENUM: "a|b|c" */
	const char *def;        /* value when empty; NULL binds SQL NULL */
	const char *ref_table;  /* referenced table.column, or NULL */
	const char *ref_col;
	const char *ref_noun;   /* "meal point" */
};

struct table_spec {
	const char *name;          /* file and table name */
	const char *noun;          /* for the summary: "meal point" */
	const struct col_spec *cols;
	const char *earlier, *later; /* later must be after earlier */
	int stamp;                 /* also write source and imported_at */
	/*
	 * Key columns that group rows: the first time a group appears in an
	 * import, its rows already in the table are removed, so that a
	 * meal point's new order for a service, or a dish's new recipe,
	 * replaces the old one whole. NULL-terminated; NULL for none.
	 */
	const char *const *group;
};

/* In dependency order: a table comes after every table it refers to.
 * (A definition with another number of tables does not compile.) */
#define IMPORT_NTABLES 14
extern const struct table_spec import_tables[IMPORT_NTABLES];

static inline int spec_ncols(const struct table_spec *t)
{
	int n = 0;
	while (t->cols[n].name)
		n++;
	return n;
}

#endif
