/* test-worker-first.c — first messages (to someone the user has no
 * conversation with) through the outbox, against voyager-sim: shown at
 * once under a placeholder conversation, sent exactly once (also after a
 * 500 or a cut connection once the service had it, and after a restart),
 * moved into the real conversation, and kept as failed with their text
 * when the service refuses them.
 *
 * Waits poll the model with generous bounds (behaviours, not
 * benchmarks).
 */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/model.h"
#include "core/outbox.h"
#include "tests/unit/rig.h"
#include "tests/sim/sim-demo.h"
#include "tests/sim/simclient.h"
#include "core/store.h"
#include "core/urn.h"
#include "core/voyager-send.h"
#include "core/worker.h"
#include "core/xmalloc.h"

#define GRACE "urn:li:fsd_profile:" SIM_GRACE_PROFILE_ID
#define NEW_GRACE URN_PLACEHOLDER_PREFIX GRACE
#define NOBODY "urn:li:fsd_profile:ACoAANobodyAtAll0000000000000000000000009"

static struct sim *sim;
static char *db;

static void
setup(void)
{
	sim = sim_start(NULL);
	cr_assert_not_null(sim);
	cr_assert_eq(rig_mktmpdir(), 0);
	db = rig_db_path("first");
}

static void
teardown(void)
{
	free(db);
	rig_rmtmpdir();
	sim_stop(sim);
}

TestSuite(first, .init = setup, .fini = teardown);

static void
rig_up(struct rig *r)
{
	struct lc_error err;

	lc_error_clear(&err);
	cr_assert_eq(rig_init(r, sim_base_url(sim), db, 20, 600, &err), 0, "%s",
	             err.msg);
}

static void
start(struct rig *r)
{
	struct lc_error err;

	cr_assert_eq(worker_start(r->w, &err), LC_OK, "%s", err.msg);
}

