/* test-sim-rt.c — the simulator's realtime event stream (API.md §7). */
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "tests/sim/simclient.h"
#include "tests/unit/simtest.h"
#include "core/xmalloc.h"

/* A realtime stream read with the multi interface, so the test can act
 * on the simulator while the stream stays open. */
struct stream {
	CURLM *m;
	CURL *e;
	struct curl_slist *h;
	struct buf got;
	size_t cursor; /* of stream_event: the next line to look at */
	int done;
	CURLcode result;
};

static size_t
on_data(char *p, size_t size, size_t n, void *cls)
{
	struct buf *b = cls;

	buf_add(b, p, size * n);
	return size * n;
}

static void
stream_open(struct stream *st, struct sim *s)
{
	const char *const *d = sim_demo_headers();
	char *url = xasprintf("%s/realtime/connect?rc=1", sim_base_url(s));
	size_t i;

	memset(st, 0, sizeof(*st));
	buf_init(&st->got, 0);
	for (i = 0; d[i] != NULL; i++)
		st->h = curl_slist_append(st->h, d[i]);
	st->h = curl_slist_append(st->h, "accept: text/event-stream");
	st->h =
	    curl_slist_append(st->h, "x-li-realtime-session: "
	                             "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
	st->e = curl_easy_init();
	curl_easy_setopt(st->e, CURLOPT_URL, url);
	curl_easy_setopt(st->e, CURLOPT_HTTPHEADER, st->h);
	curl_easy_setopt(st->e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(st->e, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(st->e, CURLOPT_WRITEDATA, &st->got);
	st->m = curl_multi_init();
	curl_multi_add_handle(st->m, st->e);
	free(url);
}

/* One turn of the transfer: waits up to 100 ms for bytes. */
static void
stream_pump(struct stream *st)
{
	int running, left;
	CURLMsg *msg;

	curl_multi_perform(st->m, &running);
	while ((msg = curl_multi_info_read(st->m, &left)) != NULL)
		if (msg->msg == CURLMSG_DONE) {
			st->done = 1;
			st->result = msg->data.result;
		}
	if (!st->done)
		curl_multi_poll(st->m, NULL, 0, 100, NULL);
}

/* Whether b holds want; b may carry NUL bytes (a faulty stream). */
static int
contains(const struct buf *b, const char *want)
{
	size_t n = strlen(want), i;

	for (i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, want, n) == 0)
			return 1;
	return 0;
}

/* Pumps the stream until its text contains want (or, want NULL, until it
 * ends).  Bounded, so a broken simulator fails instead of hanging. */
static int
stream_until(struct stream *st, const char *want)
{
	int i;

	for (i = 0; i < 300; i++) {
		if (want != NULL && contains(&st->got, want))
			return 1;
		if (st->done)
			return want == NULL;
		stream_pump(st);
	}
	return 0;
}

/* The next whole "data:" line after the cursor, parsed (caller puts);
 * NULL if none comes in 30 s or it is no JSON. */
static struct json_object *
stream_event(struct stream *st)
{
	const char *p, *nl;
	char *line;
	struct json_object *o;
	int i;

	for (i = 0; i < 300; i++) {
		p = buf_cstr(&st->got) + st->cursor;
		while ((nl = strchr(p, '\n')) != NULL &&
		       strncmp(p, "data: ", 6) != 0)
			p = nl + 1;
		if (nl != NULL) {
			line = xstrndup(p + 6, (size_t)(nl - p - 6));
			st->cursor = (size_t)(nl + 1 - buf_cstr(&st->got));
			o = json_tokener_parse(line);
			free(line);
			return o;
		}
		st->cursor = (size_t)(p - buf_cstr(&st->got));
		if (st->done)
			return NULL;
		stream_pump(st);
	}
	return NULL;
}

/* The topic name of a DecoratedEvent ("messagesTopic"), or "" for
 * another event; owned by ev. */
static const char *
ev_topic(struct json_object *ev, struct json_object **data)
{
	static const char pre[] = "urn:li-realtime:";
	struct json_object *d, *t;
	const char *s;

	if (!json_object_object_get_ex(
	        ev, "com.linkedin.realtimefrontend.DecoratedEvent", &d) ||
	    !json_object_object_get_ex(d, "topic", &t))
		return "";
	if (data != NULL)
		*data = simt_member(d, "payload.data");
	s = json_object_get_string(t);
	return strncmp(s, pre, sizeof(pre) - 1) == 0 ? s + sizeof(pre) - 1 : s;
}

/* The "result" of decoration key in the next event on topic (events of
 * other topics are skipped); NULL if none comes.  Caller puts. */
static struct json_object *
stream_next(struct stream *st, const char *topic, const char *key)
{
	struct json_object *ev, *data = NULL, *res = NULL;
	char *want = xasprintf("%s:urn:li-realtime:myself", topic);

	while ((ev = stream_event(st)) != NULL) {
		if (strcmp(ev_topic(ev, &data), want) == 0) {
			res = json_object_get(
			    simt_member(simt_member(data, key), "result"));
			cr_assert_not_null(res, "%s has no %s.result", topic,
			                   key);
			json_object_put(ev);
			break;
		}
		json_object_put(ev);
	}
	free(want);
	return res;
}

static void
stream_close(struct stream *st)
{
	curl_multi_remove_handle(st->m, st->e);
	curl_easy_cleanup(st->e);
	curl_multi_cleanup(st->m);
	curl_slist_free_all(st->h);
	buf_release(&st->got);
}

static struct sim *
start(const char *const *args)
{
	struct sim *s = sim_start(args);

	cr_assert_not_null(s, "the simulator did not start");
	return s;
}

Test(sim_rt, incoming_message_arrives_on_the_stream)
{
	struct sim *s = start(NULL);
	struct stream st;

	stream_open(&st, s);
	cr_assert(stream_until(&st, "ClientConnection"));
	free(
	    sim_post(s, "/__sim/incoming", "{\"text\":\"live from the sim\"}"));
	cr_assert(stream_until(&st, "live from the sim"));
	cr_assert(strstr(buf_cstr(&st.got), "urn:li-realtime:messagesTopic:"
	                                    "urn:li-realtime:myself"));
	cr_assert(strstr(buf_cstr(&st.got),
	                 "doDecorateMessageMessengerRealtimeDecoration"));
	stream_close(&st);
	cr_assert_eq(sim_stop(s), 0, "shuts down with a stream open");
}

Test(sim_rt, quiet_stream_sends_heartbeats)
{
	const char *args[] = {"--heartbeat-ms", "50", NULL};
	struct sim *s = start(args);
	struct stream st;

	stream_open(&st, s);
	cr_assert(stream_until(&st, "com.linkedin.realtimefrontend.Heartbeat"));
	stream_close(&st);
	sim_stop(s);
}

Test(sim_rt, drop_cuts_the_stream_and_expiry_ends_it)
{
	struct sim *s = start(NULL);
	struct stream st;

	stream_open(&st, s);
	cr_assert(stream_until(&st, "ClientConnection"));
	free(sim_post(s, "/__sim/realtime-drop", "{}"));
	cr_assert(stream_until(&st, NULL));
	cr_assert_neq(st.result, CURLE_OK, "a cut stream is an error");
	stream_close(&st);

	stream_open(&st, s);
	cr_assert(stream_until(&st, "ClientConnection"));
	free(sim_post(s, "/__sim/expire", "{}"));
	cr_assert(stream_until(&st, NULL));
	stream_close(&st);
	sim_stop(s);
}

Test(sim_rt, connect_without_session_uuid_is_400)
{
	struct sim *s = start(NULL);
	struct sim_resp r;

	sim_request(s, "GET", "/realtime/connect?rc=1", sim_demo_headers(),
	            NULL, &r);
	cr_assert_eq(r.status, 400);
	sim_resp_free(&r);
	sim_request(s, "POST",
	            "/realtime/realtimeFrontendClientConnectivityTracking"
	            "?action=sendHeartbeat",
	            sim_demo_headers(), "{}", &r);
	cr_assert_eq(r.status, 200);
	sim_resp_free(&r);
	sim_stop(s);
}

#define GRACE_HOST "urn:li:fsd_profile:" SIM_GRACE_PROFILE_ID
#define MSG_DECO "doDecorateMessageMessengerRealtimeDecoration"
#define CONV_DECO "doDecorateConversationMessengerRealtimeDecoration"
#define SEEN_DECO "doDecorateSeenReceiptMessengerRealtimeDecoration"
#define TYPING_DECO "doDecorateTypingIndicatorMessengerRealtimeDecoration"
#define REACT_DECO                                                             \
	"doDecorateRealtimeReactionSummaryMessengerRealtimeDecoration"

/* A MessagingParticipant of API.md §6 for the profile host. */
static void
assert_participant(struct json_object *p, const char *host)
{
	char *u = xasprintf("urn:li:msg_messagingParticipant:%s", host);

	cr_assert_not_null(p, "no participant");
	cr_assert_str_eq(simt_str(p, "entityUrn"), u);
	cr_assert_str_eq(simt_str(p, "hostIdentityUrn"), host);
	cr_assert_not_null(
	    simt_str(p, "participantType.member.firstName.text"));
	cr_assert_not_null(simt_str(p, "participantType.member.lastName.text"));
	free(u);
}

/* An incoming message from Grace in her 1:1 (the conversation is
 * created when she has none); its urns, which the caller frees. */
static void
from_grace(struct sim *s, const char *text, char **conv, char **msg)
{
	char *body = xasprintf("{\"from\":\"%s\",\"text\":\"%s\"}",
	                       SIM_GRACE_PROFILE_ID, text);
	char *a = sim_post(s, "/__sim/incoming", body);
	struct json_object *o;

	cr_assert_not_null(a, "incoming failed");
	o = json_tokener_parse(a);
	*conv = xstrdup(simt_str(o, "conversation_urn"));
	*msg = xstrdup(simt_str(o, "message_urn"));
	json_object_put(o);
	free(a);
	free(body);
}

/* A stream open and past its ClientConnection event. */
static void
stream_ready(struct stream *st, struct sim *s)
{
	stream_open(st, s);
	cr_assert(stream_until(st, "ClientConnection"));
	st->cursor = st->got.len;
}

static long long
state_int(struct sim *s, const char *path)
{
	struct json_object *o = sim_state_json(s);
	long long v;

	cr_assert_not_null(o);
	v = json_object_get_int64(simt_member(o, path));
	json_object_put(o);
	return v;
}

Test(sim_rt, seen_receipt_names_message_and_reader)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *state;
	struct stream st;
	char *conv, *msg, *other, *newer;

	from_grace(s, "did you read this?", &conv, &msg);
	stream_ready(&st, s);
	cr_assert_eq(simclient_seen(s, conv, NULL, NULL), 0);
	o = stream_next(&st, "messageSeenReceiptsTopic", SEEN_DECO);
	cr_assert_not_null(o);
	cr_assert(json_object_get_int64(simt_member(o, "seenAt")) > 0);
	cr_assert_str_eq(simt_str(o, "message.entityUrn"), msg);
	assert_participant(simt_member(o, "seenByParticipant"), GRACE_HOST);
	json_object_put(o);

	/* The reader's receipt is kept; the user's read state is not hers. */
	state = sim_state_json(s);
	o = json_object_object_get(simt_member(state, "seen"), conv);
	cr_assert_str_eq(simt_str(o, "message_urn"), msg);
	cr_assert_str_eq(simt_str(o, "by"), SIM_GRACE_PROFILE_ID);
	cr_assert(!json_object_get_boolean(
	    json_object_object_get(simt_member(state, "read"), conv)));
	json_object_put(state);

	/* An older message, named; a stranger; a conversation nobody has. */
	from_grace(s, "and this?", &other, &newer);
	cr_assert_eq(simclient_seen(s, conv, msg, SIM_GRACE_PROFILE_ID), 0);
	o = stream_next(&st, "messageSeenReceiptsTopic", SEEN_DECO);
	cr_assert_str_eq(simt_str(o, "message.entityUrn"), msg);
	json_object_put(o);
	cr_assert_eq(simclient_seen(s, conv, NULL, "ACoAANobody"), -1);
	cr_assert_eq(
	    simclient_seen(s, "urn:li:msg_conversation:nope", NULL, NULL), -1);
	free(other);
	free(newer);
	free(conv);
	free(msg);
	stream_close(&st);
	sim_stop(s);
}

Test(sim_rt, typing_indicator_names_conversation_and_typist)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o;
	struct stream st;
	char *conv, *msg;

	from_grace(s, "hello", &conv, &msg);
	stream_ready(&st, s);
	cr_assert_eq(simclient_typing(s, conv, NULL), 0);
	o = stream_next(&st, "typingIndicatorsTopic", TYPING_DECO);
	cr_assert_not_null(o);
	cr_assert_str_eq(simt_str(o, "conversation.entityUrn"), conv);
	assert_participant(simt_member(o, "typingParticipant"), GRACE_HOST);
	json_object_put(o);
	cr_assert_eq(simclient_typing(s, conv, "ACoAANobody"), -1);
	free(conv);
	free(msg);
	stream_close(&st);
	sim_stop(s);
}

