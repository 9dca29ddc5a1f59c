/* edit.c — the text editing model.
 *
 * The buffer is kept sanitised at all times, so the layout and the
 * drawing code never see a control character.  Characters are utf8_next()
 * clusters: a base code point with its combining marks, variation
 * selectors and ZWJ-joined followers.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/edit.h"
#include "core/xmalloc.h"

struct edit {
	char *s;
	size_t len;
	size_t cap;
	size_t cur;
	size_t max;
};

struct edit *
edit_new(void)
{
	struct edit *e = xcalloc(1, sizeof *e);

	e->cap = 64;
	e->s = xmalloc(e->cap);
	e->s[0] = '\0';
	return e;
}

void
edit_free(struct edit *e)
{
	if (e == NULL)
		return;
	free(e->s);
	free(e);
}

void
edit_set_max(struct edit *e, size_t max)
{
	e->max = max;
}

const char *
edit_text(const struct edit *e)
{
	return e->s;
}

size_t
edit_len(const struct edit *e)
{
	return e->len;
}

size_t
edit_cursor(const struct edit *e)
{
	return e->cur;
}

/* Code points in s[0..len). */
static size_t
edit_count(const char *s, size_t len)
{
	size_t n = 0, p = 0;

	while (p < len) {
		if (((unsigned char)s[p] & 0xc0) != 0x80)
			n++;
		p++;
	}
	return n;
}

size_t
edit_chars(const struct edit *e)
{
	return edit_count(e->s, e->len);
}

/* Replaces s[from..to) by ins[0..n). */
static void
edit_splice(struct edit *e, size_t from, size_t to, const char *ins, size_t n)
{
	size_t newlen = e->len - (to - from) + n;

	if (newlen + 1 > e->cap) {
		while (newlen + 1 > e->cap)
			e->cap *= 2;
		e->s = xrealloc(e->s, e->cap);
	}
	memmove(e->s + from + n, e->s + to, e->len - to + 1);
	memcpy(e->s + from, ins, n);
	e->len = newlen;
}

/* The longest prefix of s[0..len), cut between characters, that holds at
 * most room code points. */
static size_t
edit_fit(const char *s, size_t len, size_t room)
{
	size_t p = 0, next, n;

	while (p < len) {
		next = utf8_next(s, len, p);
		n = edit_count(s + p, next - p);
		if (n > room)
			break;
		room -= n;
		p = next;
	}
	return p;
}

int
edit_insert(struct edit *e, const char *s, size_t len)
{
	size_t prev, plen, n, have, fit;
	char *ctx, *clean;
	const char *ins;
	int rc = 0;

	if (len == 0)
		return 0;
	/*
	 * Sanitise together with the character before the cursor, so that a
	 * combining mark typed after a letter attaches to it instead of
	 * getting a dotted-circle base of its own.
	 */
	prev = e->cur > 0 && e->s[e->cur - 1] != '\n'
	           ? utf8_prev(e->s, e->len, e->cur)
	           : e->cur;
	plen = e->cur - prev;
	ctx = xmalloc(plen + len + 1);
	memcpy(ctx, e->s + prev, plen);
	memcpy(ctx + plen, s, len);
	clean = utf8_sanitize(ctx, plen + len, UTF8_SAN_NEWLINES);
	free(ctx);
	if (plen > 0 && strncmp(clean, e->s + prev, plen) == 0) {
		ins = clean + plen;
	} else {
		free(clean);
		clean = utf8_sanitize(s, len, UTF8_SAN_NEWLINES);
		ins = clean;
	}
	n = strlen(ins);
	if (e->max != 0) {
		have = edit_chars(e);
		fit = edit_fit(ins, n, have < e->max ? e->max - have : 0);
		if (fit < n) {
			n = fit;
			rc = -1;
		}
	}
	edit_splice(e, e->cur, e->cur, ins, n);
	e->cur += n;
	/* a mark may have joined the character before: stay on a boundary */
	if (e->cur < e->len &&
	    utf8_prev(e->s, e->len, utf8_next(e->s, e->len, e->cur)) != e->cur)
		e->cur = utf8_next(e->s, e->len, e->cur);
	free(clean);
	return rc;
}

int
edit_insert_cp(struct edit *e, uint32_t cp)
{
	char b[4];

	return edit_insert(e, b, utf8_encode(cp, b));
}

int
edit_newline(struct edit *e)
{
	return edit_insert(e, "\n", 1);
}

void
edit_clear(struct edit *e)
{
	e->len = 0;
	e->cur = 0;
	e->s[0] = '\0';
}

void
edit_set_text(struct edit *e, const char *s)
{
	edit_clear(e);
	if (s != NULL)
		edit_insert(e, s, strlen(s));
}

int
edit_left(struct edit *e)
{
	if (e->cur == 0)
		return 0;
	e->cur = utf8_prev(e->s, e->len, e->cur);
	return 1;
}

int
edit_right(struct edit *e)
{
	if (e->cur >= e->len)
		return 0;
	e->cur = utf8_next(e->s, e->len, e->cur);
	return 1;
}

