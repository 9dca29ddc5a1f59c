#include <criterion/criterion.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "core/xmalloc.h"

static struct jsonx *
parse(const char *s)
{
	struct lc_error err;
	struct jsonx *o;

	lc_error_clear(&err);
	o = jsonx_parse(s, strlen(s), &err);
	cr_assert_not_null(o, "%s: %s", s, err.msg);
	return o;
}

static void
parse_fails(const char *s, size_t len)
{
	struct lc_error err;

	lc_error_clear(&err);
	cr_assert_null(jsonx_parse(s, len, &err), "%.60s should fail", s);
	cr_assert_eq(err.code, LC_EBADRESP);
	cr_assert_neq(err.msg[0], '\0');
}

Test(jsonx, gets_nested_text_by_path)
{
	struct jsonx *o = parse("{\"participantType\":{\"member\":"
	                        "{\"firstName\":{\"text\":\"Sarah\"}}}}");

	cr_assert_str_eq(
	    jsonx_get_str(o, "participantType.member.firstName.text"), "Sarah");
	jsonx_free(o);
}

Test(jsonx, missing_null_or_wrongly_typed_fields_give_null_or_default)
{
	struct jsonx *o = parse("{\"a\":null,\"b\":5,\"c\":\"x\","
	                        "\"d\":{\"e\":[1]},\"f\":true}");

	cr_assert_null(jsonx_get_str(o, "a"));
	cr_assert_null(jsonx_get_str(o, "b"));
	cr_assert_null(jsonx_get_str(o, "missing.deeper"));
	cr_assert_null(jsonx_get_str(o, "c.text"));
	cr_assert_null(jsonx_get_obj(o, "d.e"));
	cr_assert_null(jsonx_get_arr(o, "d"));
	cr_assert_eq(jsonx_get_int(o, "c", -7), -7);
	cr_assert_eq(jsonx_get_int(o, "a", -7), -7);
	cr_assert_eq(jsonx_get_int(o, "d", -7), -7);
	cr_assert_eq(jsonx_get_bool(o, "b", 0), 0);
	cr_assert_eq(jsonx_get_bool(o, "f", 0), 1);
	cr_assert_eq(jsonx_len(o, "d.e"), 1);
	cr_assert_eq(jsonx_len(o, "c"), 0);
	cr_assert_null(jsonx_dup_str(NULL, "x"));
	jsonx_free(o);
}

Test(jsonx, indexes_arrays_by_number_segments)
{
	struct jsonx *o = parse("{\"elements\":[{\"x\":1},{\"x\":2}]}");

	cr_assert_eq(jsonx_get_int(o, "elements.1.x", 0), 2);
	cr_assert_null(jsonx_get(o, "elements.2.x"));
	cr_assert_null(jsonx_get(o, "elements.-1"));
	jsonx_free(o);
}

Test(jsonx, reads_big_times_from_numbers_and_strings)
{
	struct jsonx *o = parse("{\"a\":1770210328991,\"b\":"
	                        "\"1770210328992\",\"c\":\"12x\"}");

	cr_assert_eq(jsonx_get_int(o, "a", 0), 1770210328991LL);
	cr_assert_eq(jsonx_get_int(o, "b", 0), 1770210328992LL);
	cr_assert_eq(jsonx_get_int(o, "c", 3), 3);
	jsonx_free(o);
}

Test(jsonx, dup_copies_so_the_string_outlives_the_tree)
{
	struct jsonx *o = parse("{\"a\":\"hello\"}");
	char *s = jsonx_dup_str(o, "a");

	jsonx_free(o);
	cr_assert_str_eq(s, "hello");
	free(s);
}

Test(jsonx, member_takes_keys_with_dots_whole)
{
	struct jsonx *o = parse("{\"com.linkedin.X\":{\"id\":\"u\"}}");

	cr_assert_str_eq(jsonx_get_str(jsonx_member(o, "com.linkedin.X"), "id"),
	                 "u");
	cr_assert_null(jsonx_get(o, "com.linkedin.X"));
	jsonx_free(o);
}

