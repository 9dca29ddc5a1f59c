/* store-int.h — the store's private layout, shared by the store*.c files
 * only.  Not part of the contract: include store.h instead.
 */
#ifndef LC_STORE_INT_H
#define LC_STORE_INT_H

#include <pthread.h>
#include <sqlite3.h>

#include "core/err.h"

struct store {
	sqlite3 *db;
	pthread_mutex_t mu;
	char *path;
	char *notice;
	char *moved_to;
};

/* The store's recursive lock. */
void store_lock(struct store *st);
void store_unlock(struct store *st);
/* sqlite3_exec without callbacks: an SQLite result code. */
int store_exec(struct store *st, const char *sql);
/* Binds v as text, or NULL when v is NULL. */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);
/* Binds v, or NULL when v is NULL or empty. */
int store_bind_key(sqlite3_stmt *s, int i, const char *v);
/* Column i as text, "" for NULL; valid until the next step. */
const char *store_col(sqlite3_stmt *s, int i);
/* Prepares sql, binds the n strings (NULL stays NULL), steps once.
 * SQLITE_OK/SQLITE_DONE/SQLITE_ROW mean success.  Called locked. */
int store_run(struct store *st, const char *sql, int n, const char **v);
/* Runs one write statement under the lock; LC_EIO (what says what
 * failed) on failure. */
enum lc_err store_write1(struct store *st, const char *sql, int n,
                         const char **v, const char *what,
                         struct lc_error *err);
/* Runs a query with n bound strings under the lock; *out gets a copy of
 * the first column of the first row (caller frees), or NULL. */
enum lc_err store_read1(struct store *st, const char *sql, int n,
                        const char **v, char **out, struct lc_error *err);

/* The file is damaged: closes it, moves it (and its WAL) aside, and
 * opens and migrates a fresh one; store_notice() then says so. */
enum lc_err store_recover(struct store *st, struct lc_error *err);

/* The full-text index of message texts (see store-fts.c): an FTS5 table
 * over a view of the messages that leaves recalled texts out.  A new
 * message is only queued (messages_fts_new) by its trigger, and
 * store_fts_flush() indexes the queue in one statement before the
 * transaction commits: FTS5 writes its pending terms out as a segment at
 * every statement savepoint, so one insert per message meant one segment
 * per message.  Edits, recalls and deletes of indexed messages go to the
 * index at once; of queued ones, the flush sees the row as it then is.
 * Bytes 1 and 2 are the snippet's match markers, so the view the
 * snippets read has them as spaces; the tokenizer already sees them as
 * separators, so the triggers give it the text as stored. */
#define STORE_FTS_TEXT(r)                                                      \
	"replace(replace(" r ".text, char(1), ' '), char(2), ' ')"
/* Whether message r.id is queued, not yet in the index. */
#define STORE_FTS_QUEUED(r)                                                    \
	"EXISTS (SELECT 1 FROM messages_fts_new WHERE id = " r ".id)"
#define STORE_FTS_SCHEMA                                                       \
	"CREATE VIEW IF NOT EXISTS messages_fts_src AS SELECT "                \
	"id, " STORE_FTS_TEXT(                                                 \
	    "messages") " AS text FROM messages WHERE "                        \
	                "state != 4;"                                          \
	                "CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts "     \
	                "USING fts5(text, "                                    \
	                "content='messages_fts_src', content_rowid='id', "     \
	                "detail=none, "                                        \
	                "columnsize=0, tokenize='unicode61 remove_diacritics " \
	                "2');"                                                 \
	                "CREATE TABLE IF NOT EXISTS messages_fts_new(id "      \
	                "INTEGER PRIMARY "                                     \
	                "KEY);"                                                \
	                "CREATE TRIGGER IF NOT EXISTS messages_fts_ai AFTER "  \
	                "INSERT ON "                                           \
	                "messages WHEN new.state != 4 BEGIN INSERT OR IGNORE " \
	                "INTO "                                                \
	                "messages_fts_new(id) VALUES (new.id); END;"           \
	                "CREATE TRIGGER IF NOT EXISTS messages_fts_ad AFTER "  \
	                "DELETE ON "                                           \
	                "messages WHEN old.state != 4 BEGIN INSERT INTO "      \
	                "messages_fts(messages_fts, rowid, text) SELECT "      \
	                "'delete', old.id, "                                   \
	                "old.text WHERE NOT " STORE_FTS_QUEUED(                \
	                    "old") ";"                                         \
	                           "DELETE FROM messages_fts_new WHERE id = "  \
	                           "old.id; END;"                              \
	                           "CREATE TRIGGER IF NOT EXISTS "             \
	                           "messages_fts_au AFTER UPDATE OF text, "    \
	                           "state ON messages WHEN (old.text IS NOT "  \
	                           "new.text OR (old.state = 4) "              \
	                           "IS NOT (new.state = 4)) AND "              \
	                           "NOT " STORE_FTS_QUEUED(                    \
	                               "old") " BEGIN "                        \
	                                      "INSERT INTO "                   \
	                                      "messages_fts(messages_fts, "    \
	                                      "rowid, text) SELECT "           \
	                                      "'delete', old.id, old.text "    \
	                                      "WHERE old.state != 4;"          \
	                                      "INSERT INTO "                   \
	                                      "messages_fts(rowid, text) "     \
	                                      "SELECT new.id, new.text WHERE " \
	                                      "new.state != 4; END;"           \
	                                      "INSERT INTO "                   \
	                                      "messages_fts(messages_fts, "    \
	                                      "rank) VALUES ('automerge', "    \
	                                      "16);"                           \
	                                      "INSERT INTO "                   \
	                                      "messages_fts(messages_fts) "    \
	                                      "VALUES ('rebuild');"            \
	                                      "DELETE FROM messages_fts_new;"

/* Checks the full-text index after the schema is current; a missing or
 * damaged one is rebuilt from the messages, logged, and the store's
 * notice says so.  Always LC_OK: a failed rebuild is logged and the next
 * search tries again. */
enum lc_err store_fts_check(struct store *st, struct lc_error *err);

/* Indexes the queued new messages (messages_fts_new) and empties the
 * queue, inside the caller's transaction.  An SQLite result code. */
int store_fts_flush(struct store *st);

#endif
