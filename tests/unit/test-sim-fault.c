/* test-sim-fault.c — the simulator's injected faults: every kind, when it
 * happens relative to the handler (state changed or not), determinism
 * from the seed, and that /__sim/ is never faulted. */
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "simclient.h"
#include "xmalloc.h"

#define ME "/voyager/api/me"
#define SEND                                                                   \
	"/voyager/api/voyagerMessagingDashMessengerMessages"                   \
	"?action=createMessage"
#define LOAD                                                                   \
	"/voyager/api/voyagerMessagingGraphQL/graphql?queryId="                \
	"messengerConversations.0d5e6781bbee71c3e51c8843c6519f48&variables="   \
	"(mailboxUrn:urn%3Ali%3Afsd_profile%3A" SIM_DEMO_PROFILE_ID            \
	",count:1)"

static struct sim *
start(const char *const *args)
{
	struct sim *s = sim_start(args);

	cr_assert_not_null(s, "the simulator did not start");
	return s;
}

static void
force(struct sim *s, const char *fault, const char *endpoint)
{
	char *body, *ans;

	body = endpoint ? xasprintf("{\"next\":1,\"fault\":\"%s\","
	                            "\"endpoint\":\"%s\"}",
	                            fault, endpoint)
	                : xasprintf("{\"next\":1,\"fault\":\"%s\"}", fault);
	ans = sim_post(s, "/__sim/fault", body);
	cr_assert_not_null(ans, "POST /__sim/fault %s", body);
	free(ans);
	free(body);
}

/* The newest conversation's urn; caller frees. */
static char *
newest_conv(struct sim *s)
{
	struct sim_resp r;
	struct json_object *o, *d, *x;
	char *u;

	sim_request(s, "GET", LOAD, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 200);
	o = sim_resp_json(&r);
	json_object_object_get_ex(o, "data", &d);
	json_object_object_get_ex(d, "messengerConversationsBySyncToken", &d);
	json_object_object_get_ex(d, "elements", &d);
	json_object_object_get_ex(json_object_array_get_idx(d, 0), "entityUrn",
	                          &x);
	u = xstrdup(json_object_get_string(x));
	json_object_put(o);
	sim_resp_free(&r);
	return u;
}

/* Sends one message with fault forced on it; the number of messages the
 * simulator stored afterwards. */
static size_t
send_with_fault(const char *fault, struct sim_resp *r)
{
	struct sim *s = start(NULL);
	struct json_object *st, *sent;
	char *conv = newest_conv(s), *body;
	size_t n;

	force(s, fault, "create_message");
	body = xasprintf(
	    "{\"message\":{\"body\":{\"attributes\":[],\"text\":"
	    "\"hi\"},\"renderContentUnions\":[],\"conversationUrn\":\"%s\","
	    "\"originToken\":\"tok-1\"},\"mailboxUrn\":\"" SIM_DEMO_PROFILE_URN
	    "\",\"trackingId\":\"x\","
	    "\"dedupeByClientGeneratedToken\":false}",
	    conv);
	sim_request(s, "POST", SEND, sim_demo_headers(), body, r);
	st = sim_state_json(s);
	cr_assert_not_null(st);
	json_object_object_get_ex(st, "sent_messages", &sent);
	n = json_object_array_length(sent);
	json_object_put(st);
	free(body);
	free(conv);
	sim_stop(s);
	return n;
}

Test(sim_fault, status_429_has_retry_after_and_changes_nothing)
{
	struct sim_resp r;

	cr_assert_eq(send_with_fault("429", &r), 0);
	cr_assert_eq(r.status, 429);
	cr_assert(strstr(r.headers, "Retry-After: 1"));
	sim_resp_free(&r);
}

Test(sim_fault, status_999_changes_nothing)
{
	struct sim_resp r;

	cr_assert_eq(send_with_fault("999", &r), 0);
	cr_assert_eq(r.status, 999);
	sim_resp_free(&r);
}

Test(sim_fault, status_503_changes_nothing)
{
	struct sim_resp r;

	cr_assert_eq(send_with_fault("503", &r), 0);
	cr_assert_eq(r.status, 503);
	sim_resp_free(&r);
}

Test(sim_fault, status_500_comes_after_the_send_was_stored)
{
	struct sim_resp r;

	cr_assert_eq(send_with_fault("500", &r), 1);
	cr_assert_eq(r.status, 500);
	sim_resp_free(&r);
}

Test(sim_fault, reset_cuts_the_body_after_the_send_was_stored)
{
	struct sim_resp r;

	cr_assert_eq(send_with_fault("reset", &r), 1);
	cr_assert_neq(r.curl_code, CURLE_OK, "the transfer must fail");
	sim_resp_free(&r);
}

