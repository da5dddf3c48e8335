/*
 * What the kitchen must cook: portions of each dish, for the day and for
 * each trip, from the boxes per diet a trip carries and the menu that says
 * which dishes make a box of each diet. A dish shared by several diets is
 * one line of demand; a dish whose recipe differs by diet (low salt,
 * pureed) is a dish of its own on the menu, so it stays apart.
 *
 * kitchen/ takes the trips as its own input and uses data/ only.
 */
#ifndef MEALRUN_KITCHEN_DEMAND_H
#define MEALRUN_KITCHEN_DEMAND_H

#include "data/service.h"

/* A trip as the kitchen sees it: what it carries, when it loads, when
 * its last stop is served, and how long before that its food may leave
 * the pot (longer in a van that keeps food hot). */
struct kitchen_trip {
	int id;
	const int *diet_boxes;      /* boxes per diet (service.ndiets) */
	double load_start;          /* s after midnight */
	double last_start;          /* service start at the last stop */
	double food_limit_s;        /* the trip's food limit */
	int nstops;
	const int *stops;           /* meal points in visiting order */
};

struct dish_demand {
	int dish;                   /* index into service.dishes */
	int portions;               /* for the whole service */
	int *per_trip;              /* portions per trip, in trip order */
};

struct kitchen_demand {
	int ndishes;                /* dishes with portions to cook, in
				     * the order of service.dishes */
	struct dish_demand *dishes;
	int nunplanned;             /* diets with boxes but no menu lines */
	int *unplanned_diets;       /* their indices */
};

/*
 * Adds up the demand of the trips. Never fails; a diet with boxes but no
 * dish on the menu is listed in unplanned_diets so the caller can warn.
 * Release with kitchen_demand_release.
 */
void kitchen_demand_make(const struct service *sv,
			 const struct kitchen_trip *trips, int ntrips,
			 struct kitchen_demand *out);

void kitchen_demand_release(struct kitchen_demand *d);

#endif
