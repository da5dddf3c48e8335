/*
 * mealrun's command line: one table of subcommands, each with its usage,
 * its help and the function that runs it. Only this file prints errors and
 * picks exit codes; everything below returns them as values.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "data/order_intake.h"
#include "data/orders.h"
#include "data/service.h"
#include "data/store.h"
#include "planner/check.h"
#include "planner/plan.h"
#include "planner/plan_json.h"
#include "planner/vrp/vrp.h"
#include "planner/save.h"
#include "planner/sheets/sheets.h"
#include "planner/vrp/solomon.h"
#include "planner/vrp/vroom.h"
#include "util/cap.h"
#include "util/error.h"
#include "util/http.h"
#include "planner/sheets/labels.h"
#include "util/outfile.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

#define MEALRUN_VERSION "0.1.0"

struct command {
	const char *name;
	const char *args;     /* after the name, for the usage line */
	const char *summary;  /* one line for the list of commands */
	const char *help;     /* options and details */
	int (*run)(const struct command *cmd, int argc, char **argv);
};

static const struct command *find_command(const char *name);

static int fail(const struct mr_error *err)
{
	fprintf(stderr, "mealrun: %s\n", err->msg);
	if (err->code == EX_USAGE) /* DESIGN.md: usage errors exit 2 */
		return MR_EXIT_USAGE;
	return err->code ? err->code : EX_SOFTWARE;
}

static int usage_error(const struct command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int usage_error(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("mealrun: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\ntry 'mealrun %s --help'\n", cmd->name);
	return MR_EXIT_USAGE;
}

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

static int parse_double(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || errno)
		return -1;
	*out = v;
	return 0;
}

/*
 * Reads the options of argv with getopt_long: take(cmd, c, ctx) is given
 * each and returns 0 when it took it, 1 when it is not one of its options,
 * or an exit code for a bad value. Returns 0 with optind at the first
 * operand, or the exit code of a usage error, already reported.
 */
