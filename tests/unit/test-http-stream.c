/* test-http-stream.c — core/http-stream.c: http_session_fork(),
 * http_session_copy_cookies() and http_stream() against the scripted
 * server of mini-server.h (which keeps every request's raw text). */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "core/buf.h"
#include "core/http.h"
#include "core/ratelimit.h"
#include "tests/unit/mini-server.h"

#define SSE_HEAD                                                               \
	"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"               \
	"Transfer-Encoding: chunked\r\n\r\n"

struct got {
	struct buf b;
	int calls;
	int stop_after; /* > 0: the sink stops at this call */
	atomic_int seen;
};

static int
sink(void *arg, const char *data, size_t n)
{
	struct got *g = arg;

	buf_add(&g->b, data, n);
	g->calls++;
	atomic_store(&g->seen, 1);
	return g->stop_after > 0 && g->calls >= g->stop_after;
}

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

TestSuite(http_stream, .init = setup);

static struct http_session *
session_for(struct mini *m)
{
	struct http_config cfg;
	struct lc_error err;
	struct http_session *s;
	char url[64];

	snprintf(url, sizeof url, "http://127.0.0.1:%d", m->port);
	memset(&cfg, 0, sizeof cfg);
	cfg.base_url = url;
	cfg.user_agent = "test-agent/1";
	cfg.rate_per_sec = 1000;
	cfg.rate_burst = 1000;
	cfg.rate_per_hour = 100000;
	lc_error_clear(&err);
	s = http_session_new(&cfg, &err);
	cr_assert_not_null(s, "%s", err.msg);
	http_cookie_set(s, "li_at", "AQEtoken");
	http_cookie_set(s, "JSESSIONID", "\"ajax:42\"");
	return s;
}

static const char *const extra[] = {"x-li-realtime-session: abc-123",
                                    "x-li-query-accept: application/graphql",
                                    NULL};

static enum lc_err
stream(struct http_session *s, long idle_ms, struct got *g, long *status,
       struct lc_error *err)
{
	struct http_request req;

	memset(&req, 0, sizeof req);
	req.method = HTTP_GET;
	req.path = "/realtime/connect?rc=1";
	req.accept = "text/event-stream";
	req.flags = HTTP_F_MESSAGING;
	req.extra_headers = extra;
	buf_init(&g->b, 0);
	lc_error_clear(err);
	return http_stream(s, &req, idle_ms, sink, g, status, err);
}

static char *
req_text(struct mini *m, size_t i)
{
	char *r;

	pthread_mutex_lock(&m->lock);
	r = i < m->nreqs ? m->reqs[i] : NULL;
	pthread_mutex_unlock(&m->lock);
	return r;
}

Test(http_stream, fork_shares_the_budget_and_copies_cookies)
{
	static const struct canned r[] = {{"HANG", 0}};
	struct mini *m = mini_start(r, 1);
	struct http_session *s = session_for(m), *f;
	struct lc_error err;
	char *v;

	f = http_session_fork(s, &err);
	cr_assert_not_null(f, "%s", err.msg);
	cr_assert_eq(http_ratelimit(f), http_ratelimit(s));
	cr_assert_str_eq(http_base_url(f), http_base_url(s));
	cr_assert_str_eq(http_host(f), http_host(s));
	cr_assert_str_eq(http_user_agent(f), "test-agent/1");
	v = http_csrf_token(f);
	cr_assert_str_eq(v, "ajax:42");
	free(v);

	/* The fork's jar is a copy: changes reach it only when copied. */
	http_cookie_set(s, "li_at", "AQErenewed");
	http_cookie_set(f, "stale", "1");
	v = http_cookie_get(f, "li_at");
	cr_assert_str_eq(v, "AQEtoken");
	free(v);
	http_session_copy_cookies(f, s);
	v = http_cookie_get(f, "li_at");
	cr_assert_str_eq(v, "AQErenewed");
	free(v);
	cr_assert_null(http_cookie_get(f, "stale"));
	http_session_free(f); /* before the parent: it borrows the budget */
	http_session_free(s);
	mini_stop(m);
}

