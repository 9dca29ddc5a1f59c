/* The UI as a whole: a model, a curses screen writing to /dev/null, keys
 * fed to tui_key(), and the screen's cells read back. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "tui/cmd.h"
#include "tui/keys.h"
#include "core/model.h"
#include "tui/pane-inbox.h"
#include "tui/pane-thread.h"
#include "tui/tui-int.h"
#include "tests/unit/tuitest.h"
#include "core/xmalloc.h"

#define NOW TUITEST_NOW
#define ME TUITEST_ME
#define ALICE "urn:li:fsd_profile:A"
#define BOB "urn:li:fsd_profile:B"
#define CAROL "urn:li:fsd_profile:C"
#define C1 "urn:li:msg_conversation:1"
#define C2 "urn:li:msg_conversation:2"
#define C3 "urn:li:msg_conversation:3"

static struct model *m;
static struct tui *t;

static int sends, syncs, reads, olders;
static int older_at_hand; /* on_older() merges one older message at once */
static char sent_text[256], sent_conv[128];

/* The fakes do what the worker does before it returns: the model shows
 * the action at once (core/worker.h). */
static void
on_send(void *ctx, const char *conv, const char *text, const char *tok)
{
	(void)ctx;
	model_add_pending(m, conv, text, tok, (int64_t)t->now * 1000);
	sends++;
	snprintf(sent_text, sizeof sent_text, "%s", text);
	snprintf(sent_conv, sizeof sent_conv, "%s", conv);
}

static void
on_sync(void *ctx)
{
	(void)ctx;
	syncs++;
}

static void
on_read(void *ctx, const char *conv, int read)
{
	(void)ctx;
	model_set_read(m, conv, read);
	reads++;
}

static void
on_draft(void *ctx, const char *conv, const char *text)
{
	(void)ctx;
	model_set_draft(m, conv, text);
}

/* What the app's fetch_older does: older messages the store holds are
 * merged at once; otherwise a request is queued. */
static void
on_older(void *ctx, const char *conv_urn)
{
	(void)ctx;
	olders++;
	if (older_at_hand)
		tuitest_msg(m, conv_urn, "urn:li:msg:older", ALICE,
		            "from the store", 9000);
}

static void
up(void)
{
	struct tui_opts o;

	tuitest_screen_up();
	m = model_new();
	model_set_me(m, ME);
	tuitest_conv(m, C1, ALICE, "Alice Martin", 2, 60, "see you tomorrow");
	tuitest_conv(m, C2, BOB, "Bob Lee", 0, 3600, "thanks!");
	tuitest_conv(m, C3, CAROL, "Carol Diaz", 1, 7200, "are you coming?");
	tuitest_msg(m, C1, "urn:li:msg:1", ALICE, "Hello there", 120);
	tuitest_msg(m, C1, "urn:li:msg:2", ME, "Hi Alice!\nHow are you?", 90);
	tuitest_msg(m, C1, "urn:li:msg:3", ALICE, "see you tomorrow", 60);
	tuitest_msg(m, C2, "urn:li:msg:4", BOB, "thanks!", 3600);
	memset(&o, 0, sizeof o);
	o.model = m;
	o.wake_fd = -1;
	o.account = "me@example.com";
	o.actions.send = on_send;
	o.actions.sync = on_sync;
	o.actions.mark_read = on_read;
	o.actions.fetch_older = on_older;
	o.actions.save_draft = on_draft;
	t = tuitest_tui_new(&o);
}

static void
down(void)
{
	tui_free(t);
	model_free(m);
	tuitest_screen_down();
}

TestSuite(loop, .init = up, .fini = down);

