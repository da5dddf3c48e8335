/*
 * Batch cooking (see schedule.h).
 *
 * Time runs in 5-minute slots from the kitchen's opening: a batch started
 * in slot k cooks for its equipment's batch minutes and keeps its unit for
 * the cleaning minutes after. A batch may feed a trip when it ends no
 * earlier than the trip's last delivery minus the food limit (a hard
 * rule) and, to be on time, no later than the trip starts loading.
 *
 * A list schedule, quick and always there, and a MIP started from it and
 * kept when it answers: on small days the flow model, which decides the
 * batches, their times and their portions together; on larger ones the
 * window model, which decides the batches and their times, the portions
 * being shared out after. When trips are late, the window model's
 * relaxation tells which equipment cannot cook for them in any order.
 */
#include "kitchen/schedule.h"

#include <float.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/timefmt.h"
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

static void clear_batches(struct kitchen_schedule *ks)
{
	for (int b = 0; b < ks->nbatches; b++)
		free(ks->batches[b].feeds);
	free(ks->batches);
	ks->batches = NULL;
	ks->nbatches = 0;
}

/* Batches per column and, per dish line and trip, the start slots that
 * may feed it (a to b; none when b < 0), as both models have them. */
struct share {
	const double *y;   /* batches per column, from 1 */
	const int *a, *b;
	const int *kmin, *kmax, *y0;
};

/*
 * Shares each dish line's portions out over the batches: from the latest
 * batch back, each takes the trips whose slots hold it, the one whose
 * slots open latest first (earliest deadline first, with time turned
 * round), which is exact for intervals. False if some portions find no
 * batch, which the models' answers rule out.
 */
static bool share_out(const struct kctx *c, const struct share *sh,
		      struct kitchen_schedule *out, int **slot_out)
{
	int nt = c->ntrips, alloc = 0, salloc = 0;
	int *slot_of = NULL;
	int *left = xmalloc(sizeof(int) * ((size_t)nt + 1));
	bool ok = true;
	for (int i = 0; i < c->d->ndishes && ok; i++) {
		if (sh->kmax[i] < 0)
			continue;
		int e = c->equip[i];
		int size = c->sv->equipment[e].batch_portions;
		const int *a = sh->a + i * nt, *b = sh->b + i * nt;
		for (int t = 0; t < nt; t++)
			left[t] = b[t] >= 0 ? c->d->dishes[i].per_trip[t] : 0;
		for (int k = sh->kmax[i]; k >= sh->kmin[i]; k--) {
			int n = (int)lround(sh->y[sh->y0[i] + k - sh->kmin[i]]);
			for (; n > 0; n--) {
				struct batch *bt = new_batch(out, &alloc,
					&slot_of, &salloc,
					c->d->dishes[i].dish, e, k);
				while (bt->portions < size) {
					int pick = -1;
					for (int t = 0; t < nt; t++)
						if (left[t] > 0 && a[t] <= k &&
						    k <= b[t] && (pick < 0 ||
						    a[t] > a[pick]))
							pick = t;
					if (pick < 0)
						break;
					int take = size - bt->portions;
					take = take < left[pick] ? take
								 : left[pick];
					feed(c, bt, pick, take);
					left[pick] -= take;
				}
				if (bt->nfeeds == 0)
					out->nbatches--; /* not needed */
			}
		}
		for (int t = 0; t < nt; t++)
			ok = ok && left[t] == 0;
	}
	free(left);
	*slot_out = slot_of;
	return ok;
}

/* The batches of the MIP's answer, column by column, whole. */
static double *mip_batches(glp_prob *lp)
{
	int n = glp_get_num_cols(lp);
	double *y = xcalloc((size_t)n + 1, sizeof(double));
	for (int col = 1; col <= n; col++)
		y[col] = round(glp_mip_col_val(lp, col));
	return y;
}

/* Replaces ks's batches with those share_out makes; false, leaving ks as
 * it was, when it cannot place every portion. */
