/* jobq.h — the worker's job queue: FIFO within a priority, more urgent
 * priorities first (what the user is waiting for goes before background
 * sync), with a timed wait on the monotonic clock, cancel, kick and stop.
 *
 * Jobs are opaque pointers.  The queue owns a job from jobq_push() until
 * jobq_pop() hands it out, and frees the ones it drops (cancelled, pushed
 * after stop, or still queued at jobq_free()) with the free function given
 * to jobq_new().  A mutex and a condition variable; every function is
 * thread-safe.
 */
#ifndef LC_JOBQ_H
#define LC_JOBQ_H

#include <stddef.h>
#include <stdint.h>

#include "core/clock.h"

/* Priorities, most urgent first. */
enum jobq_prio {
	JOBQ_USER = 0,   /* the user is waiting: send, open thread, lookups */
	JOBQ_SOON,       /* follow-ups of user actions, sync deltas */
	JOBQ_BACKGROUND, /* older pages, prefetch */
	JOBQ_NPRIO
};

struct jobq;

/* An empty queue; free_job (may be NULL) frees a job the queue drops.
 * Free with jobq_free(). */
struct jobq *jobq_new(void (*free_job)(void *job));
/* Frees the queue and every job still in it.  NULL is fine.  No thread
 * may be inside another jobq call. */
void jobq_free(struct jobq *q);

/* Queues job at prio (clamped to the valid range).  Returns its id
 * (> 0), or 0 when the queue is stopped (the job is then freed at once).
 * Never blocks for long; any thread. */
uint64_t jobq_push(struct jobq *q, int prio, void *job);

/* Takes the most urgent job, oldest first within a priority, waiting for
 * one until deadline_ms on the monotonic clock (clock_mono_ms()), or
 * forever when deadline_ms is negative.  Returns NULL on timeout, after
 * jobq_kick(), or once the queue is stopped (*stopped, if not NULL, is set
 * to 1 only in that case).  The caller owns the job returned. */
void *jobq_pop(struct jobq *q, int64_t deadline_ms, int *stopped);

/* Removes a queued job by id and frees it: 1, or 0 if it was already
 * taken or never existed. */
int jobq_cancel(struct jobq *q, uint64_t id);

/* Makes a waiting jobq_pop() (or the next one, if none waits) return NULL
 * at once, e.g. because a timer changed. */
void jobq_kick(struct jobq *q);

/* Refuses further pushes and wakes every waiter; queued jobs stay until
 * jobq_free().  Idempotent. */
void jobq_stop(struct jobq *q);

/* Jobs queued, at every priority. */
size_t jobq_len(struct jobq *q);

#endif
