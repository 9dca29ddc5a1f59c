#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "tui/opener.h"

Test(opener, finds_the_first_link_without_trailing_punctuation)
{
	size_t len;
	const char *s = "see http://a.example/x and https://b.example/y).";
	const char *u = opener_find_link(s, &len);

	cr_assert_not_null(u);
	cr_assert_eq(u, s + 4);
	cr_assert_eq(len, strlen("http://a.example/x"));
	u = opener_find_link("go to https://b.example/y).", &len);
	cr_assert_eq(len, strlen("https://b.example/y"));
	cr_assert_null(opener_find_link("no link here", &len));
}

Test(opener, osc52_is_base64_of_the_text)
{
	char *s;

	s = opener_osc52("hi");
	cr_assert_str_eq(s, "\x1b]52;c;aGk=\a");
	free(s);
	s = opener_osc52("hello");
	cr_assert_str_eq(s, "\x1b]52;c;aGVsbG8=\a");
	free(s);
	s = opener_osc52("abc");
	cr_assert_str_eq(s, "\x1b]52;c;YWJj\a");
	free(s);
	s = opener_osc52("");
	cr_assert_str_eq(s, "\x1b]52;c;\a");
	free(s);
}

Test(opener, display_comes_from_the_environment)
{
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	cr_assert_not(opener_have_display());
	setenv("WAYLAND_DISPLAY", "wayland-0", 1);
	cr_assert(opener_have_display());
}
