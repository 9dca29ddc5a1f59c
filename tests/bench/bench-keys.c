/* bench-keys.c — figure 5: instructions per `j` keystroke in a 10 000-
 * conversation inbox, and to open a 5 000-message thread.
 *
 * Meant to run under callgrind (tests/bench/run does):
 *
 *   valgrind --tool=callgrind --instr-atstart=no bench-keys j|open
 *
 * Only the key handler and the repaint (tui_key() + tui_draw(), as one
 * loop turn of tui_run() does) run between CALLGRIND_START_INSTRUMENTATION
 * and CALLGRIND_STOP_INSTRUMENTATION, so the totals callgrind writes are
 * the instructions of KEYS `j` presses (the run script divides), or of one
 * open of the 5 000-message thread.  Outside valgrind the macros do nothing
 * and the program prints wall times instead, for a quick look.
 */
#include "tests/bench/bench-ui.h"

#define KEYS 200

static int
msgs(int i)
{
	return i == 0 ? 5000 : 1;
}

int
main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "j";
	struct bench_ui u;
	struct model *m = model_new();
	double t0;
	int i;

	bench_fill_model(m, 10000, msgs);
	bench_ui_up(&u, m, 50, 160);
	if (strcmp(what, "j") == 0) {
		/* Move off the top first: the steady state is mid-list. */
		for (i = 0; i < 100; i++)
			tui_key(u.t, 'j');
		tui_draw(u.t);
		t0 = bench_now_ms();
		CALLGRIND_START_INSTRUMENTATION;
		for (i = 0; i < KEYS; i++) {
			tui_key(u.t, 'j');
			tui_draw(u.t);
		}
		CALLGRIND_STOP_INSTRUMENTATION;
		printf("keys: %d j presses, %.3f ms each (wall, no valgrind "
		       "if fast)\n",
		       KEYS, (bench_now_ms() - t0) / KEYS);
	} else {
		/* Conversation 0 (5 000 messages) is selected at start. */
		t0 = bench_now_ms();
		CALLGRIND_START_INSTRUMENTATION;
		tui_open_selected(u.t, 0);
		tui_draw(u.t);
		CALLGRIND_STOP_INSTRUMENTATION;
		printf("keys: opened a thread of %zu messages in %.3f ms\n",
		       u.t->thread.snap.n, bench_now_ms() - t0);
	}
	bench_ui_down(&u);
	model_free(m);
	return 0;
}
