/* screen.c — ncurses start/stop, the signal self-pipe, geometry, colours. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tui/draw.h"
#include "tui/screen.h"

#include <term.h> /* after curses: setupterm(), tigetstr() */

static int screen_pipe[2] = {-1, -1};
static int screen_started;
static int screen_away; /* screen_leave() without screen_resume() yet */
static int screen_nresumes;
static int screen_ncolors;
static attr_t screen_attrs[THEME_COUNT];
static struct sigaction screen_old_winch, screen_old_int, screen_old_term,
    screen_old_hup, screen_old_tstp;

/* The terminal modes linchat sets beyond curses: the title stack (so
 * notify_title() can be undone) and focus reporting. */
#define SCREEN_MODES_ON "\x1b[22;0t\x1b[?1004h"
#define SCREEN_MODES_OFF "\x1b[?1004l\x1b[23;0t"

void
screen_layout(int rows, int cols, int inbox_width, int compose_rows,
              struct screen_layout *l)
{
	int body, maxc, iw;

	memset(l, 0, sizeof *l);
	l->rows = rows;
	l->cols = cols;
	if (rows < SCREEN_MIN_ROWS || cols < SCREEN_MIN_COLS) {
		l->too_small = 1;
		return;
	}
	body = rows - 1;
	l->status = (struct screen_rect){rows - 1, 0, 1, cols};

	iw = inbox_width > 0 ? inbox_width : cols * 3 / 10;
	if (inbox_width <= 0 && iw < 24)
		iw = 24;
	if (inbox_width <= 0 && iw > 40)
		iw = 40;
	if (iw < 16)
		iw = 16;
	if (iw > cols - 1 - 40)
		iw = cols - 1 - 40;
	l->inbox = (struct screen_rect){0, 0, body, iw};
	l->border = (struct screen_rect){0, iw, body, 1};

	maxc = body / 3;
	if (compose_rows > maxc)
		compose_rows = maxc;
	if (compose_rows < 1)
		compose_rows = 1;
	l->compose = (struct screen_rect){body - compose_rows, iw + 1,
	                                  compose_rows, cols - iw - 1};
	l->compose_border = (struct screen_rect){body - compose_rows - 1,
	                                         iw + 1, 1, cols - iw - 1};
	l->thread = (struct screen_rect){0, iw + 1, body - compose_rows - 1,
	                                 cols - iw - 1};
}

static void
screen_on_signal(int sig)
{
	int saved = errno;
	char c = sig == SIGWINCH ? 'w' : 'q';
	ssize_t rc;

	if (sig == SIGTSTP)
		c = 'z';
	rc = write(screen_pipe[1], &c, 1);
	(void)rc; /* a full pipe already holds a wake-up */
	errno = saved;
}

