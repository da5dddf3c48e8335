/*
 * Fuzzes the CSV importer: the first byte picks the table the file is
 * named for; the rest is the file, imported into a database that holds
 * the test town, so that references can resolve.
 */
#include "data/store.h"
#include "test/fuzz/fuzz_common.h"

static const char *const names[] = {
	"kitchens.csv", "diets.csv", "meal_points.csv", "delivery_windows.csv",
	"ingredients.csv", "dishes.csv", "recipes.csv", "menus.csv",
	"equipment.csv", "drivers.csv", "vehicles.csv", "orders.csv",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store *st;
	struct mr_error err;
	if (!st) {
		if (store_open(":memory:", true, &st, &err) != 0)
			abort();
		const char *town = "test/fixtures/town";
		store_import(st, &town, 1, &(struct import_stats){ 0 }, &err);
	}
	if (size < 1)
		return 0;
	const char *path = fuzz_file(names[data[0] % 12], data + 1, size - 1);
	struct import_stats stats;
	store_import(st, &path, 1, &stats, &err);
	return 0;
}
