/* test-sim-send.c — the simulator's messaging actions (API.md §6):
 * createMessage, dedupe, mark read/unread, typing, react, edit, recall;
 * checked against what /__sim/state says it received. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/restli.h"
#include "tests/sim/simclient.h"
#include "tests/unit/simtest.h"
#include "core/xmalloc.h"

static char *
send_body(const char *conv, const char *origin, int dedupe)
{
	return xasprintf(
	    "{\"message\":{\"body\":{\"attributes\":[],\"text\":"
	    "\"Happy to connect! 👋🏽\"},\"renderContentUnions\":[],"
	    "\"conversationUrn\":\"%s\",\"originToken\":\"%s\"},"
	    "\"mailboxUrn\":\"" SIM_DEMO_PROFILE_URN "\",\"trackingId\":"
	    "\"\\u0001\\u00ff abc\",\"dedupeByClientGeneratedToken\":%s}",
	    conv, origin, dedupe ? "true" : "false");
}

Test(sim_send, send_reply_answers_200_and_shows_origin_token_in_thread)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *root, *first, *state;
	char *conv = simt_newest_conv(s), *body, *e, *vars;
	long st;

	body = send_body(conv, "11111111-2222-4333-8444-555555555555", 0);
	o = simt_call(s, "POST", SEND "?action=createMessage", body, &st);
	free(body);
	cr_assert_eq(st, 200);
	cr_assert_str_eq(simt_str(o, "value.originToken"),
	                 "11111111-2222-4333-8444-555555555555");
	cr_assert_str_eq(simt_str(o, "value.conversationUrn"), conv);
	cr_assert_not_null(simt_member(o, "value.deliveredAt"));
	json_object_put(o);

	e = simt_enc(conv);
	vars = xasprintf("(conversationUrn:%s)", e);
	root = simt_gql(s, Q_MSGS, vars, &st, &o);
	first = json_object_array_get_idx(simt_elements(root), 0);
	cr_assert_str_eq(simt_str(first, "originToken"),
	                 "11111111-2222-4333-8444-555555555555");
	cr_assert_str_eq(simt_str(first, "sender.hostIdentityUrn"),
	                 SIM_DEMO_PROFILE_URN);
	json_object_put(o);
	free(vars);
	free(e);

	state = sim_state_json(s);
	cr_assert_eq(
	    json_object_array_length(simt_member(state, "sent_messages")), 1);
	cr_assert_str_eq(simt_str(json_object_array_get_idx(
	                              simt_member(state, "sent_messages"), 0),
	                          "conversation_urn"),
	                 conv);
	cr_assert_str_eq(simt_str(json_object_array_get_idx(
	                              simt_member(state, "sent_messages"), 0),
	                          "text"),
	                 "Happy to connect! 👋🏽");
	json_object_put(state);
	free(conv);
	sim_stop(s);
}

Test(sim_send, same_origin_token_twice_with_dedupe_creates_one_message)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *state;
	char *conv = simt_newest_conv(s), *body, *u1;
	long st;

	body = send_body(conv, "dup-token", 1);
	o = simt_call(s, "POST", SEND "?action=createMessage", body, &st);
	cr_assert_eq(st, 200);
	u1 = xstrdup(simt_str(o, "value.entityUrn"));
	json_object_put(o);
	o = simt_call(s, "POST", SEND "?action=createMessage", body, &st);
	cr_assert_eq(st, 200);
	cr_assert_str_eq(simt_str(o, "value.entityUrn"), u1);
	json_object_put(o);
	free(body);
	state = sim_state_json(s);
	cr_assert_eq(
	    json_object_array_length(simt_member(state, "sent_messages")), 1);
	json_object_put(state);
	free(u1);
	free(conv);
	sim_stop(s);
}

Test(sim_send, same_origin_token_without_dedupe_creates_two_messages)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *state;
	char *conv = simt_newest_conv(s), *body;
	long st;

	body = send_body(conv, "same-token", 0);
	json_object_put(
	    simt_call(s, "POST", SEND "?action=createMessage", body, &st));
	json_object_put(
	    simt_call(s, "POST", SEND "?action=createMessage", body, &st));
	free(body);
	state = sim_state_json(s);
	cr_assert_eq(
	    json_object_array_length(simt_member(state, "sent_messages")), 2);
	json_object_put(state);
	(void)o;
	free(conv);
	sim_stop(s);
}

Test(sim_send, send_without_origin_in_message_or_tracking_id_is_400)
{
	struct sim *s = simt_start(NULL);
	char *conv = simt_newest_conv(s), *body;
	long st;

	body = xasprintf(
	    "{\"message\":{\"body\":{\"text\":\"x\"},"
	    "\"conversationUrn\":\"%s\"},\"originToken\":\"t\",\"mailboxUrn\":"
	    "\"" SIM_DEMO_PROFILE_URN "\",\"trackingId\":\"x\"}",
	    conv);
	json_object_put(
	    simt_call(s, "POST", SEND "?action=createMessage", body, &st));
	cr_assert_eq(st, 400, "originToken outside message");
	free(body);
	body = xasprintf(
	    "{\"message\":{\"body\":{\"text\":\"x\"},"
	    "\"conversationUrn\":\"%s\",\"originToken\":\"t\"},\"mailboxUrn\":"
	    "\"" SIM_DEMO_PROFILE_URN "\"}",
	    conv);
	json_object_put(
	    simt_call(s, "POST", SEND "?action=createMessage", body, &st));
	cr_assert_eq(st, 400, "no trackingId");
	free(body);
	json_object_put(simt_call(s, "POST", SEND "?action=createMessage",
	                          "not json", &st));
	cr_assert_eq(st, 400, "not JSON");
	free(conv);
	sim_stop(s);
}

Test(sim_send, send_to_a_new_person_starts_a_conversation)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *state;
	long st, before, after;

	state = sim_state_json(s);
	before = (long)json_object_get_int64(
	    simt_member(state, "conversations.total"));
	json_object_put(state);
	o = simt_call(
	    s, "POST", SEND "?action=createMessage",
	    "{\"message\":"
	    "{\"body\":{\"attributes\":[],\"text\":\"Hello Grace\"},"
	    "\"renderContentUnions\":[],\"originToken\":\"new-1\"},"
	    "\"mailboxUrn\":\"" SIM_DEMO_PROFILE_URN "\",\"hostRecipientUrns\":"
	    "[\"urn:li:fsd_profile:ACoAACGraceHopper00000000000000000000001\"],"
	    "\"trackingId\":\"x\",\"dedupeByClientGeneratedToken\":false}",
	    &st);
	cr_assert_eq(st, 200);
	cr_assert_not_null(simt_str(o, "value.conversationUrn"));
	json_object_put(o);
	/* Grace already has a one-to-one conversation: it is reused. */
	state = sim_state_json(s);
	after = (long)json_object_get_int64(
	    simt_member(state, "conversations.total"));
	cr_assert_eq(after, before);
	json_object_put(state);

	o = simt_call(
	    s, "POST", SEND "?action=createMessage",
	    "{\"message\":"
	    "{\"body\":{\"text\":\"Hello "
	    "stranger\"},\"originToken\":\"new-2\"},"
	    "\"mailboxUrn\":\"" SIM_DEMO_PROFILE_URN "\",\"hostRecipientUrns\":"
	    "[\"urn:li:fsd_profile:ACoAACBillGates000000000000000000000002\","
	    "\"urn:li:fsd_profile:ACoAACGraceHopper00000000000000000000001\"],"
	    "\"trackingId\":\"x\"}",
	    &st);
	cr_assert_eq(st, 200);
	json_object_put(o);
	state = sim_state_json(s);
	cr_assert_eq(
	    json_object_get_int64(simt_member(state, "conversations.total")),
	    before + 1, "a new group conversation");
	json_object_put(state);
	sim_stop(s);
}

