/* test-worker-triage.c — triage through the worker against voyager-sim
 * (issue 13): each action changes the simulator's state exactly once and
 * shows in the model before its request; a batch mark read is one
 * request; faults lose nothing; a restart replays a queued row; a
 * permanent refusal is undone and said; a stale sync does not undo a
 * pending move; mute is local, stored and survives a restart.
 */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/folder.h"
#include "core/model.h"
#include "core/store.h"
#include "core/triage-queue.h"
#include "core/worker.h"
#include "core/xmalloc.h"
#include "tests/sim/simclient.h"
#include "tests/unit/rig.h"
#include "tests/unit/rigtest.h"

static struct sim *
start_sim(void)
{
	const char *args[] = {"--conversations", "30", NULL};
	struct sim *sim = sim_start(args);

	cr_assert_not_null(sim);
	cr_assert_eq(rig_mktmpdir(), 0);
	return sim;
}

/* A worker on db, started, after its initial sync. */
static void
up(struct rig *r, struct sim *sim, const char *db)
{
	rigt_up(r, sim, db, 30, 600);
	rigt_start(r);
	cr_assert(rig_wait_for(r, rig_initial_done, NULL, 20000));
}

static long
state_long(struct sim *s, const char *path)
{
	struct json_object *st = sim_state_json(s), *v = st;
	char *p = xstrdup(path), *save = NULL, *k;
	long n;

	cr_assert_not_null(st);
	for (k = strtok_r(p, ".", &save); k != NULL && v != NULL;
	     k = strtok_r(NULL, ".", &save))
		if (!json_object_object_get_ex(v, k, &v))
			v = NULL;
	cr_assert_not_null(v, "no %s in /__sim/state", path);
	n = (long)json_object_get_int64(v);
	free(p);
	json_object_put(st);
	return n;
}

static int
queue_empty(struct rig *r, const void *arg)
{
	struct triage_item *items;
	size_t n = 1;

	(void)arg;
	if (triage_queue_list(r->st, &items, &n, NULL) != LC_OK)
		return 0;
	triage_queue_free(items, n);
	return n == 0;
}

static size_t
queued(struct rig *r)
{
	struct triage_item *items;
	size_t n = 0;

	cr_assert_eq(triage_queue_list(r->st, &items, &n, NULL), LC_OK);
	triage_queue_free(items, n);
	return n;
}

static unsigned
cats_of(struct rig *r, const char *urn)
{
	unsigned c = 0;

	cr_assert_eq(model_conv_state(r->m, urn, &c, NULL), 0, "%s", urn);
	return c;
}

static void
fault(struct sim *sim, const char *kind, int next, const char *endpoint)
{
	char *body, *reply;

	body = xasprintf("{\"next\":%d,\"fault\":\"%s\",\"endpoint\":\"%s\"}",
	                 next, kind, endpoint);
	reply = sim_post(sim, "/__sim/fault", body);
	cr_assert_not_null(reply);
	free(reply);
	free(body);
}

/* The newest conversation in Focused (caller frees). */
static char *
focused_conv(struct rig *r)
{
	struct model_inbox in;
	char *u = NULL;
	size_t i;

	model_inbox_snapshot(r->m, 0, &in);
	for (i = 0; i < in.n && u == NULL; i++)
		if (folder_of(in.rows[i].categories) == FOLDER_FOCUSED)
			u = xstrdup(in.rows[i].urn);
	model_inbox_release(&in);
	cr_assert_not_null(u, "no conversation in Focused");
	return u;
}

/* More inbox syncs succeeded than *arg. */
static int
synced_past(struct rig *r, const void *arg)
{
	struct worker_stats s;

	worker_stats_get(r->w, &s);
	return s.syncs > *(const unsigned long *)arg;
}

/* The sync status's sentence contains part. */
static int
said(struct rig *r, const void *part)
{
	struct model_sync s;

	model_lock(r->m);
	model_get_sync(r->m, &s);
	model_unlock(r->m);
	return strstr(s.last_error, part) != NULL;
}

