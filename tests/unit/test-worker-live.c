/* test-worker-live.c — the realtime stream inside the worker, against
 * voyager-sim with polling off (a one-hour sync interval): every change
 * reaches the model through the stream alone; drops lose and duplicate
 * nothing; refused connects fall back to polling and come back live.
 */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/model.h"
#include "core/realtime.h"
#include "core/restli.h"
#include "core/worker.h"
#include "core/xmalloc.h"
#include "tests/unit/rigtest.h"

#define LIMIT_MS 20000

static struct sim *sim;
static struct rig r;
static char **convs;

static int
stream_is(struct rig *rg, const void *arg)
{
	struct model_sync s;

	model_get_sync(rg->m, &s);
	return s.stream == *(const int *)arg;
}

static int
synced_twice(struct rig *rg, const void *arg)
{
	struct worker_stats s;

	(void)arg;
	worker_stats_get(rg->w, &s);
	return s.syncs >= 2;
}

/* The simulator, a worker holding the stream open, its first sync and
 * the resync of the first connect done. */
static void
live_up(int heartbeat_ms)
{
	const char *args[] = {"--conversations", "8", "--messages", "4", NULL};
	struct realtime_config rc = {.backoff_step_ms = 20,
	                             .backoff_max_ms = 100,
	                             .idle_timeout_ms = 5000,
	                             .fail_limit = 3,
	                             .polling_retry_ms = 300};
	int live = MODEL_STREAM_LIVE;

	cr_assert_not_null(sim = sim_start(args));
	rig_realtime = 1;
	rigt_up(&r, sim, NULL, 8, 3600);
	worker_tune_realtime(r.w, &rc, heartbeat_ms);
	convs = rigt_convs(&r, 3);
	rigt_start(&r);
	cr_assert(rig_wait_for(&r, rig_initial_done, NULL, LIMIT_MS));
	cr_assert(rig_wait_for(&r, stream_is, &live, LIMIT_MS), "not live");
	cr_assert(rig_wait_for(&r, synced_twice, NULL, LIMIT_MS),
	          "no resync after the connect");
}

static void
live_down(void)
{
	rig_down(&r);
	rigt_free_convs(convs, 3);
	sim_stop(sim);
	rig_realtime = 0;
}

struct want {
	const char *conv;
	const char *text;
	int state; /* -1 any */
	int mine;  /* -1 any */
};

static int
has_message(struct rig *rg, const void *arg)
{
	const struct want *w = arg;
	struct model_thread t;
	size_t i;
	int found = 0;

	if (model_thread_snapshot(rg->m, w->conv, 0, &t) != 0)
		return 0;
	for (i = 0; i < t.n && !found; i++)
		found = strcmp(t.msgs[i].text, w->text) == 0 &&
		        (w->state < 0 || (int)t.msgs[i].state == w->state) &&
		        (w->mine < 0 || t.msgs[i].mine == w->mine);
	model_thread_release(&t);
	return found;
}

static void
incoming(const char *conv, const char *text)
{
	char *body = xasprintf("{\"conversation_urn\":\"%s\",\"text\":\"%s\"}",
	                       conv, text);
	char *ans = sim_post(sim, "/__sim/incoming", body);

	cr_assert_not_null(ans, "incoming failed");
	free(ans);
	free(body);
}

/* Sends text into conv as the user from another device; its URN. */
static char *
send_elsewhere(const char *conv, const char *text)
{
	struct sim_resp resp;
	struct json_object *o, *v, *u;
	char *body, *urn;

	body = xasprintf("{\"message\":{\"body\":{\"attributes\":[],\"text\":"
	                 "\"%s\"},\"renderContentUnions\":[],"
	                 "\"conversationUrn\":\"%s\",\"originToken\":"
	                 "\"elsewhere-%s\"},\"mailboxUrn\":\"urn:li:fsd_"
	                 "profile:%s\",\"trackingId\":\"abcdefghijklmnop\","
	                 "\"dedupeByClientGeneratedToken\":false}",
	                 text, conv, text, SIM_DEMO_PROFILE_ID);
	sim_request(sim, "POST",
	            "/voyager/api/voyagerMessagingDashMessengerMessages"
	            "?action=createMessage",
	            sim_demo_headers(), body, &resp);
	cr_assert_eq(resp.status, 200, "%s", resp.body);
	cr_assert_not_null(o = sim_resp_json(&resp));
	cr_assert(json_object_object_get_ex(o, "value", &v));
	cr_assert(json_object_object_get_ex(v, "entityUrn", &u));
	urn = xstrdup(json_object_get_string(u));
	json_object_put(o);
	sim_resp_free(&resp);
	free(body);
	return urn;
}

