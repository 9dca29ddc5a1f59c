/* fuzz-jsonx.c — jsonx_parse() and the getters (core/jsonx.h): any text is
 * LC_EBADRESP or a tree no deeper than JSONX_MAX_DEPTH; getters walk it
 * by paths taken from the tree itself; jsonx_buf_str() output parses back
 * to the same string. */
#include <string.h>

#include "buf.h"
#include "err.h"
#include "fuzz.h"
#include "jsonx.h"

static volatile size_t sink;

/* Depth of o (a scalar is 1). */
static int
depth(struct json_object *o)
{
	struct json_object_iterator it, end;
	int d = 0, c;
	size_t i, n;

	switch (json_object_get_type(o)) {
	case json_type_object:
		it = json_object_iter_begin(o);
		end = json_object_iter_end(o);
		for (; !json_object_iter_equal(&it, &end);
		     json_object_iter_next(&it)) {
			c = depth(json_object_iter_peek_value(&it));
			d = c > d ? c : d;
		}
		return d + 1;
	case json_type_array:
		n = json_object_array_length(o);
		for (i = 0; i < n; i++) {
			c = depth(json_object_array_get_idx(o, i));
			d = c > d ? c : d;
		}
		return d + 1;
	default:
		return 1;
	}
}

/* Exercises the getters with o's own keys as paths. */
static void
getters(struct json_object *root)
{
	struct json_object_iterator it, end;
	struct json_object *data;
	const char *key;
	char *dup;

	sink += jsonx_len(root, "elements");
	sink += jsonx_get(root, "elements.0.entityUrn") != NULL;
	sink += (size_t)jsonx_get_int(root, "data.0", 7);
	sink += (size_t)jsonx_get_bool(root, "a.b.c", 0);
	sink += jsonx_included(root, "urn:li:fsd_profile:x") != NULL;
	sink += jsonx_graphql_root(root, "messenger") != NULL;
	if (!json_object_is_type(root, json_type_object))
		return;
	it = json_object_iter_begin(root);
	end = json_object_iter_end(root);
	for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
		key = json_object_iter_peek_name(&it);
		FUZZ_CHECK(jsonx_member(root, key) ==
		                   json_object_iter_peek_value(&it) ||
		               json_object_iter_peek_value(&it) == NULL,
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
	data = jsonx_get_obj(root, "data");
	if (data != NULL)
		sink += jsonx_graphql_root(root, "") != NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lc_error err;
	struct json_object *o, *back;
	struct buf b;
	char *s;

	memset(&err, 0, sizeof err);
	o = jsonx_parse((const char *)data, size, &err);
	if (o != NULL) {
		FUZZ_CHECK(depth(o) <= JSONX_MAX_DEPTH + 1,
		           "tree deeper than the cap");
		getters(o);
		json_object_put(o);
	} else
		FUZZ_CHECK(err.code == LC_EBADRESP, "error is not BADRESP");

	/* quoting round trip (json-c strings stop at NUL: cut there) */
	s = fuzz_cstr(data, size);
	buf_init(&b, 0);
	FUZZ_CHECK(jsonx_buf_str(&b, s) == 0, "jsonx_buf_str failed");
	back = jsonx_parse(buf_cstr(&b), b.len, &err);
	FUZZ_CHECK(back != NULL && json_object_is_type(back, json_type_string),
	           "quoted string does not parse: %s", err.msg);
	FUZZ_CHECK(strcmp(json_object_get_string(back), s) == 0,
	           "quoted string parses to other text");
	json_object_put(back);
	buf_release(&b);
	free(s);
	return 0;
}
