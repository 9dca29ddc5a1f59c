/* jsonx-int.h — the tree layout of jsonx, shared by jsonx.c (getters) and
 * jsonx-parse.c (the reader) only.  Not part of the contract: include
 * jsonx.h instead.
 *
 * A value is 16 bytes.  Containers hold their children by value in one
 * contiguous array (items of an array, key + value pairs of an object), so
 * a scalar costs no allocation of its own and an index is O(1).  A JSON
 * null is a JSONX_NULL node inside containers; the getters turn it into
 * NULL.  Everything a tree points to lives in its arena blocks.
 */
#ifndef LC_JSONX_INT_H
#define LC_JSONX_INT_H

#include <stdint.h>
#include <string.h>

#include "core/jsonx.h"

struct jsonx_member;

struct jsonx {
	uint32_t type; /* enum jsonx_type */
	uint32_t n;    /* string: bytes; array/object: children;
	                * number: 1 if u.d holds it, 0 if u.i */
	union {
		const char *s; /* NUL-terminated, n bytes before the NUL */
		int64_t i;
		double d;
		int b;
		const struct jsonx *items;
		const struct jsonx_member *members;
	} u;
};

struct jsonx_member {
	const char *key; /* NUL-terminated */
	uint32_t klen;
	uint32_t khead; /* jsonx_khead(): most keys are told apart
	                 * by length and head without reading key */
	struct jsonx val;
};

/* The first (up to) four bytes of a key as one number, zero-padded. */
static inline uint32_t
jsonx_khead(const char *key, size_t n)
{
	uint32_t h = 0;

	if (n >= 4)
		memcpy(&h, key, 4); /* one load, no call */
	else
		while (n-- > 0)
			h = h << 8 | (unsigned char)key[n];
	return h;
}

/* One arena block; data follows the header. */
struct jsonx_block {
	struct jsonx_block *next;
	size_t size;
	size_t used;
};

/* What jsonx_parse() hands out: the root value first, so a pointer to it
 * is a pointer to the document. */
struct jsonx_doc {
	struct jsonx root;
	struct jsonx_block *blocks;
};

#endif
