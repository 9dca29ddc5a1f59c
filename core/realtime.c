/* realtime.c — see realtime.h.
 *
 * One thread, one loop: copy the owner's cookies into the fork, connect
 * (http_stream()), feed every byte to the SSE parser, map every event
 * (voyager_rt_parse()) and hand it on; when the stream ends, count the
 * failure and wait — the backoff (RETRY), realtime_polling_ms() (POLLING) or
 * for a kick (STOPPED) — on a condition variable that realtime_kick()
 * and realtime_stop() signal.  realtime_stop() also cancels the fork,
 * which ends a stream, a connect or a budget wait at once.
 *
 * rt->lock guards the state, the stats and the stop/kick flags; it is
 * never held while a hook runs or a request is under way.  Hooks run on
 * this thread, one at a time, in the order things happened.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/http.h"
#include "core/log.h"
#include "core/ratelimit.h"
#include "core/realtime.h"
#include "core/sse.h"
#include "core/voyager-rt.h"
#include "core/xmalloc.h"

#define REALTIME_PATH "/realtime/connect?rc=1"

struct realtime {
	struct http_session *parent; /* borrowed: cookies read at connects */
	struct http_session *fork;
	char *mailbox;
	struct realtime_config cfg; /* defaults filled in */
	struct realtime_hooks hooks;
	char uuid[37]; /* x-li-realtime-session; written under lock */

	pthread_t th;
	int running; /* th is to be joined */

	pthread_mutex_t lock;
	pthread_cond_t cond;
	int stopping;
	int kicked;
	enum realtime_state state;
	struct realtime_stats stats;

	/* The thread's per-connection state. */
	struct sse *sse;
	unsigned long refused_before; /* refusals of the parsers before */
	int failures;                 /* failed attempts in a row */
};

uint64_t
realtime_polling_ms(int n, long retry_ms, long max_ms)
{
	uint64_t ms = retry_ms > 0 ? (uint64_t)retry_ms : 300000;
	uint64_t max = max_ms > 0 ? (uint64_t)max_ms : 1800000;

	while (--n > 0 && ms < max)
		ms *= 2;
	return ms < max ? ms : max;
}

uint64_t
realtime_backoff_ms(int attempt, long step_ms, long max_ms, double j)
{
	uint64_t step = step_ms > 0 ? (uint64_t)step_ms : 2000;
	uint64_t max = max_ms > 0 ? (uint64_t)max_ms : 60000;
	uint64_t n = attempt > 1 ? (uint64_t)attempt : 1, base;

	if (j < 0 || j >= 1)
		j = 0;
	base = n > max / step ? max : n * step;
	if (base > max)
		base = max;
	return (uint64_t)((double)base * (0.75 + j / 2.0) + 0.5);
}

const char *
realtime_state_name(enum realtime_state st)
{
	switch (st) {
	case REALTIME_OFF:
		return "off";
	case REALTIME_CONNECTING:
		return "connecting";
	case REALTIME_LIVE:
		return "live";
	case REALTIME_RETRY:
		return "reconnecting";
	case REALTIME_POLLING:
		return "polling";
	case REALTIME_STOPPED:
		return "stopped";
	}
	return "unknown";
}

