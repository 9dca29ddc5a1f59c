/* bench-live.c — figures 9 and 12: the realtime stream, end to end.
 *
 * A worker (rig.h) holds the stream to a simulator on loopback open
 * ([sync] realtime on) and does not poll (the delta intervals an hour),
 * under a headless UI (bench-ui.h) run the way tui_run() runs it: on
 * every wake of the worker's fd, drain it, tui_model_changed(), then
 * tui_draw().
 *
 * Figure 9, event to screen: EVENTS times, POST /__sim/incoming with a
 * text of its own into the next conversation of the simulator's
 * rotation; the time from just before the POST to the end of the first
 * tui_draw() whose screen holds that text (the inbox row's preview).
 * p50 and p99; target p99 ≤ 50 ms.
 *
 * Figure 12, reconnect: POST /__sim/realtime-drop cuts the stream; the
 * requests the simulator counts from then until the stream is open again
 * and nothing more came for a second (the reconnect, its resync).
 * Target ≤ 3.
 */
#include <poll.h>
#include <wchar.h>

#include "tests/bench/bench-sim.h"
#include "tests/bench/bench-ui.h"

#define PROG "bench-live"
#define EVENTS 200

/* 1 if a row of the screen holds text. */
static int
screen_has(const char *text)
{
	wchar_t w[512];
	char line[2048];
	int y;

	for (y = 0; y < LINES; y++) {
		mvwinnwstr(stdscr, y, 0, w, COLS < 511 ? COLS : 511);
		if (wcstombs(line, w, sizeof line) == (size_t)-1)
			continue;
		if (strstr(line, text) != NULL)
			return 1;
	}
	return 0;
}

/* One turn of the UI's loop: waits up to ms for the wake fd and, when it
 * fired, takes the model's news and draws.  1 if it drew. */
static int
ui_turn(struct rig *r, struct bench_ui *u, int ms)
{
	struct pollfd p = {worker_wake_fd(r->w), POLLIN, 0};

	if (poll(&p, 1, ms) != 1)
		return 0;
	worker_wake_drain(r->w);
	tui_model_changed(u->t);
	tui_draw(u->t);
	return 1;
}

/* Runs the UI until text is on the screen: ms since t0, or -1 after
 * limit_ms. */
static double
shown_after(struct rig *r, struct bench_ui *u, const char *text, double t0,
            int limit_ms)
{
	while (bench_now_ms() - t0 < limit_ms)
		if (ui_turn(r, u, 10) && screen_has(text))
			return bench_now_ms() - t0;
	return -1;
}

/* Runs the UI for ms. */
static void
ui_idle(struct rig *r, struct bench_ui *u, int ms)
{
	double end = bench_now_ms() + ms;

	while (bench_now_ms() < end)
		ui_turn(r, u, (int)(end - bench_now_ms()) + 1);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
event_to_screen(struct sim *s, struct rig *r, struct bench_ui *u)
{
	static double ms[EVENTS];
	char body[128], text[32], *ans;
	double t0, worst;
	int i, p99 = (EVENTS * 99 + 99) / 100 - 1;

	for (i = 0; i < EVENTS; i++) {
		snprintf(text, sizeof text, "live%04dq", i);
		snprintf(body, sizeof body, "{\"text\":\"%s\"}", text);
		t0 = bench_now_ms();
		if ((ans = sim_post(s, "/__sim/incoming", body)) == NULL)
			bench_die(PROG, "/__sim/incoming failed");
		free(ans);
		if ((ms[i] = shown_after(r, u, text, t0, 5000)) < 0)
			bench_die(PROG, "an event did not reach the screen");
		ui_idle(r, u, 10); /* what the event queued after it */
	}
	qsort(ms, EVENTS, sizeof ms[0], cmp_double);
	worst = ms[EVENTS - 1];
	printf("live: %d events to the screen: p50 %.2f ms, p99 %.2f ms, "
	       "max %.2f ms; %ld requests besides the POSTs\n",
	       EVENTS, ms[EVENTS / 2], ms[p99], worst,
	       sim_requests(s, "total"));
	bench_fig(9, "event to screen, p50 / p99 (200 events)", ms[p99] <= 50,
	          "p99 <= 50 ms", "%.1f / %.1f ms", ms[EVENTS / 2], ms[p99]);
}

static void
reconnect(struct sim *s, struct rig *r, struct bench_ui *u)
{
	long req0, c0, d0, n, last;
	double t0, open_ms = -1, quiet;

	ui_idle(r, u, 1000);
	req0 = sim_requests(s, "total");
	c0 = sim_requests(s, "realtime_connect");
	d0 = sim_requests(s, "conversations_sync");
	t0 = bench_now_ms();
	if (simclient_realtime_drop(s) != 0)
		bench_die(PROG, "/__sim/realtime-drop failed");
	last = req0;
	quiet = bench_now_ms();
	while (bench_now_ms() - t0 < 30000) {
		ui_idle(r, u, 50);
		n = sim_requests(s, "total");
		if (n != last) {
			last = n;
			quiet = bench_now_ms();
		}
		if (open_ms < 0 && sim_requests(s, "realtime_connect") > c0 &&
		    bench_sim_streams(s) == 1)
			open_ms = bench_now_ms() - t0;
		if (open_ms >= 0 && bench_now_ms() - quiet >= 1000)
			break;
	}
	if (open_ms < 0)
		bench_die(PROG, "the stream did not come back in 30 s");
	printf("live: after a drop the stream was open again in %.0f ms "
	       "(backoff 2 s ±25 %%): %ld connect(s), %ld delta sync(s), %ld "
	       "requests in all\n",
	       open_ms, sim_requests(s, "realtime_connect") - c0,
	       sim_requests(s, "conversations_sync") - d0, last - req0);
	bench_fig(12, "requests to reconnect + resync after a drop",
	          last - req0 >= 1 && last - req0 <= 3, "<= 3", "%ld",
	          last - req0);
}

int
main(void)
{
	const char *args[] = {"--conversations", "20", NULL};
	struct bench_ui u;
	struct sim *s;
	struct rig r;
	int i;

	s = bench_sim_up(PROG, args);
	bench_sim_worker(PROG, s, &r, 20, 3600, 3600, 1);
	bench_ui_up(&u, r.m, 50, 160);
	u.t->now = time(NULL);
	bench_sim_start(PROG, &r);
	for (i = 0; i < 300 &&
	            !(rig_initial_done(&r, NULL) && bench_sim_streams(s) == 1);
	     i++)
		ui_idle(&r, &u, 50);
	if (i == 300)
		bench_die(PROG, "the stream did not open in 15 s");
	ui_idle(&r, &u, 500); /* the resync of the first LIVE */
	event_to_screen(s, &r, &u);
	reconnect(s, &r, &u);
	worker_stop(r.w);
	bench_ui_down(&u);
	rig_down(&r);
	sim_stop(s);
	return 0;
}
