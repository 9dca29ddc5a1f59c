/* The UI as a whole: a model, a curses screen writing to /dev/null, keys
 * fed to tui_key(), and the screen's cells read back. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "keys.h"
#include "model.h"
#include "pane-thread.h"
#include "tui-int.h"
#include "xmalloc.h"

#define NOW ((time_t)1795534200)	/* Tue 24 Nov 2026 15:30 UTC */
#define ME "urn:li:fsd_profile:ME"
#define ALICE "urn:li:fsd_profile:A"
#define BOB "urn:li:fsd_profile:B"
#define CAROL "urn:li:fsd_profile:C"
#define C1 "urn:li:msg_conversation:1"
#define C2 "urn:li:msg_conversation:2"
#define C3 "urn:li:msg_conversation:3"

static SCREEN *sc;
static FILE *out, *in;
static struct model *m;
static struct tui *t;

static int sends, syncs, reads;
static char sent_text[256], sent_conv[128];

static void
on_send(void *ctx, const char *conv, const char *text, const char *tok)
{
	(void)ctx;
	(void)tok;
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
	(void)conv;
	(void)read;
	reads++;
}

static void
conv(const char *urn, const char *who, const char *name, int unread,
    int64_t ago_s, const char *last)
{
	struct model_participant p[2] = {{ME, "Me"}, {who, name}};
	struct model_conv c = {urn, NULL, p, 2, unread, unread == 0, 1,
		((int64_t)NOW - ago_s) * 1000, last, who};

	model_put_conversation(m, &c);
}

static void
msg(const char *conv_urn, const char *urn, const char *sender,
    const char *text, int64_t ago_s)
{
	struct model_msg v = {urn, sender, NULL, text, NULL, NULL, NULL, NULL,
		((int64_t)NOW - ago_s) * 1000, MODEL_MSG_SENT, 0};

	model_merge_messages(m, conv_urn, &v, 1);
}

static void
up(void)
{
	struct tui_opts o;

	setenv("TZ", "UTC", 1);
	unsetenv("NO_COLOR");
	tzset();
	setlocale(LC_ALL, "C.UTF-8");
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	sc = newterm("xterm-256color", out, in);
	cr_assert_not_null(sc);
	set_term(sc);
	m = model_new();
	model_set_me(m, ME);
	conv(C1, ALICE, "Alice Martin", 2, 60, "see you tomorrow");
	conv(C2, BOB, "Bob Lee", 0, 3600, "thanks!");
	conv(C3, CAROL, "Carol Diaz", 1, 7200, "are you coming?");
	msg(C1, "urn:li:msg:1", ALICE, "Hello there", 120);
	msg(C1, "urn:li:msg:2", ME, "Hi Alice!\nHow are you?", 90);
	msg(C1, "urn:li:msg:3", ALICE, "see you tomorrow", 60);
	msg(C2, "urn:li:msg:4", BOB, "thanks!", 3600);
	memset(&o, 0, sizeof o);
	o.model = m;
	o.wake_fd = -1;
	o.account = "me@example.com";
	o.actions.send = on_send;
	o.actions.sync = on_sync;
	o.actions.mark_read = on_read;
	t = tui_new(&o);
	t->now = NOW;
	tui_relayout(t, 24, 80);
	tui_model_changed(t);
	tui_draw(t);
}

static void
down(void)
{
	tui_free(t);
	model_free(m);
	endwin();
	delscreen(sc);
	fclose(out);
	fclose(in);
}

TestSuite(loop, .init = up, .fini = down);

static void
keys(const char *names)
{
	char *copy = xstrdup(names), *p = copy, *sp;

	for (;;) {
		sp = strchr(p, ' ');
		if (sp != NULL)
			*sp = '\0';
		tui_key(t, keys_parse(p));
		if (sp == NULL)
			break;
		p = sp + 1;
	}
	free(copy);
	tui_draw(t);
}

static void
type(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		tui_key(t, (unsigned char)s[i] == ' ' ? ' ' :
		    (unsigned char)s[i]);
	tui_draw(t);
}

/* The whole screen as text, one line per row. */
static char *
screen_text(void)
{
	static char buf[24 * 400];
	wchar_t w[128];
	char line[400];
	int y;

	buf[0] = '\0';
	for (y = 0; y < LINES; y++) {
		mvwinnwstr(stdscr, y, 0, w, COLS);
		wcstombs(line, w, sizeof line);
		strncat(buf, line, sizeof buf - strlen(buf) - 2);
		strncat(buf, "\n", sizeof buf - strlen(buf) - 1);
	}
	return buf;
}

static char *
row(int y)
{
	static char line[400];
	wchar_t w[128];

	mvwinnwstr(stdscr, y, 0, w, COLS);
	wcstombs(line, w, sizeof line);
	return line;
}

