/*
 * The kitchen's sheets (see sheets.h) as blocks of a sheet (sheet.h), which
 * the planner writes as kitchen.html and kitchen.pdf.
 */
#include "planner/sheets/kitchen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

/* The food-retention rule: each dish, 125 g kept 48 hours. */
#define RETAIN_G 125
#define RETAIN_H 48

#define NCOLS(cols) ((int)(sizeof(cols) / sizeof(cols[0])))

/* The diets whose boxes hold dish, by their names in lang. */
static void dish_diets(const struct service *sv, enum lang lang, int dish,
		       struct strbuf *out)
{
	struct strbuf name = STRBUF_INIT;
	for (int m = 0; m < sv->nmenu; m++) {
		const struct menu_line *ml = &sv->menu[m];
		if (ml->dish != dish || ml->diet < 0)
			continue;
		const struct diet *d = &sv->diets[ml->diet];
		strbuf_addf(out, "%s%s", out->len ? ", " : "",
			    lang_pick(lang, d->label_zh, d->label_en, &name));
	}
	strbuf_release(&name);
}

/* A shortfall in Chinese, as kitchen_shortfall_text says it in English. */
static void shortfall_zh(const struct service *sv,
			 const struct kitchen_trip *trips,
			 const struct kitchen_shortfall *sh, struct strbuf *out)
{
	const struct kitchen_trip *t = &trips[sh->trip];
	const char *kind = sv->equipment[sh->equipment].kind;
	char at[16];
	clock_format(t->load_start, at);
	struct strbuf rows = STRBUF_INIT;
	for (int e = 0; e < sv->nequipment; e++) {
		const struct equipment *q = &sv->equipment[e];
		if (!strcmp(q->kind, kind))
			strbuf_addf(&rows, "%s%s（%d 台，每批 %d 分钟、清洗 %d "
				    "分钟）", rows.len ? "、" : "", q->name,
				    q->units, q->batch_minutes,
				    q->cleaning_minutes);
	}
	if (sh->what == SHORT_NO_SLOT) {
		strbuf_addf(out, "%s 的任何批次都无法在车次 %02d 的时限内出锅"
			    "（%s 装车）", rows.buf, t->id, at);
		if (sh->ntrips > 1)
			strbuf_addf(out, "；另有 %d 个车次同样如此",
				    sh->ntrips - 1);
	} else {
		if (sh->what == SHORT_COOKS)
			strbuf_addf(out, "同一时间只有 %d 名厨师：", sh->cooks);
		if (sh->ntrips == 1)
			strbuf_addf(out, "%s无论怎样排产，都无法在食品安全时限内"
				    "为车次 %02d（%s 装车）备好餐食", rows.buf,
				    t->id, at);
		else
			strbuf_addf(out, "%s无论怎样排产，都无法在食品安全时限内"
				    "为装车顺序中的前 %d 个车次（最后一个 %s "
				    "装车）备好餐食", rows.buf, sh->ntrips, at);
	}
	strbuf_release(&rows);
}

void kitchen_shortfall_words(enum lang lang, const struct service *sv,
			     const struct kitchen_trip *trips,
			     const struct kitchen_schedule *ks,
			     struct strbuf *out)
{
	for (int n = 0; n < ks->nshort; n++) {
		const struct kitchen_shortfall *sh = &ks->shorts[n];
		if (lang != LANG_EN) {
			shortfall_zh(sv, trips, sh, out);
			strbuf_addch(out, '\n');
		}
		if (lang != LANG_ZH) {
			struct strbuf en = STRBUF_INIT;
			kitchen_shortfall_text(sv, trips, sh, &en);
			/* Without "kitchen: ", and a capital to start. */
			const char *text = en.buf + strlen("kitchen: ");
			strbuf_addf(out, "%c%s\n", text[0] >= 'a' && text[0] <= 'z'
				    ? text[0] - 'a' + 'A' : text[0], text + 1);
			strbuf_release(&en);
		}
	}
}

/* The late trips and why, under a banner; nothing when none is late. */
void kitchen_late_line(enum lang lang, const struct kitchen_trip *trip,
		       const struct kitchen_trip_food *food,
		       struct strbuf *out)
{
	char ready[16], load[16];
	clock_format(food->food_ready, ready);
	clock_format(trip->load_start, load);
	strbuf_addf(out, "%s %02d: %s %s, %s %s, %s %d %s", label(lang, L_TRIP),
		    trip->id, label(lang, L_READY), ready,
		    label(lang, L_LOADING), load, label(lang, L_WAITS),
		    food->late_min, label(lang, L_MINUTES));
}

