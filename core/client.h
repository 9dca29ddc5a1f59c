/* client.h — one client: everything a front end needs to talk to LinkedIn.
 *
 * The terminal interface (tui/app.c) and the command line (tui/cli.c)
 * both open this one object instead of assembling the parts themselves
 * (curl's easy handle, neomutt's account): the config, the log, the saved
 * session, the http session on it (which holds the request budget), the
 * Voyager context with the config's [query_ids] and the session's mailbox,
 * and, for the terminal interface, the store.
 *
 * Set-up comes in steps, because the front ends do different things in
 * between (the command line parses its arguments before it needs the
 * session; the terminal interface shows a sign-in screen when there is
 * none): client_open() (config and log), then client_session() (the saved
 * session) or client_relogin() (a fresh one, for signing in), then
 * client_store() if wanted.
 *
 * Like all of core/, nothing here prints: each call returns an enum lc_err
 * with a sentence in err, c->failed names the step that failed, and the
 * front end says it in its own words.  Main thread only; while a worker
 * runs it owns c->h and c->vc (see worker.h).
 */
#ifndef LC_CLIENT_H
#define LC_CLIENT_H

#include "core/config.h"
#include "core/err.h"
#include "core/http.h"
#include "core/ratelimit.h"
#include "core/session.h"
#include "core/store.h"
#include "core/voyager-profile.h"
#include "core/voyager.h"

/* Apply a saved session that has no cookies too (client_session()): its
 * host is still checked against the base URL (LC_EAUTH for another) and
 * its mailbox id saves a /me.  The command line opens with it; without
 * it, as in the terminal interface, such a session is left out of the
 * http session as if there were nothing to apply. */
#define CLIENT_APPLY_BARE 0x01

struct client_opts {
	const char *config_path; /* --config: must exist; NULL: the default,
	                            which may be missing */
	const char *log_path;    /* --log; NULL: the config's [log] file */
	int log_bodies;          /* --log-bodies (or the config's) */
	const char *base_url;    /* --base-url; NULL: the config's */
	const char *log_what;    /* the log's first line says "linchat
	                            VERSION: log_what" */
	unsigned flags;          /* CLIENT_* */
};

/* The step of set-up that failed last (c->failed). */
enum client_step {
	CLIENT_STEP_NONE,
	CLIENT_STEP_CONFIG,  /* the config file; c->cfg->problems lists
	                        each problem (there may be none, e.g. a
	                        --config file that cannot be read) */
	CLIENT_STEP_LOG,     /* opening the log */
	CLIENT_STEP_SESSION, /* reading the saved session (LC_EAUTH: none) */
	CLIENT_STEP_HTTP,    /* the http session, a [query_ids] line, or a
	                        session saved for another host (LC_EAUTH) */
	CLIENT_STEP_STORE,   /* opening the store */
};

/* Callers read these; only client_* change them. */
struct client {
	struct config *cfg;
	struct session *ses;      /* NULL until client_session() or
	                             client_relogin() */
	char *ses_path;           /* the session file */
	struct http_session *h;   /* NULL until then too */
	struct voyager_ctx vc;    /* on h, once h is set */
	struct ratelimit *budget; /* the request budget: http_ratelimit(h),
	                            owned by h, saved when h is freed */
	struct store *st;         /* NULL until client_store() */
	enum client_step failed;  /* CLIENT_STEP_NONE after a success */
	/* private */
	unsigned flags;
	char *base_url;      /* client_opts.base_url, copied */
	char *saved_cookies; /* the jar as last saved or loaded, to notice
	                        refreshes; NULL: nothing to save */
	int log_opened;
};

/* Reads the config (o->config_path) and opens the log.  *out is always
 * set, also on failure (then c->failed and err say what; the config's
 * problems are in (*out)->cfg); free it with client_close().  o is not
 * kept. */
enum lc_err client_open(const struct client_opts *o, struct client **out,
                        struct lc_error *err);

/* Loads the saved session and opens the http session on it: the config's
 * settings, o->base_url, the session's user agent, its cookies and
 * mailbox id (see CLIENT_APPLY_BARE).  Does nothing once c->h is set.
 * A warning of session_load() is in c->ses->warning for the caller to
 * show. */
enum lc_err client_session(struct client *c, struct lc_error *err);

/* Starts a sign-in: drops the session (the file stays) for an empty one
 * and opens a new http session, replacing any, with user agent ua (NULL:
 * the config's) and no cookies.  Log in on c->h, then
 * client_learn_me() and client_save_session(). */
enum lc_err client_relogin(struct client *c, const char *ua,
                           struct lc_error *err);

/* Asks /me who this is (voyager_me(), caller frees me with
 * voyager_me_free()) and writes the answer into c->ses: mailbox id, name
 * ("First Last"), public id.  Blocks. */
enum lc_err client_learn_me(struct client *c, struct voyager_me *me,
                            struct lc_error *err);

/* Writes c->ses with c->h's cookies to the session file now. */
enum lc_err client_save_session(struct client *c, struct lc_error *err);

/* The session changed in a way the cookies do not show (the identity was
 * learnt again): client_save_refreshed() writes it. */
void client_session_changed(struct client *c);

/* Deletes the session file; client_save_refreshed() will not write it
 * again. */
enum lc_err client_session_remove(struct client *c, struct lc_error *err);

/* Writes the session file if the service refreshed the cookies (or
 * client_session_changed() ran) since it was loaded or saved, and the jar
 * still holds li_at.  Call it when nothing else uses c->h (after
 * worker_stop()). */
enum lc_err client_save_refreshed(struct client *c, struct lc_error *err);

/* Opens the store at $XDG_DATA_HOME/linchat/linchat.db into c->st (NULL
 * on failure); store_notice(c->st) may have something to say. */
enum lc_err client_store(struct client *c, struct lc_error *err);

/* Frees everything: the store, the http session (saving the budget), the
 * session, the config, and closes the log if client_open() opened it.
 * Does not save the session (client_save_refreshed()).  NULL is fine. */
void client_close(struct client *c);

#endif
