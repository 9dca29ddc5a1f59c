/* fuzz-restli.c — restli_parse() (core/restli.h) on any text, and the
 * percent encoding round trip: decode(encode(s)) == s. */
#include <string.h>

#include "core/err.h"
#include "tests/fuzz/fuzz.h"
#include "core/restli.h"

static volatile size_t sink;

static void
walk(const struct restli_value *v, int depth)
{
	size_t i;

	FUZZ_CHECK(depth <= 65, "value nested %d deep", depth);
	switch (v->type) {
	case RESTLI_STRING:
		FUZZ_CHECK(v->str != NULL, "string without text");
		sink += strlen(v->str);
		break;
	case RESTLI_RECORD:
		for (i = 0; i < v->n; i++) {
			FUZZ_CHECK(v->keys[i] != NULL, "record key NULL");
			FUZZ_CHECK(restli_get(v, v->keys[i]) != NULL,
			           "restli_get misses key %zu", i);
			sink += restli_get_str(v, v->keys[i]) != NULL;
			walk(v->items[i], depth + 1);
		}
		break;
	case RESTLI_LIST:
		for (i = 0; i < v->n; i++)
			walk(v->items[i], depth + 1);
		FUZZ_CHECK(restli_get(v, "") == NULL, "restli_get on a list");
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lc_error err;
	struct restli_value *v;
	char *s, *enc, *dec;
	size_t n;

	memset(&err, 0, sizeof err);
	v = restli_parse((const char *)data, size, &err);
	if (v != NULL)
		walk(v, 0);
	else
		FUZZ_CHECK(err.code != LC_OK, "NULL without an error");
	restli_value_free(v);

	s = fuzz_cstr(data, size);
	n = strlen(s);
	enc = restli_encode_dup(s);
	FUZZ_CHECK(strspn(enc, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
	                       "vwxyz0123456789-._~%") == strlen(enc),
	           "unsafe byte encoded raw");
	dec = restli_decode_dup(enc, strlen(enc), &err);
	FUZZ_CHECK(dec != NULL && strcmp(dec, s) == 0,
	           "decode(encode(s)) != s");
	free(dec);
	free(enc);
	/* decoding raw text must be safe too */
	free(restli_decode_dup(s, n, &err));
	free(s);
	return 0;
}
