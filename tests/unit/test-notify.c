/* test-notify.c — tui/notify.c: who is told, what is written to the tty
 * (a pipe here), the title, and notify_command without a shell. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/xdg.h"
#include "core/xmalloc.h"
#include "tests/unit/helpers.h"
#include "tui/notify.h"

static int64_t fake_mono = 1000000;
static int64_t fake_wall;
static int tty[2] = {-1, -1};
static char dir[256];

static int64_t
mono(void)
{
	return fake_mono;
}

static int64_t
wall(void)
{
	return fake_wall;
}

/* fake_wall at hh:mm UTC on some day */
static void
at(int hh, int mm)
{
	fake_wall = (int64_t)(1767225600 + hh * 3600 + mm * 60) * 1000;
}

static void
setup(void)
{
	static const char *const vars[] = {"TERM_PROGRAM", "KITTY_WINDOW_ID",
	                                   "WT_SESSION",   "ConEmuPID",
	                                   "TMUX",         "LINCHAT_TEXT"};
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		unsetenv(vars[i]);
	setenv("TERM", "foot", 1);
	setenv("TZ", "UTC", 1);
	tzset();
	at(12, 0);
	clock_set_source(mono, wall);
	cr_assert_eq(pipe(tty), 0);
	fcntl(tty[0], F_SETFL, O_NONBLOCK);
	cr_assert_not_null(helpers_tmpdir(dir, sizeof dir, "test-notify"));
}

static void
teardown(void)
{
	clock_set_source(NULL, NULL);
	close(tty[0]);
	close(tty[1]);
	helpers_rmtree(dir);
}

TestSuite(notify, .init = setup, .fini = teardown);

/* What has been written to the tty since the last call (static). */
static const char *
written(void)
{
	static char out[8192];
	ssize_t n, len = 0;

	while ((n = read(tty[0], out + len, sizeof out - 1 - (size_t)len)) > 0)
		len += n;
	out[len] = '\0';
	return out;
}

static struct notify *
make(const char *cfg)
{
	struct config *c = config_new();
	struct lc_error err;
	struct notify *n;

	if (cfg != NULL)
		cr_assert_eq(config_parse(c, "cfg", cfg, &err), LC_OK, "%s",
		             err.msg);
	n = notify_new(c, tty[1]);
	config_free(c);
	return n;
}

static const struct notify_item grace = {
    "urn:li:conv:1", "Grace", "hi there", 0, 0, 0};

Test(notify, a_muted_conversation_is_never_announced)
{
	struct notify *n = make(NULL);
	struct notify_item two[2] = {grace, grace};

	notify_focus(n, 0);
	two[0].muted = 1;
	cr_assert_eq(notify_messages(n, NULL, two, 1), 0);
	cr_assert_str_eq(written(), "");
	cr_assert_eq(notify_timeout_ms(n), -1, "nothing held for later");
	/* the other conversation still rings */
	two[1].conv_urn = "urn:li:conv:2";
	cr_assert_eq(notify_messages(n, NULL, two, 2), 1);
	notify_free(n);
}

Test(notify, a_message_while_unfocused_rings_the_bell)
{
	struct notify *n = make(NULL);

	notify_focus(n, 0);
	cr_assert_eq(notify_messages(n, "urn:li:conv:1", &grace, 1), 1);
	cr_assert_str_eq(written(), "\a");
	notify_free(n);
}

Test(notify, the_open_conversation_in_a_focused_terminal_is_silent)
{
	struct notify *n = make(NULL);
	struct notify_item other = grace;

	cr_assert_eq(notify_messages(n, "urn:li:conv:1", &grace, 1), 0);
	cr_assert_str_eq(written(), "");
	other.conv_urn = "urn:li:conv:2";
	cr_assert_eq(notify_messages(n, "urn:li:conv:1", &other, 1), 1);
	cr_assert_str_eq(written(), "\a");
	notify_free(n);
}

Test(notify, none_writes_nothing)
{
	struct notify *n = make("notify = none\n");

	notify_focus(n, 0);
	cr_assert_eq(notify_messages(n, NULL, &grace, 1), 0);
	cr_assert_str_eq(written(), "");
	notify_free(n);
}

Test(notify, one_message_is_sender_and_text)
{
	struct notify *n = make("notify = osc\n");

	notify_focus(n, 0);
	notify_messages(n, NULL, &grace, 1);
	cr_assert_str_eq(written(),
	                 "\x1b]777;notify;linchat;Grace: hi there\x1b\\");
	notify_free(n);
}

