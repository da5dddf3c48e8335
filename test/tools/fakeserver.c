/*
 * fakeserver MODE PORTFILE: a stand-in for an OSRM server or an ordering
 * platform on 127.0.0.1, for the tests. With MODE file:PATH it answers
 * every request with the file at PATH (as JSON), recording the request's
 * Authorization header in PORTFILE.auth. It listens on a free port, writes the port to PORTFILE, and
 * answers /table/v1/driving and /route/v1/driving in OSRM's format with
 * straight-line figures (10 m/s). MODE: ok; null (no route to or from the
 * last coordinate of a request); error (code InvalidQuery); 500 (HTTP
 * errors); tables that must not be used: negative (a duration below 0),
 * huge (a duration of 1e12 s), string (a duration as a string), short (a
 * row of durations one column short), shortdist (a row of distances one
 * short); big (an answer that says it is 600 MB long) and stream (20 MB
 * without saying its length). It serves until killed, or 200 requests,
 * and logs the kind of each request (table or route) to PORTFILE.log.
 */
#include <arpa/inet.h>
#include <math.h>
#include <stdbool.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <jansson.h>

static double haversine(double lat1, double lon1, double lat2, double lon2)
{
	double k = 3.14159265358979323846 / 180.0;
	double a = sin((lat2 - lat1) * k / 2), b = sin((lon2 - lon1) * k / 2);
	double h = a * a + cos(lat1 * k) * cos(lat2 * k) * b * b;
	return 2 * 6371008.8 * asin(sqrt(h));
}

static void encode(char **w, long long v)
{
	unsigned long long u = v < 0 ? ~((unsigned long long)v << 1)
				     : (unsigned long long)v << 1;
	while (u >= 0x20) {
		*(*w)++ = (char)((0x20 | (u & 0x1f)) + 63);
		u >>= 5;
	}
	*(*w)++ = (char)(u + 63);
}

static int parse_coords(const char *s, double *lon, double *lat, int max)
{
	int n = 0;
	while (*s && *s != '?' && n < max) {
		char *end;
		lon[n] = strtod(s, &end);
		if (*end != ',')
			break;
		lat[n] = strtod(end + 1, &end);
		n++;
		s = *end == ';' ? end + 1 : end;
	}
	return n;
}

static int parse_list(const char *q, const char *key, int *out, int max)
{
	const char *p = strstr(q, key);
	int n = 0;
	if (!p)
		return 0;
	p += strlen(key);
	while (*p && *p != '&' && n < max) {
		out[n++] = (int)strtol(p, (char **)&p, 10);
		if (*p == ';')
			p++;
	}
	return n;
}

