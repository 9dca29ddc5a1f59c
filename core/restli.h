/* restli.h — Rest.li 2.0 encoding as Voyager uses it (API.md §1).
 *
 * A record is "(key:value,key2:value2)", a list "List(a,b,c)", nested
 * freely.  The structure characters ( ) , : stay raw; every leaf value that
 * is a URN or free text is percent-encoded.  The client builds variables
 * with buf_addf() and restli_encode_value(); the simulator (and tests) parse
 * them back with restli_parse().
 */
#ifndef LC_RESTLI_H
#define LC_RESTLI_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

/* Appends s percent-encoded for use as a Rest.li leaf value: every byte
 * except A-Z a-z 0-9 - . _ ~ becomes %XX (so ':' → %3A, '(' → %28,
 * '=' → %3D, ',' → %2C, ' ' → %20).  -1 if b's cap is passed. */
int restli_encode_value(struct buf *b, const char *s);
/* The same as a new string; caller frees. */
char *restli_encode_dup(const char *s);

/* Percent-decodes n bytes of s into a new NUL-terminated string (caller
 * frees).  NULL (and LC_EBADRESP/LC_EINVAL in err) for a bad %XX escape or
 * an encoded NUL. */
char *restli_decode_dup(const char *s, size_t n, struct lc_error *err);

enum restli_type { RESTLI_STRING, RESTLI_RECORD, RESTLI_LIST };

struct restli_value {
	enum restli_type type;
	char *str;                   /* RESTLI_STRING: decoded text */
	size_t n;                    /* RECORD/LIST: number of items */
	char **keys;                 /* RECORD: decoded keys[i] for items[i] */
	struct restli_value **items; /* RECORD/LIST: the values */
};

/* Parses the raw (still percent-encoded) text of a Rest.li value, e.g.
 * the `variables` query argument as it appears in the URL.  Leaf values
 * and keys are percent-decoded.  NULL with LC_EINVAL in err on a syntax
 * error (unbalanced parentheses, missing ':', trailing bytes, an empty
 * list item, a raw ':' or '(' inside a leaf value, which means the sender
 * did not encode it) or nesting deeper than 64.  A record value may be
 * empty ("keywords:").  Caller frees with restli_value_free(). */
struct restli_value *restli_parse(const char *text, size_t len,
                                  struct lc_error *err);
void restli_value_free(struct restli_value *v);

/* Member of a record by key, or NULL (also when v is not a record). */
const struct restli_value *restli_get(const struct restli_value *v,
                                      const char *key);
/* Decoded string of member key of record v, or NULL if missing or not a
 * string.  Owned by v. */
const char *restli_get_str(const struct restli_value *v, const char *key);

#endif
