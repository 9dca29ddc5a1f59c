/* utf8.c — decoding, widths, clipping, wrap and the sanitiser.
 *
 * The sanitiser works in one pass over the bytes.  An ESC (or an 8-bit C1
 * introducer, raw or UTF-8-encoded) starts an escape sequence which is
 * parsed just far enough to know where it ends (ECMA-48: CSI parameter and
 * intermediate bytes up to a final byte; OSC/DCS/SOS/PM/APC strings up to
 * BEL or ST) and replaced by one U+241B.  A string sequence without a
 * terminator consumes only its introducer, so an unterminated OSC cannot
 * swallow the rest of a message.  Everything else goes code point by code
 * point through a small decision list; what is kept is copied as-is.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "core/xmalloc.h"

struct utf8_range {
	uint32_t lo;
	uint32_t hi;
};

#include "core/utf8-tables.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define CP_ZWNJ 0x200C
#define CP_ZWJ 0x200D
#define CP_ESC_SYMBOL 0x241B
#define CP_DOTTED_CIRCLE 0x25CC
#define CP_REPLACEMENT 0xFFFD
#define MAX_MARKS 8

static int
in_table(const struct utf8_range *t, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	if (n == 0 || cp < t[0].lo || cp > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t need, i;
	uint32_t v;

	if (len == 0) {
		*cp = UTF8_BAD;
		return 0;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		need = 1;
		v = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		need = 2;
		v = u[0] & 0x0F;
		if (u[0] == 0xE0)
			lo = 0xA0; /* overlong */
		else if (u[0] == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		need = 3;
		v = u[0] & 0x07;
		if (u[0] == 0xF0)
			lo = 0x90; /* overlong */
		else if (u[0] == 0xF4)
			hi = 0x8F; /* above U+10FFFF */
	} else {
		*cp = UTF8_BAD;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len || u[i] < lo || u[i] > hi) {
			*cp = UTF8_BAD;
			return i;
		}
		v = (v << 6) | (u[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = v;
	return need + 1;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *u = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = CP_REPLACEMENT;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | (cp >> 18));
	u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Combining marks, format characters and medial jamo: drawn in the cell of
 * the character before them. */
static int
is_mark(uint32_t cp)
{
	return cp >= 0x300 && cp <= 0x10FFFF &&
	       in_table(utf8_zero_width, NELEM(utf8_zero_width), cp);
}

int
utf8_cpwidth(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x300)
		return 1;
	if (cp > 0x10FFFF)
		return 1;
	if (in_table(utf8_zero_width, NELEM(utf8_zero_width), cp))
		return 0;
	if (in_table(utf8_wide, NELEM(utf8_wide), cp))
		return 2;
	return 1;
}

int
utf8_width(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;
	int w = 0;

	while (i < len) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			w++;
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		w += utf8_cpwidth(cp);
		i += n;
	}
	return w;
}

static int
is_regional(uint32_t cp)
{
	return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

/* End of the character starting at off, and (if w) its width. */
static size_t
cluster_end(const char *s, size_t len, size_t off, int *w)
{
	uint32_t cp, first, prev;
	size_t i = off, n;
	int width, regional = 0;

	n = utf8_decode(s + i, len - i, &first);
	i += n;
	width = utf8_cpwidth(first);
	prev = first;
	if (first == '\n')
		goto out;
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_BAD)
			break;
		if (is_mark(cp)) {
			/* joined to the base */
		} else if (prev == CP_ZWJ && cp >= 0x80) {
			/* next part of an emoji sequence */
		} else if (is_regional(first) && is_regional(cp) && !regional) {
			regional = 1; /* second half of a flag */
		} else
			break;
		width += utf8_cpwidth(cp);
		prev = cp;
		i += n;
	}
out:
	if (w != NULL)
		*w = width;
	return i;
}

size_t
utf8_next(const char *s, size_t len, size_t off)
{
	if (off >= len)
		return len;
	return cluster_end(s, len, off, NULL);
}

