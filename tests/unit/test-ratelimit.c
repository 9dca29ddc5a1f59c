/* test-ratelimit.c — the request budget on a fake clock. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/ratelimit.h"
#include "tests/unit/helpers.h"

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

/* Two processes on one account: each has its own ratelimit, both share
 * one file, and together they keep to one budget. */
static struct ratelimit *
shared(const char *path, double per_sec, int burst)
{
	struct ratelimit *rl = ratelimit_new(per_sec, burst, 600);

	cr_assert_eq(ratelimit_share(rl, path), 0);
	cr_assert(ratelimit_shared(rl));
	return rl;
}

Test(ratelimit, two_budgets_sharing_a_file_spend_one_budget)
{
	char dir[256], path[300];
	struct ratelimit *a, *b;
	struct ratelimit_state st;
	struct stat sb;
	int i, ok = 0;

	cr_assert_not_null(helpers_tmpdir(dir, sizeof dir, "rl-share"));
	snprintf(path, sizeof path, "%s/state/budget", dir);
	a = shared(path, 0.001, 4);
	b = shared(path, 0.001, 4);
	for (i = 0; i < 10; i++)
		ok += (ratelimit_take(i % 2 ? a : b) == 0);
	cr_assert_eq(ok, 4, "one bucket of 4 between them, got %d", ok);
	ratelimit_state_get(b, &st);
	cr_assert_eq(st.used_hour, 4, "each sees the other's sends");
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	ratelimit_free(a);
	ratelimit_free(b);
	/* A later process takes the spent budget back from the file. */
	a = shared(path, 0.001, 4);
	cr_assert_neq(ratelimit_take(a), 0, "still spent");
	ratelimit_free(a);
	helpers_rmtree(dir);
}

Test(ratelimit, a_penalty_in_one_process_slows_the_other)
{
	char dir[256], path[300];
	struct ratelimit *a, *b;
	uint64_t w;

	cr_assert_not_null(helpers_tmpdir(dir, sizeof dir, "rl-pen"));
	snprintf(path, sizeof path, "%s/budget", dir);
	a = shared(path, 100, 5);
	b = shared(path, 100, 5);
	ratelimit_penalize(a, 30000);
	w = ratelimit_take(b);
	cr_assert_geq(w, 29000, "b waits for a's penalty: %llu",
	              (unsigned long long)w);
	ratelimit_free(a);
	ratelimit_free(b);
	helpers_rmtree(dir);
}

Test(ratelimit, forked_processes_share_the_budget_under_the_lock)
{
	char dir[256], path[300];
	struct ratelimit *rl;
	pid_t kids[4];
	int i, j, status, total = 0;

	cr_assert_not_null(helpers_tmpdir(dir, sizeof dir, "rl-fork"));
	snprintf(path, sizeof path, "%s/budget", dir);
	for (i = 0; i < 4; i++) {
		if ((kids[i] = fork()) == 0) {
			int ok = 0;

			rl = ratelimit_new(0.001, 20, 600);
			if (ratelimit_share(rl, path) != 0)
				_exit(255);
			for (j = 0; j < 50; j++)
				ok += ratelimit_take(rl) == 0;
			ratelimit_free(rl);
			_exit(ok);
		}
		cr_assert_gt(kids[i], 0);
	}
	for (i = 0; i < 4; i++) {
		cr_assert_eq(waitpid(kids[i], &status, 0), kids[i]);
		cr_assert(WIFEXITED(status));
		cr_assert_neq(WEXITSTATUS(status), 255);
		total += WEXITSTATUS(status);
	}
	cr_assert_eq(total, 20, "4 processes, one bucket of 20: %d", total);
	helpers_rmtree(dir);
}

Test(ratelimit, a_garbage_shared_file_is_replaced)
{
	char dir[256], path[300], text[200];
	struct ratelimit *a;
	FILE *f;

	cr_assert_not_null(helpers_tmpdir(dir, sizeof dir, "rl-bad"));
	snprintf(path, sizeof path, "%s/budget", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("linchat-budget 1 nonsense\n", f);
	fclose(f);
	a = shared(path, 1, 5);
	cr_assert_eq(ratelimit_take(a), 0);
	f = fopen(path, "r");
	cr_assert_not_null(f);
	cr_assert_not_null(fgets(text, sizeof text, f));
	fclose(f);
	cr_assert_eq(strncmp(text, "linchat-budget 1 ", 17), 0, "%s", text);
	ratelimit_free(a);
	helpers_rmtree(dir);
}