static void
push_first(struct rig *r, const char *to, const char *text, const char *tok)
{
	struct lc_error err;

	lc_error_clear(&err);
	cr_assert_eq(
	    worker_push_send_new(r->w, to, "Grace Hopper", text, tok, &err), 0,
	    "%s", err.msg);
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* done(): the placeholder is gone and the message with this token is
 * held as sent. */
static int
replaced(struct rig *r, const void *arg)
{
	struct model_msg mm;
	int ok;

	if (model_conv_version(r->m, NEW_GRACE) != 0 ||
	    model_get_message(r->m, NULL, arg, &mm) != 0)
		return 0;
	ok = mm.state == MODEL_MSG_SENT && mm.urn[0] != '\0';
	model_msg_clear(&mm);
	return ok;
}

static int
failed(struct rig *r, const void *arg)
{
	struct model_msg mm;
	int ok;

	if (model_get_message(r->m, NULL, arg, &mm) != 0)
		return 0;
	ok = mm.state == MODEL_MSG_FAILED;
	model_msg_clear(&mm);
	return ok;
}

/* The inbox's first row, copied (caller frees *urn and *name). */
static void
top_row(struct rig *r, char **urn, char **name)
{
	struct model_inbox in;

	model_inbox_snapshot(r->m, 0, &in);
	cr_assert_gt(in.n, 0);
	*urn = xstrdup(in.rows[0].urn);
	*name = xstrdup(in.rows[0].name);
	model_inbox_release(&in);
}

/* The message with tok is in the conversation the worker named as the
 * placeholder's successor, which is a real one, in the inbox. */
static void
assert_in_real_conversation(struct rig *r, const char *tok)
{
	struct model_thread t;
	char *real = NULL;
	size_t i;
	int found = 0;

	real = model_get_moved(r->m, NEW_GRACE);
	cr_assert_not_null(real);
	cr_assert_not(urn_is_placeholder(real));
	cr_assert_eq(model_thread_snapshot(r->m, real, 0, &t), 0);
	for (i = 0; i < t.n; i++)
		found |= strcmp(t.msgs[i].origin_token, tok) == 0;
	model_thread_release(&t);
	cr_assert(found, "not in %s", real);
	free(real);
}

Test(first, a_first_message_shows_at_once_and_is_sent_once)
{
	const char *tok = "1f0e0a6c-3b1d-4d2e-8f90-0a1b2c3d4e01";
	struct model_msg mm;
	struct rig r;
	char *urn, *name;

	rig_up(&r);
	start(&r);
	cr_assert(rig_wait_for(&r, rig_initial_done, NULL, 20000));
	push_first(&r, GRACE, "hello Grace, first time", tok);
	/* before any request: the placeholder row, the pending message
	 * (unless the worker was quicker and the send is already in the
	 * real conversation, on top in its place) */
	top_row(&r, &urn, &name);
	if (strcmp(urn, NEW_GRACE) != 0)
		cr_assert(replaced(&r, tok), "top row %s", urn);
	cr_assert_str_eq(name, "Grace Hopper");
	free(urn);
	free(name);
	cr_assert_eq(model_get_message(r.m, NULL, tok, &mm), 0);
	cr_assert_str_eq(mm.text, "hello Grace, first time");
	model_msg_clear(&mm);
	cr_assert(rig_wait_for(&r, replaced, tok, 20000));
	cr_assert(rig_wait_for(&r, rig_outbox_empty, NULL, 5000));
	cr_assert_eq(sim_sent_with(sim, "origin_token", tok), 1);
	assert_in_real_conversation(&r, tok);
	rig_down(&r);
	/* after a restart: no placeholder, nothing resent */
	rig_up(&r);
	cr_assert_eq(model_conv_version(r.m, NEW_GRACE), 0);
	start(&r);
	cr_assert(rig_wait_for(&r, rig_initial_done, NULL, 20000));
	cr_assert_eq(sim_sent_with(sim, "origin_token", tok), 1);
	rig_down(&r);
}

/* A fault the simulator applies after it took the message. */
static void
after_the_service_got_it(const char *fault, const char *tok)
{
	struct rig r;
	char *cfg;

	rig_up(&r);
	start(&r);
	cr_assert(rig_wait_for(&r, rig_initial_done, NULL, 20000));
	cfg = xasprintf("{\"next\":1,\"fault\":\"%s\","
	                "\"endpoint\":\"create_message\"}",
	                fault);
	free(sim_post(sim, "/__sim/fault", cfg));
	free(cfg);
	push_first(&r, GRACE, "hello through a fault", tok);
	cr_assert(rig_wait_for(&r, replaced, tok, 30000));
	cr_assert(rig_wait_for(&r, rig_outbox_empty, NULL, 5000));
	cr_assert_eq(sim_sent_with(sim, "origin_token", tok), 1,
	             "%s: sent %ld times", fault,
	             sim_sent_with(sim, "origin_token", tok));
	assert_in_real_conversation(&r, tok);
	rig_down(&r);
}

Test(first, a_first_message_answered_500_after_arriving_is_not_sent_twice)
{
	after_the_service_got_it("500", "1f0e0a6c-3b1d-4d2e-8f90-0a1b2c3d4e02");
}

Test(first, a_first_message_whose_answer_was_cut_is_not_sent_twice)
{
	after_the_service_got_it("reset",
	                         "1f0e0a6c-3b1d-4d2e-8f90-0a1b2c3d4e03");
}

Test(first, a_first_message_queued_when_linchat_stopped_goes_out_on_restart)
{
	const char *tok = "1f0e0a6c-3b1d-4d2e-8f90-0a1b2c3d4e04";
	struct rig r;

	/* queued, then stopped before the worker ever ran */
	rig_up(&r);
	push_first(&r, GRACE, "written just before quitting", tok);
	rig_down(&r);
	cr_assert_eq(sim_sent_with(sim, "origin_token", tok), 0);
	rig_up(&r);
	cr_assert_neq(model_conv_version(r.m, NEW_GRACE), 0,
	              "the placeholder is back from the store");
	start(&r);
	cr_assert(rig_wait_for(&r, replaced, tok, 20000));
	cr_assert(rig_wait_for(&r, rig_outbox_empty, NULL, 5000));
	cr_assert_eq(sim_sent_with(sim, "origin_token", tok), 1);
	rig_down(&r);
}

/* A crash with a first message in doubt: the row written, its attempt
 * counted, the request through, no answer recorded; then Grace answers
 * a few times and, with newer != 0, that many new conversations with
 * others push hers off the newest page.  The next run must find it, not
 * send it again. */
static void
crash_in_doubt(const char *tok, const char *text, int newer)
{
	struct voyager_message out;
	struct voyager_send s;
	struct lc_error err;
	struct rig r;
	char *body;
	int i;

	rig_up(&r);
	cr_assert_eq(outbox_add_first(r.st, r.m, NEW_GRACE, GRACE, "Grace",
	                              text, tok, now_ms(), &err),
	             LC_OK, "%s", err.msg);
	cr_assert_eq(outbox_attempted(r.st, tok, &err), LC_OK, "%s", err.msg);
	memset(&s, 0, sizeof s);
	s.recipient = GRACE;
	s.text = text;
	s.origin_token = tok;
	cr_assert_eq(voyager_send_message(&r.vc, &s, &out, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_not_null(out.conversation_urn);
	body = xasprintf("{\"conversation_urn\":\"%s\"}", out.conversation_urn);
	for (i = 0; i < 3; i++)
		free(sim_post(sim, "/__sim/incoming", body));
	free(body);
	for (i = 0; i < newer; i++)
		free(sim_post(
		    sim, "/__sim/incoming",
		    "{\"new_conversation\":true,\"from\":\"" SIM_BILL_PROFILE_ID
		    "\"}"));
	voyager_message_free(&out);
	rig_down(&r);

	rig_up(&r);
	start(&r);
	cr_assert(rig_wait_for(&r, rig_outbox_empty, NULL, 20000));
	cr_assert(rig_wait_for(&r, replaced, tok, 20000));
	cr_assert_eq(sim_sent_with(sim, "origin_token", tok), 1);
	rig_down(&r);
}

Test(first, a_first_message_in_doubt_at_a_crash_is_found_not_resent)
{
	crash_in_doubt("1f0e0a6c-3b1d-4d2e-8f90-0a1b2c3d4e05",
	               "sent, then the process died", 0);
}

Test(first, a_first_message_in_doubt_found_by_its_recipient_after_100_newer)
{
	/* her conversation is far off the newest page: the recipients
	 * read (API.md §6) finds it */
	crash_in_doubt("1f0e0a6c-3b1d-4d2e-8f90-0a1b2c3d4e06",
	               "sent, died, then 100 others wrote", 100);
	cr_assert_geq(sim_requests(sim, "conversations_recipients"), 1);
}

Test(first, a_refused_first_message_keeps_its_text_until_discarded)
{
	const char *tok = "1f0e0a6c-3b1d-4d2e-8f90-0a1b2c3d4e06";
	char *ph = urn_placeholder(NOBODY);
	struct worker_stats ws;
	struct model_msg mm;
	struct rig r;

	rig_up(&r);
	start(&r);
	push_first(&r, NOBODY, "to nobody", tok);
	cr_assert(rig_wait_for(&r, failed, tok, 20000));
	worker_stats_get(r.w, &ws);
	cr_assert_eq(ws.send_failures, 1);
	rig_down(&r);
	/* still there after a restart, failed, with its text */
	rig_up(&r);
	cr_assert_eq(model_get_message(r.m, NULL, tok, &mm), 0);
	cr_assert_eq(mm.state, MODEL_MSG_FAILED);
	cr_assert_str_eq(mm.text, "to nobody");
	model_msg_clear(&mm);
	cr_assert_neq(model_conv_version(r.m, ph), 0);
	start(&r);
	cr_assert_eq(worker_push_discard_send(r.w, tok), 0);
	cr_assert(rig_wait_for(&r, rig_outbox_empty, NULL, 20000));
	cr_assert_eq(model_conv_version(r.m, ph), 0, "placeholder gone");
	cr_assert_eq(sim_sent_with(sim, "origin_token", tok), 0);
	rig_down(&r);
	free(ph);
}

Test(first, a_first_message_to_no_profile_or_without_text_is_refused)
{
	struct lc_error err;
	struct rig r;

	rig_up(&r);
	lc_error_clear(&err);
	cr_assert_eq(
	    worker_push_send_new(r.w, "grace h", "Grace", "hi", NULL, &err),
	    -1);
	cr_assert_eq(err.code, LC_EINVAL);
	cr_assert_eq(
	    worker_push_send_new(r.w, GRACE, "Grace", " \n", NULL, &err), -1);
	cr_assert_eq(model_conv_count(r.m), 0);
	rig_down(&r);
}
