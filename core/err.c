/* err.c — see err.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

static const char *const err_names[LC_ERR_COUNT] = {
    [LC_OK] = "ok",
    [LC_EAUTH] = "auth",
    [LC_ECHALLENGE] = "challenge",
    [LC_ERATE] = "rate-limited",
    [LC_ENETWORK] = "network",
    [LC_ENOTFOUND] = "not-found",
    [LC_ESERVER] = "server",
    [LC_EBADRESP] = "bad-response",
    [LC_EINVAL] = "invalid-argument",
    [LC_ECONFLICT] = "conflict",
    [LC_EQUOTA] = "quota",
    [LC_EIO] = "io",
    [LC_ECANCELED] = "canceled",
};

const char *
lc_strerror(enum lc_err code)
{
	if ((unsigned)code >= LC_ERR_COUNT)
		return "unknown";
	return err_names[code];
}

enum lc_err
lc_error_set(struct lc_error *err, enum lc_err code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	err->next = LC_NEXT_NONE;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}

void
lc_error_advise(struct lc_error *err, enum lc_next next)
{
	if (err != NULL)
		err->next = next;
}

void
lc_error_clear(struct lc_error *err)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof *err);
}

int
lc_exit_code(enum lc_err code)
{
	switch (code) {
	case LC_OK:
		return 0;
	case LC_EINVAL:
		return 1;
	case LC_EAUTH:
	case LC_ECHALLENGE:
		return 2;
	case LC_ERATE:
	case LC_ENETWORK:
	case LC_ECANCELED:
		return 3;
	case LC_ENOTFOUND:
		return 4;
	default:
		return 5;
	}
}

int
lc_err_transient(enum lc_err code)
{
	return code == LC_ERATE || code == LC_ENETWORK || code == LC_ESERVER ||
	       code == LC_EBADRESP;
}

void
lc_bug(const char *fmt, ...)
{
	va_list ap;

	fputs("linchat: BUG: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
