/* worker-live.c — the realtime stream inside the worker.
 *
 * The stream runs on its own thread (realtime.h) and never touches the
 * model: its hooks queue WJ_EVENT and WJ_STREAM jobs, at the user's
 * priority, and this file runs them on the worker's thread.  Every event
 * is merged by the code the sync reads use (worker_merge_messages(),
 * worker_merge_convs()), so a message from the stream and the same
 * message from a sync are one record, and a send echoed on the stream
 * meets its pending copy by origin token.
 *
 * While the stream is LIVE the delta sync runs only as a safety net
 * (safety_ms); every entry into LIVE resyncs once (a delta read, which
 * refreshes the open thread if it changed), so nothing said while the
 * stream was down is missed.  A heartbeat goes out every minute while
 * LIVE, carrying the delivery acknowledgements gathered since the last.
 */
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/urn.h"
#include "core/voyager-msg.h"
#include "core/voyager-send.h"
#include "core/worker-int.h"
#include "core/xmalloc.h"

#define LIVE_HEARTBEAT_MS 60000
#define LIVE_TYPING_MS 10000 /* a typing indicator lasts this long */
#define LIVE_ACKS_MAX 100

void
worker_live_init(struct worker *w, const struct config *cfg)
{
	w->live_on = cfg == NULL || cfg->realtime;
	w->safety_ms =
	    (cfg != NULL && cfg->safety_interval_s > 0 ? cfg->safety_interval_s
	                                               : 1800) *
	    (int64_t)1000;
	w->heartbeat_at = -1;
	w->heartbeat_ms = LIVE_HEARTBEAT_MS;
	atomic_init(&w->stream, REALTIME_OFF);
}

void
worker_tune_realtime(struct worker *w, const struct realtime_config *cfg,
                     int64_t heartbeat_ms)
{
	if (cfg != NULL)
		w->rt_cfg = *cfg;
	if (heartbeat_ms > 0)
		w->heartbeat_ms = heartbeat_ms;
}

/* Hooks: the realtime thread.  Quick: they only queue. */
static void
live_on_event(void *arg, struct voyager_rt_event *ev)
{
	struct worker *w = arg;
	struct worker_job *j = worker_job_new(WJ_EVENT);

	j->u.event.ev = ev;
	worker_queue_job(w, JOBQ_USER, j);
}

static void
live_on_state(void *arg, enum realtime_state st, int64_t retry_at,
              const struct lc_error *why)
{
	struct worker *w = arg;
	struct worker_job *j = worker_job_new(WJ_STREAM);

	atomic_store(&w->stream, st);
	j->u.stream.state = st;
	j->u.stream.retry_at = retry_at;
	if (why != NULL) {
		j->u.stream.failed = 1;
		j->u.stream.why = *why;
	}
	worker_queue_job(w, JOBQ_USER, j);
	jobq_kick(w->q);
}

void
worker_live_begin(struct worker *w)
{
	struct realtime_hooks h = {live_on_event, live_on_state, w};
	struct realtime *rt = NULL;
	struct lc_error err;

	if (!w->live_on || w->rt != NULL || worker_stopping(w) ||
	    w->ctx->mailbox[0] == '\0')
		return;
	lc_error_clear(&err);
	pthread_mutex_lock(&w->mu);
	if (!worker_stopping(w)) {
		rt = realtime_new(w->ctx->http, w->ctx->mailbox, &w->rt_cfg, &h,
		                  &err);
		if (rt != NULL && realtime_start(rt, &err) != LC_OK) {
			realtime_free(rt);
			rt = NULL;
		}
		w->rt = rt;
	}
	pthread_mutex_unlock(&w->mu);
	if (rt == NULL && !worker_stopping(w)) {
		log_msg(LOGL_WARN, "realtime: not started: %s", err.msg);
		w->live_on = 0;
	}
}

void
worker_live_stop(struct worker *w)
{
	struct realtime *rt;

	pthread_mutex_lock(&w->mu);
	rt = w->rt;
	pthread_mutex_unlock(&w->mu);
	if (rt != NULL)
		realtime_stop(rt);
}

