/*
 * planq PLAN.json: prints the shape of a plan, one line per route and one
 * per unassigned entry, for tests to compare with what they expect:
 *   route 1 V1 trip 1 load 22: A B
 *   unassigned F inactive
 * With -t, each stop also shows its service start (HH:MM); with -s, the
 * stops of a route are listed sorted, for answers that tie in cost.
 * With -d, the counts a printed sheet must show instead: a line per route
 * with its boxes per diet (in the plan's order) and its load, a line for
 * the day with its stops, boxes per diet and boxes assigned, and a line
 * "ordered N unassigned N assigned N".
 * With -f, each route's food: "route 1 late 0 ready 10:05 cooked 09:40
 * serve 11:40 limit 120 heated 0", times "-" when null.
 * With -e, each equipment row's work: "row STEAMER units 4 batches 20
 * cooking 400 cleaning 45 min", cleaning only where a unit changes dish
 * (or where the row cleans between batches of one dish).
 * With -k, the day in one line for the benchmarks: "late_trips 0 late_min
 * 0 batches 30 model window elapsed 1.81 vehicles 4 trips 8 km 43.6 rounds
 * 1 unassigned 0 cut -".
 * With -r, the plan's facts as records.csv must hold them, a line per stop
 * and diet: "date,meal,kitchen,trip,vehicle,stop,meal_point,diet,boxes,
 * open,close,arrive" (times HH:MM).
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

static long long num(json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

static void print_diets(json_t *diets)
{
	const char *code;
	json_t *n;
	json_object_foreach(diets, code, n)
		printf("%lld ", (long long)json_integer_value(n));
}

/* HH:MM of an ISO time, or "-". */
static const char *clock_of(json_t *o, const char *key)
{
	static char buf[4][8];
	static int n;
	const char *s = json_string_value(json_object_get(o, key));
	char *b = buf[n++ % 4];
	snprintf(b, 8, "%.5s", s && strlen(s) >= 16 ? s + 11 : "-");
	return b;
}

static void print_food(json_t *root)
{
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(root, "routes"), i, r)
		printf("route %lld late %lld ready %s cooked %s serve %s limit "
		       "%lld heated %d\n", num(r, "id"), num(r, "late_min"),
		       clock_of(r, "food_ready"), clock_of(r, "cooked_from"),
		       clock_of(r, "serve_by"), num(r, "food_limit_min"),
		       json_is_true(json_object_get(r, "heated")));
}

static void print_day(json_t *root)
{
	json_t *sum = json_object_get(root, "summary");
	json_t *k = json_object_get(sum, "kitchen");
	json_t *cut = json_object_get(sum, "cut");
	printf("late_trips %lld late_min %lld batches %lld model %s elapsed %.2f "
	       "vehicles %lld trips %lld km %.1f rounds %lld unassigned %lld "
	       "cut %s\n", num(k, "late_trips"), num(k, "late_min"),
	       num(k, "batches"), json_object_get(k, "model") ? str(k, "model")
	       : str(k, "method"), json_number_value(json_object_get(sum,
	       "elapsed_s")), num(sum, "vehicles_used"), num(sum, "trips"),
	       json_number_value(json_object_get(sum, "distance_m")) / 1000,
	       num(k, "rounds"), num(sum, "boxes_unassigned"),
	       json_array_size(cut) ? "yes" : "-");
}

static int by_start(const void *a, const void *b)
{
	const char *x = str(*(json_t *const *)a, "start");
	const char *y = str(*(json_t *const *)b, "start");
	return strcmp(x, y);
}

/* Minutes of an ISO time's clock. */
static int minutes_of(const char *iso)
{
	return strlen(iso) >= 16 ? atoi(iso + 11) * 60 + atoi(iso + 14) : 0;
}

