/* bench-store.c — time from start to a loaded model with a warm store of
 * 1 000 conversations and 50 000 messages (issue 4), and the RSS after.
 *
 *   make && cc -O2 -Icore tests/bench/bench-store.c build/rel/libcore.a \
 *       $(pkg-config --libs sqlite3) -pthread -o /tmp/bench-store && \
 *       /tmp/bench-store [DIR]
 * Prints "store-load-1k-50k: N ms (open M ms), RSS K KiB" (the inbox
 * only: store_load() reads no thread), then the time to open one thread
 * and to read every thread's messages as well.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/model.h"
#include "core/store.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long
rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0)
			kib = strtol(line + 6, NULL, 10);
	fclose(f);
	return kib;
}

static void
fill(const char *path)
{
	static const char words[] =
	    "the quick brown fox jumps over the lazy "
	    "dog and then writes a long message about meetings, coffee and "
	    "the weather in Seattle; see you soon! ";
	struct model_msg page[50];
	char urns[50][128], text[50][256], conv[128], other[64], name[32];
	struct model_participant p[2];
	struct model_conv c;
	struct lc_error err;
	struct store *st;
	int i, j, k, len;
	unsigned seed = 1;

	if (store_open(path, &st, &err) != LC_OK) {
		fprintf(stderr, "bench-store: %s\n", err.msg);
		exit(1);
	}
	store_set_meta(st, "me", "urn:li:fsd_profile:ACoAABme", NULL);
	for (i = 0; i < 1000; i++) {
		snprintf(conv, sizeof(conv),
		         "urn:li:msg_conversation:(urn:li:"
		         "fsd_profile:ACoAABme,2-%08dYWIzN2Y4ZmMtNz==)",
		         i);
		snprintf(other, sizeof(other), "urn:li:fsd_profile:ACoAAB%08d",
		         i);
		snprintf(name, sizeof(name), "Person %d", i);
		p[0].urn = "urn:li:fsd_profile:ACoAABme";
		p[0].name = "Me";
		p[1].urn = other;
		p[1].name = name;
		memset(&c, 0, sizeof(c));
		c.urn = conv;
		c.participants = p;
		c.nparticipants = 2;
		c.last_ms = 1770000000000LL + i * 1000;
		c.categories = MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX;
		store_put_conversations(st, &c, 1, NULL);
		for (j = 0; j < 50; j++) {
			seed = seed * 1103515245u + 12345u;
			len = 60 + (int)((seed >> 8) % 121);
			memcpy(text[j], words, (size_t)len);
			text[j][len] = '\0';
			k = i * 50 + j;
			snprintf(urns[j], sizeof(urns[j]),
			         "urn:li:msg_message:"
			         "(urn:li:fsd_profile:ACoAABme,2-MTc3%010d==)",
			         k);
			memset(&page[j], 0, sizeof(page[j]));
			page[j].urn = urns[j];
			page[j].sender_urn =
			    (j & 1) ? other : "urn:li:fsd_profile:ACoAABme";
			page[j].text = text[j];
			page[j].time_ms = 1770000000000LL + k;
		}
		store_put_messages(st, conv, page, 50, NULL);
	}
	store_close(st);
}

int
main(int argc, char **argv)
{
	char dir[] = "/tmp/linchat-bench-XXXXXX", path[128];
	struct model_inbox in;
	struct lc_error err;
	struct store *st;
	struct model *m;
	double t0, t1, t2;
	size_t added = 0, i;
	int made = 0;

	if (argc > 1)
		snprintf(path, sizeof(path), "%s/linchat.db", argv[1]);
	else if (mkdtemp(dir) != NULL) {
		snprintf(path, sizeof(path), "%s/linchat.db", dir);
		made = 1;
	} else
		return 1;
	if (access(path, F_OK) != 0)
		fill(path);
	t0 = now_ms();
	if (store_open(path, &st, &err) != LC_OK) {
		fprintf(stderr, "bench-store: %s\n", err.msg);
		return 1;
	}
	t1 = now_ms();
	m = model_new();
	if (store_load(st, m, &err) != LC_OK) {
		fprintf(stderr, "bench-store: %s\n", err.msg);
		return 1;
	}
	t2 = now_ms();
	printf("store-load-1k-50k: %.1f ms (open %.1f ms), %zu conversations, "
	       "%zu messages, RSS %ld KiB\n",
	       t2 - t0, t1 - t0, model_conv_count(m), model_message_count(m),
	       rss_kib());
	/* a thread's messages come when it is opened */
	model_inbox_snapshot(m, 0, &in);
	t0 = now_ms();
	if (in.n > 0 && store_load_thread(st, m, in.rows[0].urn, INT64_MAX, 400,
	                                  &added, &err) != LC_OK) {
		fprintf(stderr, "bench-store: %s\n", err.msg);
		return 1;
	}
	t1 = now_ms();
	for (i = 1; i < in.n; i++)
		store_load_thread(st, m, in.rows[i].urn, INT64_MAX, 0, NULL,
		                  NULL);
	t2 = now_ms();
	printf("store-load-thread: open one thread (%zu messages) %.2f ms; "
	       "every thread %.1f ms, %zu messages, RSS %ld KiB\n",
	       added, t1 - t0, t2 - t0, model_message_count(m), rss_kib());
	model_inbox_release(&in);
	model_free(m);
	store_close(st);
	if (made) { /* a temporary store: leave nothing behind */
		char side[160];

		unlink(path);
		snprintf(side, sizeof(side), "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", path);
		unlink(side);
		rmdir(dir);
	}
	return 0;
}
