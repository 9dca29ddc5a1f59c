/* bench-fts.c — the local full-text search of issue 13 over 100 000
 * stored messages (1 000 conversations of 100):
 *   - median time (and instructions, from perf_event_open when the
 *     kernel allows it) to the first page of 50 hits for "invoice";
 *   - the index's size (dbstat) against the bytes of text it indexes;
 *   - the store's insert rate with the index against the same store with
 *     its index triggers dropped, the two filled in turns in one run.
 *
 *   make MODE=bench bench-bins && build/bench/bin/bench-fts [DIR]
 *
 * `bench-fts DIR search` only searches the store DIR/with.db an earlier
 * `bench-fts DIR` left (after one warm-up query, as the median is of warm
 * runs): the one query runs between CALLGRIND_START_INSTRUMENTATION and
 * CALLGRIND_STOP_INSTRUMENTATION, so under `valgrind --tool=callgrind
 * --instr-atstart=no` the totals are its instructions (tests/bench/run).
 */
#include <linux/perf_event.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tests/bench/bench.h"
#include "core/model.h"
#include "core/store.h"

#define NCONV 1000
#define PER_CONV 100
#define RUNS 31

static unsigned seed = 7;

static unsigned
rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

/* A pseudo-word of a 4 000-word vocabulary, common words likelier
 * (about Zipf's law: the index of a word is a product of two draws). */
static void
word(char *out, size_t cap)
{
	static const char *const cons = "bcdfghjklmnprstvwz", *vow = "aeiou";
	unsigned w = (rnd() % 64) * (rnd() % 64) + 1, s = w * 2654435761u;
	size_t i, n = 2 + w % 4;

	for (i = 0; i < n && i * 2 + 2 < cap; i++) {
		out[i * 2] = cons[(s >> (i * 3)) % 18];
		out[i * 2 + 1] = vow[(s >> (i * 5 + 1)) % 5];
	}
	out[i * 2] = '\0';
}

/* A message text of 40-200 bytes; 2 % of them say "invoice". */
static void
message_text(char *out, size_t cap)
{
	size_t len = 0, want = 40 + rnd() % 161;
	char w[16];
	int inv = rnd() % 50 == 0;

	out[0] = '\0';
	while (len < want && len + 20 < cap) {
		if (inv && len > want / 2) {
			snprintf(w, sizeof w, "invoice");
			inv = 0;
		} else
			word(w, sizeof w);
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
		                        len ? " " : "", w);
	}
}

static struct store *
open_store(const char *path)
{
	struct lc_error err;
	struct store *st;

	if (store_open(path, &st, &err) != LC_OK)
		bench_die("bench-fts", err.msg);
	return st;
}

/* Fills both stores, conversation by conversation in turns; the time
 * each spent in store_put_messages(). */
static void
fill(struct store *with, struct store *without, double *t_with,
     double *t_without, int64_t *text_bytes)
{
	static char urns[PER_CONV][96], text[PER_CONV][256];
	struct model_msg page[PER_CONV];
	char conv[96], other[48];
	double t0;
	int i, j;

	*t_with = *t_without = 0;
	*text_bytes = 0;
	for (i = 0; i < NCONV; i++) {
		snprintf(
		    conv, sizeof conv,
		    "urn:li:msg_conversation:(urn:li:fsd_profile:ME,2-%08d)",
		    i);
		snprintf(other, sizeof other, "urn:li:fsd_profile:P%08d", i);
		for (j = 0; j < PER_CONV; j++) {
			message_text(text[j], sizeof text[j]);
			*text_bytes += (int64_t)strlen(text[j]);
			snprintf(
			    urns[j], sizeof urns[j],
			    "urn:li:msg_message:(urn:li:fsd_profile:ME,2-%d)",
			    i * PER_CONV + j);
			memset(&page[j], 0, sizeof page[j]);
			page[j].urn = urns[j];
			page[j].sender_urn = (j & 1) ? other : "me";
			page[j].text = text[j];
			/* spread over time, not in conversation order */
			page[j].time_ms =
			    1770000000000LL + (int64_t)(rnd() % 100000000);
		}
		t0 = bench_now_ms();
		if (store_put_messages(with, conv, page, PER_CONV, NULL) !=
		    LC_OK)
			bench_die("bench-fts", "store_put_messages failed");
		*t_with += bench_now_ms() - t0;
		t0 = bench_now_ms();
		if (store_put_messages(without, conv, page, PER_CONV, NULL) !=
		    LC_OK)
			bench_die("bench-fts", "store_put_messages failed");
		*t_without += bench_now_ms() - t0;
	}
}