Test(http_stream, body_goes_to_the_sink_with_the_stream_headers)
{
	static const struct canned r[] = {
	    {"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
	     "Content-Length: 24\r\nConnection: close\r\n\r\n"
	     "data: {\"a\":1}\n\ndata: b\n\n",
	     0}};
	struct mini *m = mini_start(r, 1);
	struct http_session *s = session_for(m), *f;
	struct lc_error err;
	struct got g = {0};
	long status = 0;
	char *q, *page;

	f = http_session_fork(s, &err);
	cr_assert_eq(stream(f, 5000, &g, &status, &err), LC_OK, "%s", err.msg);
	cr_assert_eq(status, 200);
	cr_assert_str_eq(buf_cstr(&g.b), "data: {\"a\":1}\n\ndata: b\n\n");
	q = req_text(m, 0);
	cr_assert_not_null(q);
	cr_assert(strncmp(q, "GET /realtime/connect?rc=1 HTTP/1.1\r\n", 37) ==
	          0);
	cr_assert_not_null(ci_find(q, "\naccept: text/event-stream\r\n"));
	cr_assert_not_null(ci_find(q, "\ncsrf-token: ajax:42\r\n"));
	cr_assert_not_null(ci_find(q, "\nx-li-realtime-session: abc-123\r\n"));
	cr_assert_not_null(
	    ci_find(q, "\nx-li-query-accept: application/graphql\r\n"));
	cr_assert_not_null(ci_find(q, "\nx-li-track: {"));
	cr_assert_not_null(ci_find(q, "\nuser-agent: test-agent/1\r\n"));
	cr_assert_not_null(ci_find(q, "li_at=AQEtoken"));
	/* The fork sends its parent's page instance. */
	page = ci_find(q, "\nx-li-page-instance: urn:li:page:messaging_index;");
	cr_assert_not_null(page);
	buf_release(&g.b);
	http_session_free(f);
	http_session_free(s);
	mini_stop(m);
}

Test(http_stream, a_cut_stream_is_a_network_error)
{
	static const struct canned r[] = {
	    {"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close"
	     "\r\n\r\ndata: x\n\n",
	     0}};
	struct mini *m = mini_start(r, 1);
	struct http_session *s = session_for(m);
	struct lc_error err;
	struct got g = {0};
	long status = 0;

	cr_assert_eq(stream(s, 5000, &g, &status, &err), LC_ENETWORK, "%s",
	             err.msg);
	cr_assert_eq(status, 200);
	cr_assert_str_eq(buf_cstr(&g.b), "data: x\n\n");
	buf_release(&g.b);
	http_session_free(s);
	mini_stop(m);
}

Test(http_stream, refusals_map_like_every_call_and_skip_the_sink)
{
	static const struct canned r[] = {
	    {"HTTP/1.1 401 Unauthorized\r\nContent-Length: 6\r\n\r\nnope!!", 0},
	    {"HTTP/1.1 302 Found\r\nLocation: /uas/login?x=1\r\n"
	     "Content-Length: 0\r\n\r\n",
	     0},
	    {"HTTP/1.1 302 Found\r\nLocation: /checkpoint/challenge/1\r\n"
	     "Content-Length: 0\r\n\r\n",
	     0},
	    {"HTTP/1.1 503 Busy\r\nContent-Length: 4\r\n\r\nbusy", 0},
	    {"HTTP/1.1 400 Bad\r\nContent-Length: 3\r\n\r\nbad", 0}};
	static const enum lc_err want[] = {LC_EAUTH, LC_EAUTH, LC_ECHALLENGE,
	                                   LC_ESERVER, LC_ESERVER};
	static const long st[] = {401, 302, 302, 503, 400};
	struct mini *m = mini_start(r, 5);
	struct http_session *s = session_for(m);
	struct lc_error err;
	struct got g = {0};
	long status;
	size_t i;

	for (i = 0; i < 5; i++) {
		status = 0;
		cr_assert_eq(stream(s, 5000, &g, &status, &err), want[i],
		             "answer %zu: %s", i, err.msg);
		cr_assert_eq(status, st[i]);
		cr_assert_eq(g.calls, 0, "a refusal reached the sink");
		if (i == 2)
			cr_assert_not_null(strstr(err.detail, "/checkpoint/"));
		buf_release(&g.b);
	}
	/* One attempt each: a 503 is not retried here. */
	cr_assert_eq(m->nreqs, 5);
	http_session_free(s);
	mini_stop(m);
}

