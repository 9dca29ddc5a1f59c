/* err.h — the one error type of linchat's core.
 *
 * Every core function that can fail returns an enum lc_err and, when the
 * caller passes a struct lc_error, fills it with a human sentence that says
 * what went wrong.  Messages never contain cookies, passwords or message
 * bodies.
 *
 * Facts below, words above: core never names a command or flag of its
 * front ends.  When the next step is one of theirs (sign in again, import
 * browser cookies), core sets err->next and each front end words it
 * (tui/advice.c), replacing the message's final full stop.
 */
#ifndef LC_ERR_H
#define LC_ERR_H

#include <stdarg.h>

enum lc_err {
	LC_OK = 0,
	LC_EAUTH,      /* not logged in, session expired or rejected */
	LC_ECHALLENGE, /* LinkedIn wants a human check; url in detail */
	LC_ERATE,      /* throttled: 429, 999, empty 200, local budget */
	LC_ENETWORK,   /* DNS, connect, reset, timeout, TLS */
	LC_ENOTFOUND,  /* 404, no such profile or conversation */
	LC_ESERVER,    /* 5xx, 410, unexpected 4xx */
	LC_EBADRESP,   /* malformed, truncated or unexpected JSON */
	LC_EINVAL,     /* bad argument, refused before any request */
	LC_ECONFLICT,  /* already invited / already connected */
	LC_EQUOTA,     /* weekly invitation quota reached */
	LC_EIO,        /* local file or database trouble */
	LC_ECANCELED,  /* stopped by shutdown or cancellation */
	LC_ERR_COUNT
};

/* The next step a front end should suggest; core only names it. */
enum lc_next {
	LC_NEXT_NONE = 0,
	LC_NEXT_LOGIN,       /* sign in again */
	LC_NEXT_RETRY_LOGIN, /* the typed credentials were wrong: retype */
	LC_NEXT_IMPORT,      /* import the cookies of a browser session */
	LC_NEXT_WHOAMI,      /* check the saved session */
	LC_NEXT_COUNT
};

struct lc_error {
	enum lc_err code;
	int status;          /* HTTP status when there was one, else 0 */
	long retry_after_ms; /* for LC_ERATE: how long to wait, 0 unknown */
	char msg[512];       /* a full sentence for the user */
	char detail[512];    /* e.g. the challenge URL; may be empty */
	enum lc_next next;   /* what the front end may suggest, or NONE */
};

/* Short fixed name of a code ("auth", "rate-limited", ...). Static. */
const char *lc_strerror(enum lc_err code);

/* Fills err (if not NULL) and returns code.  printf-style message.  Resets
 * err->next to LC_NEXT_NONE. */
enum lc_err lc_error_set(struct lc_error *err, enum lc_err code,
                         const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets err->next (err may be NULL).  Call after lc_error_set(), whose
 * message stays a full sentence ending in a full stop. */
void lc_error_advise(struct lc_error *err, enum lc_next next);

/* Resets err to LC_OK with empty texts.  NULL is fine. */
void lc_error_clear(struct lc_error *err);

/* The command-line exit code for a code (see DESIGN.md): 0 ok, 1 usage,
 * 2 auth/challenge, 3 network/rate limit, 4 not found, 5 other. */
int lc_exit_code(enum lc_err code);

/* Whether retrying the same request later may succeed. */
int lc_err_transient(enum lc_err code);

/* Prints "linchat: BUG: ..." to stderr and aborts.  For broken invariants. */
void lc_bug(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

#endif
