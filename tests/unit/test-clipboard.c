/* test-clipboard.c — `y`: how auto chooses, commands without a shell,
 * failures in words, the OSC 52 bytes, the [ui] clipboard keys. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "core/xmalloc.h"
#include "tests/unit/helpers.h"
#include "tui/clipboard.h"

static char dir[64];

static void
up(void)
{
	cr_assert_not_null(helpers_tmpdir(dir, sizeof dir, "lc-clip"));
	setenv("PATH", dir, 1);
	unsetenv("TMUX");
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
}

static void
down(void)
{
	helpers_rmtree(dir);
}

TestSuite(clipboard, .init = up, .fini = down);

/* A program in the fake PATH: its arguments one a line to NAME.args,
 * its stdin to NAME.in, then body. */
static void
stub(const char *name, const char *body)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");

	cr_assert_not_null(f);
	fprintf(
	    f,
	    "#!/bin/sh\n"
	    "for a in \"$@\"; do printf '%%s\\n' \"$a\"; done > %s/%s.args\n"
	    "/bin/cat > %s/%s.in\n%s\n",
	    dir, name, dir, name, body);
	fclose(f);
	chmod(p, 0755);
	free(p);
}

static char *
slurp(const char *name)
{
	char *p = xasprintf("%s/%s", dir, name), *s = xcalloc(1, 1 << 20);
	FILE *f = fopen(p, "r");

	free(p);
	if (f == NULL) {
		free(s);
		return NULL;
	}
	s[fread(s, 1, (1 << 20) - 1, f)] = '\0';
	fclose(f);
	return s;
}

/* auto's choice: the program's first word, "osc52" or "off". */
static char *
chosen(void)
{
	char **argv;
	const char *why;
	char *r;

	switch (clipboard_choose(NULL, NULL, &argv, &why)) {
	case CLIPBOARD_OSC52:
		return xstrdup("osc52");
	case CLIPBOARD_OFF:
		cr_assert_not_null(why);
		return xstrdup("off");
	case CLIPBOARD_COMMAND:
		break;
	}
	r = xstrdup(argv[0]);
	config_words_free(argv);
	return r;
}

#define expect_choice(want)                                                    \
	do {                                                                   \
		char *got_ = chosen();                                         \
		cr_assert_str_eq(got_, want);                                  \
		free(got_);                                                    \
	} while (0)

Test(clipboard, auto_follows_the_display_then_the_path)
{
	char *p;

	stub("wl-copy", "");
	stub("xclip", "");
	stub("xsel", "");
	stub("pbcopy", "");
	/* no display (ssh): only pbcopy, which needs none */
	expect_choice("pbcopy");
	setenv("DISPLAY", ":0", 1);
	expect_choice("xclip");
	setenv("WAYLAND_DISPLAY", "wayland-0", 1);
	expect_choice("wl-copy");
	p = xasprintf("%s/wl-copy", dir);
	chmod(p, 0644); /* not executable: not a candidate */
	free(p);
	expect_choice("xclip");
	p = xasprintf("%s/xclip", dir);
	unlink(p);
	free(p);
	expect_choice("xsel");
	setenv("DISPLAY", "", 1);
	expect_choice("pbcopy");
}

Test(clipboard, auto_without_any_program_is_osc52)
{
	setenv("DISPLAY", ":0", 1);
	setenv("WAYLAND_DISPLAY", "wayland-0", 1);
	expect_choice("osc52");
}

Test(clipboard, auto_uses_osc52_in_tmux_only_with_set_clipboard_on)
{
	char *args;

	setenv("TMUX", "/tmp/tmux-0/default,1,0", 1);
	setenv("WAYLAND_DISPLAY", "wayland-0", 1);
	stub("wl-copy", "");
	stub("tmux", "echo on");
	expect_choice("osc52");
	args = slurp("tmux.args");
	cr_assert_str_eq(args, "show-options\n-gv\nset-clipboard\n");
	free(args);
	stub("tmux", "echo external");
	expect_choice("wl-copy");
	stub("tmux", "echo off");
	expect_choice("wl-copy");
	/* tmux would swallow OSC 52, and there is nothing else */
	unsetenv("WAYLAND_DISPLAY");
	expect_choice("off");
	/* a tmux that hangs costs half a second, not the UI */
	stub("tmux", "exec /bin/sleep 5");
	setenv("WAYLAND_DISPLAY", "wayland-0", 1);
	expect_choice("wl-copy");
}