Test(jsonx, refuses_truncated_malformed_and_trailing_text)
{
	const char *full = "{\"data\":{\"a\":[1,2,3]}}";
	size_t i;

	for (i = 0; i < strlen(full); i++)
		parse_fails(full, i);
	parse_fails("{\"a\":}", 6);
	parse_fails("{\"a\":1} x", 9);
	parse_fails("{\"a\":1}{}", 9);
	parse_fails("{\"a\":1,}", 8);
	parse_fails(NULL, 0);
	parse_fails("   ", 3);
}

Test(jsonx, accepts_trailing_whitespace)
{
	struct jsonx *o = jsonx_parse("{\"a\":1}\n \r\n", 11, NULL);

	cr_assert_not_null(o);
	jsonx_free(o);
}

Test(jsonx, refuses_nesting_deeper_than_64_without_crashing)
{
	struct buf b;
	int i;

	buf_init(&b, 0);
	for (i = 0; i < 100000; i++)
		buf_addc(&b, '[');
	parse_fails(b.data, b.len);
	buf_reset(&b);
	for (i = 0; i < 60; i++)
		buf_addc(&b, '[');
	for (i = 0; i < 60; i++)
		buf_addc(&b, ']');
	jsonx_free(parse(b.data));
	buf_release(&b);
}

Test(jsonx, refuses_text_over_the_size_cap)
{
	char c = '{';

	/* The length alone decides; nothing is read past the first byte. */
	parse_fails(&c, (size_t)JSONX_MAX_TEXT + 1);
}

Test(jsonx, finds_graphql_root_by_name_prefix)
{
	struct jsonx *o = parse("{\"data\":{\"_type\":\"x\","
	                        "\"messengerConversationsByCategoryQuery\":"
	                        "{\"elements\":[]}}}");

	cr_assert_not_null(jsonx_graphql_root(o, "messengerConversations"));
	cr_assert_null(jsonx_graphql_root(o, "messengerMessages"));
	jsonx_free(o);
}

Test(jsonx, finds_included_entities_by_urn)
{
	struct jsonx *o = parse("{\"included\":[{\"entityUrn\":\"a\","
	                        "\"n\":1},7,{\"entityUrn\":\"b\",\"n\":2}]}");

	cr_assert_eq(jsonx_get_int(jsonx_included(o, "b"), "n", 0), 2);
	cr_assert_null(jsonx_included(o, "c"));
	cr_assert_null(jsonx_included(o, NULL));
	jsonx_free(o);
}

Test(jsonx, escapes_strings_for_json_bodies)
{
	struct buf b;
	struct jsonx *o;

	buf_init(&b, 0);
	buf_addstr(&b, "{\"t\":");
	cr_assert_eq(jsonx_buf_str(&b, "a\"b\\c\n\x01 é"), 0);
	buf_addc(&b, '}');
	cr_assert_str_eq(b.data, "{\"t\":\"a\\\"b\\\\c\\n\\u0001 é\"}");
	o = parse(b.data);
	cr_assert_str_eq(jsonx_get_str(o, "t"), "a\"b\\c\n\x01 é");
	jsonx_free(o);
	buf_release(&b);
}

/* tests/fixtures/fuzz/jsonx-bare-null.json: json-c parsed "null" to no
 * object, which once came back as NULL with no error message set. */
Test(jsonx, a_bare_null_answer_is_refused_with_a_message)
{
	FILE *f = fopen("tests/fixtures/fuzz/jsonx-bare-null.json", "rb");
	char text[64];
	size_t n;

	cr_assert_not_null(f);
	n = fread(text, 1, sizeof text, f);
	fclose(f);
	parse_fails(text, n);
}

/* --- the reader (core/jsonx-parse.c) --- */

/* Parses the JSON string literal lit (a top-level string) and checks it
 * decodes to the want_len bytes at want. */
static void
string_is(const char *lit, const char *want, size_t want_len)
{
	struct jsonx *o = parse(lit);

	cr_assert_eq(jsonx_type(o), JSONX_STRING, "%s", lit);
	cr_assert_eq(jsonx_str_len(o), want_len, "%s: %zu bytes", lit,
	             jsonx_str_len(o));
	cr_assert_eq(memcmp(jsonx_str(o), want, want_len), 0, "%s", lit);
	cr_assert_eq(jsonx_str(o)[want_len], '\0', "%s: not terminated", lit);
	jsonx_free(o);
}

