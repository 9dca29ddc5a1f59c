/* test-store-fts.c — core/store-fts.c: the full-text index follows every
 * write, old stores are migrated, a broken index is rebuilt, any words
 * are a valid query, pages are newest first. */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/helpers.h"
#include "core/model.h"
#include "core/store.h"
#include "core/store-int.h"
#include "core/xmalloc.h"

#define SARAH "urn:li:fsd_profile:SARAH"
#define CONV "urn:li:msg_conversation:(urn:li:fsd_profile:ME,2-abc==)"
#define CONV2 "urn:li:msg_conversation:(urn:li:fsd_profile:ME,2-def==)"

static char dir[64];
static char *db;

static void
setup(void)
{
	cr_assert_not_null(helpers_tmpdir(dir, sizeof dir, "linchat-fts"));
	db = xasprintf("%s/linchat.db", dir);
}

static void
teardown(void)
{
	helpers_rmtree(dir);
	free(db);
}

TestSuite(store_fts, .init = setup, .fini = teardown);

static struct store *
open_ok(void)
{
	struct lc_error err;
	struct store *st;

	lc_error_clear(&err);
	cr_assert_eq(store_open(db, &st, &err), LC_OK, "%s", err.msg);
	return st;
}

static void
raw_sql(const char *sql)
{
	sqlite3 *h;

	cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK, "%s",
	             sqlite3_errmsg(h));
	sqlite3_close(h);
}

/* The index agrees with the messages (FTS5's own check). */
static void
index_consistent(void)
{
	raw_sql("INSERT INTO messages_fts(messages_fts) "
	        "VALUES ('integrity-check')");
}

static void
put(struct store *st, const char *conv, const char *urn, const char *text,
    int64_t t)
{
	struct model_msg m;

	memset(&m, 0, sizeof(m));
	m.urn = urn;
	m.sender_urn = SARAH;
	m.text = text;
	m.time_ms = t;
	cr_assert_eq(store_put_messages(st, conv, &m, 1, NULL), LC_OK);
}

/* Number of hits for words (all of them, up to 1000). */
static long
count(struct store *st, const char *words)
{
	struct store_hit *h;
	struct lc_error err;
	long n;

	lc_error_clear(&err);
	n = store_search_messages(st, words, 0, 1000, &h, &err);
	cr_assert_geq(n, 0, "%s: %s", words, err.msg);
	store_hits_free(h, (size_t)n);
	return n;
}

Test(store_fts, a_stored_message_is_found_with_its_match_marked)
{
	struct store *st = open_ok();
	struct model_participant p = {SARAH, "Sarah Chen"};
	struct model_conv c;
	struct store_hit *h;
	size_t len;

	memset(&c, 0, sizeof(c));
	c.urn = CONV;
	c.participants = &p;
	c.nparticipants = 1;
	cr_assert_eq(store_put_conversations(st, &c, 1, NULL), LC_OK);
	put(st, CONV, "m:1", "Please send the \x1b[31m Invoices\x1b[0m today",
	    5);
	put(st, CONV, "m:2", "lunch?", 6);
	cr_assert_eq(store_search_messages(st, "invoice", 0, 50, &h, NULL), 1);
	cr_assert_str_eq(h[0].conv_urn, CONV);
	cr_assert_str_eq(h[0].msg_urn, "m:1");
	cr_assert_str_eq(h[0].sender_urn, SARAH);
	cr_assert_str_eq(h[0].sender_name, "Sarah Chen");
	cr_assert_eq(h[0].time_ms, 5);
	cr_assert_null(strchr(h[0].snippet, '\x1b'), "%s", h[0].snippet);
	cr_assert_eq(h[0].nmarks, 2);
	len = h[0].marks[1] - h[0].marks[0];
	cr_assert_eq(strncmp(h[0].snippet + h[0].marks[0], "Invoices", len), 0,
	             "%s", h[0].snippet);
	cr_assert_eq(len, strlen("Invoices"));
	store_hits_free(h, 1);
	cr_assert_eq(count(st, "lunch"), 1);
	cr_assert_eq(count(st, "please today"), 1);
	cr_assert_eq(count(st, "please lunch"), 0);
	store_close(st);
	index_consistent();
}

