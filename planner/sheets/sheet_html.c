/*
 * A sheet as an HTML page with print CSS (see sheet.h): each section a
 * page of its own, table rows never cut across pages, the header row
 * repeated, and the footer and page numbers in the page's margin boxes.
 */
#include "planner/sheets/sheet.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planner/sheets/qr.h"
#include "util/html.h"
#include "util/strbuf.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

static const char sheet_css[] =
	"@page { size: A4 portrait; margin: 12mm 10mm 16mm 10mm; }\n"
	"body { font-family: 'Noto Sans CJK SC', 'Noto Sans', 'DejaVu Sans', "
	"sans-serif; font-size: 8.5pt; color: #000; margin: 0; }\n"
	"section { break-after: page; page-break-after: always; }\n"
	"section:last-of-type { break-after: auto; page-break-after: auto; }\n"
	"h1 { font-size: 14pt; margin: 0 0 2mm 0; }\n"
	"h2 { font-size: 11pt; margin: 3mm 0 1mm 0; break-after: avoid; }\n"
	"table { border-collapse: collapse; margin: 1mm 0 2mm 0; "
	"table-layout: fixed; }\n"
	"table.grid th, table.grid td { border: 0.3mm solid #000; "
	"padding: 0.8mm 1mm; vertical-align: top; overflow-wrap: break-word; }\n"
	"table.grid th { background: #e8e8e8; font-size: 7.5pt; "
	"text-align: left; }\n"
	"tr { break-inside: avoid; page-break-inside: avoid; }\n"
	"thead { display: table-header-group; }\n"
	"tr.total td { font-weight: bold; }\n"
	"table.facts td { padding: 0.5mm 2mm 0.5mm 0; vertical-align: top; }\n"
	"td.muted { color: #444; }\n"
	"td.bold { font-weight: bold; }\n"
	"td.small, p.small { font-size: 7pt; }\n"
	"td.right { text-align: right; white-space: nowrap; }\n"
	"td.first-bold::first-line { font-weight: bold; }\n"
	"svg.qr { display: block; margin: 0 auto; }\n"
	/* A section's running header in a table head, which a browser
	 * repeats at the top of every page the section runs on to. */
	"table.page { width: 100%; margin: 0; table-layout: auto; }\n"
	"table.page > * > tr > td { padding: 0; border: 0; }\n"
	"table.page > tbody > tr { break-inside: auto; "
	"page-break-inside: auto; }\n"
	/* Column heads break between words only, in smaller type over a
	 * narrow column, as in the PDF. */
	"table.grid th { overflow-wrap: normal; word-break: keep-all; }\n"

	"p { margin: 1mm 0 2mm 0; }\n"
	"p.bold { font-weight: bold; }\n"
	"p.large { font-size: 10.5pt; }\n"
	"p.muted { color: #444; }\n"
	"img { display: block; max-width: 100%; margin: 1mm 0 2mm 0; "
	"border: 0.3mm solid #999; }\n"
	".timeline { width: 190mm; }\n"
	".axis { position: relative; height: 4mm; margin-left: 40mm; "
	"font-size: 6.5pt; color: #444; }\n"
	".axis span { position: absolute; top: 0; }\n"
	".lanerow { display: flex; break-inside: avoid; margin-bottom: 1mm; }\n"
	".lanelabel { width: 40mm; font-size: 7.5pt; }\n"
	".lane { position: relative; height: 7.5mm; flex: 1; "
	"border: 0.3mm solid #999; }\n"
	".bar { position: absolute; top: 0; bottom: 0; background: #cfe2f3; "
	"border-right: 0.3mm solid #1f4e79; font-size: 5.5pt; overflow: hidden; "
	"line-height: 1.15; padding: 0 0.3mm; box-sizing: border-box; }\n"
	".cards { display: flex; flex-wrap: wrap; gap: 2mm; }\n"
	".card { border: 0.3mm dashed #000; padding: 2mm; "
	"box-sizing: border-box; break-inside: avoid; overflow: hidden; }\n"
	".card { font-size: 7pt; line-height: 1.25; }\n"
	".card b { font-size: 8.5pt; }\n"
	"@media screen { section { max-width: 190mm; margin: 8mm auto; "
	"border-bottom: 1px dashed #888; padding-bottom: 8mm; } }\n";