Test(notify, many_messages_are_one_summary)
{
	struct notify *n = make("notify = osc\n");
	struct notify_item items[12];
	char urns[5][32];
	int i;

	for (i = 0; i < 5; i++)
		snprintf(urns[i], sizeof urns[i], "urn:li:conv:%d", i);
	for (i = 0; i < 12; i++) {
		items[i] = grace;
		items[i].conv_urn = urns[i % 5];
	}
	cr_assert_eq(notify_messages(n, NULL, items, 12), 1);
	cr_assert_str_eq(written(), "\x1b]777;notify;linchat;12 new messages "
	                            "in 5 conversations\x1b\\");
	notify_free(n);
}

Test(notify, one_for_another_conversation_among_several_is_itself)
{
	struct notify *n = make("notify = osc\n");
	struct notify_item two[2] = {grace, grace};

	two[1].conv_urn = "urn:li:conv:2";
	two[1].sender_name = "Ada";
	notify_messages(n, "urn:li:conv:1", two, 2);
	cr_assert_str_eq(written(),
	                 "\x1b]777;notify;linchat;Ada: hi there\x1b\\");
	notify_free(n);
}

Test(notify, a_burst_item_alone_is_a_summary_too)
{
	struct notify *n = make("notify = osc\n");
	struct notify_item b = grace;

	b.burst = 1;
	notify_messages(n, NULL, &b, 1);
	cr_assert_str_eq(written(), "\x1b]777;notify;linchat;1 new message in "
	                            "1 conversation\x1b\\");
	notify_free(n);
}

Test(notify, at_most_one_a_second_and_the_rest_is_held)
{
	struct notify *n = make("notify = osc\n");
	struct notify_item b = grace;

	cr_assert_eq(notify_messages(n, NULL, &grace, 1), 1);
	written();
	cr_assert_eq(notify_timeout_ms(n), -1);
	fake_mono += 200;
	b.conv_urn = "urn:li:conv:2";
	cr_assert_eq(notify_messages(n, NULL, &b, 1), 0);
	cr_assert_eq(notify_messages(n, NULL, &grace, 1), 0);
	cr_assert_str_eq(written(), "");
	cr_assert_eq(notify_timeout_ms(n), 800);
	fake_mono += 800;
	cr_assert_eq(notify_timeout_ms(n), 0);
	cr_assert_eq(notify_messages(n, NULL, NULL, 0), 1);
	cr_assert_str_eq(written(), "\x1b]777;notify;linchat;2 new messages "
	                            "in 2 conversations\x1b\\");
	cr_assert_eq(notify_timeout_ms(n), -1);
	notify_free(n);
}

Test(notify, gaining_focus_drops_what_is_held)
{
	struct notify *n = make(NULL);

	notify_focus(n, 0);
	notify_messages(n, "urn:li:conv:1", &grace, 1);
	fake_mono += 10;
	notify_messages(n, "urn:li:conv:1", &grace, 1);
	cr_assert_str_eq(written(), "\a");
	notify_focus(n, 1);
	cr_assert_eq(notify_timeout_ms(n), -1);
	fake_mono += 5000;
	cr_assert_eq(notify_messages(n, NULL, NULL, 0), 0);
	cr_assert_str_eq(written(), "");
	notify_free(n);
}

Test(notify, quiet_hours_wrap_midnight)
{
	struct notify *n = make("notify_quiet_hours = 22:00-07:00\n");
	static const int quiet[][2] = {{22, 0}, {23, 59}, {0, 0}, {6, 59}};
	static const int loud[][2] = {{7, 0}, {12, 0}, {21, 59}};
	size_t i;

	for (i = 0; i < 4; i++) {
		at(quiet[i][0], quiet[i][1]);
		fake_mono += 2000;
		cr_assert_eq(notify_messages(n, NULL, &grace, 1), 0,
		             "%02d:%02d", quiet[i][0], quiet[i][1]);
	}
	cr_assert_str_eq(written(), "");
	for (i = 0; i < 3; i++) {
		at(loud[i][0], loud[i][1]);
		fake_mono += 2000;
		cr_assert_eq(notify_messages(n, NULL, &grace, 1), 1,
		             "%02d:%02d", loud[i][0], loud[i][1]);
	}
	cr_assert_str_eq(written(), "\a\a\a");
	notify_free(n);
}

Test(notify, quiet_hours_within_a_day)
{
	struct notify *n = make("notify_quiet_hours = 09:00-17:30\n");

	at(9, 0);
	cr_assert_eq(notify_messages(n, NULL, &grace, 1), 0);
	at(17, 30);
	cr_assert_eq(notify_messages(n, NULL, &grace, 1), 1);
	notify_free(n);
}

static size_t
count(const char *s, char c)
{
	size_t k = 0;

	for (; *s != '\0'; s++)
		k += *s == c;
	return k;
}

