/* timefmt.c — inbox times, day separators and durations. */
#include <stdio.h>
#include <string.h>

#include "tui/timefmt.h"

static const char *const timefmt_wday_short[7] = {
    "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};
static const char *const timefmt_wday_long[7] = {
    "Sunday",   "Monday", "Tuesday",  "Wednesday",
    "Thursday", "Friday", "Saturday",
};
static const char *const timefmt_mon_short[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const timefmt_mon_long[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

static void
timefmt_local(time_t t, struct tm *tm)
{
	if (localtime_r(&t, tm) == NULL)
		memset(tm, 0, sizeof *tm);
}

/* Days since an arbitrary epoch for a local date, so that differences
 * count calendar days whatever the DST changes in between. */
static long
timefmt_daynum(const struct tm *tm)
{
	long y = tm->tm_year + 1900L, m = tm->tm_mon + 1L, d = tm->tm_mday;

	/* days from civil (Howard Hinnant's algorithm) */
	y -= m <= 2;
	{
		long era = (y >= 0 ? y : y - 399) / 400;
		long yoe = y - era * 400;
		long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
		long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

		return era * 146097 + doe;
	}
}

int
timefmt_same_day(time_t a, time_t b)
{
	struct tm ta, tb;

	timefmt_local(a, &ta);
	timefmt_local(b, &tb);
	return timefmt_daynum(&ta) == timefmt_daynum(&tb);
}

char *
timefmt_clock(time_t t, char *out, size_t n)
{
	struct tm tm;

	timefmt_local(t, &tm);
	snprintf(out, n, "%02d:%02d", tm.tm_hour, tm.tm_min);
	return out;
}

char *
timefmt_inbox(time_t t, time_t now, char *out, size_t n)
{
	struct tm tt, tn;
	long days;

	timefmt_local(t, &tt);
	timefmt_local(now, &tn);
	days = timefmt_daynum(&tn) - timefmt_daynum(&tt);
	if (days == 0)
		return timefmt_clock(t, out, n);
	if (days > 0 && days < 7)
		snprintf(out, n, "%s", timefmt_wday_short[tt.tm_wday % 7]);
	else if (tt.tm_year == tn.tm_year)
		snprintf(out, n, "%d %s", tt.tm_mday,
		         timefmt_mon_short[tt.tm_mon % 12]);
	else
		snprintf(out, n, "%d %s %d", tt.tm_mday,
		         timefmt_mon_short[tt.tm_mon % 12], tt.tm_year + 1900);
	return out;
}

char *
timefmt_day(time_t t, time_t now, char *out, size_t n)
{
	struct tm tt, tn;
	long days;

	timefmt_local(t, &tt);
	timefmt_local(now, &tn);
	days = timefmt_daynum(&tn) - timefmt_daynum(&tt);
	if (days == 0)
		snprintf(out, n, "Today");
	else if (days == 1)
		snprintf(out, n, "Yesterday");
	else if (tt.tm_year == tn.tm_year)
		snprintf(out, n, "%s %d %s", timefmt_wday_long[tt.tm_wday % 7],
		         tt.tm_mday, timefmt_mon_long[tt.tm_mon % 12]);
	else
		snprintf(out, n, "%s %d %s %d",
		         timefmt_wday_long[tt.tm_wday % 7], tt.tm_mday,
		         timefmt_mon_long[tt.tm_mon % 12], tt.tm_year + 1900);
	return out;
}

char *
timefmt_duration(long long secs, char *out, size_t n)
{
	if (secs < 0)
		secs = 0;
	if (secs < 60)
		snprintf(out, n, "%lld s", secs);
	else if (secs < 3600)
		snprintf(out, n, "%lld min", secs / 60);
	else if (secs < 86400)
		snprintf(out, n, "%lld h", secs / 3600);
	else
		snprintf(out, n, "%lld d", secs / 86400);
	return out;
}

char *
timefmt_ago(time_t t, time_t now, char *out, size_t n)
{
	char d[32];
	long long secs = (long long)now - (long long)t;

	if (secs < 5)
		snprintf(out, n, "just now");
	else
		snprintf(out, n, "%s ago", timefmt_duration(secs, d, sizeof d));
	return out;
}