struct realtime *
realtime_new(struct http_session *parent, const char *mailbox,
             const struct realtime_config *cfg,
             const struct realtime_hooks *hooks, struct lc_error *err)
{
	struct realtime *rt = xcalloc(1, sizeof *rt);
	pthread_condattr_t ca;

	rt->fork = http_session_fork(parent, err);
	if (rt->fork == NULL) {
		free(rt);
		return NULL;
	}
	rt->parent = parent;
	rt->mailbox = xstrdup_or_null(mailbox);
	if (cfg != NULL)
		rt->cfg = *cfg;
	if (rt->cfg.backoff_step_ms <= 0)
		rt->cfg.backoff_step_ms = 2000;
	if (rt->cfg.backoff_max_ms <= 0)
		rt->cfg.backoff_max_ms = 60000;
	if (rt->cfg.idle_timeout_ms <= 0)
		rt->cfg.idle_timeout_ms = 120000;
	if (rt->cfg.fail_limit <= 0)
		rt->cfg.fail_limit = 5;
	if (rt->cfg.polling_retry_ms <= 0)
		rt->cfg.polling_retry_ms = 300000;
	if (rt->cfg.polling_max_ms <= 0)
		rt->cfg.polling_max_ms = 1800000;
	if (rt->cfg.polling_max_ms < rt->cfg.polling_retry_ms)
		rt->cfg.polling_max_ms = rt->cfg.polling_retry_ms;
	if (hooks != NULL)
		rt->hooks = *hooks;
	http_uuid4(rt->uuid);
	pthread_mutex_init(&rt->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&rt->cond, &ca);
	pthread_condattr_destroy(&ca);
	return rt;
}

/* Enters st (clearing a kick older than the wait that follows) and
 * tells the owner. */
static void
realtime_set_state(struct realtime *rt, enum realtime_state st,
                   int64_t retry_at_ms, const struct lc_error *why)
{
	pthread_mutex_lock(&rt->lock);
	rt->state = st;
	rt->kicked = 0;
	pthread_mutex_unlock(&rt->lock);
	log_msg(why != NULL ? LOGL_WARN : LOGL_INFO, "realtime: %s%s%s",
	        realtime_state_name(st), why != NULL ? ": " : "",
	        why != NULL ? why->msg : "");
	if (rt->hooks.state != NULL)
		rt->hooks.state(rt->hooks.arg, st, retry_at_ms, why);
}

/* Waits until deadline_ms (clock_mono_ms(); < 0: for ever), a kick or a
 * stop.  1 when stopping. */
static int
realtime_wait(struct realtime *rt, int64_t deadline_ms)
{
	struct timespec ts;
	int stopping;

	pthread_mutex_lock(&rt->lock);
	while (!rt->stopping && !rt->kicked &&
	       (deadline_ms < 0 || clock_mono_ms() < deadline_ms)) {
		if (deadline_ms < 0)
			pthread_cond_wait(&rt->cond, &rt->lock);
		else {
			clock_mono_timespec(deadline_ms, &ts);
			pthread_cond_timedwait(&rt->cond, &rt->lock, &ts);
		}
	}
	rt->kicked = 0;
	stopping = rt->stopping;
	pthread_mutex_unlock(&rt->lock);
	return stopping;
}

static int
realtime_stopping(struct realtime *rt)
{
	int v;

	pthread_mutex_lock(&rt->lock);
	v = rt->stopping;
	pthread_mutex_unlock(&rt->lock);
	return v;
}

/* Counts one event of kind k (under the lock). */
static void
realtime_count(struct realtime *rt, unsigned long *counter)
{
	pthread_mutex_lock(&rt->lock);
	(*counter)++;
	pthread_mutex_unlock(&rt->lock);
}

/* One SSE event: parse it, handle CONNECTED and HEARTBEAT, pass the rest. */
static int
realtime_on_event(void *arg, const struct sse_event *sev)
{
	struct realtime *rt = arg;
	struct voyager_rt_event *ev = xcalloc(1, sizeof *ev);
	struct lc_error err;

	lc_error_clear(&err);
	if (voyager_rt_parse(sev->data, sev->len, rt->mailbox, ev, &err) !=
	    LC_OK) {
		log_msg(LOGL_DEBUG, "realtime: bad event: %s", err.msg);
		realtime_count(rt, &rt->stats.bad);
		goto drop;
	}
	switch (ev->kind) {
	case VOYAGER_RT_CONNECTED:
		realtime_count(rt, &rt->stats.lives);
		rt->failures = 0;
		realtime_set_state(rt, REALTIME_LIVE, 0, NULL);
		goto drop;
	case VOYAGER_RT_HEARTBEAT:
		realtime_count(rt, &rt->stats.heartbeats);
		goto drop;
	case VOYAGER_RT_UNKNOWN:
		log_msg(LOGL_DEBUG, "realtime: unknown event (topic %s)",
		        ev->topic != NULL ? ev->topic : "none");
		realtime_count(rt, &rt->stats.unknown);
		goto drop;
	default:
		break;
	}
	if (ev->unknown_fields > 0)
		log_msg(LOGL_DEBUG, "realtime: %s event with %u unknown fields",
		        voyager_rt_kind_name(ev->kind), ev->unknown_fields);
	realtime_count(rt, &rt->stats.events);
	if (rt->hooks.event != NULL) {
		rt->hooks.event(rt->hooks.arg, ev);
		return 0;
	}
drop:
	voyager_rt_event_free(ev);
	free(ev);
	return 0;
}

