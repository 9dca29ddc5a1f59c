/* outbox.c — the outbox rules, each as one store transaction followed by
 * the matching model change, so the model never shows what the disk does
 * not hold.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/outbox.h"
#include "core/urn.h"
#include "core/xmalloc.h"

/* Prepares sql on the store's connection and binds the n strings. */
static sqlite3_stmt *
prep(struct store *st, const char *sql, int n, const char **v)
{
	sqlite3_stmt *s = NULL;
	int i;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return NULL;
	for (i = 0; i < n; i++) {
		if (v[i] == NULL)
			sqlite3_bind_null(s, i + 1);
		else
			sqlite3_bind_text(s, i + 1, v[i], -1, SQLITE_TRANSIENT);
	}
	return s;
}

/* Runs a write statement: 0, or -1 on failure. */
static int
run(struct store *st, const char *sql, int n, const char **v)
{
	sqlite3_stmt *s = prep(st, sql, n, v);
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* 1 if the query returns a row, 0 if not, -1 on failure. */
static int
exists(struct store *st, const char *sql, int n, const char **v)
{
	sqlite3_stmt *s = prep(st, sql, n, v);
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

struct add_arg {
	const char *conv_urn;
	const char *text;
	const char *origin;
	int64_t now_ms;
	int added;
};

static enum lc_err
add_tx(struct store *st, void *arg, struct lc_error *err)
{
	struct add_arg *a = arg;
	const char *v[2] = {a->origin, NULL};
	struct model_msg msg;
	sqlite3_stmt *s;
	char *me = NULL;
	enum lc_err e;
	int rc;

	rc = exists(st,
	            "SELECT 1 FROM outbox WHERE origin = ?1 UNION ALL "
	            "SELECT 1 FROM messages WHERE origin = ?1",
	            1, v);
	if (rc < 0)
		return store_fail(st, err, "queue the message");
	if (rc == 1)
		return LC_OK;
	s = prep(st,
	         "INSERT INTO outbox(origin, conv_urn, text, created_ms) "
	         "VALUES (?1, ?2, ?3, ?4)",
	         0, NULL);
	if (s == NULL)
		return store_fail(st, err, "queue the message");
	sqlite3_bind_text(s, 1, a->origin, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, a->conv_urn, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, a->text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, a->now_ms);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "queue the message");
	/* The draft became this message: a crash before the screen saves
	 * the emptied box must not bring the text back to be sent twice. */
	v[0] = a->conv_urn;
	if ((s = prep(st, "DELETE FROM drafts WHERE conv_urn = ?1", 1, v)) ==
	    NULL)
		return store_fail(st, err, "queue the message");
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "queue the message");
	if (store_get_meta(st, "me", &me, err) != LC_OK)
		return LC_EIO;
	memset(&msg, 0, sizeof(msg));
	msg.sender_urn = me != NULL ? me : "";
	msg.text = a->text;
	msg.origin_token = a->origin;
	msg.time_ms = a->now_ms;
	msg.state = MODEL_MSG_PENDING;
	e = store_put_message_locked(st, a->conv_urn, &msg, err);
	free(me);
	if (e == LC_OK)
		a->added = 1;
	return e;
}

enum lc_err
outbox_add(struct store *st, struct model *m, const char *conv_urn,
           const char *text, const char *origin_token, int64_t now_ms,
           struct lc_error *err)
{
	struct add_arg a = {conv_urn, text != NULL ? text : "", origin_token,
	                    now_ms, 0};
	enum lc_err e;

	if (conv_urn == NULL || conv_urn[0] == '\0' || origin_token == NULL ||
	    origin_token[0] == '\0')
		return lc_error_set(err, LC_EINVAL,
		                    "A message needs a "
		                    "conversation and an origin token.");
	e = store_transaction(st, add_tx, &a, err);
	if (e == LC_OK && a.added)
		model_add_pending(m, conv_urn, a.text, origin_token, now_ms);
	return e;
}

/* Placeholder conversations no outbox row uses any more. */
struct drop_arg {
	char **urns;
	size_t n;
};

/* Inside a transaction: deletes every placeholder conversation no row
 * uses, with what hangs off it, and lists them in *a for the model. */
