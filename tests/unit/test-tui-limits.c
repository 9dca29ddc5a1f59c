/* test-tui-limits.c — the screen at the limits of docs/security.md, on
 * the headless curses screen (tuitest): a conversation with 1 000 other
 * people, a 100 000-character name and a 1 MiB message are drawn cut to
 * the 80 columns, the big message opens and scrolls, and a reply over
 * LinkedIn's 8 000 characters is refused with the text kept.  A hang is
 * caught by the suite's timeout.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/model.h"
#include "tui/pane-compose.h"
#include "tui/pane-thread.h"
#include "tui/tui-int.h"
#include "tests/unit/tuitest.h"
#include "core/voyager-send.h"
#include "core/xmalloc.h"

#define NOW TUITEST_NOW
#define ME TUITEST_ME
#define LONGNAME "urn:li:fsd_profile:LONG"
#define CROWD_CONV "urn:li:msg_conversation:crowd"
#define NAME_CONV "urn:li:msg_conversation:name"
#define BIG_CONV "urn:li:msg_conversation:big"
#define NCROWD 1000
#define NAME_LEN 100000
#define BIG_LEN (1u << 20)

static struct model *m;
static struct tui *t;
static int sends, edits;
static char *big_text, *long_name;

static void
on_send(void *ctx, const char *conv, const char *text, const char *tok)
{
	(void)ctx;
	(void)conv;
	(void)text;
	(void)tok;
	sends++;
}

static void
on_edit(void *ctx, const char *msg_urn, const char *text)
{
	(void)ctx;
	(void)msg_urn;
	(void)text;
	edits++;
}

/* size bytes of words with a line break now and then, ending "THE END". */
static char *
prose(size_t size)
{
	static const char *const words[] = {"payload", "limits", "résumé",
	                                    "wrap",    "scroll", "buffer"};
	char *s = xmalloc(size + 1);
	size_t n = 0, i = 0, len;

	memcpy(s, "THE START ", 10);
	n = 10;
	while (n + 16 < size) {
		len = strlen(words[i % 6]);
		memcpy(s + n, words[i % 6], len);
		n += len;
		s[n++] = ++i % 89 == 0 ? '\n' : ' ';
	}
	while (n < size - 7)
		s[n++] = '.';
	memcpy(s + n, "THE END", 7);
	s[size] = '\0';
	return s;
}

static void
put_conv(const char *urn, const struct model_participant *p, size_t n,
         int64_t ago_s, const char *last, const char *last_sender)
{
	struct model_conv c = {
	    urn,  NULL,        p,   n, 1, 0, 1, ((int64_t)NOW - ago_s) * 1000,
	    last, last_sender, NULL};

	model_put_conversation(m, &c);
}

static void
up(void)
{
	struct model_participant *crowd, two[2];
	struct tui_opts o;
	char **names;
	size_t i;

	tuitest_screen_up();
	m = model_new();
	model_set_me(m, ME);

	crowd = xcalloc(NCROWD + 1, sizeof *crowd);
	names = xcalloc(2 * (NCROWD + 1), sizeof *names);
	crowd[0].urn = ME;
	crowd[0].name = "Me";
	for (i = 1; i <= NCROWD; i++) {
		names[2 * i] = xasprintf("urn:li:fsd_profile:P%zu", i);
		names[2 * i + 1] = xasprintf("Member%zu Crowd", i);
		crowd[i].urn = names[2 * i];
		crowd[i].name = names[2 * i + 1];
	}
	put_conv(CROWD_CONV, crowd, NCROWD + 1, 60, "Welcome, everyone.",
	         crowd[1].urn);
	tuitest_msg(m, CROWD_CONV, "urn:li:msg:crowd", crowd[1].urn,
	            "Welcome, everyone.", 60);
	for (i = 1; i <= NCROWD; i++) {
		free(names[2 * i]);
		free(names[2 * i + 1]);
	}
	free(names);
	free(crowd);

	long_name = xmalloc(NAME_LEN + 1);
	for (i = 0; i < NAME_LEN; i++)
		long_name[i] = "Wolfeschlegel"[i % 13];
	long_name[NAME_LEN] = '\0';
	two[0].urn = ME;
	two[0].name = "Me";
	two[1].urn = LONGNAME;
	two[1].name = long_name;
	put_conv(NAME_CONV, two, 2, 120, "Hello from a very long name.",
	         LONGNAME);
	tuitest_msg(m, NAME_CONV, "urn:li:msg:mine", ME, "Hi!", 150);
	tuitest_msg(m, NAME_CONV, "urn:li:msg:name", LONGNAME,
	            "Hello from a very long name.", 120);

	big_text = prose(BIG_LEN);
	two[1].urn = "urn:li:fsd_profile:MAX";
	two[1].name = "Max Payload";
	put_conv(BIG_CONV, two, 2, 180, big_text, two[1].urn);
	tuitest_msg(m, BIG_CONV, "urn:li:msg:small", two[1].urn, "before it",
	            240);
	tuitest_msg(m, BIG_CONV, "urn:li:msg:big", two[1].urn, big_text, 180);

	memset(&o, 0, sizeof o);
	o.model = m;
	o.wake_fd = -1;
	o.account = "me@example.com";
	o.actions.send = on_send;
	o.actions.edit = on_edit;
	t = tuitest_tui_new(&o);
}

static void
down(void)
{
	tui_free(t);
	model_free(m);
	free(big_text);
	free(long_name);
	tuitest_screen_down();
}

TestSuite(tui_limits, .init = up, .fini = down, .timeout = 120);

