/* test-worker-folders.c — every folder of the mailbox read into the model
 * and the store (core/worker-folder.c), against voyager-sim: each folder
 * pages to its end and holds what the simulator holds in that category,
 * the unread counts come from one request per sync, a failing folder read
 * leaves its sentence in the folder, a warm start shows every folder
 * without a request, and the requests of a whole sync stay within
 * folders + pages + 1.  Unknown categories (from a scripted server) are
 * kept and shown under Other.
 */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/folder.h"
#include "core/model.h"
#include "core/store.h"
#include "core/worker.h"
#include "core/xmalloc.h"
#include "tests/sim/simclient.h"
#include "tests/unit/mini-server.h"
#include "tests/unit/rig.h"
#include "tests/unit/rigtest.h"

#define ALL 100000 /* a depth past every folder: read to the end */

/* One timeout for the suite: a per-test .timeout leaks in Criterion. */
TestSuite(worker_folders, .timeout = 300);

static struct sim *sim;
static char *db;

static void
start_sim(const char *convs)
{
	const char *args[] = {"--conversations", convs, "--messages", "2",
	                      NULL};

	sim = sim_start(args);
	cr_assert_not_null(sim);
	cr_assert_eq(rig_mktmpdir(), 0);
	db = rig_db_path("folders");
}

static void
stop_sim(void)
{
	free(db);
	db = NULL;
	rig_rmtmpdir();
	sim_stop(sim);
	sim = NULL;
}

/* Conversations the model holds with the category bit. */
static size_t
with_bit(struct model *m, unsigned bit, int unread_only)
{
	struct model_inbox in;
	size_t i, n = 0;

	model_inbox_snapshot(m, 0, &in);
	for (i = 0; i < in.n; i++)
		if ((in.rows[i].categories & bit) &&
		    (!unread_only || in.rows[i].unread > 0))
			n++;
	model_inbox_release(&in);
	return n;
}

/* /__sim/state's count of live conversations in category cat. */
static long
sim_in_category(const char *cat)
{
	struct json_object *o = sim_state_json(sim), *c, *v;
	long n = -1;

	cr_assert_not_null(o);
	if (json_object_object_get_ex(o, "conversations", &c) &&
	    json_object_object_get_ex(c, cat, &v))
		n = (long)json_object_get_int64(v);
	json_object_put(o);
	return n;
}

static void
wait_initial(struct rig *r)
{
	cr_assert(rig_wait_for(r, rig_initial_done, NULL, 90000),
	          "the folder reads did not end");
}

/* Every folder complete, with what the simulator holds in its category. */
static void
assert_every_folder_complete(struct model *m)
{
	struct model_folder_status s;
	int f;

	for (f = 0; f < FOLDER_VIEWS; f++) {
		const struct folder_info *fi = folder_info((enum folder)f);

		model_folder_status(m, (enum folder)f, &s);
		cr_assert_eq(s.complete, 1, "%s not complete", fi->label);
		cr_assert_eq(s.loading, 0, "%s still loading", fi->label);
		cr_assert_str_eq(s.error, "", "%s", fi->label);
		cr_assert_eq((long)with_bit(m, fi->bit, 0),
		             sim_in_category(fi->category), "%s", fi->label);
	}
	model_folder_status(m, FOLDER_STARRED, &s);
	cr_assert_eq(s.complete, 1, "Starred follows the six");
}

Test(worker_folders, every_folder_pages_to_its_end_and_matches_the_simulator)
{
	struct rig r;

	start_sim("300");
	rigt_up(&r, sim, db, ALL, 600);
	rigt_start(&r);
	wait_initial(&r);
	assert_every_folder_complete(r.m);
	cr_assert_gt(with_bit(r.m, MODEL_CAT_PRIMARY_INBOX, 0), 100,
	             "Focused spans several pages");
	cr_assert_eq((long)model_conv_count(r.m), sim_in_category("total"));
	rig_down(&r);
	stop_sim();
}

