/* test-sim-auth.c — the simulator's login, session and request checks
 * (API.md §1–2), through libcurl. */
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/sim/simclient.h"
#include "core/xmalloc.h"

#define ME "/voyager/api/me"

/* Value of the Set-Cookie for name in a header block (up to ';'), or
 * NULL.  Caller frees. */
static char *
set_cookie(const char *headers, const char *name)
{
	const char *p = headers;
	size_t n = strlen(name);

	while ((p = strstr(p, "Set-Cookie: ")) != NULL) {
		p += 12;
		if (strncmp(p, name, n) == 0 && p[n] == '=')
			return xstrndup(p + n + 1, strcspn(p + n + 1, ";\r\n"));
	}
	return NULL;
}

static struct sim *
start(const char *const *args)
{
	struct sim *s = sim_start(args);

	cr_assert_not_null(s, "the simulator did not start");
	return s;
}

/* Logs in as email/password through both steps; the login JSON answer and
 * the headers of step 2 in *resp. */
static void
login(struct sim *s, const char *email, const char *password,
      struct sim_resp *resp, char **jsessionid)
{
	struct sim_resp page;
	char *js, *cookie, *body;
	const char *h[3];

	cr_assert_eq(
	    sim_request(s, "GET", "/uas/authenticate", NULL, NULL, &page), 0);
	cr_assert_eq(page.status, 200);
	js = set_cookie(page.headers, "JSESSIONID");
	cr_assert_not_null(js, "no JSESSIONID from the login page");
	cookie = xasprintf("Cookie: JSESSIONID=%s", js);
	h[0] = cookie;
	h[1] = "Content-Type: application/x-www-form-urlencoded";
	h[2] = NULL;
	/* The quotes of the cookie value are sent as %22. */
	body =
	    xasprintf("session_key=%s&session_password=%s&JSESSIONID=%%22%.*s"
	              "%%22",
	              email, password, (int)strlen(js) - 2, js + 1);
	cr_assert_eq(sim_request(s, "POST", "/uas/authenticate", h, body, resp),
	             0);
	free(body);
	free(cookie);
	sim_resp_free(&page);
	*jsessionid = js;
}

Test(sim_auth, prints_its_port_and_stops_cleanly)
{
	struct sim *s = start(NULL);

	cr_assert_gt(sim_port(s), 0);
	cr_assert_eq(strncmp(sim_base_url(s), "http://127.0.0.1:", 17), 0);
	cr_assert_eq(sim_stop(s), 0);
}

