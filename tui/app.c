/* app.c — `linchat` with no command (see app.h).
 *
 * Order matters: the model is filled from the store and the worker
 * starts only once that inbox is on screen (act_first_frame()), so a
 * warm cache paints at once; the worker owns the http session from
 * worker_start() to worker_stop(), so the session file is only rewritten
 * (with refreshed cookies) after the worker stopped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "advice.h"
#include "app.h"
#include "auth.h"
#include "config.h"
#include "http.h"
#include "log.h"
#include "login.h"
#include "model.h"
#include "session.h"
#include "store.h"
#include "theme.h"
#include "timing.h"
#include "tui.h"
#include "voyager-profile.h"
#include "voyager.h"
#include "worker.h"
#include "xdg.h"
#include "xmalloc.h"

struct app {
	const struct cli_opts *o;
	struct config *cfg;
	struct session *ses;
	char *ses_path;
	struct http_session *h;
	char *saved_cookies; /* the jar as loaded, to notice refreshes */
	struct voyager_ctx vc;
	struct model *m;
	struct store *st;
	struct worker *w;
	char *draft_urn;  /* the last draft saved, written again after */
	char *draft_text; /* the worker stopped (it drops queued jobs) */
	struct lc_error err;
};

/* Reads the config and opens the log; prints problems and returns the
 * exit code, or 0. */
static int
app_config(struct app *a)
{
	const char *log_path;
	enum lc_err rc;
	size_t i;

	a->cfg = config_new();
	rc = config_load(a->cfg, a->o->config_path, a->o->config_path != NULL,
	                 &a->err);
	if (rc != LC_OK) {
		for (i = 0; i < a->cfg->nproblems; i++)
			fprintf(stderr, "linchat: %s\n", a->cfg->problems[i]);
		if (a->cfg->nproblems == 0)
			fprintf(stderr, "linchat: %s\n", a->err.msg);
		fprintf(stderr, "linchat: fix the config file and try again "
		                "(docs/config.md lists every key).\n");
		return 1;
	}
	log_path = a->o->log_path != NULL ? a->o->log_path : a->cfg->log_file;
	if (log_path != NULL) {
		rc = log_open(log_path, (enum log_level)a->cfg->log_level,
		              a->o->log_bodies || a->cfg->log_bodies, &a->err);
		if (rc != LC_OK) {
			fprintf(stderr, "linchat: %s\n", a->err.msg);
			return lc_exit_code(rc);
		}
		log_msg(LOGL_INFO, "linchat %s: terminal interface",
		        LINCHAT_VERSION);
	}
	return 0;
}

/* A new http session (replacing any) for the config, --base-url and ua
 * (else the session's user agent), with the session's cookies. */
static enum lc_err
app_http(struct app *a, const char *ua, struct lc_error *err)
{
	struct http_config hc;
	size_t i;

	http_session_free(a->h);
	config_http(a->cfg, &hc);
	if (a->o->base_url != NULL)
		hc.base_url = a->o->base_url;
	if (ua != NULL)
		hc.user_agent = ua;
	else if (a->ses != NULL && a->ses->user_agent != NULL)
		hc.user_agent = a->ses->user_agent;
	if ((a->h = http_session_new(&hc, err)) == NULL)
		return err->code;
	voyager_ctx_init(&a->vc, a->h);
	for (i = 0; i < a->cfg->nquery_ids; i++) {
		if (voyager_ids_set(&a->vc.ids, a->cfg->query_ids[i].name,
		                    a->cfg->query_ids[i].value) != LC_OK)
			return lc_error_set(
			    err, LC_EINVAL,
			    "%s:%d: [query_ids] "
			    "%s: unknown name, or a value that is not a query "
			    "id; see docs/config.md.",
			    a->cfg->path != NULL ? a->cfg->path : "config",
			    a->cfg->query_ids[i].line,
			    a->cfg->query_ids[i].name);
	}
	if (a->ses != NULL && a->ses->cookies != NULL) {
		if (session_apply(a->ses, a->h, err) != LC_OK)
			return err->code;
		if (a->ses->mailbox_id != NULL)
			voyager_ctx_set_mailbox(&a->vc, a->ses->mailbox_id,
			                        NULL);
	}
	return LC_OK;
}

