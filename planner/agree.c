/*
 * How the routes and the kitchen agree.
 *
 * A trip's batches must end between its last delivery less its food
 * limit and its loading. A trip that uses the whole limit on the road
 * leaves the kitchen only the minutes before it loads, and a kitchen
 * cannot cook for twenty vans in those same minutes: routes planned
 * without the kitchen send most vans out at once, and their food is late.
 * Production and distribution of perishable food are therefore planned
 * together, the production schedule judged inside the routing search
 * (Chen, Hsueh and Chang 2009; Belo-Filho, Amorim and Almada-Lobo 2015;
 * Devapriya, Ferrell and Geismar 2017).
 *
 * Steps:
 * 1. The search knows the kitchen's pace. Every solution the routing
 *    search might keep is put to the kitchen's list schedule (the same one
 *    the kitchen itself starts from), which says by how many minutes its
 *    trips' food would be late. Of two solutions with as many orders on
 *    trips, the one the kitchen is less late for wins, then the cheaper;
 *    a solution the list schedule has on time is one the kitchen can feed.
 * 2. Rounds, only while food is late (each kept only when it beats the
 *    one before: fewer boxes left out, then fewer minutes late, then
 *    cheaper):
 *    - the first routes with the whole food limit, and gives up early
 *      when its best routes are still late by 40 % of its iterations
 *      (when they leave nothing out: the reserves of the second would
 *      leave out more);
 *    - the second keeps back part of each trip's limit for cooking (what
 *      the kitchen needs to cook one trip's dishes and 20 minutes more, at
 *      most half the limit; a meal point keeps back no more than it can
 *      spare when served alone, so none is left out for the kitchen's
 *      sake), so batches can feed more trips each and the kitchen has
 *      room to spread them;
 *    - the third holds the late trips back until their food can be
 *      ready, and routes the rest around them.
 *    A later round stops at a quarter of its iterations when it still
 *    leaves out more boxes than the round kept: it would not be kept.
 *    The first is enough on the sample town; on district days of 260-300
 *    meal points for 25 vans, the second is what puts the food on time
 *    and the third mends what is left (scripts/bench-plan).
 * 3. The kept routes' batches are scheduled: the list schedule, then the
 *    GLPK models started from it, kept when no later.
 * 4. Each trip's food times are worked out once, from the batches
 *    (plan_food): cooked from, ready, serve by, minutes late; every output
 *    prints these.
 * 5. When food is still late (a kitchen short of equipment, a day too
 *    large), the plan keeps the best schedule found, and the kitchen says
 *    which equipment or cooks fall short and for which trips.
 *
 * Budget, all counted in work so that the same day, options and seed
 * give the same plan on any machine: the search's iterations
 * (plan_iterations, or --iterations), half of them for the first and the
 * third round and all of them for the second; GLPK nodes for the routing
 * models (vrp_default_nodes); nodes and pivots for the kitchen's
 * (kitchen_budget_for). The time limit is only a cap; what it cuts is
 * named in the plan.
 */
#include "planner/plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/timefmt.h"
#include "util/xalloc.h"

/*
 * Search iterations by the day's size: sized, with the kitchen's pace,
 * for about two seconds on the sample town (40 meal points) and ten to
 * fifteen on a district day of 300, on a two-core machine of 2026.
 * Above 300 a step's work grows with the day (a solution is copied whole
 * at each, and the kitchen's pace put to all its trips), so there are
 * fewer: by (300 / n) to the power 0.6, about 13,600 for 1,000 meal
 * points and 7,000 for 3,000, which plan such days whole, sheets too,
 * within 20 and 60 seconds (about 17 and 35: scripts/bench-plan big).
 */
static long plan_iterations(int njobs)
{
	long n = njobs > 20 ? njobs : 20;
	if (n <= 300)
		return 2400000L / n + 20000;
	return (long)(28000.0 * pow(300.0 / (double)n, 0.6));
}

/* The kitchen as the routing search's supply: the trips' boxes per diet,
 * their times and limits, put to the kitchen's pace. */
struct kitchen_supply {
	const struct service *sv;
	const int *mp_of_job;
	struct kitchen_pace *pace;
	struct kitchen_trip *trips;
	int *boxes;                  /* trip x diet */
	int alloc;
};

