/* test-voyager-folder.c — addCategory / removeCategory (API.md §6a)
 * against a scripted server: the path, the messaging headers, one
 * request for a batch, any 2xx is done, bad arguments send nothing.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "core/err.h"
#include "core/http.h"
#include "core/jsonx.h"
#include "core/voyager-folder.h"
#include "core/voyager.h"

#include "tests/unit/voyager-fixture.h"

#define ME "ACoAABme-_1=="
#define CONV1 "urn:li:msg_conversation:(urn:li:fsd_profile:" ME ",2-YWIzN2Y4==)"
#define CONV2 "urn:li:msg_conversation:(urn:li:fsd_profile:" ME ",2-b_c-d==)"
#define PATH "/voyager/api/voyagerMessagingDashMessengerConversations"

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

TestSuite(voyager_folder, .init = setup);

Test(voyager_folder, add_category_sends_every_urn_in_one_request)
{
	const char *const a[] = {"@200"};
	const char *urns[] = {CONV1, CONV2};
	struct lc_error err;
	struct jsonx *o;
	struct fx f;
	const char *r;

	fx_start(&f, a, 1, 0);
	lc_error_clear(&err);
	cr_assert_eq(voyager_set_category(&f.ctx, urns, 2, "ARCHIVE", 1, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_eq(fx_nreqs(&f), 1);
	r = fx_req(&f, 0);
	cr_assert(fx_starts(r, "POST " PATH "?action=addCategory HTTP/1.1"),
	          "%s", r);
	cr_assert_not_null(
	    ci_find(r, "content-type: text/plain;charset=UTF-8"));
	cr_assert_not_null(ci_find(r, "accept: application/json"));
	cr_assert_not_null(ci_find(r, "x-li-track:"), "messaging headers");
	cr_assert_not_null(ci_find(r, "csrf-token: ajax:123"));
	o = fx_body(&f, 0);
	cr_assert_str_eq(jsonx_get_str(o, "category"), "ARCHIVE");
	cr_assert_eq(jsonx_len(o, "conversationUrns"), 2);
	cr_assert_str_eq(
	    jsonx_str(jsonx_at(jsonx_get(o, "conversationUrns"), 0)), CONV1);
	cr_assert_str_eq(
	    jsonx_str(jsonx_at(jsonx_get(o, "conversationUrns"), 1)), CONV2);
	jsonx_free(o);
	fx_stop(&f);
}

Test(voyager_folder, remove_category_uses_its_own_action)
{
	const char *const a[] = {"@200"};
	const char *urns[] = {CONV1};
	struct jsonx *o;
	struct fx f;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(voyager_set_category(&f.ctx, urns, 1, "STARRED", 0, NULL),
	             LC_OK);
	cr_assert(fx_starts(fx_req(&f, 0),
	                    "POST " PATH "?action=removeCategory HTTP/1.1"));
	o = fx_body(&f, 0);
	cr_assert_str_eq(jsonx_get_str(o, "category"), "STARRED");
	jsonx_free(o);
	fx_stop(&f);
}

/* One request answered with status line and head. */
static enum lc_err
answered(const char *answer, struct lc_error *err)
{
	const char *urns[] = {CONV1};
	struct canned c[] = {{answer, 0}};
	struct http_config cfg;
	struct voyager_ctx ctx;
	struct http_session *h;
	struct mini *m;
	enum lc_err rc;
	char url[64];

	m = mini_start(c, 1);
	memset(&cfg, 0, sizeof cfg);
	snprintf(url, sizeof url, "http://127.0.0.1:%d", m->port);
	cfg.base_url = url;
	cfg.rate_per_sec = 1000;
	cfg.rate_burst = 1000;
	h = http_session_new(&cfg, NULL);
	voyager_ctx_init(&ctx, h);
	lc_error_clear(err);
	rc = voyager_set_category(&ctx, urns, 1, "SPAM", 1, err);
	cr_assert_eq(m->nreqs, 1);
	http_session_free(h);
	mini_stop(m);
	return rc;
}

Test(voyager_folder, any_2xx_is_done_and_a_4xx_is_an_error)
{
	struct lc_error err;

	cr_assert_eq(answered("HTTP/1.1 204 No Content\r\n\r\n", &err), LC_OK,
	             "%s", err.msg);
	cr_assert_eq(answered("HTTP/1.1 202 Accepted\r\nContent-Length: 0"
	                      "\r\n\r\n",
	                      &err),
	             LC_OK, "%s", err.msg);
	cr_assert_eq(answered("HTTP/1.1 201 Created\r\nContent-Length: 7"
	                      "\r\n\r\nnothing",
	                      &err),
	             LC_OK, "%s", err.msg);
	cr_assert_neq(answered("HTTP/1.1 400 Bad\r\nContent-Length: 0"
	                       "\r\n\r\n",
	                       &err),
	              LC_OK);
	cr_assert_neq(err.msg[0], '\0');
}

Test(voyager_folder, bad_arguments_send_nothing)
{
	const char *const a[] = {"@200"};
	const char *ok[] = {CONV1};
	const char *bad[] = {CONV1, "urn:li:msg_message:(urn:li:fsd_profile:"
	                            "A,b)"};
	struct lc_error err;
	struct fx f;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(voyager_set_category(&f.ctx, ok, 0, "ARCHIVE", 1, NULL),
	             LC_EINVAL);
	cr_assert_eq(voyager_set_category(&f.ctx, NULL, 1, "ARCHIVE", 1, NULL),
	             LC_EINVAL);
	cr_assert_eq(voyager_set_category(&f.ctx, bad, 2, "ARCHIVE", 1, &err),
	             LC_EINVAL);
	cr_assert_not_null(strstr(err.msg, "conversation"), "%s", err.msg);
	cr_assert_eq(voyager_set_category(&f.ctx, ok, 1, NULL, 1, NULL),
	             LC_EINVAL);
	cr_assert_eq(voyager_set_category(&f.ctx, ok, 1, "", 0, NULL),
	             LC_EINVAL);
	cr_assert_eq(
	    voyager_set_category(&f.ctx, ok, 1, "ARCHIVE\",\"x", 1, &err),
	    LC_EINVAL);
	cr_assert_eq(fx_nreqs(&f), 0);
	fx_stop(&f);
}