Test(clipboard, a_command_runs_without_a_shell)
{
	char *msg, *args, *in, *pwned, *cmd;
	struct stat st;

	stub("copier", "");
	cmd = xasprintf("copier 'a;b' '$(touch %s/pwned)' `id`", dir);
	cr_assert_eq(clipboard_copy("command", cmd, "hello\nworld", -1, &msg),
	             0, "%s", msg);
	cr_assert_str_eq(msg, "Copied the message to the clipboard (copier).");
	free(msg);
	args = slurp("copier.args");
	in = slurp("copier.in");
	pwned = xasprintf("%s/pwned", dir);
	cr_assert_not_null(args);
	cr_assert_eq(strncmp(args, "a;b\n$(touch ", 12), 0, "%s", args);
	cr_assert(strstr(args, "/pwned)\n`id`\n") != NULL, "%s", args);
	cr_assert_str_eq(in, "hello\nworld");
	cr_assert_neq(stat(pwned, &st), 0);
	free(args);
	free(in);
	free(pwned);
	free(cmd);
}

/* linchat's own ends of the program's stdin (a socket) and output (a
 * pipe's read end) do not reach it; the program's ls shows its fds. */
Test(clipboard, the_command_gets_none_of_our_ends)
{
	char *msg, *fds, *line, *end;
	int sockets = 0, pipe_reads = 0;

	stub("copier", "/bin/ls -l /proc/self/fd/ > $0.fds");
	cr_assert_eq(clipboard_copy("command", "copier", "x", -1, &msg), 0);
	free(msg);
	fds = slurp("copier.fds");
	cr_assert_not_null(fds);
	for (line = fds; line != NULL; line = end) {
		end = strchr(line, '\n');
		if (end != NULL)
			*end++ = '\0';
		sockets += strstr(line, "socket:") != NULL;
		pipe_reads += strncmp(line, "lr-x", 4) == 0 &&
		              strstr(line, "pipe:") != NULL;
	}
	cr_assert_eq(sockets, 1, "only stdin is a socket");
	cr_assert_eq(pipe_reads, 0);
	free(fds);
}

Test(clipboard, the_old_form_is_the_command_itself)
{
	char *msg, *args;

	stub("copier", "");
	cr_assert_eq(
	    clipboard_copy("copier -selection clipboard", NULL, "x", -1, &msg),
	    0, "%s", msg);
	free(msg);
	args = slurp("copier.args");
	cr_assert_str_eq(args, "-selection\nclipboard\n");
	free(args);
}

Test(clipboard, a_long_text_reaches_the_command_whole)
{
	size_t n = 300000, i;
	char *text = xmalloc(n + 1), *msg, *in;

	for (i = 0; i < n; i++)
		text[i] = (char)('a' + i % 26);
	text[n] = '\0';
	stub("copier", "");
	cr_assert_eq(clipboard_copy("command", "copier", text, -1, &msg), 0);
	free(msg);
	in = slurp("copier.in");
	cr_assert_str_eq(in, text);
	free(in);
	free(text);
}