static long
reads_of_the_service(void)
{
	return sim_requests(sim, "graphql");
}

Test(worker_live, an_incoming_message_comes_through_the_stream_alone)
{
	struct want w = {NULL, "through the stream", -1, 0};
	struct model_arrival *a;
	uint64_t last;
	long reads;
	size_t n;

	live_up(0);
	w.conv = convs[1];
	reads = reads_of_the_service();
	incoming(convs[1], "through the stream");
	cr_assert(rig_wait_for(&r, has_message, &w, LIMIT_MS));
	cr_assert_eq(reads_of_the_service(), reads,
	             "the model learnt it without a read");
	n = model_arrivals_since(r.m, 0, &a, &last);
	cr_assert_eq(n, 1, "one arrival to notify");
	cr_assert_str_eq(a[0].text, "through the stream");
	cr_assert_str_eq(a[0].conv_urn, convs[1]);
	cr_assert_eq(a[0].burst, 0);
	model_arrivals_free(a, n);
	live_down();
}

Test(worker_live, own_sends_edits_and_recalls_from_another_device)
{
	struct want w = {NULL, "from my phone", MODEL_MSG_SENT, 1};
	char *urn, *path, *enc, *body;
	struct sim_resp resp;
	long reads;

	live_up(0);
	w.conv = convs[0];
	reads = reads_of_the_service();
	urn = send_elsewhere(convs[0], "from my phone");
	cr_assert(rig_wait_for(&r, has_message, &w, LIMIT_MS));

	enc = restli_encode_dup(urn);
	path = xasprintf(
	    "/voyager/api/voyagerMessagingDashMessengerMessages/%s", enc);
	sim_request(sim, "POST", path, sim_demo_headers(),
	            "{\"patch\":{\"$set\":{\"body\":{\"text\":\"fixed on my "
	            "phone\",\"attributes\":[]}}}}",
	            &resp);
	cr_assert_eq(resp.status, 200);
	sim_resp_free(&resp);
	w.text = "fixed on my phone";
	w.state = MODEL_MSG_EDITED;
	cr_assert(rig_wait_for(&r, has_message, &w, LIMIT_MS), "no edit");

	body = xasprintf("{\"messageUrn\":\"%s\"}", urn);
	sim_request(sim, "POST",
	            "/voyager/api/voyagerMessagingDashMessengerMessages"
	            "?action=recall",
	            sim_demo_headers(), body, &resp);
	cr_assert_eq(resp.status, 200);
	sim_resp_free(&resp);
	w.text = "";
	w.state = MODEL_MSG_RECALLED;
	cr_assert(rig_wait_for(&r, has_message, &w, LIMIT_MS), "no recall");
	cr_assert_eq(reads_of_the_service(), reads);
	free(body);
	free(path);
	free(enc);
	free(urn);
	live_down();
}

struct react_want {
	const char *urn;
	const char *summary;
};

static int
reactions_are(struct rig *rg, const void *arg)
{
	const struct react_want *w = arg;
	struct model_msg m;
	int ok;

	if (model_get_message(rg->m, w->urn, NULL, &m) != 0)
		return 0;
	ok = strstr(m.reactions, w->summary) != NULL;
	model_msg_clear(&m);
	return ok;
}

Test(worker_live, a_reaction_summary_comes_through_the_stream)
{
	struct react_want w;
	char *urn;

	live_up(0);
	urn = send_elsewhere(convs[0], "react to this");
	w.urn = urn;
	w.summary = "";
	cr_assert(rig_wait_for(&r, reactions_are, &w, LIMIT_MS));
	cr_assert_eq(
	    simclient_react(sim, convs[0], urn, NULL, "\xf0\x9f\x8e\x89", 1),
	    0);
	w.summary = "\xf0\x9f\x8e\x89 1";
	cr_assert(rig_wait_for(&r, reactions_are, &w, LIMIT_MS));
	free(urn);
	live_down();
}

static int
seen_by_one(struct rig *rg, const void *arg)
{
	struct model_seen *s;
	size_t n = model_get_seen(rg->m, arg, &s);

	model_seen_free(s, n);
	return n == 1;
}

Test(worker_live, a_seen_receipt_reaches_the_model)
{
	struct want w = {NULL, "did you read it", -1, 1};
	struct model_seen *s;
	int64_t t = 0;
	char *urn, *conv;
	size_t n;

	live_up(0);
	w.conv = convs[0];
	urn = send_elsewhere(convs[0], "did you read it");
	cr_assert(rig_wait_for(&r, has_message, &w, LIMIT_MS));
	cr_assert_eq(simclient_seen(sim, convs[0], urn, NULL), 0);
	cr_assert(rig_wait_for(&r, seen_by_one, convs[0], LIMIT_MS));
	n = model_get_seen(r.m, convs[0], &s);
	conv = model_conv_of_message(r.m, urn, &t);
	cr_assert_geq(s[0].upto_ms, t, "seen up to my message");
	cr_assert_gt(s[0].at_ms, 0);
	cr_assert_neq(s[0].name[0], '\0', "named from the participants");
	model_seen_free(s, n);
	free(conv);
	free(urn);
	live_down();
}

