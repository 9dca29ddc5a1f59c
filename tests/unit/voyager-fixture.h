/* voyager-fixture.h — loading the JSON files of tests/fixtures/voyager/ and
 * core/voyager against tests/unit/mini-server.h.  Header-only, for the
 * test-voyager-*.c files.  Tests run from the repository root (tests/run
 * does cd there); $LC_FIXTURES overrides the directory.
 */
#ifndef LC_VOYAGER_FIXTURE_H
#define LC_VOYAGER_FIXTURE_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xmalloc.h"

/* The fixture's bytes, NUL-terminated; *len gets the size.  Caller
 * frees. */
static inline char *
fixture_load(const char *name, size_t *len)
{
	const char *dir = getenv("LC_FIXTURES");
	char path[512], chunk[4096];
	struct buf b;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "%s/%s",
	    dir != NULL ? dir : "tests/fixtures/voyager", name);
	f = fopen(path, "rb");
	cr_assert_not_null(f, "cannot open fixture %s", path);
	buf_init(&b, 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (len != NULL)
		*len = b.len;
	return buf_detach(&b);
}

/* An HTTP/1.1 200 answer carrying the fixture as JSON.  Caller frees. */
static inline char *
fixture_response(const char *name, int status)
{
	size_t len;
	char *body = fixture_load(name, &len);
	char *r = xasprintf("HTTP/1.1 %d X\r\nContent-Type: application/json"
			    "\r\nContent-Length: %zu\r\n\r\n%s", status, len,
	    body);

	free(body);
	return r;
}

#endif
