/*
 * HTTP GET through libcurl (see http.h).
 */
#include "util/http.h"

#include <ctype.h>
#include <curl/curl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/xalloc.h"

int http_global_init(struct mr_error *err)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return mr_fail(err, EX_OSERR, "cannot start libcurl");
	return 0;
}

void http_global_cleanup(void)
{
	curl_global_cleanup();
}

/* Whether the query parameter named key[0..len) looks like a secret. */
static bool secret_name(const char *key, size_t len)
{
	static const char *const words[] = {
		"key", "token", "secret", "pass", "pwd", "sig", "auth",
		"credential", "session", "ticket",
	};
	char low[64];
	if (len >= sizeof(low))
		len = sizeof(low) - 1;
	for (size_t i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)key[i]);
	low[len] = '\0';
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(low, words[i]))
			return true;
	return false;
}

char *http_masked(const char *url)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = url;
	const char *scheme = strstr(url, "://");
	if (scheme) {
		p = scheme + 3;
		size_t auth = strcspn(p, "/?#");
		const char *at = memchr(p, '@', auth);
		strbuf_add(&sb, url, (size_t)(p - url));
		if (at) {
			strbuf_addstr(&sb, "***@");
			p = at + 1;
		}
	}
	size_t path = strcspn(p, "?#");
	strbuf_add(&sb, p, path);
	p += path;
	if (*p != '?') {
		strbuf_addstr(&sb, p);
		return strbuf_detach(&sb);
	}
	strbuf_addch(&sb, '?');
	p++;
	while (*p && *p != '#') {
		size_t len = strcspn(p, "&#");
		size_t key = strcspn(p, "=&#");
		if (key < len && secret_name(p, key)) {
			strbuf_add(&sb, p, key);
			strbuf_addstr(&sb, "=***");
		} else {
			strbuf_add(&sb, p, len);
		}
		p += len;
		if (*p == '&')
			strbuf_addch(&sb, *p++);
	}
	strbuf_addstr(&sb, p);
	return strbuf_detach(&sb);
}

struct sink {
	struct strbuf *body;
	size_t max;
	bool too_large;
};

static size_t on_data(char *data, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;
	if (s->body->len + size * n > s->max) {
		s->too_large = true;
		return 0; /* curl stops with a write error */
	}
	strbuf_add(s->body, data, size * n);
	return size * n;
}

static void pause_s(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - floor(s)) * 1e9) };
	nanosleep(&ts, NULL);
}

/* Whether a failed transfer never reached the server, or lost it before
 * it answered: worth another try. */
static bool unreached(CURL *curl, CURLcode cc)
{
	switch (cc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
		return true;
	case CURLE_RECV_ERROR: {
		/* Dropped before any answer came. */
		long status = 0;
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
		return status == 0;
	}
	case CURLE_OPERATION_TIMEDOUT: {
		/* A timeout before the connection was made. */
		double connect = 0;
		curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME, &connect);
		return connect <= 0;
	}
	default:
		return false;
	}
}

/* One try: 0 with an answer, 1 to try again, -1 to give up; err set
 * unless 0. */
static int try_get(CURL *curl, const struct http_request *req,
		   struct curl_slist *headers, const char *shown,
		   struct strbuf *body, long *status, struct mr_error *err)
{
	char curl_err[CURL_ERROR_SIZE] = "";
	struct sink sink = { body, req->max_bytes, false };
	strbuf_reset(body);
	curl_easy_reset(curl);
	curl_easy_setopt(curl, CURLOPT_URL, req->url);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_err);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, req->connect_timeout_s);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, req->timeout_s);
	curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
			 (curl_off_t)req->max_bytes);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "mealrun");
	CURLcode cc = curl_easy_perform(curl);
	*status = 0;
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
	if (cc == CURLE_FILESIZE_EXCEEDED || sink.too_large) {
		mr_fail(err, EX_UNAVAILABLE, "%s %s: answer larger than %zu MB",
			req->what, shown, req->max_bytes >> 20);
		return -1;
	}
	if (cc == CURLE_OPERATION_TIMEDOUT && !unreached(curl, cc)) {
		mr_fail(err, EX_UNAVAILABLE, "%s %s: no whole answer within "
			"%ld s", req->what, shown, req->timeout_s);
		return -1;
	}
	if (cc != CURLE_OK) {
		mr_fail(err, EX_UNAVAILABLE, "%s %s did not answer: %s",
			req->what, shown,
			curl_err[0] ? curl_err : curl_easy_strerror(cc));
		return unreached(curl, cc) ? 1 : -1;
	}
	if (*status >= 500) {
		mr_fail(err, EX_UNAVAILABLE, "%s %s answered HTTP %ld",
			req->what, shown, *status);
		return 1;
	}
	return 0;
}

int http_get(const struct http_request *req, struct strbuf *body,
	     long *status, struct mr_error *err)
{
	CURL *curl = curl_easy_init();
	if (!curl)
		return mr_fail(err, EX_OSERR, "cannot start libcurl");
	struct curl_slist *headers = NULL;
	char *auth = NULL;
	if (req->token) {
		auth = xasprintf("Authorization: Bearer %s", req->token);
		headers = curl_slist_append(headers, auth);
	}
	headers = curl_slist_append(headers, "Accept: application/json");
	char *shown = http_masked(req->url);
	double backoff = 0.25;
	int rc = 1;
	for (int attempt = 0; rc == 1 && attempt <= req->retries; attempt++) {
		if (attempt) {
			pause_s(backoff);
			backoff *= 2;
		}
		rc = try_get(curl, req, headers, shown, body, status, err);
	}
	free(shown);
	curl_slist_free_all(headers);
	free(auth);
	curl_easy_cleanup(curl);
	return rc == 0 ? 0 : -1;
}
