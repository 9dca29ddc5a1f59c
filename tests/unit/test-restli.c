#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/restli.h"
#include "core/xmalloc.h"

static struct restli_value *
parse_ok(const char *s)
{
	struct lc_error err;
	struct restli_value *v;

	lc_error_clear(&err);
	v = restli_parse(s, strlen(s), &err);
	cr_assert_not_null(v, "parse of %s failed: %s", s, err.msg);
	return v;
}

static void
parse_fails(const char *s)
{
	struct lc_error err;
	struct restli_value *v;

	lc_error_clear(&err);
	v = restli_parse(s, strlen(s), &err);
	cr_assert_null(v, "%s should not parse", s);
	cr_assert_eq(err.code, LC_EINVAL, "%s: code %d", s, err.code);
	cr_assert_neq(err.msg[0], '\0');
}

Test(restli, encodes_urn_colons_parentheses_and_equals)
{
	char *s;

	s = restli_encode_dup("urn:li:fsd_profile:ACoAAB");
	cr_assert_str_eq(s, "urn%3Ali%3Afsd_profile%3AACoAAB");
	free(s);
	s = restli_encode_dup(
	    "urn:li:msg_conversation:(urn:li:fsd_profile:ACoME,2-YWIz==)");
	cr_assert_str_eq(s, "urn%3Ali%3Amsg_conversation%3A%28urn%3Ali%3A"
	                    "fsd_profile%3AACoME%2C2-YWIz%3D%3D%29");
	free(s);
}

Test(restli, encodes_free_text_spaces_commas_and_utf8)
{
	char *s = restli_encode_dup("Ada L, café~_.-");

	cr_assert_str_eq(s, "Ada%20L%2C%20caf%C3%A9~_.-");
	free(s);
}

Test(restli, encode_respects_buffer_cap_and_keeps_contents)
{
	struct buf b;

	buf_init(&b, 8);
	cr_assert_eq(restli_encode_value(&b, "ab"), 0);
	cr_assert_eq(restli_encode_value(&b, "(((("), -1);
	cr_assert_str_eq(buf_cstr(&b), "ab");
	buf_release(&b);
}

Test(restli, decodes_what_it_encoded)
{
	const char *in = "urn:li:msg_message:(urn:li:fsd_profile:A-b_C,2-x==)";
	char *enc = restli_encode_dup(in);
	char *dec = restli_decode_dup(enc, strlen(enc), NULL);

	cr_assert_str_eq(dec, in);
	free(enc);
	free(dec);
}

Test(restli, decode_accepts_lowercase_hex)
{
	char *dec = restli_decode_dup("a%3ab%2c", 8, NULL);

	cr_assert_str_eq(dec, "a:b,");
	free(dec);
}

Test(restli, decode_refuses_bad_escapes_and_nul)
{
	struct lc_error err;

	lc_error_clear(&err);
	cr_assert_null(restli_decode_dup("ab%2", 4, &err));
	cr_assert_eq(err.code, LC_EINVAL);
	cr_assert_null(restli_decode_dup("%zz", 3, NULL));
	cr_assert_null(restli_decode_dup("a%00b", 5, NULL));
	cr_assert_null(restli_decode_dup("a\0b", 3, NULL));
}

Test(restli, parses_mailbox_variables_and_decodes_the_urn)
{
	struct restli_value *v = parse_ok("(mailboxUrn:urn%3Ali%3Afsd_profile"
	                                  "%3AACoME)");

	cr_assert_eq(v->type, RESTLI_RECORD);
	cr_assert_eq(v->n, 1);
	cr_assert_str_eq(restli_get_str(v, "mailboxUrn"),
	                 "urn:li:fsd_profile:ACoME");
	restli_value_free(v);
}

Test(restli, parses_filtered_inbox_variables_with_list_and_cursor)
{
	struct restli_value *v = parse_ok(
	    "(categories:List(PRIMARY_INBOX),count:20,firstDegreeConnections:"
	    "false,mailboxUrn:urn%3Ali%3Afsd_profile%3AACoME,read:false,"
	    "nextCursor:MTc3%3D%3D,keywords:hello%20world)");
	const struct restli_value *cats = restli_get(v, "categories");

	cr_assert_not_null(cats);
	cr_assert_eq(cats->type, RESTLI_LIST);
	cr_assert_eq(cats->n, 1);
	cr_assert_str_eq(cats->items[0]->str, "PRIMARY_INBOX");
	cr_assert_str_eq(restli_get_str(v, "count"), "20");
	cr_assert_str_eq(restli_get_str(v, "read"), "false");
	cr_assert_str_eq(restli_get_str(v, "nextCursor"), "MTc3==");
	cr_assert_str_eq(restli_get_str(v, "keywords"), "hello world");
	cr_assert_null(restli_get(v, "missing"));
	restli_value_free(v);
}

Test(restli, parses_nested_category_query)
{
	struct restli_value *v = parse_ok(
	    "(query:(predicateUnions:List((conversationCategoryPredicate:"
	    "(category:PRIMARY_INBOX)))),count:20,mailboxUrn:urn%3Ali%3A"
	    "fsd_profile%3AACoME,lastUpdatedBefore:1770210328991)");
	const struct restli_value *q, *pu, *pred;

	q = restli_get(v, "query");
	cr_assert_not_null(q);
	pu = restli_get(q, "predicateUnions");
	cr_assert_eq(pu->type, RESTLI_LIST);
	cr_assert_eq(pu->n, 1);
	pred = restli_get(pu->items[0], "conversationCategoryPredicate");
	cr_assert_str_eq(restli_get_str(pred, "category"), "PRIMARY_INBOX");
	cr_assert_str_eq(restli_get_str(v, "lastUpdatedBefore"),
	                 "1770210328991");
	restli_value_free(v);
}

