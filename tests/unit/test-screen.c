#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/draw.h"
#include "tui/screen.h"
#include "tui/theme.h"

Test(screen, layout_of_an_80x24_terminal)
{
	struct screen_layout l;

	screen_layout(24, 80, 0, 1, &l);
	cr_assert_not(l.too_small);
	cr_assert_eq(l.status.y, 23);
	cr_assert_eq(l.status.w, 80);
	cr_assert_eq(l.inbox.x, 0);
	cr_assert_eq(l.inbox.w, 24);
	cr_assert_eq(l.inbox.h, 23);
	cr_assert_eq(l.border.x, 24);
	cr_assert_eq(l.thread.x, 25);
	cr_assert_eq(l.thread.w, 55);
	cr_assert_eq(l.compose.y, 22);
	cr_assert_eq(l.compose.h, 1);
	cr_assert_eq(l.compose_border.y, 21);
	cr_assert_eq(l.thread.h, 21);
}

Test(screen, panes_tile_the_screen_without_overlap)
{
	struct screen_layout l;
	int rows, cols, iw, cr;

	for (rows = 16; rows <= 60; rows += 11)
		for (cols = 60; cols <= 250; cols += 19)
			for (iw = 0; iw <= 80; iw += 20)
				for (cr = 0; cr <= 30; cr += 6) {
					screen_layout(rows, cols, iw, cr, &l);
					cr_assert_eq(l.inbox.w + l.border.w +
					                 l.thread.w,
					             cols);
					cr_assert_eq(
					    l.thread.h + l.compose_border.h +
					        l.compose.h + l.status.h,
					    rows);
					cr_assert_geq(l.thread.w, 40);
					cr_assert_geq(l.thread.h, 1);
					cr_assert_geq(l.inbox.w, 16);
				}
}

Test(screen, compose_grows_up_to_a_third_of_the_screen)
{
	struct screen_layout l;

	screen_layout(30, 100, 0, 5, &l);
	cr_assert_eq(l.compose.h, 5);
	screen_layout(30, 100, 0, 50, &l);
	cr_assert_eq(l.compose.h, 29 / 3);
}

Test(screen, inbox_width_is_resizable_within_limits)
{
	struct screen_layout l;

	screen_layout(30, 120, 50, 1, &l);
	cr_assert_eq(l.inbox.w, 50);
	screen_layout(30, 120, 5, 1, &l);
	cr_assert_eq(l.inbox.w, 16);
	screen_layout(30, 120, 110, 1, &l);
	cr_assert_eq(l.thread.w, 40);
}

Test(screen, below_60x16_is_too_small)
{
	struct screen_layout l;

	screen_layout(15, 100, 0, 1, &l);
	cr_assert(l.too_small);
	screen_layout(30, 59, 0, 1, &l);
	cr_assert(l.too_small);
	screen_layout(16, 60, 0, 1, &l);
	cr_assert_not(l.too_small);
}

/* Draws through a real curses screen writing to /dev/null, then reads
 * the cells back. */
static SCREEN *sc;
static FILE *out, *in;

static void
term_up(void)
{
	struct theme *t = theme_new();

	setlocale(LC_ALL, "C.UTF-8");
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	sc = newterm("xterm-256color", out, in);
	cr_assert_not_null(sc);
	set_term(sc);
	screen_apply_theme(t);
	theme_free(t);
}

static void
term_down(void)
{
	endwin();
	delscreen(sc);
	fclose(out);
	fclose(in);
}

/* The first n cells of row y from x, as text. */
static char *
row(WINDOW *w, int y, int x, int n)
{
	static char buf[256];
	wchar_t wbuf[64];
	int got;

	got = mvwinnwstr(w, y, x, wbuf, n);
	cr_assert_geq(got, 0);
	wcstombs(buf, wbuf, sizeof buf);
	return buf;
}

