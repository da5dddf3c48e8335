/*
 * Building a sheet's blocks (see sheet.h). Only copies text into place;
 * the writers in sheet_html.c and sheet_pdf.c lay it out.
 */
#include "planner/sheets/sheet.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "planner/sheets/qr.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

void sheet_init(struct sheet *s, const char *title, const char *lang,
		const char *continued)
{
	memset(s, 0, sizeof(*s));
	s->title = xstrdup(title);
	s->lang = xstrdup(lang);
	s->continued = xstrdup(continued);
}

static void table_release(struct sheet_table *t)
{
	size_t n = (size_t)t->nrows * (size_t)t->ncols;
	for (size_t i = 0; i < n; i++) {
		free(t->cells[i]);
		if (t->links)
			free(t->links[i]);
		if (t->qr)
			qr_free(t->qr[i]);
	}
	if (t->head)
		for (int c = 0; c < t->ncols; c++)
			free(t->head[c]);
	free(t->head);
	free(t->cells);
	free(t->links);
	free(t->qr);
	free(t->row_style);
	free(t->cols);
}

static void block_release(struct sheet_block *b)
{
	free(b->text);
	free(b->cls);
	switch (b->kind) {
	case SHEET_TABLE:
		table_release(&b->u.table);
		break;
	case SHEET_IMAGE:
		free(b->u.image.href);
		free(b->u.image.file);
		free(b->u.image.alt);
		break;
	case SHEET_TIMELINE:
		for (int l = 0; l < b->u.timeline.nlanes; l++) {
			struct sheet_lane *lane = &b->u.timeline.lanes[l];
			for (int k = 0; k < lane->nbars; k++)
				free(lane->bars[k].text);
			free(lane->bars);
			free(lane->label);
		}
		free(b->u.timeline.lanes);
		break;
	case SHEET_CARDS:
		for (int k = 0; k < b->u.cards.n; k++)
			free(b->u.cards.text[k]);
		free(b->u.cards.text);
		break;
	case SHEET_HEADING:
	case SHEET_TEXT:
		break;
	}
}

void sheet_release(struct sheet *s)
{
	for (int i = 0; i < s->nsections; i++) {
		struct sheet_section *sec = &s->sections[i];
		for (int k = 0; k < sec->nblocks; k++)
			block_release(&sec->blocks[k]);
		free(sec->blocks);
		free(sec->id);
		free(sec->cls);
	}
	free(s->sections);
	free(s->title);
	free(s->lang);
	free(s->continued);
	free(s->footer);
	free(s->page_word);
	free(s->css);
	memset(s, 0, sizeof(*s));
}

void sheet_set_footer(struct sheet *s, const char *text,
		      const char *page_word)
{
	free(s->footer);
	free(s->page_word);
	s->footer = xstrdup(text);
	s->page_word = xstrdup(page_word);
}

void sheet_add_css(struct sheet *s, const char *css)
{
	char *all = xasprintf("%s%s", s->css ? s->css : "", css);
	free(s->css);
	s->css = all;
}

void sheet_section(struct sheet *s, const char *id, const char *cls)
{
	ALLOC_GROW(s->sections, s->nsections + 1, s->alloc);
	struct sheet_section *sec = &s->sections[s->nsections++];
	memset(sec, 0, sizeof(*sec));
	sec->id = xstrdup(id);
	sec->cls = xstrdup(cls);
}

void sheet_running_header(struct sheet *s)
{
	struct sheet_section *sec = &s->sections[s->nsections - 1];
	sec->nheader = sec->nblocks;
}