Test(sim_send, mark_read_and_unread_with_ids_list)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *state;
	char *conv = simt_newest_conv(s), *e = simt_enc(conv), *path, *body;
	long st;

	path = xasprintf(CONVS "?ids=List(%s)", e);
	body = xasprintf("{\"entities\":{\"%s\":{\"patch\":{\"$set\":"
	                 "{\"read\":true}}}}}",
	                 conv);
	o = simt_call(s, "POST", path, body, &st);
	cr_assert_eq(st, 200);
	cr_assert_eq(
	    json_object_get_int(simt_member(
	        json_object_object_get(simt_member(o, "results"), conv),
	        "status")),
	    204);
	json_object_put(o);
	state = sim_state_json(s);
	cr_assert(json_object_get_boolean(
	    json_object_object_get(simt_member(state, "read"), conv)));
	json_object_put(state);
	free(body);

	body = xasprintf("{\"entities\":{\"%s\":{\"patch\":{\"$set\":"
	                 "{\"read\":false}}}}}",
	                 conv);
	json_object_put(simt_call(s, "POST", path, body, &st));
	cr_assert_eq(st, 200);
	state = sim_state_json(s);
	cr_assert_not(json_object_get_boolean(
	    json_object_object_get(simt_member(state, "read"), conv)));
	json_object_put(state);
	free(body);
	free(path);

	json_object_put(simt_call(s, "POST", CONVS "?ids=List(urn:li:x)",
	                          "{\"entities\":{}}", &st));
	cr_assert_eq(st, 400, "a raw urn in ids is not Rest.li");
	free(e);
	free(conv);
	sim_stop(s);
}

