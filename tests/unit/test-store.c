#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/unit/helpers.h"
#include "core/model.h"
#include "core/store.h"
#include "core/xmalloc.h"

#define ME "urn:li:fsd_profile:ME"
#define SARAH "urn:li:fsd_profile:SARAH"
#define CONV "urn:li:msg_conversation:(urn:li:fsd_profile:ME,2-abc==)"

static char dir[64];
static char *db;

static void
setup(void)
{
	cr_assert_not_null(helpers_tmpdir(dir, sizeof dir, "linchat-store"));
	db = xasprintf("%s/data/linchat/linchat.db", dir);
}

static void
teardown(void)
{
	helpers_rmtree(dir);
	free(db);
}

TestSuite(store, .init = setup, .fini = teardown);

static struct store *
open_ok(void)
{
	struct lc_error err;
	struct store *st;

	lc_error_clear(&err);
	cr_assert_eq(store_open(db, &st, &err), LC_OK, "%s", err.msg);
	return st;
}

/* Runs sql directly on the file, outside the store. */
static void
raw_sql(const char *sql)
{
	sqlite3 *h;

	cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK, "%s",
	             sqlite3_errmsg(h));
	sqlite3_close(h);
}

static struct model_msg
msg(const char *urn, const char *sender, const char *text, int64_t t)
{
	struct model_msg m;

	memset(&m, 0, sizeof(m));
	m.urn = urn;
	m.sender_urn = sender;
	m.text = text;
	m.time_ms = t;
	return m;
}

Test(store, empty_file_is_migrated_to_the_current_schema)
{
	struct store *st = open_ok();

	cr_assert_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	cr_assert_null(store_notice(st));
	store_close(st);
	st = open_ok();
	cr_assert_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	store_close(st);
}

