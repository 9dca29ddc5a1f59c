#include <criterion/criterion.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xmalloc.h"

Test(buf, appends_and_formats)
{
	struct buf b;

	buf_init(&b, 0);
	cr_assert_str_eq(buf_cstr(&b), "");
	cr_assert_eq(buf_addstr(&b, "hello"), 0);
	cr_assert_eq(buf_addf(&b, ", %d %s", 42, "world"), 0);
	cr_assert_str_eq(buf_cstr(&b), "hello, 42 world");
	cr_assert_eq(b.len, strlen("hello, 42 world"));
	buf_release(&b);
}

Test(buf, refuses_past_cap_and_keeps_contents)
{
	struct buf b;

	buf_init(&b, 8);
	cr_assert_eq(buf_addstr(&b, "12345"), 0);
	cr_assert_eq(buf_addstr(&b, "6789"), -1);
	cr_assert_str_eq(buf_cstr(&b), "12345");
	cr_assert_eq(buf_addf(&b, "%s", "abcd"), -1);
	cr_assert_eq(buf_addstr(&b, "678"), 0);
	cr_assert_str_eq(buf_cstr(&b), "12345678");
	buf_release(&b);
}

Test(buf, grows_through_many_appends)
{
	struct buf b;
	char *s;

	buf_init(&b, 0);
	for (int i = 0; i < 10000; i++)
		cr_assert_eq(buf_addc(&b, (char)('a' + i % 26)), 0);
	cr_assert_eq(b.len, 10000);
	s = buf_detach(&b);
	cr_assert_eq(strlen(s), 10000);
	cr_assert_eq(s[27], 'b');
	free(s);
	cr_assert_eq(b.len, 0);
}

Test(err, exit_codes_follow_design)
{
	struct lc_error e;

	lc_error_clear(&e);
	cr_assert_eq(lc_error_set(&e, LC_ENOTFOUND, "no %s", "x"),
	             LC_ENOTFOUND);
	cr_assert_str_eq(e.msg, "no x");
	cr_assert_eq(lc_exit_code(LC_OK), 0);
	cr_assert_eq(lc_exit_code(LC_EINVAL), 1);
	cr_assert_eq(lc_exit_code(LC_EAUTH), 2);
	cr_assert_eq(lc_exit_code(LC_ECHALLENGE), 2);
	cr_assert_eq(lc_exit_code(LC_ERATE), 3);
	cr_assert_eq(lc_exit_code(LC_ENETWORK), 3);
	cr_assert_eq(lc_exit_code(LC_ENOTFOUND), 4);
	cr_assert_eq(lc_exit_code(LC_ESERVER), 5);
	cr_assert_str_eq(lc_strerror(LC_ERATE), "rate-limited");
}

Test(xmalloc, asprintf_formats)
{
	char *s = xasprintf("%s-%04d", "id", 7);

	cr_assert_str_eq(s, "id-0007");
	free(s);
}
