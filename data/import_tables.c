/*
 * The tables a CSV import knows (see import_tables.h and
 * docs/data-format.md, which describes the same columns for people).
 */
#include "data/import_tables.h"

#include <stddef.h>

#define END_COLS { NULL, NULL, COL_TEXT, 0, 0, 0, NULL, NULL, NULL, NULL, NULL }
#define MEALS "breakfast|lunch|dinner"
/* The datum of lat and lon (util/coords.h); converted to WGS-84 on
 * import. */
#define COORDS "wgs84|gcj02|bd09"

static const struct col_spec kitchen_cols[] = {
	{ "id", "id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "name", "name", COL_TEXT, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "name_en", "name_en", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "address", "address", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "lat", "lat", COL_REAL, REQUIRED, -90, 90, NULL, NULL, NULL, NULL, NULL },
	{ "lon", "lon", COL_REAL, REQUIRED, -180, 180, NULL, NULL, NULL, NULL, NULL },
	{ "coords", "coords", COL_ENUM, VIRTUAL, 0, 0, COORDS, "wgs84", NULL, NULL, NULL },
	{ "phone", "phone", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "navigation", "navigation", COL_ENUM, 0, 0, 0, "amap|baidu|geo", "geo", NULL, NULL, NULL },
	{ "licence", "licence", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "opens", "opens", COL_CLOCK, 0, 0, 0, NULL, "06:00", NULL, NULL, NULL },
	{ "closes", "closes", COL_CLOCK, 0, 0, 0, NULL, "20:00", NULL, NULL, NULL },
	{ "load_minutes", "load_minutes", COL_REAL, 0, 0, 240, NULL, "10", NULL, NULL, NULL },
	{ "load_seconds_per_box", "load_seconds_per_box", COL_REAL, 0, 0, 600, NULL, "3", NULL, NULL, NULL },
	{ "food_limit_min", "food_limit_min", COL_INT, 0, 1, 240, NULL, "120", NULL, NULL, NULL },
	{ "cooks_per_slot", "cooks_per_slot", COL_INT, 0, 0, 1000, NULL, "0", NULL, NULL, NULL },
	{ "heated_food_limit_min", "heated_food_limit_min", COL_INT, 0, 1, 240, NULL, "240", NULL, NULL, NULL },
	{ "cold_below_c", "cold_below_c", COL_REAL, 0, 0, 100, NULL, "60", NULL, NULL, NULL },
	END_COLS
};

static const struct col_spec diet_cols[] = {
	{ "code", "code", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "label_zh", "label_zh", COL_TEXT, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "label_en", "label_en", COL_TEXT, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	END_COLS
};

static const struct col_spec meal_point_cols[] = {
	{ "id", "id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "kitchen", "kitchen_id", COL_ID, REQUIRED, 0, 0, NULL, NULL, "kitchens", "id", "kitchen" },
	{ "kind", "kind", COL_ENUM, REQUIRED, 0, 0, "canteen|meal_point|home", NULL, NULL, NULL, NULL },
	{ "name", "name", COL_TEXT, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "short_name", "short_name", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "address", "address", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "lat", "lat", COL_REAL, REQUIRED, -90, 90, NULL, NULL, NULL, NULL, NULL },
	{ "lon", "lon", COL_REAL, REQUIRED, -180, 180, NULL, NULL, NULL, NULL, NULL },
	{ "coords", "coords", COL_ENUM, VIRTUAL, 0, 0, COORDS, "wgs84", NULL, NULL, NULL },
	{ "contact", "contact", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "phone", "phone", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "service_minutes", "service_minutes", COL_REAL, 0, 0, 120, NULL, "3", NULL, NULL, NULL },
	{ "service_seconds_per_box", "service_seconds_per_box", COL_REAL, 0, 0, 600, NULL, "6", NULL, NULL, NULL },
	{ "access_notes", "access_notes", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "active", "active", COL_BOOL, 0, 0, 0, NULL, "1", NULL, NULL, NULL },
	END_COLS
};

static const struct col_spec window_cols[] = {
	{ "meal_point", "meal_point_id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, "meal_points", "id", "meal point" },
	{ "meal", "meal", COL_ENUM, REQUIRED | KEY, 0, 0, MEALS, NULL, NULL, NULL, NULL },
	{ "open", "open", COL_CLOCK, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "close", "close", COL_CLOCK, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	END_COLS
};

static const struct col_spec ingredient_cols[] = {
	{ "id", "id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "name_zh", "name_zh", COL_TEXT, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "name_en", "name_en", COL_TEXT, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "storage", "storage", COL_ENUM, REQUIRED, 0, 0, "dry|chilled|frozen", NULL, NULL, NULL, NULL },
	END_COLS
};

static const struct col_spec dish_cols[] = {
	{ "id", "id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "name_zh", "name_zh", COL_TEXT, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "name_en", "name_en", COL_TEXT, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "equipment_kind", "equipment_kind", COL_ID, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	END_COLS
};

static const struct col_spec recipe_cols[] = {
	{ "dish", "dish_id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, "dishes", "id", "dish" },
	{ "ingredient", "ingredient_id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, "ingredients", "id", "ingredient" },
	{ "grams_per_portion", "grams_per_portion", COL_REAL, REQUIRED, 0.001, 5000, NULL, NULL, NULL, NULL, NULL },
	END_COLS
};

static const struct col_spec menu_cols[] = {
	{ "date", "date", COL_DATE, REQUIRED | KEY, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "meal", "meal", COL_ENUM, REQUIRED | KEY, 0, 0, MEALS, NULL, NULL, NULL, NULL },
	{ "diet", "diet", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, "diets", "code", "diet" },
	{ "dish", "dish_id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, "dishes", "id", "dish" },
	END_COLS
};

static const struct col_spec equipment_cols[] = {
	{ "id", "id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "kitchen", "kitchen_id", COL_ID, REQUIRED, 0, 0, NULL, NULL, "kitchens", "id", "kitchen" },
	{ "kind", "kind", COL_ID, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "name", "name", COL_TEXT, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "name_en", "name_en", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "units", "units", COL_INT, REQUIRED, 1, 100, NULL, NULL, NULL, NULL, NULL },
	{ "batch_portions", "batch_portions", COL_INT, REQUIRED, 1, 100000, NULL, NULL, NULL, NULL, NULL },
	{ "batch_minutes", "batch_minutes", COL_INT, REQUIRED, 1, 1440, NULL, NULL, NULL, NULL, NULL },
	{ "cleaning_minutes", "cleaning_minutes", COL_INT, 0, 0, 1440, NULL, "0", NULL, NULL, NULL },
	{ "cooks_per_batch", "cooks_per_batch", COL_INT, 0, 0, 100, NULL, "1", NULL, NULL, NULL },
	{ "clean_between_same", "clean_between_same", COL_BOOL, 0, 0, 0, NULL, "0", NULL, NULL, NULL },
	END_COLS
};

static const struct col_spec driver_cols[] = {
	{ "id", "id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "name", "name", COL_TEXT, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "phone", "phone", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	END_COLS
};

static const struct col_spec vehicle_cols[] = {
	{ "id", "id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "kitchen", "kitchen_id", COL_ID, REQUIRED, 0, 0, NULL, NULL, "kitchens", "id", "kitchen" },
	{ "plate", "plate", COL_TEXT, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "name", "name", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "name_en", "name_en", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "capacity_boxes", "capacity_boxes", COL_INT, REQUIRED, 1, 100000, NULL, NULL, NULL, NULL, NULL },
	{ "crates", "crates", COL_INT, 0, 0, 10000, NULL, "0", NULL, NULL, NULL },
	{ "shift_start", "shift_start", COL_CLOCK, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "shift_end", "shift_end", COL_CLOCK, REQUIRED, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "cost_per_km", "cost_per_km", COL_REAL, 0, 0, 1e6, NULL, "0", NULL, NULL, NULL },
	{ "cost_per_hour", "cost_per_hour", COL_REAL, 0, 0, 1e6, NULL, "0", NULL, NULL, NULL },
	{ "cost_per_use", "cost_per_use", COL_REAL, 0, 0, 1e6, NULL, "0", NULL, NULL, NULL },
	{ "driver", "driver_id", COL_ID, 0, 0, 0, NULL, NULL, "drivers", "id", "driver" },
	{ "active", "active", COL_BOOL, 0, 0, 0, NULL, "1", NULL, NULL, NULL },
	{ "heated", "heated", COL_BOOL, 0, 0, 0, NULL, "0", NULL, NULL, NULL },
	END_COLS
};

static const struct col_spec order_cols[] = {
	{ "date", "date", COL_DATE, REQUIRED | KEY, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "meal", "meal", COL_ENUM, REQUIRED | KEY, 0, 0, MEALS, NULL, NULL, NULL, NULL },
	{ "meal_point", "meal_point_id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, "meal_points", "id", "meal point" },
	{ "diet", "diet", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, "diets", "code", "diet" },
	{ "boxes", "boxes", COL_INT, REQUIRED, 1, 10000, NULL, NULL, NULL, NULL, NULL },
	END_COLS
};

static const struct col_spec standing_cols[] = {
	{ "meal_point", "meal_point_id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, "meal_points", "id", "meal point" },
	{ "meal", "meal", COL_ENUM, REQUIRED | KEY, 0, 0, MEALS, NULL, NULL, NULL, NULL },
	{ "weekdays", "weekdays", COL_WEEKDAYS, REQUIRED | KEY, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "diet", "diet", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, "diets", "code", "diet" },
	{ "boxes", "boxes", COL_INT, REQUIRED, 1, 10000, NULL, NULL, NULL, NULL, NULL },
	{ "valid_from", "valid_from", COL_DATE, KEY, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "valid_to", "valid_to", COL_DATE, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	END_COLS
};

static const struct col_spec pause_cols[] = {
	{ "meal_point", "meal_point_id", COL_ID, REQUIRED | KEY, 0, 0, NULL, NULL, "meal_points", "id", "meal point" },
	{ "from", "from_date", COL_DATE, REQUIRED | KEY, 0, 0, NULL, NULL, NULL, NULL, NULL },
	{ "to", "to_date", COL_DATE, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	{ "reason", "reason", COL_TEXT, 0, 0, 0, NULL, "", NULL, NULL, NULL },
	END_COLS
};

static const char *const order_group[] = { "date", "meal", "meal_point", NULL };
static const char *const standing_group[] = { "meal_point", "meal", NULL };
static const char *const menu_group[] = { "date", "meal", "diet", NULL };
static const char *const recipe_group[] = { "dish", NULL };

const struct table_spec import_tables[] = {
	{ "kitchens", "kitchen", kitchen_cols, "opens", "closes", 0, NULL },
	{ "diets", "diet", diet_cols, NULL, NULL, 0, NULL },
	{ "meal_points", "meal point", meal_point_cols, NULL, NULL, 0, NULL },
	{ "delivery_windows", "delivery window", window_cols, "open", "close", 0, NULL },
	{ "ingredients", "ingredient", ingredient_cols, NULL, NULL, 0, NULL },
	{ "dishes", "dish", dish_cols, NULL, NULL, 0, NULL },
	{ "recipes", "recipe line", recipe_cols, NULL, NULL, 0, recipe_group },
	{ "menus", "menu line", menu_cols, NULL, NULL, 0, menu_group },
	{ "equipment", "equipment row", equipment_cols, NULL, NULL, 0, NULL },
	{ "drivers", "driver", driver_cols, NULL, NULL, 0, NULL },
	{ "vehicles", "vehicle", vehicle_cols, "shift_start", "shift_end", 0, NULL },
	{ "orders", "order", order_cols, NULL, NULL, 1, order_group },
	{ "standing_orders", "standing order line", standing_cols, "valid_from", "valid_to", 0, standing_group },
	{ "pauses", "pause", pause_cols, "from", "to", 0, NULL },
};