Test(store, the_cache_of_private_messages_is_readable_by_its_owner_only)
{
	struct store *st;
	struct stat sb;
	char *wal;

	umask(022);
	st = open_ok();
	cr_assert_eq(stat(db, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600, "mode %o", sb.st_mode & 0777);
	wal = xasprintf("%s-wal", db);
	if (stat(wal, &sb) == 0)
		cr_assert_eq(sb.st_mode & 0777, 0600, "wal %o",
		             sb.st_mode & 0777);
	free(wal);
	store_close(st);
}

Test(store, version_1_file_is_migrated_and_keeps_its_data)
{
	struct store *st = open_ok();
	struct model_conv c;
	struct model *m;
	char *v;

	memset(&c, 0, sizeof(c));
	c.urn = CONV;
	c.last_ms = 5;
	cr_assert_eq(store_put_conversations(st, &c, 1, NULL), LC_OK);
	store_close(st);
	/* make it look like a file written by schema 1 */
	raw_sql("DROP INDEX outbox_by_time; DROP TABLE meta; "
	        "ALTER TABLE messages DROP COLUMN my_reactions; "
	        "ALTER TABLE conversations DROP COLUMN category_names; "
	        "PRAGMA user_version = 1;");
	st = open_ok();
	cr_assert_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	cr_assert_eq(store_set_meta(st, "me", ME, NULL), LC_OK);
	cr_assert_eq(store_get_meta(st, "me", &v, NULL), LC_OK);
	cr_assert_str_eq(v, ME);
	free(v);
	m = model_new();
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	cr_assert_eq(model_conv_count(m), 1);
	model_free(m);
	store_close(st);
}

Test(store, file_from_a_newer_linchat_is_refused_clearly)
{
	struct lc_error err;
	struct store *st = open_ok();

	store_close(st);
	raw_sql("PRAGMA user_version = 99;");
	cr_assert_eq(store_open(db, &st, &err), LC_EIO);
	cr_assert_null(st);
	cr_assert(strstr(err.msg, "newer linchat") != NULL, "%s", err.msg);
}

Test(store, everything_round_trips_through_a_restart)
{
	struct model_participant p[2] = {{ME, "Ada"}, {SARAH, "Sarah"}};
	struct model_msg v[2] = {msg("m:1", SARAH, "hello", 100),
	                         msg("m:2", ME, "hi Sarah", 200)};
	struct model_profile prof, got;
	struct model_conv c;
	struct model_inbox in;
	struct model_thread t;
	struct model *m;
	struct store *st = open_ok();
	char *tok, *d;

	memset(&c, 0, sizeof(c));
	c.urn = CONV;
	c.participants = p;
	c.nparticipants = 2;
	c.unread = 1;
	c.read = 0;
	c.categories = MODEL_CAT_PRIMARY_INBOX;
	c.last_ms = 100;
	c.last_text = "hello";
	c.last_sender_urn = SARAH;
	v[1].reactions = "\xf0\x9f\x91\x8d 2";
	v[1].attach_name = "cv.pdf";
	v[1].attach_url = "https://x/cv.pdf";
	memset(&prof, 0, sizeof(prof));
	prof.urn = SARAH;
	prof.first_name = "Sarah";
	prof.headline = "Engineer";
	prof.premium = 1;
	cr_assert_eq(store_set_meta(st, "me", ME, NULL), LC_OK);
	cr_assert_eq(store_put_conversations(st, &c, 1, NULL), LC_OK);
	cr_assert_eq(store_put_messages(st, CONV, v, 2, NULL), LC_OK);
	cr_assert_eq(store_put_profile(st, &prof, NULL), LC_OK);
	cr_assert_eq(store_set_draft(st, CONV, "unfinished", 1, NULL), LC_OK);
	cr_assert_eq(store_set_token(st, "inbox", "tok-42", NULL), LC_OK);
	store_close(st);

	st = open_ok();
	m = model_new();
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	model_inbox_snapshot(m, 0, &in);
	cr_assert_eq(in.n, 1);
	cr_assert_str_eq(in.rows[0].name, "Sarah");
	cr_assert_str_eq(in.rows[0].preview, "hi Sarah");
	cr_assert(in.rows[0].preview_mine);
	cr_assert_eq(in.rows[0].last_ms, 200);
	cr_assert_eq(in.rows[0].unread, 1);
	cr_assert(in.rows[0].draft);
	cr_assert_eq(in.rows[0].categories, MODEL_CAT_PRIMARY_INBOX);
	model_inbox_release(&in);
	/* the thread's messages are read when it is opened */
	cr_assert_eq(model_message_count(m), 0);
	cr_assert_eq(store_load_thread(st, m, CONV, INT64_MAX, 0, NULL, NULL),
	             LC_OK);
	cr_assert_eq(model_thread_snapshot(m, CONV, 0, &t), 0);
	cr_assert_eq(t.n, 2);
	cr_assert_str_eq(t.msgs[0].text, "hello");
	cr_assert_str_eq(t.msgs[0].sender_name, "Sarah");
	cr_assert_str_eq(t.msgs[1].reactions, "\xf0\x9f\x91\x8d 2");
	cr_assert_str_eq(t.msgs[1].attach_url, "https://x/cv.pdf");
	cr_assert(t.msgs[1].mine);
	model_thread_release(&t);
	cr_assert_eq(model_get_profile(m, SARAH, &got), 0);
	cr_assert_str_eq(got.headline, "Engineer");
	cr_assert(got.premium);
	model_profile_clear(&got);
	d = model_get_draft(m, CONV);
	cr_assert_str_eq(d, "unfinished");
	free(d);
	cr_assert_eq(store_get_token(st, "inbox", &tok, NULL), LC_OK);
	cr_assert_str_eq(tok, "tok-42");
	free(tok);
	cr_assert_eq(store_get_token(st, "nothing", &tok, NULL), LC_OK);
	cr_assert_null(tok);
	model_free(m);
	store_close(st);
}

Test(store, draft_is_deleted_when_emptied)
{
	struct store *st = open_ok();
	char *d;

	store_set_draft(st, CONV, "x", 1, NULL);
	cr_assert_eq(store_set_draft(st, CONV, "", 2, NULL), LC_OK);
	cr_assert_eq(store_get_draft(st, CONV, &d, NULL), LC_OK);
	cr_assert_null(d);
	store_close(st);
}

Test(store, hostile_text_is_stored_exactly_as_received)
{
	const char *evil = "\033]52;c;Zm9v\007\xc0\xaf\xe2\x80\xae rtl \r\n";
	struct model_msg v = msg("m:1", SARAH, evil, 1);
	struct model_thread t;
	struct store *st = open_ok();
	struct model *m = model_new();

	cr_assert_eq(store_put_messages(st, CONV, &v, 1, NULL), LC_OK);
	store_close(st);
	st = open_ok();
	store_load(st, m, NULL);
	store_load_thread(st, m, CONV, INT64_MAX, 0, NULL, NULL);
	cr_assert_eq(model_thread_snapshot(m, CONV, 0, &t), 0);
	cr_assert_eq(t.n, 1);
	cr_assert_str_eq(t.msgs[0].text, evil);
	model_thread_release(&t);
	model_free(m);
	store_close(st);
}

Test(store, overlapping_pages_are_stored_once)
{
	struct model_msg a[2] = {msg("m:1", SARAH, "one", 1),
	                         msg("m:2", SARAH, "two", 2)};
	struct model_msg b[2] = {msg("m:2", SARAH, "two (edited)", 2),
	                         msg("m:3", SARAH, "three", 3)};
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_thread t;

	store_put_messages(st, CONV, a, 2, NULL);
	store_put_messages(st, CONV, b, 2, NULL);
	store_load(st, m, NULL);
	store_load_thread(st, m, CONV, INT64_MAX, 0, NULL, NULL);
	cr_assert_eq(model_message_count(m), 3);
	model_thread_snapshot(m, CONV, 0, &t);
	cr_assert_str_eq(t.msgs[1].text, "two (edited)");
	model_thread_release(&t);
	model_free(m);
	store_close(st);
}

Test(store, removed_conversation_is_gone_after_restart)
{
	struct model_msg v = msg("m:1", SARAH, "one", 1);
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_conv c;

	memset(&c, 0, sizeof(c));
	c.urn = CONV;
	store_put_conversations(st, &c, 1, NULL);
	store_put_messages(st, CONV, &v, 1, NULL);
	cr_assert_eq(store_remove_conversation(st, CONV, NULL), LC_OK);
	store_load(st, m, NULL);
	cr_assert_eq(model_conv_count(m), 0);
	cr_assert_eq(model_message_count(m), 0);
	model_free(m);
	store_close(st);
}

Test(store, damaged_file_is_moved_aside_and_a_fresh_one_created)
{
	static const char junk[] = "this is not a database, it is junk. "
	                           "0123456789abcdef0123456789abcdef";
	struct store *st = open_ok();
	struct stat sb;
	FILE *f;
	int i;

	store_close(st);
	f = fopen(db, "wb");
	cr_assert_not_null(f);
	for (i = 0; i < 200; i++)
		fwrite(junk, 1, sizeof(junk) - 1, f);
	fclose(f);
	st = open_ok();
	cr_assert_not_null(store_notice(st));
	cr_assert(strstr(store_notice(st), "damaged") != NULL);
	cr_assert(strstr(store_notice(st), store_moved_to(st)) != NULL);
	cr_assert(strstr(store_moved_to(st), "linchat.db.corrupt-") != NULL);
	cr_assert_eq(stat(store_moved_to(st), &sb), 0);
	cr_assert_eq(sb.st_size, 200 * (sizeof(junk) - 1));
	cr_assert_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	cr_assert_eq(store_set_meta(st, "me", ME, NULL), LC_OK);
	store_close(st);
}

Test(store, unwritable_location_is_reported_clearly)
{
	struct lc_error err;
	struct store *st;
	char *ro, *path;

	/* root ignores permission bits, so use a place nobody can write */
	if (geteuid() == 0) {
		ro = xstrdup("/proc/self");
	} else {
		ro = xasprintf("%s/ro", dir);
		cr_assert_eq(mkdir(ro, 0500), 0);
	}
	path = xasprintf("%s/linchat.db", ro);
	cr_assert_eq(store_open(path, &st, &err), LC_EIO);
	cr_assert_null(st);
	cr_assert(strstr(err.msg, "Could not open the local cache") != NULL,
	          "%s", err.msg);
	cr_assert(strstr(err.msg, path) != NULL, "%s", err.msg);
	free(path);
	free(ro);
}

Test(store, full_disk_is_reported_and_the_model_is_untouched)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_msg v = msg("m:keep", SARAH, "on screen", 1);
	struct lc_error err;
	char big[2048];
	char urn[32];
	enum lc_err e = LC_OK;
	int i;

	model_merge_messages(m, CONV, &v, 1);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	store_limit_size(st, 64 * 1024);
	for (i = 0; i < 200 && e == LC_OK; i++) {
		struct model_msg w;

		snprintf(urn, sizeof(urn), "m:%d", i);
		w = msg(urn, SARAH, big, i);
		e = store_put_messages(st, CONV, &w, 1, &err);
	}
	cr_assert_eq(e, LC_EIO);
	cr_assert(strstr(err.msg, "disk is full") != NULL, "%s", err.msg);
	cr_assert_eq(model_message_count(m), 1);
	/* room again: writing works without reopening */
	store_limit_size(st, 0);
	v = msg("m:after", SARAH, "later", 2);
	cr_assert_eq(store_put_messages(st, CONV, &v, 1, NULL), LC_OK);
	model_free(m);
	store_close(st);
}

