/* jsonx.c — see jsonx.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jsonx.h"
#include "xmalloc.h"

struct json_object *
jsonx_parse(const char *text, size_t len, struct lc_error *err)
{
	struct json_tokener *tok = NULL;
	struct json_object *o = NULL;
	enum json_tokener_error jerr;
	size_t i, used;

	if (text == NULL || len == 0) {
		lc_error_set(err, LC_EBADRESP,
		    "LinkedIn sent an empty answer where JSON was due.");
		return NULL;
	}
	if (len > JSONX_MAX_TEXT || len > INT32_MAX) {
		lc_error_set(err, LC_EBADRESP,
		    "LinkedIn's answer is too large (%zu bytes) to read.", len);
		return NULL;
	}
	if ((tok = json_tokener_new_ex(JSONX_MAX_DEPTH)) == NULL) {
		lc_error_set(err, LC_EBADRESP, "Cannot start the JSON reader.");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	o = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	used = json_tokener_get_parse_end(tok);
	if (jerr != json_tokener_success) {
		json_object_put(o);
		o = NULL;
		lc_error_set(err, LC_EBADRESP,
		    "LinkedIn's answer is not valid JSON (%s at byte %zu).",
		    jerr == json_tokener_continue ? "cut short" :
		    json_tokener_error_desc(jerr), used);
		goto out;
	}
	if (o == NULL) {
		/* a bare "null" parses to no object: callers must still get
		 * an error that says why (found by tests/fuzz/fuzz-jsonx) */
		lc_error_set(err, LC_EBADRESP,
		    "LinkedIn's answer is null where JSON data was due.");
		goto out;
	}
	for (i = used; i < len; i++) {
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n' &&
		    text[i] != '\r') {
			json_object_put(o);
			o = NULL;
			lc_error_set(err, LC_EBADRESP,
			    "LinkedIn's answer has bytes after the JSON "
			    "(at byte %zu).", i);
			goto out;
		}
	}
out:
	json_tokener_free(tok);
	return o;
}

struct json_object *
jsonx_member(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (o == NULL || !json_object_is_type(o, json_type_object))
		return NULL;
	if (!json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

static int
jsonx_index(const char *seg, size_t n, size_t *out)
{
	size_t i, v = 0;

	if (n == 0 || n > 9)
		return 0;
	for (i = 0; i < n; i++) {
		if (seg[i] < '0' || seg[i] > '9')
			return 0;
		v = v * 10 + (size_t)(seg[i] - '0');
	}
	*out = v;
	return 1;
}

struct json_object *
jsonx_get(struct json_object *o, const char *path)
{
	char key[256];
	const char *seg = path, *dot;
	size_t n, idx;

	if (path == NULL)
		return o;
	while (o != NULL) {
		dot = strchr(seg, '.');
		n = dot != NULL ? (size_t)(dot - seg) : strlen(seg);
		if (json_object_is_type(o, json_type_array) &&
		    jsonx_index(seg, n, &idx)) {
			if (idx >= json_object_array_length(o))
				return NULL;
			o = json_object_array_get_idx(o, idx);
		} else {
			if (n >= sizeof key)
				return NULL;
			memcpy(key, seg, n);
			key[n] = '\0';
			o = jsonx_member(o, key);
		}
		if (dot == NULL)
			break;
		seg = dot + 1;
	}
	return o;
}

struct json_object *
jsonx_get_obj(struct json_object *o, const char *path)
{
	struct json_object *v = jsonx_get(o, path);

	return json_object_is_type(v, json_type_object) ? v : NULL;
}

struct json_object *
jsonx_get_arr(struct json_object *o, const char *path)
{
	struct json_object *v = jsonx_get(o, path);

	return json_object_is_type(v, json_type_array) ? v : NULL;
}

const char *
jsonx_get_str(struct json_object *o, const char *path)
{
	struct json_object *v = jsonx_get(o, path);

	if (v == NULL || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

char *
jsonx_dup_str(struct json_object *o, const char *path)
{
	return xstrdup_or_null(jsonx_get_str(o, path));
}

int64_t
jsonx_get_int(struct json_object *o, const char *path, int64_t def)
{
	struct json_object *v = jsonx_get(o, path);
	const char *s;
	char *end;
	long long n;
	double d;

	if (v == NULL)
		return def;
	switch (json_object_get_type(v)) {
	case json_type_int:
		return json_object_get_int64(v);
	case json_type_double:
		d = json_object_get_double(v);
		if (d != d || d > 9.2e18 || d < -9.2e18)
			return def;
		return (int64_t)d;
	case json_type_string:
		s = json_object_get_string(v);
		if (*s == '\0')
			return def;
		errno = 0;
		n = strtoll(s, &end, 10);
		if (errno != 0 || *end != '\0')
			return def;
		return (int64_t)n;
	default:
		return def;
	}
}

int
jsonx_get_bool(struct json_object *o, const char *path, int def)
{
	struct json_object *v = jsonx_get(o, path);

	if (v == NULL || !json_object_is_type(v, json_type_boolean))
		return def;
	return json_object_get_boolean(v) ? 1 : 0;
}

size_t
jsonx_len(struct json_object *o, const char *path)
{
	struct json_object *v = jsonx_get_arr(o, path);

	return v != NULL ? json_object_array_length(v) : 0;
}

int
jsonx_buf_str(struct buf *b, const char *s)
{
	size_t start = b->len;
	int r = buf_addc(b, '"');

	for (; r == 0 && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"')
			r = buf_addstr(b, "\\\"");
		else if (c == '\\')
			r = buf_addstr(b, "\\\\");
		else if (c == '\n')
			r = buf_addstr(b, "\\n");
		else if (c == '\r')
			r = buf_addstr(b, "\\r");
		else if (c == '\t')
			r = buf_addstr(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			r = buf_addf(b, "\\u%04x", c);
		else
			r = buf_addc(b, (char)c);
	}
	if (r == 0)
		r = buf_addc(b, '"');
	if (r != 0)
		buf_truncate(b, start);
	return r;
}

struct json_object *
jsonx_graphql_root(struct json_object *o, const char *prefix)
{
	struct json_object *data = jsonx_get_obj(o, "data");
	size_t n = strlen(prefix);

	if (data == NULL)
		return NULL;
	json_object_object_foreach(data, key, val) {
		if (strncmp(key, prefix, n) == 0 &&
		    json_object_is_type(val, json_type_object))
			return val;
	}
	return NULL;
}

struct json_object *
jsonx_included(struct json_object *o, const char *urn)
{
	struct json_object *inc = jsonx_get_arr(o, "included");
	size_t i, n;

	if (inc == NULL || urn == NULL)
		return NULL;
	n = json_object_array_length(inc);
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(inc, i);
		const char *u = jsonx_get_str(e, "entityUrn");

		if (u != NULL && strcmp(u, urn) == 0 &&
		    json_object_is_type(e, json_type_object))
			return e;
	}
	return NULL;
}