Test(loop, inbox_shows_newest_first_with_unread_marks)
{
	char *s = tuitest_screen_text();

	/* the title counts the folder's conversations ("convs" in a narrow
	 * pane), the status bar the unread ones: each says which */
	cr_assert(strstr(tuitest_row(0), " Focused \xc2\xb7 3 convs ") != NULL,
	          "%s", tuitest_row(0));
	/* row 1 is the folder bar */
	cr_assert(strstr(tuitest_row(2), "Alice Martin") != NULL, "%s", s);
	cr_assert(strstr(tuitest_row(2), "\xe2\x97\x8f"
	                                 "2") != NULL,
	          "%s", tuitest_row(2));
	cr_assert(strstr(tuitest_row(3), "Bob Lee") != NULL, "%s", s);
	cr_assert(strstr(tuitest_row(4), "Carol Diaz") != NULL, "%s", s);
	cr_assert(strstr(tuitest_row(2), "15:29") != NULL, "%s",
	          tuitest_row(2));
	cr_assert(strstr(tuitest_row(23), "2 unread") != NULL, "%s",
	          tuitest_row(23));
	t->inbox_width = 40;
	tui_relayout(t, 24, 80);
	tui_draw(t);
	cr_assert(strstr(tuitest_row(0), " Focused \xc2\xb7 3 conversations") !=
	              NULL,
	          "%s", tuitest_row(0));
}

Test(loop, j_and_enter_open_a_conversation_and_mark_it_read)
{
	tuitest_keys(t, "j j Enter");
	cr_assert_str_eq(t->thread.urn, C3);
	tuitest_keys(t, "h k Enter");
	cr_assert_str_eq(t->thread.urn, C2);
	cr_assert(strstr(tuitest_screen_text(), "thanks!") != NULL);
	tuitest_keys(t, "h k Enter");
	cr_assert_str_eq(t->thread.urn, C1);
	cr_assert_eq(t->focus, TUI_FOCUS_THREAD);
	cr_assert(strstr(tuitest_screen_text(), "How are you?") != NULL);
	cr_assert(strstr(tuitest_screen_text(), "Hello there") != NULL);
	cr_assert_eq(reads, 2, "C3 and C1 were unread");
	cr_assert_eq(model_unread_total(m), 0);
}

Test(loop, reply_is_sent_and_shown_pending_once)
{
	tuitest_keys(t, "Enter r");
	cr_assert_eq(t->focus, TUI_FOCUS_COMPOSE);
	tuitest_type(t, "on my way");
	tuitest_keys(t, "Enter");
	cr_assert_eq(sends, 1);
	cr_assert_str_eq(sent_text, "on my way");
	cr_assert_str_eq(sent_conv, C1);
	cr_assert_str_eq(edit_text(t->compose.ed), "");
	cr_assert(strstr(tuitest_screen_text(), "on my way") != NULL);
	cr_assert(strstr(tuitest_screen_text(), "sending") != NULL);
	tuitest_keys(t, "Enter");
	cr_assert_eq(sends, 1, "an empty box sends nothing");
}

Test(loop, alt_enter_inserts_a_newline_and_the_box_grows)
{
	int h = t->layout.compose.h;

	tuitest_keys(t, "Enter r");
	tuitest_type(t, "one");
	tuitest_keys(t, "M-Enter");
	tuitest_type(t, "two");
	cr_assert_str_eq(edit_text(t->compose.ed), "one\ntwo");
	cr_assert_eq(t->layout.compose.h, h + 1);
	cr_assert_eq(sends, 0);
}

Test(loop, u_shows_only_unread_conversations)
{
	tuitest_keys(t, "u");
	cr_assert_eq(t->inbox.nview, 2);
	cr_assert(strstr(tuitest_screen_text(), "Bob Lee") == NULL);
	tuitest_keys(t, "u");
	cr_assert_eq(t->inbox.nview, 3);
}

Test(loop, space_jumps_to_the_next_unread_conversation)
{
	tuitest_keys(t, "Space");
	cr_assert_str_eq(t->thread.urn, C3);
	tuitest_keys(t, "Space");
	cr_assert_str_eq(t->thread.urn, C1);
	tuitest_keys(t, "Space");
	cr_assert(strstr(tuitest_row(23), "No unread") != NULL, "%s",
	          tuitest_row(23));
}

Test(loop, f_filters_the_inbox_by_name_as_you_type)
{
	tuitest_keys(t, "f");
	tuitest_type(t, "car");
	cr_assert_eq(t->inbox.nview, 1);
	cr_assert(strstr(tuitest_screen_text(), "Carol Diaz") != NULL);
	cr_assert(strstr(tuitest_row(23), "Filter: car") != NULL, "%s",
	          tuitest_row(23));
	tuitest_keys(t, "Enter Enter");
	cr_assert_str_eq(t->thread.urn, C3);
	tuitest_keys(t, "h Esc");
	cr_assert_eq(t->inbox.nview, 3);
}