/* The reactionSummary of a reaction event, checked against the values. */
static void
assert_summary(struct json_object *o, int added, const char *actor_host,
               const char *msg, int count, int viewer)
{
	cr_assert_not_null(o, "no reaction event");
	cr_assert_eq(json_object_get_boolean(simt_member(o, "reactionAdded")),
	             added);
	assert_participant(simt_member(o, "actor"), actor_host);
	cr_assert_str_eq(simt_str(o, "message.entityUrn"), msg);
	cr_assert_str_eq(simt_str(o, "reactionSummary.emoji"), "👍");
	cr_assert_eq(
	    json_object_get_int(simt_member(o, "reactionSummary.count")),
	    count);
	cr_assert(json_object_get_int64(
	              simt_member(o, "reactionSummary.firstReactedAt")) > 0);
	cr_assert_eq(json_object_get_boolean(
	                 simt_member(o, "reactionSummary.viewerReacted")),
	             viewer);
	json_object_put(o);
}

Test(sim_rt, reactions_send_summaries_and_the_message)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o;
	struct stream st;
	char *conv, *msg, *body;
	long status;

	from_grace(s, "react to me", &conv, &msg);
	stream_ready(&st, s);
	cr_assert_eq(simclient_react(s, conv, NULL, NULL, NULL, 1), 0);
	o = stream_next(&st, "messagesTopic", MSG_DECO);
	cr_assert_str_eq(simt_str(o, "entityUrn"), msg);
	cr_assert_eq(json_object_get_int(simt_member(
	                 json_object_array_get_idx(
	                     simt_member(o, "reactionSummaries"), 0),
	                 "count")),
	             1);
	json_object_put(o);
	assert_summary(
	    stream_next(&st, "messageReactionSummariesTopic", REACT_DECO), 1,
	    GRACE_HOST, msg, 1, 0);

	/* The user's own reaction, through the API. */
	body = xasprintf("{\"messageUrn\":\"%s\",\"emoji\":\"👍\"}", msg);
	json_object_put(
	    simt_call(s, "POST", SEND "?action=reactWithEmoji", body, &status));
	cr_assert_eq(status, 200);
	assert_summary(
	    stream_next(&st, "messageReactionSummariesTopic", REACT_DECO), 1,
	    SIM_DEMO_PROFILE_URN, msg, 2, 1);
	json_object_put(simt_call(s, "POST", SEND "?action=unreactWithEmoji",
	                          body, &status));
	assert_summary(
	    stream_next(&st, "messageReactionSummariesTopic", REACT_DECO), 0,
	    SIM_DEMO_PROFILE_URN, msg, 1, 0);

	/* Grace takes hers back: the last one, count 0; then nothing left. */
	cr_assert_eq(
	    simclient_react(s, conv, msg, SIM_GRACE_PROFILE_ID, "👍", 0), 0);
	assert_summary(
	    stream_next(&st, "messageReactionSummariesTopic", REACT_DECO), 0,
	    GRACE_HOST, msg, 0, 0);
	cr_assert_eq(simclient_react(s, conv, msg, NULL, NULL, 0), -1);
	free(body);
	free(conv);
	free(msg);
	stream_close(&st);
	sim_stop(s);
}

