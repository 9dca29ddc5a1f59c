/* test-sse.c — the incremental SSE parser (core/sse.c): the recorded
 * stream of tests/fixtures/realtime/stream.txt in every chunking, line
 * ends, comments, joined data lines, and lines over the limit. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/sse.h"
#include "core/xmalloc.h"

#define STREAM "tests/fixtures/realtime/stream.txt"
#define MAXEV 64

struct got_event {
	char *data;
	size_t len;
	char *type;
	char *id;
};

struct got {
	struct got_event ev[MAXEV];
	size_t n;
	size_t stop_after; /* return 7 from this event on; 0 never */
};

static int
collect(void *arg, const struct sse_event *ev)
{
	struct got *g = arg;
	struct got_event *e;

	cr_assert_lt(g->n, MAXEV);
	cr_assert_eq(strlen(ev->data), ev->len, "data is NUL-terminated");
	e = &g->ev[g->n++];
	e->data = xstrndup(ev->data, ev->len);
	e->len = ev->len;
	e->type = xstrdup(ev->type);
	e->id = xstrdup(ev->id);
	return g->stop_after != 0 && g->n >= g->stop_after ? 7 : 0;
}

static void
got_clear(struct got *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		free(g->ev[i].data);
		free(g->ev[i].type);
		free(g->ev[i].id);
	}
	memset(g, 0, sizeof *g);
}

