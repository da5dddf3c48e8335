/*
 * Fuzzes the reading of an OSRM /table answer, the way the matrix of a
 * plan is read from a server: the first two bytes give the numbers of
 * sources and destinations (1 to 16), the rest is the answer.
 */
#include "geo/osrm.h"
#include "test/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int ns = data[0] % 16 + 1, nd = data[1] % 16 + 1;
	float dur[16 * 16], dis[16 * 16];
	struct mr_error err;
	osrm_table_parse((const char *)data + 2, size - 2, ns, nd, dur, dis,
			 &err);
	return 0;
}
