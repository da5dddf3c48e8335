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

/* The ISO weekday of a date "YYYY-MM-DD": 1 Monday to 7 Sunday; 0 when it
 * is not a date. */
int date_weekday(const char *date);

/*
 * Reads days of the week: "daily", digits 1-7 (Monday 1, "12345"), or
 * three-letter English names and ranges in any case ("mon-fri",
 * "Mon,Wed,Fri", "sat sun", "fri-mon" across the week's end). Writes them
 * as the ascending digits ("12345"); 0, or -1 when s is none of these.
 */
int weekdays_parse(const char *s, char out[8]);

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
