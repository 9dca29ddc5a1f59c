/* bench-start.c — figure 4: start to first inbox frame with a warm store
 * of 1 000 conversations and 50 000 messages.
 *
 * The TUI has no --timing FILE option yet, so this measures what linchat
 * does between start and its first complete frame, in process: open the
 * store, load it into a new model (store_open() + store_load()), make the
 * UI on a curses screen writing to /dev/null, take the inbox snapshot
 * and draw the first frame (tui_new(), tui_model_changed(), tui_draw()).
 * Not measured: exec and dynamic linking, config and session files, and
 * the terminal's own time to show the bytes.  Median of 7 runs after the
 * store was written (so its pages are in the OS cache, as on a warm
 * start).  Target ≤ 50 ms.
 *
 *   bench-start [DIR]   (DIR/linchat.db is made if missing)
 */
#include <unistd.h>

#include "bench-ui.h"
#include "store.h"

#define PROG "bench-start"
#define RUNS 7

static int
msgs(int i)
{
	(void)i;
	return 50;
}

/* Writes the model into a fresh store at path. */
static void
fill(const char *path)
{
	struct model *m = model_new();
	struct model_inbox in;
	struct model_thread th;
	struct model_participant *pp;
	struct model_conv c;
	struct lc_error err;
	struct store *st;
	size_t i, np;

	bench_fill_model(m, 1000, msgs);
	if (store_open(path, &st, &err) != LC_OK)
		bench_die(PROG, err.msg);
	store_set_meta(st, "me", BENCH_ME, NULL);
	model_inbox_snapshot(m, 0, &in);
	for (i = 0; i < in.n; i++) {
		np = model_participants(m, in.rows[i].urn, &pp);
		memset(&c, 0, sizeof c);
		c.urn = in.rows[i].urn;
		c.participants = pp;
		c.nparticipants = np;
		c.unread = in.rows[i].unread;
		c.read = in.rows[i].read;
		c.categories = in.rows[i].categories;
		c.last_ms = in.rows[i].last_ms;
		c.last_text = in.rows[i].preview;
		if (store_put_conversations(st, &c, 1, &err) != LC_OK)
			bench_die(PROG, err.msg);
		model_participants_free(pp, np);
		if (model_thread_snapshot(m, in.rows[i].urn, 0, &th) != 0)
			bench_die(PROG, "a thread went missing");
		if (store_put_messages(st, in.rows[i].urn, th.msgs, th.n,
		    &err) != LC_OK)
			bench_die(PROG, err.msg);
		model_thread_release(&th);
	}
	model_inbox_release(&in);
	store_close(st);
	model_free(m);
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	char dir[] = "/tmp/linchat-bench-XXXXXX", path[512];
	double t[RUNS], t0, t_load = 0;
	struct lc_error err;
	struct bench_ui u;
	struct store *st;
	struct model *m;
	size_t nconv = 0, nmsg = 0;
	int i, made = 0;

	if (argc > 1)
		snprintf(path, sizeof path, "%s/linchat.db", argv[1]);
	else if (mkdtemp(dir) != NULL) {
		snprintf(path, sizeof path, "%s/linchat.db", dir);
		made = 1;
	} else
		bench_die(PROG, "no temporary directory");
	if (access(path, F_OK) != 0)
		fill(path);
	for (i = 0; i < RUNS; i++) {
		t0 = bench_now_ms();
		if (store_open(path, &st, &err) != LC_OK)
			bench_die(PROG, err.msg);
		m = model_new();
		if (store_load(st, m, &err) != LC_OK)
			bench_die(PROG, err.msg);
		t_load += bench_now_ms() - t0;
		bench_ui_up(&u, m, 50, 160);
		t[i] = bench_now_ms() - t0;
		nconv = model_conv_count(m);
		nmsg = model_message_count(m);
		bench_ui_down(&u);
		model_free(m);
		store_close(st);
	}
	qsort(t, RUNS, sizeof t[0], cmp);
	printf("start: warm store of %zu conversations, %zu messages: "
	    "store_open+store_load %.1f ms (mean), to first frame min %.1f "
	    "median %.1f max %.1f ms\n", nconv, nmsg, t_load / RUNS, t[0],
	    t[RUNS / 2], t[RUNS - 1]);
	bench_fig(4, "start to first inbox frame, 1k conv/50k msgs",
	    t[RUNS / 2] <= 50, "<= 50 ms median", "%.1f ms median",
	    t[RUNS / 2]);
	if (made) {
		char side[600];

		unlink(path);
		snprintf(side, sizeof side, "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", path);
		unlink(side);
		rmdir(dir);
	}
	return 0;
}
