/* session.c — see session.h.
 *
 * File format, one item a line, tab-separated:
 *	linchat-session	1
 *	user_agent	<text>
 *	mailbox_id	<id>
 *	name	<text>
 *	public_id	<id>
 *	host	<host[:port] the cookies belong to>
 *	cookie	<name>	<value>
 * Unknown items are skipped so a newer linchat's file still loads.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/session.h"
#include "core/xdg.h"
#include "core/xmalloc.h"

char *
session_default_path(void)
{
	return xdg_path(XDG_STATE, "session");
}

void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	free(s->cookies);
	free(s->user_agent);
	free(s->mailbox_id);
	free(s->name);
	free(s->public_id);
	free(s->host);
	free(s->warning);
	free(s);
}

/* Values may not hold tabs or line breaks: they would break the format. */
static void
session_add(struct buf *b, const char *key, const char *v)
{
	const char *p;

	if (v == NULL)
		return;
	for (p = v; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			return;
	}
	buf_addf(b, "%s\t%s\n", key, v);
}

enum lc_err
session_save(const char *path, const struct session *s, struct lc_error *err)
{
	char *dflt = NULL, *dir, *slash;
	struct buf b;
	const char *p;
	enum lc_err rc;
	size_t n;

	if (path == NULL)
		path = dflt = session_default_path();
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		if ((rc = xdg_mkdir_p(dir, 0700, err)) != LC_OK)
			goto out;
	}
	buf_init(&b, 0);
	buf_addstr(&b, "linchat-session\t1\n");
	session_add(&b, "user_agent", s->user_agent);
	session_add(&b, "mailbox_id", s->mailbox_id);
	session_add(&b, "name", s->name);
	session_add(&b, "public_id", s->public_id);
	session_add(&b, "host", s->host);
	for (p = s->cookies; p != NULL && *p != '\0';) {
		n = strcspn(p, "\n");
		if (n > 0) {
			buf_addstr(&b, "cookie\t");
			buf_add(&b, p, n);
			buf_addc(&b, '\n');
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	rc = xdg_write_atomic(path, b.data, b.len, 0600, err);
	buf_release(&b);
out:
	free(dir);
	free(dflt);
	return rc;
}

/* linchat's own folder, $XDG_STATE_HOME/linchat: it made that one 0700
 * and may tighten it again.  Any other parent is somebody else's. */
static int
session_dir_is_ours(const char *dir)
{
	char *own = xdg_path(XDG_STATE, NULL);
	size_t n = strlen(own);
	int ours;

	while (n > 1 && own[n - 1] == '/')
		own[--n] = '\0';
	ours = strcmp(dir, own) == 0;
	free(own);
	return ours;
}

static void
session_fix_mode(const char *path, struct session *s)
{
	struct stat st;
	char *dir = xstrdup(path), *slash = strrchr(dir, '/'), *msg;

	/* The directory first: others should not even list it.  Only our
	 * own is changed (as root a chmod of /tmp would succeed). */
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		if (stat(dir, &st) == 0 && (st.st_mode & 077) != 0) {
			if (!session_dir_is_ours(dir))
				s->warning = xasprintf(
				    "The directory %s can be read by other "
				    "users (mode %04o); it is not linchat's "
				    "own, so linchat left it alone.",
				    dir, (unsigned)(st.st_mode & 07777));
			else if (chmod(dir, 0700) == 0)
				s->warning = xasprintf(
				    "The directory %s could be read "
				    "by other users (mode %04o); linchat set "
				    "it to 0700.",
				    dir, (unsigned)(st.st_mode & 07777));
		}
	}
	free(dir);
	if (stat(path, &st) != 0 || (st.st_mode & 077) == 0)
		return;
	if (chmod(path, 0600) == 0)
		msg = xasprintf(
		    "The session file %s could be read by "
		    "other users (mode %04o); linchat set it to 0600.",
		    path, (unsigned)(st.st_mode & 07777));
	else
		msg = xasprintf(
		    "The session file %s can be read by "
		    "other users (mode %04o) and linchat could not fix it: "
		    "%s.",
		    path, (unsigned)(st.st_mode & 07777), strerror(errno));
	if (s->warning != NULL) {
		char *both = xasprintf("%s %s", s->warning, msg);

		free(msg);
		free(s->warning);
		msg = both;
	}
	s->warning = msg;
}

