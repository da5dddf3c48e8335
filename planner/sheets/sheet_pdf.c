/*
 * A sheet as an A4 PDF with cairo, Pango and librsvg (see sheet_pdf.h):
 * lay out into pages first, then draw, so that each footer can say
 * "page x/y". Text is set in Noto Sans, with Noto Sans CJK SC for
 * Chinese; maps are drawn from their SVG files as vectors.
 */
#include "planner/sheets/sheet_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planner/sheets/qr.h"
#include "util/outfile.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

/* Latin letters from Noto Sans, Chinese from Noto Sans CJK: the same
 * design, and cairo subsets each font small, where one CFF font holding
 * both comes out near a megabyte whatever few glyphs it holds. */
#define FONT_FAMILY "Noto Sans, Noto Sans CJK SC"
#define BODY_PT 8.0
#define SMALL_PT 6.8
#define NARROW_HEAD_PT 5.8
#define MIN_HEAD_PT 4.6
#define PAD SHEET_MM(0.7)
#define GAP SHEET_MM(2.0)
#define MAX_CELL_LINES 12
#define MIN_IMAGE_H SHEET_MM(40.0)
#define LINE_SPACING 0.85f

struct lay {
	const struct sheet *s;
	struct sheet_layout *out;
	PangoContext *ctx;
	int section, block;
	bool repeat;                 /* placing a running header again */
	double y;
	double top;                  /* y below the running header */
	struct mr_error *err;
};

static double pt_of(int pango_units)
{
	return (double)pango_units / PANGO_SCALE;
}

static void keep(struct lay *L, void *obj)
{
	struct sheet_layout *o = L->out;
	ALLOC_GROW(o->objs, o->nobjs + 1, o->objs_alloc);
	o->objs[o->nobjs++] = obj;
}

static struct sheet_op *add_op(struct lay *L, enum sheet_op_kind kind,
			       double x, double y, double w, double h, int row)
{
	struct sheet_layout *o = L->out;
	ALLOC_GROW(o->ops, o->nops + 1, o->ops_alloc);
	struct sheet_op *op = &o->ops[o->nops++];
	memset(op, 0, sizeof(*op));
	*op = (struct sheet_op){ .kind = kind, .page = o->npages - 1,
				 .x = x, .y = y, .w = w, .h = h,
				 .section = L->section, .block = L->block,
				 .row = row, .repeat = L->repeat };
	return op;
}

static struct sheet_op *add_rect(struct lay *L, double x, double y,
				 double w, double h, int row, unsigned flags,
				 double r, double g, double b)
{
	struct sheet_op *op = add_op(L, SHEET_OP_RECT, x, y, w, h, row);
	op->flags = flags;
	op->fill[0] = r;
	op->fill[1] = g;
	op->fill[2] = b;
	return op;
}

static void add_text(struct lay *L, PangoLayout *pl, double x, double y,
		     double w, int row, unsigned style)
{
	int pw, ph;
	pango_layout_get_size(pl, &pw, &ph);
	struct sheet_op *op = add_op(L, SHEET_OP_TEXT, x, y,
				     fmax(w, pt_of(pw)), pt_of(ph), row);
	op->gray = (style & SHEET_MUTED) ? 0.3 : 0;
	op->obj = pl;
}

/*
 * A Pango layout of text in style, size points, wrapped at width points
 * (none when width <= 0) and cut with an ellipsis after max_lines lines.
 * The layout belongs to L's output.
 */
