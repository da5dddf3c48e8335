/*
 * The report's plots as SVG text (see report.h): boxes planned and
 * delivered per day, the share of stops in their window per day, and the
 * temperatures at delivery against the kitchen's cold line. The sheet
 * shows them as images, which the PDF draws with the sheets' own engine
 * (librsvg on cairo) and the HTML links to, so that both show the same.
 */
#include "planner/sheets/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/outfile.h"
#include "util/xalloc.h"

/* The drawing area, in SVG user units (a quarter millimetre). */
#define PLOT_W 760.0
#define PLOT_H 220.0
#define LEFT 46.0
#define RIGHT 12.0
#define TOP 26.0
#define BOTTOM 24.0

struct plot {
	int ndays;
	double y0, y1;               /* the value axis */
	struct strbuf svg;
};

static double px(const struct plot *p, double day)
{
	return LEFT + (day - 0.5) * (PLOT_W - LEFT - RIGHT) / p->ndays;
}

static double py(const struct plot *p, double y)
{
	return PLOT_H - BOTTOM -
	       (y - p->y0) * (PLOT_H - TOP - BOTTOM) / (p->y1 - p->y0);
}

/* Text for SVG: &, < and > escaped. */
static void add_text(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			strbuf_addstr(sb, "&amp;");
		else if (*s == '<')
			strbuf_addstr(sb, "&lt;");
		else if (*s == '>')
			strbuf_addstr(sb, "&gt;");
		else
			strbuf_addch(sb, *s);
	}
}

