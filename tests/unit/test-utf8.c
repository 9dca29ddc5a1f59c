#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xmalloc.h"

#define ESCSYM "\xe2\x90\x9b" /* U+241B */
#define FFFD "\xef\xbf\xbd"

/* Reads tests/fixtures/hostile/NAME; *len gets its size. */
static char *
fixture(const char *name, size_t *len)
{
	char path[256];
	FILE *f;
	char *data;
	long n;

	snprintf(path, sizeof(path), "tests/fixtures/hostile/%s", name);
	f = fopen(path, "rb");
	cr_assert_not_null(f, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = xmalloc((size_t)n + 1);
	cr_assert_eq(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	data[n] = '\0';
	*len = (size_t)n;
	return data;
}

/* The properties the fuzzer checks: valid UTF-8, no C0 (except '\n' when
 * allowed), no DEL, no C1, and width equal to the sum of code point
 * widths. */
static void
assert_safe(const char *out, int newlines)
{
	size_t i = 0, len = strlen(out), n;
	uint32_t cp;
	int sum = 0;

	while (i < len) {
		n = utf8_decode(out + i, len - i, &cp);
		cr_assert_neq(cp, UTF8_BAD, "invalid UTF-8 at %zu", i);
		if (cp == '\n')
			cr_assert(newlines, "newline kept without the flag");
		else
			cr_assert(cp >= 0x20, "C0 control %u at %zu", cp, i);
		cr_assert(cp < 0x7F || cp > 0x9F, "DEL/C1 %u at %zu", cp, i);
		sum += utf8_cpwidth(cp);
		i += n;
	}
	cr_assert_eq(utf8_width(out, len), sum);
}

static void
expect_fixture(const char *name, unsigned flags, const char *want)
{
	size_t len;
	char *in = fixture(name, &len);
	char *out = utf8_sanitize(in, len, flags);

	cr_expect_str_eq(out, want, "%s", name);
	assert_safe(out, flags & UTF8_SAN_NEWLINES);
	free(out);
	free(in);
}

static void
expect_clean(const char *in, unsigned flags, const char *want)
{
	char *out = utf8_sanitize(in, strlen(in), flags);

	cr_expect_str_eq(out, want);
	assert_safe(out, flags & UTF8_SAN_NEWLINES);
	free(out);
}

Test(utf8_sanitize, plain_text_and_emoji_pass_unchanged)
{
	expect_clean("Hello, world", 0, "Hello, world");
	expect_clean("caf\xc3\xa9 e\xcc\x81 \xe6\x97\xa5\xe6\x9c\xac", 0,
	             "caf\xc3\xa9 e\xcc\x81 \xe6\x97\xa5\xe6\x9c\xac");
	/* family: man ZWJ woman ZWJ girl; thumbs up with skin tone */
	expect_clean("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
	             "\xf0\x9f\x91\xa7 \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
	             0,
	             "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
	             "\xf0\x9f\x91\xa7 \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd");
}

Test(utf8_sanitize, colour_and_cursor_sequences_become_one_symbol_each)
{
	expect_fixture("csi-colour-cursor.txt", 0,
	               "hi " ESCSYM "red" ESCSYM " " ESCSYM ESCSYM ESCSYM
	               "end");
}

Test(utf8_sanitize, osc52_cannot_write_the_clipboard)
{
	expect_fixture("osc52-clipboard-bel.txt", 0, "copy " ESCSYM "me");
	expect_fixture("osc52-clipboard-st.txt", 0, "copy " ESCSYM "me");
}

Test(utf8_sanitize, osc8_hyperlink_keeps_only_the_visible_text)
{
	expect_fixture("osc8-hyperlink.txt", 0, ESCSYM "click here" ESCSYM "!");
}

Test(utf8_sanitize, osc0_cannot_retitle_the_window)
{
	expect_fixture("osc0-title.txt", 0, ESCSYM "hello");
}

Test(utf8_sanitize, dcs_sos_pm_apc_strings_are_consumed)
{
	expect_fixture("dcs-sos-pm-apc.txt", 0,
	               "a" ESCSYM "b" ESCSYM "c" ESCSYM "d" ESCSYM "e");
}

Test(utf8_sanitize, unterminated_osc_does_not_swallow_the_message)
{
	expect_fixture("osc-unterminated.txt", 0,
	               ESCSYM "2;unterminated title, then the real text stays");
}

Test(utf8_sanitize, eight_bit_c1_csi_and_osc_are_consumed)
{
	expect_fixture("c1-csi-utf8.txt", 0, "x" ESCSYM "y" ESCSYM "z");
	expect_fixture("c1-csi-raw.txt", 0, "x" ESCSYM "y" ESCSYM "z");
}

Test(utf8_sanitize, other_c1_controls_become_replacement_characters)
{
	expect_clean("a\xc2\x85"
	             "b\xc2\x8d"
	             "c",
	             0, "a" FFFD "b" FFFD "c");
}

Test(utf8_sanitize, two_and_three_byte_escapes_are_consumed)
{
	/* RIS (full reset), DECSC, charset designation, lone ESC at end */
	expect_clean("a\033cb\0337c\033(0d\033", 0,
	             "a" ESCSYM "b" ESCSYM "c" ESCSYM "d" ESCSYM);
}

Test(utf8_sanitize, invalid_utf8_becomes_one_replacement_per_bad_part)
{
	expect_fixture("invalid-utf8.txt", 0,
	               "ok " FFFD FFFD " " FFFD FFFD FFFD
	               " " FFFD FFFD FFFD FFFD " " FFFD FFFD FFFD FFFD FFFD
	               " " FFFD);
}

Test(utf8_sanitize, noncharacters_become_replacement_characters)
{
	expect_clean("a\xef\xbf\xbe"
	             "b\xef\xb7\x90"
	             "c",
	             0, "a" FFFD "b" FFFD "c");
}

Test(utf8_sanitize, bidi_overrides_and_isolates_are_removed)
{
	expect_fixture("bidi-override.txt", 0, "abcfed iso ");
}

Test(utf8_sanitize, invisible_characters_that_hide_text_are_removed)
{
	expect_fixture("invisible.txt", 0, "paypal soft bom tag x");
}

Test(utf8_sanitize, carriage_return_backspace_and_nul_are_made_visible)
{
	expect_fixture("overwrite-conceal.txt", 0,
	               "safe EVIL" ESCSYM "hidden" ESCSYM
	               "\xe2\x90\x88\xe2\x90\x88\xe2\x90\xa1\xe2\x90\x80z");
	expect_fixture("overwrite-conceal.txt", UTF8_SAN_NEWLINES,
	               "safe\nEVIL" ESCSYM "hidden" ESCSYM
	               "\xe2\x90\x88\xe2\x90\x88\xe2\x90\xa1\xe2\x90\x80z");
}

Test(utf8_sanitize, newlines_kept_only_with_the_flag)
{
	expect_clean("one\ntwo\r\nthree\xe2\x80\xa8"
	             "four",
	             0, "one two three four");
	expect_clean("one\ntwo\r\nthree\xe2\x80\xa8"
	             "four",
	             UTF8_SAN_NEWLINES, "one\ntwo\nthree\nfour");
}

Test(utf8_sanitize, tab_becomes_four_spaces)
{
	expect_clean("a\tb", 0, "a    b");
}

Test(utf8_sanitize, stacked_combining_marks_are_capped)
{
	expect_fixture(
	    "zalgo.txt", 0,
	    "Z\xcc\x88\xcc\x88\xcc\x88\xcc\x88\xcc\x88\xcc\x88\xcc\x88"
	    "\xcc\x88!");
}

Test(utf8_sanitize, combining_mark_without_base_gets_a_dotted_circle)
{
	expect_clean("\xcc\x81x", 0, "\xe2\x97\x8c\xcc\x81x");
	expect_clean("a\n\xcc\x81", UTF8_SAN_NEWLINES,
	             "a\n\xe2\x97\x8c\xcc\x81");
}

Test(utf8_sanitize, null_input_gives_empty_string)
{
	char *out = utf8_sanitize(NULL, 0, 0);

	cr_assert_str_eq(out, "");
	free(out);
}

Test(utf8_sanitize, random_bytes_always_give_safe_output)
{
	static const char alphabet[] = "\033[]P\\\007;0123abc \n\r\t"
	                               "\xc2\x9b\x9d\x80\xe2\x80\xae\xcc\x81"
	                               "\xf0\x9f\x98\x80\xed\xa0\xff";
	unsigned seed = 12345;
	char in[64];
	int round, i;

	for (round = 0; round < 20000; round++) {
		char *out;
		int n;

		seed = seed * 1103515245u + 12345u;
		n = (int)((seed >> 16) % sizeof(in));
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 8) & 1)
				in[i] = alphabet[(seed >> 16) %
				                 (sizeof(alphabet) - 1)];
			else
				in[i] = (char)(seed >> 16);
		}
		out = utf8_sanitize(in, (size_t)n, round & 1);
		assert_safe(out, round & 1);
		free(out);
	}
}