Test(triage, archive_shows_at_once_and_changes_the_service_once)
{
	struct sim *sim = start_sim();
	char *db = rig_db_path("archive"), *c[1];
	const char *one[1];
	long before;
	struct rig r;

	up(&r, sim, db);
	c[0] = focused_conv(&r);
	one[0] = c[0];
	before = state_long(sim, "folders.ARCHIVE.total");
	cr_assert_eq(folder_of(cats_of(&r, c[0])), FOLDER_FOCUSED);
	/* the first try is refused before the handler runs: the model
	 * shows the move before any request reached the service */
	fault(sim, "503", 1, "add_category");
	cr_assert_eq(worker_push_triage(r.w, WT_ARCHIVE, one, 1), 0);
	cr_assert_eq(folder_of(cats_of(&r, c[0])), FOLDER_ARCHIVE);
	cr_assert(rig_wait_for(&r, queue_empty, NULL, 20000));
	cr_assert_eq(state_long(sim, "category_changes"), 1);
	cr_assert_eq(state_long(sim, "folders.ARCHIVE.total"), before + 1);
	cr_assert_eq(folder_of(cats_of(&r, c[0])), FOLDER_ARCHIVE);

	/* and back: the undo of archive */
	cr_assert_eq(worker_triage_undo(WT_ARCHIVE), WT_UNARCHIVE);
	cr_assert_eq(worker_push_triage(r.w, WT_UNARCHIVE, one, 1), 0);
	cr_assert_eq(folder_of(cats_of(&r, c[0])), FOLDER_FOCUSED);
	cr_assert(rig_wait_for(&r, queue_empty, NULL, 20000));
	cr_assert_eq(state_long(sim, "category_changes"), 2);
	cr_assert_eq(state_long(sim, "folders.ARCHIVE.total"), before);
	free(c[0]);
	rig_down(&r);
	free(db);
	sim_stop(sim);
	rig_rmtmpdir();
}

Test(triage, star_other_and_spam_each_change_the_service_once)
{
	static const struct {
		enum worker_triage op;
		const char *folder;
		long delta;
	} steps[] = {
	    {WT_STAR, "folders.STARRED.total", 1},
	    {WT_UNSTAR, "folders.STARRED.total", -1},
	    {WT_OTHER, "folders.SECONDARY_INBOX.total", 1},
	    {WT_FOCUSED, "folders.SECONDARY_INBOX.total", -1},
	    {WT_SPAM, "folders.SPAM.total", 1},
	    {WT_NOT_SPAM, "folders.SPAM.total", -1},
	};
	struct sim *sim = start_sim();
	char *db = rig_db_path("star"), *c;
	const char *one[1];
	long before;
	struct rig r;
	size_t i;

	up(&r, sim, db);
	c = focused_conv(&r);
	one[0] = c;
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		before = state_long(sim, steps[i].folder);
		cr_assert_eq(worker_push_triage(r.w, steps[i].op, one, 1), 0);
		cr_assert(rig_wait_for(&r, queue_empty, NULL, 20000));
		cr_assert_eq(state_long(sim, steps[i].folder),
		             before + steps[i].delta, "step %zu", i);
		cr_assert_eq(state_long(sim, "category_changes"), (long)i + 1,
		             "step %zu", i);
	}
	free(c);
	rig_down(&r);
	free(db);
	sim_stop(sim);
	rig_rmtmpdir();
}

Test(triage, batch_mark_read_of_five_is_one_request)
{
	struct sim *sim = start_sim();
	char *db = rig_db_path("batch"), **c, path[256];
	struct model_inbox in;
	long before;
	struct rig r;
	size_t i, k;

	up(&r, sim, db);
	c = rigt_convs(&r, 5);
	cr_assert_eq(worker_push_triage(r.w, WT_UNREAD, (const char **)c, 5),
	             0);
	cr_assert(rig_wait_for(&r, queue_empty, NULL, 20000));
	before = sim_requests(sim, "mark_read");
	cr_assert_eq(worker_push_triage(r.w, WT_READ, (const char **)c, 5), 0);
	model_inbox_snapshot(r.m, 0, &in);
	for (i = 0, k = 0; i < in.n; i++)
		for (size_t j = 0; j < 5; j++)
			k += strcmp(in.rows[i].urn, c[j]) == 0 &&
			     in.rows[i].read && in.rows[i].unread == 0;
	model_inbox_release(&in);
	cr_assert_eq(k, 5, "all five read in the model at once");
	cr_assert(rig_wait_for(&r, queue_empty, NULL, 20000));
	cr_assert_eq(sim_requests(sim, "mark_read"), before + 1);
	for (i = 0; i < 5; i++) {
		struct json_object *st = sim_state_json(sim), *rd, *v;

		snprintf(path, sizeof path, "%s", c[i]);
		cr_assert(json_object_object_get_ex(st, "read", &rd));
		cr_assert(json_object_object_get_ex(rd, path, &v), "%s", c[i]);
		cr_assert(json_object_get_boolean(v));
		json_object_put(st);
	}
	rigt_free_convs(c, 5);
	rig_down(&r);
	free(db);
	sim_stop(sim);
	rig_rmtmpdir();
}