/*
 * Whether a character surely starts at p (0 < p < len): a valid code point
 * that is neither a mark nor a regional indicator, after a valid code
 * point that is not a ZWJ.  cluster_end() never joins across such a
 * place, and forward decoding from any earlier start lands on it.
 */
static int
sure_start(const char *s, size_t len, size_t p)
{
	uint32_t cp, before;
	size_t q, n;

	if ((unsigned char)s[p] < 0x80)
		return 1; /* ASCII starts a character (ZWJ joins non-ASCII) */
	if ((n = utf8_decode(s + p, len - p, &cp)) == 0 || cp == UTF8_BAD ||
	    is_mark(cp) || is_regional(cp))
		return 0;
	for (q = p - 1;
	     q > 0 && p - q < 4 && ((unsigned char)s[q] & 0xC0) == 0x80; q--)
		;
	if (utf8_decode(s + q, len - q, &before) != p - q || before == UTF8_BAD)
		return 0;
	return before != CP_ZWJ;
}

size_t
utf8_prev(const char *s, size_t len, size_t off)
{
	size_t p, start, next;

	if (off > len)
		off = len;
	if (off == 0)
		return 0;
	/* Scan forward from the nearest sure start before off: one or two
	 * steps back in any ordinary text, so moving left is O(1). */
	start = 0;
	for (p = off - 1; p > 0; p--) {
		if (sure_start(s, len, p)) {
			start = p;
			break;
		}
	}
	for (;;) {
		next = cluster_end(s, len, start, NULL);
		if (next >= off)
			return start;
		start = next;
	}
}

size_t
utf8_col_offset(const char *s, size_t len, int cols, int *width)
{
	size_t off = 0, next;
	int w = 0, cw;

	while (off < len) {
		next = cluster_end(s, len, off, &cw);
		if (w + cw > cols)
			break;
		w += cw;
		off = next;
	}
	if (width != NULL)
		*width = w;
	return off;
}

struct wrap {
	struct utf8_line *v;
	size_t n;
	size_t cap;
};

/* Adds s[start..end) as a line, without the spaces it ends with when it
 * ends at a break (the last line of a paragraph keeps them: they fit). */
static void
wrap_add(struct wrap *wr, const char *s, size_t start, size_t end, int trim)
{
	while (trim && end > start && s[end - 1] == ' ')
		end--;
	if (wr->n == wr->cap) {
		wr->cap = wr->cap ? wr->cap * 2 : 8;
		wr->v = xreallocarray(wr->v, wr->cap, sizeof(*wr->v));
	}
	wr->v[wr->n].start = start;
	wr->v[wr->n].end = end;
	wr->v[wr->n].width = utf8_width(s + start, end - start);
	wr->n++;
}

/* First position at or after p that is not a lone space (a space with a
 * combining mark on it is a character, not a break). */
static size_t
skip_spaces(const char *s, size_t pe, size_t p)
{
	while (p < pe && s[p] == ' ' && cluster_end(s, pe, p, NULL) == p + 1)
		p++;
	return p;
}

/* Wraps one paragraph s[p..pe) (no '\n' inside). */
static void
wrap_paragraph(struct wrap *wr, const char *s, size_t p, size_t pe, int cols)
{
	size_t line = p, pos = p, brk = 0, next, q;
	int col = 0, cw, have_brk = 0;

	while (pos < pe) {
		next = cluster_end(s, pe, pos, &cw);
		if (next - pos == 1 && s[pos] == ' ') {
			if (col + cw > cols) {
				/* the space itself does not fit: break here */
				wrap_add(wr, s, line, pos, 1);
				pos = skip_spaces(s, pe, pos);
				line = pos;
				col = 0;
				have_brk = 0;
				continue;
			}
			if (pos > line && s[pos - 1] != ' ') {
				brk = pos;
				have_brk = 1;
			}
			col += cw;
			pos = next;
			continue;
		}
		if (col + cw <= cols || (col == 0 && pos == line)) {
			/* fits, or a wide character alone on a narrow line */
			col += cw;
			pos = next;
			continue;
		}
		if (have_brk) {
			wrap_add(wr, s, line, brk, 1);
			q = skip_spaces(s, pe, brk);
			line = q;
			col = utf8_width(s + line, pos - line);
			have_brk = 0;
			continue;
		}
		wrap_add(wr, s, line, pos, 1);
		line = pos;
		col = 0;
	}
	wrap_add(wr, s, line, pe, 0);
}

