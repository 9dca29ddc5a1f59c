/* voyager-fixture.h — loading the JSON files of tests/fixtures/voyager/ and
 * core/voyager against tests/unit/mini-server.h (fx_*: canned answers
 * named by fixture, "@500", "@429", "@200" or "@SSS:name.json" for a
 * fixture with status SSS).  Header-only, for the
 * test-voyager-*.c files.  Tests run from the repository root (tests/run
 * does cd there); $LC_FIXTURES overrides the directory.
 */
#ifndef LC_VOYAGER_FIXTURE_H
#define LC_VOYAGER_FIXTURE_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/http.h"
#include "core/jsonx.h"
#include "core/voyager.h"
#include "core/xmalloc.h"

#include "tests/unit/mini-server.h"

#define FX_MAILBOX "ACoAABme-_1=="

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
	                    "\r\nContent-Length: %zu\r\n\r\n%s",
	                    status, len, body);

	free(body);
	return r;
}

static const char ok_empty[] = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
static const char err500[] = "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n";
static const char err429[] = "HTTP/1.1 429 Slow\r\nRetry-After: 0\r\n"
                             "Content-Length: 0\r\n\r\n";

struct fx {
	struct mini *m;
	struct http_session *h;
	struct voyager_ctx ctx;
	struct canned c[8];
	char *owned[8];
};

/* Starts the server with the given answers (fixture names, "@500",
 * "@429", "@200") and a ctx on it with the mailbox set. */
static inline void
fx_start(struct fx *f, const char *const *answers, size_t n, int retries)
{
	struct http_config cfg;
	struct lc_error err;
	char url[64];
	size_t i;

	memset(f, 0, sizeof *f);
	for (i = 0; i < n; i++) {
		if (strcmp(answers[i], "@500") == 0)
			f->c[i].data = err500;
		else if (strcmp(answers[i], "@429") == 0)
			f->c[i].data = err429;
		else if (strcmp(answers[i], "@200") == 0)
			f->c[i].data = ok_empty;
		else if (answers[i][0] == '@')
			f->c[i].data = f->owned[i] = fixture_response(
			    answers[i] + 5,
			    (int)strtol(answers[i] + 1, NULL, 10));
		else
			f->c[i].data = f->owned[i] =
			    fixture_response(answers[i], 200);
	}
	f->m = mini_start(f->c, n);
	memset(&cfg, 0, sizeof cfg);
	snprintf(url, sizeof url, "http://127.0.0.1:%d", f->m->port);
	cfg.base_url = url;
	cfg.max_retries = retries;
	cfg.rate_per_sec = 1000;
	cfg.rate_burst = 1000;
	cfg.rate_per_hour = 100000;
	cfg.backoff_base_ms = 2;
	cfg.backoff_max_ms = 5;
	f->h = http_session_new(&cfg, &err);
	cr_assert_not_null(f->h, "%s", err.msg);
	http_cookie_set(f->h, "JSESSIONID", "\"ajax:123\"");
	http_cookie_set(f->h, "li_at", "AQEDAT");
	voyager_ctx_init(&f->ctx, f->h);
	f->ctx.send_backoff_ms = 1;
	cr_assert_eq(voyager_ctx_set_mailbox(&f->ctx, FX_MAILBOX, NULL), LC_OK);
}

static inline size_t
fx_nreqs(struct fx *f)
{
	size_t n;

	pthread_mutex_lock(&f->m->lock);
	n = f->m->nreqs;
	pthread_mutex_unlock(&f->m->lock);
	return n;
}

static inline const char *
fx_req(struct fx *f, size_t i)
{
	cr_assert_lt(i, fx_nreqs(f), "request %zu was not sent", i);
	return f->m->reqs[i];
}

/* The body of request i, parsed. */
static inline struct jsonx *
fx_body(struct fx *f, size_t i)
{
	const char *r = fx_req(f, i), *b = strstr(r, "\r\n\r\n");
	struct jsonx *o;

	cr_assert_not_null(b);
	o = jsonx_parse(b + 4, strlen(b + 4), NULL);
	cr_assert_not_null(o, "body of request %zu is not JSON: %s", i, b + 4);
	return o;
}

static inline void
fx_stop(struct fx *f)
{
	size_t i;

	http_session_free(f->h);
	mini_stop(f->m);
	for (i = 0; i < 8; i++)
		free(f->owned[i]);
}

/* Whether request text r starts with prefix p. */
static inline int
fx_starts(const char *r, const char *p)
{
	return strncmp(r, p, strlen(p)) == 0;
}

#endif
