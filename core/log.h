/* log.h — the opt-in debug log (`linchat --log FILE`).
 *
 * Off unless log_open() ran.  Every line is passed through log_redact(), so
 * cookie values, the csrf token and passwords never reach the file; message
 * bodies are written only by log_body(), and only when the log was opened
 * with bodies allowed (`--log-bodies`).  All functions are thread-safe.
 */
#ifndef LC_LOG_H
#define LC_LOG_H

#include <stddef.h>

#include "core/err.h"

enum log_level { LOGL_ERROR, LOGL_WARN, LOGL_INFO, LOGL_DEBUG };

/* Opens (appends to) path with mode 0600 and logs lines up to level.
 * bodies != 0 allows log_body().  LC_EIO with a sentence if the file
 * cannot be opened.  A second call replaces the first log. */
enum lc_err log_open(const char *path, enum log_level level, int bodies,
                     struct lc_error *err);
void log_close(void);

/* Whether a line at level would be written (cheap; use before building an
 * expensive message). */
int log_enabled(enum log_level level);

/* Writes one time-stamped line, redacted.  No-op when the log is off. */
void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes a body (request or response) under a label, only when the log
 * was opened with bodies allowed; still redacted. */
void log_body(const char *label, const char *body, size_t len);

/* A copy of s (caller frees) with the values of li_at, JSESSIONID, any
 * other cookie in a Cookie/Set-Cookie line, csrf-token/csrfToken and
 * session_password/password replaced by "[redacted]". */
char *log_redact(const char *s);

/* Parses "error", "warn", "info", "debug"; -1 if unknown. */
int log_level_parse(const char *name);

#endif
