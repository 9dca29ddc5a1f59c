/* test-realtime.c — core/realtime.c: the stream thread against the
 * simulator (events, drops, the shared budget) and against the scripted
 * server of mini-server.h (the exact request, 400, 401, 503, silence),
 * plus the backoff table.  The hooks record into a struct guarded by a
 * lock; tests wait for a condition with a deadline, never for a time. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "core/clock.h"
#include "core/http.h"
#include "core/ratelimit.h"
#include "core/realtime.h"
#include "tests/sim/sim-demo.h"
#include "tests/sim/simclient.h"
#include "tests/unit/mini-server.h"

#define SSE_HEAD                                                               \
	"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"               \
	"Transfer-Encoding: chunked\r\n\r\n"
/* A chunk with the ClientConnection event (0x4a bytes). */
#define SSE_CONNECTED                                                          \
	"4a\r\ndata: {\"com.linkedin.realtimefrontend.ClientConnection\":"     \
	"{\"id\":\"mini-1\"}}\n\n\r\n"

struct rec {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	enum realtime_state states[256];
	size_t nstates;
	struct lc_error why; /* the last one given */
	int64_t retry_at;
	int64_t state_at;         /* clock_mono_ms() when the last state came */
	int64_t polling_waits[8]; /* retry_at - now of each POLLING */
	size_t npolling;
	int nevents;
	char last_text[256];
	enum voyager_rt_kind last_kind;
};

static void
on_event(void *arg, struct voyager_rt_event *ev)
{
	struct rec *r = arg;

	pthread_mutex_lock(&r->lock);
	r->nevents++;
	r->last_kind = ev->kind;
	if (ev->has_message && ev->message.text != NULL)
		snprintf(r->last_text, sizeof r->last_text, "%s",
		         ev->message.text);
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
	voyager_rt_event_free(ev);
	free(ev);
}