Test(utf8_decode, rejects_overlong_surrogate_and_out_of_range)
{
	uint32_t cp;

	cr_assert_eq(utf8_decode("\xc0\xaf", 2, &cp), 1);
	cr_assert_eq(cp, UTF8_BAD);
	cr_assert_eq(utf8_decode("\xe0\x80\xaf", 3, &cp), 1);
	cr_assert_eq(cp, UTF8_BAD);
	cr_assert_eq(utf8_decode("\xed\xa0\x80", 3, &cp), 1);
	cr_assert_eq(cp, UTF8_BAD);
	cr_assert_eq(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 1);
	cr_assert_eq(cp, UTF8_BAD);
	cr_assert_eq(utf8_decode("\xe2\x82", 2, &cp), 2);
	cr_assert_eq(cp, UTF8_BAD);
	cr_assert_eq(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	cr_assert_eq(cp, 0x1F600);
	cr_assert_eq(utf8_decode("\xc3\xa9", 2, &cp), 2);
	cr_assert_eq(cp, 0xE9);
}

Test(utf8_encode, round_trips_every_length)
{
	uint32_t cps[] = {0x41, 0xE9, 0x20AC, 0x1F600, 0x10FFFF};
	char tmp[4];
	uint32_t back;
	size_t i, n;

	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		n = utf8_encode(cps[i], tmp);
		cr_assert_eq(utf8_decode(tmp, n, &back), n);
		cr_assert_eq(back, cps[i]);
	}
	cr_assert_eq(utf8_encode(0xD800, tmp), 3);
	cr_assert_eq(memcmp(tmp, FFFD, 3), 0);
}

