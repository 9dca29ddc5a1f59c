/* bench-mailbox.c — figure 16: the requests of a first sync of the whole
 * mailbox, all six folders of 1 000 conversations read to their end, with
 * a fresh store, against the simulator (no added latency).
 *
 * The worker runs as linchat runs it with [sync] initial_depth past every
 * folder, from worker_start() until its stats say initial_done (the first
 * sync and the background read of every folder are done).  The bound is
 * issue 13's, as tests/unit/test-worker-folders.c checks it: folders +
 * pages + 1, where pages is the sync-token read plus, for each folder,
 * the pages of 25 (the category read's largest count, API.md §6) that
 * hold the conversations the simulator lists in it (/__sim/state
 * "folders"), and the 1 is the mailbox counts request.  The requests are
 * the simulator's own count; each endpoint's count is printed as a note.
 */
#include <json-c/json.h>

#include "core/folder.h"
#include "tests/bench/bench-sim.h"
#include "tests/unit/rig.h"
#include "tests/sim/simclient.h"

#define PROG "bench-mailbox"
#define CONVS "1000"
#define DEPTH 100000 /* past every folder: each is read to its end */
#define PAGE 25

/* The sync-token read plus each folder's pages of PAGE, from the
 * simulator's per-folder totals; -1 if they cannot be read.  totals gets
 * each folder's count. */
static long
pages_of(struct sim *s, long totals[FOLDER_VIEWS])
{
	struct json_object *st = sim_state_json(s), *fo, *x, *v;
	long pages = 1;
	int f;

	if (st == NULL || !json_object_object_get_ex(st, "folders", &fo)) {
		json_object_put(st);
		return -1;
	}
	for (f = 0; f < FOLDER_VIEWS; f++) {
		if (!json_object_object_get_ex(
		        fo, folder_info((enum folder)f)->category, &x) ||
		    !json_object_object_get_ex(x, "total", &v)) {
			pages = -1;
			break;
		}
		totals[f] = (long)json_object_get_int64(v);
		pages += (totals[f] + PAGE - 1) / PAGE;
	}
	json_object_put(st);
	return pages;
}

/* The simulator's request counts, one "endpoint n" each, into buf. */
static void
per_endpoint(struct sim *s, char *buf, size_t len)
{
	struct json_object *st = sim_state_json(s), *req;
	size_t at = 0;

	buf[0] = '\0';
	if (st == NULL || !json_object_object_get_ex(st, "requests", &req)) {
		json_object_put(st);
		return;
	}
	json_object_object_foreach(req, key, val)
	{
		if (strcmp(key, "total") == 0 || at + 1 >= len)
			continue;
		at += (size_t)snprintf(buf + at, len - at, "%s%s %ld",
		                       at ? ", " : "", key,
		                       (long)json_object_get_int64(val));
	}
	json_object_put(st);
}

int
main(void)
{
	const char *args[] = {"--conversations", CONVS, NULL};
	long totals[FOLDER_VIEWS], pages, req0, req, bound;
	struct lc_error err;
	char *db, notes[1024], target[64];
	struct sim *s;
	struct rig r;
	double t0, ms;
	int f;

	s = bench_sim_up(PROG, args);
	if (rig_mktmpdir() != 0)
		bench_die(PROG, "no temporary directory");
	db = rig_db_path("mailbox");
	req0 = sim_requests(s, "total");
	lc_error_clear(&err);
	if (rig_init(&r, sim_base_url(s), db, DEPTH, 600, &err) != 0)
		bench_die(PROG, err.msg);
	t0 = bench_now_ms();
	if (worker_start(r.w, &err) != LC_OK)
		bench_die(PROG, err.msg);
	if (!rig_wait_for(&r, rig_initial_done, NULL, 120000))
		bench_die(PROG, "the folder reads did not end in 120 s");
	ms = bench_now_ms() - t0;
	req = sim_requests(s, "total") - req0;
	worker_stop(r.w);
	if ((pages = pages_of(s, totals)) < 0)
		bench_die(PROG, "no per-folder totals in /__sim/state");
	bound = FOLDER_VIEWS + pages + 1;
	per_endpoint(s, notes, sizeof notes);
	printf("mailbox: %zu conversations in %.0f ms, %ld requests (%s); "
	       "per folder:",
	       model_conv_count(r.m), ms, req, notes);
	for (f = 0; f < FOLDER_VIEWS; f++)
		printf(" %s %ld", folder_info((enum folder)f)->label,
		       totals[f]);
	printf("\n");
	snprintf(target, sizeof target, "<= %ld = %d+%ld+1", bound,
	         FOLDER_VIEWS, pages);
	bench_fig(16, "six-folder sync, 1 000 conv, fresh store",
	          req > 0 && req <= bound, target, "%ld requests", req);
	rig_down(&r);
	free(db);
	rig_rmtmpdir();
	sim_stop(s);
	return 0;
}