static int
screen_set_flags(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -1;
	return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* Writes a mode string straight to the terminal, past curses (which has
 * nothing buffered between two doupdate()s). */
static void
screen_modes(const char *seq)
{
	size_t len = strlen(seq);
	ssize_t w;

	while (len > 0) {
		w = write(STDOUT_FILENO, seq, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		seq += w;
		len -= (size_t)w;
	}
}

static void
screen_catch(int sig, struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = screen_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(sig, &sa, old);
}

#define SCREEN_USE_CLI                                                         \
	"The commands work in any terminal: linchat inbox, linchat thread "    \
	"CONV, linchat send CONV TEXT (linchat --help lists them all)."

enum lc_err
screen_check_term(struct lc_error *err)
{
	const char *term = getenv("TERM");
	TERMINAL *was = cur_term, *probe;
	char *cup = NULL;
	int found = 0;

	if (term != NULL && term[0] != '\0' &&
	    setupterm(term, STDOUT_FILENO, &found) == OK) {
		cup = tigetstr("cup");
		probe = set_curterm(was);
		del_curterm(probe);
	}
	if (found == 1 && cup != NULL && cup != (char *)-1)
		return LC_OK;
	if (term == NULL || term[0] == '\0')
		lc_error_set(
		    err, LC_EIO,
		    "TERM is not set, so linchat cannot tell what this "
		    "terminal can draw. %s",
		    SCREEN_USE_CLI);
	else if (found != 1)
		lc_error_set(err, LC_EIO,
		             "The terminal type TERM=%s is not in the terminfo "
		             "database, so linchat cannot draw its screen. %s",
		             term, SCREEN_USE_CLI);
	else
		lc_error_set(
		    err, LC_EIO,
		    "This terminal (TERM=%s) cannot move the cursor, so "
		    "linchat's screen cannot run in it. %s",
		    term, SCREEN_USE_CLI);
	return LC_EIO;
}

enum lc_err
screen_init(const struct theme *t, struct lc_error *err)
{
	SCREEN *sc;

	if (screen_started)
		return LC_OK;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return lc_error_set(
		    err, LC_EIO,
		    "linchat's screen needs a terminal: run it in one, or "
		    "give it a command (linchat --help).");
	if (screen_check_term(err) != LC_OK)
		return LC_EIO;
	if (pipe(screen_pipe) != 0 || screen_set_flags(screen_pipe[0]) != 0 ||
	    screen_set_flags(screen_pipe[1]) != 0) {
		lc_error_set(err, LC_EIO, "Cannot create a pipe: %s.",
		             strerror(errno));
		goto fail;
	}
	setlocale(LC_ALL, "");
	/* ours, installed before curses starts, so curses keeps out */
	screen_catch(SIGWINCH, &screen_old_winch);
	screen_catch(SIGINT, &screen_old_int);
	screen_catch(SIGTERM, &screen_old_term);
	screen_catch(SIGHUP, &screen_old_hup);
	screen_catch(SIGTSTP, &screen_old_tstp);
	sc = newterm(NULL, stdout, stdin);
	if (sc == NULL) {
		lc_error_set(err, LC_EIO,
		             "Cannot start the screen: is TERM "
		             "(\"%s\") right?",
		             getenv("TERM") != NULL ? getenv("TERM") : "");
		goto fail_signals;
	}
	set_term(sc);
	screen_started = 1;
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	leaveok(stdscr, FALSE);
	curs_set(0);
	screen_apply_theme(t);
	screen_modes(SCREEN_MODES_ON);
	return LC_OK;
fail_signals:
	sigaction(SIGWINCH, &screen_old_winch, NULL);
	sigaction(SIGINT, &screen_old_int, NULL);
	sigaction(SIGTERM, &screen_old_term, NULL);
	sigaction(SIGHUP, &screen_old_hup, NULL);
	sigaction(SIGTSTP, &screen_old_tstp, NULL);
fail:
	if (screen_pipe[0] >= 0)
		close(screen_pipe[0]);
	if (screen_pipe[1] >= 0)
		close(screen_pipe[1]);
	screen_pipe[0] = screen_pipe[1] = -1;
	return err != NULL ? err->code : LC_EIO;
}

void
screen_fini(void)
{
	if (!screen_started)
		return;
	screen_started = 0;
	curs_set(1);
	endwin();
	if (!screen_away)
		screen_modes(SCREEN_MODES_OFF);
	screen_away = 0;
	sigaction(SIGWINCH, &screen_old_winch, NULL);
	sigaction(SIGINT, &screen_old_int, NULL);
	sigaction(SIGTERM, &screen_old_term, NULL);
	sigaction(SIGHUP, &screen_old_hup, NULL);
	sigaction(SIGTSTP, &screen_old_tstp, NULL);
	close(screen_pipe[0]);
	close(screen_pipe[1]);
	screen_pipe[0] = screen_pipe[1] = -1;
}

int
screen_resumes(void)
{
	return screen_nresumes;
}

void
screen_leave(void)
{
	struct sigaction sa;

	if (!screen_started || screen_away)
		return;
	screen_away = 1;
	def_prog_mode();
	endwin();
	screen_modes(SCREEN_MODES_OFF);
	/* C-z while another program has the terminal stops us with it */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, NULL);
}

void
screen_resume(void)
{
	if (!screen_started || !screen_away)
		return;
	screen_away = 0;
	screen_nresumes++;
	screen_catch(SIGTSTP, NULL);
	reset_prog_mode();
	screen_modes(SCREEN_MODES_ON);
	clearok(curscr, TRUE);
}

/* C-z: gives the terminal back as it was, stops with the default action
 * of SIGTSTP, and takes the terminal again when continued. */
static void
screen_suspend(void)
{
	sigset_t set;

	screen_leave();
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGTSTP); /* returns after SIGCONT */
	screen_resume();
}