Test(loop, inbox_shows_newest_first_with_unread_marks)
{
	char *s = screen_text();

	cr_assert(strstr(row(1), "Alice Martin") != NULL, "%s", s);
	cr_assert(strstr(row(1), "\xe2\x97\x8f" "2") != NULL, "%s", row(1));
	cr_assert(strstr(row(2), "Bob Lee") != NULL, "%s", s);
	cr_assert(strstr(row(3), "Carol Diaz") != NULL, "%s", s);
	cr_assert(strstr(row(1), "15:29") != NULL, "%s", row(1));
	cr_assert(strstr(row(23), "2 unread") != NULL, "%s", row(23));
}

Test(loop, j_and_enter_open_a_conversation_and_mark_it_read)
{
	keys("j j Enter");
	cr_assert_str_eq(t->thread.urn, C3);
	keys("h k Enter");
	cr_assert_str_eq(t->thread.urn, C2);
	cr_assert(strstr(screen_text(), "thanks!") != NULL);
	keys("h k Enter");
	cr_assert_str_eq(t->thread.urn, C1);
	cr_assert_eq(t->focus, TUI_FOCUS_THREAD);
	cr_assert(strstr(screen_text(), "How are you?") != NULL);
	cr_assert(strstr(screen_text(), "Hello there") != NULL);
	cr_assert_eq(reads, 2, "C3 and C1 were unread");
	cr_assert_eq(model_unread_total(m), 0);
}

Test(loop, reply_is_sent_and_shown_pending_once)
{
	keys("Enter r");
	cr_assert_eq(t->focus, TUI_FOCUS_COMPOSE);
	type("on my way");
	keys("Enter");
	cr_assert_eq(sends, 1);
	cr_assert_str_eq(sent_text, "on my way");
	cr_assert_str_eq(sent_conv, C1);
	cr_assert_str_eq(edit_text(t->compose.ed), "");
	cr_assert(strstr(screen_text(), "on my way") != NULL);
	cr_assert(strstr(screen_text(), "sending") != NULL);
	keys("Enter");
	cr_assert_eq(sends, 1, "an empty box sends nothing");
}

Test(loop, alt_enter_inserts_a_newline_and_the_box_grows)
{
	int h = t->layout.compose.h;

	keys("Enter r");
	type("one");
	keys("M-Enter");
	type("two");
	cr_assert_str_eq(edit_text(t->compose.ed), "one\ntwo");
	cr_assert_eq(t->layout.compose.h, h + 1);
	cr_assert_eq(sends, 0);
}

Test(loop, u_shows_only_unread_conversations)
{
	keys("u");
	cr_assert_eq(t->inbox.nview, 2);
	cr_assert(strstr(screen_text(), "Bob Lee") == NULL);
	keys("u");
	cr_assert_eq(t->inbox.nview, 3);
}

Test(loop, space_jumps_to_the_next_unread_conversation)
{
	keys("Space");
	cr_assert_str_eq(t->thread.urn, C3);
	keys("Space");
	cr_assert_str_eq(t->thread.urn, C1);
	keys("Space");
	cr_assert(strstr(row(23), "No unread") != NULL, "%s", row(23));
}

Test(loop, slash_filters_the_inbox_by_name_as_you_type)
{
	keys("/");
	type("car");
	cr_assert_eq(t->inbox.nview, 1);
	cr_assert(strstr(screen_text(), "Carol Diaz") != NULL);
	cr_assert(strstr(row(23), "Filter: car") != NULL, "%s", row(23));
	keys("Enter Enter");
	cr_assert_str_eq(t->thread.urn, C3);
	keys("h Esc");
	cr_assert_eq(t->inbox.nview, 3);
}

Test(loop, quote_puts_the_message_in_the_compose_box)
{
	keys("Enter k >");
	cr_assert_eq(t->focus, TUI_FOCUS_COMPOSE);
	cr_assert_str_eq(edit_text(t->compose.ed),
	    "> Hi Alice!\n> How are you?\n");
}

Test(loop, thread_search_selects_the_match)
{
	keys("Enter /");
	type("hello");
	keys("Enter");
	cr_assert_str_eq(t->thread.search, "hello");
	cr_assert_eq(t->thread.sel, 0);
	keys("/");
	type("zzz");
	keys("Enter");
	cr_assert(strstr(row(23), "Not found") != NULL, "%s", row(23));
}

Test(loop, drafts_are_kept_per_conversation)
{
	char *d;

	keys("Enter r");
	type("half a thought");
	keys("Esc h j Enter");
	cr_assert_str_eq(t->thread.urn, C2);
	cr_assert_str_eq(edit_text(t->compose.ed), "");
	d = model_get_draft(m, C1);
	cr_assert_str_eq(d, "half a thought");
	free(d);
	keys("h k Enter");
	cr_assert_str_eq(edit_text(t->compose.ed), "half a thought");
}

