/* test-auth.c — login steps, cookie import and logout on a scripted server. */
#include <criterion/criterion.h>
#include <string.h>

#include <curl/curl.h>

#include "tui/advice.h"
#include "core/auth.h"
#include "core/http.h"

#include "tests/unit/mini-server.h"

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

TestSuite(auth, .init = init, .fini = fini, .timeout = 30);

#define STEP1                                                                  \
	"HTTP/1.1 200 OK\r\nSet-Cookie: JSESSIONID=\"ajax:77\"; Path=/\r\n"    \
	"Set-Cookie: bcookie=\"v=2&x\"\r\nContent-Length: 0\r\n\r\n"

static struct http_session *
session_for(struct mini *m)
{
	struct http_config cfg = {0};
	char url[64];

	snprintf(url, sizeof url, "http://127.0.0.1:%d", m->port);
	cfg.base_url = url;
	cfg.max_retries = -1;
	cfg.rate_per_sec = 1000;
	cfg.rate_burst = 1000;
	return http_session_new(&cfg, NULL);
}

static char *
answer(const char *status, const char *extra, const char *json)
{
	return xasprintf("HTTP/1.1 %s\r\n%sContent-Type: application/json\r\n"
	                 "Content-Length: %zu\r\n\r\n%s",
	                 status, extra, strlen(json), json);
}

Test(auth, pass_keeps_li_at_and_sends_the_form)
{
	char *a = answer("200 OK", "Set-Cookie: li_at=AQEnew; HttpOnly\r\n",
	                 "{\"login_result\":\"PASS\"}");
	struct canned c[] = {{STEP1, 0}, {a, 0}};
	struct mini *m = mini_start(c, 2);
	struct http_session *h = session_for(m);
	struct lc_error err;
	char *v;

	cr_assert_eq(auth_login(h, "ada@x.org", "p&ss w", &err), LC_OK, "%s",
	             err.msg);
	v = http_cookie_get(h, "li_at");
	cr_assert_str_eq(v, "AQEnew");
	free(v);
	cr_assert_not_null(ci_find(m->reqs[0], "GET /uas/authenticate"));
	cr_assert_not_null(ci_find(m->reqs[1], "POST /uas/authenticate"));
	cr_assert_not_null(ci_find(m->reqs[1], "user-agent: ANDROID OS"));
	cr_assert_not_null(strstr(
	    m->reqs[1], "session_key=ada%40x.org&session_password=p%26ss%20w&"
	                "JSESSIONID=%22ajax%3A77%22"));
	cr_assert_not_null(ci_find(
	    m->reqs[1], "content-type: application/x-www-form-urlencoded"));
	http_session_free(h);
	mini_stop(m);
	free(a);
}

Test(auth, bad_password_is_an_auth_error_with_a_sentence)
{
	char *a = answer("401 Unauthorized", "",
	                 "{\"login_result\":\"BAD_PASSWORD\"}");
	struct canned c[] = {{STEP1, 0}, {a, 0}};
	struct mini *m = mini_start(c, 2);
	struct http_session *h = session_for(m);
	struct lc_error err;

	cr_assert_eq(auth_login(h, "ada@x.org", "nope", &err), LC_EAUTH);
	cr_assert_not_null(strstr(err.msg, "password for ada@x.org"));
	cr_assert_null(strstr(err.msg, "nope"));
	cr_assert_null(http_cookie_get(h, "JSESSIONID"));
	http_session_free(h);
	mini_stop(m);
	free(a);
}

Test(auth, bad_email_says_which_address)
{
	char *a = answer("200 OK", "", "{\"login_result\":\"BAD_EMAIL\"}");
	struct canned c[] = {{STEP1, 0}, {a, 0}};
	struct mini *m = mini_start(c, 2);
	struct http_session *h = session_for(m);
	struct lc_error err;

	cr_assert_eq(auth_login(h, "who@x.org", "pw", &err), LC_EAUTH);
	cr_assert_not_null(strstr(err.msg, "who@x.org"));
	http_session_free(h);
	mini_stop(m);
	free(a);
}

Test(auth, challenge_carries_its_url)
{
	char *a = answer("200 OK", "",
	                 "{\"login_result\":\"CHALLENGE\","
	                 "\"challenge_url\":\"https://www.linkedin.com/"
	                 "checkpoint/challenge/AgX\"}");
	struct canned c[] = {{STEP1, 0}, {a, 0}};
	struct mini *m = mini_start(c, 2);
	struct http_session *h = session_for(m);
	struct lc_error err;

	cr_assert_eq(auth_login(h, "ada@x.org", "pw", &err), LC_ECHALLENGE);
	cr_assert_str_eq(err.detail,
	                 "https://www.linkedin.com/checkpoint/challenge/AgX");
	cr_assert_eq(err.next, LC_NEXT_IMPORT);
	advice_apply(&err, ADVICE_CLI);
	cr_assert_not_null(strstr(err.msg, "--li-at"), "%s", err.msg);
	http_session_free(h);
	mini_stop(m);
	free(a);
}

Test(auth, a_bare_401_is_refused_clearly)
{
	struct canned c[] = {
	    {STEP1, 0},
	    {"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n", 0}};
	struct mini *m = mini_start(c, 2);
	struct http_session *h = session_for(m);
	struct lc_error err;

	cr_assert_eq(auth_login(h, "ada@x.org", "pw", &err), LC_EAUTH);
	cr_assert_not_null(strstr(err.msg, "401"));
	http_session_free(h);
	mini_stop(m);
}

Test(auth, import_stores_jsessionid_with_quotes)
{
	struct http_config cfg = {0};
	struct http_session *h = http_session_new(&cfg, NULL);
	struct lc_error err;
	char *v;

	cr_assert_eq(auth_import(h, " AQEabc== \n", "ajax:123", &err), LC_OK);
	v = http_cookie_get(h, "JSESSIONID");
	cr_assert_str_eq(v, "\"ajax:123\"");
	free(v);
	v = http_cookie_get(h, "li_at");
	cr_assert_str_eq(v, "AQEabc==");
	free(v);
	cr_assert_eq(auth_import(h, "X", "\"ajax:9\"", &err), LC_OK);
	v = http_csrf_token(h);
	cr_assert_str_eq(v, "ajax:9");
	free(v);
	cr_assert_eq(auth_import(h, "", "ajax:1", &err), LC_EINVAL);
	cr_assert_eq(auth_import(h, "a b", "ajax:1", &err), LC_EINVAL);
	cr_assert_eq(auth_import(h, "a", "x;y", &err), LC_EINVAL);
	cr_assert_not_null(strstr(err.msg, "JSESSIONID"));
	http_session_free(h);
}

Test(auth, logout_sends_the_csrf_token_and_empties_the_jar)
{
	struct canned c[] = {
	    {"HTTP/1.1 302 Found\r\nLocation: https://www.linkedin.com/\r\n"
	     "Content-Length: 0\r\n\r\n",
	     0}};
	struct mini *m = mini_start(c, 1);
	struct http_session *h = session_for(m);
	struct lc_error err;

	auth_import(h, "AQE", "ajax:55", NULL);
	cr_assert_eq(auth_logout(h, &err), LC_OK, "%s", err.msg);
	cr_assert_not_null(
	    strstr(m->reqs[0], "GET /uas/logout?csrfToken=ajax%3A55 "));
	cr_assert_null(http_cookie_get(h, "li_at"));
	http_session_free(h);
	mini_stop(m);
}
