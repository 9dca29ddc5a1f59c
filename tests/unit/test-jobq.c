#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>

#include "core/jobq.h"
#include "core/xmalloc.h"

static int freed;

static void
count_free(void *p)
{
	free(p);
	__atomic_add_fetch(&freed, 1, __ATOMIC_SEQ_CST);
}

static int *
num(int v)
{
	int *p = xmalloc(sizeof(*p));

	*p = v;
	return p;
}

/* Pops without waiting and returns the number, or -1. */
static int
pop_num(struct jobq *q)
{
	int *p = jobq_pop(q, 0, NULL), v;

	if (p == NULL)
		return -1;
	v = *p;
	free(p);
	return v;
}

Test(jobq, user_jobs_go_first_then_fifo_within_a_priority)
{
	struct jobq *q = jobq_new(free);
	int want[] = {10, 11, 5, 1, 2}, i;

	jobq_push(q, JOBQ_BACKGROUND, num(1));
	jobq_push(q, JOBQ_BACKGROUND, num(2));
	jobq_push(q, JOBQ_SOON, num(5));
	jobq_push(q, JOBQ_USER, num(10));
	jobq_push(q, 99, num(3)); /* clamped to background */
	jobq_push(q, JOBQ_USER, num(11));
	cr_assert_eq(jobq_len(q), 6);
	for (i = 0; i < 5; i++)
		cr_assert_eq(pop_num(q), want[i]);
	cr_assert_eq(pop_num(q), 3);
	cr_assert_eq(pop_num(q), -1);
	jobq_free(q);
}

Test(jobq, empty_queue_returns_at_the_deadline)
{
	struct jobq *q = jobq_new(free);
	int stopped = 7;

	cr_assert_null(jobq_pop(q, clock_mono_ms() + 20, &stopped));
	cr_assert_eq(stopped, 0);
	cr_assert_null(jobq_pop(q, clock_mono_ms() - 1000, &stopped));
	jobq_free(q);
}

Test(jobq, cancel_drops_a_queued_job_and_frees_it)
{
	struct jobq *q = jobq_new(count_free);
	uint64_t a, b;

	freed = 0;
	a = jobq_push(q, JOBQ_USER, num(1));
	b = jobq_push(q, JOBQ_BACKGROUND, num(2));
	cr_assert_gt(a, 0);
	cr_assert_neq(a, b);
	cr_assert_eq(jobq_cancel(q, a), 1);
	cr_assert_eq(jobq_cancel(q, a), 0);
	cr_assert_eq(jobq_cancel(q, 0), 0);
	cr_assert_eq(freed, 1);
	cr_assert_eq(jobq_len(q), 1);
	cr_assert_eq(pop_num(q), 2);
	cr_assert_eq(jobq_cancel(q, b), 0); /* already taken */
	jobq_free(q);
}

Test(jobq, free_releases_jobs_still_queued)
{
	struct jobq *q = jobq_new(count_free);

	freed = 0;
	jobq_push(q, JOBQ_USER, num(1));
	jobq_push(q, JOBQ_BACKGROUND, num(2));
	jobq_free(q);
	cr_assert_eq(freed, 2);
	jobq_free(NULL);
}

Test(jobq, kick_makes_the_next_pop_return_at_once)
{
	struct jobq *q = jobq_new(free);
	int stopped = 7;

	jobq_kick(q);
	cr_assert_null(jobq_pop(q, -1, &stopped));
	cr_assert_eq(stopped, 0);
	/* the kick is used up: a queued job comes out normally */
	jobq_push(q, JOBQ_USER, num(4));
	cr_assert_eq(pop_num(q), 4);
	jobq_free(q);
}

struct waiter_arg {
	struct jobq *q;
	int stopped;
	void *job;
};

static void *
waiter(void *arg)
{
	struct waiter_arg *w = arg;

	w->job = jobq_pop(w->q, -1, &w->stopped);
	return NULL;
}

Test(jobq, stop_wakes_a_waiting_worker_and_refuses_pushes)
{
	struct waiter_arg w = {jobq_new(count_free), 0, NULL};
	pthread_t th;

	freed = 0;
	pthread_create(&th, NULL, waiter, &w);
	jobq_stop(w.q);
	pthread_join(th, NULL);
	cr_assert_null(w.job);
	cr_assert_eq(w.stopped, 1);
	cr_assert_eq(jobq_push(w.q, JOBQ_USER, num(1)), 0);
	cr_assert_eq(freed, 1);
	jobq_stop(w.q);
	jobq_free(w.q);
}

Test(jobq, kick_wakes_a_waiting_worker)
{
	struct waiter_arg w = {jobq_new(free), 7, NULL};
	pthread_t th;

	pthread_create(&th, NULL, waiter, &w);
	jobq_kick(w.q);
	pthread_join(th, NULL);
	cr_assert_null(w.job);
	cr_assert_eq(w.stopped, 0);
	jobq_free(w.q);
}

struct prod {
	struct jobq *q;
	int base;
};

static void *
producer(void *arg)
{
	struct prod *p = arg;
	int i;

	for (i = 0; i < 1000; i++)
		jobq_push(p->q, i % JOBQ_NPRIO, num(p->base + i));
	return NULL;
}

Test(jobq, concurrent_producers_lose_no_job)
{
	struct jobq *q = jobq_new(free);
	struct prod p[3] = {{q, 0}, {q, 1000}, {q, 2000}};
	static char seen[3000];
	pthread_t th[3];
	int i, got = 0, *v;

	for (i = 0; i < 3; i++)
		pthread_create(&th[i], NULL, producer, &p[i]);
	while (got < 3000 &&
	       (v = jobq_pop(q, clock_mono_ms() + 10000, NULL)) != NULL) {
		cr_assert_not(seen[*v]);
		seen[*v] = 1;
		free(v);
		got++;
	}
	for (i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	cr_assert_eq(got, 3000);
	jobq_free(q);
}
