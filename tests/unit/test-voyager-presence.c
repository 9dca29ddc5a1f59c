/* test-voyager-presence.c — the presence mapper (API.md §12, inferred
 * shape and its variants, hostile input) and voyager_presence() against
 * the simulator: the form body, batches of at most 10, the 403 burst.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "core/err.h"
#include "core/http.h"
#include "tests/sim/sim-demo.h"
#include "tests/sim/simclient.h"
#include "core/voyager-presence.h"
#include "core/voyager-profile.h"
#include "core/voyager.h"
#include "core/xmalloc.h"

#define GRACE "urn:li:fsd_profile:" SIM_GRACE_PROFILE_ID
#define BILL "urn:li:fsd_profile:" SIM_BILL_PROFILE_ID

static enum lc_err
parse(const char *json, struct voyager_presence_list *out)
{
	struct lc_error err;

	lc_error_clear(&err);
	return voyager_parse_presence(json, strlen(json), out, &err);
}

static const struct voyager_presence *
find(const struct voyager_presence_list *l, const char *urn)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].profile_urn, urn) == 0)
			return &l->items[i];
	return NULL;
}

Test(voyager_presence, maps_the_inferred_shape)
{
	struct voyager_presence_list l;
	const struct voyager_presence *p;

	cr_assert_eq(parse("{\"data\":{\"results\":{"
	                   "\"urn:li:fsd_profile:A1\":{\"availability\":"
	                   "\"ONLINE\",\"lastActiveAt\":1770243000000,"
	                   "\"instantlyReachable\":true},"
	                   "\"urn:li:fsd_profile:B2\":{\"availability\":"
	                   "\"OFFLINE\",\"lastActiveAt\":1770000000000,"
	                   "\"instantlyReachable\":false}},\"errors\":{}},"
	                   "\"included\":[]}",
	                   &l),
	             LC_OK);
	cr_assert_eq(l.n, 2);
	p = find(&l, "urn:li:fsd_profile:A1");
	cr_assert_not_null(p);
	cr_assert_eq(p->availability, VOYAGER_AVAIL_ONLINE);
	cr_assert_eq(p->last_active_at, 1770243000000LL);
	cr_assert_eq(p->instantly_reachable, 1);
	p = find(&l, "urn:li:fsd_profile:B2");
	cr_assert_eq(p->availability, VOYAGER_AVAIL_OFFLINE);
	cr_assert_eq(p->instantly_reachable, 0);
	voyager_presence_list_free(&l);
	cr_assert_eq(l.n, 0);
	cr_assert_null(l.items);
}

Test(voyager_presence, takes_top_level_results_missing_fields_and_unknowns)
{
	struct voyager_presence_list l;
	const struct voyager_presence *p;

	cr_assert_eq(parse("{\"results\":{"
	                   "\"urn:li:fsd_profile:A1\":{},"
	                   "\"urn:li:fsd_profile:B2\":{\"availability\":"
	                   "\"AWAY\",\"lastActiveAt\":\"soon\"},"
	                   "\"urn:li:fsd_profile:C3\":{\"availability\":7,"
	                   "\"lastActiveAt\":-5},"
	                   "\"urn:li:fsd_profile:D4\":{\"availability\":"
	                   "\"ONLINE\",\"future\":{\"x\":[1,2]}}}}",
	                   &l),
	             LC_OK);
	cr_assert_eq(l.n, 4);
	p = find(&l, "urn:li:fsd_profile:A1");
	cr_assert_eq(p->availability, VOYAGER_AVAIL_UNKNOWN);
	cr_assert_eq(p->last_active_at, 0);
	cr_assert_eq(find(&l, "urn:li:fsd_profile:B2")->availability,
	             VOYAGER_AVAIL_UNKNOWN);
	cr_assert_eq(find(&l, "urn:li:fsd_profile:C3")->last_active_at, 0);
	cr_assert_eq(find(&l, "urn:li:fsd_profile:D4")->availability,
	             VOYAGER_AVAIL_ONLINE);
	voyager_presence_list_free(&l);

	/* empty results, errors only: nothing, and fine */
	cr_assert_eq(parse("{\"data\":{\"results\":{},\"errors\":{"
	                   "\"urn:li:fsd_profile:A1\":{\"status\":404}}}}",
	                   &l),
	             LC_OK);
	cr_assert_eq(l.n, 0);
	voyager_presence_list_free(&l);
}