Test(clipboard, failures_are_said)
{
	char *msg;

	stub("copier", "echo 'Error: no display' >&2; exit 3");
	cr_assert_eq(clipboard_copy("command", "copier", "x", -1, &msg), -1);
	cr_assert_str_eq(msg, "Copying failed: copier exited with status 3: "
	                      "Error: no display");
	free(msg);
	cr_assert_eq(clipboard_copy("nosuchcopier", NULL, "x", -1, &msg), -1);
	cr_assert_str_eq(msg, "Copying failed: could not run nosuchcopier.");
	free(msg);
	cr_assert_eq(clipboard_copy("command", NULL, "x", -1, &msg), -1);
	cr_assert(strstr(msg, "clipboard_command") != NULL, "%s", msg);
	free(msg);
	cr_assert_eq(clipboard_copy("off", NULL, "x", -1, &msg), -1);
	cr_assert_str_eq(msg, "Copying is off (clipboard = off in [ui]).");
	free(msg);
	/* one that prints an escape cannot reach the terminal with it */
	stub("copier", "printf 'bad\\033]52;c;eA==\\007' >&2; exit 1");
	cr_assert_eq(clipboard_copy("command", "copier", "x", -1, &msg), -1);
	cr_assert_null(strchr(msg, '\x1b'), "%s", msg);
	free(msg);
}

Test(clipboard, a_command_that_hangs_is_killed)
{
	char *msg;

	stub("copier", "exec /bin/sleep 30");
	cr_assert_eq(clipboard_copy("command", "copier", "x", -1, &msg), -1);
	cr_assert_str_eq(msg, "Copying failed: copier did not finish within "
	                      "2 s.");
	free(msg);
}

Test(clipboard, osc52_bytes_go_to_the_terminal)
{
	int fd[2];
	char got[128], *msg;
	ssize_t n;

	cr_assert_eq(pipe(fd), 0);
	/* "é\n" is c3 a9 0a */
	cr_assert_eq(clipboard_copy("osc52", NULL, "\xc3\xa9\n", fd[1], &msg),
	             0);
	cr_assert_str_eq(msg, "Copied the message to the clipboard (OSC 52).");
	free(msg);
	close(fd[1]);
	n = read(fd[0], got, sizeof got - 1);
	cr_assert_gt(n, 0);
	got[n] = '\0';
	cr_assert_str_eq(got, "\x1b]52;c;w6kK\a");
	close(fd[0]);
	cr_assert_eq(clipboard_copy("osc52", NULL, "x", -1, &msg), -1);
	cr_assert(strstr(msg, "terminal") != NULL, "%s", msg);
	free(msg);
}

static int
parse(const char *text, char **problem)
{
	struct config *c = config_new();
	struct lc_error err;
	int rc = config_parse(c, "cfg", text, &err);

	*problem = rc == LC_OK ? NULL : xstrdup(err.msg);
	config_free(c);
	return rc;
}

Test(clipboard, the_config_keys)
{
	struct config *c = config_new();
	struct lc_error err;
	char *why;

	cr_assert_null(c->clipboard);
	cr_assert_null(c->clipboard_command);
	cr_assert_eq(
	    config_parse(c, "cfg",
	                 "[ui]\nclipboard = command\n"
	                 "clipboard_command = wl-copy --trim-newline\n",
	                 &err),
	    LC_OK, "%s", err.msg);
	cr_assert_str_eq(c->clipboard, "command");
	cr_assert_str_eq(c->clipboard_command, "wl-copy --trim-newline");
	config_free(c);
	cr_assert_eq(parse("[ui]\nclipboard = osc52\n", &why), LC_OK);
	cr_assert_eq(parse("[ui]\nclipboard = off\n", &why), LC_OK);
	cr_assert_eq(parse("[ui]\nclipboard = auto\n", &why), LC_OK);
	cr_assert_eq(
	    parse("[ui]\nclipboard = xclip -selection clipboard\n", &why),
	    LC_OK);
	cr_assert_eq(parse("[ui]\n\nclipboard = command\n", &why), LC_EINVAL);
	cr_assert_str_eq(why, "cfg:3: clipboard = command needs a "
	                      "clipboard_command.");
	free(why);
	cr_assert_eq(parse("[ui]\nclipboard = 'xclip\n", &why), LC_EINVAL);
	cr_assert(strstr(why, "cfg:2: clipboard must be") != NULL, "%s", why);
	free(why);
	cr_assert_eq(parse("[ui]\nclipboard_command = \"wl-copy\n", &why),
	             LC_EINVAL);
	free(why);
}
