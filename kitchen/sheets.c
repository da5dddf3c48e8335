/*
 * kitchen.html (see sheets.h), built with util/html.
 */
#include "kitchen/sheets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/html.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

/* The food-retention rule: each dish, 125 g kept 48 hours. */
#define RETAIN_G 125
#define RETAIN_H 48

static const char kitchen_css[] =
	"@page { size: A4 portrait; margin: 12mm 10mm; }\n"
	"body { font-family: 'Noto Sans CJK SC', 'Noto Sans', 'DejaVu Sans', "
	"sans-serif; font-size: 9pt; margin: 0; }\n"
	"section { break-after: page; page-break-after: always; }\n"
	"section:last-of-type { break-after: auto; page-break-after: auto; }\n"
	"h1 { font-size: 14pt; margin: 0 0 2mm 0; }\n"
	"h2 { font-size: 11pt; margin: 4mm 0 1mm 0; }\n"
	"table { border-collapse: collapse; width: 100%; }\n"
	"th, td { border: 0.3mm solid #000; padding: 0.8mm 1mm; "
	"vertical-align: top; }\n"
	"th { background: #e8e8e8; }\n"
	"tr { break-inside: avoid; page-break-inside: avoid; }\n"
	"td.n { text-align: right; }\n"
	"td.blank { width: 25mm; }\n"
	".lane { position: relative; height: 7mm; border: 0.3mm solid #999; "
	"margin-bottom: 1mm; }\n"
	".bar { position: absolute; top: 0; bottom: 0; background: #cfe2f3; "
	"border: 0.3mm solid #1f4e79; font-size: 6.5pt; overflow: hidden; "
	"white-space: nowrap; }\n"
	".lanelabel { font-size: 8pt; }\n"
	".labels { display: flex; flex-wrap: wrap; gap: 2mm; }\n"
	".label { width: 62mm; height: 36mm; border: 0.3mm dashed #000; "
	"padding: 2mm; box-sizing: border-box; break-inside: avoid; }\n"
	".label b { font-size: 10pt; }\n"
	".warn { font-weight: bold; }\n";

static void hhmm(double s, char out[16])
{
	clock_format((int)lround(s), out);
}

static void schedule_part(xmlNodePtr body, const struct service *sv,
			  const struct kitchen_schedule *ks, bool on_time,
			  const struct kitchen_trip *trips)
{
	xmlNodePtr sec = html_el(body, "section", NULL, NULL);
	html_elf(sec, "h1", NULL, "生产计划 Production schedule · %s %s",
		 sv->date, sv->meal);
	if (!ks->nbatches || !on_time) {
		html_el(sec, "p", "warn", on_time ? "无需烹饪 Nothing to cook."
			: "厨房无法按时备好所有车次的餐食，见警告 The kitchen "
			  "cannot have every trip's food ready in time; see the "
			  "warnings of the plan.");
		if (!on_time || !ks->nbatches)
			return;
	}
	double t0 = 1e18, t1 = -1e18;
	for (int b = 0; b < ks->nbatches; b++) {
		t0 = fmin(t0, ks->batches[b].start);
		t1 = fmax(t1, ks->batches[b].end);
	}
	double span = fmax(t1 - t0, 60);
	char a[16], z[16];
	hhmm(t0, a);
	hhmm(t1, z);
	html_elf(sec, "p", NULL, "%s – %s · 方法 method %s%s", a, z, ks->method,
		 ks->proved ? ", optimal" : "");
	for (int e = 0; e < sv->nequipment; e++) {
		const struct equipment *eq = &sv->equipment[e];
		for (int u = 1; u <= eq->units; u++) {
			html_elf(sec, "div", "lanelabel", "%s #%d", eq->name, u);
			xmlNodePtr lane = html_el(sec, "div", "lane", NULL);
			for (int b = 0; b < ks->nbatches; b++) {
				const struct batch *bt = &ks->batches[b];
				if (bt->equipment != e || bt->unit != u)
					continue;
				char style[96];
				snprintf(style, sizeof(style), "left:%.2f%%;width:%.2f%%",
					 100 * (bt->start - t0) / span,
					 100 * (bt->end - bt->start) / span);
				xmlNodePtr bar = html_el(lane, "div", "bar",
							 sv->dishes[bt->dish].name_zh);
				html_attr(bar, "style", style);
			}
		}
	}
	html_el(sec, "h2", NULL, "批次 Batches");
	xmlNodePtr table = html_el(sec, "table", NULL, NULL);
	xmlNodePtr h = html_el(table, "tr", NULL, NULL);
	const char *heads[] = { "#", "菜品 Dish", "餐型 Diets", "份数 Portions",
				"设备 Unit", "开始 Start", "结束 End",
				"车次 Trips" };
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		html_el(h, "th", NULL, heads[i]);
	for (int b = 0; b < ks->nbatches; b++) {
		const struct batch *bt = &ks->batches[b];
		xmlNodePtr r = html_el(table, "tr", NULL, NULL);
		char s1[16], s2[16];
		hhmm(bt->start, s1);
		hhmm(bt->end, s2);
		struct strbuf diets = STRBUF_INIT, fed = STRBUF_INIT;
		kitchen_dish_diets(sv, bt->dish, &diets);
		for (int f = 0; f < bt->nfeeds; f++)
			strbuf_addf(&fed, "%s%02d (%d)", f ? ", " : "",
				    trips[bt->feeds[f].trip].id,
				    bt->feeds[f].portions);
		html_elf(r, "td", "n", "%d", b + 1);
		html_elf(r, "td", NULL, "%s %s", sv->dishes[bt->dish].name_zh,
			 sv->dishes[bt->dish].name_en);
		html_el(r, "td", NULL, strbuf_str(&diets));
		html_elf(r, "td", "n", "%d", bt->portions);
		html_elf(r, "td", NULL, "%s #%d", sv->equipment[bt->equipment].id,
			 bt->unit);
		html_el(r, "td", NULL, s1);
		html_el(r, "td", NULL, s2);
		html_el(r, "td", NULL, strbuf_str(&fed));
		strbuf_release(&diets);
		strbuf_release(&fed);
	}
}

