/* test-log.c — the opt-in log and its redaction. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "core/xmalloc.h"

static void
assert_redacted(const char *in, const char *want)
{
	char *out = log_redact(in);

	cr_assert_str_eq(out, want);
	free(out);
}

Test(log, cookie_values_never_appear)
{
	assert_redacted("li_at=AQEDAT1234; JSESSIONID=\"ajax:99\"; lang=v=2",
	                "li_at=[redacted]; JSESSIONID=[redacted]; lang=v=2");
	assert_redacted("Cookie: li_at=X; bcookie=Y", "Cookie: [redacted]");
	assert_redacted("set-cookie: li_at=delete me\r\nx: 1",
	                "set-cookie: [redacted]\r\nx: 1");
	assert_redacted("li_at\tAQE\nJSESSIONID\t\"ajax:1\"\n",
	                "li_at\t[redacted]\nJSESSIONID\t[redacted]\n");
}

Test(log, csrf_token_is_redacted_in_headers_and_urls)
{
	assert_redacted("csrf-token: ajax:123", "csrf-token: [redacted]");
	assert_redacted("GET /uas/logout?csrfToken=ajax%3A1&x=2",
	                "GET /uas/logout?csrfToken=[redacted]&x=2");
}

Test(log, passwords_are_redacted_in_forms_and_json)
{
	assert_redacted(
	    "session_key=a%40b.c&session_password=hunter2&JSESSIONID=%22x%22",
	    "session_key=a%40b.c&session_password=[redacted]&JSESSIONID=["
	    "redacted]");
	assert_redacted("{\"password\": \"p\\\"w\", \"user\":\"u\"}",
	                "{\"password\":[redacted], \"user\":\"u\"}");
}

Test(log, plain_text_is_kept)
{
	assert_redacted("GET /voyager/api/me -> 200",
	                "GET /voyager/api/me -> 200");
	assert_redacted("", "");
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s = xcalloc(1, 65536);

	cr_assert_not_null(f);
	fread(s, 1, 65535, f);
	fclose(f);
	return s;
}

Test(log, writes_levels_and_bodies_only_when_asked)
{
	char path[] = "/tmp/linchat-test-log-XXXXXX";
	struct stat st;
	char *text;
	int fd = mkstemp(path);

	cr_assert_geq(fd, 0);
	close(fd);
	unlink(path);
	log_msg(LOGL_ERROR, "before open");
	cr_assert_eq(log_open(path, LOGL_INFO, 0, NULL), LC_OK);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	log_msg(LOGL_INFO, "hello %d li_at=SECRET", 42);
	log_msg(LOGL_DEBUG, "too chatty");
	log_body("response body", "{\"text\":\"private\"}", 18);
	log_close();
	text = slurp(path);
	cr_assert_null(strstr(text, "before open"));
	cr_assert_not_null(strstr(text, "info hello 42 li_at=[redacted]"));
	cr_assert_null(strstr(text, "SECRET"));
	cr_assert_null(strstr(text, "too chatty"));
	cr_assert_null(strstr(text, "private"));
	free(text);

	cr_assert_eq(log_open(path, LOGL_ERROR, 1, NULL), LC_OK);
	log_body("response body", "{\"text\":\"private\"}", 18);
	log_close();
	text = slurp(path);
	cr_assert_not_null(
	    strstr(text, "response body (18 bytes): {\"text\":\"private\"}"));
	free(text);
	unlink(path);
}

Test(log, an_unwritable_path_is_a_clear_error)
{
	struct lc_error err;

	cr_assert_eq(log_open("/nonexistent-dir/x.log", LOGL_INFO, 0, &err),
	             LC_EIO);
	cr_assert_not_null(strstr(err.msg, "/nonexistent-dir/x.log"));
}

Test(log, level_names_parse)
{
	cr_assert_eq(log_level_parse("debug"), LOGL_DEBUG);
	cr_assert_eq(log_level_parse("WARN"), LOGL_WARN);
	cr_assert_eq(log_level_parse("loud"), -1);
}
