/* bench-start.c — figure 4: start to first inbox frame with a warm store
 * of 1 000 conversations and 50 000 messages.
 *
 * The real program, as a user starts it: $LINCHAT_BIN --timing FILE in a
 * pseudo-terminal of 50 × 160 (forkpty(); the bench reads and discards
 * what it draws), with its own XDG directories holding
 *   - a session logged in with `linchat login` against a voyager-sim of
 *     1 120 conversations (LINCHAT_BASE_URL points at it), and
 *   - a store filled by a worker's initial sync to a depth of 1 000 of
 *     them (so it holds the sync token: the start needs one delta
 *     request; the sync brings each one's last message) plus 49 older
 *     messages per conversation written to the store: 1 000
 *     conversations, 50 000 messages.
 * FILE's first_frame_ms (tui/timing.h) is the figure: ms from the process
 * start (fork, then exec and dynamic linking, config, session, store,
 * screen) until the first complete inbox frame, drawn from the store, was
 * written to the terminal.  One untimed start first, so the program, its
 * libraries and the store are in the OS cache (a warm start), then 7
 * timed ones; median.  Each start is ended with SIGTERM once FILE is
 * written.  Target ≤ 50 ms.
 *
 *   LINCHAT_BIN=... SIM_BIN=... bench-start [DIR]
 * DIR (kept; the store is made only if missing) holds the XDG directories
 * and the timing file, for profiling the same start by hand.
 */

#include "tests/bench/bench-prog.h"
#include "tests/bench/bench-sim.h"
#include "tests/unit/rig.h"

#define PROG "bench-start"
#define RUNS 7
#define NCONV 1000
#define OLDER 49 /* + the last message the sync brings = 50 each */

static char dir[256] = "/tmp/linchat-bench-start-XXXXXX";

static long long
boot_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The store: a worker's initial sync of the simulator's conversations,
 * then OLDER older messages per conversation. */
static void
fill(const char *base_url, const char *db)
{
	static const char words[] =
	    "the quick brown fox jumps over the lazy "
	    "dog and then writes a long message about meetings, coffee and "
	    "the weather in Seattle; see you soon! ";
	static char text[OLDER][256], urns[OLDER][160];
	struct model_msg page[OLDER];
	struct model_participant *pp;
	struct model_inbox in;
	struct lc_error err;
	struct rig r;
	unsigned seed = 1;
	size_t i, np;
	int j, len;

	lc_error_clear(&err);
	if (rig_init(&r, base_url, db, NCONV, 300, &err) != 0 ||
	    worker_start(r.w, &err) != LC_OK)
		bench_die(PROG, err.msg);
	if (!rig_wait_for(&r, rig_initial_done, NULL, 120000))
		bench_die(PROG, "the initial sync did not finish");
	worker_stop(r.w);
	model_inbox_snapshot(r.m, 0, &in);
	if (in.n != NCONV)
		bench_die(PROG, "the simulator has too few conversations");
	for (i = 0; i < in.n; i++) {
		np = model_participants(r.m, in.rows[i].urn, &pp);
		for (j = 0; j < OLDER; j++) {
			seed = seed * 1103515245u + 12345u;
			len = 60 + (int)((seed >> 8) % 121);
			memcpy(text[j], words, (size_t)len);
			text[j][len] = '\0';
			snprintf(urns[j], sizeof urns[j],
			         "urn:li:msg_message:"
			         "(urn:li:fsd_profile:%s,2-YmVuY2g%06zu%04d==)",
			         SIM_DEMO_PROFILE_ID, i, j);
			memset(&page[j], 0, sizeof page[j]);
			page[j].urn = urns[j];
			page[j].sender_urn =
			    pp != NULL ? pp[(size_t)j % np].urn : "";
			page[j].text = text[j];
			page[j].time_ms = in.rows[i].last_ms - 86400000LL +
			                  (int64_t)j * 60000;
		}
		if (store_put_messages(r.st, in.rows[i].urn, page, OLDER,
		                       &err) != LC_OK)
			bench_die(PROG, err.msg);
		model_participants_free(pp, np);
	}
	model_inbox_release(&in);
	rig_down(&r);
}

/* Reads "key value" from the timing file; -1 if missing. */
static double
timing_value(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	return p != NULL ? strtod(p + strlen(key), NULL) : -1;
}

struct timing {
	const char *file;
	char text[512];
};

