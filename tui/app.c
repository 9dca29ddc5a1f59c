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
#include <unistd.h>

#include "tui/advice.h"
#include "tui/app.h"
#include "core/auth.h"
#include "core/client.h"
#include "core/clock.h"
#include "core/lockfile.h"
#include "tui/login.h"
#include "tui/screen.h"
#include "core/model.h"
#include "core/session.h"
#include "core/store.h"
#include "tui/theme.h"
#include "tui/timing.h"
#include "tui/tui.h"
#include "core/voyager-profile.h"
#include "core/voyager.h"
#include "core/worker.h"
#include "core/xdg.h"
#include "core/xmalloc.h"

struct app {
	const struct cli_opts *o;
	struct client *cl; /* config, session, http, store */
	struct model *m;
	struct worker *w;
	char *draft_urn;         /* the last draft saved, written again after */
	char *draft_text;        /* the worker stopped (it drops queued jobs) */
	char *notice;            /* app_notice() before the worker exists */
	struct lockfile *lock;   /* one screen per account (lockfile.h) */
	struct store *search_st; /* the UI's own read connection, for the
	                            message search (opened at its first) */
	struct lc_error err;
};

/* One screen per account: its worker owns the store's outbox.  Prints
 * why not and returns the exit code, or 0. */
static int
app_lock(struct app *a)
{
	char *dir = xdg_path(XDG_DATA, NULL), *path;
	enum lc_err rc;

	path = xasprintf("%s/linchat.db.lock", dir);
	rc = xdg_mkdir_p(dir, 0700, &a->err);
	if (rc == LC_OK)
		rc = lockfile_take(path, &a->lock, &a->err);
	free(path);
	free(dir);
	if (rc == LC_OK)
		return 0;
	fprintf(stderr, "linchat: %s\n", a->err.msg);
	return rc == LC_EINVAL ? 1 : lc_exit_code(rc);
}

/* Opens the client (config and log); prints problems and returns the
 * exit code, or 0. */
static int
app_open(struct app *a)
{
	struct client_opts co;
	struct config *cfg;
	enum lc_err rc;
	size_t i;

	cli_client_opts(a->o, &co);
	co.log_what = "terminal interface";
	if ((rc = client_open(&co, &a->cl, &a->err)) == LC_OK)
		return 0;
	if (a->cl->failed == CLIENT_STEP_LOG) {
		fprintf(stderr, "linchat: %s\n", a->err.msg);
		return lc_exit_code(rc);
	}
	cfg = a->cl->cfg;
	for (i = 0; i < cfg->nproblems; i++)
		fprintf(stderr, "linchat: %s\n", cfg->problems[i]);
	if (cfg->nproblems == 0)
		fprintf(stderr, "linchat: %s\n", a->err.msg);
	fprintf(stderr, "linchat: fix the config file and try again "
	                "(docs/config.md lists every key).\n");
	return 1;
}

/* The sign-in screen's try: log in or import, ask /me, save. */
static enum lc_err
app_login_try(void *ctx, const struct login_input *in, struct lc_error *err)
{
	struct app *a = ctx;
	struct voyager_me me;
	enum lc_err rc;

	memset(&me, 0, sizeof me);
	rc = client_relogin(a->cl, in->cookies ? in->user_agent : NULL, err);
	if (rc != LC_OK)
		return rc;
	if (in->cookies)
		rc = auth_import(a->cl->h, in->li_at, in->jsessionid, err);
	else
		rc = auth_login(a->cl->h, in->email, in->password, err);
	if (rc == LC_OK) {
		rc = client_learn_me(a->cl, &me, err);
		if (rc == LC_EAUTH && in->cookies)
			lc_error_set(
			    err, LC_EAUTH,
			    "LinkedIn did not accept "
			    "these cookies; copy li_at and JSESSIONID again "
			    "from a browser where you are signed in.");
	}
	if (rc == LC_OK)
		rc = client_save_session(a->cl, err);
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

	if (a->cl->cfg->theme != NULL)
		theme_load(t, a->cl->cfg->theme, &err);
	memset(&err, 0, sizeof err);
	r = login_run(t, a->cl->ses_path, app_login_try, a, &err);
	theme_free(t);
	if (r < 0) {
		fprintf(stderr, "linchat: %s\n", err.msg);
		fprintf(stderr, "linchat: or sign in with `linchat login`.\n");
		return 2;
	}
	return r == 0 ? 0 : -1;
}

