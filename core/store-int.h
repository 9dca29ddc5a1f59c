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

#endif
