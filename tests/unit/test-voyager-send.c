/* test-voyager-send.c — what the client sends, against a scripted server.
 *
 * tests/unit/mini-server.h answers with canned responses and keeps the raw
 * requests, so these tests check paths, headers and bodies (the witness)
 * and the exactly-once send logic under faults.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "core/err.h"
#include "core/http.h"
#include "core/jsonx.h"
#include "core/voyager-invite.h"
#include "core/voyager-msg.h"
#include "core/voyager-send.h"
#include "core/voyager.h"

#include "tests/unit/voyager-fixture.h"

#include "tests/unit/rig.h"
#include "tests/sim/simclient.h"

#define ME "ACoAABme-_1=="
#define CONV1 "urn:li:msg_conversation:(urn:li:fsd_profile:" ME ",2-YWIzN2Y4==)"
#define TOKEN "0b5c3f9a-1c1e-4c55-9d6b-0c3f9a1c1e4c"

static void
send_req(struct voyager_send *s, const char *conv)
{
	memset(s, 0, sizeof *s);
	s->conversation_urn = conv;
	s->text = "Happy to connect!";
	s->origin_token = TOKEN;
}

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

TestSuite(voyager_send, .init = setup);

Test(voyager_send, reply_body_has_token_inside_message_and_tracking_id)
{
	const char *const a[] = {"send.json"};
	struct voyager_send s;
	struct voyager_message m;
	struct jsonx *o;
	struct lc_error err;
	struct fx f;
	const char *r, *tid;
	size_t i, tlen, chars;

	fx_start(&f, a, 1, 0);
	send_req(&s, CONV1);
	lc_error_clear(&err);
	cr_assert_eq(voyager_send_message(&f.ctx, &s, &m, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_str_eq(m.origin_token, TOKEN);
	cr_assert_str_eq(m.conversation_urn, CONV1);
	r = fx_req(&f, 0);
	cr_assert(fx_starts(r, "POST /voyager/api/voyagerMessagingDashMessenger"
	                       "Messages?action=createMessage HTTP/1.1"),
	          "%s", r);
	cr_assert_not_null(
	    ci_find(r, "content-type: text/plain;charset=UTF-8"));
	cr_assert_not_null(ci_find(r, "accept: application/json"));
	cr_assert_not_null(ci_find(r, "x-li-track:"), "messaging headers");
	cr_assert_not_null(ci_find(r, "csrf-token: ajax:123"));
	o = fx_body(&f, 0);
	cr_assert_str_eq(jsonx_get_str(o, "message.originToken"), TOKEN);
	cr_assert_str_eq(jsonx_get_str(o, "message.conversationUrn"), CONV1);
	cr_assert_str_eq(jsonx_get_str(o, "message.body.text"),
	                 "Happy to connect!");
	cr_assert_eq(jsonx_len(o, "message.body.attributes"), 0);
	cr_assert_not_null(jsonx_get_arr(o, "message.renderContentUnions"));
	cr_assert_str_eq(jsonx_get_str(o, "mailboxUrn"),
	                 "urn:li:fsd_profile:" ME);
	cr_assert_eq(jsonx_get_bool(o, "dedupeByClientGeneratedToken", 1), 0);
	cr_assert_null(jsonx_get(o, "originToken"), "not at the top level");
	/* 16 characters U+0000..U+00FF (a random byte may be NUL, so count
	 * over the decoded length, not up to the first NUL). */
	tid = jsonx_get_str(o, "trackingId");
	cr_assert_not_null(tid);
	tlen = jsonx_str_len(jsonx_get(o, "trackingId"));
	for (i = 0, chars = 0; i < tlen; i++) {
		cr_assert_leq((unsigned char)tid[i], 0xc3, "above U+00FF");
		if (((unsigned char)tid[i] & 0xc0) != 0x80)
			chars++;
	}
	cr_assert_eq(chars, 16, "%zu chars", chars);
	jsonx_free(o);
	voyager_message_free(&m);
	fx_stop(&f);
}

