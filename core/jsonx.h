/* jsonx.h — linchat's own JSON reader for the Voyager mappers.
 *
 * jsonx_parse() reads a whole answer in one pass into a tree that lives in
 * a few big blocks (freed at once by jsonx_free()).  Parsing is bounded
 * (size cap, nesting depth 64, no recursion) and strict (RFC 8259):
 * truncated text, trailing garbage, too deep nesting, bad escapes or
 * numbers are LC_EBADRESP, never a crash.  Strings are decoded to UTF-8;
 * a lone surrogate escape becomes U+FFFD, "\u0000" a NUL byte (so the
 * C-string getters see the text before it); other bytes pass as sent.
 * Of duplicate keys the last value wins, at the first key's place.
 *
 * Getters take a dotted path ("participantType.member.firstName.text"; a
 * segment of digits indexes an array: "elements.0.item") and return
 * NULL/the default when a step is missing, null or of another type, so
 * mappers treat every field as optional.  A JSON null is never handed out:
 * it reads as NULL everywhere.  Borrowed pointers live as long as the
 * root; the *_dup getters copy, and only copies leave core/voyager*.  Pure
 * functions, any thread (one tree per thread at a time).
 */
#ifndef LC_JSONX_H
#define LC_JSONX_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

#define JSONX_MAX_DEPTH 64
#define JSONX_MAX_TEXT (32u << 20)

/* A value of a parsed tree; opaque. */
struct jsonx;

enum jsonx_type {
	JSONX_NULL, /* also what a NULL pointer is */
	JSONX_BOOL,
	JSONX_NUMBER,
	JSONX_STRING,
	JSONX_ARRAY,
	JSONX_OBJECT
};

/* Parses len bytes of text (need not be NUL-terminated).  NULL with
 * LC_EBADRESP in err for empty, malformed, truncated, too deep (> 64
 * nested arrays/objects) or too large (> JSONX_MAX_TEXT) input, and for a
 * bare null.  Caller frees with jsonx_free(). */
struct jsonx *jsonx_parse(const char *text, size_t len, struct lc_error *err);
/* Frees a tree returned by jsonx_parse() (only the root); NULL is fine. */
void jsonx_free(struct jsonx *root);

/* The type of v; JSONX_NULL for NULL. */
enum jsonx_type jsonx_type(const struct jsonx *v);
/* Items of an array / members of an object; 0 for anything else. */
size_t jsonx_count(const struct jsonx *v);
/* Item i of an array, or the value of member i of an object (in text
 * order); NULL when out of range or null.  Borrowed. */
const struct jsonx *jsonx_at(const struct jsonx *v, size_t i);
/* The key of member i of an object, or NULL.  Borrowed. */
const char *jsonx_key_at(const struct jsonx *v, size_t i);
/* The text of a string value (borrowed, NUL-terminated), or NULL. */
const char *jsonx_str(const struct jsonx *v);
/* Its length in bytes (NULs included); 0 for anything but a string. */
size_t jsonx_str_len(const struct jsonx *v);

/* The value at path under o, or NULL (missing, JSON null, or a step that
 * is not an object/array).  Borrowed. */
const struct jsonx *jsonx_get(const struct jsonx *o, const char *path);
/* The member key of o, taken whole (for keys holding dots), or NULL. */
const struct jsonx *jsonx_member(const struct jsonx *o, const char *key);
/* Typed: NULL unless the value is an object / an array. */
const struct jsonx *jsonx_get_obj(const struct jsonx *o, const char *path);
const struct jsonx *jsonx_get_arr(const struct jsonx *o, const char *path);
/* The string at path (borrowed), or NULL if missing or not a string. */
const char *jsonx_get_str(const struct jsonx *o, const char *path);
/* A copy of the string at path (caller frees), or NULL. */
char *jsonx_dup_str(const struct jsonx *o, const char *path);
/* The integer at path; def if missing or not a number (a numeric string
 * such as "1770210328991" is accepted, as ids and times come either way).
 * Integers past int64 are clamped; fractions are cut toward zero. */
int64_t jsonx_get_int(const struct jsonx *o, const char *path, int64_t def);
/* 1/0 for a JSON boolean at path; def otherwise. */
int jsonx_get_bool(const struct jsonx *o, const char *path, int def);
/* Number of items of the array at path; 0 if missing or not an array. */
size_t jsonx_len(const struct jsonx *o, const char *path);

/* The object under o.data whose key starts with prefix (GraphQL answers
 * are recognised by their root field name, never by the query id), or
 * NULL.  Borrowed. */
const struct jsonx *jsonx_graphql_root(const struct jsonx *o,
                                       const char *prefix);

/* Finds the entity of a normalized answer's "included" array whose
 * entityUrn is urn, or NULL.  Borrowed. */
const struct jsonx *jsonx_included(const struct jsonx *o, const char *urn);

/* Appends s as a JSON string literal (quotes included), escaping '"',
 * '\\' and control characters.  -1 if b's cap is passed. */
int jsonx_buf_str(struct buf *b, const char *s);

#endif
