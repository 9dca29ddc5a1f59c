/* bench-idle.c — figure 2: requests per idle hour, on a simulated clock.
 *
 * Every clock of core/ reads clock_mono_ms() and clock_wall_ms(); this
 * program replaces both with clock_set_source(), so the worker, its
 * request budget and its timestamps see a clock running SPEED times
 * faster than the real one and one idle hour passes in 3600 / SPEED
 * seconds.  The worker sleeps in jobq_pop(), which waits what is left of
 * its deadline in real ms: the program is linked with -Wl,--wrap for it
 * (see the Makefile) to shrink that wait by SPEED.  libcurl and the
 * simulator keep real time.
 *
 * The worker runs with the default intervals (delta sync every 15 s while
 * active, doubling each idle minute up to 300 s), does its initial sync,
 * then nobody touches a key for one simulated hour: the simulator counts
 * the requests.  Then every session expires (/__sim/expire): the next
 * sync finds out (one request, answered 401) and after that no request
 * may leave for another simulated half hour.  Targets: ≤ 60 per idle
 * hour, 0 while expired.
 */
#include <curl/curl.h>
#include <poll.h>
#include <time.h>

#include "tests/bench/bench.h"
#include "core/clock.h"
#include "core/jobq.h"
#include "tests/unit/rig.h"
#include "tests/sim/simclient.h"

#define PROG "bench-idle"
#define SPEED 240

static int64_t base_ms;      /* the real monotonic clock at the start */
static int64_t base_wall_ms; /* the real wall clock then */

void *__real_jobq_pop(struct jobq *q, int64_t deadline_ms, int *stopped);
void *__wrap_jobq_pop(struct jobq *q, int64_t deadline_ms, int *stopped);

static int64_t
real_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t
fast_mono_ms(void)
{
	return base_ms + (real_ms(CLOCK_MONOTONIC) - base_ms) * SPEED;
}

static int64_t
fast_wall_ms(void)
{
	return base_wall_ms + (fast_mono_ms() - base_ms);
}

/* What is left of a deadline on the fast clock, shrunk to the real time
 * it takes the fast clock to get there. */
void *
__wrap_jobq_pop(struct jobq *q, int64_t deadline_ms, int *stopped)
{
	int64_t now = clock_mono_ms();

	if (deadline_ms > now)
		deadline_ms = now + (deadline_ms - now + SPEED - 1) / SPEED;
	return __real_jobq_pop(q, deadline_ms, stopped);
}

/* Lets real_ms pass as the UI would: drain the wake fd when it fires. */
static void
idle(struct rig *r, double real_ms)
{
	double end = bench_now_ms() + real_ms;
	struct pollfd p;
	int left;

	while ((left = (int)(end - bench_now_ms())) > 0) {
		p.fd = worker_wake_fd(r->w);
		p.events = POLLIN;
		if (poll(&p, 1, left) == 1)
			worker_wake_drain(r->w);
	}
}

static unsigned long
auth_reports(struct rig *r)
{
	struct worker_stats s;

	worker_stats_get(r->w, &s);
	return s.auth_reports;
}

int
main(void)
{
	const char *args[] = {"--conversations", "50", NULL};
	struct worker_stats ws;
	struct lc_error err;
	struct sim *s;
	struct rig r;
	long req0, req1, req2, req3;
	char *ans;
	int i;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	base_ms = real_ms(CLOCK_MONOTONIC);
	base_wall_ms = real_ms(CLOCK_REALTIME);
	clock_set_source(fast_mono_ms, fast_wall_ms);
	if ((s = sim_start(args)) == NULL)
		bench_die(PROG, "no simulator");
	lc_error_clear(&err);
	if (rig_init(&r, sim_base_url(s), NULL, 50, 15, &err) != 0)
		bench_die(PROG, err.msg);
	/* rig_init makes both intervals equal; use the defaults. */
	worker_free(r.w);
	r.cfg->active_interval_s = 15;
	r.cfg->idle_interval_s = 300;
	if ((r.w = worker_new(r.cfg, &r.vc, r.m, r.st, &err)) == NULL ||
	    worker_start(r.w, &err) != LC_OK)
		bench_die(PROG, err.msg);
	for (i = 0; i < 100; i++) {
		worker_stats_get(r.w, &ws);
		if (ws.initial_done)
			break;
		idle(&r, 50);
	}
	if (!ws.initial_done)
		bench_die(PROG, "the initial sync did not finish");
	req0 = sim_requests(s, "total");
	idle(&r, 3600.0 * 1000 / SPEED);
	req1 = sim_requests(s, "total");
	printf("idle: clock %dx; one idle hour after the initial sync: %ld "
	       "requests; sync interval now %lld s\n",
	       SPEED, req1 - req0,
	       (long long)(worker_sync_interval_ms(r.w) / 1000));
	bench_fig(2, "requests per idle hour", req1 - req0 <= 60, "<= 60",
	          "%ld", req1 - req0);
	if ((ans = sim_post(s, "/__sim/expire", "{}")) == NULL)
		bench_die(PROG, "/__sim/expire failed");
	free(ans);
	for (i = 0; i < 40 && auth_reports(&r) == 0; i++)
		idle(&r, 300.0 * 1000 / SPEED);
	req2 = sim_requests(s, "total");
	idle(&r, 1800.0 * 1000 / SPEED);
	req3 = sim_requests(s, "total");
	printf("idle: expired session reported %lu time(s) after %ld "
	       "request(s); then %ld in half an hour\n",
	       auth_reports(&r), req2 - req1, req3 - req2);
	bench_fig(2, "  requests while expired (after the 401)",
	          auth_reports(&r) == 1 && req3 == req2, "0", "%ld",
	          req3 - req2);
	worker_stop(r.w);
	rig_down(&r);
	sim_stop(s);
	return 0;
}
