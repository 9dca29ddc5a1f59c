/* bench-model.c — memory of the model holding 100 000 messages of 120
 * bytes on average (issue 4: under 60 MiB RSS in total), in 1 000
 * conversations with realistic URNs and origin tokens.
 *
 *   cc -O2 -Icore tests/bench/bench-model.c build/rel/libcore.a -pthread \
 *       -o /tmp/bench-model && /tmp/bench-model
 * Prints "model-rss-100k: N KiB for M messages".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"

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

int
main(void)
{
	static const char words[] =
	    "the quick brown fox jumps over the lazy "
	    "dog and then writes a long message about meetings, coffee and "
	    "the weather in Seattle; see you soon! ";
	struct model *m = model_new();
	char urn[128], conv[128], sender[64], origin[40], text[256];
	unsigned seed = 1;
	int i, len;

	model_set_me(m, "urn:li:fsd_profile:ACoAABmeMEmeMEmeMEme");
	for (i = 0; i < 100000; i++) {
		struct model_msg v;

		seed = seed * 1103515245u + 12345u;
		len = 60 + (int)((seed >> 8) % 121); /* 60..180, mean 120 */
		memcpy(text, words, (size_t)len);
		text[len] = '\0';
		snprintf(
		    conv, sizeof(conv),
		    "urn:li:msg_conversation:(urn:li:"
		    "fsd_profile:ACoAABmeMEmeMEmeMEme,2-%08dYWIzN2Y4ZmMtNz==)",
		    i % 1000);
		snprintf(urn, sizeof(urn),
		         "urn:li:msg_message:(urn:li:"
		         "fsd_profile:ACoAABmeMEmeMEmeMEme,2-MTc3MDIx%010d==)",
		         i);
		snprintf(sender, sizeof(sender),
		         "urn:li:fsd_profile:ACoAAB%014d", i % 1000);
		snprintf(origin, sizeof(origin), "%08x-1234-4abc-8def-%012d",
		         seed, i);
		memset(&v, 0, sizeof(v));
		v.urn = urn;
		v.sender_urn = (i & 1)
		                   ? sender
		                   : "urn:li:fsd_profile:ACoAABmeMEmeMEmeMEme";
		v.text = text;
		v.origin_token = (i & 1) ? NULL : origin;
		v.time_ms = 1770000000000LL + i;
		model_merge_messages(m, conv, &v, 1);
	}
	printf("model-rss-100k: %ld KiB for %zu messages\n", rss_kib(),
	       model_message_count(m));
	model_free(m);
	return 0;
}