void kitchen_late_banner(struct sheet *s, enum lang lang,
			 const struct service *sv,
			 const struct kitchen_schedule *ks,
			 const struct kitchen_trip *trips,
			 const struct kitchen_trip_food *food, int ntrips)
{
	int late = 0;
	for (int t = 0; t < ntrips; t++)
		late += food[t].late_min > 0;
	if (!late)
		return;
	sheet_text(s, SHEET_BOLD | SHEET_LARGE, "warn", "%s",
		   label(lang, L_FOOD_LATE));
	struct strbuf why = STRBUF_INIT;
	for (int t = 0; t < ntrips; t++) {
		if (!food[t].late_min)
			continue;
		strbuf_reset(&why);
		kitchen_late_line(lang, &trips[t], &food[t], &why);
		sheet_text(s, SHEET_BOLD, "warn", "%s", why.buf);
	}
	strbuf_reset(&why);
	kitchen_shortfall_words(lang, sv, trips, ks, &why);
	for (const char *line = why.buf; line && *line;) {
		size_t len = strcspn(line, "\n");
		sheet_text(s, 0, "warn", "%s: %.*s", label(lang, L_FOOD_LATE_WHY),
			   (int)len, line);
		line += len + (line[len] == '\n');
	}
	strbuf_release(&why);
}

static void schedule_part(struct sheet *s, enum lang lang,
			  const struct service *sv,
			  const struct kitchen_schedule *ks, bool planned,
			  const struct kitchen_trip *trips,
			  const struct kitchen_trip_food *food, int ntrips)
{
	sheet_section(s, "production", NULL);
	sheet_heading(s, 1, "%s · %s %s", label(lang, L_PRODUCTION), sv->date,
		      label_of_code(lang, sv->meal));
	sheet_running_header(s);
	if (!planned) {
		sheet_text(s, SHEET_BOLD, "warn", "%s",
			   label(lang, L_KITCHEN_NOT_PLANNED));
		return;
	}
	if (!ks->nbatches) {
		sheet_text(s, SHEET_BOLD, "warn", "%s",
			   label(lang, L_NOTHING_TO_COOK));
		return;
	}
	kitchen_late_banner(s, lang, sv, ks, trips, food, ntrips);
	double t0 = 1e18, t1 = -1e18;
	for (int b = 0; b < ks->nbatches; b++) {
		t0 = fmin(t0, ks->batches[b].start);
		t1 = fmax(t1, ks->batches[b].end);
	}
	char a[16], z[16];
	clock_format(t0, a);
	clock_format(t1, z);
	sheet_text(s, 0, NULL, "%s – %s · %s %s%s%s", a, z,
		   label(lang, L_METHOD), ks->method, ks->proved ? ", " : "",
		   ks->proved ? label(lang, L_OPTIMAL) : "");
	kitchen_timeline(s, lang, sv, ks);

	sheet_heading(s, 2, "%s", label(lang, L_BATCHES));
	static const struct sheet_col cols[] = {
		{ 7, SHEET_RIGHT }, { 45, 0 }, { 35, SHEET_SMALL },
		{ 14, SHEET_RIGHT }, { 24, 0 }, { 12, 0 }, { 12, 0 },
		{ 41, SHEET_SMALL },
	};
	const char *head[] = { "#", label(lang, L_DISH), label(lang, L_DIETS),
			       label(lang, L_PORTIONS), label(lang, L_UNIT),
			       label(lang, L_START), label(lang, L_END),
			       label(lang, L_TRIPS) };
	struct sheet_table *t = sheet_table(s, NCOLS(cols), cols, head);
	struct strbuf name = STRBUF_INIT, diets = STRBUF_INIT,
		      fed = STRBUF_INIT;
	bool marked = false;
	for (int b = 0; b < ks->nbatches; b++) {
		const struct batch *bt = &ks->batches[b];
		const struct dish *d = &sv->dishes[bt->dish];
		char num[16], portions[16], s1[16], s2[16];
		clock_format(bt->start, s1);
		clock_format(bt->end, s2);
		strbuf_reset(&diets);
		strbuf_reset(&fed);
		dish_diets(sv, lang, bt->dish, &diets);
		for (int f = 0; f < bt->nfeeds; f++) {
			int tr = bt->feeds[f].trip;
			bool late = kitchen_late_min(bt->end,
						     trips[tr].load_start) > 0;
			strbuf_addf(&fed, "%s%02d%s (%d)", f ? ", " : "",
				    trips[tr].id, late ? "!" : "",
				    bt->feeds[f].portions);
			marked = marked || late;
		}
		snprintf(num, sizeof(num), "%d", b + 1);
		snprintf(portions, sizeof(portions), "%d", bt->portions);
		const struct equipment *eq = &sv->equipment[bt->equipment];
		char *unit = xasprintf("%s #%d", lang_pick(lang, eq->name,
							     eq->name_en, &name),
				       bt->unit);
		const char *row[] = { num, lang_pick(lang, d->name_zh,
						     d->name_en, &name),
				      strbuf_str(&diets), portions, unit, s1,
				      s2, strbuf_str(&fed) };
		sheet_row(t, row, 0);
		free(unit);
	}
	if (marked)
		sheet_text(s, SHEET_SMALL, NULL, "%s", label(lang, L_LATE_MARK));
	strbuf_release(&name);
	strbuf_release(&diets);
	strbuf_release(&fed);
}