Test(notify, hostile_text_cannot_end_the_osc_or_start_another)
{
	struct notify *n = make("notify = osc\n");
	struct notify_item evil = {"urn:li:conv:1",
	                           "Eve\x1b]2;x\a\x9b",
	                           "a\x1b]0;pwned\a b\x07\x1b\\ c\r\n\x90q\x9c",
	                           0,
	                           0,
	                           0};
	const char *out;

	notify_messages(n, NULL, &evil, 1);
	out = written();
	cr_assert_null(strstr(out, "\x1b]0;"));
	cr_assert_null(strstr(out, "pwned\a"));
	cr_assert_null(strstr(out, "\x1b]2;"));
	cr_assert_eq(count(out, '\x1b'), 2, "%s", out); /* OSC and ST */
	cr_assert_eq(count(out, '\a'), 0);
	cr_assert_eq(strncmp(out, "\x1b]777;notify;linchat;Eve", 24), 0);
	cr_assert_str_eq(out + strlen(out) - 2, "\x1b\\");
	notify_free(n);
}

Test(notify, long_text_is_cut_on_a_character_boundary)
{
	struct notify *n = make("notify = osc\n");
	struct notify_item big = grace;
	char text[3 * 400 + 1], *body;
	const char *out;
	size_t i;

	for (i = 0; i < 400; i++)
		memcpy(text + 3 * i, "\xe2\x82\xac", 3); /* the euro sign */
	text[3 * 400] = '\0';
	big.text = text;
	notify_messages(n, NULL, &big, 1);
	out = written();
	body = strstr(out, "Grace: ");
	cr_assert_not_null(body);
	body += 7;
	/* 200 euro signs, the ellipsis, ST */
	cr_assert_eq(strlen(body), 3 * NOTIFY_TEXT_MAX + 3 + 2);
	cr_assert_eq(memcmp(body + 3 * NOTIFY_TEXT_MAX, "\u2026\x1b\\", 5), 0);
	notify_free(n);
}

static const char *
osc_for(const char *var, const char *value)
{
	struct notify *n;

	setenv(var, value, 1);
	n = make("notify = osc\n");
	notify_messages(n, NULL, &grace, 1);
	notify_free(n);
	unsetenv(var);
	setenv("TERM", "foot", 1);
	return written();
}

Test(notify, the_osc_form_follows_the_terminal)
{
	cr_assert_str_eq(osc_for("TERM", "xterm-kitty"),
	                 "\x1b]99;i=linchat:d=0;linchat\x1b\\"
	                 "\x1b]99;i=linchat:p=body;Grace: hi there\x1b\\");
	cr_assert_str_eq(osc_for("KITTY_WINDOW_ID", "1"),
	                 "\x1b]99;i=linchat:d=0;linchat\x1b\\"
	                 "\x1b]99;i=linchat:p=body;Grace: hi there\x1b\\");
	cr_assert_str_eq(osc_for("TERM_PROGRAM", "iTerm.app"),
	                 "\x1b]9;linchat: Grace: hi there\x1b\\");
	cr_assert_str_eq(osc_for("TERM_PROGRAM", "WezTerm"),
	                 "\x1b]9;linchat: Grace: hi there\x1b\\");
	cr_assert_str_eq(osc_for("TERM", "rxvt-unicode-256color"),
	                 "\x1b]777;notify;linchat;Grace: hi there\x1b\\");
	cr_assert_str_eq(osc_for("TERM", "xterm-256color"),
	                 "\x1b]777;notify;linchat;Grace: hi there\x1b\\");
}

Test(notify, the_form_is_picked_once_at_start)
{
	struct notify *n;

	setenv("TERM_PROGRAM", "WezTerm", 1);
	n = make(NULL);
	cr_assert_eq(notify_osc_form(n), NOTIFY_OSC_9);
	notify_free(n);
	setenv("TERM", "xterm-kitty", 1);
	n = make(NULL);
	cr_assert_eq(notify_osc_form(n), NOTIFY_OSC_99);
	notify_free(n);
	unsetenv("TERM_PROGRAM");
	setenv("TERM", "foot", 1);
	n = make(NULL);
	cr_assert_eq(notify_osc_form(n), NOTIFY_OSC_777);
	notify_free(n);
}

Test(notify, inside_tmux_the_osc_goes_through_passthrough)
{
	setenv("TERM", "tmux-256color", 1);
	cr_assert_str_eq(osc_for("TMUX", "/tmp/tmux-0/default,1,0"),
	                 "\x1bPtmux;\x1b\x1b]777;notify;linchat;Grace: hi "
	                 "there\x1b\x1b\\\x1b\\");
	setenv("TERM", "xterm-kitty", 1);
	cr_assert_str_eq(osc_for("TMUX", "/tmp/tmux-0/default,1,0"),
	                 "\x1bPtmux;\x1b\x1b]99;i=linchat:d=0;linchat\x1b\x1b\\"
	                 "\x1b\\"
	                 "\x1bPtmux;\x1b\x1b]99;i=linchat:p=body;Grace: hi "
	                 "there\x1b\x1b\\\x1b\\");
}

