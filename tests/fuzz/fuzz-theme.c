/* fuzz-theme.c — the theme file parser (tui/theme.h) and colour
 * resolution: any text leaves valid styles (known attributes, colour
 * indexes below 256, RGB within 24 bits) and each bad line is reported
 * as "FILE:LINE: ...". */
#include <string.h>

#include "core/err.h"
#include "tests/fuzz/fuzz.h"
#include "tui/theme.h"

static void
check_color(struct theme_color c)
{
	int r, n;
	static const int ncolors[] = {0, 8, 16, 88, 256, 0x1000000};

	FUZZ_CHECK(c.kind == THEME_COLOR_DEFAULT ||
	               (c.kind == THEME_COLOR_INDEX && c.value < 256) ||
	               (c.kind == THEME_COLOR_RGB && c.value <= 0xFFFFFF),
	           "bad colour kind %d value %#x", (int)c.kind,
	           (unsigned)c.value);
	for (n = 1; n < (int)(sizeof ncolors / sizeof ncolors[0]); n++) {
		r = theme_color_resolve(c, ncolors[n]);
		FUZZ_CHECK(r >= -1 &&
		               (ncolors[n] >= 0x1000000 || r < ncolors[n]),
		           "colour %d on a %d-colour terminal", r, ncolors[n]);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lc_error err;
	struct theme_color col;
	struct theme *t;
	unsigned attrs;
	int fg, bg, e;
	size_t i;
	char *text;

	text = fuzz_cstr(data, size);
	t = theme_new();
	memset(&err, 0, sizeof err);
	if (theme_parse(t, "fuzz.theme", text, &err) == LC_OK)
		FUZZ_CHECK(t->nproblems == 0, "LC_OK with problems");
	else
		FUZZ_CHECK(t->nproblems > 0, "failure without a problem");
	for (i = 0; i < t->nproblems; i++)
		FUZZ_CHECK(strncmp(t->problems[i], "fuzz.theme:", 11) == 0,
		           "problem without FILE:LINE: %s", t->problems[i]);
	for (e = 0; e < THEME_COUNT; e++) {
		FUZZ_CHECK((t->style[e].attrs & ~0x1Fu) == 0,
		           "unknown attribute bits %#x", t->style[e].attrs);
		check_color(t->style[e].fg);
		check_color(t->style[e].bg);
		theme_resolve(&t->style[e], 0, &attrs, &fg, &bg);
		FUZZ_CHECK(fg == -1 && bg == -1, "colour in monochrome");
		theme_resolve(&t->style[e], 256, &attrs, &fg, &bg);
	}
	if (theme_parse_color(text, &col) == 0)
		check_color(col);
	e = theme_elem_find(text);
	FUZZ_CHECK(e == -1 || strcmp(theme_elem_name(e), text) == 0,
	           "theme_elem_find found the wrong element");
	theme_free(t);
	free(text);
	return 0;
}