/* Appends text to node, each '\n' a <br>. */
static void lines(xmlNodePtr node, const char *text, bool first_bold)
{
	for (int n = 0; text && *text; n++) {
		size_t len = strcspn(text, "\n");
		char *line = xstrndup(text, len);
		if (n)
			html_el(node, "br", NULL, NULL);
		if (n == 0 && first_bold)
			html_el(node, "b", NULL, line);
		else
			html_text(node, line);
		free(line);
		text += len + (text[len] == '\n');
	}
}

/* The HTML classes of a style. */
static void style_classes(unsigned style, struct strbuf *sb)
{
	static const struct { unsigned bit; const char *name; } names[] = {
		{ SHEET_BOLD, "bold" }, { SHEET_SMALL, "small" },
		{ SHEET_MUTED, "muted" }, { SHEET_RIGHT, "right" },
		{ SHEET_BLANK, "blank" }, { SHEET_LARGE, "large" },
		{ SHEET_FIRST_BOLD, "first-bold" },
	};
	strbuf_reset(sb);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (style & names[i].bit)
			strbuf_addf(sb, "%s%s", sb->len ? " " : "",
				    names[i].name);
}

/* A QR code as an inline SVG: its dark runs as one path, in a viewBox
 * with the quiet zone around. */
static void qr_svg(xmlNodePtr parent, const struct sheet_qr *qr)
{
	struct strbuf sb = STRBUF_INIT;
	xmlNodePtr svg = html_el(parent, "svg", "qr", NULL);
	html_attr(svg, "xmlns", "http://www.w3.org/2000/svg");
	strbuf_addf(&sb, "%.1fmm", qr->mm);
	html_attr(svg, "width", strbuf_str(&sb));
	html_attr(svg, "height", strbuf_str(&sb));
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%d %d %d %d", -QR_QUIET, -QR_QUIET,
		    qr->size + 2 * QR_QUIET, qr->size + 2 * QR_QUIET);
	html_attr(svg, "viewBox", strbuf_str(&sb));
	html_attr(svg, "shape-rendering", "crispEdges");
	html_attr(svg, "role", "img");
	html_attr(svg, "aria-label", qr->text);
	strbuf_reset(&sb);
	for (int y = 0; y < qr->size; y++)
		for (int x = 0; x < qr->size; x++) {
			int n = qr_run(qr, x, y);
			if (!n)
				continue;
			strbuf_addf(&sb, "M%d %dh%dv1h-%dz", x, y, n, n);
			x += n;
		}
	xmlNodePtr path = html_el(svg, "path", NULL, NULL);
	html_attr(path, "d", strbuf_str(&sb));
	strbuf_release(&sb);
}

static void cell(xmlNodePtr row, const char *tag, const struct sheet_col *col,
		 unsigned row_style, const char *text, const char *href,
		 const struct sheet_qr *qr, struct strbuf *sb)
{
	style_classes(col->style | row_style, sb);
	xmlNodePtr td = html_el(row, tag, sb->len ? strbuf_str(sb) : NULL,
				NULL);
	if (href) {
		td = html_el(td, "a", NULL, NULL);
		html_attr(td, "href", href);
	}
	lines(td, text, col->style & SHEET_FIRST_BOLD);
	if (qr) {
		if (!href) {
			/* A link too, for a phone reading the page. */
			td = html_el(td, "a", NULL, NULL);
			html_attr(td, "href", qr->text);
		}
		qr_svg(td, qr);
	}
}

/*
 * The type size, below the heads' 7.5 pt, at which the longest word of a
 * column head fits its column (the PDF measures; here a word's width is
 * estimated: a Chinese character an em, others 0.6 of one in bold), down
 * to 4.6 pt; 0 when 7.5 pt fits.
 */
static double head_pt(const char *head, double col_mm)
{
	double word = 0, longest = 0;
	for (const unsigned char *p = (const unsigned char *)head; p && *p;
	     p++) {
		if (*p == ' ' || *p == '\n')
			word = 0;
		else if ((*p & 0xC0) != 0x80)
			word += *p >= 0xE3 ? 1.0 : 0.6;
		longest = fmax(longest, word);
	}
	double room = col_mm - 2.2; /* padding and rules */
	double pt = room / (longest * 25.4 / 72);
	return longest && pt < 7.5 ? fmax(4.6, pt) : 0;
}