/* A new block at the end of the last section (one is started if none). */
static struct sheet_block *new_block(struct sheet *s,
				     enum sheet_block_kind kind)
{
	if (!s->nsections)
		sheet_section(s, NULL, NULL);
	struct sheet_section *sec = &s->sections[s->nsections - 1];
	ALLOC_GROW(sec->blocks, sec->nblocks + 1, sec->alloc);
	struct sheet_block *b = &sec->blocks[sec->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

/* A heading or paragraph block with its text formatted. */
static struct sheet_block *text_block(struct sheet *s,
				      enum sheet_block_kind kind,
				      const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static struct sheet_block *text_block(struct sheet *s,
				      enum sheet_block_kind kind,
				      const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_vaddf(&sb, fmt, ap);
	struct sheet_block *b = new_block(s, kind);
	b->text = strbuf_detach(&sb);
	return b;
}

void sheet_heading(struct sheet *s, int level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	text_block(s, SHEET_HEADING, fmt, ap)->level = level;
	va_end(ap);
}

void sheet_text(struct sheet *s, unsigned style, const char *cls,
		const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct sheet_block *b = text_block(s, SHEET_TEXT, fmt, ap);
	va_end(ap);
	b->style = style;
	b->cls = xstrdup(cls);
}

struct sheet_table *sheet_table(struct sheet *s, int ncols,
				const struct sheet_col *cols,
				const char *const *head)
{
	struct sheet_block *b = new_block(s, SHEET_TABLE);
	struct sheet_table *t = &b->u.table;
	t->ncols = ncols;
	t->cols = xcalloc((size_t)ncols, sizeof(*cols));
	memcpy(t->cols, cols, (size_t)ncols * sizeof(*cols));
	if (head) {
		t->head = xcalloc((size_t)ncols, sizeof(char *));
		for (int c = 0; c < ncols; c++)
			t->head[c] = xstrdup(head[c]);
	}
	return t;
}

void sheet_row(struct sheet_table *t, const char *const *cells,
	       unsigned style)
{
	size_t n = (size_t)t->ncols;
	if (t->nrows + 1 > t->alloc) {
		int grow = t->alloc * 2 + 8;
		t->cells = xreallocarray(t->cells, (size_t)grow * n,
					 sizeof(char *));
		if (t->links)
			t->links = xreallocarray(t->links, (size_t)grow * n,
						 sizeof(char *));
		if (t->qr)
			t->qr = xreallocarray(t->qr, (size_t)grow * n,
					      sizeof(*t->qr));
		t->row_style = xreallocarray(t->row_style, (size_t)grow,
					     sizeof(unsigned));
		t->alloc = grow;
	}
	char **row = t->cells + (size_t)t->nrows * n;
	for (size_t c = 0; c < n; c++)
		row[c] = cells ? xstrdup(cells[c]) : NULL;
	if (t->links)
		memset(t->links + (size_t)t->nrows * n, 0, n * sizeof(char *));
	if (t->qr)
		memset(t->qr + (size_t)t->nrows * n, 0, n * sizeof(*t->qr));
	t->row_style[t->nrows++] = style;
}

void sheet_link(struct sheet_table *t, int col, const char *href)
{
	size_t n = (size_t)t->ncols;
	if (!t->links)
		t->links = xcalloc((size_t)t->alloc * n, sizeof(char *));
	char **cell = &t->links[(size_t)(t->nrows - 1) * n + (size_t)col];
	free(*cell);
	*cell = xstrdup(href);
}

int sheet_cell_qr(struct sheet_table *t, int col, const char *text,
		  double mm, bool low)
{
	struct sheet_qr *qr = qr_encode(text, mm, low);
	if (!qr)
		return -1;
	size_t n = (size_t)t->ncols;
	if (!t->qr)
		t->qr = xcalloc((size_t)t->alloc * n, sizeof(*t->qr));
	struct sheet_qr **cell = &t->qr[(size_t)(t->nrows - 1) * n +
					(size_t)col];
	qr_free(*cell);
	*cell = qr;
	return 0;
}

struct sheet_table *sheet_facts(struct sheet *s, int pairs, double key_mm,
				double value_mm)
{
	struct sheet_col *cols = xcalloc((size_t)pairs * 2, sizeof(*cols));
	for (int p = 0; p < pairs; p++) {
		cols[2 * p] = (struct sheet_col){ key_mm, SHEET_MUTED };
		cols[2 * p + 1] = (struct sheet_col){ value_mm, SHEET_BOLD };
	}
	struct sheet_table *t = sheet_table(s, pairs * 2, cols, NULL);
	t->facts = true;
	t->fill = t->ncols;
	free(cols);
	return t;
}

void sheet_fact(struct sheet_table *t, const char *key, const char *value)
{
	if (t->fill >= t->ncols) {
		sheet_row(t, NULL, 0);
		t->fill = 0;
	}
	char **row = t->cells + (size_t)(t->nrows - 1) * (size_t)t->ncols;
	row[t->fill++] = xstrdup(key);
	row[t->fill++] = xstrdup(value);
}

void sheet_image(struct sheet *s, const char *href, const char *file,
		 const char *alt, double width_mm, double max_height_mm)
{
	struct sheet_block *b = new_block(s, SHEET_IMAGE);
	b->u.image.href = xstrdup(href);
	b->u.image.file = xstrdup(file);
	b->u.image.alt = xstrdup(alt);
	b->u.image.width_mm = width_mm;
	b->u.image.max_height_mm = max_height_mm;
}

struct sheet_timeline *sheet_timeline(struct sheet *s, double t0, double t1)
{
	struct sheet_block *b = new_block(s, SHEET_TIMELINE);
	b->u.timeline.t0 = t0;
	b->u.timeline.t1 = t1 > t0 ? t1 : t0 + 60;
	return &b->u.timeline;
}

void sheet_lane(struct sheet_timeline *tl, const char *label)
{
	ALLOC_GROW(tl->lanes, tl->nlanes + 1, tl->alloc);
	struct sheet_lane *lane = &tl->lanes[tl->nlanes++];
	memset(lane, 0, sizeof(*lane));
	lane->label = xstrdup(label);
}

void sheet_bar(struct sheet_timeline *tl, double start, double end,
	       const char *text)
{
	struct sheet_lane *lane = &tl->lanes[tl->nlanes - 1];
	ALLOC_GROW(lane->bars, lane->nbars + 1, lane->alloc);
	lane->bars[lane->nbars++] = (struct sheet_bar){ start, end,
							xstrdup(text) };
}

struct sheet_cards *sheet_cards(struct sheet *s, double width_mm,
				double height_mm)
{
	struct sheet_block *b = new_block(s, SHEET_CARDS);
	b->u.cards.width_mm = width_mm;
	b->u.cards.height_mm = height_mm;
	return &b->u.cards;
}

void sheet_card(struct sheet_cards *c, const char *text)
{
	ALLOC_GROW(c->text, c->n + 1, c->alloc);
	c->text[c->n++] = xstrdup(text);
}

int sheet_ticks(const struct sheet_timeline *tl, double *first)
{
	*first = ceil(tl->t0 / SHEET_TICK_S) * SHEET_TICK_S;
	if (*first > tl->t1)
		return 0;
	return (int)floor((tl->t1 - *first) / SHEET_TICK_S) + 1;
}