Test(restli, parses_people_search_variables)
{
	struct restli_value *v = parse_ok(
	    "(start:10,origin:GLOBAL_SEARCH_HEADER,query:(keywords:grace%20"
	    "hopper,flagshipSearchIntent:SEARCH_SRP,queryParameters:List(("
	    "key:resultType,value:List(PEOPLE))),includeFiltersInResponse:"
	    "false))");
	const struct restli_value *q = restli_get(v, "query");
	const struct restli_value *qp = restli_get(q, "queryParameters");

	cr_assert_str_eq(restli_get_str(v, "start"), "10");
	cr_assert_str_eq(restli_get_str(q, "keywords"), "grace hopper");
	cr_assert_str_eq(restli_get_str(qp->items[0], "key"), "resultType");
	cr_assert_str_eq(restli_get(qp->items[0], "value")->items[0]->str,
	                 "PEOPLE");
	restli_value_free(v);
}

Test(restli, parses_ids_list_of_encoded_conversation_urns)
{
	struct restli_value *v = parse_ok(
	    "List(urn%3Ali%3Amsg_conversation%3A%28urn%3Ali%3Afsd_profile%3A"
	    "ACoME%2C2-YWIz%3D%3D%29,urn%3Ali%3Amsg_conversation%3A%28urn%3A"
	    "li%3Afsd_profile%3AACoME%2C2-b_c-%3D%3D%29)");

	cr_assert_eq(v->type, RESTLI_LIST);
	cr_assert_eq(v->n, 2);
	cr_assert_str_eq(
	    v->items[0]->str,
	    "urn:li:msg_conversation:(urn:li:fsd_profile:ACoME,2-YWIz==)");
	cr_assert_str_eq(
	    v->items[1]->str,
	    "urn:li:msg_conversation:(urn:li:fsd_profile:ACoME,2-b_c-==)");
	restli_value_free(v);
}

Test(restli, parses_empty_record_list_and_value)
{
	struct restli_value *v = parse_ok("(a:(),b:List(),c:)");

	cr_assert_eq(restli_get(v, "a")->type, RESTLI_RECORD);
	cr_assert_eq(restli_get(v, "a")->n, 0);
	cr_assert_eq(restli_get(v, "b")->type, RESTLI_LIST);
	cr_assert_eq(restli_get(v, "b")->n, 0);
	cr_assert_str_eq(restli_get_str(v, "c"), "");
	cr_assert_null(restli_get_str(v, "a"), "a record is not a string");
	restli_value_free(v);
}

Test(restli, a_word_starting_with_list_is_a_plain_value)
{
	struct restli_value *v = parse_ok("(x:Listing)");

	cr_assert_str_eq(restli_get_str(v, "x"), "Listing");
	restli_value_free(v);
}

Test(restli, refuses_unbalanced_parentheses)
{
	parse_fails("(a:1");
	parse_fails("(a:(b:1)");
	parse_fails("(a:1))");
	parse_fails("List(a,b");
}

Test(restli, refuses_missing_colon_and_empty_key)
{
	parse_fails("(a)");
	parse_fails("(a:1,b)");
	parse_fails("(:1)");
}

Test(restli, refuses_raw_urn_parentheses_and_colons_in_values)
{
	parse_fails("(mailboxUrn:urn:li:fsd_profile:ACoME)");
	parse_fails("(conversationUrn:urn%3Ali%3Amsg_conversation%3A(x,y))");
}

Test(restli, refuses_trailing_bytes_trailing_comma_and_bad_escapes)
{
	parse_fails("(a:1)x");
	parse_fails("(a:1,)");
	parse_fails("List(a,)");
	parse_fails("(a:%4)");
	parse_fails("(a:%00)");
	parse_fails("(a:b\nc)");
}

Test(restli, refuses_nesting_deeper_than_64_without_crashing)
{
	struct buf b;
	struct lc_error err;
	struct restli_value *v;
	int i;

	buf_init(&b, 0);
	for (i = 0; i < 10000; i++)
		buf_addstr(&b, "List(");
	lc_error_clear(&err);
	v = restli_parse(b.data, b.len, &err);
	cr_assert_null(v);
	cr_assert_eq(err.code, LC_EINVAL);
	buf_release(&b);

	buf_init(&b, 0);
	for (i = 0; i < 60; i++)
		buf_addstr(&b, "List(");
	buf_addc(&b, 'x');
	for (i = 0; i < 60; i++)
		buf_addc(&b, ')');
	v = restli_parse(b.data, b.len, NULL);
	cr_assert_not_null(v, "60 levels are fine");
	restli_value_free(v);
	buf_release(&b);
}

Test(restli, parses_only_the_given_length)
{
	const char *s = "(a:1)garbage";
	struct restli_value *v = restli_parse(s, 5, NULL);

	cr_assert_not_null(v);
	cr_assert_str_eq(restli_get_str(v, "a"), "1");
	restli_value_free(v);
}

Test(restli, free_accepts_null)
{
	restli_value_free(NULL);
	cr_assert_null(restli_get(NULL, "a"));
	cr_assert_null(restli_get_str(NULL, "a"));
}
