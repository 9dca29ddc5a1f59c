/* bench-json.c — figure 7: JSON mapping throughput.
 *
 * The recorded conversation and message pages of tests/fixtures/voyager/
 * (real-shaped Voyager answers) are mapped again and again by the pure
 * mappers voyager_parse_conversations() / voyager_parse_messages() into
 * the structs the worker merges into the model, and freed, for about a
 * second.  MB/s = bytes of JSON mapped / wall time.  Target ≥ 100 MB/s.
 *
 *   bench-json [FIXTURE_DIR [ROUNDS]]
 *
 * With ROUNDS the pages are mapped exactly that many times, whatever the
 * time: for `valgrind --tool=callgrind`, whose instruction count per
 * round does not depend on a busy machine (docs/performance.md).
 */
#include "tests/bench/bench.h"
#include "core/buf.h"
#include "core/voyager-msg.h"
#include "core/xmalloc.h"

#define PROG "bench-json"

struct page {
	char *text;
	size_t len;
	int messages;
};

static int
load(const char *dir, const char *name, struct page *p)
{
	char path[512];
	FILE *f;
	long n;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	p->text = xmalloc((size_t)n + 1);
	p->len = fread(p->text, 1, (size_t)n, f);
	p->text[p->len] = '\0';
	fclose(f);
	p->messages = strncmp(name, "messages", 8) == 0;
	return 0;
}

int
main(int argc, char **argv)
{
	static const char *names[] = {"conversations.json",
	                              "conversations-category.json",
	                              "conversations-search.json",
	                              "conversations-sync.json",
	                              "messages.json",
	                              "messages-older.json"};
	const char *dir = argc > 1 ? argv[1] : "tests/fixtures/voyager";
	struct page pages[6];
	struct voyager_conv_page cp;
	struct voyager_msg_page mp;
	struct lc_error err;
	double t0, el, bytes = 0, mbs;
	size_t i, items = 0, size = 0;
	long rounds = 0, want = argc > 2 ? strtol(argv[2], NULL, 10) : 0;

	for (i = 0; i < 6; i++) {
		if (load(dir, names[i], &pages[i]) != 0)
			bench_die(PROG, "a fixture is missing");
		size += pages[i].len;
	}
	t0 = bench_now_ms();
	do {
		for (i = 0; i < 6; i++) {
			if (pages[i].messages) {
				memset(&mp, 0, sizeof mp);
				if (voyager_parse_messages(pages[i].text,
				                           pages[i].len, &mp,
				                           &err) != LC_OK)
					bench_die(PROG, err.msg);
				items += mp.n;
				voyager_msg_page_free(&mp);
			} else {
				memset(&cp, 0, sizeof cp);
				if (voyager_parse_conversations(
				        pages[i].text, pages[i].len, &cp,
				        &err) != LC_OK)
					bench_die(PROG, err.msg);
				items += cp.n;
				voyager_conv_page_free(&cp);
			}
			bytes += (double)pages[i].len;
		}
		rounds++;
		el = bench_now_ms() - t0;
	} while (want > 0 ? rounds < want : el < 1000);
	mbs = bytes / 1e6 / (el / 1e3);
	printf("json: %zu bytes in 6 recorded pages, mapped %ld times "
	       "(%zu conversations and messages) in %.0f ms\n",
	       size, rounds, items, el);
	bench_fig(7, "JSON mapping", mbs >= 100, ">= 100 MB/s", "%.0f MB/s",
	          mbs);
	for (i = 0; i < 6; i++)
		free(pages[i].text);
	return 0;
}
