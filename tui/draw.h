/* draw.h — the only functions that put text on the screen.
 *
 * Every string passes utf8_sanitize() here, whatever its origin, so no
 * text can move the cursor, change colours or hide itself; it is then
 * clipped to a width in display columns (never splitting a character) and
 * drawn in a theme element's style (screen_attr()).  UI thread only.
 */
#ifndef LC_DRAW_H
#define LC_DRAW_H

#include <curses.h>
#include <stddef.h>

#include "tui/theme.h"

#define DRAW_PAD 0x1u      /* fill the rest of width with spaces */
#define DRAW_ELLIPSIS 0x2u /* mark cut text with a trailing "…" */
#define DRAW_RIGHT 0x4u    /* align to the right end of width */

/* Draws s (NUL-terminated; NULL draws nothing) at row y, column x of w in
 * at most width columns with el's style.  Line breaks become spaces.
 * Returns the columns used, padding included. */
int draw_text(WINDOW *w, int y, int x, int width, enum theme_elem el,
              unsigned flags, const char *s);

/* The same for s[0..len). */
int draw_textn(WINDOW *w, int y, int x, int width, enum theme_elem el,
               unsigned flags, const char *s, size_t len);

/* printf into a bounded buffer, then draw_text(). */
int draw_textf(WINDOW *w, int y, int x, int width, enum theme_elem el,
               unsigned flags, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* The display width s will take once sanitised. */
int draw_width(const char *s);

/* Fills width columns of row y from x with blanks in el's style. */
void draw_fill(WINDOW *w, int y, int x, int width, enum theme_elem el);

/* Clears a rectangle to blanks in el's style. */
void draw_clear(WINDOW *w, int y, int x, int h, int width, enum theme_elem el);

/* A horizontal / vertical line of n cells (box-drawing characters). */
void draw_hline(WINDOW *w, int y, int x, int n, enum theme_elem el);
void draw_vline(WINDOW *w, int y, int x, int n, enum theme_elem el);

#endif
