/* test-http.c — core/http against a scripted server in the test itself.
 *
 * The server answers each request with the next canned response and keeps
 * the raw request text, so the tests check what was sent (headers,
 * cookies) as well as how the answer was understood.
 */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "tui/advice.h"
#include "core/buf.h"
#include "core/http.h"
#include "core/xmalloc.h"

#include "tests/unit/mini-server.h"

static struct http_session *
session_for(struct mini *m, struct http_config *cfg)
{
	struct http_config dflt = {0};
	struct lc_error err;
	struct http_session *s;
	char url[64];

	if (cfg == NULL) {
		cfg = &dflt;
		cfg->max_retries = -1;
	}
	snprintf(url, sizeof url, "http://127.0.0.1:%d", m->port);
	cfg->base_url = url;
	cfg->rate_per_sec = 1000;
	cfg->rate_burst = 1000;
	cfg->rate_per_hour = 100000;
	if (cfg->backoff_base_ms == 0)
		cfg->backoff_base_ms = 5;
	s = http_session_new(cfg, &err);
	cr_assert_not_null(s, "%s", err.msg);
	return s;
}

static enum lc_err
get(struct http_session *s, const char *path, unsigned flags,
    struct http_response *resp, struct lc_error *err)
{
	struct http_request req = {HTTP_GET, path, NULL,  NULL,
	                           NULL,     0,    flags, NULL};

	return http_do(s, &req, resp, err);
}

static void
init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

static void
fini(void)
{
	curl_global_cleanup();
}

TestSuite(http, .init = init, .fini = fini, .timeout = 30);

#define OK_JSON                                                                \
	"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"                \
	"Content-Length: 2\r\n\r\n{}"

