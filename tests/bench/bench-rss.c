/* bench-rss.c — figure 6: resident memory with 10 000 conversations and
 * 100 000 messages (10 each, 60..180 bytes of text) in the model, the UI's
 * inbox snapshot taken and drawn and the newest thread open, as the
 * TUI would hold them.  VmRSS (and the peak, VmHWM) from /proc/self/status.
 * Target ≤ 60 MiB.
 */
#include "tests/bench/bench-ui.h"

static int
msgs(int i)
{
	(void)i;
	return 10;
}

int
main(void)
{
	struct bench_ui u;
	struct model *m = model_new();
	long rss, hwm;

	bench_fill_model(m, 10000, msgs);
	bench_ui_up(&u, m, 50, 160);
	tui_open_selected(u.t, 0);
	tui_draw(u.t);
	rss = bench_status_kib("VmRSS:");
	hwm = bench_status_kib("VmHWM:");
	printf("rss: %zu conversations, %zu messages; RSS %ld KiB, peak "
	       "%ld KiB\n",
	       model_conv_count(m), model_message_count(m), rss, hwm);
	bench_fig(6, "RSS, 10k conv + 100k messages in the UI",
	          rss > 0 && rss <= 60 * 1024, "<= 60 MiB", "%.1f MiB",
	          rss / 1024.0);
	bench_ui_down(&u);
	model_free(m);
	return 0;
}