static int
typing_shown(struct rig *rg, const void *arg)
{
	char *who = model_get_typing(rg->m, arg, clock_mono_ms(), NULL);
	int yes = who != NULL;

	free(who);
	return yes;
}

static int
typing_gone(struct rig *rg, const void *arg)
{
	return !typing_shown(rg, arg);
}

Test(worker_live, typing_shows_and_her_message_clears_it)
{
	live_up(0);
	cr_assert_eq(simclient_typing(sim, convs[2], NULL), 0);
	cr_assert(rig_wait_for(&r, typing_shown, convs[2], LIMIT_MS));
	incoming(convs[2], "done typing");
	cr_assert(rig_wait_for(&r, typing_gone, convs[2], LIMIT_MS));
	live_down();
}

static int
has_conv_named(struct rig *rg, const void *arg)
{
	struct model_participant *p;
	size_t n = model_participants(rg->m, arg, &p);

	model_participants_free(p, n);
	return n >= 2;
}

Test(worker_live, a_new_conversation_is_fetched_whole)
{
	struct want w = {NULL, "hello, a stranger here", -1, 0};
	char *conv;

	live_up(0);
	conv = simclient_new_conversation(sim, NULL, "hello, a stranger here");
	cr_assert_not_null(conv);
	w.conv = conv;
	cr_assert(rig_wait_for(&r, has_message, &w, LIMIT_MS));
	cr_assert(rig_wait_for(&r, has_conv_named, conv, LIMIT_MS),
	          "participants came with the conversation");
	free(conv);
	live_down();
}

static int missing = -1; /* the first message all_once() missed */

/* Every text "drop N" for N < n is held exactly once in conv. */
struct all_want {
	const char *conv;
	int n;
};

static int
all_once(struct rig *rg, const void *arg)
{
	const struct all_want *w = arg;
	struct model_thread t;
	char *seen = xcalloc((size_t)w->n, 1);
	size_t i;
	int k, ok = 1;

	if (model_thread_snapshot(rg->m, w->conv, 0, &t) != 0) {
		free(seen);
		return 0;
	}
	for (i = 0; i < t.n; i++) {
		if (sscanf(t.msgs[i].text, "drop %d", &k) != 1 || k < 0 ||
		    k >= w->n)
			continue;
		cr_assert_eq(seen[k], 0, "message %d twice", k);
		seen[k] = 1;
	}
	for (k = 0; k < w->n; k++) {
		if (!seen[k] && ok)
			missing = k;
		ok &= seen[k];
	}
	model_thread_release(&t);
	free(seen);
	return ok;
}

Test(worker_live, drops_during_500_messages_lose_and_duplicate_nothing,
     .timeout = 120)
{
	struct all_want w = {NULL, 500};
	struct realtime_stats unused;
	char text[32];
	int i;

	(void)unused;
	if (getenv("LIVE_LOG") != NULL)
		log_open(getenv("LIVE_LOG"), LOGL_DEBUG, 1, NULL);
	live_up(0);
	w.conv = convs[0];
	worker_push_open(r.w, convs[0]);
	srand(12);
	for (i = 0; i < w.n; i++) {
		snprintf(text, sizeof text, "drop %d", i);
		incoming(convs[0], text);
		if (rand() % 10 == 0)
			cr_assert_eq(simclient_realtime_drop(sim), 0);
	}
	cr_assert(rig_wait_for(&r, all_once, &w, 60000), "message %d was lost",
	          missing);
	live_down();
}

Test(worker_live, refused_connects_fall_back_to_polling_and_come_back)
{
	int polling = MODEL_STREAM_POLLING, live = MODEL_STREAM_LIVE;
	struct model_sync s;

	live_up(0);
	cr_assert_gt(worker_sync_interval_ms(r.w), 60000,
	             "live: the sync is a safety net");
	cr_assert_eq(simclient_realtime_refuse(sim, 503, 0), 0);
	cr_assert_eq(simclient_realtime_drop(sim), 0);
	cr_assert(rig_wait_for(&r, stream_is, &polling, LIMIT_MS));
	model_get_sync(r.m, &s);
	cr_assert_neq(s.last_error[0], '\0', "the status bar says so");
	cr_assert_eq(s.session_expired, 0);
	cr_assert_eq(simclient_realtime_refuse(sim, 0, 0), 0);
	cr_assert(rig_wait_for(&r, stream_is, &live, LIMIT_MS),
	          "live again once connects are accepted");
	live_down();
}