/* 1 once the timing file holds its whole line. */
static int
timing_written(void *arg)
{
	struct timing *t = arg;
	ssize_t n;
	int f;

	if ((f = open(t->file, O_RDONLY)) < 0)
		return 0;
	n = read(f, t->text, sizeof t->text - 1);
	close(f);
	if (n <= 0 || t->text[n - 1] != '\n')
		return 0;
	t->text[n] = '\0';
	return strstr(t->text, "frame_boottime_ns") != NULL;
}

/* One start of linchat in a pseudo-terminal until the timing file is
 * written; *precise gets fork-to-frame as the bench's clock saw it. */
static double
one_start(const char *linchat, const char *tfile, double *main_ms,
          double *precise)
{
	const char *argv[] = {linchat, "--timing", tfile, NULL};
	struct timing t = {tfile, ""};
	struct bench_pty p;
	long long t0, frame;
	int got;
	double ms;

	unlink(tfile);
	t0 = boot_ns();
	bench_pty_start(PROG, argv, 50, 160, &p);
	got = bench_pty_drain(&p, 20000, timing_written, &t);
	bench_pty_stop(&p);
	if (!got)
		bench_die(PROG, "linchat wrote no timing (did it start?)");
	ms = timing_value(t.text, "first_frame_ms");
	*main_ms = timing_value(t.text, "main_to_frame_ms");
	frame = (long long)timing_value(t.text, "frame_boottime_ns");
	*precise = (double)(frame - t0) / 1e6;
	if (ms < 0)
		bench_die(PROG, "no first_frame_ms in the timing file");
	return ms;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
sorted(double *v)
{
	qsort(v, RUNS, sizeof v[0], cmp);
}

static void
cleanup(void)
{
	bench_rm_tree(dir);
}

int
main(int argc, char **argv)
{
	/* 1 000 in all: every folder is read to its end (issue 13), so
	 * the model holds them all at the depth of 1 000 */
	const char *args[] = {"--conversations", "1000", "--messages", "50",
	                      NULL};
	const char *linchat = getenv("LINCHAT_BIN");
	char db[600], tfile[600];
	double t[RUNS], tm[RUNS], tp[RUNS], main_ms, precise;
	struct lc_error err;
	struct store *st;
	struct model *m;
	struct sim *s;
	int i;

	if (linchat == NULL || access(linchat, X_OK) != 0)
		bench_die(PROG, "set LINCHAT_BIN to the linchat binary");
	if (argc > 1) /* kept, and filled only once */
		snprintf(dir, sizeof dir, "%s", argv[1]);
	else if (mkdtemp(dir) == NULL)
		bench_die(PROG, "no temporary directory");
	else
		atexit(cleanup);
	bench_prog_env(dir, db, sizeof db);
	s = bench_sim_up(PROG, args);
	bench_prog_login(PROG, linchat, sim_base_url(s));
	if (access(db, F_OK) != 0)
		fill(sim_base_url(s), db);

	/* what the store holds */
	if (store_open(db, &st, &err) != LC_OK)
		bench_die(PROG, err.msg);
	m = model_new();
	if (store_load(st, m, &err) != LC_OK)
		bench_die(PROG, err.msg);
	{
		struct model_inbox in;
		size_t k;

		model_inbox_snapshot(m, 0, &in);
		for (k = 0; k < in.n; k++)
			store_load_thread(st, m, in.rows[k].urn, INT64_MAX, 0,
			                  NULL, NULL);
		model_inbox_release(&in);
	}
	printf("start: store of %zu conversations, %zu messages; linchat "
	       "in a 50x160 pty, 1 warm-up + %d starts\n",
	       model_conv_count(m), model_message_count(m), RUNS);
	model_free(m);
	store_close(st);

	snprintf(tfile, sizeof tfile, "%s/timing", dir);
	one_start(linchat, tfile, &main_ms, &precise); /* warm-up */
	for (i = 0; i < RUNS; i++)
		t[i] = one_start(linchat, tfile, &tm[i], &tp[i]);
	sorted(t);
	sorted(tm);
	sorted(tp);
	printf("start: first_frame_ms (since fork, /proc starttime) min %.1f "
	       "median %.1f max %.1f; the bench's own clock from forkpty() "
	       "median %.1f; from main() median %.1f ms\n",
	       t[0], t[RUNS / 2], t[RUNS - 1], tp[RUNS / 2], tm[RUNS / 2]);
	bench_fig(4, "start to first inbox frame, 1k conv/50k msgs",
	          t[RUNS / 2] <= 50, "<= 50 ms median", "%.1f ms median",
	          t[RUNS / 2]);
	sim_stop(s);
	return 0;
}
