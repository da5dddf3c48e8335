/*
 * Dates and clock times of a service day. A clock time is held as seconds
 * after midnight of the service date (it may pass 24:00 for a late shift);
 * a date is held as "YYYY-MM-DD".
 */
#ifndef MEALRUN_UTIL_TIMEFMT_H
#define MEALRUN_UTIL_TIMEFMT_H

#include <stdbool.h>

/* Parses "HH:MM" (or "HH:MM:SS") into seconds after midnight; 0 or -1. */
int clock_parse(const char *s, int *seconds);
/* Writes "HH:MM" for seconds after midnight (rounded to the second, then
 * down to the minute); the one formatter of clock times. */
void clock_format(double seconds, char out[16]);

/* True when s is a valid calendar date "YYYY-MM-DD". */
bool date_valid(const char *s);

/*
 * Writes local ISO 8601 "YYYY-MM-DDTHH:MM:SS" for seconds after midnight of
 * date (seconds past one day roll over to the next date).
 */
void iso_format(const char *date, double seconds, char out[32]);
/*
 * Parses a local ISO 8601 time and returns seconds after midnight of date in
 * *seconds (negative or beyond a day when it falls on another date); 0 or -1.
 */
int iso_parse(const char *date, const char *s, double *seconds);

/* Writes the current UTC time as "YYYY-MM-DDTHH:MM:SSZ". */
void utc_now(char out[32]);

#endif
