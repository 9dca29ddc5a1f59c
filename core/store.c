/* store.c — SQLite persistence for the model.
 *
 * One connection, guarded by a recursive mutex (the outbox runs its own
 * statements inside store_transaction()).  Schema changes are a list of
 * migrations: entry i takes user_version i to i + 1, each in its own
 * transaction, so a file from any older linchat (or an empty file) ends up
 * at STORE_SCHEMA_VERSION.
 *
 * A damaged file is detected when it is opened (SQLITE_NOTADB or
 * SQLITE_CORRUPT while reading the schema), renamed aside with its WAL and
 * replaced by a fresh database: the cache is only a cache, and the
 * service has the messages.  The outbox lives in the same file, so the
 * notice tells the user that unsent messages in it may be lost.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/store.h"
#include "core/store-int.h"
#include "core/xdg.h"
#include "core/xmalloc.h"

static const char *const migrations[] = {
    /* 0 -> 1: the cache, drafts and outbox */
    "CREATE TABLE conversations("
    "  urn TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '',"
    "  unread INTEGER NOT NULL DEFAULT 0, read INTEGER NOT NULL DEFAULT 1,"
    "  categories INTEGER NOT NULL DEFAULT 0,"
    "  last_ms INTEGER NOT NULL DEFAULT 0, last_text TEXT,"
    "  last_sender TEXT);"
    "CREATE TABLE participants("
    "  conv_urn TEXT NOT NULL, pos INTEGER NOT NULL, urn TEXT NOT NULL,"
    "  name TEXT NOT NULL, PRIMARY KEY (conv_urn, pos));"
    "CREATE TABLE messages("
    "  id INTEGER PRIMARY KEY, conv_urn TEXT NOT NULL, urn TEXT UNIQUE,"
    "  origin TEXT UNIQUE, sender TEXT NOT NULL DEFAULT '',"
    "  text TEXT NOT NULL DEFAULT '',"
    "  attach_name TEXT NOT NULL DEFAULT '',"
    "  attach_url TEXT NOT NULL DEFAULT '',"
    "  reactions TEXT NOT NULL DEFAULT '',"
    "  time_ms INTEGER NOT NULL, state INTEGER NOT NULL);"
    "CREATE INDEX messages_by_conv ON messages(conv_urn, time_ms);"
    "CREATE TABLE profiles("
    "  urn TEXT PRIMARY KEY, public_id TEXT, first_name TEXT,"
    "  last_name TEXT, headline TEXT, location TEXT, industry TEXT,"
    "  summary TEXT, picture_url TEXT, distance TEXT, premium INTEGER);"
    "CREATE TABLE sync_tokens(key TEXT PRIMARY KEY, token TEXT NOT NULL);"
    "CREATE TABLE drafts(conv_urn TEXT PRIMARY KEY, text TEXT NOT NULL,"
    "  updated_ms INTEGER NOT NULL);"
    "CREATE TABLE outbox("
    "  origin TEXT PRIMARY KEY, conv_urn TEXT NOT NULL,"
    "  text TEXT NOT NULL, created_ms INTEGER NOT NULL,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  failed INTEGER NOT NULL DEFAULT 0, last_error TEXT);",
    /* 1 -> 2: settings, and resend in the order the user wrote */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE INDEX outbox_by_time ON outbox(created_ms);",
    /* 2 -> 3: store_load() reads no messages any more; the preview and
     * last activity of each conversation follow its newest saved message
     * (kept so by store_put_messages() from now on). */
    "INSERT OR IGNORE INTO conversations(urn) "
    "  SELECT DISTINCT conv_urn FROM messages;"
    "UPDATE conversations SET (last_ms, last_text, last_sender) = "
    "  (SELECT m.time_ms, CASE m.state WHEN 4 THEN '' ELSE m.text END,"
    "   m.sender FROM messages m WHERE m.conv_urn = conversations.urn"
    "   ORDER BY m.time_ms DESC, m.id DESC LIMIT 1)"
    "  WHERE EXISTS (SELECT 1 FROM messages m WHERE m.conv_urn ="
    "   conversations.urn AND m.time_ms >= conversations.last_ms);",
    /* 3 -> 4: which reactions are the user's own (viewerReacted), so the
     * thread can show them and the React menu can take them back */
    "ALTER TABLE messages ADD COLUMN my_reactions TEXT NOT NULL "
    "DEFAULT '';",
    /* 4 -> 5: triage (issue 13): the queue of folder moves, read flags
     * and deletes waiting for the service (core/triage-queue.h), and
     * the conversations muted here (IF NOT EXISTS: a file set back to
     * an older version keeps them) */
    "CREATE TABLE IF NOT EXISTS triage_queue("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT, op INTEGER NOT NULL,"
    "  created_ms INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS triage_convs("
    "  id INTEGER NOT NULL, pos INTEGER NOT NULL, conv_urn TEXT NOT NULL,"
    "  prev_cats INTEGER NOT NULL, prev_read INTEGER NOT NULL,"
    "  PRIMARY KEY (id, pos));"
    "CREATE TABLE IF NOT EXISTS muted(conv_urn TEXT PRIMARY KEY);",
    /* 5 -> 6: the service's category names of each conversation as it
     * sent them, unknown ones too (issue 13: kept, shown under Other) */
    "ALTER TABLE conversations ADD COLUMN category_names TEXT NOT NULL "
    "DEFAULT '';",
    /* 6 -> 7: the full-text index of every stored message, built from
     * the rows already there (store-fts.c) */
    STORE_FTS_SCHEMA,
};

