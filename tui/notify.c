/* notify.c — see notify.h.
 *
 * A notification is decided in three steps: which items count (from
 * someone else, which the caller guarantees; for another conversation or
 * while unfocused; outside the quiet hours), what they say (one item is
 * "Sender: text", anything more one summary), and when it may go out (one
 * per NOTIFY_MIN_GAP_MS; what arrives in between is held and merged into
 * the next summary).  The bytes are written with write(2) between two
 * doupdate()s, when curses has nothing buffered.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "core/xmalloc.h"
#include "tui/notify.h"
#include "tui/screen.h"

extern char **environ;

#define NOTIFY_SENDER_MAX 60 /* characters of a sender's name */
#define NOTIFY_MAX_KIDS 8    /* commands running at once */

struct notify {
	int fd;
	int mode; /* enum config_notify */
	char **argv;
	struct config_hours quiet;
	int title_on;
	int title_last;    /* -1: none written */
	int title_resumes; /* screen_resumes() when it was written */
	enum notify_osc osc;
	int tmux;
	int focused;
	int64_t last_ms; /* clock_mono_ms() of the last notification */
	int sent;        /* last_ms is set */

	/* held: qualifying items not announced yet */
	size_t held;
	int held_burst;
	char **held_urns; /* distinct conversations */
	size_t nheld_urns;
	char *one_sender, *one_text, *one_urn; /* sanitised, when held == 1 */

	pid_t kids[NOTIFY_MAX_KIDS];
	int nkids;
};

static int
notify_env_has(const char *name, const char *part)
{
	const char *v = getenv(name);

	if (v == NULL || *v == '\0')
		return 0;
	return part == NULL || strstr(v, part) != NULL;
}

/* Which escape the terminal understands: its own variables first, since
 * $TERM is often a plain xterm-256color inside them. */
static enum notify_osc
notify_detect_osc(void)
{
	if (notify_env_has("KITTY_WINDOW_ID", NULL) ||
	    notify_env_has("TERM", "kitty"))
		return NOTIFY_OSC_99;
	if (notify_env_has("TERM_PROGRAM", "iTerm") ||
	    notify_env_has("TERM_PROGRAM", "WezTerm") ||
	    notify_env_has("TERM", "wezterm") ||
	    notify_env_has("WT_SESSION", NULL) ||
	    notify_env_has("ConEmuPID", NULL))
		return NOTIFY_OSC_9;
	return NOTIFY_OSC_777;
}

struct notify *
notify_new(const struct config *c, int fd)
{
	struct notify *n = xcalloc(1, sizeof *n);

	n->fd = fd;
	n->mode = CONFIG_NOTIFY_BELL;
	n->quiet.start_min = n->quiet.end_min = -1;
	n->title_on = 1;
	if (c != NULL) {
		n->mode = c->notify;
		n->quiet = c->notify_quiet_hours;
		n->title_on = c->title;
		if (c->notify_command != NULL)
			n->argv = config_split_words(c->notify_command);
	}
	n->title_last = -1;
	n->osc = notify_detect_osc();
	n->tmux = notify_env_has("TMUX", NULL);
	n->focused = 1;
	return n;
}

static void
notify_drop_held(struct notify *n)
{
	size_t i;

	for (i = 0; i < n->nheld_urns; i++)
		free(n->held_urns[i]);
	free(n->held_urns);
	n->held_urns = NULL;
	n->nheld_urns = 0;
	n->held = 0;
	n->held_burst = 0;
	free(n->one_sender);
	free(n->one_text);
	free(n->one_urn);
	n->one_sender = n->one_text = n->one_urn = NULL;
}

/* Collects the commands that have exited; never blocks. */
static void
notify_reap(struct notify *n)
{
	int i = 0, status;

	while (i < n->nkids) {
		if (waitpid(n->kids[i], &status, WNOHANG) == 0) {
			i++;
			continue;
		}
		/* exited, or not ours any more (ECHILD): forget it */
		n->kids[i] = n->kids[--n->nkids];
	}
}

void
notify_free(struct notify *n)
{
	if (n == NULL)
		return;
	notify_reap(n);
	notify_drop_held(n);
	config_words_free(n->argv);
	free(n);
}

enum notify_osc
notify_osc_form(const struct notify *n)
{
	return n->osc;
}

void
notify_focus(struct notify *n, int focused)
{
	n->focused = focused != 0;
	if (n->focused)
		notify_drop_held(n);
}

