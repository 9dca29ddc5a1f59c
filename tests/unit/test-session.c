/* test-session.c — the saved session file. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "tui/advice.h"
#include "tests/unit/helpers.h"
#include "core/session.h"
#include "core/xdg.h"
#include "core/xmalloc.h"

static char tmp[64];

static void
setup(void)
{
	cr_assert_not_null(helpers_tmpdir(tmp, sizeof tmp, "linchat-ses"));
	setenv("XDG_STATE_HOME", tmp, 1);
}

static void
teardown(void)
{
	helpers_rmtree(tmp);
}

TestSuite(session, .init = setup, .fini = teardown);

Test(session, round_trips_cookies_agent_and_identity_with_mode_0600)
{
	struct session s = {0}, *l;
	struct stat st;
	char *path = session_default_path(), *dir;

	s.cookies = (char *)"li_at\tAQE==\nJSESSIONID\t\"ajax:1\"\n";
	s.user_agent = (char *)"Mozilla/5.0 (X11; Linux)";
	s.mailbox_id = (char *)"ACoME";
	s.name = (char *)"Ada Lovelace";
	cr_assert_eq(session_save(NULL, &s, NULL), LC_OK);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	dir = xasprintf("%s/linchat", tmp);
	cr_assert_eq(stat(dir, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0700);
	cr_assert_eq(session_load(NULL, &l, NULL), LC_OK);
	cr_assert_str_eq(l->cookies, s.cookies);
	cr_assert_str_eq(l->user_agent, s.user_agent);
	cr_assert_str_eq(l->mailbox_id, "ACoME");
	cr_assert_str_eq(l->name, "Ada Lovelace");
	cr_assert_null(l->public_id);
	cr_assert_null(l->warning);
	session_free(l);
	cr_assert_eq(session_remove(NULL, NULL), LC_OK);
	cr_assert_eq(session_remove(NULL, NULL), LC_OK);
	free(dir);
	free(path);
}

Test(session, no_file_means_not_logged_in)
{
	struct session *l;
	struct lc_error err;

	cr_assert_eq(session_load(NULL, &l, &err), LC_EAUTH);
	cr_assert_null(l);
	cr_assert_eq(err.next, LC_NEXT_LOGIN);
	advice_apply(&err, ADVICE_CLI);
	cr_assert_not_null(strstr(err.msg, "linchat login"), "%s", err.msg);
}

Test(session, a_wider_mode_is_fixed_and_reported)
{
	struct session s = {0}, *l;
	struct stat st;
	char *path = session_default_path();

	s.cookies = (char *)"li_at\tX\n";
	cr_assert_eq(session_save(NULL, &s, NULL), LC_OK);
	chmod(path, 0644);
	cr_assert_eq(session_load(NULL, &l, NULL), LC_OK);
	cr_assert_not_null(l->warning);
	cr_assert_not_null(strstr(l->warning, "0644"));
	stat(path, &st);
	cr_assert_eq(st.st_mode & 0777, 0600);
	session_free(l);
	free(path);
}

Test(session, a_wider_directory_mode_is_fixed_and_reported)
{
	struct session s = {0}, *l;
	struct stat st;
	char *dir = xasprintf("%s/linchat", tmp);

	s.cookies = (char *)"li_at\tX\n";
	cr_assert_eq(session_save(NULL, &s, NULL), LC_OK);
	chmod(dir, 0755);
	cr_assert_eq(session_load(NULL, &l, NULL), LC_OK);
	cr_assert_not_null(l->warning);
	cr_assert_not_null(strstr(l->warning, "0755"));
	stat(dir, &st);
	cr_assert_eq(st.st_mode & 0777, 0700);
	session_free(l);
	free(dir);
}

/* As root a chmod of any directory succeeds: linchat must still change
 * only its own folder, and say why it leaves another one alone. */
Test(session, a_wide_directory_that_is_not_ours_is_reported_not_changed)
{
	struct session s = {0}, *l;
	struct stat st;
	char *dir = xasprintf("%s/shared", tmp);
	char *path = xasprintf("%s/session", dir);

	cr_assert_eq(mkdir(dir, 0755), 0);
	chmod(dir, 0755);
	s.cookies = (char *)"li_at\tX\n";
	cr_assert_eq(session_save(path, &s, NULL), LC_OK);
	chmod(dir, 0755);
	cr_assert_eq(session_load(path, &l, NULL), LC_OK);
	cr_assert_not_null(l->warning);
	cr_assert_not_null(strstr(l->warning, "0755"));
	cr_assert_not_null(strstr(l->warning, "left it alone"));
	stat(dir, &st);
	cr_assert_eq(st.st_mode & 0777, 0755);
	session_free(l);
	free(path);
	free(dir);
}

