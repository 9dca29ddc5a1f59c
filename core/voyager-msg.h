/* voyager-msg.h — messaging reads: conversations and messages (API.md §6).
 * Sending and the other actions are in voyager-send.h.
 *
 * Reads go to the GraphQL front with the messaging headers and
 * ctx->mailbox; every call blocks and uses ctx from one thread at a time.
 * Results are freed with voyager_conv_page_free() / voyager_msg_page_free()
 * / voyager_message_free() (voyager.h).
 */
#ifndef LC_VOYAGER_MSG_H
#define LC_VOYAGER_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/voyager.h"

/* --- pure mappers (no HTTP) --- */

/* Maps a conversation read (any of the roots messengerConversationsBy
 * SyncToken / BySearchCriteria / ByCategoryQuery) into out: conversations
 * newest activity first, with metadata (newSyncToken, deletedUrns,
 * shouldClearCache, nextCursor).  Elements without an entityUrn are
 * skipped.  LC_EBADRESP if the text is not JSON or has no such root. */
enum lc_err voyager_parse_conversations(const char *json, size_t len,
                                        struct voyager_conv_page *out,
                                        struct lc_error *err);

/* Maps a message read (messengerMessagesBySyncToken or ByAnchorTimestamp)
 * into out, sorted oldest first by deliveredAt.  Elements without an
 * entityUrn are skipped. */
enum lc_err voyager_parse_messages(const char *json, size_t len,
                                   struct voyager_msg_page *out,
                                   struct lc_error *err);

/* Maps the answer to a send ({"value":{...}}) into out. */
enum lc_err voyager_parse_sent(const char *json, size_t len,
                               struct voyager_message *out,
                               struct lc_error *err);

struct voyager_count {
	char *category;
	long unread;
};
struct voyager_counts {
	struct voyager_count *items;
	size_t n;
};
void voyager_counts_free(struct voyager_counts *c);
/* Maps messengerMailboxCountsByMailbox. */
enum lc_err voyager_parse_counts(const char *json, size_t len,
                                 struct voyager_counts *out,
                                 struct lc_error *err);

/* Fills sender_name of messages that lack one from the conversation's
 * participants, and sets is_from_me for senders who are the SELF one. */
void voyager_msg_page_fill_senders(struct voyager_msg_page *p,
                                   const struct voyager_conversation *c);

/* --- conversations --- */

/* The inbox on load (newest conversations, with a sync token). */
enum lc_err voyager_conversations(struct voyager_ctx *ctx,
                                  struct voyager_conv_page *out,
                                  struct lc_error *err);

/* Changes since sync_token: changed conversations, deleted URNs,
 * newSyncToken; should_clear_cache means start over. */
enum lc_err voyager_conversations_since(struct voyager_ctx *ctx,
                                        const char *sync_token,
                                        struct voyager_conv_page *out,
                                        struct lc_error *err);

struct voyager_conv_filter {
	const char *category; /* NULL: PRIMARY_INBOX; a comma list
	                       * ("PRIMARY_INBOX,ARCHIVE") reads several */
	int read;             /* -1 any, 0 unread only, 1 read only */
	const char *keywords; /* NULL: none */
	const char *cursor;   /* NULL: first page */
	int count;            /* 0: 20; at most 25 */
};

/* One filtered page (the seed's get_conversations_v3); f NULL means the
 * defaults (PRIMARY_INBOX, any read state, 20).  The read filter
 * is also applied client-side, since the service may ignore it;
 * out->server_count tells how many the server sent. */
enum lc_err voyager_conversations_search(struct voyager_ctx *ctx,
                                         const struct voyager_conv_filter *f,
                                         struct voyager_conv_page *out,
                                         struct lc_error *err);

/* Follows nextCursor from f->cursor until limit conversations are in out,
 * the cursor is missing or repeats, or a page is short or empty (and
 * after 200 pages at most). */
enum lc_err voyager_conversations_collect(struct voyager_ctx *ctx,
                                          const struct voyager_conv_filter *f,
                                          size_t limit,
                                          struct voyager_conv_page *out,
                                          struct lc_error *err);

/* voyager_conversations_collect() with the firstDegreeConnections filter
 * set to first_degree (1: conversations with 1st-degree connections
 * only, the reference library's filter). */
enum lc_err voyager_conversations_find(struct voyager_ctx *ctx,
                                       const struct voyager_conv_filter *f,
                                       int first_degree, size_t limit,
                                       struct voyager_conv_page *out,
                                       struct lc_error *err);

/* One category page: the newest (last_updated_before 0 and cursor NULL),
 * else older than last_updated_before ms, or from cursor.  count 0: 20. */
enum lc_err voyager_conversations_category(struct voyager_ctx *ctx,
                                           const char *category,
                                           int64_t last_updated_before,
                                           const char *cursor, int count,
                                           struct voyager_conv_page *out,
                                           struct lc_error *err);

/* Unread conversation counts per category. */
enum lc_err voyager_mailbox_counts(struct voyager_ctx *ctx,
                                   struct voyager_counts *out,
                                   struct lc_error *err);

/* --- messages --- */

/* The newest messages of conversation conv_urn (oldest first in out);
 * with sync_token, only changes since it. */
enum lc_err voyager_messages(struct voyager_ctx *ctx, const char *conv_urn,
                             const char *sync_token,
                             struct voyager_msg_page *out,
                             struct lc_error *err);

/* Up to count (0: 20) messages delivered before delivered_at ms. */
enum lc_err voyager_messages_before(struct voyager_ctx *ctx,
                                    const char *conv_urn, int64_t delivered_at,
                                    int count, struct voyager_msg_page *out,
                                    struct lc_error *err);

#endif
