/* store.h — the local SQLite cache: conversations, participants,
 * messages, profiles, sync tokens, drafts and the outbox (core/outbox.h
 * owns the outbox rules; it uses the store's connection).
 *
 * The database lives at the path the caller gives (normally
 * $XDG_DATA_HOME/linchat/linchat.db), in WAL mode with synchronous=NORMAL.
 * Its schema version is PRAGMA user_version; store_open() migrates any
 * older file (or an empty one) to the current version.
 *
 * Text is stored exactly as received; sanitising happens only when drawn.
 * Every function locks the store's own mutex, so any thread may call, but
 * each call does blocking file I/O: the worker is the usual caller.  A
 * failed write returns LC_EIO with a sentence for the user and never
 * touches the model, so what is on screen survives a full or read-only
 * disk.
 *
 * Message texts are also in a full-text index (SQLite FTS5, see
 * store-fts.c) kept by the same transactions; a damaged index is rebuilt
 * by store_open(), and store_notice() says so.
 */
#ifndef LC_STORE_H
#define LC_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/model.h"

struct store;

/* Current schema version (PRAGMA user_version after store_open). */
#define STORE_SCHEMA_VERSION 7

/* Opens (creating it and its directory, mode 0700, if needed) and
 * migrates the database at path.  A file that is not a database or is
 * damaged is renamed to PATH.corrupt-<unix time> and a fresh one is
 * created: the open succeeds and store_notice() says what happened.
 * LC_EIO when the file cannot be opened or written (read-only directory,
 * full disk).  Free with store_close(). */
enum lc_err store_open(const char *path, struct store **out,
                       struct lc_error *err);
/* Closes the database.  NULL is fine. */
void store_close(struct store *st);
/* A sentence to show the user once if store_open() had to move a damaged
 * file aside, else NULL.  Owned by the store. */
const char *store_notice(const struct store *st);
/* Path of the file moved aside, or NULL.  Owned by the store. */
const char *store_moved_to(const struct store *st);
/* The schema version of the open database. */
int store_schema_version(struct store *st);
/* Refuses to let the file grow past max_bytes (0: no limit): writes past
 * it fail with LC_EIO like a full disk would. */
void store_limit_size(struct store *st, int64_t max_bytes);

/* Fills the model with what the inbox needs: conversations with
 * participants, last message and unread count, profiles, drafts, the
 * signed-in user, and the sends still in the outbox (pending or failed
 * messages).  Not the other messages: a thread's come with
 * store_load_thread() when it is opened.  Call before any network
 * request.  Damage found while reading is handled like at store_open():
 * the conversations read so far are dropped from the model, the file is
 * moved aside, a fresh one is used, LC_OK is returned and store_notice()
 * says so. */
enum lc_err store_load(struct store *st, struct model *m, struct lc_error *err);

/* Adds to the model up to limit (0: all) of a conversation's stored
 * messages, the newest with time_ms <= before_ms (INT64_MAX: the newest
 * of all), skipping those the model already holds (model_add_stored()).
 * *added (may be NULL) gets how many were new.  A short local read; any
 * thread (the UI's when a thread is opened).  LC_EIO if it fails. */
enum lc_err store_load_thread(struct store *st, struct model *m,
                              const char *conv_urn, int64_t before_ms,
                              size_t limit, size_t *added,
                              struct lc_error *err);

/* Saves or updates conversations (with their participants). */
enum lc_err store_put_conversations(struct store *st,
                                    const struct model_conv *v, size_t n,
                                    struct lc_error *err);
enum lc_err store_remove_conversation(struct store *st, const char *conv_urn,
                                      struct lc_error *err);
enum lc_err store_set_read(struct store *st, const char *conv_urn, int read,
                           struct lc_error *err);

/* Saves a page of messages of one conversation, merging like the model:
 * by URN, else by origin token (the local pending copy).  A message with
 * both a URN and an origin token proves that send reached the service, so
 * its outbox row is removed in the same transaction.  As in the model,
 * the conversation's last activity and preview follow its newest message
 * (an unknown conversation gets a bare row). */
