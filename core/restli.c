/* restli.c — see restli.h.
 *
 * The parser is a small recursive descent over the raw text:
 *
 *	value  := record | list | leaf
 *	record := '(' [ key ':' value { ',' key ':' value } ] ')'
 *	list   := "List(" [ value { ',' value } ] ')'
 *	leaf   := { any byte but ( ) , : and controls }	(percent-encoded)
 *
 * A record value may be empty ("keywords:"); a list item may not.
 *
 * A leaf that holds a raw ':' or '(' is a syntax error: Voyager values are
 * always encoded, and a raw URN there means the sender forgot to.
 */
#include <stdlib.h>
#include <string.h>

#include "core/restli.h"
#include "core/xmalloc.h"

#define RESTLI_MAX_DEPTH 64

static int
restli_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

int
restli_encode_value(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t start = b->len;
	char esc[3];

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		int r;

		if (restli_unreserved(c))
			r = buf_addc(b, (char)c);
		else {
			esc[0] = '%';
			esc[1] = hex[c >> 4];
			esc[2] = hex[c & 0x0f];
			r = buf_add(b, esc, 3);
		}
		if (r != 0) {
			buf_truncate(b, start);
			return -1;
		}
	}
	return 0;
}

char *
restli_encode_dup(const char *s)
{
	struct buf b;

	buf_init(&b, 0);
	restli_encode_value(&b, s);
	return buf_detach(&b);
}

static int
restli_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
restli_decode_dup(const char *s, size_t n, struct lc_error *err)
{
	char *out = xmalloc(n + 1);
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		int hi, lo;

		if (s[i] == '\0')
			goto bad;
		if (s[i] != '%') {
			out[o++] = s[i];
			continue;
		}
		if (n - i < 3)
			goto bad;
		hi = restli_hexval(s[i + 1]);
		lo = restli_hexval(s[i + 2]);
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
			goto bad;
		out[o++] = (char)(hi << 4 | lo);
		i += 2;
	}
	out[o] = '\0';
	return out;
bad:
	free(out);
	lc_error_set(err, LC_EINVAL,
	             "Bad percent-encoding in a Rest.li value at byte %zu.", i);
	return NULL;
}

struct restli_parser {
	const char *p;
	const char *end;
	const char *start;
	struct lc_error *err;
};

static struct restli_value *restli_parse_value(struct restli_parser *, int);

static void *
restli_syntax(struct restli_parser *rp, const char *what)
{
	lc_error_set(rp->err, LC_EINVAL,
	             "Rest.li syntax error at byte %zu: %s.",
	             (size_t)(rp->p - rp->start), what);
	return NULL;
}

static int
restli_leaf_byte(unsigned char c)
{
	return c != '(' && c != ')' && c != ',' && c != ':' && c >= 0x20 &&
	       c != 0x7f;
}

/* Scans a leaf or a key: bytes up to a structure character. */
static char *
restli_parse_token(struct restli_parser *rp)
{
	const char *s = rp->p;

	while (rp->p < rp->end && restli_leaf_byte((unsigned char)*rp->p))
		rp->p++;
	if (rp->p < rp->end && ((unsigned char)*rp->p < 0x20 || *rp->p == 0x7f))
		return restli_syntax(rp, "control character");
	return restli_decode_dup(s, (size_t)(rp->p - s), rp->err);
}

static void
restli_push(struct restli_value *v, char *key, struct restli_value *item)
{
	if (v->type == RESTLI_RECORD) {
		v->keys = xreallocarray(v->keys, v->n + 1, sizeof *v->keys);
		v->keys[v->n] = key;
	}
	v->items = xreallocarray(v->items, v->n + 1, sizeof *v->items);
	v->items[v->n++] = item;
}

/* Parses the members of a record or list after its '('. */
static struct restli_value *
restli_parse_compound(struct restli_parser *rp, enum restli_type type,
                      int depth)
{
	struct restli_value *v = xcalloc(1, sizeof *v);
	struct restli_value *item;
	char *key = NULL;

	v->type = type;
	if (rp->p < rp->end && *rp->p == ')') {
		rp->p++;
		return v;
	}
	for (;;) {
		if (type == RESTLI_RECORD) {
			if ((key = restli_parse_token(rp)) == NULL)
				goto fail;
			if (*key == '\0') {
				restli_syntax(rp, "empty key");
				goto fail;
			}
			if (rp->p >= rp->end || *rp->p != ':') {
				restli_syntax(rp, "missing ':' after a key");
				goto fail;
			}
			rp->p++;
		}
		if ((item = restli_parse_value(rp, depth + 1)) == NULL)
			goto fail;
		if (type == RESTLI_LIST && item->type == RESTLI_STRING &&
		    item->str[0] == '\0') {
			restli_value_free(item);
			restli_syntax(rp, "empty list item");
			goto fail;
		}
		restli_push(v, key, item);
		key = NULL;
		if (rp->p >= rp->end) {
			restli_syntax(rp, "unbalanced parentheses");
			goto fail;
		}
		if (*rp->p == ')') {
			rp->p++;
			return v;
		}
		if (*rp->p != ',') {
			restli_syntax(rp, "expected ',' or ')'");
			goto fail;
		}
		rp->p++;
	}
fail:
	free(key);
	restli_value_free(v);
	return NULL;
}

static struct restli_value *
restli_parse_value(struct restli_parser *rp, int depth)
{
	struct restli_value *v;
	size_t left = (size_t)(rp->end - rp->p);

	if (depth > RESTLI_MAX_DEPTH)
		return restli_syntax(rp, "nested too deeply");
	if (left >= 5 && memcmp(rp->p, "List(", 5) == 0) {
		rp->p += 5;
		return restli_parse_compound(rp, RESTLI_LIST, depth);
	}
	if (left >= 1 && *rp->p == '(') {
		rp->p++;
		return restli_parse_compound(rp, RESTLI_RECORD, depth);
	}
	v = xcalloc(1, sizeof *v);
	v->type = RESTLI_STRING;
	if ((v->str = restli_parse_token(rp)) == NULL) {
		free(v);
		return NULL;
	}
	if (rp->p < rp->end && (*rp->p == ':' || *rp->p == '(')) {
		restli_value_free(v);
		return restli_syntax(
		    rp,
		    *rp->p == ':'
		        ? "raw ':' in a value (values must be percent-encoded)"
		        : "raw '(' in a value");
	}
	return v;
}

struct restli_value *
restli_parse(const char *text, size_t len, struct lc_error *err)
{
	struct restli_parser rp = {text, text + len, text, err};
	struct restli_value *v;

	if ((v = restli_parse_value(&rp, 0)) == NULL)
		return NULL;
	if (rp.p != rp.end) {
		restli_value_free(v);
		return restli_syntax(&rp, *rp.p == ')'
		                              ? "unbalanced parentheses"
		                              : "trailing bytes");
	}
	return v;
}

void
restli_value_free(struct restli_value *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		if (v->keys != NULL)
			free(v->keys[i]);
		restli_value_free(v->items[i]);
	}
	free(v->keys);
	free(v->items);
	free(v->str);
	free(v);
}

const struct restli_value *
restli_get(const struct restli_value *v, const char *key)
{
	size_t i;

	if (v == NULL || v->type != RESTLI_RECORD)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return v->items[i];
	return NULL;
}

const char *
restli_get_str(const struct restli_value *v, const char *key)
{
	const struct restli_value *m = restli_get(v, key);

	if (m == NULL || m->type != RESTLI_STRING)
		return NULL;
	return m->str;
}
