/* outbox.h — exactly-once sending on top of the store and the model.
 *
 * The rules (issue 4), which test-outbox.c proves:
 * 1. outbox_add() writes the outbox row and the pending message in one
 *    transaction, before any request; only then does the model show it.
 * 2. A row leaves the outbox only when the service confirmed the send:
 *    outbox_confirm() with the service's message (or a synced message
 *    carrying the same origin token, see store_put_messages()), which
 *    replaces the pending copy in the store and the model.
 * 3. On start, outbox_queued() lists every row still waiting, with its
 *    original origin token, for the worker to send again.
 * 4. A permanent failure (outbox_fail()) keeps the row and the message,
 *    marked failed with its text, until outbox_retry() or
 *    outbox_discard().
 * 5. A first message to someone the user has no conversation with is
 *    filed under a placeholder conversation (urn_placeholder(), holding
 *    the recipient as its participant) with the same rules: it shows in
 *    the inbox at once, survives a crash, and fails with its text kept.
 *    outbox_confirm() moves the message into the real conversation the
 *    service named; a placeholder no row uses any more leaves the store
 *    and the model (outbox_drop_placeholders()).
 * All functions block on file I/O (worker thread) and are thread-safe.
 */
#ifndef LC_OUTBOX_H
#define LC_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/model.h"
#include "core/store.h"

struct outbox_item {
	char *origin_token;
	char *conv_urn;
	char *text;
	int64_t created_ms;
	int attempts;
	int failed;       /* permanently failed, waiting for the user */
	char *last_error; /* "" if none */
};

/* Rule 1: queues text for conv_urn under origin_token (a fresh UUID made
 * by the caller) and shows it as pending.  A token the store already
 * holds (queued, or a saved message) is a no-op returning LC_OK; a
 * pending copy only the model holds (put up early by the UI) is kept and
 * the row is written.  On LC_EIO nothing was written, the model is
 * unchanged and the caller must not send. */
enum lc_err outbox_add(struct store *st, struct model *m, const char *conv_urn,
                       const char *text, const char *origin_token,
                       int64_t now_ms, struct lc_error *err);

/* Rule 5: outbox_add() for a first message to recipient_urn (a profile
 * URN): saves the placeholder conversation placeholder_urn (from
 * urn_placeholder()) with the recipient (called name; NULL or "": the
 * URN) as participant, newest in the inbox, then the row and the pending
 * message, in one transaction; then shows them in the model. */
enum lc_err outbox_add_first(struct store *st, struct model *m,
                             const char *placeholder_urn,
                             const char *recipient_urn, const char *name,
                             const char *text, const char *origin_token,
                             int64_t now_ms, struct lc_error *err);

/* Rule 5: removes from the store, then the model, every placeholder
 * conversation no outbox row uses any more (its message was confirmed,
 * by the send or by a sync, or discarded), with its messages and draft.
 * *removed (may be NULL) gets how many went. */
enum lc_err outbox_drop_placeholders(struct store *st, struct model *m,
                                     size_t *removed, struct lc_error *err);

/* Rule 2: the service confirmed the send whose origin_token is
 * confirmed->origin_token; confirmed carries its URN and deliveredAt.
 * Removes the row and replaces the pending copy, in the store and then
 * the model; the pending copy moves to conv_urn if it was filed under
 * another (a placeholder), which then goes if no row uses it. */
enum lc_err outbox_confirm(struct store *st, struct model *m,
                           const char *conv_urn,
                           const struct model_msg *confirmed,
                           struct lc_error *err);

/* Counts one more attempt (for backoff and diagnostics). */
enum lc_err outbox_attempted(struct store *st, const char *origin_token,
                             struct lc_error *err);

/* Rule 4: marks the send failed, keeping its text; why is a short
 * sentence without the message text. */
enum lc_err outbox_fail(struct store *st, struct model *m,
                        const char *origin_token, const char *why,
                        struct lc_error *err);
/* The user asks to try a failed send again: pending once more, same
 * origin token.  The caller then queues the send. */
enum lc_err outbox_retry(struct store *st, struct model *m,
                         const char *origin_token, struct lc_error *err);
/* The user gives up a failed (or pending) send: row and message go (and
 * its placeholder conversation, if no other row uses it). */
enum lc_err outbox_discard(struct store *st, struct model *m,
                           const char *origin_token, struct lc_error *err);

/* Rule 3: rows waiting to be sent (not failed), oldest first, or every
 * row with outbox_all().  *items gets an array (free with
 * outbox_items_free()); *n its length. */
enum lc_err outbox_queued(struct store *st, struct outbox_item **items,
                          size_t *n, struct lc_error *err);
enum lc_err outbox_all(struct store *st, struct outbox_item **items, size_t *n,
                       struct lc_error *err);
void outbox_items_free(struct outbox_item *items, size_t n);

#endif