static PangoLayout *text_layout(struct lay *L, const char *text,
				unsigned style, double size, double width,
				int max_lines)
{
	PangoLayout *pl = pango_layout_new(L->ctx);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, FONT_FAMILY);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (style & SHEET_BOLD)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(pl, fd);
	pango_font_description_free(fd);
	/* Noto Sans CJK's own line height is 1.45 em; 1.23 em reads as
	 * well and keeps a stop's three lines short. */
	pango_layout_set_line_spacing(pl, LINE_SPACING);
	if (width > 0) {
		pango_layout_set_width(pl, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
		if (max_lines > 0) {
			pango_layout_set_height(pl, -max_lines);
			pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
		}
	}
	if (style & SHEET_RIGHT)
		pango_layout_set_alignment(pl, PANGO_ALIGN_RIGHT);
	pango_layout_set_text(pl, text ? text : "", -1);
	if ((style & SHEET_FIRST_BOLD) && text) {
		PangoAttrList *attrs = pango_attr_list_new();
		PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		bold->start_index = 0;
		bold->end_index = (guint)strcspn(text, "\n");
		pango_attr_list_insert(attrs, bold);
		pango_layout_set_attributes(pl, attrs);
		pango_attr_list_unref(attrs);
	}
	keep(L, pl);
	return pl;
}

static double layout_height(PangoLayout *pl)
{
	int w, h;
	pango_layout_get_size(pl, &w, &h);
	return pt_of(h);
}

static double style_size(unsigned style)
{
	if (style & SHEET_LARGE)
		return 10.0;
	return (style & SHEET_SMALL) ? SMALL_PT : BODY_PT;
}

static int place_block(struct lay *L, const struct sheet_block *b, int k);

/* Starts a page; a continued one first repeats the running header. */
static void new_page(struct lay *L, bool continued)
{
	struct sheet_layout *o = L->out;
	ALLOC_GROW(o->pages, o->npages + 1, o->pages_alloc);
	o->pages[o->npages++] = (struct sheet_page){ L->section, continued };
	L->y = SHEET_Y0;
	const struct sheet_section *sec = &L->s->sections[L->section];
	if (continued && sec->nheader) {
		int block = L->block;
		L->repeat = true;
		for (int k = 0; k < sec->nheader; k++) {
			L->block = k;
			place_block(L, &sec->blocks[k], k);
		}
		L->repeat = false;
		L->block = block;
	}
	L->top = L->y;
}

/* Makes room for h points, on a new page if need be (unless this page
 * holds nothing yet, where more room cannot be had). */
static void need(struct lay *L, double h)
{
	if (!L->repeat && L->y + h > SHEET_Y1 && L->y > L->top + 0.5)
		new_page(L, true);
}

static void place_heading(struct lay *L, const struct sheet_block *b, int k)
{
	const struct sheet_section *sec = &L->s->sections[L->section];
	bool first_heading = true;
	for (int i = 0; i < k; i++)
		if (sec->blocks[i].kind == SHEET_HEADING)
			first_heading = false;
	char *text = NULL;
	if (L->repeat && first_heading)
		text = xasprintf("%s %s", b->text, L->s->continued);
	double size = b->level <= 1 ? 13.0 : 10.5;
	PangoLayout *pl = text_layout(L, text ? text : b->text, SHEET_BOLD,
				      size, SHEET_X1 - SHEET_X0, 3);
	free(text);
	double h = layout_height(pl);
	double before = (b->level > 1 && L->y > L->top + 0.5) ? SHEET_MM(2) : 0;
	/* A heading keeps at least a few lines of what it heads. */
	need(L, before + h + SHEET_MM(18));
	if (L->y > L->top + 0.5)
		L->y += before;
	add_text(L, pl, SHEET_X0, L->y, SHEET_X1 - SHEET_X0, SHEET_PART_OTHER,
		 SHEET_BOLD);
	L->y += h + SHEET_MM(1.2);
}

static void place_text(struct lay *L, const struct sheet_block *b)
{
	PangoLayout *pl = text_layout(L, b->text, b->style,
				      style_size(b->style),
				      SHEET_X1 - SHEET_X0, 0);
	double h = layout_height(pl);
	need(L, h);
	add_text(L, pl, SHEET_X0, L->y, SHEET_X1 - SHEET_X0, SHEET_PART_OTHER,
		 b->style);
	L->y += h + SHEET_MM(1.5);
}