void kitchen_timeline(struct sheet *s, enum lang lang,
		      const struct service *sv,
		      const struct kitchen_schedule *ks)
{
	double t0 = 1e18, t1 = -1e18;
	for (int b = 0; b < ks->nbatches; b++) {
		t0 = fmin(t0, ks->batches[b].start);
		t1 = fmax(t1, ks->batches[b].end);
	}
	if (!ks->nbatches)
		return;
	/* Whole quarters of an hour either side, so the hours show. */
	t0 = floor(t0 / 900) * 900;
	t1 = ceil(t1 / 900) * 900;
	struct sheet_timeline *tl = sheet_timeline(s, t0, t1);
	struct strbuf name = STRBUF_INIT;
	for (int e = 0; e < sv->nequipment; e++) {
		const struct equipment *eq = &sv->equipment[e];
		for (int u = 1; u <= eq->units; u++) {
			char *lane = xasprintf("%s #%d", lang_pick(lang,
						eq->name, eq->name_en, &name), u);
			sheet_lane(tl, lane);
			free(lane);
			for (int b = 0; b < ks->nbatches; b++) {
				const struct batch *bt = &ks->batches[b];
				const struct dish *d = &sv->dishes[bt->dish];
				if (bt->equipment != e || bt->unit != u)
					continue;
				sheet_bar(tl, bt->start, bt->end,
					  lang_pick_sep(lang, d->name_zh,
							d->name_en, "\n",
							&name));
			}
		}
	}
	strbuf_release(&name);
}

static void pull_part(struct sheet *s, enum lang lang,
		      const struct service *sv, const struct kitchen_demand *d)
{
	sheet_section(s, "pull-list", NULL);
	sheet_heading(s, 1, "%s · %s %s", label(lang, L_PULL_LIST), sv->date,
		      label_of_code(lang, sv->meal));
	sheet_running_header(s);
	double *kg = xcalloc((size_t)sv->ningredients + 1, sizeof(double));
	for (int r = 0; r < sv->nrecipe; r++)
		for (int i = 0; i < d->ndishes; i++)
			if (d->dishes[i].dish == sv->recipe[r].dish)
				kg[sv->recipe[r].ingredient] +=
					d->dishes[i].portions *
					sv->recipe[r].grams / 1000.0;
	static const char *const storages[] = { "dry", "chilled", "frozen" };
	static const struct sheet_col cols[] = {
		{ 100, 0 }, { 30, SHEET_RIGHT }, { 30, SHEET_BLANK },
	};
	const char *head[] = { label(lang, L_INGREDIENT), label(lang, L_KG),
			       label(lang, L_PULLED) };
	struct strbuf name = STRBUF_INIT;
	for (int k = 0; k < 3; k++) {
		sheet_heading(s, 2, "%s", label_of_code(lang, storages[k]));
		struct sheet_table *t = sheet_table(s, NCOLS(cols), cols, head);
		t->min_row_mm = 6; /* room for a tick */
		for (int g = 0; g < sv->ningredients; g++) {
			const struct ingredient *in = &sv->ingredients[g];
			if (strcmp(in->storage, storages[k]) || kg[g] <= 0)
				continue;
			char amount[32];
			snprintf(amount, sizeof(amount), "%.2f", kg[g]);
			const char *row[] = { lang_pick(lang, in->name_zh,
							in->name_en, &name),
					      amount, NULL };
			sheet_row(t, row, 0);
		}
	}
	strbuf_release(&name);
	free(kg);
}