/* s through the one sanitiser, on one line, cut to max characters. */
static char *
notify_clean(const char *s, size_t max)
{
	char *t =
	    utf8_sanitize(s != NULL ? s : "", s != NULL ? strlen(s) : 0, 0);
	size_t len = strlen(t), off = 0, i;

	for (i = 0; i < max && off < len; i++)
		off = utf8_next(t, len, off);
	if (off < len) {
		t[off] = '\0';
		t = xrealloc(t, off + sizeof "\u2026");
		memcpy(t + off, "\u2026", sizeof "\u2026");
	}
	return t;
}

static int
notify_quiet_now(const struct notify *n)
{
	time_t t = (time_t)(clock_wall_ms() / 1000);
	struct tm tm;
	int m, a = n->quiet.start_min, b = n->quiet.end_min;

	if (a < 0 || b < 0 || localtime_r(&t, &tm) == NULL)
		return 0;
	m = tm.tm_hour * 60 + tm.tm_min;
	if (a < b)
		return m >= a && m < b;
	return m >= a || m < b; /* wraps midnight */
}

static void
notify_hold(struct notify *n, const struct notify_item *it)
{
	const char *urn = it->conv_urn != NULL ? it->conv_urn : "";
	size_t i;

	n->held++;
	n->held_burst |= it->burst != 0;
	for (i = 0; i < n->nheld_urns; i++) {
		if (strcmp(n->held_urns[i], urn) == 0)
			break;
	}
	if (i == n->nheld_urns) {
		n->held_urns = xreallocarray(n->held_urns, n->nheld_urns + 1,
		                             sizeof *n->held_urns);
		n->held_urns[n->nheld_urns++] = xstrdup(urn);
	}
	if (n->held == 1) {
		n->one_sender =
		    notify_clean(it->sender_name, NOTIFY_SENDER_MAX);
		n->one_text = notify_clean(it->text, NOTIFY_TEXT_MAX);
		n->one_urn = notify_clean(urn, 400);
	}
}

static void
notify_write(int fd, const char *p, size_t len)
{
	ssize_t w;

	while (len > 0) {
		w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* a full or gone tty: the notice is lost */
		p += w;
		len -= (size_t)w;
	}
}

/* Appends one escape sequence, in tmux's passthrough when inside tmux:
 * ESC P tmux; with every ESC of the sequence doubled, then ST. */
static void
notify_add_seq(const struct notify *n, struct buf *b, const char *seq)
{
	const char *p;

	if (!n->tmux) {
		buf_addstr(b, seq);
		return;
	}
	buf_addstr(b, "\x1bPtmux;");
	for (p = seq; *p != '\0'; p++) {
		if (*p == '\x1b')
			buf_addc(b, '\x1b');
		buf_addc(b, *p);
	}
	buf_addstr(b, "\x1b\\");
}

/* The desktop notification for body (sanitised already). */
static void
notify_osc(const struct notify *n, const char *body)
{
	struct buf b, seq;

	buf_init(&b, 0);
	buf_init(&seq, 0);
	switch (n->osc) {
	case NOTIFY_OSC_99:
		notify_add_seq(n, &b, "\x1b]99;i=linchat:d=0;linchat\x1b\\");
		buf_addf(&seq, "\x1b]99;i=linchat:p=body;%s\x1b\\", body);
		break;
	case NOTIFY_OSC_9:
		/* "linchat: " first: ConEmu reads "9;<digit>;" as a command */
		buf_addf(&seq, "\x1b]9;linchat: %s\x1b\\", body);
		break;
	case NOTIFY_OSC_777:
		buf_addf(&seq, "\x1b]777;notify;linchat;%s\x1b\\", body);
		break;
	}
	notify_add_seq(n, &b, buf_cstr(&seq));
	notify_write(n->fd, b.data, b.len);
	buf_release(&seq);
	buf_release(&b);
}

/* environ without our three names, then them: for the child. */
static char **
notify_env(const char *sender, const char *text, const char *urn)
{
	static const char *const ours[] = {
	    "LINCHAT_SENDER=", "LINCHAT_TEXT=", "LINCHAT_CONVERSATION="};
	size_t n = 0, k = 0, i, j;
	char **env;

	while (environ != NULL && environ[n] != NULL)
		n++;
	env = xcalloc(n + 4, sizeof *env);
	for (i = 0; i < n; i++) {
		for (j = 0; j < 3; j++) {
			if (strncmp(environ[i], ours[j], strlen(ours[j])) == 0)
				break;
		}
		if (j == 3)
			env[k++] = xstrdup(environ[i]);
	}
	env[k++] = xasprintf("LINCHAT_SENDER=%s", sender);
	env[k++] = xasprintf("LINCHAT_TEXT=%s", text);
	env[k++] = xasprintf("LINCHAT_CONVERSATION=%s", urn);
	env[k] = NULL;
	return env;
}