Test(http, sends_csrf_token_without_quotes_and_the_cookies)
{
	struct canned c[] = {{OK_JSON, 0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;
	struct lc_error err;

	http_cookie_set(s, "JSESSIONID", "\"ajax:123\"");
	http_cookie_set(s, "li_at", "AQEDAT");
	cr_assert_eq(get(s, "/voyager/api/me", 0, &resp, &err), LC_OK);
	cr_assert_str_eq(buf_cstr(&resp.body), "{}");
	cr_assert_not_null(ci_find(m->reqs[0], "\r\ncsrf-token: ajax:123\r\n"));
	cr_assert_not_null(
	    ci_find(m->reqs[0],
	            "\r\nCookie: JSESSIONID=\"ajax:123\"; li_at=AQEDAT\r\n"));
	cr_assert_not_null(
	    ci_find(m->reqs[0], "x-restli-protocol-version: 2.0.0"));
	cr_assert_not_null(ci_find(m->reqs[0], "x-li-lang: en_US"));
	cr_assert_not_null(
	    ci_find(m->reqs[0], "accept-language: en-US,en;q=0.9"));
	cr_assert_not_null(ci_find(m->reqs[0], "user-agent: Mozilla/5.0"));
	cr_assert_not_null(ci_find(m->reqs[0], "accept: application/json"));
	cr_assert_null(ci_find(m->reqs[0], "x-li-track"));
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, messaging_requests_carry_track_page_instance_and_referer)
{
	struct canned c[] = {{OK_JSON, 0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;
	char want[128];

	cr_assert_eq(get(s, "/voyager/api/x", HTTP_F_MESSAGING, &resp, NULL),
	             LC_OK);
	cr_assert_not_null(
	    ci_find(m->reqs[0], "x-li-track: {\"clientVersion\""));
	cr_assert_not_null(ci_find(
	    m->reqs[0], "x-li-page-instance: urn:li:page:messaging_index;"));
	snprintf(want, sizeof want, "referer: http://127.0.0.1:%d/messaging/",
	         m->port);
	cr_assert_not_null(ci_find(m->reqs[0], want));
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, login_requests_send_android_headers_and_no_csrf)
{
	struct canned c[] = {{OK_JSON, 0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;

	http_cookie_set(s, "JSESSIONID", "\"ajax:9\"");
	cr_assert_eq(get(s, "/uas/authenticate", HTTP_F_LOGIN, &resp, NULL),
	             LC_OK);
	cr_assert_not_null(
	    ci_find(m->reqs[0], "x-li-user-agent: LIAuthLibrary:0.0.3"));
	cr_assert_not_null(ci_find(m->reqs[0], "user-agent: ANDROID OS"));
	cr_assert_not_null(ci_find(m->reqs[0], "x-user-locale: en_US"));
	cr_assert_null(ci_find(m->reqs[0], "csrf-token"));
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, set_cookie_fills_the_jar_and_keeps_quotes)
{
	struct canned c[] = {
	    {"HTTP/1.1 200 OK\r\n"
	     "Set-Cookie: JSESSIONID=\"ajax:42\"; Path=/; Secure\r\n"
	     "Set-Cookie: li_at=AQEabc==; HttpOnly\r\n"
	     "Content-Length: 2\r\n\r\n{}",
	     0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;
	char *v, *dump;

	cr_assert_eq(get(s, "/x", 0, &resp, NULL), LC_OK);
	v = http_cookie_get(s, "JSESSIONID");
	cr_assert_str_eq(v, "\"ajax:42\"");
	free(v);
	v = http_csrf_token(s);
	cr_assert_str_eq(v, "ajax:42");
	free(v);
	dump = http_cookies_dump(s);
	cr_assert_str_eq(dump, "JSESSIONID\t\"ajax:42\"\nli_at\tAQEabc==\n");
	http_cookies_clear(s);
	cr_assert_null(http_cookie_get(s, "li_at"));
	http_cookies_load(s, dump);
	v = http_cookie_get(s, "li_at");
	cr_assert_str_eq(v, "AQEabc==");
	free(v);
	free(dump);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, li_at_delete_me_ends_the_session)
{
	struct canned c[] = {{"HTTP/1.1 200 OK\r\n"
	                      "Set-Cookie: li_at=\"delete me\"; Max-Age=0\r\n"
	                      "Content-Length: 2\r\n\r\n{}",
	                      0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;
	struct lc_error err;

	http_cookie_set(s, "li_at", "AQE");
	cr_assert_eq(get(s, "/x", 0, &resp, &err), LC_EAUTH);
	cr_assert_null(http_cookie_get(s, "li_at"));
	cr_assert_eq(err.next, LC_NEXT_LOGIN);
	advice_apply(&err, ADVICE_CLI);
	cr_assert_not_null(strstr(err.msg, "linchat login"), "%s", err.msg);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, status_401_is_an_expired_session)
{
	struct canned c[] = {
	    {"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n", 0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;
	struct lc_error err;

	cr_assert_eq(get(s, "/x", HTTP_F_IDEMPOTENT, &resp, &err), LC_EAUTH);
	cr_assert_eq(resp.status, 401);
	cr_assert_eq(m->nreqs, 1);
	cr_assert_eq(lc_exit_code(err.code), 2);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, checkpoint_redirect_is_a_challenge_with_its_url_and_not_followed)
{
	struct canned c[] = {
	    {"HTTP/1.1 302 Found\r\nLocation: /checkpoint/challenge/AgF\r\n"
	     "Content-Length: 0\r\n\r\n",
	     0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;
	struct lc_error err;
	char want[128];

	cr_assert_eq(get(s, "/x", 0, &resp, &err), LC_ECHALLENGE);
	snprintf(want, sizeof want,
	         "http://127.0.0.1:%d/checkpoint/challenge/AgF", m->port);
	cr_assert_str_eq(err.detail, want);
	cr_assert_eq(m->nreqs, 1);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, a_redirect_to_another_host_is_not_followed_and_carries_no_cookie)
{
	static const int codes[] = {301, 302, 303, 307, 308};
	struct canned other_c[] = {{OK_JSON, 0}};
	struct mini *other = mini_start(other_c, 1);
	struct canned c[1];
	struct mini *m;
	struct http_session *s;
	struct http_response resp;
	struct lc_error err;
	char *text;
	size_t i;

	for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		text = xasprintf("HTTP/1.1 %d Moved\r\nLocation: "
		                 "http://localhost:%d/voyager/api/me\r\n"
		                 "Content-Length: 0\r\n\r\n",
		                 codes[i], other->port);
		c[0].data = text;
		c[0].len = 0;
		m = mini_start(c, 1);
		s = session_for(m, NULL);
		http_cookie_set(s, "li_at", "AQEDAT");
		cr_assert_eq(
		    get(s, "/voyager/api/me", HTTP_F_IDEMPOTENT, &resp, &err),
		    LC_ESERVER, "%d", codes[i]);
		cr_assert_not_null(strstr(err.msg, "does not follow"));
		cr_assert_eq(m->nreqs, 1);
		cr_assert_not_null(ci_find(m->reqs[0], "li_at=AQEDAT"));
		http_response_free(&resp);
		http_session_free(s);
		mini_stop(m);
		free(text);
	}
	cr_assert_eq(other->nreqs, 0, "the other host got %zu requests",
	             other->nreqs);
	mini_stop(other);
}

Test(http, set_cookie_for_another_domain_is_not_stored_or_sent)
{
	struct canned c[] = {
	    {"HTTP/1.1 200 OK\r\n"
	     "Set-Cookie: li_at=forged; Domain=evil.example; Path=/\r\n"
	     "Set-Cookie: spy=1; Domain=0.0.1\r\n"
	     "Set-Cookie: lang=en; Domain=127.0.0.1\r\n"
	     "Content-Length: 2\r\n\r\n{}",
	     0},
	    {OK_JSON, 0}};
	struct mini *m = mini_start(c, 2);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;

	http_cookie_set(s, "li_at", "AQEDAT");
	cr_assert_eq(get(s, "/a", 0, &resp, NULL), LC_OK);
	http_response_free(&resp);
	cr_assert_eq(get(s, "/b", 0, &resp, NULL), LC_OK);
	cr_assert_not_null(
	    ci_find(m->reqs[1], "\r\nCookie: li_at=AQEDAT; lang=en\r\n"), "%s",
	    m->reqs[1]);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, login_redirect_is_an_auth_error)
{
	struct canned c[] = {{"HTTP/1.1 303 See Other\r\nLocation: "
	                      "https://www.linkedin.com/uas/login?x=1\r\n"
	                      "Content-Length: 0\r\n\r\n",
	                      0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;

	cr_assert_eq(get(s, "/x", 0, &resp, NULL), LC_EAUTH);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, csrf_failure_says_so)
{
	struct canned c[] = {{"HTTP/1.1 403 Forbidden\r\nContent-Length: "
	                      "17\r\n\r\nCSRF check failed",
	                      0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;
	struct lc_error err;

	cr_assert_eq(get(s, "/x", 0, &resp, &err), LC_EAUTH);
	cr_assert_not_null(strstr(err.msg, "csrf-token"));
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, not_found_and_gone_are_told_apart)
{
	struct canned c[] = {
	    {"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", 0},
	    {"HTTP/1.1 410 Gone\r\nContent-Length: 0\r\n\r\n", 0}};
	struct mini *m = mini_start(c, 2);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;
	struct lc_error err;

	cr_assert_eq(get(s, "/a", HTTP_F_IDEMPOTENT, &resp, &err),
	             LC_ENOTFOUND);
	http_response_free(&resp);
	cr_assert_eq(get(s, "/voyager/api/identity/profiles/x/profileView?a=1",
	                 HTTP_F_IDEMPOTENT, &resp, &err),
	             LC_ESERVER);
	cr_assert_not_null(
	    strstr(err.msg, "/voyager/api/identity/profiles/x/profileView"));
	cr_assert_null(strstr(err.msg, "a=1"));
	cr_assert_eq(m->nreqs, 2);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, retry_after_is_honoured_once_then_succeeds)
{
	struct canned c[] = {{"HTTP/1.1 429 Too Many\r\nRetry-After: "
	                      "1\r\nContent-Length: 0\r\n\r\n",
	                      0},
	                     {OK_JSON, 0}};
	struct mini *m = mini_start(c, 2);
	struct http_session *s = session_for(m, NULL);
	struct http_request req = {HTTP_POST, "/send", NULL, NULL,
	                           "{}",      2,       0,    NULL};
	struct http_response resp;
	struct http_stats st;

	cr_assert_eq(http_do(s, &req, &resp, NULL), LC_OK);
	http_stats_get(s, &st);
	cr_assert_eq(st.requests, 2);
	cr_assert_eq(st.retries, 1);
	cr_assert_eq(st.throttled, 1);
	cr_assert_eq(st.waited_ms, 1000);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, no_retry_flag_reports_the_throttle_and_its_wait)
{
	struct canned c[] = {{"HTTP/1.1 429 Too Many\r\nRetry-After: "
	                      "7\r\nContent-Length: 0\r\n\r\n",
	                      0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;
	struct lc_error err;

	cr_assert_eq(
	    get(s, "/x", HTTP_F_NO_RETRY | HTTP_F_IDEMPOTENT, &resp, &err),
	    LC_ERATE);
	cr_assert_eq(err.retry_after_ms, 7000);
	cr_assert_eq(lc_exit_code(err.code), 3);
	cr_assert_eq(m->nreqs, 1);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, bot_wall_999_is_throttling_and_retried)
{
	struct canned c[] = {
	    {"HTTP/1.1 999 Request denied\r\nContent-Length: 0\r\n\r\n", 0},
	    {OK_JSON, 0}};
	struct mini *m = mini_start(c, 2);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;

	cr_assert_eq(get(s, "/x", 0, &resp, NULL), LC_OK);
	cr_assert_eq(m->nreqs, 2);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, empty_200_is_throttling_unless_raw)
{
	struct canned c[] = {
	    {"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0},
	    {"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0}};
	struct mini *m = mini_start(c, 2);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;
	struct lc_error err;

	cr_assert_eq(get(s, "/x", 0, &resp, &err), LC_ERATE);
	http_response_free(&resp);
	cr_assert_eq(get(s, "/x", HTTP_F_RAW, &resp, &err), LC_OK);
	cr_assert_eq(m->nreqs, 2);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, server_errors_are_retried_only_when_idempotent)
{
	struct canned c[] = {
	    {"HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", 0},
	    {OK_JSON, 0},
	    {"HTTP/1.1 502 Bad\r\nContent-Length: 0\r\n\r\n", 0}};
	struct mini *m = mini_start(c, 3);
	struct http_session *s = session_for(m, NULL);
	struct http_request post = {HTTP_POST, "/p", NULL, NULL,
	                            "{}",      2,    0,    NULL};
	struct http_response resp;
	struct lc_error err;

	cr_assert_eq(get(s, "/x", HTTP_F_IDEMPOTENT, &resp, &err), LC_OK);
	cr_assert_eq(m->nreqs, 2);
	http_response_free(&resp);
	cr_assert_eq(http_do(s, &post, &resp, &err), LC_ESERVER);
	cr_assert_eq(m->nreqs, 3);
	cr_assert_eq(lc_exit_code(err.code), 5);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, retries_stop_at_the_configured_count)
{
	struct canned c[] = {
	    {"HTTP/1.1 500 A\r\nContent-Length: 0\r\n\r\n", 0},
	    {"HTTP/1.1 500 B\r\nContent-Length: 0\r\n\r\n", 0},
	    {"HTTP/1.1 500 C\r\nContent-Length: 0\r\n\r\n", 0}};
	struct mini *m = mini_start(c, 3);
	struct http_config cfg = {0};
	struct http_session *s;
	struct http_response resp;

	cfg.max_retries = 1;
	s = session_for(m, &cfg);
	cr_assert_eq(get(s, "/x", HTTP_F_IDEMPOTENT, &resp, NULL), LC_ESERVER);
	cr_assert_eq(m->nreqs, 2);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, oversized_body_is_refused_clearly)
{
	struct canned c[] = {
	    {"HTTP/1.1 200 OK\r\nContent-Length: 64\r\n\r\n"
	     "0123456789012345678901234567890123456789012345678901234567890123",
	     0}};
	struct mini *m = mini_start(c, 1);
	struct http_config cfg = {0};
	struct http_session *s;
	struct http_response resp;
	struct lc_error err;

	cfg.max_retries = -1;
	cfg.max_body = 16;
	s = session_for(m, &cfg);
	cr_assert_eq(get(s, "/x", HTTP_F_IDEMPOTENT, &resp, &err), LC_EBADRESP);
	cr_assert_not_null(strstr(err.msg, "larger than"));
	cr_assert_eq(m->nreqs, 1);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, gzip_answers_are_decoded)
{
	static const char gz[] =
	    "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
	    "Content-Length: 36\r\n\r\n"
	    "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xab\x56\xca\x48\xcd\xc9"
	    "\xc9\x57\xb2\x52\x4a\xaf\xca\x2c\x50\xaa\x05\x00\xf6\x4f\x05\x6f"
	    "\x10\x00\x00\x00";
	struct canned c[] = {{gz, sizeof gz - 1}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;

	cr_assert_eq(get(s, "/x", 0, &resp, NULL), LC_OK);
	cr_assert_str_eq(buf_cstr(&resp.body), "{\"hello\":\"gzip\"}");
	cr_assert_not_null(ci_find(m->reqs[0], "accept-encoding:"));
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, keeps_the_connection_alive_between_requests)
{
	struct canned c[] = {{OK_JSON, 0}, {OK_JSON, 0}, {OK_JSON, 0}};
	struct mini *m = mini_start(c, 3);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;
	struct http_stats st;
	int i;

	for (i = 0; i < 3; i++) {
		cr_assert_eq(get(s, "/x", 0, &resp, NULL), LC_OK);
		http_response_free(&resp);
	}
	http_stats_get(s, &st);
	cr_assert_eq(st.requests, 3);
	cr_assert_eq(st.connections, 1);
	http_session_free(s);
	mini_stop(m);
}

Test(http, plain_http_is_refused_except_to_loopback)
{
	struct http_config cfg = {0};
	struct http_session *s;
	struct lc_error err;
	static const char *const ok[] = {
	    "https://www.linkedin.com", "http://127.0.0.1:8080",
	    "http://127.1.2.3", "http://localhost:1/", "http://[::1]:99"};
	size_t i;

	cfg.base_url = "http://www.linkedin.com";
	cr_assert_null(http_session_new(&cfg, &err));
	cr_assert_eq(err.code, LC_EINVAL);
	cr_assert_not_null(strstr(err.msg, "http://www.linkedin.com"));
	cfg.base_url = "http://128.0.0.1";
	cr_assert_null(http_session_new(&cfg, &err));
	cfg.base_url = "ftp://127.0.0.1";
	cr_assert_null(http_session_new(&cfg, &err));
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		cfg.base_url = ok[i];
		s = http_session_new(&cfg, &err);
		cr_assert_not_null(s, "%s: %s", ok[i], err.msg);
		http_session_free(s);
	}
}

struct canceler {
	struct http_session *s;
};

static void *
cancel_soon(void *arg)
{
	struct canceler *c = arg;

	usleep(100000);
	http_cancel(c->s);
	return NULL;
}

Test(http, cancel_ends_a_hanging_request)
{
	struct canned c[] = {{"HANG", 0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct canceler cc = {s};
	struct http_response resp;
	struct lc_error err;
	pthread_t th;

	pthread_create(&th, NULL, cancel_soon, &cc);
	cr_assert_eq(get(s, "/x", HTTP_F_IDEMPOTENT, &resp, &err),
	             LC_ECANCELED);
	pthread_join(th, NULL);
	http_response_free(&resp);
	cr_assert_eq(get(s, "/x", 0, &resp, &err), LC_ECANCELED);
	http_response_free(&resp);
	http_cancel_reset(s);
	http_session_free(s);
	mini_stop(m);
}

Test(http, cancel_cuts_a_long_retry_after_wait)
{
	struct canned c[] = {{"HTTP/1.1 429 Slow\r\nRetry-After: "
	                      "100\r\nContent-Length: 0\r\n\r\n",
	                      0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct canceler cc = {s};
	struct http_response resp;
	struct lc_error err;
	pthread_t th;

	pthread_create(&th, NULL, cancel_soon, &cc);
	cr_assert_eq(get(s, "/x", 0, &resp, &err), LC_ECANCELED);
	pthread_join(th, NULL);
	cr_assert_eq(m->nreqs, 1);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, a_retry_after_beyond_the_cap_fails_at_once)
{
	struct canned c[] = {{"HTTP/1.1 429 Slow\r\nRetry-After: "
	                      "3600\r\nContent-Length: 0\r\n\r\n",
	                      0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *s = session_for(m, NULL);
	struct http_response resp;
	struct lc_error err;

	cr_assert_eq(get(s, "/x", 0, &resp, &err), LC_ERATE);
	cr_assert_eq(err.retry_after_ms, 3600000);
	cr_assert_eq(m->nreqs, 1);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, invitation_quota_429_is_not_retried)
{
	static const char q[] = "{\"data\":{\"code\":\"CUSTOM_INVITE_LIMIT_"
	                        "REACHED\",\"status\":429}}";
	char raw[256];
	struct canned c[1];
	struct mini *m;
	struct http_session *s;
	struct http_response resp;

	snprintf(raw, sizeof raw,
	         "HTTP/1.1 429 Quota\r\nContent-Length: %zu\r\n\r\n%s",
	         strlen(q), q);
	c[0].data = raw;
	c[0].len = 0;
	m = mini_start(c, 1);
	s = session_for(m, NULL);
	cr_assert_eq(get(s, "/x", 0, &resp, NULL), LC_ERATE);
	cr_assert_eq(m->nreqs, 1);
	http_response_free(&resp);
	http_session_free(s);
	mini_stop(m);
}

Test(http, cookie_values_with_control_characters_are_ignored)
{
	struct http_config cfg = {0};
	struct http_session *s;

	cfg.base_url = "https://www.linkedin.com";
	s = http_session_new(&cfg, NULL);
	http_cookie_set(s, "li_at", "a\r\nX-Evil: 1");
	http_cookie_set(s, "bad;name", "v");
	cr_assert_null(http_cookie_get(s, "li_at"));
	cr_assert_null(http_cookie_get(s, "bad;name"));
	http_session_free(s);
}

Test(http, retry_after_parses_seconds_and_dates)
{
	long long now = 1770000000;

	cr_assert_eq(http_parse_retry_after("120", now), 120000);
	cr_assert_eq(http_parse_retry_after(" 0 ", now), 0);
	cr_assert_eq(http_parse_retry_after("soon", now), -1);
	cr_assert_eq(
	    http_parse_retry_after("Mon, 02 Feb 2026 02:40:30 GMT", now),
	    30000);
}

Test(http, uuid4_has_the_v4_shape)
{
	char u[37], v[37];

	http_uuid4(u);
	http_uuid4(v);
	cr_assert_eq(strlen(u), 36);
	cr_assert_eq(u[14], '4');
	cr_assert_eq(u[8], '-');
	cr_assert(strchr("89ab", u[19]) != NULL);
	cr_assert_str_neq(u, v);
}