static long kitchen_late(void *ctx, const struct vrp_trip_view *view, int n)
{
	struct kitchen_supply *ks = ctx;
	const struct service *sv = ks->sv;
	int nd = sv->ndiets;
	if (n > ks->alloc) {
		ks->alloc = 2 * n;
		ks->trips = xreallocarray(ks->trips, (size_t)ks->alloc,
					  sizeof(*ks->trips));
		ks->boxes = xreallocarray(ks->boxes, (size_t)ks->alloc *
					  (size_t)nd + 1, sizeof(int));
	}
	for (int t = 0; t < n; t++) {
		int *boxes = ks->boxes + (size_t)t * (size_t)nd;
		memset(boxes, 0, sizeof(int) * (size_t)nd);
		for (int k = 0; k < view[t].njobs; k++) {
			const struct meal_point *m =
				&sv->meal_points[ks->mp_of_job[view[t].jobs[k]]];
			for (int d = 0; d < nd; d++)
				boxes[d] += m->boxes[d];
		}
		ks->trips[t] = (struct kitchen_trip){
			t + 1, boxes, view[t].load_start, view[t].last_start,
			view[t].food_limit, 0, NULL };
	}
	return kitchen_pace_late(ks->pace, ks->trips, n);
}

/* The batches' times of each trip, once, for every output; counts the
 * late trips and minutes. A trip's loading waits when its last batch ends
 * after it, by whole minutes, on the times plan.json prints. */
static void plan_food(struct day_plan *plan)
{
	const struct kitchen_schedule *ks = &plan->kitchen;
	plan->late_trips = 0;
	plan->late_min = 0;
	for (int i = 0; i < plan->ntrips; i++) {
		struct plan_trip *t = &plan->trips[i];
		t->cooked_from = t->food_ready = t->serve_by = -1;
		t->late_min = 0;
	}
	for (int b = 0; b < ks->nbatches; b++)
		for (int f = 0; f < ks->batches[b].nfeeds; f++) {
			struct plan_trip *t = &plan->trips[ks->batches[b].feeds[f].trip];
			double end = ks->batches[b].end;
			if (t->cooked_from < 0 || end < t->cooked_from)
				t->cooked_from = end;
			t->food_ready = fmax(t->food_ready, end);
		}
	for (int i = 0; i < plan->ntrips; i++) {
		struct plan_trip *t = &plan->trips[i];
		if (t->cooked_from < 0)
			continue;
		t->serve_by = t->cooked_from + t->food_limit_s;
		t->late_min = kitchen_late_min(t->food_ready, t->load_start);
		if (t->late_min > 0) {
			plan->late_trips++;
			plan->late_min += t->late_min;
		}
	}
	plan->kitchen_on_time = plan->late_trips == 0;
}

/* Says which trips' loading waits for food, and why, as the kitchen can
 * tell; a line each in the warnings. */
static void warn_late(struct day_plan *plan)
{
	for (int i = 0; i < plan->ntrips; i++) {
		const struct plan_trip *t = &plan->trips[i];
		if (!t->late_min)
			continue;
		char load[16], ready[16];
		clock_format((int)lround(t->load_start), load);
		clock_format((int)t->food_ready, ready);
		strbuf_addf(&plan->warnings, "kitchen: trip %d loads at %s but "
			    "its food can be ready only at %s, %d min late\n",
			    t->id, load, ready, t->late_min);
	}
	for (const char *line = strbuf_str(&plan->kitchen.problems); *line;) {
		size_t len = strcspn(line, "\n");
		strbuf_addf(&plan->warnings, "%.*s\n", (int)len, line);
		line += len + (line[len] == '\n');
	}
}

/* The share of a later round's iterations after which it stops when it
 * still leaves out more boxes than the round kept before: it would not
 * be kept (on a 1,000-point day whose kitchen is short, the third round
 * left 943 of 1,000 stops out to the end). */
#define BEHIND_SHARE 0.25

/* The kitchen as the search's supply, for one solve with share of the
 * search's budget. */
