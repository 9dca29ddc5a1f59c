/* voyager-err.c — see voyager-err.h.
 *
 * One row per fact.  A sentence is a template whose {ep}, {host}, {why},
 * {status} and {mib} are filled from struct voyager_err_facts, so the
 * table stays plain data and every sentence is visible in one place.
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/voyager-err.h"

struct voyager_err_row {
	const char *name;
	enum lc_err code;
	enum voyager_err_retry retry;
	enum lc_next next;
	int throttled;
	const char *text;
};

static const struct voyager_err_row voyager_err_rows[VOYAGER_ERR_FACT_COUNT] = {
    [VOYAGER_ERR_OK] = {"ok", LC_OK, VOYAGER_RETRY_NEVER, LC_NEXT_NONE, 0, ""},
    [VOYAGER_ERR_CANCELED] = {"canceled", LC_ECANCELED, VOYAGER_RETRY_NEVER,
                              LC_NEXT_NONE, 0, "The request was canceled."},
    [VOYAGER_ERR_TOO_LARGE] = {"body too large", LC_EBADRESP,
                               VOYAGER_RETRY_NEVER, LC_NEXT_NONE, 0,
                               "The answer to {ep} was larger than {mib} "
                               "MiB; linchat refused it."},
    [VOYAGER_ERR_TLS] = {"tls unverified", LC_ENETWORK, VOYAGER_RETRY_NEVER,
                         LC_NEXT_NONE, 0,
                         "Cannot verify the TLS certificate of {host} "
                         "({why}); check ca_file in the config."},
    [VOYAGER_ERR_TIMEOUT] = {"timeout", LC_ENETWORK, VOYAGER_RETRY_NETWORK,
                             LC_NEXT_NONE, 0,
                             "{host} did not answer in time; check your "
                             "network and try again."},
    [VOYAGER_ERR_UNREACHABLE] = {"unreachable", LC_ENETWORK,
                                 VOYAGER_RETRY_NETWORK, LC_NEXT_NONE, 0,
                                 "Cannot reach {host} ({why}); check your "
                                 "network and try again."},
    [VOYAGER_ERR_COOKIE_REVOKED] = {"cookie revoked", LC_EAUTH,
                                    VOYAGER_RETRY_NEVER, LC_NEXT_LOGIN, 0,
                                    "LinkedIn ended the session (it deleted "
                                    "the li_at cookie)."},
    [VOYAGER_ERR_EMPTY_200] = {"empty 200", LC_ERATE, VOYAGER_RETRY_EMPTY,
                               LC_NEXT_NONE, 1,
                               "LinkedIn answered {ep} with an empty page, "
                               "which is how it throttles; wait a few "
                               "minutes and try again."},
    [VOYAGER_ERR_CHECKPOINT] = {"checkpoint redirect", LC_ECHALLENGE,
                                VOYAGER_RETRY_NEVER, LC_NEXT_IMPORT, 0,
                                "LinkedIn wants a security check before "
                                "going on; open the link in a browser, or "
                                "import cookies from a browser."},
    [VOYAGER_ERR_LOGIN_REDIRECT] = {"login redirect", LC_EAUTH,
                                    VOYAGER_RETRY_NEVER, LC_NEXT_LOGIN, 0,
                                    "Session expired."},
    [VOYAGER_ERR_REDIRECT] = {"redirect", LC_ESERVER, VOYAGER_RETRY_NEVER,
                              LC_NEXT_NONE, 0,
                              "LinkedIn redirected {ep} unexpectedly "
                              "({status}); linchat does not follow it."},
    [VOYAGER_ERR_UNAUTHORIZED] = {"unauthorized", LC_EAUTH, VOYAGER_RETRY_NEVER,
                                  LC_NEXT_LOGIN, 0,
                                  "Session expired or not accepted."},
    [VOYAGER_ERR_CSRF_REJECTED] = {"csrf rejected", LC_EAUTH,
                                   VOYAGER_RETRY_NEVER, LC_NEXT_LOGIN, 0,
                                   "LinkedIn rejected the csrf-token (it "
                                   "must equal the JSESSIONID cookie); the "
                                   "saved session looks stale."},
    [VOYAGER_ERR_FORBIDDEN] = {"forbidden", LC_ESERVER, VOYAGER_RETRY_NEVER,
                               LC_NEXT_NONE, 0,
                               "LinkedIn refused {ep} (403 Forbidden)."},
    [VOYAGER_ERR_NOT_FOUND] = {"not found", LC_ENOTFOUND, VOYAGER_RETRY_NEVER,
                               LC_NEXT_NONE, 0,
                               "LinkedIn has no such item (404 on {ep})."},
    [VOYAGER_ERR_GONE] = {"gone", LC_ESERVER, VOYAGER_RETRY_NEVER, LC_NEXT_NONE,
                          0,
                          "LinkedIn retired the endpoint {ep} (410 Gone); "
                          "linchat needs an update."},
    [VOYAGER_ERR_THROTTLED_429] = {"throttled 429", LC_ERATE,
                                   VOYAGER_RETRY_THROTTLE, LC_NEXT_NONE, 1,
                                   "LinkedIn is rate limiting requests "
                                   "({status}); wait a few minutes and try "
                                   "again."},
    [VOYAGER_ERR_THROTTLED_999] = {"throttled 999", LC_ERATE,
                                   VOYAGER_RETRY_THROTTLE, LC_NEXT_NONE, 1,
                                   "LinkedIn is rate limiting requests "
                                   "({status}); wait a few minutes and try "
                                   "again."},
    /* The weekly quota: waiting minutes does not help, so no retry. */
    [VOYAGER_ERR_INVITE_LIMIT] = {"invite limit", LC_ERATE, VOYAGER_RETRY_NEVER,
                                  LC_NEXT_NONE, 1,
                                  "LinkedIn is rate limiting requests "
                                  "({status}); wait a few minutes and try "
                                  "again."},
    [VOYAGER_ERR_SERVER] = {"server error", LC_ESERVER, VOYAGER_RETRY_SERVER,
                            LC_NEXT_NONE, 0,
                            "LinkedIn had trouble answering {ep} "
                            "({status}); try again later."},
    [VOYAGER_ERR_REJECTED] = {"rejected", LC_ESERVER, VOYAGER_RETRY_NEVER,
                              LC_NEXT_NONE, 0,
                              "LinkedIn rejected the request to {ep} "
                              "({status})."},
};