static attr_t
screen_curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
	if (a & THEME_DIM)
		r |= A_DIM;
#ifdef A_ITALIC
	if (a & THEME_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

void
screen_apply_theme(const struct theme *t)
{
	unsigned attrs;
	int el, fg, bg, pair;

	screen_ncolors = 0;
	if (!theme_no_color() && has_colors() && start_color() == OK) {
		use_default_colors();
		screen_ncolors = COLORS >= 0x1000000 ? 0x1000000
		                 : COLORS >= 256     ? 256
		                 : COLORS >= 16      ? 16
		                 : COLORS >= 8       ? 8
		                                     : 0;
		if (COLOR_PAIRS <= THEME_COUNT)
			screen_ncolors = 0;
	}
	for (el = 0; el < THEME_COUNT; el++) {
		theme_resolve(&t->style[el], screen_ncolors, &attrs, &fg, &bg);
		screen_attrs[el] = screen_curses_attrs(attrs);
		if (screen_ncolors == 0)
			continue;
		pair = el + 1;
		if (init_extended_pair(pair, fg, bg) == OK)
			screen_attrs[el] |= (attr_t)COLOR_PAIR(pair);
	}
}

int
screen_colors(void)
{
	return screen_ncolors;
}

attr_t
screen_attr(enum theme_elem el)
{
	if ((int)el < 0 || el >= THEME_COUNT)
		return A_NORMAL;
	return screen_attrs[el];
}

int
screen_signal_fd(void)
{
	return screen_pipe[0];
}

int
screen_signals(void)
{
	char buf[64];
	ssize_t n, i;
	int ev = 0;
	struct winsize ws;

	while ((n = read(screen_pipe[0], buf, sizeof buf)) > 0) {
		for (i = 0; i < n; i++) {
			if (buf[i] == 'z')
				ev |= SCREEN_EV_SUSPEND;
			else
				ev |= buf[i] == 'w' ? SCREEN_EV_RESIZE
				                    : SCREEN_EV_QUIT;
		}
	}
	if ((ev & SCREEN_EV_SUSPEND) && screen_started && !screen_away) {
		screen_suspend();
		/* the size may have changed meanwhile; draw everything */
		ev = (ev & ~SCREEN_EV_SUSPEND) | SCREEN_EV_RESUME |
		     SCREEN_EV_RESIZE;
	}
	ev &= ~SCREEN_EV_SUSPEND;
	if ((ev & SCREEN_EV_RESIZE) && screen_started &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0) {
		resizeterm(ws.ws_row, ws.ws_col);
		clearok(curscr, TRUE);
	}
	return ev;
}

void
screen_size(int *rows, int *cols)
{
	*rows = LINES;
	*cols = COLS;
}

void
screen_draw_too_small(void)
{
	erase();
	draw_text(stdscr, 0, 0, COLS, THEME_SMALL, DRAW_PAD,
	          "Terminal too small");
	if (LINES > 1)
		draw_textf(stdscr, 1, 0, COLS, THEME_SMALL, DRAW_PAD,
		           "need %dx%d, have %dx%d", SCREEN_MIN_COLS,
		           SCREEN_MIN_ROWS, COLS, LINES);
}
