/*
 * planq PLAN.json: prints the shape of a plan, one line per route and one
 * per unassigned entry, for tests to compare with what they expect:
 *   route 1 V1 trip 1 load 22: A B
 *   unassigned F inactive
 * With -t, each stop also shows its service start (HH:MM); with -s, the
 * stops of a route are listed sorted, for answers that tie in cost.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "?";
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv)
{
	int times = argc == 3 && !strcmp(argv[1], "-t");
	int sorted = argc == 3 && !strcmp(argv[1], "-s");
	if (argc != 2 && !times && !sorted) {
		fprintf(stderr, "usage: planq [-t|-s] PLAN.json\n");
		return 2;
	}
	json_error_t err;
	json_t *root = json_load_file(argv[argc - 1], 0, &err);
	if (!root) {
		fprintf(stderr, "planq: %s:%d: %s\n", argv[argc - 1], err.line,
			err.text);
		return 1;
	}
	size_t i, k;
	json_t *r, *s;
	json_array_foreach(json_object_get(root, "routes"), i, r) {
		printf("route %lld %s trip %lld load %lld:",
		       (long long)json_integer_value(json_object_get(r, "id")),
		       str(r, "vehicle"),
		       (long long)json_integer_value(json_object_get(r, "trip")),
		       (long long)json_integer_value(json_object_get(r, "load")));
		const char *ids[256];
		size_t n = 0;
		json_array_foreach(json_object_get(r, "stops"), k, s) {
			if (n < 256)
				ids[n++] = str(s, "meal_point");
			if (!sorted) {
				printf(" %s", str(s, "meal_point"));
				if (times)
					printf("@%.5s", str(s, "start") + 11);
			}
		}
		if (sorted) {
			qsort(ids, n, sizeof(*ids), by_name);
			for (size_t m = 0; m < n; m++)
				printf(" %s", ids[m]);
		}
		printf("\n");
	}
	json_array_foreach(json_object_get(root, "unassigned"), i, r)
		printf("unassigned %s %s\n", str(r, "meal_point"),
		       str(r, "reason_code"));
	json_decref(root);
	return 0;
}
