/*
 * The clock and the safety cap (see cap.h).
 */
#include "util/cap.h"

#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

double mr_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void mr_cap_init(struct mr_cap *cap, double seconds)
{
	memset(cap, 0, sizeof(*cap));
	if (seconds > 0)
		cap->deadline = mr_clock() + seconds;
}

void mr_cap_cut(struct mr_cap *cap, const char *phase)
{
	if (!cap)
		return;
	size_t n = strlen(phase), len = strlen(cap->cut);
	for (const char *p = cap->cut; (p = strstr(p, phase)); p += n)
		if ((p == cap->cut || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ','))
			return;
	snprintf(cap->cut + len, sizeof(cap->cut) - len, "%s%s",
		 len ? ", " : "", phase);
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

void mr_interrupt_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int mr_interrupted(void)
{
	return interrupted;
}

void mr_interrupt_end(void)
{
	if (!interrupted)
		return;
	signal(interrupted, SIG_DFL);
	raise(interrupted);
}

bool mr_cap_reached(struct mr_cap *cap, const char *phase)
{
	if (interrupted) {
		mr_cap_cut(cap, phase);
		return true;
	}
	if (!cap || cap->deadline <= 0 || mr_clock() < cap->deadline)
		return false;
	mr_cap_cut(cap, phase);
	return true;
}

double mr_cap_left(const struct mr_cap *cap)
{
	if (!cap || cap->deadline <= 0)
		return 1e9;
	double left = cap->deadline - mr_clock();
	return left > 0 ? left : 0;
}

int mr_cap_ms(const struct mr_cap *cap)
{
	if (interrupted)
		return 1;
	double left = mr_cap_left(cap);
	if (left >= 1e6)
		return INT_MAX;
	return (int)fmax(1000.0 * left, 1.0);
}
