/*
 * CSV records with line numbers (see csvfile.h). libcsv does the quoting;
 * the file is fed to it one byte at a time so that we know on which line
 * each record began, which libcsv itself does not track.
 */
#include "data/csvfile.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/text.h"
#include "util/xalloc.h"

#define CSV_MAX_BYTES (256u << 20)

struct reader {
	struct csv_record rec;
	int alloc;
	int line;          /* line of the byte being fed */
	int at_boundary;   /* no byte of the next record seen yet */
	int stopped;       /* the callback failed; ignore the rest */
	csv_record_fn fn;
	void *ctx;
	struct mr_error *err;
};

static void on_field(void *data, size_t len, void *arg)
{
	struct reader *r = arg;
	if (r->stopped)
		return;
	ALLOC_GROW(r->rec.fields, r->rec.nfields + 1, r->alloc);
	r->rec.lengths = xreallocarray(r->rec.lengths, (size_t)r->alloc,
				       sizeof(*r->rec.lengths));
	char *field = xstrndup(data ? data : "", len);
	/* A quoted field may hold line breaks; keep them as LF alone. */
	size_t w = 0;
	for (size_t i = 0; i < len; i++)
		if (!(field[i] == '\r' && i + 1 < len && field[i + 1] == '\n'))
			field[w++] = field[i];
	field[w] = '\0';
	r->rec.fields[r->rec.nfields] = field;
	r->rec.lengths[r->rec.nfields] = w;
	r->rec.nfields++;
}

static void clear_record(struct reader *r)
{
	for (int i = 0; i < r->rec.nfields; i++)
		free(r->rec.fields[i]);
	r->rec.nfields = 0;
}

static void on_record(int term, void *arg)
{
	struct reader *r = arg;
	(void)term;
	r->at_boundary = 1;
	if (!r->stopped && r->fn(&r->rec, r->ctx, r->err) != 0)
		r->stopped = 1;
	clear_record(r);
}

static int read_all(const char *path, char **out, size_t *outlen,
		    struct mr_error *err)
{
	/* Without waiting on a FIFO put in the file's place. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat sb;
	if (fd < 0)
		return mr_fail(err, EX_NOINPUT,
			       "%s: cannot open: %s", path, strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return mr_fail(err, EX_NOINPUT, "%s: not a regular file", path);
	}
	FILE *fp = fdopen(fd, "rb");
	if (!fp) {
		close(fd);
		return mr_fail(err, EX_OSERR, "%s: cannot read: %s", path,
			       strerror(errno));
	}
	size_t len = 0, alloc = 0;
	char *buf = NULL;
	for (;;) {
		ALLOC_GROW(buf, len + 65536, alloc);
		size_t n = fread(buf + len, 1, alloc - len, fp);
		len += n;
		if (n == 0)
			break;
		if (len > CSV_MAX_BYTES) {
			fclose(fp);
			free(buf);
			return mr_fail(err, EX_DATAERR,
				       "%s: file is larger than 256 MiB", path);
		}
	}
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		free(buf);
		return mr_fail(err, EX_NOINPUT, "%s: cannot read", path);
	}
	*out = buf;
	*outlen = len;
	return 0;
}

/* The line and field (column) of byte at in buf, both from 1. */
static void locate(const char *buf, size_t at, int *line, int *field)
{
	*line = 1;
	*field = 1;
	for (size_t k = 0; k < at; k++) {
		if (buf[k] == '\n') {
			(*line)++;
			*field = 1;
		} else if (buf[k] == ',') {
			(*field)++;
		}
	}
}

/* Finds the line and column of the first byte that is not UTF-8. */
static int utf8_error(const char *path, const char *buf, size_t len,
		      struct mr_error *err)
{
	for (size_t i = 0; i < len; i++) {
		size_t end = i + 1;
		while (end < len && end < i + 4 &&
		       ((unsigned char)buf[end] & 0xc0) == 0x80)
			end++;
		if (!utf8_valid(buf + i, end - i)) {
			int line, field;
			locate(buf, i, &line, &field);
			return mr_fail(err, EX_DATAERR,
				       "%s:%d:%d: bytes that are not UTF-8 "
				       "(save the file as CSV UTF-8)",
				       path, line, field);
		}
		i = end - 1;
	}
	return mr_fail(err, EX_DATAERR, "%s: bytes that are not UTF-8", path);
}

int csv_read_file(const char *path, csv_record_fn fn, void *ctx,
		  struct mr_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	if (read_all(path, &buf, &len, err) != 0)
		return -1;

	int rc = -1;
	struct csv_parser parser;
	struct reader r = { .line = 1, .at_boundary = 1, .fn = fn,
			    .ctx = ctx, .err = err };
	r.rec.path = path;

	if (len == 0) {
		mr_fail(err, EX_DATAERR, "%s:1: empty file (expected a header "
			"row)", path);
		goto out_buf;
	}
	/* Excel's "CSV UTF-8" starts with a byte-order mark: not data. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		len -= 3;
		memmove(buf, buf + 3, len);
		if (len == 0) {
			mr_fail(err, EX_DATAERR, "%s:1: empty file (expected a "
				"header row)", path);
			goto out_buf;
		}
	}
	if (!utf8_valid(buf, len)) {
		utf8_error(path, buf, len, err);
		goto out_buf;
	}
	const char *nul = memchr(buf, '\0', len);
	if (nul) {
		int line, field;
		locate(buf, (size_t)(nul - buf), &line, &field);
		mr_fail(err, EX_DATAERR, "%s:%d:%d: a NUL byte; not a CSV text "
			"file", path, line, field);
		goto out_buf;
	}

	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
	    != 0) {
		mr_fail(err, EX_OSERR, "cannot start the CSV parser");
		goto out_buf;
	}
	for (size_t i = 0; i < len && !r.stopped; i++) {
		char c = buf[i];
		if (r.at_boundary && c != '\n' && c != '\r') {
			r.at_boundary = 0;
			r.rec.line = r.line;
		}
		if (csv_parse(&parser, buf + i, 1, on_field, on_record, &r)
		    != 1) {
			mr_fail(err, EX_DATAERR, "%s:%d:%d: stray quote (a quote "
				"inside a field must be doubled, and the field "
				"quoted)", path, r.line, r.rec.nfields + 1);
			goto out_parser;
		}
		/* LF, CR LF, or a lone CR (old Mac files) ends a line. */
		if (c == '\n' || (c == '\r' && (i + 1 == len || buf[i + 1] != '\n')))
			r.line++;
	}
	if (!r.stopped &&
	    csv_fini(&parser, on_field, on_record, &r) != 0) {
		mr_fail(err, EX_DATAERR, "%s:%d: unterminated quoted field",
			path, r.rec.line);
		goto out_parser;
	}
	rc = r.stopped ? -1 : 0;
out_parser:
	clear_record(&r);
	csv_free(&parser);
	free(r.rec.fields);
	free(r.rec.lengths);
out_buf:
	free(buf);
	return rc;
}
