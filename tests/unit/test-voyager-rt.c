/* test-voyager-rt.c — the realtime event mappers (core/voyager-rt.c): the
 * recorded stream's events of every topic, the "result" wrapper and its
 * absence, unknown decorations and topics, hostile input, and a message
 * (and a conversation) from the stream being the same struct as from a
 * sync read. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/sse.h"
#include "core/voyager-msg.h"
#include "core/voyager-rt.h"
#include "core/voyager.h"
#include "core/xmalloc.h"

#define ME "ACoAABme-_1=="
#define SARAH "ACoAASarah_-x"
#define CONV "urn:li:msg_conversation:(urn:li:fsd_profile:" ME ",2-YWIzN2Y4==)"
#define MSG "urn:li:msg_message:(urn:li:fsd_profile:" ME ",2-bTk=)"
#define ENV "com.linkedin.realtimefrontend."
#define TOPIC(t) "urn:li-realtime:" t ":urn:li-realtime:myself"
#define KEY_MSG "doDecorateMessageMessengerRealtimeDecoration"
#define KEY_CONV "doDecorateConversationMessengerRealtimeDecoration"

#define PART(id, first, last)                                                  \
	"{\"entityUrn\":\"urn:li:msg_messagingParticipant:urn:li:fsd_"         \
	"profile:" id "\",\"hostIdentityUrn\":\"urn:li:fsd_profile:" id        \
	"\",\"participantType\":{\"member\":{\"firstName\":{\"text\":\"" first \
	"\"},\"lastName\":{\"text\":\"" last "\"}}}}"

/* A Message as a sync read and the stream send it. */
#define MESSAGE(sender, actor)                                                 \
	"{\"_type\":\"com.linkedin.messenger.Message\",\"entityUrn\":\"" MSG   \
	"\",\"deliveredAt\":1770210500000,\"originToken\":\"tok-1\","          \
	"\"body\":{\"text\":\"hello\\nthere\",\"attributes\":[]},"             \
	"\"messageBodyRenderFormat\":\"EDITED\",\"sender\":{"                  \
	"\"hostIdentityUrn\":\"urn:li:fsd_profile:" sender "\"},"              \
	"\"conversation\":{\"entityUrn\":\"" CONV "\"},"                       \
	"\"renderContent\":[{\"file\":{\"name\":\"cv.pdf\",\"url\":"           \
	"\"https://f.example/cv.pdf\"}}],\"reactionSummaries\":[{\"emoji\":"   \
	"\"+1\",\"count\":2,\"viewerReacted\":true}]" actor "}"

#define CONVERSATION                                                           \
	"{\"entityUrn\":\"" CONV "\",\"backendUrn\":\"urn:li:messagingThread:" \
	"2-YWIzN2Y4==\",\"lastActivityAt\":1770210500000,\"read\":false,"      \
	"\"unreadCount\":3,\"groupChat\":true,\"title\":\"Team\","             \
	"\"categories\":[\"INBOX\"],\"conversationParticipants\":[" PART(      \
	    SARAH, "Sarah",                                                    \
	    "Smith") "," PART(ME, "Ada", "L") "],\"messages\":{\"elements\":"  \
	                                      "[" MESSAGE(SARAH, "") "]}}"

static char *
decorated(const char *topic, const char *key, const char *result)
{
	return xasprintf("{\"" ENV "DecoratedEvent\":{\"topic\":\"%s\","
	                 "\"leftServerAt\":1770210328991,\"id\":\"ev-9\","
	                 "\"payload\":{\"data\":{\"_type\":\"x\",\"%s\":%s}}}}",
	                 topic, key, result);
}

static enum lc_err
parse(const char *json, struct voyager_rt_event *ev)
{
	struct lc_error err;

	lc_error_clear(&err);
	return voyager_rt_parse(json, strlen(json), ME, ev, &err);
}

static void
parse_ok(const char *json, struct voyager_rt_event *ev)
{
	struct lc_error err;

	lc_error_clear(&err);
	cr_assert_eq(voyager_rt_parse(json, strlen(json), ME, ev, &err), LC_OK,
	             "%s: %s", json, err.msg);
}

