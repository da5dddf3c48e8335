/*
 * Fuzzes the OpenStreetMap reader and network builder, then snaps and
 * routes between two points on what it built.
 */
#include <stdlib.h>

#include "geo/osm.h"
#include "test/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("input.osm", data, size);
	struct mr_error err;
	struct osm_net *net;
	if (osm_load(path, &net, &err) != 0)
		return 0;
	struct geo_point pts[2] = { { 48.40, 15.60 }, { 48.41, 15.61 } };
	float *dur, *dist;
	if (osm_matrix(net, pts, 2, &dur, &dist, NULL, &err) == 0) {
		free(dur);
		free(dist);
	}
	struct geo_point *path_pts;
	int n;
	if (osm_path(net, pts[0], pts[1], &path_pts, &n, &err) == 0)
		free(path_pts);
	osm_free(net);
	return 0;
}
