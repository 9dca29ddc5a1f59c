/* client.c — see client.h.
 *
 * The session file is rewritten only when it has something new: after a
 * sign-in (client_save_session()), or at the end when the service
 * refreshed the cookies meanwhile (client_save_refreshed() compares the jar
 * with the one loaded or last saved).  A jar without li_at is never
 * written over a good session: that is a session the service ended, and
 * the user's next step is to sign in again, not to lose the file.
 */
#include <stdlib.h>
#include <string.h>

#include "core/client.h"
#include "core/log.h"
#include "core/xdg.h"
#include "core/xmalloc.h"

static enum lc_err
client_fail(struct client *c, enum client_step step, enum lc_err rc)
{
	c->failed = step;
	return rc;
}

enum lc_err
client_open(const struct client_opts *o, struct client **out,
            struct lc_error *err)
{
	struct client *c = xcalloc(1, sizeof *c);
	const char *log_path;
	enum lc_err rc;

	*out = c;
	c->flags = o->flags;
	c->base_url = xstrdup_or_null(o->base_url);
	c->ses_path = session_default_path();
	c->cfg = config_new();
	rc = config_load(c->cfg, o->config_path, o->config_path != NULL, err);
	if (rc != LC_OK)
		return client_fail(c, CLIENT_STEP_CONFIG, rc);
	log_path = o->log_path != NULL ? o->log_path : c->cfg->log_file;
	if (log_path == NULL)
		return LC_OK;
	rc = log_open(log_path, (enum log_level)c->cfg->log_level,
	              o->log_bodies || c->cfg->log_bodies, err);
	if (rc != LC_OK)
		return client_fail(c, CLIENT_STEP_LOG, rc);
	c->log_opened = 1;
	log_msg(LOGL_INFO, "linchat %s: %s", LINCHAT_VERSION,
	        o->log_what != NULL ? o->log_what : "client");
	return LC_OK;
}

/* The config's [query_ids] into c->vc. */
static enum lc_err
client_query_ids(struct client *c, struct lc_error *err)
{
	const struct config_kv *q;
	size_t i;

	for (i = 0; i < c->cfg->nquery_ids; i++) {
		q = &c->cfg->query_ids[i];
		if (voyager_ids_set(&c->vc.ids, q->name, q->value) != LC_OK)
			return lc_error_set(
			    err, LC_EINVAL,
			    "%s:%d: [query_ids] "
			    "%s: unknown name, or a value that is not a query "
			    "id; see docs/config.md.",
			    c->cfg->path != NULL ? c->cfg->path : "config",
			    q->line, q->name);
	}
	return LC_OK;
}

/* A new http session (replacing any) for the config, the base URL and
 * ua (else the session's user agent), with an empty jar. */
static enum lc_err
client_http(struct client *c, const char *ua, struct lc_error *err)
{
	struct http_config hc;

	http_session_free(c->h);
	c->budget = NULL;
	config_http(c->cfg, &hc);
	if (c->base_url != NULL)
		hc.base_url = c->base_url;
	if (ua != NULL)
		hc.user_agent = ua;
	else if (c->ses != NULL && c->ses->user_agent != NULL)
		hc.user_agent = c->ses->user_agent;
	if ((c->h = http_session_new(&hc, err)) == NULL)
		return err->code;
	c->budget = http_ratelimit(c->h);
	voyager_ctx_init(&c->vc, c->h);
	return client_query_ids(c, err);
}