Test(session, a_foreign_file_is_refused)
{
	struct session *l;
	struct lc_error err;
	char *path = xasprintf("%s/other", tmp);

	cr_assert_eq(xdg_write_atomic(path, "hello\n", 6, 0600, NULL), LC_OK);
	cr_assert_eq(session_load(path, &l, &err), LC_EIO);
	cr_assert_not_null(strstr(err.msg, path));
	free(path);
}

Test(session, values_with_line_breaks_are_not_written)
{
	struct session s = {0}, *l;

	s.cookies = (char *)"li_at\tX\n";
	s.name = (char *)"Evil\nmailbox_id\tX";
	cr_assert_eq(session_save(NULL, &s, NULL), LC_OK);
	cr_assert_eq(session_load(NULL, &l, NULL), LC_OK);
	cr_assert_null(l->name);
	cr_assert_null(l->mailbox_id);
	session_free(l);
}

Test(session, apply_and_capture_move_cookies_through_http)
{
	struct http_config cfg = {0};
	struct http_session *h;
	struct session s = {0};
	char *v;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	h = http_session_new(&cfg, NULL);
	s.cookies = xstrdup("li_at\tA\nJSESSIONID\t\"ajax:5\"\n");
	cr_assert_eq(session_apply(&s, h, NULL), LC_OK);
	v = http_csrf_token(h);
	cr_assert_str_eq(v, "ajax:5");
	free(v);
	http_cookie_set(h, "lang", "v=2");
	session_capture(&s, h);
	cr_assert_str_eq(s.cookies,
	                 "li_at\tA\nJSESSIONID\t\"ajax:5\"\nlang\tv=2\n");
	cr_assert_str_eq(s.host, "www.linkedin.com");
	free(s.cookies);
	free(s.host);
	http_session_free(h);
	curl_global_cleanup();
}

Test(session, a_session_saved_for_another_host_is_not_applied)
{
	struct http_config cfg = {0};
	struct http_session *h;
	struct session s = {0}, *l;
	struct lc_error err;
	char *path = xasprintf("%s/ses", tmp), *dump;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	cfg.base_url = "http://127.0.0.1:8080";
	h = http_session_new(&cfg, NULL);
	http_cookie_set(h, "li_at", "A");
	session_capture(&s, h);
	cr_assert_str_eq(s.host, "127.0.0.1:8080");
	cr_assert_eq(session_save(path, &s, NULL), LC_OK);
	http_session_free(h);
	cr_assert_eq(session_load(path, &l, NULL), LC_OK);
	cr_assert_str_eq(l->host, "127.0.0.1:8080");

	/* The same address on another port is another service. */
	cfg.base_url = "http://127.0.0.1:8081";
	h = http_session_new(&cfg, NULL);
	http_cookie_set(h, "stale", "1");
	cr_assert_eq(session_apply(l, h, &err), LC_EAUTH);
	cr_assert_not_null(strstr(err.msg, "127.0.0.1:8080"));
	cr_assert_not_null(strstr(err.msg, "127.0.0.1:8081"));
	cr_assert_eq(err.next, LC_NEXT_LOGIN);
	advice_apply(&err, ADVICE_CLI);
	cr_assert_not_null(strstr(err.msg, "linchat login"), "%s", err.msg);
	dump = http_cookies_dump(h);
	cr_assert_str_eq(dump, "", "the jar holds %s", dump);
	free(dump);
	http_session_free(h);

	cfg.base_url = "http://127.0.0.1:8080/";
	h = http_session_new(&cfg, NULL);
	cr_assert_eq(session_apply(l, h, NULL), LC_OK);
	dump = http_cookie_get(h, "li_at");
	cr_assert_str_eq(dump, "A");
	free(dump);
	http_session_free(h);
	session_free(l);
	free(s.cookies);
	free(s.host);
	free(path);
	curl_global_cleanup();
}

/* Found by fuzz-session: a repeated line leaked the earlier value. */
Test(session, a_repeated_line_takes_the_last_value_without_leaking)
{
	struct session *l;
	struct lc_error err;
	const char *fx = "tests/fixtures/fuzz/session-repeated-line.txt";
	char *path = xasprintf("%s/repeated", tmp);
	FILE *in = fopen(fx, "r"), *out = fopen(path, "w");
	char line[256];

	cr_assert_not_null(in, "%s", fx);
	cr_assert_not_null(out);
	while (fgets(line, sizeof line, in) != NULL)
		fputs(line, out);
	fclose(in);
	fclose(out);
	chmod(path, 0600);
	lc_error_clear(&err);
	cr_assert_eq(session_load(path, &l, &err), LC_OK, "%s", err.msg);
	cr_assert_str_eq(l->name, "B");
	session_free(l);
	free(path);
}
