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

#include "buf.h"
#include "outbox.h"
#include "ratelimit.h"
#include "urn.h"
#include "voyager-send.h"
#include "worker-int.h"
#include "xmalloc.h"

#define WORKER_IDLE_STEP_MS 60000 /* idle this long: interval doubles */
/* stored messages read per open/older: the thread view's window */
#define WORKER_STORED_PAGE 400

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
		free(j->u.search.keywords);
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
	return w;
}

enum lc_err
worker_start(struct worker *w, struct lc_error *err)
{
	worker_queue(w, JOBQ_SOON, WJ_INITIAL);
	w->outbox_queued = 1;
	worker_queue(w, JOBQ_SOON, WJ_OUTBOX);
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
	jobq_free(w->q);
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
	worker_notify(w);
}

void
worker_stats_get(struct worker *w, struct worker_stats *out)
{
	pthread_mutex_lock(&w->mu);
	*out = w->stats;
	pthread_mutex_unlock(&w->mu);
}

/* --- pushes --- */

/* Queues j unless the worker is stopping (then j is freed): 0 or -1. */
static int
worker_push(struct worker *w, int prio, struct worker_job *j)
{
	if (worker_stopping(w)) {
		worker_job_free(j);
		return -1;
	}
	worker_queue_job(w, prio, j);
	return 0;
}

/* Queues j under a fresh ticket (never 0) for its outcome: the ticket,
 * or 0 when refused (j is then freed). */
static uint64_t
worker_push_ticketed(struct worker *w, struct worker_job *j)
{
	uint64_t ticket = atomic_fetch_add(&w->tickets, 1) + 1;

	j->ticket = ticket;
	return worker_push(w, JOBQ_USER, j) == 0 ? ticket : 0;
}

/* A job on one outbox row, by its origin token. */
static int
worker_push_token(struct worker *w, enum worker_job_kind kind,
                  const char *origin_token)
{
	struct worker_job *j;

	if (origin_token == NULL)
		return -1;
	j = worker_job_new(kind);
	j->u.send.token = xstrdup(origin_token);
	return worker_push(w, JOBQ_USER, j);
}

