/* voyager.h — the Voyager client: plumbing and shared result types.
 *
 * One function per API call lives in voyager-profile.h, voyager-msg.h,
 * voyager-invite.h and voyager-search.h; each takes a struct voyager_ctx,
 * blocks on the network (one thread per ctx, as for its http_session) and
 * fills a typed result the caller frees with the matching *_free().  No
 * jsonx value or pointer into one ever leaves core/voyager*: strings in
 * results are copies.
 *
 * Every JSON → struct mapper is also exported as a pure function on text
 * (voyager_parse_*), so fixtures, fuzzers and benchmarks call them without
 * HTTP.  Mappers ignore unknown fields, never depend on field order, treat
 * fields as optional, and answer LC_EBADRESP (never a crash) for JSON that
 * is malformed, truncated, too deep or lacks what the call cannot do
 * without.
 *
 * Result structs are caller storage: *_free(p) frees what p holds and
 * zeroes it (not p itself); NULL is fine.
 */
#ifndef LC_VOYAGER_H
#define LC_VOYAGER_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/http.h"

/* GraphQL query ids and decoration ids (API.md §3–6), by name.  The
 * service rotates them, so config [query_ids] may override any of them
 * with voyager_ids_set().  Names (and API.md defaults):
 *   conversations messengerConversations.0d5e6781bbee71c3e51c8843c6519f48
 *   conversations_sync messengerConversations.74c17e85611b60b7ba2700481151a316
 *   conversations_search
 * messengerConversations.737b27144cf922499202658a5345016f
 *   conversations_category
 * messengerConversations.8656fb361a8ad0c178e8d3ff1a84ce26
 *   conversations_recipients
 * messengerConversations.9c3ab648b616451570c715e4a184465e messages
 * messengerMessages.5846eeb71c981f11e0134cb6626cc314 messages_older
 * messengerMessages.d8ea76885a52fd5dc5c317078ab7c977 mailbox_counts
 * messengerMailboxCounts.fc528a5a81a76dff212a4a3d2d48e84b search
 * voyagerSearchDashClusters.b0928897b71bd00a5a7291755dcd64f0 profile_topcard
 * com.linkedin.voyager.dash.deco.identity.profile.WebTopCardCore-18
 *   profile_full com.linkedin.voyager.dash.deco.identity.profile.FullProfile-76
 *   invitation_create
 * com.linkedin.voyager.dash.deco.relationships.InvitationCreationResultWithInvitee-2
 * The query-id prefixes (messengerConversations, messengerMessages,
 * messengerMailboxCounts, voyagerSearchDashClusters) are accepted as names
 * too and set the first id of that family. */
#define VOYAGER_ID_MAX 160
struct voyager_ids {
	char conversations[VOYAGER_ID_MAX];
	char conversations_sync[VOYAGER_ID_MAX];
	char conversations_search[VOYAGER_ID_MAX];
	char conversations_category[VOYAGER_ID_MAX];
	char conversations_recipients[VOYAGER_ID_MAX];
	char messages[VOYAGER_ID_MAX];
	char messages_older[VOYAGER_ID_MAX];
	char mailbox_counts[VOYAGER_ID_MAX];
	char search[VOYAGER_ID_MAX];
	char profile_topcard[VOYAGER_ID_MAX];
	char profile_full[VOYAGER_ID_MAX];
	char invitation_create[VOYAGER_ID_MAX];
};

/* Fills ids with API.md's defaults. */
void voyager_ids_init(struct voyager_ids *ids);
/* Overrides the id called name.  LC_EINVAL for an unknown name or a
 * value that is empty, too long, or holds characters other than
 * A-Z a-z 0-9 . _ - (ids go into URLs as they are). */
enum lc_err voyager_ids_set(struct voyager_ids *ids, const char *name,
                            const char *value);
/* The NULL-terminated list of names, for docs and `--help`.  Static. */
const char *const *voyager_ids_names(void);

struct voyager_ctx {
	struct http_session *http; /* borrowed; one thread at a time */
	struct voyager_ids ids;
	char mailbox[128];    /* own profile <ID>: set by voyager_me()
	                       * (or by the caller from the session);
	                       * messaging calls need it */
	int send_attempts;    /* voyager_send_once: 0 means 4 */
	long send_backoff_ms; /* first backoff; 0 means 1000 */
};

/* Sets up ctx on session h with default ids and no mailbox yet. */
void voyager_ctx_init(struct voyager_ctx *ctx, struct http_session *h);
/* Sets ctx->mailbox from a profile URN or bare id.  LC_EINVAL if it is
 * neither. */
