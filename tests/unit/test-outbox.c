#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/unit/helpers.h"
#include "core/model.h"
#include "core/outbox.h"
#include "core/store.h"
#include "core/xmalloc.h"

#define ME "urn:li:fsd_profile:ME"
#define CONV "urn:li:msg_conversation:(urn:li:fsd_profile:ME,2-abc==)"

static char dir[64];
static char *db;

static void
setup(void)
{
	cr_assert_not_null(helpers_tmpdir(dir, sizeof dir, "linchat-outbox"));
	db = xasprintf("%s/linchat.db", dir);
}

static void
teardown(void)
{
	helpers_rmtree(dir);
	free(db);
}

TestSuite(outbox, .init = setup, .fini = teardown);

static struct store *
open_ok(void)
{
	struct lc_error err;
	struct store *st;

	cr_assert_eq(store_open(db, &st, &err), LC_OK, "%s", err.msg);
	cr_assert_eq(store_set_meta(st, "me", ME, NULL), LC_OK);
	return st;
}

/* A restart: a fresh model loaded from the file. */
static struct model *
reload(struct store **st)
{
	struct model *m = model_new();

	store_close(*st);
	*st = open_ok();
	cr_assert_eq(store_load(*st, m, NULL), LC_OK);
	return m;
}

static struct model_msg
echo(const char *urn, const char *text, const char *origin, int64_t t)
{
	struct model_msg v;

	memset(&v, 0, sizeof(v));
	v.urn = urn;
	v.sender_urn = ME;
	v.text = text;
	v.origin_token = origin;
	v.time_ms = t;
	v.state = MODEL_MSG_SENT;
	return v;
}

