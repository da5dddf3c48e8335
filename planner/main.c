/*
 * mealrun's command line: one table of subcommands, each with its usage,
 * its help and the function that runs it; the commands on orders are in
 * cmd_orders.c, what the commands share in cli.c. Only the command files
 * print errors and pick exit codes; everything below returns them as
 * values.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/service.h"
#include "data/store.h"
#include "planner/check.h"
#include "planner/cli.h"
#include "planner/plan.h"
#include "planner/plan_json.h"
#include "planner/save.h"
#include "planner/sheets/labels.h"
#include "planner/sheets/sheets.h"
#include "planner/vrp/solomon.h"
#include "planner/vrp/vroom.h"
#include "planner/vrp/vrp.h"
#include "util/cap.h"
#include "util/error.h"
#include "util/http.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

#define MEALRUN_VERSION "0.1.0"

static const struct command *find_command(const char *name);

static void print_help(const struct command *cmd)
{
	printf("usage: mealrun %s %s\n\n%s\n", cmd->name, cmd->args,
	       cmd->summary);
	if (cmd->help && *cmd->help)
		printf("\n%s", cmd->help);
}

/* True when argv holds -h or --help before any "--". */
static int wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return 0;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return 1;
	}
	return 0;
}

/* Reads the options common to the commands that route. */
struct solve_flags {
	double time_limit_s;
	unsigned seed;
	long iterations;
	int quiet;
	const char *roads;          /* provider spec */
	struct roads_options road;  /* for straight lines */
};

/* The time limit is a safety cap, well above what the default budgets
 * take on a busy machine. */
#define SOLVE_FLAGS_INIT { 120.0, 1, 0, 0, "straight", \
	{ ROADS_DEFAULT_DETOUR, ROADS_DEFAULT_SPEED_KMH } }

/* The long options parse_solve_flag reads. */
#define SOLVE_LONGOPTS \
	{ "roads", required_argument, NULL, 'r' }, \
	{ "detour", required_argument, NULL, 'D' }, \
	{ "speed", required_argument, NULL, 'K' }, \
	{ "time-limit", required_argument, NULL, 't' }, \
	{ "seed", required_argument, NULL, 's' }, \
	{ "iterations", required_argument, NULL, 'i' }, \
	{ "quiet", no_argument, NULL, 'q' }

/* Returns 0 when c was one of these options, 1 when it was not, or the
 * usage exit code for a bad value. */
static int parse_solve_flag(const struct command *cmd, int c,
			    struct solve_flags *f)
{
	double x;
	switch (c) {
	case 't':
		if (cli_parse_double(optarg, &x) != 0 || !(x > 0 && x <= 86400))
			return cli_usage(cmd, "--time-limit needs seconds, "
					   "not '%s'", optarg);
		f->time_limit_s = x;
		return 0;
	case 's':
		if (cli_parse_double(optarg, &x) != 0 || x < 0 ||
		    x > 4294967295.0 || x != floor(x))
			return cli_usage(cmd, "--seed needs a whole number, "
					   "not '%s'", optarg);
		f->seed = (unsigned)x;
		return 0;
	case 'i':
		if (cli_parse_double(optarg, &x) != 0 || x < 1 || x > 1e12 ||
		    x != floor(x))
			return cli_usage(cmd, "--iterations needs a whole "
					   "number, not '%s'", optarg);
		f->iterations = (long)x;
		return 0;
	case 'q':
		f->quiet = 1;
		return 0;
	case 'r':
		f->roads = optarg;
		return 0;
	case 'D':
		if (cli_parse_double(optarg, &f->road.detour) != 0)
			return cli_usage(cmd, "--detour needs a number, not "
					   "'%s'", optarg);
		return 0;
	case 'K':
		if (cli_parse_double(optarg, &f->road.speed_kmh) != 0)
			return cli_usage(cmd, "--speed needs km/h, not '%s'",
					   optarg);
		return 0;
	}
	return 1;
}

/* Progress of a long solve, a line a second on stderr. */
static void show_progress(void *ctx, const struct vrp_progress *pr)
{
	(void)ctx;
	fprintf(stderr, "mealrun: %6.1f s %-12s best %.2f, %d vehicles, "
		"%d unassigned, %ld iterations\n", pr->elapsed_s, pr->phase,
		pr->best_cost, pr->vehicles, pr->unassigned, pr->iterations);
}