Test(notify, the_title_is_written_only_when_the_count_changes)
{
	struct notify *n = make(NULL);

	notify_title(n, 3);
	cr_assert_str_eq(written(), "\x1b]2;linchat (3)\a");
	notify_title(n, 3);
	cr_assert_str_eq(written(), "");
	notify_title(n, 0);
	cr_assert_str_eq(written(), "\x1b]2;linchat\a");
	notify_title_reset(n);
	notify_title(n, 0);
	cr_assert_str_eq(written(), "\x1b]2;linchat\a");
	notify_free(n);
}

Test(notify, title_off_writes_no_title)
{
	struct notify *n = make("title = off\n");

	notify_title(n, 3);
	notify_title(n, 0);
	cr_assert_str_eq(written(), "");
	notify_free(n);
}

/* Waits up to 10 s for path to exist. */
static int
wait_for(const char *path)
{
	int i;

	for (i = 0; i < 1000; i++) {
		if (access(path, F_OK) == 0)
			return 1;
		nanosleep(&(struct timespec){0, 10000000}, NULL);
	}
	return 0;
}

/* A notify_command that writes its arguments and the LINCHAT_ variables
 * to DIR/out, and the config naming it (static). */
static const char *
command_config(const char *mode)
{
	static char cfg[1024];
	char *script = xasprintf("%s/say it", dir), *body;
	FILE *f = fopen(script, "w");

	cr_assert_not_null(f);
	body =
	    xasprintf("#!/bin/sh\n"
	              "{ printf '1=%%s\\n2=%%s\\n' \"$1\" \"$2\"\n"
	              "  env | grep -E '^LINCHAT_(SENDER|TEXT|CONVERSATION)='"
	              " | sort; } > '%s/out.tmp'\n"
	              "mv '%s/out.tmp' '%s/out'\n",
	              dir, dir, dir);
	fputs(body, f);
	fclose(f);
	chmod(script, 0700);
	snprintf(cfg, sizeof cfg,
	         "notify = %s\nnotify_command = \"'%s' 'one arg' $HOME;x\"\n",
	         mode, script);
	free(script);
	free(body);
	return cfg;
}

static char *
command_output(struct notify *n)
{
	char *path = xasprintf("%s/out", dir), *text = NULL;
	int i;

	cr_assert(wait_for(path), "the command did not run");
	cr_assert_eq(xdg_read_file(path, 1 << 16, &text, NULL, NULL), LC_OK);
	for (i = 0; i < 1000 && notify_running(n) > 0; i++) {
		notify_messages(n, NULL, NULL, 0);
		nanosleep(&(struct timespec){0, 10000000}, NULL);
	}
	cr_assert_eq(notify_running(n), 0, "the command was not reaped");
	free(path);
	return text;
}

Test(notify, the_command_gets_sender_and_text_in_its_env_without_a_shell)
{
	struct notify *n = make(command_config("command"));
	struct notify_item it = {"urn:li:conv:7",
	                         "Grace\x1b[31m",
	                         "$(touch pwned); `touch pwned2` \"q\" 'q'",
	                         0,
	                         0,
	                         0};
	char *out, *pwned = xasprintf("%s/pwned", dir);

	setenv("LINCHAT_TEXT", "stale", 1);
	cr_assert_eq(chdir(dir), 0);
	cr_assert_eq(notify_messages(n, NULL, &it, 1), 1);
	out = command_output(n);
	cr_assert_str_eq(out, "1=one arg\n"
	                      "2=$HOME;x\n"
	                      "LINCHAT_CONVERSATION=urn:li:conv:7\n"
	                      "LINCHAT_SENDER=Grace\u241b\n"
	                      "LINCHAT_TEXT=$(touch pwned); `touch pwned2` "
	                      "\"q\" 'q'\n");
	cr_assert_neq(access(pwned, F_OK), 0);
	cr_assert_str_eq(written(), ""); /* command alone: no bell */
	free(out);
	free(pwned);
	notify_free(n);
}

Test(notify, the_command_runs_beside_the_bell_with_the_summary)
{
	struct notify *n = make(command_config("bell"));
	struct notify_item two[2] = {grace, grace};
	char *out;

	two[1].conv_urn = "urn:li:conv:2";
	cr_assert_eq(notify_messages(n, NULL, two, 2), 1);
	out = command_output(n);
	cr_assert_str_eq(out, "1=one arg\n"
	                      "2=$HOME;x\n"
	                      "LINCHAT_CONVERSATION=\n"
	                      "LINCHAT_SENDER=\n"
	                      "LINCHAT_TEXT=2 new messages in 2 "
	                      "conversations\n");
	cr_assert_str_eq(written(), "\a");
	free(out);
	notify_free(n);
}