static enum lc_err
drop_locked(struct store *st, struct drop_arg *a, struct lc_error *err)
{
	static const char *const del[] = {
	    "DELETE FROM conversations WHERE urn = ?1",
	    "DELETE FROM participants WHERE conv_urn = ?1",
	    "DELETE FROM messages WHERE conv_urn = ?1",
	    "DELETE FROM drafts WHERE conv_urn = ?1",
	};
	const char *v[1] = {URN_PLACEHOLDER_PREFIX};
	size_t cap = 0, i, k;
	sqlite3_stmt *s;
	int rc;

	s = prep(st,
	         "SELECT urn FROM conversations WHERE "
	         "substr(urn, 1, length(?1)) = ?1 AND urn NOT IN "
	         "(SELECT conv_urn FROM outbox)",
	         1, v);
	if (s == NULL)
		return store_fail(st, err, "tidy up the outbox");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (a->n == cap) {
			cap = cap ? cap * 2 : 4;
			a->urns = xreallocarray(a->urns, cap, sizeof(*a->urns));
		}
		a->urns[a->n++] =
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "tidy up the outbox");
	for (i = 0; i < a->n; i++) {
		v[0] = a->urns[i];
		for (k = 0; k < sizeof(del) / sizeof(del[0]); k++)
			if (run(st, del[k], 1, v) != 0)
				return store_fail(st, err,
				                  "tidy up the outbox");
	}
	return LC_OK;
}

struct gone_arg {
	struct model *m;
	const char *urn;
};

/* Under the store's lock (store, then model): the model forgets the
 * placeholder unless a first message to the same person was queued
 * since, writing it again. */
static enum lc_err
gone_tx(struct store *st, void *arg, struct lc_error *err)
{
	struct gone_arg *a = arg;
	const char *v[1] = {a->urn};
	int rc;

	rc = exists(st, "SELECT 1 FROM conversations WHERE urn = ?1", 1, v);
	if (rc < 0)
		return store_fail(st, err, "tidy up the outbox");
	if (rc == 0)
		model_remove_conversation(a->m, a->urn);
	return LC_OK;
}

/* After the transaction: the model follows (only if it committed). */
static void
drop_finish(struct store *st, struct model *m, struct drop_arg *a,
            int committed)
{
	struct gone_arg g;
	size_t i;

	for (i = 0; i < a->n; i++) {
		if (committed && m != NULL) {
			g.m = m;
			g.urn = a->urns[i];
			if (store_transaction(st, gone_tx, &g, NULL) != LC_OK)
				model_remove_conversation(m, a->urns[i]);
		}
		free(a->urns[i]);
	}
	free(a->urns);
	a->urns = NULL;
	a->n = 0;
}

static enum lc_err
drop_tx(struct store *st, void *arg, struct lc_error *err)
{
	return drop_locked(st, arg, err);
}

enum lc_err
outbox_drop_placeholders(struct store *st, struct model *m, size_t *removed,
                         struct lc_error *err)
{
	struct drop_arg a = {NULL, 0};
	enum lc_err e;
	size_t n;

	e = store_transaction(st, drop_tx, &a, err);
	n = e == LC_OK ? a.n : 0;
	drop_finish(st, m, &a, e == LC_OK);
	if (removed != NULL)
		*removed = n;
	return e;
}

struct first_arg {
	struct add_arg add;
	const char *recipient;
	const char *name;
};

static enum lc_err
add_first_tx(struct store *st, void *arg, struct lc_error *err)
{
	struct first_arg *a = arg;
	const char *v[3] = {a->add.conv_urn, a->recipient, a->name};
	sqlite3_stmt *s;
	enum lc_err e;
	int rc;

	if ((e = add_tx(st, &a->add, err)) != LC_OK || !a->add.added)
		return e;
	/* add_tx() made the bare row: now it is an inbox row, read, with
	 * the recipient as its only participant. */
	s = prep(st,
	         "UPDATE conversations SET unread = 0, read = 1, "
	         "categories = ?2 WHERE urn = ?1",
	         1, v);
	if (s == NULL)
		return store_fail(st, err, "queue the message");
	sqlite3_bind_int64(s, 2, MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE ||
	    run(st, "DELETE FROM participants WHERE conv_urn = ?1", 1, v) !=
	        0 ||
	    run(st,
	        "INSERT INTO participants(conv_urn, pos, urn, name) "
	        "VALUES (?1, 0, ?2, ?3)",
	        3, v) != 0)
		return store_fail(st, err, "queue the message");
	return LC_OK;
}

