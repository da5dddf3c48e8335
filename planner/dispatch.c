/*
 * The dispatch sheet: one printable A4 page per trip for the clerk and the
 * driver (see sheets.h). Every page carries the trip's facts, its stops in
 * order with windows, ETAs and boxes per diet, blank columns for arrival,
 * food temperature and signature, and totals per diet that add up to what
 * the kitchen packs for the trip.
 */
#include "planner/sheets.h"

#include <stdlib.h>

#include "kitchen/sheets.h"
#include "util/html.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

static const char dispatch_css[] =
	"@page { size: A4 portrait; margin: 12mm 10mm 14mm 10mm; }\n"
	"body { font-family: 'Noto Sans CJK SC', 'Noto Sans', 'DejaVu Sans', "
	"sans-serif; font-size: 9pt; color: #000; margin: 0; }\n"
	"section.trip { break-after: page; page-break-after: always; }\n"
	"section.trip:last-of-type { break-after: auto; "
	"page-break-after: auto; }\n"
	"h1 { font-size: 14pt; margin: 0 0 2mm 0; }\n"
	"table { border-collapse: collapse; width: 100%; }\n"
	"table.facts td { padding: 0.6mm 2mm 0.6mm 0; vertical-align: top; }\n"
	"table.facts td.k { color: #444; white-space: nowrap; }\n"
	"table.facts td.v { font-weight: bold; }\n"
	"table.stops { margin-top: 3mm; }\n"
	"table.stops th, table.stops td { border: 0.3mm solid #000; "
	"padding: 0.8mm 1mm; vertical-align: top; }\n"
	"table.stops th { background: #e8e8e8; font-size: 8pt; }\n"
	"table.stops tr { break-inside: avoid; page-break-inside: avoid; }\n"
	"table.stops thead { display: table-header-group; }\n"
	"td.n { text-align: right; white-space: nowrap; }\n"
	"td.blank { width: 15mm; }\n"
	"td.place { width: 34mm; }\n"
	"th small { font-weight: normal; font-size: 7pt; }\n"
	"td.note { font-size: 8pt; }\n"
	"tfoot td { font-weight: bold; }\n"
	"p.food { margin: 3mm 0; font-size: 10pt; font-weight: bold; }\n"
	"p.foot { margin-top: 4mm; color: #444; font-size: 8pt; }\n"
	"p.none { font-size: 11pt; }\n"
	"img.map { display: block; width: 120mm; max-height: 80mm; "
	"margin: 2mm 0; border: 0.3mm solid #999; }\n"
	"@media screen { section.trip { max-width: 190mm; margin: 8mm auto; "
	"border-bottom: 1px dashed #888; padding-bottom: 8mm; } }\n";

static void fact(xmlNodePtr row, const char *key, const char *value)
{
	html_el(row, "td", "k", key);
	html_el(row, "td", "v", value);
}

static void clock_text(double seconds, char out[16])
{
	clock_format((int)(seconds + 0.5), out);
}

/* Diets with boxes anywhere in the day get a column, in database order. */
static int day_diets(const struct day_plan *plan, int *cols)
{
	int n = 0;
	for (int d = 0; d < plan->sv->ndiets; d++)
		if (plan->diet_boxes[d])
			cols[n++] = d;
	return n;
}

static void trip_header(xmlNodePtr sec, const struct day_plan *plan,
			const struct plan_trip *t)
{
	const struct service *sv = plan->sv;
	const struct vehicle *v = &sv->vehicles[t->vehicle];
	char load[16], dep[16], ret[16], buf[256];
	clock_text(t->load_start, load);
	clock_text(t->depart, dep);
	clock_text(t->ret, ret);

	html_elf(sec, "h1", NULL, "派送单 Dispatch sheet · %s · %s · 趟次 "
		 "Trip %02d", sv->date, sv->meal, t->id);
	xmlNodePtr facts = html_el(sec, "table", "facts", NULL);
	xmlNodePtr r = html_el(facts, "tr", NULL, NULL);
	fact(r, "日期 Date", sv->date);
	fact(r, "餐次 Meal", sv->meal);
	snprintf(buf, sizeof(buf), "%s %s (trip %d of this vehicle)", v->plate,
		 v->name, t->trip_no);
	fact(r, "车辆 Vehicle", buf);
	r = html_el(facts, "tr", NULL, NULL);
	snprintf(buf, sizeof(buf), "%s %s", v->driver_name, v->driver_phone);
	fact(r, "司机 Driver", buf);
	fact(r, "装车 Loading", load);
	fact(r, "出发 Departure", dep);
	r = html_el(facts, "tr", NULL, NULL);
	fact(r, "预计返回 Return", ret);
	snprintf(buf, sizeof(buf), "%.1f km", t->distance_m / 1000.0);
	fact(r, "里程 Distance", buf);
	snprintf(buf, sizeof(buf), "%d / %d", t->boxes, v->capacity);
	fact(r, "份数 Boxes / capacity", buf);
}

