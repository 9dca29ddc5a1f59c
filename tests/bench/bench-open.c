/* bench-open.c — figure 1: requests to open with a warm store.
 *
 * A first run syncs 200 conversations of the simulator into a fresh store
 * and stops.  A second worker then starts on that store (as linchat does
 * on every later start) and the simulator's /__sim/state tells how many
 * requests it took until the initial sync was done and the inbox current.
 * Target: 1 (one sync-token delta), never a full refetch.
 */
#include <json-c/json.h>

#include "tests/bench/bench-sim.h"
#include "tests/unit/rig.h"
#include "tests/sim/simclient.h"

#define PROG "bench-open"

static struct json_object *
requests(struct sim *s)
{
	struct json_object *st = sim_state_json(s), *rq, *copy = NULL;

	if (st == NULL)
		bench_die(PROG, "no /__sim/state");
	if (json_object_object_get_ex(st, "requests", &rq))
		copy = json_object_get(rq);
	json_object_put(st);
	if (copy == NULL)
		bench_die(PROG, "no requests in /__sim/state");
	return copy;
}

static int
never(struct rig *r, const void *arg)
{
	(void)r;
	(void)arg;
	return 0;
}

/* One worker start on db until the initial sync is done; dwell_ms more
 * lets anything it queued after that run too. */
static void
one_start(struct sim *s, const char *db, int dwell_ms)
{
	struct lc_error err;
	struct rig r;

	lc_error_clear(&err);
	if (rig_init(&r, sim_base_url(s), db, 200, 300, &err) != 0)
		bench_die(PROG, err.msg);
	if (worker_start(r.w, &err) != LC_OK)
		bench_die(PROG, err.msg);
	if (!rig_wait_for(&r, rig_initial_done, NULL, 30000))
		bench_die(PROG, "the initial sync did not finish");
	rig_wait_for(&r, never, NULL, dwell_ms);
	worker_stop(r.w);
	rig_down(&r);
}

int
main(void)
{
	const char *args[] = {"--conversations", "200", NULL};
	struct json_object *before, *after, *v;
	struct sim *s;
	char *db;
	long total, was;

	s = bench_sim_up(PROG, args);
	if (rig_mktmpdir() != 0)
		bench_die(PROG, "no temporary directory");
	db = rig_db_path("open");
	one_start(s, db, 0); /* cold: fills the store */
	before = requests(s);
	one_start(s, db, 500); /* warm: what we count */
	after = requests(s);
	printf("warm open (200 conversations in the store):");
	json_object_object_foreach(after, name, val)
	{
		was = json_object_object_get_ex(before, name, &v)
		          ? json_object_get_int64(v)
		          : 0;
		if (strcmp(name, "total") != 0 &&
		    json_object_get_int64(val) != was)
			printf(" %s=%lld", name,
			       (long long)(json_object_get_int64(val) - was));
	}
	printf("\n");
	total = json_object_object_get_ex(after, "total", &v)
	            ? (long)json_object_get_int64(v)
	            : -1;
	was = json_object_object_get_ex(before, "total", &v)
	          ? (long)json_object_get_int64(v)
	          : 0;
	total -= was;
	bench_fig(1, "requests to open, warm store", total == 1, "1", "%ld",
	          total);
	json_object_put(before);
	json_object_put(after);
	free(db);
	sim_stop(s);
	rig_rmtmpdir();
	return 0;
}