Test(voyager_send, new_conversation_names_the_recipient)
{
	const char *const a[] = {"send.json"};
	struct voyager_send s;
	struct voyager_message m;
	struct jsonx *o;
	struct fx f;

	fx_start(&f, a, 1, 0);
	send_req(&s, NULL);
	s.recipient = "urn:li:fsd_profile:ACoSARAH";
	s.dedupe = 1;
	cr_assert_eq(voyager_send_message(&f.ctx, &s, &m, NULL), LC_OK);
	o = fx_body(&f, 0);
	cr_assert_null(jsonx_get(o, "message.conversationUrn"));
	cr_assert_str_eq(jsonx_get_str(o, "hostRecipientUrns.0"),
	                 "urn:li:fsd_profile:ACoSARAH");
	cr_assert_eq(jsonx_get_bool(o, "dedupeByClientGeneratedToken", 0), 1);
	jsonx_free(o);
	voyager_message_free(&m);
	fx_stop(&f);
}

Test(voyager_send, bad_sends_are_refused_before_any_request)
{
	const char *const a[] = {"send.json"};
	struct voyager_send s;
	struct voyager_message m;
	struct fx f;

	fx_start(&f, a, 1, 0);
	send_req(&s, CONV1);
	s.text = "";
	cr_assert_eq(voyager_send_once(&f.ctx, &s, &m, NULL), LC_EINVAL);
	send_req(&s, CONV1);
	s.origin_token = NULL;
	cr_assert_eq(voyager_send_once(&f.ctx, &s, &m, NULL), LC_EINVAL);
	send_req(&s, "urn:li:fsd_profile:ACoX");
	cr_assert_eq(voyager_send_once(&f.ctx, &s, &m, NULL), LC_EINVAL);
	send_req(&s, NULL);
	cr_assert_eq(voyager_send_once(&f.ctx, &s, &m, NULL), LC_EINVAL);
	cr_assert_eq(fx_nreqs(&f), 0);
	fx_stop(&f);
}

Test(voyager_send, texts_over_8000_characters_are_refused_before_any_request)
{
	const char *const a[] = {"send.json"};
	struct voyager_send s;
	struct voyager_message m;
	struct lc_error err;
	struct fx f;
	char *text = malloc(2 * (VOYAGER_MESSAGE_MAX + 1) + 1);
	size_t i;

	/* 8 001 characters of two bytes each */
	for (i = 0; i <= VOYAGER_MESSAGE_MAX; i++)
		memcpy(text + 2 * i, "\xc3\xa9", 2);
	text[2 * (VOYAGER_MESSAGE_MAX + 1)] = '\0';
	fx_start(&f, a, 1, 0);
	send_req(&s, CONV1);
	s.text = text;
	cr_assert_eq(voyager_send_once(&f.ctx, &s, &m, &err), LC_EINVAL);
	cr_assert_not_null(strstr(err.msg, "8001 characters"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "at most 8000"), "%s", err.msg);
	cr_assert_eq(voyager_edit(&f.ctx,
	                          "urn:li:msg_message:(urn:li:"
	                          "fsd_profile:" ME ",2-bTE=)",
	                          text, &err),
	             LC_EINVAL);
	cr_assert_not_null(strstr(err.msg, "at most 8000"), "%s", err.msg);
	cr_assert_eq(fx_nreqs(&f), 0);
	fx_stop(&f);
	free(text);
}