static void
parse_fails_str(const char *s)
{
	parse_fails(s, strlen(s));
}

Test(jsonx, decodes_every_short_escape)
{
	string_is("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t", 8);
	string_is("\"a\\nb\"", "a\nb", 3);
	string_is("\"\"", "", 0);
}

Test(jsonx, decodes_unicode_escapes_to_utf8)
{
	string_is("\"\\u0041\"", "A", 1);
	string_is("\"\\u00e9\\u00E9\"", "\xc3\xa9\xc3\xa9", 4);
	string_is("\"\\u20ac\"", "\xe2\x82\xac", 3);
	string_is("\"\\uffff\"", "\xef\xbf\xbf", 3);
	string_is("\"x\\u07ffy\"", "x\xdf\xbfy", 4);
}

Test(jsonx, joins_surrogate_pairs)
{
	string_is("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80", 4);
	string_is("\"\\uD83D\\uDE00!\"", "\xf0\x9f\x98\x80!", 5);
	string_is("\"\\udbff\\udfff\"", "\xf4\x8f\xbf\xbf", 4);
}

Test(jsonx, lone_surrogates_become_the_replacement_character)
{
	string_is("\"\\ud83d\"", "\xef\xbf\xbd", 3);
	string_is("\"\\ud83dx\"", "\xef\xbf\xbdx", 4);
	string_is("\"\\ude00\"", "\xef\xbf\xbd", 3);
	string_is("\"\\ud83d\\u0041\"",
	          "\xef\xbf\xbd"
	          "A",
	          4);
	string_is("\"\\ud83d\\ud83d\\ude00\"", "\xef\xbf\xbd\xf0\x9f\x98\x80",
	          7);
	string_is("\"\\ude00\\ud83d\"", "\xef\xbf\xbd\xef\xbf\xbd", 6);
}

Test(jsonx, refuses_invalid_escapes)
{
	parse_fails_str("\"\\x\"");
	parse_fails_str("\"\\U0041\"");
	parse_fails_str("\"\\u12\"");
	parse_fails_str("\"\\u12g4\"");
	parse_fails_str("\"\\u00\"}");
	parse_fails_str("\"\\'\"");
	parse_fails_str("{\"a\":\"\\u12\",\"b\":\"x\"}");
	parse_fails_str("\"abc\\");
}

Test(jsonx, keeps_raw_control_characters_and_other_bytes)
{
	/* as json-c did: the sanitiser, not the reader, deals with them */
	string_is("\"a\tb\x01\x7f\"", "a\tb\x01\x7f", 5);
	string_is("\"\xff\xfe\"", "\xff\xfe", 2);
}

Test(jsonx, a_nul_escape_stays_inside_the_string)
{
	struct jsonx *o = parse("{\"t\":\"ab\\u0000cd\"}");
	char *d = jsonx_dup_str(o, "t");

	cr_assert_eq(jsonx_str_len(jsonx_get(o, "t")), 5);
	cr_assert_str_eq(jsonx_get_str(o, "t"), "ab");
	cr_assert_str_eq(d, "ab");
	free(d);
	jsonx_free(o);
}

Test(jsonx, refuses_a_raw_nul_byte)
{
	parse_fails("\"a\0b\"", 5);
	parse_fails("{\"a\":1}\0", 8);
	parse_fails("{\"a\0\":1}", 8);
}

Test(jsonx, reads_integers_to_the_edges_of_int64)
{
	struct jsonx *o = parse("[0,-0,7,-42,9223372036854775807,"
	                        "-9223372036854775808,9223372036854775808,"
	                        "-9223372036854775809,"
	                        "123456789012345678901234567890]");

	cr_assert_eq(jsonx_get_int(o, "0", 1), 0);
	cr_assert_eq(jsonx_get_int(o, "1", 1), 0);
	cr_assert_eq(jsonx_get_int(o, "2", 0), 7);
	cr_assert_eq(jsonx_get_int(o, "3", 0), -42);
	cr_assert_eq(jsonx_get_int(o, "4", 0), INT64_MAX);
	cr_assert_eq(jsonx_get_int(o, "5", 0), INT64_MIN);
	/* past int64: clamped, as json-c's getter did */
	cr_assert_eq(jsonx_get_int(o, "6", 0), INT64_MAX);
	cr_assert_eq(jsonx_get_int(o, "7", 0), INT64_MIN);
	cr_assert_eq(jsonx_get_int(o, "8", 0), INT64_MAX);
	cr_assert_eq(jsonx_type(jsonx_get(o, "8")), JSONX_NUMBER);
	jsonx_free(o);
}