/* --- the recorded stream, through core/sse ------------------------- */

struct mapped {
	struct voyager_rt_event ev[16];
	size_t n;
};

static int
map_one(void *arg, const struct sse_event *sev)
{
	struct mapped *m = arg;
	struct lc_error err;

	cr_assert_lt(m->n, 16);
	lc_error_clear(&err);
	cr_assert_eq(
	    voyager_rt_parse(sev->data, sev->len, ME, &m->ev[m->n], &err),
	    LC_OK, "event %zu: %s", m->n, err.msg);
	m->n++;
	return 0;
}

static void
map_stream(struct mapped *m)
{
	FILE *f = fopen("tests/fixtures/realtime/stream.txt", "rb");
	char chunk[333]; /* an odd size: events cut across reads */
	struct sse *p = sse_new(0, map_one, m);
	size_t n;

	cr_assert_not_null(f);
	memset(m, 0, sizeof *m);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		cr_assert_eq(sse_feed(p, chunk, n), 0);
	fclose(f);
	sse_free(p);
}

Test(voyager_rt, recorded_stream_maps_one_event_of_every_topic)
{
	static const enum voyager_rt_kind kinds[] = {
	    VOYAGER_RT_CONNECTED,   VOYAGER_RT_HEARTBEAT,
	    VOYAGER_RT_MESSAGE,     VOYAGER_RT_CONVERSATION,
	    VOYAGER_RT_CONV_DELETE, VOYAGER_RT_SEEN,
	    VOYAGER_RT_TYPING,      VOYAGER_RT_REACTION,
	    VOYAGER_RT_HEARTBEAT};
	struct mapped m;
	size_t i;

	map_stream(&m);
	cr_assert_eq(m.n, 9);
	for (i = 0; i < m.n; i++) {
		cr_assert_eq(m.ev[i].kind, kinds[i], "event %zu is %s", i,
		             voyager_rt_kind_name(m.ev[i].kind));
		cr_assert_eq(m.ev[i].unknown_fields, 0, "event %zu", i);
	}
	cr_assert_str_eq(m.ev[0].connection_id,
	                 "7c1e9a52-1f0b-4c55-9d6b-0c3f9a1c1e4c");
	/* message */
	cr_assert_str_eq(m.ev[2].topic, TOPIC("messagesTopic"));
	cr_assert_str_eq(m.ev[2].id, "ev-1");
	cr_assert_eq(m.ev[2].left_at, 1770210328991);
	cr_assert(m.ev[2].has_message);
	cr_assert_str_eq(m.ev[2].message.urn, MSG);
	cr_assert_str_eq(m.ev[2].message.conversation_urn, CONV);
	cr_assert_str_eq(m.ev[2].message.sender_urn_id, SARAH);
	cr_assert_str_eq(m.ev[2].message.sender_name, "Sarah Smith");
	cr_assert_eq(m.ev[2].message.is_from_me, 0);
	cr_assert_eq(m.ev[2].message.nreactions, 1);
	/* conversation, its data in three lines */
	cr_assert(m.ev[3].has_conversation);
	cr_assert_str_eq(m.ev[3].conversation.urn, CONV);
	cr_assert_str_eq(m.ev[3].conversation.thread_id, "2-YWIzN2Y4==");
	cr_assert_eq(m.ev[3].conversation.read, 1);
	cr_assert_eq(m.ev[3].conversation.nparticipants, 2);
	cr_assert(m.ev[3].conversation.participants[1].is_self);
	cr_assert_not_null(m.ev[3].conversation.last_message);
	/* delete */
	cr_assert_str_eq(m.ev[4].conv_urn, "urn:li:msg_conversation:(urn:li:"
	                                   "fsd_profile:" ME ",2-Z3JvdXA=)");
	/* seen */
	cr_assert_str_eq(m.ev[5].msg_urn, MSG);
	cr_assert_null(m.ev[5].conv_urn);
	cr_assert_str_eq(m.ev[5].who_urn, SARAH);
	cr_assert_str_eq(m.ev[5].who_name, "Sarah Smith");
	cr_assert_eq(m.ev[5].at_ms, 1770210600000);
	/* typing: no hostIdentityUrn, the id comes from the entityUrn */
	cr_assert_str_eq(m.ev[6].conv_urn, CONV);
	cr_assert_str_eq(m.ev[6].who_urn, SARAH);
	cr_assert_str_eq(m.ev[6].who_name, "Sarah Smith");
	/* reaction */
	cr_assert_str_eq(m.ev[7].msg_urn, MSG);
	cr_assert_str_eq(m.ev[7].who_urn, SARAH);
	cr_assert_eq(m.ev[7].added, 1);
	cr_assert_str_eq(m.ev[7].reaction.emoji, "\xe2\x9d\xa4\xef\xb8\x8f");
	cr_assert_eq(m.ev[7].reaction.count, 2);
	cr_assert_eq(m.ev[7].reaction.viewer_reacted, 1);
	for (i = 0; i < m.n; i++) {
		voyager_rt_event_free(&m.ev[i]);
		cr_assert_null(m.ev[i].topic);
	}
	voyager_rt_event_free(NULL);
}