Test(sim_rt, new_conversation_comes_before_its_message)
{
	struct sim *s = simt_start(NULL);
	struct json_object *ev, *data;
	struct stream st;
	char *conv;

	stream_ready(&st, s);
	conv = simclient_new_conversation(s, SIM_GRACE_PROFILE_ID, "first!");
	cr_assert_not_null(conv);
	ev = stream_event(&st);
	cr_assert_str_eq(ev_topic(ev, &data),
	                 "conversationsTopic:urn:li-realtime:myself");
	cr_assert_str_eq(
	    simt_str(simt_member(data, CONV_DECO), "result.entityUrn"), conv);
	cr_assert_str_eq(simt_str(simt_member(data, CONV_DECO), "result._type"),
	                 "com.linkedin.messenger.Conversation");
	json_object_put(ev);
	ev = stream_event(&st);
	cr_assert_str_eq(ev_topic(ev, &data),
	                 "messagesTopic:urn:li-realtime:myself");
	cr_assert_str_eq(simt_str(simt_member(data, MSG_DECO),
	                          "result.conversation.entityUrn"),
	                 conv);
	cr_assert_str_eq(
	    simt_str(simt_member(data, MSG_DECO), "result.body.text"),
	    "first!");
	json_object_put(ev);
	free(conv);
	stream_close(&st);
	sim_stop(s);
}