Test(loop, quote_puts_the_message_in_the_compose_box)
{
	tuitest_keys(t, "Enter k >");
	cr_assert_eq(t->focus, TUI_FOCUS_COMPOSE);
	cr_assert_str_eq(edit_text(t->compose.ed),
	                 "> Hi Alice!\n> How are you?\n");
}

Test(loop, thread_search_selects_the_match)
{
	tuitest_keys(t, "Enter /");
	tuitest_type(t, "hello");
	tuitest_keys(t, "Enter");
	cr_assert_str_eq(t->thread.search, "hello");
	cr_assert_eq(t->thread.sel, 0);
	tuitest_keys(t, "/");
	tuitest_type(t, "zzz");
	tuitest_keys(t, "Enter");
	cr_assert(strstr(tuitest_row(23), "Not found") != NULL, "%s",
	          tuitest_row(23));
}

Test(loop, drafts_are_kept_per_conversation)
{
	char *d;

	tuitest_keys(t, "Enter r");
	tuitest_type(t, "half a thought");
	tuitest_keys(t, "Esc h j Enter");
	cr_assert_str_eq(t->thread.urn, C2);
	cr_assert_str_eq(edit_text(t->compose.ed), "");
	d = model_get_draft(m, C1);
	cr_assert_str_eq(d, "half a thought");
	free(d);
	tuitest_keys(t, "h k Enter");
	cr_assert_str_eq(edit_text(t->compose.ed), "half a thought");
}

Test(loop, hostile_text_leaves_no_escape_in_the_cells)
{
	char *s;

	tuitest_msg(m, C1, "urn:li:msg:9", ALICE,
	            "evil\x1b]52;c;aGk=\x07\x1b[2J\xe2\x80\xae"
	            "gnp.exe",
	            10);
	tui_model_changed(t);
	tuitest_keys(t, "Enter");
	s = tuitest_screen_text();
	cr_assert(strchr(s, 0x1b) == NULL);
	cr_assert(strstr(s, "\xe2\x80\xae") == NULL);
	cr_assert(strstr(s, "evil\xe2\x90\x9b\xe2\x90\x9bgnp.exe") != NULL,
	          "%s", s);
}

Test(loop, resize_below_60x16_says_too_small_and_back_is_sane)
{
	tui_relayout(t, 12, 50);
	tui_draw(t);
	cr_assert(strstr(tuitest_row(0), "Terminal too small") != NULL, "%s",
	          tuitest_row(0));
	tui_relayout(t, 24, 80);
	tui_draw(t);
	cr_assert(strstr(tuitest_row(2), "Alice Martin") != NULL, "%s",
	          tuitest_row(2));
}

Test(loop, help_lists_the_live_keymap)
{
	struct lc_error err;

	cr_assert_eq(keymap_set(t->km, "inbox.next", "J", NULL, &err), LC_OK);
	tuitest_keys(t, "?");
	cr_assert(t->help_open);
	cr_assert(strstr(tuitest_screen_text(), "Move down") != NULL);
	tuitest_keys(t, "Esc");
	cr_assert_not(t->help_open);
	tuitest_keys(t, "J");
	cr_assert_eq(t->inbox.sel, 1);
}

Test(loop, q_quits_and_r_syncs)
{
	tuitest_keys(t, "R");
	cr_assert_eq(syncs, 1);
	tuitest_keys(t, "q");
	cr_assert(t->quit);
}

Test(loop, q_asks_again_while_a_send_is_pending)
{
	tuitest_keys(t, "Enter r");
	tuitest_type(t, "pending");
	tuitest_keys(t, "Enter Esc q");
	cr_assert_not(t->quit);
	cr_assert(strstr(tuitest_row(23), "press q again") != NULL, "%s",
	          tuitest_row(23));
	cr_assert(strstr(t->message, "press q again") != NULL);
	tuitest_keys(t, "q");
	cr_assert(t->quit);
}

Test(loop, typing_q_in_the_compose_box_does_not_quit)
{
	tuitest_keys(t, "Enter r");
	tuitest_type(t, "quiet");
	cr_assert_not(t->quit);
	cr_assert_str_eq(edit_text(t->compose.ed), "quiet");
}

