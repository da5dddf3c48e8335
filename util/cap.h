/*
 * The one clock, and the safety cap on a run. Work is budgeted in counts
 * (iterations, branch-and-bound nodes, simplex pivots), never in seconds,
 * so the same input, options and seed give the same answer on any
 * machine, idle or busy. The cap is a wall-clock limit on top of that: it
 * stops a phase that runs far past what its budget should take, and
 * records which phase it stopped, so that the answer can say it was cut
 * (and may then differ from run to run).
 */
#ifndef MEALRUN_UTIL_CAP_H
#define MEALRUN_UTIL_CAP_H

#include <stdbool.h>

/* Monotonic seconds, for measuring and for the cap only. */
double mr_clock(void);

struct mr_cap {
	double deadline;     /* mr_clock() value; 0: no cap */
	char cut[192];       /* phases the cap stopped, ", " between */
};

/* A cap seconds from now; seconds <= 0 sets none. */
void mr_cap_init(struct mr_cap *cap, double seconds);

/* Whether cap (may be NULL) is reached, or a signal asked the run to stop;
 * when it is, records phase as cut. */
bool mr_cap_reached(struct mr_cap *cap, const char *phase);

/* Seconds left before cap (may be NULL), 1e9 when there is none: for the
 * time limits of libraries that take one (GLPK), as a safety net only. */
double mr_cap_left(const struct mr_cap *cap);

/* mr_cap_left in whole milliseconds, at least 1, INT_MAX when there is
 * no cap: GLPK's tm_lim. */
int mr_cap_ms(const struct mr_cap *cap);

/* Records that phase was stopped by the cap (once). */
void mr_cap_cut(struct mr_cap *cap, const char *phase);

/*
 * SIGINT and SIGTERM as a request to stop: the first one is noted (and
 * the signal's default action restored, so that a second one ends the
 * program at once), every cap then counts as reached, and the program
 * stops at its next check, cleans up and ends by the signal
 * (mr_interrupt_end).
 */
void mr_interrupt_install(void);
/* The signal that asked the run to stop, or 0. */
int mr_interrupted(void);
/* Ends the program by the signal that asked it to stop, if one did. */
void mr_interrupt_end(void);

#endif
