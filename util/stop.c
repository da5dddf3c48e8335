/*
 * Stop points for the durability tests (see stop.h).
 */
#include "util/stop.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

void stop_point(const char *name)
{
	const char *at = getenv("MEALRUN_STOP_AT");
	size_t n = strlen(name);
	if (!at || strncmp(at, name, n) != 0 || (at[n] && at[n] != ':'))
		return;
	const char *how = at[n] ? at + n + 1 : "KILL";
	int sig = !strcmp(how, "TERM") ? SIGTERM
		  : !strcmp(how, "INT") ? SIGINT
		  : !strcmp(how, "STOP") ? SIGSTOP : SIGKILL;
	raise(sig);
}
