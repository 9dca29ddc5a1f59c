/* fuzz-utf8.c — utf8_sanitize() and utf8_wrap() (core/utf8.h), with the
 * header's promises checked on every output:
 * - the sanitised text is valid UTF-8 with no C0 control (but '\n' with
 *   UTF8_SAN_NEWLINES), DEL, C1 control or ESC, no noncharacter, no
 *   U+2028/U+2029, none of the bidi and invisible characters it removes,
 *   and at most 8 zero-width code points after one base;
 * - utf8_width() of it is the sum of utf8_cpwidth() over its code points;
 * - utf8_wrap() lines (of raw and sanitised text) are in order, cover the
 *   text (only spaces and '\n' fall between them), hold no '\n', have
 *   their width right and fit in cols unless the line is one character;
 * - utf8_next() and utf8_prev() agree on character boundaries, and
 *   utf8_col_offset() cuts at one, as far as cols allows.
 * The first byte gives the flags (bit 0) and the wrap width (1..64).
 */
#include <string.h>

#include "tests/fuzz/fuzz.h"
#include "core/utf8.h"

static int
removed(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
	       cp == 0x061C || cp == 0x00AD || cp == 0x200B ||
	       (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF || cp == 0x180E ||
	       cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F) ||
	       (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0x115F || cp == 0x1160 ||
	       cp == 0x3164 || cp == 0xFFA0;
}

static int
noncharacter(uint32_t cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

static void
check_sanitized(const char *o, unsigned flags)
{
	size_t len = strlen(o), i = 0, n;
	uint32_t cp;
	int sum = 0, zw = 0, w;

	while (i < len) {
		n = utf8_decode(o + i, len - i, &cp);
		FUZZ_CHECK(n >= 1 && cp != UTF8_BAD,
		           "invalid UTF-8 at byte %zu", i);
		FUZZ_CHECK(utf8_encode(cp, (char[4]){0}) == n,
		           "non-shortest form at byte %zu", i);
		if (cp == '\n')
			FUZZ_CHECK(flags & UTF8_SAN_NEWLINES,
			           "newline without UTF8_SAN_NEWLINES");
		else
			FUZZ_CHECK(cp >= 0x20, "C0 control %#x at %zu",
			           (unsigned)cp, i);
		FUZZ_CHECK(cp != 0x7F, "DEL at %zu", i);
		FUZZ_CHECK(cp < 0x80 || cp > 0x9F, "C1 control %#x at %zu",
		           (unsigned)cp, i);
		FUZZ_CHECK(cp != 0x2028 && cp != 0x2029,
		           "line/paragraph separator at %zu", i);
		FUZZ_CHECK(!noncharacter(cp), "noncharacter %#x at %zu",
		           (unsigned)cp, i);
		FUZZ_CHECK(!removed(cp), "bidi/invisible %#x kept at %zu",
		           (unsigned)cp, i);
		w = utf8_cpwidth(cp);
		sum += w;
		if (cp == '\n')
			zw = 0;
		else if (w == 0)
			FUZZ_CHECK(++zw <= 8,
			           "more than 8 zero-width code "
			           "points on one base at %zu",
			           i);
		else
			zw = 0;
		i += n;
	}
	FUZZ_CHECK(utf8_width(o, len) == sum, "utf8_width %d != sum %d",
	           utf8_width(o, len), sum);
}

static void
check_wrap(const char *s, size_t len, int cols)
{
	struct utf8_line *l = NULL;
	size_t n, i, j, prev_end = 0;

	n = utf8_wrap(s, len, cols, &l);
	FUZZ_CHECK(n >= 1 && l != NULL, "no line");
	FUZZ_CHECK(l[0].start == 0 || strspn(s, " ") >= l[0].start,
	           "text before the first line");
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(l[i].start <= l[i].end && l[i].end <= len,
		           "line %zu out of range", i);
		FUZZ_CHECK(l[i].start >= prev_end, "line %zu overlaps", i);
		/* what lies between two lines is dropped: spaces and one
		 * line break at most */
		for (j = prev_end; j < l[i].start; j++)
			FUZZ_CHECK(s[j] == ' ' || s[j] == '\n',
			           "byte %zu (%#x) is in no line", j,
			           (unsigned char)s[j]);
		FUZZ_CHECK(
		    memchr(s + l[i].start, '\n', l[i].end - l[i].start) == NULL,
		    "line %zu holds a '\\n'", i);
		FUZZ_CHECK(l[i].width == utf8_width(s + l[i].start,
		                                    l[i].end - l[i].start),
		           "line %zu width wrong", i);
		FUZZ_CHECK(l[i].width <= cols ||
		               utf8_next(s + l[i].start, l[i].end - l[i].start,
		                         0) == l[i].end - l[i].start,
		           "line %zu is %d columns wide, more than %d", i,
		           l[i].width, cols);
		prev_end = l[i].end;
	}
	for (j = prev_end; j < len; j++)
		FUZZ_CHECK(s[j] == ' ' || s[j] == '\n',
		           "byte %zu after the last line", j);
	free(l);
}

/* utf8_next() from the start and utf8_prev() from the end meet the same
 * character boundaries; utf8_col_offset() cuts at one of them, with the
 * width it reports, as many characters as fit. */
static void
check_moves(const char *s, size_t len, int cols)
{
	size_t *b, n = 0, i, off, next;
	int w;

	if (len > 4096)
		len = 4096; /* utf8_prev may scan back over a run of marks or
		               regional indicators: keep the worst case small */
	b = xmalloc((len + 1) * sizeof *b);
	b[n++] = 0;
	for (off = 0; off < len; off = next) {
		next = utf8_next(s, len, off);
		FUZZ_CHECK(next > off && next <= len, "next(%zu) = %zu", off,
		           next);
		b[n++] = next;
	}
	for (i = n - 1; i > 0; i--) {
		FUZZ_CHECK(utf8_prev(s, len, b[i]) == b[i - 1],
		           "prev(%zu) = %zu, next went %zu -> %zu", b[i],
		           utf8_prev(s, len, b[i]), b[i - 1], b[i]);
		if (b[i] - b[i - 1] > 1)
			FUZZ_CHECK(utf8_prev(s, len, b[i] - 1) == b[i - 1],
			           "prev inside a character");
	}
	off = utf8_col_offset(s, len, cols, &w);
	for (i = 0; i < n && b[i] < off; i++)
		;
	FUZZ_CHECK(i < n && b[i] == off, "col_offset %zu is no boundary", off);
	FUZZ_CHECK(w == utf8_width(s, off) && w <= cols,
	           "col_offset width %d (really %d) for %d columns", w,
	           utf8_width(s, off), cols);
	FUZZ_CHECK(off == len || w + utf8_width(s + off, b[i + 1] - off) > cols,
	           "col_offset stops before a character that fits");
	free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s;
	char *o;
	unsigned flags;
	size_t len;
	int cols;

	if (size < 1)
		return 0;
	flags = data[0] & 1 ? UTF8_SAN_NEWLINES : 0;
	cols = 1 + (data[0] >> 1) % 64;
	s = (const char *)data + 1;
	len = size - 1;

	o = utf8_sanitize(s, len, flags);
	FUZZ_CHECK(o != NULL, "NULL result");
	check_sanitized(o, flags);
	check_wrap(o, strlen(o), cols);
	check_moves(o, strlen(o), cols);
	free(o);
	check_wrap(s, len, cols);
	check_moves(s, len, cols);
	return 0;
}