Test(loop, hostile_text_leaves_no_escape_in_the_cells)
{
	char *s;

	msg(C1, "urn:li:msg:9", ALICE, "evil\x1b]52;c;aGk=\x07\x1b[2J\xe2\x80\xae"
	    "gnp.exe", 10);
	tui_model_changed(t);
	keys("Enter");
	s = screen_text();
	cr_assert(strchr(s, 0x1b) == NULL);
	cr_assert(strstr(s, "\xe2\x80\xae") == NULL);
	cr_assert(strstr(s, "evil\xe2\x90\x9b\xe2\x90\x9bgnp.exe") != NULL,
	    "%s", s);
}

Test(loop, resize_below_60x16_says_too_small_and_back_is_sane)
{
	tui_relayout(t, 12, 50);
	tui_draw(t);
	cr_assert(strstr(row(0), "Terminal too small") != NULL, "%s", row(0));
	tui_relayout(t, 24, 80);
	tui_draw(t);
	cr_assert(strstr(row(1), "Alice Martin") != NULL, "%s", row(1));
}

Test(loop, help_lists_the_live_keymap)
{
	struct lc_error err;

	cr_assert_eq(keymap_set(t->km, "inbox.next", "J", NULL, &err), LC_OK);
	keys("?");
	cr_assert(t->help_open);
	cr_assert(strstr(screen_text(), "Move down") != NULL);
	keys("Esc");
	cr_assert_not(t->help_open);
	keys("J");
	cr_assert_eq(t->inbox.sel, 1);
}

Test(loop, q_quits_and_r_syncs)
{
	keys("R");
	cr_assert_eq(syncs, 1);
	keys("q");
	cr_assert(t->quit);
}

Test(loop, q_asks_again_while_a_send_is_pending)
{
	keys("Enter r");
	type("pending");
	keys("Enter Esc q");
	cr_assert_not(t->quit);
	cr_assert(strstr(row(23), "press q again") != NULL, "%s", row(23));
	cr_assert(strstr(t->message, "press q again") != NULL);
	keys("q");
	cr_assert(t->quit);
}

Test(loop, typing_q_in_the_compose_box_does_not_quit)
{
	keys("Enter r");
	type("quiet");
	cr_assert_not(t->quit);
	cr_assert_str_eq(edit_text(t->compose.ed), "quiet");
}

Test(loop, o_without_a_display_shows_the_link)
{
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	msg(C1, "urn:li:msg:8", ALICE, "slides: https://example.com/s.pdf.",
	    5);
	tui_model_changed(t);
	keys("Enter o");
	cr_assert_str_eq(t->message, "Link: https://example.com/s.pdf");
	keys("k o");
	cr_assert_str_eq(t->message, "No link in this message.");
}

Test(loop, y_copies_only_when_osc52_is_configured)
{
	keys("Enter y");
	cr_assert(strstr(t->message, "clipboard = osc52") != NULL, "%s",
	    t->message);
}

Test(loop, a_message_arriving_in_the_open_thread_is_marked_read)
{
	keys("Enter");
	cr_assert_str_eq(t->thread.urn, C1);
	cr_assert_eq(reads, 1);
	/* Alice writes again while her thread is on screen. */
	conv(C1, ALICE, "Alice Martin", 1, 5, "one more thing");
	msg(C1, "urn:li:msg:9", ALICE, "one more thing", 5);
	tui_model_changed(t);
	cr_assert_eq(reads, 2);
	cr_assert_eq(model_unread_total(m), 1, "only Carol's is left");
	/* Back in the inbox, a new message is not seen yet. */
	keys("h");
	conv(C1, ALICE, "Alice Martin", 1, 1, "and another");
	tui_model_changed(t);
	cr_assert_eq(reads, 2);
	cr_assert_eq(model_unread_total(m), 2);
}

Test(loop, a_long_thread_opens_on_its_newest_and_shows_older_on_the_way_up)
{
	char urn[32], text[32];

	conv("urn:li:conv:long", ALICE, "Alice Martin", 0, 1, "m 999");
	for (int i = 0; i < 1000; i++) {
		snprintf(urn, sizeof urn, "urn:li:msg:long%d", i);
		snprintf(text, sizeof text, "m %d", i);
		msg("urn:li:conv:long", urn, ALICE, text, 5000 - i);
	}
	tui_model_changed(t);
	thread_open(t, "urn:li:conv:long", "Alice Martin");
	tui_set_focus(t, TUI_FOCUS_THREAD);
	cr_assert_lt(t->thread.snap.n, 1000, "only the newest are built");
	cr_assert_eq(t->thread.snap.total, 1000);
	cr_assert_str_eq(t->thread.snap.msgs[t->thread.snap.n - 1].text,
	    "m 999");
	/* up past the top of what is shown: older ones from the model */
	for (int i = 0; i < 5 && t->thread.snap.n < 1000; i++)
		keys("g");
	cr_assert_eq(t->thread.snap.n, 1000);
	cr_assert_str_eq(t->thread.snap.msgs[0].text, "m 0");
}
