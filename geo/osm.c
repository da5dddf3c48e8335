/*
 * The OpenStreetMap road network (see osm.h).
 *
 * Reading (osm_read.c) keeps every node's position and every drivable
 * way's node list, speed and direction. Building: nodes on kept
 * ways become graph nodes, consecutive pairs become edges (both ways, or
 * one for one-way roads), and only the largest strongly connected part
 * stays, so that every kept point reaches every other. A grid of segments
 * finds the road nearest a point. Shortest paths are Dijkstra by time with
 * a binary heap, stopping once every target is settled.
 */
#include "geo/osm.h"
#include "geo/osm_internal.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define DEG (3.14159265358979323846 / 180.0)
/* From a point to its road and back: slow, as in a yard or a lane. */
#define SNAP_SPEED_MPS (10.0 / 3.6)
#define CELL_M 250.0
#define MAX_CELLS 1000000.0

struct osm_net {
	/* graph */
	int n;
	double *lat, *lon;
	int *first;            /* CSR: out-edges of u are first[u]..first[u+1] */
	int *to;
	float *time, *len;
	int nedges;
	/* segments for snapping: a road piece u-v with its directed edges */
	int nseg;
	int *seg_u, *seg_v;
	int *seg_fwd, *seg_bwd; /* edge u->v and v->u, or -1 */
	/* grid over the segments */
	double lat0, lon0, cell_lat, cell_lon, cell_m;
	int gw, gh;
	int *cell_first, *cell_seg;
	/* Dijkstra scratch */
	double *dist, *dlen;
	int *pred;             /* edge by which a node was reached */
	unsigned *seen;        /* stamp of the run that labelled a node */
	unsigned stamp;
	int *heap_node;
	double *heap_key;
	int heap_n, heap_alloc;
	struct osm_stats stats;
};

/* --- building ------------------------------------------------------------- */

static int64_t *sort_ids;

static int by_id(const void *a, const void *b)
{
	int64_t x = sort_ids[*(const long *)a], y = sort_ids[*(const long *)b];
	return x < y ? -1 : x > y;
}

