/* test-worker-react.c — reacting and taking a reaction back through the
 * worker, against voyager-sim: the service's summary and viewerReacted
 * come back as the model's reactions and my_reactions, and a reaction the
 * service refuses is undone in the model and said.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/reaction.h"
#include "tests/unit/rig.h"
#include "tests/sim/simclient.h"
#include "core/store.h"
#include "core/voyager-msg.h"
#include "core/worker.h"
#include "core/xmalloc.h"

#define PARTY "\xf0\x9f\x8e\x89" /* the simulator never makes this one */
#define THUMB "\xf0\x9f\x91\x8d"

static void
up(struct rig *r, struct sim *sim, const char *db)
{
	struct lc_error err;

	lc_error_clear(&err);
	cr_assert_eq(rig_init(r, sim_base_url(sim), db, 3, 60, &err), 0, "%s",
	             err.msg);
	cr_assert_eq(worker_start(r->w, &err), LC_OK, "%s", err.msg);
	cr_assert(rig_wait_for(r, rig_initial_done, NULL, 20000));
}

/* The newest conversation's URN. */
static char *
newest_conv(struct rig *r)
{
	struct voyager_conv_page pg;
	struct lc_error err;
	char *u;

	memset(&pg, 0, sizeof pg);
	cr_assert_eq(voyager_conversations(&r->vc, &pg, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_geq(pg.n, 1);
	u = xstrdup(pg.items[0].urn);
	voyager_conv_page_free(&pg);
	return u;
}

struct want {
	const char *urn;
	const char *emoji;
	long count; /* 0: not in the summary */
	int mine;
	const char *text; /* a message that must have arrived, or NULL */
	const char *conv;
};

static long
count_of(const char *summary, const char *emoji)
{
	struct reaction_item it;
	const char *p = summary;

	while ((p = reaction_next(p, &it)) != NULL)
		if (it.len == strlen(emoji) &&
		    memcmp(it.emoji, emoji, it.len) == 0)
			return it.count;
	return 0;
}

static int
has_text(struct rig *r, const char *conv, const char *text)
{
	struct model_thread t;
	size_t i;
	int found = 0;

	if (model_thread_snapshot(r->m, conv, 0, &t) != 0)
		return 0;
	for (i = 0; i < t.n && !found; i++)
		found = strcmp(t.msgs[i].text, text) == 0;
	model_thread_release(&t);
	return found;
}

static int
reaction_is(struct rig *r, const void *arg)
{
	const struct want *w = arg;
	struct model_msg mm;
	int ok;

	if (w->text != NULL && !has_text(r, w->conv, w->text))
		return 0;
	if (model_get_message(r->m, w->urn, NULL, &mm) != 0)
		return 0;
	ok = count_of(mm.reactions, w->emoji) == w->count &&
	     reaction_is_mine(mm.my_reactions, w->emoji, strlen(w->emoji)) ==
	         w->mine;
	model_msg_clear(&mm);
	return ok;
}

/* The service received a reaction. */
static int
react_sent(struct rig *r, const void *sim)
{
	(void)r;
	return sim_requests((struct sim *)sim, "react") >= 1;
}

static int
thread_has_some(struct rig *r, const void *arg)
{
	struct model_thread t;
	size_t n = 0;

	if (model_thread_snapshot(r->m, arg, 0, &t) == 0)
		n = t.n;
	model_thread_release(&t);
	return n > 0;
}

Test(worker_react, a_reaction_comes_back_as_yours_and_taking_it_back_sticks)
{
	const char *args[] = {"--conversations", "3", "--messages", "5", NULL};
	struct sim *sim = sim_start(args);
	struct model_thread t;
	struct model_msg mm;
	struct store *st;
	struct model *m;
	struct want w;
	struct rig r;
	char *db, *conv, *urn, *body, *reply;

	cr_assert_not_null(sim);
	cr_assert_eq(rig_mktmpdir(), 0);
	db = rig_db_path("react");
	up(&r, sim, db);
	conv = newest_conv(&r);
	worker_push_open(r.w, conv);
	cr_assert(rig_wait_for(&r, thread_has_some, conv, 15000));
	cr_assert_eq(model_thread_snapshot(r.m, conv, 0, &t), 0);
	urn = xstrdup(t.msgs[t.n - 1].urn);
	model_thread_release(&t);

	/* React: shown at once by the push, then the service takes it and
	 * the next fetch reads it back as the user's. */
	cr_assert_eq(worker_push_react(r.w, urn, PARTY, 1), 0);
	worker_push_open(r.w, conv);
	memset(&w, 0, sizeof w);
	w.urn = urn;
	w.emoji = PARTY;
	w.count = 1;
	w.mine = 1;
	cr_assert(rig_wait_for(&r, react_sent, sim, 15000));
	cr_assert(rig_wait_for(&r, reaction_is, &w, 15000));
	cr_assert_eq(sim_requests(sim, "react"), 1);

	/* Take it back as the UI does: the push shows it in the model at
	 * once, then the job runs; a new message after it proves the
	 * following fetch ran after the job. */
	cr_assert_eq(worker_push_react(r.w, urn, PARTY, 0), 0);
	w.count = 0;
	w.mine = 0;
	cr_assert(reaction_is(&r, &w), "taken back at once");
	body = xasprintf("{\"conversation_urn\":\"%s\",\"text\":\"after the "
	                 "unreact\"}",
	                 conv);
	reply = sim_post(sim, "/__sim/incoming", body);
	cr_assert_not_null(reply);
	worker_push_open(r.w, conv);
	w.count = 0;
	w.mine = 0;
	w.text = "after the unreact";
	w.conv = conv;
	cr_assert(rig_wait_for(&r, reaction_is, &w, 15000));
	cr_assert_eq(sim_requests(sim, "unreact"), 1);
	rig_down(&r);

	/* and the store agrees after a restart */
	cr_assert_eq(store_open(db, &st, NULL), LC_OK);
	m = model_new();
	cr_assert_eq(store_load(st, m, NULL), LC_OK);
	cr_assert_eq(store_load_thread(st, m, conv, INT64_MAX, 0, NULL, NULL),
	             LC_OK);
	cr_assert_eq(model_get_message(m, urn, NULL, &mm), 0);
	cr_assert_eq(count_of(mm.reactions, PARTY), 0);
	cr_assert_not(reaction_is_mine(mm.my_reactions, PARTY, strlen(PARTY)));
	model_msg_clear(&mm);
	model_free(m);
	store_close(st);
	free(reply);
	free(body);
	free(urn);
	free(conv);
	free(db);
	sim_stop(sim);
	rig_rmtmpdir();
}

static int
failed(struct rig *r, const void *arg)
{
	struct model_sync s;

	(void)arg;
	model_get_sync(r->m, &s);
	return strstr(s.last_error, "Could not react") != NULL;
}

Test(worker_react, a_refused_reaction_is_undone_and_said)
{
	struct sim *sim = sim_start(NULL);
	struct model_msg v;
	struct want w;
	struct rig r;
	char *conv;

	cr_assert_not_null(sim);
	up(&r, sim, NULL);
	conv = newest_conv(&r);
	/* a message the service does not know (404) */
	memset(&v, 0, sizeof v);
	v.urn = "urn:li:msg_message:(urn:li:fsd_profile:X,gone)";
	v.sender_urn = "urn:li:fsd_profile:X";
	v.text = "gone";
	v.reactions = THUMB " 1";
	v.time_ms = 1;
	model_merge_messages(r.m, conv, &v, 1);
	cr_assert_eq(worker_push_react(r.w, v.urn, THUMB, 1), 0);
	cr_assert(rig_wait_for(&r, failed, NULL, 15000));
	memset(&w, 0, sizeof w);
	w.urn = v.urn;
	w.emoji = THUMB;
	w.count = 1;
	w.mine = 0;
	cr_assert(reaction_is(&r, &w), "the optimistic change is undone");
	free(conv);
	rig_down(&r);
	sim_stop(sim);
}