static int solve(struct day_plan *plan, const struct vrp_problem *p,
		 const int *mp_of_job, double share, double give_up,
		 int behind_out, struct mr_cap *cap, struct vrp_solution *sol,
		 struct mr_error *err)
{
	const struct service *sv = plan->sv;
	const struct plan_options *opt = &plan->opt;
	struct vrp_problem with = *p;
	struct kitchen_supply supply = { sv, mp_of_job, NULL, NULL, NULL, 0 };
	struct vrp_supply hook = { kitchen_late, &supply };
	if (plan->kitchen_planned) {
		supply.pace = kitchen_pace_new(sv);
		with.supply = &hook;
	}
	struct vrp_params params = {
		.seed = opt->seed,
		.iterations = (long)ceil(share * (double)(opt->iterations > 0
				? opt->iterations : plan_iterations(p->njobs))),
		.cap = cap,
		.exact_max_jobs = plan->start ? 0 : VRP_EXACT_MAX_JOBS,
		.progress = opt->progress,
		.start = plan->start,
	};
	params.late_stop = (long)(give_up * (double)params.iterations);
	if (behind_out >= 0) {
		params.behind_stop = (long)(BEHIND_SHARE *
					     (double)params.iterations);
		params.behind_out = behind_out;
	}
	int rc = vrp_solve(&with, &params, sol, err);
	kitchen_pace_free(supply.pace);
	free(supply.trips);
	free(supply.boxes);
	return rc;
}

/* Takes sol's routes into the plan and schedules their kitchen. */
static void take_round(struct day_plan *plan, const struct vrp_problem *p,
		       const struct vrp_solution *sol, const int *mp_of_job,
		       struct mr_cap *cap)
{
	plan_take_routes(plan, p, sol, mp_of_job);
	plan->search_late_min = sol->late;
	if (!plan->kitchen_planned)
		return;
	double t0 = mr_clock();
	struct kitchen_budget budget = kitchen_budget_for(plan->ntrips, cap);
	struct kitchen_trip *kt = plan_kitchen_trips(plan);
	kitchen_schedule_make(plan->sv, &plan->demand, kt, plan->ntrips,
			      &budget, &plan->kitchen);
	free(kt);
	plan->kitchen_s += mr_clock() - t0;
	plan_food(plan);
}

/*
 * What each job keeps back of its trip's food limit in the second round:
 * reserve, or as much of it as the job can spare when it is served alone
 * (loading and the drive there, and a minute), so no job is left out for
 * the kitchen's sake.
 */
static void set_reserves(const struct vrp_problem *p, struct vrp_job *jobs,
			 double reserve)
{
	for (int j = 0; j < p->njobs; j++) {
		double alone = p->load_fixed + p->load_per_unit * jobs[j].demand +
			       p->duration[(size_t)p->depot * (size_t)p->nlocs +
					   (size_t)jobs[j].loc] + 60;
		jobs[j].reserve = fmax(0, fmin(reserve, p->food_limit - alone));
	}
}

/* The reserve of the second round: what the kitchen needs to cook all of
 * one trip's dishes, a 20-minute step more, at most half the limit. */
static double round_reserve(const struct day_plan *plan)
{
	double span = kitchen_trip_span(plan->sv, &plan->demand);
	double limit = plan->sv->kitchen.food_limit_min * 60.0;
	return fmin(ceil(span / 60.0) * 60.0 + 1200.0, limit / 2);
}

/* Whether the plan as it is beats the round kept before: fewer boxes
 * left out, then fewer minutes late, then cheaper. */
static bool beats(const struct day_plan *plan, int unassigned, long late,
		  double cost)
{
	int now = plan->boxes_ordered - plan->boxes_assigned;
	if (now != unassigned)
		return now < unassigned;
	if (plan->late_min != late)
		return plan->late_min < late;
	return plan->cost < cost - 1e-9;
}

/* The shares of the search's budget the first and third rounds get; the
 * second gets it whole. */
#define FIRST_SHARE 0.5
#define THIRD_SHARE 0.5
/* The share of the first round's iterations after which it gives up when
 * its food is still late and it leaves nothing out. */
#define FIRST_GIVE_UP 0.4

/* The demand of the jobs s leaves out. */
static int demand_out(const struct vrp_problem *p, const struct vrp_solution *s)
{
	int out = 0;
	for (int k = 0; k < s->nunassigned; k++)
		out += p->jobs[s->unassigned[k]].demand;
	return out;
}

/*
 * Routes the problem p for the plan (a round), and keeps the answer when
 * it beats the plan's routes as they are (or when there are none yet).
 * The round's problem is p; its reasons and the kitchen see the plan's
 * problem, which keeps no reserve.
 */
