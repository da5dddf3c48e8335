/*
 * QR codes for the sheets, encoded with libqrencode: a square of modules
 * that the PDF writer draws as filled runs and the HTML writer as an
 * inline SVG path, so both show the very same code.
 */
#ifndef MEALRUN_PLANNER_SHEETS_QR_H
#define MEALRUN_PLANNER_SHEETS_QR_H

#include <stdbool.h>

/* The quiet zone the writers leave around a code, in modules. */
#define QR_QUIET 4

struct sheet_qr {
	char *text;                  /* what it encodes */
	int size;                    /* modules per side */
	unsigned char *dark;         /* size * size, row by row: 1 dark */
	double mm;                   /* printed width, quiet zone included */
};

/*
 * Encodes text (bytes, UTF-8 for URIs) as the smallest QR code that
 * holds it, at error correction level M, or L when low; mm is its printed
 * width. NULL when text is too long for any QR code.
 */
struct sheet_qr *qr_encode(const char *text, double mm, bool low);
void qr_free(struct sheet_qr *qr);

/* The length of the run of dark modules from (x, y) along the row. */
int qr_run(const struct sheet_qr *qr, int x, int y);

#endif
