/* sim-msg.c — see sim-msg.h.
 *
 * Sync tokens are "sim1_<seed>_<seq>": a token of another seed, or one
 * from the future (an earlier run), answers with shouldClearCache:true and
 * the full first page, as the service does with a token it no longer
 * knows.  Cursors are "c1_<lastActivityAt>_<index>" for conversations and
 * "m1_<deliveredAt>" for messages: opaque to clients.  Lists are newest
 * first; nextCursor is given whenever a page is full, so a cursor can come
 * back on the last page (the next one is then empty).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/restli.h"
#include "tests/sim/sim-folder.h"
#include "tests/sim/sim-json.h"
#include "tests/sim/sim-msg.h"
#include "core/urn.h"
#include "core/xmalloc.h"

enum qkind {
	Q_CONV,
	Q_CONV_SEARCH,
	Q_CONV_CATEGORY,
	Q_MSGS,
	Q_MSGS_ANCHOR,
	Q_COUNTS
};

static const struct query {
	const char *id;
	enum qkind kind;
	const char *name;
} queries[] = {
    {"messengerConversations.0d5e6781bbee71c3e51c8843c6519f48", Q_CONV,
     "conversations"},
    {"messengerConversations.f0873b936b43ed663997b215b2c28359", Q_CONV,
     "conversations"},
    {"messengerConversations.74c17e85611b60b7ba2700481151a316", Q_CONV,
     "conversations_sync"},
    {"messengerConversations.737b27144cf922499202658a5345016f", Q_CONV_SEARCH,
     "conversations_search"},
    {"messengerConversations.8656fb361a8ad0c178e8d3ff1a84ce26", Q_CONV_CATEGORY,
     "conversations_category"},
    {"messengerConversations.45338e053010d1c19147f92de6de3ae6", Q_CONV_CATEGORY,
     "conversations_category"},
    {"messengerConversations.9501074288a12f3ae9e3c7ea243bccbf", Q_CONV_CATEGORY,
     "conversations_category"},
    {"messengerMessages.5846eeb71c981f11e0134cb6626cc314", Q_MSGS, "messages"},
    {"messengerMessages.455dde239612d966346c1d1c4352f648", Q_MSGS, "messages"},
    {"messengerMessages.d8ea76885a52fd5dc5c317078ab7c977", Q_MSGS_ANCHOR,
     "messages_older"},
    {"messengerMessages.4088d03bc70c91c3fa68965cb42336de", Q_MSGS_ANCHOR,
     "messages_older"},
    {"messengerMailboxCounts.fc528a5a81a76dff212a4a3d2d48e84b", Q_COUNTS,
     "mailbox_counts"},
};

#define NQUERIES (sizeof(queries) / sizeof(queries[0]))
#define PAGE_DEFAULT 20
#define PAGE_MAX 25

static const struct query *
query_find(const struct sim_req *r)
{
	const char *id = sim_arg(r, "queryId");
	size_t i;

	for (i = 0; id != NULL && i < NQUERIES; i++)
		if (strcmp(queries[i].id, id) == 0)
			return &queries[i];
	return NULL;
}

const char *
sim_msg_endpoint(const struct sim_req *r)
{
	const struct query *q = query_find(r);

	return q ? q->name : "graphql_unknown";
}

int
sim_parse_ll(const char *s, long long *out)
{
	char *end;

	if (s == NULL || *s == '\0')
		return -1;
	*out = strtoll(s, &end, 10);
	return *end == '\0' ? 0 : -1;
}

/* ---- the reads ---- */

struct pick {
	long long last;
	size_t idx;
};

static int
pick_cmp(const void *a, const void *b)
{
	const struct pick *x = a, *y = b;

	if (x->last != y->last)
		return x->last > y->last ? -1 : 1;
	return x->idx > y->idx ? -1 : x->idx < y->idx;
}

/* Live conversations, newest first; caller frees. */
static struct pick *
conv_order(struct sim_world *w, size_t *n)
{
	struct pick *p = xcalloc(w->nconvs ? w->nconvs : 1, sizeof(*p));
	size_t i;

	*n = 0;
	for (i = 0; i < w->nconvs; i++)
		if (!w->convs[i].deleted) {
			p[*n].last = sim_conv_last(&w->convs[i]);
			p[(*n)++].idx = i;
		}
	qsort(p, *n, sizeof(*p), pick_cmp);
	return p;
}