static int route_round(struct day_plan *plan, const struct vrp_problem *problem,
		 const struct vrp_problem *p, const int *mp_of_job, double share,
		 int kept, size_t warned, struct mr_cap *cap,
		 struct vrp_solution *best, struct mr_error *err)
{
	struct vrp_solution sol;
	/* The first round gives up early when its food is still late by
	 * then and it leaves nothing out: the reserve of the second does
	 * better on such a day. */
	double give_up = plan->rounds == 0 ? FIRST_GIVE_UP : 0;
	/* A later round stops early when it still leaves out more than the
	 * round kept. */
	int behind_out = plan->rounds > 0 ? demand_out(p, best) : -1;
	if (solve(plan, p, mp_of_job, share, give_up, behind_out, cap, &sol,
		  err) != 0)
		return -1;
	if (plan->rounds++ > 0) {
		/* A round that leaves out more than the one kept is not kept,
		 * whatever its kitchen: nor is its kitchen scheduled. */
		if (demand_out(p, &sol) > behind_out) {
			vrp_solution_release(&sol);
			return 0;
		}
		int unassigned = plan->boxes_ordered - plan->boxes_assigned;
		long late = plan->late_min;
		double cost = plan->cost;
		plan_forget_routes(plan, kept);
		strbuf_setlen(&plan->warnings, warned);
		take_round(plan, problem, &sol, mp_of_job, cap);
		if (!beats(plan, unassigned, late, cost)) {
			plan_forget_routes(plan, kept);
			strbuf_setlen(&plan->warnings, warned);
			take_round(plan, problem, best, mp_of_job, cap);
			vrp_solution_release(&sol);
			return 0;
		}
	} else {
		take_round(plan, problem, &sol, mp_of_job, cap);
	}
	vrp_solution_release(best);
	*best = sol;
	return 0;
}

/* When food is late, why (the kitchen's reasons), and the warnings. */
static void explain_late(struct day_plan *plan, struct mr_cap *cap)
{
	if (plan->kitchen_planned && !plan->kitchen_on_time) {
		double t0 = mr_clock();
		struct kitchen_budget budget =
			kitchen_budget_for(plan->ntrips, cap);
		struct kitchen_trip *kt = plan_kitchen_trips(plan);
		kitchen_schedule_explain(plan->sv, &plan->demand, kt,
					 plan->ntrips, &budget, &plan->kitchen);
		free(kt);
		plan->kitchen_s += mr_clock() - t0;
	}
	if (plan->kitchen_planned)
		warn_late(plan);
}

/* Whether vehicles a and b can run each other's trips: the same in all
 * the router sees. */
static bool interchangeable(const struct vrp_vehicle *a,
			    const struct vrp_vehicle *b)
{
	return a->start_loc == b->start_loc && a->end_loc == b->end_loc &&
	       a->open_end == b->open_end && a->capacity == b->capacity &&
	       a->shift_start == b->shift_start &&
	       a->shift_end == b->shift_end &&
	       a->cost_distance == b->cost_distance &&
	       a->cost_time == b->cost_time &&
	       a->cost_fixed == b->cost_fixed &&
	       a->max_trips == b->max_trips &&
	       a->food_limit == b->food_limit && !a->trip_release &&
	       !b->trip_release;
}

/* The vehicle that carried most of trip t's stops in the saved plan,
 * or -1. */
static int saved_vehicle(const struct day_plan *plan, const struct plan_trip *t)
{
	const struct service *sv = plan->sv;
	const struct saved_plan *sp = plan->opt.keep;
	int best = -1, most = 0;
	for (int v = 0; v < sv->nvehicles; v++) {
		int n = 0;
		for (int s = 0; s < sp->ntrips; s++) {
			if (strcmp(sp->trips[s].vehicle_id, sv->vehicles[v].id))
				continue;
			for (int q = 0; q < sp->trips[s].nstops; q++)
				for (int k = 0; k < t->nstops; k++)
					n += !strcmp(sp->trips[s].stops[q].meal_point_id,
						     sv->meal_points[t->stops[k].meal_point].id);
		}
		if (n > most) {
			most = n;
			best = v;
		}
	}
	return best;
}

/* Whether vehicle v is free from trip x's loading to its return, but
 * for trip but (an index, or -1), and may make one trip more. */