static void table_html(xmlNodePtr parent, const struct sheet_table *t)
{
	struct strbuf sb = STRBUF_INIT;
	xmlNodePtr table = html_el(parent, "table", t->facts ? "facts" : "grid",
				   NULL);
	double width = 0;
	for (int c = 0; c < t->ncols; c++)
		width += t->cols[c].width_mm;
	/* Less the outer half of the rules, so that a table of the page's
	 * width keeps its right rule on the page. */
	double scale = t->facts ? 1 : (width - 0.6) / width;
	xmlNodePtr cg = html_el(table, "colgroup", NULL, NULL);
	for (int c = 0; c < t->ncols; c++) {
		xmlNodePtr col = html_el(cg, "col", NULL, NULL);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "width:%.2fmm", t->cols[c].width_mm * scale);
		html_attr(col, "style", strbuf_str(&sb));
	}
	strbuf_reset(&sb);
	strbuf_addf(&sb, "width:%.2fmm", width * scale);
	html_attr(table, "style", strbuf_str(&sb));
	if (t->head) {
		xmlNodePtr tr = html_el(html_el(table, "thead", NULL, NULL),
					"tr", NULL, NULL);
		for (int c = 0; c < t->ncols; c++) {
			xmlNodePtr th = html_el(tr, "th", NULL, NULL);
			double pt = head_pt(t->head[c], t->cols[c].width_mm);
			if (pt > 0) {
				strbuf_reset(&sb);
				strbuf_addf(&sb, "font-size:%.1fpt", pt);
				html_attr(th, "style", strbuf_str(&sb));
			}
			lines(th, t->head[c], false);
		}
	}
	xmlNodePtr body = html_el(table, "tbody", NULL, NULL);
	char height[32] = "";
	if (t->min_row_mm > 0)
		snprintf(height, sizeof(height), "height:%.1fmm", t->min_row_mm);
	for (int r = 0; r < t->nrows; r++) {
		xmlNodePtr tr = html_el(body, "tr", (t->row_style[r] & SHEET_BOLD)
					? "total" : NULL, NULL);
		if (*height)
			html_attr(tr, "style", height);
		for (int c = 0; c < t->ncols; c++) {
			size_t i = (size_t)r * (size_t)t->ncols + (size_t)c;
			cell(tr, "td", &t->cols[c], t->row_style[r] & ~SHEET_BOLD,
			     t->cells[i], t->links ? t->links[i] : NULL,
			     t->qr ? t->qr[i] : NULL, &sb);
		}
	}
	strbuf_release(&sb);
}

static void timeline_html(xmlNodePtr parent, const struct sheet_timeline *tl)
{
	xmlNodePtr box = html_el(parent, "div", "timeline", NULL);
	xmlNodePtr axis = html_el(box, "div", "axis", NULL);
	double span = tl->t1 - tl->t0, first;
	char style[96];
	int n = sheet_ticks(tl, &first);
	for (int k = 0; k < n; k++) {
		double at = first + k * SHEET_TICK_S;
		char hour[16];
		snprintf(style, sizeof(style), "left:%.2f%%",
			 100 * (at - tl->t0) / span);
		clock_format(at, hour);
		xmlNodePtr tick = html_el(axis, "span", NULL, hour);
		html_attr(tick, "style", style);
	}
	for (int l = 0; l < tl->nlanes; l++) {
		const struct sheet_lane *lane = &tl->lanes[l];
		xmlNodePtr row = html_el(box, "div", "lanerow", NULL);
		html_el(row, "div", "lanelabel", lane->label);
		xmlNodePtr track = html_el(row, "div", "lane", NULL);
		for (int k = 0; k < lane->nbars; k++) {
			const struct sheet_bar *b = &lane->bars[k];
			snprintf(style, sizeof(style), "left:%.2f%%;width:%.2f%%",
				 100 * (b->start - tl->t0) / span,
				 100 * (b->end - b->start) / span);
			xmlNodePtr bar = html_el(track, "div", "bar", NULL);
			lines(bar, b->text, false);
			html_attr(bar, "style", style);
			html_attr(bar, "title", b->text);
		}
	}
}

