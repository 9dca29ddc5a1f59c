/* bench-ui.h — a filled model and a headless UI for the bench programs:
 * a curses screen writing to /dev/null (as tests/unit/test-loop.c does),
 * driven through tui_key() / tui_draw().
 */
#ifndef BENCH_UI_H
#define BENCH_UI_H

#include <curses.h>

#include "tests/bench/bench.h"
#include "core/model.h"
#include "tui/tui-int.h"

#define BENCH_ME "urn:li:fsd_profile:ACoAABmeMEmeMEmeMEme"
#define BENCH_T0 1770000000000LL

struct bench_ui {
	SCREEN *sc;
	FILE *out, *in;
	struct tui *t;
};

static inline void
bench_conv_urn(char *buf, size_t len, int i)
{
	snprintf(buf, len,
	         "urn:li:msg_conversation:(urn:li:fsd_profile:"
	         "ACoAABmeMEmeMEmeMEme,2-%08dYWIzN2Y4ZmMtNz==)",
	         i);
}

/* nconv conversations of two people; conversation i gets msgs[i]
 * messages of 60..180 bytes (mean 120).  Conversation 0 is the newest. */
static inline void
bench_fill_model(struct model *m, int nconv, int (*msgs)(int))
{
	static const char words[] =
	    "the quick brown fox jumps over the lazy "
	    "dog and then writes a long message about meetings, coffee and "
	    "the weather in Seattle; see you soon! ";
	static char text[50][256], urns[50][160];
	struct model_msg page[50];
	struct model_participant p[2];
	struct model_conv c;
	char conv[160], other[64], name[32];
	unsigned seed = 1;
	long k = 0;
	int i, j, n, len, done;

	model_set_me(m, BENCH_ME);
	for (i = 0; i < nconv; i++) {
		bench_conv_urn(conv, sizeof conv, i);
		snprintf(other, sizeof other, "urn:li:fsd_profile:ACoAAB%08d",
		         i);
		snprintf(name, sizeof name, "Person Number %d", i);
		p[0].urn = BENCH_ME;
		p[0].name = "Me";
		p[1].urn = other;
		p[1].name = name;
		memset(&c, 0, sizeof c);
		c.urn = conv;
		c.participants = p;
		c.nparticipants = 2;
		c.unread = i % 7 == 0;
		c.read = i % 7 != 0;
		c.last_ms = BENCH_T0 - (int64_t)i * 60000;
		c.categories = 0x03u;
		c.last_text = "see you soon!";
		c.last_sender_urn = other;
		model_put_conversation(m, &c);
		n = msgs(i);
		for (done = 0; done < n; done += 50) {
			for (j = 0; j < 50 && done + j < n; j++, k++) {
				seed = seed * 1103515245u + 12345u;
				len = 60 + (int)((seed >> 8) % 121);
				memcpy(text[j], words, (size_t)len);
				text[j][len] = '\0';
				snprintf(
				    urns[j], sizeof urns[j],
				    "urn:li:msg_message:(urn:li:fsd_profile:"
				    "ACoAABmeMEmeMEmeMEme,2-MTc3%010ld==)",
				    k);
				memset(&page[j], 0, sizeof page[j]);
				page[j].urn = urns[j];
				page[j].sender_urn = (j & 1) ? other : BENCH_ME;
				page[j].text = text[j];
				page[j].time_ms = c.last_ms - 86400000LL +
				                  (int64_t)(done + j) * 1000;
			}
			model_merge_messages(m, conv, page, (size_t)j);
		}
	}
}

/* Opening a thread marks it read: in linchat worker_push_mark_read()
 * changes the model at once, so the benchmark's UI does the same and the
 * open pays for the repaint that follows, as the real one does. */
static inline void
bench_ui_mark_read(void *ctx, const char *conv_urn, int read)
{
	model_set_read(ctx, conv_urn, read);
}

/* A headless UI of rows × cols on m, inbox drawn once. */
static inline void
bench_ui_up(struct bench_ui *u, struct model *m, int rows, int cols)
{
	struct tui_opts o;

	setlocale(LC_ALL, "C.UTF-8");
	setenv("TERM", "xterm-256color", 1);
	u->out = fopen("/dev/null", "w");
	u->in = fopen("/dev/null", "r");
	u->sc = newterm("xterm-256color", u->out, u->in);
	if (u->sc == NULL)
		bench_die("bench-ui", "newterm failed (no terminfo?)");
	set_term(u->sc);
	memset(&o, 0, sizeof o);
	o.model = m;
	o.wake_fd = -1;
	o.account = "me@example.com";
	o.actions.ctx = m;
	o.actions.mark_read = bench_ui_mark_read;
	u->t = tui_new(&o);
	u->t->now = (time_t)(BENCH_T0 / 1000);
	tui_relayout(u->t, rows, cols);
	tui_model_changed(u->t);
	tui_draw(u->t);
}

static inline void
bench_ui_down(struct bench_ui *u)
{
	tui_free(u->t);
	endwin();
	delscreen(u->sc);
	fclose(u->out);
	fclose(u->in);
}

#endif
