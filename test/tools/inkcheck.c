/*
 * inkcheck BORDER FILE.pgm...: looks at pages rendered by pdftoppm -gray
 * as a reader would. For each binary PGM it prints
 *   FILE ink N border M
 * where N counts the dark pixels on the page and M those within BORDER
 * pixels of its edges, and exits 1 when a page is blank or has ink at its
 * edges (something drawn off the printable area).
 */
#include <stdio.h>
#include <stdlib.h>

#define DARK 160

static int check(const char *path, int border)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fprintf(stderr, "inkcheck: %s: cannot open\n", path);
		return 1;
	}
	int w, h, max;
	if (fscanf(fp, "P5 %d %d %d", &w, &h, &max) != 3 || max != 255 ||
	    w <= 0 || h <= 0 || fgetc(fp) == EOF) {
		fprintf(stderr, "inkcheck: %s: not a binary 8-bit PGM\n", path);
		fclose(fp);
		return 1;
	}
	long ink = 0, edge = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int c = fgetc(fp);
			if (c == EOF) {
				fprintf(stderr, "inkcheck: %s: short\n", path);
				fclose(fp);
				return 1;
			}
			if (c >= DARK)
				continue;
			ink++;
			if (x < border || y < border || x >= w - border ||
			    y >= h - border)
				edge++;
		}
	fclose(fp);
	printf("%s ink %ld border %ld\n", path, ink, edge);
	return ink == 0 || edge > 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: inkcheck BORDER FILE.pgm...\n");
		return 2;
	}
	int border = atoi(argv[1]), bad = 0;
	for (int i = 2; i < argc; i++)
		bad |= check(argv[i], border);
	return bad;
}