Test(store, damage_found_while_loading_is_recovered_the_same_way)
{
	static const char junk[16] = "\xff\x01\xde\xad garbage!!";
	struct model_msg v[200];
	char urns[200][16], text[300];
	struct store *st = open_ok();
	struct model *m = model_new();
	struct stat sb;
	FILE *f;
	long off;
	char keep[4096] = {0};
	sqlite3_stmt *q;
	sqlite3 *h;
	int i;

	memset(text, 'z', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	for (i = 0; i < 200; i++) {
		snprintf(urns[i], sizeof(urns[i]), "m:%d", i);
		v[i] = msg(urns[i], SARAH, text, i);
	}
	cr_assert_eq(store_put_messages(st, CONV, v, 200, NULL), LC_OK);
	store_close(st);
	/* keep the header and the schema's pages, scribble over the rest */
	cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h,
	                                "SELECT pageno FROM dbstat WHERE name "
	                                "= 'sqlite_schema'",
	                                -1, &q, NULL),
	             SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW)
		if (sqlite3_column_int(q, 0) < 4096)
			keep[sqlite3_column_int(q, 0)] = 1;
	sqlite3_finalize(q);
	sqlite3_close(h);
	cr_assert_eq(stat(db, &sb), 0);
	f = fopen(db, "r+b");
	cr_assert_not_null(f);
	for (off = 4096; off < sb.st_size; off += 512) {
		if (off / 4096 + 1 < 4096 && keep[off / 4096 + 1])
			continue;
		fseek(f, off, SEEK_SET);
		fwrite(junk, 1, sizeof(junk), f);
	}
	fclose(f);
	st = open_ok();
	/* open may find the search index hit and rebuild it, no more */
	cr_assert(store_notice(st) == NULL ||
	              strstr(store_notice(st), "search index") != NULL,
	          "%s", store_notice(st));
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	cr_assert_not_null(store_notice(st));
	cr_assert_not_null(store_moved_to(st));
	cr_assert_eq(model_message_count(m), 0);
	cr_assert_eq(model_conv_count(m), 0);
	cr_assert_eq(store_put_messages(st, CONV, v, 1, NULL), LC_OK);
	model_free(m);
	store_close(st);
}