static void pull_part(xmlNodePtr body, const struct service *sv,
		      const struct kitchen_demand *d)
{
	xmlNodePtr sec = html_el(body, "section", NULL, NULL);
	html_elf(sec, "h1", NULL, "领料单 Ingredient pull list · %s %s", sv->date,
		 sv->meal);
	double *kg = xcalloc((size_t)sv->ningredients + 1, sizeof(double));
	for (int r = 0; r < sv->nrecipe; r++)
		for (int i = 0; i < d->ndishes; i++)
			if (d->dishes[i].dish == sv->recipe[r].dish)
				kg[sv->recipe[r].ingredient] +=
					d->dishes[i].portions *
					sv->recipe[r].grams / 1000.0;
	static const char *const storages[] = { "dry", "chilled", "frozen" };
	static const char *const names[] = { "干货 Dry", "冷藏 Chilled",
					     "冷冻 Frozen" };
	for (int k = 0; k < 3; k++) {
		html_el(sec, "h2", NULL, names[k]);
		xmlNodePtr table = html_el(sec, "table", NULL, NULL);
		xmlNodePtr h = html_el(table, "tr", NULL, NULL);
		html_el(h, "th", NULL, "食材 Ingredient");
		html_el(h, "th", NULL, "千克 kg");
		html_el(h, "th", NULL, "已领 Pulled");
		for (int g = 0; g < sv->ningredients; g++) {
			if (strcmp(sv->ingredients[g].storage, storages[k]) ||
			    kg[g] <= 0)
				continue;
			xmlNodePtr r = html_el(table, "tr", NULL, NULL);
			html_elf(r, "td", NULL, "%s %s", sv->ingredients[g].name_zh,
				 sv->ingredients[g].name_en);
			html_elf(r, "td", "n", "%.2f", kg[g]);
			html_el(r, "td", "blank", NULL);
		}
	}
	free(kg);
}

static void packing_part(xmlNodePtr body, const struct service *sv,
			 const struct kitchen_trip *trips, int ntrips)
{
	xmlNodePtr sec = html_el(body, "section", NULL, NULL);
	html_elf(sec, "h1", NULL, "装车单 Packing lists · %s %s", sv->date,
		 sv->meal);
	html_el(sec, "p", NULL, "倒序装车：最后一站先装 Load in reverse order: "
		"the last stop goes in first.");
	for (int t = 0; t < ntrips; t++) {
		const struct kitchen_trip *kt = &trips[t];
		char load[16];
		hhmm(kt->load_start, load);
		html_elf(sec, "h2", NULL, "趟次 Trip %02d · 装车 loading %s", kt->id,
			 load);
		xmlNodePtr table = html_el(sec, "table", NULL, NULL);
		xmlNodePtr h = html_el(table, "tr", NULL, NULL);
		html_el(h, "th", NULL, "装车 Load");
		html_el(h, "th", NULL, "站 Stop");
		html_el(h, "th", NULL, "助餐点 Meal point");
		for (int d = 0; d < sv->ndiets; d++)
			if (kt->diet_boxes[d])
				html_el(h, "th", NULL, sv->diets[d].label_zh);
		html_el(h, "th", NULL, "合计 Total");
		for (int k = kt->nstops - 1, n = 1; k >= 0; k--, n++) {
			const struct meal_point *m = &sv->meal_points[kt->stops[k]];
			xmlNodePtr r = html_el(table, "tr", NULL, NULL);
			html_elf(r, "td", "n", "%d", n);
			html_elf(r, "td", "n", "%d", k + 1);
			html_el(r, "td", NULL, m->name);
			for (int d = 0; d < sv->ndiets; d++)
				if (kt->diet_boxes[d])
					html_elf(r, "td", "n", "%d", m->boxes[d]);
			html_elf(r, "td", "n", "%d", m->total);
		}
	}
}