/* http_stream()'s sink: the bytes go to the parser. */
static int
realtime_sink(void *arg, const char *data, size_t n)
{
	struct realtime *rt = arg;
	struct sse_stats ss;
	int rc = sse_feed(rt->sse, data, n);

	sse_stats_get(rt->sse, &ss);
	pthread_mutex_lock(&rt->lock);
	rt->stats.refused_lines = rt->refused_before + ss.refused;
	pthread_mutex_unlock(&rt->lock);
	return rc;
}

/* One connect, held until it ends.  rc of http_stream(), *status. */
static enum lc_err
realtime_connect(struct realtime *rt, long *status, struct lc_error *err)
{
	char session[64];
	const char *extra[] = {
	    session,
	    "x-li-accept: application/vnd.linkedin.normalized+json+2.1",
	    "x-li-query-accept: application/graphql", NULL};
	struct http_request req;
	struct sse_stats ss;
	enum lc_err rc;

	snprintf(session, sizeof session, "x-li-realtime-session: %s",
	         rt->uuid);
	memset(&req, 0, sizeof req);
	req.method = HTTP_GET;
	req.path = REALTIME_PATH;
	req.accept = "text/event-stream";
	req.flags = HTTP_F_MESSAGING;
	req.extra_headers = extra;

	http_session_copy_cookies(rt->fork, rt->parent);
	rt->sse = sse_new(0, realtime_on_event, rt);
	realtime_count(rt, &rt->stats.connects);
	rc = http_stream(rt->fork, &req, rt->cfg.idle_timeout_ms, realtime_sink,
	                 rt, status, err);
	sse_stats_get(rt->sse, &ss);
	pthread_mutex_lock(&rt->lock);
	rt->refused_before += ss.refused;
	rt->stats.refused_lines = rt->refused_before;
	pthread_mutex_unlock(&rt->lock);
	sse_free(rt->sse);
	rt->sse = NULL;
	return rc;
}

/* After an attempt that did not end by a stop: STOPPED (1: wait for a
 * kick), or a failure counted and RETRY or POLLING entered (0).  *wait
 * gets the deadline. */
static int
realtime_after(struct realtime *rt, enum lc_err rc, long status,
               struct lc_error *err, int64_t *deadline)
{
	uint64_t ms;

	if (status == 401 || status == 403 || (status >= 300 && status < 400) ||
	    rc == LC_EAUTH || rc == LC_ECHALLENGE) {
		if (err->code != LC_ECHALLENGE) {
			err->code = LC_EAUTH;
			if (err->next == LC_NEXT_NONE)
				lc_error_advise(err, LC_NEXT_LOGIN);
		}
		realtime_set_state(rt, REALTIME_STOPPED, 0, err);
		*deadline = -1;
		return 1;
	}
	if (status == 400) {
		pthread_mutex_lock(&rt->lock);
		http_uuid4(rt->uuid);
		pthread_mutex_unlock(&rt->lock);
		realtime_count(rt, &rt->stats.new_uuids);
	}
	if ((status >= 200 && status < 300) || rc == LC_ENETWORK)
		realtime_count(rt, &rt->stats.drops);
	if (rc == LC_OK)
		lc_error_set(err, LC_ENETWORK,
		             "The realtime stream was closed by the server.");
	rt->failures++;
	if (rt->failures >= rt->cfg.fail_limit) {
		ms = realtime_polling_ms(rt->failures - rt->cfg.fail_limit + 1,
		                         rt->cfg.polling_retry_ms,
		                         rt->cfg.polling_max_ms);
		*deadline = clock_mono_ms() + (int64_t)ms;
		realtime_set_state(rt, REALTIME_POLLING, *deadline, err);
		return 0;
	}
	ms = realtime_backoff_ms(rt->failures, rt->cfg.backoff_step_ms,
	                         rt->cfg.backoff_max_ms, ratelimit_jitter());
	if (err->retry_after_ms > 0 && (uint64_t)err->retry_after_ms > ms)
		ms = (uint64_t)err->retry_after_ms; /* a 429's Retry-After */
	*deadline = clock_mono_ms() + (int64_t)ms;
	realtime_set_state(rt, REALTIME_RETRY, *deadline, err);
	return 0;
}