size_t
utf8_wrap(const char *s, size_t len, int cols, struct utf8_line **lines)
{
	struct wrap wr = {NULL, 0, 0};
	size_t p = 0, nl;
	const char *e;

	if (cols < 1)
		cols = 1;
	for (;;) {
		e = memchr(s + p, '\n', len - p);
		nl = e != NULL ? (size_t)(e - s) : len;
		wrap_paragraph(&wr, s, p, nl, cols);
		if (e == NULL)
			break;
		p = nl + 1;
	}
	*lines = wr.v;
	return wr.n;
}

/* --- the sanitiser --- */

enum seq_kind { SEQ_NONE, SEQ_CSI, SEQ_STRING_OSC, SEQ_STRING };

/* Caches where the next string terminator lies (one cache for OSC, which
 * BEL also ends, one for the others), so a text full of unterminated
 * introducers is still scanned in linear time. */
struct term_cache {
	size_t from[2]; /* searched from here ... */
	size_t at[2];   /* ... and found the first terminator here (or len) */
	int valid[2];
};

static int
is_term(const unsigned char *u, size_t len, size_t j, int bel)
{
	if (bel && u[j] == 0x07)
		return 1;
	return j + 1 < len && ((u[j] == 0x1B && u[j + 1] == '\\') ||
	                       (u[j] == 0xC2 && u[j + 1] == 0x9C));
}

/* Position just past the ST (or BEL for OSC) that ends a string whose
 * body starts at i, or 0 when there is none. */
static size_t
find_term(const unsigned char *u, size_t len, size_t i, int bel,
          struct term_cache *tc)
{
	size_t j;

	if (!tc->valid[bel] || i < tc->from[bel] || i > tc->at[bel]) {
		for (j = i; j < len && !is_term(u, len, j, bel); j++)
			;
		tc->from[bel] = i;
		tc->at[bel] = j;
		tc->valid[bel] = 1;
	}
	j = tc->at[bel];
	if (j >= len)
		return 0;
	return u[j] == 0x07 ? j + 1 : j + 2;
}

/* Kind of sequence a C1 code point (0x80-0x9F) introduces. */
static enum seq_kind
c1_kind(unsigned c)
{
	switch (c) {
	case 0x9B:
		return SEQ_CSI;
	case 0x9D:
		return SEQ_STRING_OSC;
	case 0x90:
	case 0x98:
	case 0x9E:
	case 0x9F:
		return SEQ_STRING;
	default:
		return SEQ_NONE;
	}
}

/* Given a sequence body starting at i, returns where the sequence ends. */
static size_t
seq_end(const unsigned char *u, size_t len, size_t i, enum seq_kind k,
        size_t intro_end, struct term_cache *tc)
{
	size_t t;

	if (k == SEQ_CSI) {
		while (i < len && u[i] >= 0x20 && u[i] <= 0x3F)
			i++;
		while (i < len && u[i] >= 0x20 && u[i] <= 0x2F)
			i++;
		if (i < len && u[i] >= 0x40 && u[i] <= 0x7E)
			i++;
		return i;
	}
	t = find_term(u, len, i, k == SEQ_STRING_OSC, tc);
	return t != 0 ? t : intro_end;
}

