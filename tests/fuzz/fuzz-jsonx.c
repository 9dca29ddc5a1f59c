/* fuzz-jsonx.c — jsonx_parse() and the getters (core/jsonx.h): any text is
 * LC_EBADRESP or a tree no deeper than JSONX_MAX_DEPTH; getters walk it
 * by paths taken from the tree itself; jsonx_buf_str() output parses back
 * to the same string.  json-c (an independent reader, still linked for
 * the CLI's output) is the oracle: what jsonx accepts, json-c's strict
 * mode must accept too, as the same tree.
 */
#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "tests/fuzz/fuzz.h"
#include "core/jsonx.h"

static volatile size_t sink;

/* Depth of o (a scalar is 1). */
static int
depth(const struct jsonx *o)
{
	int d = 0, c;
	size_t i, n = jsonx_count(o);

	for (i = 0; i < n; i++) {
		c = depth(jsonx_at(o, i));
		d = c > d ? c : d;
	}
	return jsonx_type(o) == JSONX_ARRAY || jsonx_type(o) == JSONX_OBJECT
	           ? d + 1
	           : 1;
}

/* jsonx keeps no public double: what jsonx_get_int() makes of o must be
 * json-c's d cut toward zero (give or take the last unit, as jsonx reads
 * big exponents to a few ulps), or the default when d is out of range. */
static int
same_double(double d, const struct jsonx *o)
{
	int64_t a = jsonx_get_int(o, NULL, 7), b = jsonx_get_int(o, NULL, 8);

	if (isnan(d))
		return 0;
	if (fabs(d) > 9.3e18)
		return a == 7 && b == 8;
	if (fabs(d) > 9.1e18)
		return 1; /* jsonx's cut-off for int64 lies in here */
	if (a != b)
		return 0; /* in range, yet the default came back */
	if (fabs(d) < 1e15)
		return llabs(a - (int64_t)d) <= 1;
	return fabs((double)a - d) <= 1e-9 * fabs(d);
}

/* Whether the text holds a "\u0000" escape (jsonx keeps the NUL inside a
 * key, json-c and C-string lookups cut the key there). */
static int
has_nul_escape(const uint8_t *data, size_t size)
{
	size_t i;

	for (i = 0; i + 6 <= size; i++)
		if (memcmp(data + i, "\\u0000", 6) == 0)
			return 1;
	return 0;
}

/* 1 if jsonx's o and json-c's j are the same value. */
static int
same(const struct jsonx *o, struct json_object *j)
{
	size_t i, n;
	const char *s;

	switch (jsonx_type(o)) {
	case JSONX_NULL:
		return j == NULL;
	case JSONX_BOOL:
		return json_object_is_type(j, json_type_boolean) &&
		       jsonx_get_bool(o, NULL, 2) == json_object_get_boolean(j);
	case JSONX_NUMBER:
		if (json_object_is_type(j, json_type_int))
			return jsonx_get_int(o, NULL, 0) ==
			       json_object_get_int64(j);
		if (!json_object_is_type(j, json_type_double))
			return 0;
		return same_double(json_object_get_double(j), o);
	case JSONX_STRING:
		s = jsonx_str(o);
		return json_object_is_type(j, json_type_string) &&
		       jsonx_str_len(o) ==
		           (size_t)json_object_get_string_len(j) &&
		       memcmp(s, json_object_get_string(j), jsonx_str_len(o)) ==
		           0;
	case JSONX_ARRAY:
		n = jsonx_count(o);
		if (!json_object_is_type(j, json_type_array) ||
		    json_object_array_length(j) != n)
			return 0;
		for (i = 0; i < n; i++)
			if (!same(jsonx_at(o, i),
			          json_object_array_get_idx(j, i)))
				return 0;
		return 1;
	case JSONX_OBJECT:
		if (!json_object_is_type(j, json_type_object) ||
		    (size_t)json_object_object_length(j) != jsonx_count(o))
			return 0;
		i = 0;
		json_object_object_foreach(j, key, val)
		{
			if (strcmp(key, jsonx_key_at(o, i)) != 0 ||
			    !same(jsonx_at(o, i), val))
				return 0;
			i++;
		}
		return 1;
	}
	return 0;
}

