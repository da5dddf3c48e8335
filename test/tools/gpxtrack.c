/*
 * gpxtrack FILE...: checks that each GPX route file has a track that starts
 * and ends within 30 m of the route's first point (the kitchen) and passes
 * within 30 m of every waypoint. Prints the worst distance per file; exit 1
 * when a file fails.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT_M 30.0

struct pt {
	double lat, lon;
};

static double meters(struct pt a, struct pt b)
{
	double k = 3.14159265358979323846 / 180.0;
	double x = (b.lon - a.lon) * k * cos((a.lat + b.lat) / 2 * k);
	double y = (b.lat - a.lat) * k;
	return 6371008.8 * sqrt(x * x + y * y);
}

static int collect(xmlNodePtr node, const char *name, struct pt **out, int *n,
		   int *alloc)
{
	for (xmlNodePtr c = node; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)c->name, name)) {
			xmlChar *la = xmlGetProp(c, (const xmlChar *)"lat");
			xmlChar *lo = xmlGetProp(c, (const xmlChar *)"lon");
			if (*n == *alloc) {
				*alloc = *alloc * 2 + 64;
				*out = realloc(*out, sizeof(**out) * (size_t)*alloc);
			}
			(*out)[(*n)++] = (struct pt){ atof((char *)la),
						      atof((char *)lo) };
			xmlFree(la);
			xmlFree(lo);
		}
		collect(c->children, name, out, n, alloc);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int bad = 0;
	for (int f = 1; f < argc; f++) {
		xmlDocPtr doc = xmlReadFile(argv[f], NULL, XML_PARSE_NONET);
		if (!doc) {
			printf("%s: unreadable\n", argv[f]);
			bad = 1;
			continue;
		}
		xmlNodePtr root = xmlDocGetRootElement(doc);
		struct pt *trk = NULL, *wpt = NULL, *rte = NULL;
		int nt = 0, at = 0, nw = 0, aw = 0, nr = 0, ar = 0;
		collect(root, "trkpt", &trk, &nt, &at);
		collect(root, "wpt", &wpt, &nw, &aw);
		collect(root, "rtept", &rte, &nr, &ar);
		double worst = 0;
		if (nt < 2 || nr < 1) {
			printf("%s: no track\n", argv[f]);
			bad = 1;
		} else {
			worst = fmax(meters(trk[0], rte[0]),
				     meters(trk[nt - 1], rte[0]));
			for (int w = 0; w < nw; w++) {
				double best = INFINITY;
				for (int t = 0; t < nt; t++)
					best = fmin(best, meters(wpt[w], trk[t]));
				worst = fmax(worst, best);
			}
			printf("%s: %d track points, worst %.1f m\n", argv[f], nt,
			       worst);
			bad |= worst > LIMIT_M;
		}
		free(trk);
		free(wpt);
		free(rte);
		xmlFreeDoc(doc);
	}
	return bad;
}
