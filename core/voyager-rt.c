/* voyager-rt.c — see voyager-rt.h.
 *
 * An event is one object with one envelope key (ClientConnection,
 * Heartbeat or DecoratedEvent).  A DecoratedEvent carries its payload
 * under payload.data, keyed by a decoration name; the object mapped is
 * that decoration's "result" (as the public Matrix bridge reads it), or
 * the decoration itself when it has no "result" object, since nothing
 * but that bridge tells the wrapper is always there.  The kind comes from
 * the decoration key; an unknown key falls back on the topic's name, and
 * then a payload we cannot map is UNKNOWN rather than an error (we only
 * guessed what it was).
 */
#include <stdlib.h>
#include <string.h>

#include "core/jsonx.h"
#include "core/voyager-msg-int.h"
#include "core/voyager-rt.h"
#include "core/xmalloc.h"

#define RT_ENV "com.linkedin.realtimefrontend."
#define RT_TOPIC "urn:li-realtime:"

static const struct rt_kind {
	enum voyager_rt_kind kind;
	const char *name;  /* voyager_rt_kind_name() */
	const char *topic; /* urn:li-realtime:<topic>:... */
	const char *key;   /* the decoration key under payload.data */
} rt_kinds[] = {
    {VOYAGER_RT_UNKNOWN, "unknown", NULL, NULL},
    {VOYAGER_RT_CONNECTED, "connected", NULL, NULL},
    {VOYAGER_RT_HEARTBEAT, "heartbeat", NULL, NULL},
    {VOYAGER_RT_MESSAGE, "message", "messagesTopic",
     "doDecorateMessageMessengerRealtimeDecoration"},
    {VOYAGER_RT_CONVERSATION, "conversation", "conversationsTopic",
     "doDecorateConversationMessengerRealtimeDecoration"},
    {VOYAGER_RT_CONV_DELETE, "conversation-delete", "conversationDeletesTopic",
     "doDecorateConversationDeleteMessengerRealtimeDecoration"},
    {VOYAGER_RT_SEEN, "seen", "messageSeenReceiptsTopic",
     "doDecorateSeenReceiptMessengerRealtimeDecoration"},
    {VOYAGER_RT_TYPING, "typing", "typingIndicatorsTopic",
     "doDecorateTypingIndicatorMessengerRealtimeDecoration"},
    {VOYAGER_RT_REACTION, "reaction", "messageReactionSummariesTopic",
     "doDecorateRealtimeReactionSummaryMessengerRealtimeDecoration"},
};
#define RT_NKINDS (sizeof rt_kinds / sizeof rt_kinds[0])

const char *
voyager_rt_kind_name(enum voyager_rt_kind k)
{
	size_t i;

	for (i = 0; i < RT_NKINDS; i++)
		if (rt_kinds[i].kind == k)
			return rt_kinds[i].name;
	return "unknown";
}

void
voyager_rt_event_free(struct voyager_rt_event *ev)
{
	if (ev == NULL)
		return;
	free(ev->topic);
	free(ev->id);
	free(ev->connection_id);
	voyager_message_free(&ev->message);
	voyager_conversation_free(&ev->conversation);
	free(ev->conv_urn);
	free(ev->msg_urn);
	free(ev->who_urn);
	free(ev->who_name);
	free(ev->reaction.emoji);
	memset(ev, 0, sizeof *ev);
}

/* The kind of a decoration key, or of a topic URN; NULL if unknown. */
static const struct rt_kind *
rt_kind_by_key(const char *key)
{
	size_t i;

	for (i = 0; i < RT_NKINDS; i++)
		if (rt_kinds[i].key != NULL &&
		    strcmp(rt_kinds[i].key, key) == 0)
			return &rt_kinds[i];
	return NULL;
}