/* A round step for about five ticks up to span. */
static double tick_step(double span)
{
	double raw = span / 5, mag = pow(10, floor(log10(raw > 0 ? raw : 1)));
	double f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* Starts the plot: the grid with its values (suffix after each), the
 * days along the bottom. */
static void plot_begin(struct plot *p, int ndays, double y0, double y1,
		       const char *suffix)
{
	p->ndays = ndays;
	p->y0 = y0;
	p->y1 = y1 > y0 ? y1 : y0 + 1;
	strbuf_init(&p->svg);
	strbuf_addf(&p->svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		    "width=\"190mm\" height=\"55mm\" viewBox=\"0 0 %.0f %.0f\" "
		    "font-family=\"Noto Sans CJK SC, Noto Sans, sans-serif\" "
		    "font-size=\"11\">\n", PLOT_W, PLOT_H);
	double step = tick_step(p->y1 - p->y0);
	for (double y = ceil(p->y0 / step) * step; y <= p->y1 + 1e-9;
	     y += step)
		strbuf_addf(&p->svg, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			    "y2=\"%.1f\" stroke=\"#ccc\" stroke-width=\"0.8\"/>"
			    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">"
			    "%g%s</text>\n", LEFT, py(p, y), PLOT_W - RIGHT,
			    py(p, y), LEFT - 4, py(p, y) + 4, y, suffix);
	for (int d = 1; d <= ndays; d++)
		strbuf_addf(&p->svg, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\" font-size=\"9\">%d</text>\n",
			    px(p, d), PLOT_H - BOTTOM + 13, d);
	strbuf_addf(&p->svg, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#000\" stroke-width=\"1\"/>\n", LEFT,
		    PLOT_H - BOTTOM, PLOT_W - RIGHT, PLOT_H - BOTTOM);
}

/* A key along the top: a swatch of colour and its text, the n-th. */
static void plot_key(struct plot *p, int n, const char *colour,
		     const char *text)
{
	double x = LEFT + 4 + 240 * n;
	strbuf_addf(&p->svg, "<rect x=\"%.1f\" y=\"6\" width=\"10\" "
		    "height=\"10\" fill=\"%s\"/><text x=\"%.1f\" y=\"15\">",
		    x, colour, x + 14);
	add_text(&p->svg, text);
	strbuf_addstr(&p->svg, "</text>\n");
}

static void bar(struct plot *p, int day, double value, double share,
		const char *colour)
{
	double w = (PLOT_W - LEFT - RIGHT) / p->ndays * share;
	double top = py(p, value), base = py(p, p->y0);
	strbuf_addf(&p->svg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"%s\"/>\n", px(p, day) - w / 2, top,
		    w, base - top, colour);
}

/* Writes the plot as dir/plots/name.svg and releases it. */
static int plot_end(struct plot *p, const char *dir, const char *name,
		    struct mr_error *err)
{
	strbuf_addstr(&p->svg, "</svg>\n");
	char *path = xasprintf("%s/plots/%s.svg", dir, name);
	int rc = outfile_write_all(path, strbuf_str(&p->svg), p->svg.len, err);
	free(path);
	strbuf_release(&p->svg);
	return rc;
}

static int plot_delivered(const char *dir, const struct month_records *m,
			  const struct month_report *r, enum lang lang,
			  struct mr_error *err)
{
	int most = 0;
	for (int d = 1; d <= m->ndays; d++)
		if (r->day_planned[d] > most)
			most = r->day_planned[d];
	struct plot p;
	plot_begin(&p, m->ndays, 0, fmax(10, most * 1.1), "");
	plot_key(&p, 0, "#bbb", label(lang, L_PLANNED));
	plot_key(&p, 1, "#1f4e79", label(lang, L_DELIVERED));
	for (int d = 1; d <= m->ndays; d++) {
		if (r->day_planned[d])
			bar(&p, d, r->day_planned[d], 0.75, "#bbb");
		if (r->day_delivered[d])
			bar(&p, d, r->day_delivered[d], 0.45, "#1f4e79");
	}
	return plot_end(&p, dir, "delivered", err);
}

static int plot_on_time(const char *dir, const struct month_records *m,
			const struct month_report *r, enum lang lang,
			struct mr_error *err)
{
	struct plot p;
	plot_begin(&p, m->ndays, 0, 100, "%");
	plot_key(&p, 0, "#2e7d32", label(lang, L_ON_TIME));
	for (int d = 1; d <= m->ndays; d++)
		if (r->day_timed[d])
			bar(&p, d, 100.0 * r->day_on_time[d] / r->day_timed[d],
			    0.6, "#2e7d32");
	return plot_end(&p, dir, "on-time", err);
}

static int plot_temperatures(const char *dir, const struct month_records *m,
			     const struct month_report *r, enum lang lang,
			     struct mr_error *err)
{
	(void)r;
	double lo = m->cold_below_c - 10, hi = m->cold_below_c + 10;
	for (int i = 0; i < m->nrows; i++) {
		double t = m->rows[i].temperature;
		if (m->rows[i].recorded && !isnan(t)) {
			lo = fmin(lo, t);
			hi = fmax(hi, t);
		}
	}
	lo = fmax(RECORD_MIN_C, floor(lo / 5) * 5);
	hi = fmin(RECORD_MAX_C, ceil(hi / 5) * 5);
	struct plot p;
	plot_begin(&p, m->ndays, lo, hi, "°");
	plot_key(&p, 0, "#c62828", label(lang, L_COLD));
	plot_key(&p, 1, "#333", label(lang, L_PLOT_TEMPS));
	double y = py(&p, m->cold_below_c);
	strbuf_addf(&p.svg, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#c62828\" stroke-width=\"1.2\" "
		    "stroke-dasharray=\"6 4\"/><text x=\"%.1f\" y=\"%.1f\" "
		    "fill=\"#c62828\" text-anchor=\"end\">%g °C</text>\n", LEFT,
		    y, PLOT_W - RIGHT, y, PLOT_W - RIGHT - 2, y - 3,
		    m->cold_below_c);
	for (int i = 0; i < m->nrows; i++) {
		const struct month_row *row = &m->rows[i];
		if (!row->recorded || isnan(row->temperature))
			continue;
		/* Spread one day's points across its width, the same way
		 * on every run. */
		double jitter = ((i * 7919) % 61 / 60.0 - 0.5) * 0.6;
		int day = atoi(m->trips[row->trip].date + 8);
		bool cold = row->temperature < m->cold_below_c;
		strbuf_addf(&p.svg, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
			    "fill=\"%s\" fill-opacity=\"%s\"/>\n",
			    px(&p, day + jitter), py(&p, row->temperature),
			    cold ? 2.8 : 2.0, cold ? "#c62828" : "#333",
			    cold ? "1" : "0.45");
	}
	return plot_end(&p, dir, "temperatures", err);
}

int report_write_plots(const char *dir, const struct month_records *m,
		       const struct month_report *r, enum lang lang,
		       struct mr_error *err)
{
	char *plots = xasprintf("%s/plots", dir);
	int rc = make_dirs(plots, err);
	free(plots);
	if (rc == 0)
		rc = plot_delivered(dir, m, r, lang, err);
	if (rc == 0)
		rc = plot_on_time(dir, m, r, lang, err);
	if (rc == 0)
		rc = plot_temperatures(dir, m, r, lang, err);
	return rc;
}