Test(sim_rt, title_and_read_state_changes_are_conversation_events)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *state, *ev;
	struct stream st;
	char *conv, *msg, *read_conv, *body;

	from_grace(s, "hi", &conv, &msg);
	stream_ready(&st, s);
	cr_assert_eq(simclient_title(s, conv, "Lunch plans"), 0);
	o = stream_next(&st, "conversationsTopic", CONV_DECO);
	cr_assert_str_eq(simt_str(o, "entityUrn"), conv);
	cr_assert_str_eq(simt_str(o, "title"), "Lunch plans");
	json_object_put(o);
	cr_assert_eq(simclient_title(s, conv, NULL), 0);
	o = stream_next(&st, "conversationsTopic", CONV_DECO);
	cr_assert_null(simt_member(o, "title"));
	json_object_put(o);

	/* A message into a read conversation makes it unread: the message,
	 * then the conversation's new read state. */
	read_conv = NULL;
	state = sim_state_json(s);
	json_object_object_foreach(simt_member(state, "read"), k, v)
	{
		if (read_conv == NULL && json_object_get_boolean(v))
			read_conv = xstrdup(k);
	}
	json_object_put(state);
	cr_assert_not_null(read_conv, "the world has a read conversation");
	body = xasprintf("{\"conversation_urn\":\"%s\"}", read_conv);
	free(sim_post(s, "/__sim/incoming", body));
	ev = stream_event(&st);
	cr_assert_str_eq(ev_topic(ev, NULL),
	                 "messagesTopic:urn:li-realtime:myself");
	json_object_put(ev);
	o = stream_next(&st, "conversationsTopic", CONV_DECO);
	cr_assert_str_eq(simt_str(o, "entityUrn"), read_conv);
	cr_assert(!json_object_get_boolean(simt_member(o, "read")));
	json_object_put(o);
	free(body);
	free(read_conv);
	free(conv);
	free(msg);
	stream_close(&st);
	sim_stop(s);
}

