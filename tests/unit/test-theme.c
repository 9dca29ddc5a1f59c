#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/unit/helpers.h"
#include "tui/theme.h"
#include "core/xdg.h"
#include "core/xmalloc.h"

static struct theme *t;

static void
setup(void)
{
	t = theme_new();
}

static void
teardown(void)
{
	theme_free(t);
}

TestSuite(theme, .init = setup, .fini = teardown);

static const struct theme_style *
style(const char *name)
{
	int el = theme_elem_find(name);

	cr_assert_geq(el, 0, "no element %s", name);
	return &t->style[el];
}

Test(theme, line_sets_attributes_and_colours)
{
	const struct theme_style *s;

	cr_assert_eq(
	    theme_parse(t, "x.theme",
	                "inbox.unread = bold underline yellow default\n", NULL),
	    LC_OK);
	s = style("inbox.unread");
	cr_assert_eq(s->attrs, THEME_BOLD | THEME_UNDERLINE);
	cr_assert_eq(s->fg.kind, THEME_COLOR_INDEX);
	cr_assert_eq(s->fg.value, 3);
	cr_assert_eq(s->bg.kind, THEME_COLOR_DEFAULT);
}

Test(theme, colour_names_of_every_kind)
{
	struct theme_color c;

	cr_assert_eq(theme_parse_color("bright-red", &c), 0);
	cr_assert_eq(c.value, 9);
	cr_assert_eq(theme_parse_color("color208", &c), 0);
	cr_assert_eq(c.kind, THEME_COLOR_INDEX);
	cr_assert_eq(c.value, 208);
	cr_assert_eq(theme_parse_color("colour0", &c), 0);
	cr_assert_eq(c.value, 0);
	cr_assert_eq(theme_parse_color("#FF8700", &c), 0);
	cr_assert_eq(c.kind, THEME_COLOR_RGB);
	cr_assert_eq(c.value, 0xff8700);
	cr_assert_eq(theme_parse_color("Default", &c), 0);
	cr_assert_eq(c.kind, THEME_COLOR_DEFAULT);
}

Test(theme, bad_colour_names_are_refused)
{
	struct theme_color c;

	cr_assert_eq(theme_parse_color("color256", &c), -1);
	cr_assert_eq(theme_parse_color("color", &c), -1);
	cr_assert_eq(theme_parse_color("#12345", &c), -1);
	cr_assert_eq(theme_parse_color("#12345g", &c), -1);
	cr_assert_eq(theme_parse_color("bright-", &c), -1);
	cr_assert_eq(theme_parse_color("purple", &c), -1);
}

Test(theme, attributes_only_keeps_default_colours)
{
	const struct theme_style *s;

	cr_assert_eq(theme_parse(t, "m", "inbox.selected = reverse\n", NULL),
	             LC_OK);
	s = style("inbox.selected");
	cr_assert_eq(s->attrs, THEME_REVERSE);
	cr_assert_eq(s->fg.kind, THEME_COLOR_DEFAULT);
	cr_assert_eq(s->bg.kind, THEME_COLOR_DEFAULT);
}

Test(theme, comments_and_blank_lines_are_ignored)
{
	cr_assert_eq(theme_parse(t, "c",
	                         "# a comment\n\n   \n"
	                         "  # indented\r\nstatus = red blue\r\n",
	                         NULL),
	             LC_OK);
	cr_assert_eq(style("status")->fg.value, 1);
	cr_assert_eq(style("status")->bg.value, 4);
}

