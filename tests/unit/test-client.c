/* test-client.c — core/client.c: opening a client against the simulator,
 * with every XDG directory in a temporary one.  ASan checks that
 * client_close() frees everything. */
#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "core/auth.h"
#include "core/client.h"
#include "core/session.h"
#include "tests/sim/sim-demo.h"
#include "tests/sim/simclient.h"
#include "core/xmalloc.h"

static char tmp[64];
static struct sim *sim;

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	snprintf(tmp, sizeof tmp, "/tmp/linchat-client-XXXXXX");
	cr_assert_not_null(mkdtemp(tmp));
	setenv("XDG_CONFIG_HOME", tmp, 1);
	setenv("XDG_STATE_HOME", tmp, 1);
	setenv("XDG_DATA_HOME", tmp, 1);
	sim = sim_start(NULL);
	cr_assert_not_null(sim);
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
teardown(void)
{
	sim_stop(sim);
	nftw(tmp, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	curl_global_cleanup();
}

TestSuite(client, .init = setup, .fini = teardown);

static struct client *
open_client(const char *base_url)
{
	struct client_opts o;
	struct lc_error err;
	struct client *c;

	memset(&o, 0, sizeof o);
	o.base_url = base_url;
	o.log_what = "test";
	cr_assert_eq(client_open(&o, &c, &err), LC_OK, "%s", err.msg);
	cr_assert_eq(c->failed, CLIENT_STEP_NONE);
	return c;
}

/* A sign-in the way both front ends do it: relogin, log in, /me, save. */
static void
sign_in(void)
{
	struct client *c = open_client(sim_base_url(sim));
	struct voyager_me me;
	struct lc_error err;

	cr_assert_eq(client_session(c, &err), LC_EAUTH, "no session yet");
	cr_assert_eq(c->failed, CLIENT_STEP_SESSION);
	cr_assert_eq(client_relogin(c, NULL, &err), LC_OK, "%s", err.msg);
	cr_assert_not_null(c->budget);
	cr_assert_eq(auth_login(c->h, SIM_DEMO_EMAIL, SIM_DEMO_PASSWORD, &err),
	             LC_OK, "%s", err.msg);
	memset(&me, 0, sizeof me);
	cr_assert_eq(client_learn_me(c, &me, &err), LC_OK, "%s", err.msg);
	voyager_me_free(&me);
	cr_assert_str_eq(c->ses->public_id, SIM_DEMO_PUBLIC_ID);
	cr_assert_eq(client_save_session(c, &err), LC_OK, "%s", err.msg);
	client_close(c);
}

Test(client, a_signed_in_session_opens_the_next_client)
{
	struct client *c;
	struct lc_error err;
	char *li_at;

	sign_in();
	c = open_client(sim_base_url(sim));
	cr_assert_eq(client_session(c, &err), LC_OK, "%s", err.msg);
	cr_assert_str_eq(c->ses->public_id, SIM_DEMO_PUBLIC_ID);
	cr_assert_str_eq(c->vc.mailbox, SIM_DEMO_PROFILE_ID);
	li_at = http_cookie_get(c->h, "li_at");
	cr_assert_not_null(li_at);
	free(li_at);
	client_close(c);
}

Test(client, refreshed_cookies_are_saved_and_an_unchanged_jar_is_not)
{
	struct session *s;
	struct client *c;
	struct lc_error err;

	sign_in();
	c = open_client(sim_base_url(sim));
	cr_assert_eq(client_session(c, &err), LC_OK, "%s", err.msg);
	/* nothing changed: the file is not written again */
	cr_assert_eq(unlink(c->ses_path), 0);
	cr_assert_eq(client_save_refreshed(c, &err), LC_OK, "%s", err.msg);
	cr_assert_neq(access(c->ses_path, F_OK), 0);
	/* the service refreshed li_at */
	http_cookie_set(c->h, "li_at", "AQEDASimRefreshedCookie");
	cr_assert_eq(client_save_refreshed(c, &err), LC_OK, "%s", err.msg);
	client_close(c);
	cr_assert_eq(session_load(NULL, &s, &err), LC_OK, "%s", err.msg);
	cr_assert_not_null(strstr(s->cookies, "AQEDASimRefreshedCookie"));
	cr_assert_str_eq(s->public_id, SIM_DEMO_PUBLIC_ID);
	session_free(s);
}

Test(client, a_session_for_another_host_is_refused)
{
	struct client *c;
	struct lc_error err;

	sign_in();
	c = open_client("http://127.0.0.1:9");
	cr_assert_eq(client_session(c, &err), LC_EAUTH);
	cr_assert_eq(c->failed, CLIENT_STEP_HTTP);
	cr_assert_not_null(strstr(err.msg, "(the base URL)"), "%s", err.msg);
	cr_assert_eq(err.next, LC_NEXT_LOGIN);
	client_close(c);
}

Test(client, config_problems_are_listed_for_the_front_end)
{
	struct client_opts o;
	struct lc_error err;
	struct client *c;
	char *dir = xasprintf("%s/linchat", tmp);
	char *path = xasprintf("%s/config", dir);
	FILE *f;

	cr_assert_eq(mkdir(dir, 0700), 0);
	cr_assert_not_null(f = fopen(path, "w"));
	fputs("[http]\nno_such_key = 1\n", f);
	fclose(f);
	memset(&o, 0, sizeof o);
	cr_assert_eq(client_open(&o, &c, &err), LC_EINVAL);
	cr_assert_eq(c->failed, CLIENT_STEP_CONFIG);
	cr_assert_geq(c->cfg->nproblems, 1);
	client_close(c);
	free(path);
	free(dir);
}

Test(client, the_store_opens_under_the_data_dir)
{
	struct client *c = open_client(sim_base_url(sim));
	struct lc_error err;

	cr_assert_eq(client_store(c, &err), LC_OK, "%s", err.msg);
	cr_assert_not_null(c->st);
	client_close(c);
}