/* A connect with the headers of §7: its status and body. */
static long
connect_status(struct sim *s, struct sim_resp *r)
{
	const char *h[] = {NULL, NULL, "x-li-realtime-session: 6f1c2a3b", NULL};

	h[0] = sim_demo_headers()[0];
	h[1] = sim_demo_headers()[1];
	sim_request(s, "GET", "/realtime/connect?rc=1", h, NULL, r);
	return r->status;
}

Test(sim_rt, refused_connects_answer_each_status)
{
	struct sim *s = simt_start(NULL);
	struct sim_resp r;
	struct stream st;
	struct json_object *o;

	cr_assert_eq(simclient_realtime_refuse(s, 401, 1), 0);
	cr_assert_eq(connect_status(s, &r), 401);
	o = sim_resp_json(&r);
	cr_assert_eq(json_object_get_int(simt_member(o, "status")), 401);
	json_object_put(o);
	sim_resp_free(&r);
	stream_ready(&st, s); /* count 1: the next one is accepted */
	stream_close(&st);

	cr_assert_eq(simclient_realtime_refuse(s, 400, 2), 0);
	cr_assert_eq(connect_status(s, &r), 400);
	o = sim_resp_json(&r);
	cr_assert_not_null(simt_str(o, "message"), "400 has a JSON error");
	json_object_put(o);
	sim_resp_free(&r);
	cr_assert_eq(connect_status(s, &r), 400);
	sim_resp_free(&r);
	stream_ready(&st, s);
	stream_close(&st);

	cr_assert_eq(simclient_realtime_refuse(s, 503, 0), 0); /* until 0 */
	for (int i = 0; i < 5; i++) {
		cr_assert_eq(connect_status(s, &r), 503);
		cr_assert(strstr(r.headers, "text/plain") != NULL);
		sim_resp_free(&r);
	}
	cr_assert_eq(state_int(s, "realtime.refused"), 8);
	cr_assert_eq(simclient_realtime_refuse(s, 0, 0), 0);
	stream_ready(&st, s);
	stream_close(&st);
	cr_assert_eq(simclient_realtime_refuse(s, 302, 0), -1);
	sim_stop(s);
}