Test(loop, o_without_a_display_shows_the_link)
{
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	tuitest_msg(m, C1, "urn:li:msg:8", ALICE,
	            "slides: https://example.com/s.pdf.", 5);
	tui_model_changed(t);
	tuitest_keys(t, "Enter o");
	cr_assert_str_eq(t->message, "Link: https://example.com/s.pdf");
	tuitest_keys(t, "k o");
	cr_assert_str_eq(t->message, "No link in this message.");
}

Test(loop, y_without_a_way_to_copy_says_so)
{
	/* inside a tmux that drops OSC 52, with no copy program at all */
	setenv("TMUX", "/nonexistent,1,0", 1);
	setenv("PATH", "/nonexistent", 1);
	tuitest_keys(t, "Enter y");
	cr_assert(strstr(t->message, "Nothing to copy with") != NULL, "%s",
	          t->message);
}

Test(loop, a_message_arriving_in_the_open_thread_is_marked_read)
{
	tuitest_keys(t, "Enter");
	cr_assert_str_eq(t->thread.urn, C1);
	cr_assert_eq(reads, 1);
	/* Alice writes again while her thread is on screen. */
	tuitest_conv(m, C1, ALICE, "Alice Martin", 1, 5, "one more thing");
	tuitest_msg(m, C1, "urn:li:msg:9", ALICE, "one more thing", 5);
	tui_model_changed(t);
	cr_assert_eq(reads, 2);
	cr_assert_eq(model_unread_total(m), 1, "only Carol's is left");
	/* Back in the inbox, a new message is not seen yet. */
	tuitest_keys(t, "h");
	tuitest_conv(m, C1, ALICE, "Alice Martin", 1, 1, "and another");
	tui_model_changed(t);
	cr_assert_eq(reads, 2);
	cr_assert_eq(model_unread_total(m), 2);
}

Test(loop, a_long_thread_opens_on_its_newest_and_shows_older_on_the_way_up)
{
	char urn[32], text[32];

	tuitest_conv(m, "urn:li:conv:long", ALICE, "Alice Martin", 0, 1,
	             "m 999");
	for (int i = 0; i < 1000; i++) {
		snprintf(urn, sizeof urn, "urn:li:msg:long%d", i);
		snprintf(text, sizeof text, "m %d", i);
		tuitest_msg(m, "urn:li:conv:long", urn, ALICE, text, 5000 - i);
	}
	tui_model_changed(t);
	thread_open(t, "urn:li:conv:long", "Alice Martin", 0, 0);
	tui_set_focus(t, TUI_FOCUS_THREAD);
	cr_assert_lt(t->thread.snap.n, 1000, "only the newest are built");
	cr_assert_eq(t->thread.snap.total, 1000);
	cr_assert_str_eq(t->thread.snap.msgs[t->thread.snap.n - 1].text,
	                 "m 999");
	/* up past the top of what is shown: older ones from the model */
	for (int i = 0; i < 5 && t->thread.snap.n < 1000; i++)
		tuitest_keys(t, "g");
	cr_assert_eq(t->thread.snap.n, 1000);
	cr_assert_str_eq(t->thread.snap.msgs[0].text, "m 0");
}

Test(loop, older_messages_at_hand_come_without_a_fetching_notice)
{
	tuitest_keys(t, "Enter");
	older_at_hand = 1;
	tuitest_keys(t, "g");
	cr_assert_eq(olders, 1);
	cr_assert(strstr(tuitest_screen_text(), "Fetching older") == NULL, "%s",
	          tuitest_screen_text());
	tui_model_changed(
	    t); /* as tui_run() does after a key moved the model */
	tui_draw(t);
	cr_assert(strstr(tuitest_screen_text(), "from the store") != NULL, "%s",
	          tuitest_screen_text());
}

Test(loop, older_messages_from_the_service_say_fetching)
{
	tuitest_keys(t, "Enter");
	older_at_hand = 0;
	tuitest_keys(t, "g");
	cr_assert_eq(olders, 1);
	cr_assert(strstr(tuitest_screen_text(), "Fetching older") != NULL, "%s",
	          tuitest_screen_text());
}

