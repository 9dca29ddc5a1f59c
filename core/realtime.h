/* realtime.h — the realtime event stream (API.md §7): one thread that
 * holds GET /realtime/connect open, parses it (sse.h, voyager-rt.h) and
 * hands every event to its owner, reconnecting with backoff.
 *
 * The thread runs on its own http session, a fork of the owner's
 * (http_session_fork()): the same base URL, user agent and request budget
 * (every connect spends a token of the one budget), the owner's cookies
 * copied at every connect.  It never touches the model or the store: the
 * owner (the worker) gets events and state changes through the hooks,
 * called on the realtime thread, and queues them as its own jobs.
 *
 * States: CONNECTING → LIVE (after the ClientConnection event; every
 * entry into LIVE means "resync once now") → on a drop, RETRY with the
 * time of the next attempt (backoff 2 s × attempt, at most 60 s, ±25 %
 * jitter) → CONNECTING …  After fail_limit failed attempts in a row the
 * state is POLLING (the owner polls as it did before the stream) and the
 * thread tries again after polling_retry_ms, the wait doubling with every
 * attempt that fails again up to polling_max_ms (realtime_polling_ms()).
 * A 400 takes a new x-li-realtime-session uuid and counts as a failure; a
 * 401, 403 or any redirect is STOPPED (hooks get LC_EAUTH or
 * LC_ECHALLENGE) and the thread waits for realtime_kick().  No byte for
 * idle_timeout_ms (heartbeats included) is a drop.
 */
#ifndef LC_REALTIME_H
#define LC_REALTIME_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/http.h"
#include "core/voyager-rt.h"

enum realtime_state {
	REALTIME_OFF = 0, /* not started, or stopped */
	REALTIME_CONNECTING,
	REALTIME_LIVE,
	REALTIME_RETRY,   /* waiting to reconnect (retry_at_ms) */
	REALTIME_POLLING, /* gave up for now; tries again later */
	REALTIME_STOPPED  /* session gone; waits for realtime_kick() */
};

struct realtime_config {
	long backoff_step_ms;  /* 0: 2 000 (attempt n waits n × step) */
	long backoff_max_ms;   /* 0: 60 000 */
	long idle_timeout_ms;  /* 0: 120 000 */
	int fail_limit;        /* 0: 5 */
	long polling_retry_ms; /* 0: 300 000 */
	long polling_max_ms;   /* 0: 1 800 000 (at least polling_retry_ms) */
};

/* Both hooks run on the realtime thread, one at a time, in the order things
 * happened, with no lock of the realtime held.  They must be quick and
 * must never wait for the owner (queue a job and return): while a hook
 * runs, the stream is not read.  Neither may call realtime_stop() or
 * realtime_free(). */
struct realtime_hooks {
	/* Every event but CONNECTED and HEARTBEAT (those the thread handles
	 * itself); the callee owns ev (voyager_rt_event_free() and free()). */
	void (*event)(void *arg, struct voyager_rt_event *ev);
	/* Every state change.  retry_at_ms: clock_mono_ms() of the next
	 * attempt (RETRY, POLLING), else 0.  why: the failure behind RETRY,
	 * POLLING or STOPPED, else NULL. */
	void (*state)(void *arg, enum realtime_state st, int64_t retry_at_ms,
	              const struct lc_error *why);
	void *arg;
};

struct realtime_stats {
	unsigned long connects; /* attempts */
	unsigned long lives;    /* ClientConnection seen */
	unsigned long drops;    /* a live or connecting stream lost */
	unsigned long events;   /* passed to hooks.event */
	unsigned long heartbeats;
	unsigned long unknown;       /* events of unknown topics or envelopes */
	unsigned long bad;           /* data that did not parse */
	unsigned long refused_lines; /* SSE lines over the limit */
	unsigned long new_uuids;     /* after a 400 */
};

/* A stopped stream on a fork of parent (borrowed: must outlive rt; only
 * its cookies and budget are read, under its lock).  mailbox: the
 * signed-in user's profile <ID> (copied).  cfg and hooks are copied. */
struct realtime *realtime_new(struct http_session *parent, const char *mailbox,
                              const struct realtime_config *cfg,
                              const struct realtime_hooks *hooks,
                              struct lc_error *err);
/* Starts the thread.  LC_EIO if it cannot.  Once. */
enum lc_err realtime_start(struct realtime *rt, struct lc_error *err);
/* Cuts the stream and joins the thread, within about a second.
 * Idempotent; not from a hook. */
void realtime_stop(struct realtime *rt);
void realtime_free(struct realtime *rt);
/* Try to connect now: after STOPPED (the session was renewed) or during a
 * RETRY or POLLING wait.  Any thread. */
void realtime_kick(struct realtime *rt);
enum realtime_state realtime_state_get(struct realtime *rt);
void realtime_stats_get(struct realtime *rt, struct realtime_stats *out);
/* The wait before attempt n (n ≥ 1) with jitter j in [0, 1): n × step,
 * at most max, then scaled by 0.75 + j / 2.  Pure. */
uint64_t realtime_backoff_ms(int attempt, long step_ms, long max_ms, double j);
/* The wait in POLLING after the n-th failed attempt there (n ≥ 1):
 * retry_ms doubled n - 1 times, at most max_ms (so 5, 10, 20, 30, 30 …
 * minutes with the defaults).  Pure. */
uint64_t realtime_polling_ms(int n, long retry_ms, long max_ms);
/* The x-li-realtime-session uuid the stream uses (for the heartbeat),
 * copied into out (n bytes).  Any thread. */
void realtime_session_id(struct realtime *rt, char *out, size_t n);
/* "live", "reconnecting", ...: a state's name (static). */
const char *realtime_state_name(enum realtime_state st);

#endif