/* Index of node id among the file's nodes, via order (sorted by id). */
static long find_node(const struct osm_file *r, const long *order, int64_t id)
{
	long lo = 0, hi = r->nnodes - 1;
	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;
		int64_t v = r->node_id[order[mid]];
		if (v == id)
			return order[mid];
		if (v < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static double meters(double lat1, double lon1, double lat2, double lon2)
{
	struct geo_point a = { lat1, lon1 }, b = { lat2, lon2 };
	return geo_haversine_m(a, b);
}

/* Directed edges before they are sorted into CSR. */
struct edge {
	int from, to;
	float time, len;
};

static int by_from(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	if (x->from != y->from)
		return x->from - y->from;
	return x->to - y->to;
}

/* Kosaraju's algorithm, iterative; returns each node's component and the
 * largest component's number. */
static int largest_scc(int n, const struct edge *e, int ne, int *comp)
{
	int *fo = xcalloc((size_t)n + 1, sizeof(int));
	int *ro = xcalloc((size_t)n + 1, sizeof(int));
	int *fa = xmalloc(sizeof(int) * ((size_t)ne + 1));
	int *ra = xmalloc(sizeof(int) * ((size_t)ne + 1));
	for (int i = 0; i < ne; i++) {
		fo[e[i].from + 1]++;
		ro[e[i].to + 1]++;
	}
	for (int u = 0; u < n; u++) {
		fo[u + 1] += fo[u];
		ro[u + 1] += ro[u];
	}
	int *fp = xmalloc(sizeof(int) * ((size_t)n + 1));
	int *rp = xmalloc(sizeof(int) * ((size_t)n + 1));
	memcpy(fp, fo, sizeof(int) * (size_t)n);
	memcpy(rp, ro, sizeof(int) * (size_t)n);
	for (int i = 0; i < ne; i++) {
		fa[fp[e[i].from]++] = e[i].to;
		ra[rp[e[i].to]++] = e[i].from;
	}
	/* First pass: finishing order on the forward graph. */
	int *order = xmalloc(sizeof(int) * ((size_t)n + 1));
	int *stack = xmalloc(sizeof(int) * ((size_t)n + 1));
	int *next = xmalloc(sizeof(int) * ((size_t)n + 1));
	bool *seen = xcalloc((size_t)n + 1, sizeof(bool));
	int norder = 0;
	for (int s = 0; s < n; s++) {
		if (seen[s])
			continue;
		int top = 0;
		stack[top++] = s;
		seen[s] = true;
		next[s] = fo[s];
		while (top) {
			int u = stack[top - 1];
			if (next[u] < fo[u + 1]) {
				int v = fa[next[u]++];
				if (!seen[v]) {
					seen[v] = true;
					next[v] = fo[v];
					stack[top++] = v;
				}
			} else {
				order[norder++] = u;
				top--;
			}
		}
	}
	/* Second pass: components on the reverse graph. */
	for (int u = 0; u < n; u++)
		comp[u] = -1;
	int ncomp = 0, best = -1, best_size = 0;
	for (int i = n - 1; i >= 0; i--) {
		int s = order[i];
		if (comp[s] >= 0)
			continue;
		int top = 0, size = 0;
		stack[top++] = s;
		comp[s] = ncomp;
		while (top) {
			int u = stack[--top];
			size++;
			for (int k = ro[u]; k < ro[u + 1]; k++) {
				int v = ra[k];
				if (comp[v] < 0) {
					comp[v] = ncomp;
					stack[top++] = v;
				}
			}
		}
		if (size > best_size) {
			best_size = size;
			best = ncomp;
		}
		ncomp++;
	}
	free(fo);
	free(ro);
	free(fa);
	free(ra);
	free(fp);
	free(rp);
	free(order);
	free(stack);
	free(next);
	free(seen);
	return best;
}

static void build_grid(struct osm_net *net)
{
	double minlat = 90, maxlat = -90, minlon = 180, maxlon = -180;
	for (int u = 0; u < net->n; u++) {
		minlat = fmin(minlat, net->lat[u]);
		maxlat = fmax(maxlat, net->lat[u]);
		minlon = fmin(minlon, net->lon[u]);
		maxlon = fmax(maxlon, net->lon[u]);
	}
	double mid = (minlat + maxlat) / 2;
	/* Cells of CELL_M, or larger where the roads spread so far that
	 * the grid would grow past MAX_CELLS. */
	double kx = 111320.0 * fmax(cos(mid * DEG), 0.01);
	double w_m = (maxlon - minlon) * kx, h_m = (maxlat - minlat) * 111320.0;
	net->cell_m = fmax(CELL_M, sqrt(w_m * h_m / MAX_CELLS));
	net->cell_m = fmax(net->cell_m, fmax(w_m, h_m) / MAX_CELLS);
	net->cell_lat = net->cell_m / 111320.0;
	net->cell_lon = net->cell_m / kx;
	net->lat0 = minlat;
	net->lon0 = minlon;
	net->gh = (int)((maxlat - minlat) / net->cell_lat) + 1;
	net->gw = (int)((maxlon - minlon) / net->cell_lon) + 1;
	size_t cells = (size_t)net->gw * (size_t)net->gh;
	net->cell_first = xcalloc(cells + 1, sizeof(int));
	/* Count, then fill: a segment goes in every cell of its box. */
	for (int pass = 0; pass < 2; pass++) {
		int *fill = NULL;
		if (pass == 1) {
			for (size_t c = 0; c < cells; c++)
				net->cell_first[c + 1] += net->cell_first[c];
			net->cell_seg = xmalloc(sizeof(int) *
						((size_t)net->cell_first[cells] + 1));
			fill = xmalloc(sizeof(int) * (cells + 1));
			memcpy(fill, net->cell_first, sizeof(int) * cells);
		}
		for (int s = 0; s < net->nseg; s++) {
			int u = net->seg_u[s], v = net->seg_v[s];
			int y0 = (int)((fmin(net->lat[u], net->lat[v]) - net->lat0) / net->cell_lat);
			int y1 = (int)((fmax(net->lat[u], net->lat[v]) - net->lat0) / net->cell_lat);
			int x0 = (int)((fmin(net->lon[u], net->lon[v]) - net->lon0) / net->cell_lon);
			int x1 = (int)((fmax(net->lon[u], net->lon[v]) - net->lon0) / net->cell_lon);
			for (int y = y0; y <= y1; y++)
				for (int x = x0; x <= x1; x++) {
					size_t c = (size_t)y * (size_t)net->gw + (size_t)x;
					if (pass == 0)
						net->cell_first[c + 1]++;
					else
						net->cell_seg[fill[c]++] = s;
				}
		}
		free(fill);
	}
}

/* The file's nodes that kept ways use become graph nodes: gid[i] is node
 * i's number in the graph or -1, and refidx[k] the node of way reference
 * k, or -1 when the file lacks it. Returns the number of graph nodes. */
static int graph_nodes(const struct osm_file *r, int *gid, long *refidx)
{
	/* Nodes by id, to look up the ways' references. */
	long *order = xmalloc(sizeof(long) * ((size_t)r->nnodes + 1));
	for (long i = 0; i < r->nnodes; i++)
		order[i] = i;
	sort_ids = r->node_id;
	qsort(order, (size_t)r->nnodes, sizeof(long), by_id);
	for (long i = 0; i < r->nnodes; i++)
		gid[i] = -1;
	int n = 0;
	for (long w = 0; w < r->nways; w++) {
		const struct way *way = &r->ways[w];
		for (int k = 0; k < way->count; k++) {
			long i = find_node(r, order, r->refs[way->first + k]);
			refidx[way->first + k] = i;
			if (i >= 0 && gid[i] < 0)
				gid[i] = n++;
		}
	}
	free(order);
	return n;
}

/* The directed edges along the kept ways between graph nodes, *nedges of
 * them; the caller frees them. */
static struct edge *way_edges(const struct osm_file *r, const long *refidx,
			      const int *gid, long *nedges)
{
	struct edge *edges = NULL;
	long ne = 0, alloc = 0;
	for (long w = 0; w < r->nways; w++) {
		const struct way *way = &r->ways[w];
		double mps = way->speed_kmh / 3.6;
		for (int k = 0; k + 1 < way->count; k++) {
			long a = refidx[way->first + k], b = refidx[way->first + k + 1];
			if (a < 0 || b < 0 || a == b)
				continue;
			float len = (float)meters(r->node_lat[a], r->node_lon[a],
						  r->node_lat[b], r->node_lon[b]);
			float t = (float)(len / mps);
			ALLOC_GROW(edges, ne + 2, alloc);
			if (way->oneway >= 0)
				edges[ne++] = (struct edge){ gid[a], gid[b], t, len };
			if (way->oneway <= 0)
				edges[ne++] = (struct edge){ gid[b], gid[a], t, len };
		}
	}
	*nedges = ne;
	return edges;
}

/* net's nodes and CSR edges: the graph nodes with a number in newid (the
 * m of the kept part) and the edges between them; edges is reordered. */
static void build_graph(struct osm_net *net, const struct osm_file *r,
			const int *gid, const int *newid, int m,
			struct edge *edges, long nedges)
{
	net->n = m;
	net->lat = xmalloc(sizeof(double) * ((size_t)m + 1));
	net->lon = xmalloc(sizeof(double) * ((size_t)m + 1));
	for (long i = 0; i < r->nnodes; i++)
		if (gid[i] >= 0 && newid[gid[i]] >= 0) {
			net->lat[newid[gid[i]]] = r->node_lat[i];
			net->lon[newid[gid[i]]] = r->node_lon[i];
		}
	long ne = 0;
	for (long i = 0; i < nedges; i++) {
		int a = newid[edges[i].from], b = newid[edges[i].to];
		if (a >= 0 && b >= 0)
			edges[ne++] = (struct edge){ a, b, edges[i].time,
						     edges[i].len };
	}
	qsort(edges, (size_t)ne, sizeof(*edges), by_from);
	net->nedges = (int)ne;
	net->first = xcalloc((size_t)m + 2, sizeof(int));
	net->to = xmalloc(sizeof(int) * ((size_t)ne + 1));
	net->time = xmalloc(sizeof(float) * ((size_t)ne + 1));
	net->len = xmalloc(sizeof(float) * ((size_t)ne + 1));
	for (long i = 0; i < ne; i++) {
		net->first[edges[i].from + 1]++;
		net->to[i] = edges[i].to;
		net->time[i] = edges[i].time;
		net->len[i] = edges[i].len;
	}
	for (int u = 0; u < m; u++)
		net->first[u + 1] += net->first[u];
}

/* The fastest edge u->v of net, or -1. */
static int fastest_edge(const struct osm_net *net, int u, int v)
{
	int f = -1;
	for (int e = net->first[u]; e < net->first[u + 1]; e++)
		if (net->to[e] == v && (f < 0 || net->time[e] < net->time[f]))
			f = e;
	return f;
}

/* Segments for snapping: each pair of consecutive way nodes in the kept
 * part once, with the edges it carries. */
static void build_segments(struct osm_net *net, const struct osm_file *r,
			   const long *refidx, const int *gid,
			   const int *newid)
{
	long segs_alloc = 0;
	for (long w = 0; w < r->nways; w++) {
		const struct way *way = &r->ways[w];
		for (int k = 0; k + 1 < way->count; k++) {
			long a = refidx[way->first + k], b = refidx[way->first + k + 1];
			if (a < 0 || b < 0 || a == b)
				continue;
			int u = newid[gid[a]], v = newid[gid[b]];
			if (u < 0 || v < 0)
				continue;
			if (net->nseg + 1 > segs_alloc) {
				segs_alloc = segs_alloc * 2 + 1024;
				net->seg_u = xreallocarray(net->seg_u, (size_t)segs_alloc, sizeof(int));
				net->seg_v = xreallocarray(net->seg_v, (size_t)segs_alloc, sizeof(int));
				net->seg_fwd = xreallocarray(net->seg_fwd, (size_t)segs_alloc, sizeof(int));
				net->seg_bwd = xreallocarray(net->seg_bwd, (size_t)segs_alloc, sizeof(int));
			}
			int f = fastest_edge(net, u, v), bk = fastest_edge(net, v, u);
			if (f < 0 && bk < 0)
				continue;
			int s = net->nseg++;
			net->seg_u[s] = u;
			net->seg_v[s] = v;
			net->seg_fwd[s] = f;
			net->seg_bwd[s] = bk;
		}
	}
}

int osm_load(const char *path, struct osm_net **out, struct mr_error *err)
{
	*out = NULL;
	struct osm_file r = { 0 };
	struct osm_net *net = NULL;
	int *gid = NULL, *comp = NULL, *newid = NULL;
	long *refidx = NULL;
	struct edge *edges = NULL;
	int rc = -1;
	if (osm_file_read(path, &r, err) != 0)
		goto out;
	gid = xmalloc(sizeof(int) * ((size_t)r.nnodes + 1));
	refidx = xmalloc(sizeof(long) * ((size_t)r.nrefs + 1));
	int n = graph_nodes(&r, gid, refidx);
	long nedges;
	edges = way_edges(&r, refidx, gid, &nedges);
	if (nedges == 0) {
		mr_fail(err, EX_DATAERR, "%s: no drivable roads in this file",
			path);
		goto out;
	}

	/* Keep the largest strongly connected part. */
	comp = xmalloc(sizeof(int) * ((size_t)n + 1));
	int keep = largest_scc(n, edges, (int)nedges, comp);
	newid = xmalloc(sizeof(int) * ((size_t)n + 1));
	int m = 0;
	for (int u = 0; u < n; u++)
		newid[u] = comp[u] == keep ? m++ : -1;
	net = xcalloc(1, sizeof(*net));
	build_graph(net, &r, gid, newid, m, edges, nedges);
	build_segments(net, &r, refidx, gid, newid);
	if (net->nseg == 0) {
		/* One-way streets that lead nowhere leave no part in which
		 * every road reaches every other. */
		mr_fail(err, EX_DATAERR, "%s: no connected drivable roads in "
			"this file", path);
		goto out;
	}
	build_grid(net);

	net->dist = xmalloc(sizeof(double) * ((size_t)m + 1));
	net->dlen = xmalloc(sizeof(double) * ((size_t)m + 1));
	net->pred = xmalloc(sizeof(int) * ((size_t)m + 1));
	net->seen = xcalloc((size_t)m + 1, sizeof(unsigned));
	net->stats = (struct osm_stats){ r.nnodes, r.ways_read, r.nways, n,
					 (int)nedges, m };
	*out = net;
	net = NULL;
	rc = 0;
out:
	osm_free(net);
	free(gid);
	free(refidx);
	free(comp);
	free(newid);
	free(edges);
	osm_file_release(&r);
	return rc;
}

void osm_free(struct osm_net *net)
{
	if (!net)
		return;
	free(net->lat);
	free(net->lon);
	free(net->first);
	free(net->to);
	free(net->time);
	free(net->len);
	free(net->seg_u);
	free(net->seg_v);
	free(net->seg_fwd);
	free(net->seg_bwd);
	free(net->cell_first);
	free(net->cell_seg);
	free(net->dist);
	free(net->dlen);
	free(net->pred);
	free(net->seen);
	free(net->heap_node);
	free(net->heap_key);
	free(net);
}

void osm_get_stats(const struct osm_net *net, struct osm_stats *st)
{
	*st = net->stats;
}

/* --- snapping ------------------------------------------------------------- */

struct snap {
	int seg;
	double t;          /* 0 at seg_u, 1 at seg_v */
	double dist_m;     /* from the point to the road */
	struct geo_point at;
};

static void project(const struct osm_net *net, int s, struct geo_point p,
		    struct snap *best)
{
	int u = net->seg_u[s], v = net->seg_v[s];
	double ky = 111320.0, kx = 111320.0 * cos(p.lat * DEG);
	double ax = (net->lon[u] - p.lon) * kx, ay = (net->lat[u] - p.lat) * ky;
	double bx = (net->lon[v] - p.lon) * kx, by = (net->lat[v] - p.lat) * ky;
	double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
	double t = l2 > 0 ? -(ax * dx + ay * dy) / l2 : 0;
	t = fmin(fmax(t, 0), 1);
	double x = ax + t * dx, y = ay + t * dy, d = sqrt(x * x + y * y);
	if (d < best->dist_m) {
		best->seg = s;
		best->t = t;
		best->dist_m = d;
		best->at.lat = net->lat[u] + t * (net->lat[v] - net->lat[u]);
		best->at.lon = net->lon[u] + t * (net->lon[v] - net->lon[u]);
	}
}

static void snap_point(const struct osm_net *net, struct geo_point p,
		       struct snap *out)
{
	out->seg = -1;
	out->dist_m = INFINITY;
	int cx = (int)floor((p.lon - net->lon0) / net->cell_lon);
	int cy = (int)floor((p.lat - net->lat0) / net->cell_lat);
	int limit = net->gw > net->gh ? net->gw : net->gh;
	for (int ring = 0; ring <= limit + 1; ring++) {
		/* Nothing in a farther ring can be nearer than this. */
		if (out->seg >= 0 && (ring - 1) * net->cell_m > out->dist_m)
			break;
		/* The ring's border only: its top and bottom rows whole, and
		 * the two side columns between them. */
		for (int y = cy - ring; y <= cy + ring; y++) {
			int edge = y == cy - ring || y == cy + ring;
			int step = edge || ring == 0 ? 1 : 2 * ring;
			for (int x = cx - ring; x <= cx + ring; x += step) {
				if (x < 0 || y < 0 || x >= net->gw || y >= net->gh)
					continue;
				size_t c = (size_t)y * (size_t)net->gw + (size_t)x;
				for (int k = net->cell_first[c];
				     k < net->cell_first[c + 1]; k++)
					project(net, net->cell_seg[k], p, out);
			}
		}
	}
	if (out->seg < 0) { /* far outside the grid: try every segment */
		for (int s = 0; s < net->nseg; s++)
			project(net, s, p, out);
	}
}

/* --- shortest paths ------------------------------------------------------- */

static void heap_push(struct osm_net *net, int node, double key)
{
	if (net->heap_n == net->heap_alloc) {
		net->heap_alloc = net->heap_alloc * 2 + 1024;
		net->heap_node = xreallocarray(net->heap_node,
					       (size_t)net->heap_alloc, sizeof(int));
		net->heap_key = xreallocarray(net->heap_key,
					      (size_t)net->heap_alloc, sizeof(double));
	}
	int i = net->heap_n++;
	while (i > 0) {
		int up = (i - 1) / 2;
		if (net->heap_key[up] <= key)
			break;
		net->heap_node[i] = net->heap_node[up];
		net->heap_key[i] = net->heap_key[up];
		i = up;
	}
	net->heap_node[i] = node;
	net->heap_key[i] = key;
}

static int heap_pop(struct osm_net *net, double *key)
{
	int top = net->heap_node[0];
	*key = net->heap_key[0];
	int last = --net->heap_n;
	int node = net->heap_node[last];
	double k = net->heap_key[last];
	int i = 0;
	for (;;) {
		int c = 2 * i + 1;
		if (c >= last)
			break;
		if (c + 1 < last && net->heap_key[c + 1] < net->heap_key[c])
			c++;
		if (net->heap_key[c] >= k)
			break;
		net->heap_node[i] = net->heap_node[c];
		net->heap_key[i] = net->heap_key[c];
		i = c;
	}
	if (last > 0) {
		net->heap_node[i] = node;
		net->heap_key[i] = k;
	}
	return top;
}

static bool labelled(const struct osm_net *net, int u)
{
	return net->seen[u] == net->stamp;
}

static void relax(struct osm_net *net, int u, double t, double len, int pred)
{
	if (labelled(net, u) && net->dist[u] <= t)
		return;
	net->seen[u] = net->stamp;
	net->dist[u] = t;
	net->dlen[u] = len;
	net->pred[u] = pred;
	heap_push(net, u, t);
}

/*
 * Dijkstra from the snapped point src until every node in targets (count
 * ntargets, may repeat) is settled. Labels stay in dist/dlen/pred for
 * nodes with seen == stamp.
 */
static void dijkstra(struct osm_net *net, const struct snap *src,
		     const int *targets, int ntargets)
{
	if (++net->stamp == 0) {
		memset(net->seen, 0, sizeof(unsigned) * (size_t)net->n);
		net->stamp = 1;
	}
	net->heap_n = 0;
	int s = src->seg;
	int f = net->seg_fwd[s], b = net->seg_bwd[s];
	if (f >= 0)
		relax(net, net->seg_v[s], (1 - src->t) * net->time[f],
		      (1 - src->t) * net->len[f], -1);
	if (b >= 0)
		relax(net, net->seg_u[s], src->t * net->time[b],
		      src->t * net->len[b], -1);
	/* Settled targets are counted by a second stamp in a scratch way:
	 * a target is done when popped with its final label. */
	int left = ntargets;
	unsigned char *done = xcalloc((size_t)net->n + 1, 1);
	int *want = xcalloc((size_t)net->n + 1, sizeof(int));
	for (int i = 0; i < ntargets; i++)
		want[targets[i]]++;
	while (net->heap_n && left > 0) {
		double key;
		int u = heap_pop(net, &key);
		if (key > net->dist[u] || done[u])
			continue;
		done[u] = 1;
		left -= want[u];
		for (int e = net->first[u]; e < net->first[u + 1]; e++)
			relax(net, net->to[e], key + net->time[e],
			      net->dlen[u] + net->len[e], e);
	}
	free(done);
	free(want);
}

/* Best time (and length) from the last Dijkstra's source to snapped dst. */
static void reach(const struct osm_net *net, const struct snap *src,
		  const struct snap *dst, double *t, double *len, int *via)
{
	*t = INFINITY;
	*len = 0;
	*via = -1;
	int s = dst->seg;
	int f = net->seg_fwd[s], b = net->seg_bwd[s];
	int u = net->seg_u[s], v = net->seg_v[s];
	if (f >= 0 && labelled(net, u)) {
		double x = net->dist[u] + dst->t * net->time[f];
		if (x < *t) {
			*t = x;
			*len = net->dlen[u] + dst->t * net->len[f];
			*via = u;
		}
	}
	if (b >= 0 && labelled(net, v)) {
		double x = net->dist[v] + (1 - dst->t) * net->time[b];
		if (x < *t) {
			*t = x;
			*len = net->dlen[v] + (1 - dst->t) * net->len[b];
			*via = v;
		}
	}
	/* Both on one segment, in a direction it may be driven. */
	if (src->seg == s) {
		if (f >= 0 && dst->t >= src->t) {
			double x = (dst->t - src->t) * net->time[f];
			if (x <= *t) {
				*t = x;
				*len = (dst->t - src->t) * net->len[f];
				*via = -2;
			}
		}
		if (b >= 0 && dst->t <= src->t) {
			double x = (src->t - dst->t) * net->time[b];
			if (x <= *t) {
				*t = x;
				*len = (src->t - dst->t) * net->len[b];
				*via = -2;
			}
		}
	}
}

int osm_matrix(struct osm_net *net, const struct geo_point *pts, int n,
	       float **duration_s, float **distance_m, double *snap_m,
	       struct mr_error *err)
{
	(void)err;
	struct snap *sn = xcalloc((size_t)n + 1, sizeof(*sn));
	int *targets = xmalloc(sizeof(int) * (2 * (size_t)n + 1));
	for (int i = 0; i < n; i++) {
		snap_point(net, pts[i], &sn[i]);
		targets[2 * i] = net->seg_u[sn[i].seg];
		targets[2 * i + 1] = net->seg_v[sn[i].seg];
		if (snap_m)
			snap_m[i] = sn[i].dist_m;
	}
	float *dur = xcalloc((size_t)n * (size_t)n + 1, sizeof(float));
	float *dis = xcalloc((size_t)n * (size_t)n + 1, sizeof(float));
	for (int i = 0; i < n; i++) {
		dijkstra(net, &sn[i], targets, 2 * n);
		for (int j = 0; j < n; j++) {
			if (i == j)
				continue;
			double t, len;
			int via;
			reach(net, &sn[i], &sn[j], &t, &len, &via);
			/* From the door to the road and from the road on. */
			double walk = sn[i].dist_m + sn[j].dist_m;
			dur[(size_t)i * n + j] = t + walk / SNAP_SPEED_MPS;
			dis[(size_t)i * n + j] = len + walk;
		}
	}
	free(sn);
	free(targets);
	*duration_s = dur;
	*distance_m = dis;
	return 0;
}

int osm_path(struct osm_net *net, struct geo_point a, struct geo_point b,
	     struct geo_point **out, int *npts, struct mr_error *err)
{
	(void)err;
	struct snap sa, sb;
	snap_point(net, a, &sa);
	snap_point(net, b, &sb);
	int targets[2] = { net->seg_u[sb.seg], net->seg_v[sb.seg] };
	dijkstra(net, &sa, targets, 2);
	double t, len;
	int via;
	reach(net, &sa, &sb, &t, &len, &via);
	/* Walk back from via to the source segment. */
	int count = 0, alloc = 64;
	struct geo_point *rev = xmalloc(sizeof(*rev) * (size_t)alloc);
	rev[count++] = b;
	rev[count++] = sb.at;
	if (via >= 0) {
		for (int u = via;;) {
			ALLOC_GROW(rev, count + 2, alloc);
			rev[count++] = (struct geo_point){ net->lat[u], net->lon[u] };
			int e = net->pred[u];
			if (e < 0)
				break;
			/* The edge's tail: the node whose range holds e. */
			int lo = 0, hi = net->n - 1;
			while (lo < hi) {
				int mid = (lo + hi + 1) / 2;
				if (net->first[mid] <= e)
					lo = mid;
				else
					hi = mid - 1;
			}
			u = lo;
		}
	}
	ALLOC_GROW(rev, count + 2, alloc);
	rev[count++] = sa.at;
	rev[count++] = a;
	struct geo_point *path = xmalloc(sizeof(*path) * (size_t)count);
	for (int i = 0; i < count; i++)
		path[i] = rev[count - 1 - i];
	free(rev);
	*out = path;
	*npts = count;
	return 0;
}

void osm_random_point(const struct osm_net *net, unsigned r,
		      struct geo_point *out)
{
	int u = (int)(r % (unsigned)net->n);
	out->lat = net->lat[u];
	out->lon = net->lon[u];
}

void osm_segments(const struct osm_net *net, struct geo_point lo,
		  struct geo_point hi, struct geo_point **pairs, int *n)
{
	int count = 0, alloc = 0;
	struct geo_point *out = NULL;
	for (int s = 0; s < net->nseg; s++) {
		int u = net->seg_u[s], v = net->seg_v[s];
		bool in_u = net->lat[u] >= lo.lat && net->lat[u] <= hi.lat &&
			    net->lon[u] >= lo.lon && net->lon[u] <= hi.lon;
		bool in_v = net->lat[v] >= lo.lat && net->lat[v] <= hi.lat &&
			    net->lon[v] >= lo.lon && net->lon[v] <= hi.lon;
		if (!in_u && !in_v)
			continue;
		ALLOC_GROW(out, count + 2, alloc);
		out[count++] = (struct geo_point){ net->lat[u], net->lon[u] };
		out[count++] = (struct geo_point){ net->lat[v], net->lon[v] };
	}
	*pairs = out;
	*n = count / 2;
}