Test(worker_folders, a_sync_of_a_1000_conversation_mailbox_stays_in_budget)
{
	long total, pages = 1; /* the sync-token read */
	struct rig r;
	int f;

	start_sim("1000");
	rigt_up(&r, sim, NULL, ALL, 600);
	rigt_start(&r);
	wait_initial(&r);
	assert_every_folder_complete(r.m);
	for (f = 0; f < FOLDER_VIEWS; f++) {
		long n = sim_in_category(folder_info((enum folder)f)->category);

		pages += (n + 24) / 25; /* pages of 25 that hold them */
	}
	total = sim_requests(sim, "total");
	cr_assert_leq(total, FOLDER_VIEWS + pages + 1,
	              "%ld requests for %ld pages", total, pages);
	cr_assert_eq(sim_requests(sim, "mailbox_counts"), 1);
	cr_assert_eq((long)model_conv_count(r.m), 1000);
	rig_down(&r);
	stop_sim();
}

static int
synced_twice(struct rig *r, const void *arg)
{
	struct worker_stats s;

	(void)arg;
	worker_stats_get(r->w, &s);
	return s.syncs >= 2 && sim_requests(sim, "mailbox_counts") >= 2;
}

Test(worker_folders, unread_counts_come_from_one_request_per_sync)
{
	struct model_folder_status s;
	struct rig r;
	int f;

	start_sim("130");
	rigt_up(&r, sim, db, ALL, 600);
	model_folder_status(r.m, FOLDER_ARCHIVE, &s);
	cr_assert_eq(s.unread, -1, "unknown before the first sync");
	rigt_start(&r);
	wait_initial(&r);
	cr_assert_eq(sim_requests(sim, "mailbox_counts"), 1);
	for (f = 0; f < FOLDER_VIEWS; f++) {
		const struct folder_info *fi = folder_info((enum folder)f);

		model_folder_status(r.m, (enum folder)f, &s);
		cr_assert_eq(s.unread, (long)with_bit(r.m, fi->bit, 1), "%s",
		             fi->label);
	}
	model_folder_status(r.m, FOLDER_FOCUSED, &s);
	cr_assert_gt(s.unread, 0);
	worker_push_sync(r.w);
	cr_assert(rig_wait_for(&r, synced_twice, NULL, 20000));
	cr_assert_eq(sim_requests(sim, "mailbox_counts"), 2, "one per sync");
	rig_down(&r);
	stop_sim();
}

Test(worker_folders, a_warm_start_holds_every_folder_without_a_request)
{
	struct model_folder_status s;
	long reads, counts;
	size_t n;
	struct rig r;

	start_sim("130");
	rigt_up(&r, sim, db, ALL, 600);
	rigt_start(&r);
	wait_initial(&r);
	n = model_conv_count(r.m);
	model_folder_status(r.m, FOLDER_FOCUSED, &s);
	counts = s.unread;
	rig_down(&r);

	/* The store alone, before the worker runs. */
	reads = sim_requests(sim, "total");
	rigt_up(&r, sim, db, ALL, 600);
	cr_assert_eq(model_conv_count(r.m), n);
	assert_every_folder_complete(r.m);
	model_folder_status(r.m, FOLDER_FOCUSED, &s);
	cr_assert_eq(s.unread, counts, "the counts survive a restart");
	cr_assert_eq(sim_requests(sim, "total"), reads);
	/* Started: a delta and the counts, no folder read again. */
	reads = sim_requests(sim, "conversations_category");
	rigt_start(&r);
	wait_initial(&r);
	cr_assert_eq(sim_requests(sim, "conversations_category"), reads);
	rig_down(&r);
	stop_sim();
}

static int
archive_complete(struct rig *r, const void *arg)
{
	struct model_folder_status s;

	(void)arg;
	model_folder_status(r->m, FOLDER_ARCHIVE, &s);
	return s.complete;
}