/* A sentence for the status bar before the worker exists: kept (the
 * last one wins, as the status bar shows one) and handed to the worker's
 * worker_push_notice() once it does. */
static void
app_notice(struct app *a, const char *msg)
{
	if (a->w != NULL) {
		worker_push_notice(a->w, msg);
		return;
	}
	free(a->notice);
	a->notice = xstrdup(msg);
}

/* --- the UI's actions: each only queues a job --- */

static void
act_send(void *ctx, const char *conv_urn, const char *text,
         const char *origin_token)
{
	struct app *a = ctx;
	struct lc_error err;

	/* a refused send shows failed, with the reason (worker.h) */
	memset(&err, 0, sizeof err);
	worker_push_send(a->w, conv_urn, text, origin_token, &err);
}

static void
act_take_back(void *ctx, const char *origin_token)
{
	struct app *a = ctx;

	worker_push_take_back(a->w, origin_token);
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

static uint64_t
act_profile(void *ctx, const char *who)
{
	struct app *a = ctx;

	return worker_push_profile(a->w, who);
}

static uint64_t
act_connect(void *ctx, const char *who, const char *note)
{
	struct app *a = ctx;

	return worker_push_connect(a->w, who, note);
}

static uint64_t
act_search(void *ctx, const char *keywords)
{
	struct app *a = ctx;

	return worker_push_search(a->w, keywords);
}

static uint64_t
act_invitations(void *ctx)
{
	struct app *a = ctx;

	return worker_push_invitations(a->w);
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

	/* a refusal leaves its sentence in the status bar (worker.h) */
	memset(&err, 0, sizeof err);
	return worker_push_send_new(a->w, recipient, name, text, origin_token,
	                            &err) != 0
	           ? -1
	           : 0;
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
act_typing(void *ctx, const char *conv_urn)
{
	struct app *a = ctx;

	if (a->w != NULL)
		worker_push_typing(a->w, conv_urn);
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

static void
act_folder(void *ctx, enum folder f)
{
	struct app *a = ctx;

	worker_push_folder(a->w, f);
}

static int
act_triage(void *ctx, enum worker_triage op, const char *const *conv_urns,
           size_t n)
{
	struct app *a = ctx;

	return worker_push_triage(a->w, op, conv_urns, n);
}

static uint64_t
act_find(void *ctx, const char *keywords)
{
	struct app *a = ctx;

	return worker_push_find(a->w, keywords);
}

/* On a second connection to the same file (WAL: readers never wait for
 * the worker's writes), opened by the first search. */
static long
act_search_messages(void *ctx, const char *words, size_t limit,
                    struct store_hit **out, struct lc_error *err)
{
	struct app *a = ctx;
	char *path;

	*out = NULL;
	if (a->cl->st == NULL) {
		lc_error_set(err, LC_EIO,
		             "There is no local store to search: linchat could "
		             "not open it (see the notice at start).");
		return -1;
	}
	if (a->search_st == NULL) {
		path = xdg_path(XDG_DATA, "linchat.db");
		if (store_open(path, &a->search_st, err) != LC_OK)
			a->search_st = NULL;
		free(path);
		if (a->search_st == NULL)
			return -1;
	}
	return store_search_messages(a->search_st, words, 0, limit, out, err);
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

/* Opens the store and fills the model from it; problems go to the status
 * bar (the UI still runs, from the network alone). */
static void
app_store(struct app *a)
{
	struct lc_error err;

	memset(&err, 0, sizeof err);
	if (client_store(a->cl, &err) != LC_OK) {
		app_notice(a, err.msg);
		return;
	}
	if (store_load(a->cl->st, a->m, &err) != LC_OK)
		app_notice(a, err.msg);
	if (store_notice(a->cl->st) != NULL)
		app_notice(a, store_notice(a->cl->st));
}

int
app_run(const struct cli_opts *o)
{
	struct app a;
	struct tui_opts to;
	const char *account = NULL;
	struct session *ses;
	int ret;

	memset(&a, 0, sizeof a);
	a.o = o;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("linchat: the screen needs a terminal: run linchat in "
		      "one, or give it a command (linchat --help).\n",
		      stderr);
		return 1;
	}
	if (screen_check_term(&a.err) != LC_OK) {
		fprintf(stderr, "linchat: %s\n", a.err.msg);
		return 1;
	}
	if ((ret = app_open(&a)) != 0 || (ret = app_lock(&a)) != 0)
		goto out;
	if (o->timing_path != NULL &&
	    timing_open(o->timing_path, &a.err) != LC_OK) {
		fprintf(stderr, "linchat: %s\n", a.err.msg);
		ret = 1;
		goto out;
	}
	if (client_session(a.cl, &a.err) != LC_OK) {
		if (a.cl->failed != CLIENT_STEP_SESSION ||
		    a.err.code != LC_EAUTH) {
			advice_apply(&a.err, ADVICE_CLI);
			fprintf(stderr, "linchat: %s\n", a.err.msg);
			ret = lc_exit_code(a.err.code);
			goto out;
		}
		if ((ret = app_first_login(&a)) != 0) {
			ret = ret < 0 ? 0 : ret;
			goto out;
		}
	}
	ses = a.cl->ses;
	a.m = model_new();
	if (ses->warning != NULL)
		app_notice(&a, ses->warning);
	app_store(&a);
	/* started by act_first_frame(), once the inbox is on screen */
	if ((a.w = worker_new(a.cl->cfg, &a.cl->vc, a.m, a.cl->st, &a.err)) ==
	    NULL) {
		fprintf(stderr, "linchat: %s\n", a.err.msg);
		ret = 5;
		goto out;
	}
	if (a.notice != NULL)
		worker_push_notice(a.w, a.notice);
	if (ses->name != NULL && ses->name[0] != '\0')
		account = ses->name;
	else if (ses->public_id != NULL)
		account = ses->public_id;
	memset(&to, 0, sizeof to);
	to.model = a.m;
	to.wake_fd = worker_wake_fd(a.w);
	to.config = a.cl->cfg;
	to.account = account;
	to.actions.ctx = &a;
	to.actions.send = act_send;
	to.actions.take_back = act_take_back;
	to.actions.sync = act_sync;
	to.actions.open = act_open;
	to.actions.fetch_older = act_fetch_older;
	to.actions.mark_read = act_mark_read;
	to.actions.save_draft = act_save_draft;
	to.actions.user_active = act_user_active;
	to.actions.typing = act_typing;
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
	to.actions.folder = act_folder;
	to.actions.triage = act_triage;
	to.actions.search_messages = act_search_messages;
	to.actions.find = act_find;
	ret = 0;
	if (tui_run(&to, &a.err) != LC_OK) {
		fprintf(stderr, "linchat: %s\n", a.err.msg);
		ret = 5;
	}
	worker_stop(a.w);
	if (a.cl->st != NULL && a.draft_urn != NULL &&
	    store_set_draft(a.cl->st, a.draft_urn, a.draft_text,
	                    clock_wall_ms(), &a.err) != LC_OK)
		fprintf(stderr, "linchat: %s\n", a.err.msg);
out:
	worker_free(a.w);
	store_close(a.search_st);
	/* the worker is gone: nothing else uses the http session now */
	if (a.cl != NULL && client_save_refreshed(a.cl, &a.err) != LC_OK)
		fprintf(stderr, "linchat: %s\n", a.err.msg);
	client_close(a.cl);
	model_free(a.m);
	free(a.draft_urn);
	free(a.draft_text);
	free(a.notice);
	lockfile_release(a.lock);
	return ret;
}