Test(utf8_width, counts_wide_combining_and_emoji_in_the_c_locale)
{
	setlocale(LC_ALL, "C");
	cr_assert_eq(utf8_width("abc", 3), 3);
	cr_assert_eq(utf8_width("\xe6\x97\xa5\xe6\x9c\xac", 6), 4);
	cr_assert_eq(utf8_width("\xef\xbc\xa1", 3), 2); /* fullwidth A */
	cr_assert_eq(utf8_width("e\xcc\x81", 3), 1);
	cr_assert_eq(utf8_width("\xf0\x9f\x91\x8d", 4), 2);
	/* ZWJ sequence: as wide as its three visible people */
	cr_assert_eq(utf8_width("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
	                        "\xe2\x80\x8d\xf0\x9f\x91\xa7",
	                        18),
	             6);
	cr_assert_eq(utf8_width("\xe2\x9d\xa4\xef\xb8\x8f", 6), 1);
	cr_assert_eq(utf8_width(FFFD, 3), 1);
	cr_assert_eq(utf8_width("\xed\xa0\x80", 3), 3); /* 3 bad bytes */
}

Test(utf8_width, agrees_with_glibc_where_unicode_14_tables_differ)
{
	cr_assert_eq(utf8_cpwidth(0xAD), 1);   /* soft hyphen */
	cr_assert_eq(utf8_cpwidth(0x600), 1);  /* Arabic number sign */
	cr_assert_eq(utf8_cpwidth(0x4DC0), 2); /* hexagram */
	cr_assert_eq(utf8_cpwidth(0x3248), 2);
}