Test(draw, text_is_clipped_and_padded_to_the_width, .init = term_up,
     .fini = term_down)
{
	WINDOW *w = newwin(3, 20, 0, 0);

	mvwaddstr(w, 0, 0, "XXXXXXXXXXXXXXXXXXXX");
	cr_assert_eq(draw_text(w, 0, 2, 6, THEME_INBOX_NORMAL, DRAW_PAD, "hi"),
	             6);
	cr_assert_str_eq(row(w, 0, 0, 10), "XXhi    XX");
	cr_assert_eq(draw_text(w, 1, 0, 4, THEME_INBOX_NORMAL, 0, "abcdefgh"),
	             4);
	cr_assert_str_eq(row(w, 1, 0, 5), "abcd ");
	delwin(w);
}

Test(draw, escape_sequences_never_reach_the_screen, .init = term_up,
     .fini = term_down)
{
	WINDOW *w = newwin(2, 30, 0, 0);

	draw_text(w, 0, 0, 30, THEME_THREAD_TEXT, DRAW_PAD,
	          "a\x1b[2J\x1b]0;evil\x07z\n");
	cr_assert_str_eq(row(w, 0, 0, 5), "a\xe2\x90\x9b\xe2\x90\x9bz ");
	delwin(w);
}

Test(draw, ellipsis_marks_cut_text, .init = term_up, .fini = term_down)
{
	WINDOW *w = newwin(1, 30, 0, 0);

	cr_assert_eq(draw_text(w, 0, 0, 5, THEME_INBOX_NORMAL, DRAW_ELLIPSIS,
	                       "abcdefgh"),
	             5);
	cr_assert_str_eq(row(w, 0, 0, 5), "abcd\xe2\x80\xa6");
	delwin(w);
}

Test(draw, wide_characters_are_not_split_at_the_edge, .init = term_up,
     .fini = term_down)
{
	WINDOW *w = newwin(1, 30, 0, 0);

	/* 中文 is 4 columns: only one fits in 3, the rest is padding */
	cr_assert_eq(draw_text(w, 0, 0, 3, THEME_INBOX_NORMAL, DRAW_PAD,
	                       "\xe4\xb8\xad\xe6\x96\x87"),
	             3);
	cr_assert_eq(draw_width("\xe4\xb8\xad\xe6\x96\x87"), 4);
	delwin(w);
}

Test(draw, right_alignment, .init = term_up, .fini = term_down)
{
	WINDOW *w = newwin(1, 30, 0, 0);

	draw_text(w, 0, 0, 8, THEME_INBOX_TIME, DRAW_PAD | DRAW_RIGHT, "14:05");
	cr_assert_str_eq(row(w, 0, 0, 8), "   14:05");
	delwin(w);
}

Test(draw, elements_get_their_attributes, .init = term_up, .fini = term_down)
{
	cr_assert(screen_attr(THEME_INBOX_UNREAD) & A_BOLD);
	cr_assert_eq(screen_colors(), 256);
}

Test(draw, no_color_leaves_only_attributes, .init = term_up, .fini = term_down)
{
	struct theme *t = theme_new();

	setenv("NO_COLOR", "1", 1);
	screen_apply_theme(t);
	cr_assert_eq(screen_colors(), 0);
	cr_assert(screen_attr(THEME_INBOX_SELECTED) & A_REVERSE);
	cr_assert_eq(PAIR_NUMBER(screen_attr(THEME_INBOX_SELECTED)), 0);
	theme_free(t);
}

/* TERM=dumb, unset or unknown: refused with a sentence that points at
 * the commands, before curses draws anything broken. */
Test(screen, a_terminal_without_cursor_addressing_is_refused)
{
	static const char *bad[] = {"dumb", "", "no-such-terminal-lc"};
	struct lc_error err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&err, 0, sizeof err);
		setenv("TERM", bad[i], 1);
		cr_assert_eq(screen_check_term(&err), LC_EIO, "%s", bad[i]);
		cr_assert(strstr(err.msg, "linchat inbox") != NULL, "%s",
		          err.msg);
	}
	cr_assert(strstr(err.msg, "no-such-terminal-lc") != NULL, "%s",
	          err.msg);
	setenv("TERM", "xterm-256color", 1);
	cr_assert_eq(screen_check_term(&err), LC_OK, "%s", err.msg);
}