/* A conversation CONV-<i> with n messages m:<i>:<k> at times 1..n. */
static void
put_thread(struct store *st, int i, int n)
{
	struct model_msg v;
	struct model_conv c;
	char conv[64], urn[32], text[32];
	int k;

	snprintf(conv, sizeof(conv), "%s-%d", CONV, i);
	memset(&c, 0, sizeof(c));
	c.urn = conv;
	c.last_ms = 1;
	c.last_text = "stale";
	cr_assert_eq(store_put_conversations(st, &c, 1, NULL), LC_OK);
	for (k = 1; k <= n; k++) {
		snprintf(urn, sizeof(urn), "m:%d:%d", i, k);
		snprintf(text, sizeof(text), "message %d of %d", k, i);
		v = msg(urn, SARAH, text, k);
		cr_assert_eq(store_put_messages(st, conv, &v, 1, NULL), LC_OK);
	}
}

Test(store, start_reads_the_inbox_but_no_thread_messages)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_inbox in;
	struct model_msg pend;
	char conv[64];
	size_t i;

	for (i = 0; i < 5; i++)
		put_thread(st, (int)i, 30);
	/* a send still in the outbox is known only to the store */
	pend = msg(NULL, ME, "on its way", 100);
	pend.origin_token = "tok-1";
	pend.state = MODEL_MSG_PENDING;
	snprintf(conv, sizeof(conv), "%s-%d", CONV, 2);
	cr_assert_eq(store_put_messages(st, conv, &pend, 1, NULL), LC_OK);
	raw_sql("INSERT INTO outbox(origin, conv_urn, text, created_ms) "
	        "VALUES ('tok-1', 'x', 'on its way', 100)");
	store_close(st);

	st = open_ok();
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	cr_assert_eq(model_conv_count(m), 5);
	cr_assert_eq(model_message_count(m), 1, "%zu messages loaded",
	             model_message_count(m));
	model_inbox_snapshot(m, 0, &in);
	cr_assert_eq(in.n, 5);
	cr_assert_str_eq(in.rows[0].preview, "on its way");
	for (i = 1; i < in.n; i++) {
		cr_assert_eq(in.rows[i].last_ms, 30);
		cr_assert(strstr(in.rows[i].preview, "message 30 of") != NULL,
		          "%s", in.rows[i].preview);
	}
	model_inbox_release(&in);
	model_free(m);
	store_close(st);
}

