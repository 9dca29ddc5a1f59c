/* bench-switch.c — figure 15: instructions to switch the inbox to another
 * folder with a warm store, key handler and repaint, in a 1 000-
 * conversation mailbox on a 160x40 screen, and the requests the switches
 * ask for (none: every folder is complete, so a switch is a rebuild of
 * the list from the model).
 *
 * Meant to run under callgrind (tests/bench/run does):
 *
 *   valgrind --tool=callgrind --instr-atstart=no bench-switch
 *
 * The conversations are spread over the folders the way the simulator's
 * generator spreads them (Other, InMail, Archive, Spam, Requests, a few
 * starred), every folder marked read to its end as a warm store leaves
 * it.  After one round through the seven folders with ] (each folder's
 * first visit, not measured), SWITCHES presses of ] (three rounds) run,
 * each followed by tui_draw() as one loop turn of tui_run() does, between
 * CALLGRIND_START_INSTRUMENTATION and CALLGRIND_STOP_INSTRUMENTATION; the
 * run script divides the total by SWITCHES.  A switch that wanted the
 * network would call the folder action (worker_push_folder() in linchat)
 * or mark_read: both are counted, and the figure is that count.
 */
#include "tests/bench/bench-ui.h"

#define CONVS 1000
#define ROUNDS 3
#define SWITCHES (ROUNDS * FOLDER_COUNT)

static long requests;

static int
one(int i)
{
	(void)i;
	return 1;
}

static void
count_folder(void *ctx, enum folder f)
{
	(void)ctx;
	(void)f;
	requests++;
}

static void
count_mark_read(void *ctx, const char *conv_urn, int read)
{
	requests++;
	model_set_read(ctx, conv_urn, read);
}

/* Conversation i's categories, after sim-state.c's generator. */
static unsigned
categories(int i)
{
	unsigned c = MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX;

	if (i % 17 == 5)
		c = MODEL_CAT_INBOX |
		    (i % 2 ? MODEL_CAT_INMAIL : MODEL_CAT_SECONDARY_INBOX);
	else if (i % 29 == 11)
		c = MODEL_CAT_INBOX | MODEL_CAT_SECONDARY_INBOX;
	if (i > 3 && i % 23 == 7)
		c = MODEL_CAT_ARCHIVE;
	else if (i > 3 && i % 41 == 13)
		c = MODEL_CAT_SPAM;
	else if (i > 3 && i % 31 == 19)
		c = MODEL_CAT_MESSAGE_REQUESTS;
	if (i % 13 == 4)
		c |= MODEL_CAT_STARRED;
	return c;
}

static void
spread(struct model *m)
{
	char urn[160];
	int i, f;

	for (i = 0; i < CONVS; i++) {
		bench_conv_urn(urn, sizeof urn, i);
		if (model_set_categories(m, urn, categories(i)) != 0)
			bench_die("bench-switch", "no conversation to move");
	}
	for (f = 0; f < FOLDER_VIEWS; f++)
		model_set_folder_status(m, (enum folder)f, 1, 0, NULL);
}

int
main(void)
{
	size_t listed[FOLDER_COUNT];
	struct bench_ui u;
	struct model *m = model_new();
	double t0, ms;
	int i;

	bench_fill_model(m, CONVS, one);
	spread(m);
	bench_ui_up(&u, m, 40, 160);
	u.t->opts.actions.folder = count_folder;
	u.t->opts.actions.mark_read = count_mark_read;
	for (i = 0; i < FOLDER_COUNT; i++) {
		tui_key(u.t, ']');
		tui_draw(u.t);
	}
	if (u.t->inbox.folder != FOLDER_FOCUSED)
		bench_die("bench-switch", "] did not go round the folders");
	requests = 0;
	t0 = bench_now_ms();
	CALLGRIND_START_INSTRUMENTATION;
	for (i = 0; i < SWITCHES; i++) {
		tui_key(u.t, ']');
		tui_draw(u.t);
		if (i < FOLDER_COUNT)
			listed[u.t->inbox.folder] = u.t->inbox.nview;
	}
	CALLGRIND_STOP_INSTRUMENTATION;
	ms = (bench_now_ms() - t0) / SWITCHES;
	printf("switch: %d folder switches with ], %.3f ms each (wall, "
	       "slow under valgrind); rows listed:",
	       SWITCHES, ms);
	for (i = 0; i < FOLDER_COUNT; i++)
		printf(" %s %zu", folder_info((enum folder)i)->label,
		       listed[i]);
	printf("\n");
	bench_fig(15, "  requests asked for by the switches", requests == 0,
	          "0", "%ld", requests);
	bench_ui_down(&u);
	model_free(m);
	return 0;
}
