/* test-ratelimit.c — the request budget on a fake clock. */
#include <criterion/criterion.h>

#include "core/ratelimit.h"

static uint64_t fake_now;

static uint64_t
fake_clock(void *arg)
{
	(void)arg;
	return fake_now;
}

static struct ratelimit *
bucket(double per_sec, int burst, int per_hour)
{
	struct ratelimit *rl = ratelimit_new(per_sec, burst, per_hour);

	fake_now = 1000000;
	ratelimit_set_clock(rl, fake_clock, NULL);
	return rl;
}

Test(ratelimit, defaults_allow_a_burst_of_five_then_one_a_second)
{
	struct ratelimit *rl = bucket(0, 0, 0);
	struct ratelimit_state st;
	int i;

	for (i = 0; i < 5; i++)
		cr_assert_eq(ratelimit_take(rl), 0, "token %d", i);
	cr_assert_gt(ratelimit_take(rl), 900);
	cr_assert_leq(ratelimit_take(rl), 1001);
	fake_now += 1000;
	cr_assert_eq(ratelimit_take(rl), 0);
	cr_assert_gt(ratelimit_take(rl), 0);
	ratelimit_state_get(rl, &st);
	cr_assert_eq(st.burst, 5);
	cr_assert_eq(st.per_hour, 600);
	cr_assert_eq(st.used_hour, 6);
	ratelimit_free(rl);
}

Test(ratelimit, refill_never_exceeds_the_burst)
{
	struct ratelimit *rl = bucket(10, 3, 1000);
	int i;

	fake_now += 3600;
	for (i = 0; i < 3; i++)
		cr_assert_eq(ratelimit_take(rl), 0);
	cr_assert_gt(ratelimit_take(rl), 0);
	ratelimit_free(rl);
}

Test(ratelimit, the_hourly_cap_holds_until_the_oldest_request_is_an_hour_old)
{
	struct ratelimit *rl = bucket(1000, 1000, 10);
	struct ratelimit_state st;
	int i;

	for (i = 0; i < 10; i++)
		cr_assert_eq(ratelimit_take(rl), 0);
	cr_assert_eq(ratelimit_take(rl), 3600000);
	fake_now += 1800000;
	cr_assert_eq(ratelimit_take(rl), 1800000);
	ratelimit_state_get(rl, &st);
	cr_assert_eq(st.used_hour, 10);
	cr_assert_eq(st.wait_ms, 1800000);
	fake_now += 1800000;
	cr_assert_eq(ratelimit_take(rl), 0);
	ratelimit_free(rl);
}

Test(ratelimit, a_penalty_empties_the_bucket_and_delays)
{
	struct ratelimit *rl = bucket(1, 5, 600);

	ratelimit_penalize(rl, 5000);
	cr_assert_eq(ratelimit_take(rl), 5000);
	fake_now += 4999;
	cr_assert_eq(ratelimit_take(rl), 1);
	fake_now += 1;
	cr_assert_eq(ratelimit_take(rl), 0);
	ratelimit_free(rl);
}

Test(ratelimit, backoff_doubles_with_jitter_and_is_capped)
{
	cr_assert_eq(ratelimit_backoff_ms(0, 1000, 30000, 0.0), 500);
	cr_assert_eq(ratelimit_backoff_ms(0, 1000, 30000, 1.0), 1000);
	cr_assert_eq(ratelimit_backoff_ms(2, 1000, 30000, 1.0), 4000);
	cr_assert_eq(ratelimit_backoff_ms(2, 1000, 30000, 0.5), 3000);
	cr_assert_eq(ratelimit_backoff_ms(20, 1000, 30000, 1.0), 30000);
	cr_assert_eq(ratelimit_backoff_ms(60, 1000, 30000, 0.0), 15000);
}

Test(ratelimit, jitter_stays_in_range)
{
	int i;
	double j;

	for (i = 0; i < 1000; i++) {
		j = ratelimit_jitter();
		cr_assert(j >= 0.0 && j < 1.0);
	}
}

#define WALL ((int64_t)1795534200000) /* ms since the epoch */

Test(ratelimit, a_restart_takes_back_the_spent_bucket_and_hour)
{
	struct ratelimit *a = bucket(1, 5, 6), *b;
	struct ratelimit_state st;
	char *saved;
	int i;

	for (i = 0; i < 5; i++)
		cr_assert_eq(ratelimit_take(a), 0);
	saved = ratelimit_save(a, WALL);
	ratelimit_free(a);
	/* a new process, half a second later on the wall clock; its own
	 * monotonic clock is somewhere else entirely */
	b = bucket(1, 5, 6);
	fake_now = 7000000;
	cr_assert_eq(ratelimit_restore(b, saved, WALL + 500), 0);
	ratelimit_state_get(b, &st);
	cr_assert_eq(st.used_hour, 5);
	cr_assert_float_eq(st.tokens, 0.5, 1e-6);
	cr_assert_gt(ratelimit_take(b), 0, "not a full bucket");
	fake_now += 500;
	cr_assert_eq(ratelimit_take(b), 0, "the 6th of the hour");
	fake_now += 5000;
	/* the hour's cap of 6 holds until the first of them is an hour old */
	cr_assert_gt(ratelimit_take(b), 3500000);
	fake_now +=
	    3600000 - 500 - 5500; /* the first was 500 ms before b began */
	cr_assert_eq(ratelimit_take(b), 0);
	free(saved);
	ratelimit_free(b);
}

Test(ratelimit, sends_older_than_an_hour_and_a_penalty_run_out_while_away)
{
	struct ratelimit *a = bucket(1, 5, 600), *b;
	struct ratelimit_state st;
	char *saved;

	cr_assert_eq(ratelimit_take(a), 0);
	fake_now += 30 * 60000;
	cr_assert_eq(ratelimit_take(a), 0);
	ratelimit_penalize(a, 120000);
	saved = ratelimit_save(a, WALL);
	ratelimit_free(a);
	b = bucket(1, 5, 600);
	cr_assert_eq(ratelimit_restore(b, saved, WALL + 60000), 0);
	ratelimit_state_get(b, &st);
	cr_assert_eq(st.used_hour, 1, "the first send is over an hour old");
	cr_assert_geq(st.wait_ms, 59000, "the penalty goes on");
	cr_assert_leq(st.wait_ms, 60000);
	free(saved);
	ratelimit_free(b);
}

Test(ratelimit, a_broken_or_future_save_changes_nothing)
{
	struct ratelimit *a = bucket(1, 5, 600), *b = bucket(1, 5, 600);
	struct ratelimit_state st;
	char *saved;

	cr_assert_eq(ratelimit_take(a), 0);
	saved = ratelimit_save(a, WALL);
	cr_assert_eq(ratelimit_restore(b, saved, WALL - 1), -1, "future");
	cr_assert_eq(ratelimit_restore(b, "linchat-budget 1 12 x 0 0", WALL),
	             -1);
	cr_assert_eq(
	    ratelimit_restore(b, "linchat-budget 1 12 1.0 0 3 5 6", WALL), -1,
	    "fewer ages than it says");
	cr_assert_eq(ratelimit_restore(b, "something else", WALL), -1);
	cr_assert_eq(ratelimit_restore(b, "", WALL), -1);
	ratelimit_state_get(b, &st);
	cr_assert_eq(st.used_hour, 0);
	cr_assert_float_eq(st.tokens, 5, 1e-6);
	free(saved);
	ratelimit_free(a);
	ratelimit_free(b);
}
