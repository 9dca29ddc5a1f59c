/* auth.c — see auth.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/auth.h"
#include "core/buf.h"
#include "core/jsonx.h"
#include "core/xmalloc.h"

/* application/x-www-form-urlencoded value. */
static void
auth_form_value(struct buf *b, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (isalnum(*p) || *p == '-' || *p == '.' || *p == '_' ||
		    *p == '~')
			buf_addc(b, (char)*p);
		else
			buf_addf(b, "%%%02X", *p);
	}
}

static enum lc_err
auth_result(struct http_session *h, const char *email,
            const struct http_response *resp, enum lc_err rc,
            struct lc_error *err)
{
	struct jsonx *o = NULL;
	char *result = NULL, *url = NULL, *li_at = NULL;

	if (resp->body.len > 0)
		o = jsonx_parse(resp->body.data, resp->body.len, NULL);
	result = jsonx_dup_str(o, "login_result");
	if (result == NULL) {
		if (resp->status == 401) {
			rc = lc_error_set(
			    err, LC_EAUTH,
			    "LinkedIn refused the "
			    "login (401) without saying why; try again later, "
			    "or import cookies from a browser.");
			lc_error_advise(err, LC_NEXT_IMPORT);
		} else if (rc == LC_OK)
			rc = lc_error_set(
			    err, LC_EBADRESP,
			    "LinkedIn's answer "
			    "to the login had no login_result; try again "
			    "later, or import cookies from a browser.");
		goto out;
	}
	if (strcmp(result, "PASS") == 0) {
		li_at = http_cookie_get(h, "li_at");
		if (li_at == NULL)
			rc = lc_error_set(
			    err, LC_EBADRESP,
			    "LinkedIn accepted "
			    "the login but set no li_at cookie; import cookies "
			    "from a browser instead.");
		else
			rc = LC_OK;
	} else if (strcmp(result, "CHALLENGE") == 0) {
		url = jsonx_dup_str(o, "challenge_url");
		rc = lc_error_set(
		    err, LC_ECHALLENGE,
		    "LinkedIn wants a security "
		    "check (a code, a captcha or an unusual location) before "
		    "it lets linchat in: open the link in a browser, or log in "
		    "there and import the cookies.");
		lc_error_advise(err, LC_NEXT_IMPORT);
		if (err != NULL && url != NULL)
			snprintf(err->detail, sizeof err->detail, "%s", url);
	} else if (strcmp(result, "BAD_PASSWORD") == 0) {
		rc = lc_error_set(err, LC_EAUTH,
		                  "LinkedIn did not accept that "
		                  "password for %s; check it.",
		                  email);
		lc_error_advise(err, LC_NEXT_RETRY_LOGIN);
	} else if (strcmp(result, "BAD_EMAIL") == 0) {
		rc = lc_error_set(err, LC_EAUTH,
		                  "LinkedIn knows no account "
		                  "with the e-mail address %s; check it.",
		                  email);
		lc_error_advise(err, LC_NEXT_RETRY_LOGIN);
	} else if (strcmp(result, "BAD_USERNAME_OR_PASSWORD") == 0) {
		rc = lc_error_set(err, LC_EAUTH,
		                  "LinkedIn did not accept that "
		                  "e-mail address and password; check them.");
		lc_error_advise(err, LC_NEXT_RETRY_LOGIN);
	} else {
		rc = lc_error_set(
		    err, LC_EAUTH,
		    "LinkedIn refused the login "
		    "(%.40s); try again later, or import cookies from a "
		    "browser.",
		    result);
		lc_error_advise(err, LC_NEXT_IMPORT);
	}
out:
	if (err != NULL && rc != LC_OK)
		err->status = (int)resp->status;
	free(li_at);
	free(url);
	free(result);
	jsonx_free(o);
	return rc;
}

enum lc_err
auth_login(struct http_session *h, const char *email, const char *password,
           struct lc_error *err)
{
	struct http_request req = {HTTP_GET,
	                           "/uas/authenticate",
	                           NULL,
	                           NULL,
	                           NULL,
	                           0,
	                           HTTP_F_LOGIN | HTTP_F_RAW |
	                               HTTP_F_IDEMPOTENT,
	                           NULL};
	struct http_response resp;
	struct buf body;
	char *jsid = NULL;
	enum lc_err rc;

