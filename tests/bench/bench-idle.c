/* bench-idle.c — figures 2 and 10: requests per idle hour, on a simulated
 * clock.
 *
 * Every clock of core/ reads clock_mono_ms() and clock_wall_ms(); this
 * program replaces both with clock_set_source(), so the worker, its
 * request budget, the realtime thread and their timestamps see a clock
 * running SPEED times faster than the real one and one idle hour passes
 * in 3600 / SPEED seconds.  Every wait until a deadline (jobq_pop(), the
 * budget's wait, the realtime retry waits, http_stream()'s poll) turns
 * that deadline into real time with clock_mono_timespec(): the program is
 * linked with -Wl,--wrap for it (see the Makefile) to shrink what is left
 * of it by SPEED.  libcurl and the simulator keep real time, so the
 * simulator's heartbeat on the stream is set to 30 s / SPEED.
 *
 *   bench-idle [poll|live|refused]
 *
 * poll (figure 2, [sync] realtime off): the default intervals (delta sync
 * every 15 s while active, doubling each idle minute up to 300 s), the
 * initial sync, then one simulated hour with no key: the simulator
 * counts the requests.  Then every session expires (/__sim/expire): the
 * next sync finds out (one request, answered 401) and after that no
 * request may leave for another simulated half hour.  Targets: ≤ 60 per
 * idle hour, 0 while expired.
 *
 * live (figure 10): the stream held open, its heartbeat POST every
 * minute and a safety delta sync every 30 min; one idle hour from the
 * stream's first LIVE.  Target ≤ 65.
 *
 * refused (figure 10): every connect answered 503 (/__sim/realtime-
 * refuse); after 5 failures the worker polls at the intervals of poll
 * and retries the stream after 5, 10, 20, 30 … min.  One idle hour from
 * the fallback to polling.  Target ≤ 20.
 */
#include <poll.h>
#include <time.h>

#include "tests/bench/bench-sim.h"
#include "core/clock.h"

#define PROG "bench-idle"
#define SPEED 240

static int64_t base_ms;      /* the real monotonic clock at the start */
static int64_t base_wall_ms; /* the real wall clock then */

void __wrap_clock_mono_timespec(int64_t deadline_ms, struct timespec *ts);

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

/* The real time at which the fast clock reaches deadline_ms: what is left
 * of it, shrunk by SPEED. */
void
__wrap_clock_mono_timespec(int64_t deadline_ms, struct timespec *ts)
{
	int64_t now = clock_mono_ms(), at = real_ms(CLOCK_MONOTONIC);

	if (deadline_ms > now)
		at += (deadline_ms - now + SPEED - 1) / SPEED;
	ts->tv_sec = (time_t)(at / 1000);
	ts->tv_nsec = (long)(at % 1000) * 1000000L;
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

/* Idles (50 ms real at a time, up to 10 s real) until done(s). */
static int
idle_until(struct rig *r, struct sim *s,
           int (*done)(struct rig *, struct sim *))
{
	int i;

	for (i = 0; i < 200; i++) {
		if (done(r, s))
			return 1;
		idle(r, 50);
	}
	return done(r, s);
}

static int
initial_done(struct rig *r, struct sim *s)
{
	struct worker_stats ws;

	(void)s;
	worker_stats_get(r->w, &ws);
	return ws.initial_done;
}

static int
stream_open(struct rig *r, struct sim *s)
{
	return initial_done(r, s) && bench_sim_streams(s) == 1;
}

static int
fell_back(struct rig *r, struct sim *s)
{
	return initial_done(r, s) && sim_requests(s, "realtime_connect") >= 5;
}

static void
expired(struct rig *r, struct sim *s, long req1)
{
	long req2, req3;
	char *ans;
	int i;

	if ((ans = sim_post(s, "/__sim/expire", "{}")) == NULL)
		bench_die(PROG, "/__sim/expire failed");
	free(ans);
	for (i = 0; i < 40 && auth_reports(r) == 0; i++)
		idle(r, 300.0 * 1000 / SPEED);
	req2 = sim_requests(s, "total");
	idle(r, 1800.0 * 1000 / SPEED);
	req3 = sim_requests(s, "total");
	printf("idle: expired session reported %lu time(s) after %ld "
	       "request(s); then %ld in half an hour\n",
	       auth_reports(r), req2 - req1, req3 - req2);
	bench_fig(2, "  requests while expired (after the 401)",
	          auth_reports(r) == 1 && req3 == req2, "0", "%ld",
	          req3 - req2);
}

int
main(int argc, char **argv)
{
	const char *poll_args[] = {"--conversations", "50", NULL};
	const char *live_args[] = {"--conversations", "50", "--heartbeat-ms",
	                           "125", NULL}; /* 30 s on the fast clock */
	const char *mode = argc > 1 ? argv[1] : "poll";
	int live = strcmp(mode, "live") == 0,
	    refused = strcmp(mode, "refused") == 0;
	struct sim *s;
	struct rig r;
	long req0, req1, c0, c1, h0;

	if (!live && !refused && strcmp(mode, "poll") != 0)
		bench_die(PROG, "usage: bench-idle [poll|live|refused]");
	base_ms = real_ms(CLOCK_MONOTONIC);
	base_wall_ms = real_ms(CLOCK_REALTIME);
	clock_set_source(fast_mono_ms, fast_wall_ms);
	s = bench_sim_up(PROG, live || refused ? live_args : poll_args);
	if (refused && simclient_realtime_refuse(s, 503, 0) != 0)
		bench_die(PROG, "/__sim/realtime-refuse failed");
	bench_sim_worker(PROG, s, &r, 50, 15, 300, live || refused);
	bench_sim_start(PROG, &r);
	if (!idle_until(&r, s,
	                live      ? stream_open
	                : refused ? fell_back
	                          : initial_done))
		bench_die(PROG, live      ? "the stream did not open"
		                : refused ? "no fallback to polling"
		                          : "the initial sync did not "
		                            "finish");
	idle(&r, 2000.0 / SPEED); /* what the start queued (the resync) */
	req0 = sim_requests(s, "total");
	c0 = sim_requests(s, "realtime_connect");
	h0 = sim_requests(s, "realtime_heartbeat");
	idle(&r, 3600.0 * 1000 / SPEED);
	req1 = sim_requests(s, "total");
	c1 = sim_requests(s, "realtime_connect");
	printf("idle %s: clock %dx; one idle hour: %ld requests (%ld "
	       "heartbeats, %ld stream connects); sync interval now %lld s\n",
	       mode, SPEED, req1 - req0,
	       sim_requests(s, "realtime_heartbeat") - h0, c1 - c0,
	       (long long)(worker_sync_interval_ms(r.w) / 1000));
	if (live)
		bench_fig(10, "requests per idle hour, stream live",
		          req1 - req0 <= 65, "<= 65", "%ld", req1 - req0);
	else if (refused)
		bench_fig(10, "  requests per idle hour, stream refused",
		          req1 - req0 <= 20, "<= 20", "%ld", req1 - req0);
	else {
		bench_fig(2, "requests per idle hour", req1 - req0 <= 60,
		          "<= 60", "%ld", req1 - req0);
		expired(&r, s, req1);
	}
	worker_stop(r.w);
	rig_down(&r);
	sim_stop(s);
	return 0;
}
