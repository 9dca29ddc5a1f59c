/* test-worker-presence.c — presence through the worker, against
 * voyager-sim with polling off: opening a 1:1 asks once for the other
 * participant (and those of the conversations below it, in one batch)
 * and the model has it; a second open within the minute, a
 * refresh and a conversation without a person ask nothing; a 403 (the
 * page-load burst of API.md §12) is silent.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/worker.h"
#include "core/xmalloc.h"
#include "tests/unit/rigtest.h"

#define LIMIT_MS 20000
#define GRACE "urn:li:fsd_profile:" SIM_GRACE_PROFILE_ID
#define ME "urn:li:fsd_profile:" SIM_DEMO_PROFILE_ID
#define NCONVS 8

static struct sim *sim;
static struct rig r;
static char **convs;

static void
up(int64_t every_ms)
{
	const char *args[] = {"--conversations", "8", "--messages", "3", NULL};

	cr_assert_not_null(sim = sim_start(args));
	rigt_up(&r, sim, NULL, NCONVS, 3600);
	worker_tune_presence(r.w, every_ms);
	convs = rigt_convs(&r, NCONVS);
	rigt_start(&r);
	cr_assert(rig_wait_for(&r, rig_initial_done, NULL, LIMIT_MS));
}

/* A member's URN other than the user's (orgs are kept as numbers). */
static int
member(const char *u)
{
	return strncmp(u, "urn:li:fsd_profile:ACo", 22) == 0 &&
	       strcmp(u, ME) != 0;
}

static void
down(void)
{
	rig_down(&r);
	rigt_free_convs(convs, NCONVS);
	sim_stop(sim);
}

/* A conversation whose participants besides the user are exactly want
 * members, the first with `first` (NULL: anyone); NULL if none. */
static const char *
find_conv(size_t want, const char *first)
{
	struct model_participant *p;
	size_t i, j, n, k;
	const char *found = NULL, *who;

	for (i = 0; i < NCONVS && found == NULL; i++) {
		n = model_participants(r.m, convs[i], &p);
		for (j = k = 0, who = NULL; j < n; j++)
			if (member(p[j].urn)) {
				if (k++ == 0)
					who = p[j].urn;
			}
		if (n > 0 && k == want &&
		    (first == NULL || (who != NULL && strcmp(who, first) == 0)))
			found = convs[i];
		model_participants_free(p, n);
	}
	return found;
}

/* A 1:1 with someone other than not_with; their URN in peer. */
static const char *
other_1to1(const char *not_with, char *peer, size_t size)
{
	struct model_participant *p;
	const char *found = NULL;
	size_t i, n;

	for (i = 0; i < NCONVS && found == NULL; i++) {
		n = model_participants(r.m, convs[i], &p);
		if (n == 2 && strcmp(p[0].urn, not_with) != 0 &&
		    strcmp(p[1].urn, not_with) != 0) {
			/* one of the two is the user */
			const char *u =
			    strcmp(p[0].urn, ME) == 0 ? p[1].urn : p[0].urn;

			if (member(u)) {
				snprintf(peer, size, "%s", u);
				found = convs[i];
			}
		}
		model_participants_free(p, n);
	}
	return found;
}

static int
presence_known(struct rig *rg, const void *arg)
{
	struct model_presence p;

	return model_get_presence(rg->m, arg, &p) == 0;
}

static int
presence_calls(struct rig *rg, const void *arg)
{
	(void)rg;
	return sim_requests(sim, "presence") >= *(const long *)arg;
}

static void
set_presence(const char *who, const char *availability)
{
	char *body = xasprintf("{\"who\":\"%s\",\"availability\":\"%s\"}", who,
	                       availability);
	char *ans = sim_post(sim, "/__sim/presence", body);

	cr_assert_not_null(ans);
	free(ans);
	free(body);
}

Test(worker_presence, opening_a_1to1_asks_once_and_the_model_has_it)
{
	struct model_presence p;
	const char *conv, *other;
	char peer[160] = "";
	long two = 2;

	up(0);
	conv = find_conv(1, GRACE);
	cr_assert_not_null(conv, "no 1:1 with Grace in the inbox");
	set_presence(GRACE, "ONLINE");
	cr_assert_eq(sim_requests(sim, "presence"), 0, "asked while idle");
	cr_assert_eq(model_peer_presence(r.m, conv, &p), -1);

	worker_push_open(r.w, conv);
	cr_assert(rig_wait_for(&r, presence_known, GRACE, LIMIT_MS));
	cr_assert_eq(model_get_presence(r.m, GRACE, &p), 0);
	cr_assert_eq(p.online, 1);
	cr_assert_gt(p.last_active_ms, 0);
	cr_assert_eq(model_peer_presence(r.m, conv, &p), 0);
	cr_assert_eq(p.online, 1);
	cr_assert_eq(sim_requests(sim, "presence"), 1);

	/* Again within the minute: nothing.  Then another 1:1: asked by
	 * its own call, or already by the first (when it is below Grace's
	 * in the inbox, in the same batch), never more. */
	set_presence(GRACE, "OFFLINE");
	worker_push_open(r.w, conv);
	other = other_1to1(GRACE, peer, sizeof peer);
	cr_assert_neq(peer[0], '\0', "no second 1:1");
	worker_push_open(r.w, other);
	cr_assert(rig_wait_for(&r, presence_known, peer, LIMIT_MS));
	rig_wait_for(&r, presence_calls, &two, 1000);
	cr_assert_leq(sim_requests(sim, "presence"), 2);
	cr_assert_eq(model_get_presence(r.m, GRACE, &p), 0);
	cr_assert_eq(p.online, 1, "the reopen asked again");
	down();
}