Test(http_stream, silence_past_the_idle_timeout_is_a_drop)
{
	static const struct canned r[] = {{"HANG", 0}};
	struct mini *m = mini_start(r, 1);
	struct http_session *s = session_for(m);
	struct lc_error err;
	struct got g = {0};
	long status = 0;

	/* No byte at all: not even a status line. */
	cr_assert_eq(stream(s, 200, &g, &status, &err), LC_ENETWORK, "%s",
	             err.msg);
	cr_assert_eq(status, 0);
	buf_release(&g.b);
	mini_stop(m);
	http_session_free(s);
}

Test(http_stream, silence_after_some_bytes_is_a_drop)
{
	static const struct canned r[] = {{SSE_HEAD "3\r\nab\n\r\n", 0}};
	struct mini *m = mini_start(r, 1);
	struct http_session *s = session_for(m);
	struct lc_error err;
	struct got g = {0};
	long status = 0;

	cr_assert_eq(stream(s, 200, &g, &status, &err), LC_ENETWORK, "%s",
	             err.msg);
	cr_assert_eq(status, 200);
	cr_assert_str_eq(buf_cstr(&g.b), "ab\n");
	cr_assert_not_null(strstr(err.msg, "200 ms"), "%s", err.msg);
	buf_release(&g.b);
	http_session_free(s);
	mini_stop(m);
}

struct canceler {
	struct http_session *s;
	struct got *g;
};

static void *
cancel_main(void *arg)
{
	struct canceler *c = arg;

	while (!atomic_load(&c->g->seen))
		usleep(1000);
	http_cancel(c->s);
	return NULL;
}

Test(http_stream, cancel_from_another_thread_ends_an_open_stream)
{
	static const struct canned r[] = {{SSE_HEAD "3\r\nab\n\r\n", 0}};
	struct mini *m = mini_start(r, 1);
	struct http_session *s = session_for(m);
	struct lc_error err;
	struct got g = {0};
	struct canceler c = {s, &g};
	pthread_t t;
	long status = 0;

	atomic_init(&g.seen, 0);
	pthread_create(&t, NULL, cancel_main, &c);
	/* An idle timeout far beyond the test's: only the cancel ends it. */
	cr_assert_eq(stream(s, 600000, &g, &status, &err), LC_ECANCELED, "%s",
	             err.msg);
	pthread_join(t, NULL);
	cr_assert_str_eq(buf_cstr(&g.b), "ab\n");
	buf_release(&g.b);
	/* Canceled stays canceled until re-armed: no request is sent. */
	cr_assert_eq(stream(s, 600000, &g, &status, &err), LC_ECANCELED);
	cr_assert_eq(m->nreqs, 1);
	buf_release(&g.b);
	http_session_free(s);
	mini_stop(m);
}

Test(http_stream, the_sink_can_stop_the_stream)
{
	static const struct canned r[] = {{SSE_HEAD "3\r\nab\n\r\n", 0}};
	struct mini *m = mini_start(r, 1);
	struct http_session *s = session_for(m);
	struct lc_error err;
	struct got g = {0};
	long status = 0;

	g.stop_after = 1;
	cr_assert_eq(stream(s, 600000, &g, &status, &err), LC_ECANCELED, "%s",
	             err.msg);
	cr_assert_eq(g.calls, 1);
	buf_release(&g.b);
	http_session_free(s);
	mini_stop(m);
}

Test(http_stream, a_fork_spends_the_parents_budget)
{
	static const struct canned r[] = {
	    {"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close"
	     "\r\n\r\n",
	     0}};
	struct mini *m = mini_start(r, 1);
	struct http_session *s = session_for(m), *f;
	struct ratelimit_state before, after;
	struct lc_error err;
	struct got g = {0};
	long status = 0;

	f = http_session_fork(s, &err);
	ratelimit_state_get(http_ratelimit(s), &before);
	cr_assert_eq(stream(f, 5000, &g, &status, &err), LC_OK, "%s", err.msg);
	ratelimit_state_get(http_ratelimit(s), &after);
	cr_assert_eq(after.used_hour, before.used_hour + 1);
	buf_release(&g.b);
	http_session_free(f);
	http_session_free(s);
	mini_stop(m);
}
