#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/hmap.h"

#define N 5000

static char keys[N][16];

Test(hmap, puts_gets_and_deletes_agree_with_a_plain_array)
{
	struct hmap *h = hmap_new();
	int present[N] = {0};
	unsigned seed = 7;
	size_t count = 0;
	int i, round;

	for (i = 0; i < N; i++)
		snprintf(keys[i], sizeof(keys[i]), "urn:%d", i);
	for (round = 0; round < 200000; round++) {
		seed = seed * 1103515245u + 12345u;
		i = (int)((seed >> 8) % N);
		if ((seed >> 4) % 3 != 0) {
			void *old = hmap_put(h, keys[i], &present[i]);

			cr_assert_eq(old, present[i] ? &present[i] : NULL);
			count += !present[i];
			present[i] = 1;
		} else {
			void *old = hmap_del(h, keys[i]);

			cr_assert_eq(old, present[i] ? &present[i] : NULL);
			count -= present[i];
			present[i] = 0;
		}
		cr_assert_eq(hmap_count(h), count);
	}
	for (i = 0; i < N; i++)
		cr_assert_eq(hmap_get(h, keys[i]),
		             present[i] ? &present[i] : NULL, "key %d", i);
	hmap_free(h);
}

static void
count_cb(const char *key, void *val, void *arg)
{
	(void)key;
	(void)val;
	(*(size_t *)arg)++;
}

Test(hmap, equal_keys_at_other_addresses_find_the_same_entry)
{
	struct hmap *h = hmap_new();
	char a[] = "same", b[] = "same";
	int v1, v2;
	size_t n = 0;

	cr_assert_null(hmap_put(h, a, &v1));
	cr_assert_eq(hmap_put(h, b, &v2), &v1);
	cr_assert_eq(hmap_get(h, "same"), &v2);
	hmap_foreach(h, count_cb, &n);
	cr_assert_eq(n, 1);
	cr_assert_null(hmap_get(h, "other"));
	hmap_free(h);
	hmap_free(NULL);
}