Test(worker_presence, opening_a_page_of_conversations_one_by_one_asks_once)
{
	struct model_inbox in;
	long one = 1;
	size_t i;

	up(0);
	model_inbox_snapshot(r.m, 0, &in);
	cr_assert_eq(in.n, NCONVS);
	for (i = 0; i < in.n; i++)
		worker_push_open(r.w, in.rows[i].urn);
	cr_assert(rig_wait_for(&r, presence_calls, &one, LIMIT_MS));
	/* every open is over once a sync after them is */
	worker_push_sync(r.w);
	rig_wait_for(&r, presence_calls, &(long){2}, 1500);
	/* 8 conversations hold fewer than 10 people: one call for all */
	cr_assert_eq(sim_requests(sim, "presence"), 1, "%ld calls",
	             sim_requests(sim, "presence"));
	for (i = 0; i < in.n; i++) {
		struct model_presence p;
		struct model_participant *pp;
		size_t j, n = model_participants(r.m, in.rows[i].urn, &pp);

		for (j = 0; j < n; j++)
			if (member(pp[j].urn))
				cr_assert_eq(
				    model_get_presence(r.m, pp[j].urn, &p), 0,
				    "%s unknown", pp[j].urn);
		model_participants_free(pp, n);
	}
	model_inbox_release(&in);
	down();
}

static int
requests_reach(struct rig *rg, const void *arg)
{
	const long *want = arg; /* {messages, presence} */

	(void)rg;
	return sim_requests(sim, "messages") >= want[0] &&
	       sim_requests(sim, "presence") >= want[1];
}

Test(worker_presence, a_refresh_and_a_conversation_without_people_ask_nothing)
{
	const char *conv, *nobody, *other;
	char *ans, *body, peer[160] = "";
	long want[2];

	up(-1); /* no minute between calls: only the rule of opens is left */
	conv = find_conv(1, GRACE);
	nobody = find_conv(0, NULL);
	other = other_1to1(GRACE, peer, sizeof peer);
	cr_assert_not_null(conv);
	cr_assert_not_null(nobody, "no conversation without a member");
	cr_assert_not_null(other, "no second 1:1");
	worker_push_open(r.w, nobody);
	worker_push_open(r.w, conv);
	cr_assert(rig_wait_for(&r, presence_known, GRACE, LIMIT_MS));
	cr_assert_eq(sim_requests(sim, "presence"), 1);

	/* A message into the open conversation, picked up by a sync: the
	 * thread is read again (a refresh), presence is not asked. */
	body = xasprintf("{\"conversation_urn\":\"%s\",\"text\":\"refresh "
	                 "me\"}",
	                 conv);
	ans = sim_post(sim, "/__sim/incoming", body);
	cr_assert_not_null(ans);
	free(ans);
	free(body);
	want[0] = sim_requests(sim, "messages") + 1;
	want[1] = 1;
	worker_push_sync(r.w);
	cr_assert(rig_wait_for(&r, requests_reach, want, LIMIT_MS),
	          "no refresh of the open thread");
	/* The refresh job is running or done; a later open runs after it. */
	worker_push_open(r.w, other);
	cr_assert(rig_wait_for(&r, presence_calls, &(long){2}, LIMIT_MS));
	cr_assert(rig_wait_for(&r, presence_known, peer, LIMIT_MS));
	cr_assert_eq(sim_requests(sim, "presence"), 2, "the refresh asked");
	/* and the user opening it again asks (every open may, here) */
	worker_push_open(r.w, conv);
	want[1] = 3;
	cr_assert(rig_wait_for(&r, requests_reach, want, LIMIT_MS));
	down();
}

Test(worker_presence, a_403_is_silent)
{
	struct model_presence p;
	struct worker_stats ws;
	struct model_sync s;
	const char *conv, *other;
	char *ans, peer[160] = "";

	up(0);
	conv = find_conv(1, GRACE);
	other = other_1to1(GRACE, peer, sizeof peer);
	cr_assert_not_null(conv);
	cr_assert_not_null(other);
	ans = sim_post(sim, "/__sim/presence", "{\"forbid\":1}");
	cr_assert_not_null(ans);
	free(ans);
	worker_push_open(r.w, conv);
	/* the next open runs after the first is over, 403 and all */
	worker_push_open(r.w, other);
	cr_assert(rig_wait_for(&r, presence_known, peer, LIMIT_MS));
	cr_assert_eq(sim_requests(sim, "presence"), 2, "the 403 was retried");
	model_get_sync(r.m, &s);
	cr_assert_str_eq(s.last_error, "", "%s", s.last_error);
	cr_assert_eq(s.session_expired, 0);
	worker_stats_get(r.w, &ws);
	cr_assert_eq(ws.errors, 0);
	cr_assert_eq(ws.auth_reports, 0);
	cr_assert_eq(model_get_presence(r.m, GRACE, &p), -1);
	down();
}
