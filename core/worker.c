/* worker.c — the background thread: queue, timers, status, public API.
 *
 * The thread loop waits in jobq_pop() until the next timer (delta sync,
 * outbox retry) or a job.  Timers never run requests themselves: they
 * queue a job at JOBQ_SOON, so anything the user asked for in the
 * meantime goes first.  The delta deadline is recomputed on every turn
 * from the last sync and the adaptive interval, so worker_user_active()
 * only has to kick the queue.
 *
 * Shutdown: worker_stop() sets stopping, stops the queue and cancels the
 * request in flight with http_cancel() (sticky until re-armed, so the
 * remaining steps of a multi-request job fail at once too), then joins.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/outbox.h"
#include "core/ratelimit.h"
#include "core/urn.h"
#include "core/voyager-send.h"
#include "core/worker-int.h"
#include "core/xmalloc.h"

#define WORKER_IDLE_STEP_MS 60000 /* idle this long: interval doubles */

struct worker_job *
worker_job_new(enum worker_job_kind kind)
{
	struct worker_job *j = xcalloc(1, sizeof *j);

	j->kind = kind;
	return j;
}

void
worker_job_free(void *p)
{
	struct worker_job *j = p;

	if (j == NULL)
		return;
	switch (j->kind) {
	case WJ_SEND:
	case WJ_RETRY:
	case WJ_DISCARD:
		free(j->u.send.token);
		break;
	case WJ_OPEN:
	case WJ_OLDER:
		free(j->u.conv.conv);
		break;
	case WJ_MARK:
		free(j->u.mark.conv);
		break;
	case WJ_REACT:
		free(j->u.react.msg);
		free(j->u.react.emoji);
		break;
	case WJ_EDIT:
	case WJ_RECALL:
		free(j->u.edit.msg);
		free(j->u.edit.text);
		break;
	case WJ_DRAFT:
		free(j->u.draft.conv);
		free(j->u.draft.text);
		break;
	case WJ_PROFILE:
	case WJ_RESOLVE:
		free(j->u.who.who);
		break;
	case WJ_CONNECT:
		free(j->u.connect.who);
		free(j->u.connect.note);
		break;
	case WJ_INVITE_REPLY:
		free(j->u.reply.id);
		free(j->u.reply.secret);
		break;
	case WJ_SEARCH:
	case WJ_FIND:
		free(j->u.search.keywords);
		break;
	case WJ_EVENT:
		voyager_rt_event_free(j->u.event.ev);
		free(j->u.event.ev);
		break;
	case WJ_TYPING:
		free(j->u.conv.conv);
		break;
	default:
		break;
	}
	free(j);
}

void
worker_queue_job(struct worker *w, int prio, struct worker_job *j)
{
	jobq_push(w->q, prio, j);
}

void
worker_queue(struct worker *w, int prio, enum worker_job_kind kind)
{
	worker_queue_job(w, prio, worker_job_new(kind));
}

void
worker_notify(struct worker *w)
{
	wake_signal(w->wake);
}

void
worker_count(struct worker *w, size_t off)
{
	pthread_mutex_lock(&w->mu);
	(*(unsigned long *)((char *)&w->stats + off))++;
	pthread_mutex_unlock(&w->mu);
}

int
worker_stopping(struct worker *w)
{
	return atomic_load(&w->stopping);
}

void
worker_set_syncing(struct worker *w, int on)
{
	struct model_sync s;

	model_lock(w->m);
	model_get_sync(w->m, &s);
	if (s.syncing != on) {
		s.syncing = on;
		if (!on && s.last_error[0] == '\0')
			s.last_sync_ms = clock_wall_ms();
		model_set_sync(w->m, &s);
	}
	model_unlock(w->m);
	worker_notify(w);
}

/* dst = a b c, cut to size (a sentence for the status bar). */
static void
worker_set_text(char *dst, size_t size, const char *a, const char *b,
                const char *c)
{
	struct buf t;

	buf_init(&t, 4096);
	buf_addstr(&t, a);
	buf_addstr(&t, b);
	buf_addstr(&t, c);
	buf_truncate(&t, t.len < size - 1 ? t.len : size - 1);
	memcpy(dst, buf_cstr(&t), strlen(buf_cstr(&t)) + 1);
	buf_release(&t);
}