/* The sign-in screen's try: log in or import, ask /me, save. */
static enum lc_err
app_login_try(void *ctx, const struct login_input *in, struct lc_error *err)
{
	struct app *a = ctx;
	struct voyager_me me;
	struct session *s;
	enum lc_err rc;

	memset(&me, 0, sizeof me);
	session_free(a->ses);
	a->ses = NULL;
	if ((rc = app_http(a, in->cookies ? in->user_agent : NULL, err)) !=
	    LC_OK)
		return rc;
	if (in->cookies)
		rc = auth_import(a->h, in->li_at, in->jsessionid, err);
	else
		rc = auth_login(a->h, in->email, in->password, err);
	if (rc == LC_OK) {
		rc = voyager_me(&a->vc, &me, err);
		if (rc == LC_EAUTH && in->cookies)
			lc_error_set(
			    err, LC_EAUTH,
			    "LinkedIn did not accept "
			    "these cookies; copy li_at and JSESSIONID again "
			    "from a browser where you are signed in.");
	}
	if (rc != LC_OK)
		goto out;
	s = xcalloc(1, sizeof *s);
	s->user_agent = in->cookies ? xstrdup_or_null(in->user_agent) : NULL;
	s->mailbox_id = xstrdup_or_null(me.urn_id);
	s->name = xasprintf("%s%s%s", me.first_name ? me.first_name : "",
	                    me.first_name && me.last_name ? " " : "",
	                    me.last_name ? me.last_name : "");
	s->public_id = xstrdup_or_null(me.public_id);
	session_capture(s, a->h);
	a->ses = s;
	rc = session_save(a->ses_path, s, err);
out:
	if (rc != LC_OK)
		advice_apply(err, ADVICE_SIGNIN);
	voyager_me_free(&me);
	return rc;
}

/* No session yet: the sign-in screen.  0 signed in, else the exit code. */
static int
app_first_login(struct app *a)
{
	struct theme *t = theme_new();
	struct lc_error err;
	int r;

	if (a->cfg->theme != NULL)
		theme_load(t, a->cfg->theme, &err);
	memset(&err, 0, sizeof err);
	r = login_run(t, a->ses_path, app_login_try, a, &err);
	theme_free(t);
	if (r < 0) {
		fprintf(stderr, "linchat: %s\n", err.msg);
		fprintf(stderr, "linchat: or sign in with `linchat login`.\n");
		return 2;
	}
	return r == 0 ? 0 : -1;
}

