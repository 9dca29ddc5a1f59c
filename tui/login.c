/* login.c — the first-run sign-in screen (see login.h).
 *
 * A small form on stdscr: a method line (e-mail and password, or cookie
 * import; C-o switches), the method's fields (secrets drawn as dots), a
 * line for the last error and a line of keys.  Enter signs in through the
 * caller's function; a challenge replaces the form with a screen that shows
 * its URL until the user goes on to cookie import or quits.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "tui/draw.h"
#include "tui/edit.h"
#include "tui/keys.h"
#include "tui/login.h"
#include "tui/screen.h"
#include "core/utf8.h"
#include "core/xmalloc.h"

enum login_field {
	LF_EMAIL,
	LF_PASSWORD,
	LF_LI_AT,
	LF_JSESSIONID,
	LF_AGENT,
	LF_COUNT
};

static const struct {
	const char *label;
	int secret;
	int optional;
	int cookies; /* belongs to cookie import */
} login_fields[LF_COUNT] = {
    {"E-mail", 0, 0, 0},     {"Password", 1, 0, 0},   {"li_at", 1, 0, 1},
    {"JSESSIONID", 0, 0, 1}, {"User agent", 0, 1, 1},
};

struct login {
	struct edit *ed[LF_COUNT];
	int cookies;
	enum login_field cur;
	char *error;     /* last failure, NULL: none */
	char *challenge; /* challenge URL shown, NULL: the form */
	const char *where;
	int quit;
};

#define LOGIN_X 2
#define LOGIN_LABEL_W 13

/* Draws text word-wrapped from row y in cols columns; returns the next
 * free row. */
static int
login_para(int y, int cols, enum theme_elem el, const char *s)
{
	struct utf8_line *lines = NULL;
	size_t n, i;

	if (cols < 10)
		cols = 10;
	n = utf8_wrap(s, strlen(s), cols, &lines);
	for (i = 0; i < n && y < LINES - 1; i++, y++)
		draw_textn(stdscr, y, LOGIN_X, cols, el, 0, s + lines[i].start,
		           lines[i].end - lines[i].start);
	free(lines);
	return y;
}

/* Draws one field at row y; sets *cx to the cursor's column. */
static void
login_draw_field(struct login *l, enum login_field f, int y, int *cx)
{
	const char *text = edit_text(l->ed[f]);
	size_t len = edit_len(l->ed[f]), cur = edit_cursor(l->ed[f]);
	size_t from = 0, nchars, i;
	int x = LOGIN_X + LOGIN_LABEL_W + 2, fw = COLS - x - LOGIN_X;
	int pw;
	enum theme_elem el = f == l->cur ? THEME_DIALOG_INPUT : THEME_DIALOG;
	struct buf dots;

	if (fw < 4)
		fw = 4;
	draw_textf(stdscr, y, LOGIN_X, LOGIN_LABEL_W + 2,
	           f == l->cur ? THEME_DIALOG_TITLE : THEME_DIALOG, DRAW_PAD,
	           "%s%s", login_fields[f].label,
	           login_fields[f].optional ? "?" : "");
	if (login_fields[f].secret) {
		/* one dot per character, never the text itself */
		nchars = edit_chars(l->ed[f]);
		buf_init(&dots, 0);
		for (i = 0; i < nchars && i < (size_t)fw - 1; i++)
			buf_addstr(&dots, "\xe2\x80\xa2");
		draw_text(stdscr, y, x, fw, el, DRAW_PAD, buf_cstr(&dots));
		buf_release(&dots);
		pw = 0;
		for (i = 0; i < cur; i = utf8_next(text, len, i))
			pw++;
		*cx = x + (pw < fw - 1 ? pw : fw - 1);
		return;
	}
	pw = utf8_width(text, cur);
	while (pw - utf8_width(text, from) >= fw - 1 && from < cur)
		from = utf8_next(text, len, from);
	draw_textn(stdscr, y, x, fw, el, DRAW_PAD, text + from, len - from);
	*cx = x + utf8_width(text + from, cur - from);
}

