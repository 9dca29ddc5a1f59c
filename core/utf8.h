/* utf8.h — UTF-8 decoding, display width, clipping, word wrap, and
 * utf8_sanitize(): the one gate every untrusted string passes before it is
 * drawn on a terminal or printed by the command-line mode.
 *
 * Widths come from tables generated from the Unicode data
 * (tools/gen-utf8-tables), never from the process locale, so the result is
 * the same under LANG=C.  A code point is 0 columns wide (combining marks,
 * ZWJ, variation selectors, other format characters, controls), 2 (East
 * Asian Wide/Fullwidth, emoji presentation) or 1 (everything else,
 * including U+FFFD).  The width of a string is the sum of its code points'
 * widths; a ZWJ emoji sequence is therefore as wide as its visible parts,
 * which is what wcwidth-based layout (ncurses) assumes too.
 *
 * All functions are pure and thread-safe.
 */
#ifndef LC_UTF8_H
#define LC_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Code point utf8_decode() reports for an invalid or truncated sequence. */
#define UTF8_BAD 0xFFFFFFFFu

/* utf8_sanitize() flag: keep '\n' (and turn "\r\n" and lone '\r' into
 * '\n').  Without it every line break becomes one space. */
#define UTF8_SAN_NEWLINES 0x1u

/* Decodes one code point from s[0..len).  Returns the bytes consumed (1-4;
 * 0 only when len is 0).  Overlongs, surrogates, values above U+10FFFF,
 * stray continuation bytes and truncated sequences set *cp = UTF8_BAD and
 * consume the maximal ill-formed subpart (so each becomes one U+FFFD). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Appends the UTF-8 form of cp (<= U+10FFFF, not a surrogate; anything
 * else is written as U+FFFD) to out, which must hold 4 bytes.  Returns the
 * number of bytes written. */
size_t utf8_encode(uint32_t cp, char *out);

/* Display columns of one code point: 0, 1 or 2.  Controls count 0 (the
 * sanitiser never lets one through); UTF8_BAD counts 1, like U+FFFD. */
int utf8_cpwidth(uint32_t cp);

/* Display columns of s[0..len): the sum of utf8_cpwidth() over its code
 * points. */
int utf8_width(const char *s, size_t len);

/* Byte offset where s[0..len) must be cut to fit in cols columns without
 * splitting a character: the zero-width marks after the last character
 * kept stay with it.  *width (if not NULL) gets the width of the kept
 * prefix. */
size_t utf8_col_offset(const char *s, size_t len, int cols, int *width);

/* Next / previous character boundary from byte offset off.  A character
 * here is a base code point with the zero-width code points that follow it
 * (combining marks, variation selectors) and ZWJ-joined code points, so an
 * editor moving by these never splits an accented letter or an emoji
 * sequence.  utf8_next returns len at the end, utf8_prev 0 at the start. */
size_t utf8_next(const char *s, size_t len, size_t off);
size_t utf8_prev(const char *s, size_t len, size_t off);

/* One line of utf8_wrap(): bytes s[start..end), width columns. */
struct utf8_line {
	size_t start;
	size_t end;
	int width;
};

/* Word-wraps s[0..len) into lines of at most cols columns.  '\n' ends a
 * line; lines break at spaces (the spaces at a break are dropped); a word
 * longer than cols is broken between characters; a character is never
 * split, so a wide character on a 1-column line takes a line of its own.
 * Always at least one line (an empty text is one empty line).  *lines gets
 * an array the caller frees with free(3); returns the number of lines. */
size_t utf8_wrap(const char *s, size_t len, int cols, struct utf8_line **lines);

/* Returns a new NUL-terminated string (caller frees with free(3)) that is
 * safe to draw on a terminal:
 * - invalid UTF-8 (overlong, surrogate, > U+10FFFF, truncated) and
 *   noncharacters become U+FFFD;
 * - a whole escape sequence (CSI, OSC incl. OSC 0/8/52, DCS, SOS, PM, APC,
 *   two- and three-byte ESC sequences, and their 8-bit C1 forms, raw
 *   (after an ASCII byte) or UTF-8-encoded) becomes one U+241B (the ESC
 *   symbol);
 * - other C0 controls (NUL too) become their Control Pictures symbol
 *   (U+2400 + c), DEL becomes U+2421; '\t' becomes four spaces; line
 *   breaks (\n, \r\n, \r, U+2028, U+2029) become '\n' with
 *   UTF8_SAN_NEWLINES, else a space;
 * - other C1 controls (U+0080-U+009F) become U+FFFD;
 * - bidi embeddings, overrides, isolates and marks (U+202A-U+202E,
 *   U+2066-U+2069, U+200E, U+200F, U+061C) and invisible characters that
 *   can hide text (U+00AD, U+200B, U+2060-U+2064, U+FEFF, U+180E, tag
 *   characters, U+FFF9-U+FFFB, the Hangul fillers) are removed;
 * - a combining mark with no character to sit on gets U+25CC as its base,
 *   and at most 8 zero-width code points follow one base (Zalgo text).
 * ZWJ, ZWNJ, variation selectors and combining marks are kept, so emoji
 * sequences and accented text look as intended.  The result is valid
 * UTF-8 with no C0 (except '\n' with the flag), C1, DEL or ESC. */
char *utf8_sanitize(const char *s, size_t len, unsigned flags);

#endif