static void cards_html(xmlNodePtr parent, const struct sheet_cards *c)
{
	xmlNodePtr box = html_el(parent, "div", "cards", NULL);
	char style[64];
	snprintf(style, sizeof(style), "width:%.1fmm;height:%.1fmm",
		 c->width_mm, c->height_mm);
	for (int k = 0; k < c->n; k++) {
		xmlNodePtr card = html_el(box, "div", "card", NULL);
		html_attr(card, "style", style);
		lines(card, c->text[k], true);
	}
}

static void block_html(xmlNodePtr sec, const struct sheet_block *b)
{
	struct strbuf sb = STRBUF_INIT;
	switch (b->kind) {
	case SHEET_HEADING:
		html_el(sec, b->level <= 1 ? "h1" : "h2", NULL, b->text);
		break;
	case SHEET_TEXT:
		style_classes(b->style, &sb);
		if (b->cls)
			strbuf_addf(&sb, "%s%s", sb.len ? " " : "", b->cls);
		lines(html_el(sec, "p", sb.len ? strbuf_str(&sb) : NULL, NULL),
		      b->text, false);
		break;
	case SHEET_TABLE:
		table_html(sec, &b->u.table);
		break;
	case SHEET_IMAGE: {
		xmlNodePtr img = html_el(sec, "img", "map", NULL);
		html_attr(img, "src", b->u.image.href);
		html_attr(img, "alt", b->u.image.alt);
		strbuf_addf(&sb, "width:%.1fmm;max-height:%.1fmm",
			    b->u.image.width_mm, b->u.image.max_height_mm);
		html_attr(img, "style", strbuf_str(&sb));
		break;
	}
	case SHEET_TIMELINE:
		timeline_html(sec, &b->u.timeline);
		break;
	case SHEET_CARDS:
		cards_html(sec, &b->u.cards);
		break;
	}
	strbuf_release(&sb);
}

/* A CSS string literal of text. */
static void css_string(struct strbuf *sb, const char *text)
{
	strbuf_addch(sb, '"');
	for (const char *p = text; p && *p; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_addf(sb, "\\%c", *p);
		else if ((unsigned char)*p < 0x20)
			strbuf_addstr(sb, "\\a ");
		else if (*p == '<')
			strbuf_addstr(sb, "\\3c ");
		else
			strbuf_addch(sb, *p);
	}
	strbuf_addch(sb, '"');
}

int sheet_write_html(const struct sheet *s, const char *path,
		     struct mr_error *err)
{
	struct strbuf css = STRBUF_INIT;
	strbuf_addstr(&css, sheet_css);
	if (s->css)
		strbuf_addstr(&css, s->css);
	if (s->footer || s->page_word) {
		strbuf_addstr(&css, "@page { @bottom-left { content: ");
		css_string(&css, s->footer);
		strbuf_addstr(&css, "; font-size: 7.5pt; } @bottom-right { "
			      "content: ");
		css_string(&css, s->page_word);
		strbuf_addstr(&css, " \" \" counter(page) \"/\" counter(pages); "
			      "font-size: 7.5pt; } }\n");
	}
	struct html_page page;
	html_page_init(&page, s->lang, s->title, strbuf_str(&css));
	strbuf_release(&css);
	for (int i = 0; i < s->nsections; i++) {
		const struct sheet_section *sec = &s->sections[i];
		xmlNodePtr node = html_el(page.body, "section", sec->cls, NULL);
		if (sec->id)
			html_attr(node, "id", sec->id);
		xmlNodePtr head = node, body = node;
		if (sec->nheader > 0) {
			xmlNodePtr t = html_el(node, "table", "page", NULL);
			head = html_el(html_el(html_el(t, "thead", NULL, NULL),
					       "tr", NULL, NULL), "td", NULL,
				       NULL);
			body = html_el(html_el(html_el(t, "tbody", NULL, NULL),
					       "tr", NULL, NULL), "td", NULL,
				       NULL);
		}
		for (int k = 0; k < sec->nblocks; k++)
			block_html(k < sec->nheader ? head : body,
				   &sec->blocks[k]);
	}
	int rc = html_page_write(&page, path, err);
	html_page_release(&page);
	return rc;
}