/* Polls /__sim/state until the simulator holds no stream (closing one is
 * noticed by the server a moment after the client goes). */
static int
no_streams_left(struct sim *s)
{
	int i;

	for (i = 0; i < 300; i++) {
		if (state_int(s, "realtime.streams") == 0)
			return 1;
		poll(NULL, 0, 10);
	}
	return 0;
}

Test(sim_rt, many_connects_and_drops_leave_nothing_held)
{
	const char *args[] = {"--heartbeat-ms", "50", NULL};
	struct sim *s = simt_start(args);
	struct stream st;
	char *text;
	int i;

	for (i = 0; i < 40; i++) {
		stream_ready(&st, s);
		text = xasprintf("{\"text\":\"cycle %d\"}", i);
		free(sim_post(s, "/__sim/incoming", text));
		free(text);
		text = xasprintf("cycle %d", i);
		cr_assert(stream_until(&st, text));
		free(text);
		if (i % 2 == 0) { /* cut by the server, or left by the client */
			cr_assert_eq(simclient_realtime_drop(s), 0);
			cr_assert(stream_until(&st, NULL));
		}
		stream_close(&st);
	}
	cr_assert(no_streams_left(s));
	for (i = 0; i < 100; i++) /* with nobody listening */
		free(sim_post(s, "/__sim/incoming", "{}"));
	cr_assert_eq(state_int(s, "realtime.held_events"), 0);
	cr_assert_eq(state_int(s, "realtime.connects"), 40);
	cr_assert_eq(sim_stop(s), 0);
}

