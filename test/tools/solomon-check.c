/*
 * solomon-check INSTANCE ANSWER.json: checks an answer to a Solomon
 * instance on its own, sharing no code with the solver: every customer
 * visited exactly once, capacity, time windows (service starts by the due
 * date, waiting allowed), return to the depot by its due date, at most the
 * instance's vehicles; recomputes the total Euclidean distance. Prints
 * "feasible DISTANCE VEHICLES" or the first problems, exit 0 or 1.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXN 1001

static double X[MAXN], Y[MAXN], Q[MAXN], R[MAXN], D[MAXN], S[MAXN];
static int num_to_idx[100000];

static double dist(int a, int b)
{
	return hypot(X[a] - X[b], Y[a] - Y[b]);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: solomon-check INSTANCE ANSWER.json\n");
		return 2;
	}
	FILE *fp = fopen(argv[1], "r");
	if (!fp) {
		perror(argv[1]);
		return 2;
	}
	char line[512];
	int vehicles = 0, capacity = 0, n = 0, section = 0;
	while (fgets(line, sizeof(line), fp)) {
		double v[7];
		if (strstr(line, "NUMBER")) {
			section = 1;
			continue;
		}
		if (strstr(line, "CUST NO")) {
			section = 2;
			continue;
		}
		if (section == 1 && sscanf(line, "%d %d", &vehicles, &capacity) == 2) {
			section = 0;
			continue;
		}
		if (section == 2 && n < MAXN &&
		    sscanf(line, "%lf %lf %lf %lf %lf %lf %lf", &v[0], &v[1],
			   &v[2], &v[3], &v[4], &v[5], &v[6]) == 7) {
			X[n] = v[1], Y[n] = v[2], Q[n] = v[3], R[n] = v[4],
			D[n] = v[5], S[n] = v[6];
			num_to_idx[(int)v[0]] = n;
			n++;
		}
	}
	fclose(fp);
	json_error_t jerr;
	json_t *ans = json_load_file(argv[2], 0, &jerr);
	if (!ans) {
		printf("unreadable answer: %s\n", jerr.text);
		return 1;
	}
	json_t *routes = json_object_get(ans, "routes");
	int *seen = calloc((size_t)n, sizeof(int));
	int problems = 0;
	double total = 0;
	size_t r;
	json_t *route;
	json_array_foreach(routes, r, route) {
		double t = R[0], load = 0;
		int at = 0;
		size_t k;
		json_t *c;
		json_array_foreach(route, k, c) {
			int num = (int)json_integer_value(c);
			if (num <= 0 || num >= 100000 || !num_to_idx[num]) {
				printf("route %zu: unknown customer %d\n", r + 1, num);
				problems++;
				continue;
			}
			int i = num_to_idx[num];
			seen[i]++;
			total += dist(at, i);
			t = fmax(t + dist(at, i), R[i]);
			if (t > D[i] + 1e-6 && problems++ < 10)
				printf("route %zu: customer %d served at %.2f, due %.0f\n",
				       r + 1, num, t, D[i]);
			t += S[i];
			load += Q[i];
			at = i;
		}
		total += dist(at, 0);
		t += dist(at, 0);
		if (t > D[0] + 1e-6 && problems++ < 10)
			printf("route %zu: back at %.2f, depot closes %.0f\n",
			       r + 1, t, D[0]);
		if (load > capacity && problems++ < 10)
			printf("route %zu: load %.0f over capacity %d\n", r + 1,
			       load, capacity);
	}
	for (int i = 1; i < n; i++)
		if (seen[i] != 1 && problems++ < 10)
			printf("customer at row %d visited %d times\n", i, seen[i]);
	int used = (int)json_array_size(routes);
	if (used > vehicles && problems++ < 10)
		printf("%d routes for %d vehicles\n", used, vehicles);
	if (!problems)
		printf("feasible %.4f %d\n", total, used);
	json_decref(ans);
	free(seen);
	return problems ? 1 : 0;
}