void
worker_failed(struct worker *w, const char *what, const struct lc_error *err)
{
	struct model_sync s;

	if (err->code == LC_ECANCELED || worker_stopping(w))
		return;
	if (err->code == LC_EAUTH || err->code == LC_ECHALLENGE) {
		/* Once: every later job is skipped until renewed. */
		if (atomic_exchange(&w->auth_dead, 1))
			return;
		w->timers = 0;
		WORKER_COUNT(w, auth_reports);
		model_lock(w->m);
		model_get_sync(w->m, &s);
		s.session_expired = 1;
		s.syncing = 0;
		s.next_retry_ms = 0;
		worker_set_text(s.last_error, sizeof s.last_error, err->msg,
		                err->detail[0] != '\0' ? " " : "", err->detail);
		model_set_sync(w->m, &s);
		model_unlock(w->m);
		worker_notify(w);
		return;
	}
	WORKER_COUNT(w, errors);
	model_lock(w->m);
	model_get_sync(w->m, &s);
	worker_set_text(s.last_error, sizeof s.last_error, what, ": ",
	                err->msg);
	model_set_sync(w->m, &s);
	model_unlock(w->m);
	worker_notify(w);
}

void
worker_succeeded(struct worker *w)
{
	struct model_sync s;

	model_lock(w->m);
	model_get_sync(w->m, &s);
	if (s.last_error[0] != '\0' || s.next_retry_ms != 0) {
		s.last_error[0] = '\0';
		s.next_retry_ms = 0;
		model_set_sync(w->m, &s);
	}
	model_unlock(w->m);
}

/* Copies the request budget into the model for the status bar. */
static void
worker_publish_rate(struct worker *w)
{
	struct ratelimit_state rs;
	struct model_rate r, old;

	ratelimit_state_get(http_ratelimit(w->ctx->http), &rs);
	memset(&r, 0, sizeof r);
	r.limited = rs.wait_ms > 1000;
	r.until_ms = r.limited ? clock_wall_ms() + (int64_t)rs.wait_ms : 0;
	r.requests_last_hour = rs.used_hour;
	model_get_rate(w->m, &old);
	if (old.limited != r.limited ||
	    old.until_ms / 1000 != r.until_ms / 1000 ||
	    old.requests_last_hour != r.requests_last_hour)
		model_set_rate(w->m, &r);
}

int64_t
worker_sync_interval_ms(struct worker *w)
{
	struct ratelimit_state rs;
	int64_t idle, iv = w->active_ms;

	idle = clock_mono_ms() - atomic_load(&w->last_active);
	while (idle > WORKER_IDLE_STEP_MS && iv < w->idle_ms) {
		iv *= 2;
		idle -= WORKER_IDLE_STEP_MS;
	}
	if (iv > w->idle_ms)
		iv = w->idle_ms;
	/* The stream brings the news: the sync is only a safety net. */
	if (atomic_load(&w->stream) == REALTIME_LIVE && iv < w->safety_ms)
		iv = w->safety_ms;
	/* Never faster than the budget: a sync is at least one request. */
	ratelimit_state_get(http_ratelimit(w->ctx->http), &rs);
	if ((int64_t)rs.wait_ms > iv)
		iv = (int64_t)rs.wait_ms;
	return iv;
}

/* The next deadline of the thread's timers, -1 for none. */
static int64_t
worker_deadline(struct worker *w)
{
	int64_t d = -1, t;

	if (atomic_load(&w->auth_dead))
		return -1;
	if (w->timers && !w->delta_queued) {
		t = w->last_sync_at + worker_sync_interval_ms(w);
		d = t;
	}
	if (w->outbox_at >= 0 && !w->outbox_queued &&
	    (d < 0 || w->outbox_at < d))
		d = w->outbox_at;
	if (w->triage_at >= 0 && !w->triage_queued &&
	    (d < 0 || w->triage_at < d))
		d = w->triage_at;
	t = worker_live_deadline(w);
	if (t >= 0 && (d < 0 || t < d))
		d = t;
	return d;
}

static void
worker_fire_timers(struct worker *w)
{
	int64_t now = clock_mono_ms();

	if (atomic_load(&w->auth_dead))
		return;
	if (w->timers && !w->delta_queued &&
	    now >= w->last_sync_at + worker_sync_interval_ms(w)) {
		w->delta_queued = 1;
		worker_queue(w, JOBQ_SOON, WJ_DELTA);
	}
	if (w->outbox_at >= 0 && !w->outbox_queued && now >= w->outbox_at) {
		w->outbox_queued = 1;
		worker_queue(w, JOBQ_SOON, WJ_OUTBOX);
	}
	if (w->triage_at >= 0 && !w->triage_queued && now >= w->triage_at) {
		w->triage_queued = 1;
		worker_queue(w, JOBQ_SOON, WJ_TRIAGE);
	}
	worker_live_fire(w, now);
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct worker_job *j;
	int stopped = 0;

	while (!worker_stopping(w)) {
		j = jobq_pop(w->q, worker_deadline(w), &stopped);
		if (stopped) {
			worker_job_free(j);
			break;
		}
		if (j != NULL) {
			worker_run_job(w, j);
			worker_job_free(j);
			WORKER_COUNT(w, jobs);
			worker_publish_rate(w);
		}
		worker_fire_timers(w);
	}
	return NULL;
}