/* Puts msg in the status bar's sentence, cut on a character boundary. */
static void
worker_notice(struct worker *w, const char *msg)
{
	struct model_sync s;
	size_t n = strlen(msg);

	model_lock(w->m);
	model_get_sync(w->m, &s);
	if (n >= sizeof s.last_error) {
		n = sizeof s.last_error - 1;
		while (n > 0 && ((unsigned char)msg[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(s.last_error, msg, n);
	s.last_error[n] = '\0';
	model_set_sync(w->m, &s);
	model_unlock(w->m);
}

/* A send that could not be queued shows failed, its text kept for the
 * user to try again, and err's sentence says why. */
static void
worker_send_refused(struct worker *w, const char *conv_urn, const char *text,
                    const char *origin_token, const struct lc_error *err)
{
	model_add_pending(w->m, conv_urn, text, origin_token, clock_wall_ms());
	model_set_state_by_origin(w->m, origin_token, MODEL_MSG_FAILED);
	worker_notice(w, err->msg[0] != '\0' ? err->msg
	                                     : "The message could not be "
	                                       "queued.");
	worker_notify(w);
}

int
worker_push_send(struct worker *w, const char *conv_urn, const char *text,
                 const char *origin_token, struct lc_error *err)
{
	struct model_msg held;
	char tok[40];
	int pending_in_model = 0;

	if (conv_urn == NULL || conv_urn[0] == '\0' || text == NULL ||
	    text[0] == '\0') {
		lc_error_set(err, LC_EINVAL, "There is nothing to send.");
		return -1;
	}
	if (origin_token == NULL || origin_token[0] == '\0') {
		voyager_origin_token(tok);
		origin_token = tok;
	}
	if (w->st == NULL) {
		lc_error_set(err, LC_EIO, "Sending needs the local store.");
		worker_send_refused(w, conv_urn, text, origin_token, err);
		return -1;
	}
	/* outbox_add() takes a token the model already holds for a row
	 * already written; a pending copy the UI put up is not, so it is
	 * replaced by the one the outbox writes with its row. */
	if (model_get_message(w->m, NULL, origin_token, &held) == 0) {
		pending_in_model = held.state == MODEL_MSG_PENDING &&
		                   (held.urn == NULL || held.urn[0] == '\0');
		model_msg_clear(&held);
		if (pending_in_model)
			model_remove_by_origin(w->m, origin_token);
	}
	if (outbox_add(w->st, w->m, conv_urn, text, origin_token,
	               clock_wall_ms(), err) != LC_OK) {
		worker_send_refused(w, conv_urn, text, origin_token, err);
		return -1;
	}
	if (model_get_message(w->m, NULL, origin_token, &held) == 0)
		model_msg_clear(&held);
	else
		model_add_pending(w->m, conv_urn, text, origin_token,
		                  clock_wall_ms());
	worker_notify(w);
	return worker_push_token(w, WJ_SEND, origin_token);
}

int
worker_push_retry_send(struct worker *w, const char *origin_token)
{
	return worker_push_token(w, WJ_RETRY, origin_token);
}

int
worker_push_discard_send(struct worker *w, const char *origin_token)
{
	return worker_push_token(w, WJ_DISCARD, origin_token);
}

int
worker_push_take_back(struct worker *w, const char *origin_token)
{
	if (origin_token == NULL)
		return -1;
	return model_remove_by_origin(w->m, origin_token);
}

int
worker_push_sync(struct worker *w)
{
	return worker_push(w, JOBQ_USER, worker_job_new(WJ_DELTA));
}

#define NEED(x)                                                                \
	do {                                                                   \
		if ((x) == NULL)                                               \
			return -1;                                             \
	} while (0)

/* Reads up to a window of the thread's stored messages at or before
 * before_ms into the model, in the caller's thread: a short local read,
 * so what the cache holds shows at once, even while the worker waits on
 * the network.  Returns how many were new to the model. */
static size_t
worker_load_stored(struct worker *w, const char *conv_urn, int64_t before_ms)
{
	struct lc_error err;
	size_t added = 0;

	if (w->st == NULL)
		return 0;
	if (store_load_thread(w->st, w->m, conv_urn, before_ms,
	                      WORKER_STORED_PAGE, &added, &err) != LC_OK)
		worker_failed(w, "Could not read the conversation", &err);
	if (added > 0)
		worker_notify(w);
	return added;
}

/* A job on one conversation. */
static int
worker_push_conv(struct worker *w, enum worker_job_kind kind,
                 const char *conv_urn)
{
	struct worker_job *j = worker_job_new(kind);

	j->u.conv.conv = xstrdup(conv_urn);
	return worker_push(w, JOBQ_USER, j);
}

int
worker_push_open(struct worker *w, const char *conv_urn)
{
	NEED(conv_urn);
	if (worker_stopping(w))
		return -1;
	worker_load_stored(w, conv_urn, INT64_MAX);
	return worker_push_conv(w, WJ_OPEN, conv_urn);
}

int
worker_push_older(struct worker *w, const char *conv_urn)
{
	int64_t before;

	NEED(conv_urn);
	if (worker_stopping(w))
		return -1;
	if (model_thread_oldest(w->m, conv_urn, &before) != 0)
		before = INT64_MAX;
	if (worker_load_stored(w, conv_urn, before) > 0)
		return 0; /* older ones were in the cache */
	return worker_push_conv(w, WJ_OLDER, conv_urn);
}

int
worker_push_mark_read(struct worker *w, const char *conv_urn, int read)
{
	struct worker_job *j;

	NEED(conv_urn);
	/* shown at once; the job tells the service (and the store) */
	model_set_read(w->m, conv_urn, read != 0);
	j = worker_job_new(WJ_MARK);
	j->u.mark.conv = xstrdup(conv_urn);
	j->u.mark.read = read != 0;
	return worker_push(w, JOBQ_USER, j);
}

int
worker_push_react(struct worker *w, const char *msg_urn, const char *emoji,
                  int on)
{
	struct worker_job *j;

	NEED(msg_urn);
	NEED(emoji);
	if (worker_stopping(w))
		return -1;
	/* shown at once; undone by the job if the service refuses */
	model_react(w->m, msg_urn, emoji, on != 0);
	j = worker_job_new(WJ_REACT);
	j->u.react.msg = xstrdup(msg_urn);
	j->u.react.emoji = xstrdup(emoji);
	j->u.react.on = on != 0;
	return worker_push(w, JOBQ_USER, j);
}

int
worker_push_edit(struct worker *w, const char *msg_urn, const char *text)
{
	struct worker_job *j;

	NEED(msg_urn);
	NEED(text);
	j = worker_job_new(WJ_EDIT);
	j->u.edit.msg = xstrdup(msg_urn);
	j->u.edit.text = xstrdup(text);
	return worker_push(w, JOBQ_USER, j);
}

int
worker_push_recall(struct worker *w, const char *msg_urn)
{
	struct worker_job *j;

	NEED(msg_urn);
	j = worker_job_new(WJ_RECALL);
	j->u.edit.msg = xstrdup(msg_urn);
	return worker_push(w, JOBQ_USER, j);
}

int
worker_push_draft(struct worker *w, const char *conv_urn, const char *text)
{
	struct worker_job *j;

	NEED(conv_urn);
	/* the model at once; the job writes the store */
	model_set_draft(w->m, conv_urn, text);
	j = worker_job_new(WJ_DRAFT);
	j->u.draft.conv = xstrdup(conv_urn);
	j->u.draft.text = xstrdup(text != NULL ? text : "");
	return worker_push(w, JOBQ_SOON, j);
}

uint64_t
worker_push_profile(struct worker *w, const char *who)
{
	struct worker_job *j;

	if (who == NULL)
		return 0;
	j = worker_job_new(WJ_PROFILE);
	j->u.who.who = xstrdup(who);
	return worker_push_ticketed(w, j);
}

int
worker_push_resolve(struct worker *w, const char *public_id)
{
	struct worker_job *j;

	NEED(public_id);
	j = worker_job_new(WJ_RESOLVE);
	j->u.who.who = xstrdup(public_id);
	return worker_push(w, JOBQ_USER, j);
}

/* worker_push_send_new() but for the sentence a refusal leaves. */
static int
worker_queue_first(struct worker *w, const char *recipient, const char *name,
                   const char *text, const char *origin_token,
                   struct lc_error *err)
{
	char tok[40], *ph = NULL, *to = NULL;
	int rc = -1;

	if (text == NULL || text[strspn(text, " \n")] == '\0') {
		lc_error_set(err, LC_EINVAL, "There is nothing to send.");
		return -1;
	}
	if (w->st == NULL) {
		lc_error_set(err, LC_EIO, "Sending needs the local store.");
		return -1;
	}
	if ((ph = urn_placeholder(recipient)) == NULL ||
	    (to = urn_placeholder_recipient(ph)) == NULL) {
		lc_error_set(err, LC_EINVAL,
		             "That is not a profile to write "
		             "to.");
		goto out;
	}
	if (origin_token == NULL || origin_token[0] == '\0') {
		voyager_origin_token(tok);
		origin_token = tok;
	}
	if (outbox_add_first(w->st, w->m, ph, to, name, text, origin_token,
	                     clock_wall_ms(), err) != LC_OK)
		goto out;
	worker_notify(w);
	rc = worker_push_token(w, WJ_SEND, origin_token);
out:
	free(ph);
	free(to);
	return rc;
}

int
worker_push_send_new(struct worker *w, const char *recipient, const char *name,
                     const char *text, const char *origin_token,
                     struct lc_error *err)
{
	struct lc_error mine;

	if (err == NULL)
		err = &mine;
	lc_error_clear(err);
	if (worker_queue_first(w, recipient, name, text, origin_token, err) ==
	    0)
		return 0;
	worker_notice(w, err->msg[0] != '\0' ? err->msg
	                                     : "The message could not be "
	                                       "queued.");
	worker_notify(w);
	return -1;
}

uint64_t
worker_push_connect(struct worker *w, const char *who, const char *note)
{
	struct worker_job *j;

	if (who == NULL)
		return 0;
	j = worker_job_new(WJ_CONNECT);
	j->u.connect.who = xstrdup(who);
	j->u.connect.note = xstrdup_or_null(note);
	return worker_push_ticketed(w, j);
}

uint64_t
worker_push_invitations(struct worker *w)
{
	return worker_push_ticketed(w, worker_job_new(WJ_INVITES));
}

int
worker_push_invitation_reply(struct worker *w, const char *id,
                             const char *shared_secret, int accept)
{
	struct worker_job *j;

	NEED(id);
	j = worker_job_new(WJ_INVITE_REPLY);
	j->u.reply.id = xstrdup(id);
	j->u.reply.secret = xstrdup_or_null(shared_secret);
	j->u.reply.accept = accept != 0;
	return worker_push(w, JOBQ_USER, j);
}

uint64_t
worker_push_search(struct worker *w, const char *keywords)
{
	struct worker_job *j;

	if (keywords == NULL)
		return 0;
	j = worker_job_new(WJ_SEARCH);
	j->u.search.keywords = xstrdup(keywords);
	return worker_push_ticketed(w, j);
}
