/* voyager-err.h — what a Voyager answer means, as a table.
 *
 * The transport (http.c) only finds facts: the status, the redirect's
 * location, whether the body was the CSRF refusal or the invitation limit.
 * This module maps each fact to the one error code (enum lc_err), whether
 * the request may be retried, the sentence saying what happened and the
 * next step a front end may word (err->next).  It names no command or
 * flag of any front end.
 */
#ifndef LC_VOYAGER_ERR_H
#define LC_VOYAGER_ERR_H

#include <stddef.h>

#include "core/err.h"

/* What happened to one request. */
enum voyager_err_fact {
	VOYAGER_ERR_OK = 0,
	VOYAGER_ERR_CANCELED,       /* http_cancel() ended it */
	VOYAGER_ERR_TOO_LARGE,      /* the body went over max_body */
	VOYAGER_ERR_TLS,            /* the certificate could not be verified */
	VOYAGER_ERR_TIMEOUT,        /* no answer in time */
	VOYAGER_ERR_UNREACHABLE,    /* DNS, connect, reset */
	VOYAGER_ERR_COOKIE_REVOKED, /* the answer deleted li_at */
	VOYAGER_ERR_EMPTY_200,      /* empty 200 where JSON was due */
	VOYAGER_ERR_CHECKPOINT,     /* redirect to /checkpoint/... */
	VOYAGER_ERR_LOGIN_REDIRECT, /* redirect to /uas/login */
	VOYAGER_ERR_REDIRECT,       /* any other redirect */
	VOYAGER_ERR_UNAUTHORIZED,   /* 401 */
	VOYAGER_ERR_CSRF_REJECTED,  /* 403 "CSRF check failed" */
	VOYAGER_ERR_FORBIDDEN,      /* any other 403 */
	VOYAGER_ERR_NOT_FOUND,      /* 404 */
	VOYAGER_ERR_GONE,           /* 410 */
	VOYAGER_ERR_THROTTLED_429,  /* 429 */
	VOYAGER_ERR_THROTTLED_999,  /* LinkedIn's own 999 */
	VOYAGER_ERR_INVITE_LIMIT,   /* 429 CUSTOM_INVITE_LIMIT_REACHED */
	VOYAGER_ERR_SERVER,         /* 5xx */
	VOYAGER_ERR_REJECTED,       /* any other 4xx */
	VOYAGER_ERR_FACT_COUNT
};

/* Whether and how a request that met a fact may be tried again. */
enum voyager_err_retry {
	VOYAGER_RETRY_NEVER = 0,
	VOYAGER_RETRY_NETWORK,  /* when idempotent */
	VOYAGER_RETRY_SERVER,   /* 5xx: when idempotent */
	VOYAGER_RETRY_THROTTLE, /* 429/999: for any method, after a wait */
	VOYAGER_RETRY_EMPTY     /* empty 200: when idempotent, with penalty */
};

/* A fact with what the sentence may name.  Strings are borrowed. */
struct voyager_err_facts {
	enum voyager_err_fact fact;
	long status;          /* HTTP status, 0 if none */
	const char *endpoint; /* path without the query */
	const char *host;     /* the base URL's host */
	const char *why;      /* libcurl's own words, for network facts */
	size_t max_body;      /* the body cap, for VOYAGER_ERR_TOO_LARGE */
};

/* Short fixed name of a fact ("checkpoint redirect", "csrf rejected",
 * "throttled 999", ...); static.  "unknown" out of range. */
const char *voyager_err_fact_name(enum voyager_err_fact fact);

/* The error code of a fact (LC_OK for VOYAGER_ERR_OK). */
enum lc_err voyager_err_code(enum voyager_err_fact fact);

/* The retry class of a fact. */
enum voyager_err_retry voyager_err_retry(enum voyager_err_fact fact);

/* The next step a front end may suggest after a fact. */
enum lc_next voyager_err_next(enum voyager_err_fact fact);

/* Whether the fact is the service throttling (counted in the stats). */
int voyager_err_throttled(enum voyager_err_fact fact);

/* Fills err (if not NULL) with the fact's code, sentence and next step;
 * returns the code.  Leaves status, detail and retry_after_ms alone. */
enum lc_err voyager_err_fill(const struct voyager_err_facts *f,
                             struct lc_error *err);

#endif