/* Column edges in points, squeezed to the content width if wider. */
static double *column_edges(const struct sheet_table *t)
{
	double *x = xcalloc((size_t)t->ncols + 1, sizeof(double));
	double total = 0;
	for (int c = 0; c < t->ncols; c++)
		total += t->cols[c].width_mm;
	double scale = fmin(1.0, (SHEET_X1 - SHEET_X0) / SHEET_MM(total));
	x[0] = SHEET_X0;
	for (int c = 0; c < t->ncols; c++)
		x[c + 1] = x[c] + SHEET_MM(t->cols[c].width_mm) * scale;
	return x;
}

/* A column head broken between words only: in smaller type, down to
 * MIN_HEAD_PT, while a word is wider than the column. */
static PangoLayout *head_fit(struct lay *L, PangoLayout *pl,
			     const char *text, unsigned style, double size,
			     double width)
{
	for (;;) {
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD);
		PangoRectangle ink, logical;
		pango_layout_get_extents(pl, &ink, &logical);
		if (pt_of(logical.width) <= width + 0.01 ||
		    size - 0.4 < MIN_HEAD_PT)
			return pl;
		size -= 0.4;
		pl = text_layout(L, text, style, size, width, MAX_CELL_LINES);
	}
}

/* The height of a cell's QR code under its text, if it has one. */
static double qr_height(struct sheet_qr *const *qr, int c, PangoLayout *pl)
{
	if (!qr || !qr[c])
		return 0;
	return SHEET_MM(qr[c]->mm) + (pl ? layout_height(pl) : 0);
}

/* A row of cells: its layouts (NULL for empty cells) and its height. */
static double row_layouts(struct lay *L, const struct sheet_table *t,
			  const double *x, char *const *cells, unsigned style,
			  bool head, PangoLayout **pl, struct sheet_qr *const *qr)
{
	double h = 0, pad = t->facts ? SHEET_MM(0.4) : PAD;
	for (int c = 0; c < t->ncols; c++) {
		pl[c] = NULL;
		h = fmax(h, qr_height(qr, c, NULL));
		if (!cells[c] || !*cells[c])
			continue;
		unsigned st = head ? SHEET_BOLD | SHEET_SMALL
				   : t->cols[c].style | style;
		double size = style_size(st);
		if (head) {
			st |= t->cols[c].style & SHEET_RIGHT;
			/* A word such as "Regular" fits a 9 mm column. */
			if (x[c + 1] - x[c] < SHEET_MM(12))
				size = NARROW_HEAD_PT;
		}
		double w = x[c + 1] - x[c] - 2 * pad;
		pl[c] = text_layout(L, cells[c], st, size, w, MAX_CELL_LINES);
		if (head)
			pl[c] = head_fit(L, pl[c], cells[c], st, size, w);
		h = fmax(h, fmax(layout_height(pl[c]), qr_height(qr, c, pl[c])));
	}
	h += 2 * pad;
	if (!head)
		h = fmax(h, SHEET_MM(t->min_row_mm));
	return h;
}

