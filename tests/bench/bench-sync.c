/* bench-sync.c — figure 3: the full first sync of 500 conversations and
 * the newest page of 100 threads against a simulator answering every
 * request after 50 ms (--latency-ms 50), with the request budget raised.
 *
 * Wall time runs from worker_start() to the 100th thread page merged: the
 * worker pages through the inbox to depth 500, then the 100 newest
 * conversations are opened (worker_push_open(), as a user opening them
 * would).  The lower bound is issue 6's: the sequential cursor chain (25
 * pages of 20 × 50 ms) plus the 100 thread pages at the worker's
 * concurrency, which is 1 (one thread owns the session).  Connections
 * opened come from the simulator's own count: keep-alive keeps it small.
 */
#include <json-c/json.h>

#include "tests/bench/bench-sim.h"
#include "tests/unit/rig.h"
#include "tests/sim/simclient.h"

#define PROG "bench-sync"
#define LATENCY_MS 50
#define CONVS 500
#define THREADS 100
#define CONCURRENCY 1

static long
state_long(struct sim *s, const char *obj, const char *key)
{
	struct json_object *st = sim_state_json(s), *o = st, *v;
	long n = -1;

	if (st == NULL)
		return -1;
	if (obj == NULL || json_object_object_get_ex(st, obj, &o))
		if (json_object_object_get_ex(o, key, &v))
			n = (long)json_object_get_int64(v);
	json_object_put(st);
	return n;
}

static int
jobs_reached(struct rig *r, const void *arg)
{
	struct worker_stats s;

	worker_stats_get(r->w, &s);
	return s.jobs >= *(const unsigned long *)arg;
}

int
main(void)
{
	/* 500 in all: every folder (Focused, Other, archive, spam,
	 * requests...) is read to its end at depth 500 (issue 13). */
	const char *args[] = {"--conversations", "500", "--latency-ms", "50",
	                      NULL};
	struct worker_stats ws;
	struct model_inbox in;
	struct lc_error err;
	struct sim *s;
	struct rig r;
	unsigned long want;
	double t0, t_inbox, t_end, bound, ratio;
	long conns0, conns, req0, req, inbox_req;
	size_t i;
	int ok;

	s = bench_sim_up(PROG, args);
	req0 = state_long(s, "requests", "total");
	conns0 = state_long(s, NULL, "connections");
	lc_error_clear(&err);
	if (rig_init(&r, sim_base_url(s), NULL, CONVS, 300, &err) != 0)
		bench_die(PROG, err.msg);
	t0 = bench_now_ms();
	if (worker_start(r.w, &err) != LC_OK)
		bench_die(PROG, err.msg);
	if (!rig_wait_for(&r, rig_initial_done, NULL, 60000))
		bench_die(PROG, "the initial sync did not finish in 60 s");
	t_inbox = bench_now_ms();
	inbox_req = state_long(s, "requests", "total") - req0;
	model_inbox_snapshot(r.m, 0, &in);
	worker_stats_get(r.w, &ws);
	want = ws.jobs;
	for (i = 0; i < in.n && i < THREADS; i++)
		want += worker_push_open(r.w, in.rows[i].urn) == 0;
	if (!rig_wait_for(&r, jobs_reached, &want, 60000))
		bench_die(PROG, "the thread pages did not arrive in 60 s");
	t_end = bench_now_ms();
	/* Each read of /__sim/state is a connection of its own, counted
	 * before it is answered: two were made since conns0. */
	conns = state_long(s, NULL, "connections") - conns0 - 2;
	req = state_long(s, "requests", "total") - req0;
	bound = 25.0 * LATENCY_MS + (double)THREADS * LATENCY_MS / CONCURRENCY;
	ratio = (t_end - t0) / bound;
	printf("first sync: %zu conversations in %.0f ms (%ld requests), "
	       "then %d thread pages; %ld requests in all; issue 6's bound "
	       "%.0f ms; %ld requests x %d ms = %.0f ms (ratio %.2f)\n",
	       in.n, t_inbox - t0, inbox_req, THREADS, req, bound, req,
	       LATENCY_MS, (double)req * LATENCY_MS,
	       (t_end - t0) / ((double)req * LATENCY_MS));
	ok = ratio <= 1.3 && in.n == CONVS;
	bench_fig(3, "first sync 500 conv + 100 threads, 50 ms", ok,
	          "<= 1.3x bound", "%.0f ms = %.2fx of %.0f ms", t_end - t0,
	          ratio, bound);
	bench_fig(3, "  connections opened during it", conns >= 0 && conns <= 4,
	          "<= 4", "%ld", conns);
	model_inbox_release(&in);
	worker_stop(r.w);
	rig_down(&r);
	sim_stop(s);
	return 0;
}
