/* triage-queue.h — the durable queue of triage requests (issue 13), in
 * the spirit of core/outbox.h, on the store's connection.
 *
 * 1. triage_queue_add() writes the row (the action and its
 *    conversations, with what each showed before, for a revert) and the
 *    new state of those conversations in the store, in one transaction,
 *    before any request; the caller changes the model only then.
 * 2. A row leaves the queue only when the service answered 2xx
 *    (triage_queue_done(), which for a delete also removes the
 *    conversations from the store) or refused it for good
 *    (triage_queue_revert(), which writes back what they showed).
 * 3. On start, triage_queue_list() gives every row still waiting,
 *    oldest first, to replay.
 * Mute is local: triage_queue_set_muted() / triage_queue_muted() keep the
 * muted conversations.  All functions block on file I/O, are
 * thread-safe, and return LC_EIO with a sentence when the disk fails.
 */
#ifndef LC_TRIAGE_QUEUE_H
#define LC_TRIAGE_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/store.h"

/* One conversation of a row: its URN and what it showed before. */
struct triage_conv {
	char *urn;
	unsigned prev_cats; /* MODEL_CAT_* */
	int prev_read;
};

struct triage_item {
	int64_t id;
	int op; /* the caller's code for the action (enum worker_triage) */
	struct triage_conv *convs;
	size_t n;
	int64_t created_ms;
	int attempts;
};

/* What triage_queue_add() writes to the store's conversations along with
 * the row. */
struct triage_write {
	int set_cats;         /* 1: categories[i] for convs[i] */
	const unsigned *cats; /* n entries when set_cats */
	int read;             /* 1 or 0: the read flag of all; -1 none */
};

/* Rule 1: queues op for the n conversations (n >= 1) and writes wr.
 * *id (may be NULL) gets the row's id. */
enum lc_err triage_queue_add(struct store *st, int op,
                             const struct triage_conv *convs, size_t n,
                             const struct triage_write *wr, int64_t now_ms,
                             int64_t *id, struct lc_error *err);
/* Counts one more attempt of row id. */
enum lc_err triage_queue_attempted(struct store *st, int64_t id,
                                   struct lc_error *err);
/* Rule 2: the service took row id: it goes; gone 1 (a delete) also
 * removes its conversations, their messages and drafts from the store. */
enum lc_err triage_queue_done(struct store *st, const struct triage_item *it,
                              int gone, struct lc_error *err);
/* Rule 2: the service refused row it for good: it goes, and its
 * conversations get back their categories and read flag. */
enum lc_err triage_queue_revert(struct store *st, const struct triage_item *it,
                                struct lc_error *err);
/* Rule 3: every row, oldest first.  Free with triage_queue_free(). */
enum lc_err triage_queue_list(struct store *st, struct triage_item **items,
                              size_t *n, struct lc_error *err);
void triage_queue_free(struct triage_item *items, size_t n);

/* Mute: stores (muted 1) or forgets (0) conv_urn as muted. */
enum lc_err triage_queue_set_muted(struct store *st, const char *conv_urn,
                                   int muted, struct lc_error *err);
/* The muted conversations: *urns gets an array of n copies (free each
 * and the array). */
enum lc_err triage_queue_muted(struct store *st, char ***urns, size_t *n,
                               struct lc_error *err);

#endif