static void print_warnings(const struct strbuf *warnings)
{
	for (const char *line = strbuf_str(warnings); *line;) {
		size_t len = strcspn(line, "\n");
		fprintf(stderr, "mealrun: warning: %.*s\n", (int)len, line);
		line += len + (line[len] == '\n');
	}
}

/* --- init ---------------------------------------------------------------- */

static int cmd_init(const struct command *cmd, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(cmd, "init takes one database path");
	struct mr_error err = { 0 };
	struct store *st;
	if (store_open(argv[1], true, &st, &err) != 0)
		return cli_fail(&err);
	fprintf(stderr, "mealrun: %s is ready (schema version %d)\n", argv[1],
		store_schema_version(st));
	store_free(st);
	return 0;
}

/* --- plan ---------------------------------------------------------------- */

/* The seconds of each phase of a plan, for scripts/bench-plan. */
static void report_times(const struct day_plan *plan,
			 const struct output_times *tm, double saved_s)
{
	fprintf(stderr, "mealrun: seconds: travel times %.2f, routing %.2f, "
		"kitchen %.2f, plan.json %.2f, records %.2f, GPX %.2f, "
		"maps %.2f, kitchen sheets %.2f, dispatch %.2f, loading %.2f, "
		"index %.2f, changes %.2f, saved %.2f\n", plan->matrix_s,
		plan->elapsed_s - plan->matrix_s - plan->kitchen_s,
		plan->kitchen_s, tm->json, tm->records, tm->gpx, tm->maps,
		tm->kitchen, tm->dispatch, tm->loading, tm->index, tm->changes,
		saved_s);
}

static void report_plan(const struct day_plan *plan)
{
	const struct service *sv = plan->sv;
	fprintf(stderr, "mealrun: %s %s: %d trip%s on %d vehicle%s, %d of %d "
		"boxes, %.1f km, %.2f s\n", sv->date, sv->meal, plan->ntrips,
		plan->ntrips == 1 ? "" : "s", plan->vehicles_used,
		plan->vehicles_used == 1 ? "" : "s", plan->boxes_assigned,
		plan->boxes_ordered, plan->distance_m / 1000.0,
		plan->elapsed_s);
	fprintf(stderr, "mealrun: routing: %s, %ld iterations, %d pool "
		"routes%s", plan->method ? plan->method : "none",
		plan->iterations, plan->pool_routes,
		plan->matrix_cached ? ", travel times from the cache" : "");
	if (plan->proved_optimal)
		fprintf(stderr, ", proved optimal");
	else if (plan->bound >= 0 && plan->cost > 0)
		fprintf(stderr, ", gap %.2f%%",
			100.0 * (plan->cost - plan->bound) / plan->cost);
	fputc('\n', stderr);
	for (int i = 0; i < plan->nunassigned; i++) {
		const struct plan_unassigned *u = &plan->unassigned[i];
		const struct meal_point *m = &sv->meal_points[u->meal_point];
		fprintf(stderr, "mealrun: unassigned: %s %s, %d boxes: %s\n",
			m->id, m->name, m->total, u->reason);
	}
	if (!plan->kitchen_planned)
		fprintf(stderr, "mealrun: kitchen: not planned (--no-kitchen)\n");
	else
		fprintf(stderr, "mealrun: kitchen: %s%s%s, %d batches, %s\n",
			plan->kitchen.method,
			plan->kitchen.model ? " " : "",
			plan->kitchen.model ? plan->kitchen.model : "",
			plan->kitchen.nbatches, plan->late_trips
			? "food late for some trips (exit 4)" : "every trip's "
			"food ready by its loading");
}

/* Says which phases the time limit cut: the plan may then differ from
 * run to run. */
static void report_cut(const char *cut, double limit)
{
	if (*cut)
		fprintf(stderr, "mealrun: warning: the time limit of %g s cut: "
			"%s; with another machine or load the answer may "
			"differ\n", limit, cut);
}

/* A plan stopped by a signal: nothing saved, --out as it was. */
static int stopped(const char *out)
{
	fprintf(stderr, "mealrun: stopped by signal %d; nothing was saved "
		"and %s was left as it was\n", mr_interrupted(), out);
	return EX_TEMPFAIL;
}

