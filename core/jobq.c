/* jobq.c — two singly linked FIFOs under one mutex; the condvar waits on
 * CLOCK_MONOTONIC so a clock change cannot stall or hurry the worker.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "jobq.h"
#include "xmalloc.h"

struct jobq_node {
	struct jobq_job job;
	struct jobq_node *next;
};

struct jobq_list {
	struct jobq_node *head;
	struct jobq_node *tail;
};

struct jobq {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct jobq_list lists[2]; /* by priority */
	size_t len;
	unsigned next_id;
	unsigned running;	   /* id being run, 0 if none */
	int running_canceled;
	int stopped;
};

struct jobq *
jobq_new(void)
{
	struct jobq *q = xcalloc(1, sizeof(*q));
	pthread_condattr_t a;

	pthread_mutex_init(&q->mu, NULL);
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&q->cv, &a);
	pthread_condattr_destroy(&a);
	q->next_id = 1;
	return q;
}

static void
drop(struct jobq_node *n)
{
	if (n->job.free_arg != NULL)
		n->job.free_arg(n->job.arg);
	free(n);
}

void
jobq_free(struct jobq *q)
{
	struct jobq_node *n, *next;
	int p;

	if (q == NULL)
		return;
	for (p = 0; p < 2; p++) {
		for (n = q->lists[p].head; n != NULL; n = next) {
			next = n->next;
			drop(n);
		}
	}
	pthread_cond_destroy(&q->cv);
	pthread_mutex_destroy(&q->mu);
	free(q);
}

unsigned
jobq_push(struct jobq *q, enum jobq_prio prio, int kind, void *arg,
    void (*free_arg)(void *))
{
	struct jobq_node *n = xcalloc(1, sizeof(*n));
	struct jobq_list *l;
	unsigned id;

	n->job.kind = kind;
	n->job.prio = prio == JOBQ_USER ? JOBQ_USER : JOBQ_BACKGROUND;
	n->job.arg = arg;
	n->job.free_arg = free_arg;
	pthread_mutex_lock(&q->mu);
	if (q->stopped) {
		pthread_mutex_unlock(&q->mu);
		drop(n);
		return 0;
	}
	id = q->next_id++;
	if (q->next_id == 0)
		q->next_id = 1;
	n->job.id = id;
	l = &q->lists[n->job.prio];
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

static struct jobq_node *
take_first(struct jobq *q)
{
	struct jobq_list *l;
	struct jobq_node *n;
	int p;

	for (p = 0; p < 2; p++) {
		l = &q->lists[p];
		if ((n = l->head) == NULL)
			continue;
		l->head = n->next;
		if (l->head == NULL)
			l->tail = NULL;
		q->len--;
		return n;
	}
	return NULL;
}

int
jobq_pop(struct jobq *q, struct jobq_job *job, int timeout_ms)
{
	struct jobq_node *n = NULL;
	struct timespec deadline;
	int rc = 0;

	if (timeout_ms > 0) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += timeout_ms / 1000;
		deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
		if (deadline.tv_nsec >= 1000000000L) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000L;
		}
	}
	pthread_mutex_lock(&q->mu);
	for (;;) {
		if (q->stopped) {
			rc = -1;
			break;
		}
		if ((n = take_first(q)) != NULL) {
			rc = 1;
			break;
		}
		if (timeout_ms == 0)
			break;
		if (timeout_ms < 0)
			pthread_cond_wait(&q->cv, &q->mu);
		else if (pthread_cond_timedwait(&q->cv, &q->mu, &deadline) ==
		    ETIMEDOUT)
			timeout_ms = 0; /* one last look, then give up */
	}
	if (n != NULL) {
		q->running = n->job.id;
		q->running_canceled = 0;
	}
	pthread_mutex_unlock(&q->mu);
	if (n != NULL) {
		*job = n->job;
		free(n);
	}
	return rc;
}

void
jobq_done(struct jobq *q, unsigned id)
{
	pthread_mutex_lock(&q->mu);
	if (q->running == id) {
		q->running = 0;
		q->running_canceled = 0;
	}
	pthread_mutex_unlock(&q->mu);
}

/* Unlinks and returns the first queued node matching (id, or kind when id
 * is 0), or NULL.  Called locked. */
static struct jobq_node *
unlink_match(struct jobq *q, unsigned id, int kind)
{
	struct jobq_node *n, *prev;
	struct jobq_list *l;
	int p;

	for (p = 0; p < 2; p++) {
		l = &q->lists[p];
		for (prev = NULL, n = l->head; n != NULL; prev = n,
		    n = n->next) {
			if (id != 0 ? n->job.id != id : n->job.kind != kind)
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

int
jobq_cancel(struct jobq *q, unsigned id)
{
	struct jobq_node *n = NULL;
	int rc = 0;

	if (id == 0)
		return 0;
	pthread_mutex_lock(&q->mu);
	if (q->running == id) {
		q->running_canceled = 1;
		rc = 1;
	} else if ((n = unlink_match(q, id, 0)) != NULL)
		rc = 1;
	pthread_mutex_unlock(&q->mu);
	if (n != NULL)
		drop(n);
	return rc;
}

size_t
jobq_cancel_kind(struct jobq *q, int kind)
{
	struct jobq_node *n, *dropped = NULL;
	size_t count = 0;

	pthread_mutex_lock(&q->mu);
	while ((n = unlink_match(q, 0, kind)) != NULL) {
		n->next = dropped;
		dropped = n;
		count++;
	}
	pthread_mutex_unlock(&q->mu);
	while ((n = dropped) != NULL) {
		dropped = n->next;
		drop(n);
	}
	return count;
}

int
jobq_canceled(struct jobq *q, unsigned id)
{
	int c;

	pthread_mutex_lock(&q->mu);
	c = q->stopped || (q->running == id && q->running_canceled);
	pthread_mutex_unlock(&q->mu);
	return c;
}

int
jobq_has_kind(struct jobq *q, int kind)
{
	struct jobq_node *n;
	int p, found = 0;

	pthread_mutex_lock(&q->mu);
	for (p = 0; p < 2 && !found; p++)
		for (n = q->lists[p].head; n != NULL && !found; n = n->next)
			found = n->job.kind == kind;
	pthread_mutex_unlock(&q->mu);
	return found;
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

void
jobq_stop(struct jobq *q)
{
	pthread_mutex_lock(&q->mu);
	q->stopped = 1;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

int
jobq_stopped(struct jobq *q)
{
	int s;

	pthread_mutex_lock(&q->mu);
	s = q->stopped;
	pthread_mutex_unlock(&q->mu);
	return s;
}
