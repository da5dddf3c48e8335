/*
 * Loading one meal service from the store (see service.h).
 */
#include "data/service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/orders.h"
#include "data/store_internal.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

static char *col_dup(sqlite3_stmt *stmt, int i)
{
	return xstrdup(store_text(stmt, i));
}

static int col_clock(sqlite3_stmt *stmt, int i)
{
	int s = 0;
	clock_parse(store_text(stmt, i), &s); /* validated on import */
	return s;
}

static int load_kitchen(struct store *st, const char *kitchen_id,
			struct kitchen *k, struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT id, name, address, phone, licence, lat, lon, opens, "
		"closes, load_minutes, load_seconds_per_box, food_limit_min, "
		"(SELECT count(*) FROM kitchens), cooks_per_slot, "
		"heated_food_limit_min, name_en, navigation "
		"FROM kitchens WHERE ?1 IS NULL OR id = ?1 ORDER BY id", err);
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, kitchen_id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	int ret = -1;
	if (rc == SQLITE_DONE) {
		if (kitchen_id)
			mr_fail(err, EX_USAGE, "no kitchen '%s' in %s",
				kitchen_id, st->path);
		else
			mr_fail(err, EX_DATAERR, "%s: no kitchen; import "
				"kitchens.csv first", st->path);
		goto out;
	}
	if (rc != SQLITE_ROW) {
		store_fail(st, err, "cannot read kitchens");
		goto out;
	}
	if (!kitchen_id && sqlite3_column_int(stmt, 12) > 1) {
		mr_fail(err, EX_USAGE, "%s holds several kitchens; choose one "
			"with --kitchen", st->path);
		goto out;
	}
	k->id = col_dup(stmt, 0);
	k->name = col_dup(stmt, 1);
	k->address = col_dup(stmt, 2);
	k->phone = col_dup(stmt, 3);
	k->licence = col_dup(stmt, 4);
	k->lat = sqlite3_column_double(stmt, 5);
	k->lon = sqlite3_column_double(stmt, 6);
	k->opens = col_clock(stmt, 7);
	k->closes = col_clock(stmt, 8);
	k->load_fixed_s = sqlite3_column_double(stmt, 9) * 60.0;
	k->load_per_box_s = sqlite3_column_double(stmt, 10);
	k->food_limit_min = sqlite3_column_int(stmt, 11);
	k->cooks_per_slot = sqlite3_column_int(stmt, 13);
	k->heated_food_limit_min = sqlite3_column_int(stmt, 14);
	k->name_en = col_dup(stmt, 15);
	const char *nav = store_text(stmt, 16);
	k->navigation = !strcmp(nav, "amap") ? NAV_AMAP
		      : !strcmp(nav, "baidu") ? NAV_BAIDU : NAV_GEO;
	ret = 0;
out:
	sqlite3_finalize(stmt);
	return ret;
}

static int load_diets(struct store *st, struct service *sv,
		      struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT code, label_zh, label_en FROM diets ORDER BY rowid",
		err);
	if (!stmt)
		return -1;
	int alloc = 0, rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		ALLOC_GROW(sv->diets, sv->ndiets + 1, alloc);
		struct diet *d = &sv->diets[sv->ndiets++];
		d->code = col_dup(stmt, 0);
		d->label_zh = col_dup(stmt, 1);
		d->label_en = col_dup(stmt, 2);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read diets");
	return 0;
}

static enum meal_point_kind kind_of(const char *s)
{
	if (!strcmp(s, "canteen"))
		return MP_CANTEEN;
	if (!strcmp(s, "home"))
		return MP_HOME;
	return MP_MEAL_POINT;
}

const char *meal_point_kind_name(enum meal_point_kind kind)
{
	switch (kind) {
	case MP_CANTEEN: return "canteen";
	case MP_HOME: return "home";
	case MP_MEAL_POINT: break;
	}
	return "meal_point";
}

int service_diet_index(const struct service *sv, const char *code)
{
	for (int i = 0; i < sv->ndiets; i++)
		if (!strcmp(sv->diets[i].code, code))
			return i;
	return -1;
}

/* Meal points of the kitchen with orders for the service, with their
 * boxes per diet. Rows come ordered by meal point, one per diet. */