/* Starts notify_command with no shell, its own session (so the
 * terminal's C-c and C-z do not reach it) and /dev/null for its input and
 * output (so it cannot draw over the screen).  Reaped by notify_reap(). */
static void
notify_command(struct notify *n, const char *sender, const char *text,
               const char *urn)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP};
	char **env;
	pid_t pid;
	size_t i;
	int fd;

	if (n->argv == NULL || n->nkids == NOTIFY_MAX_KIDS)
		return;
	env = notify_env(sender, text, urn);
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
			signal(sigs[i], SIG_DFL);
		setsid();
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		environ = env;
		execvp(n->argv[0], n->argv);
		_exit(127);
	}
	if (pid > 0)
		n->kids[n->nkids++] = pid;
	for (i = 0; env[i] != NULL; i++)
		free(env[i]);
	free(env);
}

/* Announces what is held, the way the config says, and forgets it. */
static void
notify_emit(struct notify *n)
{
	char *body, *text;
	const char *sender = "", *urn = "";

	if (n->held == 1 && !n->held_burst) {
		sender = n->one_sender;
		urn = n->one_urn;
		text = xstrdup(n->one_text);
		body = xasprintf("%s: %s", sender, text);
	} else {
		if (n->nheld_urns == 1)
			urn = n->one_urn;
		text = xasprintf("%zu new message%s in %zu conversation%s",
		                 n->held, n->held == 1 ? "" : "s",
		                 n->nheld_urns, n->nheld_urns == 1 ? "" : "s");
		body = xstrdup(text);
	}
	if (n->mode == CONFIG_NOTIFY_BELL)
		notify_write(n->fd, "\a", 1);
	else if (n->mode == CONFIG_NOTIFY_OSC)
		notify_osc(n, body);
	notify_command(n, sender, text, urn);
	free(body);
	free(text);
	notify_drop_held(n);
}

int
notify_messages(struct notify *n, const char *open_urn,
                const struct notify_item *items, size_t nitems)
{
	const struct notify_item *it;
	int64_t now;
	size_t i;

	notify_reap(n);
	if (n->mode == CONFIG_NOTIFY_NONE)
		return 0;
	if (notify_quiet_now(n)) {
		notify_drop_held(n);
		return 0;
	}
	for (i = 0; i < nitems; i++) {
		it = &items[i];
		if (it->muted)
			continue; /* the user muted the conversation */
		if (n->focused && open_urn != NULL && it->conv_urn != NULL &&
		    strcmp(it->conv_urn, open_urn) == 0)
			continue; /* you are looking at it */
		notify_hold(n, it);
	}
	if (n->held == 0)
		return 0;
	now = clock_mono_ms();
	if (n->sent && now - n->last_ms < NOTIFY_MIN_GAP_MS)
		return 0;
	notify_emit(n);
	n->sent = 1;
	n->last_ms = now;
	return 1;
}

int
notify_timeout_ms(const struct notify *n)
{
	int64_t left;

	if (n->held == 0)
		return -1;
	if (!n->sent)
		return 0;
	left = n->last_ms + NOTIFY_MIN_GAP_MS - clock_mono_ms();
	return left > 0 ? (int)left : 0;
}

void
notify_title(struct notify *n, int unread)
{
	char t[48];
	int len;

	if (!n->title_on)
		return;
	if (n->title_resumes != screen_resumes())
		n->title_last = -1; /* the terminal's own title came back */
	if (unread == n->title_last)
		return;
	if (unread < 0)
		unread = 0;
	if (unread > 0)
		len = snprintf(t, sizeof t, "\x1b]2;linchat (%d)\a", unread);
	else
		len = snprintf(t, sizeof t, "\x1b]2;linchat\a");
	notify_write(n->fd, t, (size_t)len);
	n->title_last = unread;
	n->title_resumes = screen_resumes();
}

void
notify_title_reset(struct notify *n)
{
	n->title_last = -1;
}

int
notify_running(const struct notify *n)
{
	return n->nkids;
}