void
worker_live_free(struct worker *w)
{
	size_t i;

	worker_live_stop(w);
	realtime_free(w->rt);
	w->rt = NULL;
	for (i = 0; i < w->nacks; i++)
		free(w->acks[i]);
	free(w->acks);
	free(w->gap_conv);
	free(w->typing_conv);
}

void
worker_live_kick(struct worker *w)
{
	pthread_mutex_lock(&w->mu);
	if (w->rt != NULL)
		realtime_kick(w->rt);
	pthread_mutex_unlock(&w->mu);
}

static enum model_stream
live_model_state(enum realtime_state st)
{
	switch (st) {
	case REALTIME_CONNECTING:
		return MODEL_STREAM_CONNECTING;
	case REALTIME_LIVE:
		return MODEL_STREAM_LIVE;
	case REALTIME_RETRY:
		return MODEL_STREAM_RETRY;
	case REALTIME_POLLING:
		return MODEL_STREAM_POLLING;
	case REALTIME_STOPPED:
		return MODEL_STREAM_STOPPED;
	default:
		return MODEL_STREAM_OFF;
	}
}

/* The stream is back: events of the new connection come after this job,
 * so the open thread's newest message now is where what was missed
 * begins; the resync's read of that thread reaches back to it
 * (worker_run_open()) even when live messages arrive first, and across
 * several drops before that read runs. */
static void
live_mark_gap(struct worker *w)
{
	/* A gap not filled yet (the stream dropped again before the read)
	 * began earlier: keep where it began. */
	if (w->gap_conv != NULL && w->open_conv != NULL &&
	    strcmp(w->gap_conv, w->open_conv) == 0)
		return;
	free(w->gap_conv);
	w->gap_conv = NULL;
	if (w->open_conv == NULL)
		return;
	w->gap_conv = xstrdup(w->open_conv);
	w->gap_from = worker_newest_held(w, w->open_conv);
}

/* WJ_STREAM: the status bar learns the state; LIVE resyncs once. */
static void
live_state(struct worker *w, const struct worker_job *j)
{
	struct model_sync s;

	model_lock(w->m);
	model_get_sync(w->m, &s);
	s.stream = (int)live_model_state(j->u.stream.state);
	s.stream_retry_ms =
	    j->u.stream.retry_at > 0
	        ? clock_wall_ms() + (j->u.stream.retry_at - clock_mono_ms())
	        : 0;
	model_set_sync(w->m, &s);
	model_unlock(w->m);
	switch (j->u.stream.state) {
	case REALTIME_LIVE:
		w->heartbeat_at = clock_mono_ms() + w->heartbeat_ms;
		w->heartbeat_first = 1;
		live_mark_gap(w);
		if (!w->delta_queued) {
			w->delta_queued = 1;
			worker_queue(w, JOBQ_SOON, WJ_DELTA);
		}
		break;
	case REALTIME_POLLING:
		w->heartbeat_at = -1;
		if (j->u.stream.failed)
			worker_failed(w,
			              "Live updates are off for now (linchat "
			              "checks for news every few minutes)",
			              &j->u.stream.why);
		break;
	case REALTIME_STOPPED:
		w->heartbeat_at = -1;
		if (j->u.stream.failed)
			worker_failed(w, "Live updates stopped",
			              &j->u.stream.why);
		break;
	default:
		w->heartbeat_at = -1;
		break;
	}
	worker_notify(w);
}

/* Whether conv_urn belongs to this mailbox (a conversation URN names its
 * owner's profile first). */
static int
live_ours(struct worker *w, const char *conv_urn)
{
	char *want;
	int ok;

	if (conv_urn == NULL || conv_urn[0] == '\0')
		return 0;
	want = xasprintf("urn:li:msg_conversation:(urn:li:fsd_profile:%s,",
	                 w->ctx->mailbox);
	ok = strncmp(conv_urn, "urn:li:msg_conversation:(", 25) != 0 ||
	     strncmp(conv_urn, want, strlen(want)) == 0;
	free(want);
	return ok;
}

