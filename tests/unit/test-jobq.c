#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>

#include "jobq.h"
#include "xmalloc.h"

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

Test(jobq, user_jobs_go_before_background_ones_in_fifo_order)
{
	struct jobq *q = jobq_new();
	struct jobq_job j;
	int want[] = {10, 11, 1, 2}, i;

	jobq_push(q, JOBQ_BACKGROUND, 0, num(1), free);
	jobq_push(q, JOBQ_BACKGROUND, 0, num(2), free);
	jobq_push(q, JOBQ_USER, 0, num(10), free);
	jobq_push(q, JOBQ_USER, 0, num(11), free);
	cr_assert_eq(jobq_len(q), 4);
	for (i = 0; i < 4; i++) {
		cr_assert_eq(jobq_pop(q, &j, 0), 1);
		cr_assert_eq(*(int *)j.arg, want[i]);
		jobq_done(q, j.id);
		free(j.arg);
	}
	cr_assert_eq(jobq_pop(q, &j, 0), 0);
	jobq_free(q);
}

Test(jobq, empty_queue_times_out)
{
	struct jobq *q = jobq_new();
	struct jobq_job j;

	cr_assert_eq(jobq_pop(q, &j, 20), 0);
	jobq_free(q);
}

Test(jobq, cancel_drops_queued_jobs_and_frees_their_arguments)
{
	struct jobq *q = jobq_new();
	struct jobq_job j;
	unsigned a, b;

	freed = 0;
	a = jobq_push(q, JOBQ_USER, 1, num(1), count_free);
	b = jobq_push(q, JOBQ_BACKGROUND, 2, num(2), count_free);
	jobq_push(q, JOBQ_BACKGROUND, 2, num(3), count_free);
	jobq_push(q, JOBQ_BACKGROUND, 3, num(4), count_free);
	cr_assert_neq(a, b);
	cr_assert_eq(jobq_cancel(q, a), 1);
	cr_assert_eq(jobq_cancel(q, a), 0);
	cr_assert_eq(freed, 1);
	cr_assert(jobq_has_kind(q, 2));
	cr_assert_eq(jobq_cancel_kind(q, 2), 2);
	cr_assert_not(jobq_has_kind(q, 2));
	cr_assert_eq(freed, 3);
	cr_assert_eq(jobq_pop(q, &j, 0), 1);
	cr_assert_eq(j.kind, 3);
	count_free(j.arg);
	jobq_free(q);
}

Test(jobq, running_job_sees_its_cancellation)
{
	struct jobq *q = jobq_new();
	struct jobq_job j;
	unsigned id;

	id = jobq_push(q, JOBQ_USER, 1, NULL, NULL);
	cr_assert_eq(jobq_pop(q, &j, 0), 1);
	cr_assert_eq(j.id, id);
	cr_assert_not(jobq_canceled(q, id));
	cr_assert_eq(jobq_cancel(q, id), 1);
	cr_assert(jobq_canceled(q, id));
	jobq_done(q, id);
	cr_assert_not(jobq_canceled(q, id));
	jobq_free(q);
}

Test(jobq, free_releases_jobs_still_queued)
{
	struct jobq *q = jobq_new();

	freed = 0;
	jobq_push(q, JOBQ_USER, 1, num(1), count_free);
	jobq_push(q, JOBQ_BACKGROUND, 1, num(2), count_free);
	jobq_free(q);
	cr_assert_eq(freed, 2);
	jobq_free(NULL);
}

static void *
waiter(void *arg)
{
	struct jobq_job j;

	return (void *)(long)jobq_pop(arg, &j, -1);
}

Test(jobq, stop_wakes_a_waiting_worker_and_refuses_pushes)
{
	struct jobq *q = jobq_new();
	pthread_t th;
	void *rc;

	freed = 0;
	pthread_create(&th, NULL, waiter, q);
	jobq_stop(q);
	pthread_join(th, &rc);
	cr_assert_eq((long)rc, -1);
	cr_assert(jobq_stopped(q));
	cr_assert_eq(jobq_push(q, JOBQ_USER, 1, num(1), count_free), 0);
	cr_assert_eq(freed, 1);
	cr_assert(jobq_canceled(q, 12345));
	jobq_free(q);
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
		jobq_push(p->q, (i & 1) ? JOBQ_USER : JOBQ_BACKGROUND, 0,
		    num(p->base + i), free);
	return NULL;
}

Test(jobq, concurrent_producers_lose_no_job)
{
	struct jobq *q = jobq_new();
	struct prod p[3] = {{q, 0}, {q, 1000}, {q, 2000}};
	static char seen[3000];
	struct jobq_job j;
	pthread_t th[3];
	int i, got = 0;

	for (i = 0; i < 3; i++)
		pthread_create(&th[i], NULL, producer, &p[i]);
	while (got < 3000 && jobq_pop(q, &j, 5000) == 1) {
		int v = *(int *)j.arg;

		cr_assert_not(seen[v]);
		seen[v] = 1;
		free(j.arg);
		jobq_done(q, j.id);
		got++;
	}
	for (i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	cr_assert_eq(got, 3000);
	jobq_free(q);
}