/* Shows a sentence in the status bar before the worker has run. */
static void
app_notice(struct app *a, const char *msg)
{
	struct model_sync s;
	size_t n = strlen(msg);

	model_get_sync(a->m, &s);
	if (n >= sizeof s.last_error) {
		/* cut on a character boundary */
		n = sizeof s.last_error - 1;
		while (n > 0 && ((unsigned char)msg[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(s.last_error, msg, n);
	s.last_error[n] = '\0';
	model_set_sync(a->m, &s);
}

/* --- the UI's actions: each only queues a job --- */

static void
act_send(void *ctx, const char *conv_urn, const char *text,
         const char *origin_token)
{
	struct app *a = ctx;
	struct lc_error err;

	memset(&err, 0, sizeof err);
	if (worker_push_send(a->w, conv_urn, text, origin_token, &err) != 0) {
		model_set_state_by_origin(a->m, origin_token, MODEL_MSG_FAILED);
		app_notice(a, err.msg[0] != '\0'
		                  ? err.msg
		                  : "The message could not be queued.");
	}
}

static void
act_sync(void *ctx)
{
	struct app *a = ctx;

	worker_push_sync(a->w);
}

static void
act_open(void *ctx, const char *conv_urn)
{
	struct app *a = ctx;

	worker_push_open(a->w, conv_urn);
}

static void
act_fetch_older(void *ctx, const char *conv_urn)
{
	struct app *a = ctx;

	worker_push_older(a->w, conv_urn);
}

static void
act_mark_read(void *ctx, const char *conv_urn, int read)
{
	struct app *a = ctx;

	worker_push_mark_read(a->w, conv_urn, read);
}

static void
act_save_draft(void *ctx, const char *conv_urn, const char *text)
{
	struct app *a = ctx;

	free(a->draft_urn);
	free(a->draft_text);
	a->draft_urn = xstrdup(conv_urn);
	a->draft_text = xstrdup_or_null(text);
	worker_push_draft(a->w, conv_urn, text);
}

static void
act_profile(void *ctx, const char *who)
{
	struct app *a = ctx;

	worker_push_profile(a->w, who);
}

static void
act_connect(void *ctx, const char *who, const char *note)
{
	struct app *a = ctx;

	worker_push_connect(a->w, who, note);
}

static void
act_search(void *ctx, const char *keywords)
{
	struct app *a = ctx;

	worker_push_search(a->w, keywords);
}

static void
act_invitations(void *ctx)
{
	struct app *a = ctx;

	worker_push_invitations(a->w);
}

static void
act_invitation_reply(void *ctx, const char *urn, const char *secret, int accept)
{
	struct app *a = ctx;

	worker_push_invitation_reply(a->w, urn, secret, accept);
}

static int
act_send_new(void *ctx, const char *recipient, const char *name,
             const char *text, const char *origin_token)
{
	struct app *a = ctx;
	struct lc_error err;

	memset(&err, 0, sizeof err);
	if (worker_push_send_new(a->w, recipient, name, text, origin_token,
	                         &err) != 0) {
		app_notice(a, err.msg[0] != '\0'
		                  ? err.msg
		                  : "The message could not be queued.");
		return -1;
	}
	return 0;
}

static void
act_react(void *ctx, const char *msg_urn, const char *emoji, int on)
{
	struct app *a = ctx;

	worker_push_react(a->w, msg_urn, emoji, on);
}

static void
act_edit(void *ctx, const char *msg_urn, const char *text)
{
	struct app *a = ctx;

	worker_push_edit(a->w, msg_urn, text);
}

static void
act_recall(void *ctx, const char *msg_urn)
{
	struct app *a = ctx;

	worker_push_recall(a->w, msg_urn);
}

static void
act_user_active(void *ctx)
{
	struct app *a = ctx;

	worker_user_active(a->w);
}

static void
act_wake_drain(void *ctx)
{
	struct app *a = ctx;

	worker_wake_drain(a->w);
}

/* The inbox, as the store had it, is on screen: only now the worker
 * starts, so that first frame waits neither on the network nor on the
 * worker's own start (and --timing measures the store's frame). */
static void
act_first_frame(void *ctx)
{
	struct app *a = ctx;
	struct lc_error err;

	memset(&err, 0, sizeof err);
	if (worker_start(a->w, &err) != LC_OK)
		app_notice(a, err.msg);
}

/* Saves the session if the service refreshed its cookies meanwhile. */
static void
app_save_session(struct app *a)
{
	struct lc_error err;
	char *now, *li_at;

	if (a->ses == NULL || a->h == NULL || a->saved_cookies == NULL)
		return;
	now = http_cookies_dump(a->h);
	li_at = http_cookie_get(a->h, "li_at");
	if (strcmp(now, a->saved_cookies) != 0 && li_at != NULL) {
		session_capture(a->ses, a->h);
		if (session_save(a->ses_path, a->ses, &err) != LC_OK)
			fprintf(stderr, "linchat: %s\n", err.msg);
	}
	free(li_at);
	free(now);
}

/* Opens the store and fills the model from it; problems go to the status
 * bar (the UI still runs, from the network alone). */
static void
app_store(struct app *a)
{
	struct lc_error err;
	char *path = xdg_path(XDG_DATA, "linchat.db");

	memset(&err, 0, sizeof err);
	if (store_open(path, &a->st, &err) != LC_OK) {
		a->st = NULL;
		app_notice(a, err.msg);
		goto out;
	}
	if (store_load(a->st, a->m, &err) != LC_OK)
		app_notice(a, err.msg);
	if (store_notice(a->st) != NULL)
		app_notice(a, store_notice(a->st));
out:
	free(path);
}

int
app_run(const struct cli_opts *o)
{
	struct app a;
	struct tui_opts to;
	const char *account = NULL;
	int ret;

	memset(&a, 0, sizeof a);
	a.o = o;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("linchat: the screen needs a terminal: run linchat in "
		      "one, or give it a command (linchat --help).\n",
		      stderr);
		return 1;
	}
	if ((ret = app_config(&a)) != 0)
		goto out;
	if (o->timing_path != NULL &&
	    timing_open(o->timing_path, &a.err) != LC_OK) {
		fprintf(stderr, "linchat: %s\n", a.err.msg);
		ret = 1;
		goto out;
	}
	a.ses_path = session_default_path();
	if (session_load(a.ses_path, &a.ses, &a.err) != LC_OK) {
		a.ses = NULL;
		if (a.err.code != LC_EAUTH) {
			fprintf(stderr, "linchat: %s\n", a.err.msg);
			ret = lc_exit_code(a.err.code);
			goto out;
		}
		if ((ret = app_first_login(&a)) != 0) {
			ret = ret < 0 ? 0 : ret;
			goto out;
		}
	} else if (app_http(&a, NULL, &a.err) != LC_OK) {
		fprintf(stderr, "linchat: %s\n", a.err.msg);
		ret = a.err.code == LC_EINVAL ? 1 : lc_exit_code(a.err.code);
		goto out;
	}
	a.saved_cookies = http_cookies_dump(a.h);
	a.m = model_new();
	if (a.ses->warning != NULL)
		app_notice(&a, a.ses->warning);
	app_store(&a);
	/* started by act_first_frame(), once the inbox is on screen */
	if ((a.w = worker_new(a.cfg, &a.vc, a.m, a.st, &a.err)) == NULL) {
		fprintf(stderr, "linchat: %s\n", a.err.msg);
		ret = 5;
		goto out;
	}
	if (a.ses->name != NULL && a.ses->name[0] != '\0')
		account = a.ses->name;
	else if (a.ses->public_id != NULL)
		account = a.ses->public_id;
	memset(&to, 0, sizeof to);
	to.model = a.m;
	to.wake_fd = worker_wake_fd(a.w);
	to.config = a.cfg;
	to.account = account;
	to.actions.ctx = &a;
	to.actions.send = act_send;
	to.actions.sync = act_sync;
	to.actions.open = act_open;
	to.actions.fetch_older = act_fetch_older;
	to.actions.mark_read = act_mark_read;
	to.actions.save_draft = act_save_draft;
	to.actions.user_active = act_user_active;
	to.actions.wake_drain = act_wake_drain;
	to.actions.profile = act_profile;
	to.actions.connect = act_connect;
	to.actions.invitations = act_invitations;
	to.actions.search = act_search;
	to.actions.invitation_reply = act_invitation_reply;
	to.actions.send_new = act_send_new;
	to.actions.react = act_react;
	to.actions.edit = act_edit;
	to.actions.recall = act_recall;
	to.actions.first_frame = act_first_frame;
	ret = 0;
	if (tui_run(&to, &a.err) != LC_OK) {
		fprintf(stderr, "linchat: %s\n", a.err.msg);
		ret = 5;
	}
	worker_stop(a.w);
	if (a.st != NULL && a.draft_urn != NULL &&
	    store_set_draft(a.st, a.draft_urn, a.draft_text,
	                    (int64_t)time(NULL) * 1000, &a.err) != LC_OK)
		fprintf(stderr, "linchat: %s\n", a.err.msg);
out:
	worker_free(a.w);
	app_save_session(&a);
	store_close(a.st);
	model_free(a.m);
	http_session_free(a.h);
	session_free(a.ses);
	free(a.saved_cookies);
	free(a.draft_urn);
	free(a.draft_text);
	free(a.ses_path);
	config_free(a.cfg);
	log_close();
	return ret;
}