static void draw_row(struct lay *L, const struct sheet_table *t,
		     const double *x, PangoLayout **pl, double h, int row,
		     unsigned style, struct sheet_qr *const *qr)
{
	double pad = t->facts ? SHEET_MM(0.4) : PAD;
	if (!t->facts) {
		if (row == SHEET_PART_HEAD)
			add_rect(L, x[0], L->y, x[t->ncols] - x[0], h, row,
				 SHEET_OP_FILL, 0.91, 0.91, 0.91);
		else if (style & SHEET_BOLD)
			add_rect(L, x[0], L->y, x[t->ncols] - x[0], h, row,
				 SHEET_OP_FILL, 0.96, 0.96, 0.96);
		for (int c = 0; c < t->ncols; c++)
			add_rect(L, x[c], L->y, x[c + 1] - x[c], h, row,
				 SHEET_OP_STROKE, 0, 0, 0);
	}
	for (int c = 0; c < t->ncols; c++)
		if (pl[c])
			add_text(L, pl[c], x[c] + pad, L->y + pad,
				 x[c + 1] - x[c] - 2 * pad, row,
				 row == SHEET_PART_HEAD ? 0 : t->cols[c].style);
	for (int c = 0; qr && c < t->ncols; c++) {
		if (!qr[c])
			continue;
		double w = SHEET_MM(qr[c]->mm);
		double top = L->y + pad + (pl[c] ? layout_height(pl[c]) : 0);
		/* Centred in its column. */
		double left = x[c] + (x[c + 1] - x[c] - w) / 2;
		add_op(L, SHEET_OP_QR, left, top, w, w, row)->obj = qr[c];
	}
	L->y += h;
}

static void place_table(struct lay *L, const struct sheet_table *t)
{
	double *x = column_edges(t);
	PangoLayout **head = xcalloc((size_t)t->ncols, sizeof(*head));
	PangoLayout **cells = xcalloc((size_t)t->ncols, sizeof(*cells));
	double head_h = 0;
	if (t->head)
		head_h = row_layouts(L, t, x, t->head, 0, true, head, NULL);
	for (int r = 0; r < t->nrows; r++) {
		size_t at = (size_t)r * (size_t)t->ncols;
		char *const *row = t->cells + at;
		struct sheet_qr *const *qr = t->qr ? t->qr + at : NULL;
		double h = row_layouts(L, t, x, row, t->row_style[r], false,
				       cells, qr);
		int page = L->out->npages;
		need(L, h + (r == 0 ? head_h : 0));
		if (t->head && (r == 0 || page != L->out->npages))
			draw_row(L, t, x, head, head_h, SHEET_PART_HEAD, 0,
				 NULL);
		draw_row(L, t, x, cells, h, r, t->row_style[r], qr);
	}
	L->y += t->facts ? SHEET_MM(1) : GAP;
	free(cells);
	free(head);
	free(x);
}

static int place_image(struct lay *L, const struct sheet_image *im)
{
	GError *gerr = NULL;
	RsvgHandle *svg = rsvg_handle_new_from_file(im->file, &gerr);
	if (!svg) {
		mr_fail(L->err, EX_IOERR, "%s: cannot read the image: %s",
			im->file, gerr ? gerr->message : "unknown error");
		g_clear_error(&gerr);
		return -1;
	}
	keep(L, svg);
	gdouble iw = 0, ih = 0;
	if (!rsvg_handle_get_intrinsic_size_in_pixels(svg, &iw, &ih) ||
	    iw <= 0 || ih <= 0) {
		iw = 4;
		ih = 3;
	}
	double w = fmin(SHEET_MM(im->width_mm), SHEET_X1 - SHEET_X0);
	double h = w * ih / iw;
	/* Down to MIN_IMAGE_H to stay on the page rather than start one. */
	double room = SHEET_Y1 - L->y - 1;
	double max_h = SHEET_MM(im->max_height_mm);
	if (h > max_h || (h > room && room >= MIN_IMAGE_H)) {
		h = fmin(max_h, h > room && room >= MIN_IMAGE_H ? room : h);
		w = h * iw / ih;
	}
	need(L, h);
	struct sheet_op *op = add_op(L, SHEET_OP_IMAGE, SHEET_X0, L->y, w, h,
				     SHEET_PART_OTHER);
	op->obj = svg;
	add_rect(L, SHEET_X0, L->y, w, h, SHEET_PART_OTHER, SHEET_OP_STROKE,
		 0, 0, 0)->gray = 0.6;
	L->y += h + GAP;
	return 0;
}

#define LANE_LABEL SHEET_MM(40.0)
#define LANE_H SHEET_MM(7.5)
#define BAR_PT 5.2

