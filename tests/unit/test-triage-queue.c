/* test-triage-queue.c — the triage queue (core/triage-queue.c) on a real
 * store: a row and the new state are written together and read back in
 * order after a reopen; done removes the row (and, for a delete, the
 * conversation); revert writes back what the conversations showed; mute
 * is kept; a store of schema 4 is migrated with its data.
 */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/store.h"
#include "core/triage-queue.h"
#include "core/xmalloc.h"
#include "tests/unit/helpers.h"

#define CONV_A "urn:li:msg_conversation:(urn:li:fsd_profile:ME,2-a==)"
#define CONV_B "urn:li:msg_conversation:(urn:li:fsd_profile:ME,2-b==)"
#define FOCUSED (MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX)

/* writable copies: a triage_conv owns its URN when listed */
static char ca[] = CONV_A, cb[] = CONV_B;
static char dir[64];
static char *db;

static void
setup(void)
{
	cr_assert_not_null(helpers_tmpdir(dir, sizeof dir, "linchat-triage"));
	db = xasprintf("%s/linchat.db", dir);
}

static void
teardown(void)
{
	helpers_rmtree(dir);
	free(db);
}

TestSuite(triage_queue, .init = setup, .fini = teardown);

static struct store *
open_with_two(void)
{
	struct model_conv c[2];
	struct store *st;
	struct lc_error err;

	cr_assert_eq(store_open(db, &st, &err), LC_OK, "%s", err.msg);
	memset(c, 0, sizeof c);
	c[0].urn = CONV_A;
	c[1].urn = CONV_B;
	c[0].categories = c[1].categories = FOCUSED;
	c[0].read = 1;
	c[1].read = 0;
	c[1].unread = 2;
	c[0].last_ms = 2;
	c[1].last_ms = 1;
	cr_assert_eq(store_put_conversations(st, c, 2, NULL), LC_OK);
	return st;
}

/* The categories and read flag the store gives CONV urn. */
static void
stored(struct store *st, const char *urn, unsigned *cats, int *read)
{
	struct model *m = model_new();

	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	cr_assert_eq(model_conv_state(m, urn, cats, read), 0, "%s", urn);
	model_free(m);
}

static void
add_archive(struct store *st, int64_t now)
{
	struct triage_conv v[2] = {{ca, FOCUSED, 1}, {cb, FOCUSED, 0}};
	unsigned cats[2] = {MODEL_CAT_ARCHIVE, MODEL_CAT_ARCHIVE};
	struct triage_write wr = {1, cats, -1};
	int64_t id = 0;

	cr_assert_eq(triage_queue_add(st, 3, v, 2, &wr, now, &id, NULL), LC_OK);
	cr_assert_gt(id, 0);
}

