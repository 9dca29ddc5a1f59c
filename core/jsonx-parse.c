/* jsonx-parse.c — jsonx_parse(): one pass over the text, no recursion.
 *
 * Open containers are frames of a fixed stack (JSONX_MAX_DEPTH deep);
 * their finished children wait on one growable scratch array of members
 * (arrays use only .val).  When a container closes, its children are
 * copied into the arena as one array and the container becomes a plain
 * value of its parent.  So the work per value is a few compares and, for
 * strings, one copy into the arena; there is no malloc per value.
 *
 * Where json-c (which linchat used before) and RFC 8259 differ, the RFC
 * wins: no single-quoted strings, no leading zeros, "1." or NaN.  Where
 * the RFC leaves room, json-c's choice is kept: raw control characters in
 * strings pass, a lone surrogate escape is U+FFFD, the last of duplicate
 * keys wins.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonx-int.h"
#include "core/utf8.h"
#include "core/xmalloc.h"

#define JP_SCRATCH0 128
#define JP_BLOCK_MIN 4096

struct jp_frame {
	uint32_t start; /* first child in scratch */
	uint32_t is_obj;
};

struct jp {
	const unsigned char *cur, *start, *end;
	struct jsonx_doc *doc;
	struct jsonx_member *scratch;
	size_t nscratch, capscratch;
	struct jp_frame frames[JSONX_MAX_DEPTH];
	int depth;
	const char *why; /* first error, or NULL */
	size_t at;
	struct jsonx_member local[JP_SCRATCH0];
};

/* --- arena --- */

/* A new block for at least size bytes, twice the last one's size. */
static void *
jp_grow(struct jp *p, size_t size)
{
	struct jsonx_block *b = p->doc->blocks;
	size_t want = b != NULL ? b->size * 2 : JP_BLOCK_MIN;

	if (want < size)
		want = size;
	b = xmalloc(sizeof *b + want);
	b->size = want;
	b->used = size;
	b->next = p->doc->blocks;
	p->doc->blocks = b;
	return b + 1;
}

static inline void *
jp_alloc(struct jp *p, size_t size)
{
	struct jsonx_block *b = p->doc->blocks;
	void *r;

	size = (size + 7) & ~(size_t)7;
	if (b == NULL || b->size - b->used < size)
		return jp_grow(p, size);
	r = (char *)(b + 1) + b->used;
	b->used += size;
	return r;
}