/* The hours along the top of a timeline. */
static void timeline_axis(struct lay *L, const struct sheet_timeline *tl,
			  double x0, double x1)
{
	double span = tl->t1 - tl->t0, first;
	int n = sheet_ticks(tl, &first);
	/* Smaller type when the half hours stand close. */
	double size = (x1 - x0) * SHEET_TICK_S / span < SHEET_MM(9)
		      ? 5.0 : SMALL_PT;
	for (int k = 0; k < n; k++) {
		double at = first + k * SHEET_TICK_S;
		char text[16];
		clock_format(at, text);
		PangoLayout *pl = text_layout(L, text, SHEET_MUTED, size, 0, 0);
		double x = x0 + (x1 - x0) * (at - tl->t0) / span;
		add_rect(L, x, L->y + SHEET_MM(3.2), 0, SHEET_MM(1), 
			 SHEET_PART_HEAD, SHEET_OP_STROKE, 0, 0, 0)->gray = 0.5;
		add_text(L, pl, fmin(x, x1 - SHEET_MM(7)), L->y, 0,
			 SHEET_PART_HEAD, SHEET_MUTED);
	}
	L->y += SHEET_MM(4.5);
}

static void place_timeline(struct lay *L, const struct sheet_timeline *tl)
{
	double x0 = SHEET_X0 + LANE_LABEL, x1 = SHEET_X1;
	double span = tl->t1 - tl->t0;
	for (int l = 0; l < tl->nlanes; l++) {
		const struct sheet_lane *lane = &tl->lanes[l];
		int page = L->out->npages;
		need(L, LANE_H + SHEET_MM(1) + (l == 0 ? SHEET_MM(4.5) : 0));
		if (l == 0 || page != L->out->npages)
			timeline_axis(L, tl, x0, x1);
		PangoLayout *pl = text_layout(L, lane->label, 0, SMALL_PT,
					      LANE_LABEL - SHEET_MM(2), 2);
		add_text(L, pl, SHEET_X0, L->y, LANE_LABEL - SHEET_MM(2), l, 0);
		add_rect(L, x0, L->y, x1 - x0, LANE_H, l, SHEET_OP_STROKE,
			 0, 0, 0)->gray = 0.6;
		for (int k = 0; k < lane->nbars; k++) {
			const struct sheet_bar *b = &lane->bars[k];
			double bx = x0 + (x1 - x0) * (b->start - tl->t0) / span;
			double bw = (x1 - x0) * (b->end - b->start) / span;
			add_rect(L, bx, L->y, bw, LANE_H, l,
				 SHEET_OP_FILL | SHEET_OP_STROKE, 0.81, 0.89,
				 0.95)->gray = 0.3;
			if (bw < SHEET_MM(4))
				continue;
			PangoLayout *bl = text_layout(L, b->text, 0, BAR_PT,
						      bw - SHEET_MM(1), 3);
			add_text(L, bl, bx + SHEET_MM(0.5), L->y + SHEET_MM(0.4),
				 bw - SHEET_MM(1), l, 0);
		}
		L->y += LANE_H + SHEET_MM(1);
	}
	L->y += GAP;
}

static void place_cards(struct lay *L, const struct sheet_cards *c)
{
	double w = SHEET_MM(c->width_mm), h = SHEET_MM(c->height_mm);
	double gap = SHEET_MM(2);
	int per_row = (int)((SHEET_X1 - SHEET_X0 + gap) / (w + gap));
	if (per_row < 1)
		per_row = 1;
	for (int k = 0; k < c->n; k++) {
		int col = k % per_row;
		if (col == 0) {
			if (k)
				L->y += h + gap;
			need(L, h);
		}
		double x = SHEET_X0 + col * (w + gap);
		add_rect(L, x, L->y, w, h, k / per_row,
			 SHEET_OP_STROKE | SHEET_OP_DASHED, 0, 0, 0);
		PangoLayout *pl = text_layout(L, c->text[k], SHEET_FIRST_BOLD,
					      SMALL_PT, w - SHEET_MM(4), 0);
		pango_layout_set_height(pl, (int)((h - SHEET_MM(4)) *
						 PANGO_SCALE));
		pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
		add_text(L, pl, x + SHEET_MM(2), L->y + SHEET_MM(2),
			 w - SHEET_MM(4), k / per_row, 0);
	}
	if (c->n)
		L->y += h + gap;
}

