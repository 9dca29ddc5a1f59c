/* store-conv.c — the conversation rows of the store: saving a sync's
 * conversations with their participants, removing one, the read flag.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/store-int.h"
#include "core/xmalloc.h"

struct convs_arg {
	const struct model_conv *v;
	size_t n;
};

static enum lc_err
put_convs_tx(struct store *st, void *arg, struct lc_error *err)
{
	struct convs_arg *a = arg;
	sqlite3_stmt *c = NULL, *d = NULL, *p = NULL;
	enum lc_err e = LC_OK;
	size_t i, j;

	if (sqlite3_prepare_v2(
	        st->db,
	        "INSERT INTO conversations(urn, "
	        "title, unread, read, categories, last_ms, last_text, "
	        "last_sender, category_names) VALUES (?1, coalesce(?2, ''), "
	        "?3, ?4, ?5, ?6, ?7, ?8, coalesce(?9, '')) ON CONFLICT(urn) "
	        "DO UPDATE SET title = excluded.title, "
	        "unread = excluded.unread, read = excluded.read, categories = "
	        "excluded.categories, category_names = "
	        "excluded.category_names, last_ms = max(last_ms, "
	        "excluded.last_ms), "
	        "last_text = CASE WHEN excluded.last_ms >= last_ms THEN "
	        "excluded.last_text ELSE last_text END, last_sender = CASE "
	        "WHEN "
	        "excluded.last_ms >= last_ms THEN excluded.last_sender ELSE "
	        "last_sender END",
	        -1, &c, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db,
	                       "DELETE FROM participants WHERE "
	                       "conv_urn = ?1",
	                       -1, &d, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(
	        st->db,
	        "INSERT INTO participants(conv_urn, "
	        "pos, urn, name) VALUES (?1, ?2, coalesce(?3, ''), "
	        "coalesce(?4, ''))",
	        -1, &p, NULL) != SQLITE_OK)
		goto fail;
	for (i = 0; i < a->n; i++) {
		const struct model_conv *v = &a->v[i];

		if (v->urn == NULL || v->urn[0] == '\0')
			continue;
		sqlite3_reset(c);
		store_bind_text(c, 1, v->urn);
		store_bind_text(c, 2, v->title);
		sqlite3_bind_int(c, 3, v->unread);
		sqlite3_bind_int(c, 4, v->read);
		sqlite3_bind_int64(c, 5, v->categories);
		sqlite3_bind_int64(c, 6, v->last_ms);
		store_bind_text(c, 7, v->last_text);
		store_bind_text(c, 8, v->last_sender_urn);
		store_bind_text(c, 9, v->category_names);
		if (sqlite3_step(c) != SQLITE_DONE)
			goto fail;
		sqlite3_reset(d);
		store_bind_text(d, 1, v->urn);
		if (sqlite3_step(d) != SQLITE_DONE)
			goto fail;
		for (j = 0; j < v->nparticipants; j++) {
			sqlite3_reset(p);
			store_bind_text(p, 1, v->urn);
			sqlite3_bind_int64(p, 2, (sqlite3_int64)j);
			store_bind_text(p, 3, v->participants[j].urn);
			store_bind_text(p, 4, v->participants[j].name);
			if (sqlite3_step(p) != SQLITE_DONE)
				goto fail;
		}
	}
	goto out;
fail:
	e = store_fail(st, err, "save conversations");
out:
	sqlite3_finalize(c);
	sqlite3_finalize(d);
	sqlite3_finalize(p);
	return e;
}

enum lc_err
store_put_conversations(struct store *st, const struct model_conv *v, size_t n,
                        struct lc_error *err)
{
	struct convs_arg a = {v, n};

	return store_transaction(st, put_convs_tx, &a, err);
}

static enum lc_err
remove_conv_tx(struct store *st, void *arg, struct lc_error *err)
{
	const char *v[1] = {arg};

	if (store_run(st, "DELETE FROM conversations WHERE urn = ?1", 1, v) !=
	        SQLITE_OK ||
	    store_run(st,
	              "DELETE FROM participants WHERE "
	              "conv_urn = ?1",
	              1, v) != SQLITE_OK ||
	    store_run(st,
	              "DELETE FROM "
	              "messages WHERE conv_urn = ?1 AND urn IS NOT NULL",
	              1, v) != SQLITE_OK ||
	    store_run(st, "DELETE FROM drafts WHERE conv_urn = ?1", 1, v) !=
	        SQLITE_OK)
		return store_fail(st, err, "remove a conversation");
	return LC_OK;
}

enum lc_err
store_remove_conversation(struct store *st, const char *conv_urn,
                          struct lc_error *err)
{
	return store_transaction(st, remove_conv_tx, (void *)conv_urn, err);
}

enum lc_err
store_set_read(struct store *st, const char *conv_urn, int read,
               struct lc_error *err)
{
	const char *v[1] = {conv_urn};

	return store_write1(st,
	                    read ? "UPDATE conversations SET read = 1, unread "
	                           "= 0 WHERE urn = ?1"
	                         : "UPDATE conversations SET read = 0, "
	                           "unread = max(unread, 1) WHERE urn = ?1",
	                    1, v, "save the read flag", err);
}