Test(sim_rt, garbage_stream_goes_on_with_the_events)
{
	struct sim *s = simt_start(NULL);
	struct stream st;

	cr_assert_eq(simclient_realtime_fault(s, "garbage", 1, 0), 0);
	stream_open(&st, s);
	cr_assert(stream_until(&st, "this is not json"));
	cr_assert(memchr(st.got.data, '\0', st.got.len) != NULL,
	          "the garbage has a NUL byte");
	free(sim_post(s, "/__sim/incoming", "{\"text\":\"after garbage\"}"));
	cr_assert(stream_until(&st, "after garbage"));
	stream_close(&st);
	stream_open(&st, s); /* count 1: the next stream is clean */
	cr_assert(stream_until(&st, "ClientConnection"));
	free(sim_post(s, "/__sim/incoming", "{\"text\":\"clean\"}"));
	cr_assert(stream_until(&st, "clean"));
	cr_assert_null(strstr(buf_cstr(&st.got), "not json"));
	stream_close(&st);
	sim_stop(s);
}

Test(sim_rt, huge_line_is_one_line_of_the_size_asked)
{
	struct sim *s = simt_start(NULL);
	struct stream st;
	const char *p, *nl;

	cr_assert_eq(simclient_realtime_fault(s, "huge-line", 1, 3000000), 0);
	stream_open(&st, s);
	cr_assert(stream_until(&st, "ClientConnection"));
	free(sim_post(s, "/__sim/incoming", "{\"text\":\"after huge\"}"));
	cr_assert(stream_until(&st, "after huge"));
	p = strstr(buf_cstr(&st.got), "\n\n") + 2; /* past ClientConnection */
	nl = strchr(p, '\n');
	cr_assert(nl - p > 3000000 && nl - p < 3000100, "a %td-byte line",
	          nl - p);
	stream_close(&st);
	sim_stop(s);
}

Test(sim_rt, silent_connect_sends_nothing_until_dropped)
{
	struct sim *s = simt_start(NULL);
	struct stream st;
	long code = -1;
	int i;

	cr_assert_eq(simclient_realtime_fault(s, "silent", 0, 0), 0);
	stream_open(&st, s);
	for (i = 0; i < 300 && state_int(s, "realtime.silent_held") == 0; i++)
		stream_pump(&st);
	cr_assert_eq(state_int(s, "realtime.silent_held"), 1);
	free(sim_post(s, "/__sim/incoming", "{}"));
	for (i = 0; i < 3; i++)
		stream_pump(&st);
	curl_easy_getinfo(st.e, CURLINFO_RESPONSE_CODE, &code);
	cr_assert_eq(code, 0, "no status line");
	cr_assert_eq(st.got.len, 0, "no byte");
	cr_assert_eq(simclient_realtime_drop(s), 0);
	cr_assert(stream_until(&st, NULL));
	cr_assert_neq(st.result, CURLE_OK);
	stream_close(&st);
	cr_assert_eq(simclient_realtime_fault(s, "none", 0, 0), 0);
	stream_open(&st, s);
	cr_assert(stream_until(&st, "ClientConnection"));
	stream_close(&st);
	cr_assert_eq(sim_stop(s), 0);
}

Test(sim_rt, incoming_reaches_an_open_stream_without_a_heartbeat)
{
	/* A heartbeat far away: the event must not wait for a timer. */
	const char *args[] = {"--heartbeat-ms", "600000", NULL};
	struct sim *s = simt_start(args);
	struct stream st;

	stream_ready(&st, s);
	free(sim_post(s, "/__sim/incoming", "{\"text\":\"prompt\"}"));
	cr_assert(stream_until(&st, "prompt"));
	cr_assert_null(strstr(buf_cstr(&st.got), "Heartbeat"));
	stream_close(&st);
	sim_stop(s);
}
