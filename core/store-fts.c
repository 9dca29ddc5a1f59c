/* store-fts.c — local full-text search of the stored messages.
 *
 * The index is an FTS5 table with external content (STORE_FTS_SCHEMA in
 * store-int.h): it stores no copy of the texts, only the terms, and with
 * detail=none not even their positions, which keeps it at about a sixth
 * of the text it indexes (docs/architecture.md).  Triggers on messages
 * keep it in step inside the transaction that writes a message: a new
 * message is queued and store_fts_flush() indexes the transaction's queue
 * in one statement before COMMIT; a recalled text (state 4) is not in
 * the source view, so it leaves the index.
 *
 * detail=none has no phrase queries, so the user's words are cut into
 * tokens by the index's own tokenizer and each becomes one quoted prefix
 * term ("invoic"*): any input is a valid query.  Snippets come from
 * snippet() with bytes 1 and 2 around the matches (the index sees those
 * bytes as spaces, so they only ever mark matches); the pieces between
 * markers are sanitised one by one, so the marks are offsets into the
 * sanitised snippet.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/store.h"
#include "core/store-int.h"
#include "core/utf8.h"
#include "core/xmalloc.h"

/* At most this many terms from the user's words; the rest is ignored. */
#define FTS_MAX_TERMS 32
/* Largest page returned at once. */
#define FTS_MAX_LIMIT 1000
/* Tokens of context in a snippet. */
#define FTS_SNIPPET_TOKENS "16"

static const char *const fts_objects[] = {
    "messages_fts",     "messages_fts_src",    "messages_fts_ai",
    "messages_fts_ad",  "messages_fts_au",     "messages_fts_data",
    "messages_fts_idx", "messages_fts_config", "messages_fts_new",
};

#define NOBJECTS (sizeof(fts_objects) / sizeof(fts_objects[0]))

/* 1 when every object of the index exists and its structure record reads
 * back; 0 when something is missing or damaged. */
static int
fts_sound(struct store *st)
{
	sqlite3_stmt *s = NULL;
	size_t i, found = 0;
	int rc;

	rc = sqlite3_prepare_v2(st->db,
	                        "SELECT count(*) FROM sqlite_master WHERE "
	                        "name = ?1",
	                        -1, &s, NULL);
	for (i = 0; rc == SQLITE_OK && i < NOBJECTS; i++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, fts_objects[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW &&
		    sqlite3_column_int(s, 0) == 1)
			found++;
	}
	sqlite3_finalize(s);
	if (found != NOBJECTS)
		return 0;
	/* id 10 is FTS5's structure record: without it no query works */
	s = NULL;
	rc = sqlite3_prepare_v2(st->db,
	                        "SELECT (SELECT count(*) FROM "
	                        "messages_fts_data WHERE id = 10), (SELECT "
	                        "count(*) FROM (SELECT rowid FROM "
	                        "messages_fts WHERE messages_fts MATCH "
	                        "'\"e\"*' LIMIT 1))",
	                        -1, &s, NULL);
	if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		found = (size_t)sqlite3_column_int(s, 0);
	else
		found = 0;
	sqlite3_finalize(s);
	return found == 1;
}

/* Drops what is left of the index and builds it again from the messages,
 * in one transaction. */
