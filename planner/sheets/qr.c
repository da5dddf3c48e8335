/*
 * QR codes (see qr.h) through libqrencode.
 */
#include "planner/sheets/qr.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct sheet_qr *qr_encode(const char *text, double mm, bool low)
{
	/* 8-bit mode: a URI's bytes as they are; version 0 picks the
	 * smallest symbol that holds them. */
	QRcode *code = QRcode_encodeString8bit(text, 0, low ? QR_ECLEVEL_L
						: QR_ECLEVEL_M);
	if (!code)
		return NULL;
	struct sheet_qr *qr = xcalloc(1, sizeof(*qr));
	qr->text = xstrdup(text);
	qr->size = code->width;
	qr->mm = mm;
	size_t n = (size_t)code->width * (size_t)code->width;
	qr->dark = xcalloc(n, 1);
	for (size_t i = 0; i < n; i++)
		qr->dark[i] = code->data[i] & 1;
	QRcode_free(code);
	return qr;
}

void qr_free(struct sheet_qr *qr)
{
	if (!qr)
		return;
	free(qr->text);
	free(qr->dark);
	free(qr);
}

int qr_run(const struct sheet_qr *qr, int x, int y)
{
	int n = 0;
	while (x + n < qr->size && qr->dark[y * qr->size + x + n])
		n++;
	return n;
}