/* --- one mapping path ------------------------------------------------ */

static void
same_str(const char *a, const char *b, const char *what)
{
	if (a == NULL || b == NULL)
		cr_assert(a == b, "%s: %s vs %s", what, a ? a : "(null)",
		          b ? b : "(null)");
	else
		cr_assert_str_eq(a, b, "%s", what);
}

static void
same_message(const struct voyager_message *a, const struct voyager_message *b)
{
	size_t i;

	same_str(a->urn, b->urn, "urn");
	same_str(a->conversation_urn, b->conversation_urn, "conversation");
	same_str(a->text, b->text, "text");
	same_str(a->sender_urn_id, b->sender_urn_id, "sender");
	same_str(a->sender_name, b->sender_name, "sender_name");
	cr_assert_eq(a->is_from_me, b->is_from_me);
	cr_assert_eq(a->delivered_at, b->delivered_at);
	same_str(a->origin_token, b->origin_token, "origin_token");
	same_str(a->render_format, b->render_format, "render_format");
	cr_assert_eq(a->nattachments, b->nattachments);
	for (i = 0; i < a->nattachments; i++) {
		same_str(a->attachments[i].kind, b->attachments[i].kind, "k");
		same_str(a->attachments[i].name, b->attachments[i].name, "n");
		same_str(a->attachments[i].url, b->attachments[i].url, "u");
	}
	cr_assert_eq(a->nreactions, b->nreactions);
	for (i = 0; i < a->nreactions; i++) {
		same_str(a->reactions[i].emoji, b->reactions[i].emoji, "emoji");
		cr_assert_eq(a->reactions[i].count, b->reactions[i].count);
		cr_assert_eq(a->reactions[i].viewer_reacted,
		             b->reactions[i].viewer_reacted);
	}
}

