/* timefmt.h — how times read in the inbox, the thread and the status bar.
 *
 * Pure functions: `now` is always passed in, times are local (localtime_r,
 * so $TZ applies), names are English and fixed-width so columns line up
 * whatever the locale.  Each writes a NUL-terminated string into out
 * (truncated to n) and returns out.
 */
#ifndef LC_TIMEFMT_H
#define LC_TIMEFMT_H

#include <stddef.h>
#include <time.h>

/* The inbox column: today "14:05", within the last six days "Tue", this
 * year "12 Mar", another year "12 Mar 2025".  A time in the future (clock
 * skew) reads as its own day's form.  At most 11 columns. */
char *timefmt_inbox(time_t t, time_t now, char *out, size_t n);

/* A message's time of day, "14:05". */
char *timefmt_clock(time_t t, char *out, size_t n);

/* A thread's day separator: "Today", "Yesterday", "Tuesday 24 November",
 * or with the year when it is not now's, "Monday 24 November 2025". */
char *timefmt_day(time_t t, time_t now, char *out, size_t n);

/* Whether a and b fall on the same local day (for day separators). */
int timefmt_same_day(time_t a, time_t b);

/* A duration in words for the status bar: "0 s", "12 s", "4 min", "2 h",
 * "3 d".  Negative durations read as 0 s. */
char *timefmt_duration(long long secs, char *out, size_t n);

/* "just now" within 5 seconds, else "12 s ago", "4 min ago" ... */
char *timefmt_ago(time_t t, time_t now, char *out, size_t n);

#endif