/* The row of the screen that holds text, or -1. */
static int
row_with(const char *text)
{
	int y;

	for (y = 0; y < 24; y++)
		if (strstr(tuitest_row(y), text) != NULL)
			return y;
	return -1;
}

Test(tui_limits, the_crowd_row_names_three_and_counts_the_rest)
{
	struct model_inbox in;
	int y = row_with("Member1");

	cr_assert_geq(y, 0, "%s", tuitest_screen_text());
	cr_assert_not_null(strstr(tuitest_row(y), "+997"), "%s",
	                   tuitest_row(y));
	cr_assert_null(strstr(tuitest_row(y), "Member4 Crowd"));
	tuitest_keys(t, "Enter");
	cr_assert_geq(row_with("Member3 Crowd +997"), 0,
	              "the thread's title: "
	              "%s",
	              tuitest_screen_text());
	model_inbox_snapshot(m, 0, &in);
	cr_assert_str_eq(in.rows[0].name,
	                 "Member1 Crowd, Member2 Crowd, Member3 Crowd");
	cr_assert_eq(in.rows[0].more, 997);
	model_inbox_release(&in);
}

Test(tui_limits, the_crowd_count_shows_even_in_a_narrow_inbox)
{
	int y;

	tui_relayout(t, 24, 60);
	tui_draw(t);
	y = row_with("Memb");
	cr_assert_geq(y, 0, "%s", tuitest_screen_text());
	cr_assert_not_null(strstr(tuitest_row(y), "+997"), "%s",
	                   tuitest_row(y));
}

Test(tui_limits, a_100000_character_name_is_cut_in_the_inbox_and_thread)
{
	int y = row_with("Wolfeschlegel");

	cr_assert_geq(y, 0, "%s", tuitest_screen_text());
	cr_assert_not_null(strstr(tuitest_row(y), "\xe2\x80\xa6"), "%s",
	                   tuitest_row(y));
	/* the rows around it are whole rows of their own */
	cr_assert_geq(row_with("Member1"), 0);
	cr_assert_geq(row_with("Max Payload"), 0);
	tuitest_keys(t, "j Enter");
	cr_assert_str_eq(t->thread.urn, NAME_CONV);
	y = row_with("Hello from a very long name.");
	cr_assert_geq(y, 0, "%s", tuitest_screen_text());
	cr_assert_geq(row_with("Wolfeschlegel"), 0, "%s",
	              tuitest_screen_text());
	cr_assert_geq(row_with("Max Payload"), 0, "the inbox is still drawn");
}

Test(tui_limits, a_1_mib_message_opens_and_scrolls_end_to_end)
{
	char *s;
	int i;

	tuitest_keys(t, "j j Enter");
	cr_assert_str_eq(t->thread.urn, BIG_CONV);
	cr_assert_eq(t->focus, TUI_FOCUS_THREAD);
	/* opens on the newest: the end of the big message */
	cr_assert_geq(row_with("THE END"), 0, "%s", tuitest_screen_text());
	for (i = 0; i < 20; i++)
		tuitest_keys(t, "PgUp");
	tuitest_keys(t, "g");
	s = tuitest_screen_text();
	cr_assert(strstr(s, "before it") != NULL ||
	              strstr(s, "THE START") != NULL,
	          "%s", s);
	tuitest_keys(t, "G");
	cr_assert_geq(row_with("THE END"), 0, "%s", tuitest_screen_text());
	for (i = 0; i < 20; i++)
		tuitest_keys(t, "PgUp");
	tuitest_keys(t, "k k j");
	cr_assert_not_null(tuitest_screen_text());
}

Test(tui_limits, a_reply_over_8000_characters_is_refused_and_kept)
{
	char *text = xmalloc(VOYAGER_MESSAGE_MAX + 2);

	memset(text, 'x', VOYAGER_MESSAGE_MAX + 1);
	text[VOYAGER_MESSAGE_MAX + 1] = '\0';
	tuitest_keys(t, "Enter r");
	cr_assert_eq(t->focus, TUI_FOCUS_COMPOSE);
	compose_insert(t, text, strlen(text));
	tuitest_keys(t, "Enter");
	cr_assert_eq(sends, 0);
	cr_assert_str_eq(edit_text(t->compose.ed), text, "the draft stays");
	cr_assert_not_null(t->message);
	cr_assert_not_null(strstr(t->message, "8001 characters"), "%s",
	                   t->message);
	cr_assert_not_null(strstr(t->message, "8000 at most"));
	cr_assert_geq(row_with("Not sent: 8001 characters"), 0, "%s",
	              tuitest_screen_text());
	/* one character less goes */
	tuitest_keys(t, "BSpace Enter");
	cr_assert_eq(sends, 1);
	cr_assert_str_eq(edit_text(t->compose.ed), "");
	free(text);
}

Test(tui_limits, an_edit_over_8000_characters_is_refused_and_kept)
{
	char *text = xmalloc(VOYAGER_MESSAGE_MAX + 1);

	memset(text, 'y', VOYAGER_MESSAGE_MAX);
	text[VOYAGER_MESSAGE_MAX] = '\0';
	tuitest_keys(t, "j Enter e");
	cr_assert_not_null(t->edit_urn, "editing my Hi!");
	compose_insert(t, text, strlen(text));
	tuitest_keys(t, "Enter");
	cr_assert_eq(edits, 0);
	cr_assert_not_null(t->edit_urn, "still editing");
	cr_assert_eq(strlen(edit_text(t->compose.ed)),
	             VOYAGER_MESSAGE_MAX + strlen("Hi!"));
	cr_assert_geq(row_with("Not sent: 8003 characters"), 0, "%s",
	              tuitest_screen_text());
	free(text);
}