	buf_init(&body, 0);
	http_cookies_clear(h);
	rc = http_do(h, &req, &resp, err);
	http_response_free(&resp);
	if (rc != LC_OK)
		goto out;
	jsid = http_cookie_get(h, "JSESSIONID");
	if (jsid == NULL) {
		rc = lc_error_set(
		    err, LC_EBADRESP,
		    "LinkedIn's login page "
		    "set no JSESSIONID cookie; try again later, or import "
		    "cookies from a browser.");
		goto out;
	}
	buf_addstr(&body, "session_key=");
	auth_form_value(&body, email);
	buf_addstr(&body, "&session_password=");
	auth_form_value(&body, password);
	buf_addstr(&body, "&JSESSIONID=");
	auth_form_value(&body, jsid);
	req.method = HTTP_POST;
	req.content_type = "application/x-www-form-urlencoded";
	req.body = body.data;
	req.body_len = body.len;
	req.flags = HTTP_F_LOGIN | HTTP_F_RAW;
	rc = http_do(h, &req, &resp, err);
	if (rc == LC_OK || resp.status == 401 || resp.status == 400)
		rc = auth_result(h, email, &resp, rc, err);
	http_response_free(&resp);
out:
	/* The body held the password: wipe it before freeing. */
	if (body.data != NULL)
		memset(body.data, 0, body.cap);
	buf_release(&body);
	free(jsid);
	if (rc != LC_OK)
		http_cookies_clear(h);
	return rc;
}

static char *
auth_clean(const char *v)
{
	size_t n;

	while (isspace((unsigned char)*v))
		v++;
	n = strlen(v);
	while (n > 0 && isspace((unsigned char)v[n - 1]))
		n--;
	return xstrndup(v, n);
}

static int
auth_cookie_ok(const char *v)
{
	const unsigned char *p;

	if (*v == '\0')
		return 0;
	for (p = (const unsigned char *)v; *p != '\0'; p++) {
		if (*p <= 0x20 || *p >= 0x7f || *p == ';' || *p == ',' ||
		    *p == '\\')
			return 0;
	}
	return 1;
}

enum lc_err
auth_import(struct http_session *h, const char *li_at, const char *jsessionid,
            struct lc_error *err)
{
	char *a = auth_clean(li_at), *j = auth_clean(jsessionid), *q = NULL;
	size_t n = strlen(j);
	enum lc_err rc = LC_OK;

	if (n >= 2 && j[0] == '"' && j[n - 1] == '"') {
		memmove(j, j + 1, n - 2);
		j[n - 2] = '\0';
	}
	if (!auth_cookie_ok(a) || strchr(a, '"') != NULL) {
		rc = lc_error_set(
		    err, LC_EINVAL,
		    "The li_at value is empty or "
		    "holds characters a cookie cannot have; copy it again "
		    "from the browser's cookie list.");
		goto out;
	}
	if (!auth_cookie_ok(j) || strchr(j, '"') != NULL) {
		rc = lc_error_set(
		    err, LC_EINVAL,
		    "The JSESSIONID value is "
		    "empty or holds characters a cookie cannot have; it looks "
		    "like \"ajax:1234567890123456789\".");
		goto out;
	}
	q = xasprintf("\"%s\"", j);
	http_cookies_clear(h);
	http_cookie_set(h, "li_at", a);
	http_cookie_set(h, "JSESSIONID", q);
out:
	free(q);
	free(a);
	free(j);
	return rc;
}

enum lc_err
auth_logout(struct http_session *h, struct lc_error *err)
{
	struct http_request req = {
	    HTTP_GET, NULL, NULL, NULL, NULL, 0, HTTP_F_RAW | HTTP_F_NO_RETRY,
	    NULL};
	struct http_response resp;
	char *csrf = http_csrf_token(h), *path;
	struct buf b;
	enum lc_err rc;

	buf_init(&b, 0);
	buf_addstr(&b, "/uas/logout?csrfToken=");
	auth_form_value(&b, csrf != NULL ? csrf : "");
	path = buf_detach(&b);
	req.path = path;
	rc = http_do(h, &req, &resp, err);
	/* LinkedIn answers a logout with a redirect to its home page. */
	if (rc != LC_OK && resp.status >= 300 && resp.status < 400 &&
	    resp.location != NULL &&
	    strstr(resp.location, "/checkpoint/") == NULL) {
		lc_error_clear(err);
		rc = LC_OK;
	}
	http_response_free(&resp);
	http_cookies_clear(h);
	free(path);
	free(csrf);
	return rc;
}
