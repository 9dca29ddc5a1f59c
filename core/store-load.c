/* store-load.c — filling the model from the database: at start, in one
 * read transaction and before any network request, what the inbox shows
 * (conversations with their participants and last message, drafts,
 * profiles, the outbox's sends); a thread's messages only when it is
 * opened (store_load_thread()), so a large cache still starts at once.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/store-int.h"
#include "core/xmalloc.h"

static int
load_conversations(struct store *st, struct model *m)
{
	sqlite3_stmt *c = NULL, *p = NULL;
	struct model_participant *parts = NULL;
	size_t nparts, cap = 0, i;
	int rc;

	rc = sqlite3_prepare_v2(
	    st->db,
	    "SELECT urn, title, unread, read, "
	    "categories, last_ms, last_text, last_sender, category_names "
	    "FROM conversations",
	    -1, &c, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		    st->db,
		    "SELECT urn, name FROM "
		    "participants WHERE conv_urn = ?1 ORDER BY pos",
		    -1, &p, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(c)) == SQLITE_ROW) {
		struct model_conv v;

		sqlite3_reset(p);
		store_bind_text(p, 1, store_col(c, 0));
		nparts = 0;
		while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
			if (nparts == cap) {
				cap = cap ? cap * 2 : 8;
				parts =
				    xreallocarray(parts, cap, sizeof(*parts));
			}
			parts[nparts].urn = xstrdup(store_col(p, 0));
			parts[nparts].name = xstrdup(store_col(p, 1));
			nparts++;
		}
		memset(&v, 0, sizeof(v));
		v.urn = store_col(c, 0);
		v.title = store_col(c, 1);
		v.unread = sqlite3_column_int(c, 2);
		v.read = sqlite3_column_int(c, 3);
		v.categories = (unsigned)sqlite3_column_int64(c, 4);
		v.last_ms = sqlite3_column_int64(c, 5);
		v.last_text = sqlite3_column_type(c, 6) == SQLITE_NULL
		                  ? NULL
		                  : store_col(c, 6);
		v.last_sender_urn = store_col(c, 7);
		v.category_names = store_col(c, 8);
		v.participants = parts;
		v.nparticipants = nparts;
		if (rc == SQLITE_DONE) {
			model_put_conversation(m, &v);
			rc = SQLITE_OK;
		}
		for (i = 0; i < nparts; i++) {
			free((void *)parts[i].urn);
			free((void *)parts[i].name);
		}
	}
	free(parts);
	sqlite3_finalize(c);
	sqlite3_finalize(p);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Row s (columns: conv_urn, urn, origin, sender, text, attach_name,
 * attach_url, reactions, time_ms, state, my_reactions) as a message
 * borrowing from s. */
static void
row_msg(sqlite3_stmt *s, struct model_msg *v)
{
	memset(v, 0, sizeof(*v));
	v->urn = store_col(s, 1);
	v->origin_token = store_col(s, 2);
	v->sender_urn = store_col(s, 3);
	v->text = store_col(s, 4);
	v->attach_name = store_col(s, 5);
	v->attach_url = store_col(s, 6);
	v->reactions = store_col(s, 7);
	v->time_ms = sqlite3_column_int64(s, 8);
	v->state = (enum model_msg_state)sqlite3_column_int(s, 9);
	v->my_reactions = store_col(s, 10);
}

#define MSG_COLS                                                               \
	"m.conv_urn, m.urn, m.origin, m.sender, m.text, m.attach_name, "       \
	"m.attach_url, m.reactions, m.time_ms, m.state, m.my_reactions"

/* The sends still in the outbox (pending or failed): the only messages
 * loaded at start, since nothing but the store knows them. */
static int
load_outbox(struct store *st, struct model *m)
{
	sqlite3_stmt *s = NULL;
	int rc;

	rc = sqlite3_prepare_v2(st->db,
	                        /* CROSS: walk the (short) outbox, never
	                         * the whole messages table */
	                        "SELECT " MSG_COLS " FROM outbox o CROSS JOIN "
	                        "messages m ON m.origin = o.origin "
	                        "ORDER BY m.conv_urn, m.time_ms",
	                        -1, &s, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct model_msg v;

		row_msg(s, &v);
		model_merge_messages(m, store_col(s, 0), &v, 1);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void
msgs_free(struct model_msg *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((void *)v[i].urn);
		free((void *)v[i].origin_token);
		free((void *)v[i].sender_urn);
		free((void *)v[i].text);
		free((void *)v[i].attach_name);
		free((void *)v[i].attach_url);
		free((void *)v[i].reactions);
		free((void *)v[i].my_reactions);
	}
	free(v);
}

enum lc_err
store_load_thread(struct store *st, struct model *m, const char *conv_urn,
                  int64_t before_ms, size_t limit, size_t *added,
                  struct lc_error *err)
{
	struct model_msg *v = NULL, row;
	sqlite3_stmt *s = NULL;
	size_t n = 0, cap = 0, got = 0, i;
	enum lc_err e = LC_OK;
	int rc;

	if (limit == 0 || limit > INT32_MAX)
		limit = INT32_MAX;
	store_lock(st);
	rc = sqlite3_prepare_v2(st->db,
	                        "SELECT " MSG_COLS " FROM messages m WHERE "
	                        "m.conv_urn = ?1 AND m.time_ms <= ?2 ORDER BY "
	                        "m.time_ms DESC, m.id DESC LIMIT ?3",
	                        -1, &s, NULL);
	if (rc == SQLITE_OK) {
		store_bind_text(s, 1, conv_urn);
		sqlite3_bind_int64(s, 2, before_ms);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)limit);
	}
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		row_msg(s, &row);
		v[n].urn = xstrdup(row.urn);
		v[n].origin_token = xstrdup(row.origin_token);
		v[n].sender_urn = xstrdup(row.sender_urn);
		v[n].text = xstrdup(row.text);
		v[n].attach_name = xstrdup(row.attach_name);
		v[n].attach_url = xstrdup(row.attach_url);
		v[n].reactions = xstrdup(row.reactions);
		v[n].my_reactions = xstrdup(row.my_reactions);
		v[n].time_ms = row.time_ms;
		v[n].state = row.state;
		n++;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		e = store_fail(st, err, "read a conversation");
		goto out;
	}
	/* oldest first, so equal times keep the order they were saved in */
	for (i = 0; i < n / 2; i++) {
		row = v[i];
		v[i] = v[n - 1 - i];
		v[n - 1 - i] = row;
	}
	/* Still under the store's lock: a write that lands in the store now
	 * waits, so its model change cannot be undone by this older copy. */
	got = model_add_stored(m, conv_urn, v, n);