static struct json_object *
envelope(struct sim_req *r, const char *root, struct json_object **meta)
{
	struct json_object *o, *x;

	o = json_object_new_object();
	x = sim_jobj(sim_jobj(o, "data"), root);
	sim_jstr(x, "_type", "com.linkedin.restli.common.CollectionResponse");
	*meta = sim_jobj(x, "metadata");
	(void)r;
	return o;
}

static struct json_object *
elements_of(struct json_object *env, const char *root)
{
	struct json_object *d, *x;

	json_object_object_get_ex(env, "data", &d);
	json_object_object_get_ex(d, root, &x);
	return sim_jarr(x, "elements");
}

/* count:<n> if present; default when absent; -1 after a 400. */
static int
page_count(struct sim_req *r, const struct restli_value *v, const char *key,
           int def)
{
	const char *s = restli_get_str(v, key);
	long long n;

	if (restli_get(v, key) == NULL)
		return def;
	if (sim_parse_ll(s, &n) != 0 || n < 0 || n > PAGE_MAX) {
		sim_reply_status(r, 400, "count must be a number from 0 to 25");
		return -1;
	}
	return (int)n;
}

static int
check_mailbox(struct sim_req *r, const struct restli_value *v)
{
	const char *m = restli_get_str(v, "mailboxUrn");

	if (m == NULL || strcmp(m, sim_self_urn()) != 0) {
		sim_reply_status(r, 400, "mailboxUrn missing or not yours");
		return -1;
	}
	return 0;
}

/* The seq of a sync token, or -1 if it is not one of ours. */
static long long
token_seq(struct sim_world *w, const char *t)
{
	unsigned long long seed;
	long long seq;
	char tail;

	if (t == NULL ||
	    sscanf(t, "sim1_%llx_%lld%c", &seed, &seq, &tail) != 2 ||
	    seed != w->opts.seed || seq < 0 || seq > w->seq)
		return -1;
	return seq;
}

static void
sync_meta(struct sim_world *w, struct json_object *meta, int clear)
{
	char *t;

	t = xasprintf("sim1_%llx_%lld", (unsigned long long)w->opts.seed,
	              w->seq);
	sim_jstr(meta, "newSyncToken", t);
	free(t);
	sim_jbool(meta, "shouldClearCache", clear);
}

static void
read_conversations(struct sim_req *r, const struct restli_value *v)
{
	struct sim_world *w = r->w;
	struct json_object *o, *meta, *els, *del;
	const char *token = restli_get_str(v, "syncToken");
	long long since = token_seq(w, token);
	struct pick *p;
	size_t n, i, k = 0;
	int count;

	if (check_mailbox(r, v) != 0 ||
	    (count = page_count(r, v, "count", PAGE_DEFAULT)) < 0)
		return;
	o = envelope(r, "messengerConversationsBySyncToken", &meta);
	els = elements_of(o, "messengerConversationsBySyncToken");
	sync_meta(w, meta, token != NULL && since < 0);
	del = sim_jarr(meta, "deletedUrns");
	p = conv_order(w, &n);
	for (i = 0; i < n; i++) {
		struct sim_conv *c = &w->convs[p[i].idx];

		if (since >= 0 ? c->seq > since : k < (size_t)count) {
			json_object_array_add(els, sim_json_conversation(w, c));
			k++;
		}
	}
	for (i = 0; since >= 0 && i < w->nconvs; i++)
		if (w->convs[i].deleted && w->convs[i].seq > since) {
			struct json_object *d = json_object_new_object();

			sim_jstr(sim_jobj(d, "conversation"), "entityUrn",
			         w->convs[i].urn);
			json_object_array_add(del, d);
		}
	free(p);
	sim_reply_json(r, 200, o);
}