Test(store, opening_a_thread_reads_its_newest_messages_then_older_windows)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_thread t;
	char conv[64];
	int64_t oldest;
	size_t added;

	put_thread(st, 0, 10);
	snprintf(conv, sizeof(conv), "%s-0", CONV);
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	cr_assert_eq(store_load_thread(st, m, conv, INT64_MAX, 4, &added, NULL),
	             LC_OK);
	cr_assert_eq(added, 4);
	cr_assert_eq(model_thread_snapshot(m, conv, 0, &t), 0);
	cr_assert_eq(t.n, 4);
	cr_assert_eq(t.msgs[0].time_ms, 7);
	cr_assert_str_eq(t.msgs[3].text, "message 10 of 0");
	model_thread_release(&t);
	/* scrolled past the top: the next window, older than the oldest */
	cr_assert_eq(model_thread_oldest(m, conv, &oldest), 0);
	cr_assert_eq(oldest, 7);
	store_load_thread(st, m, conv, oldest, 4, &added, NULL);
	cr_assert_eq(added, 3);
	store_load_thread(st, m, conv, 4, 4, &added, NULL);
	cr_assert_eq(added, 3);
	store_load_thread(st, m, conv, 1, 4, &added, NULL);
	cr_assert_eq(added, 0);
	cr_assert_eq(model_message_count(m), 10);
	/* opening it again adds nothing twice */
	store_load_thread(st, m, conv, INT64_MAX, 0, &added, NULL);
	cr_assert_eq(added, 0);
	cr_assert_eq(model_message_count(m), 10);
	model_free(m);
	store_close(st);
}

Test(store, a_stored_copy_never_replaces_what_the_model_holds)
{
	struct model_msg v = msg("m:1", SARAH, "as saved", 5);
	struct model_msg newer = msg("m:1", SARAH, "edited since", 5);
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_thread t;
	struct model_conv c;
	size_t added;

	memset(&c, 0, sizeof(c));
	c.urn = CONV;
	cr_assert_eq(store_put_conversations(st, &c, 1, NULL), LC_OK);
	cr_assert_eq(store_put_messages(st, CONV, &v, 1, NULL), LC_OK);
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	/* the model got a newer copy the store missed (say, a full disk) */
	model_merge_messages(m, CONV, &newer, 1);
	store_load_thread(st, m, CONV, INT64_MAX, 0, &added, NULL);
	cr_assert_eq(added, 0);
	model_thread_snapshot(m, CONV, 0, &t);
	cr_assert_eq(t.n, 1);
	cr_assert_str_eq(t.msgs[0].text, "edited since");
	model_thread_release(&t);
	/* and a conversation the model does not know is not made up */
	store_load_thread(st, m, "urn:li:msg_conversation:gone", INT64_MAX, 0,
	                  &added, NULL);
	cr_assert_eq(added, 0);
	cr_assert_eq(model_conv_count(m), 1);
	model_free(m);
	store_close(st);
}

