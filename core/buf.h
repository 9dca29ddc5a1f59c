/* buf.h — a growable byte buffer with a hard cap (after git's strbuf).
 *
 * The data is always NUL-terminated after buf_init, so b->data can be used
 * as a C string.  Appending past the cap fails with -1 and leaves the buffer
 * as it was; network input is always read into a capped buffer.
 */
#ifndef LC_BUF_H
#define LC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap; /* allocated bytes */
	size_t max; /* 0 = unlimited, else the largest len allowed */
};

#define BUF_INIT                                                               \
	{                                                                      \
		NULL, 0, 0, 0                                                  \
	}

/* Empty buffer holding at most max bytes (0: no limit). */
void buf_init(struct buf *b, size_t max);
/* Appends n bytes; -1 (and no change) when the cap would be passed. */
int buf_add(struct buf *b, const void *p, size_t n);
int buf_addstr(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
int buf_addf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vaddf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Empties the buffer, keeping its memory. */
void buf_reset(struct buf *b);
/* Shortens to len bytes (no-op if already shorter). */
void buf_truncate(struct buf *b, size_t len);
/* The contents as a C string; never NULL, owned by the buffer. */
const char *buf_cstr(const struct buf *b);
/* Hands the string to the caller (free with free(3)); buffer is emptied. */
char *buf_detach(struct buf *b);
/* Frees the memory; the buffer may be reused after buf_init. */
void buf_release(struct buf *b);

#endif