Test(worker_folders, a_failing_folder_read_shows_its_error_in_the_folder)
{
	struct model_folder_status s;
	struct rig r;
	char *ans;
	int f;

	start_sim("130");
	ans = sim_post(sim, "/__sim/fault",
	               "{\"next\":6,\"fault\":\"malformed\",\"endpoint\":"
	               "\"conversations_category\"}");
	cr_assert_not_null(ans);
	free(ans);
	rigt_up(&r, sim, db, ALL, 600);
	rigt_start(&r);
	wait_initial(&r);
	for (f = 0; f < FOLDER_VIEWS; f++) {
		const struct folder_info *fi = folder_info((enum folder)f);
		char want[64];

		model_folder_status(r.m, (enum folder)f, &s);
		snprintf(want, sizeof want, "Could not read %s: ", fi->label);
		cr_assert_eq(s.complete, 0);
		cr_assert_eq(s.loading, 0);
		cr_assert(strncmp(s.error, want, strlen(want)) == 0 &&
		              strlen(s.error) > strlen(want) + 5,
		          "%s: \"%s\"", fi->label, s.error);
	}
	/* The user opens Archive: read again, and the error goes. */
	cr_assert_eq(worker_push_folder(r.w, FOLDER_ARCHIVE), 0);
	cr_assert(rig_wait_for(&r, archive_complete, NULL, 20000));
	model_folder_status(r.m, FOLDER_ARCHIVE, &s);
	cr_assert_str_eq(s.error, "");
	cr_assert_eq((long)with_bit(r.m, MODEL_CAT_ARCHIVE, 0),
	             sim_in_category("ARCHIVE"));
	rig_down(&r);
	stop_sim();
}

static int
focused_complete(struct rig *r, const void *arg)
{
	struct model_folder_status s;

	(void)arg;
	model_folder_status(r->m, FOLDER_FOCUSED, &s);
	return s.complete && !s.loading;
}

Test(worker_folders, push_folder_reads_on_past_the_depth)
{
	struct model_folder_status s;
	long before;
	struct rig r;

	start_sim("300");
	rigt_up(&r, sim, db, 30, 600);
	rigt_start(&r);
	wait_initial(&r);
	model_folder_status(r.m, FOLDER_FOCUSED, &s);
	cr_assert_eq(s.complete, 0, "stopped at the depth");
	cr_assert_eq(with_bit(r.m, MODEL_CAT_PRIMARY_INBOX, 0), 30);
	before = sim_requests(sim, "conversations_category");
	cr_assert_eq(worker_push_folder(r.w, FOLDER_FOCUSED), 0);
	cr_assert(rig_wait_for(&r, focused_complete, NULL, 30000));
	cr_assert_eq((long)with_bit(r.m, MODEL_CAT_PRIMARY_INBOX, 0),
	             sim_in_category("PRIMARY_INBOX"));
	/* From where it stopped: no page read twice. */
	cr_assert_leq(sim_requests(sim, "conversations_category") - before,
	              (sim_in_category("PRIMARY_INBOX") - 30) / 25 + 1);
	/* Complete now: asking again costs nothing. */
	before = sim_requests(sim, "total");
	cr_assert_eq(worker_push_folder(r.w, FOLDER_FOCUSED), 0);
	cr_assert_eq(sim_requests(sim, "total"), before);
	rig_down(&r);
	stop_sim();
}

Test(worker_folders, category_names_map_to_bits_and_unknown_ones_to_other)
{
	const char *known[] = {"INBOX", "SECONDARY_INBOX"};
	const char *odd[] = {"FANCY_NEW_FOLDER"};
	const char *both[] = {"ARCHIVE", "FANCY_NEW_FOLDER"};
	unsigned b;

	b = model_categories(known, 2);
	cr_assert_eq(b, MODEL_CAT_INBOX | MODEL_CAT_SECONDARY_INBOX);
	b = model_categories(odd, 1);
	cr_assert_eq(b, MODEL_CAT_UNKNOWN);
	cr_assert_eq(folder_of(b), FOLDER_OTHER);
	b = model_categories(both, 2);
	cr_assert_eq(b, MODEL_CAT_ARCHIVE | MODEL_CAT_UNKNOWN);
	cr_assert_eq(folder_of(b), FOLDER_ARCHIVE, "a known place wins");
	cr_assert_eq(model_categories(NULL, 0), 0);
}

/* --- a scripted server that names a category nobody knows --- */

#define ODD_CONV                                                               \
	"urn:li:msg_conversation:(urn:li:fsd_profile:" SIM_DEMO_PROFILE_ID     \
	",2-T0RE)"