/* The time a trip's food leaves the pot: its earliest batch end. */
static double cooked_at(const struct kitchen_schedule *ks, int trip)
{
	double at = 1e18;
	for (int b = 0; b < ks->nbatches; b++)
		for (int f = 0; f < ks->batches[b].nfeeds; f++)
			if (ks->batches[b].feeds[f].trip == trip)
				at = fmin(at, ks->batches[b].end);
	return at;
}

static void labels_part(xmlNodePtr body, const struct service *sv,
			const struct kitchen_schedule *ks, bool on_time,
			const struct kitchen_trip *trips, int ntrips)
{
	xmlNodePtr sec = html_el(body, "section", NULL, NULL);
	html_elf(sec, "h1", NULL, "餐盒标签 Box labels · %s %s", sv->date,
		 sv->meal);
	xmlNodePtr box = html_el(sec, "div", "labels", NULL);
	for (int t = 0; t < ntrips; t++) {
		const struct kitchen_trip *kt = &trips[t];
		double cooked = on_time ? cooked_at(ks, t) : 1e18;
		char c[16] = "____", e[16] = "____";
		if (cooked < 1e17) {
			hhmm(cooked, c);
			hhmm(cooked + sv->kitchen.food_limit_min * 60.0, e);
		}
		for (int k = 0; k < kt->nstops; k++) {
			const struct meal_point *m = &sv->meal_points[kt->stops[k]];
			for (int d = 0; d < sv->ndiets; d++) {
				if (!m->boxes[d])
					continue;
				xmlNodePtr l = html_el(box, "div", "label", NULL);
				html_elf(l, "b", NULL, "%s", m->name);
				html_el(l, "br", NULL, NULL);
				html_elf(l, "span", NULL, "%s %s × %d · 趟次 Trip %02d",
					 sv->diets[d].label_zh, sv->diets[d].label_en,
					 m->boxes[d], kt->id);
				html_el(l, "br", NULL, NULL);
				struct strbuf dishes = STRBUF_INIT;
				for (int q = 0; q < sv->nmenu; q++)
					if (sv->menu[q].diet == d)
						strbuf_addf(&dishes, "%s%s",
							    dishes.len ? "、" : "",
							    sv->dishes[sv->menu[q].dish].name_zh);
				html_el(l, "span", NULL, strbuf_str(&dishes));
				strbuf_release(&dishes);
				html_el(l, "br", NULL, NULL);
				html_elf(l, "span", NULL, "出锅 Cooked %s · 食用期限 Eat "
					 "by %s", c, e);
				html_el(l, "br", NULL, NULL);
				html_elf(l, "span", NULL, "%s · %s", sv->kitchen.name,
					 sv->kitchen.licence);
			}
		}
	}
}

static void retention_part(xmlNodePtr body, const struct service *sv,
			   const struct kitchen_demand *d)
{
	xmlNodePtr sec = html_el(body, "section", NULL, NULL);
	html_elf(sec, "h1", NULL, "留样记录 Sample-retention log · %s %s",
		 sv->date, sv->meal);
	html_elf(sec, "p", NULL, "每个菜品留样 %d 克，冷藏保存 %d 小时 Keep %d g "
		 "of each dish, chilled, for %d hours.", RETAIN_G, RETAIN_H,
		 RETAIN_G, RETAIN_H);
	xmlNodePtr table = html_el(sec, "table", NULL, NULL);
	xmlNodePtr h = html_el(table, "tr", NULL, NULL);
	const char *heads[] = { "菜品 Dish", "克 g", "保存 Keep", "留样时间 Time",
				"留样人 Signature", "销毁时间 Discarded",
				"签名 Signature" };
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		html_el(h, "th", NULL, heads[i]);
	for (int i = 0; i < d->ndishes; i++) {
		const struct dish *dish = &sv->dishes[d->dishes[i].dish];
		xmlNodePtr r = html_el(table, "tr", NULL, NULL);
		html_elf(r, "td", NULL, "%s %s", dish->name_zh, dish->name_en);
		html_elf(r, "td", "n", "%d", RETAIN_G);
		html_elf(r, "td", NULL, "%d h", RETAIN_H);
		for (int k = 0; k < 4; k++)
			html_el(r, "td", "blank", NULL);
	}
}

int kitchen_write_html(const char *path, const struct service *sv,
		       const struct kitchen_demand *demand,
		       const struct kitchen_schedule *ks, bool on_time,
		       const struct kitchen_trip *trips, int ntrips,
		       struct mr_error *err)
{
	struct html_page page;
	char *title = xasprintf("厨房 Kitchen %s %s", sv->date, sv->meal);
	html_page_init(&page, "zh-CN", title, kitchen_css);
	free(title);
	schedule_part(page.body, sv, ks, on_time, trips);
	pull_part(page.body, sv, demand);
	packing_part(page.body, sv, trips, ntrips);
	labels_part(page.body, sv, ks, on_time, trips, ntrips);
	retention_part(page.body, sv, demand);
	int rc = html_page_write(&page, path, err);
	html_page_release(&page);
	return rc;
}