static int
edit_is_space(const struct edit *e, size_t at)
{
	return e->s[at] == ' ' || e->s[at] == '\n';
}

/* Start of the word before off (skipping the spaces before it). */
static size_t
edit_word_start(const struct edit *e, size_t off)
{
	size_t p;

	while (off > 0) {
		p = utf8_prev(e->s, e->len, off);
		if (!edit_is_space(e, p))
			break;
		off = p;
	}
	while (off > 0) {
		p = utf8_prev(e->s, e->len, off);
		if (edit_is_space(e, p))
			break;
		off = p;
	}
	return off;
}

int
edit_word_left(struct edit *e)
{
	size_t to = edit_word_start(e, e->cur);

	if (to == e->cur)
		return 0;
	e->cur = to;
	return 1;
}

int
edit_word_right(struct edit *e)
{
	size_t off = e->cur;

	while (off < e->len && edit_is_space(e, off))
		off = utf8_next(e->s, e->len, off);
	while (off < e->len && !edit_is_space(e, off))
		off = utf8_next(e->s, e->len, off);
	if (off == e->cur)
		return 0;
	e->cur = off;
	return 1;
}

static size_t
edit_line_start(const struct edit *e, size_t off)
{
	while (off > 0 && e->s[off - 1] != '\n')
		off--;
	return off;
}

static size_t
edit_line_end(const struct edit *e, size_t off)
{
	const char *nl = memchr(e->s + off, '\n', e->len - off);

	return nl != NULL ? (size_t)(nl - e->s) : e->len;
}

static int
edit_move(struct edit *e, size_t to)
{
	if (to == e->cur)
		return 0;
	e->cur = to;
	return 1;
}

int
edit_home(struct edit *e)
{
	return edit_move(e, edit_line_start(e, e->cur));
}

int
edit_end(struct edit *e)
{
	return edit_move(e, edit_line_end(e, e->cur));
}

int
edit_start(struct edit *e)
{
	return edit_move(e, 0);
}

int
edit_finish(struct edit *e)
{
	return edit_move(e, e->len);
}

static int
edit_remove(struct edit *e, size_t from, size_t to)
{
	if (from >= to)
		return 0;
	edit_splice(e, from, to, "", 0);
	e->cur = from;
	return 1;
}

int
edit_backspace(struct edit *e)
{
	if (e->cur == 0)
		return 0;
	return edit_remove(e, utf8_prev(e->s, e->len, e->cur), e->cur);
}

int
edit_delete(struct edit *e)
{
	if (e->cur >= e->len)
		return 0;
	return edit_remove(e, e->cur, utf8_next(e->s, e->len, e->cur));
}

int
edit_delete_word(struct edit *e)
{
	return edit_remove(e, edit_word_start(e, e->cur), e->cur);
}

int
edit_delete_to_start(struct edit *e)
{
	size_t from = edit_line_start(e, e->cur);

	if (from == e->cur && from > 0)
		from--;
	return edit_remove(e, from, e->cur);
}

int
edit_delete_to_end(struct edit *e)
{
	size_t to = edit_line_end(e, e->cur);
	size_t at = e->cur;

	if (to == e->cur && to < e->len)
		to++;
	return edit_remove(e, at, to);
}

void
edit_layout(const struct edit *e, int cols, struct edit_layout *l)
{
	size_t i, r = 0;
	int col;

	if (cols < 1)
		cols = 1;
	l->nrows = utf8_wrap(e->s, e->len, cols, &l->rows);
	for (i = 0; i < l->nrows; i++) {
		if (l->rows[i].start <= e->cur)
			r = i;
		else
			break;
	}
	col = utf8_width(e->s + l->rows[r].start, e->cur - l->rows[r].start);
	if (col >= cols) {
		/* after a full row: the start of the next one */
		r++;
		col = 0;
		if (r == l->nrows) {
			l->rows = xreallocarray(l->rows, l->nrows + 1,
			                        sizeof l->rows[0]);
			l->rows[r].start = e->len;
			l->rows[r].end = e->len;
			l->rows[r].width = 0;
			l->nrows++;
		}
	}
	l->cur_row = r;
	l->cur_col = col;
}

void
edit_layout_free(struct edit_layout *l)
{
	free(l->rows);
	l->rows = NULL;
	l->nrows = 0;
}

static int
edit_vertical(struct edit *e, int cols, int dir)
{
	struct edit_layout l;
	const struct utf8_line *row;
	size_t to;
	int moved = 0;

	edit_layout(e, cols, &l);
	if ((dir < 0 && l.cur_row == 0) ||
	    (dir > 0 && l.cur_row + 1 >= l.nrows))
		goto out;
	row = &l.rows[dir < 0 ? l.cur_row - 1 : l.cur_row + 1];
	to = row->start + utf8_col_offset(e->s + row->start,
	                                  row->end - row->start, l.cur_col,
	                                  NULL);
	moved = edit_move(e, to);
out:
	edit_layout_free(&l);
	return moved;
}

int
edit_up(struct edit *e, int cols)
{
	return edit_vertical(e, cols, -1);
}

int
edit_down(struct edit *e, int cols)
{
	return edit_vertical(e, cols, 1);
}