static int parse_options(const struct command *cmd, int argc, char **argv,
			 const struct option *longopts,
			 int (*take)(const struct command *cmd, int c,
				     void *ctx),
			 void *ctx)
{
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		int rc = c == '?' ? 1 : take(cmd, c, ctx);
		if (rc == 1)
			return usage_error(cmd, "unknown option '%s'",
					   argv[optind - 1]);
		if (rc != 0)
			return rc;
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
		if (parse_double(optarg, &x) != 0 || !(x > 0 && x <= 86400))
			return usage_error(cmd, "--time-limit needs seconds, "
					   "not '%s'", optarg);
		f->time_limit_s = x;
		return 0;
	case 's':
		if (parse_double(optarg, &x) != 0 || x < 0 ||
		    x > 4294967295.0 || x != floor(x))
			return usage_error(cmd, "--seed needs a whole number, "
					   "not '%s'", optarg);
		f->seed = (unsigned)x;
		return 0;
	case 'i':
		if (parse_double(optarg, &x) != 0 || x < 1 || x > 1e12 ||
		    x != floor(x))
			return usage_error(cmd, "--iterations needs a whole "
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
		if (parse_double(optarg, &f->road.detour) != 0)
			return usage_error(cmd, "--detour needs a number, not "
					   "'%s'", optarg);
		return 0;
	case 'K':
		if (parse_double(optarg, &f->road.speed_kmh) != 0)
			return usage_error(cmd, "--speed needs km/h, not '%s'",
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

/* What an import or a command changed, a line per order, on stdout. */
static void print_changes(const struct strbuf *changes)
{
	fputs(strbuf_str(changes), stdout);
}

/* --- init ---------------------------------------------------------------- */

static int cmd_init(const struct command *cmd, int argc, char **argv)
{
	if (argc != 2)
		return usage_error(cmd, "init takes one database path");
	struct mr_error err = { 0 };
	struct store *st;
	if (store_open(argv[1], true, &st, &err) != 0)
		return fail(&err);
	fprintf(stderr, "mealrun: %s is ready (schema version %d)\n", argv[1],
		store_schema_version(st));
	store_free(st);
	return 0;
}

/* --- import -------------------------------------------------------------- */

static int cmd_import(const struct command *cmd, int argc, char **argv)
{
	if (argc < 3)
		return usage_error(cmd, "import needs a database and at least "
				   "one CSV file or directory");
	struct mr_error err = { 0 };
	struct store *st;
	if (store_open(argv[1], false, &st, &err) != 0)
		return fail(&err);
	struct import_stats stats;
	int rc = store_import(st, (const char *const *)argv + 2, argc - 2,
			      &stats, &err);
	store_free(st);
	if (rc != 0) {
		import_stats_release(&stats);
		return fail(&err);
	}
	fprintf(stderr, "mealrun: imported %d rows from %d files: %s\n",
		stats.rows, stats.files, stats.summary);
	if (stats.empty[0])
		fprintf(stderr, "mealrun: warning: no rows in %s\n", stats.empty);
	print_changes(&stats.changes);
	import_stats_release(&stats);
	return 0;
}

/* --- order -------------------------------------------------------------- */

struct order_flags {
	struct order_change c;
	const char *boxes;
};

static int take_order_flag(const struct command *cmd, int c, void *ctx)
{
	struct order_flags *f = ctx;
	(void)cmd;
	switch (c) {
	case 'd': f->c.date = optarg; return 0;
	case 'm': f->c.meal = optarg; return 0;
	case 'p': f->c.point = optarg; return 0;
	case 'D': f->c.diet = optarg; return 0;
	case 'b': f->boxes = optarg; return 0;
	case 'C': f->c.cancel = true; return 0;
	case 'R': f->c.restore = true; return 0;
	case 'B': f->c.by = optarg; return 0;
	}
	return 1;
}

/* Who runs the command, for a cancellation without --by. */
static const char *user_name(void)
{
	const char *u = getenv("USER");
	if (!u || !*u)
		u = getenv("LOGNAME");
	return u && *u ? u : "unknown";
}

static int cmd_order(const struct command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "meal", required_argument, NULL, 'm' },
		{ "point", required_argument, NULL, 'p' },
		{ "diet", required_argument, NULL, 'D' },
		{ "boxes", required_argument, NULL, 'b' },
		{ "cancel", no_argument, NULL, 'C' },
		{ "restore", no_argument, NULL, 'R' },
		{ "by", required_argument, NULL, 'B' },
		{ NULL, 0, NULL, 0 },
	};
	struct order_flags f = { .c = { .meal = "lunch" } };
	int rc = parse_options(cmd, argc, argv, longopts, take_order_flag, &f);
	if (rc != 0)
		return rc;
	if (optind + 1 != argc)
		return usage_error(cmd, "order takes one database path");
	if (!f.c.date || !date_valid(f.c.date))
		return usage_error(cmd, "--date YYYY-MM-DD is required");
	if (strcmp(f.c.meal, "breakfast") && strcmp(f.c.meal, "lunch") &&
	    strcmp(f.c.meal, "dinner"))
		return usage_error(cmd, "--meal is breakfast, lunch or dinner, "
				   "not '%s'", f.c.meal);
	if (!f.c.point || !*f.c.point)
		return usage_error(cmd, "--point ID is required");
	int ways = (f.c.diet || f.boxes) + f.c.cancel + f.c.restore;
	if (ways != 1)
		return usage_error(cmd, "give one of: --diet CODE --boxes N, "
				   "--cancel, --restore");
	double boxes;
	if (f.boxes && (!f.c.diet || parse_double(f.boxes, &boxes) != 0 ||
			boxes < 0 || boxes > 10000 || boxes != floor(boxes)))
		return usage_error(cmd, "--diet CODE --boxes N: N a whole "
				   "number from 0 (removes the line) to 10000");
	if (f.c.diet && !f.boxes)
		return usage_error(cmd, "--diet needs --boxes N");
	f.c.boxes = f.boxes ? (int)boxes : 0;
	if (!f.c.by)
		f.c.by = user_name();
	struct mr_error err = { 0 };
	struct store *st;
	if (store_open(argv[optind], false, &st, &err) != 0)
		return fail(&err);
	struct strbuf changes = STRBUF_INIT;
	rc = store_order_change(st, &f.c, &changes, &err);
	store_free(st);
	if (rc == 0 && !changes.len)
		fprintf(stderr, "mealrun: nothing changed\n");
	print_changes(&changes);
	strbuf_release(&changes);
	return rc == 0 ? 0 : fail(&err);
}

/* --- fetch-orders -------------------------------------------------------- */

struct fetch_flags {
	const char *url, *date, *token_file;
};

static int take_fetch_flag(const struct command *cmd, int c, void *ctx)
{
	struct fetch_flags *f = ctx;
	(void)cmd;
	switch (c) {
	case 'u': f->url = optarg; return 0;
	case 'd': f->date = optarg; return 0;
	case 'T': f->token_file = optarg; return 0;
	}
	return 1;
}

static int cmd_fetch_orders(const struct command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "date", required_argument, NULL, 'd' },
		{ "token-file", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	struct fetch_flags f = { 0 };
	int rc = parse_options(cmd, argc, argv, longopts, take_fetch_flag, &f);
	if (rc != 0)
		return rc;
	const char *url = f.url, *date = f.date, *token_file = f.token_file;
	if (optind + 1 != argc)
		return usage_error(cmd, "fetch-orders takes one database path");
	if (!url || (strncmp(url, "https://", 8) && strncmp(url, "http://", 7)))
		return usage_error(cmd, "--url needs an https:// address");
	if (!date || !date_valid(date))
		return usage_error(cmd, "--date YYYY-MM-DD is required");
	char token[4096] = "";
	if (token_file) {
		FILE *fp = fopen(token_file, "r");
		if (!fp) {
			fprintf(stderr, "mealrun: %s: cannot open: %s\n",
				token_file, strerror(errno));
			return EX_NOINPUT;
		}
		if (!fgets(token, sizeof(token), fp))
			token[0] = '\0';
		fclose(fp);
		token[strcspn(token, "\r\n")] = '\0';
	}
	struct mr_error err = { 0 };
	struct store *st;
	if (store_open(argv[optind], false, &st, &err) != 0)
		return fail(&err);
	struct import_stats stats;
	rc = store_fetch_orders(st, url, date, token_file ? token : NULL,
				&stats, &err);
	store_free(st);
	if (rc != 0) {
		import_stats_release(&stats);
		fail(&err);
		fprintf(stderr, "mealrun: nothing was imported\n");
		return err.code == EX_USAGE ? MR_EXIT_USAGE : err.code;
	}
	fprintf(stderr, "mealrun: fetched %d orders for %s\n", stats.rows, date);
	print_changes(&stats.changes);
	import_stats_release(&stats);
	return 0;
}

/* --- plan ---------------------------------------------------------------- */

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
	char *json = plan_json_text(plan);
	int rc;
	/* The outputs are written before the plan is saved, and put in
	 * place after: a plan is saved only with its outputs, and outputs
	 * are in place only of a saved plan. */
	double sheets_s = 0;
	if (plan_outputs_write(outputs, plan, json, lang, &sheets_s,
			       &err) != 0) {
		if (mr_interrupted()) {
			rc = stopped(out);
		} else {
			rc = fail(&err);
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
	if (save && plan_save(st, plan, json, &plan_id, &err) != 0) {
		rc = fail(&err);
		fprintf(stderr, "mealrun: the plan was not saved and %s was "
			"left as it was\n", out);
		goto done;
	}
	if (plan_outputs_commit(outputs, &err) != 0) {
		rc = fail(&err);
		if (save)
			fprintf(stderr, "mealrun: the plan is saved as plan "
				"%lld, but %s holds the previous outputs\n",
				(long long)plan_id, out);
		goto done;
	}
	report_plan(plan);
	fprintf(stderr, "mealrun: sheets (dispatch, loading, kitchen, index) "
		"written in %.2f s\n", sheets_s);
	if (save)
		fprintf(stderr, "mealrun: saved as plan %lld; outputs in %s\n",
			(long long)plan_id, out);
	rc = plan->late_trips ? MR_EXIT_LATE
	     : plan->nunassigned ? MR_EXIT_UNASSIGNED : 0;
done:
	free(json);
	return rc;
}

struct plan_flags {
	const char *date, *meal, *out, *kitchen;
	int save;
	enum lang lang;
	bool no_kitchen;
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
	case 'L':
		if (lang_parse(optarg, &f->lang) != 0)
			return usage_error(cmd, "--lang is zh, en or both, not "
					   "'%s'", optarg);
		return 0;
	}
	return 1;
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
		SOLVE_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct plan_flags f = { .meal = "lunch", .save = 1, .lang = LANG_BOTH,
				.solve = SOLVE_FLAGS_INIT };
	int rc = parse_options(cmd, argc, argv, longopts, take_plan_flag, &f);
	if (rc != 0)
		return rc;
	const char *date = f.date, *meal = f.meal, *out = f.out;
	const char *kitchen = f.kitchen;
	int save = f.save;
	enum lang lang = f.lang;
	struct solve_flags flags = f.solve;
	struct plan_options opt = { .no_kitchen = f.no_kitchen };
	if (optind + 1 != argc)
		return usage_error(cmd, "plan takes one database path");
	if (!date || !date_valid(date))
		return usage_error(cmd, "--date YYYY-MM-DD is required");
	if (strcmp(meal, "breakfast") && strcmp(meal, "lunch") &&
	    strcmp(meal, "dinner"))
		return usage_error(cmd, "--meal is breakfast, lunch or dinner, "
				   "not '%s'", meal);
	if (!out || !*out)
		return usage_error(cmd, "--out DIR is required");
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
	mr_interrupt_install();
	if (store_open(argv[optind], false, &st, &err) != 0 ||
	    service_load(st, date, meal, kitchen, &sv, &err) != 0) {
		rc = fail(&err);
		goto out;
	}
	if (sv->nmeal_points == 0)
		fprintf(stderr, "mealrun: warning: no orders for %s %s\n", date,
			meal);
	if (sv->nvehicles == 0)
		fprintf(stderr, "mealrun: warning: kitchen %s has no active "
			"vehicles\n", sv->kitchen.id);
	/* An --out that cannot be written is found before the solve. */
	if (plan_outputs_open(&outputs, out, &err) != 0) {
		rc = fail(&err);
		goto out;
	}
	opt.cache = st;
	if (day_plan_make(sv, &opt, &plan, &err) != 0) {
		rc = mr_interrupted() ? stopped(out) : fail(&err);
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
		rc = fail(&err);
		goto out;
	}
	print_warnings(&warnings);
	double t1 = mr_clock();
	struct vrp_solution sol;
	if (vrp_solve(vroom_problem(v), params, &sol, &err) != 0) {
		rc = fail(&err);
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
		return fail(&err);
	struct vrp_solution sol;
	int rc = 0;
	if (vrp_solve(&inst.problem, params, &sol, &err) != 0) {
		rc = fail(&err);
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
	int rc = parse_options(cmd, argc, argv, longopts, take_solve_flag, &f);
	if (rc != 0)
		return rc;
	const char *solomon_path = f.solomon, *vroom_path = f.vroom;
	struct solve_flags flags = f.solve;
	if (optind != argc)
		return usage_error(cmd, "unexpected argument '%s'",
				   argv[optind]);
	if (!solomon_path == !vroom_path)
		return usage_error(cmd, "give one problem: --solomon FILE or "
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
		return usage_error(cmd, "check takes one plan.json");
	struct mr_error err = { 0 };
	struct check_result res;
	if (plan_check_file(argv[1], &res, &err) != 0)
		return fail(&err);
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
	  "                    roads of an OpenStreetMap extract, .osm or\n"
	  "                    .osm.gz) or osrm:URL (an OSRM server)\n"
	  "  --detour F        straight: road/air distance factor (1.35)\n"
	  "  --speed KMH       straight: average speed (25)\n"
	  "  --iterations N    the routing search's budget (default: by the\n"
	  "                    day's size); the same data, options and seed\n"
	  "                    give the same plan on any machine\n"
	  "  --seed N          seed for the search (1)\n"
	  "  --time-limit S    a safety cap on the whole plan, in seconds\n"
	  "                    (120); what it cuts is named in plan.json and\n"
	  "                    on stderr\n"
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
	  "2 usage, 65 bad data, 66 missing database, 73/74 cannot write\n"
	  "output, 75 another plan is writing into --out. Ctrl-C or SIGTERM\n"
	  "stops a plan: nothing is saved and --out is left as it was.\n",
	  cmd_plan },
	{ "check", "PLAN.json",
	  "Check a plan by itself; list its problems and exit 1 if any.",
	  "Checks times in order, service inside windows, loads within\n"
	  "capacity, boxes per diet adding up, trips of one vehicle not\n"
	  "overlapping, the food limit, batches not overlapping on a unit,\n"
	  "and the summary against the routes.\n",
	  cmd_check },
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
		return usage_error(cmd, "no command '%s'", argv[1]);
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
		return fail(&err);
	int rc = finish(cmd->run(cmd, argc - 1, argv + 1));
	http_global_cleanup();
	return rc;
}