static int load_meal_points(struct store *st, struct service *sv,
			    struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, ORDERS_OF_DAY_SQL
		"SELECT m.id, m.name, m.short_name, m.address, m.contact, "
		"m.phone, m.access_notes, m.kind, m.lat, m.lon, m.active, "
		"w.open, w.close, m.service_minutes, "
		"m.service_seconds_per_box, o.diet, o.boxes "
		"FROM day_orders o JOIN meal_points m ON m.id = o.meal_point_id "
		"LEFT JOIN delivery_windows w "
		" ON w.meal_point_id = m.id AND w.meal = ?2 "
		"WHERE m.kitchen_id = ?4 "
		"ORDER BY m.id, o.diet", err);
	if (!stmt)
		return -1;
	char weekday[2];
	orders_weekday(sv->date, weekday);
	sqlite3_bind_text(stmt, 1, sv->date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, sv->meal, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, weekday, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 4, sv->kitchen.id, -1, SQLITE_TRANSIENT);
	int alloc = 0, rc;
	struct meal_point *mp = NULL;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *id = store_text(stmt, 0);
		if (!mp || strcmp(mp->id, id) != 0) {
			ALLOC_GROW(sv->meal_points, sv->nmeal_points + 1, alloc);
			mp = &sv->meal_points[sv->nmeal_points++];
			memset(mp, 0, sizeof(*mp));
			mp->id = col_dup(stmt, 0);
			mp->name = col_dup(stmt, 1);
			mp->short_name = col_dup(stmt, 2);
			mp->address = col_dup(stmt, 3);
			mp->contact = col_dup(stmt, 4);
			mp->phone = col_dup(stmt, 5);
			mp->notes = col_dup(stmt, 6);
			mp->kind = kind_of(store_text(stmt, 7));
			mp->lat = sqlite3_column_double(stmt, 8);
			mp->lon = sqlite3_column_double(stmt, 9);
			mp->active = sqlite3_column_int(stmt, 10) != 0;
			mp->has_window = sqlite3_column_type(stmt, 11) !=
					 SQLITE_NULL;
			if (mp->has_window) {
				mp->open = col_clock(stmt, 11);
				mp->close = col_clock(stmt, 12);
			}
			mp->service_fixed_s =
				sqlite3_column_double(stmt, 13) * 60.0;
			mp->service_per_box_s = sqlite3_column_double(stmt, 14);
			mp->boxes = xcalloc((size_t)sv->ndiets, sizeof(int));
		}
		int d = service_diet_index(sv, store_text(stmt, 15));
		if (d < 0) { /* foreign keys make this unreachable */
			mr_fail(err, EX_DATAERR, "order of '%s' for unknown "
				"diet '%s'", mp->id, store_text(stmt, 15));
			sqlite3_finalize(stmt);
			return -1;
		}
		int boxes = sqlite3_column_int(stmt, 16);
		mp->boxes[d] += boxes;
		mp->total += boxes;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read orders");
	return 0;
}

static int load_vehicles(struct store *st, struct service *sv,
			 struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT v.id, v.plate, v.name, v.capacity_boxes, v.crates, "
		"v.shift_start, v.shift_end, v.cost_per_km, v.cost_per_hour, "
		"v.cost_per_use, d.name, d.phone, v.heated, v.name_en "
		"FROM vehicles v LEFT JOIN drivers d ON d.id = v.driver_id "
		"WHERE v.kitchen_id = ?1 AND v.active = 1 ORDER BY v.id", err);
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, sv->kitchen.id, -1, SQLITE_TRANSIENT);
	int alloc = 0, rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		ALLOC_GROW(sv->vehicles, sv->nvehicles + 1, alloc);
		struct vehicle *v = &sv->vehicles[sv->nvehicles++];
		v->id = col_dup(stmt, 0);
		v->plate = col_dup(stmt, 1);
		v->name = col_dup(stmt, 2);
		v->capacity = sqlite3_column_int(stmt, 3);
		v->crates = sqlite3_column_int(stmt, 4);
		v->shift_start = col_clock(stmt, 5);
		v->shift_end = col_clock(stmt, 6);
		v->cost_km = sqlite3_column_double(stmt, 7);
		v->cost_hour = sqlite3_column_double(stmt, 8);
		v->cost_use = sqlite3_column_double(stmt, 9);
		v->driver_name = col_dup(stmt, 10);
		v->driver_phone = col_dup(stmt, 11);
		v->heated = sqlite3_column_int(stmt, 12) != 0;
		v->name_en = col_dup(stmt, 13);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read vehicles");
	return 0;
}