static void packing_part(struct sheet *s, enum lang lang,
			 const struct service *sv,
			 const struct kitchen_trip *trips, int ntrips)
{
	sheet_section(s, "packing", NULL);
	sheet_heading(s, 1, "%s · %s %s", label(lang, L_PACKING), sv->date,
		      label_of_code(lang, sv->meal));
	sheet_running_header(s);
	sheet_text(s, SHEET_BOLD, NULL, "%s", label(lang, L_LOAD_REVERSE));
	struct strbuf name = STRBUF_INIT;
	for (int t = 0; t < ntrips; t++) {
		const struct kitchen_trip *kt = &trips[t];
		char load[16];
		clock_format(kt->load_start, load);
		sheet_heading(s, 2, "%s %02d · %s %s", label(lang, L_TRIP),
			      kt->id, label(lang, L_LOADING), load);
		int nd = 0, *diets = xcalloc((size_t)sv->ndiets + 1,
					     sizeof(int));
		for (int d = 0; d < sv->ndiets; d++)
			if (kt->diet_boxes[d])
				diets[nd++] = d;
		int ncols = 4 + nd;
		struct sheet_col *cols = xcalloc((size_t)ncols, sizeof(*cols));
		char **text = xcalloc((size_t)ncols, sizeof(char *));
		const char **head = xcalloc((size_t)ncols, sizeof(char *));
		cols[0] = (struct sheet_col){ 14, SHEET_RIGHT };
		cols[1] = (struct sheet_col){ 10, SHEET_RIGHT };
		/* 150 mm between the fixed columns: diets get up to 12 mm
		 * each and the meal point keeps at least 40. */
		double diet_mm = nd ? fmin(12, 110.0 / nd) : 12;
		cols[2] = (struct sheet_col){ 150 - diet_mm * nd, 0 };
		cols[ncols - 1] = (struct sheet_col){ 14,
						      SHEET_RIGHT | SHEET_BOLD };
		head[0] = label(lang, L_LOAD);
		head[1] = label(lang, L_STOP);
		head[2] = label(lang, L_MEAL_POINT);
		head[ncols - 1] = label(lang, L_TOTAL);
		for (int c = 0; c < nd; c++) {
			const struct diet *d = &sv->diets[diets[c]];
			cols[3 + c] = (struct sheet_col){ diet_mm, SHEET_RIGHT };
			text[3 + c] = xstrdup(lang_pick_sep(lang, d->label_zh,
							d->label_en, "\n", &name));
			head[3 + c] = text[3 + c];
		}
		struct sheet_table *tab = sheet_table(s, ncols, cols, head);
		for (int c = 0; c < ncols; c++) {
			free(text[c]);
			text[c] = NULL;
		}
		for (int k = kt->nstops - 1, n = 1; k >= 0; k--, n++) {
			const struct meal_point *m = &sv->meal_points[kt->stops[k]];
			text[0] = xasprintf("%d", n);
			text[1] = xasprintf("%d", k + 1);
			text[2] = xstrdup(m->name);
			for (int c = 0; c < nd; c++)
				text[3 + c] = xasprintf("%d", m->boxes[diets[c]]);
			text[ncols - 1] = xasprintf("%d", m->total);
			sheet_row(tab, (const char *const *)text, 0);
			for (int c = 0; c < ncols; c++) {
				free(text[c]);
				text[c] = NULL;
			}
		}
		int total = 0;
		text[2] = xstrdup(label(lang, L_TOTAL));
		for (int c = 0; c < nd; c++) {
			text[3 + c] = xasprintf("%d", kt->diet_boxes[diets[c]]);
			total += kt->diet_boxes[diets[c]];
		}
		text[ncols - 1] = xasprintf("%d", total);
		sheet_row(tab, (const char *const *)text, SHEET_BOLD);
		for (int c = 0; c < ncols; c++)
			free(text[c]);
		free(text);
		free(head);
		free(cols);
		free(diets);
	}
	strbuf_release(&name);
}

