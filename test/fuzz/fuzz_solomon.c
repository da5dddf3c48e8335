/*
 * Fuzzes the Solomon reader, and solves what it reads for a few
 * iterations when it is small.
 */
#include "planner/vrp/solomon.h"
#include "test/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("input.txt", data, size);
	struct mr_error err;
	struct solomon inst;
	if (solomon_read(path, &inst, &err) != 0)
		return 0;
	if (inst.ncustomers <= 30 && inst.nvehicles <= 30) {
		struct vrp_params params = { .seed = 1, .iterations = 50,
					     .nodes = 20 };
		struct vrp_solution sol;
		if (vrp_solve(&inst.problem, &params, &sol, &err) == 0)
			vrp_solution_release(&sol);
	}
	solomon_release(&inst);
	return 0;
}
