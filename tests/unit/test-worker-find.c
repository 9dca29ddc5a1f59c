/* test-worker-find.c — worker_push_find() against the simulator: one
 * search-criteria read over every folder, its conversations in the model
 * (more than the shallow inbox held) and their URNs under the ticket.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/folder.h"
#include "core/model.h"
#include "core/worker.h"
#include "tests/unit/rigtest.h"

static int
has_result(struct rig *r, const void *arg)
{
	char *text = NULL;
	int code;

	if (model_get_result(r->m, *(const uint64_t *)arg, &code, &text) != 0)
		return 0;
	free(text);
	return 1;
}

/* Runs a find for words; its result text (caller frees). */
static char *
find(struct rig *r, const char *words)
{
	uint64_t ticket;
	char *text = NULL;
	int code = -1;

	cr_assert_neq(ticket = worker_push_find(r->w, words), 0);
	cr_assert(rig_wait_for(r, has_result, &ticket, 15000));
	cr_assert_eq(model_get_result(r->m, ticket, &code, &text), 0);
	cr_assert_eq(code, LC_OK, "%s", text != NULL ? text : "");
	cr_assert_not_null(text);
	return text;
}

static unsigned
categories_of(struct model *m, const char *urn)
{
	struct model_inbox in;
	unsigned cats = 0;
	size_t i;

	model_inbox_snapshot(m, 0, &in);
	for (i = 0; i < in.n; i++)
		if (strcmp(in.rows[i].urn, urn) == 0)
			cats = in.rows[i].categories | 0x10000u;
	model_inbox_release(&in);
	return cats;
}

Test(worker_find, the_hits_of_every_folder_are_in_the_model_in_one_request)
{
	struct sim *sim = sim_start(NULL);
	struct rig r;
	char *text, *p, *nl, urn[160];
	long before;
	size_t n = 0, archived = 0;
	unsigned cats;

	cr_assert_not_null(sim);
	/* a shallow inbox: most conversations are not held before */
	rigt_up(&r, sim, NULL, 5, 600);
	rigt_start(&r);
	before = sim_requests(sim, "conversations_search");
	/* a word every generated conversation's text or name may hold:
	 * the simulator matches names, titles and texts */
	text = find(&r, "a");
	cr_assert_eq(sim_requests(sim, "conversations_search"), before + 1);
	for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		cr_assert_lt((size_t)(nl - p), sizeof urn);
		memcpy(urn, p, (size_t)(nl - p));
		urn[nl - p] = '\0';
		cats = categories_of(r.m, urn);
		cr_assert_neq(cats, 0, "%s is not in the model", urn);
		archived += folder_holds(FOLDER_ARCHIVE, cats & 0xffffu);
		n++;
	}
	cr_assert_gt(n, 5, "one page of hits: %zu", n);
	cr_assert_leq(n, 25);
	/* seed 0: an archived conversation is among the newest 25 */
	cr_assert_gt(archived, 0, "no archived one among %zu hits", n);
	free(text);
	rig_down(&r);
	sim_stop(sim);
}

Test(worker_find, words_nobody_wrote_find_nothing)
{
	struct sim *sim = sim_start(NULL);
	struct rig r;
	char *text;

	cr_assert_not_null(sim);
	rigt_up(&r, sim, NULL, 5, 600);
	rigt_start(&r);
	text = find(&r, "zqxjkvwpf nothing");
	cr_assert_str_eq(text, "");
	free(text);
	rig_down(&r);
	sim_stop(sim);
}