Test(worker_live, a_401_on_connect_is_the_expired_session)
{
	int stopped = MODEL_STREAM_STOPPED;
	struct model_sync s;

	live_up(0);
	cr_assert_eq(simclient_realtime_refuse(sim, 401, 0), 0);
	cr_assert_eq(simclient_realtime_drop(sim), 0);
	cr_assert(rig_wait_for(&r, stream_is, &stopped, LIMIT_MS));
	model_get_sync(r.m, &s);
	cr_assert_eq(s.session_expired, 1);
	live_down();
}

static int
heartbeats(struct rig *rg, const void *arg)
{
	(void)rg;
	return sim_requests(sim, "realtime_heartbeat") >= *(const long *)arg &&
	       sim_requests(sim, "delivery_ack") >= 1;
}

static int
typed(struct rig *rg, const void *arg)
{
	(void)rg;
	(void)arg;
	return sim_requests(sim, "typing") >= 1;
}

static int
never(struct rig *rg, const void *arg)
{
	(void)rg;
	(void)arg;
	return 0;
}

Test(worker_live, heartbeats_carry_the_delivery_acks_and_typing_keeps_pace)
{
	struct want w = {NULL, "ack me", -1, 0};
	long two = 2;

	live_up(200);
	w.conv = convs[1];
	incoming(convs[1], "ack me");
	cr_assert(rig_wait_for(&r, has_message, &w, LIMIT_MS));
	cr_assert(rig_wait_for(&r, heartbeats, &two, LIMIT_MS));
	cr_assert_eq(sim_requests(sim, "delivery_ack"), 1,
	             "one ack call for what arrived");
	cr_assert_eq(worker_push_typing(r.w, convs[1]), 0);
	cr_assert_eq(worker_push_typing(r.w, convs[1]), 0);
	cr_assert_eq(worker_push_typing(r.w, convs[1]), 0);
	cr_assert(rig_wait_for(&r, typed, NULL, LIMIT_MS));
	rig_wait_for(&r, never, NULL, 300);
	cr_assert_eq(sim_requests(sim, "typing"), 1, "once per 10 s");
	live_down();
}

static int
realtime_connects_at_least(struct rig *rg, const void *arg)
{
	(void)rg;
	return sim_requests(sim, "realtime_connect") >= *(const long *)arg;
}

/* A stream that sends garbage, then one that sends a 30 MiB line, then
 * one that never says a word: each ends in a clear state, no crash, and
 * the next message still arrives exactly once. */
Test(worker_live, garbage_a_huge_line_and_silence_lose_nothing, .timeout = 90)
{
	struct want w = {NULL, NULL, -1, 0};
	int live = MODEL_STREAM_LIVE;
	long connects;

	live_up(0);
	w.conv = convs[1];
	cr_assert_eq(simclient_realtime_fault(sim, "garbage", 1, 0), 0);
	cr_assert_eq(simclient_realtime_drop(sim), 0);
	cr_assert(rig_wait_for(&r, stream_is, &live, LIMIT_MS));
	incoming(convs[1], "after garbage");
	w.text = "after garbage";
	cr_assert(rig_wait_for(&r, has_message, &w, LIMIT_MS));

	cr_assert_eq(simclient_realtime_fault(sim, "huge-line", 1, 0), 0);
	cr_assert_eq(simclient_realtime_drop(sim), 0);
	connects = sim_requests(sim, "realtime_connect") + 1;
	cr_assert(
	    rig_wait_for(&r, realtime_connects_at_least, &connects, LIMIT_MS));
	cr_assert(rig_wait_for(&r, stream_is, &live, 60000));
	incoming(convs[1], "after a huge line");
	w.text = "after a huge line";
	cr_assert(rig_wait_for(&r, has_message, &w, LIMIT_MS));

	cr_assert_eq(simclient_realtime_fault(sim, "silent", 1, 0), 0);
	cr_assert_eq(simclient_realtime_drop(sim), 0);
	/* the silent connect times out (5 s here), the next one is live */
	connects = sim_requests(sim, "realtime_connect") + 2;
	cr_assert(
	    rig_wait_for(&r, realtime_connects_at_least, &connects, 30000),
	    "the silent stream was not given up");
	cr_assert(rig_wait_for(&r, stream_is, &live, LIMIT_MS));
	incoming(convs[1], "after silence");
	w.text = "after silence";
	cr_assert(rig_wait_for(&r, has_message, &w, LIMIT_MS));
	live_down();
}
