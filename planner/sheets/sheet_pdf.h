/*
 * Laying a sheet out on A4 pages, the first of the two passes of
 * sheet_write_pdf(): every block is measured with Pango and placed as
 * drawing operations on numbered pages; the second pass draws them with
 * cairo and adds each page's footer, now that the number of pages is
 * known. Exposed so that tests can check the pagination: a table row is
 * never split, the header row and a section's running header repeat on
 * each page it continues to, and nothing is placed outside the margins.
 */
#ifndef MEALRUN_PLANNER_SHEETS_SHEET_PDF_H
#define MEALRUN_PLANNER_SHEETS_SHEET_PDF_H

#include <stdbool.h>

#include "util/error.h"
#include "planner/sheets/sheet.h"

/* A4 in points (1/72 inch), and the content box inside the margins. */
#define SHEET_MM(x) ((x) * 72.0 / 25.4)
#define SHEET_PAGE_W SHEET_MM(210.0)
#define SHEET_PAGE_H SHEET_MM(297.0)
#define SHEET_X0 SHEET_MM(10.0)
#define SHEET_X1 SHEET_MM(200.0)
#define SHEET_Y0 SHEET_MM(12.0)
#define SHEET_Y1 SHEET_MM(281.0)

enum sheet_op_kind { SHEET_OP_TEXT, SHEET_OP_RECT, SHEET_OP_IMAGE,
		     SHEET_OP_QR };

/* What a rectangle does. */
enum { SHEET_OP_FILL = 1, SHEET_OP_STROKE = 2, SHEET_OP_DASHED = 4 };

/* Which part of a block an operation draws. */
enum { SHEET_PART_HEAD = -1, SHEET_PART_OTHER = -2 };

struct sheet_op {
	enum sheet_op_kind kind;
	int page;                    /* 0-based */
	double x, y, w, h;           /* points from the page's top left */
	int section, block;          /* the block drawn */
	int row;                     /* its row (table, lanes, cards), or
					SHEET_PART_HEAD / SHEET_PART_OTHER */
	bool repeat;                 /* a repeat of a running header */
	unsigned flags;              /* rectangles: SHEET_OP_* */
	double gray;                 /* text and rules: 0 black */
	double fill[3];              /* rectangles: RGB */
	void *obj;                   /* a PangoLayout or RsvgHandle, or the
					sheet's struct sheet_qr */
};

struct sheet_page {
	int section;
	bool continued;              /* a section's second or later page */
};

struct sheet_layout {
	int npages, pages_alloc;
	struct sheet_page *pages;
	int nops, ops_alloc;
	struct sheet_op *ops;        /* in page order */
	int nobjs, objs_alloc;
	void **objs;                 /* GObjects the ops point to */
	void *context;               /* the PangoContext */
};

/*
 * Lays s out. Returns 0 and *out (release with sheet_layout_release), or
 * -1 with err when an image cannot be read.
 */
int sheet_layout_make(const struct sheet *s, struct sheet_layout *out,
		      struct mr_error *err);

void sheet_layout_release(struct sheet_layout *l);

/* The text a SHEET_OP_TEXT operation sets (the layout's), or NULL. */
const char *sheet_op_text(const struct sheet_op *op);

#endif
