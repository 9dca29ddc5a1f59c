/* voyager-send.h — messaging writes: send (exactly once), mark read,
 * typing, reactions, edit, recall, delete (API.md §6).
 *
 * All calls block, use ctx from one thread at a time, need ctx->mailbox,
 * and check their URN arguments (LC_EINVAL before any request).
 */
#ifndef LC_VOYAGER_SEND_H
#define LC_VOYAGER_SEND_H

#include <stddef.h>

#include "core/err.h"
#include "core/voyager.h"

/* The longest message text LinkedIn takes, in characters (code points, as
 * voyager_char_count() counts them); see docs/voyager-notes.md. */
#define VOYAGER_MESSAGE_MAX 8000

struct voyager_send {
	const char *conversation_urn; /* reply; or NULL and ... */
	const char *recipient;        /* ... a profile URN or <ID>: new
	                               * conversation */
	const char *text;
	const char *origin_token; /* caller's UUID, kept across retries */
	int dedupe;               /* dedupeByClientGeneratedToken */
};

/* Writes a fresh UUID v4 ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx") into
 * out, which holds at least 37 bytes. */
void voyager_origin_token(char *out);

/* The request body of a send (for tests and the simulator's witnesses):
 * originToken inside message, trackingId of 16 random bytes written as
 * \u00XX characters.  Caller frees. */
char *voyager_send_body(const struct voyager_ctx *ctx,
                        const struct voyager_send *s);

/* Sends once (no resend logic): on LC_OK out is the created message.
 * A new conversation that the service refuses (4xx) falls back to the
 * existing 1:1 conversation with the recipient among the newest ones.
 * LC_EINVAL (no request) for empty text, text over VOYAGER_MESSAGE_MAX
 * characters, no target or no origin token. */
enum lc_err voyager_send_message(struct voyager_ctx *ctx,
                                 const struct voyager_send *s,
                                 struct voyager_message *out,
                                 struct lc_error *err);

/* How many pages of a thread (the newest, then 25 messages each) are read
 * back for a send in doubt, by the CLI (voyager_send_once()) and by the
 * outbox alike.  The newest page alone is not enough: sends that went out
 * while this one was in doubt (a backlog after a restart) and replies
 * push it further back.  20 pages is some 500 messages, a busy thread's
 * worth of hours, for at most 20 requests of the budget; past that
 * linchat says it cannot tell rather than resend blind. */
#define VOYAGER_SEND_LOOKBACK_PAGES 20

/* Looks for origin_token in conversation conv_urn: its newest messages,
 * then older pages back to messages delivered before since_ms (or the
 * start of the thread), at most VOYAGER_SEND_LOOKBACK_PAGES pages.  LC_OK
 * with *found 1 and the message in out (caller frees with
 * voyager_message_free()), 0 not there, or -1 not settled within those
 * pages; an error if a read failed.  Blocks. */
enum lc_err voyager_find_sent(struct voyager_ctx *ctx, const char *conv_urn,
                              const char *origin_token, int64_t since_ms,
                              struct voyager_message *out, int *found,
                              struct lc_error *err);

/* Exactly-once send for the CLI and the worker.  After a failure where the
 * request may have reached the service (network error, 5xx, empty or bad
 * 200), looks for s->origin_token in the conversation back to when this
 * call started (voyager_find_sent()): found is success with that message;
 * not found resends with the same token; not settled is LC_EBADRESP,
 * never a blind resend.  429/999 mean not processed: wait (Retry-After or
 * backoff) and resend.  At most ctx->send_attempts attempts; other errors
 * return at once.  A new conversation (no conversation_urn) is checked through
 * the newest conversations' last messages.  Blocks; http_cancel() on ctx's
 * session ends a wait between attempts with LC_ECANCELED. */
enum lc_err voyager_send_once(struct voyager_ctx *ctx,
                              const struct voyager_send *s,
                              struct voyager_message *out,
                              struct lc_error *err);

/* --- actions --- */

/* Marks n conversations read (read 1) or unread (read 0) in one call. */
enum lc_err voyager_mark_read(struct voyager_ctx *ctx,
                              const char *const *conv_urns, size_t n, int read,
                              struct lc_error *err);
enum lc_err voyager_typing(struct voyager_ctx *ctx, const char *conv_urn,
                           struct lc_error *err);
/* The realtime stream's connectivity heartbeat (API.md §7), about once a
 * minute while the stream is open; session_id is the stream's
 * x-li-realtime-session, first 1 for the first after a connect. */
enum lc_err voyager_realtime_heartbeat(struct voyager_ctx *ctx,
                                       const char *session_id, int first,
                                       struct lc_error *err);
/* on 1: reactWithEmoji, 0: unreactWithEmoji. */
enum lc_err voyager_react(struct voyager_ctx *ctx, const char *msg_urn,
                          const char *emoji, int on, struct lc_error *err);
/* A new text over VOYAGER_MESSAGE_MAX characters is LC_EINVAL, no
 * request. */
enum lc_err voyager_edit(struct voyager_ctx *ctx, const char *msg_urn,
                         const char *text, struct lc_error *err);
enum lc_err voyager_recall(struct voyager_ctx *ctx, const char *msg_urn,
                           struct lc_error *err);
/* Acknowledges delivery of n messages (clientConsumedAt = now). */
enum lc_err voyager_ack_delivery(struct voyager_ctx *ctx,
                                 const char *const *msg_urns, size_t n,
                                 struct lc_error *err);
enum lc_err voyager_conversation_delete(struct voyager_ctx *ctx,
                                        const char *conv_urn,
                                        struct lc_error *err);

#endif