Test(theme, bad_lines_are_reported_with_file_and_line)
{
	struct lc_error err;

	cr_assert_eq(theme_parse(t, "my.theme",
	                         "inbox.unread = bold yellow\n"
	                         "inbox.nope = red\n"
	                         "\n"
	                         "status = blinking red\n"
	                         "status.error red\n"
	                         "thread.me = red green blue\n",
	                         &err),
	             LC_EINVAL);
	cr_assert_eq(t->nproblems, 4);
	cr_assert_str_eq(t->problems[0],
	                 "my.theme:2: unknown element \"inbox.nope\"");
	cr_assert_str_eq(
	    t->problems[1],
	    "my.theme:4: unknown colour or attribute \"blinking\"");
	cr_assert(strncmp(t->problems[2], "my.theme:5: ", 12) == 0, "%s",
	          t->problems[2]);
	cr_assert(strncmp(t->problems[3], "my.theme:6: too many colours", 28) ==
	              0,
	          "%s", t->problems[3]);
	cr_assert(strstr(err.msg, "my.theme:2:") != NULL, "%s", err.msg);
	cr_assert(strstr(err.msg, "3 more") != NULL, "%s", err.msg);
	/* the good line still applies */
	cr_assert_eq(style("inbox.unread")->fg.value, 3);
}

Test(theme, a_bad_line_leaves_the_element_as_it_was)
{
	struct theme_style before = *style("status");

	theme_parse(t, "b", "status = bold nosuchcolour\n", NULL);
	cr_assert_eq(memcmp(style("status"), &before, sizeof before), 0);
}

Test(theme, true_colour_falls_back_to_the_nearest_256_colour)
{
	struct theme_color c = {THEME_COLOR_RGB, 0xff8700};

	cr_assert_eq(theme_color_resolve(c, 256), 208);
	c.value = 0x808080;
	cr_assert_eq(theme_color_resolve(c, 256), 244);
	c.value = 0x005f87;
	cr_assert_eq(theme_color_resolve(c, 256), 24);
}

Test(theme, direct_colour_terminals_get_the_rgb_value)
{
	struct theme_color c = {THEME_COLOR_RGB, 0x123456};

	cr_assert_eq(theme_color_resolve(c, 0x1000000), 0x123456);
}

Test(theme, colours_fall_back_to_16_and_8)
{
	struct theme_color c = {THEME_COLOR_RGB, 0xff0000};

	cr_assert_eq(theme_color_resolve(c, 16), 9);
	cr_assert_eq(theme_color_resolve(c, 8), 1);
	c.kind = THEME_COLOR_INDEX;
	c.value = 208; /* orange */
	cr_assert_eq(theme_color_resolve(c, 8), 3);
	c.value = 12; /* bright-blue */
	cr_assert_eq(theme_color_resolve(c, 16), 12);
	cr_assert_eq(theme_color_resolve(c, 8), 4);
	c.value = 8; /* bright-black must not vanish into black */
	cr_assert_eq(theme_color_resolve(c, 8), 7);
}

Test(theme, default_colour_stays_default)
{
	struct theme_color c = {THEME_COLOR_DEFAULT, 0};

	cr_assert_eq(theme_color_resolve(c, 256), -1);
}

Test(theme, monochrome_keeps_attributes_and_reverses_backgrounds)
{
	unsigned attrs;
	int fg, bg;

	theme_resolve(style("inbox.selected"), 0, &attrs, &fg, &bg);
	cr_assert_eq(fg, -1);
	cr_assert_eq(bg, -1);
	cr_assert_eq(attrs, THEME_BOLD | THEME_REVERSE);
	theme_resolve(style("inbox.unread"), 0, &attrs, &fg, &bg);
	cr_assert_eq(attrs, THEME_BOLD);
	theme_resolve(style("inbox.unread"), 256, &attrs, &fg, &bg);
	cr_assert_eq(fg, 15);
	cr_assert_eq(bg, -1);
}

Test(theme, no_color_is_honoured_when_set_and_not_empty)
{
	unsetenv("NO_COLOR");
	cr_assert_not(theme_no_color());
	setenv("NO_COLOR", "", 1);
	cr_assert_not(theme_no_color());
	setenv("NO_COLOR", "1", 1);
	cr_assert(theme_no_color());
}