enum lc_err
outbox_add_first(struct store *st, struct model *m, const char *placeholder_urn,
                 const char *recipient_urn, const char *name, const char *text,
                 const char *origin_token, int64_t now_ms, struct lc_error *err)
{
	struct first_arg a;
	struct model_participant p;
	struct model_conv c;
	enum lc_err e;

	if (!urn_is_placeholder(placeholder_urn) || recipient_urn == NULL ||
	    recipient_urn[0] == '\0' || origin_token == NULL ||
	    origin_token[0] == '\0')
		return lc_error_set(err, LC_EINVAL,
		                    "A first message needs a "
		                    "recipient and an origin token.");
	memset(&a, 0, sizeof(a));
	a.add.conv_urn = placeholder_urn;
	a.add.text = text != NULL ? text : "";
	a.add.origin = origin_token;
	a.add.now_ms = now_ms;
	a.recipient = recipient_urn;
	a.name = name != NULL && name[0] != '\0' ? name : recipient_urn;
	e = store_transaction(st, add_first_tx, &a, err);
	if (e != LC_OK || !a.add.added)
		return e;
	p.urn = recipient_urn;
	p.name = a.name;
	memset(&c, 0, sizeof(c));
	c.urn = placeholder_urn;
	c.participants = &p;
	c.nparticipants = 1;
	c.read = 1;
	c.categories = MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX;
	c.last_ms = now_ms;
	c.last_text = a.add.text;
	model_lock(m);
	model_put_conversation(m, &c);
	model_add_pending(m, placeholder_urn, a.add.text, origin_token, now_ms);
	model_unlock(m);
	return LC_OK;
}

struct confirm_arg {
	const char *conv_urn;
	const struct model_msg *msg;
	struct drop_arg drop;
};

static enum lc_err
confirm_tx(struct store *st, void *arg, struct lc_error *err)
{
	struct confirm_arg *a = arg;
	const char *v[1] = {a->msg->origin_token};

	enum lc_err e;

	if (run(st, "DELETE FROM outbox WHERE origin = ?1", 1, v) != 0)
		return store_fail(st, err, "record the sent message");
	e = store_put_message_locked(st, a->conv_urn, a->msg, err);
	if (e == LC_OK && !urn_is_placeholder(a->conv_urn))
		e = drop_locked(st, &a->drop, err);
	return e;
}

enum lc_err
outbox_confirm(struct store *st, struct model *m, const char *conv_urn,
               const struct model_msg *confirmed, struct lc_error *err)
{
	struct confirm_arg a = {conv_urn, confirmed, {NULL, 0}};
	enum lc_err e;

	if (confirmed->origin_token == NULL ||
	    confirmed->origin_token[0] == '\0')
		return lc_error_set(err, LC_EINVAL,
		                    "A confirmed send needs "
		                    "its origin token.");
	e = store_transaction(st, confirm_tx, &a, err);
	/* The service has the message: show it as sent even if the disk
	 * refused; a resend after restart is caught by its origin token. */
	model_merge_messages(m, conv_urn, confirmed, 1);
	drop_finish(st, m, &a.drop, e == LC_OK);
	return e;
}

struct state_arg {
	const char *origin;
	const char *why;
	int op; /* 0 attempt, 1 fail, 2 retry, 3 discard */
	struct drop_arg drop;
};

static enum lc_err
state_tx(struct store *st, void *arg, struct lc_error *err)
{
	/* states: 1 MODEL_MSG_PENDING, 2 MODEL_MSG_FAILED */
	static const char *const sql[][2] = {
	    {"UPDATE outbox SET attempts = attempts + 1 WHERE origin = ?1",
	     NULL},
	    {"UPDATE outbox SET failed = 1, last_error = ?2 WHERE "
	     "origin = ?1",
	     "UPDATE messages SET state = 2 WHERE "
	     "origin = ?1 AND urn IS NULL"},
	    {"UPDATE outbox SET failed = 0, last_error = NULL WHERE "
	     "origin = ?1",
	     "UPDATE messages SET state = 1 WHERE "
	     "origin = ?1 AND urn IS NULL"},
	    {"DELETE FROM outbox WHERE origin = ?1",
	     "DELETE FROM messages WHERE origin = ?1 AND urn IS NULL"},
	};
	struct state_arg *a = arg;
	const char *v[2] = {a->origin, a->why};

	if (a->op == 2) {
		int rc =
		    exists(st, "SELECT 1 FROM outbox WHERE origin = ?1", 1, v);

		if (rc < 0)
			return store_fail(st, err, "update the outbox");
		if (rc == 0)
			return lc_error_set(err, LC_EINVAL,
			                    "That message is "
			                    "no longer waiting to be sent.");
	}
	if (run(st, sql[a->op][0], a->op == 1 ? 2 : 1, v) != 0 ||
	    (sql[a->op][1] != NULL && run(st, sql[a->op][1], 1, v) != 0))
		return store_fail(st, err, "update the outbox");
	if (a->op == 3)
		return drop_locked(st, &a->drop, err);
	return LC_OK;
}

