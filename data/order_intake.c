/*
 * Fetching orders (see order_intake.h). The JSON list becomes a CSV file in
 * a private temporary directory, so that the orders pass through the same
 * importer, checks and transaction as a spreadsheet; messages are then put
 * in terms of the list ("order N") rather than of the temporary file.
 */
#include "data/order_intake.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/http.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define RETRIES 3
#define CONNECT_TIMEOUT_S 10L
#define TOTAL_TIMEOUT_S 60L
#define MAX_BODY (64u << 20)

/* GETs url (util/http.h retries only a server that cannot be reached or
 * answers 5xx); 0 for an answer with status 200, or -1 with err. */
static int get(const char *url, const char *shown, const char *token,
	       struct strbuf *body, struct mr_error *err)
{
	struct http_request req = {
		.url = url, .what = "order server", .token = token,
		.connect_timeout_s = CONNECT_TIMEOUT_S,
		.timeout_s = TOTAL_TIMEOUT_S, .max_bytes = MAX_BODY,
		.retries = RETRIES,
	};
	long status;
	if (http_get(&req, body, &status, err) != 0)
		return -1;
	if (status != 200)
		return mr_fail(err, EX_UNAVAILABLE, "order server %s answered "
			       "HTTP %ld", shown, status);
	return 0;
}

/* A CSV field, quoted when it must be. */
static void csv_field(struct strbuf *sb, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		strbuf_addstr(sb, s);
		return;
	}
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '"');
}

/* The orders as CSV lines, in list order: order i is on line i + 2. */
static int to_csv(json_t *list, const char *date, struct strbuf *csv,
		  const char *url, struct mr_error *err)
{
	if (!json_is_array(list))
		return mr_fail(err, EX_UNAVAILABLE, "order server %s answered "
			       "something that is not a JSON list", url);
	strbuf_addstr(csv, "date,meal,meal_point,diet,boxes\n");
	static const char *const keys[] = { "date", "meal", "meal_point",
					    "diet", "boxes" };
	size_t i;
	json_t *o;
	json_array_foreach(list, i, o) {
		if (!json_is_object(o))
			return mr_fail(err, EX_DATAERR, "%s: order %zu: not an "
				       "object", url, i + 1);
		for (int k = 0; k < 5; k++) {
			json_t *v = json_object_get(o, keys[k]);
			char num[32];
			const char *text;
			if (k == 4 && json_is_integer(v)) {
				snprintf(num, sizeof(num), "%lld",
					 (long long)json_integer_value(v));
				text = num;
			} else if (k < 4 && json_is_string(v)) {
				text = json_string_value(v);
			} else {
				return mr_fail(err, EX_DATAERR, "%s: order %zu: "
					       "%s: %s", url, i + 1, keys[k],
					       v ? "wrong type" : "missing");
			}
			if (k == 0 && strcmp(text, date) != 0)
				return mr_fail(err, EX_DATAERR, "%s: order %zu: "
					       "date: %s is not the date asked "
					       "for, %s", url, i + 1, text, date);
			if (k)
				strbuf_addch(csv, ',');
			csv_field(csv, text);
		}
		strbuf_addch(csv, '\n');
	}
	return 0;
}

int store_fetch_orders(struct store *st, const char *url, const char *date,
		       const char *token, struct import_stats *stats,
		       struct mr_error *err)
{
	memset(stats, 0, sizeof(*stats));
	struct strbuf full = STRBUF_INIT, body = STRBUF_INIT, csv = STRBUF_INIT;
	strbuf_addf(&full, "%s%sdate=%s", url, strchr(url, '?') ? "&" : "?",
		    date);
	/* Addresses in messages without their secrets. */
	char *shown = http_masked(url);
	json_t *list = NULL;
	char dir[] = "/tmp/mealrun-orders-XXXXXX";
	char *path = NULL;
	int rc = -1;
	if (get(full.buf, shown, token, &body, err) != 0)
		goto out;
	json_error_t jerr;
	list = json_loadb(strbuf_str(&body), body.len, 0, &jerr);
	if (!list) {
		mr_fail(err, EX_UNAVAILABLE, "order server %s answered "
			"something that is not JSON (line %d: %s)", shown,
			jerr.line, jerr.text);
		goto out;
	}
	if (to_csv(list, date, &csv, shown, err) != 0)
		goto out;
	if (!mkdtemp(dir)) {
		mr_fail(err, EX_CANTCREAT, "cannot make a temporary directory");
		goto out;
	}
	path = xasprintf("%s/orders-from-platform.csv", dir);
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(csv.buf, 1, csv.len, fp) != csv.len ||
	    fclose(fp) != 0) {
		mr_fail(err, EX_IOERR, "cannot write %s", path);
		goto out;
	}
	const char *paths[1] = { path };
	rc = store_import(st, paths, 1, stats, err);
	if (rc != 0 && err->code == EX_DATAERR) {
		/* "TMP/orders-from-platform.csv:4:5: boxes: ..." is order 3. */
		size_t plen = strlen(path);
		int line = 0, col = 0, used = 0;
		if (!strncmp(err->msg, path, plen) &&
		    sscanf(err->msg + plen, ":%d:%d:%n", &line, &col, &used) >= 2
		    && used > 0) {
			char rest[sizeof(err->msg)];
			snprintf(rest, sizeof(rest), "%s", err->msg + plen + used);
			/* "same as line 3" is the same as order 2. */
			char *same = strstr(rest, "same as line ");
			int other;
			if (same && sscanf(same + 13, "%d", &other) == 1)
				snprintf(same, sizeof(rest) - (size_t)(same - rest),
					 "same as order %d", other - 1);
			snprintf(err->msg, sizeof(err->msg), "%s: order %d:%s",
				 shown, line - 1, rest);
		}
	}
out:
	if (path) {
		unlink(path);
		rmdir(dir);
	}
	free(path);
	free(shown);
	json_decref(list);
	strbuf_release(&full);
	strbuf_release(&body);
	strbuf_release(&csv);
	return rc;
}