Test(store, inbox_preview_follows_edits_and_recalls_of_the_newest_message)
{
	struct model_msg v[2] = {msg("m:1", SARAH, "first", 10),
	                         msg("m:2", SARAH, "typo", 20)};
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_inbox in;

	cr_assert_eq(store_put_messages(st, CONV, v, 2, NULL), LC_OK);
	cr_assert_eq(
	    store_edit_message(st, "m:1", "first!", MODEL_MSG_EDITED, NULL),
	    LC_OK);
	cr_assert_eq(
	    store_edit_message(st, "m:2", "fixed", MODEL_MSG_EDITED, NULL),
	    LC_OK);
	store_close(st);
	st = open_ok();
	store_load(st, m, NULL);
	model_inbox_snapshot(m, 0, &in);
	cr_assert_eq(in.n, 1);
	cr_assert_str_eq(in.rows[0].preview, "fixed");
	cr_assert_eq(in.rows[0].last_ms, 20);
	model_inbox_release(&in);
	cr_assert_eq(
	    store_edit_message(st, "m:2", "", MODEL_MSG_RECALLED, NULL), LC_OK);
	model_free(m);
	m = model_new();
	store_load(st, m, NULL);
	model_inbox_snapshot(m, 0, &in);
	cr_assert_str_eq(in.rows[0].preview, "");
	model_inbox_release(&in);
	model_free(m);
	store_close(st);
}

Test(store, version_2_file_takes_its_previews_from_the_saved_messages)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_inbox in;

	store_close(st);
	/* schema 2 kept the preview only as the last conversation page
	 * said; messages saved after it (an open thread, a send) are newer */
	raw_sql("ALTER TABLE messages DROP COLUMN my_reactions;"
	        "ALTER TABLE conversations DROP COLUMN category_names;"
	        "INSERT INTO conversations(urn, last_ms, last_text, "
	        "last_sender) VALUES ('c:1', 10, 'old preview', 's');"
	        "INSERT INTO messages(conv_urn, urn, sender, text, time_ms, "
	        "state) VALUES ('c:1', 'm:1', 's', 'older', 5, 0),"
	        "('c:1', 'm:2', 'me', 'newest', 30, 0),"
	        "('c:orphan', 'm:3', 's', 'only one', 7, 0);"
	        "PRAGMA user_version = 2;");
	st = open_ok();
	cr_assert_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	model_inbox_snapshot(m, 0, &in);
	cr_assert_eq(in.n, 2);
	cr_assert_str_eq(in.rows[0].urn, "c:1");
	cr_assert_str_eq(in.rows[0].preview, "newest");
	cr_assert_eq(in.rows[0].last_ms, 30);
	cr_assert_str_eq(in.rows[1].urn, "c:orphan");
	cr_assert_str_eq(in.rows[1].preview, "only one");
	model_inbox_release(&in);
	model_free(m);
	store_close(st);
}

Test(store, your_reactions_are_saved_with_the_message_and_read_back)
{
	struct store *st = open_ok();
	struct model_msg v = msg("m:1", SARAH, "hi", 10);
	struct model_thread t;
	struct model *m = model_new();

	cr_assert_eq(store_put_messages(st, CONV, &v, 1, NULL), LC_OK);
	v.reactions = "\xf0\x9f\x91\x8d 2 \xf0\x9f\x8e\x89 1";
	v.my_reactions = "\xf0\x9f\x8e\x89";
	cr_assert_eq(store_put_messages(st, CONV, &v, 1, NULL), LC_OK);
	/* a later save that does not say keeps them */
	v.reactions = NULL;
	v.my_reactions = NULL;
	cr_assert_eq(store_put_messages(st, CONV, &v, 1, NULL), LC_OK);
	store_close(st);
	st = open_ok();
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	cr_assert_eq(store_load_thread(st, m, CONV, INT64_MAX, 0, NULL, NULL),
	             LC_OK);
	cr_assert_eq(model_thread_snapshot(m, CONV, 0, &t), 0);
	cr_assert_eq(t.n, 1);
	cr_assert_str_eq(t.msgs[0].reactions,
	                 "\xf0\x9f\x91\x8d 2 \xf0\x9f\x8e\x89 1");
	cr_assert_str_eq(t.msgs[0].my_reactions, "\xf0\x9f\x8e\x89");
	model_thread_release(&t);
	model_free(m);
	store_close(st);
}