out:
	store_unlock(st);
	msgs_free(v, n);
	if (added != NULL)
		*added = got;
	return e;
}

/* Runs sql and calls fn(m, row) for each row. */
static int
each_row(struct store *st, const char *sql, struct model *m,
         void (*fn)(struct model *, sqlite3_stmt *))
{
	sqlite3_stmt *s = NULL;
	int rc;

	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		fn(m, s);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void
load_profile(struct model *m, sqlite3_stmt *s)
{
	struct model_profile p = {
	    store_col(s, 0), store_col(s, 1),          store_col(s, 2),
	    store_col(s, 3), store_col(s, 4),          store_col(s, 5),
	    store_col(s, 6), store_col(s, 7),          store_col(s, 8),
	    store_col(s, 9), sqlite3_column_int(s, 10)};

	model_put_profile(m, &p);
}

static void
load_draft(struct model *m, sqlite3_stmt *s)
{
	model_set_draft(m, store_col(s, 0), store_col(s, 1));
}

static void
load_me(struct model *m, sqlite3_stmt *s)
{
	model_set_me(m, store_col(s, 0));
}

/* meta folder_counts: the unread count of each folder, in folder.h's
 * order, as the last sync saw them. */
static void
load_folder_counts(struct model *m, sqlite3_stmt *s)
{
	const char *p = store_col(s, 0);
	long unread[FOLDER_COUNT];
	char *end;
	int f;

	for (f = 0; f < FOLDER_COUNT; f++) {
		unread[f] = strtol(p, &end, 10);
		if (end == p)
			return; /* not ours: keep "unknown" */
		p = end;
	}
	model_set_folder_counts(m, unread);
}

/* meta folders_complete: the names of the folders read to their end
 * ("focused archive"); the sync token keeps them current since. */
static void
load_folders_complete(struct model *m, sqlite3_stmt *s)
{
	const char *p = store_col(s, 0);
	char name[32];
	size_t n;
	int f;

	while (*p != '\0') {
		n = strcspn(p, " ");
		if (n > 0 && n < sizeof name) {
			memcpy(name, p, n);
			name[n] = '\0';
			if ((f = folder_by_name(name)) >= 0 && f < FOLDER_VIEWS)
				model_set_folder_status(m, (enum folder)f, 1, 0,
				                        NULL);
		}
		p += n;
		p += strspn(p, " ");
	}
}

static void
forget_all(struct model *m)
{
	struct model_inbox in;
	size_t i;

	model_inbox_snapshot(m, 0, &in);
	for (i = 0; i < in.n; i++)
		model_remove_conversation(m, in.rows[i].urn);
	model_inbox_release(&in);
}

enum lc_err
store_load(struct store *st, struct model *m, struct lc_error *err)
{
	enum lc_err e = LC_OK;
	int rc;

	store_lock(st);
	/* one read transaction: a consistent view, and faster */
	rc = store_exec(st, "BEGIN");
	if (rc == SQLITE_OK)
		rc = each_row(st, "SELECT value FROM meta WHERE key = 'me'", m,
		              load_me);
	if (rc == SQLITE_OK)
		rc = each_row(
		    st,
		    "SELECT urn, public_id, first_name, "
		    "last_name, headline, location, industry, summary, "
		    "picture_url, distance, premium FROM profiles",
		    m, load_profile);
	if (rc == SQLITE_OK)
		rc = load_conversations(st, m);
	if (rc == SQLITE_OK) /* thread messages wait for store_load_thread */
		rc = load_outbox(st, m);
	if (rc == SQLITE_OK) /* drafts need their conversations */
		rc = each_row(st, "SELECT conv_urn, text FROM drafts", m,
		              load_draft);
	if (rc == SQLITE_OK)
		rc = each_row(st,
		              "SELECT value FROM meta WHERE key = "
		              "'folder_counts'",
		              m, load_folder_counts);
	if (rc == SQLITE_OK)
		rc = each_row(st,
		              "SELECT value FROM meta WHERE key = "
		              "'folders_complete'",
		              m, load_folders_complete);
	if (rc != SQLITE_OK && rc != SQLITE_CORRUPT && rc != SQLITE_NOTADB)
		e = store_fail(st, err, "read");
	store_exec(st, "COMMIT");
	if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) {
		/* Damage past the header: forget the half-read cache (its
		 * outbox is lost with it) and start a fresh file. */
		forget_all(m);
		e = store_recover(st, err);
	}
	store_unlock(st);
	return e;
}