Test(voyager_presence, skips_keys_that_are_no_profile_and_values_no_object)
{
	struct voyager_presence_list l;

	cr_assert_eq(parse("{\"data\":{\"results\":{"
	                   "\"urn:li:member:12\":{\"availability\":\"ONLINE\"},"
	                   "\"urn:li:fsd_profile:\":{\"availability\":"
	                   "\"ONLINE\"},"
	                   "\"urn:li:fsd_profile:A B\":{\"availability\":"
	                   "\"ONLINE\"},"
	                   "\"\":{},"
	                   "\"urn:li:fsd_profile:A1\":\"ONLINE\","
	                   "\"urn:li:fsd_profile:B2\":null,"
	                   "\"urn:li:fsd_profile:C3\":[{}],"
	                   "\"urn:li:fsd_profile:OK\":{\"availability\":"
	                   "\"OFFLINE\"}}}}",
	                   &l),
	             LC_OK);
	cr_assert_eq(l.n, 1);
	cr_assert_str_eq(l.items[0].profile_urn, "urn:li:fsd_profile:OK");
	voyager_presence_list_free(&l);
}

Test(voyager_presence, refuses_what_is_no_presence_answer)
{
	static const char *const bad[] = {
	    "",
	    "{",
	    "[]",
	    "null",
	    "{}",
	    "{\"data\":{}}",
	    "{\"data\":{\"results\":[]}}",
	    "{\"data\":{\"results\":\"ONLINE\"}}",
	    "{\"data\":{\"results\":{}}",
	    "{\"data\":{\"results\":{}}} trailing",
	};
	struct voyager_presence_list l;
	struct lc_error err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		lc_error_clear(&err);
		cr_expect_eq(
		    voyager_parse_presence(bad[i], strlen(bad[i]), &l, &err),
		    LC_EBADRESP, "%s", bad[i]);
		cr_expect_eq(l.n, 0);
		cr_expect_neq(err.msg[0], '\0');
		voyager_presence_list_free(&l);
	}
}

Test(voyager_presence, survives_deep_nesting_and_embedded_nuls)
{
	static const char nul[] = "{\"results\":{\"urn:li:fsd_profile:A\\u00001"
	                          "\":{\"availability\":\"ONLINE\\u0000\"}}}";
	struct voyager_presence_list l;
	struct lc_error err;
	char *deep;
	size_t i, n = 20000;

	deep = xmalloc(2 * n + 64);
	memcpy(deep, "{\"results\":", 11);
	for (i = 0; i < n; i++)
		deep[11 + i] = '[';
	for (i = 0; i < n; i++)
		deep[11 + n + i] = ']';
	memcpy(deep + 11 + 2 * n, "}", 2);
	lc_error_clear(&err);
	cr_assert_eq(voyager_parse_presence(deep, strlen(deep), &l, &err),
	             LC_EBADRESP);
	free(deep);
	lc_error_clear(&err);
	cr_assert_eq(voyager_parse_presence(nul, sizeof nul - 1, &l, &err),
	             LC_OK);
	for (i = 0; i < l.n; i++)
		cr_assert_neq(l.items[i].availability, VOYAGER_AVAIL_ONLINE);
	voyager_presence_list_free(&l);
}

/* --- against the simulator --- */

struct world {
	struct sim *sim;
	struct http_session *h;
	struct voyager_ctx ctx;
};

static void
world_up(struct world *w)
{
	struct http_config cfg;
	struct lc_error err;
	struct voyager_me me;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	memset(w, 0, sizeof *w);
	w->sim = sim_start(NULL);
	cr_assert_not_null(w->sim, "the simulator did not start");
	memset(&cfg, 0, sizeof cfg);
	cfg.base_url = sim_base_url(w->sim);
	cfg.max_retries = 2;
	cfg.rate_per_sec = 1000;
	cfg.rate_burst = 1000;
	cfg.rate_per_hour = 100000;
	cfg.backoff_base_ms = 2;
	cfg.backoff_max_ms = 10;
	lc_error_clear(&err);
	w->h = http_session_new(&cfg, &err);
	cr_assert_not_null(w->h, "%s", err.msg);
	http_cookie_set(w->h, "li_at", SIM_DEMO_LI_AT);
	http_cookie_set(w->h, "JSESSIONID", SIM_DEMO_JSESSIONID);
	voyager_ctx_init(&w->ctx, w->h);
	cr_assert_eq(voyager_me(&w->ctx, &me, &err), LC_OK, "%s", err.msg);
	voyager_me_free(&me);
}