/*
 * Writes plan's outputs, saves it (unless save is 0) and puts the outputs
 * in place of out: the plan's exit code, with what went wrong on stderr.
 */
static int deliver(const struct day_plan *plan, struct store *st,
		   struct plan_outputs *outputs, const char *out,
		   enum lang lang, int save)
{
	struct mr_error err = { 0 };
	double json_s = mr_clock();
	char *json = plan_json_text(plan);
	json_s = mr_clock() - json_s;
	int rc;
	/* The outputs are written before the plan is saved, and put in
	 * place after: a plan is saved only with its outputs, and outputs
	 * are in place only of a saved plan. */
	struct output_times tm;
	if (plan_outputs_write(outputs, plan, json, lang, &tm, &err) != 0) {
		if (mr_interrupted()) {
			rc = stopped(out);
		} else {
			rc = cli_fail(&err);
			fprintf(stderr, "mealrun: the plan was not saved and %s "
				"was left as it was\n", out);
		}
		goto done;
	}
	if (mr_interrupted()) {
		rc = stopped(out);
		goto done;
	}
	int64_t plan_id = 0;
	double saved_s = mr_clock();
	if (save && plan_save(st, plan, json, &plan_id, &err) != 0) {
		if (mr_interrupted()) {
			rc = stopped(out);
		} else {
			rc = cli_fail(&err);
			fprintf(stderr, "mealrun: the plan was not saved and %s "
				"was left as it was\n", out);
		}
		goto done;
	}
	if (plan_outputs_commit(outputs, &err) != 0) {
		rc = cli_fail(&err);
		if (save)
			fprintf(stderr, "mealrun: the plan is saved as plan "
				"%lld, but %s holds the previous outputs\n",
				(long long)plan_id, out);
		goto done;
	}
	saved_s = save ? mr_clock() - saved_s : 0;
	tm.json += json_s;
	report_plan(plan);
	fprintf(stderr, "mealrun: sheets (dispatch, loading, kitchen, index%s) "
		"written in %.2f s\n", plan->opt.keep ? ", changes" : "",
		tm.sheets);
	report_times(plan, &tm, saved_s);
	if (save)
		fprintf(stderr, "mealrun: saved as plan %lld; outputs in %s\n",
			(long long)plan_id, out);
	rc = plan->late_trips ? MR_EXIT_LATE
	     : plan->nunassigned ? MR_EXIT_UNASSIGNED : 0;
done:
	free(json);
	return rc;
}

#define MAX_WITHOUT 32

struct plan_flags {
	const char *date, *meal, *out, *kitchen;
	int save;
	enum lang lang;
	bool no_kitchen;
	bool keep;
	const char *without[MAX_WITHOUT];
	int nwithout;
	struct solve_flags solve;
};

static int take_plan_flag(const struct command *cmd, int c, void *ctx)
{
	struct plan_flags *f = ctx;
	int rc = parse_solve_flag(cmd, c, &f->solve);
	if (rc != 1)
		return rc;
	switch (c) {
	case 'd': f->date = optarg; return 0;
	case 'm': f->meal = optarg; return 0;
	case 'o': f->out = optarg; return 0;
	case 'k': f->kitchen = optarg; return 0;
	case 'n': f->save = 0; return 0;
	case 'N': f->no_kitchen = true; return 0;
	case 'E': f->keep = true; return 0;
	case 'W':
		if (f->nwithout == MAX_WITHOUT)
			return cli_usage(cmd, "--without: at most %d vehicles",
					 MAX_WITHOUT);
		f->without[f->nwithout++] = optarg;
		return 0;
	case 'L':
		if (lang_parse(optarg, &f->lang) != 0)
			return cli_usage(cmd, "--lang is zh, en or both, not "
					   "'%s'", optarg);
		return 0;
	}
	return 1;
}

/*
 * --keep and --without against the database: the saved plan to start from
 * into *saved, and vehicles the kitchen has. 0, or an exit code, with the
 * message printed.
 */
