/*
 * The commands on what happened: record (deliveries read from the filled
 * record sheets into the database) and report (a month's deliveries as the
 * report that subsidy claims and food-safety supervisors ask for). See
 * cli.h; their help is in main.c's table, the formats in docs/records.md.
 */
#include "planner/cli.h"

#include <stdio.h>
#include <string.h>

#include "data/records.h"
#include "data/store.h"
#include "planner/sheets/report.h"
#include "util/timefmt.h"

/* --- record -------------------------------------------------------------- */

int cmd_record(const struct command *cmd, int argc, char **argv)
{
	if (argc < 3)
		return cli_usage(cmd, "record needs a database and at least "
				 "one record file");
	struct mr_error err = { 0 };
	struct store *st;
	if (store_open(argv[1], false, &st, &err) != 0)
		return cli_fail(&err);
	struct record_stats stats;
	int rc = store_record(st, (const char *const *)argv + 2, argc - 2,
			      &stats, &err);
	store_free(st);
	if (rc != 0) {
		record_stats_release(&stats);
		fprintf(stderr, "mealrun: %s\nmealrun: nothing was recorded\n",
			err.msg);
		return err.code ? err.code : EX_SOFTWARE;
	}
	fprintf(stderr, "mealrun: recorded %d row%s from %d file%s",
		stats.rows, stats.rows == 1 ? "" : "s", stats.files,
		stats.files == 1 ? "" : "s");
	if (stats.replaced)
		fprintf(stderr, ", %d replacing earlier records",
			stats.replaced);
	if (stats.blank)
		fprintf(stderr, "; %d row%s left blank (not records)",
			stats.blank, stats.blank == 1 ? "" : "s");
	fputc('\n', stderr);
	fputs(strbuf_str(&stats.report), stdout);
	record_stats_release(&stats);
	return 0;
}

/* --- report -------------------------------------------------------------- */

struct report_flags {
	const char *month, *kitchen, *out, *lang;
};

static int take_report_flag(const struct command *cmd, int c, void *ctx)
{
	struct report_flags *f = ctx;
	(void)cmd;
	switch (c) {
	case 'M': f->month = optarg; return 0;
	case 'k': f->kitchen = optarg; return 0;
	case 'o': f->out = optarg; return 0;
	case 'L': f->lang = optarg; return 0;
	}
	return 1;
}

/* A month "YYYY-MM". */
static bool month_valid(const char *s)
{
	char day[16];
	if (strlen(s) != 7)
		return false;
	snprintf(day, sizeof(day), "%s-01", s);
	return date_valid(day);
}

int cmd_report(const struct command *cmd, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "month", required_argument, NULL, 'M' },
		{ "kitchen", required_argument, NULL, 'k' },
		{ "out", required_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_flags f = { .lang = "both" };
	enum lang lang;
	int rc = cli_parse_options(cmd, argc, argv, longopts,
				   take_report_flag, &f);
	if (rc != 0)
		return rc;
	if (optind + 1 != argc)
		return cli_usage(cmd, "report takes one database path");
	if (!f.month || !month_valid(f.month))
		return cli_usage(cmd, "--month YYYY-MM is required");
	if (!f.out || !*f.out)
		return cli_usage(cmd, "--out DIR is required");
	if (lang_parse(f.lang, &lang) != 0)
		return cli_usage(cmd, "--lang is zh, en or both, not '%s'",
				 f.lang);

	struct mr_error err = { 0 };
	struct store *st = NULL;
	struct month_records m = { 0 };
	struct plan_outputs outputs = { .lock = -1 };
	struct month_report rep = { 0 };
	if (store_open(argv[optind], false, &st, &err) != 0 ||
	    report_outputs_open(&outputs, f.out, &err) != 0 ||
	    store_month_records(st, f.month, f.kitchen, &m, &err) != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	month_report_make(&m, &rep);
	if (report_write(&outputs, &m, &rep, lang, &err) != 0 ||
	    plan_outputs_commit(&outputs, &err) != 0) {
		rc = cli_fail(&err);
		fprintf(stderr, "mealrun: %s was left as it was\n", f.out);
		goto out;
	}
	fprintf(stderr, "mealrun: %s at %s: %d services, %d of %d boxes "
		"delivered, %d not delivered, %d not recorded; report in %s\n",
		m.month, m.kitchen.id, rep.nservices, rep.total.delivered,
		rep.total.planned, rep.total.not_delivered,
		rep.total.not_recorded, f.out);
out:
	month_report_release(&rep);
	plan_outputs_close(&outputs);
	month_records_release(&m);
	store_free(st);
	return rc;
}