Test(store_fts, edits_recalls_and_deletes_keep_the_index_right)
{
	struct store *st = open_ok();

	put(st, CONV, "m:1", "the invoice is attached", 5);
	put(st, CONV2, "m:2", "another invoice", 6);
	cr_assert_eq(count(st, "invoice"), 2);
	/* the same message again (a re-sync) is not a second hit */
	put(st, CONV, "m:1", "the invoice is attached", 5);
	cr_assert_eq(count(st, "invoice"), 2);
	cr_assert_eq(store_edit_message(st, "m:1", "the receipt is attached",
	                                MODEL_MSG_EDITED, NULL),
	             LC_OK);
	cr_assert_eq(count(st, "invoice"), 1);
	cr_assert_eq(count(st, "receipt"), 1);
	cr_assert_eq(store_edit_message(st, "m:1", "the receipt is attached",
	                                MODEL_MSG_RECALLED, NULL),
	             LC_OK);
	cr_assert_eq(count(st, "receipt"), 0);
	cr_assert_eq(store_remove_conversation(st, CONV2, NULL), LC_OK);
	cr_assert_eq(count(st, "invoice"), 0);
	store_close(st);
	index_consistent();
}

struct queued_arg {
	struct model_msg m[3];
};

/* Three new messages, then, before the flush at COMMIT, the first
 * edited, the second recalled and the third deleted. */
static enum lc_err
queued_tx(struct store *st, void *arg, struct lc_error *err)
{
	struct queued_arg *a = arg;
	const char *v[1] = {"q:3"};
	enum lc_err e = LC_OK;
	int i;

	for (i = 0; i < 3 && e == LC_OK; i++)
		e = store_put_message_locked(st, CONV, &a->m[i], err);
	a->m[0].text = "the receipt is queued";
	a->m[1].state = MODEL_MSG_RECALLED;
	if (e == LC_OK)
		e = store_put_message_locked(st, CONV, &a->m[0], err);
	if (e == LC_OK)
		e = store_put_message_locked(st, CONV, &a->m[1], err);
	if (e == LC_OK && store_run(st, "DELETE FROM messages WHERE urn = ?1",
	                            1, v) != SQLITE_OK)
		e = LC_EIO;
	return e;
}

Test(store_fts, changes_before_the_commit_index_the_row_as_it_then_is)
{
	struct store *st = open_ok();
	struct queued_arg a;
	int i;

	memset(&a, 0, sizeof(a));
	for (i = 0; i < 3; i++) {
		a.m[i].urn = i == 0 ? "q:1" : i == 1 ? "q:2" : "q:3";
		a.m[i].sender_urn = SARAH;
		a.m[i].text = "the invoice is queued";
		a.m[i].time_ms = 10 + i;
	}
	cr_assert_eq(store_transaction(st, queued_tx, &a, NULL), LC_OK);
	cr_assert_eq(count(st, "invoice"), 0);
	cr_assert_eq(count(st, "receipt"), 1);
	cr_assert_eq(count(st, "queued"), 1);
	store_close(st);
	index_consistent();
	/* a row another program wrote waits in the queue for the next
	 * search */
	raw_sql("INSERT INTO messages(conv_urn, urn, text, time_ms, state) "
	        "VALUES ('" CONV "', 'q:4', 'written elsewhere', 20, 1)");
	st = open_ok();
	raw_sql("INSERT INTO messages(conv_urn, urn, text, time_ms, state) "
	        "VALUES ('" CONV "', 'q:5', 'written elsewhere', 21, 1)");
	cr_assert_eq(count(st, "elsewhere"), 2);
	store_close(st);
	index_consistent();
}