static int64_t
one_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int
perf_open(void)
{
	struct perf_event_attr a;

	memset(&a, 0, sizeof a);
	a.type = PERF_TYPE_HARDWARE;
	a.size = sizeof a;
	a.config = PERF_COUNT_HW_INSTRUCTIONS;
	a.disabled = 1;
	a.exclude_kernel = 1;
	a.exclude_hv = 1;
	return (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median time of RUNS first pages; *instr the instructions of the
 * median-numbered run (-1 when perf events are not allowed). */
static double
query(struct store *st, const char *words, long *hits, long long *instr)
{
	double t[RUNS], t0;
	struct store_hit *h;
	struct lc_error err;
	long long c = -1;
	int i, fd = perf_open();

	for (i = 0; i < RUNS; i++) {
		if (fd >= 0) {
			ioctl(fd, PERF_EVENT_IOC_RESET, 0);
			ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
		}
		t0 = bench_now_ms();
		*hits = store_search_messages(st, words, 0, 50, &h, &err);
		t[i] = bench_now_ms() - t0;
		if (fd >= 0) {
			ioctl(fd, PERF_EVENT_IOC_DISABLE, 0);
			if (i == RUNS / 2 && read(fd, &c, sizeof c) != sizeof c)
				c = -1;
		}
		if (*hits < 0)
			bench_die("bench-fts", err.msg);
		store_hits_free(h, (size_t)*hits);
	}
	if (fd >= 0)
		close(fd);
	*instr = c;
	qsort(t, RUNS, sizeof t[0], cmp_double);
	return t[RUNS / 2];
}

/* One warm-up query, then the measured one under callgrind. */
static int
search_only(const char *path)
{
	struct store_hit *h;
	struct lc_error err;
	struct store *st;
	long n, i;

	if (access(path, F_OK) != 0)
		bench_die("bench-fts", "no store: run bench-fts DIR first");
	st = open_store(path);
	for (i = 0; i < 2; i++) {
		if (i == 1)
			CALLGRIND_START_INSTRUMENTATION;
		n = store_search_messages(st, "invoice", 0, 50, &h, &err);
		if (i == 1)
			CALLGRIND_STOP_INSTRUMENTATION;
		if (n < 0)
			bench_die("bench-fts", err.msg);
		store_hits_free(h, (size_t)n);
	}
	store_close(st);
	printf("bench-fts search: %ld hits for \"invoice\"\n", n);
	return n == 50 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	char dir[] = "/tmp/linchat-bench-fts-XXXXXX", a[160], b[160];
	double t_with, t_without, ms, ratio, share;
	int64_t text_bytes, idx, indexed, total;
	struct store *with, *without;
	long long instr;
	long hits;
	sqlite3 *db;

	if (argc > 2 && strcmp(argv[2], "search") == 0) {
		snprintf(a, sizeof a, "%s/with.db", argv[1]);
		return search_only(a);
	}
	if (argc > 1)
		snprintf(dir, sizeof dir, "%s", argv[1]);
	else if (mkdtemp(dir) == NULL)
		bench_die("bench-fts", "mkdtemp failed");
	snprintf(a, sizeof a, "%s/with.db", dir);
	snprintf(b, sizeof b, "%s/without.db", dir);
	unlink(a);
	unlink(b);
	with = open_store(a);
	without = open_store(b);
	/* the same store without its index triggers, dropped through a
	 * second connection (the store's own sees the schema change) */
	if (sqlite3_open(b, &db) != SQLITE_OK ||
	    sqlite3_exec(db,
	                 "DROP TRIGGER messages_fts_ai; DROP TRIGGER "
	                 "messages_fts_ad; DROP TRIGGER messages_fts_au;",
	                 NULL, NULL, NULL) != SQLITE_OK)
		bench_die("bench-fts", "could not drop the index triggers");
	sqlite3_close(db);
	fill(with, without, &t_with, &t_without, &text_bytes);
	store_close(without);

	/* a fresh open, as a new linchat would search */
	store_close(with);
	with = open_store(a);
	ms = query(with, "invoice", &hits, &instr);
	bench_fig(13, "search \"invoice\", 100k messages, page of 50",
	          ms <= 5.0 && hits == 50, "<= 5 ms", "%.2f ms, %lld instr", ms,
	          instr);
	store_close(with);

	if (sqlite3_open(a, &db) != SQLITE_OK)
		bench_die("bench-fts", "could not open the store");
	idx = one_int(db, "SELECT sum(pgsize) FROM dbstat WHERE name LIKE "
	                  "'messages_fts%'");
	indexed = one_int(db, "SELECT sum(length(CAST(text AS BLOB))) FROM "
	                      "messages WHERE state != 4");
	total = one_int(db, "SELECT count(*) FROM messages");
	hits = (long)one_int(db, "SELECT count(*) FROM messages_fts WHERE "
	                         "messages_fts MATCH '\"invoice\"*'");
	sqlite3_close(db);
	share = indexed > 0 ? 100.0 * (double)idx / (double)indexed : 0;
	bench_fig(13, "search index size / text indexed",
	          idx > 0 && share <= 60, "<= 60 %",
	          "%.1f %% (%lld of %lld bytes)", share, (long long)idx,
	          (long long)indexed);
	ratio = t_with > 0 ? t_without / t_with : 0;
	bench_fig(13, "store insert rate with index / without", ratio >= 0.70,
	          ">= 70 %", "%.0f %% (%.0f vs %.0f msg/s)", ratio * 100,
	          NCONV * PER_CONV / (t_with / 1e3),
	          NCONV * PER_CONV / (t_without / 1e3));
	printf("bench-fts: %lld messages (%lld text bytes generated), %ld "
	       "match \"invoice\"; instructions -1 = perf events not "
	       "allowed here\n",
	       (long long)total, (long long)text_bytes, hits);
	if (argc <= 1) {
		static const char *const tail[] = {"", "-wal", "-shm"};
		char f[200];
		size_t i;

		for (i = 0; i < 3; i++) {
			snprintf(f, sizeof f, "%s%s", a, tail[i]);
			unlink(f);
			snprintf(f, sizeof f, "%s%s", b, tail[i]);
			unlink(f);
		}
		rmdir(dir);
	}
	return 0;
}
