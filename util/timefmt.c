/*
 * Clock times and dates of a service day (see timefmt.h). Dates are handled
 * as day numbers from the civil calendar, so no time zone ever enters.
 */
#include "util/timefmt.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static bool all_digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int clock_parse(const char *s, int *seconds)
{
	size_t n = strlen(s);
	if (n == 4 && s[1] == ':' && all_digits(s, 1) && all_digits(s + 2, 2)) {
		/* "9:30" */
		int m = num(s + 2, 2);
		if (m > 59)
			return -1;
		*seconds = num(s, 1) * 3600 + m * 60;
		return 0;
	}
	if ((n != 5 && n != 8) || s[2] != ':' || !all_digits(s, 2) ||
	    !all_digits(s + 3, 2))
		return -1;
	int h = num(s, 2), m = num(s + 3, 2), sec = 0;
	if (n == 8) {
		if (s[5] != ':' || !all_digits(s + 6, 2))
			return -1;
		sec = num(s + 6, 2);
	}
	if (h > 23 || m > 59 || sec > 59)
		return -1;
	*seconds = h * 3600 + m * 60 + sec;
	return 0;
}

void clock_format(double seconds, char out[16])
{
	long s = isfinite(seconds) && seconds > 0
		 ? lround(fmin(seconds, 1e9)) : 0;
	snprintf(out, 16, "%02ld:%02ld", s / 3600, s / 60 % 60);
}

/* Days from 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int date_days(const char *s, long *days)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !all_digits(s, 4) || !all_digits(s + 5, 2) ||
	    !all_digits(s + 8, 2))
		return -1;
	int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return -1;
	static const int mdays[] = { 31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return -1;
	*days = days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}

bool date_valid(const char *s)
{
	long days;
	return date_days(s, &days) == 0;
}

int date_weekday(const char *date)
{
	long days;
	if (date_days(date, &days) != 0)
		return 0;
	/* 1970-01-01, day 0, was a Thursday. */
	long w = (days % 7 + 7 + 3) % 7;
	return (int)w + 1;
}

int weekdays_parse(const char *s, char out[8])
{
	static const char *const names[] = { "mon", "tue", "wed", "thu",
					     "fri", "sat", "sun" };
	bool on[8] = { false };
	char low[64];
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof(low))
		return -1;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	if (!strcmp(low, "daily")) {
		snprintf(out, 8, "1234567");
		return 0;
	}
	if (strspn(low, "1234567") == n) {
		for (size_t i = 0; i < n; i++)
			on[low[i] - '0'] = true;
	} else {
		/* "mon-fri", "mon,wed,fri", "sat sun": names and ranges */
		char *save = NULL;
		for (char *tok = strtok_r(low, ", ", &save); tok;
		     tok = strtok_r(NULL, ", ", &save)) {
			size_t len = strlen(tok);
			if (len != 3 && !(len == 7 && tok[3] == '-'))
				return -1;
			int a = 0, b = 0;
			for (int d = 0; d < 7; d++) {
				if (!strncmp(tok, names[d], 3))
					a = d + 1;
				if (len == 7 && !strncmp(tok + 4, names[d], 3))
					b = d + 1;
			}
			if (!a || (len == 7 && !b))
				return -1;
			if (!b)
				b = a;
			for (int d = a;; d = d % 7 + 1) {
				on[d] = true;
				if (d == b)
					break;
			}
		}
	}
	int k = 0;
	for (int d = 1; d <= 7; d++)
		if (on[d])
			out[k++] = (char)('0' + d);
	out[k] = '\0';
	return k ? 0 : -1;
}

void iso_format(const char *date, double seconds, char out[32])
{
	long days = 0;
	date_days(date, &days);
	long s = lround(seconds);
	long day_off = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
	s -= day_off * 86400;
	int y, m, d;
	civil_from_days(days + day_off, &y, &m, &d);
	snprintf(out, 32, "%04d-%02d-%02dT%02ld:%02ld:%02ld", y, m, d,
		 s / 3600, s / 60 % 60, s % 60);
}

int iso_parse(const char *date, const char *s, double *seconds)
{
	long base, days;
	char day[11];
	if (strlen(s) != 19 || s[10] != 'T' || date_days(date, &base) != 0)
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	int clock;
	if (date_days(day, &days) != 0 || clock_parse(s + 11, &clock) != 0 ||
	    clock >= 86400)
		return -1;
	*seconds = (double)(days - base) * 86400.0 + clock;
	return 0;
}

void utc_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
