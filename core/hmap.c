/* hmap.c — open addressing with linear probing and backward-shift
 * deletion (no tombstones), kept at most 3/4 full.  Each slot caches the
 * 32-bit hash so most probes never touch the key's memory.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/hmap.h"
#include "core/xmalloc.h"

struct hmap_slot {
	const char *key; /* NULL: empty */
	void *val;
	uint32_t hash;
};

struct hmap {
	struct hmap_slot *slots;
	size_t cap; /* power of two */
	size_t count;
};

static uint32_t
hmap_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return (uint32_t)(h ^ (h >> 32));
}

struct hmap *
hmap_new(void)
{
	struct hmap *h = xcalloc(1, sizeof(*h));

	h->cap = 16;
	h->slots = xcalloc(h->cap, sizeof(*h->slots));
	return h;
}

void
hmap_free(struct hmap *h)
{
	if (h == NULL)
		return;
	free(h->slots);
	free(h);
}

static size_t
hmap_find(const struct hmap *h, const char *key, uint32_t hash)
{
	size_t mask = h->cap - 1, i = hash & mask;

	while (h->slots[i].key != NULL) {
		if (h->slots[i].hash == hash &&
		    strcmp(h->slots[i].key, key) == 0)
			return i;
		i = (i + 1) & mask;
	}
	return i; /* the empty slot where key would go */
}

static void
hmap_grow(struct hmap *h)
{
	struct hmap_slot *old = h->slots;
	size_t oldcap = h->cap, i, j, mask;

	h->cap *= 2;
	h->slots = xcalloc(h->cap, sizeof(*h->slots));
	mask = h->cap - 1;
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		j = old[i].hash & mask;
		while (h->slots[j].key != NULL)
			j = (j + 1) & mask;
		h->slots[j] = old[i];
	}
	free(old);
}

void *
hmap_get(const struct hmap *h, const char *key)
{
	size_t i = hmap_find(h, key, hmap_hash(key));

	return h->slots[i].key != NULL ? h->slots[i].val : NULL;
}

void *
hmap_put(struct hmap *h, const char *key, void *val)
{
	uint32_t hash = hmap_hash(key);
	size_t i = hmap_find(h, key, hash);
	void *old;

	if (h->slots[i].key != NULL) {
		old = h->slots[i].val;
		h->slots[i].key = key;
		h->slots[i].val = val;
		return old;
	}
	if ((h->count + 1) * 4 > h->cap * 3) {
		hmap_grow(h);
		i = hmap_find(h, key, hash);
	}
	h->slots[i].key = key;
	h->slots[i].val = val;
	h->slots[i].hash = hash;
	h->count++;
	return NULL;
}

void *
hmap_del(struct hmap *h, const char *key)
{
	size_t mask = h->cap - 1, i, j, home;
	void *old;

	i = hmap_find(h, key, hmap_hash(key));
	if (h->slots[i].key == NULL)
		return NULL;
	old = h->slots[i].val;
	/* Shift later entries of the cluster back so probes stay unbroken. */
	j = i;
	for (;;) {
		j = (j + 1) & mask;
		if (h->slots[j].key == NULL)
			break;
		home = h->slots[j].hash & mask;
		/* move j to i unless its home lies cyclically in (i, j] */
		if ((j > i && (home <= i || home > j)) ||
		    (j < i && (home <= i && home > j))) {
			h->slots[i] = h->slots[j];
			i = j;
		}
	}
	h->slots[i].key = NULL;
	h->slots[i].val = NULL;
	h->count--;
	return old;
}

size_t
hmap_count(const struct hmap *h)
{
	return h->count;
}

void
hmap_foreach(const struct hmap *h,
             void (*fn)(const char *key, void *val, void *arg), void *arg)
{
	size_t i;

	for (i = 0; i < h->cap; i++)
		if (h->slots[i].key != NULL)
			fn(h->slots[i].key, h->slots[i].val, arg);
}