static void
on_state(void *arg, enum realtime_state st, int64_t retry_at_ms,
         const struct lc_error *why)
{
	struct rec *r = arg;

	pthread_mutex_lock(&r->lock);
	if (r->nstates < sizeof r->states / sizeof r->states[0])
		r->states[r->nstates++] = st;
	if (why != NULL)
		r->why = *why;
	r->retry_at = retry_at_ms;
	r->state_at = clock_mono_ms();
	if (st == REALTIME_POLLING && r->npolling < 8)
		r->polling_waits[r->npolling++] = retry_at_ms - r->state_at;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

/* How many times st was entered. */
static size_t
entered(struct rec *r, enum realtime_state st)
{
	size_t i, n = 0;

	for (i = 0; i < r->nstates; i++)
		n += r->states[i] == st;
	return n;
}

/* Waits (up to 20 s) until st was entered at least n times. */
static int
wait_state(struct rec *r, enum realtime_state st, size_t n)
{
	int64_t deadline = clock_mono_ms() + 20000;
	struct timespec ts;
	int ok;

	pthread_mutex_lock(&r->lock);
	while (!(ok = entered(r, st) >= n) && clock_mono_ms() < deadline) {
		clock_mono_timespec(clock_mono_ms() + 50, &ts);
		pthread_cond_timedwait(&r->cond, &r->lock, &ts);
	}
	pthread_mutex_unlock(&r->lock);
	return ok;
}

static int
wait_event_text(struct rec *r, const char *text)
{
	int64_t deadline = clock_mono_ms() + 20000;
	struct timespec ts;
	int ok;

	pthread_mutex_lock(&r->lock);
	while (!(ok = strcmp(r->last_text, text) == 0) &&
	       clock_mono_ms() < deadline) {
		clock_mono_timespec(clock_mono_ms() + 50, &ts);
		pthread_cond_timedwait(&r->cond, &r->lock, &ts);
	}
	pthread_mutex_unlock(&r->lock);
	return ok;
}

struct world {
	struct sim *sim; /* or */
	struct mini *mini;
	struct http_session *h;
	struct realtime *rt;
	struct rec rec;
};

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

TestSuite(realtime, .init = setup, .timeout = 60);

/* A session on base with the demo cookies and a realtime on it (not
 * started) with small waits unless cfg says otherwise. */
static void
world_rt(struct world *w, const char *base, const struct realtime_config *cfg)
{
	struct http_config hc;
	struct realtime_config rc = {5, 50, 10000, 5, 600000, 0};
	struct realtime_hooks hooks = {on_event, on_state, &w->rec};
	struct lc_error err;
	pthread_condattr_t ca;

	pthread_mutex_init(&w->rec.lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&w->rec.cond, &ca);
	pthread_condattr_destroy(&ca);
	memset(&hc, 0, sizeof hc);
	hc.base_url = base;
	hc.rate_per_sec = 1000;
	hc.rate_burst = 1000;
	hc.rate_per_hour = 100000;
	lc_error_clear(&err);
	w->h = http_session_new(&hc, &err);
	cr_assert_not_null(w->h, "%s", err.msg);
	http_cookie_set(w->h, "li_at", SIM_DEMO_LI_AT);
	http_cookie_set(w->h, "JSESSIONID", SIM_DEMO_JSESSIONID);
	w->rt = realtime_new(w->h, SIM_DEMO_PROFILE_ID, cfg != NULL ? cfg : &rc,
	                     &hooks, &err);
	cr_assert_not_null(w->rt, "%s", err.msg);
	cr_assert_eq(realtime_state_get(w->rt), REALTIME_OFF);
	cr_assert_eq(realtime_start(w->rt, &err), LC_OK, "%s", err.msg);
}

static void
world_sim(struct world *w, const struct realtime_config *cfg)
{
	memset(w, 0, sizeof *w);
	w->sim = sim_start(NULL);
	cr_assert_not_null(w->sim, "the simulator did not start");
	world_rt(w, sim_base_url(w->sim), cfg);
}

static void
world_mini(struct world *w, const struct canned *c, size_t n,
           const struct realtime_config *cfg)
{
	char url[64];

	memset(w, 0, sizeof *w);
	w->mini = mini_start(c, n);
	snprintf(url, sizeof url, "http://127.0.0.1:%d", w->mini->port);
	world_rt(w, url, cfg);
}

static void
world_down(struct world *w)
{
	realtime_free(w->rt); /* before the session it forked */
	http_session_free(w->h);
	if (w->mini != NULL)
		mini_stop(w->mini);
	sim_stop(w->sim);
	pthread_cond_destroy(&w->rec.cond);
	pthread_mutex_destroy(&w->rec.lock);
}

static char *
mini_req(struct mini *m, size_t i)
{
	char *r;

	pthread_mutex_lock(&m->lock);
	r = i < m->nreqs ? xstrdup(m->reqs[i]) : NULL;
	pthread_mutex_unlock(&m->lock);
	return r;
}

/* The x-li-realtime-session value of request text q (caller frees). */
static char *
session_uuid(const char *q)
{
	const char *p = ci_find(q, "\nx-li-realtime-session: ");

	cr_assert_not_null(p, "no x-li-realtime-session header");
	p += strlen("\nx-li-realtime-session: ");
	return xstrndup(p, strcspn(p, "\r"));
}

Test(realtime, backoff_is_step_times_attempt_capped_and_jittered)
{
	int n;
	double base;
	uint64_t lo, hi;

	for (n = 1; n <= 40; n++) {
		base = n * 2000 < 60000 ? n * 2000 : 60000;
		lo = realtime_backoff_ms(n, 2000, 60000, 0);
		hi = realtime_backoff_ms(n, 2000, 60000, 0.999);
		cr_assert_eq(lo, (uint64_t)(base * 0.75), "attempt %d: %llu", n,
		             (unsigned long long)lo);
		cr_assert(hi + 1 >= (uint64_t)(base * 1.2495) &&
		              hi <= (uint64_t)(base * 1.2495) + 1,
		          "attempt %d: %llu", n, (unsigned long long)hi);
	}
	cr_assert_eq(realtime_backoff_ms(1, 0, 0, 0), 1500); /* defaults */
	cr_assert_eq(realtime_backoff_ms(0, 2000, 60000, 0), 1500);
	cr_assert_eq(realtime_backoff_ms(1000000, 2000, 60000, 0.5), 60000);
	cr_assert_str_eq(realtime_state_name(REALTIME_RETRY), "reconnecting");
	cr_assert_str_eq(realtime_state_name(REALTIME_LIVE), "live");
	cr_assert_str_eq(realtime_state_name(REALTIME_POLLING), "polling");
}

Test(realtime, connects_with_the_headers_of_section_7)
{
	static const struct canned c[] = {{SSE_HEAD SSE_CONNECTED, 0}};
	struct world w;
	char *q, *uuid;

	world_mini(&w, c, 1, NULL);
	cr_assert(wait_state(&w.rec, REALTIME_LIVE, 1));
	cr_assert_eq(realtime_state_get(w.rt), REALTIME_LIVE);
	q = mini_req(w.mini, 0);
	cr_assert_not_null(q);
	cr_assert(strncmp(q, "GET /realtime/connect?rc=1 HTTP/1.1\r\n", 37) ==
	              0,
	          "%s", q);
	cr_assert_not_null(ci_find(q, "\naccept: text/event-stream\r\n"));
	cr_assert_not_null(ci_find(q, "\ncsrf-token: " SIM_DEMO_CSRF "\r\n"));
	cr_assert_not_null(ci_find(q, "\nx-li-track: {"));
	cr_assert_not_null(
	    ci_find(q, "\nx-li-page-instance: urn:li:page:messaging_index;"));
	cr_assert_not_null(ci_find(q, "\nreferer: http://127.0.0.1:"));
	cr_assert_not_null(ci_find(
	    q,
	    "\nx-li-accept: application/vnd.linkedin.normalized+json+2.1\r\n"));
	cr_assert_not_null(
	    ci_find(q, "\nx-li-query-accept: application/graphql\r\n"));
	cr_assert_not_null(ci_find(q, "li_at=" SIM_DEMO_LI_AT));
	uuid = session_uuid(q);
	cr_assert_eq(strlen(uuid), 36, "%s", uuid);
	cr_assert_eq(uuid[14], '4', "not a v4 uuid: %s", uuid);
	free(uuid);
	free(q);
	world_down(&w);
}

Test(realtime, an_incoming_message_reaches_the_event_hook)
{
	struct realtime_stats st;
	struct world w;

	world_sim(&w, NULL);
	cr_assert(wait_state(&w.rec, REALTIME_LIVE, 1));
	free(sim_post(w.sim, "/__sim/incoming", "{\"text\":\"hello stream\"}"));
	cr_assert(wait_event_text(&w.rec, "hello stream"));
	cr_assert_eq(w.rec.last_kind, VOYAGER_RT_MESSAGE);
	realtime_stats_get(w.rt, &st);
	cr_assert_eq(st.connects, 1);
	cr_assert_eq(st.lives, 1);
	cr_assert_geq(st.events, 1);
	cr_assert_eq(sim_requests(w.sim, "realtime_connect"), 1);
	world_down(&w);
}

Test(realtime, a_drop_retries_and_goes_live_on_a_new_connect)
{
	struct ratelimit_state before, after;
	struct realtime_stats st;
	struct world w;

	world_sim(&w, NULL);
	cr_assert(wait_state(&w.rec, REALTIME_LIVE, 1));
	ratelimit_state_get(http_ratelimit(w.h), &before);
	free(sim_post(w.sim, "/__sim/realtime-drop", "{}"));
	cr_assert(wait_state(&w.rec, REALTIME_RETRY, 1));
	cr_assert(wait_state(&w.rec, REALTIME_LIVE, 2));
	cr_assert_eq(w.rec.why.code, LC_ENETWORK, "%s", w.rec.why.msg);
	realtime_stats_get(w.rt, &st);
	cr_assert_eq(st.connects, 2);
	cr_assert_eq(st.lives, 2);
	cr_assert_eq(st.drops, 1);
	cr_assert_eq(sim_requests(w.sim, "realtime_connect"), 2);
	/* The fork's connect was paid from the owner's budget. */
	ratelimit_state_get(http_ratelimit(w.h), &after);
	cr_assert_eq(after.used_hour, before.used_hour + 1);
	/* Still live after the reconnect: a message arrives. */
	free(sim_post(w.sim, "/__sim/incoming", "{\"text\":\"after drop\"}"));
	cr_assert(wait_event_text(&w.rec, "after drop"));
	world_down(&w);
}

Test(realtime, stop_ends_an_open_stream_and_a_wait_promptly)
{
	struct realtime_config slow = {60000, 60000, 600000, 5, 600000, 0};
	struct world w;
	int64_t t0;

	world_sim(&w, NULL);
	cr_assert(wait_state(&w.rec, REALTIME_LIVE, 1));
	t0 = clock_mono_ms();
	realtime_stop(w.rt);
	/* A hang guard, not a speed measure: "about a second" is the
	 * contract, a stuck thread would take the idle timeout. */
	cr_assert_lt(clock_mono_ms() - t0, 5000);
	cr_assert_eq(realtime_state_get(w.rt), REALTIME_OFF);
	realtime_stop(w.rt); /* idempotent */
	world_down(&w);

	/* Mid-wait: a drop with a minute of backoff, then stop. */
	world_sim(&w, &slow);
	cr_assert(wait_state(&w.rec, REALTIME_LIVE, 1));
	free(sim_post(w.sim, "/__sim/realtime-drop", "{}"));
	cr_assert(wait_state(&w.rec, REALTIME_RETRY, 1));
	cr_assert_gt(w.rec.retry_at, clock_mono_ms() + 10000);
	t0 = clock_mono_ms();
	realtime_stop(w.rt);
	cr_assert_lt(clock_mono_ms() - t0, 5000);
	world_down(&w);
}

Test(realtime, a_400_takes_a_new_session_uuid)
{
	static const struct canned c[] = {
	    {"HTTP/1.1 400 Bad Request\r\nContent-Length: 3\r\n\r\nbad", 0},
	    {SSE_HEAD SSE_CONNECTED, 0}};
	struct realtime_stats st;
	struct world w;
	char *q0, *q1, *u0, *u1;

	world_mini(&w, c, 2, NULL);
	cr_assert(wait_state(&w.rec, REALTIME_LIVE, 1));
	cr_assert_eq(entered(&w.rec, REALTIME_RETRY), 1);
	q0 = mini_req(w.mini, 0);
	q1 = mini_req(w.mini, 1);
	cr_assert_not_null(q1);
	u0 = session_uuid(q0);
	u1 = session_uuid(q1);
	cr_assert_str_neq(u0, u1);
	realtime_stats_get(w.rt, &st);
	cr_assert_eq(st.new_uuids, 1);
	cr_assert_eq(st.connects, 2);
	free(u0);
	free(u1);
	free(q0);
	free(q1);
	world_down(&w);
}

Test(realtime, a_401_stops_with_lc_eauth_until_a_kick)
{
	static const struct canned c[] = {
	    {"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n", 0},
	    {SSE_HEAD SSE_CONNECTED, 0}};
	struct realtime_stats st;
	struct world w;

	world_mini(&w, c, 2, NULL);
	cr_assert(wait_state(&w.rec, REALTIME_STOPPED, 1));
	cr_assert_eq(w.rec.why.code, LC_EAUTH, "%s", w.rec.why.msg);
	cr_assert_eq(w.rec.why.status, 401);
	cr_assert_eq(realtime_state_get(w.rt), REALTIME_STOPPED);
	realtime_stats_get(w.rt, &st);
	cr_assert_eq(st.connects, 1);
	realtime_kick(w.rt); /* the session was renewed */
	cr_assert(wait_state(&w.rec, REALTIME_LIVE, 1));
	realtime_stats_get(w.rt, &st);
	cr_assert_eq(st.connects, 2);
	world_down(&w);
}

Test(realtime, fail_limit_failures_fall_back_to_polling_until_a_kick)
{
	static const struct canned c[] = {
	    {"HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", 0},
	    {"HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", 0},
	    {"HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", 0},
	    {SSE_HEAD SSE_CONNECTED, 0}};
	struct realtime_config cfg = {5, 50, 10000, 3, 600000, 0};
	struct world w;

	world_mini(&w, c, 4, &cfg);
	cr_assert(wait_state(&w.rec, REALTIME_POLLING, 1));
	cr_assert_eq(entered(&w.rec, REALTIME_RETRY), 2);
	cr_assert_eq(w.rec.why.code, LC_ESERVER, "%s", w.rec.why.msg);
	cr_assert_gt(w.rec.retry_at, clock_mono_ms() + 60000);
	realtime_kick(w.rt);
	cr_assert(wait_state(&w.rec, REALTIME_LIVE, 1));
	world_down(&w);
}

Test(realtime, silence_past_the_idle_timeout_is_a_drop)
{
	static const struct canned c[] = {{"HANG", 0}};
	struct realtime_config cfg = {5, 50, 200, 5, 600000, 0};
	struct realtime_stats st;
	struct world w;

	world_mini(&w, c, 1, &cfg);
	cr_assert(wait_state(&w.rec, REALTIME_RETRY, 1));
	cr_assert_eq(w.rec.why.code, LC_ENETWORK, "%s", w.rec.why.msg);
	realtime_stats_get(w.rt, &st);
	cr_assert_geq(st.drops, 1);
	cr_assert_eq(st.lives, 0);
	world_down(&w);
}

Test(realtime, a_429_waits_its_retry_after)
{
	static const struct canned c[] = {
	    {"HTTP/1.1 429 Slow down\r\nRetry-After: 2\r\n"
	     "Content-Length: 0\r\n\r\n",
	     0},
	    {SSE_HEAD SSE_CONNECTED, 0}};
	struct world w;

	world_mini(&w, c, 2, NULL);
	cr_assert(wait_state(&w.rec, REALTIME_RETRY, 1));
	pthread_mutex_lock(&w.rec.lock);
	/* The planned wait, not a measured one: the backoff here is 5 ms. */
	cr_assert_geq(w.rec.retry_at - w.rec.state_at, 1900);
	cr_assert_eq(w.rec.why.code, LC_ERATE, "%s", w.rec.why.msg);
	pthread_mutex_unlock(&w.rec.lock);
	realtime_kick(w.rt);
	cr_assert(wait_state(&w.rec, REALTIME_LIVE, 1));
	world_down(&w);
}

Test(realtime, going_live_resets_the_failure_count)
{
	/* fail_limit 2: a refusal, then a stream that goes live and ends,
	 * would be two failures in a row without the reset on LIVE. */
	static const struct canned c[] = {
	    {"HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", 0},
	    {"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
	     "Content-Length: 74\r\nConnection: close\r\n\r\n"
	     "data: {\"com.linkedin.realtimefrontend.ClientConnection\":"
	     "{\"id\":\"mini-1\"}}\n\n",
	     0},
	    {SSE_HEAD SSE_CONNECTED, 0}};
	struct realtime_config cfg = {5, 50, 10000, 2, 600000, 0};
	struct realtime_stats st;
	struct world w;

	world_mini(&w, c, 3, &cfg);
	cr_assert(wait_state(&w.rec, REALTIME_LIVE, 2));
	cr_assert_eq(entered(&w.rec, REALTIME_POLLING), 0);
	cr_assert_eq(entered(&w.rec, REALTIME_RETRY), 2);
	realtime_stats_get(w.rt, &st);
	cr_assert_eq(st.drops, 1);
	world_down(&w);
}

Test(realtime, polling_waits_double_up_to_the_maximum)
{
	cr_assert_eq(realtime_polling_ms(1, 300000, 1800000), 300000);
	cr_assert_eq(realtime_polling_ms(2, 300000, 1800000), 600000);
	cr_assert_eq(realtime_polling_ms(3, 300000, 1800000), 1200000);
	cr_assert_eq(realtime_polling_ms(4, 300000, 1800000), 1800000);
	cr_assert_eq(realtime_polling_ms(40, 300000, 1800000), 1800000);
	cr_assert_eq(realtime_polling_ms(1, 0, 0), 300000);
	cr_assert_eq(realtime_polling_ms(5, 0, 0), 1800000);
}

Test(realtime, each_failed_polling_retry_waits_twice_as_long)
{
	/* fail_limit 1: every refusal is a POLLING wait of 40, 80, 120 ms
	 * (capped), planned as retry_at - state_at. */
	static const struct canned c[] = {
	    {"HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", 0},
	    {"HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", 0},
	    {"HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", 0},
	    {SSE_HEAD SSE_CONNECTED, 0}};
	struct realtime_config cfg = {5, 50, 10000, 1, 40, 120};
	struct world w;
	int64_t *planned = w.rec.polling_waits;

	world_mini(&w, c, 4, &cfg);
	cr_assert(wait_state(&w.rec, REALTIME_LIVE, 1));
	cr_assert_eq(w.rec.npolling, 3);
	cr_assert(planned[0] >= 38 && planned[0] <= 40, "%lld",
	          (long long)planned[0]);
	cr_assert(planned[1] >= 78 && planned[1] <= 80, "%lld",
	          (long long)planned[1]);
	cr_assert(planned[2] >= 118 && planned[2] <= 120, "%lld",
	          (long long)planned[2]);
	world_down(&w);
}
