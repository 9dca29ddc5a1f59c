/* hmap.h — a string-keyed hash map (open addressing, linear probing).
 *
 * Keys are not copied: the map keeps the caller's pointer, so a key must
 * stay valid and unchanged while its entry exists (the model keys each
 * record by a string inside the record itself, which costs no memory).
 * Values are opaque pointers, never freed by the map.  Not thread-safe:
 * the owner locks.
 */
#ifndef LC_HMAP_H
#define LC_HMAP_H

#include <stddef.h>

struct hmap;

/* Empty map.  Free with hmap_free(). */
struct hmap *hmap_new(void);
/* Frees the table (not keys or values).  NULL is fine. */
void hmap_free(struct hmap *h);
/* Value stored under key, or NULL. */
void *hmap_get(const struct hmap *h, const char *key);
/* Stores val under key, replacing (key pointer and value) any entry with
 * an equal key.  Returns the value replaced, or NULL. */
void *hmap_put(struct hmap *h, const char *key, void *val);
/* Removes key; returns its value, or NULL when it was not there. */
void *hmap_del(struct hmap *h, const char *key);
/* Number of entries. */
size_t hmap_count(const struct hmap *h);
/* Calls fn(key, val, arg) for every entry, in no particular order.  fn
 * must not change the map. */
void hmap_foreach(const struct hmap *h,
                  void (*fn)(const char *key, void *val, void *arg), void *arg);

#endif
