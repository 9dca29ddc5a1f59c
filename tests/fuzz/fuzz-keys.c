/* fuzz-keys.c — key names (tui/keys.h) and [keys] lines (tui/keymap.h).
 *
 * A name keys_parse() accepts must come back from keys_name() as a name
 * that parses to the same key; keys_name() of any int must be a
 * NUL-terminated string that fits.  The input, cut at its first '=', is
 * also applied as a "PANE.COMMAND = keys" line to a keymap: a refusal
 * says why, and an accepted line leaves every binding findable.  The raw
 * bytes are also typed at keys_next(), a read ending at every NUL: no
 * key is KEYC_NONE, none is made up, and a focus report comes only from
 * an ESC [ I or ESC [ O. */
#include <string.h>

#include "core/err.h"
#include "tests/fuzz/fuzz.h"
#include "tui/keymap.h"
#include "tui/keys.h"

static volatile size_t sink;

struct fuzz_tty {
	const uint8_t *p;
	size_t n, pos;
	int stalled;
};

static int
fuzz_get(void *ctx, int wait, int *key)
{
	struct fuzz_tty *t = ctx;

	if (t->pos >= t->n)
		return -1;
	if (t->p[t->pos] == 0 && !t->stalled) {
		t->stalled = 1; /* a NUL ends a read; the wait runs out */
		return -1;
	}
	(void)wait;
	t->stalled = 0;
	*key = keys_from_wch(0, (wint_t)t->p[t->pos++]);
	return 0;
}

static void
fuzz_typing(const uint8_t *data, size_t size)
{
	struct fuzz_tty t = {data, size, 0, 0};
	struct keys_dec d;
	size_t nkeys = 0, turns;
	int key, reports = 0;

	memset(&d, 0, sizeof d);
	for (turns = 0; turns <= 2 * size + 2; turns++) {
		while ((key = keys_next(&d, fuzz_get, &t)) != KEYC_NONE) {
			nkeys++;
			reports +=
			    key == KEYC_FOCUS_IN || key == KEYC_FOCUS_OUT;
		}
	}
	FUZZ_CHECK(t.pos == size, "input left unread");
	FUZZ_CHECK(nkeys <= size, "%zu keys from %zu bytes", nkeys, size);
	for (turns = 0; reports > 0 && turns + 1 < size; turns++) {
		if (data[turns] == 0x1b && data[turns + 1] == '[')
			break;
	}
	FUZZ_CHECK(reports == 0 || turns + 1 < size,
	           "a focus report without ESC [");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lc_error err;
	struct keymap *km;
	char name[64], small[4], *s, *eq, *d;
	int key, key2, p;
	enum cmd_id cmd;
	size_t i;
	unsigned int raw = 0;

	fuzz_typing(data, size);
	s = fuzz_cstr(data, size);
	key = keys_parse(s);
	if (key != KEYC_NONE) {
		keys_name(key, name, sizeof name);
		key2 = keys_parse(name);
		FUZZ_CHECK(key2 == key,
		           "\"%s\" is %#x but its name \"%s\" is "
		           "%#x",
		           s, (unsigned)key, name, (unsigned)key2);
		sink += keys_is_text(key);
		sink += keys_add_meta(key);
	}
	memcpy(&raw, data, size < sizeof raw ? size : sizeof raw);
	keys_name((int)raw, name, sizeof name);
	FUZZ_CHECK(strlen(name) < sizeof name, "name overflows");
	keys_name((int)raw, small, sizeof small);
	FUZZ_CHECK(strlen(small) < sizeof small, "short name overflows");
	sink += keys_from_wch((int)(raw & 1) ? 0400 : 0, (wint_t)(raw >> 1));

	eq = strchr(s, '=');
	if (eq == NULL)
		goto out;
	*eq = '\0';
	km = keymap_new();
	memset(&err, 0, sizeof err);
	if (keymap_set(km, s, eq + 1, NULL, &err) != LC_OK) {
		FUZZ_CHECK(err.msg[0] != '\0', "refused without a message");
		keymap_free(km);
		goto out;
	}
	for (p = 0; p < KEYMAP_COUNT; p++) {
		for (i = 0; i < keymap_count(km, p); i++) {
			keymap_get(km, p, i, &key, &cmd);
			FUZZ_CHECK(keymap_lookup(km, p, key) == cmd,
			           "binding %zu of pane %d not found", i, p);
			d = keymap_describe(km, p, cmd);
			FUZZ_CHECK(d != NULL && d[0] != '\0',
			           "bound command described as unbound");
			free(d);
		}
	}
	keymap_free(km);
out:
	free(s);
	return 0;
}