Test(jsonx, reads_fractions_and_exponents_cut_toward_zero)
{
	struct jsonx *o = parse("[1.9,-1.9,1e3,1E+3,1.5e3,25e-1,-0.5,"
	                        "0.000123e7,1e400,-1e400,1e-400,"
	                        "1770210328991.0,1234567890123456789012e-10]");

	cr_assert_eq(jsonx_get_int(o, "0", 7), 1);
	cr_assert_eq(jsonx_get_int(o, "1", 7), -1);
	cr_assert_eq(jsonx_get_int(o, "2", 7), 1000);
	cr_assert_eq(jsonx_get_int(o, "3", 7), 1000);
	cr_assert_eq(jsonx_get_int(o, "4", 7), 1500);
	cr_assert_eq(jsonx_get_int(o, "5", 7), 2);
	cr_assert_eq(jsonx_get_int(o, "6", 7), 0);
	cr_assert_eq(jsonx_get_int(o, "7", 7), 1230);
	cr_assert_eq(jsonx_get_int(o, "8", 7), 7, "too big for int64");
	cr_assert_eq(jsonx_get_int(o, "9", 7), 7);
	cr_assert_eq(jsonx_get_int(o, "10", 7), 0);
	cr_assert_eq(jsonx_get_int(o, "11", 7), 1770210328991LL);
	cr_assert_eq(jsonx_get_int(o, "12", 7), 123456789012LL);
	jsonx_free(o);
}

Test(jsonx, refuses_malformed_numbers)
{
	static const char *const bad[] = {
	    "[01]",       "[-01]",       "[00]",    "[-]",    "[1.]",   "[.5]",
	    "[+1]",       "[1e]",        "[1e+]",   "[1.e5]", "[0x10]", "[NaN]",
	    "[Infinity]", "[-Infinity]", "[1.5.5]", "[--1]",  "[1-]",   NULL};
	size_t i;

	for (i = 0; bad[i] != NULL; i++)
		parse_fails_str(bad[i]);
}

Test(jsonx, reads_top_level_scalars_but_not_null)
{
	struct jsonx *o;

	o = parse("\"x\"");
	cr_assert_str_eq(jsonx_str(o), "x");
	jsonx_free(o);
	o = parse("42");
	cr_assert_eq(jsonx_get_int(o, NULL, 0), 42);
	jsonx_free(o);
	o = parse(" true ");
	cr_assert_eq(jsonx_get_bool(o, NULL, 0), 1);
	jsonx_free(o);
	parse_fails_str("null");
	parse_fails_str(" null\n");
	parse_fails_str("nul");
	parse_fails_str("tru");
	parse_fails_str("True");
	parse_fails_str("[truex]");
}

static void
nest(struct buf *b, int depth, int objects)
{
	int i;

	buf_reset(b);
	for (i = 0; i < depth; i++)
		buf_addstr(b, objects ? "{\"a\":" : "[");
	buf_addc(b, '1');
	for (i = 0; i < depth; i++)
		buf_addc(b, objects ? '}' : ']');
}

Test(jsonx, nesting_of_64_is_read_and_65_refused)
{
	struct buf b;
	struct jsonx *o;
	int obj;

	buf_init(&b, 0);
	for (obj = 0; obj < 2; obj++) {
		nest(&b, 64, obj);
		o = parse(b.data);
		cr_assert_not_null(jsonx_get(o, obj ? "a.a.a.a" : "0.0.0.0"));
		jsonx_free(o);
		nest(&b, 65, obj);
		parse_fails(b.data, b.len);
	}
	buf_release(&b);
}

struct deep_arg {
	const char *text;
	size_t len;
	int refused;
};

static void *
deep_parse(void *arg)
{
	struct deep_arg *a = arg;
	struct lc_error err;
	struct jsonx *o = jsonx_parse(a->text, a->len, &err);

	a->refused = o == NULL && err.code == LC_EBADRESP;
	jsonx_free(o);
	return NULL;
}