Test(utf8_width, hangul_syllables_and_medial_jamo)
{
	cr_assert_eq(utf8_cpwidth(0xAC00), 2);
	cr_assert_eq(utf8_cpwidth(0x1161), 0);
	cr_assert_eq(utf8_cpwidth(0x200D), 0);
	cr_assert_eq(utf8_cpwidth(0x20000), 2);
	cr_assert_eq(utf8_cpwidth(0x1B), 0);
}

Test(utf8_col_offset, clips_without_splitting_wide_or_combined)
{
	int w;

	cr_assert_eq(utf8_col_offset("\xe6\x97\xa5\xe6\x9c\xac", 6, 3, &w), 3);
	cr_assert_eq(w, 2);
	cr_assert_eq(utf8_col_offset("e\xcc\x81x", 4, 1, &w), 3);
	cr_assert_eq(w, 1);
	cr_assert_eq(utf8_col_offset("abc", 3, 10, &w), 3);
	cr_assert_eq(w, 3);
	cr_assert_eq(utf8_col_offset("\xe6\x97\xa5", 3, 1, &w), 0);
	cr_assert_eq(w, 0);
}

Test(utf8_next, moves_over_whole_emoji_sequences_and_flags)
{
	const char *fam = "a\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
	                  "\xe2\x80\x8d\xf0\x9f\x91\xa7"
	                  "b";
	const char *flags = "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"
	                    "\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa";
	size_t len = strlen(fam);

	cr_assert_eq(utf8_next(fam, len, 0), 1);
	cr_assert_eq(utf8_next(fam, len, 1), len - 1);
	cr_assert_eq(utf8_next(fam, len, len - 1), len);
	cr_assert_eq(utf8_next(fam, len, len), len);
	cr_assert_eq(utf8_prev(fam, len, len), len - 1);
	cr_assert_eq(utf8_prev(fam, len, len - 1), 1);
	cr_assert_eq(utf8_prev(fam, len, 1), 0);
	cr_assert_eq(utf8_prev(fam, len, 0), 0);
	cr_assert_eq(utf8_next(flags, 16, 0), 8);
	cr_assert_eq(utf8_prev(flags, 16, 16), 8);
}

Test(utf8_next, keeps_combining_marks_with_their_letter)
{
	const char *s = "xe\xcc\x81\xcc\x82y";

	cr_assert_eq(utf8_next(s, 7, 1), 6);
	cr_assert_eq(utf8_prev(s, 7, 6), 1);
}

Test(utf8_prev, steps_back_over_every_kind_of_character)
{
	/* CJK, a ZWJ family, an accent, flags, invalid bytes, Hangul */
	const char *s = "\xe4\xbd\xa0\xe5\xa5\xbd"
	                "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
	                "\xc3\xa9\xcc\x81"
	                "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f\x87\xa9"
	                "\xff\xe2\x82"
	                "\xed\x95\x9c\xea\xb8\x80";
	size_t len = strlen(s), b[64], n = 0, off, i;

	for (off = 0; off < len; off = utf8_next(s, len, off))
		b[n++] = off;
	b[n] = len;
	cr_assert_eq(n, 10, "%zu characters", n);
	for (i = n; i > 0; i--) {
		cr_assert_eq(utf8_prev(s, len, b[i]), b[i - 1], "at %zu", b[i]);
		if (b[i] - b[i - 1] > 1)
			cr_assert_eq(utf8_prev(s, len, b[i] - 1), b[i - 1]);
	}
}