/* A repeated line (a hand-edited file) wins over the earlier one. */
static void
session_take(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

enum lc_err
session_load(const char *path, struct session **out, struct lc_error *err)
{
	char *dflt = NULL, *text = NULL, *p, *nl, *tab, *next;
	struct session *s = NULL;
	struct buf cookies;
	enum lc_err rc;
	int first = 1;

	*out = NULL;
	buf_init(&cookies, 0);
	if (path == NULL)
		path = dflt = session_default_path();
	rc = xdg_read_file(path, 1 << 20, &text, NULL, err);
	if (rc == LC_ENOTFOUND) {
		rc = lc_error_set(err, LC_EAUTH, "Not logged in.");
		lc_error_advise(err, LC_NEXT_LOGIN);
		goto out;
	}
	if (rc != LC_OK)
		goto out;
	s = xcalloc(1, sizeof *s);
	session_fix_mode(path, s);
	for (p = text; *p != '\0'; p = next) {
		nl = strchr(p, '\n');
		next = nl != NULL ? nl + 1 : p + strlen(p);
		if (nl != NULL)
			*nl = '\0';
		tab = strchr(p, '\t');
		if (first &&
		    (tab == NULL || strncmp(p, "linchat-session\t", 16) != 0)) {
			rc = lc_error_set(err, LC_EIO,
			                  "The session file %s is "
			                  "not one linchat wrote; remove it.",
			                  path);
			lc_error_advise(err, LC_NEXT_LOGIN);
			goto out;
		}
		first = 0;
		if (tab != NULL) {
			*tab++ = '\0';
			if (strcmp(p, "cookie") == 0 &&
			    strchr(tab, '\t') != NULL)
				buf_addf(&cookies, "%s\n", tab);
			else if (strcmp(p, "user_agent") == 0)
				session_take(&s->user_agent, tab);
			else if (strcmp(p, "mailbox_id") == 0)
				session_take(&s->mailbox_id, tab);
			else if (strcmp(p, "name") == 0)
				session_take(&s->name, tab);
			else if (strcmp(p, "public_id") == 0)
				session_take(&s->public_id, tab);
			else if (strcmp(p, "host") == 0)
				session_take(&s->host, tab);
		}
	}
	if (first) {
		rc = lc_error_set(err, LC_EIO, "The session file %s is empty.",
		                  path);
		lc_error_advise(err, LC_NEXT_LOGIN);
		goto out;
	}
	s->cookies = buf_detach(&cookies);
	*out = s;
	s = NULL;
out:
	buf_release(&cookies);
	session_free(s);
	free(text);
	free(dflt);
	return rc;
}

enum lc_err
session_remove(const char *path, struct lc_error *err)
{
	char *dflt = NULL;
	enum lc_err rc = LC_OK;

	if (path == NULL)
		path = dflt = session_default_path();
	if (unlink(path) != 0 && errno != ENOENT)
		rc = lc_error_set(err, LC_EIO, "Cannot remove %s: %s.", path,
		                  strerror(errno));
	free(dflt);
	return rc;
}

enum lc_err
session_apply(const struct session *s, struct http_session *h,
              struct lc_error *err)
{
	http_cookies_clear(h);
	if (s->host != NULL && strcasecmp(s->host, http_host(h)) != 0) {
		lc_error_set(err, LC_EAUTH,
		             "The saved session belongs "
		             "to %s, not to %s (the base URL); linchat sends "
		             "its cookies nowhere else.",
		             s->host, http_host(h));
		lc_error_advise(err, LC_NEXT_LOGIN);
		return LC_EAUTH;
	}
	if (s->cookies != NULL)
		http_cookies_load(h, s->cookies);
	return LC_OK;
}

void
session_capture(struct session *s, struct http_session *h)
{
	free(s->cookies);
	s->cookies = http_cookies_dump(h);
	free(s->host);
	s->host = xstrdup(http_host(h));
}
