#include <criterion/criterion.h>
#include <stdlib.h>
#include <time.h>

#include "tui/timefmt.h"

/* Tuesday 24 November 2026, 15:30:00 UTC */
#define NOW ((time_t)1795534200)
#define DAY 86400
#define HOUR 3600

static char out[64];

static void
utc(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
}

TestSuite(timefmt, .init = utc);

Test(timefmt, today_shows_the_clock_time)
{
	cr_assert_str_eq(timefmt_inbox(NOW - 85 * 60, NOW, out, sizeof out),
	                 "14:05");
	cr_assert_str_eq(
	    timefmt_inbox(NOW - 15 * HOUR - 30 * 60, NOW, out, sizeof out),
	    "00:00");
}

Test(timefmt, this_week_shows_the_weekday)
{
	cr_assert_str_eq(timefmt_inbox(NOW - DAY, NOW, out, sizeof out), "Mon");
	cr_assert_str_eq(timefmt_inbox(NOW - 6 * DAY, NOW, out, sizeof out),
	                 "Wed");
	/* just before midnight yesterday is yesterday, not today */
	cr_assert_str_eq(
	    timefmt_inbox(NOW - 15 * HOUR - 31 * 60, NOW, out, sizeof out),
	    "Mon");
}

Test(timefmt, older_shows_day_and_month)
{
	cr_assert_str_eq(timefmt_inbox(NOW - 7 * DAY, NOW, out, sizeof out),
	                 "17 Nov");
	/* 12 March 2026 */
	cr_assert_str_eq(
	    timefmt_inbox((time_t)1773316800, NOW, out, sizeof out), "12 Mar");
}

Test(timefmt, another_year_shows_the_year)
{
	/* 12 March 2025 */
	cr_assert_str_eq(
	    timefmt_inbox((time_t)1741780800, NOW, out, sizeof out),
	    "12 Mar 2025");
}

Test(timefmt, future_times_do_not_read_as_weekdays)
{
	cr_assert_str_eq(timefmt_inbox(NOW + 2 * DAY, NOW, out, sizeof out),
	                 "26 Nov");
}

Test(timefmt, follows_the_local_time_zone)
{
	setenv("TZ", "JST-9", 1);
	tzset();
	/* 15:30 UTC is 00:30 the next day in Tokyo */
	cr_assert_str_eq(timefmt_clock(NOW, out, sizeof out), "00:30");
	cr_assert_str_eq(timefmt_inbox(NOW - HOUR, NOW, out, sizeof out),
	                 "Tue");
}

Test(timefmt, day_separators)
{
	cr_assert_str_eq(timefmt_day(NOW - HOUR, NOW, out, sizeof out),
	                 "Today");
	cr_assert_str_eq(timefmt_day(NOW - DAY, NOW, out, sizeof out),
	                 "Yesterday");
	cr_assert_str_eq(timefmt_day(NOW - 2 * DAY, NOW, out, sizeof out),
	                 "Sunday 22 November");
	cr_assert_str_eq(timefmt_day((time_t)1741780800, NOW, out, sizeof out),
	                 "Wednesday 12 March 2025");
}

Test(timefmt, same_day_groups_messages)
{
	cr_assert(timefmt_same_day(NOW, NOW - HOUR));
	cr_assert_not(timefmt_same_day(NOW, NOW - DAY));
}

Test(timefmt, durations_for_the_status_bar)
{
	cr_assert_str_eq(timefmt_duration(12, out, sizeof out), "12 s");
	cr_assert_str_eq(timefmt_duration(30, out, sizeof out), "30 s");
	cr_assert_str_eq(timefmt_duration(250, out, sizeof out), "4 min");
	cr_assert_str_eq(timefmt_duration(2 * HOUR + 5, out, sizeof out),
	                 "2 h");
	cr_assert_str_eq(timefmt_duration(3 * DAY, out, sizeof out), "3 d");
	cr_assert_str_eq(timefmt_duration(-4, out, sizeof out), "0 s");
}

Test(timefmt, synced_ago)
{
	cr_assert_str_eq(timefmt_ago(NOW - 12, NOW, out, sizeof out),
	                 "12 s ago");
	cr_assert_str_eq(timefmt_ago(NOW - 2, NOW, out, sizeof out),
	                 "just now");
	cr_assert_str_eq(timefmt_ago(NOW + 30, NOW, out, sizeof out),
	                 "just now");
}

Test(timefmt, output_is_truncated_to_the_buffer)
{
	char small[4];

	cr_assert_str_eq(timefmt_day(NOW - 2 * DAY, NOW, small, sizeof small),
	                 "Sun");
}