enum lc_err voyager_ctx_set_mailbox(struct voyager_ctx *ctx,
                                    const char *urn_or_id,
                                    struct lc_error *err);

/* A participant of a conversation (or a message's sender). */
enum voyager_party {
	VOYAGER_PARTY_MEMBER,
	VOYAGER_PARTY_ORGANIZATION, /* company page, sponsored sender */
	VOYAGER_PARTY_CUSTOM,       /* e.g. LinkedIn itself */
	VOYAGER_PARTY_UNKNOWN
};

struct voyager_participant {
	enum voyager_party kind;
	char *urn_id;     /* profile <ID>, or NULL */
	char *first_name; /* members */
	char *last_name;
	char *headline;
	char *profile_url;
	char *distance; /* "DISTANCE_1", "SELF", ... or NULL */
	int is_self;    /* distance SELF, or the mailbox's own id */
	char *org_name; /* organisation or custom participant's name */
	char *page_url; /* organisation page */
};

struct voyager_attachment {
	char *kind; /* "file", "vectorImage", "externalMedia", "video",
	             * "audio", "repliedMessageContent",
	             * "forwardedMessageContent", or another key seen */
	char *name; /* file name or title; may be NULL */
	char *url;  /* may be NULL */
};

struct voyager_reaction {
	char *emoji;
	long count;
	int viewer_reacted;
};

struct voyager_message {
	char *urn; /* urn:li:msg_message:(...) */
	char *conversation_urn;
	char *text; /* body.text; "" when missing */
	char *sender_urn_id;
	char *sender_name;    /* "First Last", org name, or NULL */
	int is_from_me;       /* sender is the mailbox owner */
	int64_t delivered_at; /* ms since the epoch; 0 unknown */
	char *origin_token;   /* set on own messages only */
	char *render_format;  /* "DEFAULT", "EDITED", "RECALLED",
	                       * "SYSTEM"; "DEFAULT" when missing */
	struct voyager_attachment *attachments;
	size_t nattachments;
	struct voyager_reaction *reactions;
	size_t nreactions;
};

struct voyager_conversation {
	char *urn;       /* urn:li:msg_conversation:(...) */
	char *thread_id; /* 2-... (backendUrn or the urn's second part) */
	int read;
	long unread_count;
	int64_t last_activity_at;
	int64_t created_at;
	int64_t last_read_at;
	int group_chat;
	char *title; /* group chats; may be NULL */
	char **categories;
	size_t ncategories;
	struct voyager_participant *participants;
	size_t nparticipants;
	struct voyager_message *last_message; /* NULL when none came */
};

/* A page of conversations, newest activity first. */
struct voyager_conv_page {
	struct voyager_conversation *items;
	size_t n;
	size_t server_count;  /* elements the server sent (before any
	                       * client-side filter): for "short page" */
	char *next_cursor;    /* filtered/category reads, or NULL */
	char *new_sync_token; /* sync-token reads, or NULL */
	char **deleted_urns;  /* conversation URNs removed since the token */
	size_t ndeleted;
	int should_clear_cache;
};

/* A page of messages, oldest first (sorted by deliveredAt). */
struct voyager_msg_page {
	struct voyager_message *items;
	size_t n;
	size_t server_count;
	char *prev_cursor;
	char *next_cursor;
	char *new_sync_token;
};

void voyager_participant_free(struct voyager_participant *p);
void voyager_message_free(struct voyager_message *m);
void voyager_conversation_free(struct voyager_conversation *c);
void voyager_conv_page_free(struct voyager_conv_page *p);
void voyager_msg_page_free(struct voyager_msg_page *p);

/* "First Last" of a participant (or its org name), as a new string; NULL
 * when it has no name. */
char *voyager_participant_name(const struct voyager_participant *p);

/* Performs one API request on ctx->http and parses nothing.  path is
 * after the base URL ("/voyager/api/me"); accept/content_type NULL mean
 * application/json.  The body (of 2xx and of errors) is left in resp;
 * free it with http_response_free().  Used by the voyager-*.c modules. */
enum lc_err voyager_request(struct voyager_ctx *ctx, enum http_method method,
                            const char *path, const char *accept,
                            const char *content_type, const char *body,
                            unsigned flags, struct http_response *resp,
                            struct lc_error *err);

/* Accept values of API.md §1. */
#define VOYAGER_ACCEPT_GRAPHQL "application/graphql"
#define VOYAGER_ACCEPT_NORMALIZED "application/vnd.linkedin.normalized+json+2.1"
#define VOYAGER_ACCEPT_JSON "application/json"
#define VOYAGER_CT_MESSAGING "text/plain;charset=UTF-8"

#endif