static const struct voyager_err_row *
voyager_err_row(enum voyager_err_fact fact)
{
	if ((unsigned)fact >= VOYAGER_ERR_FACT_COUNT)
		return NULL;
	return &voyager_err_rows[fact];
}

const char *
voyager_err_fact_name(enum voyager_err_fact fact)
{
	const struct voyager_err_row *r = voyager_err_row(fact);

	return r != NULL ? r->name : "unknown";
}

enum lc_err
voyager_err_code(enum voyager_err_fact fact)
{
	const struct voyager_err_row *r = voyager_err_row(fact);

	return r != NULL ? r->code : LC_ESERVER;
}

enum voyager_err_retry
voyager_err_retry(enum voyager_err_fact fact)
{
	const struct voyager_err_row *r = voyager_err_row(fact);

	return r != NULL ? r->retry : VOYAGER_RETRY_NEVER;
}

enum lc_next
voyager_err_next(enum voyager_err_fact fact)
{
	const struct voyager_err_row *r = voyager_err_row(fact);

	return r != NULL ? r->next : LC_NEXT_NONE;
}

int
voyager_err_throttled(enum voyager_err_fact fact)
{
	const struct voyager_err_row *r = voyager_err_row(fact);

	return r != NULL && r->throttled;
}

/* Appends the value of the placeholder name[0..n) to b. */
static void
voyager_err_put(struct buf *b, const char *name, size_t n,
                const struct voyager_err_facts *f)
{
	if (n == 2 && strncmp(name, "ep", 2) == 0)
		buf_addstr(b, f->endpoint != NULL ? f->endpoint : "");
	else if (n == 4 && strncmp(name, "host", 4) == 0)
		buf_addstr(b, f->host != NULL ? f->host : "");
	else if (n == 3 && strncmp(name, "why", 3) == 0)
		buf_addstr(b, f->why != NULL ? f->why : "");
	else if (n == 6 && strncmp(name, "status", 6) == 0)
		buf_addf(b, "%ld", f->status);
	else if (n == 3 && strncmp(name, "mib", 3) == 0)
		buf_addf(b, "%zu", f->max_body >> 20);
}

enum lc_err
voyager_err_fill(const struct voyager_err_facts *f, struct lc_error *err)
{
	const struct voyager_err_row *r = voyager_err_row(f->fact);
	const char *p, *close;
	struct buf b;

	if (r == NULL)
		r = &voyager_err_rows[VOYAGER_ERR_REJECTED];
	if (err == NULL || r->code == LC_OK)
		return r->code;
	buf_init(&b, 0);
	for (p = r->text; *p != '\0'; p++) {
		if (*p == '{' && (close = strchr(p, '}')) != NULL) {
			voyager_err_put(&b, p + 1, (size_t)(close - p - 1), f);
			p = close;
		} else
			buf_addc(&b, *p);
	}
	lc_error_set(err, r->code, "%s", buf_cstr(&b));
	lc_error_advise(err, r->next);
	buf_release(&b);
	return r->code;
}