static bool take_shares(const struct kctx *c, const struct share *sh,
			struct kitchen_schedule *ks, int **slot_out)
{
	struct kitchen_schedule mip = { 0 };
	int *slot_of = NULL;
	if (!share_out(c, sh, &mip, &slot_of)) {
		clear_batches(&mip);
		free(slot_of);
		return false;
	}
	clear_batches(ks);
	ks->batches = mip.batches;
	ks->nbatches = mip.nbatches;
	*slot_out = slot_of;
	return true;
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

/* The start slots of batches on equipment e that can feed trip t on
 * time: *a to *b, none when *b < *a. */
static void trip_slots(const struct kctx *c, int e, int t, int *a, int *b)
{
	int first = slot_ending_from(c, e, trip_lo(c, t));
	int last = slot_ending_by(c, e, c->trips[t].load_start);
	int top = c->nslots - busy_slots(c->sv, e);
	*a = first > 0 ? first : 0;
	*b = last < top ? last : top;
}

/* The dish line of the demand that dish is, or the number of lines. */
static int dish_line(const struct kctx *c, int dish)
{
	int i = 0;
	while (i < c->d->ndishes && c->d->dishes[i].dish != dish)
		i++;
	return i;
}

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
			int on, top = f->c->nslots - busy_slots(f->c->sv, e);
			trip_slots(f->c, e, t, a, &on);
			*z = (on > *a ? on : *a) + f->late[t];
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

/*
 * Adds to ind and val (len entries so far; returns the new count) the rows
 * a batch of equipment e started in slot k takes part in: its unit in each
 * slot it keeps one, and the cooks busy then, when cooks (the most at once)
 * is not 0. The rows are made when first needed (equip_row by equipment
 * and slot, cook_row by slot).
 */
static int occupy_rows(const struct kctx *c, glp_prob *lp, int e, int k,
		       int cooks, int *equip_row, int *cook_row, int *ind,
		       double *val, int len)
{
	const struct service *sv = c->sv;
	int busy = busy_slots(sv, e);
	int need = sv->equipment[e].cooks_per_batch;
	for (int j = k; j < k + busy && j < c->nslots; j++) {
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
	return len;
}

/* Whether x, a value per column, keeps every row of lp. */
static bool keeps_rows(glp_prob *lp, const double *x)
{
	int nrows = glp_get_num_rows(lp), ncols = glp_get_num_cols(lp);
	double *act = xcalloc((size_t)nrows + 1, sizeof(double));
	int *ind = xmalloc(sizeof(int) * ((size_t)nrows + 1));
	double *val = xmalloc(sizeof(double) * ((size_t)nrows + 1));
	for (int c = 1; c <= ncols; c++) {
		if (x[c] == 0)
			continue;
		int len = glp_get_mat_col(lp, c, ind, val);
		for (int q = 1; q <= len; q++)
			act[ind[q]] += val[q] * x[c];
	}
	bool ok = true;
	for (int r = 1; r <= nrows && ok; r++) {
		int type = glp_get_row_type(lp, r);
		if (type == GLP_FX || type == GLP_UP)
			ok = act[r] <= glp_get_row_ub(lp, r) + 1e-6;
		if (ok && (type == GLP_FX || type == GLP_LO))
			ok = act[r] >= glp_get_row_lb(lp, r) - 1e-6;
	}
	free(act);
	free(ind);
	free(val);
	return ok;
}

/* The list schedule as a starting answer for the model, or false when it
 * does not fit the model's columns and rows. */
static bool flow_start(const struct flow *f, const struct kitchen_schedule *ks,
		       const int *slot_of, glp_prob *lp, double *x)
{
	int nt = f->c->ntrips;
	for (int b = 0; b < ks->nbatches; b++) {
		const struct batch *bt = &ks->batches[b];
		int i = dish_line(f->c, bt->dish);
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
	return keeps_rows(lp, x);
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

/*
 * Solves lp, a relaxation first, then the MIP, in what is left of
 * time_limit_s since t0, given cb's starting answer if it has one; with
 * then_lp, the search leaves as much time as the relaxation took, for an
 * LP to follow. On an answer, sets *gap, from the best bound seen (which
 * may lag the search's last one), and *proved, and returns true. Stopping
 * within MIP_GAP also counts as optimal for GLPK; only a closed gap is a
 * proof.
 */
static bool solve_mip(glp_prob *lp, struct mip_cb *cb, double t0,
		      double time_limit_s, bool then_lp, double *gap,
		      bool *proved)
{
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	double lp0 = now_s();
	glp_adv_basis(lp, 0);
	double left = time_limit_s - (now_s() - t0);
	smcp.tm_lim = (int)fmax(1000.0 * left * 0.5, 1);
	if (glp_simplex(lp, &smcp) != 0 || glp_get_status(lp) != GLP_OPT)
		return false;
	double after = then_lp ? now_s() - lp0 : 0;
	cb->bound = glp_get_obj_val(lp); /* the relaxation bounds it */
	glp_iocp iocp;
	glp_init_iocp(&iocp);
	iocp.msg_lev = GLP_MSG_OFF;
	iocp.fp_heur = cb->x ? GLP_OFF : GLP_ON;
	iocp.mir_cuts = GLP_ON;
	iocp.gmi_cuts = GLP_ON;
	iocp.mip_gap = MIP_GAP;
	left = time_limit_s - (now_s() - t0) - after;
	if (left <= 0 && !cb->x)
		return false;
	iocp.tm_lim = (int)fmax(1000.0 * left, 1);
	iocp.cb_func = on_tree;
	iocp.cb_info = cb;
	int ret = glp_intopt(lp, &iocp);
	int status = glp_mip_status(lp);
	if (status != GLP_OPT && status != GLP_FEAS)
		return false;
	double value = glp_mip_obj_val(lp);
	*gap = fmax(value - cb->bound, 0) / fmax(fabs(value), 1e-9);
	if (ret == 0 && status == GLP_OPT)
		*gap = fmin(*gap, MIP_GAP);
	*proved = ret == 0 && status == GLP_OPT && *gap < 1e-9;
	return true;
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

/* Column col counts batches of one slot: whole, up to the units. */
static void batch_column(glp_prob *lp, int col, int units, double cost)
{
	glp_set_col_kind(lp, col, GLP_IV);
	glp_set_col_bnds(lp, col, GLP_DB, 0, units);
	glp_set_obj_coef(lp, col, cost);
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
			batch_column(lp, col, sv->equipment[e].units, W_BATCH);
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
		len = occupy_rows(c, lp, e, fc->k, sv->kitchen.cooks_per_slot,
				  equip_row, cook_row, ind, val, len);
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
 * 1; returns -1 when the model would have more than max_cols columns, 0
 * when it has no answer.
 */
static int flow_schedule(const struct kctx *c, struct kitchen_schedule *ks,
			  const int *slot_of, double time_limit_s,
			  long max_cols, int **slot_out)
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
	int answered = 0;
	glp_prob *lp = NULL;
	double *x = NULL, *y = NULL;
	if (ncols > max_cols)
		answered = -1;
	if (ncols == 0 || ncols > max_cols)
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
	double gap;
	bool proved;
	if (!solve_mip(lp, &cb, t0, time_limit_s, true, &gap, &proved))
		goto out;
	/* With the batches fixed, what goes where is a transportation
	 * problem, whose basic answers are whole portions; without time
	 * for it, each trip's slots are an interval, and share_out places
	 * the portions, if not as fresh. */
	y = mip_batches(lp);
	for (int col = 1; col <= f.ncols; col++) {
		if (f.cols[col].t >= 0)
			continue;
		glp_set_col_kind(lp, col, GLP_CV);
		glp_set_col_bnds(lp, col, GLP_FX, y[col], y[col]);
	}
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	smcp.tm_lim = (int)fmax(1000.0 * (time_limit_s - (now_s() - t0)), 1);
	if (glp_simplex(lp, &smcp) == 0 && glp_get_status(lp) == GLP_OPT) {
		clear_batches(ks);
		flow_batches(&f, lp, ks, slot_out);
	} else {
		struct share sh = { y, f.kfirst, f.klast, f.kmin, f.kmax, f.y0 };
		if (!take_shares(c, &sh, ks, slot_out))
			goto out;
	}
	ks->proved = proved;
	ks->gap = gap;
	answered = 1;
out:
	if (lp)
		glp_delete_prob(lp);
	free(x);
	free(y);
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

/*
 * The window model, for days too large for the flow model: only y[v][k],
 * the batches of dish line v that start in slot k. A trip's window is an
 * interval of start slots and a batch a point, so the portions can be
 * shared out on time exactly when every interval of slots holds batches
 * enough for the trips whose windows lie inside it (Hall's condition, for
 * which, with intervals, no other sets of trips need checking). With y
 * whole, that is a row per interval: at least ceil(portions / size)
 * batches start in it. Only intervals from some trip's first slot to some
 * trip's last count, and of those only the ones that ask for more batches
 * than every interval inside them. Units and cooks rows as in the flow
 * model. The model has no lateness: without an answer, the schedule it
 * was given stands.
 */
struct window {
	const struct kctx *c;
	const bool *use;   /* per trip: in the model; NULL: all */
	int only;          /* the one equipment in the model, or -1: all */
	int cooks;         /* the most cooks busy at once, 0: no limit */
	bool empty;        /* some trip's window has no start slot */
	int *a, *b;        /* per dish line and trip: start slots, b < 0: none */
	int *kmin, *kmax;  /* per dish line: range of y, kmax < 0: none */
	int *y0;           /* per dish line: column of kmin */
	int ncols;
};


/* Each trip's window in start slots; false when some trip's is empty. */
static bool window_ranges(struct window *w)
{
	const struct kctx *c = w->c;
	int nt = c->ntrips;
	for (int i = 0; i < c->d->ndishes; i++) {
		int e = c->equip[i];
		w->kmin[i] = INT_MAX;
		w->kmax[i] = -1;
		for (int t = 0; t < nt; t++) {
			int *a = &w->a[i * nt + t], *b = &w->b[i * nt + t];
			*a = 0;
			*b = -1;
			if (e < 0 || c->d->dishes[i].per_trip[t] <= 0 ||
			    (w->use && !w->use[t]) || (w->only >= 0 && e != w->only))
				continue;
			trip_slots(c, e, t, a, b);
			if (*b < *a) {
				w->empty = true;
				return false;
			}
			w->kmin[i] = *a < w->kmin[i] ? *a : w->kmin[i];
			w->kmax[i] = *b > w->kmax[i] ? *b : w->kmax[i];
		}
	}
	return true;
}

static int by_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

/* Sorts v[0..n) and drops repeats; returns how many are left. */
static int distinct(int *v, int n)
{
	qsort(v, (size_t)n, sizeof(int), by_int);
	int m = 0;
	for (int i = 0; i < n; i++)
		if (m == 0 || v[m - 1] != v[i])
			v[m++] = v[i];
	return m;
}

/* The index of value in the sorted, distinct v[0..n). */
static int find_int(const int *v, int n, int value)
{
	const int *p = bsearch(&value, v, (size_t)n, sizeof(int), by_int);
	return (int)(p - v);
}

/* The interval rows of dish line i. */
static void window_hall_rows(const struct window *w, glp_prob *lp, int i,
			     int *ind, double *val)
{
	const struct kctx *c = w->c;
	int nt = c->ntrips;
	const int *a = w->a + i * nt, *b = w->b + i * nt;
	const int *q = c->d->dishes[i].per_trip;
	int size = c->sv->equipment[c->equip[i]].batch_portions;
	int *as = xmalloc(sizeof(int) * ((size_t)nt + 1));
	int *bs = xmalloc(sizeof(int) * ((size_t)nt + 1));
	int n = 0;
	for (int t = 0; t < nt; t++)
		if (b[t] >= 0) {
			as[n] = a[t];
			bs[n++] = b[t];
		}
	int na = distinct(as, n), nb = distinct(bs, n);
	/* The trips by the index of their last slot in bs. */
	int *by_b = xmalloc(sizeof(int) * ((size_t)n + 1));
	int *from = xcalloc((size_t)nb + 2, sizeof(int));
	for (int t = 0; t < nt; t++)
		if (b[t] >= 0)
			from[find_int(bs, nb, b[t]) + 1]++;
	for (int y = 0; y < nb; y++)
		from[y + 1] += from[y];
	int *fill = xmalloc(sizeof(int) * ((size_t)nb + 1));
	memcpy(fill, from, sizeof(int) * (size_t)nb);
	for (int t = 0; t < nt; t++)
		if (b[t] >= 0)
			by_b[fill[find_int(bs, nb, b[t])]++] = t;
	free(fill);
	/* best[x][y]: the most batches any interval inside
	 * [as[x], bs[y]] needs. */
	int *best = xcalloc((size_t)na * (size_t)nb + 1, sizeof(int));
	for (int x = na - 1; x >= 0; x--) {
		long portions = 0; /* of the trips inside [as[x], bs[y]] */
		for (int y = 0; y < nb; y++) {
			for (int j = from[y]; j < from[y + 1]; j++)
				if (a[by_b[j]] >= as[x])
					portions += q[by_b[j]];
			int need = (int)((portions + size - 1) / size);
			int inside = 0;
			if (x + 1 < na)
				inside = best[(x + 1) * nb + y];
			if (y > 0 && best[x * nb + y - 1] > inside)
				inside = best[x * nb + y - 1];
			best[x * nb + y] = need > inside ? need : inside;
			if (need <= inside || as[x] > bs[y])
				continue;
			int len = 0;
			for (int k = as[x]; k <= bs[y]; k++) {
				ind[++len] = w->y0[i] + k - w->kmin[i];
				val[len] = 1;
			}
			glp_set_mat_row(lp, add_row(lp, GLP_LO, need), len, ind,
					val);
		}
	}
	free(by_b);
	free(from);
	free(best);
	free(as);
	free(bs);
}

/* The columns, y by dish line and slot, each a batch, a little dearer
 * the earlier it starts; then the rows. */
static void window_model(struct window *w, glp_prob *lp)
{
	const struct kctx *c = w->c;
	const struct service *sv = c->sv;
	int nd = c->d->ndishes, col = 0;
	for (int i = 0; i < nd; i++)
		if (w->kmax[i] >= 0)
			w->ncols += w->kmax[i] - w->kmin[i] + 1;
	if (w->ncols == 0)
		return; /* GLPK takes no empty additions */
	glp_add_cols(lp, w->ncols);
	int *equip_row = xcalloc((size_t)sv->nequipment * (size_t)c->nslots + 1,
				 sizeof(int));
	int *cook_row = xcalloc((size_t)c->nslots + 1, sizeof(int));
	size_t most = 2 * (size_t)c->nslots + (size_t)w->ncols + 4;
	int *ind = xmalloc(sizeof(int) * most);
	double *val = xmalloc(sizeof(double) * most);
	for (int i = 0; i < nd; i++) {
		if (w->kmax[i] < 0)
			continue;
		int e = c->equip[i];
		w->y0[i] = col + 1;
		for (int k = w->kmin[i]; k <= w->kmax[i]; k++) {
			col++;
			batch_column(lp, col, sv->equipment[e].units,
				     W_BATCH + W_FRESH * (w->kmax[i] - k) *
						       KITCHEN_SLOT_S / 60.0);
			int len = occupy_rows(c, lp, e, k, w->cooks, equip_row,
					      cook_row, ind, val, 0);
			glp_set_mat_col(lp, col, len, ind, val);
		}
		window_hall_rows(w, lp, i, ind, val);
	}
	free(ind);
	free(val);
	free(equip_row);
	free(cook_row);
}


/* The model of w's trips and equipment, or NULL when some trip's window
 * is empty or nothing is to be cooked. Release with window_free. */
static glp_prob *window_build(struct window *w)
{
	int nd = w->c->d->ndishes;
	size_t cells = (size_t)nd * (size_t)w->c->ntrips + 1;
	w->a = xmalloc(sizeof(int) * cells);
	w->b = xmalloc(sizeof(int) * cells);
	w->kmin = xmalloc(sizeof(int) * ((size_t)nd + 1));
	w->kmax = xmalloc(sizeof(int) * ((size_t)nd + 1));
	w->y0 = xcalloc((size_t)nd + 1, sizeof(int));
	w->ncols = 0;
	if (!window_ranges(w))
		return NULL;
	glp_term_out(GLP_OFF); /* GLPK must not write on our stdout */
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	window_model(w, lp);
	if (w->ncols == 0) {
		glp_delete_prob(lp);
		return NULL;
	}
	return lp;
}

static void window_free(struct window *w, glp_prob *lp)
{
	if (lp)
		glp_delete_prob(lp);
	free(w->a);
	free(w->b);
	free(w->kmin);
	free(w->kmax);
	free(w->y0);
}

/* What the window model's relaxation says of some trips. */
enum relaxed { RELAXED_OK, RELAXED_EMPTY, RELAXED_NO, RELAXED_UNKNOWN };

/*
 * Whether the trips in use (all when NULL) can have their food from
 * equipment only on time, with at most cooks busy at once (0: no limit),
 * as far as the window model's relaxation can tell by deadline: when it
 * says no, no schedule can; EMPTY when some trip's window holds no slot.
 */
static enum relaxed window_relaxed(const struct kctx *c, const bool *use,
				   int only, int cooks, double deadline)
{
	struct window w = { .c = c, .use = use, .only = only, .cooks = cooks };
	glp_prob *lp = window_build(&w);
	enum relaxed r = w.empty ? RELAXED_EMPTY : RELAXED_OK;
	if (lp) {
		glp_smcp smcp;
		glp_init_smcp(&smcp);
		smcp.msg_lev = GLP_MSG_OFF;
		smcp.tm_lim = (int)fmax(1000.0 * (deadline - now_s()), 1);
		int ret = glp_simplex(lp, &smcp);
		int status = glp_get_status(lp);
		if (ret == 0 && status == GLP_NOFEAS)
			r = RELAXED_NO;
		else if (ret != 0 || status != GLP_OPT)
			r = RELAXED_UNKNOWN;
	}
	window_free(&w, lp);
	return r;
}

/*
 * Solves the window model within time_limit_s, started from the given
 * schedule (ks, slot_of) when that is on time. On an answer, replaces
 * ks's batches with the model's, sets *slot_out to their start slots (the
 * caller frees it) and returns true.
 */
static bool window_schedule(const struct kctx *c, struct kitchen_schedule *ks,
			    const int *slot_of, double time_limit_s,
			    int **slot_out)
{
	double t0 = now_s();
	int nd = c->d->ndishes;
	struct window w = { .c = c, .only = -1,
			    .cooks = c->sv->kitchen.cooks_per_slot };
	bool answered = false;
	glp_prob *lp = window_build(&w);
	double *x = NULL, *y = NULL;
	if (!lp)
		goto out;
	x = xcalloc((size_t)w.ncols + 1, sizeof(double));
	struct mip_cb cb = { NULL, false, -DBL_MAX };
	bool fits = true;
	for (int n = 0; n < ks->nbatches && fits; n++) {
		const struct batch *bt = &ks->batches[n];
		int i = dish_line(c, bt->dish);
		fits = i < nd && w.kmax[i] >= 0 && slot_of[n] >= w.kmin[i] &&
		       slot_of[n] <= w.kmax[i];
		if (fits)
			x[w.y0[i] + slot_of[n] - w.kmin[i]] += 1;
	}
	if (fits && keeps_rows(lp, x))
		cb.x = x;
	double gap;
	bool proved;
	if (!solve_mip(lp, &cb, t0, time_limit_s, false, &gap, &proved))
		goto out;
	y = mip_batches(lp);
	struct share sh = { y, w.a, w.b, w.kmin, w.kmax, w.y0 };
	if (!take_shares(c, &sh, ks, slot_out))
		goto out;
	ks->proved = proved;
	ks->gap = gap;
	answered = true;
out:
	window_free(&w, lp);
	free(x);
	free(y);
	return answered;
}

/* Names the first trip, in loading order, that no batch on equipment e
 * can feed on time, and how many more there are. */
static void empty_reason(const struct kctx *c, int e, struct strbuf *out)
{
	int first = -1, more = 0;
	for (int n = 0; n < c->ntrips; n++) {
		int t = c->by_load[n], a, b;
		bool needs = false;
		for (int i = 0; i < c->d->ndishes && !needs; i++)
			needs = c->equip[i] == e && c->d->dishes[i].per_trip[t] > 0;
		trip_slots(c, e, t, &a, &b);
		if (!needs || b >= a)
			continue;
		if (first < 0)
			first = t;
		else
			more++;
	}
	if (first < 0)
		return;
	const struct kitchen_trip *t = &c->trips[first];
	char lo[16], load[16], opens[16];
	clock_format((int)trip_lo(c, first), lo);
	clock_format((int)t->load_start, load);
	clock_format((int)c->opens, opens);
	strbuf_addf(out, "kitchen: no batch on %s can end between %s (the last "
		    "delivery less the food limit) and %s (loading) for trip %d, "
		    "starting on 5-minute slots from the kitchen's opening at "
		    "%s", c->sv->equipment[e].name, lo, load, t->id, opens);
	if (more)
		strbuf_addf(out, "; nor for %d more trip%s", more,
			    more == 1 ? "" : "s");
	strbuf_addstr(out, "\n");
}

/*
 * Why some trips cannot be on time, where the window model's relaxation
 * shows it by deadline: each equipment that cannot cook for every trip in
 * time, in any order, and the first trips, in loading order, it cannot
 * cook for; the kitchen's cooks, when they are what falls short; or a
 * trip whose window holds no slot for a batch. A line each in out.
 */
static void late_reason(const struct kctx *c, struct strbuf *out,
			double deadline)
{
	const struct service *sv = c->sv;
	int nt = c->ntrips, cooks = sv->kitchen.cooks_per_slot;
	bool *use = xcalloc((size_t)nt + 1, sizeof(bool));
	for (int e = 0; e < sv->nequipment && now_s() < deadline; e++) {
		const struct equipment *q = &sv->equipment[e];
		enum relaxed r = window_relaxed(c, NULL, e, 0, deadline);
		if (r == RELAXED_EMPTY) {
			empty_reason(c, e, out);
			continue;
		}
		/* The cooks, when the equipment alone could. */
		int with = 0;
		if (r == RELAXED_OK && cooks > 0 &&
		    window_relaxed(c, NULL, e, cooks, deadline) == RELAXED_NO)
			with = cooks;
		else if (r != RELAXED_NO)
			continue;
		/* The fewest trips, by loading, it cannot serve: more trips
		 * only ask more. */
		int lo = 1, hi = nt;
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			for (int n = 0; n < nt; n++)
				use[c->by_load[n]] = n < mid;
			if (window_relaxed(c, use, e, with, deadline) == RELAXED_NO)
				hi = mid;
			else
				lo = mid + 1;
		}
		const struct kitchen_trip *last = &c->trips[c->by_load[lo - 1]];
		char by[16];
		clock_format((int)last->load_start, by);
		strbuf_addstr(out, "kitchen: ");
		if (with)
			strbuf_addf(out, "with %d cook%s at a time, ", with,
				    with == 1 ? "" : "s");
		strbuf_addf(out, "%s (%d unit%s, %d min a batch and %d to clean) "
			    "cannot cook its dishes within their food limits, in "
			    "any order, for ", q->name, q->units,
			    q->units == 1 ? "" : "s", q->batch_minutes,
			    q->cleaning_minutes);
		if (lo == 1)
			strbuf_addf(out, "trip %d (loading at %s)\n", last->id, by);
		else
			strbuf_addf(out, "the first %d trips in loading order "
				    "(the last loading at %s)\n", lo, by);
	}
	free(use);
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

/* What both schedules work from; dishes without equipment are listed in
 * problems, if given. Release with kctx_release. */
static void kctx_init(struct kctx *c, const struct service *sv,
		      const struct kitchen_demand *demand,
		      const struct kitchen_trip *trips, int ntrips,
		      struct strbuf *problems)
{
	*c = (struct kctx){
		.sv = sv, .d = demand, .trips = trips, .ntrips = ntrips,
		.opens = sv->kitchen.opens,
		.limit = sv->kitchen.food_limit_min * 60.0,
	};
	c->equip = xmalloc(sizeof(int) * ((size_t)demand->ndishes + 1));
	for (int i = 0; i < demand->ndishes; i++) {
		const struct dish *dish = &sv->dishes[demand->dishes[i].dish];
		c->equip[i] = equipment_for(sv, dish->equipment_kind);
		if (c->equip[i] < 0 && problems)
			strbuf_addf(problems, "dish %s needs equipment of kind "
				    "'%s', and the kitchen has none\n", dish->id,
				    dish->equipment_kind);
	}
	double horizon = c->opens;
	for (int t = 0; t < ntrips; t++)
		horizon = fmax(horizon, trips[t].load_start);
	horizon += 4 * 3600.0; /* room to be late in */
	c->nslots = (int)ceil((horizon - c->opens) / KITCHEN_SLOT_S) + 1;
	c->by_load = xmalloc(sizeof(int) * ((size_t)ntrips + 1));
	for (int t = 0; t < ntrips; t++)
		c->by_load[t] = t;
	sort_trips = trips;
	qsort(c->by_load, (size_t)ntrips, sizeof(int), by_loading);
}

static void kctx_release(struct kctx *c)
{
	free(c->equip);
	free(c->by_load);
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

	struct kctx c;
	kctx_init(&c, sv, demand, trips, ntrips, &out->problems);

	int *slot_of = NULL;
	list_schedule(&c, out, &slot_of);
	double left = time_limit_s - (now_s() - t0);
	int *mip_slot = NULL;
	/* The flow model where it is small; on larger days the window
	 * model first, and the flow model, if it fits, when that has no
	 * answer in time. */
	int answer = 0;
	if (out->nbatches && left > 0.05) {
		out->model = "flow";
		answer = flow_schedule(&c, out, slot_of, left,
				       MAX_LINKED_COLUMNS, &mip_slot);
		bool large = answer < 0;
		if (large) {
			out->model = "window";
			answer = window_schedule(&c, out, slot_of, left,
						 &mip_slot);
		}
		left = time_limit_s - (now_s() - t0);
		if (large && !answer && left > 0.05) {
			out->model = "flow";
			answer = flow_schedule(&c, out, slot_of, left,
					       MAX_MIP_COLUMNS, &mip_slot);
		}
		if (answer <= 0)
			out->model = NULL;
	}
	if (answer > 0) {
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
	kctx_release(&c);
	out->elapsed_s = now_s() - t0;
}

void kitchen_schedule_explain(const struct service *sv,
			      const struct kitchen_demand *demand,
			      const struct kitchen_trip *trips, int ntrips,
			      double time_limit_s, struct kitchen_schedule *ks)
{
	double deadline = now_s() + time_limit_s;
	bool late = false;
	for (int t = 0; t < ntrips; t++)
		late = late || ks->ready[t] > trips[t].load_start + 1;
	if (!late)
		return;
	struct kctx c;
	kctx_init(&c, sv, demand, trips, ntrips, NULL);
	late_reason(&c, &ks->problems, deadline);
	kctx_release(&c);
}

double kitchen_trip_span(const struct service *sv,
			 const struct kitchen_demand *d, int ntrips)
{
	int *count = xcalloc((size_t)sv->nequipment + 1, sizeof(int));
	double most = 0;
	for (int t = 0; t < ntrips; t++) {
		memset(count, 0, sizeof(int) * (size_t)sv->nequipment);
		for (int i = 0; i < d->ndishes; i++) {
			const struct dish *dish = &sv->dishes[d->dishes[i].dish];
			int e = equipment_for(sv, dish->equipment_kind);
			if (e >= 0 && d->dishes[i].per_trip[t] > 0)
				count[e]++;
		}
		for (int e = 0; e < sv->nequipment; e++) {
			int units = sv->equipment[e].units;
			if (!count[e] || units <= 0)
				continue;
			int rounds = (count[e] + units - 1) / units;
			if (rounds < 2)
				continue; /* any one slot will do */
			double span = ((rounds - 1) * busy_slots(sv, e) + 1) *
				      (double)KITCHEN_SLOT_S;
			most = fmax(most, span);
		}
	}
	free(count);
	return most;
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