Test(voyager_send, send_after_5xx_finds_its_token_and_does_not_resend)
{
	const char *const a[] = {"@500", "messages.json"};
	struct voyager_send s;
	struct voyager_message m;
	struct lc_error err;
	struct fx f;

	fx_start(&f, a, 2, 0);
	send_req(&s, CONV1);
	lc_error_clear(&err);
	cr_assert_eq(voyager_send_once(&f.ctx, &s, &m, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_str_eq(m.origin_token, TOKEN);
	cr_assert_str_eq(m.text, "Hi Sarah", "the message already sent");
	cr_assert_eq(fx_nreqs(&f), 2);
	cr_assert(fx_starts(fx_req(&f, 1),
	                    "GET /voyager/api/voyagerMessaging"
	                    "GraphQL/graphql?queryId=messengerMessages."));
	voyager_message_free(&m);
	fx_stop(&f);
}

Test(voyager_send, send_after_5xx_resends_with_the_same_token_when_absent)
{
	const char *const a[] = {"@500", "messages-older.json", "send.json"};
	struct voyager_send s;
	struct voyager_message m;
	struct jsonx *o1, *o2;
	struct lc_error err;
	struct fx f;

	fx_start(&f, a, 3, 0);
	send_req(&s, CONV1);
	lc_error_clear(&err);
	cr_assert_eq(voyager_send_once(&f.ctx, &s, &m, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_eq(fx_nreqs(&f), 3);
	o1 = fx_body(&f, 0);
	o2 = fx_body(&f, 2);
	cr_assert_str_eq(jsonx_get_str(o1, "message.originToken"),
	                 jsonx_get_str(o2, "message.originToken"));
	cr_assert_str_neq(jsonx_get_str(o1, "trackingId"),
	                  jsonx_get_str(o2, "trackingId"));
	jsonx_free(o1);
	jsonx_free(o2);
	voyager_message_free(&m);
	fx_stop(&f);
}

Test(voyager_send, rate_limited_send_waits_and_resends_without_lookup)
{
	const char *const a[] = {"@429", "send.json"};
	struct voyager_send s;
	struct voyager_message m;
	struct lc_error err;
	struct fx f;

	fx_start(&f, a, 2, 0);
	send_req(&s, CONV1);
	lc_error_clear(&err);
	cr_assert_eq(voyager_send_once(&f.ctx, &s, &m, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_eq(fx_nreqs(&f), 2);
	cr_assert(fx_starts(fx_req(&f, 1), "POST "));
	voyager_message_free(&m);
	fx_stop(&f);
}

Test(voyager_send, empty_200_counts_as_maybe_sent)
{
	const char *const a[] = {"@200", "messages.json"};
	struct voyager_send s;
	struct voyager_message m;
	struct fx f;

	fx_start(&f, a, 2, 0);
	send_req(&s, CONV1);
	cr_assert_eq(voyager_send_once(&f.ctx, &s, &m, NULL), LC_OK);
	cr_assert_eq(fx_nreqs(&f), 2);
	voyager_message_free(&m);
	fx_stop(&f);
}

Test(voyager_send, gives_up_after_the_attempts_with_the_last_error)
{
	const char *const a[] = {"@500", "messages-older.json", "@500",
	                         "messages-older.json"};
	struct voyager_send s;
	struct voyager_message m;
	struct lc_error err;
	struct fx f;

	fx_start(&f, a, 4, 0);
	f.ctx.send_attempts = 2;
	send_req(&s, CONV1);
	lc_error_clear(&err);
	cr_assert_eq(voyager_send_once(&f.ctx, &s, &m, &err), LC_ESERVER);
	cr_assert_eq(fx_nreqs(&f), 4, "send, check, send, final check");
	cr_assert_null(m.urn);
	fx_stop(&f);
}

static void *
cancel_soon(void *arg)
{
	struct timespec ts = {0, 200 * 1000000L};

	nanosleep(&ts, NULL);
	http_cancel(arg);
	return NULL;
}

Test(voyager_send, a_cancel_cuts_the_backoff_between_attempts_short)
{
	const char *const a[] = {"@500", "send.json"};
	struct voyager_send s;
	struct voyager_message m;
	struct lc_error err;
	pthread_t th;
	struct fx f;

	fx_start(&f, a, 2, 0);
	f.ctx.send_backoff_ms = 600000; /* ten minutes unless cut short */
	send_req(&s, CONV1);
	lc_error_clear(&err);
	cr_assert_eq(pthread_create(&th, NULL, cancel_soon, f.ctx.http), 0);
	cr_assert_eq(voyager_send_once(&f.ctx, &s, &m, &err), LC_ECANCELED,
	             "%s", err.msg);
	pthread_join(th, NULL);
	cr_assert_eq(fx_nreqs(&f), 1, "nothing sent after the cancel");
	cr_assert_null(m.urn);
	fx_stop(&f);
}

struct send_call {
	struct voyager_ctx *ctx;
	struct voyager_send s;
	struct voyager_message m;
	enum lc_err rc;
	struct lc_error err;
};

static void *
send_in_thread(void *arg)
{
	struct send_call *c = arg;

	c->rc = voyager_send_once(c->ctx, &c->s, &c->m, &c->err);
	return NULL;
}

Test(voyager_send, a_send_in_doubt_is_found_behind_newer_replies)
{
	struct sim *sim = sim_start(NULL);
	struct send_call c;
	struct lc_error err;
	struct rig r;
	char *conv, *body;
	pthread_t th;
	int i;

	cr_assert_not_null(sim);
	lc_error_clear(&err);
	cr_assert_eq(rig_init(&r, sim_base_url(sim), NULL, 20, 600, &err), 0,
	             "%s", err.msg);
	{ /* the newest conversation */
		struct voyager_conv_page cp;

		cr_assert_eq(voyager_conversations(&r.vc, &cp, &err), LC_OK,
		             "%s", err.msg);
		cr_assert_gt(cp.n, 0);
		conv = xstrdup(cp.items[0].urn);
		voyager_conv_page_free(&cp);
	}
	/* the service takes the message, the answer is lost */
	body = xasprintf("{\"next\":1,\"fault\":\"reset\",\"endpoint\":"
	                 "\"create_message\"}");
	free(sim_post(sim, "/__sim/fault", body));
	free(body);
	memset(&c, 0, sizeof c);
	c.ctx = &r.vc;
	r.vc.send_backoff_ms = 4000;
	send_req(&c.s, conv);
	cr_assert_eq(pthread_create(&th, NULL, send_in_thread, &c), 0);
	for (i = 0; i < 2000 && sim_requests(sim, "create_message") < 1; i++)
		usleep(5000);
	/* while it waits to look, 25 replies push it off the newest page */
	body = xasprintf("{\"conversation_urn\":\"%s\"}", conv);
	for (i = 0; i < 25; i++)
		free(sim_post(sim, "/__sim/incoming", body));
	free(body);
	pthread_join(th, NULL);
	cr_assert_eq(c.rc, LC_OK, "%s", c.err.msg);
	cr_assert_eq(sim_requests(sim, "create_message"), 1,
	             "sent once: %ld, older %ld, msgs %ld",
	             sim_requests(sim, "create_message"),
	             sim_requests(sim, "messages_older"),
	             sim_requests(sim, "messages"));
	cr_assert_geq(sim_requests(sim, "messages_older"), 1,
	              "the look went past the newest page");
	cr_assert_str_eq(c.m.origin_token, TOKEN);
	voyager_message_free(&c.m);
	free(conv);
	rig_down(&r);
	sim_stop(sim);
}

Test(voyager_send, mark_read_batches_encoded_ids_and_patches)
{
	const char *const a[] = {"mark-read.json"};
	const char *urns[] = {CONV1, "urn:li:msg_conversation:(urn:li:"
	                             "fsd_profile:" ME ",2-b_c-d==)"};
	struct jsonx *o;
	struct fx f;
	const char *r;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(voyager_mark_read(&f.ctx, urns, 2, 1, NULL), LC_OK);
	r = fx_req(&f, 0);
	cr_assert(fx_starts(r, "POST /voyager/api/voyagerMessagingDashMessenger"
	                       "Conversations?ids=List(urn%3Ali%3Amsg_"
	                       "conversation%3A%28urn%3Ali"
	                       "%3Afsd_profile%3AACoAABme-_1%3D%3D%2C2-"
	                       "YWIzN2Y4%3D%3D%29,urn%3Ali"
	                       "%3Amsg_conversation%3A%28urn%3Ali%3Afsd_"
	                       "profile%3AACoAABme-_1%3D"
	                       "%3D%2C2-b_c-d%3D%3D%29) "),
	          "%s", r);
	o = fx_body(&f, 0);
	cr_assert_eq(
	    jsonx_get_bool(jsonx_member(jsonx_get(o, "entities"), CONV1),
	                   "patch.$set.read", 0),
	    1);
	jsonx_free(o);
	fx_stop(&f);
}

Test(voyager_send, mark_unread_sends_false_and_reports_batch_errors)
{
	static const char body[] = "{\"results\":{},\"errors\":{\"x\":{}}}";
	char *answer = xasprintf("HTTP/1.1 200 OK\r\nContent-Length: %zu"
	                         "\r\n\r\n%s",
	                         strlen(body), body);
	const char *urns[] = {CONV1};
	struct canned c[] = {{answer, 0}};
	struct http_config cfg;
	struct voyager_ctx ctx;
	struct http_session *h;
	struct mini *m;
	struct jsonx *o;
	const char *b;
	char url[64];

	m = mini_start(c, 1);
	memset(&cfg, 0, sizeof cfg);
	snprintf(url, sizeof url, "http://127.0.0.1:%d", m->port);
	cfg.base_url = url;
	cfg.rate_per_sec = 1000;
	cfg.rate_burst = 1000;
	h = http_session_new(&cfg, NULL);
	voyager_ctx_init(&ctx, h);
	cr_assert_eq(voyager_mark_read(&ctx, urns, 1, 0, NULL), LC_ESERVER);
	b = strstr(m->reqs[0], "\r\n\r\n");
	o = jsonx_parse(b + 4, strlen(b + 4), NULL);
	cr_assert_eq(
	    jsonx_get_bool(jsonx_member(jsonx_get(o, "entities"), CONV1),
	                   "patch.$set.read", 1),
	    0);
	jsonx_free(o);
	http_session_free(h);
	mini_stop(m);
	free(answer);
}

Test(voyager_send, actions_post_their_bodies_to_their_paths)
{
	const char *const a[] = {"@200", "@200", "@200",
	                         "@200", "@200", "@200"};
	const char *msg =
	    "urn:li:msg_message:(urn:li:fsd_profile:" ME ",2-bTE=)";
	struct jsonx *o;
	struct fx f;

	fx_start(&f, a, 6, 0);
	cr_assert_eq(voyager_typing(&f.ctx, CONV1, NULL), LC_OK);
	cr_assert_eq(voyager_react(&f.ctx, msg, "👍", 1, NULL), LC_OK);
	cr_assert_eq(voyager_react(&f.ctx, msg, "👍", 0, NULL), LC_OK);
	cr_assert_eq(voyager_edit(&f.ctx, msg, "fixed", NULL), LC_OK);
	cr_assert_eq(voyager_recall(&f.ctx, msg, NULL), LC_OK);
	cr_assert_eq(voyager_conversation_delete(&f.ctx, CONV1, NULL), LC_OK);
	cr_assert_not_null(strstr(fx_req(&f, 0), "Conversations?action="
	                                         "typing "));
	o = fx_body(&f, 0);
	cr_assert_str_eq(jsonx_get_str(o, "conversationUrn"), CONV1);
	jsonx_free(o);
	cr_assert_not_null(strstr(fx_req(&f, 1), "?action=reactWithEmoji "));
	o = fx_body(&f, 1);
	cr_assert_str_eq(jsonx_get_str(o, "messageUrn"), msg);
	cr_assert_str_eq(jsonx_get_str(o, "emoji"), "👍");
	jsonx_free(o);
	cr_assert_not_null(strstr(fx_req(&f, 2), "?action=unreactWithEmoji "));
	cr_assert_not_null(strstr(
	    fx_req(&f, 3),
	    "POST /voyager/api/voyager"
	    "MessagingDashMessengerMessages/urn%3Ali%3Amsg_message%3A%28"));
	o = fx_body(&f, 3);
	cr_assert_str_eq(jsonx_get_str(o, "patch.$set.body.text"), "fixed");
	jsonx_free(o);
	cr_assert_not_null(strstr(fx_req(&f, 4), "?action=recall "));
	cr_assert(fx_starts(
	    fx_req(&f, 5),
	    "DELETE /voyager/api/voyagerMessaging"
	    "DashMessengerConversations/urn%3Ali%3Amsg_conversation%3A%28"));
	fx_stop(&f);
}

Test(voyager_send, actions_refuse_wrong_urns_before_any_request)
{
	const char *const a[] = {"@200"};
	const char *bad[] = {"urn:li:fsd_profile:X"};
	struct fx f;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(voyager_typing(&f.ctx, "nope", NULL), LC_EINVAL);
	cr_assert_eq(voyager_react(&f.ctx, CONV1, "x", 1, NULL), LC_EINVAL);
	cr_assert_eq(voyager_edit(&f.ctx, CONV1, "x", NULL), LC_EINVAL);
	cr_assert_eq(voyager_recall(&f.ctx, NULL, NULL), LC_EINVAL);
	cr_assert_eq(voyager_conversation_delete(&f.ctx,
	                                         "urn:li:msg_message:"
	                                         "(urn:li:fsd_profile:A,b)",
	                                         NULL),
	             LC_EINVAL);
	cr_assert_eq(voyager_mark_read(&f.ctx, bad, 1, 1, NULL), LC_EINVAL);
	cr_assert_eq(fx_nreqs(&f), 0);
	fx_stop(&f);
}

Test(voyager_send, origin_tokens_are_fresh_uuid_v4)
{
	char a[37], b[37];

	voyager_origin_token(a);
	voyager_origin_token(b);
	cr_assert_eq(strlen(a), 36);
	cr_assert_eq(a[14], '4');
	cr_assert(strchr("89ab", a[19]) != NULL);
	cr_assert_eq(a[8], '-');
	cr_assert_str_neq(a, b);
}

Test(voyager_send, new_conversation_to_a_public_id_resolves_it_first)
{
	const char *const a[] = {"resolve.json", "send.json"};
	struct voyager_send s;
	struct voyager_message m;
	struct jsonx *o;
	struct fx f;

	fx_start(&f, a, 2, 0);
	send_req(&s, NULL);
	s.recipient = "billy-g";
	cr_assert_eq(voyager_send_once(&f.ctx, &s, &m, NULL), LC_OK);
	cr_assert_eq(fx_nreqs(&f), 2);
	cr_assert_not_null(strstr(fx_req(&f, 0), "memberIdentity=billy-g"));
	o = fx_body(&f, 1);
	cr_assert_str_eq(jsonx_get_str(o, "hostRecipientUrns.0"),
	                 "urn:li:fsd_profile:ACoAABill-G_=");
	jsonx_free(o);
	voyager_message_free(&m);
	fx_stop(&f);
}

Test(voyager_send, refused_new_conversation_falls_back_to_the_existing_one)
{
	const char *const a[] = {"@400:connect-cant-resend.json",
	                         "conversations.json", "send.json"};
	struct voyager_send s;
	struct voyager_message m;
	struct jsonx *o;
	struct fx f;

	fx_start(&f, a, 3, 0);
	send_req(&s, NULL);
	s.recipient = "ACoAASarah_-x";
	cr_assert_eq(voyager_send_message(&f.ctx, &s, &m, NULL), LC_OK);
	cr_assert_eq(fx_nreqs(&f), 3);
	o = fx_body(&f, 2);
	cr_assert_str_eq(jsonx_get_str(o, "message.conversationUrn"), CONV1);
	cr_assert_str_eq(jsonx_get_str(o, "message.originToken"), TOKEN);
	jsonx_free(o);
	voyager_message_free(&m);
	fx_stop(&f);
}

Test(voyager_send, delivery_acknowledgement_lists_the_messages)
{
	const char *const a[] = {"@200"};
	const char *urns[] = {
	    "urn:li:msg_message:(urn:li:fsd_profile:" ME ",2-bTE=)",
	    "urn:li:msg_message:(urn:li:fsd_profile:" ME ",2-bTI=)"};
	struct jsonx *o;
	struct fx f;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(voyager_ack_delivery(&f.ctx, urns, 2, NULL), LC_OK);
	cr_assert(
	    fx_starts(fx_req(&f, 0),
	              "POST /voyager/api/voyagerMessaging"
	              "DashMessengerMessageDeliveryAcknowledgements?action="
	              "sendDeliveryAcknowledgement "));
	o = fx_body(&f, 0);
	cr_assert_str_eq(jsonx_get_str(o, "messageUrns.1"), urns[1]);
	cr_assert_str_eq(jsonx_get_str(o, "clientId"), "voyager-web");
	cr_assert_str_eq(jsonx_get_str(o, "deliveryMechanism"), "SYNC");
	cr_assert_gt(jsonx_get_int(o, "clientConsumedAt", 0), 1700000000000LL);
	jsonx_free(o);
	fx_stop(&f);
}