/* One state change; a discard also drops a placeholder it emptied, in
 * the store and (when m is not NULL) the model. */
static enum lc_err
change(struct store *st, struct model *m, const char *origin, const char *why,
       int op, struct lc_error *err)
{
	struct state_arg a = {origin, why != NULL ? why : "", op, {NULL, 0}};
	enum lc_err e;

	e = store_transaction(st, state_tx, &a, err);
	if (e == LC_OK && op == 3)
		model_remove_by_origin(m, origin);
	drop_finish(st, m, &a.drop, e == LC_OK);
	return e;
}

enum lc_err
outbox_attempted(struct store *st, const char *origin_token,
                 struct lc_error *err)
{
	return change(st, NULL, origin_token, NULL, 0, err);
}

enum lc_err
outbox_fail(struct store *st, struct model *m, const char *origin_token,
            const char *why, struct lc_error *err)
{
	enum lc_err e = change(st, m, origin_token, why, 1, err);

	if (e == LC_OK)
		model_set_state_by_origin(m, origin_token, MODEL_MSG_FAILED);
	return e;
}

enum lc_err
outbox_retry(struct store *st, struct model *m, const char *origin_token,
             struct lc_error *err)
{
	enum lc_err e = change(st, m, origin_token, NULL, 2, err);

	if (e == LC_OK)
		model_set_state_by_origin(m, origin_token, MODEL_MSG_PENDING);
	return e;
}

enum lc_err
outbox_discard(struct store *st, struct model *m, const char *origin_token,
               struct lc_error *err)
{
	return change(st, m, origin_token, NULL, 3, err);
}

struct list_arg {
	int only_queued;
	struct outbox_item *v;
	size_t n;
};

static enum lc_err
list_tx(struct store *st, void *arg, struct lc_error *err)
{
	struct list_arg *a = arg;
	size_t cap = 0;
	sqlite3_stmt *s;
	int rc;

	s = prep(
	    st,
	    a->only_queued
	        ? "SELECT origin, conv_urn, text, "
	          "created_ms, attempts, failed, coalesce(last_error, '') FROM "
	          "outbox WHERE failed = 0 ORDER BY created_ms, rowid"
	        : "SELECT "
	          "origin, conv_urn, text, created_ms, attempts, failed, "
	          "coalesce(last_error, '') FROM outbox ORDER BY created_ms, "
	          "rowid",
	    0, NULL);
	if (s == NULL)
		return store_fail(st, err, "read the outbox");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct outbox_item *it;

		if (a->n == cap) {
			cap = cap ? cap * 2 : 8;
			a->v = xreallocarray(a->v, cap, sizeof(*a->v));
		}
		it = &a->v[a->n++];
		it->origin_token =
		    xstrdup((const char *)sqlite3_column_text(s, 0));
		it->conv_urn = xstrdup((const char *)sqlite3_column_text(s, 1));
		it->text = xstrdup((const char *)sqlite3_column_text(s, 2));
		it->created_ms = sqlite3_column_int64(s, 3);
		it->attempts = sqlite3_column_int(s, 4);
		it->failed = sqlite3_column_int(s, 5);
		it->last_error =
		    xstrdup((const char *)sqlite3_column_text(s, 6));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "read the outbox");
	return LC_OK;
}

static enum lc_err
list(struct store *st, int only_queued, struct outbox_item **items, size_t *n,
     struct lc_error *err)
{
	struct list_arg a = {only_queued, NULL, 0};
	enum lc_err e;

	e = store_transaction(st, list_tx, &a, err);
	if (e != LC_OK) {
		outbox_items_free(a.v, a.n);
		a.v = NULL;
		a.n = 0;
	}
	*items = a.v;
	*n = a.n;
	return e;
}

enum lc_err
outbox_queued(struct store *st, struct outbox_item **items, size_t *n,
              struct lc_error *err)
{
	return list(st, 1, items, n, err);
}

enum lc_err
outbox_all(struct store *st, struct outbox_item **items, size_t *n,
           struct lc_error *err)
{
	return list(st, 0, items, n, err);
}

void
outbox_items_free(struct outbox_item *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(items[i].origin_token);
		free(items[i].conv_urn);
		free(items[i].text);
		free(items[i].last_error);
	}
	free(items);
}