Test(triage_queue, a_row_and_the_new_state_survive_a_reopen_in_order)
{
	struct triage_conv one = {cb, FOCUSED, 0};
	struct triage_write rd = {0, NULL, 1};
	struct store *st = open_with_two();
	struct triage_item *it;
	unsigned cats;
	size_t n;
	int read;

	add_archive(st, 100);
	cr_assert_eq(triage_queue_add(st, 9, &one, 1, &rd, 200, NULL, NULL),
	             LC_OK);
	store_close(st);
	cr_assert_eq(store_open(db, &st, NULL), LC_OK);
	stored(st, CONV_A, &cats, NULL);
	cr_assert_eq(cats, MODEL_CAT_ARCHIVE);
	stored(st, CONV_B, &cats, &read);
	cr_assert_eq(cats, MODEL_CAT_ARCHIVE);
	cr_assert_eq(read, 1);
	cr_assert_eq(triage_queue_list(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 2);
	cr_assert_eq(it[0].op, 3);
	cr_assert_eq(it[0].n, 2);
	cr_assert_str_eq(it[0].convs[0].urn, CONV_A);
	cr_assert_str_eq(it[0].convs[1].urn, CONV_B);
	cr_assert_eq(it[0].convs[1].prev_cats, FOCUSED);
	cr_assert_eq(it[0].convs[1].prev_read, 0);
	cr_assert_eq(it[0].created_ms, 100);
	cr_assert_eq(it[1].op, 9);
	cr_assert_eq(it[1].n, 1);
	cr_assert_eq(triage_queue_attempted(st, it[0].id, NULL), LC_OK);
	triage_queue_free(it, n);
	cr_assert_eq(triage_queue_list(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(it[0].attempts, 1);
	cr_assert_eq(it[1].attempts, 0);
	triage_queue_free(it, n);
	store_close(st);
}

Test(triage_queue, done_removes_the_row_and_revert_restores_the_state)
{
	struct store *st = open_with_two();
	struct triage_item *it;
	unsigned cats;
	size_t n;
	int read;

	add_archive(st, 1);
	add_archive(st, 2);
	cr_assert_eq(triage_queue_list(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 2);
	cr_assert_eq(triage_queue_done(st, &it[0], 0, NULL), LC_OK);
	cr_assert_eq(triage_queue_revert(st, &it[1], NULL), LC_OK);
	triage_queue_free(it, n);
	cr_assert_eq(triage_queue_list(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 0);
	triage_queue_free(it, n);
	stored(st, CONV_A, &cats, &read);
	cr_assert_eq(cats, FOCUSED);
	cr_assert_eq(read, 1);
	stored(st, CONV_B, &cats, &read);
	cr_assert_eq(cats, FOCUSED);
	cr_assert_eq(read, 0);
	store_close(st);
}

Test(triage_queue, a_done_delete_removes_the_conversation)
{
	struct triage_conv one = {ca, FOCUSED, 1};
	struct store *st = open_with_two();
	struct triage_item *it;
	struct model *m = model_new();
	size_t n;

	cr_assert_eq(triage_queue_add(st, 8, &one, 1, NULL, 1, NULL, NULL),
	             LC_OK);
	cr_assert_eq(triage_queue_list(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(triage_queue_done(st, &it[0], 1, NULL), LC_OK);
	triage_queue_free(it, n);
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	cr_assert_eq(model_conv_version(m, CONV_A), 0);
	cr_assert_neq(model_conv_version(m, CONV_B), 0);
	model_free(m);
	store_close(st);
}

Test(triage_queue, mute_is_kept_and_forgotten)
{
	struct store *st = open_with_two();
	char **v;
	size_t n, i;

	cr_assert_eq(triage_queue_set_muted(st, CONV_B, 1, NULL), LC_OK);
	cr_assert_eq(triage_queue_set_muted(st, CONV_B, 1, NULL), LC_OK);
	cr_assert_eq(triage_queue_set_muted(st, CONV_A, 1, NULL), LC_OK);
	cr_assert_eq(triage_queue_set_muted(st, CONV_A, 0, NULL), LC_OK);
	store_close(st);
	cr_assert_eq(store_open(db, &st, NULL), LC_OK);
	cr_assert_eq(triage_queue_muted(st, &v, &n, NULL), LC_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0], CONV_B);
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	store_close(st);
}

Test(triage_queue, a_schema_4_store_is_migrated_with_its_data)
{
	struct store *st;
	struct triage_item *it;
	struct model *m = model_new();
	sqlite3 *h;
	size_t n;

	st = open_with_two();
	store_close(st);
	/* back to what linchat of schema 4 left */
	cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(h,
	                          "DROP TABLE triage_queue; DROP TABLE "
	                          "triage_convs; DROP TABLE muted; "
	                          "ALTER TABLE conversations DROP COLUMN "
	                          "category_names; "
	                          "DROP TRIGGER messages_fts_ai; "
	                          "DROP TRIGGER messages_fts_ad; "
	                          "DROP TRIGGER messages_fts_au; "
	                          "DROP TABLE messages_fts; "
	                          "DROP VIEW messages_fts_src; "
	                          "PRAGMA user_version = 4;",
	                          NULL, NULL, NULL),
	             SQLITE_OK);
	sqlite3_close(h);
	cr_assert_eq(store_open(db, &st, NULL), LC_OK);
	cr_assert_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	cr_assert_neq(model_conv_version(m, CONV_A), 0);
	cr_assert_eq(triage_queue_list(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 0);
	triage_queue_free(it, n);
	add_archive(st, 5);
	model_free(m);
	store_close(st);
}

Test(triage_queue, an_empty_batch_is_refused_with_a_sentence)
{
	struct store *st = open_with_two();
	struct lc_error err;

	lc_error_clear(&err);
	cr_assert_eq(triage_queue_add(st, 0, NULL, 0, NULL, 1, NULL, &err),
	             LC_EINVAL);
	cr_assert_neq(err.msg[0], '\0');
	store_close(st);
}