static void
stream_equals_sync(const char *message, int from_me, const char *name)
{
	struct voyager_msg_page page;
	struct voyager_rt_event ev;
	struct lc_error err;
	char *sync = xasprintf("{\"data\":{\"messengerMessagesBySyncToken\":"
	                       "{\"elements\":[%s]}}}",
	                       message);
	char *rt = decorated(TOPIC("messagesTopic"), KEY_MSG, message);

	lc_error_clear(&err);
	cr_assert_eq(voyager_parse_messages(sync, strlen(sync), &page, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_eq(page.n, 1);
	parse_ok(rt, &ev);
	cr_assert_eq(ev.kind, VOYAGER_RT_MESSAGE);
	same_message(&page.items[0], &ev.message);
	cr_assert_eq(ev.message.is_from_me, from_me);
	same_str(ev.message.sender_name, name, "name");
	cr_assert_str_eq(ev.message.text, "hello\nthere");
	cr_assert_str_eq(ev.message.render_format, "EDITED");
	voyager_msg_page_free(&page);
	voyager_rt_event_free(&ev);
	free(sync);
	free(rt);
}

Test(voyager_rt, message_from_the_stream_equals_the_same_from_a_sync_read)
{
	stream_equals_sync(
	    MESSAGE(SARAH, ",\"actor\":" PART(SARAH, "Sarah", "Smith")), 0,
	    "Sarah Smith");
	stream_equals_sync(MESSAGE(SARAH, ""), 0, NULL);
	stream_equals_sync(MESSAGE(ME, ",\"actor\":" PART(ME, "Ada", "L")), 1,
	                   "Ada L");
	stream_equals_sync(MESSAGE(ME, ""), 1, NULL);
}

Test(voyager_rt, conversation_from_the_stream_equals_the_same_from_a_read)
{
	struct voyager_conv_page page;
	struct voyager_rt_event ev;
	struct lc_error err;
	const struct voyager_conversation *a, *b;
	char *sync = xasprintf("{\"data\":{\"messengerConversationsBySyncToken"
	                       "\":{\"elements\":[%s]}}}",
	                       CONVERSATION);
	char *rt = decorated(TOPIC("conversationsTopic"), KEY_CONV,
	                     "{\"result\":" CONVERSATION "}");
	size_t i;

	lc_error_clear(&err);
	cr_assert_eq(
	    voyager_parse_conversations(sync, strlen(sync), &page, &err), LC_OK,
	    "%s", err.msg);
	parse_ok(rt, &ev);
	cr_assert_eq(ev.kind, VOYAGER_RT_CONVERSATION);
	a = &page.items[0];
	b = &ev.conversation;
	same_str(a->urn, b->urn, "urn");
	same_str(a->thread_id, b->thread_id, "thread");
	same_str(a->title, b->title, "title");
	cr_assert_eq(a->read, b->read);
	cr_assert_eq(b->unread_count, 3);
	cr_assert_eq(a->group_chat, b->group_chat);
	cr_assert_eq(a->last_activity_at, b->last_activity_at);
	cr_assert_eq(a->ncategories, b->ncategories);
	cr_assert_eq(a->nparticipants, b->nparticipants);
	for (i = 0; i < a->nparticipants; i++) {
		same_str(a->participants[i].urn_id, b->participants[i].urn_id,
		         "participant");
		cr_assert_eq(a->participants[i].is_self,
		             b->participants[i].is_self);
	}
	cr_assert_not_null(b->last_message);
	same_message(a->last_message, b->last_message);
	cr_assert_str_eq(b->last_message->sender_name, "Sarah Smith",
	                 "filled from the participants");
	voyager_conv_page_free(&page);
	voyager_rt_event_free(&ev);
	free(sync);
	free(rt);
}

/* --- shapes ----------------------------------------------------------- */

Test(voyager_rt, a_decoration_without_the_result_wrapper_is_read_as_well)
{
	struct voyager_rt_event ev;
	char *j = decorated(
	    TOPIC("typingIndicatorsTopic"),
	    "doDecorateTypingIndicatorMessengerRealtime"
	    "Decoration",
	    "{\"typingParticipant\":" PART(
	        SARAH, "Sarah", "S") ",\"conversation\":{\"entityUrn\":\"" CONV
	                             "\"}}");

	parse_ok(j, &ev);
	cr_assert_eq(ev.kind, VOYAGER_RT_TYPING);
	cr_assert_str_eq(ev.conv_urn, CONV);
	cr_assert_str_eq(ev.who_urn, SARAH);
	cr_assert_str_eq(ev.who_name, "Sarah S");
	voyager_rt_event_free(&ev);
	free(j);
	j = decorated(TOPIC("messagesTopic"), KEY_MSG, MESSAGE(ME, ""));
	parse_ok(j, &ev);
	cr_assert_eq(ev.kind, VOYAGER_RT_MESSAGE);
	cr_assert_str_eq(ev.message.urn, MSG);
	cr_assert_eq(ev.message.is_from_me, 1);
	voyager_rt_event_free(&ev);
	free(j);
}

Test(voyager_rt, an_unknown_decoration_key_falls_back_on_the_topic)
{
	struct voyager_rt_event ev;
	char *j = decorated(TOPIC("conversationDeletesTopic"),
	                    "doDecorateConversationDeleteV2",
	                    "{\"result\":{\"entityUrn\":\"" CONV "\"}}");

	parse_ok(j, &ev);
	cr_assert_eq(ev.kind, VOYAGER_RT_CONV_DELETE);
	cr_assert_str_eq(ev.conv_urn, CONV);
	cr_assert_eq(ev.unknown_fields, 1);
	voyager_rt_event_free(&ev);
	free(j);
	/* a guess that does not map is unknown, not an error */
	j = decorated(TOPIC("messagesTopic"), "doDecorateSomethingNew",
	              "{\"result\":{\"x\":1}}");
	parse_ok(j, &ev);
	cr_assert_eq(ev.kind, VOYAGER_RT_UNKNOWN);
	voyager_rt_event_free(&ev);
	free(j);
}

Test(voyager_rt, unknown_topics_and_envelopes_are_unknown_and_counted)
{
	struct voyager_rt_event ev;
	char *j = decorated(TOPIC("presenceStatusTopic"),
	                    "doDecoratePresenceStatusRealtimeDecoration",
	                    "{\"result\":{\"status\":\"ONLINE\"}}");

	parse_ok(j, &ev);
	cr_assert_eq(ev.kind, VOYAGER_RT_UNKNOWN);
	cr_assert_str_eq(ev.topic, TOPIC("presenceStatusTopic"));
	cr_assert_str_eq(ev.id, "ev-9");
	cr_assert_eq(ev.unknown_fields, 1);
	voyager_rt_event_free(&ev);
	free(j);
	parse_ok("{\"" ENV "SomethingElse\":{\"a\":1},\"extra\":2}", &ev);
	cr_assert_eq(ev.kind, VOYAGER_RT_UNKNOWN);
	cr_assert_eq(ev.unknown_fields, 2);
	voyager_rt_event_free(&ev);
	parse_ok("{\"" ENV "Heartbeat\":{},\"extra\":2}", &ev);
	cr_assert_eq(ev.kind, VOYAGER_RT_HEARTBEAT);
	cr_assert_eq(ev.unknown_fields, 1);
	voyager_rt_event_free(&ev);
	parse_ok("{}", &ev);
	cr_assert_eq(ev.kind, VOYAGER_RT_UNKNOWN);
	voyager_rt_event_free(&ev);
	/* a known payload with a key more than we read */
	j = decorated(TOPIC("messagesTopic"), KEY_MSG,
	              "{\"result\":" MESSAGE(SARAH, "") "},\"newThing\":{}");
	parse_ok(j, &ev);
	cr_assert_eq(ev.kind, VOYAGER_RT_MESSAGE);
	cr_assert_eq(ev.unknown_fields, 1);
	voyager_rt_event_free(&ev);
	free(j);
}

Test(voyager_rt, a_known_event_without_its_urn_is_a_bad_response)
{
	static const char *const cases[][3] = {
	    {"messagesTopic", KEY_MSG,
	     "{\"result\":{\"body\":{\"text\":\"x\"}}}"},
	    {"conversationsTopic", KEY_CONV, "{\"result\":{\"read\":true}}"},
	    {"conversationDeletesTopic",
	     "doDecorateConversationDeleteMessengerRealtimeDecoration",
	     "{\"result\":{}}"},
	    {"messageSeenReceiptsTopic",
	     "doDecorateSeenReceiptMessengerRealtimeDecoration",
	     "{\"result\":{\"seenAt\":1}}"},
	    {"typingIndicatorsTopic",
	     "doDecorateTypingIndicatorMessengerRealtimeDecoration",
	     "{\"result\":{\"typingParticipant\":{}}}"},
	    {"messageReactionSummariesTopic",
	     "doDecorateRealtimeReactionSummaryMessengerRealtimeDecoration",
	     "{\"result\":{\"message\":{\"entityUrn\":\"" MSG "\"}}}"}};
	struct voyager_rt_event ev;
	struct lc_error err;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *t = xasprintf("urn:li-realtime:%s:urn:li-realtime:myself",
		                    cases[i][0]);
		char *j = decorated(t, cases[i][1], cases[i][2]);

		lc_error_clear(&err);
		cr_assert_eq(voyager_rt_parse(j, strlen(j), ME, &ev, &err),
		             LC_EBADRESP, "%s", cases[i][0]);
		cr_assert_neq(err.msg[0], '\0');
		cr_assert_null(ev.topic, "nothing is left to free");
		voyager_rt_event_free(&ev);
		free(j);
		free(t);
	}
}

Test(voyager_rt, hostile_input_is_refused_or_unknown_never_a_crash)
{
	static const char *const bad[] = {"",
	                                  "not json",
	                                  "[1,2]",
	                                  "\"str\"",
	                                  "42",
	                                  "null",
	                                  "{\"" ENV "Heartbeat\":{}",
	                                  "{\"" ENV "Heartbeat\":{}}trailing"};
	static const char *const odd[] = {
	    "{\"" ENV "DecoratedEvent\":[]}",
	    "{\"" ENV "DecoratedEvent\":{\"payload\":[]}}",
	    "{\"" ENV
	    "DecoratedEvent\":{\"topic\":5,\"payload\":{\"data\":5}}}",
	    "{\"" ENV "DecoratedEvent\":{\"payload\":{\"data\":{\"" KEY_MSG
	    "\":\"str\"}}}}",
	    "{\"" ENV "ClientConnection\":{\"id\":7}}",
	    "{\"" ENV "ClientConnection\":\"x\"}",
	    "{\"" ENV "DecoratedEvent\":{\"topic\":\"urn:li-realtime:\","
	    "\"payload\":{\"data\":{\"doDecorateX\":{}}}}}"};
	struct voyager_rt_event ev;
	struct lc_error err;
	struct buf b;
	size_t i;
	enum lc_err rc;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		lc_error_clear(&err);
		cr_assert_eq(
		    voyager_rt_parse(bad[i], strlen(bad[i]), ME, &ev, &err),
		    LC_EBADRESP, "%s", bad[i]);
		voyager_rt_event_free(&ev);
	}
	for (i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		rc = parse(odd[i], &ev);
		cr_assert(rc == LC_OK || rc == LC_EBADRESP, "%s", odd[i]);
		if (rc == LC_OK)
			cr_assert(ev.kind == VOYAGER_RT_UNKNOWN ||
			              ev.kind == VOYAGER_RT_CONNECTED,
			          "%s", odd[i]);
		voyager_rt_event_free(&ev);
	}
	/* 10 000 deep */
	buf_init(&b, 0);
	for (i = 0; i < 10000; i++)
		buf_addstr(&b, "{\"a\":");
	cr_assert_eq(parse(b.data, &ev), LC_EBADRESP);
	voyager_rt_event_free(&ev);
	/* a message body of 4 MiB arrives whole */
	buf_reset(&b);
	buf_addstr(&b, "{\"" ENV
	               "DecoratedEvent\":{\"payload\":{\"data\":{\"" KEY_MSG
	               "\":{\"result\":{\"entityUrn\":\"" MSG
	               "\",\"body\":{\"text\":\"");
	for (i = 0; i < (4u << 20) / 64; i++)
		buf_addstr(&b, "0123456789abcdef0123456789abcdef"
		               "0123456789abcdef0123456789abcdef");
	buf_addstr(&b, "\"}}}}}}}");
	cr_assert_eq(parse(b.data, &ev), LC_OK);
	cr_assert_eq(ev.kind, VOYAGER_RT_MESSAGE);
	cr_assert_eq(strlen(ev.message.text), 4u << 20);
	voyager_rt_event_free(&ev);
	buf_release(&b);
}

Test(voyager_rt, every_kind_has_a_name)
{
	cr_assert_str_eq(voyager_rt_kind_name(VOYAGER_RT_MESSAGE), "message");
	cr_assert_str_eq(voyager_rt_kind_name(VOYAGER_RT_TYPING), "typing");
	cr_assert_str_eq(voyager_rt_kind_name(VOYAGER_RT_CONV_DELETE),
	                 "conversation-delete");
	cr_assert_str_eq(voyager_rt_kind_name((enum voyager_rt_kind)99),
	                 "unknown");
}
