/* test-http-jar.c — Set-Cookie handling of the cookie jar. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "core/http-jar.h"

static int
apply(struct http_jar *j, const char *line)
{
	return http_jar_set_cookie_header(j, line, strlen(line));
}

Test(http_jar, keeps_values_as_sent_and_ignores_attributes)
{
	struct http_jar j = {NULL, 0, NULL};
	char *h;

	cr_assert_eq(
	    apply(&j, " JSESSIONID=\"ajax:1\"; Path=/; Domain=.linkedin.com"),
	    0);
	cr_assert_eq(apply(&j, " lang=v=2&lang=en-us; SameSite=None"), 0);
	cr_assert_str_eq(http_jar_get(&j, "JSESSIONID"), "\"ajax:1\"");
	cr_assert_str_eq(http_jar_get(&j, "lang"), "v=2&lang=en-us");
	h = http_jar_header(&j);
	cr_assert_str_eq(h, "JSESSIONID=\"ajax:1\"; lang=v=2&lang=en-us");
	free(h);
	http_jar_free(&j);
}

Test(http_jar, an_expired_cookie_is_removed)
{
	struct http_jar j = {NULL, 0, NULL};

	http_jar_set(&j, "bcookie", "x");
	http_jar_set(&j, "li_at", "AQE");
	cr_assert_eq(
	    apply(&j, " bcookie=y; Expires=Thu, 01 Jan 1970 00:00:01 GMT"), 0);
	cr_assert_null(http_jar_get(&j, "bcookie"));
	cr_assert_eq(apply(&j, " li_at=AQE2; Max-Age=0"), 1);
	cr_assert_null(http_jar_get(&j, "li_at"));
	http_jar_free(&j);
}

Test(http_jar, delete_me_revokes_li_at)
{
	struct http_jar j = {NULL, 0, NULL};

	http_jar_set(&j, "li_at", "AQE");
	cr_assert_eq(apply(&j, " li_at=delete me; Path=/"), 1);
	cr_assert_null(http_jar_get(&j, "li_at"));
	http_jar_free(&j);
}

Test(http_jar, malformed_lines_change_nothing)
{
	struct http_jar j = {NULL, 0, NULL};
	char *d;

	cr_assert_eq(apply(&j, " no-equals-sign"), 0);
	cr_assert_eq(apply(&j, " ; a=b"), 0);
	cr_assert_eq(apply(&j, " =value"), 0);
	d = http_jar_dump(&j);
	cr_assert_str_eq(d, "");
	free(d);
	http_jar_free(&j);
}

Test(http_jar, a_cookie_for_another_domain_is_neither_kept_nor_revokes)
{
	struct http_jar j = {NULL, 0, NULL};
	char *h;

	http_jar_set_host(&j, "WWW.LinkedIn.com");
	http_jar_set(&j, "li_at", "AQE");
	cr_assert_eq(apply(&j, " li_at=forged; Domain=evil.example; Path=/"),
	             0);
	cr_assert_eq(apply(&j, " li_at=delete me; Domain=.evil.example"), 0);
	cr_assert_eq(apply(&j, " spy=1; Domain=kedin.com"), 0);
	cr_assert_eq(apply(&j, " spy=2; Domain=ww.linkedin.com"), 0);
	cr_assert_eq(apply(&j, " lang=en; Domain=.linkedin.com"), 0);
	cr_assert_eq(apply(&j, " bcookie=b; domain=www.linkedin.com."), 0);
	h = http_jar_header(&j);
	cr_assert_str_eq(h, "li_at=AQE; lang=en; bcookie=b");
	free(h);
	http_jar_free(&j);
	cr_assert_null(j.host);
}

Test(http_jar, an_address_host_takes_only_its_own_domain)
{
	cr_assert(http_jar_domain_match("127.0.0.1", "127.0.0.1"));
	cr_assert_not(http_jar_domain_match("127.0.0.1", "0.0.1"));
	cr_assert_not(http_jar_domain_match("127.0.0.1", "127.0.0.2"));
	cr_assert_not(http_jar_domain_match("127.0.0.1", "localhost"));
	cr_assert(http_jar_domain_match("www.linkedin.com", ".LinkedIn.com"));
	cr_assert_not(http_jar_domain_match("www.linkedin.com", ""));
	cr_assert_not(http_jar_domain_match("www.linkedin.com", "."));
	cr_assert_not(
	    http_jar_domain_match("linkedin.com", "www.linkedin.com"));
}
