/* jobq.c — priority FIFO for one consumer; see jobq.h.
 *
 * One singly linked list per priority with a tail pointer, so push and
 * pop are O(1); cancel walks the lists (queues hold a handful of jobs).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "jobq.h"
#include "xmalloc.h"

struct jobq_node {
	struct jobq_node *next;
	uint64_t id;
	void *job;
};

struct jobq {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct jobq_node *head[JOBQ_NPRIO];
	struct jobq_node *tail[JOBQ_NPRIO];
	size_t len;
	uint64_t next_id;
	int stopped;
	int kicked;
	void (*free_job)(void *);
};

int64_t
jobq_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct jobq *
jobq_new(void (*free_job)(void *job))
{
	struct jobq *q = xcalloc(1, sizeof *q);
	pthread_condattr_t ca;

	pthread_mutex_init(&q->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&q->cond, &ca);
	pthread_condattr_destroy(&ca);
	q->free_job = free_job;
	q->next_id = 1;
	return q;
}

static void
jobq_drop(struct jobq *q, void *job)
{
	if (q->free_job != NULL && job != NULL)
		q->free_job(job);
}

void
jobq_free(struct jobq *q)
{
	struct jobq_node *n, *next;
	int p;

	if (q == NULL)
		return;
	for (p = 0; p < JOBQ_NPRIO; p++) {
		for (n = q->head[p]; n != NULL; n = next) {
			next = n->next;
			jobq_drop(q, n->job);
			free(n);
		}
	}
	pthread_cond_destroy(&q->cond);
	pthread_mutex_destroy(&q->lock);
	free(q);
}

uint64_t
jobq_push(struct jobq *q, int prio, void *job)
{
	struct jobq_node *n;
	uint64_t id;

	if (prio < 0)
		prio = 0;
	if (prio >= JOBQ_NPRIO)
		prio = JOBQ_NPRIO - 1;
	pthread_mutex_lock(&q->lock);
	if (q->stopped) {
		pthread_mutex_unlock(&q->lock);
		jobq_drop(q, job);
		return 0;
	}
	n = xcalloc(1, sizeof *n);
	n->job = job;
	n->id = id = q->next_id++;
	if (q->tail[prio] != NULL)
		q->tail[prio]->next = n;
	else
		q->head[prio] = n;
	q->tail[prio] = n;
	q->len++;
	pthread_cond_signal(&q->cond);
	pthread_mutex_unlock(&q->lock);
	return id;
}

/* Unlinks the most urgent node; lock held. */
static struct jobq_node *
jobq_take(struct jobq *q)
{
	struct jobq_node *n;
	int p;

	for (p = 0; p < JOBQ_NPRIO; p++) {
		if ((n = q->head[p]) == NULL)
			continue;
		q->head[p] = n->next;
		if (q->head[p] == NULL)
			q->tail[p] = NULL;
		q->len--;
		return n;
	}
	return NULL;
}

void *
jobq_pop(struct jobq *q, int64_t deadline_ms, int *stopped)
{
	struct jobq_node *n = NULL;
	struct timespec ts;
	void *job = NULL;
	int rc = 0;

	ts.tv_sec = deadline_ms / 1000;
	ts.tv_nsec = (deadline_ms % 1000) * 1000000;
	pthread_mutex_lock(&q->lock);
	for (;;) {
		if (q->stopped || (n = jobq_take(q)) != NULL)
			break;
		if (q->kicked || rc == ETIMEDOUT)
			break;
		if (deadline_ms < 0)
			rc = pthread_cond_wait(&q->cond, &q->lock);
		else
			rc = pthread_cond_timedwait(&q->cond, &q->lock, &ts);
	}
	q->kicked = 0;
	if (stopped != NULL)
		*stopped = q->stopped;
	pthread_mutex_unlock(&q->lock);
	if (n != NULL) {
		job = n->job;
		free(n);
	}
	return job;
}

int
jobq_cancel(struct jobq *q, uint64_t id)
{
	struct jobq_node *n, *prev;
	void *job = NULL;
	int p, found = 0;

	pthread_mutex_lock(&q->lock);
	for (p = 0; p < JOBQ_NPRIO && !found; p++) {
		prev = NULL;
		for (n = q->head[p]; n != NULL; prev = n, n = n->next) {
			if (n->id != id)
				continue;
			if (prev != NULL)
				prev->next = n->next;
			else
				q->head[p] = n->next;
			if (q->tail[p] == n)
				q->tail[p] = prev;
			q->len--;
			job = n->job;
			found = 1;
			free(n);
			break;
		}
	}
	pthread_mutex_unlock(&q->lock);
	if (found)
		jobq_drop(q, job);
	return found;
}

void
jobq_kick(struct jobq *q)
{
	pthread_mutex_lock(&q->lock);
	q->kicked = 1;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
}

void
jobq_stop(struct jobq *q)
{
	pthread_mutex_lock(&q->lock);
	q->stopped = 1;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
}

size_t
jobq_len(struct jobq *q)
{
	size_t n;

	pthread_mutex_lock(&q->lock);
	n = q->len;
	pthread_mutex_unlock(&q->lock);
	return n;
}