static void
world_down(struct world *w)
{
	http_session_free(w->h);
	sim_stop(w->sim);
}

Test(voyager_presence, asks_the_simulator_and_follows_its_control)
{
	const char *const ids[] = {SIM_GRACE_PROFILE_ID, BILL};
	struct voyager_presence_list l;
	struct lc_error err;
	struct world w;
	char *r;

	world_up(&w);
	r = sim_post(w.sim, "/__sim/presence",
	             "{\"who\":\"" SIM_GRACE_PROFILE_ID
	             "\",\"availability\":\"ONLINE\"}");
	free(r);
	r = sim_post(w.sim, "/__sim/presence",
	             "{\"who\":\"" SIM_BILL_PROFILE_ID
	             "\",\"availability\":\"OFFLINE\"}");
	free(r);
	lc_error_clear(&err);
	cr_assert_eq(voyager_presence(&w.ctx, ids, 2, &l, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_eq(l.n, 2);
	cr_assert_eq(find(&l, GRACE)->availability, VOYAGER_AVAIL_ONLINE);
	cr_assert_gt(find(&l, GRACE)->last_active_at, 0);
	cr_assert_eq(find(&l, BILL)->availability, VOYAGER_AVAIL_OFFLINE);
	voyager_presence_list_free(&l);
	cr_assert_eq(sim_requests(w.sim, "presence"), 1);
	world_down(&w);
}

Test(voyager_presence, splits_more_than_ten_ids_into_calls_of_ten)
{
	const char *ids[23];
	struct voyager_presence_list l;
	struct lc_error err;
	struct world w;
	size_t i;

	for (i = 0; i < 23; i++)
		ids[i] = i % 2 ? SIM_GRACE_PROFILE_ID : BILL;
	world_up(&w);
	lc_error_clear(&err);
	cr_assert_eq(voyager_presence(&w.ctx, ids, 23, &l, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_eq(l.n, 6); /* per call: the two people, once each */
	voyager_presence_list_free(&l);
	cr_assert_eq(sim_requests(w.sim, "presence"), 3);
	world_down(&w);
}

Test(voyager_presence, refuses_bad_ids_before_any_request)
{
	const char *const bad[] = {SIM_GRACE_PROFILE_ID, "urn:li:member:1"};
	struct voyager_presence_list l;
	struct lc_error err;
	struct world w;

	world_up(&w);
	lc_error_clear(&err);
	cr_assert_eq(voyager_presence(&w.ctx, bad, 2, &l, &err), LC_EINVAL);
	cr_assert_eq(voyager_presence(&w.ctx, bad, 0, &l, &err), LC_EINVAL);
	cr_assert_eq(l.n, 0);
	cr_assert_eq(sim_requests(w.sim, "presence"), 0);
	world_down(&w);
}

Test(voyager_presence, a_403_is_an_error_that_is_no_expired_session)
{
	const char *const ids[] = {SIM_GRACE_PROFILE_ID};
	struct voyager_presence_list l;
	struct lc_error err;
	struct world w;
	char *r;

	world_up(&w);
	r = sim_post(w.sim, "/__sim/presence", "{\"forbid\":1}");
	free(r);
	lc_error_clear(&err);
	cr_assert_neq(voyager_presence(&w.ctx, ids, 1, &l, &err), LC_OK);
	cr_assert_neq(err.code, LC_EAUTH);
	cr_assert_eq(err.status, 403);
	cr_assert_eq(l.n, 0);
	cr_assert_eq(sim_requests(w.sim, "presence"), 1); /* never retried */
	lc_error_clear(&err);
	cr_assert_eq(voyager_presence(&w.ctx, ids, 1, &l, &err), LC_OK, "%s",
	             err.msg);
	voyager_presence_list_free(&l);
	world_down(&w);
}