/* The newest message of the newest conversation sent by the user. */
static char *
own_message(struct sim *s, char **conv)
{
	struct json_object *o;
	char *body, *u;
	long st;

	*conv = simt_newest_conv(s);
	body = send_body(*conv, "own-1", 0);
	o = simt_call(s, "POST", SEND "?action=createMessage", body, &st);
	cr_assert_eq(st, 200);
	u = xstrdup(simt_str(o, "value.entityUrn"));
	json_object_put(o);
	free(body);
	return u;
}

/* Render format and text of message urn in conv's newest page. */
static void
message_now(struct sim *s, const char *conv, const char *urn, char **fmt,
            char **text, int *reactions)
{
	struct json_object *o, *root, *els;
	char *e = simt_enc(conv), *vars = xasprintf("(conversationUrn:%s)", e);
	size_t i;
	long st;

	root = simt_gql(s, Q_MSGS, vars, &st, &o);
	els = simt_elements(root);
	*fmt = *text = NULL;
	for (i = 0; i < json_object_array_length(els); i++) {
		struct json_object *m = json_object_array_get_idx(els, i);

		if (strcmp(simt_str(m, "entityUrn"), urn) != 0)
			continue;
		*fmt = xstrdup(simt_str(m, "messageBodyRenderFormat"));
		*text = xstrdup(simt_str(m, "body.text"));
		*reactions = (int)json_object_array_length(
		    simt_member(m, "reactionSummaries"));
	}
	json_object_put(o);
	free(vars);
	free(e);
}

Test(sim_send, edit_then_recall_change_the_render_format)
{
	struct sim *s = simt_start(NULL);
	char *conv, *m = own_message(s, &conv), *e = simt_enc(m), *path, *fmt,
	            *text, *body;
	int nr;
	long st;

	path = xasprintf(SEND "/%s", e);
	json_object_put(
	    simt_call(s, "POST", path,
	              "{\"patch\":{\"$set\":{\"body\":"
	              "{\"text\":\"edited text\",\"attributes\":[]}}}}",
	              &st));
	cr_assert_eq(st, 200);
	message_now(s, conv, m, &fmt, &text, &nr);
	cr_assert_str_eq(fmt, "EDITED");
	cr_assert_str_eq(text, "edited text");
	free(fmt);
	free(text);

	body = xasprintf("{\"messageUrn\":\"%s\"}", m);
	json_object_put(simt_call(s, "POST", SEND "?action=recall", body, &st));
	cr_assert_eq(st, 200);
	message_now(s, conv, m, &fmt, &text, &nr);
	cr_assert_str_eq(fmt, "RECALLED");
	free(fmt);
	free(text);
	free(body);
	free(path);
	free(e);
	free(m);
	free(conv);
	sim_stop(s);
}

Test(sim_send, react_and_unreact)
{
	struct sim *s = simt_start(NULL);
	char *conv, *m = own_message(s, &conv), *body, *fmt, *text;
	int nr;
	long st;

	body = xasprintf("{\"messageUrn\":\"%s\",\"emoji\":\"👍\"}", m);
	json_object_put(
	    simt_call(s, "POST", SEND "?action=reactWithEmoji", body, &st));
	cr_assert_eq(st, 200);
	message_now(s, conv, m, &fmt, &text, &nr);
	cr_assert_eq(nr, 1);
	free(fmt);
	free(text);
	json_object_put(
	    simt_call(s, "POST", SEND "?action=unreactWithEmoji", body, &st));
	cr_assert_eq(st, 200);
	message_now(s, conv, m, &fmt, &text, &nr);
	cr_assert_eq(nr, 0);
	free(fmt);
	free(text);
	free(body);
	free(m);
	free(conv);
	sim_stop(s);
}