static void
login_draw_form(struct login *l)
{
	int y = 1, cols = COLS - 2 * LOGIN_X, cx = LOGIN_X, cy = 0, unused;
	enum login_field f;
	char *intro;

	draw_text(stdscr, y++, LOGIN_X, cols, THEME_DIALOG_TITLE, 0,
	          "linchat \xe2\x80\x94 sign in to LinkedIn");
	y++;
	intro =
	    xasprintf("There is no saved session yet. Sign in once: "
	              "linchat keeps the session (never the password) in %s.",
	              l->where);
	y = login_para(y, cols, THEME_DIALOG, intro) + 1;
	free(intro);
	draw_textf(stdscr, y++, LOGIN_X, cols, THEME_DIALOG, 0,
	           "Method: %s E-mail and password   %s Browser cookies",
	           l->cookies ? "( )" : "(\xe2\x80\xa2)",
	           l->cookies ? "(\xe2\x80\xa2)" : "( )");
	y++;
	for (f = 0; f < LF_COUNT; f++) {
		if (login_fields[f].cookies != l->cookies)
			continue;
		if (f == l->cur)
			cy = y;
		login_draw_field(l, f, y, f == l->cur ? &cx : &unused);
		y += 2;
	}
	if (l->cookies)
		y = login_para(
		        y, cols, THEME_HELP,
		        "Copy the cookies li_at and "
		        "JSESSIONID of www.linkedin.com from a browser where "
		        "you "
		        "are signed in, and that browser's user agent.") +
		    1;
	if (l->error != NULL)
		y = login_para(y, cols, THEME_STATUS_ERROR, l->error);
	draw_text(stdscr, LINES - 1, 0, COLS, THEME_STATUS, DRAW_PAD,
	          " Enter sign in \xc2\xb7 Tab next field \xc2\xb7 C-o "
	          "other method \xc2\xb7 Esc quit");
	(void)y;
	move(cy, cx);
	curs_set(1);
}

static void
login_draw_challenge(struct login *l)
{
	int y = 1, cols = COLS - 2 * LOGIN_X;

	curs_set(0);
	draw_text(stdscr, y++, LOGIN_X, cols, THEME_DIALOG_TITLE, 0,
	          "LinkedIn wants to check that it is you");
	y++;
	y = login_para(y, cols, THEME_DIALOG,
	               "LinkedIn answered the sign-in "
	               "with a security check (a challenge) that only a web "
	               "browser can "
	               "complete. Open this address in a browser and finish "
	               "the check:") +
	    1;
	y = login_para(y, cols, THEME_DIALOG_INPUT, l->challenge) + 1;
	login_para(
	    y, cols, THEME_DIALOG,
	    "Then sign in here with cookie "
	    "import: copy li_at and JSESSIONID of www.linkedin.com from that "
	    "browser (and its user agent), so linchat uses the session the "
	    "browser already has.");
	draw_text(stdscr, LINES - 1, 0, COLS, THEME_STATUS, DRAW_PAD,
	          " Enter cookie import \xc2\xb7 Esc quit");
}

static void
login_draw(struct login *l)
{
	erase();
	if (LINES < 12 || COLS < 40) {
		curs_set(0);
		screen_draw_too_small();
	} else if (l->challenge != NULL)
		login_draw_challenge(l);
	else
		login_draw_form(l);
	wnoutrefresh(stdscr);
	doupdate();
}

/* Moves to the next (dir 1) or previous (-1) field of the method. */
static void
login_step(struct login *l, int dir)
{
	int f = (int)l->cur;

	do
		f = (f + dir + LF_COUNT) % LF_COUNT;
	while (login_fields[f].cookies != l->cookies);
	l->cur = (enum login_field)f;
}

static void
login_set_method(struct login *l, int cookies)
{
	l->cookies = cookies;
	l->cur = cookies ? LF_LI_AT : LF_EMAIL;
}

static void
login_set_error(struct login *l, const char *msg)
{
	free(l->error);
	l->error = msg != NULL ? xstrdup(msg) : NULL;
}