enum lc_err store_put_messages(struct store *st, const char *conv_urn,
                               const struct model_msg *v, size_t n,
                               struct lc_error *err);
/* Changes a saved message's text and state (and the conversation's
 * preview when it is the newest). */
enum lc_err store_edit_message(struct store *st, const char *msg_urn,
                               const char *text, enum model_msg_state state,
                               struct lc_error *err);
/* Replaces a saved message's reaction summary and the user's own
 * reactions (model_react(), once the service agreed).  An unknown message
 * is no error. */
enum lc_err store_set_reactions(struct store *st, const char *msg_urn,
                                const char *reactions, const char *my_reactions,
                                struct lc_error *err);

/* One hit of store_search_messages().  Every string is a copy the array
 * owns (free with store_hits_free()). */
struct store_hit {
	char *conv_urn, *msg_urn, *sender_urn, *sender_name;
	char *snippet; /* the text around the match, sanitised */
	size_t *marks; /* byte offsets into snippet, pairs
	                  [start,end) of matched terms */
	size_t nmarks; /* number of offsets (2 per match) */
	int64_t time_ms;
};
/* Up to limit hits for the user's words (any text: quoted for FTS5,
 * so it never is an SQLite syntax error) after offset, newest first.
 * Every word must match (a prefix of) a word of the message; recalled
 * texts are not indexed.  Words with nothing to search for (empty,
 * punctuation, controls) give 0 hits.  *out gets the array (NULL when
 * none).  Returns the count, or -1 with a sentence in err.  A local
 * read; any thread. */
long store_search_messages(struct store *st, const char *words, size_t offset,
                           size_t limit, struct store_hit **out,
                           struct lc_error *err);
/* Frees n hits and the array.  NULL is fine. */
void store_hits_free(struct store_hit *v, size_t n);

enum lc_err store_put_profile(struct store *st, const struct model_profile *p,
                              struct lc_error *err);

/* Sync tokens by key ("inbox", or a conversation URN).  store_get_token
 * sets *token to a copy (caller frees) or NULL when none is stored. */
enum lc_err store_set_token(struct store *st, const char *key,
                            const char *token, struct lc_error *err);
enum lc_err store_get_token(struct store *st, const char *key, char **token,
                            struct lc_error *err);

/* The draft of a conversation: text NULL or "" deletes it.  The caller
 * debounces.  store_get_draft sets *text to a copy or NULL. */
enum lc_err store_set_draft(struct store *st, const char *conv_urn,
                            const char *text, int64_t now_ms,
                            struct lc_error *err);
enum lc_err store_get_draft(struct store *st, const char *conv_urn, char **text,
                            struct lc_error *err);

/* Small key/value settings ("me": the signed-in user's profile URN). */
enum lc_err store_set_meta(struct store *st, const char *key, const char *value,
                           struct lc_error *err);
enum lc_err store_get_meta(struct store *st, const char *key, char **value,
                           struct lc_error *err);

/* For core/outbox only: run fn(st, arg, err) inside one transaction on
 * the store's connection (committed if fn returns LC_OK, else rolled
 * back), holding the store's lock. */
enum lc_err store_transaction(struct store *st,
                              enum lc_err (*fn)(struct store *, void *,
                                                struct lc_error *),
                              void *arg, struct lc_error *err);
/* For core/outbox only: the sqlite3 handle (a struct sqlite3 *), valid
 * inside store_transaction() or while the store is open. */
void *store_db(struct store *st);
/* For core/outbox only: the same merge as store_put_messages for one
 * message, to be called inside store_transaction(). */
enum lc_err store_put_message_locked(struct store *st, const char *conv_urn,
                                     const struct model_msg *msg,
                                     struct lc_error *err);
/* For core/outbox only: an LC_EIO error for a failed SQLite call. */
enum lc_err store_fail(struct store *st, struct lc_error *err,
                       const char *what);

#endif
