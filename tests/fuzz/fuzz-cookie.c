/* fuzz-cookie.c — Set-Cookie headers into the cookie jar (core/http-jar.h),
 * the text a hostile network controls.  Each input line is one header
 * value.  Afterwards no stored name or value may hold a control character
 * or ';' (names neither '=' nor ' '), names are unique, and the jar's
 * dump loads back into the same cookies in the same order. */
#include <string.h>

#include "tests/fuzz/fuzz.h"
#include "core/http-jar.h"

static int
clean(const char *s, const char *also)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == ';' ||
		    strchr(also, *s) != NULL)
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_jar j = {NULL, 0, NULL}, back = {NULL, 0, NULL};
	const char *p = (const char *)data, *end = p + size, *nl;
	char *dump, *hdr;
	size_t i, k;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		http_jar_set_cookie_header(&j, p, (size_t)(nl - p));
		p = nl + 1;
	}
	for (i = 0; i < j.n; i++) {
		FUZZ_CHECK(j.items[i].name[0] != '\0', "empty cookie name");
		FUZZ_CHECK(clean(j.items[i].name, "= "), "bad name stored");
		FUZZ_CHECK(clean(j.items[i].value, ""), "bad value stored");
		for (k = 0; k < i; k++)
			FUZZ_CHECK(strcmp(j.items[i].name, j.items[k].name),
			           "cookie %s stored twice", j.items[i].name);
		FUZZ_CHECK(http_jar_get(&j, j.items[i].name) ==
		               j.items[i].value,
		           "get misses %s", j.items[i].name);
	}
	hdr = http_jar_header(&j);
	FUZZ_CHECK((hdr == NULL) == (j.n == 0), "header and jar disagree");
	free(hdr);
	dump = http_jar_dump(&j);
	http_jar_load(&back, dump);
	FUZZ_CHECK(back.n == j.n, "dump of %zu cookies loads %zu", j.n, back.n);
	for (i = 0; i < j.n; i++)
		FUZZ_CHECK(strcmp(back.items[i].name, j.items[i].name) == 0 &&
		               strcmp(back.items[i].value, j.items[i].value) ==
		                   0,
		           "cookie %zu differs after dump and load", i);
	free(dump);
	http_jar_free(&back);
	http_jar_free(&j);
	return 0;
}