void
store_lock(struct store *st)
{
	pthread_mutex_lock(&st->mu);
}

void
store_unlock(struct store *st)
{
	pthread_mutex_unlock(&st->mu);
}

void *
store_db(struct store *st)
{
	return st->db;
}

enum lc_err
store_fail(struct store *st, struct lc_error *err, const char *what)
{
	int rc = sqlite3_errcode(st->db);
	const char *why;

	switch (rc) {
	case SQLITE_FULL:
		why = "the disk is full";
		break;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		why = "the file or its directory is read-only";
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		why = "the file is damaged";
		break;
	default:
		why = sqlite3_errmsg(st->db);
		break;
	}
	return lc_error_set(
	    err, LC_EIO,
	    "Could not %s in the local cache %s: %s. What is on screen is "
	    "kept; free some space or fix the permissions and linchat will "
	    "save it again.",
	    what, st->path, why);
}

int
store_exec(struct store *st, const char *sql)
{
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

static int
user_version(struct store *st, int *v)
{
	sqlite3_stmt *s;
	int rc;

	rc = sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_int(s, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

/* Opens path and reads its schema: SQLITE_OK, or the failing code. */
static int
open_db(struct store *st)
{
	int fd, rc, v;

	/* The cache holds private messages: owner-only, like the session.
	 * SQLite gives the -wal and -shm files the database file's mode. */
	if ((fd = open(st->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) >= 0) {
		(void)fchmod(fd, 0600);
		close(fd);
	}
	rc = sqlite3_open_v2(st->path, &st->db,
	                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                         SQLITE_OPEN_FULLMUTEX,
	                     NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_busy_timeout(st->db, 5000);
	rc = user_version(st, &v);
	if (rc == SQLITE_OK)
		rc = store_exec(st, "SELECT count(*) FROM sqlite_master");
	if (rc == SQLITE_OK)
		rc = store_exec(st, "PRAGMA journal_mode=WAL");
	if (rc == SQLITE_OK)
		rc = store_exec(st, "PRAGMA synchronous=NORMAL");
	/* the search reads ~2 000 scattered rows (their times) per page:
	 * mapped, the cache is the OS's, not 2 000 pages read into our
	 * 2 MB cache again at every search (docs/performance.md) */
	if (rc == SQLITE_OK)
		rc = store_exec(st, "PRAGMA mmap_size=268435456");
	return rc;
}

static void
close_db(struct store *st)
{
	if (st->db != NULL)
		sqlite3_close(st->db);
	st->db = NULL;
}

/* Renames the damaged file (and its WAL) aside. */
static enum lc_err
move_aside(struct store *st, struct lc_error *err)
{
	char *wal, *shm, *to_wal;
	enum lc_err e = LC_OK;

	st->moved_to =
	    xasprintf("%s.corrupt-%lld", st->path, (long long)time(NULL));
	if (rename(st->path, st->moved_to) != 0) {
		e = lc_error_set(err, LC_EIO,
		                 "The local cache %s is damaged "
		                 "and could not be moved aside: %s.",
		                 st->path, strerror(errno));
		return e;
	}
	wal = xasprintf("%s-wal", st->path);
	shm = xasprintf("%s-shm", st->path);
	to_wal = xasprintf("%s-wal", st->moved_to);
	if (rename(wal, to_wal) != 0 && errno != ENOENT)
		unlink(wal);
	unlink(shm);
	free(wal);
	free(shm);
	free(to_wal);
	st->notice = xasprintf(
	    "The local cache was damaged; it was moved to "
	    "%s and a new one was created. Conversations will be fetched "
	    "again; messages that were waiting to be sent may need to be "
	    "written again.",
	    st->moved_to);
	return e;
}

static enum lc_err
migrate(struct store *st, struct lc_error *err)
{
	int v, n = (int)(sizeof(migrations) / sizeof(migrations[0]));
	char *sql;

	if (user_version(st, &v) != SQLITE_OK)
		return store_fail(st, err, "read the schema version");
	if (v > n)
		return lc_error_set(
		    err, LC_EIO,
		    "The local cache %s was "
		    "written by a newer linchat (schema %d, this one knows "
		    "%d); move it aside to start afresh.",
		    st->path, v, n);
	for (; v < n; v++) {
		if (store_exec(st, "BEGIN IMMEDIATE") != SQLITE_OK)
			return store_fail(st, err, "update the schema");
		sql = xasprintf("%s PRAGMA user_version = %d;", migrations[v],
		                v + 1);
		if (store_exec(st, sql) != SQLITE_OK ||
		    store_exec(st, "COMMIT") != SQLITE_OK) {
			free(sql);
			store_fail(st, err, "update the schema");
			store_exec(st, "ROLLBACK");
			return LC_EIO;
		}
		free(sql);
	}
	return LC_OK;
}

static enum lc_err
open_error(struct store *st, int rc, struct lc_error *err)
{
	return lc_error_set(
	    err, LC_EIO,
	    "Could not open the local cache %s: %s. Check that its "
	    "directory exists and is writable.",
	    st->path,
	    st->db != NULL ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
}

enum lc_err
store_recover(struct store *st, struct lc_error *err)
{
	enum lc_err e;
	int rc;

	close_db(st);
	free(st->notice);
	free(st->moved_to);
	st->notice = st->moved_to = NULL;
	e = move_aside(st, err);
	if (e != LC_OK)
		return e;
	rc = open_db(st);
	if (rc != SQLITE_OK)
		return open_error(st, rc, err);
	return migrate(st, err);
}

enum lc_err
store_open(const char *path, struct store **out, struct lc_error *err)
{
	struct store *st = xcalloc(1, sizeof(*st));
	pthread_mutexattr_t a;
	enum lc_err e = LC_OK;
	char *dir, *slash;
	int rc;

	*out = NULL;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&st->mu, &a);
	pthread_mutexattr_destroy(&a);
	st->path = xstrdup(path);
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		e = xdg_mkdir_p(dir, 0700, err);
	}
	free(dir);
	if (e != LC_OK)
		goto out;

	rc = open_db(st);
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) {
		e = store_recover(st, err);
		goto out;
	}
	if (rc != SQLITE_OK) {
		e = open_error(st, rc, err);
		goto out;
	}
	e = migrate(st, err);
	if (e == LC_OK)
		e = store_fts_check(st, err);
out:
	if (e != LC_OK) {
		store_close(st);
		return e;
	}
	*out = st;
	return LC_OK;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	close_db(st);
	pthread_mutex_destroy(&st->mu);
	free(st->path);
	free(st->notice);
	free(st->moved_to);
	free(st);
}

const char *
store_notice(const struct store *st)
{
	return st->notice;
}

const char *
store_moved_to(const struct store *st)
{
	return st->moved_to;
}

int
store_schema_version(struct store *st)
{
	int v = -1;

	store_lock(st);
	user_version(st, &v);
	store_unlock(st);
	return v;
}

void
store_limit_size(struct store *st, int64_t max_bytes)
{
	char *sql;
	int page = 4096;
	sqlite3_stmt *s;

	store_lock(st);
	if (sqlite3_prepare_v2(st->db, "PRAGMA page_size", -1, &s, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			page = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
	}
	sql = xasprintf("PRAGMA max_page_count = %lld",
	                max_bytes > 0 ? (long long)(max_bytes / page)
	                              : 4294967294LL);
	store_exec(st, sql);
	free(sql);
	store_unlock(st);
}

enum lc_err
store_transaction(struct store *st,
                  enum lc_err (*fn)(struct store *, void *, struct lc_error *),
                  void *arg, struct lc_error *err)
{
	enum lc_err e;

	store_lock(st);
	if (store_exec(st, "BEGIN IMMEDIATE") != SQLITE_OK) {
		e = store_fail(st, err, "start a transaction");
		goto out;
	}
	e = fn(st, arg, err);
	/* the transaction's new messages go into the search index at once */
	if (e == LC_OK && store_fts_flush(st) != SQLITE_OK)
		e = store_fail(st, err, "save changes");
	if (e == LC_OK && store_exec(st, "COMMIT") != SQLITE_OK)
		e = store_fail(st, err, "save changes");
	if (e != LC_OK)
		store_exec(st, "ROLLBACK");
out:
	store_unlock(st);
	return e;
}

/* Binds s, or NULL when s is NULL. */
int
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* Binds v, or NULL when v is NULL or empty. */
int
store_bind_key(sqlite3_stmt *s, int i, const char *v)
{
	return store_bind_text(s, i, (v != NULL && v[0] != '\0') ? v : NULL);
}

const char *
store_col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t != NULL ? (const char *)t : "";
}

/* Prepares sql, binds the n strings (NULL stays NULL), steps once.
 * SQLITE_OK/SQLITE_DONE/SQLITE_ROW mean success. */
int
store_run(struct store *st, const char *sql, int n, const char **v)
{
	sqlite3_stmt *s;
	int rc, i;

	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return rc;
	for (i = 0; i < n; i++)
		store_bind_text(s, i + 1, v[i]);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return (rc == SQLITE_DONE || rc == SQLITE_ROW) ? SQLITE_OK : rc;
}

/* Runs one write statement under the lock; LC_EIO on failure. */
enum lc_err
store_write1(struct store *st, const char *sql, int n, const char **v,
             const char *what, struct lc_error *err)
{
	enum lc_err e = LC_OK;

	store_lock(st);
	if (store_run(st, sql, n, v) != SQLITE_OK)
		e = store_fail(st, err, what);
	store_unlock(st);
	return e;
}

/* Runs a query with n bound strings; *out gets a copy of the first
 * column of the first row, or NULL. */
enum lc_err
store_read1(struct store *st, const char *sql, int n, const char **v,
            char **out, struct lc_error *err)
{
	sqlite3_stmt *s = NULL;
	enum lc_err e = LC_OK;
	int rc, i;

	*out = NULL;
	store_lock(st);
	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	for (i = 0; rc == SQLITE_OK && i < n; i++)
		store_bind_text(s, i + 1, v[i]);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = xstrdup(store_col(s, 0));
	else if (rc != SQLITE_DONE)
		e = store_fail(st, err, "read");
	sqlite3_finalize(s);
	store_unlock(st);
	return e;
}