/* An event for a conversation the model lacks: the next delta read
 * brings it whole (participants, title). */
static void
live_fetch_conv(struct worker *w, const char *conv_urn)
{
	if (model_conv_version(w->m, conv_urn) != 0 || w->delta_queued)
		return;
	w->delta_queued = 1;
	worker_queue(w, JOBQ_SOON, WJ_DELTA);
}

static void
live_message(struct worker *w, const struct voyager_message *v)
{
	const char *conv = v->conversation_urn;

	if (!live_ours(w, conv)) {
		log_msg(LOGL_WARN, "realtime: a message for another mailbox "
		                   "(ignored)");
		return;
	}
	live_fetch_conv(w, conv);
	w->arriving = 1;
	worker_merge_messages(w, conv, v, 1);
	w->arriving = 0;
	if (!v->is_from_me && v->urn != NULL && w->nacks < LIVE_ACKS_MAX) {
		w->acks = xreallocarray(w->acks, w->nacks + 1, sizeof *w->acks);
		w->acks[w->nacks++] = xstrdup(v->urn);
	}
	worker_notify(w); /* the merge alone does not wake the screen */
}

static void
live_conversation(struct worker *w, struct voyager_conversation *c)
{
	struct voyager_conv_page pg;

	if (!live_ours(w, c->urn))
		return;
	memset(&pg, 0, sizeof pg);
	pg.items = c;
	pg.n = 1;
	w->arriving = 1;
	worker_merge_convs(w, &pg);
	w->arriving = 0;
}

static void
live_delete(struct worker *w, const char *conv_urn)
{
	if (!live_ours(w, conv_urn))
		return;
	if (w->st != NULL)
		store_remove_conversation(w->st, conv_urn, NULL);
	model_remove_conversation(w->m, conv_urn);
	worker_notify(w);
}

/* A receipt: who saw the conversation up to the message it names. */
static void
live_seen(struct worker *w, const struct voyager_rt_event *ev)
{
	char *conv = NULL, *who;
	int64_t upto = ev->at_ms;

	if (ev->msg_urn != NULL)
		conv = model_conv_of_message(w->m, ev->msg_urn, &upto);
	if (conv == NULL && ev->conv_urn != NULL)
		conv = xstrdup(ev->conv_urn);
	if (conv == NULL || ev->who_urn == NULL ||
	    strcmp(ev->who_urn, w->ctx->mailbox) == 0) {
		free(conv);
		return;
	}
	who = worker_profile_urn(ev->who_urn);
	model_set_seen(w->m, conv, who, upto, ev->at_ms);
	free(who);
	free(conv);
	worker_notify(w);
}

static void
live_typing(struct worker *w, const struct voyager_rt_event *ev)
{
	char *who;

	if (ev->conv_urn == NULL || ev->who_urn == NULL ||
	    strcmp(ev->who_urn, w->ctx->mailbox) == 0)
		return;
	who = worker_profile_urn(ev->who_urn);
	model_set_typing(w->m, ev->conv_urn, who,
	                 clock_mono_ms() + LIVE_TYPING_MS);
	free(who);
	worker_notify(w);
}

static void
live_reaction(struct worker *w, const struct voyager_rt_event *ev)
{
	struct model_msg held;
	const struct voyager_reaction *r = &ev->reaction;

	if (ev->msg_urn == NULL || r->emoji == NULL ||
	    model_set_reaction(w->m, ev->msg_urn, r->emoji, r->count,
	                       r->viewer_reacted) != 0)
		return;
	if (w->st != NULL &&
	    model_get_message(w->m, ev->msg_urn, NULL, &held) == 0) {
		store_set_reactions(w->st, ev->msg_urn, held.reactions,
		                    held.my_reactions, NULL);
		model_msg_clear(&held);
	}
	worker_notify(w);
}