enum lc_err
client_session(struct client *c, struct lc_error *err)
{
	enum lc_err rc;

	if (c->h != NULL)
		return LC_OK;
	if ((rc = session_load(c->ses_path, &c->ses, err)) != LC_OK) {
		c->ses = NULL;
		return client_fail(c, CLIENT_STEP_SESSION, rc);
	}
	if ((rc = client_http(c, NULL, err)) != LC_OK)
		return client_fail(c, CLIENT_STEP_HTTP, rc);
	if (c->ses->cookies != NULL || (c->flags & CLIENT_APPLY_BARE)) {
		if ((rc = session_apply(c->ses, c->h, err)) != LC_OK)
			return client_fail(c, CLIENT_STEP_HTTP, rc);
		if (c->ses->mailbox_id != NULL)
			voyager_ctx_set_mailbox(&c->vc, c->ses->mailbox_id,
			                        NULL);
	}
	c->saved_cookies = http_cookies_dump(c->h);
	c->failed = CLIENT_STEP_NONE;
	return LC_OK;
}

enum lc_err
client_relogin(struct client *c, const char *ua, struct lc_error *err)
{
	enum lc_err rc;

	session_free(c->ses);
	c->ses = xcalloc(1, sizeof *c->ses);
	c->ses->user_agent = xstrdup_or_null(ua);
	free(c->saved_cookies);
	c->saved_cookies = NULL;
	if ((rc = client_http(c, ua, err)) != LC_OK)
		return client_fail(c, CLIENT_STEP_HTTP, rc);
	c->failed = CLIENT_STEP_NONE;
	return LC_OK;
}

enum lc_err
client_learn_me(struct client *c, struct voyager_me *me, struct lc_error *err)
{
	struct session *s = c->ses;
	enum lc_err rc;

	if ((rc = voyager_me(&c->vc, me, err)) != LC_OK)
		return rc;
	free(s->mailbox_id);
	free(s->name);
	free(s->public_id);
	s->mailbox_id = xstrdup_or_null(me->urn_id);
	s->name = xasprintf("%s%s%s", me->first_name ? me->first_name : "",
	                    me->first_name && me->last_name ? " " : "",
	                    me->last_name ? me->last_name : "");
	s->public_id = xstrdup_or_null(me->public_id);
	return LC_OK;
}

enum lc_err
client_save_session(struct client *c, struct lc_error *err)
{
	enum lc_err rc;

	session_capture(c->ses, c->h);
	if ((rc = session_save(c->ses_path, c->ses, err)) != LC_OK)
		return rc;
	free(c->saved_cookies);
	c->saved_cookies = http_cookies_dump(c->h);
	return LC_OK;
}

void
client_session_changed(struct client *c)
{
	free(c->saved_cookies);
	c->saved_cookies = xstrdup("");
}

enum lc_err
client_session_remove(struct client *c, struct lc_error *err)
{
	free(c->saved_cookies);
	c->saved_cookies = NULL;
	return session_remove(c->ses_path, err);
}

enum lc_err
client_save_refreshed(struct client *c, struct lc_error *err)
{
	enum lc_err rc = LC_OK;
	char *now, *li_at;

	if (c->ses == NULL || c->h == NULL || c->saved_cookies == NULL)
		return LC_OK;
	now = http_cookies_dump(c->h);
	li_at = http_cookie_get(c->h, "li_at");
	if (strcmp(now, c->saved_cookies) != 0 && li_at != NULL) {
		session_capture(c->ses, c->h);
		if ((rc = session_save(c->ses_path, c->ses, err)) == LC_OK) {
			free(c->saved_cookies);
			c->saved_cookies = now;
			now = NULL;
		}
	}
	free(li_at);
	free(now);
	return rc;
}

enum lc_err
client_store(struct client *c, struct lc_error *err)
{
	char *path = xdg_path(XDG_DATA, "linchat.db");
	enum lc_err rc;

	store_close(c->st);
	if ((rc = store_open(path, &c->st, err)) != LC_OK) {
		c->st = NULL;
		c->failed = CLIENT_STEP_STORE;
	}
	free(path);
	return rc;
}

void
client_close(struct client *c)
{
	if (c == NULL)
		return;
	store_close(c->st);
	http_session_free(c->h);
	session_free(c->ses);
	config_free(c->cfg);
	free(c->ses_path);
	free(c->saved_cookies);
	free(c->base_url);
	if (c->log_opened)
		log_close();
	free(c);
}
