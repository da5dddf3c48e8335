/*
 * Atomic output files (see outfile.h).
 */
#include "util/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

int outfile_open(struct outfile *of, const char *path, struct mr_error *err)
{
	memset(of, 0, sizeof(*of));
	of->path = xstrdup(path);
	of->tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	/* Created here and now, never through a link someone planted. */
	int fd = open(of->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		      O_CLOEXEC, 0666);
	of->fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!of->fp) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(of->tmp);
		}
		free(of->path);
		free(of->tmp);
		memset(of, 0, sizeof(*of));
		return mr_fail(err, EX_CANTCREAT, "cannot create '%s': %s",
			       path, strerror(e));
	}
	return 0;
}

int outfile_commit(struct outfile *of, struct mr_error *err)
{
	int rc = 0;
	if (!of->fp)
		return mr_fail(err, EX_IOERR, "'%s' was not opened", of->path);
	int bad = fflush(of->fp) != 0 || ferror(of->fp) ||
		  fsync(fileno(of->fp)) != 0;
	int e = errno;
	if (fclose(of->fp) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	of->fp = NULL;
	if (bad) {
		rc = mr_fail(err, EX_IOERR, "cannot write '%s': %s", of->path,
			     strerror(e));
	} else if (rename(of->tmp, of->path) != 0) {
		rc = mr_fail(err, EX_CANTCREAT, "cannot rename into '%s': %s",
			     of->path, strerror(errno));
	}
	if (rc != 0)
		unlink(of->tmp);
	free(of->tmp);
	free(of->path);
	of->tmp = of->path = NULL;
	return rc;
}

void outfile_abort(struct outfile *of)
{
	if (of->fp) {
		fclose(of->fp);
		of->fp = NULL;
	}
	if (of->tmp)
		unlink(of->tmp);
	free(of->tmp);
	free(of->path);
	of->tmp = of->path = NULL;
}

int outfile_write_all(const char *path, const char *data, size_t len,
		      struct mr_error *err)
{
	struct outfile of;
	if (outfile_open(&of, path, err) != 0)
		return -1;
	if (fwrite(data, 1, len, of.fp) != len) {
		outfile_abort(&of);
		return mr_fail(err, EX_IOERR, "cannot write '%s'", path);
	}
	return outfile_commit(&of, err);
}

int make_dirs(const char *dir, struct mr_error *err)
{
	if (!dir[0])
		return 0;
	char *path = xstrdup(dir);
	int rc = 0;
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			rc = mr_fail(err, EX_CANTCREAT,
				     "cannot create directory '%s': %s", path,
				     strerror(errno));
			break;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(path);
	return rc;
}
