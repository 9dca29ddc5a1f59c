/* The thread pane's live lines: "new messages" where the unread ones
 * began, "… is typing" and the online dot in the title row, "Seen by …"
 * under the user's last message. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/model.h"
#include "tests/unit/tuitest.h"
#include "tui/tui-int.h"

#define ME TUITEST_ME
#define ALICE "urn:li:fsd_profile:A"
#define BOB "urn:li:fsd_profile:B"
#define C1 "urn:li:msg_conversation:1"
#define C2 "urn:li:msg_conversation:2"

static struct model *m;
static struct tui *t;

static void
on_read(void *ctx, const char *conv, int read)
{
	(void)ctx;
	model_set_read(m, conv, read);
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
	tuitest_msg(m, C1, "urn:li:msg:0", ALICE, "an old one", 5000);
	tuitest_msg(m, C1, "urn:li:msg:1", ME, "my answer", 4000);
	tuitest_msg(m, C1, "urn:li:msg:2", ALICE, "first new", 120);
	tuitest_msg(m, C1, "urn:li:msg:3", ME, "typed in between", 90);
	tuitest_msg(m, C1, "urn:li:msg:4", ALICE, "see you tomorrow", 60);
	tuitest_msg(m, C2, "urn:li:msg:5", BOB, "thanks!", 3600);
	tuitest_msg(m, C2, "urn:li:msg:6", ME, "you are welcome", 3500);
	memset(&o, 0, sizeof o);
	o.model = m;
	o.wake_fd = -1;
	o.actions.mark_read = on_read;
	t = tuitest_tui_new(&o);
}

static void
down(void)
{
	tui_free(t);
	model_free(m);
	tuitest_screen_down();
}

TestSuite(thread_live, .init = up, .fini = down);

/* The screen row holding s, or -1. */
static int
row_of(const char *s)
{
	int y;

	for (y = 0; y < 24; y++)
		if (strstr(tuitest_row(y), s) != NULL)
			return y;
	return -1;
}

Test(thread_live, the_new_messages_line_sits_above_the_first_unread_one)
{
	int line, first, old;

	tuitest_keys(t, "Enter");
	line = row_of("new messages");
	first = row_of("first new");
	old = row_of("an old one");
	cr_assert_geq(line, 0, "%s", tuitest_screen_text());
	cr_assert_lt(old, line);
	cr_assert_lt(line, first);
	cr_assert_eq(row_of("new messages"), line, "one line only");
	/* read now, but the line stays until another conversation opens */
	tuitest_keys(t, "j k");
	cr_assert_geq(row_of("new messages"), 0);
	tuitest_keys(t, "h j Enter");
	cr_assert_eq(row_of("new messages"), -1, "%s", tuitest_screen_text());
}

Test(thread_live, typing_shows_in_the_title_row_until_it_ends)
{
	tuitest_keys(t, "Enter");
	model_set_typing(m, C1, ALICE, clock_mono_ms() + 10000);
	tui_model_changed(t);
	tuitest_keys(t, "");
	cr_assert(strstr(tuitest_row(0), "Alice is typing") != NULL, "%s",
	          tuitest_screen_text());
	model_set_typing(m, C1, ALICE, clock_mono_ms() - 1);
	tui_model_changed(t);
	tuitest_keys(t, "");
	cr_assert(strstr(tuitest_screen_text(), "is typing") == NULL, "%s",
	          tuitest_screen_text());
}

Test(thread_live, seen_by_shows_under_my_last_message_once_read)
{
	int64_t t6 = ((int64_t)TUITEST_NOW - 3500) * 1000;
	char want[64];

	tuitest_keys(t, "j Enter");
	cr_assert_eq(row_of("Seen by"), -1);
	model_set_seen(m, C2, BOB, t6 - 1, t6 + 60000);
	tui_model_changed(t);
	tuitest_keys(t, "");
	cr_assert_eq(row_of("Seen by"), -1, "seen before my message");
	model_set_seen(m, C2, BOB, t6, t6 + 120000);
	tui_model_changed(t);
	tuitest_keys(t, "");
	snprintf(want, sizeof want, "Seen by Bob \xc2\xb7 ");
	cr_assert_gt(row_of(want), row_of("you are welcome"), "%s",
	             tuitest_screen_text());
}

Test(thread_live, an_online_peer_gets_a_dot_before_the_name)
{
	char *row;

	tuitest_keys(t, "Enter");
	cr_assert(strstr(tuitest_row(0), "Alice Martin") != NULL, "%s",
	          tuitest_screen_text());
	cr_assert(strstr(tuitest_row(0), "\xe2\x97\x8f") == NULL,
	          "a dot with no presence known");
	model_set_presence(m, ALICE, 1, (int64_t)TUITEST_NOW * 1000);
	tui_model_changed(t);
	tuitest_keys(t, "");
	row = tuitest_row(0);
	cr_assert(strstr(row, "\xe2\x97\x8f Alice Martin") != NULL, "%s",
	          tuitest_screen_text());
	/* Bob is online too, but his thread is not open: one dot */
	model_set_presence(m, BOB, 1, 0);
	tui_model_changed(t);
	tuitest_keys(t, "");
	row = tuitest_row(0);
	cr_assert_eq(strstr(row, "\xe2\x97\x8f"),
	             strstr(row, "\xe2\x97\x8f Alice"));
	model_set_presence(m, ALICE, 0, (int64_t)TUITEST_NOW * 1000);
	tui_model_changed(t);
	tuitest_keys(t, "");
	cr_assert(strstr(tuitest_row(0), "\xe2\x97\x8f") == NULL,
	          "a dot while offline: %s", tuitest_row(0));
	cr_assert(strstr(tuitest_row(0), "Alice Martin") != NULL);
	model_set_presence(m, ALICE, 1, 0);
	model_set_presence(m, ALICE, -1, 0);
	tui_model_changed(t);
	tuitest_keys(t, "");
	cr_assert(strstr(tuitest_row(0), "\xe2\x97\x8f") == NULL,
	          "a dot once unknown");
}

Test(thread_live, a_group_gets_no_dot)
{
	struct model_participant p[3] = {
	    {ME, "Me"}, {ALICE, "Alice Martin"}, {BOB, "Bob Lee"}};
	struct model_conv c;

	memset(&c, 0, sizeof c);
	c.urn = "urn:li:msg_conversation:3";
	c.participants = p;
	c.nparticipants = 3;
	c.last_ms = ((int64_t)TUITEST_NOW + 10) * 1000; /* the newest */
	c.read = 1;
	c.categories = 1;
	model_put_conversation(m, &c);
	model_set_presence(m, ALICE, 1, 0);
	model_set_presence(m, BOB, 1, 0);
	tui_model_changed(t);
	tuitest_keys(t, "g Enter");
	cr_assert(strstr(tuitest_row(0), "Bob Lee") != NULL, "%s",
	          tuitest_screen_text());
	cr_assert(strstr(tuitest_row(0), "\xe2\x97\x8f") == NULL, "%s",
	          tuitest_row(0));
}
