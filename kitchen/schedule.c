/*
 * Batch cooking (see schedule.h).
 *
 * Time runs in 5-minute slots from the kitchen's opening: a batch started
 * in slot k cooks for its equipment's batch minutes and keeps its unit for
 * the cleaning minutes after. A batch may feed a trip when it ends no
 * earlier than the trip's last delivery minus the food limit (a hard
 * rule) and, to be on time, no later than the trip starts loading.
 *
 * Two schedules: a list schedule, quick and always there, and a MIP that
 * decides the batches and their times together, started from the list
 * schedule and kept when it answers.
 */
#include "kitchen/schedule.h"

#include <float.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/xalloc.h"

static const struct kitchen_trip *sort_trips;

static int by_loading(const void *a, const void *b)
{
	double x = sort_trips[*(const int *)a].load_start;
	double y = sort_trips[*(const int *)b].load_start;
	return x < y ? -1 : x > y;
}

/* What both schedules work from. */
struct kctx {
	const struct service *sv;
	const struct kitchen_demand *d;
	const struct kitchen_trip *trips;
	int ntrips, nslots;
	double opens, limit;
	int *equip;        /* per dish line: equipment, or -1 */
	int *by_load;      /* trips in loading order */
};

/* Units and cooks in use, slot by slot. */
struct occupancy {
	int *used;         /* equipment x slot */
	int *cooks;        /* slot */
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void kitchen_dish_diets(const struct service *sv, int dish, struct strbuf *out)
{
	for (int m = 0; m < sv->nmenu; m++)
		if (sv->menu[m].dish == dish && sv->menu[m].diet >= 0)
			strbuf_addf(out, "%s%s", out->len ? "+" : "",
				    sv->diets[sv->menu[m].diet].code);
}

static int equipment_for(const struct service *sv, const char *kind)
{
	for (int e = 0; e < sv->nequipment; e++)
		if (!strcmp(sv->equipment[e].kind, kind))
			return e;
	return -1;
}

static double cook_s(const struct service *sv, int e)
{
	return sv->equipment[e].batch_minutes * 60.0;
}

/* Slots a batch keeps its unit: cooking, then cleaning. */
static int busy_slots(const struct service *sv, int e)
{
	const struct equipment *q = &sv->equipment[e];
	return (int)ceil((q->batch_minutes + q->cleaning_minutes) * 60.0 /
			 KITCHEN_SLOT_S);
}

static double slot_end(const struct kctx *c, int e, int k)
{
	return c->opens + (double)k * KITCHEN_SLOT_S + cook_s(c->sv, e);
}

/* The food limit: the earliest a batch for trip t may end. */
static double trip_lo(const struct kctx *c, int t)
{
	return c->trips[t].last_start - c->limit;
}

/* The first start slot whose batch ends no earlier than when, and the last
 * whose batch ends no later. */
static int slot_ending_from(const struct kctx *c, int e, double when)
{
	return (int)ceil((when - cook_s(c->sv, e) - c->opens) / KITCHEN_SLOT_S);
}

static int slot_ending_by(const struct kctx *c, int e, double when)
{
	return (int)floor((when - cook_s(c->sv, e) - c->opens) / KITCHEN_SLOT_S);
}

/* Adds an empty batch of dish on equipment e starting in slot k; the
 * start slots, in *slot_of, grow with the batches (*salloc). Start and
 * end times are set when units are assigned. */
static struct batch *new_batch(struct kitchen_schedule *ks, int *alloc,
			       int **slot_of, int *salloc, int dish, int e,
			       int k)
{
	ALLOC_GROW(ks->batches, ks->nbatches + 1, *alloc);
	ALLOC_GROW(*slot_of, ks->nbatches + 1, *salloc);
	(*slot_of)[ks->nbatches] = k;
	struct batch *b = &ks->batches[ks->nbatches++];
	memset(b, 0, sizeof(*b));
	b->dish = dish;
	b->equipment = e;
	b->lo = -1e18;
	b->hi = 1e18;
	return b;
}

static void feed(const struct kctx *c, struct batch *b, int t, int portions)
{
	b->feeds = xreallocarray(b->feeds, (size_t)b->nfeeds + 1,
				 sizeof(*b->feeds));
	b->feeds[b->nfeeds++] = (struct batch_feed){ t, portions };
	b->portions += portions;
	b->lo = fmax(b->lo, trip_lo(c, t));
	b->hi = fmin(b->hi, c->trips[t].load_start);
}

/* Whether a batch of equipment e may start in slot k. */
static bool fits(const struct kctx *c, const struct occupancy *o, int e,
		 int k)
{
	const struct equipment *q = &c->sv->equipment[e];
	int busy = busy_slots(c->sv, e), limit = c->sv->kitchen.cooks_per_slot;
	if (k < 0 || k + busy > c->nslots)
		return false;
	for (int j = k; j < k + busy; j++) {
		if (o->used[e * c->nslots + j] >= q->units)
			return false;
		if (limit > 0 && o->cooks[j] + q->cooks_per_batch > limit)
			return false;
	}
	return true;
}

static void occupy(const struct kctx *c, struct occupancy *o, int e, int k,
		   int sign)
{
	int busy = busy_slots(c->sv, e);
	for (int j = k; j < k + busy && j < c->nslots; j++) {
		o->used[e * c->nslots + j] += sign;
		o->cooks[j] += sign * c->sv->equipment[e].cooks_per_batch;
	}
}

static void occupancy_init(const struct kctx *c, struct occupancy *o)
{
	o->used = xcalloc((size_t)c->sv->nequipment * (size_t)c->nslots + 1,
			  sizeof(int));
	o->cooks = xcalloc((size_t)c->nslots + 1, sizeof(int));
}

static void occupancy_release(struct occupancy *o)
{
	free(o->used);
	free(o->cooks);
}

/*
 * Fills batch b of dish line i, ending at end, from the portions still
 * pending: the trips whose food limit allows it, most urgent first.
 */
static void fill_batch(const struct kctx *c, int i, double end, int cap,
		       int *pending, struct batch *b)
{
	int nt = c->ntrips;
	for (int n = 0; n < nt && b->portions < cap; n++) {
		int t = c->by_load[n];
		int *left = &pending[i * nt + t];
		if (*left <= 0 || trip_lo(c, t) > end + 1e-6)
			continue;
		int take = cap - b->portions < *left ? cap - b->portions : *left;
		feed(c, b, t, take);
		*left -= take;
	}
}

/*
 * The fallback, and the model's first answer; fills the batches and
 * their start slots. Forwards through the day, slot by slot: whenever a
 * unit is free, it cooks the dish the most urgent trip still waits for,
 * if the food limit lets it be cooked that early, and fills the batch
 * with that dish for the next trips in loading order that may have it as
 * well. Then, latest first, each batch moves as late as its trips and the
 * free equipment allow, so food is as fresh as it can be.
 */
static void list_schedule(const struct kctx *c, struct kitchen_schedule *ks,
			  int **slot_out)
{
	const struct service *sv = c->sv;
	int nd = c->d->ndishes, nt = c->ntrips, alloc = 0, salloc = 0;
	int *slot_of = NULL;
	int *pending = xcalloc((size_t)nd * (size_t)nt + 1, sizeof(int));
	long left = 0;
	for (int i = 0; i < nd; i++)
		for (int t = 0; t < nt && c->equip[i] >= 0; t++) {
			pending[i * nt + t] = c->d->dishes[i].per_trip[t];
			left += pending[i * nt + t];
		}
	struct occupancy o;
	occupancy_init(c, &o);
	for (int k = 0; k < c->nslots && left > 0; k++)
		for (int e = 0; e < sv->nequipment; e++)
			while (fits(c, &o, e, k)) {
				double end = slot_end(c, e, k);
				int pick = -1;
				for (int n = 0; n < nt && pick < 0; n++) {
					int t = c->by_load[n];
					if (trip_lo(c, t) > end + 1e-6)
						continue;
					for (int i = 0; i < nd && pick < 0; i++)
						if (c->equip[i] == e &&
						    pending[i * nt + t] > 0)
							pick = i;
				}
				if (pick < 0)
					break;
				struct batch *b = new_batch(ks, &alloc, &slot_of,
					&salloc, c->d->dishes[pick].dish, e, k);
				int before = b->portions;
				fill_batch(c, pick, end, sv->equipment[e].batch_portions,
					   pending, b);
				left -= b->portions - before;
				occupy(c, &o, e, k, 1);
			}
	/* Beyond the horizon: overbooked at its end, but a time. */
	for (int i = 0; i < nd && left > 0; i++) {
		int e = c->equip[i];
		for (int t = 0; t < nt && e >= 0; t++)
			while (pending[i * nt + t] > 0) {
				int k = c->nslots - busy_slots(sv, e);
				if (k < 0)
					k = 0;
				struct batch *b = new_batch(ks, &alloc, &slot_of,
					&salloc, c->d->dishes[i].dish, e, k);
				fill_batch(c, i, 1e18, sv->equipment[e].batch_portions,
					   pending, b);
				occupy(c, &o, e, k, 1);
			}
	}
	/* Right-justify, latest first. */
	int nb = ks->nbatches;
	int *order = xmalloc(sizeof(int) * ((size_t)nb + 1));
	for (int b = 0; b < nb; b++)
		order[b] = b;
	for (int a = 1; a < nb; a++)
		for (int z = a; z > 0 && slot_of[order[z]] > slot_of[order[z - 1]];
		     z--) {
			int tmp = order[z];
			order[z] = order[z - 1];
			order[z - 1] = tmp;
		}
	for (int n = 0; n < nb; n++) {
		int b = order[n];
		struct batch *bt = &ks->batches[b];
		int e = bt->equipment;
		int latest = slot_ending_by(c, e, bt->hi);
		if (latest <= slot_of[b])
			continue;
		occupy(c, &o, e, slot_of[b], -1);
		for (int k = latest; k > slot_of[b]; k--)
			if (fits(c, &o, e, k)) {
				slot_of[b] = k;
				break;
			}
		occupy(c, &o, e, slot_of[b], 1);
	}
	free(order);
	free(pending);
	occupancy_release(&o);
	*slot_out = slot_of;
}

/*
 * The time-indexed model, which sizes the batches and times them at once.
 * For each dish v and start slot k, y[v][k] batches start (integer, the
 * units of its equipment pooled); x[v][t][k] portions of them go to trip
 * t, allowed when the batch ends within the trip's window or after it
 * (late, at a price). Rows: every trip gets its portions of every dish;
 * no batch holds more than the equipment's batch size; in every slot no
 * more batches cook or are cleaned than the equipment has units; and,
 * when the kitchen sets one, no more cooks are busy than it has.
 *
 * Objective, in order: minutes late (per trip and dish), batches, minutes
 * cooked before they had to be (per trip and dish). The weights keep the
 * order: a minute late outweighs a hundred batches, a batch a thousand
 * minutes of freshness.
 */
#define W_LATE 100000.0
#define W_BATCH 1000.0
#define W_FRESH 1.0
/* Larger models go to the list schedule alone. */
#define MAX_MIP_COLUMNS 200000
/* Near enough: the search stops within this share of the bound. */
#define MIP_GAP 0.001
/* Models up to this size get the linking rows. */
#define MAX_LINKED_COLUMNS 10000
/* The most lateness per trip the model considers: three hours. */
#define MAX_LATE_SLOTS 36

struct flow_col {
	int v, t, k;       /* t < 0: a y column */
};

struct flow {
	const struct kctx *c;
	int *late;         /* per trip: slots it may be late */
	int *kfirst, *klast; /* per dish line and trip: start slots */
	int *y0;           /* per dish line: column of its slot kmin */
	int *kmin, *kmax;  /* per dish line: range of y */
	int *x0;           /* per dish line and trip: column of kfirst */
	int ncols;
	struct flow_col *cols; /* 1-based */
};

/* The start slots each dish line may have for each trip (kfirst to
 * klast; klast is -1 when the trip has none of it or no equipment cooks
 * it), and each dish line's range of batch slots. */
static void flow_ranges(struct flow *f)
{
	const struct kitchen_demand *d = f->c->d;
	int nt = f->c->ntrips;
	for (int i = 0; i < d->ndishes; i++) {
		int e = f->c->equip[i];
		f->kmin[i] = INT_MAX;
		f->kmax[i] = -1;
		for (int t = 0; t < nt; t++) {
			int *a = &f->kfirst[i * nt + t], *z = &f->klast[i * nt + t];
			*a = 0;
			*z = -1;
			if (e < 0 || d->dishes[i].per_trip[t] <= 0)
				continue;
			int first = slot_ending_from(f->c, e, trip_lo(f->c, t));
			int on = slot_ending_by(f->c, e, f->c->trips[t].load_start);
			*a = first > 0 ? first : 0;
			*z = (on > *a ? on : *a) + f->late[t];
			int top = f->c->nslots - busy_slots(f->c->sv, e);
			if (*z > top)
				*z = top;
			if (*z < *a)
				*a = *z; /* squeezed against the horizon */
			if (*a < f->kmin[i])
				f->kmin[i] = *a;
			if (*z > f->kmax[i])
				f->kmax[i] = *z;
		}
	}
}

static long flow_count(const struct flow *f)
{
	long n = 0;
	for (int i = 0; i < f->c->d->ndishes; i++) {
		if (f->kmax[i] < 0)
			continue;
		n += f->kmax[i] - f->kmin[i] + 1;
		for (int t = 0; t < f->c->ntrips; t++)
			if (f->klast[i * f->c->ntrips + t] >= 0)
				n += f->klast[i * f->c->ntrips + t] -
				     f->kfirst[i * f->c->ntrips + t] + 1;
	}
	return n;
}

static int add_row(glp_prob *lp, int type, double bound)
{
	int r = glp_add_rows(lp, 1);
	glp_set_row_bnds(lp, r, type, type == GLP_UP ? 0 : bound, bound);
	return r;
}

/* The list schedule as a starting answer for the model, or false when it
 * does not fit the model's columns and rows. */
static bool flow_start(const struct flow *f, const struct kitchen_schedule *ks,
		       const int *slot_of, glp_prob *lp, double *x)
{
	int nt = f->c->ntrips;
	for (int b = 0; b < ks->nbatches; b++) {
		const struct batch *bt = &ks->batches[b];
		int i = 0;
		while (i < f->c->d->ndishes && f->c->d->dishes[i].dish != bt->dish)
			i++;
		int k = slot_of[b];
		if (i == f->c->d->ndishes || k < f->kmin[i] || k > f->kmax[i])
			return false;
		x[f->y0[i] + k - f->kmin[i]] += 1;
		for (int j = 0; j < bt->nfeeds; j++) {
			int t = bt->feeds[j].trip;
			if (k < f->kfirst[i * nt + t] || k > f->klast[i * nt + t])
				return false;
			x[f->x0[i * nt + t] + k - f->kfirst[i * nt + t]] +=
				bt->feeds[j].portions;
		}
	}
	/* Rows: the list schedule may have overbooked at the horizon. */
	int nrows = glp_get_num_rows(lp);
	double *act = xcalloc((size_t)nrows + 1, sizeof(double));
	int *ind = xmalloc(sizeof(int) * ((size_t)nrows + 1));
	double *val = xmalloc(sizeof(double) * ((size_t)nrows + 1));
	for (int c = 1; c <= f->ncols; c++) {
		if (x[c] == 0)
			continue;
		int len = glp_get_mat_col(lp, c, ind, val);
		for (int q = 1; q <= len; q++)
			act[ind[q]] += val[q] * x[c];
	}
	bool ok = true;
	for (int r = 1; r <= nrows && ok; r++) {
		int type = glp_get_row_type(lp, r);
		if (type == GLP_FX)
			ok = fabs(act[r] - glp_get_row_ub(lp, r)) < 1e-6;
		else if (type == GLP_UP)
			ok = act[r] <= glp_get_row_ub(lp, r) + 1e-6;
	}
	free(act);
	free(ind);
	free(val);
	return ok;
}

struct mip_cb {
	double *x;
	bool given;
	double bound;      /* the best lower bound seen */
};

static void on_tree(glp_tree *tree, void *info)
{
	struct mip_cb *cb = info;
	if (glp_ios_reason(tree) == GLP_IHEUR && cb->x && !cb->given) {
		cb->given = true;
		glp_ios_heur_sol(tree, cb->x);
	}
	int node = glp_ios_best_node(tree);
	if (node)
		cb->bound = fmax(cb->bound, glp_ios_node_bound(tree, node));
}

/* Turns the model's answer into batches: for each dish and slot, y
 * batches share the portions that go to each trip, filled in trip order. */
static void flow_batches(const struct flow *f, glp_prob *lp,
			 struct kitchen_schedule *out, int **slot_out)
{
	int nt = f->c->ntrips, alloc = 0, salloc = 0;
	int *slot_of = NULL;
	for (int i = 0; i < f->c->d->ndishes; i++) {
		int e = f->c->equip[i];
		if (f->kmax[i] < 0)
			continue;
		int cap = f->c->sv->equipment[e].batch_portions;
		for (int k = f->kmin[i]; k <= f->kmax[i]; k++) {
			int n = (int)lround(glp_get_col_prim(lp,
					f->y0[i] + k - f->kmin[i]));
			struct batch *b = NULL;
			for (int t = 0; t < nt && n > 0; t++) {
				int a = f->kfirst[i * nt + t];
				if (f->klast[i * nt + t] < 0 || k < a ||
				    k > f->klast[i * nt + t])
					continue;
				int left = (int)lround(glp_get_col_prim(lp,
						f->x0[i * nt + t] + k - a));
				while (left > 0) {
					if (!b || b->portions == cap)
						b = new_batch(out, &alloc, &slot_of,
							      &salloc,
							      f->c->d->dishes[i].dish,
							      e, k);
					int take = cap - b->portions < left
						? cap - b->portions : left;
					feed(f->c, b, t, take);
					left -= take;
				}
			}
		}
	}
	*slot_out = slot_of;
}

/*
 * How late each trip may be: as late as the list schedule has it, and no
 * later, so the model starts from that answer and can only do better.
 * Returns false when the list schedule is later than the model reaches.
 */
static bool flow_late(struct flow *f, const struct kitchen_schedule *ks,
		      const int *slot_of)
{
	const struct kctx *c = f->c;
	bool fits_model = true;
	f->late = xcalloc((size_t)c->ntrips + 1, sizeof(int));
	for (int b = 0; b < ks->nbatches; b++) {
		const struct batch *bt = &ks->batches[b];
		double end = slot_end(c, bt->equipment, slot_of[b]);
		for (int j = 0; j < bt->nfeeds; j++) {
			int t = bt->feeds[j].trip;
			double over = end - c->trips[t].load_start;
			int late = (int)ceil(over / KITCHEN_SLOT_S - 1e-9);
			if (late > MAX_LATE_SLOTS) {
				late = MAX_LATE_SLOTS;
				fits_model = false;
			}
			if (late > f->late[t])
				f->late[t] = late;
		}
	}
	return fits_model;
}

/* The columns: y by dish line and slot, then x by trip and slot. */
static void flow_columns(struct flow *f, glp_prob *lp, long ncols)
{
	const struct kctx *c = f->c;
	const struct service *sv = c->sv;
	const struct kitchen_demand *d = c->d;
	int nt = c->ntrips, col = 0;
	f->cols = xcalloc((size_t)ncols + 1, sizeof(*f->cols));
	glp_add_cols(lp, (int)ncols);
	for (int i = 0; i < d->ndishes; i++) {
		if (f->kmax[i] < 0)
			continue;
		int e = c->equip[i];
		f->y0[i] = col + 1;
		for (int k = f->kmin[i]; k <= f->kmax[i]; k++) {
			col++;
			f->cols[col] = (struct flow_col){ i, -1, k };
			glp_set_col_kind(lp, col, GLP_IV);
			glp_set_col_bnds(lp, col, GLP_DB, 0,
					 sv->equipment[e].units);
			glp_set_obj_coef(lp, col, W_BATCH);
		}
		for (int t = 0; t < nt; t++) {
			int a = f->kfirst[i * nt + t], z = f->klast[i * nt + t];
			if (z < 0)
				continue;
			int q = d->dishes[i].per_trip[t];
			f->x0[i * nt + t] = col + 1;
			for (int k = a; k <= z; k++) {
				col++;
				f->cols[col] = (struct flow_col){ i, t, k };
				glp_set_col_bnds(lp, col, GLP_DB, 0, q);
				double early = c->trips[t].load_start -
					       slot_end(c, e, k);
				double cost = early >= -1e-6
					? W_FRESH * early / 60.0
					: W_LATE * -early / 60.0;
				glp_set_obj_coef(lp, col, cost / q);
			}
		}
	}
	f->ncols = col;
}

/* The rows: demand, batch size, units and cooks per slot, and the cuts. */
static void flow_rows(struct flow *f, glp_prob *lp)
{
	const struct kctx *c = f->c;
	const struct service *sv = c->sv;
	const struct kitchen_demand *d = c->d;
	int nd = d->ndishes, nt = c->ntrips;
	int *demand_row = xcalloc((size_t)nd * (size_t)nt + 1, sizeof(int));
	int **cap_row = xcalloc((size_t)nd + 1, sizeof(int *));
	int *equip_row = xcalloc((size_t)sv->nequipment * (size_t)c->nslots + 1,
				 sizeof(int));
	int *cook_row = xcalloc((size_t)c->nslots + 1, sizeof(int));
	int cooks = sv->kitchen.cooks_per_slot;
	for (int i = 0; i < nd; i++) {
		if (f->kmax[i] < 0)
			continue;
		cap_row[i] = xcalloc((size_t)(f->kmax[i] - f->kmin[i] + 1),
				     sizeof(int));
		for (int k = f->kmin[i]; k <= f->kmax[i]; k++)
			cap_row[i][k - f->kmin[i]] = add_row(lp, GLP_UP, 0);
		for (int t = 0; t < nt; t++)
			if (f->klast[i * nt + t] >= 0)
				demand_row[i * nt + t] = add_row(lp, GLP_FX,
					d->dishes[i].per_trip[t]);
	}
	size_t most = 2 * (size_t)c->nslots + (size_t)f->ncols + 4;
	int *ind = xmalloc(sizeof(int) * most);
	double *val = xmalloc(sizeof(double) * most);
	for (int col = 1; col <= f->ncols; col++) {
		const struct flow_col *fc = &f->cols[col];
		int i = fc->v, e = c->equip[i], len = 0;
		ind[++len] = cap_row[i][fc->k - f->kmin[i]];
		if (fc->t >= 0) {
			val[len] = 1;
			ind[++len] = demand_row[i * nt + fc->t];
			val[len] = 1;
			glp_set_mat_col(lp, col, len, ind, val);
			continue;
		}
		val[len] = -sv->equipment[e].batch_portions;
		int busy = busy_slots(sv, e);
		int need = sv->equipment[e].cooks_per_batch;
		for (int j = fc->k; j < fc->k + busy && j < c->nslots; j++) {
			int *r = &equip_row[e * c->nslots + j];
			if (!*r)
				*r = add_row(lp, GLP_UP, sv->equipment[e].units);
			ind[++len] = *r;
			val[len] = 1;
			if (cooks > 0 && need > 0) {
				if (!cook_row[j])
					cook_row[j] = add_row(lp, GLP_UP, cooks);
				ind[++len] = cook_row[j];
				val[len] = need;
			}
		}
		glp_set_mat_col(lp, col, len, ind, val);
	}
	/* A dish needs at least as many batches as its portions fill. */
	for (int i = 0; i < nd; i++) {
		if (f->kmax[i] < 0)
			continue;
		int size = sv->equipment[c->equip[i]].batch_portions;
		int n = f->kmax[i] - f->kmin[i] + 1;
		for (int k = 0; k < n; k++) {
			ind[k + 1] = f->y0[i] + k;
			val[k + 1] = 1;
		}
		int r = add_row(lp, GLP_LO,
				ceil((double)d->dishes[i].portions / size));
		glp_set_mat_row(lp, r, n, ind, val);
	}
	/* Where the model is small enough, each share also needs a batch
	 * of its own slot: x <= min(q, size) y. Redundant for whole
	 * batches, these rows lift the relaxation's fractional ones, so the
	 * bound, and the gap reported, mean something. */
	for (int col = 1; col <= f->ncols && f->ncols <= MAX_LINKED_COLUMNS;
	     col++) {
		const struct flow_col *fc = &f->cols[col];
		if (fc->t < 0)
			continue;
		int i = fc->v;
		int q = d->dishes[i].per_trip[fc->t];
		int size = sv->equipment[c->equip[i]].batch_portions;
		int link[3] = { 0, col, f->y0[i] + fc->k - f->kmin[i] };
		double coef[3] = { 0, 1, -(q < size ? q : size) };
		glp_set_mat_row(lp, add_row(lp, GLP_UP, 0), 2, link, coef);
	}
	for (int i = 0; i < nd; i++)
		free(cap_row[i]);
	free(cap_row);
	free(ind);
	free(val);
	free(demand_row);
	free(equip_row);
	free(cook_row);
}

/*
 * Solves the model within time_limit_s, started from the list schedule
 * (ks, slot_of). On an answer, replaces ks's batches with the model's,
 * sets *slot_out to their start slots (the caller frees it) and returns
 * true.
 */
static bool flow_schedule(const struct kctx *c, struct kitchen_schedule *ks,
			  const int *slot_of, double time_limit_s,
			  int **slot_out)
{
	double t0 = now_s();
	int nd = c->d->ndishes;
	size_t cells = (size_t)nd * (size_t)c->ntrips + 1;
	struct flow f = { .c = c };
	bool start_fits = flow_late(&f, ks, slot_of);
	f.kmin = xmalloc(sizeof(int) * ((size_t)nd + 1));
	f.kmax = xmalloc(sizeof(int) * ((size_t)nd + 1));
	f.y0 = xmalloc(sizeof(int) * ((size_t)nd + 1));
	f.kfirst = xmalloc(sizeof(int) * cells);
	f.klast = xmalloc(sizeof(int) * cells);
	f.x0 = xmalloc(sizeof(int) * cells);
	flow_ranges(&f);
	long ncols = flow_count(&f);
	bool answered = false;
	glp_prob *lp = NULL;
	double *x = NULL;
	if (ncols == 0 || ncols > MAX_MIP_COLUMNS)
		goto out;

	glp_term_out(GLP_OFF); /* GLPK must not write on our stdout */
	lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	flow_columns(&f, lp, ncols);
	flow_rows(&f, lp);
	x = xcalloc((size_t)f.ncols + 1, sizeof(double));
	struct mip_cb cb = { NULL, false, -DBL_MAX };
	if (start_fits && flow_start(&f, ks, slot_of, lp, x))
		cb.x = x;
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	glp_adv_basis(lp, 0);
	double left = time_limit_s - (now_s() - t0);
	smcp.tm_lim = (int)fmax(1000.0 * left * 0.5, 1);
	if (glp_simplex(lp, &smcp) != 0 || glp_get_status(lp) != GLP_OPT)
		goto out;
	cb.bound = glp_get_obj_val(lp); /* the relaxation bounds it */
	glp_iocp iocp;
	glp_init_iocp(&iocp);
	iocp.msg_lev = GLP_MSG_OFF;
	iocp.fp_heur = cb.x ? GLP_OFF : GLP_ON;
	iocp.mir_cuts = GLP_ON;
	iocp.gmi_cuts = GLP_ON;
	iocp.mip_gap = MIP_GAP;
	left = time_limit_s - (now_s() - t0);
	iocp.tm_lim = (int)fmax(1000.0 * left, 1);
	iocp.cb_func = on_tree;
	iocp.cb_info = &cb;
	int ret = glp_intopt(lp, &iocp);
	int status = glp_mip_status(lp);
	if (status != GLP_OPT && status != GLP_FEAS)
		goto out;
	/* From the best bound seen, which may lag the search's last one.
	 * Stopping within MIP_GAP also counts as optimal for GLPK; only a
	 * closed gap is a proof. */
	double value = glp_mip_obj_val(lp);
	double gap = fmax(value - cb.bound, 0) / fmax(fabs(value), 1e-9);
	if (ret == 0 && status == GLP_OPT)
		gap = fmin(gap, MIP_GAP);
	bool proved = ret == 0 && status == GLP_OPT && gap < 1e-9;
	/* With the batches fixed, what goes where is a transportation
	 * problem, whose basic answers are whole portions. */
	for (int col = 1; col <= f.ncols; col++) {
		if (f.cols[col].t >= 0)
			continue;
		double n = round(glp_mip_col_val(lp, col));
		glp_set_col_kind(lp, col, GLP_CV);
		glp_set_col_bnds(lp, col, GLP_FX, n, n);
	}
	smcp.tm_lim = INT_MAX;
	if (glp_simplex(lp, &smcp) != 0 || glp_get_status(lp) != GLP_OPT)
		goto out;
	for (int b = 0; b < ks->nbatches; b++)
		free(ks->batches[b].feeds);
	free(ks->batches);
	ks->batches = NULL;
	ks->nbatches = 0;
	flow_batches(&f, lp, ks, slot_out);
	ks->proved = proved;
	ks->gap = gap;
	answered = true;
out:
	if (lp)
		glp_delete_prob(lp);
	free(x);
	free(f.cols);
	free(f.late);
	free(f.kmin);
	free(f.kmax);
	free(f.y0);
	free(f.kfirst);
	free(f.klast);
	free(f.x0);
	return answered;
}

/* Gives each batch a unit: by start, the lowest-numbered free one. */
static void assign_units(const struct kctx *c, struct kitchen_schedule *ks,
			 const int *slot_of)
{
	const struct service *sv = c->sv;
	int nb = ks->nbatches;
	int *order = xmalloc(sizeof(int) * ((size_t)nb + 1));
	for (int i = 0; i < nb; i++)
		order[i] = i;
	for (int i = 1; i < nb; i++)
		for (int k = i; k > 0 && slot_of[order[k]] < slot_of[order[k - 1]];
		     k--) {
			int t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	int **free_at = xcalloc((size_t)sv->nequipment + 1, sizeof(int *));
	for (int e = 0; e < sv->nequipment; e++)
		free_at[e] = xcalloc((size_t)sv->equipment[e].units + 1,
				     sizeof(int));
	for (int i = 0; i < nb; i++) {
		int bi = order[i];
		struct batch *b = &ks->batches[bi];
		int e = b->equipment, units = sv->equipment[e].units, pick = 0;
		for (int u = 0; u < units; u++)
			if (free_at[e][u] <= slot_of[bi]) {
				pick = u;
				break;
			} else if (free_at[e][u] < free_at[e][pick]) {
				pick = u;
			}
		b->unit = pick + 1;
		b->start = c->opens + (double)slot_of[bi] * KITCHEN_SLOT_S;
		b->end = slot_end(c, e, slot_of[bi]);
		free_at[e][pick] = slot_of[bi] + busy_slots(sv, e);
	}
	for (int e = 0; e < sv->nequipment; e++)
		free(free_at[e]);
	free(free_at);
	free(order);
}

void kitchen_schedule_make(const struct service *sv,
			   const struct kitchen_demand *demand,
			   const struct kitchen_trip *trips, int ntrips,
			   double time_limit_s, struct kitchen_schedule *out)
{
	double t0 = now_s();
	memset(out, 0, sizeof(*out));
	out->gap = -1;
	out->method = "list";
	out->ready = xmalloc(sizeof(double) * ((size_t)ntrips + 1));
	for (int t = 0; t < ntrips; t++)
		out->ready[t] = -1;

	struct kctx c = {
		.sv = sv, .d = demand, .trips = trips, .ntrips = ntrips,
		.opens = sv->kitchen.opens,
		.limit = sv->kitchen.food_limit_min * 60.0,
	};
	c.equip = xmalloc(sizeof(int) * ((size_t)demand->ndishes + 1));
	for (int i = 0; i < demand->ndishes; i++) {
		const struct dish *dish = &sv->dishes[demand->dishes[i].dish];
		c.equip[i] = equipment_for(sv, dish->equipment_kind);
		if (c.equip[i] < 0)
			strbuf_addf(&out->problems, "dish %s needs equipment of "
				    "kind '%s', and the kitchen has none\n",
				    dish->id, dish->equipment_kind);
	}
	double horizon = c.opens;
	for (int t = 0; t < ntrips; t++)
		horizon = fmax(horizon, trips[t].load_start);
	horizon += 4 * 3600.0; /* room to be late in */
	c.nslots = (int)ceil((horizon - c.opens) / KITCHEN_SLOT_S) + 1;
	c.by_load = xmalloc(sizeof(int) * ((size_t)ntrips + 1));
	for (int t = 0; t < ntrips; t++)
		c.by_load[t] = t;
	sort_trips = trips;
	qsort(c.by_load, (size_t)ntrips, sizeof(int), by_loading);

	int *slot_of = NULL;
	list_schedule(&c, out, &slot_of);
	double left = time_limit_s - (now_s() - t0);
	int *mip_slot = NULL;
	if (out->nbatches && left > 0.05 &&
	    flow_schedule(&c, out, slot_of, left, &mip_slot)) {
		out->method = "mip";
		free(slot_of);
		slot_of = mip_slot;
	}
	assign_units(&c, out, slot_of);
	for (int b = 0; b < out->nbatches; b++)
		for (int f = 0; f < out->batches[b].nfeeds; f++) {
			int t = out->batches[b].feeds[f].trip;
			out->ready[t] = fmax(out->ready[t], out->batches[b].end);
		}
	free(slot_of);
	free(c.equip);
	free(c.by_load);
	out->elapsed_s = now_s() - t0;
}

void kitchen_schedule_release(struct kitchen_schedule *ks)
{
	for (int b = 0; b < ks->nbatches; b++)
		free(ks->batches[b].feeds);
	free(ks->batches);
	free(ks->ready);
	strbuf_release(&ks->problems);
	memset(ks, 0, sizeof(*ks));
}