static char *answer(const char *mode, const char *path, int *status)
{
	*status = 200;
	if (!strncmp(mode, "file:", 5)) {
		FILE *fp = fopen(mode + 5, "rb");
		if (!fp) {
			*status = 404;
			return strdup("{}");
		}
		static char buf[1 << 20];
		size_t n = fread(buf, 1, sizeof(buf) - 1, fp);
		buf[n] = '\0';
		fclose(fp);
		return strdup(buf);
	}
	if (!strcmp(mode, "500")) {
		*status = 500;
		return strdup("{}");
	}
	if (!strcmp(mode, "error")) {
		*status = 400;
		return strdup("{\"code\":\"InvalidQuery\",\"message\":\"Query "
			      "string malformed\"}");
	}
	static double lon[512], lat[512];
	const char *coords = strstr(path, "/driving/");
	if (!coords)
		return strdup("{\"code\":\"InvalidUrl\"}");
	int n = parse_coords(coords + 9, lon, lat, 512);
	json_t *o = json_pack("{s:s}", "code", "Ok");
	if (strstr(path, "/table/")) {
		int src[512], dst[512];
		const char *q = strchr(path, '?');
		int ns = q ? parse_list(q, "sources=", src, 512) : 0;
		int nd = q ? parse_list(q, "destinations=", dst, 512) : 0;
		json_t *durs = json_array(), *dists = json_array();
		for (int i = 0; i < ns; i++) {
			json_t *dr = json_array(), *lr = json_array();
			for (int j = 0; j < nd; j++) {
				int a = src[i], b = dst[j];
				double d = haversine(lat[a], lon[a], lat[b], lon[b]);
				bool none = !strcmp(mode, "null") &&
					    a != b && (a == n - 1 || b == n - 1);
				json_array_append_new(dr, none ? json_null()
							       : json_real(round(d / 10)));
				json_array_append_new(lr, none ? json_null()
							       : json_real(round(d * 1.2)));
			}
			json_array_append_new(durs, dr);
			json_array_append_new(dists, lr);
		}
		json_t *d0 = json_array_get(durs, 0);
		if (!strcmp(mode, "negative"))
			json_array_set_new(d0, 0, json_real(-5));
		else if (!strcmp(mode, "huge"))
			json_array_set_new(d0, 0, json_real(1e12));
		else if (!strcmp(mode, "string"))
			json_array_set_new(d0, 0, json_string("12"));
		else if (!strcmp(mode, "short"))
			json_array_remove(d0, json_array_size(d0) - 1);
		else if (!strcmp(mode, "shortdist"))
			json_array_remove(json_array_get(dists, 0),
					  json_array_size(d0) - 1);
		json_object_set_new(o, "durations", durs);
		json_object_set_new(o, "distances", dists);
	} else if (strstr(path, "/route/") && n >= 2) {
		char geom[256], *w = geom;
		long long plat = 0, plon = 0;
		double mids[3][2] = { { lat[0], lon[0] },
				      { (lat[0] + lat[1]) / 2, lon[0] },
				      { lat[1], lon[1] } };
		for (int i = 0; i < 3; i++) {
			long long la = llround(mids[i][0] * 1e6);
			long long lo = llround(mids[i][1] * 1e6);
			encode(&w, la - plat);
			encode(&w, lo - plon);
			plat = la;
			plon = lo;
		}
		*w = '\0';
		double d = haversine(lat[0], lon[0], lat[1], lon[1]);
		json_object_set_new(o, "routes", json_pack(
			"[{s:s, s:f, s:f}]", "geometry", geom, "distance",
			d * 1.2, "duration", d / 10));
	}
	char *text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return text;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: fakeserver MODE PORTFILE\n");
		return 2;
	}
	int s = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in addr = { .sin_family = AF_INET };
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(addr);
	if (bind(s, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
	    listen(s, 16) != 0 ||
	    getsockname(s, (struct sockaddr *)&addr, &len) != 0) {
		perror("fakeserver");
		return 1;
	}
	FILE *pf = fopen(argv[2], "w");
	fprintf(pf, "%d\n", ntohs(addr.sin_port));
	fclose(pf);
	for (int served = 0; served < 200; served++) {
		int c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		char req[65536];
		size_t got = 0;
		while (got < sizeof(req) - 1) {
			ssize_t k = read(c, req + got, sizeof(req) - 1 - got);
			if (k <= 0)
				break;
			got += (size_t)k;
			req[got] = '\0';
			if (strstr(req, "\r\n\r\n"))
				break;
		}
		req[got] = '\0';
		char path[60000] = "";
		sscanf(req, "GET %59999s", path);
		int status;
		char *body = answer(argv[1], path, &status);
		const char *auth = strstr(req, "Authorization: ");
		if (auth) {
			char authname[4096];
			snprintf(authname, sizeof(authname), "%s.auth", argv[2]);
			FILE *af = fopen(authname, "w");
			if (af) {
				fprintf(af, "%.*s\n", (int)strcspn(auth + 15, "\r\n"),
					auth + 15);
				fclose(af);
			}
		}
		char logname[4096];
		snprintf(logname, sizeof(logname), "%s.log", argv[2]);
		FILE *log = fopen(logname, "a");
		if (log) {
			fprintf(log, "%s\n", strstr(path, "/table/") ? "table"
					     : "route");
			fclose(log);
		}
		char head[256];
		int hl = snprintf(head, sizeof(head), "HTTP/1.1 %d X\r\nContent-"
				  "Type: application/json\r\nContent-Length: %zu"
				  "\r\nConnection: close\r\n\r\n", status,
				  !strcmp(argv[1], "big") ? (size_t)600 << 20
							  : strlen(body));
		if (!strcmp(argv[1], "stream"))
			hl = snprintf(head, sizeof(head), "HTTP/1.1 200 X\r\n"
				      "Content-Type: application/json\r\n"
				      "Connection: close\r\n\r\n");
		if (write(c, head, (size_t)hl) < 0 ||
		    write(c, body, strlen(body)) < 0)
			perror("fakeserver");
		if (!strcmp(argv[1], "stream")) {
			static char spaces[1 << 16];
			memset(spaces, ' ', sizeof(spaces));
			for (int k = 0; k < 320; k++)
				if (write(c, spaces, sizeof(spaces)) < 0)
					break;
		}
		free(body);
		close(c);
	}
	return 0;
}
