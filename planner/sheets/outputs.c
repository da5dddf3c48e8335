/*
 * A plan's outputs as one whole (see sheets.h): every file is written into
 * a fresh private folder beside --out, in the order below, and that folder
 * then takes --out's place in one rename (an exchange, where the file
 * system has it), so that --out holds the previous plan's outputs or this
 * plan's, never a mix, whatever stops the run. A lock file beside --out
 * keeps a second plan from writing there at the same time.
 */
#define _GNU_SOURCE /* renameat2 */
#include "planner/sheets/sheets.h"

#include "data/records.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/cap.h"
#include "util/outfile.h"
#include "util/stop.h"
#include "util/xalloc.h"

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

/* Removes path and everything under it, following no symbolic link. */
static void remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *const plan_names[] = {
	"plan.json", "index.html", "gpx", "maps", "dispatch.pdf",
	"dispatch.html", "loading.pdf", "loading.html", "kitchen.pdf",
	"kitchen.html", "changes.pdf", "changes.html", "records.csv", NULL,
};

static const struct output_kind plan_kind = { "plan", "plan.json",
					      plan_names };

/* Whether name is one kind writes into its folder (or a temporary file
 * an older mealrun left there). */
static bool output_name(const struct output_kind *kind, const char *name)
{
	for (const char *const *p = kind->names; *p; p++) {
		size_t n = strlen(*p);
		if (!strncmp(name, *p, n) &&
		    (!name[n] || !strncmp(name + n, ".tmp.", 5)))
			return true;
	}
	return false;
}

/* True when dir is empty, or holds kind's marker and nothing but what
 * kind writes: a folder mealrun may replace whole without losing
 * anything of anybody's. */