static int load_menu(struct store *st, struct service *sv,
		     struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT m.diet, d.id, d.name_zh, d.name_en, d.equipment_kind "
		"FROM menus m JOIN dishes d ON d.id = m.dish_id "
		"WHERE m.date = ?1 AND m.meal = ?2 ORDER BY d.id, m.diet", err);
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, sv->date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, sv->meal, -1, SQLITE_TRANSIENT);
	int dish_alloc = 0, menu_alloc = 0, rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *id = store_text(stmt, 1);
		if (!sv->ndishes || strcmp(sv->dishes[sv->ndishes - 1].id, id)) {
			ALLOC_GROW(sv->dishes, sv->ndishes + 1, dish_alloc);
			struct dish *d = &sv->dishes[sv->ndishes++];
			d->id = col_dup(stmt, 1);
			d->name_zh = col_dup(stmt, 2);
			d->name_en = col_dup(stmt, 3);
			d->equipment_kind = col_dup(stmt, 4);
		}
		ALLOC_GROW(sv->menu, sv->nmenu + 1, menu_alloc);
		sv->menu[sv->nmenu].diet =
			service_diet_index(sv, store_text(stmt, 0));
		sv->menu[sv->nmenu].dish = sv->ndishes - 1;
		sv->nmenu++;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read the menu");
	return 0;
}

static int load_equipment(struct store *st, struct service *sv,
			  struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT id, kind, name, units, batch_portions, batch_minutes, "
		"cleaning_minutes, cooks_per_batch, clean_between_same, name_en "
		"FROM equipment WHERE kitchen_id = ?1 "
		"ORDER BY id", err);
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, sv->kitchen.id, -1, SQLITE_TRANSIENT);
	int alloc = 0, rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		ALLOC_GROW(sv->equipment, sv->nequipment + 1, alloc);
		struct equipment *e = &sv->equipment[sv->nequipment++];
		e->id = col_dup(stmt, 0);
		e->kind = col_dup(stmt, 1);
		e->name = col_dup(stmt, 2);
		e->units = sqlite3_column_int(stmt, 3);
		e->batch_portions = sqlite3_column_int(stmt, 4);
		e->batch_minutes = sqlite3_column_int(stmt, 5);
		e->cleaning_minutes = sqlite3_column_int(stmt, 6);
		e->cooks_per_batch = sqlite3_column_int(stmt, 7);
		e->clean_between_same = sqlite3_column_int(stmt, 8) != 0;
		e->name_en = col_dup(stmt, 9);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read equipment");
	return 0;
}

/* Recipes of the menu's dishes, and the ingredients they use. */
static int load_recipes(struct store *st, struct service *sv,
			struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT r.dish_id, i.id, i.name_zh, i.name_en, i.storage, "
		"r.grams_per_portion FROM recipes r "
		"JOIN ingredients i ON i.id = r.ingredient_id "
		"ORDER BY i.storage, i.id, r.dish_id", err);
	if (!stmt)
		return -1;
	int ialloc = 0, ralloc = 0, rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *dish = store_text(stmt, 0);
		int d = -1;
		for (int k = 0; k < sv->ndishes && d < 0; k++)
			if (!strcmp(sv->dishes[k].id, dish))
				d = k;
		if (d < 0)
			continue; /* not on this service's menu */
		const char *id = store_text(stmt, 1);
		if (!sv->ningredients ||
		    strcmp(sv->ingredients[sv->ningredients - 1].id, id)) {
			ALLOC_GROW(sv->ingredients, sv->ningredients + 1, ialloc);
			struct ingredient *g = &sv->ingredients[sv->ningredients++];
			g->id = col_dup(stmt, 1);
			g->name_zh = col_dup(stmt, 2);
			g->name_en = col_dup(stmt, 3);
			g->storage = col_dup(stmt, 4);
		}
		ALLOC_GROW(sv->recipe, sv->nrecipe + 1, ralloc);
		sv->recipe[sv->nrecipe++] = (struct recipe_line){
			d, sv->ningredients - 1, sqlite3_column_double(stmt, 5) };
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read recipes");
	return 0;
}

double service_food_limit_s(const struct service *sv, int v)
{
	const struct kitchen *k = &sv->kitchen;
	return (sv->vehicles[v].heated ? k->heated_food_limit_min
				       : k->food_limit_min) * 60.0;
}

/* What the kitchen cannot cook with: a dish on the menu whose kind of
 * equipment it has none of, equipment that needs more cooks than it has,
 * and a limit in heated vans shorter than the one in the others. */
