/* sse.c — see sse.h.
 *
 * The feed loop finds line ends with memchr: the next '\n' of the chunk is
 * found once and kept (so a stream of bare '\r' line ends stays linear),
 * and '\r' is looked for only before it.  A line that lies wholly inside
 * the chunk is parsed where it is; only the piece of a line cut by the end
 * of a chunk is copied into the line buffer, which never grows past the
 * limit.  A CR that ends a chunk leaves a flag, so the LF that may start
 * the next chunk is taken as the second half of the same line end.
 */
#include <stdlib.h>
#include <string.h>

#include "core/sse.h"
#include "core/xmalloc.h"

/* Buffers above this are given back after use, so a parser that once
 * saw a big event does not keep its memory while idle. */
#define SSE_KEEP (64u << 10)

struct sse_bytes {
	char *p;
	size_t len, cap;
};

struct sse {
	size_t line_max;
	sse_event_fn fn;
	void *arg;
	struct sse_bytes line; /* the partial line of the last chunk */
	struct sse_bytes data; /* the event's joined data lines */
	char type[SSE_FIELD_MAX + 1];
	char id[SSE_FIELD_MAX + 1];
	int has_data;
	int drop;     /* a line of this event was refused */
	int skipping; /* inside a refused line: skip to its end */
	int cr;       /* the last byte seen was a CR ending a line */
	struct sse_stats st;
};

static void
sse_mem_note(struct sse *p)
{
	p->st.mem = p->line.cap + p->data.cap;
	if (p->st.mem > p->st.mem_peak)
		p->st.mem_peak = p->st.mem;
}

/* Makes room for len + n + 1 bytes (callers have checked the limit). */
static void
sse_bytes_add(struct sse *p, struct sse_bytes *b, const char *s, size_t n)
{
	size_t need = b->len + n + 1;

	if (need > b->cap) {
		size_t cap = b->cap != 0 ? b->cap : 256;

		while (cap < need)
			cap *= 2;
		if (cap > p->line_max + 1 && need <= p->line_max + 1)
			cap = p->line_max + 1;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
		sse_mem_note(p);
	}
	if (n != 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
sse_bytes_clear(struct sse *p, struct sse_bytes *b)
{
	b->len = 0;
	if (b->cap > SSE_KEEP) {
		free(b->p);
		b->p = NULL;
		b->cap = 0;
		sse_mem_note(p);
	}
}

static void
sse_event_clear(struct sse *p)
{
	sse_bytes_clear(p, &p->data);
	p->type[0] = '\0';
	p->id[0] = '\0';
	p->has_data = 0;
	p->drop = 0;
}

struct sse *
sse_new(size_t line_max, sse_event_fn fn, void *arg)
{
	struct sse *p = xcalloc(1, sizeof *p);

	p->line_max = line_max != 0 ? line_max : SSE_LINE_MAX;
	p->fn = fn;
	p->arg = arg;
	p->st.retry_ms = -1;
	return p;
}

void
sse_free(struct sse *p)
{
	if (p == NULL)
		return;
	free(p->line.p);
	free(p->data.p);
	free(p);
}

void
sse_reset(struct sse *p)
{
	sse_bytes_clear(p, &p->line);
	sse_event_clear(p);
	p->skipping = 0;
	p->cr = 0;
}

void
sse_stats_get(const struct sse *p, struct sse_stats *out)
{
	*out = p->st;
}

static void
sse_refuse(struct sse *p)
{
	p->st.refused++;
	p->drop = 1;
}

static int
sse_dispatch(struct sse *p)
{
	struct sse_event ev;
	int rc;

	if (p->drop || !p->has_data) {
		sse_event_clear(p);
		return 0;
	}
	ev.data = p->data.p;
	ev.len = p->data.len;
	ev.type = p->type;
	ev.id = p->id;
	p->st.events++;
	rc = p->fn != NULL ? p->fn(p->arg, &ev) : 0;
	sse_event_clear(p);
	return rc;
}

static void
sse_field_set(struct sse *p, char *dst, const char *v, size_t n)
{
	if (n > SSE_FIELD_MAX) {
		sse_refuse(p);
		return;
	}
	memcpy(dst, v, n);
	dst[n] = '\0';
}

static void
sse_retry(struct sse *p, const char *v, size_t n)
{
	long ms = 0;
	size_t i;

	if (n == 0 || n > 9)
		return;
	for (i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return;
		ms = ms * 10 + (v[i] - '0');
	}
	p->st.retry_ms = ms;
}

/* One line without its end; n <= line_max.  The callback's value. */
static int
sse_line(struct sse *p, const char *l, size_t n)
{
	const char *colon, *v;
	size_t fn, vn;

	if (n == 0)
		return sse_dispatch(p);
	if (l[0] == ':') {
		p->st.comments++;
		return 0;
	}
	colon = memchr(l, ':', n);
	fn = colon != NULL ? (size_t)(colon - l) : n;
	v = colon != NULL ? colon + 1 : l + n;
	vn = (size_t)(l + n - v);
	if (vn != 0 && v[0] == ' ') {
		v++;
		vn--;
	}
	if (p->drop)
		return 0;
	if (fn == 4 && memcmp(l, "data", 4) == 0) {
		size_t sep = p->has_data ? 1 : 0;

		if (p->data.len + sep + vn > p->line_max) {
			sse_refuse(p);
			return 0;
		}
		if (sep)
			sse_bytes_add(p, &p->data, "\n", 1);
		sse_bytes_add(p, &p->data, v, vn);
		p->has_data = 1;
	} else if (fn == 5 && memcmp(l, "event", 5) == 0)
		sse_field_set(p, p->type, v, vn);
	else if (fn == 2 && memcmp(l, "id", 2) == 0) {
		if (memchr(v, '\0', vn) == NULL) /* as the standard says */
			sse_field_set(p, p->id, v, vn);
	} else if (fn == 5 && memcmp(l, "retry", 5) == 0)
		sse_retry(p, v, vn);
	return 0;
}

/* The piece [s, s+n) of a line, ended (eol) or cut by the chunk's end. */
static int
sse_piece(struct sse *p, const char *s, size_t n, int eol)
{
	int rc;

	if (p->skipping) {
		if (eol)
			p->skipping = 0;
		return 0;
	}
	if (p->line.len + n > p->line_max) {
		/* refused: the bytes kept so far go too */
		sse_bytes_clear(p, &p->line);
		sse_refuse(p);
		p->skipping = !eol;
		return 0;
	}
	if (eol && p->line.len == 0)
		return sse_line(p, s, n);
	sse_bytes_add(p, &p->line, s, n);
	if (!eol)
		return 0;
	rc = sse_line(p, p->line.p, p->line.len);
	sse_bytes_clear(p, &p->line);
	return rc;
}

int
sse_feed(struct sse *p, const char *data, size_t n)
{
	const char *s = data, *end = data + n, *nl = NULL, *e;
	int rc;

	p->st.bytes += n;
	while (s < end) {
		if (p->cr) {
			p->cr = 0;
			if (*s == '\n') {
				s++;
				continue;
			}
		}
		if (nl == NULL || nl < s) {
			nl = memchr(s, '\n', (size_t)(end - s));
			if (nl == NULL)
				nl = end;
		}
		e = memchr(s, '\r', (size_t)(nl - s));
		if (e == NULL)
			e = nl;
		if (e == end)
			return sse_piece(p, s, (size_t)(end - s), 0);
		if (*e == '\r')
			p->cr = 1;
		rc = sse_piece(p, s, (size_t)(e - s), 1);
		s = e + 1;
		if (rc != 0)
			return rc;
	}
	return 0;
}