/* The 👍 summary of message urn in conv's newest page: its count (0 when
 * there is none) and viewerReacted. */
static int
thumb_now(struct sim *s, const char *conv, const char *urn, int *viewer)
{
	struct json_object *o, *root, *els, *sums, *x;
	char *e = simt_enc(conv), *vars = xasprintf("(conversationUrn:%s)", e);
	size_t i, j;
	int count = 0;
	long st;

	*viewer = 0;
	root = simt_gql(s, Q_MSGS, vars, &st, &o);
	els = simt_elements(root);
	for (i = 0; i < json_object_array_length(els); i++) {
		struct json_object *m = json_object_array_get_idx(els, i);

		if (strcmp(simt_str(m, "entityUrn"), urn) != 0)
			continue;
		sums = simt_member(m, "reactionSummaries");
		for (j = 0; j < json_object_array_length(sums); j++) {
			x = json_object_array_get_idx(sums, j);
			if (strcmp(simt_str(x, "emoji"), "👍") != 0)
				continue;
			count = json_object_get_int(simt_member(x, "count"));
			*viewer = json_object_get_boolean(
			    simt_member(x, "viewerReacted"));
		}
	}
	json_object_put(o);
	free(vars);
	free(e);
	return count;
}

/* A message of the seeded world with someone else's 👍 (not the
 * user's): its urn, and its conversation in *conv. */
static char *
others_thumb(struct sim *s, char **conv)
{
	struct json_object *o, *root, *els, *mo, *mroot, *mels;
	char *e, *vars, *found = NULL;
	size_t i, j;
	int viewer;
	long st;

	root = simt_gql(s, Q_LOAD, "(mailboxUrn:" MBX ",count:20)", &st, &o);
	els = simt_elements(root);
	for (i = 0; found == NULL && i < json_object_array_length(els); i++) {
		const char *c =
		    simt_str(json_object_array_get_idx(els, i), "entityUrn");

		e = simt_enc(c);
		vars = xasprintf("(conversationUrn:%s)", e);
		mroot = simt_gql(s, Q_MSGS, vars, &st, &mo);
		mels = simt_elements(mroot);
		for (j = 0; found == NULL && j < json_object_array_length(mels);
		     j++) {
			const char *u = simt_str(
			    json_object_array_get_idx(mels, j), "entityUrn");

			if (thumb_now(s, c, u, &viewer) > 0 && !viewer) {
				found = xstrdup(u);
				*conv = xstrdup(c);
			}
		}
		json_object_put(mo);
		free(vars);
		free(e);
	}
	json_object_put(o);
	cr_assert_not_null(found, "the seeded world has someone's 👍");
	return found;
}

Test(sim_send, reactions_follow_the_viewer_and_count_them)
{
	struct sim *s = simt_start(NULL);
	char *conv, *m = own_message(s, &conv), *body;
	int n, viewer;
	long st;

	body = xasprintf("{\"messageUrn\":\"%s\",\"emoji\":\"👍\"}", m);
	json_object_put(
	    simt_call(s, "POST", SEND "?action=reactWithEmoji", body, &st));
	cr_assert_eq(thumb_now(s, conv, m, &viewer), 1);
	cr_assert(viewer, "viewerReacted after reactWithEmoji");
	json_object_put(
	    simt_call(s, "POST", SEND "?action=reactWithEmoji", body, &st));
	cr_assert_eq(st, 200);
	cr_assert_eq(thumb_now(s, conv, m, &viewer), 1, "once per viewer");
	free(body);
	free(m);
	free(conv);

	/* someone else's 👍: the user's joins it, and taking it back leaves
	 * theirs */
	m = others_thumb(s, &conv);
	n = thumb_now(s, conv, m, &viewer);
	body = xasprintf("{\"messageUrn\":\"%s\",\"emoji\":\"👍\"}", m);
	json_object_put(
	    simt_call(s, "POST", SEND "?action=reactWithEmoji", body, &st));
	cr_assert_eq(thumb_now(s, conv, m, &viewer), n + 1);
	cr_assert(viewer);
	json_object_put(
	    simt_call(s, "POST", SEND "?action=unreactWithEmoji", body, &st));
	cr_assert_eq(st, 200);
	cr_assert_eq(thumb_now(s, conv, m, &viewer), n);
	cr_assert_not(viewer, "viewerReacted false after unreactWithEmoji");
	json_object_put(
	    simt_call(s, "POST", SEND "?action=unreactWithEmoji", body, &st));
	cr_assert_eq(st, 200);
	cr_assert_eq(thumb_now(s, conv, m, &viewer), n,
	             "taking back what is not the user's changes nothing");
	free(body);
	free(m);
	free(conv);
	sim_stop(s);
}