static enum lc_err
fts_rebuild(struct store *st, struct lc_error *err, int *failed_rc)
{
	static const char *const drop[] = {
	    "DROP TRIGGER IF EXISTS messages_fts_ai",
	    "DROP TRIGGER IF EXISTS messages_fts_ad",
	    "DROP TRIGGER IF EXISTS messages_fts_au",
	    "DROP VIEW IF EXISTS messages_fts_src",
	};
	static const char *const shadow[] = {
	    "DROP TABLE IF EXISTS messages_fts_new",
	    "DROP TABLE IF EXISTS messages_fts_data",
	    "DROP TABLE IF EXISTS messages_fts_idx",
	    "DROP TABLE IF EXISTS messages_fts_config",
	    "DROP TABLE IF EXISTS messages_fts_docsize",
	    "DROP TABLE IF EXISTS messages_fts_content",
	};
	size_t i;
	int rc = SQLITE_OK;
	char *why = NULL;

	if (store_exec(st, "BEGIN IMMEDIATE") != SQLITE_OK)
		return store_fail(st, err, "rebuild the search index");
	for (i = 0; rc == SQLITE_OK && i < sizeof(drop) / sizeof(drop[0]); i++)
		rc = store_exec(st, drop[i]);
	/* a damaged virtual table refuses DROP (its constructor fails):
	 * then its schema row goes by hand and the shadow tables below
	 * are plain tables */
	if (rc == SQLITE_OK &&
	    store_exec(st, "DROP TABLE IF EXISTS messages_fts") != SQLITE_OK) {
		rc = store_exec(st, "PRAGMA writable_schema = 1");
		if (rc == SQLITE_OK)
			rc = store_exec(st, "DELETE FROM sqlite_master WHERE "
			                    "name = 'messages_fts'");
		store_exec(st, "PRAGMA writable_schema = RESET");
	}
	for (i = 0; rc == SQLITE_OK && i < sizeof(shadow) / sizeof(shadow[0]);
	     i++)
		rc = store_exec(st, shadow[i]);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, STORE_FTS_SCHEMA, NULL, NULL, &why);
	if (rc == SQLITE_OK)
		rc = store_exec(st, "COMMIT");
	if (rc != SQLITE_OK) {
		*failed_rc = rc;
		log_msg(LOGL_ERROR, "store: rebuilding the search index: %s",
		        why != NULL ? why : sqlite3_errmsg(st->db));
		sqlite3_free(why);
		store_fail(st, err, "rebuild the search index");
		store_exec(st, "ROLLBACK");
		return LC_EIO;
	}
	return LC_OK;
}

/* Rebuilds the index and adds a sentence about it to the notice. */
static enum lc_err
fts_repair(struct store *st, struct lc_error *err, int *failed_rc)
{
	static const char say[] =
	    "The search index of the local cache was damaged and has been "
	    "rebuilt from the stored messages; no message was lost.";
	enum lc_err e;
	char *n;

	log_msg(LOGL_WARN,
	        "store: search index of %s missing or damaged; "
	        "rebuilding it",
	        st->path);
	e = fts_rebuild(st, err, failed_rc);
	if (e != LC_OK)
		return e;
	n = st->notice != NULL ? xasprintf("%s %s", st->notice, say)
	                       : xstrdup(say);
	free(st->notice);
	st->notice = n;
	return LC_OK;
}

int
store_fts_flush(struct store *st)
{
	return store_exec(st, "INSERT INTO messages_fts(rowid, text) SELECT "
	                      "m.id, m.text FROM messages_fts_new q JOIN "
	                      "messages m ON m.id = q.id WHERE m.state != 4; "
	                      "DELETE FROM messages_fts_new;");
}

/* Indexes what is still queued (every transaction flushes its own, so
 * only rows another program wrote); on failure the search finds what is
 * indexed. */