Test(sim_fault, truncated_json_after_the_send_was_stored)
{
	struct sim_resp r;
	struct json_object *o;

	cr_assert_eq(send_with_fault("truncated", &r), 1);
	cr_assert_eq(r.curl_code, CURLE_OK);
	cr_assert_eq(r.status, 200);
	cr_assert_gt(r.len, 0);
	o = sim_resp_json(&r);
	cr_assert_null(o, "a truncated body is not JSON: %s", r.body);
	sim_resp_free(&r);
}

Test(sim_fault, malformed_json_after_the_send_was_stored)
{
	struct sim_resp r;

	cr_assert_eq(send_with_fault("malformed", &r), 1);
	cr_assert_eq(r.status, 200);
	cr_assert_null(sim_resp_json(&r));
	sim_resp_free(&r);
}

Test(sim_fault, empty_200_after_the_send_was_stored)
{
	struct sim_resp r;

	cr_assert_eq(send_with_fault("empty", &r), 1);
	cr_assert_eq(r.status, 200);
	cr_assert_eq(r.len, 0);
	sim_resp_free(&r);
}

Test(sim_fault, slow_body_arrives_whole)
{
	struct sim_resp r;
	struct json_object *o;

	cr_assert_eq(send_with_fault("slow", &r), 1);
	cr_assert_eq(r.curl_code, CURLE_OK);
	cr_assert_eq(r.status, 200);
	o = sim_resp_json(&r);
	cr_assert_not_null(o);
	json_object_put(o);
	sim_resp_free(&r);
}

Test(sim_fault, forced_fault_waits_for_its_endpoint)
{
	struct sim *s = start(NULL);
	struct sim_resp r;

	force(s, "503", "create_message");
	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 200, "another endpoint is not hit");
	sim_resp_free(&r);
	force(s, "503", NULL);
	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 503);
	sim_resp_free(&r);
	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 200, "only the next one");
	sim_resp_free(&r);
	sim_stop(s);
}

/* Statuses of n requests to /me, as a string of digits ('0' for none). */
static void
statuses(struct sim *s, char *out, int n)
{
	struct sim_resp r;
	int i;

	for (i = 0; i < n; i++) {
		sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
		out[i] = r.curl_code != 0 ? 'R'
		         : r.status == 200 && r.len == 0
		             ? 'E'
		             : (char)('0' + r.status / 100);
		sim_resp_free(&r);
	}
	out[n] = '\0';
}

Test(sim_fault, random_faults_repeat_with_the_same_seed)
{
	const char *args[] = {"--seed", "42",       "--fault-rate",
	                      "0.5",    "--faults", "429,503,500,empty,reset",
	                      NULL};
	struct sim *a = start(args), *b;
	char sa[32], sb[32];

	statuses(a, sa, 24);
	sim_stop(a);
	b = start(args);
	statuses(b, sb, 24);
	sim_stop(b);
	cr_assert_str_eq(sa, sb);
	cr_assert(strchr(sa, '2') != NULL, "some pass: %s", sa);
	cr_assert(strpbrk(sa, "45ER") != NULL, "some fail: %s", sa);
}

Test(sim_fault, control_plane_is_never_faulted)
{
	const char *args[] = {"--fault-rate", "1", "--faults", "reset", NULL};
	struct sim *s = start(args);
	struct sim_resp r;
	int i;

	for (i = 0; i < 5; i++) {
		char *st = sim_state(s);

		cr_assert_not_null(st);
		free(st);
	}
	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_neq(r.curl_code, CURLE_OK);
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_fault, fault_settings_change_at_run_time)
{
	struct sim *s = start(NULL);
	struct sim_resp r;
	char *ans;

	ans = sim_post(s, "/__sim/fault", "{\"rate\":1,\"faults\":\"999\"}");
	cr_assert_not_null(ans);
	free(ans);
	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 999);
	sim_resp_free(&r);
	ans = sim_post(s, "/__sim/fault", "{\"rate\":0}");
	free(ans);
	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 200);
	sim_resp_free(&r);
	cr_assert_null(sim_post(s, "/__sim/fault", "{\"faults\":\"fire\"}"));
	sim_stop(s);
}

Test(sim_fault, unknown_fault_flag_refuses_to_start)
{
	const char *args[] = {"--faults", "429,fire", NULL};

	cr_assert_null(sim_start(args));
}

Test(sim_fault, latency_still_answers)
{
	const char *args[] = {"--latency-ms", "20", NULL};
	struct sim *s = start(args);
	struct sim_resp r;

	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 200);
	sim_resp_free(&r);
	sim_stop(s);
}