static char *
load_stream(size_t *len)
{
	FILE *f = fopen(STREAM, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	cr_assert_not_null(f, "cannot open %s", STREAM);
	buf_init(&b, 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

/* Feeds s in the pieces given by sizes (cycled), 0-sized pieces too. */
static void
feed_pieces(struct sse *p, const char *s, size_t len, const size_t *sizes,
            size_t nsizes)
{
	size_t off = 0, i = 0;

	while (off < len) {
		size_t k = sizes[i++ % nsizes];

		if (k > len - off)
			k = len - off;
		cr_assert_eq(sse_feed(p, s + off, k), 0);
		off += k;
	}
}

static void
same_events(const struct got *a, const struct got *b, const char *how)
{
	size_t i;

	cr_assert_eq(a->n, b->n, "%s: %zu events, not %zu", how, b->n, a->n);
	for (i = 0; i < a->n; i++) {
		cr_assert_eq(a->ev[i].len, b->ev[i].len, "%s: event %zu", how,
		             i);
		cr_assert(memcmp(a->ev[i].data, b->ev[i].data, a->ev[i].len) ==
		              0,
		          "%s: event %zu data", how, i);
		cr_assert_str_eq(a->ev[i].type, b->ev[i].type, "%s", how);
		cr_assert_str_eq(a->ev[i].id, b->ev[i].id, "%s", how);
	}
}

/* The stream fed whole: what each event must be. */
static void
reference(const char *s, size_t len, struct got *g, struct sse_stats *st)
{
	struct sse *p = sse_new(0, collect, g);

	cr_assert_eq(sse_feed(p, s, len), 0);
	sse_stats_get(p, st);
	sse_free(p);
}

Test(sse, recorded_stream_fed_whole_gives_every_event)
{
	static const char *const starts[] = {
	    "{\"com.linkedin.realtimefrontend.ClientConnection\"",
	    "{\"com.linkedin.realtimefrontend.Heartbeat\"",
	    "{\"com.linkedin.realtimefrontend.DecoratedEvent\"",
	    "{\"com.linkedin.realtimefrontend.DecoratedEvent\"",
	    "{\"com.linkedin.realtimefrontend.DecoratedEvent\"",
	    "{\"com.linkedin.realtimefrontend.DecoratedEvent\"",
	    "{\"com.linkedin.realtimefrontend.DecoratedEvent\"",
	    "{\"com.linkedin.realtimefrontend.DecoratedEvent\"",
	    "{\"com.linkedin.realtimefrontend.Heartbeat\""};
	static const char *const topics[] = {NULL,
	                                     NULL,
	                                     "messagesTopic",
	                                     "conversationsTopic",
	                                     "conversationDeletesTopic",
	                                     "messageSeenReceiptsTopic",
	                                     "typingIndicatorsTopic",
	                                     "messageReactionSummariesTopic",
	                                     NULL};
	struct got g = {0};
	struct sse_stats st;
	size_t len, i;
	char *s = load_stream(&len);

	reference(s, len, &g, &st);
	cr_assert_eq(g.n, 9);
	for (i = 0; i < g.n; i++) {
		cr_assert(strncmp(g.ev[i].data, starts[i], strlen(starts[i])) ==
		              0,
		          "event %zu: %s", i, g.ev[i].data);
		cr_assert(g.ev[i].len >= 2 &&
		              strcmp(g.ev[i].data + g.ev[i].len - 2, "}}") == 0,
		          "event %zu ends its JSON", i);
		cr_assert(strchr(g.ev[i].data, '\r') == NULL);
		if (topics[i] != NULL)
			cr_assert_not_null(strstr(g.ev[i].data, topics[i]),
			                   "event %zu is %s", i, topics[i]);
	}
	/* event:/id: are kept per event and forgotten after it */
	cr_assert_str_eq(g.ev[2].type, "message");
	cr_assert_str_eq(g.ev[2].id, "ev-1");
	cr_assert_str_eq(g.ev[3].type, "");
	cr_assert_str_eq(g.ev[3].id, "");
	cr_assert_str_eq(g.ev[5].id, "ev-4");
	/* the conversation came as three data lines joined with "\n" */
	cr_assert_not_null(strstr(g.ev[3].data, "\n\"payload\""));
	cr_assert_not_null(
	    strstr(g.ev[3].data, "\n\"conversationParticipants"));
	cr_assert_null(strchr(g.ev[2].data, '\n'));
	cr_assert_eq(st.events, 9);
	cr_assert_eq(st.comments, 4);
	cr_assert_eq(st.refused, 0);
	cr_assert_eq(st.bytes, len);
	cr_assert_eq(st.retry_ms, 3000);
	got_clear(&g);
	free(s);
}

Test(sse, recorded_stream_one_byte_at_a_time_gives_the_same_events)
{
	struct got ref = {0}, g = {0};
	struct sse_stats st;
	size_t len, one = 1;
	char *s = load_stream(&len);
	struct sse *p;

	reference(s, len, &ref, &st);
	p = sse_new(0, collect, &g);
	feed_pieces(p, s, len, &one, 1);
	same_events(&ref, &g, "1 byte");
	sse_stats_get(p, &st);
	cr_assert_eq(st.comments, 4);
	sse_free(p);
	got_clear(&ref);
	got_clear(&g);
	free(s);
}

Test(sse, recorded_stream_split_at_every_point_gives_the_same_events)
{
	struct got ref = {0}, g = {0};
	struct sse_stats st;
	size_t len, cut;
	char *s = load_stream(&len), how[64];
	struct sse *p = NULL;

	reference(s, len, &ref, &st);
	for (cut = 0; cut <= len; cut++) {
		if (p == NULL)
			p = sse_new(0, collect, &g);
		cr_assert_eq(sse_feed(p, s, cut), 0);
		cr_assert_eq(sse_feed(p, s + cut, len - cut), 0);
		snprintf(how, sizeof how, "cut at %zu", cut);
		same_events(&ref, &g, how);
		got_clear(&g);
		/* half of the runs reuse the parser after sse_reset() */
		if (cut % 2 == 0) {
			sse_free(p);
			p = NULL;
		} else
			sse_reset(p);
	}
	sse_free(p);
	got_clear(&ref);
	free(s);
}

Test(sse, recorded_stream_in_random_chunks_gives_the_same_events)
{
	struct got ref = {0}, g = {0};
	struct sse_stats st;
	size_t len, sizes[257], i;
	unsigned seed;
	char *s = load_stream(&len), how[64];

	reference(s, len, &ref, &st);
	for (seed = 1; seed <= 40; seed++) {
		unsigned x = seed * 2654435761u;
		struct sse *p = sse_new(0, collect, &g);

		for (i = 0; i < 257; i++) {
			x = x * 1103515245u + 12345u;
			/* mostly small pieces, some empty, some large */
			sizes[i] = (x >> 16) % (seed % 4 == 0 ? 2000 : 17);
		}
		sizes[0] = sizes[0] != 0 ? sizes[0] : 1;
		feed_pieces(p, s, len, sizes, 257);
		snprintf(how, sizeof how, "seed %u", seed);
		same_events(&ref, &g, how);
		got_clear(&g);
		sse_free(p);
	}
	got_clear(&ref);
	free(s);
}

static void
feed_str(struct sse *p, const char *s)
{
	cr_assert_eq(sse_feed(p, s, strlen(s)), 0);
}

Test(sse, lines_may_end_in_cr_lf_or_crlf_even_split_between_feeds)
{
	struct got g = {0};
	struct sse *p = sse_new(0, collect, &g);

	feed_str(p, "data: a\r");
	feed_str(p, "\ndata: b\r");
	feed_str(p, "\r");
	feed_str(p, "data: c\n\ndata: d\r\rdata:e\r\n");
	cr_assert_eq(g.n, 3, "a CR LF split in two is one line end");
	cr_assert_str_eq(g.ev[0].data, "a\nb");
	cr_assert_str_eq(g.ev[1].data, "c");
	cr_assert_str_eq(g.ev[2].data, "d");
	feed_str(p, "\r\n");
	cr_assert_eq(g.n, 4);
	cr_assert_str_eq(g.ev[3].data, "e", "one space dropped, none needed");
	sse_free(p);
	got_clear(&g);
}

Test(sse, fields_follow_the_standard)
{
	struct got g = {0};
	struct sse_stats st;
	struct sse *p = sse_new(0, collect, &g);
	char longid[SSE_FIELD_MAX + 2];

	feed_str(p, ": comment\n:\ndata\n\n");
	cr_assert_eq(g.n, 1, "a bare \"data\" line is an empty data line");
	cr_assert_str_eq(g.ev[0].data, "");
	feed_str(p, "data:  two spaces\ndata:\n\n");
	cr_assert_str_eq(g.ev[1].data, " two spaces\n");
	feed_str(p, "event: x\nid: 1\nretry: soon\nfoo: bar\n\n");
	cr_assert_eq(g.n, 2, "an event without data is not delivered");
	feed_str(p, "data: after\n\n");
	cr_assert_str_eq(g.ev[2].type, "", "the type went with its event");
	cr_assert_str_eq(g.ev[2].id, "");
	feed_str(p, "data: k:v:w\nDATA: not data\n\n");
	cr_assert_str_eq(g.ev[3].data, "k:v:w");
	memset(longid, 'i', sizeof longid - 1);
	longid[sizeof longid - 1] = '\0';
	feed_str(p, "id: ");
	feed_str(p, longid);
	feed_str(p, "\ndata: dropped\n\nid: 1\ndata: kept\n\n");
	cr_assert_eq(g.n, 5, "an id over SSE_FIELD_MAX drops its event");
	cr_assert_str_eq(g.ev[4].id, "1");
	sse_stats_get(p, &st);
	cr_assert_eq(st.refused, 1);
	cr_assert_eq(st.comments, 2);
	cr_assert_eq(st.retry_ms, -1, "a retry that is not digits is ignored");
	cr_assert_eq(st.events, 5);
	sse_free(p);
	got_clear(&g);
}

Test(sse, a_line_over_the_limit_drops_its_event_only)
{
	struct got g = {0};
	struct sse_stats st;
	struct sse *p = sse_new(16, collect, &g);

	feed_str(p, "data: 0123456789\n\n");
	cr_assert_eq(g.n, 1, "16 bytes is within the limit");
	feed_str(p, "data: first\ndata: 0123456789A\ndata: x\n\ndata: ok\n\n");
	cr_assert_eq(g.n, 2);
	cr_assert_str_eq(g.ev[1].data, "ok");
	/* split across feeds, in pieces each under the limit */
	feed_str(p, "data: 01234");
	feed_str(p, "56789");
	feed_str(p, "ABCDEFGHIJ");
	feed_str(p, "KLMNOP\r");
	feed_str(p, "\n\r\ndata: next\n\n");
	cr_assert_eq(g.n, 3);
	cr_assert_str_eq(g.ev[2].data, "next");
	/* data lines adding up to more than the limit */
	feed_str(p, "data: 0123456\ndata: 0123456\ndata: 0123\n\n");
	cr_assert_eq(g.n, 3);
	sse_stats_get(p, &st);
	cr_assert_eq(st.refused, 3);
	cr_assert_leq(st.mem_peak, 2 * 17 + 512);
	sse_free(p);
	got_clear(&g);
}

Test(sse, a_30_mib_line_in_64_kib_pieces_keeps_memory_bounded)
{
	struct got g = {0};
	struct sse_stats st;
	struct sse *p = sse_new(0, collect, &g);
	size_t piece = 64u << 10, total = 30u << 20, off;
	char *junk = xmalloc(piece);

	memset(junk, 'x', piece);
	feed_str(p,
	         "data: {\"com.linkedin.realtimefrontend.Heartbeat\":{}}\n\n");
	feed_str(p, "data: ");
	for (off = 0; off < total; off += piece)
		cr_assert_eq(sse_feed(p, junk, piece), 0);
	sse_stats_get(p, &st);
	cr_assert_leq(st.mem, 2 * (SSE_LINE_MAX + 1));
	feed_str(p, "\n\ndata: after\n\n");
	sse_stats_get(p, &st);
	cr_assert_eq(g.n, 2);
	cr_assert_str_eq(g.ev[1].data, "after");
	cr_assert_eq(st.refused, 1);
	cr_assert_leq(st.mem_peak, 2 * (SSE_LINE_MAX + 1),
	              "peak %zu bytes for a 30 MiB line", st.mem_peak);
	cr_assert_leq(st.mem, 64u << 10, "the big buffer was given back");
	/* one 30 MiB feed: the line is never copied at all */
	junk = xrealloc(junk, total + 1);
	memset(junk, 'y', total);
	junk[total] = '\n';
	feed_str(p, "data: ");
	cr_assert_eq(sse_feed(p, junk, total + 1), 0);
	feed_str(p, "\ndata: end\n\n");
	sse_stats_get(p, &st);
	cr_assert_eq(st.refused, 2);
	cr_assert_str_eq(g.ev[2].data, "end");
	cr_assert_leq(st.mem_peak, 2 * (SSE_LINE_MAX + 1));
	free(junk);
	sse_free(p);
	got_clear(&g);
}

Test(sse, a_callback_stopping_ends_the_feed_and_reset_forgets)
{
	struct got g = {0};
	struct sse *p = sse_new(0, collect, &g);
	const char *s = "data: 1\n\ndata: 2\n\ndata: 3\n\n";

	g.stop_after = 1;
	cr_assert_eq(sse_feed(p, s, strlen(s)), 7);
	cr_assert_eq(g.n, 1);
	g.stop_after = 0;
	feed_str(p, "data: half");
	sse_reset(p);
	feed_str(p, "\n\ndata: whole\n\n");
	cr_assert_eq(g.n, 2, "the partial event before the reset is gone");
	cr_assert_str_eq(g.ev[1].data, "whole");
	feed_str(p, "data: x\r");
	sse_reset(p);
	feed_str(p, "\ndata: y\n\n");
	cr_assert_eq(g.n, 3);
	cr_assert_str_eq(g.ev[2].data, "y");
	sse_free(p);
	sse_free(NULL);
	got_clear(&g);
}
