/* screen.h — the terminal: ncurses start and stop, signals, pane geometry
 * and the theme's colour pairs.
 *
 * Signals never do work in their handler: SIGWINCH, SIGINT, SIGTERM and
 * SIGHUP write one byte to a non-blocking self-pipe whose read end the UI
 * loop polls (screen_signal_fd()); screen_signals() then says what
 * happened.  Everything here is for the UI thread only.
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

/* Starts curses on the terminal: locale, cbreak, noecho, nonl, keypad,
 * nodelay (keys_read() never blocks), short ESCDELAY, hidden cursor,
 * signal handlers, colours from t.  LC_EIO when there is no usable
 * terminal. */
enum lc_err screen_init(const struct theme *t, struct lc_error *err);

/* Restores the terminal and the signal handlers.  Safe to call twice. */
void screen_fini(void);

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

/* Drains the signal pipe and returns what arrived (SCREEN_EV_*).  On a
 * resize, curses already has the new size (resizeterm). */
int screen_signals(void);

/* The size curses currently has. */
void screen_size(int *rows, int *cols);

/* Draws the "terminal too small" notice on stdscr (erasing it first). */
void screen_draw_too_small(void);

#endif
