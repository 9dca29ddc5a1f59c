/* triage-queue.c — the triage queue's rules (core/triage-queue.h), each
 * one store transaction: the row and the conversations' new state go to
 * disk together, so a crash leaves either both or neither.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/triage-queue.h"
#include "core/xmalloc.h"

/* Prepares sql on the store's connection (NULL on failure). */
static sqlite3_stmt *
triage_prep(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

/* Steps a prepared write and finalizes it: 0, or -1. */
static int
triage_step(sqlite3_stmt *s)
{
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* Writes the categories (cats non-NULL) and the read flag (read >= 0) of
 * one conversation.  0, or -1. */
static int
triage_put_state(struct store *st, const char *urn, const unsigned *cats,
                 int read)
{
	sqlite3_stmt *s;

	if (cats != NULL) {
		s = triage_prep(st, "UPDATE conversations SET categories = ?2 "
		                    "WHERE urn = ?1");
		if (s != NULL) {
			sqlite3_bind_text(s, 1, urn, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(s, 2, (sqlite3_int64)*cats);
		}
		if (triage_step(s) != 0)
			return -1;
	}
	if (read < 0)
		return 0;
	s = triage_prep(st, read ? "UPDATE conversations SET read = 1, "
	                           "unread = 0 WHERE urn = ?1"
	                         : "UPDATE conversations SET read = 0, "
	                           "unread = max(unread, 1) WHERE urn = ?1");
	if (s != NULL)
		sqlite3_bind_text(s, 1, urn, -1, SQLITE_TRANSIENT);
	return triage_step(s);
}

struct triage_add_arg {
	int op;
	const struct triage_conv *convs;
	size_t n;
	const struct triage_write *wr;
	int64_t now_ms;
	int64_t id;
};

static enum lc_err
triage_add_tx(struct store *st, void *arg, struct lc_error *err)
{
	struct triage_add_arg *a = arg;
	sqlite3_stmt *s;
	size_t i;

	s = triage_prep(st, "INSERT INTO triage_queue(op, created_ms) "
	                    "VALUES (?1, ?2)");
	if (s != NULL) {
		sqlite3_bind_int(s, 1, a->op);
		sqlite3_bind_int64(s, 2, a->now_ms);
	}
	if (triage_step(s) != 0)
		return store_fail(st, err, "queue the change");
	a->id = sqlite3_last_insert_rowid(store_db(st));
	for (i = 0; i < a->n; i++) {
		s = triage_prep(st, "INSERT INTO triage_convs(id, pos, "
		                    "conv_urn, prev_cats, prev_read) "
		                    "VALUES (?1, ?2, ?3, ?4, ?5)");
		if (s != NULL) {
			sqlite3_bind_int64(s, 1, a->id);
			sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
			sqlite3_bind_text(s, 3, a->convs[i].urn, -1,
			                  SQLITE_TRANSIENT);
			sqlite3_bind_int64(
			    s, 4, (sqlite3_int64)a->convs[i].prev_cats);
			sqlite3_bind_int(s, 5, a->convs[i].prev_read);
		}
		if (triage_step(s) != 0)
			return store_fail(st, err, "queue the change");
		if (a->wr != NULL &&
		    triage_put_state(st, a->convs[i].urn,
		                     a->wr->set_cats ? &a->wr->cats[i] : NULL,
		                     a->wr->read) != 0)
			return store_fail(st, err, "save the change");
	}
	return LC_OK;
}

enum lc_err
triage_queue_add(struct store *st, int op, const struct triage_conv *convs,
                 size_t n, const struct triage_write *wr, int64_t now_ms,
                 int64_t *id, struct lc_error *err)
{
	struct triage_add_arg a = {op, convs, n, wr, now_ms, 0};
	enum lc_err e;

	if (n == 0 || convs == NULL)
		return lc_error_set(err, LC_EINVAL,
		                    "Choose a conversation first.");
	e = store_transaction(st, triage_add_tx, &a, err);
	if (e == LC_OK && id != NULL)
		*id = a.id;
	return e;
}

/* Runs "sql" with ?1 = *id. */
static enum lc_err
triage_by_id(struct store *st, void *arg, struct lc_error *err)
{
	const int64_t *id = arg;
	sqlite3_stmt *s;

	s = triage_prep(st, "DELETE FROM triage_convs WHERE id = ?1");
	if (s != NULL)
		sqlite3_bind_int64(s, 1, *id);
	if (triage_step(s) != 0)
		return store_fail(st, err, "update the triage queue");
	s = triage_prep(st, "DELETE FROM triage_queue WHERE id = ?1");
	if (s != NULL)
		sqlite3_bind_int64(s, 1, *id);
	if (triage_step(s) != 0)
		return store_fail(st, err, "update the triage queue");
	return LC_OK;
}

static enum lc_err
triage_attempt_tx(struct store *st, void *arg, struct lc_error *err)
{
	const int64_t *id = arg;
	sqlite3_stmt *s;

	s = triage_prep(st, "UPDATE triage_queue SET attempts = attempts + 1 "
	                    "WHERE id = ?1");
	if (s != NULL)
		sqlite3_bind_int64(s, 1, *id);
	if (triage_step(s) != 0)
		return store_fail(st, err, "update the triage queue");
	return LC_OK;
}

enum lc_err
triage_queue_attempted(struct store *st, int64_t id, struct lc_error *err)
{
	return store_transaction(st, triage_attempt_tx, &id, err);
}

enum lc_err
triage_queue_done(struct store *st, const struct triage_item *it, int gone,
                  struct lc_error *err)
{
	int64_t id = it->id;
	size_t i;

	/* Each removal is its own transaction; a crash between them and
	 * the row's removal replays a delete, which the service answers
	 * 404 and the worker takes as done. */
	for (i = 0; gone && i < it->n; i++)
		if (store_remove_conversation(st, it->convs[i].urn, err) !=
		    LC_OK)
			return LC_EIO;
	return store_transaction(st, triage_by_id, &id, err);
}

static enum lc_err
triage_revert_tx(struct store *st, void *arg, struct lc_error *err)
{
	const struct triage_item *it = arg;
	int64_t id = it->id;
	size_t i;

	for (i = 0; i < it->n; i++)
		if (triage_put_state(st, it->convs[i].urn,
		                     &it->convs[i].prev_cats,
		                     it->convs[i].prev_read) != 0)
			return store_fail(st, err, "undo the change");
	return triage_by_id(st, &id, err);
}

enum lc_err
triage_queue_revert(struct store *st, const struct triage_item *it,
                    struct lc_error *err)
{
	return store_transaction(st, triage_revert_tx, (void *)it, err);
}

/* Appends the conversation in the current row of s to the item. */
static void
triage_add_conv(struct triage_item *it, sqlite3_stmt *s)
{
	const unsigned char *u = sqlite3_column_text(s, 0);
	struct triage_conv *c;

	it->convs = xreallocarray(it->convs, it->n + 1, sizeof(*it->convs));
	c = &it->convs[it->n++];
	c->urn = xstrdup(u != NULL ? (const char *)u : "");
	c->prev_cats = (unsigned)sqlite3_column_int64(s, 1);
	c->prev_read = sqlite3_column_int(s, 2);
}

/* Fills the conversations of every item, in their order. */
static int
triage_list_convs(struct store *st, struct triage_item *v, size_t n)
{
	sqlite3_stmt *s;
	size_t i;
	int rc = SQLITE_DONE;

	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		s = triage_prep(st, "SELECT conv_urn, prev_cats, prev_read "
		                    "FROM triage_convs WHERE id = ?1 "
		                    "ORDER BY pos");
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, v[i].id);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			triage_add_conv(&v[i], s);
		sqlite3_finalize(s);
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

static enum lc_err
triage_list_tx(struct store *st, void *arg, struct lc_error *err)
{
	struct triage_item **out = ((void **)arg)[0];
	size_t *n = ((void **)arg)[1];
	struct triage_item *v = NULL;
	sqlite3_stmt *s;
	int rc;

	s = triage_prep(st, "SELECT id, op, created_ms, attempts FROM "
	                    "triage_queue ORDER BY id");
	if (s == NULL)
		return store_fail(st, err, "read the triage queue");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, *n + 1, sizeof(*v));
		memset(&v[*n], 0, sizeof(v[*n]));
		v[*n].id = sqlite3_column_int64(s, 0);
		v[*n].op = sqlite3_column_int(s, 1);
		v[*n].created_ms = sqlite3_column_int64(s, 2);
		v[*n].attempts = sqlite3_column_int(s, 3);
		(*n)++;
	}
	sqlite3_finalize(s);
	*out = v;
	if (rc != SQLITE_DONE || triage_list_convs(st, v, *n) != 0)
		return store_fail(st, err, "read the triage queue");
	return LC_OK;
}

enum lc_err
triage_queue_list(struct store *st, struct triage_item **items, size_t *n,
                  struct lc_error *err)
{
	void *arg[2] = {items, n};
	enum lc_err e;

	*items = NULL;
	*n = 0;
	e = store_transaction(st, triage_list_tx, arg, err);
	if (e != LC_OK) {
		triage_queue_free(*items, *n);
		*items = NULL;
		*n = 0;
	}
	return e;
}

void
triage_queue_free(struct triage_item *items, size_t n)
{
	size_t i, j;

	for (i = 0; items != NULL && i < n; i++) {
		for (j = 0; j < items[i].n; j++)
			free(items[i].convs[j].urn);
		free(items[i].convs);
	}
	free(items);
}

struct triage_mute_arg {
	const char *urn;
	int muted;
};

static enum lc_err
triage_mute_tx(struct store *st, void *arg, struct lc_error *err)
{
	const struct triage_mute_arg *a = arg;
	sqlite3_stmt *s;

	s = triage_prep(st, a->muted ? "INSERT OR IGNORE INTO muted(conv_urn) "
	                               "VALUES (?1)"
	                             : "DELETE FROM muted WHERE conv_urn = ?1");
	if (s != NULL)
		sqlite3_bind_text(s, 1, a->urn, -1, SQLITE_TRANSIENT);
	if (triage_step(s) != 0)
		return store_fail(st, err, "save the mute");
	return LC_OK;
}

enum lc_err
triage_queue_set_muted(struct store *st, const char *conv_urn, int muted,
                       struct lc_error *err)
{
	struct triage_mute_arg a = {conv_urn, muted != 0};

	return store_transaction(st, triage_mute_tx, &a, err);
}

static enum lc_err
triage_muted_tx(struct store *st, void *arg, struct lc_error *err)
{
	char ***urns = ((void **)arg)[0];
	size_t *n = ((void **)arg)[1];
	const unsigned char *u;
	sqlite3_stmt *s;
	int rc;

	s = triage_prep(st, "SELECT conv_urn FROM muted ORDER BY conv_urn");
	if (s == NULL)
		return store_fail(st, err, "read the muted conversations");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		u = sqlite3_column_text(s, 0);
		*urns = xreallocarray(*urns, *n + 1, sizeof(**urns));
		(*urns)[(*n)++] = xstrdup(u != NULL ? (const char *)u : "");
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "read the muted conversations");
	return LC_OK;
}

enum lc_err
triage_queue_muted(struct store *st, char ***urns, size_t *n,
                   struct lc_error *err)
{
	void *arg[2] = {urns, n};

	*urns = NULL;
	*n = 0;
	return store_transaction(st, triage_muted_tx, arg, err);
}