static void
fts_flush_pending(struct store *st)
{
	sqlite3_stmt *s = NULL;
	int pending = 0;

	if (sqlite3_prepare_v2(st->db,
	                       "SELECT EXISTS (SELECT 1 FROM messages_fts_new)",
	                       -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		pending = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (!pending || store_exec(st, "BEGIN IMMEDIATE") != SQLITE_OK)
		return;
	if (store_fts_flush(st) != SQLITE_OK ||
	    store_exec(st, "COMMIT") != SQLITE_OK) {
		log_msg(LOGL_WARN, "store: indexing queued messages: %s",
		        sqlite3_errmsg(st->db));
		store_exec(st, "ROLLBACK");
	}
}

enum lc_err
store_fts_check(struct store *st, struct lc_error *err)
{
	int rc = SQLITE_OK;

	store_lock(st);
	/* Never fatal: the file may be damaged beyond the index (then
	 * store_load() finds it and moves the file aside), and a store
	 * without search is still a store; a search tries again. */
	if (!fts_sound(st) && fts_repair(st, err, &rc) != LC_OK)
		lc_error_clear(err);
	else
		fts_flush_pending(st);
	store_unlock(st);
	return LC_OK;
}

struct fts_query {
	struct buf q;
	int nterms;
};

static int
fts_term(void *ctx, int flags, const char *tok, int n, int start, int end)
{
	struct fts_query *fq = ctx;
	int i;

	(void)start;
	(void)end;
	if ((flags & FTS5_TOKEN_COLOCATED) || n <= 0)
		return SQLITE_OK;
	if (fq->nterms == FTS_MAX_TERMS)
		return SQLITE_DONE;
	if (fq->nterms++ > 0)
		buf_addc(&fq->q, ' ');
	buf_addc(&fq->q, '"');
	for (i = 0; i < n; i++) {
		if (tok[i] == '"')
			buf_addc(&fq->q, '"');
		buf_addc(&fq->q, tok[i]);
	}
	buf_addstr(&fq->q, "\"*");
	return SQLITE_OK;
}

/* The FTS5 query for the user's words: one quoted prefix term per token
 * the index's tokenizer finds in them (caller frees), or NULL when there
 * are none. */
static char *
fts_query(sqlite3 *db, const char *words)
{
	static const char *const args[] = {"remove_diacritics", "2"};
	struct fts_query fq = {BUF_INIT, 0};
	fts5_api *api = NULL;
	fts5_tokenizer tk;
	Fts5Tokenizer *t = NULL;
	sqlite3_stmt *s;
	void *ud = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) !=
	    SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(s);
	sqlite3_finalize(s);
	if (api == NULL ||
	    api->xFindTokenizer(api, "unicode61", &ud, &tk) != SQLITE_OK ||
	    tk.xCreate(ud, (const char **)args, 2, &t) != SQLITE_OK)
		return NULL;
	buf_init(&fq.q, 0);
	tk.xTokenize(t, &fq, FTS5_TOKENIZE_QUERY, words, (int)strlen(words),
	             fts_term);
	tk.xDelete(t);
	if (fq.nterms == 0) {
		buf_release(&fq.q);
		return NULL;
	}
	return buf_detach(&fq.q);
}

/* Sanitises snippet raw (matches between bytes 1 and 2) into h. */
static void
fts_snippet(struct store_hit *h, const char *raw)
{
	struct buf out = BUF_INIT;
	size_t cap = 0, start;
	const char *p = raw, *q;
	char *clean;
	int in = 0;

	buf_init(&out, 0);
	while (*p != '\0') {
		q = p + strcspn(p, "\001\002");
		clean = utf8_sanitize(p, (size_t)(q - p), 0);
		start = out.len;
		buf_addstr(&out, clean);
		free(clean);
		if (in && out.len > start) {
			if (h->nmarks + 2 > cap) {
				cap = cap ? cap * 2 : 8;
				h->marks = xreallocarray(h->marks, cap,
				                         sizeof(size_t));
			}
			h->marks[h->nmarks++] = start;
			h->marks[h->nmarks++] = out.len;
		}
		if (*q == '\0')
			break;
		in = *q == '\001';
		p = q + 1;
	}
	h->snippet = buf_detach(&out);
}

/* The sender's display name as the inbox shows it: the conversation's
 * participant entry, else the stored profile. */
#define FTS_SENDER_NAME                                                        \
	"coalesce(nullif((SELECT p.name FROM participants p WHERE "            \
	"p.conv_urn = m.conv_urn AND p.urn = m.sender LIMIT 1), ''), "         \
	"nullif(trim(coalesce((SELECT f.first_name FROM profiles f WHERE "     \
	"f.urn = m.sender), '') || ' ' || coalesce((SELECT f.last_name FROM "  \
	"profiles f WHERE f.urn = m.sender), '')), ''), '')"

/* Fills h from message id (the query matched it). */
static int
fts_hit(sqlite3_stmt *s, const char *q, sqlite3_int64 id, struct store_hit *h)
{
	int rc;

	(void)q;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 2, id);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		/* cannot happen under the lock; never leave NULLs anyway */
		h->conv_urn = xstrdup("");
		h->msg_urn = xstrdup("");
		h->sender_urn = xstrdup("");
		h->sender_name = xstrdup("");
		return rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	h->conv_urn = xstrdup(store_col(s, 0));
	h->msg_urn = xstrdup(store_col(s, 1));
	h->sender_urn = xstrdup(store_col(s, 2));
	h->time_ms = sqlite3_column_int64(s, 3);
	h->sender_name =
	    utf8_sanitize(store_col(s, 5), strlen(store_col(s, 5)), 0);
	return SQLITE_OK;
}

/* The snippets of the page's hits in one statement, so FTS5 builds
 * the (prefix) terms' doclists once, not once per hit. */
static int
fts_snippets(struct store *st, const char *q, const sqlite3_int64 *v, size_t nv,
             struct store_hit *h)
{
	struct buf ids = BUF_INIT;
	sqlite3_int64 lo = v[0], hi = v[0], id;
	sqlite3_stmt *s = NULL;
	size_t i;
	int rc;