struct worker *
worker_new(const struct config *cfg, struct voyager_ctx *ctx, struct model *m,
           struct store *st, struct lc_error *err)
{
	struct worker *w;
	struct wake *wk;

	if ((wk = wake_new(err)) == NULL)
		return NULL;
	w = xcalloc(1, sizeof *w);
	w->ctx = ctx;
	w->m = m;
	w->st = st;
	w->wake = wk;
	w->q = jobq_new(worker_job_free);
	pthread_mutex_init(&w->mu, NULL);
	atomic_init(&w->stopping, 0);
	atomic_init(&w->auth_dead, 0);
	atomic_init(&w->last_active, clock_mono_ms());
	w->active_ms =
	    (cfg != NULL && cfg->active_interval_s > 0 ? cfg->active_interval_s
	                                               : 15) *
	    (int64_t)1000;
	w->idle_ms =
	    (cfg != NULL && cfg->idle_interval_s > 0 ? cfg->idle_interval_s
	                                             : 300) *
	    (int64_t)1000;
	if (w->idle_ms < w->active_ms)
		w->idle_ms = w->active_ms;
	w->depth =
	    cfg != NULL && cfg->initial_depth > 0 ? cfg->initial_depth : 50;
	w->outbox_at = -1;
	w->triage_at = -1;
	worker_live_init(w, cfg);
	return w;
}

enum lc_err
worker_start(struct worker *w, struct lc_error *err)
{
	worker_queue(w, JOBQ_SOON, WJ_INITIAL);
	w->outbox_queued = 1;
	worker_queue(w, JOBQ_SOON, WJ_OUTBOX);
	worker_triage_restore(w);
	w->triage_queued = 1;
	worker_queue(w, JOBQ_SOON, WJ_TRIAGE);
	if (pthread_create(&w->thread, NULL, worker_main, w) != 0)
		return lc_error_set(err, LC_EIO,
		                    "Could not start the background thread.");
	w->started = 1;
	return LC_OK;
}

void
worker_stop(struct worker *w)
{
	if (w == NULL || atomic_exchange(&w->stopping, 1))
		return;
	worker_live_stop(w);
	jobq_stop(w->q);
	http_cancel(w->ctx->http);
	if (w->started)
		pthread_join(w->thread, NULL);
	w->started = 0;
	http_cancel_reset(w->ctx->http);
	worker_set_syncing(w, 0);
}

void
worker_free(struct worker *w)
{
	if (w == NULL)
		return;
	worker_stop(w);
	worker_live_free(w);
	worker_presence_free(w);
	jobq_free(w->q);
	worker_folders_free(w);
	wake_free(w->wake);
	pthread_mutex_destroy(&w->mu);
	free(w->inbox_token);
	free(w->open_conv);
	free(w);
}

int
worker_wake_fd(const struct worker *w)
{
	return wake_fd(w->wake);
}

void
worker_wake_drain(struct worker *w)
{
	wake_drain(w->wake);
}

void
worker_user_active(struct worker *w)
{
	int64_t now = clock_mono_ms(), was;

	was = atomic_exchange(&w->last_active, now);
	/* Back from idle: the delta deadline moves closer, re-plan. */
	if (now - was > WORKER_IDLE_STEP_MS)
		jobq_kick(w->q);
}

void
worker_session_renewed(struct worker *w)
{
	struct model_sync s;

	if (!atomic_exchange(&w->auth_dead, 0))
		return;
	model_lock(w->m);
	model_get_sync(w->m, &s);
	s.session_expired = 0;
	s.last_error[0] = '\0';
	model_set_sync(w->m, &s);
	model_unlock(w->m);
	worker_queue(w, JOBQ_SOON, WJ_INITIAL);
	worker_queue(w, JOBQ_SOON, WJ_OUTBOX);
	worker_queue(w, JOBQ_SOON, WJ_TRIAGE);
	worker_live_kick(w);
	worker_notify(w);
}

void
worker_stats_get(struct worker *w, struct worker_stats *out)
{
	pthread_mutex_lock(&w->mu);
	*out = w->stats;
	pthread_mutex_unlock(&w->mu);
}