Test(triage, a_dropped_connection_loses_nothing_and_changes_once)
{
	struct sim *sim = start_sim();
	char *db = rig_db_path("reset"), **c;
	const char *one[1];
	struct rig r;

	up(&r, sim, db);
	c = rigt_convs(&r, 1);
	one[0] = c[0];
	/* the handler ran, the answer is cut, three times: the queue's
	 * backoff retries it (about 2 s, 4 s) */
	fault(sim, "reset", 3, "add_category");
	cr_assert_eq(worker_push_triage(r.w, WT_STAR, one, 1), 0);
	cr_assert(rig_wait_for(&r, queue_empty, NULL, 60000));
	cr_assert_eq(sim_requests(sim, "add_category"), 4);
	cr_assert_eq(state_long(sim, "category_changes"), 1);
	cr_assert(cats_of(&r, c[0]) & MODEL_CAT_STARRED);
	rigt_free_convs(c, 1);
	rig_down(&r);
	free(db);
	sim_stop(sim);
	rig_rmtmpdir();
}

Test(triage, a_pending_move_survives_a_sync_that_reports_the_old_folder)
{
	struct sim *sim = start_sim();
	char *db = rig_db_path("stale"), *c, *body, *reply;
	struct worker_stats s0;
	const char *one[1];
	struct rig r;

	up(&r, sim, db);
	c = focused_conv(&r);
	one[0] = c;
	fault(sim, "503", 200, "add_category");
	cr_assert_eq(worker_push_triage(r.w, WT_ARCHIVE, one, 1), 0);
	cr_assert(rig_wait_for(&r, said, "will retry", 20000));
	/* a new message: the delta sync reports the conversation, still in
	 * Focused on the service */
	body = xasprintf("{\"conversation_urn\":\"%s\"}", c);
	reply = sim_post(sim, "/__sim/incoming", body);
	cr_assert_not_null(reply);
	free(reply);
	free(body);
	worker_stats_get(r.w, &s0);
	cr_assert_eq(worker_push_sync(r.w), 0);
	cr_assert(rig_wait_for(&r, synced_past, &s0.syncs, 20000));
	cr_assert_eq(folder_of(cats_of(&r, c)), FOLDER_ARCHIVE);
	cr_assert_eq(queued(&r), 1);
	cr_assert_eq(state_long(sim, "category_changes"), 0);
	rig_down(&r);
	free(db);
	free(c);
	sim_stop(sim);
	rig_rmtmpdir();
}

Test(triage, a_restart_replays_a_queued_row_once)
{
	struct sim *sim = start_sim();
	char *db = rig_db_path("replay"), *urn;
	const char *one[1];
	long before;
	struct rig r;

	up(&r, sim, db);
	urn = focused_conv(&r);
	rig_down(&r);

	/* a worker that never starts (a crash right after the push) */
	before = state_long(sim, "folders.ARCHIVE.total");
	rigt_up(&r, sim, db, 30, 600);
	one[0] = urn;
	cr_assert_eq(worker_push_triage(r.w, WT_ARCHIVE, one, 1), 0);
	cr_assert_eq(queued(&r), 1);
	rig_down(&r);
	cr_assert_eq(state_long(sim, "category_changes"), 0);

	/* the next run shows it archived from its first frame, then sends */
	rigt_up(&r, sim, db, 30, 600);
	rigt_start(&r);
	cr_assert_eq(folder_of(cats_of(&r, urn)), FOLDER_ARCHIVE);
	cr_assert(rig_wait_for(&r, queue_empty, NULL, 20000));
	cr_assert(rig_wait_for(&r, rig_initial_done, NULL, 20000));
	cr_assert_eq(state_long(sim, "category_changes"), 1);
	cr_assert_eq(state_long(sim, "folders.ARCHIVE.total"), before + 1);
	cr_assert_eq(folder_of(cats_of(&r, urn)), FOLDER_ARCHIVE);
	rig_down(&r);
	free(urn);
	free(db);
	sim_stop(sim);
	rig_rmtmpdir();
}

