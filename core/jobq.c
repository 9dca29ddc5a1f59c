/* jobq.c — one singly linked FIFO per priority under one mutex; the
 * condition variable waits on CLOCK_MONOTONIC so a change of the wall
 * clock can neither stall nor hurry the worker.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "core/clock.h"
#include "core/jobq.h"
#include "core/xmalloc.h"

struct jobq_node {
	uint64_t id;
	void *job;
	struct jobq_node *next;
};

struct jobq_list {
	struct jobq_node *head;
	struct jobq_node *tail;
};

struct jobq {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	void (*free_job)(void *);
	struct jobq_list lists[JOBQ_NPRIO];
	size_t len;
	uint64_t next_id;
	int kicked;
	int stopped;
};

struct jobq *
jobq_new(void (*free_job)(void *job))
{
	struct jobq *q = xcalloc(1, sizeof(*q));
	pthread_condattr_t a;

	pthread_mutex_init(&q->mu, NULL);
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&q->cv, &a);
	pthread_condattr_destroy(&a);
	q->free_job = free_job;
	q->next_id = 1;
	return q;
}

static void
drop(struct jobq *q, struct jobq_node *n)
{
	if (q->free_job != NULL)
		q->free_job(n->job);
	free(n);
}

void
jobq_free(struct jobq *q)
{
	struct jobq_node *n, *next;
	int p;

	if (q == NULL)
		return;
	for (p = 0; p < JOBQ_NPRIO; p++) {
		for (n = q->lists[p].head; n != NULL; n = next) {
			next = n->next;
			drop(q, n);
		}
	}
	pthread_cond_destroy(&q->cv);
	pthread_mutex_destroy(&q->mu);
	free(q);
}

uint64_t
jobq_push(struct jobq *q, int prio, void *job)
{
	struct jobq_node *n = xcalloc(1, sizeof(*n));
	struct jobq_list *l;
	uint64_t id;

	if (prio < 0)
		prio = 0;
	if (prio >= JOBQ_NPRIO)
		prio = JOBQ_NPRIO - 1;
	n->job = job;
	pthread_mutex_lock(&q->mu);
	if (q->stopped) {
		pthread_mutex_unlock(&q->mu);
		drop(q, n);
		return 0;
	}
	id = n->id = q->next_id++;
	l = &q->lists[prio];
	if (l->tail != NULL)
		l->tail->next = n;
	else
		l->head = n;
	l->tail = n;
	q->len++;
	pthread_cond_signal(&q->cv);
	pthread_mutex_unlock(&q->mu);
	return id;
}

/* Unlinks the first job (id 0) or the job with this id.  Locked. */
static struct jobq_node *
unlink_node(struct jobq *q, uint64_t id)
{
	struct jobq_node *n, *prev;
	struct jobq_list *l;
	int p;

	for (p = 0; p < JOBQ_NPRIO; p++) {
		l = &q->lists[p];
		for (prev = NULL, n = l->head; n != NULL;
		     prev = n, n = n->next) {
			if (id != 0 && n->id != id)
				continue;
			if (prev != NULL)
				prev->next = n->next;
			else
				l->head = n->next;
			if (l->tail == n)
				l->tail = prev;
			q->len--;
			return n;
		}
	}
	return NULL;
}

void *
jobq_pop(struct jobq *q, int64_t deadline_ms, int *stopped)
{
	struct jobq_node *n = NULL;
	struct timespec ts;
	void *job = NULL;

	if (stopped != NULL)
		*stopped = 0;
	clock_mono_timespec(deadline_ms, &ts);
	pthread_mutex_lock(&q->mu);
	for (;;) {
		if (q->stopped) {
			if (stopped != NULL)
				*stopped = 1;
			break;
		}
		if ((n = unlink_node(q, 0)) != NULL)
			break;
		if (q->kicked)
			break;
		if (deadline_ms < 0) {
			pthread_cond_wait(&q->cv, &q->mu);
		} else if (clock_mono_ms() >= deadline_ms ||
		           pthread_cond_timedwait(&q->cv, &q->mu, &ts) ==
		               ETIMEDOUT) {
			n = unlink_node(q, 0); /* one last look */
			break;
		}
	}
	if (n == NULL)
		q->kicked = 0;
	pthread_mutex_unlock(&q->mu);
	if (n != NULL) {
		job = n->job;
		free(n);
	}
	return job;
}

int
jobq_cancel(struct jobq *q, uint64_t id)
{
	struct jobq_node *n = NULL;

	if (id == 0)
		return 0;
	pthread_mutex_lock(&q->mu);
	n = unlink_node(q, id);
	pthread_mutex_unlock(&q->mu);
	if (n == NULL)
		return 0;
	drop(q, n);
	return 1;
}

void
jobq_kick(struct jobq *q)
{
	pthread_mutex_lock(&q->mu);
	q->kicked = 1;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

void
jobq_stop(struct jobq *q)
{
	pthread_mutex_lock(&q->mu);
	q->stopped = 1;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

size_t
jobq_len(struct jobq *q)
{
	size_t n;

	pthread_mutex_lock(&q->mu);
	n = q->len;
	pthread_mutex_unlock(&q->mu);
	return n;
}