static void labels_part(struct sheet *s, enum lang lang,
			const struct service *sv,
			const struct kitchen_trip *trips,
			const struct kitchen_trip_food *food, int ntrips)
{
	sheet_section(s, "labels", NULL);
	sheet_heading(s, 1, "%s · %s %s", label(lang, L_BOX_LABELS), sv->date,
		      label_of_code(lang, sv->meal));
	sheet_running_header(s);
	struct sheet_cards *cards = sheet_cards(s, 62, 36);
	struct strbuf card = STRBUF_INIT, name = STRBUF_INIT;
	for (int t = 0; t < ntrips; t++) {
		const struct kitchen_trip *kt = &trips[t];
		char c[16] = "____", e[16] = "____";
		if (food[t].cooked_from >= 0) {
			clock_format(food[t].cooked_from, c);
			clock_format(food[t].serve_by, e);
		}
		for (int k = 0; k < kt->nstops; k++) {
			const struct meal_point *m = &sv->meal_points[kt->stops[k]];
			for (int d = 0; d < sv->ndiets; d++) {
				if (!m->boxes[d])
					continue;
				const struct diet *dt = &sv->diets[d];
				strbuf_reset(&card);
				strbuf_addf(&card, "%s\n%s × %d · %s %02d\n",
					    m->name, lang_pick(lang, dt->label_zh,
							       dt->label_en, &name),
					    m->boxes[d], label(lang, L_TRIP),
					    kt->id);
				int first = 1;
				for (int q = 0; q < sv->nmenu; q++) {
					const struct dish *ds;
					if (sv->menu[q].diet != d)
						continue;
					ds = &sv->dishes[sv->menu[q].dish];
					strbuf_addf(&card, "%s%s", first ? ""
						    : lang == LANG_ZH ? "、" : ", ",
						    lang_pick(lang, ds->name_zh,
							      ds->name_en, &name));
					first = 0;
				}
				strbuf_addf(&card, "\n%s %s · %s %s\n%s · %s",
					    label(lang, L_COOKED), c,
					    label(lang, L_EAT_BY), e,
					    lang_pick(lang, sv->kitchen.name,
						      sv->kitchen.name_en,
						      &name),
					    sv->kitchen.licence);
				sheet_card(cards, strbuf_str(&card));
			}
		}
	}
	strbuf_release(&card);
	strbuf_release(&name);
}

static void retention_part(struct sheet *s, enum lang lang,
			   const struct service *sv,
			   const struct kitchen_demand *d)
{
	sheet_section(s, "retention", NULL);
	sheet_heading(s, 1, "%s · %s %s", label(lang, L_RETENTION), sv->date,
		      label_of_code(lang, sv->meal));
	sheet_running_header(s);
	sheet_text(s, 0, NULL, "%s: %d g, %d h", label(lang, L_RETAIN_RULE),
		   RETAIN_G, RETAIN_H);
	static const struct sheet_col cols[] = {
		{ 58, 0 }, { 16, SHEET_RIGHT }, { 12, SHEET_RIGHT },
		{ 26, SHEET_BLANK }, { 26, SHEET_BLANK }, { 26, SHEET_BLANK },
		{ 26, SHEET_BLANK },
	};
	const char *head[] = { label(lang, L_DISH), label(lang, L_SAMPLE_G),
			       label(lang, L_KEEP), label(lang, L_TIME_KEPT),
			       label(lang, L_KEPT_BY),
			       label(lang, L_DISCARDED),
			       label(lang, L_SIGNATURE) };
	struct sheet_table *t = sheet_table(s, NCOLS(cols), cols, head);
	t->min_row_mm = 8;
	struct strbuf name = STRBUF_INIT;
	for (int i = 0; i < d->ndishes; i++) {
		const struct dish *dish = &sv->dishes[d->dishes[i].dish];
		char g[16], h[16];
		snprintf(g, sizeof(g), "%d", RETAIN_G);
		snprintf(h, sizeof(h), "%d h", RETAIN_H);
		const char *row[] = { lang_pick(lang, dish->name_zh,
						dish->name_en, &name),
				      g, h, NULL, NULL, NULL, NULL };
		sheet_row(t, row, 0);
	}
	strbuf_release(&name);
}

void kitchen_sheet(struct sheet *s, enum lang lang, const struct service *sv,
		   const struct kitchen_demand *demand,
		   const struct kitchen_schedule *ks, bool planned,
		   const struct kitchen_trip *trips,
		   const struct kitchen_trip_food *food, int ntrips)
{
	schedule_part(s, lang, sv, ks, planned, trips, food, ntrips);
	pull_part(s, lang, sv, demand);
	packing_part(s, lang, sv, trips, ntrips);
	labels_part(s, lang, sv, trips, food, ntrips);
	retention_part(s, lang, sv, demand);
}
