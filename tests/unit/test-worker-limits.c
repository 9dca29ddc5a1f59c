/* test-worker-limits.c — the worker against voyager-sim at the limits of
 * docs/security.md: a sync answer over 32 MiB or nested 10 000 deep is
 * reported in the sync status and leaves the inbox as it was (the next
 * sync recovers); a 1 MiB message, a 1 000-person group and a
 * 100 000-character name come in whole, go through the store and back.
 *
 * Sync timers are slow (60 s) so only the syncs the tests push run; waits
 * poll the model with generous bounds, as in test-worker.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "tests/unit/rig.h"
#include "tests/sim/simclient.h"
#include "core/store.h"
#include "core/worker.h"
#include "core/xmalloc.h"

#define BIG_LEN (1u << 20)

static struct sim *sim;
static struct rig r;
static size_t n0;

static void
up(void)
{
	const char *args[] = {
	    "--seed", "31", "--conversations", "12", "--messages", "3", NULL};
	struct lc_error err;
	char *db;

	sim = sim_start(args);
	cr_assert_not_null(sim);
	cr_assert_eq(rig_mktmpdir(), 0);
	db = rig_db_path("limits");
	lc_error_clear(&err);
	cr_assert_eq(rig_init(&r, sim_base_url(sim), db, 40, 60, &err), 0, "%s",
	             err.msg);
	free(db);
	cr_assert_eq(worker_start(r.w, &err), LC_OK, "%s", err.msg);
	cr_assert(rig_wait_for(&r, rig_initial_done, NULL, 30000));
	n0 = model_conv_count(r.m);
	cr_assert_gt(n0, 5);
}

static void
down(void)
{
	rig_down(&r);
	rig_rmtmpdir();
	sim_stop(sim);
}

TestSuite(worker_limits, .init = up, .fini = down, .timeout = 120);

static void
post(const char *path, const char *body)
{
	char *ans = sim_post(sim, path, body);

	cr_assert_not_null(ans, "POST %s %s", path, body);
	free(ans);
}

static int
error_says(struct rig *rg, const void *arg)
{
	struct model_sync s;

	model_get_sync(rg->m, &s);
	return strstr(s.last_error, arg) != NULL;
}

static int
no_error(struct rig *rg, const void *arg)
{
	struct model_sync s;

	(void)arg;
	model_get_sync(rg->m, &s);
	return s.last_error[0] == '\0';
}

static int
has_convs(struct rig *rg, const void *arg)
{
	return model_conv_count(rg->m) >= *(const size_t *)arg;
}

/* A sync meets a broken answer: reported, inbox kept, next sync fine. */
static void
sync_through(const char *fault, const char *says)
{
	char *body;
	struct model_sync s;
	size_t want = n0 + 1;

	body = xasprintf("{\"next\":1,\"fault\":\"%s\",\"endpoint\":"
	                 "\"conversations_sync\"}",
	                 fault);
	post("/__sim/fault", body);
	free(body);
	cr_assert_eq(worker_push_sync(r.w), 0);
	cr_assert(rig_wait_for(&r, error_says, says, 20000));
	model_get_sync(r.m, &s);
	cr_assert_lt(strlen(s.last_error), sizeof s.last_error - 1,
	             "a whole sentence: %s", s.last_error);
	cr_assert_eq(model_conv_count(r.m), n0, "the inbox is kept");

	/* The service is fine again: the next sync clears the error and
	 * brings what changed meanwhile. */
	post("/__sim/extreme", "{\"kind\":\"crowd\",\"size\":4}");
	cr_assert_eq(worker_push_sync(r.w), 0);
	cr_assert(rig_wait_for(&r, has_convs, &want, 20000));
	cr_assert(rig_wait_for(&r, no_error, NULL, 20000));
}

Test(worker_limits, a_sync_answer_over_32_mib_is_reported_and_the_inbox_kept)
{
	sync_through("huge", "larger than 32 MiB");
}

Test(worker_limits, a_sync_answer_nested_10000_deep_is_reported_and_kept)
{
	sync_through("deep", "too deep");
}

struct conv_text {
	const char *urn;
	size_t len;
};

static int
thread_has_len(struct rig *rg, const void *arg)
{
	const struct conv_text *ct = arg;
	struct model_thread t;
	size_t i;
	int found = 0;

	if (model_thread_snapshot(rg->m, ct->urn, 0, &t) != 0)
		return 0;
	for (i = 0; i < t.n && !found; i++)
		found = strlen(t.msgs[i].text) == ct->len;
	model_thread_release(&t);
	return found;
}

/* The "conversation_urn" of a /__sim/extreme answer; caller frees. */
static char *
extreme(const char *body)
{
	char *ans = sim_post(sim, "/__sim/extreme", body), *p, *e, *u;

	cr_assert_not_null(ans);
	p = strstr(ans, "\"conversation_urn\":\"");
	cr_assert_not_null(p);
	p += strlen("\"conversation_urn\":\"");
	e = strchr(p, '"');
	u = xstrndup(p, (size_t)(e - p));
	free(ans);
	return u;
}

Test(worker_limits, extreme_conversations_come_in_whole_and_survive_the_store)
{
	char *big = extreme("{\"kind\":\"long-message\"}");
	char *crowd = extreme("{\"kind\":\"crowd\"}");
	char *name = extreme("{\"kind\":\"long-name\"}");
	struct model_participant *parts;
	struct model_inbox in;
	struct conv_text ct = {big, BIG_LEN};
	struct model *again;
	struct store *st;
	size_t want = n0 + 3, i, n, more = 0, longest = 0;
	char *db;

	cr_assert_eq(worker_push_sync(r.w), 0);
	cr_assert(rig_wait_for(&r, has_convs, &want, 30000));
	cr_assert_eq(worker_push_open(r.w, big), 0);
	cr_assert(rig_wait_for(&r, thread_has_len, &ct, 30000));
	cr_assert(rig_wait_for(&r, no_error, NULL, 20000));

	model_inbox_snapshot(r.m, 0, &in);
	for (i = 0; i < in.n; i++) {
		if (strcmp(in.rows[i].urn, crowd) == 0) {
			more = in.rows[i].more;
			cr_assert_str_eq(in.rows[i].name,
			                 "Member1 Crowd, "
			                 "Member2 Crowd, Member3 Crowd");
		}
		if (strcmp(in.rows[i].urn, name) == 0)
			longest = strlen(in.rows[i].name);
	}
	model_inbox_release(&in);
	cr_assert_eq(more, 997);
	cr_assert_eq(longest, 100000 + strlen(" Longname"));
	n = model_participants(r.m, crowd, &parts);
	cr_assert_eq(n, 1001, "1 000 others and the user");
	model_participants_free(parts, n);

	/* The store holds them all: a restart shows them before any
	 * request. */
	rig_down(&r);
	memset(&r, 0, sizeof r);
	db = rig_db_path("limits");
	again = model_new();
	cr_assert_eq(store_open(db, &st, NULL), LC_OK);
	cr_assert_eq(store_load(st, again, NULL), LC_OK);
	cr_assert_eq(model_conv_count(again), n0 + 3);
	n = model_participants(again, crowd, &parts);
	cr_assert_eq(n, 1001);
	model_participants_free(parts, n);
	store_close(st);
	model_free(again);
	free(db);
	free(big);
	free(crowd);
	free(name);
}
