/* test-sim-fault.c — the simulator's injected faults: every kind, when it
 * happens relative to the handler (state changed or not), determinism
 * from the seed, and that /__sim/ is never faulted. */
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/sim/simclient.h"
#include "core/xmalloc.h"

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

/* A member of /__sim/state by dotted path; caller puts *st. */
static struct json_object *
state_at(struct sim *s, const char *path, struct json_object **st)
{
	struct json_object *o;
	const char *p = path, *dot;
	char key[64];

	*st = sim_state_json(s);
	cr_assert_not_null(*st);
	for (o = *st; o != NULL && *p != '\0'; p = *dot ? dot + 1 : dot) {
		dot = p + strcspn(p, ".");
		snprintf(key, sizeof key, "%.*s", (int)(dot - p), p);
		if (!json_object_object_get_ex(o, key, &o))
			o = NULL;
	}
	return o;
}

Test(sim_fault, huge_streams_the_asked_size_without_a_length)
{
	struct sim *s = start(NULL);
	struct sim_resp r;
	struct json_object *st;
	int64_t served = 0;
	char *ans;
	int i;

	ans = sim_post(s, "/__sim/fault",
	               "{\"next\":1,\"fault\":\"huge\",\"bytes\":100000}");
	cr_assert_not_null(ans);
	free(ans);
	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 200);
	cr_assert_eq(r.len, 100000);
	cr_assert_eq(strncmp(r.body, "{\"data\":{\"pad\":\"xxx", 19), 0);
	cr_assert_str_eq(r.body + r.len - 5, "xx\"}}");
	cr_assert_null(strstr(r.headers, "Content-Length"), "%s", r.headers);
	sim_resp_free(&r);
	/* recorded when the server lets go of the answer, just after the
	 * client has it all */
	for (i = 0; i < 100; i++) {
		served = json_object_get_int64(
		    state_at(s, "faults.huge_served", &st));
		json_object_put(st);
		if (served != 0)
			break;
		usleep(20000);
	}
	cr_assert_eq(served, 100000);
	sim_stop(s);
}

Test(sim_fault, deep_nests_the_answer_the_asked_depth)
{
	struct sim *s = start(NULL);
	struct sim_resp r;
	size_t i, open = 0;

	force(s, "deep", "me");
	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 200);
	for (i = 0; i < r.len; i++)
		open += r.body[i] == '[';
	cr_assert_eq(open, 10000);
	cr_assert_eq(r.len, strlen("{\"data\":}") + 20000);
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_fault, redirect_answers_its_location_and_the_handler_never_runs)
{
	struct sim *s = start(NULL);
	struct sim_resp r;
	struct json_object *st;
	char *conv = newest_conv(s), *body, *ans;

	ans = sim_post(s, "/__sim/fault",
	               "{\"next\":1,\"fault\":\"redirect\",\"status\":307,"
	               "\"location\":\"http://127.0.0.2:9/steal\"}");
	cr_assert_not_null(ans);
	free(ans);
	body = xasprintf(
	    "{\"message\":{\"body\":{\"attributes\":[],\"text\":\"hi\"},"
	    "\"renderContentUnions\":[],\"conversationUrn\":\"%s\","
	    "\"originToken\":\"2f6f4b2c-1a2b-4c3d-8e9f-0a1b2c3d4e5f\"},"
	    "\"mailboxUrn\":\"urn:li:fsd_profile:" SIM_DEMO_PROFILE_ID "\","
	    "\"trackingId\":\"x\",\"dedupeByClientGeneratedToken\":false}",
	    conv);
	sim_request(s, "POST", SEND, sim_demo_headers(), body, &r);
	cr_assert_eq(r.status, 307);
	cr_assert_not_null(strstr(r.headers, "Location: http://127.0.0.2:9/"
	                                     "steal"),
	                   "%s", r.headers);
	sim_resp_free(&r);
	cr_assert_eq(
	    json_object_array_length(state_at(s, "sent_messages", &st)), 0);
	json_object_put(st);
	free(body);
	free(conv);
	sim_stop(s);
}

Test(sim_fault, foreign_cookie_adds_cookies_for_another_domain)
{
	struct sim *s = start(NULL);
	struct sim_resp r;

	force(s, "foreign-cookie", NULL);
	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	cr_assert_eq(r.status, 200);
	cr_assert_not_null(strstr(r.body, "miniProfile"), "%s", r.body);
	cr_assert_not_null(strstr(r.headers, "li_at=forged-by-evil-example; "
	                                     "Domain=evil.example"));
	cr_assert_not_null(strstr(r.headers, "lc_foreign=1; Domain=.evil"));
	sim_resp_free(&r);
	sim_stop(s);
}

Test(sim_fault, the_log_names_the_cookies_sent_but_not_their_values)
{
	struct sim *s = start(NULL);
	struct sim_resp r;
	struct json_object *st, *log, *names;
	const char *text;

	sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
	sim_resp_free(&r);
	log = state_at(s, "log", &st);
	cr_assert_eq(json_object_array_length(log), 1);
	cr_assert(json_object_object_get_ex(json_object_array_get_idx(log, 0),
	                                    "cookies", &names));
	text = json_object_to_json_string_ext(names, JSON_C_TO_STRING_PLAIN);
	cr_assert_str_eq(text, "[\"li_at\",\"JSESSIONID\"]");
	cr_assert_null(strstr(json_object_to_json_string(st), SIM_DEMO_LI_AT));
	json_object_put(st);
	sim_stop(s);
}

Test(sim_fault, hostile_answers_are_never_drawn_at_random)
{
	const char *args[] = {"--fault-rate", "1", NULL};
	struct sim *s = start(args);
	struct json_object *st, *inj;
	struct sim_resp r;
	int i;

	for (i = 0; i < 40; i++) {
		sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
		sim_resp_free(&r);
	}
	inj = state_at(s, "faults.injected", &st);
	cr_assert_not_null(inj);
	json_object_object_foreach(inj, k, v)
	{
		if (strcmp(k, "huge") == 0 || strcmp(k, "deep") == 0 ||
		    strcmp(k, "redirect") == 0 ||
		    strcmp(k, "foreign-cookie") == 0)
			cr_assert_eq(json_object_get_int(v), 0, "%s", k);
	}
	json_object_put(st);
	sim_stop(s);
}
