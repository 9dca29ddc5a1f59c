/* store-int.h — the store's private layout, shared by store.c and
 * store-load.c only.  Not part of the contract: include store.h instead.
 */
#ifndef LC_STORE_INT_H
#define LC_STORE_INT_H

#include <pthread.h>
#include <sqlite3.h>

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
/* Column i as text, "" for NULL; valid until the next step. */
const char *store_col(sqlite3_stmt *s, int i);

/* The file is damaged: closes it, moves it (and its WAL) aside, and
 * opens and migrates a fresh one; store_notice() then says so. */
enum lc_err store_recover(struct store *st, struct lc_error *err);

#endif