static void
expect_lines(const char *s, int cols, const char **want, size_t nwant)
{
	struct utf8_line *l;
	size_t n, i;

	n = utf8_wrap(s, strlen(s), cols, &l);
	cr_assert_eq(n, nwant, "%zu lines for '%s' in %d cols", n, s, cols);
	for (i = 0; i < n; i++) {
		size_t blen = l[i].end - l[i].start;

		cr_expect(blen == strlen(want[i]) &&
		              memcmp(s + l[i].start, want[i], blen) == 0,
		          "line %zu is '%.*s', want '%s'", i, (int)blen,
		          s + l[i].start, want[i]);
		cr_expect_eq(l[i].width, utf8_width(want[i], strlen(want[i])));
	}
	free(l);
}

Test(utf8_wrap, breaks_at_spaces)
{
	const char *w[] = {"hello", "world"};
	const char *w2[] = {"a", "bc"};
	const char *w3[] = {"the quick", "brown fox"};

	expect_lines("hello world", 5, w, 2);
	expect_lines("a bc", 3, w2, 2);
	expect_lines("the quick brown fox", 10, w3, 2);
}

Test(utf8_wrap, breaks_long_words)
{
	const char *w[] = {"aaaa", "aaaa", "aa"};
	const char *w2[] = {"hi", "ther", "e"};

	expect_lines("aaaaaaaaaa", 4, w, 3);
	expect_lines("hi   there", 4, w2, 3);
}

Test(utf8_wrap, never_splits_wide_characters)
{
	const char *w[] = {"\xe6\x97\xa5", "\xe6\x9c\xac", "\xe8\xaa\x9e"};
	const char *w2[] = {"ab", "\xe6\x97\xa5"};

	expect_lines("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 3, w, 3);
	expect_lines("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 1, w, 3);
	expect_lines("ab\xe6\x97\xa5", 3, w2, 2);
}

Test(utf8_wrap, keeps_newlines_and_empty_lines)
{
	const char *w[] = {"a", "", "b", ""};
	const char *w2[] = {""};

	expect_lines("a\n\nb\n", 10, w, 4);
	expect_lines("", 10, w2, 1);
}

Test(utf8_wrap, combined_characters_stay_whole)
{
	const char *w[] = {"e\xcc\x81\xcc\x81", "e\xcc\x81"};

	expect_lines("e\xcc\x81\xcc\x81"
	             "e\xcc\x81",
	             1, w, 2);
}

Test(utf8_wrap, space_carrying_a_combining_mark_is_not_a_break)
{
	/* found by fuzzing: the break used to skip into the next character
	 * and measure a negative length */
	const char *s = "ab \xcc\x88 cd";
	const char *w[] = {"ab \xcc\x88", "cd"};
	const char *w2[] = {"ab", " \xcc\x88", "cd"};

	expect_lines(s, 4, w, 2);
	expect_lines(s, 2, w2, 3);
}

Test(utf8_wrap, fuzzed_input_gives_lines_inside_the_text)
{
	struct utf8_line *l;
	size_t len, n, i;
	char *in = fixture("wrap-space-with-mark.bin", &len);
	char *out = utf8_sanitize(in, len, 0);
	int cols;

	for (cols = 1; cols < 14; cols++) {
		n = utf8_wrap(out, strlen(out), cols, &l);
		for (i = 0; i < n; i++) {
			cr_assert_leq(l[i].start, l[i].end);
			cr_assert_leq(l[i].end, strlen(out));
		}
		free(l);
	}
	free(out);
	free(in);
}