Test(outbox, queued_message_survives_a_kill_before_any_request)
{
	struct outbox_item *it;
	struct model_msg got;
	struct model *m;
	struct store *st;
	size_t n;
	pid_t pid;
	int status;

	pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		struct model *cm = model_new();

		st = open_ok();
		if (outbox_add(st, cm, CONV, "do not lose me", "tok-1", 1000,
		               NULL) != LC_OK)
			_exit(1);
		raise(SIGKILL); /* no close, no checkpoint */
		_exit(2);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	st = open_ok();
	cr_assert_eq(outbox_queued(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(it[0].origin_token, "tok-1");
	cr_assert_str_eq(it[0].text, "do not lose me");
	cr_assert_str_eq(it[0].conv_urn, CONV);
	outbox_items_free(it, n);
	m = reload(&st);
	cr_assert_eq(model_get_message(m, NULL, "tok-1", &got), 0);
	cr_assert_eq(got.state, MODEL_MSG_PENDING);
	cr_assert_str_eq(got.text, "do not lose me");
	cr_assert(got.mine);
	model_msg_clear(&got);
	model_free(m);
	store_close(st);
}

Test(outbox, add_shows_pending_in_the_model_and_the_store)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_thread t;

	model_set_me(m, ME);
	cr_assert_eq(outbox_add(st, m, CONV, "hi", "tok-1", 10, NULL), LC_OK);
	cr_assert_eq(model_thread_snapshot(m, CONV, 0, &t), 0);
	cr_assert_eq(t.n, 1);
	cr_assert_eq(t.msgs[0].state, MODEL_MSG_PENDING);
	cr_assert_str_eq(t.msgs[0].origin_token, "tok-1");
	model_thread_release(&t);
	/* the same token again (a double Enter, a replayed job): no-op */
	cr_assert_eq(outbox_add(st, m, CONV, "hi", "tok-1", 11, NULL), LC_OK);
	cr_assert_eq(model_message_count(m), 1);
	model_free(m);
	m = reload(&st);
	cr_assert_eq(model_message_count(m), 1);
	model_free(m);
	store_close(st);
}

Test(outbox, confirmation_removes_the_row_and_replaces_the_pending_copy)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_msg ok = echo("m:srv1", "hi", "tok-1", 15);
	struct outbox_item *it;
	struct model_thread t;
	size_t n;

	outbox_add(st, m, CONV, "hi", "tok-1", 10, NULL);
	cr_assert_eq(outbox_confirm(st, m, CONV, &ok, NULL), LC_OK);
	cr_assert_eq(outbox_all(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 0);
	model_thread_snapshot(m, CONV, 0, &t);
	cr_assert_eq(t.n, 1);
	cr_assert_str_eq(t.msgs[0].urn, "m:srv1");
	cr_assert_eq(t.msgs[0].state, MODEL_MSG_SENT);
	model_thread_release(&t);
	model_free(m);

	m = reload(&st);
	cr_assert_eq(store_load_thread(st, m, CONV, INT64_MAX, 0, NULL, NULL),
	             LC_OK);
	model_thread_snapshot(m, CONV, 0, &t);
	cr_assert_eq(t.n, 1);
	cr_assert_str_eq(t.msgs[0].urn, "m:srv1");
	cr_assert_eq(t.msgs[0].state, MODEL_MSG_SENT);
	cr_assert_eq(t.msgs[0].time_ms, 15);
	model_thread_release(&t);
	model_free(m);
	store_close(st);
}

Test(outbox, restart_lists_every_waiting_row_with_its_original_token)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct outbox_item *it;
	size_t n;

	outbox_add(st, m, CONV, "first", "tok-a", 10, NULL);
	outbox_add(st, m, CONV, "second", "tok-b", 20, NULL);
	outbox_add(st, m, "urn:li:msg_conversation:other", "third", "tok-c", 30,
	           NULL);
	outbox_attempted(st, "tok-a", NULL);
	model_free(m);
	m = reload(&st);
	cr_assert_eq(outbox_queued(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(it[0].origin_token, "tok-a");
	cr_assert_eq(it[0].attempts, 1);
	cr_assert_str_eq(it[1].origin_token, "tok-b");
	cr_assert_str_eq(it[2].origin_token, "tok-c");
	cr_assert_str_eq(it[2].text, "third");
	outbox_items_free(it, n);
	cr_assert_eq(model_message_count(m), 3);
	model_free(m);
	store_close(st);
}

Test(outbox, synced_echo_with_the_token_counts_as_confirmation)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_msg seen = echo("m:srv1", "hi", "tok-1", 12);
	struct outbox_item *it;
	size_t n;

	outbox_add(st, m, CONV, "hi", "tok-1", 10, NULL);
	/* the worker saw the message in a thread page after a crash */
	cr_assert_eq(store_put_messages(st, CONV, &seen, 1, NULL), LC_OK);
	model_merge_messages(m, CONV, &seen, 1);
	cr_assert_eq(outbox_queued(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 0);
	outbox_items_free(it, n);
	cr_assert_eq(model_message_count(m), 1);
	model_free(m);
	m = reload(&st);
	/* no longer in the outbox: an ordinary message, read on opening */
	cr_assert_eq(model_message_count(m), 0);
	store_load_thread(st, m, CONV, INT64_MAX, 0, NULL, NULL);
	cr_assert_eq(model_message_count(m), 1);
	model_free(m);
	store_close(st);
}

Test(outbox, permanent_failure_keeps_the_text_until_retry_or_discard)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct outbox_item *it;
	struct model_msg got;
	size_t n;

	outbox_add(st, m, CONV, "keep my words", "tok-1", 10, NULL);
	cr_assert_eq(outbox_fail(st, m, "tok-1",
	                         "The service refused it "
	                         "(403).",
	                         NULL),
	             LC_OK);
	cr_assert_eq(outbox_queued(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 0);
	cr_assert_eq(outbox_all(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 1);
	cr_assert(it[0].failed);
	cr_assert_str_eq(it[0].last_error, "The service refused it (403).");
	outbox_items_free(it, n);
	model_free(m);

	m = reload(&st); /* still failed after a restart */
	cr_assert_eq(model_get_message(m, NULL, "tok-1", &got), 0);
	cr_assert_eq(got.state, MODEL_MSG_FAILED);
	cr_assert_str_eq(got.text, "keep my words");
	model_msg_clear(&got);

	cr_assert_eq(outbox_retry(st, m, "tok-1", NULL), LC_OK);
	cr_assert_eq(outbox_queued(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(it[0].origin_token, "tok-1");
	outbox_items_free(it, n);
	model_get_message(m, NULL, "tok-1", &got);
	cr_assert_eq(got.state, MODEL_MSG_PENDING);
	model_msg_clear(&got);

	outbox_fail(st, m, "tok-1", "refused", NULL);
	cr_assert_eq(outbox_discard(st, m, "tok-1", NULL), LC_OK);
	cr_assert_eq(model_message_count(m), 0);
	cr_assert_eq(outbox_retry(st, m, "tok-1", NULL), LC_EINVAL);
	model_free(m);
	m = reload(&st);
	cr_assert_eq(model_message_count(m), 0);
	cr_assert_eq(outbox_all(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 0);
	model_free(m);
	store_close(st);
}

Test(outbox, full_disk_refuses_the_send_and_keeps_the_model)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct lc_error err;
	char big[4096];
	char tok[32];
	enum lc_err e = LC_OK;
	int i, added = 0;

	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	store_limit_size(st, 64 * 1024);
	for (i = 0; i < 100 && e == LC_OK; i++) {
		snprintf(tok, sizeof(tok), "tok-%d", i);
		e = outbox_add(st, m, CONV, big, tok, i, &err);
		added += e == LC_OK;
	}
	cr_assert_eq(e, LC_EIO);
	cr_assert(strstr(err.msg, "disk is full") != NULL, "%s", err.msg);
	cr_assert(strstr(err.msg, big) == NULL); /* no message text */
	/* the refused one is not shown as pending; earlier ones are kept */
	cr_assert_eq(model_message_count(m), (size_t)added);
	cr_assert_eq(model_get_message(m, NULL, tok, &(struct model_msg){0}),
	             -1);
	model_free(m);
	store_close(st);
}

Test(outbox, missing_token_or_conversation_is_refused)
{
	struct store *st = open_ok();
	struct model *m = model_new();

	cr_assert_eq(outbox_add(st, m, CONV, "x", "", 1, NULL), LC_EINVAL);
	cr_assert_eq(outbox_add(st, m, NULL, "x", "t", 1, NULL), LC_EINVAL);
	cr_assert_eq(model_message_count(m), 0);
	model_free(m);
	store_close(st);
}

Test(outbox, pending_copy_put_up_by_the_ui_still_gets_its_row)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct outbox_item *it;
	size_t n;

	model_add_pending(m, CONV, "typed fast", "tok-ui", 10);
	cr_assert_eq(outbox_add(st, m, CONV, "typed fast", "tok-ui", 11, NULL),
	             LC_OK);
	cr_assert_eq(model_message_count(m), 1);
	cr_assert_eq(outbox_queued(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(it[0].origin_token, "tok-ui");
	outbox_items_free(it, n);
	model_free(m);
	store_close(st);
}

/* --- first messages, filed under a placeholder conversation --- */

#define DANA "urn:li:fsd_profile:ACoDana"
#define NEW_DANA "urn:li:linchat:new:urn:li:fsd_profile:ACoDana"
#define REAL "urn:li:msg_conversation:(urn:li:fsd_profile:ME,2-dana==)"

static int
outbox_empty_ok(struct store *st)
{
	struct outbox_item *it;
	size_t n;

	cr_assert_eq(outbox_all(st, &it, &n, NULL), LC_OK);
	outbox_items_free(it, n);
	return n == 0;
}

/* The inbox row of urn, or NULL; in is the snapshot it points into. */
static const struct model_inbox_row *
inbox_row(struct model *m, struct model_inbox *in, const char *urn)
{
	size_t i;

	model_inbox_snapshot(m, 0, in);
	for (i = 0; i < in->n; i++)
		if (strcmp(in->rows[i].urn, urn) == 0)
			return &in->rows[i];
	return NULL;
}

static void
first_ok(struct store *st, struct model *m, const char *text, const char *tok,
         int64_t t)
{
	struct lc_error err;

	cr_assert_eq(outbox_add_first(st, m, NEW_DANA, DANA, "Dana Kim", text,
	                              tok, t, &err),
	             LC_OK, "%s", err.msg);
}

Test(outbox, first_message_shows_under_the_recipients_name_across_a_restart)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	const struct model_inbox_row *row;
	struct model_inbox in;
	struct outbox_item *it;
	struct model_msg got;
	size_t n;

	model_set_me(m, ME);
	outbox_add(st, m, CONV, "an older reply", "tok-0", 5, NULL);
	first_ok(st, m, "hello Dana", "tok-1", 10);
	model_inbox_snapshot(m, 0, &in);
	cr_assert_eq(in.n, 2);
	cr_assert_str_eq(in.rows[0].urn, NEW_DANA, "newest first");
	cr_assert_str_eq(in.rows[0].name, "Dana Kim");
	cr_assert_str_eq(in.rows[0].preview, "hello Dana");
	model_inbox_release(&in);
	model_free(m);

	m = reload(&st);
	model_set_me(m, ME);
	row = inbox_row(m, &in, NEW_DANA);
	cr_assert_not_null(row);
	cr_assert_str_eq(row->name, "Dana Kim");
	cr_assert_eq(row->unread, 0);
	model_inbox_release(&in);
	cr_assert_eq(model_get_message(m, NULL, "tok-1", &got), 0);
	cr_assert_eq(got.state, MODEL_MSG_PENDING);
	cr_assert_str_eq(got.text, "hello Dana");
	model_msg_clear(&got);
	cr_assert_eq(outbox_queued(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(it[1].conv_urn, NEW_DANA);
	cr_assert_str_eq(it[1].origin_token, "tok-1");
	outbox_items_free(it, n);
	model_free(m);
	store_close(st);
}

Test(outbox, confirming_a_first_message_moves_it_to_the_real_conversation)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_msg ok = echo("m:srv1", "hello Dana", "tok-1", 15);
	struct model_inbox in;
	struct model_thread t;

	first_ok(st, m, "hello Dana", "tok-1", 10);
	cr_assert_eq(outbox_confirm(st, m, REAL, &ok, NULL), LC_OK);
	cr_assert_eq(model_conv_version(m, NEW_DANA), 0, "placeholder gone");
	cr_assert_eq(model_thread_snapshot(m, REAL, 0, &t), 0);
	cr_assert_eq(t.n, 1);
	cr_assert_str_eq(t.msgs[0].urn, "m:srv1");
	cr_assert_eq(t.msgs[0].state, MODEL_MSG_SENT);
	model_thread_release(&t);
	cr_assert_eq(model_message_count(m), 1);
	model_free(m);

	m = reload(&st);
	cr_assert_null(inbox_row(m, &in, NEW_DANA));
	model_inbox_release(&in);
	cr_assert_eq(store_load_thread(st, m, REAL, INT64_MAX, 0, NULL, NULL),
	             LC_OK);
	cr_assert_eq(model_thread_snapshot(m, REAL, 0, &t), 0);
	cr_assert_eq(t.n, 1);
	cr_assert_str_eq(t.msgs[0].text, "hello Dana");
	model_thread_release(&t);
	model_free(m);
	store_close(st);
}

Test(outbox, placeholder_stays_while_another_first_message_waits_in_it)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_msg a = echo("m:a", "one", "tok-a", 15);
	struct model_msg b = echo("m:b", "two", "tok-b", 25);
	struct model_inbox in;

	first_ok(st, m, "one", "tok-a", 10);
	first_ok(st, m, "two", "tok-b", 20);
	cr_assert_eq(outbox_confirm(st, m, REAL, &a, NULL), LC_OK);
	cr_assert_neq(model_conv_version(m, NEW_DANA), 0);
	model_free(m);
	m = reload(&st);
	cr_assert_not_null(inbox_row(m, &in, NEW_DANA));
	model_inbox_release(&in);
	cr_assert_eq(outbox_confirm(st, m, REAL, &b, NULL), LC_OK);
	cr_assert_eq(model_conv_version(m, NEW_DANA), 0);
	model_free(m);
	m = reload(&st);
	cr_assert_null(inbox_row(m, &in, NEW_DANA));
	model_inbox_release(&in);
	model_free(m);
	store_close(st);
}

Test(outbox, a_failed_first_message_keeps_its_text_until_discarded)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct outbox_item *it;
	struct model_inbox in;
	struct model_msg got;
	size_t n;

	first_ok(st, m, "hello Dana", "tok-1", 10);
	cr_assert_eq(outbox_fail(st, m, "tok-1", "Refused.", NULL), LC_OK);
	model_free(m);
	m = reload(&st);
	cr_assert_eq(model_get_message(m, NULL, "tok-1", &got), 0);
	cr_assert_eq(got.state, MODEL_MSG_FAILED);
	cr_assert_str_eq(got.text, "hello Dana");
	model_msg_clear(&got);
	cr_assert_not_null(inbox_row(m, &in, NEW_DANA));
	model_inbox_release(&in);
	/* retry makes it pending again, under the same placeholder */
	cr_assert_eq(outbox_retry(st, m, "tok-1", NULL), LC_OK);
	cr_assert_eq(outbox_queued(st, &it, &n, NULL), LC_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(it[0].conv_urn, NEW_DANA);
	outbox_items_free(it, n);
	cr_assert_eq(outbox_discard(st, m, "tok-1", NULL), LC_OK);
	cr_assert_eq(model_conv_version(m, NEW_DANA), 0);
	cr_assert_eq(model_message_count(m), 0);
	model_free(m);
	m = reload(&st);
	cr_assert_eq(model_conv_count(m), 0);
	model_free(m);
	store_close(st);
}

Test(outbox, a_first_message_a_sync_confirmed_leaves_no_placeholder_behind)
{
	struct store *st = open_ok();
	struct model *m = model_new();
	struct model_msg seen = echo("m:srv1", "hello Dana", "tok-1", 12);
	struct model_inbox in;
	size_t removed = 0;

	first_ok(st, m, "hello Dana", "tok-1", 10);
	/* a sync (maybe after a crash) brought it in the real thread */
	cr_assert_eq(store_put_messages(st, REAL, &seen, 1, NULL), LC_OK);
	model_merge_messages(m, REAL, &seen, 1);
	cr_assert(outbox_empty_ok(st));
	cr_assert_eq(outbox_drop_placeholders(st, m, &removed, NULL), LC_OK);
	cr_assert_eq(removed, 1);
	cr_assert_eq(model_conv_version(m, NEW_DANA), 0);
	cr_assert_eq(model_message_count(m), 1);
	model_free(m);
	m = reload(&st);
	cr_assert_null(inbox_row(m, &in, NEW_DANA));
	model_inbox_release(&in);
	cr_assert_eq(outbox_drop_placeholders(st, m, &removed, NULL), LC_OK);
	cr_assert_eq(removed, 0);
	model_free(m);
	store_close(st);
}

Test(outbox, a_first_message_needs_a_placeholder_and_a_recipient)
{
	struct store *st = open_ok();
	struct model *m = model_new();

	cr_assert_eq(outbox_add_first(st, m, CONV, DANA, "Dana", "hi", "tok-1",
	                              10, NULL),
	             LC_EINVAL);
	cr_assert_eq(outbox_add_first(st, m, NEW_DANA, NULL, "Dana", "hi",
	                              "tok-1", 10, NULL),
	             LC_EINVAL);
	cr_assert_eq(model_conv_count(m), 0);
	model_free(m);
	store_close(st);
}