	buf_init(&ids, 0);
	for (i = 0; i < nv; i++) {
		buf_addf(&ids, "%s%lld", i ? "," : "[", (long long)v[i]);
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	buf_addc(&ids, ']');
	rc = sqlite3_prepare_v2(
	    st->db,
	    "SELECT rowid, snippet(messages_fts, 0, char(1), char(2), '…', "
	    "" FTS_SNIPPET_TOKENS ") FROM messages_fts WHERE messages_fts "
	    "MATCH ?1 AND rowid BETWEEN ?2 AND ?3 AND +rowid IN (SELECT "
	    "value FROM json_each(?4))",
	    -1, &s, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, lo);
		sqlite3_bind_int64(s, 3, hi);
		sqlite3_bind_text(s, 4, ids.data, -1, SQLITE_STATIC);
	}
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		for (i = 0; i < nv; i++)
			if (v[i] == id && h[i].snippet == NULL)
				fts_snippet(&h[i], store_col(s, 1));
		rc = SQLITE_OK;
	}
	for (i = 0; i < nv; i++)
		if (h[i].snippet == NULL)
			h[i].snippet = xstrdup("");
	sqlite3_finalize(s);
	buf_release(&ids);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The page of matching ids, newest first, then each hit.  An SQLite
 * result code. */
static int
fts_search(struct store *st, const char *q, size_t offset, size_t limit,
           struct store_hit **out, long *n)
{
	sqlite3_stmt *ids = NULL, *one = NULL;
	sqlite3_int64 *v = NULL;
	size_t nv = 0, i;
	int rc;

	rc = sqlite3_prepare_v2(
	    st->db,
	    /* the matches first, then their rows: a join with the FTS
	     * table on the outside is 100x slower in SQLite 3.40 */
	    "SELECT m.id FROM messages m WHERE m.id IN (SELECT rowid FROM "
	    "messages_fts WHERE messages_fts MATCH ?1) ORDER BY m.time_ms "
	    "DESC, m.id DESC LIMIT ?2 OFFSET ?3",
	    -1, &ids, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		    st->db,
		    "SELECT m.conv_urn, m.urn, m.sender, m.time_ms, '', "
		    "" FTS_SENDER_NAME " FROM messages m WHERE m.id = ?2",
		    -1, &one, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(ids, 1, q, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ids, 2, (sqlite3_int64)limit);
		sqlite3_bind_int64(ids, 3, (sqlite3_int64)offset);
		v = xcalloc(limit, sizeof(*v));
		while (nv < limit && (rc = sqlite3_step(ids)) == SQLITE_ROW)
			v[nv++] = sqlite3_column_int64(ids, 0);
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	if (rc == SQLITE_OK && nv > 0)
		*out = xcalloc(nv, sizeof(**out));
	for (i = 0; rc == SQLITE_OK && i < nv; i++)
		rc = fts_hit(one, q, v[i], &(*out)[i]);
	if (rc == SQLITE_OK && nv > 0)
		rc = fts_snippets(st, q, v, nv, *out);
	*n = (long)nv;
	free(v);
	sqlite3_finalize(ids);
	sqlite3_finalize(one);
	return rc;
}

long
store_search_messages(struct store *st, const char *words, size_t offset,
                      size_t limit, struct store_hit **out,
                      struct lc_error *err)
{
	long n = 0;
	char *q;
	int rc, tries;
	enum lc_err e = LC_OK;

	*out = NULL;
	if (limit > FTS_MAX_LIMIT)
		limit = FTS_MAX_LIMIT;
	if (offset > INT64_MAX)
		offset = INT64_MAX;
	store_lock(st);
	q = fts_query(st->db, words != NULL ? words : "");
	if (q == NULL || limit == 0)
		goto out;
	fts_flush_pending(st);
	for (tries = 0; tries < 2; tries++) {
		rc = fts_search(st, q, offset, limit, out, &n);
		if (rc == SQLITE_OK)
			goto out;
		store_hits_free(*out, (size_t)n);
		*out = NULL;
		n = 0;
		/* a damaged index: rebuild it once, say so, and ask again */
		if ((rc & 0xff) != SQLITE_CORRUPT || tries > 0 ||
		    (e = fts_repair(st, err, &rc)) != LC_OK)
			break;
	}
	if (e == LC_OK)
		store_fail(st, err, "search the messages");
	n = -1;
out:
	store_unlock(st);
	free(q);
	return n;
}

void
store_hits_free(struct store_hit *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].conv_urn);
		free(v[i].msg_urn);
		free(v[i].sender_urn);
		free(v[i].sender_name);
		free(v[i].snippet);
		free(v[i].marks);
	}
	free(v);
}
