/* bench-sim.h — the simulator for the bench programs: started once per
 * program (bench_sim_up), a worker wired to it the way linchat wires its
 * own (bench_sim_worker: the default intervals, the stream on or off), and
 * the two readings of /__sim/state the live figures wait on.
 *
 * Header-only like bench.h: each bench-*.c is one program.
 */
#ifndef BENCH_SIM_H
#define BENCH_SIM_H

#include <curl/curl.h>
#include <json-c/json.h>

#include "tests/bench/bench.h"
#include "tests/sim/simclient.h"
#include "tests/unit/rig.h"

/* libcurl set up and $SIM_BIN started with args (NULL-terminated, or
 * NULL); dies when it cannot start. */
static inline struct sim *
bench_sim_up(const char *prog, const char *const *args)
{
	struct sim *s;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((s = sim_start(args)) == NULL)
		bench_die(prog, "no simulator (set SIM_BIN)");
	return s;
}

/* A worker on s (rig.h) not yet started, as linchat runs it: initial depth
 * depth, a delta sync every active_s while active doubling per idle
 * minute up to idle_s, the realtime stream held open if realtime.  Dies
 * on failure. */
static inline void
bench_sim_worker(const char *prog, struct sim *s, struct rig *r, int depth,
                 int active_s, int idle_s, int realtime)
{
	struct lc_error err;

	lc_error_clear(&err);
	rig_realtime = realtime;
	if (rig_init(r, sim_base_url(s), NULL, depth, active_s, &err) != 0)
		bench_die(prog, err.msg);
	/* rig_init makes both intervals equal. */
	worker_free(r->w);
	r->cfg->active_interval_s = active_s;
	r->cfg->idle_interval_s = idle_s;
	if ((r->w = worker_new(r->cfg, &r->vc, r->m, r->st, &err)) == NULL)
		bench_die(prog, err.msg);
}

static inline void
bench_sim_start(const char *prog, struct rig *r)
{
	struct lc_error err;

	lc_error_clear(&err);
	if (worker_start(r->w, &err) != LC_OK)
		bench_die(prog, err.msg);
}

/* The number of realtime streams the simulator holds open now. */
static inline long
bench_sim_streams(struct sim *s)
{
	struct json_object *st = sim_state_json(s), *rt, *v;
	long n = -1;

	if (st != NULL && json_object_object_get_ex(st, "realtime", &rt) &&
	    json_object_object_get_ex(rt, "streams", &v))
		n = (long)json_object_get_int64(v);
	json_object_put(st);
	return n;
}

#endif
