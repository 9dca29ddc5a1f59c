/* sse.h — an incremental parser for server-sent events (the text/event-
 * stream of the HTML standard), as API.md §7's realtime stream sends them.
 *
 * Bytes go in with sse_feed() in any chunking (one byte at a time, an
 * event split across reads, a CR LF split between two reads); every
 * complete event comes out through the callback.  Lines end in "\r\n",
 * "\n" or "\r".  "data:" lines of one event are joined with "\n"; one
 * leading space after the colon is dropped; "event:", "id:" and "retry:"
 * are kept; lines starting with ':' are comments (a keep-alive) and are
 * counted; a blank line ends the event (an event with no data line is
 * not delivered).  A line longer than the parser's limit is refused: its
 * bytes are skipped up to the next line end without being kept, the event
 * it belonged to is dropped, and the refusal is counted — memory stays
 * under about twice the limit whatever comes in.
 *
 * The joined data of one event is held to the same limit (an event whose
 * data lines add up to more is dropped and counted as refused), and so
 * are "event:" and "id:" values to SSE_FIELD_MAX bytes: the parser holds
 * at most one partial line and one event's data, each under the limit.
 * Complete lines inside one fed chunk are parsed in place (no copy); only
 * a line split across feeds is buffered.  One parser per thread.
 */
#ifndef LC_SSE_H
#define LC_SSE_H

#include <stddef.h>

#define SSE_LINE_MAX (1u << 20) /* 1 MiB: the default line limit */
#define SSE_FIELD_MAX 255       /* "event:" / "id:" values longer: refused */

/* One event, valid only during the callback. */
struct sse_event {
	const char *data; /* the joined data lines, NUL-terminated */
	size_t len;       /* bytes in data */
	const char *type; /* "event:" value, "" when none ("message") */
	const char *id;   /* "id:" value of this event, "" when none */
};

/* Called once per event; return 0 to go on, non-zero to stop feeding
 * (sse_feed() then returns that value at once). */
typedef int (*sse_event_fn)(void *arg, const struct sse_event *ev);

struct sse_stats {
	unsigned long events;   /* delivered */
	unsigned long comments; /* ':' lines */
	unsigned long refused;  /* lines over the limit */
	unsigned long bytes;    /* fed in all */
	long retry_ms;          /* last "retry:" value, -1 when none came */
	size_t mem;             /* bytes the parser's buffers hold now */
	size_t mem_peak;        /* most they ever held (bounded by ~2x the
	                         * line limit plus a few hundred bytes) */
};

/* A new parser; line_max 0 means SSE_LINE_MAX.  fn is called with arg
 * for each event.  Free with sse_free() (NULL is fine). */
struct sse *sse_new(size_t line_max, sse_event_fn fn, void *arg);
void sse_free(struct sse *p);
/* Feeds n bytes.  0, or the callback's non-zero value: then the rest of
 * this chunk is not read (the caller is expected to stop or reset). */
int sse_feed(struct sse *p, const char *data, size_t n);
/* Forgets a partial line and event (a new connection begins); the stats
 * are kept. */
void sse_reset(struct sse *p);
/* Copies the counters into out. */
void sse_stats_get(const struct sse *p, struct sse_stats *out);

#endif
