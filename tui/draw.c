/* draw.c — sanitised, width-clipped, themed text drawing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/screen.h"
#include "core/utf8.h"

static void
draw_style(WINDOW *w, enum theme_elem el)
{
	attr_t a = screen_attr(el);

	wattr_set(w, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
}

static void
draw_spaces(WINDOW *w, int n)
{
	while (n-- > 0)
		waddch(w, ' ');
}

int
draw_textn(WINDOW *w, int y, int x, int width, enum theme_elem el,
           unsigned flags, const char *s, size_t len)
{
	char *clean;
	size_t clen, cut;
	int used, total, ell = 0, lead = 0;

	if (width <= 0)
		return 0;
	clean = utf8_sanitize(s != NULL ? s : "", s != NULL ? len : 0, 0);
	clen = strlen(clean);
	total = utf8_width(clean, clen);
	if (total > width && (flags & DRAW_ELLIPSIS) && width >= 2) {
		cut = utf8_col_offset(clean, clen, width - 1, &used);
		ell = 1;
	} else
		cut = utf8_col_offset(clean, clen, width, &used);
	if ((flags & DRAW_RIGHT) && used + ell < width)
		lead = width - used - ell;
	draw_style(w, el);
	wmove(w, y, x);
	if (lead > 0 && (flags & DRAW_PAD))
		draw_spaces(w, lead);
	else if (lead > 0)
		wmove(w, y, x + lead);
	if (cut > 0)
		waddnstr(w, clean, (int)cut);
	if (ell)
		waddstr(w, "\xe2\x80\xa6");
	used += ell + lead;
	if ((flags & DRAW_PAD) && used < width) {
		draw_spaces(w, width - used);
		used = width;
	}
	free(clean);
	return used;
}

int
draw_text(WINDOW *w, int y, int x, int width, enum theme_elem el,
          unsigned flags, const char *s)
{
	return draw_textn(w, y, x, width, el, flags, s,
	                  s != NULL ? strlen(s) : 0);
}

int
draw_textf(WINDOW *w, int y, int x, int width, enum theme_elem el,
           unsigned flags, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return draw_text(w, y, x, width, el, flags, buf);
}

int
draw_width(const char *s)
{
	char *clean;
	int width;

	if (s == NULL)
		return 0;
	clean = utf8_sanitize(s, strlen(s), 0);
	width = utf8_width(clean, strlen(clean));
	free(clean);
	return width;
}

void
draw_fill(WINDOW *w, int y, int x, int width, enum theme_elem el)
{
	if (width <= 0)
		return;
	draw_style(w, el);
	wmove(w, y, x);
	draw_spaces(w, width);
}

void
draw_clear(WINDOW *w, int y, int x, int h, int width, enum theme_elem el)
{
	int i;

	for (i = 0; i < h; i++)
		draw_fill(w, y + i, x, width, el);
}

void
draw_hline(WINDOW *w, int y, int x, int n, enum theme_elem el)
{
	if (n <= 0)
		return;
	draw_style(w, el);
	mvwhline_set(w, y, x, WACS_HLINE, n);
}

void
draw_vline(WINDOW *w, int y, int x, int n, enum theme_elem el)
{
	if (n <= 0)
		return;
	draw_style(w, el);
	mvwvline_set(w, y, x, WACS_VLINE, n);
}
