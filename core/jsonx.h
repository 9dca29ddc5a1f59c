/* jsonx.h — small json-c helpers for the Voyager mappers.
 *
 * Parsing is bounded (size cap, nesting depth 64) and strict: truncated
 * text, trailing garbage or too deep nesting is LC_EBADRESP, never a
 * crash.  Getters take a dotted path ("participantType.member.firstName.
 * text"; a segment of digits indexes an array: "elements.0.item") and
 * return NULL/the default when a step is missing, null or of another type,
 * so mappers treat every field as optional.  Borrowed pointers live as long
 * as the root object; the *_dup getters copy, and only copies leave
 * core/voyager*.  Pure functions, any thread.
 */
#ifndef LC_JSONX_H
#define LC_JSONX_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "buf.h"
#include "err.h"

#define JSONX_MAX_DEPTH 64
#define JSONX_MAX_TEXT (32u << 20)

/* Parses len bytes of text (need not be NUL-terminated).  NULL with
 * LC_EBADRESP in err for empty, malformed, truncated, too deep (> 64) or
 * too large (> JSONX_MAX_TEXT) input, and for a bare null (no object).
 * Caller frees with json_object_put(). */
struct json_object *jsonx_parse(const char *text, size_t len,
    struct lc_error *err);

/* The value at path under o, or NULL (missing, JSON null, or a step that
 * is not an object/array).  Borrowed. */
struct json_object *jsonx_get(struct json_object *o, const char *path);
/* The member key of o, taken whole (for keys holding dots), or NULL. */
struct json_object *jsonx_member(struct json_object *o, const char *key);
/* Typed: NULL unless the value is an object / an array. */
struct json_object *jsonx_get_obj(struct json_object *o, const char *path);
struct json_object *jsonx_get_arr(struct json_object *o, const char *path);
/* The string at path (borrowed), or NULL if missing or not a string. */
const char *jsonx_get_str(struct json_object *o, const char *path);
/* A copy of the string at path (caller frees), or NULL. */
char *jsonx_dup_str(struct json_object *o, const char *path);
/* The integer at path; def if missing or not a number (a numeric string
 * such as "1770210328991" is accepted, as ids and times come either way). */
int64_t jsonx_get_int(struct json_object *o, const char *path, int64_t def);
/* 1/0 for a JSON boolean at path; def otherwise. */
int jsonx_get_bool(struct json_object *o, const char *path, int def);
/* Number of items of the array at path; 0 if missing or not an array. */
size_t jsonx_len(struct json_object *o, const char *path);

/* The object under o.data whose key starts with prefix (GraphQL answers
 * are recognised by their root field name, never by the query id), or
 * NULL.  Borrowed. */
struct json_object *jsonx_graphql_root(struct json_object *o,
    const char *prefix);

/* Finds the entity of a normalized answer's "included" array whose
 * entityUrn is urn, or NULL.  Borrowed. */
struct json_object *jsonx_included(struct json_object *o, const char *urn);

/* Appends s as a JSON string literal (quotes included), escaping '"',
 * '\\' and control characters.  -1 if b's cap is passed. */
int jsonx_buf_str(struct buf *b, const char *s);

#endif
