/* jsonx.c — see jsonx.h: the getters (the reader is jsonx-parse.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonx-int.h"
#include "core/xmalloc.h"

/* v, unless it is a JSON null (never handed out). */
static const struct jsonx *
jsonx_value(const struct jsonx *v)
{
	return v != NULL && v->type != JSONX_NULL ? v : NULL;
}

enum jsonx_type
jsonx_type(const struct jsonx *v)
{
	return v != NULL ? (enum jsonx_type)v->type : JSONX_NULL;
}

size_t
jsonx_count(const struct jsonx *v)
{
	if (v == NULL || (v->type != JSONX_ARRAY && v->type != JSONX_OBJECT))
		return 0;
	return v->n;
}

const struct jsonx *
jsonx_at(const struct jsonx *v, size_t i)
{
	if (v == NULL || i >= v->n)
		return NULL;
	if (v->type == JSONX_ARRAY)
		return jsonx_value(&v->u.items[i]);
	if (v->type == JSONX_OBJECT)
		return jsonx_value(&v->u.members[i].val);
	return NULL;
}

const char *
jsonx_key_at(const struct jsonx *v, size_t i)
{
	if (v == NULL || v->type != JSONX_OBJECT || i >= v->n)
		return NULL;
	return v->u.members[i].key;
}

const char *
jsonx_str(const struct jsonx *v)
{
	return v != NULL && v->type == JSONX_STRING ? v->u.s : NULL;
}

size_t
jsonx_str_len(const struct jsonx *v)
{
	return v != NULL && v->type == JSONX_STRING ? v->n : 0;
}

/* The member of o whose key is the n bytes at key. */
static const struct jsonx *
jsonx_member_n(const struct jsonx *o, const char *key, size_t n)
{
	const struct jsonx_member *m;
	uint32_t i, head;

	if (o == NULL || o->type != JSONX_OBJECT)
		return NULL;
	/* length and head rule out the other members without reading their
	 * keys; only a long key that matches so far is compared in full */
	head = jsonx_khead(key, n);
	for (i = 0; i < o->n; i++) {
		m = &o->u.members[i];
		if (m->klen == n && m->khead == head &&
		    (n <= 4 || memcmp(m->key + 4, key + 4, n - 4) == 0))
			return jsonx_value(&m->val);
	}
	return NULL;
}

const struct jsonx *
jsonx_member(const struct jsonx *o, const char *key)
{
	return key != NULL ? jsonx_member_n(o, key, strlen(key)) : NULL;
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

const struct jsonx *
jsonx_get(const struct jsonx *o, const char *path)
{
	const char *seg = path, *dot;
	size_t n, idx;

	if (path == NULL)
		return jsonx_value(o);
	while (o != NULL) {
		for (dot = seg; *dot != '\0' && *dot != '.'; dot++)
			;
		n = (size_t)(dot - seg);
		if (o->type == JSONX_ARRAY) {
			if (!jsonx_index(seg, n, &idx) || idx >= o->n)
				return NULL;
			o = jsonx_value(&o->u.items[idx]);
		} else
			o = jsonx_member_n(o, seg, n);
		if (*dot == '\0')
			break;
		seg = dot + 1;
	}
	return o;
}

const struct jsonx *
jsonx_get_obj(const struct jsonx *o, const char *path)
{
	const struct jsonx *v = jsonx_get(o, path);

	return v != NULL && v->type == JSONX_OBJECT ? v : NULL;
}

const struct jsonx *
jsonx_get_arr(const struct jsonx *o, const char *path)
{
	const struct jsonx *v = jsonx_get(o, path);

	return v != NULL && v->type == JSONX_ARRAY ? v : NULL;
}

const char *
jsonx_get_str(const struct jsonx *o, const char *path)
{
	return jsonx_str(jsonx_get(o, path));
}

char *
jsonx_dup_str(const struct jsonx *o, const char *path)
{
	const struct jsonx *v = jsonx_get(o, path);
	char *s;

	if (v == NULL || v->type != JSONX_STRING)
		return NULL;
	/* the length is known: no strlen, one copy (up to a "\u0000") */
	s = xmalloc((size_t)v->n + 1);
	memcpy(s, v->u.s, (size_t)v->n + 1);
	return s;
}

int64_t
jsonx_get_int(const struct jsonx *o, const char *path, int64_t def)
{
	const struct jsonx *v = jsonx_get(o, path);
	char *end;
	long long n;
	double d;

	if (v == NULL)
		return def;
	switch (v->type) {
	case JSONX_NUMBER:
		if (v->n == 0)
			return v->u.i;
		d = v->u.d;
		if (d != d || d > 9.2e18 || d < -9.2e18)
			return def;
		return (int64_t)d;
	case JSONX_STRING:
		if (v->u.s[0] == '\0')
			return def;
		errno = 0;
		n = strtoll(v->u.s, &end, 10);
		if (errno != 0 || *end != '\0')
			return def;
		return (int64_t)n;
	default:
		return def;
	}
}

int
jsonx_get_bool(const struct jsonx *o, const char *path, int def)
{
	const struct jsonx *v = jsonx_get(o, path);

	if (v == NULL || v->type != JSONX_BOOL)
		return def;
	return v->u.b ? 1 : 0;
}

size_t
jsonx_len(const struct jsonx *o, const char *path)
{
	const struct jsonx *v = jsonx_get_arr(o, path);

	return v != NULL ? v->n : 0;
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

const struct jsonx *
jsonx_graphql_root(const struct jsonx *o, const char *prefix)
{
	const struct jsonx *data = jsonx_get_obj(o, "data");
	const struct jsonx_member *m;
	size_t i, n = strlen(prefix);

	if (data == NULL)
		return NULL;
	for (i = 0; i < data->n; i++) {
		m = &data->u.members[i];
		if (m->klen >= n && memcmp(m->key, prefix, n) == 0 &&
		    m->val.type == JSONX_OBJECT)
			return &m->val;
	}
	return NULL;
}

const struct jsonx *
jsonx_included(const struct jsonx *o, const char *urn)
{
	const struct jsonx *inc = jsonx_get_arr(o, "included");
	const struct jsonx *e;
	const char *u;
	size_t i;

	if (inc == NULL || urn == NULL)
		return NULL;
	for (i = 0; i < inc->n; i++) {
		e = &inc->u.items[i];
		if (e->type != JSONX_OBJECT)
			continue;
		u = jsonx_str(jsonx_member_n(e, "entityUrn", 9));
		if (u != NULL && strcmp(u, urn) == 0)
			return e;
	}
	return NULL;
}
