/*
 * Portions to cook (see demand.h).
 */
#include "kitchen/demand.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static int by_dish(const void *a, const void *b)
{
	int x = ((const struct dish_demand *)a)->dish;
	int y = ((const struct dish_demand *)b)->dish;
	return (x > y) - (x < y);
}

void kitchen_demand_make(const struct service *sv,
			 const struct kitchen_trip *trips, int ntrips,
			 struct kitchen_demand *out)
{
	memset(out, 0, sizeof(*out));
	int *slot = xcalloc((size_t)sv->ndishes + 1, sizeof(int));
	for (int i = 0; i < sv->ndishes; i++)
		slot[i] = -1;
	bool *on_menu = xcalloc((size_t)sv->ndiets + 1, sizeof(bool));
	out->dishes = xcalloc((size_t)sv->ndishes + 1, sizeof(*out->dishes));

	for (int m = 0; m < sv->nmenu; m++) {
		const struct menu_line *line = &sv->menu[m];
		if (line->diet < 0)
			continue;
		on_menu[line->diet] = true;
		for (int t = 0; t < ntrips; t++) {
			int boxes = trips[t].diet_boxes[line->diet];
			if (!boxes)
				continue;
			if (slot[line->dish] < 0) {
				slot[line->dish] = out->ndishes;
				struct dish_demand *d = &out->dishes[out->ndishes++];
				d->dish = line->dish;
				d->per_trip = xcalloc((size_t)ntrips + 1,
						      sizeof(int));
			}
			struct dish_demand *d = &out->dishes[slot[line->dish]];
			d->portions += boxes;
			d->per_trip[t] += boxes;
		}
	}

	/* Lines in the order of the dishes, as kitchen_pace has them. */
	qsort(out->dishes, (size_t)out->ndishes, sizeof(*out->dishes), by_dish);

	out->unplanned_diets = xcalloc((size_t)sv->ndiets + 1, sizeof(int));
	for (int d = 0; d < sv->ndiets; d++) {
		if (on_menu[d])
			continue;
		for (int t = 0; t < ntrips; t++) {
			if (trips[t].diet_boxes[d]) {
				out->unplanned_diets[out->nunplanned++] = d;
				break;
			}
		}
	}
	free(slot);
	free(on_menu);
}

void kitchen_demand_release(struct kitchen_demand *d)
{
	for (int i = 0; i < d->ndishes; i++)
		free(d->dishes[i].per_trip);
	free(d->dishes);
	free(d->unplanned_diets);
	memset(d, 0, sizeof(*d));
}