static int plan_start(const struct command *cmd, const struct plan_flags *f,
		      struct store *st, const struct service *sv,
		      struct saved_plan *saved, struct plan_options *opt)
{
	for (int w = 0; w < f->nwithout; w++) {
		int v = 0;
		while (v < sv->nvehicles && strcmp(sv->vehicles[v].id,
						   f->without[w]))
			v++;
		if (v == sv->nvehicles)
			return cli_usage(cmd, "--without %s: kitchen %s has no "
					 "active vehicle of that id",
					 f->without[w], sv->kitchen.id);
	}
	opt->without = f->without;
	opt->nwithout = f->nwithout;
	if (!f->keep)
		return 0;
	struct mr_error err = { 0 };
	int found = store_last_plan(st, f->date, f->meal, sv->kitchen.id,
				    saved, &err);
	if (found < 0)
		return cli_fail(&err);
	if (!found) {
		fprintf(stderr, "mealrun: --keep: no saved plan of %s %s at "
			"kitchen %s to keep to; plan without --keep first\n",
			f->meal, f->date, sv->kitchen.id);
		return EX_NOINPUT;
	}
	opt->keep = saved;
	return 0;
}

static int cmd_plan(const struct command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "no-kitchen", no_argument, NULL, 'N' },
		{ "date", required_argument, NULL, 'd' },
		{ "meal", required_argument, NULL, 'm' },
		{ "out", required_argument, NULL, 'o' },
		{ "kitchen", required_argument, NULL, 'k' },
		{ "no-save", no_argument, NULL, 'n' },
		{ "lang", required_argument, NULL, 'L' },
		{ "keep", no_argument, NULL, 'E' },
		{ "without", required_argument, NULL, 'W' },
		SOLVE_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct plan_flags f = { .meal = "lunch", .save = 1, .lang = LANG_BOTH,
				.solve = SOLVE_FLAGS_INIT };
	int rc = cli_parse_options(cmd, argc, argv, longopts, take_plan_flag, &f);
	if (rc != 0)
		return rc;
	const char *date = f.date, *meal = f.meal, *out = f.out;
	const char *kitchen = f.kitchen;
	int save = f.save;
	enum lang lang = f.lang;
	struct solve_flags flags = f.solve;
	struct plan_options opt = { .no_kitchen = f.no_kitchen };
	if (optind + 1 != argc)
		return cli_usage(cmd, "plan takes one database path");
	if ((rc = cli_check_service(cmd, date, meal)) != 0)
		return rc;
	if (!out || !*out)
		return cli_usage(cmd, "--out DIR is required");
	opt.roads = flags.roads;
	opt.road = flags.road;
	opt.time_limit_s = flags.time_limit_s;
	opt.seed = flags.seed;
	opt.iterations = flags.iterations;
	opt.progress = flags.quiet ? NULL : show_progress;

	struct mr_error err = { 0 };
	struct store *st = NULL;
	struct service *sv = NULL;
	struct day_plan *plan = NULL;
	struct plan_outputs outputs = { .lock = -1 };
	struct saved_plan saved = { 0 };
	mr_interrupt_install();
	if (store_open(argv[optind], false, &st, &err) != 0 ||
	    service_load(st, date, meal, kitchen, &sv, &err) != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	if ((rc = plan_start(cmd, &f, st, sv, &saved, &opt)) != 0)
		goto out;
	if (sv->nmeal_points == 0)
		fprintf(stderr, "mealrun: warning: no orders for %s %s\n", date,
			meal);
	if (sv->nvehicles == 0)
		fprintf(stderr, "mealrun: warning: kitchen %s has no active "
			"vehicles\n", sv->kitchen.id);
	/* An --out that cannot be written is found before the solve. */
	if (plan_outputs_open(&outputs, out, &err) != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	opt.cache = st;
	if (day_plan_make(sv, &opt, &plan, &err) != 0) {
		rc = mr_interrupted() ? stopped(out) : cli_fail(&err);
		goto out;
	}
	if (mr_interrupted()) {
		rc = stopped(out);
		goto out;
	}
	print_warnings(&plan->warnings);
	report_cut(plan->cut, opt.time_limit_s);
	rc = deliver(plan, st, &outputs, out, lang, save);
out:
	plan_outputs_close(&outputs);
	day_plan_free(plan);
	saved_plan_release(&saved);
	service_free(sv);
	store_free(st);
	/* A plan that a signal stopped ends by it; one it came too late to
	 * stop ends as planned. */
	if (rc == EX_TEMPFAIL)
		mr_interrupt_end();
	return rc;
}

/* --- solve -------------------------------------------------------------- */

/* Solves a VROOM problem and prints VROOM's answer; input errors are also
 * answered the way VROOM does, with code 2. */
static int solve_vroom(const char *path, const char *roads_spec,
		       const struct roads_options *road,
		       const struct vrp_params *params)
{
	struct mr_error err = { 0 };
	struct strbuf warnings = STRBUF_INIT;
	struct roads *roads = NULL;
	struct vroom *v = NULL;
	double t0 = mr_clock();
	int rc = 0;
	if (roads_open(roads_spec, road, &roads, &err) != 0 ||
	    vroom_read(path, roads, &v, &warnings, &err) != 0) {
		if (err.code == EX_DATAERR) {
			char *json = vroom_error_json(err.msg);
			puts(json);
			free(json);
		}
		rc = cli_fail(&err);
		goto out;
	}
	print_warnings(&warnings);
	double t1 = mr_clock();
	struct vrp_solution sol;
	if (vrp_solve(vroom_problem(v), params, &sol, &err) != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	char *json = vroom_answer_json(v, &sol, (t1 - t0) * 1000,
				       (mr_clock() - t1) * 1000);
	puts(json);
	free(json);
	if (sol.nunassigned)
		rc = MR_EXIT_UNASSIGNED;
	vrp_solution_release(&sol);
out:
	vroom_free(v);
	roads_free(roads);
	strbuf_release(&warnings);
	return rc;
}

static int solve_solomon(const char *path, const struct vrp_params *params)
{
	double t0 = mr_clock();
	struct mr_error err = { 0 };
	struct solomon inst;
	if (solomon_read(path, &inst, &err) != 0)
		return cli_fail(&err);
	struct vrp_solution sol;
	int rc = 0;
	if (vrp_solve(&inst.problem, params, &sol, &err) != 0) {
		rc = cli_fail(&err);
	} else {
		char *json = solomon_answer_json(&inst, &sol, mr_clock() - t0);
		puts(json);
		free(json);
		if (sol.nunassigned)
			rc = MR_EXIT_UNASSIGNED;
		vrp_solution_release(&sol);
	}
	solomon_release(&inst);
	return rc;
}

struct solve_files {
	const char *solomon, *vroom;
	struct solve_flags solve;
};

static int take_solve_flag(const struct command *cmd, int c, void *ctx)
{
	struct solve_files *f = ctx;
	int rc = parse_solve_flag(cmd, c, &f->solve);
	if (rc != 1)
		return rc;
	switch (c) {
	case 'S': f->solomon = optarg; return 0;
	case 'V': f->vroom = optarg; return 0;
	}
	return 1;
}

static int cmd_solve(const struct command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "solomon", required_argument, NULL, 'S' },
		{ "vroom", required_argument, NULL, 'V' },
		SOLVE_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct solve_files f = { .solve = SOLVE_FLAGS_INIT };
	int rc = cli_parse_options(cmd, argc, argv, longopts, take_solve_flag, &f);
	if (rc != 0)
		return rc;
	const char *solomon_path = f.solomon, *vroom_path = f.vroom;
	struct solve_flags flags = f.solve;
	if (optind != argc)
		return cli_usage(cmd, "unexpected argument '%s'",
				   argv[optind]);
	if (!solomon_path == !vroom_path)
		return cli_usage(cmd, "give one problem: --solomon FILE or "
				   "--vroom FILE");
	struct mr_cap cap;
	mr_cap_init(&cap, flags.time_limit_s);
	struct vrp_params params = {
		.seed = flags.seed,
		.iterations = flags.iterations,
		.cap = &cap,
		.exact_max_jobs = VRP_EXACT_MAX_JOBS,
		.progress = flags.quiet ? NULL : show_progress,
	};
	rc = solomon_path ? solve_solomon(solomon_path, &params)
			  : solve_vroom(vroom_path, flags.roads, &flags.road,
					    &params);
	report_cut(cap.cut, flags.time_limit_s);
	return rc;
}

/* --- check --------------------------------------------------------------- */

static int cmd_check(const struct command *cmd, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(cmd, "check takes one plan.json");
	struct mr_error err = { 0 };
	struct check_result res;
	if (plan_check_file(argv[1], &res, &err) != 0)
		return cli_fail(&err);
	int rc = 0;
	if (res.problems) {
		fputs(strbuf_str(&res.report), stdout);
		fprintf(stderr, "mealrun: %s: %d problem%s\n", argv[1],
			res.problems, res.problems == 1 ? "" : "s");
		rc = MR_EXIT_PROBLEMS;
	} else {
		printf("%s: ok: %d routes, %d stops, %d boxes\n", argv[1],
		       res.routes, res.stops, res.boxes);
		fputs(strbuf_str(&res.notes), stdout);
	}
	check_result_release(&res);
	return rc;
}

/* --- help ---------------------------------------------------------------- */

static int cmd_help(const struct command *cmd, int argc, char **argv);

static const struct command commands[] = {
	{ "init", "DB",
	  "Create a mealrun database (or bring an older one up to date).",
	  "The database is SQLite; see docs/data-format.md for its tables.\n",
	  cmd_init },
	{ "import", "DB DIR|FILE...",
	  "Import CSV files into the database, all in one transaction.",
	  "Each file is named after its table: kitchens.csv, diets.csv,\n"
	  "meal_points.csv, delivery_windows.csv, ingredients.csv, dishes.csv,\n"
	  "recipes.csv, menus.csv, equipment.csv, drivers.csv, vehicles.csv,\n"
	  "orders.csv (orders-2026-11-23.csv and the like are orders too).\n"
	  "A directory imports every CSV file in it. Rows replace the rows\n"
	  "with the same key, so importing a file twice changes nothing; an\n"
	  "order file replaces each meal point's whole order (all its diet\n"
	  "lines) for a date and meal, a later file winning over an earlier,\n"
	  "and ends its cancellation. What changed in the orders is printed,\n"
	  "a line per order, on stdout.\n"
	  "A bad row is reported as FILE:LINE:COLUMN and nothing is written.\n",
	  cmd_import },
	{ "order", "DB --date YYYY-MM-DD [--meal M] --point ID "
	  "(--diet CODE --boxes N | --cancel | --restore) [--by NAME]",
	  "Change one line of a meal point's order, or cancel the order.",
	  "options:\n"
	  "  --date D          the service date (required)\n"
	  "  --meal M          breakfast, lunch (default) or dinner\n"
	  "  --point ID        the meal point (required)\n"
	  "  --diet CODE --boxes N\n"
	  "                    sets the boxes of one diet line; 0 removes it\n"
	  "  --cancel          cancels the meal point's whole order for the\n"
	  "                    service: it is kept, marked with who cancelled\n"
	  "                    it and when, and left out of plans\n"
	  "  --restore         takes a cancellation back\n"
	  "  --by NAME         who cancels (default: the user's name)\n"
	  "\nPrints what changed, a line per order on stdout, e.g.\n"
	  "  MP-001 lunch 2026-11-23: 59 → 44 boxes; low_salt 9 → 0\n"
	  "An order file imported later replaces the whole order again, and\n"
	  "ends a cancellation. Exit 65 for an unknown meal point or diet, or\n"
	  "a line of a cancelled order.\n",
	  cmd_order },
	{ "orders", "DB --date YYYY-MM-DD [--meal M]",
	  "List a service's orders, where each came from, and the pauses.",
	  "A meal point's orders for the service are its own (from a file,\n"
	  "the ordering platform or 'mealrun order'), unless cancelled; else\n"
	  "its standing order for the weekday (standing_orders.csv), unless\n"
	  "a pause (pauses.csv) covers the date. Lists each meal point with\n"
	  "its boxes per diet and where they came from, then the cancelled\n"
	  "orders and the pauses in force.\n",
	  cmd_orders },
	{ "fetch-orders", "DB --url URL --date YYYY-MM-DD [--token-file F]",
	  "Fetch a day's orders from an ordering platform and import them.",
	  "The platform answers GET URL?date=D with a JSON list of\n"
	  "{meal_point, diet, meal, date, boxes, updated_at}; see\n"
	  "docs/orders-api.md. The orders pass the checks of a CSV import, in\n"
	  "one transaction: fetching twice changes nothing, and a failed fetch\n"
	  "changes nothing (exit 69 when the server does not answer, 65 for a\n"
	  "bad order). --token-file holds a bearer token on its first line.\n",
	  cmd_fetch_orders },
	{ "plan", "DB --date YYYY-MM-DD --out DIR [options]",
	  "Plan one meal service: trips, GPX routes and the printable sheets.",
	  "options:\n"
	  "  --date D          service date (required)\n"
	  "  --meal M          breakfast, lunch (default) or dinner\n"
	  "  --out DIR         where plan.json, gpx/, maps/, index.html and\n"
	  "                    the sheets (dispatch, loading, kitchen; PDF and\n"
	  "                    HTML) go: a new or empty folder, or an earlier\n"
	  "                    plan's, which is replaced whole\n"
	  "  --kitchen ID      the kitchen, when the database holds several\n"
	  "  --roads P         travel times: straight (default: air distance\n"
	  "                    times a detour, at a set speed), osm:FILE (the\n"
	  "                    roads of an OpenStreetMap extract: .osm,\n"
	  "                    .osm.gz or .osm.pbf) or osrm:URL (an OSRM\n"
	  "                    server)\n"
	  "  --detour F        straight: road/air distance factor (1.35)\n"
	  "  --speed KMH       straight: average speed (25)\n"
	  "  --iterations N    the routing search's budget (default: by the\n"
	  "                    day's size); the same data, options and seed\n"
	  "                    give the same plan on any machine\n"
	  "  --seed N          seed for the search (1)\n"
	  "  --time-limit S    a safety cap on the whole plan, in seconds\n"
	  "                    (120); what it cuts is named in plan.json and\n"
	  "                    on stderr\n"
	  "  --keep            plan the day again from its latest saved plan,\n"
	  "                    after the morning's changes: trips keep their\n"
	  "                    stops in order as far as they still fit, the\n"
	  "                    rest go where each costs least; changes.html\n"
	  "                    and changes.pdf say what changed\n"
	  "  --without V       vehicle V is out of service today (repeat for\n"
	  "                    more); with --keep, its trips go to others\n"
	  "  --no-kitchen      plan the routes alone, without batches (plan.json\n"
	  "                    says so, and the sheets print no cooking times)\n"
	  "  --quiet           no progress lines\n"
	  "  --no-save         do not save the plan in the database\n"
	  "  --lang L          language of the sheets: zh, en or both\n"
	  "                    (default: both, side by side)\n"
	  "\nexit status: 0 planned, 3 planned but for unassigned orders\n"
	  "(listed in plan.json and on stderr), 4 planned but some trips'\n"
	  "food will be late for their loading (said on every sheet, in\n"
	  "plan.json and on stderr; 4 also when orders are unassigned),\n"
	  "2 usage, 65 bad data, 66 missing database (or, with --keep, no\n"
	  "saved plan), 73/74 cannot write output, 75 another plan is\n"
	  "writing into --out. Ctrl-C or SIGTERM stops a plan: nothing is\n"
	  "saved and --out is left as it was.\n",
	  cmd_plan },
	{ "check", "PLAN.json",
	  "Check a plan by itself; list its problems and exit 1 if any.",
	  "Checks times in order, service inside windows, loads within\n"
	  "capacity, boxes per diet adding up, trips of one vehicle not\n"
	  "overlapping, the food limit, batches not overlapping on a unit,\n"
	  "and the summary against the routes.\n",
	  cmd_check },
	{ "record", "DB FILE...",
	  "Record what was delivered, from filled record sheets.",
	  "Each plan writes records.csv: a row per stop and diet with the\n"
	  "plan's facts and empty columns for what happened (arrived_at,\n"
	  "boxes_delivered, temperature_c, received_by, not_delivered_reason,\n"
	  "note). A filled sheet, or a JSON list of objects with the same\n"
	  "fields (a file named *.json), is recorded against the latest saved\n"
	  "plan of its date and meal, in one transaction; recording a row\n"
	  "again replaces it, and rows left blank are skipped. Prints what was\n"
	  "recorded and what is still missing for each day. Exit 65, with\n"
	  "FILE:LINE:COLUMN and nothing recorded, for a stop or diet the plan\n"
	  "does not have, more boxes than planned, boxes short without a\n"
	  "reason, a temperature outside -10 to 100 °C, or an arrival before\n"
	  "the trip left. See docs/records.md.\n",
	  cmd_record },
	{ "report", "DB --month YYYY-MM --out DIR [--kitchen ID] [--lang L]",
	  "Write a month's report of deliveries (PDF, HTML, CSV).",
	  "options:\n"
	  "  --month M         the month, YYYY-MM (required)\n"
	  "  --out DIR         where report.pdf, report.html, report.csv and\n"
	  "                    plots/ go: a new or empty folder, or an earlier\n"
	  "                    report's, which is replaced whole\n"
	  "  --kitchen ID      the kitchen, when the database holds several\n"
	  "  --lang L          zh, en or both (default: both, side by side)\n"
	  "\nBoxes planned, delivered, not delivered (with reasons) and not\n"
	  "recorded per day and per meal point and diet; stops delivered in\n"
	  "their window; boxes within their trip's food limit; deliveries\n"
	  "below the kitchen's cold_below_c; days with missing records; trips,\n"
	  "km and hours per vehicle; plots. The plans in force are the latest\n"
	  "saved of each date and meal. See docs/records.md.\n",
	  cmd_report },
	{ "solve", "--solomon FILE | --vroom FILE [options]",
	  "Solve a routing problem from a file and print the answer as JSON.",
	  "options:\n"
	  "  --solomon FILE    a Solomon VRPTW instance: prints {instance,\n"
	  "                    vehicles, distance, routes, elapsed_s} for the\n"
	  "                    least total distance with at most its fleet\n"
	  "  --vroom FILE      a problem in VROOM's input format, answered in\n"
	  "                    VROOM's output format\n"
	  "  --roads P         travel times when the VROOM file has no matrix:\n"
	  "                    straight (default), osm:FILE or osrm:URL, as\n"
	  "                    for plan\n"
	  "  --detour F        straight: road/air distance factor (1.35)\n"
	  "  --speed KMH       straight: average speed (25)\n"
	  "  --iterations N    search iterations; the same seed and N give the\n"
	  "                    same answer (default: by the problem's size)\n"
	  "  --seed N          seed for the search (1)\n"
	  "  --time-limit S    a safety cap on the whole solve, in seconds\n"
	  "                    (120); what it cuts is said on stderr\n"
	  "  --quiet           no progress lines on stderr\n"
	  "\nexit status 3 when jobs are left out (listed as unassigned).\n",
	  cmd_solve },
	{ "help", "[COMMAND]", "Show the commands, or one command's help.",
	  NULL, cmd_help },
};

#define NCOMMANDS ((int)(sizeof(commands) / sizeof(commands[0])))

static const struct command *find_command(const char *name)
{
	for (int i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void print_overview(FILE *fp)
{
	fprintf(fp, "usage: mealrun COMMAND [ARGS]\n\n"
		"Plans meal deliveries from a central kitchen to community "
		"meal points.\n\ncommands:\n");
	for (int i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-13s %s\n", commands[i].name, commands[i].summary);
	fprintf(fp, "\n'mealrun COMMAND --help' tells more about one.\n");
}

static int cmd_help(const struct command *cmd, int argc, char **argv)
{
	if (argc == 1) {
		print_overview(stdout);
		return 0;
	}
	const struct command *c = find_command(argv[1]);
	if (!c || argc > 2)
		return cli_usage(cmd, "no command '%s'", argv[1]);
	print_help(c);
	return 0;
}

static int finish(int rc)
{
	/* A full disk is an error, not silence. */
	if (ferror(stdout) || fclose(stdout) != 0) {
		fprintf(stderr, "mealrun: cannot write standard output\n");
		return EX_IOERR;
	}
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stderr);
		return MR_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return finish(cmd_help(&commands[NCOMMANDS - 1], 1, argv));
	if (!strcmp(argv[1], "--version")) {
		printf("mealrun %s\n", MEALRUN_VERSION);
		return finish(0);
	}
	const struct command *cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "mealrun: no command '%s'\ntry 'mealrun "
			"--help'\n", argv[1]);
		return MR_EXIT_USAGE;
	}
	if (wants_help(argc - 1, argv + 1)) {
		print_help(cmd);
		return finish(0);
	}
	/* libcurl once, before any client of it and while the program has
	 * one thread, as libcurl asks. */
	struct mr_error err = { 0 };
	if (http_global_init(&err) != 0)
		return cli_fail(&err);
	int rc = finish(cmd->run(cmd, argc - 1, argv + 1));
	http_global_cleanup();
	return rc;
}
