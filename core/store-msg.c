/* store-msg.c — the message rows of the store: a message is found by its
 * URN or, before the service has given it one, by its origin token, and
 * updated in place; the conversation's last activity follows the newest.
 * Edits and reactions change one row.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/store-int.h"
#include "core/xmalloc.h"

/* Binds the message columns shared by the UPDATE and INSERT below:
 * ?1 conv, ?2 urn, ?3 origin, ?4 sender, ?5 text, ?6 attach name,
 * ?7 attach url, ?8 reactions, ?9 time, ?10 state, ?11 my reactions. */
static void
bind_msg(sqlite3_stmt *s, const char *conv_urn, const struct model_msg *m)
{
	store_bind_text(s, 1, conv_urn);
	store_bind_key(s, 2, m->urn);
	store_bind_key(s, 3, m->origin_token);
	store_bind_text(s, 4, m->sender_urn);
	store_bind_text(s, 5, m->text);
	store_bind_text(s, 6, m->attach_name);
	store_bind_text(s, 7, m->attach_url);
	store_bind_text(s, 8, m->reactions);
	sqlite3_bind_int64(s, 9, m->time_ms);
	sqlite3_bind_int(s, 10, (int)m->state);
	store_bind_text(s, 11, m->my_reactions);
}

#define MSG_SET                                                                \
	"conv_urn = ?1, urn = coalesce(?2, urn), origin = "                    \
	"coalesce(?3, origin), sender = coalesce(?4, sender), text = "         \
	"coalesce(?5, text), attach_name = coalesce(?6, attach_name), "        \
	"attach_url = coalesce(?7, attach_url), reactions = coalesce(?8, "     \
	"reactions), time_ms = ?9, state = ?10, my_reactions = "               \
	"coalesce(?11, my_reactions)"

/* The conversation's last activity and preview follow its newest saved
 * message, as in the model (model_merge_messages()), so that store_load()
 * can paint the inbox without reading any message.  An unknown
 * conversation gets a bare row, as the model makes a stub. */
static int
put_last(struct store *st, sqlite3_int64 msg_id)
{
	sqlite3_stmt *s;
	int rc;

	rc = sqlite3_prepare_v2(
	    st->db,
	    "INSERT INTO conversations(urn, last_ms, last_text, last_sender) "
	    "SELECT conv_urn, time_ms, "
	    "CASE state WHEN 4 THEN '' ELSE text END, sender "
	    "FROM messages WHERE id = ?1 ON CONFLICT(urn) DO UPDATE SET "
	    "last_ms = excluded.last_ms, last_text = excluded.last_text, "
	    "last_sender = excluded.last_sender WHERE excluded.last_ms >= "
	    "last_ms",
	    -1, &s, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(s, 1, msg_id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum lc_err
store_put_message_locked(struct store *st, const char *conv_urn,
                         const struct model_msg *m, struct lc_error *err)
{
	static const char *const sql[] = {
	    "UPDATE messages SET " MSG_SET " WHERE urn = ?2 RETURNING id",
	    "UPDATE messages SET " MSG_SET " WHERE origin = ?3 RETURNING id",
	    "INSERT INTO messages(conv_urn, urn, origin, sender, text, "
	    "attach_name, attach_url, reactions, time_ms, state, "
	    "my_reactions) VALUES "
	    "(?1, ?2, ?3, coalesce(?4, ''), coalesce(?5, ''), "
	    "coalesce(?6, ''), coalesce(?7, ''), coalesce(?8, ''), ?9, ?10, "
	    "coalesce(?11, '')) "
	    "RETURNING id",
	};
	int has_urn = m->urn != NULL && m->urn[0] != '\0';
	int has_origin = m->origin_token != NULL && m->origin_token[0] != '\0';
	sqlite3_int64 id = -1;
	sqlite3_stmt *s;
	int i, rc = SQLITE_OK;

	for (i = 0; i < 3 && id < 0; i++) {
		if ((i == 0 && !has_urn) || (i == 1 && !has_origin))
			continue;
		rc = sqlite3_prepare_v2(st->db, sql[i], -1, &s, NULL);
		if (rc != SQLITE_OK)
			break;
		bind_msg(s, conv_urn, m);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			id = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			break;
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_OK && id >= 0)
		rc = put_last(st, id);
	if (rc == SQLITE_OK && has_urn && has_origin) {
		const char *v[1] = {m->origin_token};

		/* the service has it: this send is done */
		rc =
		    store_run(st, "DELETE FROM outbox WHERE origin = ?1", 1, v);
	}
	if (rc != SQLITE_OK)
		return store_fail(st, err, "save messages");
	return LC_OK;
}

struct msgs_arg {
	const char *conv_urn;
	const struct model_msg *v;
	size_t n;
};

static enum lc_err
put_msgs_tx(struct store *st, void *arg, struct lc_error *err)
{
	struct msgs_arg *a = arg;
	enum lc_err e = LC_OK;
	size_t i;

	for (i = 0; i < a->n && e == LC_OK; i++)
		e = store_put_message_locked(st, a->conv_urn, &a->v[i], err);
	return e;
}

enum lc_err
store_put_messages(struct store *st, const char *conv_urn,
                   const struct model_msg *v, size_t n, struct lc_error *err)
{
	struct msgs_arg a = {conv_urn, v, n};

	return store_transaction(st, put_msgs_tx, &a, err);
}

static enum lc_err
edit_tx(struct store *st, void *arg, struct lc_error *err)
{
	const char **v = arg;

	if (store_run(
	        st,
	        "UPDATE messages SET text = ?2, state = CAST(?3 AS INTEGER) "
	        "WHERE urn = ?1",
	        3, v) != SQLITE_OK ||
	    /* the newest message's text is the inbox preview */
	    store_run(
	        st,
	        "UPDATE conversations SET last_text = ?2 WHERE urn = (SELECT "
	        "conv_urn FROM messages WHERE urn = ?1) AND NOT EXISTS "
	        "(SELECT 1 FROM messages a JOIN messages b ON b.conv_urn = "
	        "a.conv_urn AND b.time_ms > a.time_ms WHERE a.urn = ?1)",
	        2, v) != SQLITE_OK)
		return store_fail(st, err, "save a message");
	return LC_OK;
}

enum lc_err
store_edit_message(struct store *st, const char *msg_urn, const char *text,
                   enum model_msg_state state, struct lc_error *err)
{
	char num[16];
	const char *v[3] = {msg_urn, text != NULL ? text : "", num};

	snprintf(num, sizeof(num), "%d", (int)state);
	return store_transaction(st, edit_tx, v, err);
}

enum lc_err
store_set_reactions(struct store *st, const char *msg_urn,
                    const char *reactions, const char *my_reactions,
                    struct lc_error *err)
{
	const char *v[3] = {msg_urn, reactions != NULL ? reactions : "",
	                    my_reactions != NULL ? my_reactions : ""};

	return store_write1(
	    st,
	    "UPDATE messages SET reactions = ?2, my_reactions = ?3 "
	    "WHERE urn = ?1",
	    3, v, "save a reaction", err);
}