Test(sim_auth, demo_login_passes_and_sets_li_at)
{
	struct sim *s = start(NULL);
	struct sim_resp r;
	char *js, *li_at, *cookie, *csrf;
	const char *h[3];
	struct sim_resp me;

	login(s, "demo%40linchat.test", "demo-password", &r, &js);
	cr_assert_eq(r.status, 200);
	cr_assert(strstr(r.body, "\"login_result\":\"PASS\"") != NULL, "%s",
	          r.body);
	cr_assert_eq(js[0], '"', "JSESSIONID keeps its quotes");
	cr_assert_eq(strncmp(js + 1, "ajax:", 5), 0);
	cr_assert_eq(strlen(js), 1 + 5 + 19 + 1);
	li_at = set_cookie(r.headers, "li_at");
	cr_assert_not_null(li_at);

	cookie = xasprintf("Cookie: li_at=%s; JSESSIONID=%s", li_at, js);
	csrf = xasprintf("csrf-token: %.*s", (int)strlen(js) - 2, js + 1);
	h[0] = cookie;
	h[1] = csrf;
	h[2] = NULL;
	cr_assert_eq(sim_request(s, "GET", ME, h, NULL, &me), 0);
	cr_assert_eq(me.status, 200);
	cr_assert(strstr(me.body, "\"publicIdentifier\":\"demo-user\""));
	cr_assert(
	    strstr(me.body, "\"dashEntityUrn\":\"" SIM_DEMO_PROFILE_URN "\""));
	sim_resp_free(&me);
	free(cookie);
	free(csrf);
	free(li_at);
	free(js);
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, wrong_password_is_bad_password)
{
	struct sim *s = start(NULL);
	struct sim_resp r;
	char *js;

	login(s, "demo%40linchat.test", "nope", &r, &js);
	cr_assert(strstr(r.body, "\"login_result\":\"BAD_PASSWORD\""));
	cr_assert_null(strstr(r.headers, "li_at="));
	free(js);
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, challenge_account_gets_challenge_url)
{
	struct sim *s = start(NULL);
	struct sim_resp r;
	char *js;

	login(s, "challenge%40linchat.test", "whatever", &r, &js);
	cr_assert(strstr(r.body, "\"login_result\":\"CHALLENGE\""));
	cr_assert(strstr(r.body, "\"challenge_url\":\"https://www.linkedin."
	                         "com/checkpoint/challenge/"));
	free(js);
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, login_without_matching_jsessionid_is_refused)
{
	struct sim *s = start(NULL);
	struct sim_resp r;
	const char *h[] = {"Cookie: JSESSIONID=\"ajax:1\"", NULL};

	sim_request(
	    s, "POST", "/uas/authenticate", h,
	    "session_key=demo%40"
	    "linchat.test&session_password=demo-password&JSESSIONID=%22ajax"
	    "%3A2%22",
	    &r);
	cr_assert_eq(r.status, 401);
	cr_assert_eq(r.len, 0);
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, premint_cookie_pair_is_accepted)
{
	struct sim *s = start(NULL);
	struct sim_resp r;

	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 200);
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, no_li_at_is_401)
{
	struct sim *s = start(NULL);
	struct sim_resp r;
	const char *h[] = {"csrf-token: " SIM_DEMO_CSRF,
	                   "Cookie: JSESSIONID=" SIM_DEMO_JSESSIONID, NULL};

	sim_request(s, "GET", ME, h, NULL, &r);
	cr_assert_eq(r.status, 401);
	cr_assert_str_eq(r.body, "{\"status\":401}");
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, unknown_li_at_is_401_with_delete_me)
{
	struct sim *s = start(NULL);
	struct sim_resp r;
	const char *h[] = {
	    "csrf-token: " SIM_DEMO_CSRF,
	    "Cookie: li_at=forged; JSESSIONID=" SIM_DEMO_JSESSIONID, NULL};

	sim_request(s, "GET", ME, h, NULL, &r);
	cr_assert_eq(r.status, 401);
	cr_assert(strstr(r.headers, "Set-Cookie: li_at=delete me"));
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, missing_csrf_is_403)
{
	struct sim *s = start(NULL);
	struct sim_resp r;
	const char *h[] = {"Cookie: li_at=" SIM_DEMO_LI_AT
	                   "; JSESSIONID=" SIM_DEMO_JSESSIONID,
	                   NULL};

	sim_request(s, "GET", ME, h, NULL, &r);
	cr_assert_eq(r.status, 403);
	cr_assert_str_eq(r.body, "CSRF check failed");
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, csrf_with_quotes_is_403)
{
	struct sim *s = start(NULL);
	struct sim_resp r;
	const char *h[] = {"Cookie: li_at=" SIM_DEMO_LI_AT
	                   "; JSESSIONID=" SIM_DEMO_JSESSIONID,
	                   "csrf-token: " SIM_DEMO_JSESSIONID, NULL};

	sim_request(s, "GET", ME, h, NULL, &r);
	cr_assert_eq(r.status, 403);
	cr_assert_str_eq(r.body, "CSRF check failed");
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, unknown_path_is_404)
{
	struct sim *s = start(NULL);
	struct sim_resp r;

	sim_request(s, "GET", "/voyager/api/nothingHere", sim_demo_headers(),
	            NULL, &r);
	cr_assert_eq(r.status, 404);
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, wrong_method_is_405)
{
	struct sim *s = start(NULL);
	struct sim_resp r;

	sim_request(s, "DELETE", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 405);
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, session_dies_after_session_requests)
{
	const char *args[] = {"--session-requests", "2", NULL};
	struct sim *s = start(args);
	struct sim_resp r;
	int i;

	for (i = 0; i < 2; i++) {
		sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
		cr_assert_eq(r.status, 200, "request %d", i + 1);
		sim_resp_free(&r);
	}
	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 401);
	cr_assert(strstr(r.headers, "Set-Cookie: li_at=delete me"));
	sim_resp_free(&r);
	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 401, "a dead session stays dead");
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, fresh_login_after_expiry_gets_fresh_session)
{
	const char *args[] = {"--session-requests", "1", NULL};
	struct sim *s = start(args);
	struct sim_resp r, me;
	char *js, *li_at, *cookie, *csrf;
	const char *h[3];

	free(sim_post(s, "/__sim/expire", "{}"));
	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 401);
	sim_resp_free(&r);
	login(s, "demo%40linchat.test", "demo-password", &r, &js);
	li_at = set_cookie(r.headers, "li_at");
	cr_assert_not_null(li_at);
	cookie = xasprintf("Cookie: li_at=%s; JSESSIONID=%s", li_at, js);
	csrf = xasprintf("csrf-token: %.*s", (int)strlen(js) - 2, js + 1);
	h[0] = cookie;
	h[1] = csrf;
	h[2] = NULL;
	sim_request(s, "GET", ME, h, NULL, &me);
	cr_assert_eq(me.status, 200);
	sim_resp_free(&me);
	free(cookie);
	free(csrf);
	free(li_at);
	free(js);
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, logout_kills_the_session)
{
	struct sim *s = start(NULL);
	struct sim_resp r;

	sim_request(s, "GET", "/uas/logout?csrfToken=" SIM_DEMO_CSRF,
	            sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 200);
	cr_assert(strstr(r.headers, "li_at=delete me"));
	sim_resp_free(&r);
	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 401);
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_auth, requests_are_counted_per_endpoint)
{
	struct sim *s = start(NULL);
	struct sim_resp r;

	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	sim_resp_free(&r);
	sim_request(s, "GET", ME, NULL, NULL, &r);
	sim_resp_free(&r);
	cr_assert_eq(sim_requests(s, "me"), 2);
	cr_assert_eq(sim_requests(s, "total"), 2);
	sim_stop(s);
}

/* libcurl GET of url with ca (NULL: the system store); the CURLcode. */
static int
tls_get(const char *url, const char *ca, long *status)
{
	CURL *c = curl_easy_init();
	FILE *null = fopen("/dev/null", "w");
	int rc;

	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, null);
	if (ca != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	rc = (int)curl_easy_perform(c);
	*status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_easy_cleanup(c);
	fclose(null);
	return rc;
}

Test(sim_auth, tls_with_a_self_signed_certificate)
{
	const char *args[] = {"--tls-cert", "tests/fixtures/sim/tls-cert.pem",
	                      "--tls-key", "tests/fixtures/sim/tls-key.pem",
	                      NULL};
	struct sim *s = start(args);
	char *url;
	long st;

	cr_assert_eq(strncmp(sim_base_url(s), "https://", 8), 0);
	url = xasprintf("%s/__sim/state", sim_base_url(s));
	cr_assert_neq(tls_get(url, NULL, &st), CURLE_OK,
	              "an unknown CA is refused");
	cr_assert_eq(tls_get(url, "tests/fixtures/sim/tls-cert.pem", &st),
	             CURLE_OK);
	cr_assert_eq(st, 200);
	free(url);
	cr_assert_eq(sim_stop(s), 0);
}