static void *
realtime_main(void *arg)
{
	struct realtime *rt = arg;
	struct lc_error err;
	enum lc_err rc;
	int64_t deadline;
	long status;

	while (!realtime_stopping(rt)) {
		realtime_set_state(rt, REALTIME_CONNECTING, 0, NULL);
		lc_error_clear(&err);
		status = 0;
		rc = realtime_connect(rt, &status, &err);
		if (realtime_stopping(rt))
			break;
		if (realtime_after(rt, rc, status, &err, &deadline))
			rt->failures = 0; /* a kick after STOPPED starts anew */
		if (realtime_wait(rt, deadline))
			break;
	}
	realtime_set_state(rt, REALTIME_OFF, 0, NULL);
	return NULL;
}

enum lc_err
realtime_start(struct realtime *rt, struct lc_error *err)
{
	if (rt->running)
		return LC_OK;
	pthread_mutex_lock(&rt->lock);
	rt->stopping = 0;
	rt->kicked = 0;
	pthread_mutex_unlock(&rt->lock);
	http_cancel_reset(rt->fork);
	rt->failures = 0;
	if (pthread_create(&rt->th, NULL, realtime_main, rt) != 0)
		return lc_error_set(err, LC_EIO,
		                    "linchat could not start the realtime "
		                    "thread.");
	rt->running = 1;
	return LC_OK;
}

void
realtime_stop(struct realtime *rt)
{
	if (rt == NULL || !rt->running)
		return;
	pthread_mutex_lock(&rt->lock);
	rt->stopping = 1;
	pthread_cond_broadcast(&rt->cond);
	pthread_mutex_unlock(&rt->lock);
	http_cancel(rt->fork);
	pthread_join(rt->th, NULL);
	rt->running = 0;
	http_cancel_reset(rt->fork); /* re-armed for a later start */
}

void
realtime_free(struct realtime *rt)
{
	if (rt == NULL)
		return;
	realtime_stop(rt);
	http_session_free(rt->fork);
	pthread_cond_destroy(&rt->cond);
	pthread_mutex_destroy(&rt->lock);
	free(rt->mailbox);
	free(rt);
}

void
realtime_kick(struct realtime *rt)
{
	pthread_mutex_lock(&rt->lock);
	rt->kicked = 1;
	pthread_cond_broadcast(&rt->cond);
	pthread_mutex_unlock(&rt->lock);
}

enum realtime_state
realtime_state_get(struct realtime *rt)
{
	enum realtime_state st;

	pthread_mutex_lock(&rt->lock);
	st = rt->state;
	pthread_mutex_unlock(&rt->lock);
	return st;
}

void
realtime_stats_get(struct realtime *rt, struct realtime_stats *out)
{
	pthread_mutex_lock(&rt->lock);
	*out = rt->stats;
	pthread_mutex_unlock(&rt->lock);
}

void
realtime_session_id(struct realtime *rt, char *out, size_t n)
{
	pthread_mutex_lock(&rt->lock);
	snprintf(out, n, "%s", rt->uuid);
	pthread_mutex_unlock(&rt->lock);
}