static int
ci_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	if (hay == NULL)
		return 0;
	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n; i++) {
			char a = hay[i], b = needle[i];

			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (char)(b - 'A' + 'a');
			if (a == '\0' || a != b)
				break;
		}
		if (i == n)
			return 1;
	}
	return n == 0;
}

static int
conv_has_words(struct sim_world *w, const struct sim_conv *c, const char *kw)
{
	size_t i;

	if (ci_contains(c->title, kw))
		return 1;
	for (i = 0; i < c->nwho; i++) {
		const struct sim_person *p = &w->people[c->who[i]];
		char *full = xasprintf("%s %s", p->first, p->last);
		int hit = ci_contains(full, kw);

		free(full);
		if (hit)
			return 1;
	}
	for (i = 0; i < c->nmsgs; i++)
		if (ci_contains(c->msgs[i].text, kw))
			return 1;
	return 0;
}

struct filter {
	unsigned cats; /* 0: any */
	int read;      /* -1 any, 0 unread only, 1 read only */
	int first_degree;
	const char *keywords;
	long long before;   /* 0: no bound */
	long long cur_last; /* cursor position, or -1 */
	size_t cur_idx;
};

static int
parse_bool(const char *s, int *out)
{
	if (s != NULL && strcmp(s, "true") == 0)
		*out = 1;
	else if (s != NULL && strcmp(s, "false") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

static int
parse_cursor(struct sim_req *r, const struct restli_value *v, struct filter *f)
{
	const char *cur = restli_get_str(v, "nextCursor");
	char tail;

	f->cur_last = -1;
	if (restli_get(v, "nextCursor") == NULL)
		return 0;
	if (cur == NULL || sscanf(cur, "c1_%lld_%zu%c", &f->cur_last,
	                          &f->cur_idx, &tail) != 2) {
		sim_reply_status(r, 400, "bad nextCursor");
		return -1;
	}
	return 0;
}

/* Whether a read of the categories in mask lists a conversation with
 * cats (by folder: an archived conversation keeps PRIMARY_INBOX but is
 * listed only under ARCHIVE). */
static int
filter_lists(unsigned mask, unsigned cats)
{
	int b;

	for (b = 0; b < CAT_COUNT; b++)
		if ((mask & (1u << b)) && sim_folder_lists(cats, 1u << b))
			return 1;
	return 0;
}

static void
serve_filtered(struct sim_req *r, const char *root, const struct filter *f,
               int count)
{
	struct sim_world *w = r->w;
	struct json_object *o, *meta, *els;
	struct pick *p, *lastp = NULL;
	size_t n, i, k = 0;
	char *cur;

	o = envelope(r, root, &meta);
	els = elements_of(o, root);
	p = conv_order(w, &n);
	for (i = 0; i < n && k < (size_t)count; i++) {
		struct sim_conv *c = &w->convs[p[i].idx];
		struct pick at = {f->cur_last, f->cur_idx};

		if (f->cur_last >= 0 && pick_cmp(&p[i], &at) <= 0)
			continue;
		if (f->cats && !filter_lists(f->cats, c->cats))
			continue;
		if (f->read >= 0 && (c->unread == 0) != f->read)
			continue;
		if (f->before > 0 && p[i].last >= f->before)
			continue;
		if (f->first_degree &&
		    (w->people[c->who[0]].party != PARTY_MEMBER ||
		     w->people[c->who[0]].distance != 1))
			continue;
		if (f->keywords != NULL && !conv_has_words(w, c, f->keywords))
			continue;
		json_object_array_add(els, sim_json_conversation(w, c));
		lastp = &p[i];
		k++;
	}
	if (k == (size_t)count && lastp != NULL) {
		cur = xasprintf("c1_%lld_%zu", lastp->last, lastp->idx);
		sim_jstr(meta, "nextCursor", cur);
		free(cur);
	} else
		json_object_object_add(meta, "nextCursor", NULL);
	free(p);
	sim_reply_json(r, 200, o);
}

static void
read_search(struct sim_req *r, const struct restli_value *v)
{
	struct filter f = {0, -1, 0, NULL, 0, -1, 0};
	const struct restli_value *cats = restli_get(v, "categories");
	const char *s;
	size_t i;
	int count;

	if (check_mailbox(r, v) != 0 ||
	    (count = page_count(r, v, "count", PAGE_DEFAULT)) < 0 ||
	    parse_cursor(r, v, &f) != 0)
		return;
	if (cats == NULL || cats->type != RESTLI_LIST)
		goto bad;
	for (i = 0; i < cats->n; i++) {
		unsigned bit;

		if (cats->items[i]->type != RESTLI_STRING ||
		    (bit = sim_cat_bit(cats->items[i]->str)) == 0)
			goto bad;
		f.cats |= bit;
	}
	if ((s = restli_get_str(v, "read")) != NULL &&
	    parse_bool(s, &f.read) != 0)
		goto bad;
	if ((s = restli_get_str(v, "firstDegreeConnections")) != NULL &&
	    parse_bool(s, &f.first_degree) != 0)
		goto bad;
	f.keywords = restli_get_str(v, "keywords");
	serve_filtered(r, "messengerConversationsBySearchCriteria", &f, count);
	return;
bad:
	sim_reply_status(r, 400,
	                 "bad categories, read or "
	                 "firstDegreeConnections");
}

static void
read_category(struct sim_req *r, const struct restli_value *v)
{
	struct filter f = {0, -1, 0, NULL, 0, -1, 0};
	const struct restli_value *q, *u, *pred, *x;
	const char *s;
	size_t i;
	int count;

	if (check_mailbox(r, v) != 0 ||
	    (count = page_count(r, v, "count", PAGE_DEFAULT)) < 0 ||
	    parse_cursor(r, v, &f) != 0)
		return;
	if ((q = restli_get(v, "query")) == NULL ||
	    (u = restli_get(q, "predicateUnions")) == NULL ||
	    u->type != RESTLI_LIST)
		goto bad;
	for (i = 0; i < u->n; i++) {
		pred = u->items[i];
		if ((x = restli_get(pred, "conversationCategoryPredicate")) !=
		    NULL) {
			unsigned bit;

			if ((s = restli_get_str(x, "category")) == NULL ||
			    (bit = sim_cat_bit(s)) == 0)
				goto bad;
			f.cats |= bit;
		} else if ((x = restli_get(pred, "readStatusPredicate")) !=
		           NULL) {
			if (parse_bool(restli_get_str(x, "read"), &f.read) != 0)
				goto bad;
		} else
			goto bad;
	}
	if ((s = restli_get_str(v, "lastUpdatedBefore")) != NULL &&
	    sim_parse_ll(s, &f.before) != 0)
		goto bad;
	serve_filtered(r, "messengerConversationsByCategoryQuery", &f, count);
	return;
bad:
	sim_reply_status(r, 400, "bad query predicates or lastUpdatedBefore");
}

static struct sim_conv *
conv_arg(struct sim_req *r, const struct restli_value *v)
{
	const char *u = restli_get_str(v, "conversationUrn");
	struct sim_conv *c;

	if (u == NULL) {
		sim_reply_status(r, 400, "conversationUrn missing");
		return NULL;
	}
	if ((c = sim_conv_by_urn(r->w, u)) == NULL)
		sim_reply_status(r, 404, "no such conversation");
	return c;
}

static void
page_meta(struct json_object *meta, const struct sim_conv *c, size_t oldest)
{
	char *cur;

	if (oldest > 0 && oldest < c->nmsgs) {
		cur = xasprintf("m1_%lld", c->msgs[oldest].at);
		sim_jstr(meta, "prevCursor", cur);
		free(cur);
	} else
		json_object_object_add(meta, "prevCursor", NULL);
	json_object_object_add(meta, "nextCursor", NULL);
}

static void
read_messages(struct sim_req *r, const struct restli_value *v)
{
	struct sim_world *w = r->w;
	struct json_object *o, *meta, *els;
	const char *token = restli_get_str(v, "syncToken");
	long long since = token_seq(w, token);
	struct sim_conv *c;
	size_t i, k = 0, oldest = 0;
	int count;

	if ((count = page_count(r, v, "count", PAGE_DEFAULT)) < 0 ||
	    (c = conv_arg(r, v)) == NULL)
		return;
	o = envelope(r, "messengerMessagesBySyncToken", &meta);
	els = elements_of(o, "messengerMessagesBySyncToken");
	sync_meta(w, meta, token != NULL && since < 0);
	sim_jarr(meta, "deletedUrns");
	for (i = c->nmsgs; i-- > 0;) {
		if (since >= 0 ? c->msgs[i].seq <= since : k >= (size_t)count)
			continue;
		json_object_array_add(els, sim_json_message(w, c, &c->msgs[i]));
		oldest = i;
		k++;
	}
	page_meta(meta, c, since < 0 ? oldest : 0);
	sim_reply_json(r, 200, o);
}

static void
read_older(struct sim_req *r, const struct restli_value *v)
{
	struct sim_world *w = r->w;
	struct json_object *o, *meta, *els;
	struct sim_conv *c;
	long long at;
	size_t i, first_after, k, oldest = 0;
	int before, after;

	if (sim_parse_ll(restli_get_str(v, "deliveredAt"), &at) != 0) {
		sim_reply_status(r, 400, "deliveredAt missing or not a number");
		return;
	}
	if ((before = page_count(r, v, "countBefore", PAGE_DEFAULT)) < 0 ||
	    (after = page_count(r, v, "countAfter", 0)) < 0 ||
	    (c = conv_arg(r, v)) == NULL)
		return;
	o = envelope(r, "messengerMessagesByAnchorTimestamp", &meta);
	els = elements_of(o, "messengerMessagesByAnchorTimestamp");
	for (first_after = 0;
	     first_after < c->nmsgs && c->msgs[first_after].at <= at;
	     first_after++)
		;
	/* The newest first: the ones after the anchor, then before it. */
	k = first_after + (size_t)after < c->nmsgs ? first_after + (size_t)after
	                                           : c->nmsgs;
	for (i = k; i-- > first_after;)
		json_object_array_add(els, sim_json_message(w, c, &c->msgs[i]));
	for (i = first_after, k = 0; i-- > 0 && k < (size_t)before;) {
		if (c->msgs[i].at == at)
			continue;
		json_object_array_add(els, sim_json_message(w, c, &c->msgs[i]));
		oldest = i;
		k++;
	}
	page_meta(meta, c, oldest);
	sim_reply_json(r, 200, o);
}

static void
read_counts(struct sim_req *r, const struct restli_value *v)
{
	struct sim_world *w = r->w;
	struct json_object *o, *meta, *els, *x;
	int b;

	if (check_mailbox(r, v) != 0)
		return;
	o = envelope(r, "messengerMailboxCountsByMailbox", &meta);
	els = elements_of(o, "messengerMailboxCountsByMailbox");
	/* What a category read of each would list unread (by folder). */
	for (b = 0; b < CAT_COUNT; b++) {
		x = json_object_new_object();
		sim_jstr(x, "category", sim_cat_name(b));
		sim_jint(x, "unreadConversationCount",
		         sim_folder_unread(w, 1u << b));
		json_object_array_add(els, x);
	}
	sim_reply_json(r, 200, o);
}

void
sim_msg_graphql(struct sim_req *r)
{
	const struct query *q = query_find(r);
	const char *raw = sim_arg_raw(r, "variables");
	struct restli_value *v = NULL;

	if (q == NULL) {
		sim_reply_status(r, 400, "unknown queryId");
		return;
	}
	if (raw == NULL || (v = restli_parse(raw, strlen(raw), NULL)) == NULL ||
	    v->type != RESTLI_RECORD) {
		restli_value_free(v);
		sim_reply_status(r, 400, "variables missing or not Rest.li");
		return;
	}
	switch (q->kind) {
	case Q_CONV:
		read_conversations(r, v);
		break;
	case Q_CONV_SEARCH:
		read_search(r, v);
		break;
	case Q_CONV_CATEGORY:
		read_category(r, v);
		break;
	case Q_MSGS:
		read_messages(r, v);
		break;
	case Q_MSGS_ANCHOR:
		read_older(r, v);
		break;
	case Q_COUNTS:
		read_counts(r, v);
		break;
	}
	restli_value_free(v);
}
