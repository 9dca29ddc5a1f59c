/* jobq.h — the worker's job queue: a mutex + condvar FIFO with two
 * priorities (what the user asked for goes before background sync), stop,
 * and cancellation of queued or running jobs.
 *
 * A job is an opaque kind number and an argument the queue owns until the
 * job is popped (then the popper owns it); jobs dropped by cancel, by a
 * push after stop or by jobq_free() have their argument freed with the
 * free function given at push.  Every function is thread-safe.
 */
#ifndef LC_JOBQ_H
#define LC_JOBQ_H

#include <stddef.h>

enum jobq_prio {
	JOBQ_USER = 0,	     /* send, mark read, open thread, lookups */
	JOBQ_BACKGROUND = 1  /* sync */
};

struct jobq_job {
	unsigned id;	/* unique, never 0 */
	int kind;
	enum jobq_prio prio;
	void *arg;
	void (*free_arg)(void *);
};

struct jobq;

/* An empty queue.  Free with jobq_free(). */
struct jobq *jobq_new(void);
/* Frees the queue and the arguments of jobs still queued.  NULL is fine.
 * No thread may be inside another jobq call. */
void jobq_free(struct jobq *q);

/* Queues a job; returns its id, or 0 when the queue is stopped (arg is
 * then freed at once). */
unsigned jobq_push(struct jobq *q, enum jobq_prio prio, int kind, void *arg,
    void (*free_arg)(void *));
/* Takes the oldest user job, else the oldest background job, waiting up
 * to timeout_ms (-1: forever, 0: not at all).  Returns 1 with *job filled
 * (the caller owns job->arg and calls jobq_done() when finished), 0 on
 * timeout, -1 once the queue is stopped. */
int jobq_pop(struct jobq *q, struct jobq_job *job, int timeout_ms);
/* The popper finished job id. */
void jobq_done(struct jobq *q, unsigned id);

/* Cancels job id: a queued job is dropped (returns 1); a running one is
 * flagged for jobq_canceled() (returns 1); else 0. */
int jobq_cancel(struct jobq *q, unsigned id);
/* Drops every queued job of a kind; returns how many. */
size_t jobq_cancel_kind(struct jobq *q, int kind);
/* Whether running job id was canceled (the job checks this between steps,
 * or from a libcurl progress callback). */
int jobq_canceled(struct jobq *q, unsigned id);
/* Whether a job of this kind is queued (to avoid queueing a second sync). */
int jobq_has_kind(struct jobq *q, int kind);
/* Number of queued jobs. */
size_t jobq_len(struct jobq *q);

/* Stops the queue: waiting and later jobq_pop() calls return -1, pushes
 * are refused, and the running job reads as canceled. */
void jobq_stop(struct jobq *q);
int jobq_stopped(struct jobq *q);

#endif