/* json-c's reading of the text jsonx accepted must be the same tree.  A
 * top-level number needs a byte after it in json-c; keys with "\u0000"
 * are cut there by json-c, so such texts are left out. */
static void
oracle(const uint8_t *data, size_t size, const struct jsonx *o)
{
	struct json_tokener *tok;
	struct json_object *j;
	char *text;

	if (size > 1 << 20 || has_nul_escape(data, size))
		return;
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = ' ';
	tok = json_tokener_new_ex(JSONX_MAX_DEPTH);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	j = json_tokener_parse_ex(tok, text, (int)size + 1);
	FUZZ_CHECK(json_tokener_get_error(tok) == json_tokener_success,
	           "jsonx accepts what json-c refuses: %s",
	           json_tokener_error_desc(json_tokener_get_error(tok)));
	FUZZ_CHECK(same(o, j), "jsonx and json-c read different trees");
	json_object_put(j);
	json_tokener_free(tok);
	free(text);
}

/* Exercises the getters with o's own keys as paths. */
static void
getters(const struct jsonx *root, int nul_keys)
{
	const struct jsonx *val;
	const char *key;
	char *dup;
	size_t i, n = jsonx_count(root);

	sink += jsonx_len(root, "elements");
	sink += jsonx_get(root, "elements.0.entityUrn") != NULL;
	sink += (size_t)jsonx_get_int(root, "data.0", 7);
	sink += (size_t)jsonx_get_bool(root, "a.b.c", 0);
	sink += jsonx_included(root, "urn:li:fsd_profile:x") != NULL;
	sink += jsonx_graphql_root(root, "messenger") != NULL;
	if (jsonx_type(root) != JSONX_OBJECT)
		return;
	for (i = 0; i < n; i++) {
		key = jsonx_key_at(root, i);
		val = jsonx_at(root, i);
		FUZZ_CHECK(key != NULL, "member %zu has no key", i);
		FUZZ_CHECK(nul_keys || jsonx_member(root, key) == val,
		           "jsonx_member misses a key");
		sink += jsonx_get(root, key) != NULL;
		sink += jsonx_get_obj(root, key) != NULL;
		sink += jsonx_get_arr(root, key) != NULL;
		sink += (size_t)jsonx_get_int(root, key, 0);
		dup = jsonx_dup_str(root, key);
		if (dup != NULL)
			FUZZ_CHECK(strcmp(dup, jsonx_get_str(root, key)) == 0,
			           "dup differs");
		free(dup);
	}
	if (jsonx_get_obj(root, "data") != NULL)
		sink += jsonx_graphql_root(root, "") != NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lc_error err;
	struct jsonx *o, *back;
	struct buf b;
	char *s;
	int nul_keys = has_nul_escape(data, size);

	memset(&err, 0, sizeof err);
	o = jsonx_parse((const char *)data, size, &err);
	if (o != NULL) {
		FUZZ_CHECK(depth(o) <= JSONX_MAX_DEPTH + 1,
		           "tree deeper than the cap");
		getters(o, nul_keys);
		oracle(data, size, o);
		jsonx_free(o);
	} else
		FUZZ_CHECK(err.code == LC_EBADRESP && err.msg[0] != '\0',
		           "error is not BADRESP with a message");

	/* quoting round trip (C strings stop at NUL: cut there) */
	s = fuzz_cstr(data, size);
	buf_init(&b, 0);
	FUZZ_CHECK(jsonx_buf_str(&b, s) == 0, "jsonx_buf_str failed");
	back = jsonx_parse(buf_cstr(&b), b.len, &err);
	FUZZ_CHECK(back != NULL && jsonx_type(back) == JSONX_STRING,
	           "quoted string does not parse: %s", err.msg);
	FUZZ_CHECK(strcmp(jsonx_str(back), s) == 0,
	           "quoted string parses to other text");
	jsonx_free(back);
	buf_release(&b);
	free(s);
	return 0;
}
