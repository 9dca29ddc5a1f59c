/* fuzz-sse.c — the realtime stream's parsers: core/sse.h, then every
 * event through voyager_rt_parse() (core/voyager-rt.h).
 *
 * Byte 0 picks the line limit (a multiple of 4: the default 1 MiB, else
 * 2..256 bytes, so refusals happen), byte 1 the largest piece; the rest
 * is the stream, fed in pieces whose sizes are read from the stream's own
 * bytes (some empty), then fed again whole to a second parser.  Checked:
 * both feeds give the same events and counts (the chunking never
 * matters); data, type and id hold no CR, fit the limit and are
 * NUL-terminated; memory stays under twice the limit; events map to a
 * known kind or LC_EBADRESP, with the fields their kind promises.  Each
 * event's data is given to the mapper as a heap copy of exactly its
 * length, freed before the result is read.
 */
#include <string.h>

#include "core/err.h"
#include "core/sse.h"
#include "core/voyager-rt.h"
#include "tests/fuzz/fuzz.h"

struct run {
	size_t line_max;
	unsigned long n;
	uint64_t hash;
	int map; /* map the events (first feed only) */
};

static volatile size_t sink;

static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return (h ^ 0xff) * 1099511628211u;
}

static void
touch(const char *s)
{
	if (s != NULL)
		sink += strlen(s);
}

static void
map_event(const char *data, size_t len)
{
	struct voyager_rt_event ev;
	struct lc_error err;
	char *copy = xmalloc(len != 0 ? len : 1);
	enum lc_err rc;

	memcpy(copy, data, len);
	memset(&err, 0, sizeof err);
	rc = voyager_rt_parse(copy, len, "ACoAABme-_1==", &ev, &err);
	free(copy);
	FUZZ_CHECK(rc == LC_OK || rc == LC_EBADRESP, "rc %d", (int)rc);
	FUZZ_CHECK(rc == LC_OK || err.msg[0] != '\0', "error without text");
	touch(voyager_rt_kind_name(ev.kind));
	touch(ev.topic);
	touch(ev.id);
	touch(ev.connection_id);
	touch(ev.conv_urn);
	touch(ev.msg_urn);
	touch(ev.who_urn);
	touch(ev.who_name);
	touch(ev.reaction.emoji);
	if (rc == LC_OK && ev.kind == VOYAGER_RT_MESSAGE) {
		FUZZ_CHECK(ev.has_message && ev.message.urn != NULL,
		           "message without urn");
		FUZZ_CHECK(ev.message.text != NULL, "message text is NULL");
		touch(ev.message.text);
		touch(ev.message.sender_name);
	}
	if (rc == LC_OK && ev.kind == VOYAGER_RT_CONVERSATION)
		FUZZ_CHECK(ev.has_conversation && ev.conversation.urn != NULL,
		           "conversation without urn");
	if (rc == LC_OK &&
	    (ev.kind == VOYAGER_RT_CONV_DELETE || ev.kind == VOYAGER_RT_TYPING))
		FUZZ_CHECK(ev.conv_urn != NULL, "no conv_urn");
	if (rc == LC_OK &&
	    (ev.kind == VOYAGER_RT_SEEN || ev.kind == VOYAGER_RT_REACTION))
		FUZZ_CHECK(ev.msg_urn != NULL, "no msg_urn");
	if (rc != LC_OK)
		FUZZ_CHECK(ev.topic == NULL && !ev.has_message,
		           "a failed parse left something to free");
	voyager_rt_event_free(&ev);
	voyager_rt_event_free(&ev);
}

static int
on_event(void *arg, const struct sse_event *ev)
{
	struct run *r = arg;

	FUZZ_CHECK(ev->data != NULL && ev->type != NULL && ev->id != NULL,
	           "NULL field");
	FUZZ_CHECK(ev->data[ev->len] == '\0', "data not NUL-terminated");
	FUZZ_CHECK(ev->len <= r->line_max, "data of %zu over the limit %zu",
	           ev->len, r->line_max);
	FUZZ_CHECK(memchr(ev->data, '\r', ev->len) == NULL, "CR in data");
	FUZZ_CHECK(strlen(ev->type) <= SSE_FIELD_MAX &&
	               strlen(ev->id) <= SSE_FIELD_MAX,
	           "type or id too long");
	FUZZ_CHECK(strpbrk(ev->type, "\r\n") == NULL &&
	               strpbrk(ev->id, "\r\n") == NULL,
	           "line end in type or id");
	r->n++;
	r->hash = fnv(r->hash, ev->data, ev->len);
	r->hash = fnv(r->hash, ev->type, strlen(ev->type));
	r->hash = fnv(r->hash, ev->id, strlen(ev->id));
	if (r->map)
		map_event(ev->data, ev->len);
	return 0;
}

static void
check_stats(const struct sse *p, size_t line_max, size_t fed)
{
	struct sse_stats st;

	sse_stats_get(p, &st);
	FUZZ_CHECK(st.bytes == fed, "bytes %lu, fed %zu", st.bytes, fed);
	FUZZ_CHECK(st.mem_peak <= 2 * (line_max + 1) + 512,
	           "peak %zu for a limit of %zu", st.mem_peak, line_max);
	FUZZ_CHECK(st.mem <= st.mem_peak, "mem over its peak");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run a, b;
	struct sse_stats sa, sb;
	struct sse *p, *q;
	const char *s;
	size_t n, off = 0, j = 0, line_max, big;

	if (size < 2)
		return 0;
	line_max = data[0] % 4 == 0 ? SSE_LINE_MAX : 1 + data[0] % 256;
	big = 1 + data[1];
	s = (const char *)data + 2;
	n = size - 2;
	memset(&a, 0, sizeof a);
	a.line_max = line_max;
	a.map = 1;
	b = a;
	b.map = 0;
	p = sse_new(data[0] % 4 == 0 ? 0 : line_max, on_event, &a);
	while (off < n) {
		size_t k = (unsigned char)s[j++ % n] % big;

		if (k > n - off)
			k = n - off;
		FUZZ_CHECK(sse_feed(p, s + off, k) == 0, "feed stopped");
		off += k;
		if (j % 5 == 0 && off < n) {
			FUZZ_CHECK(sse_feed(p, s + off, 1) == 0,
			           "feed stopped");
			off++;
		}
	}
	check_stats(p, line_max, n);
	q = sse_new(data[0] % 4 == 0 ? 0 : line_max, on_event, &b);
	FUZZ_CHECK(sse_feed(q, s, n) == 0, "feed stopped");
	check_stats(q, line_max, n);
	sse_stats_get(p, &sa);
	sse_stats_get(q, &sb);
	FUZZ_CHECK(a.n == b.n && a.hash == b.hash,
	           "chunked: %lu events, whole: %lu (or other data)", a.n, b.n);
	FUZZ_CHECK(sa.events == sb.events && sa.comments == sb.comments &&
	               sa.refused == sb.refused && sa.retry_ms == sb.retry_ms,
	           "chunked and whole counts differ");
	sse_reset(p);
	FUZZ_CHECK(sse_feed(p, "data: x\n\n", 9) == 0, "feed stopped");
	sse_stats_get(p, &sa);
	FUZZ_CHECK(line_max < 7 || sa.events == sb.events + 1,
	           "no event after a reset");
	sse_free(p);
	sse_free(q);
	return 0;
}