static void print_rows(json_t *root)
{
	size_t i, k;
	json_t *e, *b;
	json_array_foreach(json_object_get(root, "equipment"), i, e) {
		const char *id = str(e, "id");
		long long units = num(e, "units"), clean = num(e, "cleaning_minutes");
		int same = json_is_true(json_object_get(e, "clean_between_same"));
		long long batches = 0, cooking = 0, cleaning = 0;
		for (long long u = 1; u <= units; u++) {
			char unit[128];
			snprintf(unit, sizeof(unit), "%s#%lld", id, u);
			json_t *on[4096];
			size_t n = 0;
			json_array_foreach(json_object_get(root, "batches"), k, b)
				if (!strcmp(str(b, "equipment"), unit) && n < 4096)
					on[n++] = b;
			qsort(on, n, sizeof(*on), by_start);
			for (size_t m = 0; m < n; m++) {
				batches++;
				cooking += minutes_of(str(on[m], "end")) -
					   minutes_of(str(on[m], "start"));
				if (m + 1 < n && (same || strcmp(str(on[m], "dish"),
								 str(on[m + 1], "dish"))))
					cleaning += clean;
			}
		}
		printf("row %s units %lld batches %lld cooking %lld cleaning %lld "
		       "min\n", id, units, batches, cooking, cleaning);
	}
}

static void print_records(json_t *root)
{
	size_t i, k;
	json_t *r, *s, *v;
	const char *date = str(root, "date"), *meal = str(root, "meal");
	const char *kitchen = str(json_object_get(root, "kitchen"), "id");
	json_array_foreach(json_object_get(root, "routes"), i, r) {
		json_array_foreach(json_object_get(r, "stops"), k, s) {
			json_t *w = json_object_get(s, "window");
			const char *diet;
			json_object_foreach(json_object_get(s, "diets"), diet, v)
				printf("%s,%s,%s,%lld,%s,%lld,%s,%s,%lld,%.5s,"
				       "%.5s,%.5s\n", date, meal, kitchen,
				       num(r, "id"), str(r, "vehicle"),
				       num(s, "seq"), str(s, "meal_point"), diet,
				       (long long)json_integer_value(v),
				       json_string_value(json_array_get(w, 0)) + 11,
				       json_string_value(json_array_get(w, 1)) + 11,
				       str(s, "arrive") + 11);
		}
	}
}

static void print_counts(json_t *root)
{
	size_t i;
	json_t *r, *sum = json_object_get(root, "summary");
	long long stops = 0;
	json_array_foreach(json_object_get(root, "routes"), i, r) {
		print_diets(json_object_get(r, "diets"));
		printf("%lld\n", num(r, "load"));
		stops += (long long)json_array_size(json_object_get(r, "stops"));
	}
	printf("%lld ", stops);
	print_diets(json_object_get(sum, "diets"));
	printf("%lld\n", num(sum, "boxes_assigned"));
	printf("ordered %lld unassigned %lld assigned %lld\n",
	       num(sum, "boxes_ordered"), num(sum, "boxes_unassigned"),
	       num(sum, "boxes_assigned"));
}

int main(int argc, char **argv)
{
	int times = argc == 3 && !strcmp(argv[1], "-t");
	int sorted = argc == 3 && !strcmp(argv[1], "-s");
	int counts = argc == 3 && !strcmp(argv[1], "-d");
	int food = argc == 3 && !strcmp(argv[1], "-f");
	int day = argc == 3 && !strcmp(argv[1], "-k");
	int rows = argc == 3 && !strcmp(argv[1], "-e");
	int records = argc == 3 && !strcmp(argv[1], "-r");
	if (argc != 2 && !times && !sorted && !counts && !food && !day &&
	    !rows && !records) {
		fprintf(stderr, "usage: planq [-t|-s|-d|-f|-k|-e|-r] "
			"PLAN.json\n");
		return 2;
	}
	json_error_t err;
	json_t *root = json_load_file(argv[argc - 1], 0, &err);
	if (!root) {
		fprintf(stderr, "planq: %s:%d: %s\n", argv[argc - 1], err.line,
			err.text);
		return 1;
	}
	if (records) {
		print_records(root);
		json_decref(root);
		return 0;
	}
	if (rows) {
		print_rows(root);
		json_decref(root);
		return 0;
	}
	if (day) {
		print_day(root);
		json_decref(root);
		return 0;
	}
	if (food) {
		print_food(root);
		json_decref(root);
		return 0;
	}
	if (counts) {
		print_counts(root);
		json_decref(root);
		return 0;
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