/* Parses the escape sequence starting with ESC at i; returns its end. */
static size_t
esc_end(const unsigned char *u, size_t len, size_t i, struct term_cache *tc)
{
	unsigned c;

	if (i + 1 >= len)
		return i + 1;
	c = u[i + 1];
	if (c >= 0x40 && c <= 0x5F && c1_kind(c + 0x40) != SEQ_NONE)
		return seq_end(u, len, i + 2, c1_kind(c + 0x40), i + 2, tc);
	if (c >= 0x20 && c <= 0x2F) {
		i += 1;
		while (i < len && u[i] >= 0x20 && u[i] <= 0x2F)
			i++;
		if (i < len && u[i] >= 0x30 && u[i] <= 0x7E)
			i++;
		return i;
	}
	if (c >= 0x30 && c <= 0x7E)
		return i + 2;
	return i + 1;
}

static int
is_removed(uint32_t cp)
{
	if (cp == CP_ZWJ || cp == CP_ZWNJ)
		return 0;
	if (cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0)
		return 1; /* Hangul fillers: invisible, yet take columns */
	return in_table(utf8_format, NELEM(utf8_format), cp);
}

static int
is_noncharacter(uint32_t cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

static void
put_cp(struct buf *b, uint32_t cp)
{
	char tmp[4];

	buf_add(b, tmp, utf8_encode(cp, tmp));
}

char *
utf8_sanitize(const char *s, size_t len, unsigned flags)
{
	const unsigned char *u = (const unsigned char *)s;
	struct term_cache tc;
	struct buf b;
	size_t i = 0, n;
	uint32_t cp;
	int marks = 0, have_base = 0;

	memset(&tc, 0, sizeof(tc));
	buf_init(&b, 0);
	if (s == NULL)
		len = 0;
	while (i < len) {
		if (u[i] >= 0x20 && u[i] < 0x7F) {
			buf_addc(&b, (char)u[i++]);
			have_base = 1;
			marks = 0;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0x1B) {
			i = esc_end(u, len, i, &tc);
			cp = CP_ESC_SYMBOL;
		} else if (cp >= 0x80 && cp <= 0x9F) {
			if (c1_kind(cp) != SEQ_NONE) {
				i = seq_end(u, len, i + n, c1_kind(cp), i + n,
				            &tc);
				cp = CP_ESC_SYMBOL;
			} else {
				i += n;
				cp = CP_REPLACEMENT;
			}
		} else if (cp == UTF8_BAD && n == 1 &&
		           c1_kind(u[i]) != SEQ_NONE &&
		           (i == 0 || u[i - 1] < 0x80)) {
			/* a raw 8-bit C1 introducer (after a broken multi-byte
			 * sequence it is only a stray continuation byte) */
			i = seq_end(u, len, i + 1, c1_kind(u[i]), i + 1, &tc);
			cp = CP_ESC_SYMBOL;
		} else {
			i += n;
		}

		if (cp == '\r' || cp == '\n' || cp == 0x2028 || cp == 0x2029) {
			if (cp == '\r' && i < len && u[i] == '\n')
				i++;
			if (flags & UTF8_SAN_NEWLINES) {
				buf_addc(&b, '\n');
				have_base = 0;
			} else {
				buf_addc(&b, ' ');
				have_base = 1;
			}
			marks = 0;
			continue;
		}
		if (cp == '\t') {
			buf_addstr(&b, "    ");
			have_base = 1;
			marks = 0;
			continue;
		}
		if (cp < 0x20)
			cp = 0x2400 + cp;
		else if (cp == 0x7F)
			cp = 0x2421;
		else if (cp == UTF8_BAD || is_noncharacter(cp))
			cp = CP_REPLACEMENT;
		else if (is_removed(cp))
			continue;

		if (utf8_cpwidth(cp) == 0) {
			if (marks >= MAX_MARKS)
				continue;
			if (!have_base)
				put_cp(&b, CP_DOTTED_CIRCLE);
			have_base = 1;
			marks++;
		} else {
			have_base = 1;
			marks = 0;
		}
		put_cp(&b, cp);
	}
	return buf_detach(&b);
}