static int place_block(struct lay *L, const struct sheet_block *b, int k)
{
	switch (b->kind) {
	case SHEET_HEADING:
		place_heading(L, b, k);
		break;
	case SHEET_TEXT:
		place_text(L, b);
		break;
	case SHEET_TABLE:
		place_table(L, &b->u.table);
		break;
	case SHEET_IMAGE:
		return place_image(L, &b->u.image);
	case SHEET_TIMELINE:
		place_timeline(L, &b->u.timeline);
		break;
	case SHEET_CARDS:
		place_cards(L, &b->u.cards);
		break;
	}
	return 0;
}

static PangoContext *new_context(void)
{
	PangoFontMap *fm = pango_cairo_font_map_get_default();
	PangoContext *ctx = pango_font_map_create_context(fm);
	/* Points as device units, and metrics not hinted to pixels: the
	 * layout is for paper. */
	pango_cairo_context_set_resolution(ctx, 72.0);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	return ctx;
}

int sheet_layout_make(const struct sheet *s, struct sheet_layout *out,
		      struct mr_error *err)
{
	memset(out, 0, sizeof(*out));
	struct lay L = { .s = s, .out = out, .err = err };
	L.ctx = new_context();
	out->context = L.ctx;
	for (int i = 0; i < s->nsections; i++) {
		const struct sheet_section *sec = &s->sections[i];
		L.section = i;
		L.block = 0;
		new_page(&L, false);
		for (int k = 0; k < sec->nblocks; k++) {
			L.block = k;
			if (place_block(&L, &sec->blocks[k], k) != 0) {
				sheet_layout_release(out);
				return -1;
			}
			if (k + 1 == sec->nheader)
				L.top = L.y;
		}
	}
	return 0;
}

void sheet_layout_release(struct sheet_layout *l)
{
	for (int i = 0; i < l->nobjs; i++)
		g_object_unref(l->objs[i]);
	if (l->context)
		g_object_unref(l->context);
	free(l->objs);
	free(l->ops);
	free(l->pages);
	memset(l, 0, sizeof(*l));
}

const char *sheet_op_text(const struct sheet_op *op)
{
	return op->kind == SHEET_OP_TEXT ? pango_layout_get_text(op->obj)
					 : NULL;
}

