/*
 * Named points at which a test can stop the program, to prove that what a
 * stopped run leaves behind is whole. When the environment variable
 * MEALRUN_STOP_AT holds a point's name, the program kills itself there
 * with SIGKILL; "NAME:TERM" and "NAME:INT" send SIGTERM or SIGINT instead
 * (which the program answers by stopping at its next check), and
 * "NAME:STOP" suspends it there (SIGSTOP) until the test continues it.
 * Unset, a point costs one getenv. Used by the durability tests in
 * test/cli/; no user sets it.
 */
#ifndef MEALRUN_UTIL_STOP_H
#define MEALRUN_UTIL_STOP_H

/* Sends the signal MEALRUN_STOP_AT asks for when it names this point;
 * returns otherwise (and after a signal that does not end the program). */
void stop_point(const char *name);

#endif
