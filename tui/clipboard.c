/* clipboard.c — see clipboard.h. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/utf8.h"
#include "core/xmalloc.h"
#include "tui/clipboard.h"
#include "tui/opener.h"

/* What a command said is kept up to this many bytes. */
#define CLIP_OUT_MAX 4096

/* The monotonic clock itself, not clock_mono_ms(), which tests replace. */
static long
clip_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
clip_env_set(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0';
}

/* Whether name is an executable file in a $PATH directory. */
static int
clip_in_path(const char *name)
{
	const char *p = getenv("PATH"), *e;
	struct stat st;
	char *f;
	int ok = 0;

	for (; p != NULL && *p != '\0' && !ok; p = *e != '\0' ? e + 1 : e) {
		e = strchr(p, ':');
		if (e == NULL)
			e = p + strlen(p);
		if (e == p)
			continue;
		f = xasprintf("%.*s/%s", (int)(e - p), p, name);
		ok = stat(f, &st) == 0 && S_ISREG(st.st_mode) &&
		     (st.st_mode & 0111) != 0;
		free(f);
	}
	return ok;
}

static void
clip_child(char *const argv[], int in, int out)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	setpgid(0, 0);
	dup2(in >= 0 ? in : null, 0);
	dup2(out >= 0 ? out : null, 1);
	dup2(out >= 0 ? out : null, 2);
	signal(SIGINT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	execvp(argv[0], argv);
	_exit(127);
}

/* Feeds what is left of in to fd (a socket: no SIGPIPE); closes fd at the
 * end or when the program stopped reading. */
static void
clip_feed(int *fd, const char **in, size_t *left)
{
	ssize_t n = send(*fd, *in, *left, MSG_NOSIGNAL | MSG_DONTWAIT);

	if (n > 0) {
		*in += n;
		*left -= (size_t)n;
	}
	if (*left == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		close(*fd);
		*fd = -1;
	}
}

/* Reads what fd has now into out; closes it at its end. */
static void
clip_drain(int *fd, struct buf *out)
{
	char chunk[512];
	ssize_t n;

	while ((n = read(*fd, chunk, sizeof chunk)) > 0)
		buf_add(out, chunk, (size_t)n);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		close(*fd);
		*fd = -1;
	}
}

/* Runs argv without a shell, in (may be NULL) on its stdin, its stdout
 * and stderr into out, for at most timeout_ms.  0 with *status (a wait
 * status) when it ended; -1 if it could not be started; -2 when it was
 * killed for taking too long.  A program that leaves a child behind
 * holding the output (xclip does) is not waited for beyond itself. */
static int
clip_run(char *const argv[], const char *in, struct buf *out, long timeout_ms,
         int *status)
{
	int sv[2], po[2], fin, fout, n;
	size_t left = in != NULL ? strlen(in) : 0;
	long end = clip_now_ms() + timeout_ms;
	struct pollfd pf[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return -1;
	if (pipe(po) < 0) {
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	/* only 0, 1 and 2 reach the program (wl-copy and xclip stay behind) */
	for (n = 0; n < 2; n++) {
		fcntl(sv[n], F_SETFD, FD_CLOEXEC);
		fcntl(po[n], F_SETFD, FD_CLOEXEC);
	}
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		close(po[0]);
		clip_child(argv, sv[1], po[1]);
	}
	close(sv[1]);
	close(po[1]);
	fin = sv[0];
	fout = po[0];
	if (pid < 0) {
		close(fin);
		close(fout);
		return -1;
	}
	fcntl(fout, F_SETFL, O_NONBLOCK);
	for (;;) {
		if (fin >= 0 && left == 0)
			clip_feed(&fin, &in, &left);
		n = 0;
		if (fin >= 0)
			pf[n++] = (struct pollfd){.fd = fin, .events = POLLOUT};
		if (fout >= 0)
			pf[n++] = (struct pollfd){.fd = fout, .events = POLLIN};
		poll(pf, (nfds_t)n, 10);
		if (fin >= 0)
			clip_feed(&fin, &in, &left);
		if (fout >= 0)
			clip_drain(&fout, out);
		if (waitpid(pid, status, WNOHANG) == pid)
			break;
		if (clip_now_ms() >= end) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, status, 0) < 0 && errno == EINTR)
				;
			n = -2;
			goto out;
		}
	}
	if (fout >= 0)
		clip_drain(&fout, out);
	n = WIFEXITED(*status) && WEXITSTATUS(*status) == 127 ? -1 : 0;
out:
	if (fin >= 0)
		close(fin);
	if (fout >= 0)
		close(fout);
	return n;
}

/* Inside tmux, whether it passes OSC 52 on (set-clipboard on). */
static int
clip_tmux_on(void)
{
	static char a0[] = "tmux", a1[] = "show-options", a2[] = "-gv",
	            a3[] = "set-clipboard";
	char *argv[] = {a0, a1, a2, a3, NULL};
	struct buf out;
	int status, on;

	if (!clip_in_path("tmux"))
		return 0;
	buf_init(&out, CLIP_OUT_MAX);
	on = clip_run(argv, NULL, &out, CLIPBOARD_TMUX_TIMEOUT_MS, &status) ==
	         0 &&
	     WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	     strncmp(buf_cstr(&out), "on", 2) == 0 &&
	     strchr("\n\r", buf_cstr(&out)[2]) != NULL;
	buf_release(&out);
	return on;
}

