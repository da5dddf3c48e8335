/*
 * Orders over HTTP from an ordering platform (智慧养老平台): a JSON list of
 * {meal_point, diet, meal, date, boxes, updated_at}, fetched with libcurl
 * (TLS verified, timeouts, retries with backoff) and imported with exactly
 * the checks and the single transaction of a CSV import. docs/orders-api.md
 * describes the exchange.
 */
#ifndef MEALRUN_DATA_ORDER_INTAKE_H
#define MEALRUN_DATA_ORDER_INTAKE_H

#include "data/store.h"

/*
 * GETs url?date=DATE (with "Authorization: Bearer TOKEN" when token is not
 * NULL) and imports the orders. A server that does not answer, or answers
 * other than 200 with a JSON list, fails with EX_UNAVAILABLE and changes
 * nothing; a bad order fails with EX_DATAERR naming it ("order 3: boxes:
 * ...") and changes nothing. Fetching twice changes nothing the second
 * time. 0 and stats, or -1 with err.
 */
int store_fetch_orders(struct store *st, const char *url, const char *date,
		       const char *token, struct import_stats *stats,
		       struct mr_error *err);

#endif