static void
live_event(struct worker *w, struct voyager_rt_event *ev)
{
	log_msg(LOGL_DEBUG, "realtime: %s event",
	        voyager_rt_kind_name(ev->kind));
	switch (ev->kind) {
	case VOYAGER_RT_MESSAGE:
		if (ev->has_message)
			live_message(w, &ev->message);
		break;
	case VOYAGER_RT_CONVERSATION:
		if (ev->has_conversation)
			live_conversation(w, &ev->conversation);
		break;
	case VOYAGER_RT_CONV_DELETE:
		live_delete(w, ev->conv_urn);
		break;
	case VOYAGER_RT_SEEN:
		live_seen(w, ev);
		break;
	case VOYAGER_RT_TYPING:
		live_typing(w, ev);
		break;
	case VOYAGER_RT_REACTION:
		live_reaction(w, ev);
		break;
	default:
		log_msg(LOGL_DEBUG, "realtime: event of topic %s ignored",
		        ev->topic != NULL ? ev->topic : "(none)");
		break;
	}
}

/* WJ_HEARTBEAT: the heartbeat, then the acknowledgements gathered. */
static void
live_heartbeat(struct worker *w)
{
	char sid[64];
	struct lc_error err;
	size_t i;

	w->heartbeat_queued = 0;
	if (atomic_load(&w->stream) != REALTIME_LIVE || w->rt == NULL)
		return;
	w->heartbeat_at = clock_mono_ms() + w->heartbeat_ms;
	realtime_session_id(w->rt, sid, sizeof sid);
	lc_error_clear(&err);
	if (voyager_realtime_heartbeat(w->ctx, sid, w->heartbeat_first, &err) !=
	    LC_OK)
		log_msg(LOGL_INFO, "realtime: heartbeat: %s", err.msg);
	w->heartbeat_first = 0;
	if (w->nacks == 0)
		return;
	if (voyager_ack_delivery(w->ctx, (const char *const *)w->acks, w->nacks,
	                         &err) != LC_OK)
		log_msg(LOGL_INFO, "realtime: delivery acks: %s", err.msg);
	for (i = 0; i < w->nacks; i++)
		free(w->acks[i]);
	w->nacks = 0;
}

static void
live_send_typing(struct worker *w, const char *conv)
{
	struct lc_error err;

	lc_error_clear(&err);
	if (voyager_typing(w->ctx, conv, &err) != LC_OK)
		log_msg(LOGL_INFO, "typing: %s", err.msg);
}

void
worker_live_run(struct worker *w, struct worker_job *j)
{
	switch (j->kind) {
	case WJ_EVENT:
		live_event(w, j->u.event.ev);
		break;
	case WJ_STREAM:
		live_state(w, j);
		break;
	case WJ_HEARTBEAT:
		live_heartbeat(w);
		break;
	case WJ_TYPING:
		live_send_typing(w, j->u.conv.conv);
		break;
	default:
		break;
	}
}

int64_t
worker_live_deadline(struct worker *w)
{
	return w->heartbeat_queued ? -1 : w->heartbeat_at;
}

void
worker_live_fire(struct worker *w, int64_t now)
{
	if (w->heartbeat_at < 0 || w->heartbeat_queued || now < w->heartbeat_at)
		return;
	w->heartbeat_queued = 1;
	worker_queue(w, JOBQ_BACKGROUND, WJ_HEARTBEAT);
}

int
worker_push_typing(struct worker *w, const char *conv_urn)
{
	struct worker_job *j;
	int64_t now = clock_mono_ms();
	int send;

	if (conv_urn == NULL || urn_is_placeholder(conv_urn) ||
	    worker_stopping(w))
		return -1;
	pthread_mutex_lock(&w->mu);
	send = w->typing_conv == NULL ||
	       strcmp(w->typing_conv, conv_urn) != 0 ||
	       now - w->typing_at >= LIVE_TYPING_MS;
	if (send) {
		free(w->typing_conv);
		w->typing_conv = xstrdup(conv_urn);
		w->typing_at = now;
	}
	pthread_mutex_unlock(&w->mu);
	if (!send)
		return 0;
	j = worker_job_new(WJ_TYPING);
	j->u.conv.conv = xstrdup(conv_urn);
	worker_queue_job(w, JOBQ_SOON, j);
	return 0;
}
