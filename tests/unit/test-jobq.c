/* test-jobq.c — the worker's job queue: order, waits, cancel, stop. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "jobq.h"

static int freed;

static void
count_free(void *job)
{
	freed++;
	free(job);
}

static int *
num(int v)
{
	int *p = malloc(sizeof *p);

	*p = v;
	return p;
}

static int
pop_num(struct jobq *q)
{
	int *p = jobq_pop(q, jobq_now_ms(), NULL);
	int v;

	cr_assert_not_null(p);
	v = *p;
	free(p);
	return v;
}

Test(jobq, user_jobs_run_before_background_ones_in_push_order)
{
	struct jobq *q = jobq_new(count_free);

	jobq_push(q, JOBQ_BACKGROUND, num(1));
	jobq_push(q, JOBQ_SOON, num(2));
	jobq_push(q, JOBQ_USER, num(3));
	jobq_push(q, JOBQ_USER, num(4));
	jobq_push(q, JOBQ_BACKGROUND, num(5));
	cr_assert_eq(jobq_len(q), 5);
	cr_assert_eq(pop_num(q), 3);
	cr_assert_eq(pop_num(q), 4);
	cr_assert_eq(pop_num(q), 2);
	cr_assert_eq(pop_num(q), 1);
	cr_assert_eq(pop_num(q), 5);
	cr_assert_eq(jobq_len(q), 0);
	jobq_free(q);
}

Test(jobq, pop_on_an_empty_queue_returns_null_at_the_deadline)
{
	struct jobq *q = jobq_new(count_free);
	int stopped = -1;

	cr_assert_null(jobq_pop(q, jobq_now_ms() + 20, &stopped));
	cr_assert_eq(stopped, 0);
	jobq_free(q);
}

Test(jobq, cancelled_job_is_freed_and_never_popped)
{
	struct jobq *q = jobq_new(count_free);
	uint64_t a, b;

	freed = 0;
	a = jobq_push(q, JOBQ_USER, num(1));
	b = jobq_push(q, JOBQ_USER, num(2));
	cr_assert(a != 0 && b != 0 && a != b);
	cr_assert_eq(jobq_cancel(q, b), 1);
	cr_assert_eq(jobq_cancel(q, b), 0);
	cr_assert_eq(freed, 1);
	cr_assert_eq(pop_num(q), 1);
	cr_assert_null(jobq_pop(q, jobq_now_ms(), NULL));
	/* The tail was cancelled: pushing again must still work. */
	jobq_push(q, JOBQ_USER, num(3));
	cr_assert_eq(pop_num(q), 3);
	jobq_free(q);
}

Test(jobq, stop_refuses_pushes_and_frees_what_is_left)
{
	struct jobq *q = jobq_new(count_free);
	int stopped = 0;

	freed = 0;
	jobq_push(q, JOBQ_USER, num(1));
	jobq_stop(q);
	cr_assert_eq(jobq_push(q, JOBQ_USER, num(2)), 0);
	cr_assert_eq(freed, 1);
	cr_assert_null(jobq_pop(q, -1, &stopped));
	cr_assert_eq(stopped, 1);
	jobq_free(q);
	cr_assert_eq(freed, 2);
}

static void *
stopper(void *arg)
{
	usleep(20000);
	jobq_stop(arg);
	return NULL;
}

static void *
kicker(void *arg)
{
	usleep(20000);
	jobq_kick(arg);
	return NULL;
}

static void *
pusher(void *arg)
{
	usleep(20000);
	jobq_push(arg, JOBQ_SOON, num(7));
	return NULL;
}

Test(jobq, stop_wakes_a_consumer_waiting_forever)
{
	struct jobq *q = jobq_new(count_free);
	pthread_t t;
	int stopped = 0;

	pthread_create(&t, NULL, stopper, q);
	cr_assert_null(jobq_pop(q, -1, &stopped));
	cr_assert_eq(stopped, 1);
	pthread_join(t, NULL);
	jobq_free(q);
}

Test(jobq, kick_wakes_a_consumer_without_a_job)
{
	struct jobq *q = jobq_new(count_free);
	pthread_t t;
	int stopped = 1;

	pthread_create(&t, NULL, kicker, q);
	cr_assert_null(jobq_pop(q, -1, &stopped));
	cr_assert_eq(stopped, 0);
	pthread_join(t, NULL);
	jobq_free(q);
}

Test(jobq, a_job_pushed_by_another_thread_wakes_the_consumer)
{
	struct jobq *q = jobq_new(count_free);
	pthread_t t;
	int *p;

	pthread_create(&t, NULL, pusher, q);
	p = jobq_pop(q, -1, NULL);
	cr_assert_not_null(p);
	cr_assert_eq(*p, 7);
	free(p);
	pthread_join(t, NULL);
	jobq_free(q);
}