/* The send answer names no sender (API.md §6): the confirmed copy must
 * still say "You" and stay the user's to edit, before any sync. */
Test(loop, a_confirmed_send_says_you_before_the_next_sync)
{
	struct model_msg v;
	char *s;

	tuitest_keys(t, "Enter r");
	tuitest_type(t, "on my way");
	tuitest_keys(t, "Enter");
	memset(&v, 0, sizeof v);
	v.urn = "urn:li:msg:sent";
	v.sender_urn = "";
	v.text = "on my way";
	v.origin_token = t->thread.snap.msgs[t->thread.snap.n - 1].origin_token;
	v.time_ms = (int64_t)NOW * 1000;
	v.state = MODEL_MSG_SENT;
	model_merge_messages(m, C1, &v, 1);
	tui_model_changed(t);
	tuitest_keys(t, "Escape");
	s = tuitest_screen_text();
	cr_assert(strstr(s, "sending") == NULL, "%s", s);
	cr_assert(strstr(s, "You  15:30") != NULL, "%s", s);
	cr_assert(t->thread.snap.msgs[t->thread.snap.n - 1].mine);
}

/* M in the open thread: the thread on screen must not read it again at
 * once; newer activity, or opening it again, does. */
Test(loop, m_in_the_open_thread_keeps_it_unread_until_newer_activity)
{
	const struct model_inbox_row *r;

	tuitest_keys(t, "Enter");
	cr_assert_eq(model_unread_total(m), 1, "only Carol's");
	tuitest_keys(t, "M");
	tui_model_changed(t);
	tuitest_keys(t, "k");
	r = inbox_row(t, C1);
	cr_assert(r != NULL && !r->read, "C1 was read again at once");
	cr_assert_eq(model_unread_total(m), 2);
	/* Alice writes: it is on screen, so it is read */
	tuitest_conv(m, C1, ALICE, "Alice Martin", 1, 5, "one more thing");
	tuitest_msg(m, C1, "urn:li:msg:9", ALICE, "one more thing", 5);
	tui_model_changed(t);
	cr_assert_eq(model_unread_total(m), 1);
	/* marked unread again, then opened again: read */
	tuitest_keys(t, "M");
	cr_assert_eq(model_unread_total(m), 2);
	tuitest_keys(t, "h Enter");
	cr_assert_str_eq(t->thread.urn, C1);
	cr_assert_eq(model_unread_total(m), 1);
}

/* Text the terminal shows but linchat did not draw (another program's,
 * or a terminal that drew a cell otherwise): C-l paints it away, over a
 * prompt and in the compose box too. */
Test(loop, c_l_repaints_every_cell)
{
	const char *ctx[] = {"", "f", "Enter r"};
	size_t i;

	for (i = 0; i < sizeof ctx / sizeof ctx[0]; i++) {
		tuitest_keys(t, ctx[i]);
		mvaddstr(6, 40, "STALE CELLS");
		wnoutrefresh(stdscr);
		doupdate();
		tuitest_keys(t, "k");
		cr_assert(strstr(tuitest_row(6), "STALE") != NULL,
		          "the stray text stays without C-l");
		tuitest_keys(t, "C-l");
		cr_assert(strstr(tuitest_row(6), "STALE") == NULL, "%zu: %s", i,
		          tuitest_screen_text());
	}
}

/* Esc in the compose box goes back to the thread (the draft kept), a
 * second Esc to the inbox; the help says so rather than "the inbox". */
Test(loop, esc_in_compose_goes_back_to_the_thread_as_the_help_says)
{
	const struct cmd_entry *e = cmd_get(CMD_BACK);

	tuitest_keys(t, "Enter r");
	tuitest_type(t, "half a thought");
	tuitest_keys(t, "Escape");
	cr_assert_eq(t->focus, TUI_FOCUS_THREAD);
	cr_assert_str_eq(t->thread.urn, C1);
	tuitest_keys(t, "Escape");
	cr_assert_eq(t->focus, TUI_FOCUS_INBOX);
	cr_assert(strstr(e->help, "compose, thread, inbox") != NULL, "%s",
	          e->help);
	tuitest_keys(t, "?");
	cr_assert(strstr(tuitest_screen_text(), "Back to the inbox") == NULL,
	          "%s", tuitest_screen_text());
}
