#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "jsonx.h"
#include "xmalloc.h"

static struct json_object *
parse(const char *s)
{
	struct lc_error err;
	struct json_object *o;

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
	struct json_object *o = parse("{\"participantType\":{\"member\":"
				      "{\"firstName\":{\"text\":\"Sarah\"}}}}");

	cr_assert_str_eq(jsonx_get_str(o,
	    "participantType.member.firstName.text"), "Sarah");
	json_object_put(o);
}

Test(jsonx, missing_null_or_wrongly_typed_fields_give_null_or_default)
{
	struct json_object *o = parse("{\"a\":null,\"b\":5,\"c\":\"x\","
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
	json_object_put(o);
}

Test(jsonx, indexes_arrays_by_number_segments)
{
	struct json_object *o = parse("{\"elements\":[{\"x\":1},{\"x\":2}]}");

	cr_assert_eq(jsonx_get_int(o, "elements.1.x", 0), 2);
	cr_assert_null(jsonx_get(o, "elements.2.x"));
	cr_assert_null(jsonx_get(o, "elements.-1"));
	json_object_put(o);
}

Test(jsonx, reads_big_times_from_numbers_and_strings)
{
	struct json_object *o = parse("{\"a\":1770210328991,\"b\":"
				      "\"1770210328992\",\"c\":\"12x\"}");

	cr_assert_eq(jsonx_get_int(o, "a", 0), 1770210328991LL);
	cr_assert_eq(jsonx_get_int(o, "b", 0), 1770210328992LL);
	cr_assert_eq(jsonx_get_int(o, "c", 3), 3);
	json_object_put(o);
}

Test(jsonx, dup_copies_so_the_string_outlives_the_tree)
{
	struct json_object *o = parse("{\"a\":\"hello\"}");
	char *s = jsonx_dup_str(o, "a");

	json_object_put(o);
	cr_assert_str_eq(s, "hello");
	free(s);
}

Test(jsonx, member_takes_keys_with_dots_whole)
{
	struct json_object *o = parse("{\"com.linkedin.X\":{\"id\":\"u\"}}");

	cr_assert_str_eq(jsonx_get_str(jsonx_member(o, "com.linkedin.X"),
	    "id"), "u");
	cr_assert_null(jsonx_get(o, "com.linkedin.X"));
	json_object_put(o);
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
	struct json_object *o = jsonx_parse("{\"a\":1}\n \r\n", 11, NULL);

	cr_assert_not_null(o);
	json_object_put(o);
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
	json_object_put(parse(b.data));
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
	struct json_object *o = parse("{\"data\":{\"_type\":\"x\","
				      "\"messengerConversationsByCategoryQuery\":"
				      "{\"elements\":[]}}}");

	cr_assert_not_null(jsonx_graphql_root(o, "messengerConversations"));
	cr_assert_null(jsonx_graphql_root(o, "messengerMessages"));
	json_object_put(o);
}

Test(jsonx, finds_included_entities_by_urn)
{
	struct json_object *o = parse("{\"included\":[{\"entityUrn\":\"a\","
				      "\"n\":1},7,{\"entityUrn\":\"b\",\"n\":2}]}");

	cr_assert_eq(jsonx_get_int(jsonx_included(o, "b"), "n", 0), 2);
	cr_assert_null(jsonx_included(o, "c"));
	cr_assert_null(jsonx_included(o, NULL));
	json_object_put(o);
}

Test(jsonx, escapes_strings_for_json_bodies)
{
	struct buf b;
	struct json_object *o;

	buf_init(&b, 0);
	buf_addstr(&b, "{\"t\":");
	cr_assert_eq(jsonx_buf_str(&b, "a\"b\\c\n\x01 é"), 0);
	buf_addc(&b, '}');
	cr_assert_str_eq(b.data, "{\"t\":\"a\\\"b\\\\c\\n\\u0001 é\"}");
	o = parse(b.data);
	cr_assert_str_eq(jsonx_get_str(o, "t"), "a\"b\\c\n\x01 é");
	json_object_put(o);
	buf_release(&b);
}

/* tests/fixtures/fuzz/jsonx-bare-null.json: json-c parses "null" to no
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