/* Draws one operation; false when librsvg could not draw a map. */
static bool draw_op(cairo_t *cr, const struct sheet_op *op)
{
	bool ok = true;
	switch (op->kind) {
	case SHEET_OP_TEXT:
		cairo_set_source_rgb(cr, op->gray, op->gray, op->gray);
		cairo_move_to(cr, op->x, op->y);
		pango_cairo_show_layout(cr, op->obj);
		break;
	case SHEET_OP_RECT:
		cairo_rectangle(cr, op->x, op->y, op->w, op->h);
		if (op->flags & SHEET_OP_FILL) {
			cairo_set_source_rgb(cr, op->fill[0], op->fill[1],
					     op->fill[2]);
			if (op->flags & SHEET_OP_STROKE)
				cairo_fill_preserve(cr);
			else
				cairo_fill(cr);
		}
		if (op->flags & SHEET_OP_STROKE) {
			double dash = SHEET_MM(1.2);
			cairo_set_dash(cr, &dash, (op->flags & SHEET_OP_DASHED)
				       ? 1 : 0, 0);
			cairo_set_line_width(cr, SHEET_MM(0.25));
			cairo_set_source_rgb(cr, op->gray, op->gray, op->gray);
			cairo_stroke(cr);
		}
		break;
	case SHEET_OP_QR: {
		/* Dark runs of modules as one path, inside the quiet zone. */
		const struct sheet_qr *qr = op->obj;
		double m = op->w / (qr->size + 2 * QR_QUIET);
		double x0 = op->x + QR_QUIET * m, y0 = op->y + QR_QUIET * m;
		for (int y = 0; y < qr->size; y++)
			for (int x = 0; x < qr->size; x++) {
				int n = qr_run(qr, x, y);
				if (!n)
					continue;
				cairo_rectangle(cr, x0 + x * m, y0 + y * m,
						n * m, m);
				x += n;
			}
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_fill(cr);
		break;
	}
	case SHEET_OP_IMAGE: {
		RsvgRectangle vp = { op->x, op->y, op->w, op->h };
		cairo_save(cr);
		cairo_rectangle(cr, op->x, op->y, op->w, op->h);
		cairo_clip(cr);
		ok = rsvg_handle_render_document(op->obj, cr, &vp, NULL);
		cairo_restore(cr);
		break;
	}
	}
	return ok;
}

/* "kitchen · phone" at the left, "page x/y" at the right. */
static void draw_footer(cairo_t *cr, struct lay *L, int page)
{
	const struct sheet *s = L->s;
	double y = SHEET_Y1 + SHEET_MM(5);
	double half = (SHEET_X1 - SHEET_X0) / 2;
	cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
	if (s->footer) {
		PangoLayout *pl = text_layout(L, s->footer, 0, SMALL_PT,
					      half * 1.5, 2);
		cairo_move_to(cr, SHEET_X0, y);
		pango_cairo_show_layout(cr, pl);
	}
	char *num = xasprintf("%s %d/%d", s->page_word ? s->page_word : "",
			      page + 1, L->out->npages);
	PangoLayout *pl = text_layout(L, num, SHEET_RIGHT, SMALL_PT,
				      half / 2, 1);
	free(num);
	cairo_move_to(cr, SHEET_X1 - half / 2, y);
	pango_cairo_show_layout(cr, pl);
}

static cairo_status_t write_stream(void *closure, const unsigned char *data,
				   unsigned int length)
{
	return fwrite(data, 1, length, closure) == length
		? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

int sheet_write_pdf(const struct sheet *s, const char *path,
		    int *section_pages, struct mr_error *err)
{
	struct sheet_layout lo;
	if (sheet_layout_make(s, &lo, err) != 0)
		return -1;
	for (int p = lo.npages - 1; section_pages && p >= 0; p--)
		section_pages[lo.pages[p].section] = p + 1;
	struct outfile of = { 0 };
	if (outfile_open(&of, path, err) != 0) {
		sheet_layout_release(&lo);
		return -1;
	}
	cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(
		write_stream, of.fp, SHEET_PAGE_W, SHEET_PAGE_H);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE,
				       s->title);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR,
				       "mealrun");
	cairo_t *cr = cairo_create(surf);
	struct lay L = { .s = s, .out = &lo, .ctx = lo.context, .err = err };
	int op = 0;
	bool drawn = true;
	for (int page = 0; page < lo.npages; page++) {
		for (; op < lo.nops && lo.ops[op].page == page; op++)
			drawn &= draw_op(cr, &lo.ops[op]);
		draw_footer(cr, &L, page);
		cairo_show_page(cr);
	}
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	sheet_layout_release(&lo);
	if (st != CAIRO_STATUS_SUCCESS || !drawn) {
		outfile_abort(&of);
		return mr_fail(err, EX_IOERR, "%s: cannot write the PDF: %s",
			       path, drawn ? cairo_status_to_string(st)
					   : "a map could not be drawn");
	}
	return outfile_commit(&of, err);
}