static bool free_for(const struct day_plan *plan, const struct vrp_problem *p,
		     int v, const struct plan_trip *x, int but)
{
	int n = 0;
	for (int i = 0; i < plan->ntrips; i++) {
		const struct plan_trip *t = &plan->trips[i];
		if (t->vehicle != v || i == but || t == x)
			continue;
		n++;
		if (t->load_start < x->ret && x->load_start < t->ret)
			return false;
	}
	return p->vehicles[v].max_trips <= 0 || n < p->vehicles[v].max_trips;
}

/*
 * A day planned anew hands a trip to another vehicle of its kind (three
 * identical vans) as readily as to the one that drove it. Gives each trip
 * back to the vehicle of its kind that carried most of its stops, where
 * that vehicle is free at the time, or by swapping with the one trip it
 * has then; so that a driver keeps the round they had.
 */
static void same_drivers(struct day_plan *plan, const struct vrp_problem *p)
{
	for (int i = 0; i < plan->ntrips; i++) {
		struct plan_trip *t = &plan->trips[i];
		int a = t->vehicle, b = saved_vehicle(plan, t);
		if (b < 0 || b == a ||
		    !interchangeable(&p->vehicles[a], &p->vehicles[b]))
			continue;
		/* To a van free then, when that uses no more vans than
		 * before: b drives already, or a had only this trip. */
		int a_trips = 0, b_trips = 0;
		for (int k = 0; k < plan->ntrips; k++) {
			a_trips += plan->trips[k].vehicle == a;
			b_trips += plan->trips[k].vehicle == b;
		}
		if ((b_trips > 0 || a_trips == 1) &&
		    free_for(plan, p, b, t, -1)) {
			t->vehicle = b;
			continue;
		}
		/* The one trip of b at that time, if it fits a's day. */
		int u = -1, n = 0;
		for (int k = 0; k < plan->ntrips; k++) {
			const struct plan_trip *o = &plan->trips[k];
			if (o->vehicle == b && o->load_start < t->ret &&
			    t->load_start < o->ret) {
				u = k;
				n++;
			}
		}
		if (n != 1 || saved_vehicle(plan, &plan->trips[u]) == b ||
		    !free_for(plan, p, b, t, u) ||
		    !free_for(plan, p, a, &plan->trips[u], i))
			continue;
		plan->trips[u].vehicle = a;
		t->vehicle = b;
	}
	/* Each vehicle's trips numbered again in the order driven. */
	for (int i = 0; i < plan->ntrips; i++) {
		struct plan_trip *t = &plan->trips[i];
		t->trip_no = 1;
		for (int k = 0; k < plan->ntrips; k++)
			t->trip_no += plan->trips[k].vehicle == t->vehicle &&
				      plan->trips[k].load_start < t->load_start;
	}
}

/* What an arc the saved trips do not drive costs more, in their mean
 * arcs: on the sample week with a large van out of service, 3 left the
 * fewest trips changed (1, 2, 5 and 10 tried). */
#define KEEP_ARC_LENGTHS 3.0

/* The saved trips' arcs (kitchen, stops, kitchen), as matrix cells. */
static bool *saved_arcs(const struct vrp_problem *p, int ntrips,
			const int *first, const int *jobs)
{
	size_t nl = (size_t)p->nlocs;
	bool *arc = xcalloc(nl * nl, sizeof(bool));
	for (int t = 0; t < ntrips; t++) {
		int prev = p->depot;
		for (int i = first[t]; i < first[t + 1]; i++) {
			if (jobs[i] < 0)
				continue;
			int loc = p->jobs[jobs[i]].loc;
			arc[(size_t)prev * nl + (size_t)loc] = true;
			prev = loc;
		}
		arc[(size_t)prev * nl + (size_t)p->depot] = true;
	}
	return arc;
}

/*
 * Plans the day anew, but keeping what it can of the saved trips: the
 * search starts from them (as vrp_keep builds them), and every arc they
 * do not drive costs as if it were longer by KEEP_ARC_LENGTHS times the
 * saved arcs' mean length, so that a trip changes only where the day
 * needs it to. The plan's distances and cost are then the true ones.
 */
