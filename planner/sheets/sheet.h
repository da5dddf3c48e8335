/*
 * A printable sheet as a flow of blocks, built once and written both as
 * HTML with print CSS (sheet_html.c) and as an A4 PDF (sheet_pdf.c), so
 * the two never disagree on a count. Blocks: headings, paragraphs,
 * key/value fact grids, tables with fixed column widths (the header row
 * repeats on each page, a row is never split), images (SVG maps), a
 * timeline of bars on lanes, and label-sized cards.
 *
 * A sheet is a list of sections; each starts on a new page. The blocks a
 * section has when sheet_running_header() is called are its running
 * header: a section longer than a page repeats them at the top of each
 * following page, its first heading marked as continued.
 *
 * All text is UTF-8 and is copied; a cell or card may hold several lines
 * separated by '\n'.
 */
#ifndef MEALRUN_PLANNER_SHEETS_SHEET_H
#define MEALRUN_PLANNER_SHEETS_SHEET_H

#include <stdbool.h>

#include "util/error.h"

/* Styles of text, cells and rows; combine with |. */
enum {
	SHEET_BOLD = 1,
	SHEET_SMALL = 2,     /* smaller type: notes, the footer */
	SHEET_MUTED = 4,     /* grey: keys of facts */
	SHEET_RIGHT = 8,     /* numbers */
	SHEET_BLANK = 16,    /* an empty column to write in by hand */
	SHEET_LARGE = 32,    /* the food line */
	SHEET_FIRST_BOLD = 64, /* the first line of each cell bold */
};

enum sheet_block_kind {
	SHEET_HEADING, SHEET_TEXT, SHEET_TABLE, SHEET_IMAGE, SHEET_TIMELINE,
	SHEET_CARDS,
};

struct sheet_qr;                 /* qr.h */

struct sheet_col {
	double width_mm;
	unsigned style;
};

struct sheet_table {
	bool facts;                  /* a key/value grid: no rules, no head */
	int ncols;
	struct sheet_col *cols;
	char **head;                 /* ncols texts, or NULL */
	int nrows, alloc;
	char **cells;                /* nrows * ncols; NULL for empty */
	char **links;                /* nrows * ncols hrefs, or NULL */
	struct sheet_qr **qr;        /* nrows * ncols QR codes drawn under
					the cells' text, or NULL */
	unsigned *row_style;         /* per row: SHEET_BOLD for totals */
	double min_row_mm;           /* room to write by hand */
	int fill;                    /* facts: cells filled in the last row */
};

struct sheet_bar {
	double start, end;           /* seconds */
	char *text;
};

struct sheet_lane {
	char *label;
	int nbars, alloc;
	struct sheet_bar *bars;
};

struct sheet_timeline {
	double t0, t1;               /* seconds; the axis */
	int nlanes, alloc;
	struct sheet_lane *lanes;
};

struct sheet_cards {
	double width_mm, height_mm;
	int n, alloc;
	char **text;                 /* first line bold */
};

struct sheet_image {
	char *href;                  /* for HTML, relative to the page */
	char *file;                  /* read for PDF */
	char *alt;
	double width_mm, max_height_mm;
};

struct sheet_block {
	enum sheet_block_kind kind;
	int level;                   /* heading: 1 or 2 */
	unsigned style;              /* text */
	char *text;                  /* heading, text */
	char *cls;                   /* HTML class of a paragraph, or NULL */
	union {
		struct sheet_table table;
		struct sheet_image image;
		struct sheet_timeline timeline;
		struct sheet_cards cards;
	} u;
};

struct sheet_section {
	char *id, *cls;              /* HTML id and class; may be NULL */
	int nblocks, alloc;
	struct sheet_block *blocks;
	int nheader;                 /* blocks repeated on continuations */
};

struct sheet {
	char *title, *lang;          /* HTML title and lang */
	char *continued;             /* appended to a repeated heading */
	char *footer;                /* left of each page's footer */
	char *page_word;             /* before "x/y" in the footer */
	char *css;                   /* extra HTML style, or NULL */
	int nsections, alloc;
	struct sheet_section *sections;
};

/* Starts a sheet; lang is the HTML lang ("zh-CN"), continued the mark of
 * a continuation ("(continued)"). Release with sheet_release. */
void sheet_init(struct sheet *s, const char *title, const char *lang,
		const char *continued);
void sheet_release(struct sheet *s);

/* The footer of every page: text at the left, "page_word x/y" right. */
void sheet_set_footer(struct sheet *s, const char *text,
		      const char *page_word);
/* Extra CSS for the HTML page (copied). */
void sheet_add_css(struct sheet *s, const char *css);

/* Starts a section on a new page; id and cls may be NULL. */
void sheet_section(struct sheet *s, const char *id, const char *cls);
/* The blocks of the section so far become its running header. */
void sheet_running_header(struct sheet *s);

void sheet_heading(struct sheet *s, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A paragraph; cls is its HTML class (may be NULL). */
void sheet_text(struct sheet *s, unsigned style, const char *cls,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A key/value grid with pairs pairs per row, key_mm and value_mm wide. */
struct sheet_table *sheet_facts(struct sheet *s, int pairs, double key_mm,
				double value_mm);
void sheet_fact(struct sheet_table *t, const char *key, const char *value);

/* A table of ncols columns; head may be NULL. The table is the sheet's
 * until sheet_release. */
struct sheet_table *sheet_table(struct sheet *s, int ncols,
				const struct sheet_col *cols,
				const char *const *head);
/* Appends a row of ncols texts (NULL for empty cells) with style. */
void sheet_row(struct sheet_table *t, const char *const *cells,
	       unsigned style);
/* Links the cell at col of the last row to href (HTML only). */
void sheet_link(struct sheet_table *t, int col, const char *href);
/* Draws a QR code of text, mm wide with its quiet zone, under the text of
 * the cell at col of the last row; at error correction level L when low
 * (M otherwise). 0, or -1 when text is too long for a QR code. */
int sheet_cell_qr(struct sheet_table *t, int col, const char *text,
		  double mm, bool low);

/* An SVG image: href for HTML, file for PDF. */
void sheet_image(struct sheet *s, const char *href, const char *file,
		 const char *alt, double width_mm, double max_height_mm);

/* A timeline from t0 to t1 (seconds after midnight). */
struct sheet_timeline *sheet_timeline(struct sheet *s, double t0, double t1);
/* The times of day a timeline's axis labels, every TICK_S seconds from
 * the first at or after t0: the first into *first, their number back. */
#define SHEET_TICK_S 1800.0
int sheet_ticks(const struct sheet_timeline *tl, double *first);
void sheet_lane(struct sheet_timeline *tl, const char *label);
/* A bar on the last lane; its text may hold two lines ("\n"), which
 * wrap to three where the bar is narrow. */
void sheet_bar(struct sheet_timeline *tl, double start, double end,
	       const char *text);

/* Label-sized cards, width_mm by height_mm, in rows. */
struct sheet_cards *sheet_cards(struct sheet *s, double width_mm,
				double height_mm);
void sheet_card(struct sheet_cards *c, const char *text);

/* Writes the sheet as an HTML page; 0, or -1 with err. */
int sheet_write_html(const struct sheet *s, const char *path,
		     struct mr_error *err);

/*
 * Writes the sheet as an A4 PDF (see sheet_pdf.h); 0, or -1 with err.
 * section_pages, when not NULL, gets the first page (from 1) of each
 * section: nsections numbers.
 */
int sheet_write_pdf(const struct sheet *s, const char *path,
		    int *section_pages, struct mr_error *err);

#endif