static enum clipboard_way
clip_auto(char ***argv, const char **why)
{
	static const struct {
		const char *env, *line;
	} progs[] = {
	    {"WAYLAND_DISPLAY", "wl-copy"},
	    {"DISPLAY", "xclip -selection clipboard"},
	    {"DISPLAY", "xsel --clipboard --input"},
	    {NULL, "pbcopy"},
	};
	char name[16];
	size_t i;
	int tmux = clip_env_set("TMUX");

	if (tmux && clip_tmux_on())
		return CLIPBOARD_OSC52;
	for (i = 0; i < sizeof progs / sizeof progs[0]; i++) {
		if (progs[i].env != NULL && !clip_env_set(progs[i].env))
			continue;
		snprintf(name, sizeof name, "%.*s",
		         (int)strcspn(progs[i].line, " "), progs[i].line);
		if (clip_in_path(name)) {
			*argv = config_split_words(progs[i].line);
			return CLIPBOARD_COMMAND;
		}
	}
	if (!tmux)
		return CLIPBOARD_OSC52;
	*why = "Nothing to copy with: tmux's set-clipboard is not on and "
	       "there is no wl-copy, xclip, xsel or pbcopy; see clipboard "
	       "in docs/config.md.";
	return CLIPBOARD_OFF;
}

enum clipboard_way
clipboard_choose(const char *mode, const char *command, char ***argv,
                 const char **why)
{
	*argv = NULL;
	*why = NULL;
	if (mode == NULL || *mode == '\0' || strcmp(mode, "auto") == 0)
		return clip_auto(argv, why);
	if (strcmp(mode, "osc52") == 0)
		return CLIPBOARD_OSC52;
	if (strcmp(mode, "off") == 0) {
		*why = "Copying is off (clipboard = off in [ui]).";
		return CLIPBOARD_OFF;
	}
	/* command, or the old form: the command line itself */
	*argv = config_split_words(strcmp(mode, "command") == 0
	                               ? (command != NULL ? command : "")
	                               : mode);
	if (*argv != NULL)
		return CLIPBOARD_COMMAND;
	*why = "clipboard = command needs a clipboard_command in [ui].";
	return CLIPBOARD_OFF;
}

static char *
clip_osc52(const char *text, int tty_fd)
{
	char *seq = opener_osc52(text);
	size_t len = strlen(seq), off = 0;
	ssize_t n;

	while (off < len) {
		n = write(tty_fd, seq + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	free(seq);
	if (off < len)
		return NULL;
	return xstrdup("Copied the message to the clipboard (OSC 52).");
}

/* What went wrong with argv, with the first line it printed. */
static char *
clip_failure(char **argv, int rc, int status, const struct buf *out)
{
	const char *o = buf_cstr(out);
	char *said = utf8_sanitize(o, strcspn(o, "\n"), 0), *msg;

	if (rc == -1)
		msg = xasprintf("Copying failed: could not run %s.", argv[0]);
	else if (rc == -2)
		msg = xasprintf("Copying failed: %s did not finish within "
		                "%d s.",
		                argv[0], CLIPBOARD_TIMEOUT_MS / 1000);
	else if (WIFSIGNALED(status))
		msg = xasprintf("Copying failed: %s was killed by signal %d.",
		                argv[0], WTERMSIG(status));
	else
		msg = xasprintf("Copying failed: %s exited with status %d%s%s",
		                argv[0], WEXITSTATUS(status),
		                *said != '\0' ? ": " : ".", said);
	free(said);
	return msg;
}

int
clipboard_copy(const char *mode, const char *command, const char *text,
               int tty_fd, char **msg)
{
	const char *why;
	char **argv;
	struct buf out;
	int rc, status = 0;

	switch (clipboard_choose(mode, command, &argv, &why)) {
	case CLIPBOARD_OFF:
		*msg = xstrdup(why);
		return -1;
	case CLIPBOARD_OSC52:
		*msg = clip_osc52(text, tty_fd);
		if (*msg != NULL)
			return 0;
		*msg = xstrdup("Copying failed: the terminal could not be "
		               "written to.");
		return -1;
	case CLIPBOARD_COMMAND:
		break;
	}
	buf_init(&out, CLIP_OUT_MAX);
	rc = clip_run(argv, text, &out, CLIPBOARD_TIMEOUT_MS, &status);
	if (rc == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		*msg = xasprintf("Copied the message to the clipboard (%s).",
		                 argv[0]);
		rc = 0;
	} else {
		*msg = clip_failure(argv, rc, status, &out);
		rc = -1;
	}
	buf_release(&out);
	config_words_free(argv);
	return rc;
}