Test(store, a_reaction_change_is_saved_on_its_own)
{
	struct store *st = open_ok();
	struct model_msg v = msg("m:1", SARAH, "hi", 10);
	struct model_thread t;
	struct model *m = model_new();

	v.reactions = "\xf0\x9f\x91\x8d 2";
	cr_assert_eq(store_put_messages(st, CONV, &v, 1, NULL), LC_OK);
	cr_assert_eq(store_set_reactions(st, "m:1", "\xf0\x9f\x91\x8d 3",
	                                 "\xf0\x9f\x91\x8d", NULL),
	             LC_OK);
	cr_assert_eq(store_set_reactions(st, "m:unknown", "x 1", "x", NULL),
	             LC_OK);
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	cr_assert_eq(store_load_thread(st, m, CONV, INT64_MAX, 0, NULL, NULL),
	             LC_OK);
	cr_assert_eq(model_thread_snapshot(m, CONV, 0, &t), 0);
	cr_assert_eq(t.n, 1);
	cr_assert_str_eq(t.msgs[0].text, "hi");
	cr_assert_str_eq(t.msgs[0].reactions, "\xf0\x9f\x91\x8d 3");
	cr_assert_str_eq(t.msgs[0].my_reactions, "\xf0\x9f\x91\x8d");
	model_thread_release(&t);
	model_free(m);
	store_close(st);
}

Test(store, version_3_file_gains_your_reactions_and_keeps_its_messages)
{
	struct store *st = open_ok();
	struct model_msg v = msg("m:1", SARAH, "hi", 10);
	struct model_thread t;
	struct model *m = model_new();

	store_close(st);
	/* schema 3 had no my_reactions column */
	raw_sql("ALTER TABLE messages DROP COLUMN my_reactions;"
	        "ALTER TABLE conversations DROP COLUMN category_names;"
	        "INSERT INTO conversations(urn, last_ms) VALUES ('" CONV
	        "', 5);"
	        "INSERT INTO messages(conv_urn, urn, sender, text, reactions, "
	        "time_ms, state) VALUES ('" CONV "', 'm:1', '" SARAH "', "
	        "'hi', '\xf0\x9f\x91\x8d 2', 5, 0);"
	        "PRAGMA user_version = 3;");
	st = open_ok();
	cr_assert_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	cr_assert_eq(store_load_thread(st, m, CONV, INT64_MAX, 0, NULL, NULL),
	             LC_OK);
	cr_assert_eq(model_thread_snapshot(m, CONV, 0, &t), 0);
	cr_assert_eq(t.n, 1);
	cr_assert_str_eq(t.msgs[0].text, "hi");
	cr_assert_str_eq(t.msgs[0].reactions, "\xf0\x9f\x91\x8d 2");
	cr_assert_str_eq(t.msgs[0].my_reactions, "");
	model_thread_release(&t);
	/* and the upgraded file keeps new ones */
	v.reactions = "\xf0\x9f\x91\x8d 3";
	v.my_reactions = "\xf0\x9f\x91\x8d";
	cr_assert_eq(store_put_messages(st, CONV, &v, 1, NULL), LC_OK);
	model_free(m);
	m = model_new();
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	cr_assert_eq(store_load_thread(st, m, CONV, INT64_MAX, 0, NULL, NULL),
	             LC_OK);
	cr_assert_eq(model_thread_snapshot(m, CONV, 0, &t), 0);
	cr_assert_str_eq(t.msgs[0].my_reactions, "\xf0\x9f\x91\x8d");
	model_thread_release(&t);
	model_free(m);
	store_close(st);
}
