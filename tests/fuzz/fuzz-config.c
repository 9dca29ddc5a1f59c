/* fuzz-config.c — the config file parser (core/config.h) through
 * config_parse(), which applies the same rules as config_load() to text;
 * then what the program derives from a config: its http settings, and
 * its [keys] lines applied to a keymap. */
#include <string.h>

#include "core/config.h"
#include "core/err.h"
#include "tests/fuzz/fuzz.h"
#include "tui/keymap.h"

static volatile size_t sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lc_error err;
	struct http_config hc;
	struct config *c;
	struct keymap *km;
	enum lc_err rc;
	char *text;
	size_t i;

	text = fuzz_cstr(data, size);
	c = config_new();
	memset(&err, 0, sizeof err);
	rc = config_parse(c, "fuzz.cfg", text, &err);
	FUZZ_CHECK((rc == LC_OK) == (c->nproblems == 0),
	           "rc %d with %zu problems", rc, c->nproblems);
	for (i = 0; i < c->nproblems; i++)
		FUZZ_CHECK(strncmp(c->problems[i], "fuzz.cfg:", 9) == 0,
		           "problem without FILE:LINE: %s", c->problems[i]);
	config_http(c, &hc);
	sink += hc.base_url != NULL;
	km = c->nkeys > 0 ? keymap_new() : NULL;
	for (i = 0; i < c->nkeys; i++) {
		FUZZ_CHECK(c->keys[i].name != NULL && c->keys[i].value != NULL,
		           "[keys] entry without name or value");
		sink += config_key(c, c->keys[i].name) != NULL;
		keymap_set(km, c->keys[i].name, c->keys[i].value, "fuzz.cfg:1",
		           &err);
	}
	for (i = 0; i < c->nquery_ids; i++)
		sink += strlen(c->query_ids[i].value);
	keymap_free(km);
	config_free(c);
	free(text);
	return 0;
}