Test(sim_send, typing_is_202_and_ack_is_204)
{
	struct sim *s = simt_start(NULL);
	struct sim_resp r;
	char *conv = simt_newest_conv(s), *body;

	body = xasprintf("{\"conversationUrn\":\"%s\"}", conv);
	sim_request(s, "POST", CONVS "?action=typing", sim_demo_headers(), body,
	            &r);
	cr_assert_eq(r.status, 202);
	sim_resp_free(&r);
	sim_request(s, "POST",
	            "/voyager/api/voyagerMessagingDashMessenger"
	            "MessageDeliveryAcknowledgements?action="
	            "sendDeliveryAcknowledgement",
	            sim_demo_headers(),
	            "{\"messageUrns\":[],\"clientId\":"
	            "\"voyager-web\",\"deliveryMechanism\":\"SYNC\","
	            "\"clientConsumedAt\":1}",
	            &r);
	cr_assert_eq(r.status, 204);
	sim_resp_free(&r);
	sim_request(s, "POST", CONVS "?action=archive", sim_demo_headers(),
	            body, &r);
	cr_assert_eq(r.status, 400, "an unknown action");
	sim_resp_free(&r);
	free(body);
	free(conv);
	sim_stop(s);
}

Test(sim_send, editing_someone_elses_message_is_403)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o;
	char *in, *e, *path;
	long st;

	in = sim_post(s, "/__sim/incoming", NULL);
	cr_assert_not_null(in);
	o = json_tokener_parse(in);
	e = simt_enc(simt_str(o, "message_urn"));
	path = xasprintf(SEND "/%s", e);
	json_object_put(simt_call(s, "POST", path,
	                          "{\"patch\":{\"$set\":{\"body\":"
	                          "{\"text\":\"x\"}}}}",
	                          &st));
	cr_assert_eq(st, 403);
	free(path);
	free(e);
	json_object_put(o);
	free(in);
	sim_stop(s);
}

Test(sim_send, the_log_witnesses_headers_and_body_but_no_password)
{
	struct sim *s = simt_start(NULL);
	struct json_object *state, *log, *e;
	struct sim_resp r;
	const char *h[] = {"Cookie: li_at=" SIM_DEMO_LI_AT
	                   "; JSESSIONID=" SIM_DEMO_JSESSIONID,
	                   "csrf-token: " SIM_DEMO_CSRF,
	                   "content-type: text/plain;charset=UTF-8",
	                   "x-restli-protocol-version: 2.0.0", NULL};
	char *conv = simt_newest_conv(s), *body = send_body(conv, "log-1", 0);
	size_t n;

	sim_request(s, "POST", SEND "?action=createMessage", h, body, &r);
	cr_assert_eq(r.status, 200);
	sim_resp_free(&r);
	sim_request(s, "POST", "/uas/authenticate", NULL,
	            "session_key=a&"
	            "session_password=secret-pw&JSESSIONID=x",
	            &r);
	sim_resp_free(&r);
	state = sim_state_json(s);
	log = simt_member(state, "log");
	n = json_object_array_length(log);
	cr_assert_geq(n, 3);
	e = json_object_array_get_idx(log, n - 2);
	cr_assert_str_eq(simt_str(e, "endpoint"), "create_message");
	cr_assert_str_eq(simt_str(e, "headers.csrf-token"), SIM_DEMO_CSRF);
	cr_assert_str_eq(simt_str(e, "headers.content-type"),
	                 "text/plain;charset=UTF-8");
	cr_assert_str_eq(simt_str(e, "headers.x-restli-protocol-version"),
	                 "2.0.0");
	cr_assert_str_eq(simt_str(e, "body"), body);
	cr_assert_null(simt_member(e, "headers.cookie"));
	e = json_object_array_get_idx(log, n - 1);
	cr_assert_str_eq(simt_str(e, "endpoint"), "login");
	cr_assert_null(simt_member(e, "body"));
	json_object_put(state);
	free(body);
	free(conv);
	sim_stop(s);
}
