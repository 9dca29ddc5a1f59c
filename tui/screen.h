/* screen.h — the terminal: ncurses start and stop, signals, pane geometry
 * and the theme's colour pairs.
 *
 * Signals never do work in their handler: SIGWINCH, SIGINT, SIGTERM,
 * SIGHUP and SIGTSTP write one byte to a non-blocking self-pipe whose
 * read end the UI loop polls (screen_signal_fd()); screen_signals() then
 * says what happened.  Everything here is for the UI thread only.
 *
 * Beyond curses, the screen owns two terminal modes: focus reporting
 * (CSI ? 1004 h, read as KEYC_FOCUS_IN / KEYC_FOCUS_OUT by keys_read())
 * and xterm's title stack (CSI 22 ; 0 t pushes the terminal's title, so
 * that notify_title() can set linchat's and CSI 23 ; 0 t gives it back).
 * Both are turned on by screen_init() and screen_resume() and off by
 * screen_fini() and screen_leave(); C-z goes through the same pair, since
 * linchat handles SIGTSTP itself rather than leaving it to ncurses.
 *
 * The layout (issue 7): the inbox on the left (resizable), a vertical
 * border, the thread on the right with the compose box under it (growing
 * up to a third of the screen, a border line above it), and the status bar
 * on the last row.  Below SCREEN_MIN_COLS x SCREEN_MIN_ROWS the screen
 * shows only a "terminal too small" line.
 */
#ifndef LC_SCREEN_H
#define LC_SCREEN_H

#include <curses.h>

#include "core/err.h"
#include "tui/theme.h"

#define SCREEN_MIN_COLS 60
#define SCREEN_MIN_ROWS 16

struct screen_rect {
	int y, x, h, w;
};

struct screen_layout {
	int rows, cols;
	int too_small;
	struct screen_rect inbox;
	struct screen_rect border; /* 1 column between inbox and thread */
	struct screen_rect thread;
	struct screen_rect compose_border; /* 1 row above the compose box */
	struct screen_rect compose;
	struct screen_rect status;
};

/* Computes the layout for a rows x cols terminal, an inbox of
 * inbox_width columns (0: the default, about 30%; clamped so the thread
 * keeps 40 columns) and a compose box wanting compose_rows rows (clamped
 * to 1 .. a third of the screen).  Pure. */
void screen_layout(int rows, int cols, int inbox_width, int compose_rows,
                   struct screen_layout *l);

/* Whether the terminal TERM names can draw linchat's screen: known to
 * terminfo and able to move the cursor ("cup").  LC_EIO with a sentence
 * that points at the commands when not (TERM=dumb, unset, unknown).
 * Starts nothing: the caller may still use stdout as a plain stream. */
enum lc_err screen_check_term(struct lc_error *err);

/* Starts curses on the terminal: locale, cbreak, noecho, nonl, keypad,
 * nodelay (keys_read() never blocks), short ESCDELAY, hidden cursor,
 * signal handlers, colours from t.  LC_EIO when there is no usable
 * terminal. */
enum lc_err screen_init(const struct theme *t, struct lc_error *err);

/* Restores the terminal (focus reporting off, the terminal's title back)
 * and the signal handlers.  Safe to call twice. */
void screen_fini(void);

/* Gives the terminal to another program (an editor): curses' program
 * mode saved, endwin(), focus reporting off, the title popped, and
 * SIGTSTP back to its default so C-z in that program stops linchat with
 * it.  screen_resume() takes the terminal back: the modes on again and
 * the whole screen redrawn at the next doupdate().  Nothing when the
 * screen is not started; pairs do not nest. */
void screen_leave(void);
void screen_resume(void);

/* How many times screen_resume() has taken the terminal back (after C-z
 * or an editor): the terminal's own title was shown meanwhile, so
 * notify_title() writes linchat's again when this changes. */
int screen_resumes(void);

/* Sets up the colour pairs and attributes of every theme element for
 * this terminal (its colour count, NO_COLOR).  Call again after changing
 * theme. */
void screen_apply_theme(const struct theme *t);

/* The colours the theme is resolved for: 0 (monochrome or NO_COLOR), 8,
 * 16, 256 or 0x1000000. */
int screen_colors(void);

/* The curses attributes (colour pair included) of element el. */
attr_t screen_attr(enum theme_elem el);

/* The read end of the signal pipe, for poll(). */
int screen_signal_fd(void);

#define SCREEN_EV_RESIZE 0x1
#define SCREEN_EV_QUIT 0x2
#define SCREEN_EV_RESUME 0x4  /* back from C-z (with SCREEN_EV_RESIZE) */
#define SCREEN_EV_SUSPEND 0x8 /* internal: never returned */

/* Drains the signal pipe and returns what arrived (SCREEN_EV_*).  On a
 * resize, curses already has the new size (resizeterm).  On C-z it
 * suspends right here (screen_leave(), the default stop, screen_resume()
 * when continued) and returns SCREEN_EV_RESUME | SCREEN_EV_RESIZE, so the
 * loop redraws everything (notify_title() sees screen_resumes() change
 * and writes the title again). */
int screen_signals(void);

/* The size curses currently has. */
void screen_size(int *rows, int *cols);

/* Draws the "terminal too small" notice on stdscr (erasing it first). */
void screen_draw_too_small(void);

#endif
