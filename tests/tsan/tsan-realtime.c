/* tsan-realtime.c — the realtime thread under ThreadSanitizer.
 *
 * The stream runs on its fork while this thread, its owner, performs
 * requests on the parent session, renews a cookie, reads the state and
 * the stats, injects messages, drops the stream and kicks it, and finally
 * stops it mid-stream.  TSan is the assertion (halt_on_error=1); the
 * program also checks that the messages arrived and the stream came back.
 */
#include <curl/curl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/http.h"
#include "core/realtime.h"
#include "tests/sim/simclient.h"

static atomic_int events, lives;

static void
on_event(void *arg, struct voyager_rt_event *ev)
{
	(void)arg;
	atomic_fetch_add(&events, 1);
	voyager_rt_event_free(ev);
	free(ev);
}

static void
on_state(void *arg, enum realtime_state st, int64_t retry_at_ms,
         const struct lc_error *why)
{
	(void)arg;
	(void)retry_at_ms;
	(void)why;
	if (st == REALTIME_LIVE)
		atomic_fetch_add(&lives, 1);
}

/* Waits up to 20 s for *counter >= n, doing requests on h meanwhile. */
static int
busy_wait(struct http_session *h, struct realtime *rt, atomic_int *counter,
          int n)
{
	struct http_request req = {
	    HTTP_GET, "/voyager/api/me", NULL, NULL, NULL, 0, 0, NULL};
	struct http_response resp;
	struct realtime_stats st;
	int64_t deadline = clock_mono_ms() + 20000;

	while (atomic_load(counter) < n && clock_mono_ms() < deadline) {
		http_do(h, &req, &resp, NULL);
		http_response_free(&resp);
		http_cookie_set(h, "lang", "v=2&lang=en-us");
		realtime_state_get(rt);
		realtime_stats_get(rt, &st);
	}
	return atomic_load(counter) >= n;
}

static int
fail(const char *what)
{
	fprintf(stderr, "tsan-realtime: %s\n", what);
	return 1;
}

int
main(void)
{
	struct realtime_config rc = {5, 50, 10000, 5, 600000, 0};
	struct realtime_hooks hooks = {on_event, on_state, NULL};
	struct http_config cfg;
	struct lc_error err;
	struct http_session *h;
	struct realtime *rt;
	struct sim *sim;
	int i, ret = 0;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((sim = sim_start(NULL)) == NULL)
		return fail("the simulator did not start");
	memset(&cfg, 0, sizeof cfg);
	cfg.base_url = sim_base_url(sim);
	cfg.rate_per_sec = 10000;
	cfg.rate_burst = 10000;
	cfg.rate_per_hour = 1000000;
	lc_error_clear(&err);
	if ((h = http_session_new(&cfg, &err)) == NULL)
		return fail(err.msg);
	http_cookie_set(h, "li_at", SIM_DEMO_LI_AT);
	http_cookie_set(h, "JSESSIONID", SIM_DEMO_JSESSIONID);
	atomic_init(&events, 0);
	atomic_init(&lives, 0);
	rt = realtime_new(h, SIM_DEMO_PROFILE_ID, &rc, &hooks, &err);
	if (rt == NULL || realtime_start(rt, &err) != LC_OK)
		return fail(err.msg);
	if (!busy_wait(h, rt, &lives, 1))
		ret = fail("the stream did not go live");
	for (i = 0; i < 5; i++)
		free(sim_post(sim, "/__sim/incoming", "{}"));
	if (!busy_wait(h, rt, &events, 5))
		ret = fail("the messages did not arrive");
	free(sim_post(sim, "/__sim/realtime-drop", "{}"));
	realtime_kick(rt);
	if (!busy_wait(h, rt, &lives, 2))
		ret = fail("the stream did not come back");
	realtime_stop(rt);
	printf("tsan-realtime: %d events, %d times live\n",
	       atomic_load(&events), atomic_load(&lives));
	realtime_free(rt);
	http_session_free(h);
	sim_stop(sim);
	curl_global_cleanup();
	return ret;
}