/* Signs in with the fields, or points at the first empty one. */
static int
login_submit(struct login *l, login_try_fn try_fn, void *ctx)
{
	struct login_input in;
	struct lc_error err;
	enum login_field f;
	enum lc_err rc;
	char *msg;

	for (f = 0; f < LF_COUNT; f++) {
		if (login_fields[f].cookies != l->cookies ||
		    login_fields[f].optional || edit_len(l->ed[f]) > 0)
			continue;
		l->cur = f;
		msg = xasprintf("Fill in %s.", login_fields[f].label);
		login_set_error(l, msg);
		free(msg);
		return 0;
	}
	memset(&in, 0, sizeof in);
	in.cookies = l->cookies;
	in.email = edit_text(l->ed[LF_EMAIL]);
	in.password = edit_text(l->ed[LF_PASSWORD]);
	in.li_at = edit_text(l->ed[LF_LI_AT]);
	in.jsessionid = edit_text(l->ed[LF_JSESSIONID]);
	in.user_agent =
	    edit_len(l->ed[LF_AGENT]) > 0 ? edit_text(l->ed[LF_AGENT]) : NULL;
	login_set_error(l, "Signing in\xe2\x80\xa6");
	login_draw(l);
	memset(&err, 0, sizeof err);
	rc = try_fn(ctx, &in, &err);
	if (rc == LC_OK) {
		login_set_error(l, NULL);
		return 1;
	}
	if (rc == LC_ECHALLENGE) {
		free(l->challenge);
		l->challenge =
		    xstrdup(err.detail[0] != '\0'
		                ? err.detail
		                : "(LinkedIn gave no address: sign in at "
		                  "https://www.linkedin.com in a browser)");
		login_set_error(l, NULL);
		return 0;
	}
	login_set_error(l, err.msg[0] != '\0' ? err.msg : "Signing in failed.");
	if (!l->cookies) {
		edit_clear(l->ed[LF_PASSWORD]);
		l->cur = LF_PASSWORD;
	}
	return 0;
}

/* One key; returns 1 when signed in. */
static int
login_key(struct login *l, int key, login_try_fn try_fn, void *ctx)
{
	struct edit *e = l->ed[l->cur];

	if (key == KEYC_ESC || key == (KEYC_CTRL | 'c') ||
	    key == (KEYC_CTRL | 'd')) {
		l->quit = 1;
		return 0;
	}
	if (l->challenge != NULL) {
		if (key == KEYC_ENTER) {
			free(l->challenge);
			l->challenge = NULL;
			login_set_method(l, 1);
		}
		return 0;
	}
	switch (key) {
	case KEYC_ENTER:
		return login_submit(l, try_fn, ctx);
	case KEYC_TAB:
	case KEYC_DOWN:
		login_step(l, 1);
		break;
	case KEYC_BTAB:
	case KEYC_UP:
		login_step(l, -1);
		break;
	case KEYC_CTRL | 'o':
	case KEYC_F1 + 1:
		login_set_method(l, !l->cookies);
		login_set_error(l, NULL);
		break;
	case KEYC_LEFT:
		edit_left(e);
		break;
	case KEYC_RIGHT:
		edit_right(e);
		break;
	case KEYC_HOME:
	case KEYC_CTRL | 'a':
		edit_home(e);
		break;
	case KEYC_END:
	case KEYC_CTRL | 'e':
		edit_end(e);
		break;
	case KEYC_BSPACE:
		edit_backspace(e);
		break;
	case KEYC_DC:
		edit_delete(e);
		break;
	case KEYC_CTRL | 'u':
		edit_clear(e);
		break;
	case KEYC_CTRL | 'w':
		edit_delete_word(e);
		break;
	default:
		if (keys_is_text(key))
			edit_insert_cp(e, (uint32_t)key);
		break;
	}
	return 0;
}

int
login_run(const struct theme *t, const char *where, login_try_fn try_fn,
          void *ctx, struct lc_error *err)
{
	struct login l;
	struct pollfd pfd[2];
	int i, key, ev, done = 0;

	if (screen_init(t, err) != LC_OK)
		return -1;
	memset(&l, 0, sizeof l);
	for (i = 0; i < LF_COUNT; i++) {
		l.ed[i] = edit_new();
		edit_set_max(l.ed[i], 4096);
	}
	l.where = where;
	login_set_method(&l, 0);
	while (!done && !l.quit) {
		login_draw(&l);
		pfd[0] = (struct pollfd){STDIN_FILENO, POLLIN, 0};
		pfd[1] = (struct pollfd){screen_signal_fd(), POLLIN, 0};
		if (poll(pfd, 2, -1) < 0 && errno != EINTR)
			break;
		if (pfd[1].revents & POLLIN) {
			ev = screen_signals();
			if (ev & SCREEN_EV_QUIT)
				l.quit = 1;
		}
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			l.quit = 1;
		if (!(pfd[0].revents & POLLIN))
			continue;
		while (!done && !l.quit && (key = keys_read()) != KEYC_NONE) {
			if (key != KEYC_RESIZE)
				done = login_key(&l, key, try_fn, ctx);
		}
	}
	for (i = 0; i < LF_COUNT; i++) {
		edit_clear(l.ed[i]);
		edit_free(l.ed[i]);
	}
	free(l.error);
	free(l.challenge);
	screen_fini();
	return done ? 0 : 1;
}
