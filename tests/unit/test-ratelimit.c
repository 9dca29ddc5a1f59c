/* test-ratelimit.c — the request budget on a fake clock. */
#include <criterion/criterion.h>

#include "ratelimit.h"

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