static void stop_table(xmlNodePtr sec, const struct day_plan *plan,
		       const struct plan_trip *t, const int *cols, int ncols)
{
	const struct service *sv = plan->sv;
	xmlNodePtr table = html_el(sec, "table", "stops", NULL);
	xmlNodePtr head = html_el(html_el(table, "thead", NULL, NULL), "tr",
				  NULL, NULL);
	html_el(head, "th", NULL, "#");
	html_el(head, "th", NULL, "时段 Window");
	html_el(head, "th", NULL, "预计 ETA");
	html_el(head, "th", NULL, "助餐点 Meal point / 地址 Address");
	html_el(head, "th", NULL, "联系人 Contact");
	for (int c = 0; c < ncols; c++) {
		const struct diet *d = &sv->diets[cols[c]];
		xmlNodePtr th = html_el(head, "th", NULL, d->label_zh);
		html_el(th, "br", NULL, NULL);
		html_el(th, "small", NULL, d->label_en);
	}
	html_el(head, "th", NULL, "合计 Total");
	html_el(head, "th", NULL, "备注 Access notes");
	html_el(head, "th", NULL, "到达 Arrived");
	html_el(head, "th", NULL, "温度 °C");
	html_el(head, "th", NULL, "签收 Signature");

	xmlNodePtr body = html_el(table, "tbody", NULL, NULL);
	for (int k = 0; k < t->nstops; k++) {
		const struct plan_stop *s = &t->stops[k];
		const struct meal_point *m = &sv->meal_points[s->meal_point];
		char open[16], close[16], eta[16];
		clock_format(m->open, open);
		clock_format(m->close, close);
		clock_text(s->arrive, eta);
		xmlNodePtr r = html_el(body, "tr", NULL, NULL);
		html_elf(r, "td", "n", "%d", k + 1);
		html_elf(r, "td", NULL, "%s–%s", open, close);
		html_el(r, "td", NULL, eta);
		xmlNodePtr place = html_el(r, "td", "place", m->name);
		html_el(place, "br", NULL, NULL);
		html_text(place, m->address);
		xmlNodePtr who = html_el(r, "td", NULL, m->contact);
		html_el(who, "br", NULL, NULL);
		html_text(who, m->phone);
		for (int c = 0; c < ncols; c++) {
			int b = m->boxes[cols[c]];
			html_el(r, "td", "n", b ? NULL : "");
			if (b)
				html_elf(r->last, "b", NULL, "%d", b);
		}
		html_elf(r, "td", "n", "%d", m->total);
		html_el(r, "td", "note", m->notes);
		html_el(r, "td", "blank", NULL);
		html_el(r, "td", "blank", NULL);
		html_el(r, "td", "blank", NULL);
	}
	xmlNodePtr foot = html_el(html_el(table, "tfoot", NULL, NULL), "tr",
				  NULL, NULL);
	xmlNodePtr label = html_el(foot, "td", NULL, "合计 Total");
	html_attr(label, "colspan", "5");
	for (int c = 0; c < ncols; c++)
		html_elf(foot, "td", "n", "%d", t->diet_boxes[cols[c]]);
	html_elf(foot, "td", "n", "%d", t->boxes);
	xmlNodePtr rest = html_el(foot, "td", NULL, NULL);
	html_attr(rest, "colspan", "4");
}

int plan_write_dispatch(const struct day_plan *plan, const char *path,
			struct mr_error *err)
{
	const struct service *sv = plan->sv;
	struct html_page page;
	char *title = xasprintf("派送单 Dispatch %s %s", sv->date, sv->meal);
	html_page_init(&page, "zh-CN", title, dispatch_css);
	free(title);

	int *cols = xcalloc((size_t)sv->ndiets + 1, sizeof(int));
	int ncols = day_diets(plan, cols);
	for (int i = 0; i < plan->ntrips; i++) {
		const struct plan_trip *t = &plan->trips[i];
		xmlNodePtr sec = html_el(page.body, "section", "trip", NULL);
		char id[32];
		snprintf(id, sizeof(id), "trip-%02d", t->id);
		html_attr(sec, "id", id);
		trip_header(sec, plan, t);
		stop_table(sec, plan, t, cols, ncols);
		/* Food may leave the pot no earlier than the last delivery
		 * minus the limit, and must be ready when loading starts. */
		double last = t->nstops ? t->stops[t->nstops - 1].start
					: t->load_start;
		char cooked[16], ready[16], serve[16];
		clock_text(last - sv->kitchen.food_limit_min * 60.0, cooked);
		clock_text(t->load_start, ready);
		clock_text(last, serve);
		html_elf(sec, "p", "food", "食品安全 Food safety: 出锅不早于 "
			 "cooked from %s, 装车前完成 ready by %s, 最后送达 last "
			 "served %s (limit %d min)", cooked, ready, serve,
			 sv->kitchen.food_limit_min);
		char map[32];
		snprintf(map, sizeof(map), "maps/trip-%02d.svg", t->id);
		xmlNodePtr img = html_el(sec, "img", "map", NULL);
		html_attr(img, "src", map);
		html_attr(img, "alt", "路线图 Map of the trip");
		html_elf(sec, "p", "foot", "%s · %s · %s · %s %s · 趟次 Trip "
			 "%d / %d", sv->kitchen.name, sv->kitchen.address,
			 sv->kitchen.phone, sv->date, sv->meal, t->id,
			 plan->ntrips);
	}
	if (plan->ntrips == 0)
		html_elf(page.body, "p", "none", "%s %s: 无派送 no trips "
			 "planned", sv->date, sv->meal);
	free(cols);
	int rc = html_page_write(&page, path, err);
	html_page_release(&page);
	return rc;
}

int plan_write_kitchen(const struct day_plan *plan, const char *path,
		       struct mr_error *err)
{
	struct kitchen_trip *kt = plan_kitchen_trips(plan);
	int rc = kitchen_write_html(path, plan->sv, &plan->demand,
				    &plan->kitchen, plan->kitchen_on_time, kt,
				    plan->ntrips, err);
	free(kt);
	return rc;
}