static int plan_anew_near(struct day_plan *plan, const struct vrp_problem *p,
			  const int *mp_of_job, const struct vrp_start *start,
			  const bool *arc, struct mr_cap *cap,
			  struct mr_error *err)
{
	size_t nl = (size_t)p->nlocs, cells = nl * nl;
	double sum = 0, extra;
	long n = 0;
	for (size_t c = 0; c < cells; c++)
		if (arc[c]) {
			sum += p->distance[c];
			n++;
		}
	extra = n ? KEEP_ARC_LENGTHS * sum / (double)n : 0;
	float *dist = xcalloc(cells, sizeof(float));
	for (size_t c = 0; c < cells; c++)
		dist[c] = p->distance[c] + (arc[c] ? 0 : extra);
	struct vrp_problem near = *p;
	near.distance = dist;
	plan->start = start;
	int rc = plan_agree(plan, &near, mp_of_job, cap, err);
	plan->start = NULL;
	free(dist);
	if (rc != 0)
		return rc;
	same_drivers(plan, p);
	/* The true distances, and the cost without what was added. */
	int *loc_of_mp = xcalloc((size_t)plan->sv->nmeal_points + 1,
				 sizeof(int));
	for (int j = 0; j < p->njobs; j++)
		loc_of_mp[mp_of_job[j]] = p->jobs[j].loc;
	plan->distance_m = 0;
	for (int i = 0; i < plan->ntrips; i++) {
		struct plan_trip *t = &plan->trips[i];
		double cd = p->vehicles[t->vehicle].cost_distance;
		int prev = p->depot;
		t->distance_m = 0;
		for (int k = 0; k <= t->nstops; k++) {
			int loc = k < t->nstops
				  ? loc_of_mp[t->stops[k].meal_point] : p->depot;
			size_t c = (size_t)prev * nl + (size_t)loc;
			t->distance_m += p->distance[c];
			if (!arc[c])
				plan->cost -= extra * cd;
			prev = loc;
		}
		plan->distance_m += t->distance_m;
	}
	free(loc_of_mp);
	return 0;
}

int plan_keep(struct day_plan *plan, const struct vrp_problem *p,
	      const int *mp_of_job, struct mr_cap *cap, struct mr_error *err)
{
	const struct service *sv = plan->sv;
	const struct saved_plan *sp = plan->opt.keep;
	/* The saved trips in the problem's terms: vehicles by id, meal
	 * points by id (gone when no longer ordered or out of service). */
	int *vehicle = xcalloc((size_t)sp->ntrips + 1, sizeof(int));
	int *first = xcalloc((size_t)sp->ntrips + 2, sizeof(int));
	int nstops = 0;
	for (int t = 0; t < sp->ntrips; t++)
		nstops += sp->trips[t].nstops;
	int *jobs = xcalloc((size_t)nstops + 1, sizeof(int));
	int *demand = xcalloc((size_t)nstops + 1, sizeof(int));
	int n = 0;
	for (int t = 0; t < sp->ntrips; t++) {
		const struct saved_trip *tr = &sp->trips[t];
		vehicle[t] = -1;
		for (int v = 0; v < sv->nvehicles; v++)
			if (!strcmp(sv->vehicles[v].id, tr->vehicle_id))
				vehicle[t] = v;
		first[t] = n;
		for (int k = 0; k < tr->nstops; k++) {
			jobs[n] = -1;
			demand[n] = tr->stops[k].boxes;
			for (int j = 0; j < p->njobs; j++)
				if (!strcmp(sv->meal_points[mp_of_job[j]].id,
					    tr->stops[k].meal_point_id))
					jobs[n] = j;
			n++;
		}
	}
	first[sp->ntrips] = n;
	struct vrp_start start = { sp->ntrips, vehicle, first, jobs, demand };
	struct vrp_params params = { .seed = plan->opt.seed, .cap = cap };
	struct vrp_solution sol;
	int kept = plan->nunassigned;
	size_t warned = plan->warnings.len;
	int rc = vrp_keep(p, &params, &start, &sol, err);
	if (rc == 0) {
		plan->rounds = 1;
		take_round(plan, p, &sol, mp_of_job, cap);
		/* A job the saved plan served that the kept trips leave out
		 * for want of room or time: the day is planned anew, and
		 * that plan kept when it leaves fewer boxes out. */
		int lost = 0;
		for (int k = 0; k < sol.nunassigned; k++) {
			int job = sol.unassigned[k];
			enum vrp_reason why = sol.reason[job];
			if (why != VRP_FLEET && why != VRP_ASSIGNED)
				continue;
			for (int i = 0; i < n && !lost; i++)
				lost = jobs[i] == job;
		}
		int out_keep = plan->boxes_ordered - plan->boxes_assigned;
		if (lost) {
			plan_forget_routes(plan, kept);
			strbuf_setlen(&plan->warnings, warned);
			bool *arc = saved_arcs(p, sp->ntrips, first, jobs);
			rc = plan_anew_near(plan, p, mp_of_job, &start, arc,
					    cap, err);
			free(arc);
			if (rc == 0 && plan->boxes_ordered - plan->boxes_assigned <
				       out_keep) {
				plan->replanned = true;
				strbuf_addf(&plan->warnings, "--keep: the earlier "
					    "trips cannot take today's changes "
					    "without leaving orders out; the day "
					    "is planned anew, keeping what it "
					    "can of them\n");
			} else if (rc == 0) {
				plan_forget_routes(plan, kept);
				strbuf_setlen(&plan->warnings, warned);
				plan->rounds = 1;
				take_round(plan, p, &sol, mp_of_job, cap);
				explain_late(plan, cap);
			}
		} else {
			explain_late(plan, cap);
		}
		vrp_solution_release(&sol);
	}
	free(vehicle);
	free(first);
	free(jobs);
	free(demand);
	return rc;
}