static const struct rt_kind *
rt_kind_by_topic(const char *topic)
{
	size_t i, n;
	const char *name, *end;

	if (topic == NULL || strncmp(topic, RT_TOPIC, strlen(RT_TOPIC)) != 0)
		return NULL;
	name = topic + strlen(RT_TOPIC);
	end = strchr(name, ':');
	n = end != NULL ? (size_t)(end - name) : strlen(name);
	for (i = 0; i < RT_NKINDS; i++)
		if (rt_kinds[i].topic != NULL &&
		    strlen(rt_kinds[i].topic) == n &&
		    memcmp(rt_kinds[i].topic, name, n) == 0)
			return &rt_kinds[i];
	return NULL;
}

/* who_urn and who_name from a MessagingParticipant object. */
static void
rt_who(const struct jsonx *o, const char *mailbox, struct voyager_rt_event *out)
{
	struct voyager_participant p;

	if (jsonx_type(o) != JSONX_OBJECT)
		return;
	voyager_participant_map(o, mailbox, &p);
	out->who_urn = p.urn_id;
	p.urn_id = NULL;
	out->who_name = voyager_participant_name(&p);
	voyager_participant_free(&p);
}

/* The URN of {"entityUrn": ...} at key, or a string at key2. */
static char *
rt_urn(const struct jsonx *r, const char *key, const char *key2)
{
	const struct jsonx *v = jsonx_member(r, key);
	char *s = jsonx_dup_str(v, "entityUrn");

	if (s == NULL && jsonx_type(v) == JSONX_STRING)
		s = jsonx_dup_str(v, NULL);
	if (s == NULL && key2 != NULL)
		s = jsonx_dup_str(jsonx_member(r, key2), NULL);
	return s;
}

/* Maps the decoration's object r as kind k.  -1 when it lacks what the
 * kind cannot do without. */
static int
rt_map(enum voyager_rt_kind k, const struct jsonx *r, const char *mailbox,
       struct voyager_rt_event *out)
{
	const struct jsonx *sum;

	switch (k) {
	case VOYAGER_RT_MESSAGE:
		if (voyager_message_map(r, mailbox, &out->message) != 0)
			return -1;
		out->has_message = 1;
		return 0;
	case VOYAGER_RT_CONVERSATION:
		if (voyager_conversation_map(r, mailbox, &out->conversation) !=
		    0)
			return -1;
		out->has_conversation = 1;
		return 0;
	case VOYAGER_RT_CONV_DELETE:
		out->conv_urn = jsonx_dup_str(r, "entityUrn");
		if (out->conv_urn == NULL)
			out->conv_urn =
			    rt_urn(r, "conversation", "conversationUrn");
		return out->conv_urn != NULL ? 0 : -1;
	case VOYAGER_RT_SEEN:
		out->msg_urn = rt_urn(r, "message", "messageUrn");
		out->conv_urn = rt_urn(r, "conversation", "conversationUrn");
		out->at_ms = jsonx_get_int(r, "seenAt", 0);
		rt_who(jsonx_member(r, "seenByParticipant"), mailbox, out);
		return out->msg_urn != NULL ? 0 : -1;
	case VOYAGER_RT_TYPING:
		out->conv_urn = rt_urn(r, "conversation", "conversationUrn");
		rt_who(jsonx_member(r, "typingParticipant"), mailbox, out);
		return out->conv_urn != NULL ? 0 : -1;
	case VOYAGER_RT_REACTION:
		out->msg_urn = rt_urn(r, "message", "messageUrn");
		out->added = jsonx_get_bool(r, "reactionAdded", 0);
		rt_who(jsonx_member(r, "actor"), mailbox, out);
		sum = jsonx_get_obj(r, "reactionSummary");
		out->reaction.emoji = jsonx_dup_str(sum, "emoji");
		out->reaction.count = (long)jsonx_get_int(sum, "count", 0);
		out->reaction.viewer_reacted =
		    jsonx_get_bool(sum, "viewerReacted", 0);
		return out->msg_urn != NULL && out->reaction.emoji != NULL ? 0
		                                                           : -1;
	default:
		return 0;
	}
}

static int
rt_meta_key(const char *key)
{
	return key[0] == '_' || key[0] == '$';
}

