/* cli-search.c — `linchat search-messages`: the local full-text search of
 * every stored message (core/store-fts.c), with no request.  Text rows
 * are conversation, sender, date and the snippet with the matches in bold
 * on a terminal; --json gives one array of hits.
 */
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui/cli-int.h"
#include "core/buf.h"
#include "core/model.h"
#include "core/store.h"
#include "core/utf8.h"
#include "core/xmalloc.h"

/* The conversation's name as the inbox shows it, or "" (in borrows). */
static const char *
conv_name(const struct model_inbox *in, const char *urn)
{
	size_t i;

	for (i = 0; i < in->n; i++)
		if (strcmp(in->rows[i].urn, urn) == 0)
			return in->rows[i].name;
	return "";
}

/* The snippet with its marks in bold when bold, else plain (it is
 * sanitised already). */
static void
put_snippet(const struct store_hit *h, int bold)
{
	size_t at = 0, k;

	for (k = 0; k + 1 < h->nmarks; k += 2) {
		fwrite(h->snippet + at, 1, h->marks[k] - at, stdout);
		fputs(bold ? "\033[1m" : "", stdout);
		fwrite(h->snippet + h->marks[k], 1,
		       h->marks[k + 1] - h->marks[k], stdout);
		fputs(bold ? "\033[0m" : "", stdout);
		at = h->marks[k + 1];
	}
	fputs(h->snippet + at, stdout);
}

/* s sanitised, as a JSON string. */
static struct json_object *
jstr(const char *s)
{
	char *t = utf8_sanitize(s, strlen(s), 0);
	struct json_object *o = json_object_new_string(t);

	free(t);
	return o;
}

static struct json_object *
hit_json(const struct store_hit *h, const char *conv)
{
	struct json_object *o = json_object_new_object(), *a;
	size_t k;

	json_object_object_add(o, "conversation_urn", jstr(h->conv_urn));
	json_object_object_add(o, "conversation", jstr(conv));
	json_object_object_add(o, "message_urn", jstr(h->msg_urn));
	json_object_object_add(o, "sender", jstr(h->sender_name));
	json_object_object_add(o, "sender_urn", jstr(h->sender_urn));
	json_object_object_add(o, "time", json_object_new_int64(h->time_ms));
	json_object_object_add(o, "snippet",
	                       json_object_new_string(h->snippet));
	a = json_object_new_array();
	for (k = 0; k + 1 < h->nmarks; k += 2) {
		struct json_object *p = json_object_new_array();

		json_object_array_add(
		    p, json_object_new_int64((int64_t)h->marks[k]));
		json_object_array_add(
		    p, json_object_new_int64((int64_t)h->marks[k + 1]));
		json_object_array_add(a, p);
	}
	json_object_object_add(o, "marks", a);
	return o;
}

static void
print_hits(const struct store_hit *h, long n, const struct model_inbox *in,
           int json)
{
	struct json_object *a;
	char when[32];
	struct tm tm;
	time_t t;
	long k;
	int bold = isatty(STDOUT_FILENO);

	if (json) {
		a = json_object_new_array();
		for (k = 0; k < n; k++)
			json_object_array_add(
			    a, hit_json(&h[k], conv_name(in, h[k].conv_urn)));
		cli_json_print(a);
		return;
	}
	if (n == 0)
		fputs("No stored message matches.\n", stdout);
	for (k = 0; k < n; k++) {
		t = (time_t)(h[k].time_ms / 1000);
		when[0] = '\0';
		if (localtime_r(&t, &tm) != NULL)
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		cli_put_cell(conv_name(in, h[k].conv_urn), 24);
		fputs(" · ", stdout);
		cli_put_cell(h[k].sender_name[0] != '\0' ? h[k].sender_name
		                                         : h[k].sender_urn,
		             20);
		fputs(" · ", stdout);
		cli_put_cell(when, 16);
		fputs(" · ", stdout);
		put_snippet(&h[k], bold);
		fputc('\n', stdout);
	}
}

/* Opens the store and reads the conversations' names; 0 or the exit
 * code after a message. */
static int
open_store(struct cli *c, struct model *m)
{
	enum lc_err rc;

	rc = client_store(c->cl, &c->err);
	if (rc == LC_OK && store_notice(c->cl->st) != NULL)
		fprintf(stderr, "linchat: %s\n", store_notice(c->cl->st));
	if (rc == LC_OK)
		rc = store_load(c->cl->st, m, &c->err);
	return rc == LC_OK ? 0 : cli_fail(c, rc);
}

/* The stored messages matching words (at most limit) into *h, *n and
 * the conversations' names into *in; 0 or the exit code after a
 * message. */
static int
search_run(struct cli *c, const char *words, int limit, struct model *m,
           struct store_hit **h, long *n, struct model_inbox *in)
{
	int ret;

	*h = NULL;
	*n = 0;
	if ((ret = open_store(c, m)) != 0)
		return ret;
	*n = store_search_messages(c->cl->st, words, 0, (size_t)limit, h,
	                           &c->err);
	if (*n < 0) {
		*n = 0;
		return cli_fail(c, LC_EIO);
	}
	model_inbox_snapshot(m, 0, in);
	return 0;
}

int
cli_search_messages(struct cli *c, int argc, char **argv)
{
	struct store_hit *h = NULL;
	struct model_inbox in = {NULL, 0, 0};
	struct model *m = model_new();
	struct buf words;
	int limit = 20, json = c->o->json, i, ret;
	long n = 0;

	buf_init(&words, 0);
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
			if ((ret = cli_parse_limit(c, argv[++i], &limit)) != 0)
				goto out;
		} else if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else
			buf_addf(&words, "%s%s", words.len ? " " : "", argv[i]);
	}
	if (words.len == 0) {
		ret = cli_usage(c, "search the stored messages for what?");
		goto out;
	}
	if ((ret = search_run(c, words.data, limit, m, &h, &n, &in)) == 0)
		print_hits(h, n, &in, json);
out:
	model_inbox_release(&in);
	store_hits_free(h, (size_t)n);
	buf_release(&words);
	model_free(m);
	return ret;
}

void
cli_search_stored(struct cli *c, const char *words, int limit,
                  struct json_object **json)
{
	struct store_hit *h = NULL;
	struct model_inbox in = {NULL, 0, 0};
	struct model *m = model_new();
	long n = 0, k;

	if (json != NULL)
		*json = json_object_new_array();
	if (search_run(c, words, limit, m, &h, &n, &in) == 0 && n > 0) {
		if (json != NULL)
			for (k = 0; k < n; k++)
				json_object_array_add(
				    *json,
				    hit_json(&h[k],
				             conv_name(&in, h[k].conv_urn)));
		else {
			fputs("\nStored messages that match:\n", stdout);
			print_hits(h, n, &in, 0);
		}
	}
	model_inbox_release(&in);
	store_hits_free(h, (size_t)n);
	model_free(m);
}
