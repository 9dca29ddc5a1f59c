/* voyager-rt.h — the realtime stream's events (API.md §7) as typed
 * structs.  Pure mappers: no HTTP.  One "data:" JSON object in, one
 * struct voyager_rt_event out; messages and conversations inside are
 * mapped by the same code as the GraphQL reads (voyager-msg-parse.c), so
 * a message from the stream and the same message from a sync read are
 * the same struct.
 *
 * Payload shapes (every decoration wraps its object in "result", as the
 * public Matrix bridge for this API reads them; a decoration without a
 * "result" object is read as that object itself, and a DecoratedEvent
 * without payload.data has its decoration under payload):
 *   messagesTopic doDecorateMessageMessengerRealtimeDecoration
 *     {"result": <Message>}
 *   conversationsTopic doDecorateConversationMessengerRealtimeDecoration
 *     {"result": <Conversation>}
 *   conversationDeletesTopic
 *   doDecorateConversationDeleteMessengerRealtimeDecoration
 *     {"result": {"entityUrn": <conv urn>, ...}}
 *   messageSeenReceiptsTopic doDecorateSeenReceiptMessengerRealtimeDecoration
 *     {"result": {"seenAt": ms, "message": {"entityUrn": <msg urn>},
 *                 "seenByParticipant": <MessagingParticipant>}}
 *   typingIndicatorsTopic doDecorateTypingIndicatorMessengerRealtimeDecoration
 *     {"result": {"typingParticipant": <MessagingParticipant>,
 *                 "conversation": {"entityUrn": <conv urn>}}}
 *   messageReactionSummariesTopic
 *   doDecorateRealtimeReactionSummaryMessengerRealtimeDecoration
 *     {"result": {"reactionAdded": bool, "actor": <MessagingParticipant>,
 *                 "message": {"entityUrn": <msg urn>},
 *                 "reactionSummary": {"emoji", "count", "firstReactedAt",
 *                                     "viewerReacted"}}}
 * A MessagingParticipant is {"entityUrn":"urn:li:msg_messagingParticipant:
 * urn:li:fsd_profile:<ID>","hostIdentityUrn":"urn:li:fsd_profile:<ID>",
 * "participantType":{"member":{"firstName":{"text"},"lastName":{"text"}}}}
 * (hostIdentityUrn may be missing).  The kind comes from the decoration
 * key; the topic (urn:li-realtime:<name>:urn:li-realtime:myself) is a
 * fallback when the key is unknown.
 */
#ifndef LC_VOYAGER_RT_H
#define LC_VOYAGER_RT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/voyager.h"

enum voyager_rt_kind {
	VOYAGER_RT_UNKNOWN = 0, /* a topic or envelope we do not know */
	VOYAGER_RT_CONNECTED,   /* ClientConnection: .connection_id */
	VOYAGER_RT_HEARTBEAT,
	VOYAGER_RT_MESSAGE,      /* new, edited or recalled: .message */
	VOYAGER_RT_CONVERSATION, /* read state, new, title: .conversation */
	VOYAGER_RT_CONV_DELETE,  /* .conv_urn */
	VOYAGER_RT_SEEN,         /* .conv_urn?, .msg_urn, .who_urn, .at_ms */
	VOYAGER_RT_TYPING,       /* .conv_urn, .who_urn, .who_name */
	VOYAGER_RT_REACTION      /* .msg_urn, .who_urn, .reaction, .added */
};

struct voyager_rt_event {
	enum voyager_rt_kind kind;
	char *topic;         /* the topic URN as sent, or NULL */
	char *id;            /* the event id, or NULL */
	int64_t left_at;     /* leftServerAt, 0 unknown */
	char *connection_id; /* CONNECTED */
	struct voyager_message message;
	int has_message;
	struct voyager_conversation conversation;
	int has_conversation;
	char *conv_urn; /* DELETE, TYPING, SEEN (when the event names it) */
	char *msg_urn;  /* SEEN, REACTION */
	char *who_urn;  /* SEEN, TYPING, REACTION: the participant's profile
	                 * <ID> (hostIdentityUrn, else from the participant's
	                 * entityUrn) */
	char *who_name; /* TYPING, SEEN, REACTION: "First Last" when given,
	                 * or NULL */
	int64_t at_ms;  /* SEEN: seenAt */
	struct voyager_reaction reaction; /* REACTION: the summary of the one
	                                   * emoji after the change */
	int added;                        /* REACTION: reactionAdded */
	unsigned unknown_fields; /* keys of the payload not understood (of
	                          * payload.data but _type/$type, and of
	                          * the envelope) */
};

/* Maps one event's data (len bytes of JSON) into out, with mailbox the
 * signed-in user's profile <ID> (for is_self and is_from_me).  LC_OK for
 * every well-formed event, known or not (kind tells); LC_EBADRESP for
 * text that is not a JSON object or a known event missing what it
 * cannot do without (a message without an entityUrn).  Free with
 * voyager_rt_event_free(). */
enum lc_err voyager_rt_parse(const char *json, size_t len, const char *mailbox,
                             struct voyager_rt_event *out,
                             struct lc_error *err);
void voyager_rt_event_free(struct voyager_rt_event *ev);
/* "message", "typing", ...: the name of a kind (static). */
const char *voyager_rt_kind_name(enum voyager_rt_kind k);

#endif
