#include <criterion/criterion.h>
#include <string.h>

#include "tui/statusbar.h"

#define NOW_MS ((int64_t)1795534200 * 1000)

static char out[200];
static int error;

Test(statusbar, synced_seconds_ago_reads_just_now_until_the_minute)
{
	struct model_sync s = {NOW_MS - 12000, 0, 0, 0, "", 0, 0};
	struct model_rate r = {0, 0, 0};

	cr_assert_eq(
	    statusbar_sync_text(&s, &r, NOW_MS, out, sizeof out, &error),
	    48000);
	cr_assert_str_eq(out, "synced just now");
	cr_assert_not(error);
}

Test(statusbar, minutes_tick_on_the_minute)
{
	struct model_sync s = {NOW_MS - 5 * 60000 - 1500, 0, 0, 0, "", 0, 0};
	struct model_rate r = {0, 0, 0};

	cr_assert_eq(
	    statusbar_sync_text(&s, &r, NOW_MS, out, sizeof out, &error),
	    58500);
	cr_assert_str_eq(out, "synced 5 min ago");
}

Test(statusbar, hours_tick_on_the_hour)
{
	struct model_sync s = {NOW_MS - 2 * 3600000 - 60000, 0, 0, 0, "", 0, 0};
	struct model_rate r = {0, 0, 0};

	cr_assert_eq(
	    statusbar_sync_text(&s, &r, NOW_MS, out, sizeof out, &error),
	    3540000);
	cr_assert_str_eq(out, "synced 2 h ago");
}

Test(statusbar, a_sync_time_ahead_of_the_clock_reads_just_now)
{
	struct model_sync s = {NOW_MS + 5000, 0, 0, 0, "", 0, 0};
	struct model_rate r = {0, 0, 0};

	statusbar_sync_text(&s, &r, NOW_MS, out, sizeof out, &error);
	cr_assert_str_eq(out, "synced just now");
}

Test(statusbar, syncing_has_no_clock)
{
	struct model_sync s = {NOW_MS - 12000, 1, 0, 0, "", 0, 0};
	struct model_rate r = {0, 0, 0};

	cr_assert_eq(
	    statusbar_sync_text(&s, &r, NOW_MS, out, sizeof out, &error), -1);
	cr_assert_str_eq(out, "syncing\xe2\x80\xa6");
}

Test(statusbar, offline_counts_down_to_the_retry)
{
	struct model_sync s = {0, 0, NOW_MS + 30000, 0, "Cannot reach it.",
	                       0, 0};
	struct model_rate r = {0, 0, 0};

	statusbar_sync_text(&s, &r, NOW_MS, out, sizeof out, &error);
	cr_assert_str_eq(out, "offline, retrying in 30 s");
	cr_assert(error);
}

Test(statusbar, rate_limited_and_session_expired_say_what_to_do)
{
	struct model_sync s = {NOW_MS, 0, 0, 0, "", 0, 0};
	struct model_rate r = {1, NOW_MS + 90000, 0};

	statusbar_sync_text(&s, &r, NOW_MS, out, sizeof out, &error);
	cr_assert_str_eq(out, "rate limited, retrying in 1 min");
	cr_assert(error);
	s.session_expired = 1;
	statusbar_sync_text(&s, &r, NOW_MS, out, sizeof out, &error);
	cr_assert(strstr(out, "linchat login") != NULL, "%s", out);
}

Test(statusbar, never_synced)
{
	struct model_sync s = {0, 0, 0, 0, "", 0, 0};
	struct model_rate r = {0, 0, 0};

	statusbar_sync_text(&s, &r, NOW_MS, out, sizeof out, &error);
	cr_assert_str_eq(out, "not synced yet");
}

Test(statusbar, the_stream_says_live_reconnecting_or_polling)
{
	struct model_sync s = {NOW_MS - 5 * 60000, 0, 0, 0, "",
	                       MODEL_STREAM_LIVE,  0};
	struct model_rate r = {0, 0, 0};

	cr_assert_eq(
	    statusbar_sync_text(&s, &r, NOW_MS, out, sizeof out, &error), -1);
	cr_assert_str_eq(out, "live");
	s.stream = MODEL_STREAM_RETRY;
	s.stream_retry_ms = NOW_MS + 7500;
	cr_assert_eq(
	    statusbar_sync_text(&s, &r, NOW_MS, out, sizeof out, &error), 1000);
	cr_assert_str_eq(out, "reconnecting in 8 s");
	cr_assert_not(error);
	s.stream = MODEL_STREAM_POLLING;
	statusbar_sync_text(&s, &r, NOW_MS, out, sizeof out, &error);
	cr_assert_str_eq(out, "polling \xc2\xb7 synced 5 min ago");
	s.stream = MODEL_STREAM_LIVE;
	s.session_expired = 1;
	statusbar_sync_text(&s, &r, NOW_MS, out, sizeof out, &error);
	cr_assert(strstr(out, "session expired") != NULL,
	          "an expired session outranks live");
}