Test(triage, a_permanent_refusal_is_undone_and_said)
{
	struct sim *sim = start_sim();
	char *db = rig_db_path("refuse");
	const char *fake = "urn:li:msg_conversation:(urn:li:fsd_profile:"
	                   "ACoAAUnknown,2-bm90LWF0LXRoZS1zZXJ2aWNl)";
	const char *one[1] = {fake};
	struct model_conv mc;
	unsigned cats;
	int read;
	struct rig r;

	up(&r, sim, db);
	memset(&mc, 0, sizeof mc);
	mc.urn = fake;
	mc.read = 1;
	mc.categories = MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX;
	mc.last_ms = 1;
	cr_assert_eq(store_put_conversations(r.st, &mc, 1, NULL), LC_OK);
	model_put_conversation(r.m, &mc);
	cr_assert_eq(worker_push_triage(r.w, WT_STAR, one, 1), 0);
	cr_assert(cats_of(&r, fake) & MODEL_CAT_STARRED);
	cr_assert(rig_wait_for(&r, said,
	                       "Could not star 1 conversation "
	                       "(undone)",
	                       20000));
	cr_assert(rig_wait_for(&r, queue_empty, NULL, 20000));
	cr_assert_eq(model_conv_state(r.m, fake, &cats, &read), 0);
	cr_assert_eq(cats, MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX);
	cr_assert_eq(state_long(sim, "category_changes"), 0);
	rig_down(&r);

	/* the store holds the old state too */
	rigt_up(&r, sim, db, 30, 600);
	cr_assert_eq(model_conv_state(r.m, fake, &cats, NULL), 0);
	cr_assert_eq(cats, MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX);
	rig_down(&r);
	free(db);
	sim_stop(sim);
	rig_rmtmpdir();
}

Test(triage, delete_removes_it_once_everywhere)
{
	struct sim *sim = start_sim();
	char *db = rig_db_path("delete"), **c, *urn;
	const char *one[1];
	struct rig r;

	up(&r, sim, db);
	c = rigt_convs(&r, 1);
	urn = xstrdup(c[0]);
	one[0] = urn;
	rigt_free_convs(c, 1);
	cr_assert_eq(worker_triage_undo(WT_DELETE), -1);
	cr_assert_eq(worker_push_triage(r.w, WT_DELETE, one, 1), 0);
	cr_assert_eq(model_conv_version(r.m, urn), 0, "gone at once");
	cr_assert(rig_wait_for(&r, queue_empty, NULL, 20000));
	cr_assert_eq(sim_requests(sim, "delete_conversation"), 1);
	cr_assert_eq(model_conv_version(r.m, urn), 0);
	rig_down(&r);
	rigt_up(&r, sim, db, 30, 600);
	cr_assert_eq(model_conv_version(r.m, urn), 0, "gone from the store");
	rig_down(&r);
	free(urn);
	free(db);
	sim_stop(sim);
	rig_rmtmpdir();
}

Test(triage, mute_is_local_and_survives_a_restart)
{
	struct sim *sim = start_sim();
	char *db = rig_db_path("mute"), **c, *urn;
	struct model_inbox in;
	const char *one[1];
	long total;
	struct rig r;
	size_t i;
	int seen = 0;

	up(&r, sim, db);
	c = rigt_convs(&r, 1);
	urn = xstrdup(c[0]);
	one[0] = urn;
	rigt_free_convs(c, 1);
	total = sim_requests(sim, "total");
	cr_assert_eq(worker_push_triage(r.w, WT_MUTE, one, 1), 0);
	cr_assert(model_conv_muted(r.m, urn));
	cr_assert_eq(sim_requests(sim, "total"), total, "no request");
	rig_down(&r);

	rigt_up(&r, sim, db, 30, 600);
	rigt_start(&r);
	cr_assert(model_conv_muted(r.m, urn));
	model_inbox_snapshot(r.m, 0, &in);
	for (i = 0; i < in.n; i++)
		if (strcmp(in.rows[i].urn, urn) == 0)
			seen = in.rows[i].muted;
		else
			cr_assert_eq(in.rows[i].muted, 0);
	model_inbox_release(&in);
	cr_assert(seen, "the inbox row says muted");
	cr_assert_eq(worker_push_triage(r.w, WT_UNMUTE, one, 1), 0);
	cr_assert(!model_conv_muted(r.m, urn));
	rig_down(&r);
	rigt_up(&r, sim, db, 30, 600);
	cr_assert(!model_conv_muted(r.m, urn));
	rig_down(&r);
	free(urn);
	free(db);
	sim_stop(sim);
	rig_rmtmpdir();
}

Test(triage, bad_arguments_are_refused)
{
	struct sim *sim = start_sim();
	char *db = rig_db_path("bad");
	const char *none[1] = {""};
	struct rig r;

	up(&r, sim, db);
	cr_assert_eq(worker_push_triage(r.w, WT_ARCHIVE, NULL, 1), -1);
	cr_assert_eq(worker_push_triage(r.w, WT_ARCHIVE, none, 0), -1);
	cr_assert_eq(worker_push_triage(r.w, WT_ARCHIVE, none, 1), -1);
	cr_assert_eq(worker_push_triage(r.w, (enum worker_triage)99, none, 1),
	             -1);
	cr_assert_eq(queued(&r), 0);
	rig_down(&r);
	free(db);
	sim_stop(sim);
	rig_rmtmpdir();
}