static bool kind_folder(const struct output_kind *kind, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	bool ours = true, has_marker = false, empty = true;
	for (struct dirent *e; ours && (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		empty = false;
		has_marker |= !strcmp(e->d_name, kind->marker);
		ours = output_name(kind, e->d_name);
	}
	closedir(d);
	return empty || (ours && has_marker);
}

/* The absolute path --out stands for, its parent made; NULL with err. */
static char *out_path(const struct output_kind *kind, const char *dir,
		      struct mr_error *err)
{
	char *d = xstrdup(dir);
	size_t len = strlen(d);
	while (len > 1 && d[len - 1] == '/')
		d[--len] = '\0';
	char *abs = NULL;
	struct stat st;
	if (stat(d, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			mr_fail(err, EX_CANTCREAT, "--out %s: not a folder", dir);
		else if (!kind_folder(kind, d))
			mr_fail(err, EX_CANTCREAT, "--out %s: holds files that "
				"are not a %s's (or no %s); a %s replaces its "
				"--out folder whole, so give a new or empty "
				"folder, or one of an earlier %s", dir,
				kind->noun, kind->marker, kind->noun,
				kind->noun);
		else
			abs = realpath(d, NULL);
		if (!abs && !err->msg[0])
			mr_fail(err, EX_CANTCREAT, "--out %s: %s", dir,
				strerror(errno));
		free(d);
		return abs;
	}
	char *slash = strrchr(d, '/');
	const char *base = slash ? slash + 1 : d;
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
		mr_fail(err, EX_CANTCREAT, "--out %s: not a folder name", dir);
		free(d);
		return NULL;
	}
	char *parent = slash ? xstrndup(d, (size_t)(slash - d) + (slash == d))
			     : xstrdup(".");
	char *real = NULL;
	if (make_dirs(parent, err) == 0) {
		real = realpath(parent, NULL);
		if (!real)
			mr_fail(err, EX_CANTCREAT, "--out %s: %s", dir,
				strerror(errno));
	}
	if (real)
		abs = xasprintf("%s/%s", strcmp(real, "/") ? real : "", base);
	free(real);
	free(parent);
	free(d);
	return abs;
}

/* Removes the folders that runs killed while writing left beside dir:
 * ".NAME.new-PID-XXXXXX" of a process that is gone. */
static void remove_leftovers(const char *dir)
{
	const char *slash = strrchr(dir, '/');
	char *parent = xstrndup(dir, (size_t)(slash - dir));
	char *prefix = xasprintf(".%s.new-", slash + 1);
	size_t plen = strlen(prefix);
	DIR *d = opendir(*parent ? parent : "/");
	for (struct dirent *e; d && (e = readdir(d));) {
		char *end;
		if (strncmp(e->d_name, prefix, plen) != 0)
			continue;
		/* Exactly ".NAME.new-PID-XXXXXX" (mkdtemp's six); a
		 * ".old" beside it holds earlier outputs and stays. */
		long pid = strtol(e->d_name + plen, &end, 10);
		if (*end != '-' || strlen(end + 1) != 6 || pid <= 0 ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		char *path = xasprintf("%s/%s", parent, e->d_name);
		remove_tree(path);
		free(path);
	}
	if (d)
		closedir(d);
	free(prefix);
	free(parent);
}

int plan_outputs_open(struct plan_outputs *po, const char *dir,
		      struct mr_error *err)
{
	/* The record sheet of the plan there, filled in by the clerk, is
	 * not the plan's to replace. */
	char *sheet = xasprintf("%s/records.csv", dir);
	bool filled = false;
	int rc = records_file_filled(sheet, &filled, err);
	if (rc == 0 && filled)
		rc = mr_fail(err, EX_CANTCREAT, "--out %s: %s has been filled "
			     "in; record it (mealrun record) and move it, or "
			     "plan into another folder", dir, sheet);
	free(sheet);
	if (rc != 0)
		return -1;
	return outputs_open(po, dir, &plan_kind, err);
}

int outputs_open(struct plan_outputs *po, const char *dir,
		 const struct output_kind *kind, struct mr_error *err)
{
	memset(po, 0, sizeof(*po));
	po->lock = -1;
	po->kind = kind;
	po->dir = out_path(kind, dir, err);
	if (!po->dir)
		return -1;
	char *slash = strrchr(po->dir, '/');
	/* One run at a time into a folder: a lock file beside it, held
	 * until plan_outputs_close. */
	char *lock = xasprintf("%.*s/.%s.lock", (int)(slash - po->dir),
			       po->dir, slash + 1);
	po->lock = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	free(lock);
	if (po->lock < 0 || flock(po->lock, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		if (e == EWOULDBLOCK)
			mr_fail(err, EX_TEMPFAIL, "--out %s: another %s is "
				"writing there; try again when it has "
				"finished", dir, kind->noun);
		else
			mr_fail(err, EX_CANTCREAT, "--out %s: cannot write "
				"beside it: %s", dir, strerror(e));
		plan_outputs_close(po);
		return -1;
	}
	remove_leftovers(po->dir);
	po->stage = xasprintf("%.*s/.%s.new-%ld-XXXXXX",
			      (int)(slash - po->dir), po->dir, slash + 1,
			      (long)getpid());
	if (!mkdtemp(po->stage)) {
		mr_fail(err, EX_CANTCREAT, "--out %s: cannot write beside it: "
			"%s", dir, strerror(errno));
		free(po->stage);
		po->stage = NULL;
		plan_outputs_close(po);
		return -1;
	}
	return 0;
}

/* True, with err, when a signal asked the run to stop. */
static bool interrupted(struct mr_error *err)
{
	int sig = mr_interrupted();
	if (sig)
		mr_fail(err, EX_TEMPFAIL, "stopped by signal %d", sig);
	return sig != 0;
}

/* The seconds since *t into *slot; *t becomes now. */
static void lap(double *t, double *slot)
{
	double now = mr_clock();
	*slot = now - *t;
	*t = now;
}

/*
 * The kitchen's sheets are written by a child process while this one
 * writes the dispatch sheet and the rest: neither needs the other, and on
 * a large day each takes seconds (3,000 meal points: about 11 and 12 s),
 * on a machine with two cores. The files are the same either way; what
 * the child did comes back through a pipe. Where no child can be made,
 * the sheets are written here in turn.
 */
struct kitchen_child {
	pid_t pid;      /* -1: none */
	int fd;         /* the pipe's end to read its report from */
};

struct kitchen_report {
	int rc;
	double seconds;
	struct mr_error err;
};

static void kitchen_start(const struct day_plan *plan, const char *dir,
			  enum lang lang, struct kitchen_child *kc)
{
	int fds[2];
	kc->pid = -1;
	if (pipe2(fds, O_CLOEXEC) != 0)
		return;
	fflush(NULL);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		/* Dies with the program (a kill at a stop point too). */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		stop_point("kitchen-sheets");
		struct kitchen_report r = { 0 };
		if (getppid() == parent) {
			double t = mr_clock();
			r.rc = plan_write_kitchen(plan, dir, lang, &r.err);
			r.seconds = mr_clock() - t;
			const char *at = (const char *)&r;
			size_t left = sizeof(r);
			while (left > 0) {
				ssize_t n = write(fds[1], at, left);
				if (n < 0 && errno == EINTR)
					continue;
				if (n <= 0)
					break;
				at += n;
				left -= (size_t)n;
			}
		}
		_exit(0);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return;
	}
	kc->pid = pid;
	kc->fd = fds[0];
}

/* Waits for the child and takes its report: 0, or -1 with err. The
 * child is killed first when abandon (the rest failed), or as soon as a
 * signal stops the program. */
static int kitchen_finish(struct kitchen_child *kc, bool abandon,
			  double *seconds, struct mr_error *err)
{
	abandon = abandon || mr_interrupted();
	if (abandon)
		kill(kc->pid, SIGKILL);
	struct kitchen_report r;
	char *at = (char *)&r;
	size_t got = 0;
	while (got < sizeof(r)) {
		ssize_t n = read(kc->fd, at + got, sizeof(r) - got);
		if (n < 0 && errno == EINTR) {
			if (!abandon && mr_interrupted()) {
				kill(kc->pid, SIGKILL);
				abandon = true;
			}
			continue;
		}
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(kc->fd);
	int status = 0;
	while (waitpid(kc->pid, &status, 0) < 0 && errno == EINTR)
		;
	if (abandon) {
		interrupted(err);
		return -1;
	}
	if (got != sizeof(r))
		return mr_fail(err, EX_SOFTWARE, "the kitchen's sheets were not "
			       "written: the process writing them %s %d",
			       WIFSIGNALED(status) ? "was killed by signal"
						   : "ended with",
			       WIFSIGNALED(status) ? WTERMSIG(status)
						   : WEXITSTATUS(status));
	*seconds = r.seconds;
	if (r.rc != 0) {
		*err = r.err;
		return -1;
	}
	return 0;
}

/* Every output of plan into dir, in the order they depend on each other:
 * the maps before the sheets that draw them, the dispatch sheet before the
 * index that links to its pages, the kitchen's sheets beside the rest
 * (kitchen_start); the seconds of each into tm. */
static int write_all(const struct day_plan *plan, const char *dir,
		     const char *json, enum lang lang, struct output_times *tm,
		     struct mr_error *err)
{
	memset(tm, 0, sizeof(*tm));
	double t = mr_clock();
	char *path = xasprintf("%s/plan.json", dir);
	int rc = outfile_write_all(path, json, strlen(json), err);
	free(path);
	lap(&t, &tm->json);
	if (rc == 0 && !interrupted(err))
		rc = plan_write_records(plan, dir, err);
	lap(&t, &tm->records);
	if (rc == 0 && !interrupted(err))
		rc = plan_write_gpx(plan, dir, err);
	lap(&t, &tm->gpx);
	if (rc == 0 && !interrupted(err))
		rc = plan_write_maps(plan, dir, err);
	lap(&t, &tm->maps);
	stop_point("outputs");
	double sheets_t0 = mr_clock();
	struct kitchen_child kc = { -1, -1 };
	if (rc == 0 && !interrupted(err))
		kitchen_start(plan, dir, lang, &kc);
	t = mr_clock();
	if (kc.pid < 0 && rc == 0 && !interrupted(err))
		rc = plan_write_kitchen(plan, dir, lang, err);
	lap(&t, &tm->kitchen);
	int *trip_pages = xcalloc((size_t)plan->ntrips + 1, sizeof(int));
	if (rc == 0 && !interrupted(err))
		rc = plan_write_dispatch(plan, dir, lang, trip_pages, err);
	lap(&t, &tm->dispatch);
	if (rc == 0 && !interrupted(err))
		rc = plan_write_loading(plan, dir, lang, err);
	lap(&t, &tm->loading);
	if (rc == 0 && !interrupted(err))
		rc = plan_write_index(plan, dir, lang, trip_pages, err);
	lap(&t, &tm->index);
	if (rc == 0 && !interrupted(err))
		rc = plan_write_changes(plan, dir, lang, trip_pages, err);
	lap(&t, &tm->changes);
	free(trip_pages);
	if (kc.pid >= 0) {
		struct mr_error kerr = { 0 };
		if (kitchen_finish(&kc, rc != 0, &tm->kitchen, &kerr) != 0 &&
		    rc == 0) {
			*err = kerr;
			rc = -1;
		}
	}
	tm->sheets = mr_clock() - sheets_t0;
	if (rc == 0 && interrupted(err))
		rc = -1;
	return rc;
}

/* Makes the renames of the folder holding path last. */
static void sync_parent(const char *path)
{
	char *parent = xstrndup(path, (size_t)(strrchr(path, '/') - path));
	int fd = open(*parent ? parent : "/", O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(parent);
}

/* Puts po->stage in po->dir's place; afterwards po->stage names the
 * previous outputs, or nothing. */
static int swap_in(struct plan_outputs *po, struct mr_error *err)
{
	/* mkdtemp's folder stays private while it is written, so that
	 * nobody can plant anything in it; in place, it is as readable as
	 * any folder the user makes. */
	mode_t mask = umask(0);
	umask(mask);
	if (chmod(po->stage, 0777 & ~mask) != 0)
		return mr_fail(err, EX_CANTCREAT, "cannot put the outputs in "
			       "%s: %s", po->dir, strerror(errno));
	stop_point("swap");
	if (rename(po->stage, po->dir) == 0) { /* no previous outputs */
		free(po->stage);
		po->stage = NULL;
	} else if (errno != EEXIST && errno != ENOTEMPTY) {
		return mr_fail(err, EX_CANTCREAT, "cannot put the outputs in "
			       "%s: %s", po->dir, strerror(errno));
	} else if (renameat2(AT_FDCWD, po->stage, AT_FDCWD, po->dir,
			     RENAME_EXCHANGE) != 0) {
		/* A file system without the exchange: the previous outputs
		 * step aside first, for the moment between two renames. */
		char *old = xasprintf("%s.old", po->stage);
		if (rename(po->dir, old) != 0 || rename(po->stage, po->dir) != 0) {
			int e = errno;
			rename(old, po->dir);
			free(old);
			return mr_fail(err, EX_CANTCREAT, "cannot put the "
				       "outputs in %s: %s", po->dir, strerror(e));
		}
		free(po->stage);
		po->stage = old;
	}
	sync_parent(po->dir);
	return 0;
}

int plan_outputs_write(struct plan_outputs *po, const struct day_plan *plan,
		       const char *json, enum lang lang,
		       struct output_times *times, struct mr_error *err)
{
	if (!po->stage || po->written)
		return mr_fail(err, EX_SOFTWARE, "the outputs of %s were "
			       "written already", po->dir);
	if (write_all(plan, po->stage, json, lang, times, err) != 0)
		return -1;
	po->written = true;
	return 0;
}

int plan_outputs_commit(struct plan_outputs *po, struct mr_error *err)
{
	if (!po->written)
		return mr_fail(err, EX_SOFTWARE, "the outputs of %s are not "
			       "written", po->dir);
	return swap_in(po, err);
}

void plan_outputs_close(struct plan_outputs *po)
{
	if (po->stage)
		remove_tree(po->stage);
	if (po->lock >= 0)
		close(po->lock); /* and with it the lock */
	free(po->stage);
	free(po->dir);
	memset(po, 0, sizeof(*po));
	po->lock = -1;
}
