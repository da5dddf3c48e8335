/*
 * HTTP GET for mealrun's clients (the OSRM server, ordering platforms),
 * through libcurl, the one place that includes curl.h: one initialisation,
 * a cap on every answer, retries only where they can help, and addresses
 * with their secrets masked in every message.
 */
#ifndef MEALRUN_UTIL_HTTP_H
#define MEALRUN_UTIL_HTTP_H

#include <stddef.h>

#include "util/error.h"
#include "util/strbuf.h"

/* libcurl's global initialisation, once, at the program's start while it
 * has one thread; 0, or -1 with err. */
int http_global_init(struct mr_error *err);
void http_global_cleanup(void);

struct http_request {
	const char *url;
	const char *what;          /* "routing server", "order server" */
	const char *token;         /* sent as a bearer token, or NULL */
	long connect_timeout_s;
	long timeout_s;            /* the whole transfer */
	size_t max_bytes;          /* the largest answer taken */
	int retries;               /* after the first try, with backoff */
};

/*
 * GETs req->url into body and its HTTP status into *status. Retries, after
 * 0.25 s and then twice as long each time, only when the server could not
 * be reached (no such host, connection refused or dropped before an
 * answer) or answered 5xx. An answer larger than max_bytes is refused as
 * soon as that is known, and a transfer slower than the timeout stops;
 * neither is retried. Returns 0 when the server answered with a status
 * below 500 (which the caller judges), or -1 with err (EX_UNAVAILABLE)
 * naming the server by its masked address.
 */
int http_get(const struct http_request *req, struct strbuf *body,
	     long *status, struct mr_error *err);

/*
 * url as it may be shown: a user name and password replaced by "***", and
 * the values of query parameters that look secret (key, token, secret,
 * password, signature and the like, in any case) replaced by "***". The
 * caller frees it.
 */
char *http_masked(const char *url);

#endif