Test(theme, find_looks_in_the_directories_in_order)
{
	char dir1[64], dir2[64];
	const char *dirs[2];
	char *p1, *p2, *found;
	FILE *f;

	cr_assert_not_null(helpers_tmpdir(dir1, sizeof dir1, "lc-theme"));
	cr_assert_not_null(helpers_tmpdir(dir2, sizeof dir2, "lc-theme"));
	p1 = xasprintf("%s/night.theme", dir1);
	p2 = xasprintf("%s/night.theme", dir2);
	f = fopen(p2, "w");
	fputs("status = red\n", f);
	fclose(f);
	dirs[0] = dir1;
	dirs[1] = dir2;
	found = theme_find("night", dirs, 2);
	cr_assert_str_eq(found, p2);
	free(found);
	f = fopen(p1, "w");
	fclose(f);
	found = theme_find("night", dirs, 2);
	cr_assert_str_eq(found, p1);
	free(found);
	cr_assert_null(theme_find("../night", dirs, 2));
	cr_assert_null(theme_find("missing", dirs, 2));
	helpers_rmtree(dir1);
	helpers_rmtree(dir2);
	free(p1);
	free(p2);
}

Test(theme, user_theme_in_xdg_config_wins)
{
	char home[64];
	char *dir, *path;
	struct lc_error err;
	FILE *f;

	cr_assert_not_null(helpers_tmpdir(home, sizeof home, "lc-xdg"));
	setenv("XDG_CONFIG_HOME", home, 1);
	dir = xasprintf("%s/linchat/themes", home);
	cr_assert_eq(xdg_mkdir_p(dir, 0700, &err), LC_OK);
	path = xasprintf("%s/default.theme", dir);
	f = fopen(path, "w");
	fputs("status = bold magenta\n", f);
	fclose(f);
	cr_assert_eq(theme_load(t, "default", &err), LC_OK, "%s", err.msg);
	cr_assert_str_eq(t->path, path);
	cr_assert_eq(style("status")->fg.value, 5);
	/* elements the file does not name keep the built-in */
	cr_assert_eq(style("inbox.unread")->attrs, THEME_BOLD);
	helpers_rmtree(home);
	free(path);
	free(dir);
}

Test(theme, unknown_theme_name_is_an_error_that_says_what_to_do)
{
	struct lc_error err;

	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	setenv("LINCHAT_THEMES", "/nonexistent", 1);
	cr_assert_eq(theme_load(t, "no-such-theme-here", &err), LC_ENOTFOUND);
	cr_assert(strstr(err.msg, "no-such-theme-here") != NULL);
}

static void
load_shipped(const char *name)
{
	struct lc_error err;
	char *path = xasprintf("themes/%s.theme", name), *text = NULL;
	size_t len;

	cr_assert_eq(xdg_read_file(path, 1 << 20, &text, &len, &err), LC_OK,
	             "%s", err.msg);
	cr_assert_eq(theme_parse(t, path, text, &err), LC_OK, "%s", err.msg);
	free(text);
	free(path);
}

/* Run from the source tree, as tests/run does. */
Test(theme, shipped_themes_parse_without_problems)
{
	load_shipped("light");
	load_shipped("high-contrast");
	load_shipped("mono");
	load_shipped("default");
}

Test(theme, shipped_themes_name_every_element)
{
	static const char *names[] = {"default", "light", "high-contrast",
	                              "mono"};
	char *path, *text;
	size_t i, len;
	int el;
	struct lc_error err;

	for (i = 0; i < 4; i++) {
		path = xasprintf("themes/%s.theme", names[i]);
		cr_assert_eq(xdg_read_file(path, 1 << 20, &text, &len, &err),
		             LC_OK);
		for (el = 0; el < THEME_COUNT; el++) {
			char *needle = xasprintf(
			    "\n%s = ", theme_elem_name((enum theme_elem)el));

			cr_assert_not_null(strstr(text, needle), "%s lacks %s",
			                   path, needle + 1);
			free(needle);
		}
		free(text);
		free(path);
	}
}

Test(theme, default_theme_file_matches_the_built_in)
{
	struct theme *builtin = theme_new();
	struct theme *blank = theme_new();

	/* parse over a theme whose styles were all cleared */
	memset(blank->style, 0xff, sizeof blank->style);
	theme_free(t);
	t = blank;
	load_shipped("default");
	cr_assert_eq(memcmp(t->style, builtin->style, sizeof t->style), 0);
	theme_free(builtin);
}
