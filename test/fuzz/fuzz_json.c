/*
 * Fuzzes the JSON readers: the checker of plan.json and the reader of
 * VROOM problems (without a road provider, so only matrices count).
 */
#include "planner/check.h"
#include "planner/vrp/vroom.h"
#include "test/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("input.json", data, size);
	struct mr_error err;
	struct check_result res;
	if (plan_check_file(path, &res, &err) == 0)
		check_result_release(&res);
	struct strbuf warnings = STRBUF_INIT;
	struct vroom *v;
	if (vroom_read(path, NULL, &v, &warnings, &err) == 0)
		vroom_free(v);
	strbuf_release(&warnings);
	return 0;
}