static void
jp_arena_free(struct jsonx_doc *doc)
{
	struct jsonx_block *b, *next;

	for (b = doc->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	doc->blocks = NULL;
}

/* --- errors --- */

static int
jp_fail(struct jp *p, const unsigned char *at, const char *why)
{
	if (p->why == NULL) {
		p->why = why;
		p->at = (size_t)(at - p->start);
	}
	return -1;
}

/* At the end of the text something more was due. */
static int
jp_short(struct jp *p)
{
	return jp_fail(p, p->end, "cut short");
}

static const unsigned char *
jp_ws(const unsigned char *s, const unsigned char *e)
{
	while (s < e && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t'))
		s++;
	return s;
}

/* --- strings --- */

static int
jp_hex4(const unsigned char *s, unsigned *out)
{
	unsigned v = 0, i, c;

	for (i = 0; i < 4; i++) {
		c = s[i];
		if (c >= '0' && c <= '9')
			c -= '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			c = (c | 0x20) - 'a' + 10;
		else
			return -1;
		v = v << 4 | c;
	}
	*out = v;
	return 0;
}

/* Decodes the escaped string s..e (the closing quote at e) into o, which
 * has e - s + 1 bytes: no escape decodes longer than it is written.  The
 * escapes were checked for length by jp_string(); their content is
 * checked here.  Returns the decoded length or -1. */
static long
jp_unescape(struct jp *p, const unsigned char *s, const unsigned char *e,
            char *o)
{
	char *o0 = o;
	unsigned cp, lo;

	while (s < e) {
		if (*s != '\\') {
			*o++ = (char)*s++;
			continue;
		}
		switch (s[1]) {
		case '"':
		case '\\':
		case '/':
			*o++ = (char)s[1];
			break;
		case 'b':
			*o++ = '\b';
			break;
		case 'f':
			*o++ = '\f';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 't':
			*o++ = '\t';
			break;
		case 'u':
			if (e - s < 6 || jp_hex4(s + 2, &cp) != 0)
				return jp_fail(p, s,
				               "bad \\u escape in a string");
			s += 6;
			if (cp >= 0xd800 && cp <= 0xdbff && e - s >= 6 &&
			    s[0] == '\\' && s[1] == 'u' &&
			    jp_hex4(s + 2, &lo) == 0 && lo >= 0xdc00 &&
			    lo <= 0xdfff) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     (lo - 0xdc00);
				s += 6;
			}
			/* a lone surrogate is written as U+FFFD */
			o += utf8_encode(cp, o);
			continue;
		default:
			return jp_fail(p, s, "bad escape in a string");
		}
		s += 2;
	}
	*o = '\0';
	return (long)(o - o0);
}

#define JP_ONES 0x0101010101010101ULL
#define JP_HIGHS 0x8080808080808080ULL
/* Nonzero when a byte of x is 0; its lowest set bit marks the first such
 * byte (bits above it may be false alarms). */
#define JP_HASZERO(x) (((x)-JP_ONES) & ~(x)&JP_HIGHS)
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define JP_FIRST(t) ((size_t)__builtin_ctzll(t) / 8)
#else
#define JP_FIRST(t) 0
#endif

/* Reads the string whose opening quote is at p->cur into the arena and
 * leaves p->cur after the closing quote. */
static int
jp_string(struct jp *p, const char **out, uint32_t *outlen)
{
	const unsigned char *s = p->cur + 1, *q = s, *e = p->end;
	int esc = 0;
	uint64_t w, t;
	long n;
	char *o;

	for (;;) {
		/* eight bytes at a time until one is '"', '\\' or NUL */
		while (e - q >= 8) {
			memcpy(&w, q, 8);
			t = JP_HASZERO(w) | JP_HASZERO(w ^ (JP_ONES * '"')) |
			    JP_HASZERO(w ^ (JP_ONES * '\\'));
			if (t != 0) {
				q += JP_FIRST(t);
				break;
			}
			q += 8;
		}
		if (q >= e)
			return jp_short(p);
		if (*q == '"')
			break;
		if (*q == '\\') {
			esc = 1;
			if (e - q < 2)
				return jp_short(p);
			if (q[1] == 'u') {
				if (e - q < 6)
					return jp_short(p);
				q += 6;
			} else
				q += 2;
			continue;
		}
		if (*q == '\0')
			return jp_fail(p, q, "NUL byte in a string");
		q++;
	}
	n = (long)(q - s);
	o = jp_alloc(p, (size_t)n + 1);
	if (!esc) {
		memcpy(o, s, (size_t)n);
		o[n] = '\0';
	} else if ((n = jp_unescape(p, s, q, o)) < 0)
		return -1;
	*out = o;
	*outlen = (uint32_t)n;
	p->cur = q + 1;
	return 0;
}

/* --- numbers --- */

static const double jp_pow10[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* m × 10^exp: exact when both fit the table's exact range, within a few
 * ulps otherwise (linchat reads no fractional field; see jsonx.h). */
static double
jp_scale(uint64_t m, long exp)
{
	double d = (double)m;

	if (m == 0)
		return 0;
	while (exp > 22 && d < 1e300) {
		d *= 1e22;
		exp -= 22;
	}
	while (exp < -22 && d > 1e-300) {
		d /= 1e22;
		exp += 22;
	}
	if (exp > 22)
		return d * 1e22 * 1e22; /* inf */
	if (exp < -22)
		return 0;
	return exp >= 0 ? d * jp_pow10[exp] : d / jp_pow10[-exp];
}

static int
jp_number(struct jp *p, struct jsonx *v)
{
	const unsigned char *s = p->cur, *e = p->end;
	uint64_t m = 0;
	long exp = 0, ex = 0;
	int neg = 0, eneg = 0, digits = 0, over = 0, isd = 0;

	if (*s == '-') {
		neg = 1;
		if (++s >= e)
			return jp_short(p);
	}
	if (*s == '0') {
		s++;
		if (s < e && *s >= '0' && *s <= '9')
			return jp_fail(p, s, "a number with a leading zero");
	} else if (*s >= '1' && *s <= '9') {
		for (; s < e && *s >= '0' && *s <= '9'; s++) {
			if (digits < 19) {
				m = m * 10 + (uint64_t)(*s - '0');
				digits++;
			} else {
				over = 1;
				exp++;
			}
		}
	} else
		return jp_fail(p, s, "a malformed number");
	if (s < e && *s == '.') {
		isd = 1;
		if (++s >= e)
			return jp_short(p);
		if (*s < '0' || *s > '9')
			return jp_fail(p, s, "a malformed number");
		for (; s < e && *s >= '0' && *s <= '9'; s++) {
			if (m == 0 && *s == '0') {
				exp--; /* 0.00ddd: zeros before the digits */
			} else if (digits < 19) {
				m = m * 10 + (uint64_t)(*s - '0');
				digits++;
				exp--;
			}
		}
	}
	if (s < e && (*s == 'e' || *s == 'E')) {
		isd = 1;
		if (++s < e && (*s == '+' || *s == '-'))
			eneg = *s++ == '-';
		if (s >= e)
			return jp_short(p);
		if (*s < '0' || *s > '9')
			return jp_fail(p, s, "a malformed number");
		for (; s < e && *s >= '0' && *s <= '9'; s++)
			if (ex < 100000)
				ex = ex * 10 + (*s - '0');
		exp += eneg ? -ex : ex;
	}
	p->cur = s;
	v->type = JSONX_NUMBER;
	if (isd) {
		v->n = 1;
		v->u.d = jp_scale(m, exp);
		if (neg)
			v->u.d = -v->u.d;
		return 0;
	}
	/* an integer: past int64 it is clamped, as json-c did */
	v->n = 0;
	if (over || m > (uint64_t)INT64_MAX + (uint64_t)neg)
		v->u.i = neg ? INT64_MIN : INT64_MAX;
	else if (neg)
		v->u.i = m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m;
	else
		v->u.i = (int64_t)m;
	return 0;
}

static int
jp_literal(struct jp *p, const char *word, size_t n)
{
	size_t have = (size_t)(p->end - p->cur);

	if (memcmp(p->cur, word, have < n ? have : n) != 0)
		return jp_fail(p, p->cur, "an unexpected character");
	if (have < n)
		return jp_short(p);
	p->cur += n;
	return 0;
}

/* --- containers --- */

static struct jsonx_member *
jp_push(struct jp *p)
{
	if (p->nscratch == p->capscratch) {
		p->capscratch *= 2;
		if (p->scratch == p->local) {
			p->scratch = xreallocarray(NULL, p->capscratch,
			                           sizeof *p->scratch);
			memcpy(p->scratch, p->local, sizeof p->local);
		} else
			p->scratch = xreallocarray(p->scratch, p->capscratch,
			                           sizeof *p->scratch);
	}
	return &p->scratch[p->nscratch++];
}

static uint64_t
jp_hash(const char *s, uint32_t n)
{
	uint64_t h = 1469598103934665603ULL;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static int
jp_same_key(const struct jsonx_member *a, const struct jsonx_member *b)
{
	return a->klen == b->klen && a->khead == b->khead &&
	       (a->klen <= 4 ||
	        memcmp(a->key + 4, b->key + 4, a->klen - 4) == 0);
}

/* Keeps the first place and the last value of duplicate keys among the
 * n members at m (as json-c did); returns how many remain.  Pairwise for
 * the small objects of real answers, hashed for big ones. */
static size_t
jp_dedupe(struct jsonx_member *m, size_t n)
{
	size_t i, j, k, out = 0, cap, *slot;

	if (n <= 16) {
		for (i = 0; i < n; i++) {
			for (j = 0; j < out; j++) {
				if (jp_same_key(&m[j], &m[i])) {
					m[j].val = m[i].val;
					break;
				}
			}
			if (j == out)
				m[out++] = m[i];
		}
		return out;
	}
	for (cap = 32; cap < n * 2; cap *= 2)
		;
	slot = xcalloc(cap, sizeof *slot); /* index + 1; 0 is empty */
	for (i = 0; i < n; i++) {
		k = (size_t)jp_hash(m[i].key, m[i].klen) & (cap - 1);
		for (; slot[k] != 0; k = (k + 1) & (cap - 1)) {
			if (jp_same_key(&m[slot[k] - 1], &m[i]))
				break;
		}
		if (slot[k] != 0)
			m[slot[k] - 1].val = m[i].val;
		else {
			m[out] = m[i];
			slot[k] = ++out;
		}
	}
	free(slot);
	return out;
}

/* Where a value being read goes: the last scratch entry inside a
 * container (an object's member is pushed with its key, an array's item
 * before it is read), the root outside.  Values are written there in
 * place: building one in a temporary and copying it as a whole made the
 * CPU wait on its own just-written fields. */
static struct jsonx *
jp_slot(struct jp *p, struct jsonx *root)
{
	return p->depth != 0 ? &p->scratch[p->nscratch - 1].val : root;
}

/* Closes the innermost container into its slot. */
static void
jp_close(struct jp *p, struct jsonx *root)
{
	struct jp_frame *f = &p->frames[--p->depth];
	struct jsonx_member *m = p->scratch + f->start;
	size_t i, n = p->nscratch - f->start;
	struct jsonx_member *mo;
	struct jsonx *items, *v;
	uint32_t is_obj = f->is_obj;

	if (is_obj) {
		n = jp_dedupe(m, n);
		mo = n != 0 ? jp_alloc(p, n * sizeof *mo) : NULL;
		if (n != 0)
			memcpy(mo, m, n * sizeof *mo);
		items = NULL;
	} else {
		items = n != 0 ? jp_alloc(p, n * sizeof *items) : NULL;
		for (i = 0; i < n; i++)
			items[i] = m[i].val;
		mo = NULL;
	}
	p->nscratch = f->start;
	v = jp_slot(p, root);
	v->type = is_obj ? JSONX_OBJECT : JSONX_ARRAY;
	v->n = (uint32_t)n;
	if (is_obj)
		v->u.members = mo;
	else
		v->u.items = items;
}

/* Reads "key": of an object, pushes its member and leaves p->cur at the
 * value. */
static int
jp_key(struct jp *p)
{
	struct jsonx_member *m;
	const char *k;
	uint32_t klen;

	if (p->cur >= p->end)
		return jp_short(p);
	if (*p->cur != '"')
		return jp_fail(p, p->cur, "a member without a quoted name");
	if (jp_string(p, &k, &klen) != 0)
		return -1;
	p->cur = jp_ws(p->cur, p->end);
	if (p->cur >= p->end)
		return jp_short(p);
	if (*p->cur != ':')
		return jp_fail(p, p->cur, "a member without ':'");
	p->cur = jp_ws(p->cur + 1, p->end);
	m = jp_push(p);
	m->key = k;
	m->klen = klen;
	m->khead = jsonx_khead(k, klen);
	return 0;
}

/* Opens a container at p->cur.  1 if it closed at once (empty, written
 * to its slot), 0 if its first child is due, -1 on error. */
static int
jp_open(struct jp *p, int is_obj, struct jsonx *root)
{
	if (p->depth == JSONX_MAX_DEPTH)
		return jp_fail(p, p->cur, "nesting too deep");
	p->frames[p->depth].start = (uint32_t)p->nscratch;
	p->frames[p->depth].is_obj = (uint32_t)is_obj;
	p->depth++;
	p->cur = jp_ws(p->cur + 1, p->end);
	if (p->cur < p->end && *p->cur == (is_obj ? '}' : ']')) {
		p->cur++;
		jp_close(p, root);
		return 1;
	}
	if (is_obj)
		return jp_key(p) != 0 ? -1 : 0;
	jp_push(p);
	return 0;
}

/* Reads one value into its slot; a container is only opened (0 with
 * *opened set, its first child due next) unless it is empty. */
static int
jp_value(struct jp *p, struct jsonx *root, int *opened)
{
	struct jsonx *v = jp_slot(p, root);
	int r;

	*opened = 0;
	if (p->cur >= p->end)
		return jp_short(p);
	switch (*p->cur) {
	case '"':
		v->type = JSONX_STRING;
		return jp_string(p, &v->u.s, &v->n);
	case '{':
	case '[':
		if ((r = jp_open(p, *p->cur == '{', root)) < 0)
			return -1;
		*opened = r == 0;
		return 0;
	case 't':
		v->type = JSONX_BOOL;
		v->n = 0;
		v->u.b = 1;
		return jp_literal(p, "true", 4);
	case 'f':
		v->type = JSONX_BOOL;
		v->n = 0;
		v->u.b = 0;
		return jp_literal(p, "false", 5);
	case 'n':
		v->type = JSONX_NULL;
		v->n = 0;
		v->u.i = 0;
		return jp_literal(p, "null", 4);
	default:
		if (*p->cur == '-' || (*p->cur >= '0' && *p->cur <= '9'))
			return jp_number(p, v);
		return jp_fail(p, p->cur, "an unexpected character");
	}
}

/* The main loop: read a value; while inside a container, read on after
 * ',' (pushing the next slot) or close the container after '}' / ']'. */
static int
jp_run(struct jp *p, struct jsonx *root)
{
	struct jp_frame *f;
	int opened;
	unsigned char c;

	for (;;) {
		if (jp_value(p, root, &opened) != 0)
			return -1;
		if (opened)
			continue;
		for (;;) {
			if (p->depth == 0)
				return 0;
			f = &p->frames[p->depth - 1];
			p->cur = jp_ws(p->cur, p->end);
			if (p->cur >= p->end)
				return jp_short(p);
			c = *p->cur;
			if (c == ',') {
				p->cur = jp_ws(p->cur + 1, p->end);
				if (!f->is_obj)
					jp_push(p);
				else if (jp_key(p) != 0)
					return -1;
				break;
			}
			if (c != (f->is_obj ? '}' : ']'))
				return jp_fail(
				    p, p->cur,
				    f->is_obj
				        ? "a member not followed by ',' or '}'"
				        : "an item not followed by ',' or ']'");
			p->cur++;
			jp_close(p, root);
		}
	}
}

struct jsonx *
jsonx_parse(const char *text, size_t len, struct lc_error *err)
{
	struct jp p;
	struct jsonx_doc *doc;

	if (text == NULL || len == 0) {
		lc_error_set(
		    err, LC_EBADRESP,
		    "LinkedIn sent an empty answer where JSON was due.");
		return NULL;
	}
	if (len > JSONX_MAX_TEXT) {
		lc_error_set(
		    err, LC_EBADRESP,
		    "LinkedIn's answer is too large (%zu bytes) to read.", len);
		return NULL;
	}
	doc = xmalloc(sizeof *doc);
	doc->blocks = NULL;
	memset(&p, 0, offsetof(struct jp, local));
	p.start = (const unsigned char *)text;
	p.end = p.start + len;
	p.doc = doc;
	p.scratch = p.local;
	p.capscratch = JP_SCRATCH0;
	/* a first block of about the text's size (the usual tree) keeps
	 * real answers to one or two blocks */
	jp_alloc(&p, len + len / 2);
	doc->blocks->used = 0;
	memset(&doc->root, 0, sizeof doc->root);
	p.cur = jp_ws(p.start, p.end);
	if (jp_run(&p, &doc->root) == 0) {
		p.cur = jp_ws(p.cur, p.end);
		if (p.cur != p.end)
			jp_fail(&p, p.cur, "bytes after the JSON");
	}
	if (p.scratch != p.local)
		free(p.scratch);
	if (p.why != NULL)
		lc_error_set(
		    err, LC_EBADRESP,
		    "LinkedIn's answer is not valid JSON (%s at byte %zu).",
		    p.why, p.at);
	else if (doc->root.type == JSONX_NULL)
		/* callers must still get an error that says why (found by
		 * tests/fuzz/fuzz-jsonx when json-c read "null" as nothing) */
		lc_error_set(
		    err, LC_EBADRESP,
		    "LinkedIn's answer is null where JSON data was due.");
	else
		return &doc->root;
	jp_arena_free(doc);
	free(doc);
	return NULL;
}

void
jsonx_free(struct jsonx *root)
{
	struct jsonx_doc *doc = (struct jsonx_doc *)root;

	if (doc == NULL)
		return;
	jp_arena_free(doc);
	free(doc);
}
