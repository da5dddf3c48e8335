/*
 * roadsbench FILE.osm[.gz] [N...]: loads the road network and prints the
 * time and peak memory of reading and building it, then the time of an
 * N x N matrix between points spread over the network's area (default
 * 100 200 400). Used by scripts/bench-roads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "geo/osm.h"
#include "util/cap.h"

static long peak_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: roadsbench FILE [N...]\n");
		return 2;
	}
	struct mr_error err;
	struct osm_net *net;
	double t0 = mr_clock();
	if (osm_load(argv[1], &net, &err) != 0) {
		fprintf(stderr, "roadsbench: %s\n", err.msg);
		return 1;
	}
	double t1 = mr_clock();
	struct osm_stats st;
	osm_get_stats(net, &st);
	printf("load: %.2f s, peak %.0f MB; %ld nodes, %ld ways read, %ld kept; "
	       "graph %d nodes, %d edges; largest part %d nodes\n", t1 - t0,
	       peak_kb() / 1024.0, st.nodes_read, st.ways_read, st.ways_kept,
	       st.graph_nodes, st.graph_edges, st.component_nodes);
	static const int defaults[] = { 100, 200, 400 };
	int nsizes = argc > 2 ? argc - 2 : 3;
	srand(1);
	for (int k = 0; k < nsizes; k++) {
		int n = argc > 2 ? atoi(argv[k + 2]) : defaults[k];
		struct geo_point *pts = malloc(sizeof(*pts) * (size_t)n);
		for (int i = 0; i < n; i++)
			osm_random_point(net, (unsigned)rand(), &pts[i]);
		float *dur, *dist;
		double t2 = mr_clock();
		osm_matrix(net, pts, n, &dur, &dist, NULL, &err);
		printf("matrix %dx%d: %.2f s\n", n, n, mr_clock() - t2);
		free(dur);
		free(dist);
		free(pts);
	}
	printf("peak memory: %.0f MB\n", peak_kb() / 1024.0);
	osm_free(net);
	return 0;
}
