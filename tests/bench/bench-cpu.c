/* bench-cpu.c — figure 8: CPU time of the UI and the worker while idle.
 *
 * A worker (default intervals: a delta sync every 15 s while active) on
 * the simulator, 200 conversations synced, and a headless UI loop like
 * tui_run()'s: poll() on the wake fd until the status bar's next tick
 * (tui_draw()'s answer), repaint what is dirty, tui_model_changed() after
 * a wake.
 * Nobody types and nothing new arrives.  getrusage(RUSAGE_SELF) (both
 * threads; the simulator is another process) over PERIOD_S real seconds,
 * scaled to 60 s.  Target ≤ 10 ms per idle minute.
 */
#include <curl/curl.h>
#include <poll.h>
#include <sys/resource.h>

#include "bench-ui.h"
#include "rig.h"
#include "simclient.h"

#define PROG "bench-cpu"
#define PERIOD_S 15

static double
cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

int
main(void)
{
	const char *args[] = {"--conversations", "200", NULL};
	struct lc_error err;
	struct bench_ui u;
	struct pollfd p;
	struct sim *s;
	struct rig r;
	double end, c0, c1;
	long req0, req1, tick, left;
	int n, turns = 0, wakes = 0;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((s = sim_start(args)) == NULL)
		bench_die(PROG, "no simulator");
	lc_error_clear(&err);
	if (rig_init(&r, sim_base_url(s), NULL, 200, 15, &err) != 0)
		bench_die(PROG, err.msg);
	worker_free(r.w);
	r.cfg->idle_interval_s = 300;
	if ((r.w = worker_new(r.cfg, &r.vc, r.m, r.st, &err)) == NULL ||
	    worker_start(r.w, &err) != LC_OK)
		bench_die(PROG, err.msg);
	if (!rig_wait_for(&r, rig_initial_done, NULL, 30000))
		bench_die(PROG, "the initial sync did not finish");
	bench_ui_up(&u, r.m, 50, 160);
	req0 = sim_requests(s, "total");
	c0 = cpu_ms();
	end = bench_now_ms() + PERIOD_S * 1000.0;
	while (bench_now_ms() < end) {
		u.t->now = time(NULL);
		tick = tui_draw(u.t);
		left = (long)(end - bench_now_ms()) + 1;
		p.fd = worker_wake_fd(r.w);
		p.events = POLLIN;
		n = poll(&p, 1, (int)(tick > 0 && tick < left ? tick : left));
		u.t->now = time(NULL);
		if (n == 0)
			u.t->dirty |= TUI_DIRTY_STATUS;
		if (n == 1) {
			worker_wake_drain(r.w);
			tui_model_changed(u.t);
			wakes++;
		}
		if (model_version(r.m) != u.t->seen_version)
			tui_model_changed(u.t);
		turns++;
	}
	c1 = cpu_ms();
	req1 = sim_requests(s, "total");
	printf("cpu: %d s idle: %.1f ms CPU, %d loop turns, %d wakes, %ld "
	    "requests\n", PERIOD_S, c1 - c0, turns, wakes, req1 - req0);
	bench_fig(8, "idle CPU per 60 s (UI loop + worker)",
	    (c1 - c0) * 60 / PERIOD_S <= 10, "<= 10 ms", "%.1f ms",
	    (c1 - c0) * 60 / PERIOD_S);
	bench_ui_down(&u);
	worker_stop(r.w);
	rig_down(&r);
	sim_stop(s);
	return 0;
}