int plan_agree(struct day_plan *plan, const struct vrp_problem *problem,
	       const int *mp_of_job, struct mr_cap *cap, struct mr_error *err)
{
	int kept = plan->nunassigned;
	size_t warned = plan->warnings.len;
	struct vrp_solution best = { 0 };
	struct vrp_problem p = *problem;
	struct vrp_job *jobs = xcalloc((size_t)p.njobs + 1, sizeof(*jobs));
	struct vrp_vehicle *veh = xcalloc((size_t)p.nvehicles + 1, sizeof(*veh));
	double *release = xcalloc((size_t)p.nvehicles * PLAN_MAX_TRIPS + 1,
				  sizeof(double));
	int rc = -1;
	plan->rounds = 0;
	if (route_round(plan, problem, &p, mp_of_job, FIRST_SHARE, kept, warned,
			cap, &best, err) != 0)
		goto out;
	/*
	 * A second round, only when food is late: every trip keeps back a
	 * reserve of its food limit for cooking, so batches can feed more
	 * trips each and the kitchen has room to spread them.
	 */
	if (plan->kitchen_planned && plan->late_trips &&
	    !mr_cap_reached(cap, "second round")) {
		memcpy(jobs, problem->jobs, sizeof(*jobs) * (size_t)p.njobs);
		set_reserves(&p, jobs, round_reserve(plan));
		p.jobs = jobs;
		if (route_round(plan, problem, &p, mp_of_job, 1, kept, warned,
				cap, &best, err) != 0)
			goto out;
	}
	/*
	 * A third, only when food is still late: with the reserves, the late
	 * trips are held back until their food can be ready, and the rest
	 * routed around them.
	 */
	if (plan->kitchen_planned && plan->late_trips &&
	    !mr_cap_reached(cap, "third round")) {
		memcpy(veh, problem->vehicles, sizeof(*veh) * (size_t)p.nvehicles);
		for (int v = 0; v < p.nvehicles; v++) {
			veh[v].trip_release = release + (size_t)v * PLAN_MAX_TRIPS;
			veh[v].ntrip_release = PLAN_MAX_TRIPS;
		}
		for (int i = 0; i < plan->ntrips; i++) {
			const struct plan_trip *t = &plan->trips[i];
			if (t->late_min && t->trip_no <= PLAN_MAX_TRIPS)
				release[(size_t)t->vehicle * PLAN_MAX_TRIPS +
					(size_t)(t->trip_no - 1)] = t->food_ready;
		}
		p.vehicles = veh;
		if (route_round(plan, problem, &p, mp_of_job, THIRD_SHARE, kept,
				warned, cap, &best, err) != 0)
			goto out;
	}
	explain_late(plan, cap);
	rc = 0;
out:
	vrp_solution_release(&best);
	free(jobs);
	free(veh);
	free(release);
	return rc;
}
