/* The command table's dispatcher (tui/cmd.c): needs checked once before a
 * command runs, and quit's confirmation through quit_armed.  Driven like
 * test-loop.c: a model, a curses screen writing to /dev/null, keys into
 * tui_key(). */
#include <criterion/criterion.h>
#include <string.h>

#include "tui/cmd.h"
#include "core/model.h"
#include "tui/tui-int.h"
#include "tests/unit/tuitest.h"

#define ALICE "urn:li:fsd_profile:A"
#define BOB "urn:li:fsd_profile:B"
#define C1 "urn:li:msg_conversation:1"
#define C2 "urn:li:msg_conversation:2"

static struct model *m;
static struct tui *t;
static int execs, sends;

static void
record_exec(struct tui *tt, enum cmd_id id)
{
	(void)tt;
	(void)id;
	execs++;
}

/* Sends never finish: the message stays pending (shown, as the worker's
 * push shows it, before the request). */
static void
on_send(void *ctx, const char *conv, const char *text, const char *tok)
{
	(void)ctx;
	model_add_pending(m, conv, text, tok, (int64_t)t->now * 1000);
	sends++;
}

/* No sync action: the UI runs without the service. */
static void
up(void)
{
	struct tui_opts o;

	tuitest_screen_up();
	m = model_new();
	model_set_me(m, TUITEST_ME);
	tuitest_conv(m, C1, ALICE, "Alice Martin", 0, 60, "see you");
	tuitest_conv(m, C2, BOB, "Bob Lee", 0, 3600, "thanks!");
	tuitest_msg(m, C1, "urn:li:msg:1", ALICE, "see you", 60);
	memset(&o, 0, sizeof o);
	o.model = m;
	o.wake_fd = -1;
	o.actions.send = on_send;
	t = tuitest_tui_new(&o);
	execs = sends = 0;
}

static void
down(void)
{
	tui_free(t);
	model_free(m);
	tuitest_screen_down();
}

TestSuite(cmd, .init = up, .fini = down);

Test(cmd, a_command_without_the_service_is_refused_with_the_reason)
{
	const struct cmd_entry e = {.id = CMD_SYNC,
	                            .name = "sync",
	                            .exec = record_exec,
	                            .panes = CMD_IN_ALL,
	                            .needs = CMD_NEEDS_SERVICE};

	cr_assert_eq(cmd_exec(t, &e), 0);
	cr_assert_eq(execs, 0);
	cr_assert_not_null(t->message);
	cr_assert_str_eq(t->message,
	                 "Cannot sync: not connected to the service.");
	cr_assert(t->message_error);
}

Test(cmd, r_without_the_service_says_so_in_the_status_bar)
{
	tuitest_keys(t, "R");
	cr_assert_not_null(t->message);
	cr_assert_str_eq(t->message,
	                 "Cannot sync: not connected to the service.");
	cr_assert(strstr(tuitest_row(23), "Cannot sync") != NULL, "%s",
	          tuitest_row(23));
}

Test(cmd, a_command_that_needs_a_conversation_waits_silently_for_one)
{
	const struct cmd_entry e = {.id = CMD_MARK_READ,
	                            .name = "mark-read",
	                            .exec = record_exec,
	                            .panes = CMD_IN_ALL,
	                            .needs =
	                                CMD_NEEDS_THREAD | CMD_NEEDS_MESSAGE};

	cr_assert_eq(cmd_exec(t, &e), 0);
	cr_assert_eq(execs, 0);
	cr_assert_null(t->message);
	tuitest_keys(t, "Enter");
	cr_assert_str_eq(t->thread.urn, C1);
	cr_assert_eq(cmd_exec(t, &e), 1);
	cr_assert_eq(execs, 1);
}

Test(cmd, the_table_runs_a_command_only_in_its_panes)
{
	/* r in the inbox is the inbox's own (open and reply) */
	cr_assert_eq(cmd_dispatch(t, CMD_QUOTE), 0);
	cr_assert_eq(cmd_dispatch(t, CMD_HELP), 1);
	cr_assert(t->help_open);
}

Test(cmd, q_quits_at_once_when_nothing_is_being_sent)
{
	tuitest_keys(t, "q");
	cr_assert(t->quit);
	cr_assert_not(t->quit_armed);
}

/* Opens C1, sends a message that stays pending, back to the thread. */
static void
send_pending(void)
{
	tuitest_keys(t, "Enter r");
	tuitest_type(t, "pending");
	tuitest_keys(t, "Enter Esc");
	cr_assert_eq(sends, 1);
}

Test(cmd, q_while_sending_asks_and_a_second_q_quits)
{
	send_pending();
	tuitest_keys(t, "q");
	cr_assert_not(t->quit);
	cr_assert(t->quit_armed);
	cr_assert(strstr(t->message, "press q again") != NULL);
	tuitest_keys(t, "q");
	cr_assert(t->quit);
}

Test(cmd, another_key_between_the_two_q_disarms_quit)
{
	send_pending();
	tuitest_keys(t, "q");
	cr_assert(t->quit_armed);
	tuitest_keys(t, "k");
	cr_assert_not(t->quit_armed);
	cr_assert_null(t->message);
	tuitest_keys(t, "q");
	cr_assert_not(t->quit);
	cr_assert(t->quit_armed);
}

Test(cmd, a_notice_replacing_the_question_disarms_quit)
{
	send_pending();
	tuitest_keys(t, "q");
	cr_assert(t->quit_armed);
	tuitest_keys(t, "R");
	cr_assert_not(t->quit_armed);
	cr_assert_str_eq(t->message,
	                 "Cannot sync: not connected to the service.");
	tuitest_keys(t, "q");
	cr_assert_not(t->quit);
}