static int check_kitchen(const struct service *sv, struct mr_error *err)
{
	const struct kitchen *k = &sv->kitchen;
	for (int i = 0; i < sv->ndishes; i++) {
		const struct dish *d = &sv->dishes[i];
		bool found = false;
		for (int e = 0; e < sv->nequipment && !found; e++)
			found = !strcmp(sv->equipment[e].kind, d->equipment_kind);
		if (!found)
			return mr_fail(err, EX_DATAERR, "dish %s on the menu of "
				       "%s %s needs equipment of kind '%s', and "
				       "kitchen %s has none (equipment.csv)",
				       d->id, sv->date, sv->meal,
				       d->equipment_kind, k->id);
	}
	for (int e = 0; e < sv->nequipment; e++) {
		const struct equipment *q = &sv->equipment[e];
		if (k->cooks_per_slot > 0 && q->cooks_per_batch > k->cooks_per_slot)
			return mr_fail(err, EX_DATAERR, "equipment %s needs %d "
				       "cooks a batch, more than the %d kitchen "
				       "%s has at a time (cooks_per_slot)",
				       q->id, q->cooks_per_batch,
				       k->cooks_per_slot, k->id);
	}
	if (k->heated_food_limit_min < k->food_limit_min)
		return mr_fail(err, EX_DATAERR, "kitchen %s: "
			       "heated_food_limit_min %d is shorter than "
			       "food_limit_min %d", k->id,
			       k->heated_food_limit_min, k->food_limit_min);
	return 0;
}

int service_load(struct store *st, const char *date, const char *meal,
		 const char *kitchen_id, struct service **out,
		 struct mr_error *err)
{
	*out = NULL;
	struct service *sv = xcalloc(1, sizeof(*sv));
	snprintf(sv->date, sizeof(sv->date), "%s", date);
	snprintf(sv->meal, sizeof(sv->meal), "%s", meal);
	/* One read transaction, so the service is one consistent snapshot. */
	if (store_exec(st, "BEGIN", err) != 0)
		goto fail;
	if (load_kitchen(st, kitchen_id, &sv->kitchen, err) != 0 ||
	    load_diets(st, sv, err) != 0 ||
	    load_meal_points(st, sv, err) != 0 ||
	    load_vehicles(st, sv, err) != 0 || load_menu(st, sv, err) != 0 ||
	    load_equipment(st, sv, err) != 0 || load_recipes(st, sv, err) != 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		goto fail;
	}
	sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (check_kitchen(sv, err) != 0)
		goto fail;
	*out = sv;
	return 0;
fail:
	service_free(sv);
	return -1;
}

void service_free(struct service *sv)
{
	if (!sv)
		return;
	struct kitchen *k = &sv->kitchen;
	free(k->id);
	free(k->name);
	free(k->name_en);
	free(k->address);
	free(k->phone);
	free(k->licence);
	for (int i = 0; i < sv->ndiets; i++) {
		free(sv->diets[i].code);
		free(sv->diets[i].label_zh);
		free(sv->diets[i].label_en);
	}
	free(sv->diets);
	for (int i = 0; i < sv->nmeal_points; i++) {
		struct meal_point *mp = &sv->meal_points[i];
		free(mp->id);
		free(mp->name);
		free(mp->short_name);
		free(mp->address);
		free(mp->contact);
		free(mp->phone);
		free(mp->notes);
		free(mp->boxes);
	}
	free(sv->meal_points);
	for (int i = 0; i < sv->nvehicles; i++) {
		struct vehicle *v = &sv->vehicles[i];
		free(v->id);
		free(v->plate);
		free(v->name);
		free(v->name_en);
		free(v->driver_name);
		free(v->driver_phone);
	}
	free(sv->vehicles);
	for (int i = 0; i < sv->ndishes; i++) {
		free(sv->dishes[i].id);
		free(sv->dishes[i].name_zh);
		free(sv->dishes[i].name_en);
		free(sv->dishes[i].equipment_kind);
	}
	free(sv->dishes);
	free(sv->menu);
	for (int i = 0; i < sv->nequipment; i++) {
		free(sv->equipment[i].id);
		free(sv->equipment[i].kind);
		free(sv->equipment[i].name);
		free(sv->equipment[i].name_en);
	}
	free(sv->equipment);
	for (int i = 0; i < sv->ningredients; i++) {
		free(sv->ingredients[i].id);
		free(sv->ingredients[i].name_zh);
		free(sv->ingredients[i].name_en);
		free(sv->ingredients[i].storage);
	}
	free(sv->ingredients);
	free(sv->recipe);
	free(sv);
}