Test(store_fts, a_store_of_schema_4_gets_its_messages_indexed)
{
	struct store *st = open_ok();

	store_close(st);
	raw_sql("DROP TRIGGER messages_fts_ai; DROP TRIGGER messages_fts_ad; "
	        "DROP TRIGGER messages_fts_au; DROP TABLE messages_fts; "
	        "DROP VIEW messages_fts_src;"
	        "INSERT INTO messages(conv_urn, urn, sender, text, time_ms, "
	        "state) VALUES ('" CONV "', 'm:1', '" SARAH "', 'old invoice', "
	        "5, 0), ('" CONV "', 'm:2', '" SARAH "', 'recalled invoice', "
	        "6, 4);"
	        "PRAGMA user_version = 6;");
	st = open_ok();
	cr_assert_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	cr_assert_null(store_notice(st));
	cr_assert_eq(count(st, "invoice"), 1);
	store_close(st);
	index_consistent();
}

Test(store_fts, a_damaged_index_is_rebuilt_on_open_and_said_so)
{
	struct store *st = open_ok();

	put(st, CONV, "m:1", "the invoice", 5);
	store_close(st);
	raw_sql("DELETE FROM messages_fts_data");
	st = open_ok();
	cr_assert_not_null(store_notice(st));
	cr_assert_not_null(strstr(store_notice(st), "search index"));
	cr_assert_eq(count(st, "invoice"), 1);
	store_close(st);
	index_consistent();

	raw_sql("DROP TABLE messages_fts");
	st = open_ok();
	cr_assert_not_null(store_notice(st));
	cr_assert_eq(count(st, "invoice"), 1);
	put(st, CONV, "m:2", "a second invoice", 6);
	cr_assert_eq(count(st, "invoice"), 2);
	store_close(st);
	index_consistent();
	st = open_ok();
	cr_assert_null(store_notice(st));
	store_close(st);
}

Test(store_fts, any_words_are_a_query_never_an_sqlite_error)
{
	static const char *const hostile[] = {
	    "\"unbalanced", "AND",       "OR NOT",          "NEAR(a b",
	    "text:foo",     "*",         "^start",          "(((",
	    "\"\"\"",       "a\"b'c;--", "\x01\x02\x1b[2J", "",
	    "   ",          "\xff\xfe",  "-invoice",
	};
	struct store *st = open_ok();
	char *longw = xmalloc(10001);
	size_t i;

	put(st, CONV, "m:1", "the invoice \"unbalanced\" here", 5);
	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		count(st, hostile[i]);
	cr_assert_eq(count(st, "\"unbalanced"), 1);
	cr_assert_eq(count(st, "-invoice"), 1);
	cr_assert_eq(count(st, ""), 0);
	cr_assert_eq(count(st, "\x01\x02"), 0);
	cr_assert_eq(count(st, "inv"), 1);
	memset(longw, 'a', 10000);
	longw[10000] = '\0';
	cr_assert_eq(count(st, longw), 0);
	for (i = 0; i < 10000; i += 2)
		longw[i + 1] = ' ';
	cr_assert_eq(count(st, longw), 0);
	memset(longw, '"', 10000);
	cr_assert_eq(count(st, longw), 0);
	free(longw);
	store_close(st);
}

Test(store_fts, pages_are_newest_first_without_repeats)
{
	struct store *st = open_ok();
	struct store_hit *h;
	int64_t last = INT64_MAX;
	size_t off = 0;
	char urn[32], text[64];
	long n, total = 0;
	int i;

	for (i = 0; i < 120; i++) {
		snprintf(urn, sizeof(urn), "m:%d", i);
		snprintf(text, sizeof(text), "invoice number %d", i);
		/* saved out of time order, like a history backfill */
		put(st, i % 2 ? CONV : CONV2, urn, text, (i * 37) % 120);
	}
	put(st, CONV, "m:x", "no match", 500);
	do {
		n = store_search_messages(st, "invoice", off, 50, &h, NULL);
		cr_assert_geq(n, 0);
		for (i = 0; i < n; i++) {
			cr_assert_lt(h[i].time_ms, last);
			last = h[i].time_ms;
		}
		store_hits_free(h, (size_t)n);
		off += (size_t)n;
		total += n;
	} while (n == 50);
	cr_assert_eq(total, 120);
	cr_assert_eq(last, 0);
	cr_assert_eq(store_search_messages(st, "invoice", 0, 0, &h, NULL), 0);
	cr_assert_null(h);
	store_close(st);
}
