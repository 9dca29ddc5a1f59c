/* tsan-worker.c — the engine under ThreadSanitizer.
 *
 * Criterion cannot start under TSan (its arena allocator aborts), so
 * `make tsan` runs plain programs like this one: a reader thread takes
 * inbox and thread snapshots without pause while the worker does an
 * initial sync against a faulty simulator, sends, opens threads (their
 * stored messages read in this thread, as the UI does), scrolls back,
 * marks conversations read, types, and picks up incoming messages through
 * the realtime stream (its own thread, cut once).  TSan itself is the
 * assertion (halt_on_error=1 exits 66 on the first race); the program
 * also checks that the model's version never went backwards.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "tests/unit/rig.h"
#include "tests/sim/simclient.h"
#include "core/worker.h"

static int
never(struct rig *r, const void *arg)
{
	(void)r;
	(void)arg;
	return 0;
}

static int
fail(const char *what)
{
	fprintf(stderr, "tsan-worker: %s\n", what);
	return 1;
}

int
main(void)
{
	const char *args[] = {"--conversations",
	                      "200",
	                      "--fault-rate",
	                      "0.1",
	                      "--faults",
	                      "500,503,reset,truncated,empty",
	                      NULL};
	struct model_inbox in;
	struct rig_hammer hm;
	struct lc_error err;
	struct sim *sim;
	struct rig r;
	pthread_t t;
	char *db, text[64];
	int rc = 0;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((sim = sim_start(args)) == NULL)
		return fail("the simulator did not start");
	if (rig_mktmpdir() != 0)
		return fail("no temporary directory");
	db = rig_db_path("tsan");
	lc_error_clear(&err);
	rig_realtime = 1; /* the stream's thread and its jobs too */
	if (rig_init(&r, sim_base_url(sim), db, 150, 1, &err) != 0)
		return fail(err.msg);
	free(db);
	memset(&hm, 0, sizeof hm);
	hm.m = r.m;
	atomic_init(&hm.stop, 0);
	pthread_create(&t, NULL, rig_hammer_main, &hm);
	if (worker_start(r.w, &err) != LC_OK)
		return fail(err.msg);
	if (!rig_wait_for(&r, rig_initial_done, NULL, 120000))
		rc = fail("the initial sync did not finish");

	model_inbox_snapshot(r.m, 0, &in);
	for (size_t i = 0; i < in.n && i < 6; i++) {
		worker_user_active(r.w);
		worker_push_open(r.w, in.rows[i].urn);
		worker_push_older(r.w, in.rows[i].urn); /* store read here */
		worker_push_mark_read(r.w, in.rows[i].urn, i % 2);
		snprintf(text, sizeof text, "tsan message %zu", i);
		if (worker_push_send(r.w, in.rows[i].urn, text, NULL, &err))
			rc = fail(err.msg);
		free(sim_post(sim, "/__sim/incoming", "{}"));
		worker_push_typing(r.w, in.rows[i].urn);
		if (i == 3)
			simclient_realtime_drop(sim);
	}
	model_inbox_release(&in);
	worker_push_sync(r.w);
	rig_wait_for(&r, never, NULL, 4000);

	atomic_store(&hm.stop, 1);
	pthread_join(t, NULL);
	worker_stop(r.w);
	if (hm.rounds == 0)
		rc = fail("the reader never ran");
	if (hm.went_back)
		rc = fail("the model's version went backwards");
	printf("tsan-worker: %ld reader rounds, %zu conversations\n", hm.rounds,
	       model_conv_count(r.m));
	rig_down(&r);
	rig_rmtmpdir();
	sim_stop(sim);
	curl_global_cleanup();
	return rc;
}
