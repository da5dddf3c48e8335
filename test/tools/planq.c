/*
 * planq PLAN.json: prints the shape of a plan, one line per route and one
 * per unassigned entry, for tests to compare with what they expect:
 *   route 1 V1 trip 1 load 22: A B
 *   unassigned F inactive
 * With -t, each stop also shows its service start (HH:MM).
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "?";
}

int main(int argc, char **argv)
{
	int times = argc == 3 && !strcmp(argv[1], "-t");
	if (argc != 2 && !times) {
		fprintf(stderr, "usage: planq [-t] PLAN.json\n");
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
		json_array_foreach(json_object_get(r, "stops"), k, s) {
			printf(" %s", str(s, "meal_point"));
			if (times)
				printf("@%.5s", str(s, "start") + 11);
		}
		printf("\n");
	}
	json_array_foreach(json_object_get(root, "unassigned"), i, r)
		printf("unassigned %s %s\n", str(r, "meal_point"),
		       str(r, "reason_code"));
	json_decref(root);
	return 0;
}
