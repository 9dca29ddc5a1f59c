/* bench-cpu.c — figures 8 and 11: CPU time the TUI uses over 60 s idle.
 *
 * The real program, as a user leaves it: $LINCHAT_BIN in a 50 × 160
 * pseudo-terminal (bench-prog.h), logged in to a simulator of 200
 * conversations, default intervals (a delta sync every 15 s while active,
 * the interval doubling per idle minute up to 300 s).  Once its initial
 * sync is over (no request for 3 s), nobody types and nothing new
 * arrives for 60 s of real time; the figure is the CPU time of all its
 * threads over that minute, from /proc/PID/task/TID/schedstat.  The
 * requests it made in that minute are a note.  Target ≤ 10 ms.
 *
 * poll (figure 8): [sync] realtime = off, so only the delta syncs run.
 * live (figure 11): [sync] realtime = on and the stream open, the
 * simulator's heartbeat on it every 30 s, linchat's heartbeat POST every
 * minute, the safety sync every 30 min.
 *
 *   LINCHAT_BIN=... SIM_BIN=... bench-cpu [poll|live] [SECONDS]
 */

#include "tests/bench/bench-prog.h"
#include "tests/bench/bench-sim.h"

#define PROG "bench-cpu"

struct settle {
	struct sim *s;
	long last;
	double since;
	int live; /* also wait for the stream */
};

/* 1 once the simulator saw no request for 3 s (polled twice a second). */
static int
settled(void *arg)
{
	struct settle *st = arg;
	double now = bench_now_ms();
	long n;

	if (now - st->since < 500 && st->last >= 0)
		return 0;
	n = sim_requests(st->s, "total");
	if (n != st->last) {
		st->last = n;
		st->since = now;
		return 0;
	}
	return now - st->since >= 3000 &&
	       (!st->live || bench_sim_streams(st->s) == 1);
}

/* $XDG_CONFIG_HOME/linchat/config with [sync] realtime on or off. */
static void
write_config(const char *dir, int live)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof path, "%s/config", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/config/linchat", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/config/linchat/config", dir);
	if ((f = fopen(path, "w")) == NULL)
		bench_die(PROG, "cannot write the config");
	fprintf(f, "[sync]\nrealtime = %s\n", live ? "on" : "off");
	fclose(f);
}

int
main(int argc, char **argv)
{
	const char *args[] = {"--conversations", "200", "--heartbeat-ms",
	                      "30000", NULL};
	const char *mode = argc > 1 ? argv[1] : "poll";
	int live = strcmp(mode, "live") == 0;
	const char *linchat = getenv("LINCHAT_BIN");
	char dir[] = "/tmp/linchat-bench-cpu-XXXXXX", db[600];
	const char *run[] = {linchat, NULL};
	struct settle st;
	struct bench_pty p;
	struct sim *s;
	double c0, c1, secs = argc > 2 ? atof(argv[2]) : 60;
	long r0, r1;

	if (linchat == NULL || access(linchat, X_OK) != 0)
		bench_die(PROG, "set LINCHAT_BIN to the linchat binary");
	if (secs <= 0 || (!live && strcmp(mode, "poll") != 0))
		bench_die(PROG, "usage: bench-cpu [poll|live] [SECONDS]");
	if (mkdtemp(dir) == NULL)
		bench_die(PROG, "no temporary directory");
	bench_prog_env(dir, db, sizeof db);
	write_config(dir, live);
	s = bench_sim_up(PROG, args);
	bench_prog_login(PROG, linchat, sim_base_url(s));
	bench_pty_start(PROG, run, 50, 160, &p);
	st.s = s;
	st.last = -1;
	st.since = bench_now_ms();
	st.live = live;
	if (!bench_pty_drain(&p, 60000, settled, &st))
		bench_die(PROG, "the initial sync did not settle in 60 s");
	r0 = sim_requests(s, "total");
	if ((c0 = bench_proc_cpu_ms(p.pid)) < 0)
		bench_die(PROG, "cannot read the program's schedstat");
	bench_pty_drain(&p, (int)(secs * 1000), NULL, NULL);
	c1 = bench_proc_cpu_ms(p.pid);
	r1 = sim_requests(s, "total");
	bench_pty_stop(&p);
	sim_stop(s);
	bench_rm_tree(dir);
	if (c1 < 0)
		bench_die(PROG, "linchat ended during the idle minute");
	printf("cpu %s: linchat idle %.0f s after its initial sync: %.2f ms "
	       "CPU (all threads), %ld requests\n",
	       mode, secs, c1 - c0, r1 - r0);
	bench_fig(live ? 11 : 8,
	          live ? "idle CPU per 60 s, stream open (heartbeat 30 s)"
	               : "idle CPU per 60 s (the TUI, all threads)",
	          (c1 - c0) * 60 / secs <= 10, "<= 10 ms", "%.1f ms",
	          (c1 - c0) * 60 / secs);
	return 0;
}
