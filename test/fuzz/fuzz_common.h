/*
 * What the fuzz targets share: writing the input to a file with a given
 * name, since the readers under test read files, as mealrun does.
 */
#ifndef MEALRUN_FUZZ_COMMON_H
#define MEALRUN_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes data to DIR/name, DIR a directory of this process; returns the
 * path (static storage). */
static inline const char *fuzz_file(const char *name, const uint8_t *data,
				    size_t size)
{
	static char dir[64], path[256];
	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/mealrun-fuzz-%ld", (long)getpid());
		mkdir(dir, 0700);
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	if (!fp)
		abort();
	if (size)
		fwrite(data, 1, size, fp);
	fclose(fp);
	return path;
}

#endif
