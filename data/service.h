/*
 * One meal service (a date and a meal at one kitchen) loaded from the store
 * into plain structs: the kitchen, its diets, the meal points with orders,
 * the vehicles with their drivers, and the menu. Everything the planner and
 * the kitchen need, and nothing that needs SQLite. All times are seconds
 * after midnight of the service date.
 */
#ifndef MEALRUN_DATA_SERVICE_H
#define MEALRUN_DATA_SERVICE_H

#include <stdbool.h>

#include "data/store.h"

/* The phone app a stop's navigation code opens, and the datum its
 * coordinates are in: a geo: URI (WGS-84; OsmAnd, Organic Maps, most
 * apps), Amap (GCJ-02) or Baidu Maps (BD-09). */
enum nav_app { NAV_GEO, NAV_AMAP, NAV_BAIDU };

struct kitchen {
	char *id, *name, *address, *phone, *licence;
	char *name_en;              /* its name in English, or "" */
	enum nav_app navigation;
	double lat, lon;
	int opens, closes;          /* s after midnight */
	double load_fixed_s;        /* loading a trip: fixed part */
	double load_per_box_s;      /* ... and per box */
	int food_limit_min;         /* pot to plate */
	int heated_food_limit_min;  /* the same in vans that keep food hot */
	int cooks_per_slot;         /* cooks at work at once; 0: no limit */
};

struct diet {
	char *code, *label_zh, *label_en;
};

enum meal_point_kind { MP_CANTEEN, MP_MEAL_POINT, MP_HOME };

struct meal_point {
	char *id, *name, *short_name, *address, *contact, *phone, *notes;
	enum meal_point_kind kind;
	double lat, lon;
	bool active;
	bool has_window;            /* a delivery window for this meal */
	int open, close;            /* the window, s after midnight */
	double service_fixed_s, service_per_box_s;
	int *boxes;                 /* ordered boxes per diet (ndiets) */
	int total;                  /* their sum */
};

struct vehicle {
	char *id, *plate, *name;
	char *name_en;              /* its name in English, or "" */
	int capacity;               /* boxes */
	int crates;
	int shift_start, shift_end;
	double cost_km, cost_hour, cost_use;
	char *driver_name, *driver_phone;
	bool heated;                /* keeps food at 60 °C or more */
};

struct dish {
	char *id, *name_zh, *name_en, *equipment_kind;
};

struct equipment {
	char *id, *kind, *name;
	char *name_en;              /* its name in English, or "" */
	int units;                  /* identical units */
	int batch_portions;         /* per unit and batch */
	int batch_minutes, cleaning_minutes;
	int cooks_per_batch;        /* cooks busy while a batch cooks and
				     * its unit is cleaned */
	bool clean_between_same;    /* cleaned between batches of one dish
				     * too, not only when the dish changes */
};

struct ingredient {
	char *id, *name_zh, *name_en, *storage; /* dry, chilled, frozen */
};

/* grams of ingredient per portion of dish */
struct recipe_line {
	int dish;                   /* index into service.dishes */
	int ingredient;             /* index into service.ingredients */
	double grams;
};

/* One line of the menu: dish makes part of a box of diet. */
struct menu_line {
	int diet;                   /* index into service.diets */
	int dish;                   /* index into service.dishes */
};

struct service {
	char date[11];
	char meal[16];
	struct kitchen kitchen;
	int ndiets;
	struct diet *diets;
	int nmeal_points;           /* those with orders for this service */
	struct meal_point *meal_points;
	int nvehicles;              /* active vehicles of the kitchen */
	struct vehicle *vehicles;
	int ndishes;
	struct dish *dishes;
	int nmenu;
	struct menu_line *menu;
	int nequipment;             /* the kitchen's */
	struct equipment *equipment;
	int ningredients;           /* those the menu's dishes use */
	struct ingredient *ingredients;
	int nrecipe;
	struct recipe_line *recipe;
};

/* The food limit of vehicle v's trips, in seconds: the kitchen's heated
 * limit in a heated van, its food limit in the others. */
double service_food_limit_s(const struct service *sv, int v);

/*
 * Loads the service of date and meal. kitchen_id may be NULL when the
 * database holds one kitchen. Meal points appear when they have orders
 * (inactive ones too, so their orders can be reported). Returns 0 and *out
 * (free with service_free), or -1 with err: EX_USAGE for an unknown or
 * ambiguous kitchen, EX_DATAERR for inconsistent data (a dish on the menu
 * whose kind of equipment the kitchen has none of, equipment that needs
 * more cooks than the kitchen has, a heated limit shorter than the food
 * limit).
 */
int service_load(struct store *st, const char *date, const char *meal,
		 const char *kitchen_id, struct service **out,
		 struct mr_error *err);

/* Frees a service and everything in it; accepts NULL. */
void service_free(struct service *sv);

/* Index of the diet with code, or -1. */
int service_diet_index(const struct service *sv, const char *code);

/* "canteen", "meal_point" or "home". */
const char *meal_point_kind_name(enum meal_point_kind kind);

#endif
