/*
 * The commands on orders: import, order, orders and fetch-orders (see
 * cli.h; their help is in main.c's table).
 */
#include "planner/cli.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/order_intake.h"
#include "data/orders.h"
#include "data/store.h"
#include "util/timefmt.h"

/* --- import -------------------------------------------------------------- */

int cmd_import(const struct command *cmd, int argc, char **argv)
{
	if (argc < 3)
		return cli_usage(cmd, "import needs a database and at least "
				   "one CSV file or directory");
	struct mr_error err = { 0 };
	struct store *st;
	if (store_open(argv[1], false, &st, &err) != 0)
		return cli_fail(&err);
	struct import_stats stats;
	int rc = store_import(st, (const char *const *)argv + 2, argc - 2,
			      &stats, &err);
	store_free(st);
	if (rc != 0) {
		import_stats_release(&stats);
		return cli_fail(&err);
	}
	fprintf(stderr, "mealrun: imported %d rows from %d files: %s\n",
		stats.rows, stats.files, stats.summary);
	if (stats.empty[0])
		fprintf(stderr, "mealrun: warning: no rows in %s\n", stats.empty);
	cli_print_changes(&stats.changes);
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

int cmd_order(const struct command *cmd, int argc, char **argv)
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
	int rc = cli_parse_options(cmd, argc, argv, longopts, take_order_flag, &f);
	if (rc != 0)
		return rc;
	if (optind + 1 != argc)
		return cli_usage(cmd, "order takes one database path");
	if ((rc = cli_check_service(cmd, f.c.date, f.c.meal)) != 0)
		return rc;
	if (!f.c.point || !*f.c.point)
		return cli_usage(cmd, "--point ID is required");
	int ways = (f.c.diet || f.boxes) + f.c.cancel + f.c.restore;
	if (ways != 1)
		return cli_usage(cmd, "give one of: --diet CODE --boxes N, "
				   "--cancel, --restore");
	double boxes;
	if (f.boxes && (!f.c.diet || cli_parse_double(f.boxes, &boxes) != 0 ||
			boxes < 0 || boxes > 10000 || boxes != floor(boxes)))
		return cli_usage(cmd, "--diet CODE --boxes N: N a whole "
				   "number from 0 (removes the line) to 10000");
	if (f.c.diet && !f.boxes)
		return cli_usage(cmd, "--diet needs --boxes N");
	f.c.boxes = f.boxes ? (int)boxes : 0;
	if (!f.c.by)
		f.c.by = user_name();
	struct mr_error err = { 0 };
	struct store *st;
	if (store_open(argv[optind], false, &st, &err) != 0)
		return cli_fail(&err);
	struct strbuf changes = STRBUF_INIT;
	rc = store_order_change(st, &f.c, &changes, &err);
	store_free(st);
	if (rc == 0 && !changes.len)
		fprintf(stderr, "mealrun: nothing changed\n");
	if (rc == 0)
		cli_print_changes(&changes);
	strbuf_release(&changes);
	return rc == 0 ? 0 : cli_fail(&err);
}

/* --- orders -------------------------------------------------------------- */

static int take_orders_flag(const struct command *cmd, int c, void *ctx)
{
	struct order_change *f = ctx;
	(void)cmd;
	switch (c) {
	case 'd': f->date = optarg; return 0;
	case 'm': f->meal = optarg; return 0;
	}
	return 1;
}

int cmd_orders(const struct command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "meal", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	struct order_change f = { .meal = "lunch" };
	int rc = cli_parse_options(cmd, argc, argv, longopts, take_orders_flag, &f);
	if (rc != 0)
		return rc;
	if (optind + 1 != argc)
		return cli_usage(cmd, "orders takes one database path");
	if ((rc = cli_check_service(cmd, f.date, f.meal)) != 0)
		return rc;
	struct mr_error err = { 0 };
	struct store *st;
	if (store_open(argv[optind], false, &st, &err) != 0)
		return cli_fail(&err);
	struct strbuf list = STRBUF_INIT;
	rc = store_day_orders(st, f.date, f.meal, &list, &err);
	store_free(st);
	fputs(strbuf_str(&list), stdout);
	strbuf_release(&list);
	return rc == 0 ? 0 : cli_fail(&err);
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

int cmd_fetch_orders(const struct command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "date", required_argument, NULL, 'd' },
		{ "token-file", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	struct fetch_flags f = { 0 };
	int rc = cli_parse_options(cmd, argc, argv, longopts, take_fetch_flag, &f);
	if (rc != 0)
		return rc;
	const char *url = f.url, *date = f.date, *token_file = f.token_file;
	if (optind + 1 != argc)
		return cli_usage(cmd, "fetch-orders takes one database path");
	if (!url || (strncmp(url, "https://", 8) && strncmp(url, "http://", 7)))
		return cli_usage(cmd, "--url needs an https:// address");
	if (!date || !date_valid(date))
		return cli_usage(cmd, "--date YYYY-MM-DD is required");
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
		return cli_fail(&err);
	struct import_stats stats;
	rc = store_fetch_orders(st, url, date, token_file ? token : NULL,
				&stats, &err);
	store_free(st);
	if (rc != 0) {
		import_stats_release(&stats);
		cli_fail(&err);
		fprintf(stderr, "mealrun: nothing was imported\n");
		return err.code == EX_USAGE ? MR_EXIT_USAGE : err.code;
	}
	fprintf(stderr, "mealrun: fetched %d orders for %s\n", stats.rows, date);
	cli_print_changes(&stats.changes);
	import_stats_release(&stats);
	return 0;
}