Test(jsonx, ten_thousand_deep_is_refused_on_a_small_stack)
{
	struct deep_arg a;
	pthread_attr_t attr;
	pthread_t t;
	struct buf b;

	/* 10 000 levels of a recursive reader would need far more than the
	 * 256 KiB this thread has (ASan's frames included) */
	buf_init(&b, 0);
	nest(&b, 10000, 1);
	a.text = b.data;
	a.len = b.len;
	a.refused = 0;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 << 10);
	cr_assert_eq(pthread_create(&t, &attr, deep_parse, &a), 0);
	pthread_join(t, NULL);
	pthread_attr_destroy(&attr);
	cr_assert(a.refused);
	buf_release(&b);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	cr_assert_not_null(f, "%s", path);
	buf_init(&b, 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

Test(jsonx, a_recorded_page_cut_at_any_byte_is_refused)
{
	size_t len, end, i;
	char *text = slurp("tests/fixtures/voyager/conversations.json", &len);
	struct jsonx *o;

	o = parse(text);
	cr_assert_not_null(jsonx_graphql_root(o, "messengerConversations"));
	jsonx_free(o);
	for (end = len; end > 0 && strchr(" \t\r\n", text[end - 1]); end--)
		;
	for (i = 0; i < end; i++) {
		/* an exact-size copy, so ASan sees any read past the end */
		char *cut = xmalloc(i + 1);

		memcpy(cut, text, i);
		cr_assert_null(jsonx_parse(cut, i, NULL), "cut at %zu read", i);
		free(cut);
	}
	free(text);
}

Test(jsonx, the_last_of_duplicate_keys_wins_in_the_first_place)
{
	struct jsonx *o = parse("{\"a\":1,\"b\":2,\"a\":3}");
	struct buf b;
	int i;

	cr_assert_eq(jsonx_count(o), 2);
	cr_assert_str_eq(jsonx_key_at(o, 0), "a");
	cr_assert_eq(jsonx_get_int(o, "a", 0), 3);
	cr_assert_eq(jsonx_get_int(jsonx_at(o, 0), NULL, 0), 3);
	cr_assert_str_eq(jsonx_key_at(o, 1), "b");
	jsonx_free(o);
	/* a big object (keys k0..k39, then k0..k39 again) */
	buf_init(&b, 0);
	buf_addc(&b, '{');
	for (i = 0; i < 80; i++)
		buf_addf(&b, "%s\"k%d\":%d", i ? "," : "", i % 40, i);
	buf_addc(&b, '}');
	o = parse(b.data);
	cr_assert_eq(jsonx_count(o), 40);
	for (i = 0; i < 40; i++) {
		char key[16];

		snprintf(key, sizeof key, "k%d", i);
		cr_assert_str_eq(jsonx_key_at(o, (size_t)i), key);
		cr_assert_eq(jsonx_get_int(o, key, 0), i + 40);
	}
	jsonx_free(o);
	buf_release(&b);
}

Test(jsonx, reads_json_whitespace_between_all_tokens)
{
	struct jsonx *o = parse(" \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n[ 1 , "
	                        "\"x\" ] \n, \"b\" : { } } \r\n");

	cr_assert_eq(jsonx_len(o, "a"), 2);
	cr_assert_str_eq(jsonx_get_str(o, "a.1"), "x");
	cr_assert_not_null(jsonx_get_obj(o, "b"));
	jsonx_free(o);
	parse_fails_str("\f{}");
	parse_fails_str("{}\v");
	parse_fails_str("\xef\xbb\xbf{}");
	parse_fails_str("/*c*/{}");
}

Test(jsonx, reads_empty_containers)
{
	struct jsonx *o = parse("{\"a\":{},\"b\":[],\"c\":[[],{}],\"d\":\"\"}");

	cr_assert_eq(jsonx_count(jsonx_get(o, "a")), 0);
	cr_assert_eq(jsonx_type(jsonx_get(o, "a")), JSONX_OBJECT);
	cr_assert_eq(jsonx_type(jsonx_get(o, "b")), JSONX_ARRAY);
	cr_assert_eq(jsonx_len(o, "b"), 0);
	cr_assert_null(jsonx_get(o, "b.0"));
	cr_assert_null(jsonx_get(o, "a.x"));
	cr_assert_null(jsonx_member(jsonx_get(o, "a"), ""));
	cr_assert_eq(jsonx_type(jsonx_get(o, "c.1")), JSONX_OBJECT);
	cr_assert_str_eq(jsonx_get_str(o, "d"), "");
	jsonx_free(o);
	jsonx_free(parse("[]"));
	jsonx_free(parse("{}"));
}

Test(jsonx, refuses_what_json_c_let_through)
{
	parse_fails_str("{'a':1}");
	parse_fails_str("{\"a\":'x'}");
	parse_fails_str("{a:1}");
	parse_fails_str("{\"a\"}");
	parse_fails_str("{\"a\":1,}");
	parse_fails_str("[1 2]");
	parse_fails_str("[,1]");
	parse_fails_str("[1]]");
	parse_fails_str("{\"a\":1}}");
	parse_fails_str("{\"a\" 1}");
	parse_fails_str("{1:2}");
}

Test(jsonx, nulls_read_as_missing_everywhere)
{
	struct jsonx *o = parse("{\"a\":null,\"l\":[null,1]}");

	cr_assert_null(jsonx_member(o, "a"));
	cr_assert_null(jsonx_get(o, "a"));
	cr_assert_eq(jsonx_count(o), 2);
	cr_assert_null(jsonx_at(o, 0));
	cr_assert_str_eq(jsonx_key_at(o, 0), "a");
	cr_assert_null(jsonx_at(jsonx_get(o, "l"), 0));
	cr_assert_eq(jsonx_get_int(jsonx_at(jsonx_get(o, "l"), 1), NULL, 0), 1);
	cr_assert_null(jsonx_at(jsonx_get(o, "l"), 2));
	cr_assert_eq(jsonx_type(NULL), JSONX_NULL);
	cr_assert_eq(jsonx_count(NULL), 0);
	cr_assert_null(jsonx_str(NULL));
	cr_assert_null(jsonx_key_at(jsonx_get(o, "l"), 0));
	jsonx_free(o);
	jsonx_free(NULL);
}

Test(jsonx, long_strings_with_escapes_near_word_edges)
{
	struct buf b, want;
	struct jsonx *o;
	int i, j;

	/* the reader scans 8 bytes at a time: put a quote escape at every
	 * offset of a long string */
	for (i = 0; i < 20; i++) {
		buf_init(&b, 0);
		buf_init(&want, 0);
		buf_addc(&b, '"');
		for (j = 0; j < 40; j++) {
			if (j == i) {
				buf_addstr(&b, "\\\"");
				buf_addc(&want, '"');
			} else {
				buf_addc(&b, (char)('a' + j % 26));
				buf_addc(&want, (char)('a' + j % 26));
			}
		}
		buf_addc(&b, '"');
		o = parse(b.data);
		cr_assert_str_eq(jsonx_str(o), want.data);
		jsonx_free(o);
		buf_release(&b);
		buf_release(&want);
	}
}

Test(jsonx, keys_sharing_length_and_first_bytes_are_told_apart)
{
	struct jsonx *o = parse("{\"abcd1\":1,\"abcd2\":2,\"ab\":3,\"a\":4,"
	                        "\"abc\":5,\"abcd\":6,\"\":7,\"ba\":8,"
	                        "\"abcd1\":9}");

	cr_assert_eq(jsonx_count(o), 8, "only the repeated abcd1 merges");
	cr_assert_eq(jsonx_get_int(o, "abcd1", 0), 9);
	cr_assert_eq(jsonx_get_int(o, "abcd2", 0), 2);
	cr_assert_eq(jsonx_get_int(o, "ab", 0), 3);
	cr_assert_eq(jsonx_get_int(o, "a", 0), 4);
	cr_assert_eq(jsonx_get_int(o, "abc", 0), 5);
	cr_assert_eq(jsonx_get_int(o, "abcd", 0), 6);
	cr_assert_eq(jsonx_get_int(jsonx_member(o, ""), NULL, 0), 7);
	cr_assert_eq(jsonx_get_int(o, "ba", 0), 8);
	cr_assert_null(jsonx_get(o, "abcd3"));
	cr_assert_null(jsonx_get(o, "b"));
	jsonx_free(o);
}