static char *
http_ok(const char *body)
{
	return xasprintf("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	                 "Content-Length: %zu\r\n\r\n%s",
	                 strlen(body), body);
}

static int
odd_conv_held(struct rig *r, const void *arg)
{
	(void)arg;
	return model_conv_version(r->m, ODD_CONV) != 0 &&
	       rig_initial_done(r, NULL);
}

static unsigned
cats_of(struct model *m, const char *urn)
{
	struct model_inbox in;
	unsigned c = 0;
	size_t i;

	model_inbox_snapshot(m, 0, &in);
	for (i = 0; i < in.n; i++)
		if (strcmp(in.rows[i].urn, urn) == 0)
			c = in.rows[i].categories;
	model_inbox_release(&in);
	return c;
}

Test(worker_folders, an_unknown_category_is_kept_and_shown_under_other)
{
	char *bodies[8], url[64];
	struct canned resp[8];
	struct model_folder_status s;
	struct model *again;
	struct store *st;
	struct mini *srv;
	struct rig r;
	sqlite3 *h;
	sqlite3_stmt *q;
	int i;

	bodies[0] = http_ok(
	    "{\"data\":{\"messengerConversationsBySyncToken\":{\"metadata\":"
	    "{\"newSyncToken\":\"t1\",\"deletedUrns\":[]},\"elements\":[{"
	    "\"entityUrn\":\"" ODD_CONV "\",\"lastActivityAt\":1770000000000,"
	    "\"read\":true,\"unreadCount\":0,\"categories\":["
	    "\"FANCY_NEW_FOLDER\"],\"conversationParticipants\":[]}]}}}");
	bodies[1] = http_ok(
	    "{\"data\":{\"messengerMailboxCountsByMailbox\":{\"elements\":[{"
	    "\"category\":\"SECONDARY_INBOX\",\"unreadConversationCount\":3}"
	    "]}}}");
	for (i = 2; i < 8; i++)
		bodies[i] = http_ok("{\"data\":{\"messengerConversationsBy"
		                    "CategoryQuery\":{\"metadata\":{},"
		                    "\"elements\":[]}}}");
	for (i = 0; i < 8; i++) {
		resp[i].data = bodies[i];
		resp[i].len = 0;
	}
	srv = mini_start(resp, 8);
	snprintf(url, sizeof url, "http://127.0.0.1:%d", srv->port);
	cr_assert_eq(rig_mktmpdir(), 0);
	db = rig_db_path("odd");
	{
		struct lc_error err;

		lc_error_clear(&err);
		cr_assert_eq(rig_init(&r, url, db, ALL, 600, &err), 0, "%s",
		             err.msg);
	}
	rigt_start(&r);
	cr_assert(rig_wait_for(&r, odd_conv_held, NULL, 20000));
	cr_assert_eq(cats_of(r.m, ODD_CONV), MODEL_CAT_UNKNOWN);
	cr_assert_eq(folder_of(cats_of(r.m, ODD_CONV)), FOLDER_OTHER);
	model_folder_status(r.m, FOLDER_OTHER, &s);
	cr_assert_eq(s.unread, 3);
	rig_down(&r);
	mini_stop(srv);

	/* The name itself is kept in the store... */
	cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h,
	                                "SELECT category_names FROM "
	                                "conversations WHERE urn = ?1",
	                                -1, &q, NULL),
	             SQLITE_OK);
	sqlite3_bind_text(q, 1, ODD_CONV, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(q), SQLITE_ROW);
	cr_assert_str_eq((const char *)sqlite3_column_text(q, 0),
	                 "FANCY_NEW_FOLDER");
	sqlite3_finalize(q);
	sqlite3_close(h);
	/* ...and a warm start shows it under Other again. */
	again = model_new();
	cr_assert_eq(store_open(db, &st, NULL), LC_OK);
	cr_assert_eq(store_load(st, again, NULL), LC_OK);
	cr_assert_eq(folder_of(cats_of(again, ODD_CONV)), FOLDER_OTHER);
	store_close(st);
	model_free(again);
	for (i = 0; i < 8; i++)
		free(bodies[i]);
	free(db);
	db = NULL;
	rig_rmtmpdir();
}