/* A DecoratedEvent.  LC_OK unless a known decoration lacks what its kind
 * needs. */
static enum lc_err
rt_decorated(const struct jsonx *ev, const char *mailbox,
             struct voyager_rt_event *out, struct lc_error *err)
{
	const struct jsonx *data, *dec = NULL, *r;
	const struct rt_kind *kind = NULL, *kk;
	int guessed = 0;
	size_t i, n;

	out->topic = jsonx_dup_str(ev, "topic");
	out->id = jsonx_dup_str(ev, "id");
	out->left_at = jsonx_get_int(ev, "leftServerAt", 0);
	data = jsonx_get_obj(ev, "payload.data");
	if (data == NULL)
		data = jsonx_get_obj(ev, "payload");
	n = jsonx_count(data);
	for (i = 0; i < n; i++) {
		const char *key = jsonx_key_at(data, i);
		const struct jsonx *v = jsonx_at(data, i);

		if (rt_meta_key(key))
			continue;
		kk = rt_kind_by_key(key);
		if (kind == NULL && kk != NULL &&
		    jsonx_type(v) == JSONX_OBJECT) {
			kind = kk;
			dec = v;
		} else if (dec == NULL && kk == NULL &&
		           strncmp(key, "doDecorate", 10) == 0 &&
		           jsonx_type(v) == JSONX_OBJECT) {
			dec = v; /* an unknown decoration: its topic may tell */
			out->unknown_fields++;
		} else
			out->unknown_fields++;
	}
	if (kind == NULL && dec != NULL &&
	    (kind = rt_kind_by_topic(out->topic)) != NULL)
		guessed = 1;
	if (kind == NULL)
		return LC_OK;
	r = jsonx_get_obj(dec, "result");
	if (r == NULL)
		r = dec;
	if (rt_map(kind->kind, r, mailbox, out) == 0) {
		out->kind = kind->kind;
		return LC_OK;
	}
	if (guessed)
		return LC_OK;
	return lc_error_set(err, LC_EBADRESP,
	                    "A realtime %s event lacks what it needs (%s); it "
	                    "was ignored, the next sync catches up.",
	                    kind->name,
	                    kind->kind == VOYAGER_RT_MESSAGE ||
	                            kind->kind == VOYAGER_RT_CONVERSATION
	                        ? "an entityUrn"
	                        : "the URN it is about");
}

enum lc_err
voyager_rt_parse(const char *json, size_t len, const char *mailbox,
                 struct voyager_rt_event *out, struct lc_error *err)
{
	struct jsonx *o;
	const struct jsonx *v;
	enum lc_err rc = LC_OK;
	int seen = 0;
	size_t i, n;

	memset(out, 0, sizeof *out);
	if ((o = jsonx_parse(json, len, err)) == NULL)
		return LC_EBADRESP;
	if (jsonx_type(o) != JSONX_OBJECT) {
		jsonx_free(o);
		return lc_error_set(err, LC_EBADRESP,
		                    "A realtime event is not a JSON object.");
	}
	n = jsonx_count(o);
	for (i = 0; i < n; i++) {
		const char *key = jsonx_key_at(o, i);

		v = jsonx_at(o, i);
		if (seen || jsonx_type(v) != JSONX_OBJECT ||
		    strncmp(key, RT_ENV, strlen(RT_ENV)) != 0) {
			out->unknown_fields++;
			continue;
		}
		key += strlen(RT_ENV);
		seen = 1;
		if (strcmp(key, "ClientConnection") == 0) {
			out->kind = VOYAGER_RT_CONNECTED;
			out->connection_id = jsonx_dup_str(v, "id");
		} else if (strcmp(key, "Heartbeat") == 0)
			out->kind = VOYAGER_RT_HEARTBEAT;
		else if (strcmp(key, "DecoratedEvent") == 0)
			rc = rt_decorated(v, mailbox, out, err);
		else {
			seen = 0;
			out->unknown_fields++;
		}
	}
	jsonx_free(o);
	if (rc != LC_OK)
		voyager_rt_event_free(out);
	return rc;
}
