/* test-sim-presence.c — presenceStatuses (API.md §12) and /__sim/presence:
 * the inferred answer shape, the seeded default, the control, the 403
 * burst, and what the endpoint refuses. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "tests/sim/simclient.h"
#include "tests/unit/simtest.h"
#include "core/xmalloc.h"

#define PRESENCE "/voyager/api/messaging/dash/presenceStatuses"
#define ENC_PREFIX "urn%3Ali%3Afsd_profile%3A"
#define GRACE_URN "urn:li:fsd_profile:" SIM_GRACE_PROFILE_ID
#define BILL_URN "urn:li:fsd_profile:" SIM_BILL_PROFILE_ID

static const char grace_and_bill[] = "ids=List(" ENC_PREFIX SIM_GRACE_PROFILE_ID
                                     "," ENC_PREFIX SIM_BILL_PROFILE_ID ")";

static struct json_object *
presence(struct sim *s, const char *body, long *status)
{
	return simt_call(s, "POST", PRESENCE, body, status);
}

static const char *
availability(struct json_object *o, const char *urn)
{
	struct json_object *res = simt_member(o, "data.results"), *e = NULL;

	cr_assert_not_null(res);
	if (!json_object_object_get_ex(res, urn, &e))
		return NULL;
	return simt_str(e, "availability");
}

Test(sim_presence, answers_the_inferred_shape_for_each_id)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *res, *e;
	const char *a;
	long st;

	o = presence(s, grace_and_bill, &st);
	cr_assert_eq(st, 200);
	res = simt_member(o, "data.results");
	cr_assert_eq(json_object_object_length(res), 2);
	cr_assert(json_object_object_get_ex(res, GRACE_URN, &e));
	a = simt_str(e, "availability");
	cr_assert(strcmp(a, "ONLINE") == 0 || strcmp(a, "OFFLINE") == 0);
	cr_assert_gt(json_object_get_int64(simt_member(e, "lastActiveAt")), 0);
	cr_assert(json_object_is_type(simt_member(e, "instantlyReachable"),
	                              json_type_boolean));
	cr_assert_eq(json_object_object_length(simt_member(o, "data.errors")),
	             0);
	cr_assert_eq(json_object_array_length(simt_member(o, "included")), 0);
	json_object_put(o);
	cr_assert_eq(sim_requests(s, "presence"), 1);
	sim_stop(s);
}

Test(sim_presence, the_default_is_the_same_for_the_same_seed)
{
	const char *const args[] = {"--seed", "5", NULL};
	struct sim *s1 = simt_start(args), *s2 = simt_start(args);
	struct json_object *o1, *o2;
	long st;

	o1 = presence(s1, grace_and_bill, &st);
	o2 = presence(s2, grace_and_bill, &st);
	cr_assert_str_eq(availability(o1, GRACE_URN),
	                 availability(o2, GRACE_URN));
	cr_assert_str_eq(availability(o1, BILL_URN),
	                 availability(o2, BILL_URN));
	json_object_put(o1);
	json_object_put(o2);
	sim_stop(s1);
	sim_stop(s2);
}

Test(sim_presence, the_control_sets_availability)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o;
	char *r;
	long st;

	r = sim_post(s, "/__sim/presence",
	             "{\"who\":\"" SIM_GRACE_PROFILE_ID
	             "\",\"availability\":\"ONLINE\"}");
	cr_assert_not_null(r);
	free(r);
	r = sim_post(s, "/__sim/presence",
	             "{\"who\":\"" BILL_URN "\",\"availability\":\"OFFLINE\"}");
	cr_assert_not_null(r);
	free(r);
	o = presence(s, grace_and_bill, &st);
	cr_assert_eq(st, 200);
	cr_assert_str_eq(availability(o, GRACE_URN), "ONLINE");
	cr_assert_str_eq(availability(o, BILL_URN), "OFFLINE");
	json_object_put(o);
	r = sim_post(s, "/__sim/presence",
	             "{\"who\":\"" SIM_GRACE_PROFILE_ID
	             "\",\"availability\":\"AWAY\"}");
	cr_assert_null(r);
	r = sim_post(s, "/__sim/presence",
	             "{\"who\":\"nobody\",\"availability\":\"ONLINE\"}");
	cr_assert_null(r);
	sim_stop(s);
}

Test(sim_presence, forbid_answers_403_with_an_empty_body_then_200)
{
	struct sim *s = simt_start(NULL);
	struct sim_resp r;
	char *ok;

	ok = sim_post(s, "/__sim/presence", "{\"forbid\":1}");
	cr_assert_not_null(ok);
	free(ok);
	sim_request(s, "POST", PRESENCE, sim_demo_headers(), grace_and_bill,
	            &r);
	cr_assert_eq(r.status, 403);
	cr_assert_eq(r.len, 0);
	sim_resp_free(&r);
	sim_request(s, "POST", PRESENCE, sim_demo_headers(), grace_and_bill,
	            &r);
	cr_assert_eq(r.status, 200);
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_presence, unknown_profiles_land_in_errors)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *e;
	long st;

	o = presence(s, "ids=List(" ENC_PREFIX "ACoNobody)", &st);
	cr_assert_eq(st, 200);
	cr_assert_eq(json_object_object_length(simt_member(o, "data.results")),
	             0);
	cr_assert(json_object_object_get_ex(
	    simt_member(o, "data.errors"), "urn:li:fsd_profile:ACoNobody", &e));
	cr_assert_eq(json_object_get_int(simt_member(e, "status")), 404);
	json_object_put(o);
	sim_stop(s);
}

Test(sim_presence, refuses_bad_bodies_and_more_than_ten_ids)
{
	static const char *const bad[] = {
	    "",
	    "ids=",
	    "ids=List()",
	    "ids=List(urn:li:fsd_profile:X)", /* raw ':' in a value */
	    "ids=(a:b)",
	    "ids=List(urn%3Ali%3Amember%3A1)",
	    "ids=List(" ENC_PREFIX ")",
	    "who=List(" ENC_PREFIX "X)",
	    "ids=List(" ENC_PREFIX "X",
	};
	struct sim *s = simt_start(NULL);
	struct json_object *o;
	char *body;
	size_t i;
	long st;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o = presence(s, bad[i], &st);
		cr_expect_eq(st, 400, "body %s: %ld", bad[i], st);
		json_object_put(o);
	}
	body = xstrdup("ids=List(" ENC_PREFIX "X0");
	for (i = 1; i < 11; i++) {
		char *n = xasprintf("%s,%sX%zu", body, ENC_PREFIX, i);

		free(body);
		body = n;
	}
	{
		char *n = xasprintf("%s)", body);

		free(body);
		body = n;
	}
	o = presence(s, body, &st);
	cr_assert_eq(st, 400); /* eleven */
	json_object_put(o);
	free(body);
	sim_stop(s);
}

Test(sim_presence, checks_the_session_and_the_content_type)
{
	static const char *const json_ct[] = {"Content-Type: application/json",
	                                      NULL, NULL, NULL, NULL};
	const char *const *demo = sim_demo_headers();
	const char *hdrs[8];
	struct sim *s = simt_start(NULL);
	struct sim_resp r;
	size_t i, k = 0;

	sim_request(s, "POST", PRESENCE, NULL, grace_and_bill, &r);
	cr_assert_eq(r.status, 401);
	sim_resp_free(&r);
	for (i = 0; demo[i] != NULL && k < 6; i++)
		hdrs[k++] = demo[i];
	hdrs[k++] = json_ct[0];
	hdrs[k] = NULL;
	sim_request(s, "POST", PRESENCE, hdrs, grace_and_bill, &r);
	cr_assert_eq(r.status, 415);
	sim_resp_free(&r);
	sim_stop(s);
}
