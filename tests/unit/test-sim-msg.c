/* test-sim-msg.c — the simulator's messaging reads (API.md §6), sync
 * tokens, paging, deletion and the generated world, through libcurl. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "restli.h"
#include "simclient.h"
#include "xmalloc.h"

#define GQL "/voyager/api/voyagerMessagingGraphQL/graphql?queryId="
#define Q_LOAD "messengerConversations.0d5e6781bbee71c3e51c8843c6519f48"
#define Q_SYNC "messengerConversations.74c17e85611b60b7ba2700481151a316"
#define Q_SEARCH "messengerConversations.737b27144cf922499202658a5345016f"
#define Q_CAT "messengerConversations.8656fb361a8ad0c178e8d3ff1a84ce26"
#define Q_MSGS "messengerMessages.5846eeb71c981f11e0134cb6626cc314"
#define Q_OLDER "messengerMessages.d8ea76885a52fd5dc5c317078ab7c977"
#define Q_COUNTS "messengerMailboxCounts.fc528a5a81a76dff212a4a3d2d48e84b"
#define MBX "urn%3Ali%3Afsd_profile%3A" SIM_DEMO_PROFILE_ID
#define SEND "/voyager/api/voyagerMessagingDashMessengerMessages"
#define CONVS "/voyager/api/voyagerMessagingDashMessengerConversations"

static struct sim *
start(const char *const *args)
{
	struct sim *s = sim_start(args);

	cr_assert_not_null(s, "the simulator did not start");
	return s;
}

/* A request with the demo session; the JSON answer (or NULL) and status. */
static struct json_object *
call(struct sim *s, const char *method, const char *path, const char *body,
     long *status)
{
	struct sim_resp r;
	struct json_object *o;

	sim_request(s, method, path, sim_demo_headers(), body, &r);
	*status = r.status;
	o = sim_resp_json(&r);
	sim_resp_free(&r);
	return o;
}

/* data.<root> of a GraphQL read of query qid with raw variables. */
static struct json_object *
gql(struct sim *s, const char *qid, const char *vars, long *status,
    struct json_object **whole)
{
	struct json_object *o, *d = NULL, *root = NULL;
	char *path = xasprintf(GQL "%s&variables=%s", qid, vars);

	o = call(s, "GET", path, NULL, status);
	free(path);
	if (o != NULL && json_object_object_get_ex(o, "data", &d)) {
		json_object_object_foreach(d, k, v)
		{
			(void)k;
			root = v;
		}
	}
	*whole = o;
	return root;
}

static struct json_object *
member(struct json_object *o, const char *path)
{
	const char *p = path, *e;
	char key[64];

	while (o != NULL && *p != '\0') {
		e = strchr(p, '.');
		if (e == NULL)
			e = p + strlen(p);
		cr_assert_lt((size_t)(e - p), sizeof(key));
		memcpy(key, p, (size_t)(e - p));
		key[e - p] = '\0';
		if (!json_object_object_get_ex(o, key, &o))
			o = NULL;
		p = *e ? e + 1 : e;
	}
	return o;
}

static const char *
mstr(struct json_object *o, const char *path)
{
	return json_object_get_string(member(o, path));
}

static struct json_object *
elements(struct json_object *root)
{
	return member(root, "elements");
}

/* The urn of the newest conversation (caller frees). */
static char *
newest_conv(struct sim *s)
{
	struct json_object *o, *root;
	long st;
	char *u;

	root = gql(s, Q_LOAD, "(mailboxUrn:" MBX ",count:1)", &st, &o);
	cr_assert_eq(st, 200);
	u = xstrdup(
	    mstr(json_object_array_get_idx(elements(root), 0), "entityUrn"));
	json_object_put(o);
	return u;
}

static char *
enc(const char *s)
{
	return restli_encode_dup(s);
}

Test(sim_msg, inbox_load_is_newest_first_with_sync_token)
{
	struct sim *s = start(NULL);
	struct json_object *o, *root, *els;
	long st, prev = 0;
	size_t i;

	root = gql(s, Q_LOAD, "(mailboxUrn:" MBX ")", &st, &o);
	cr_assert_eq(st, 200);
	els = elements(root);
	cr_assert_eq(json_object_array_length(els), 20);
	cr_assert_not_null(mstr(root, "metadata.newSyncToken"));
	for (i = 0; i < 20; i++) {
		struct json_object *c = json_object_array_get_idx(els, i);
		long t =
		    (long)json_object_get_int64(member(c, "lastActivityAt"));

		cr_assert(i == 0 || t <= prev, "conversation %zu is older", i);
		prev = t;
		cr_assert_str_eq(mstr(c, "_type"),
		                 "com.linkedin.messenger.Conversation");
		cr_assert_not_null(member(c, "conversationParticipants"));
	}
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, unknown_query_id_is_400)
{
	struct sim *s = start(NULL);
	struct json_object *o;
	long st;

	gql(s, "messengerConversations.0000", "(mailboxUrn:" MBX ")", &st, &o);
	cr_assert_eq(st, 400);
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, malformed_variables_are_400)
{
	struct sim *s = start(NULL);
	struct json_object *o;
	long st;

	gql(s, Q_LOAD, "(mailboxUrn:" MBX, &st, &o);
	cr_assert_eq(st, 400);
	json_object_put(o);
	gql(s, Q_LOAD, "(mailboxUrn:urn:li:fsd_profile:x)", &st, &o);
	cr_assert_eq(st, 400, "a raw ':' inside a value is not Rest.li");
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, count_over_25_is_400)
{
	struct sim *s = start(NULL);
	struct json_object *o;
	long st;

	gql(s, Q_SEARCH, "(categories:List(INBOX),count:26,mailboxUrn:" MBX ")",
	    &st, &o);
	cr_assert_eq(st, 400);
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, paging_reaches_the_end_of_a_200_conversation_mailbox)
{
	const char *args[] = {"--conversations", "200", "--messages", "2",
	                      NULL};
	struct sim *s = start(args);
	struct json_object *o, *root, *state;
	char *cursor = NULL, *vars, *seen[256];
	size_t nseen = 0, i, k, n;
	long st, inbox;
	int pages = 0;

	for (;;) {
		char *ec = cursor ? enc(cursor) : NULL;

		vars =
		    xasprintf("(categories:List(INBOX),count:25,"
		              "firstDegreeConnections:false,mailboxUrn:%s%s%s)",
		              MBX, ec ? ",nextCursor:" : "", ec ? ec : "");
		free(ec);
		root = gql(s, Q_SEARCH, vars, &st, &o);
		free(vars);
		cr_assert_eq(st, 200);
		n = json_object_array_length(elements(root));
		for (i = 0; i < n; i++) {
			const char *u =
			    mstr(json_object_array_get_idx(elements(root), i),
			         "entityUrn");

			for (k = 0; k < nseen; k++)
				cr_assert_str_neq(seen[k], u, "seen twice");
			cr_assert_lt(nseen, 256);
			seen[nseen++] = xstrdup(u);
		}
		free(cursor);
		cursor = xstrdup_or_null(mstr(root, "metadata.nextCursor"));
		json_object_put(o);
		pages++;
		if (cursor == NULL || n < 25)
			break;
		cr_assert_lt(pages, 20);
	}
	free(cursor);
	state = sim_state_json(s);
	inbox =
	    (long)json_object_get_int64(member(state, "conversations.INBOX"));
	cr_assert_gt(inbox, 150);
	cr_assert_eq((long)nseen, inbox);
	json_object_put(state);
	for (k = 0; k < nseen; k++)
		free(seen[k]);
	sim_stop(s);
}

Test(sim_msg, unread_filter_returns_only_unread)
{
	struct sim *s = start(NULL);
	struct json_object *o, *root, *els;
	size_t i;
	long st;

	root =
	    gql(s, Q_SEARCH,
	        "(categories:List(PRIMARY_INBOX),count:25,"
	        "firstDegreeConnections:false,mailboxUrn:" MBX ",read:false)",
	        &st, &o);
	cr_assert_eq(st, 200);
	els = elements(root);
	cr_assert_gt(json_object_array_length(els), 0);
	for (i = 0; i < json_object_array_length(els); i++)
		cr_assert_not(json_object_get_boolean(
		    member(json_object_array_get_idx(els, i), "read")));
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, keywords_find_a_conversation_by_name)
{
	struct sim *s = start(NULL);
	struct json_object *o, *root;
	long st;

	root = gql(s, Q_SEARCH,
	           "(categories:List(INBOX),count:20,"
	           "firstDegreeConnections:false,mailboxUrn:" MBX
	           ",keywords:grace)",
	           &st, &o);
	cr_assert_eq(st, 200);
	cr_assert_geq(json_object_array_length(elements(root)), 1);
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, category_read_pages_by_last_updated_before)
{
	struct sim *s = start(NULL);
	struct json_object *o, *root, *els;
	long st;
	size_t i;

	root = gql(s, Q_CAT,
	           "(query:(predicateUnions:List((conversation"
	           "CategoryPredicate:(category:PRIMARY_INBOX)))),count:5,"
	           "mailboxUrn:" MBX ",lastUpdatedBefore:1789900000000)",
	           &st, &o);
	cr_assert_eq(st, 200);
	els = elements(root);
	cr_assert_eq(json_object_array_length(els), 5);
	for (i = 0; i < 5; i++)
		cr_assert_lt(
		    json_object_get_int64(member(
		        json_object_array_get_idx(els, i), "lastActivityAt")),
		    1789900000000LL);
	cr_assert_not_null(mstr(root, "metadata.nextCursor"));
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, thread_pages_are_newest_first_then_older_by_anchor)
{
	struct sim *s = start(NULL);
	struct json_object *o, *root, *els, *last;
	char *conv = newest_conv(s), *e = enc(conv), *vars;
	long long oldest, t, prev = 0;
	size_t i;
	long st;

	vars = xasprintf("(conversationUrn:%s)", e);
	root = gql(s, Q_MSGS, vars, &st, &o);
	free(vars);
	cr_assert_eq(st, 200);
	els = elements(root);
	cr_assert_eq(json_object_array_length(els), 20);
	for (i = 0; i < 20; i++) {
		t = json_object_get_int64(
		    member(json_object_array_get_idx(els, i), "deliveredAt"));
		cr_assert(i == 0 || t < prev);
		prev = t;
	}
	last = json_object_array_get_idx(els, 19);
	oldest = json_object_get_int64(member(last, "deliveredAt"));
	cr_assert_not_null(mstr(root, "metadata.prevCursor"));
	json_object_put(o);

	vars = xasprintf("(deliveredAt:%lld,conversationUrn:%s,countBefore:20,"
	                 "countAfter:0)",
	                 oldest, e);
	root = gql(s, Q_OLDER, vars, &st, &o);
	free(vars);
	cr_assert_eq(st, 200);
	els = elements(root);
	cr_assert_eq(json_object_array_length(els), 10, "30 messages in all");
	for (i = 0; i < 10; i++)
		cr_assert_lt(
		    json_object_get_int64(member(
		        json_object_array_get_idx(els, i), "deliveredAt")),
		    oldest);
	json_object_put(o);
	free(e);
	free(conv);
	sim_stop(s);
}

Test(sim_msg, sync_token_returns_changes_and_deletions)
{
	struct sim *s = start(NULL);
	struct json_object *o, *root, *els;
	char *token, *e, *vars, *path, *conv2, *in;
	const char *changed;
	long st;

	root = gql(s, Q_LOAD, "(mailboxUrn:" MBX ",count:2)", &st, &o);
	token = xstrdup(mstr(root, "metadata.newSyncToken"));
	conv2 = xstrdup(
	    mstr(json_object_array_get_idx(elements(root), 1), "entityUrn"));
	json_object_put(o);

	in = sim_post(s, "/__sim/incoming", "{\"text\":\"ping\"}");
	cr_assert_not_null(in);
	o = json_tokener_parse(in);
	changed = mstr(o, "conversation_urn");
	cr_assert_not_null(changed);
	cr_assert_str_neq(changed, conv2);

	e = enc(conv2);
	path = xasprintf(CONVS "/%s", e);
	json_object_put(call(s, "DELETE", path, NULL, &st));
	cr_assert_eq(st, 200);
	free(path);
	free(e);

	e = enc(token);
	vars = xasprintf("(mailboxUrn:%s,syncToken:%s)", MBX, e);
	{
		struct json_object *o2, *r2 = gql(s, Q_SYNC, vars, &st, &o2);

		cr_assert_eq(st, 200);
		els = elements(r2);
		cr_assert_eq(json_object_array_length(els), 1);
		cr_assert_str_eq(
		    mstr(json_object_array_get_idx(els, 0), "entityUrn"),
		    changed);
		cr_assert_str_eq(
		    mstr(json_object_array_get_idx(
		             member(r2, "metadata.deletedUrns"), 0),
		         "conversation.entityUrn"),
		    conv2);
		cr_assert_not(json_object_get_boolean(
		    member(r2, "metadata.shouldClearCache")));
		json_object_put(o2);
	}
	free(vars);
	free(e);
	json_object_put(o);
	free(in);
	free(token);
	free(conv2);
	sim_stop(s);
}

Test(sim_msg, unknown_sync_token_asks_to_clear_cache)
{
	struct sim *s = start(NULL);
	struct json_object *o, *root;
	long st;

	root = gql(s, Q_SYNC, "(mailboxUrn:" MBX ",syncToken:stale)", &st, &o);
	cr_assert_eq(st, 200);
	cr_assert(
	    json_object_get_boolean(member(root, "metadata.shouldClearCache")));
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, mailbox_counts_list_every_category)
{
	struct sim *s = start(NULL);
	struct json_object *o, *root;
	long st;

	root = gql(s, Q_COUNTS, "(mailboxUrn:" MBX ")", &st, &o);
	cr_assert_eq(st, 200);
	cr_assert_eq(json_object_array_length(elements(root)), 7);
	cr_assert_str_eq(
	    mstr(json_object_array_get_idx(elements(root), 0), "category"),
	    "INBOX");
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, incoming_message_makes_the_conversation_unread_and_newest)
{
	struct sim *s = start(NULL);
	struct json_object *o, *in, *root, *c;
	char *txt, *body;
	long st;

	txt = sim_post(s, "/__sim/incoming", NULL);
	in = json_tokener_parse(txt);
	body = xasprintf("{\"thread_id\":\"%s\",\"text\":\"second\"}",
	                 mstr(in, "thread_id"));
	free(txt);
	txt = sim_post(s, "/__sim/incoming", body);
	cr_assert_not_null(txt);
	root = gql(s, Q_LOAD, "(mailboxUrn:" MBX ",count:1)", &st, &o);
	c = json_object_array_get_idx(elements(root), 0);
	cr_assert_str_eq(mstr(c, "entityUrn"), mstr(in, "conversation_urn"));
	cr_assert_not(json_object_get_boolean(member(c, "read")));
	cr_assert_str_eq(
	    mstr(json_object_array_get_idx(member(c, "messages.elements"), 0),
	         "body.text"),
	    "second");
	json_object_put(o);
	json_object_put(in);
	free(txt);
	free(body);
	sim_stop(s);
}

/* The raw bytes of every conversation page and of the newest messages of
 * the first conversations of a world. */
static void
world_bytes(const char *const *args, struct buf *all)
{
	struct sim *s = start(args);
	struct sim_resp r;
	char *path, *cursor = NULL, *e;
	int page;

	for (page = 0; page < 3; page++) {
		e = cursor ? enc(cursor) : NULL;
		path =
		    xasprintf(GQL Q_SEARCH "&variables=(categories:List(INBOX,"
		                           "ARCHIVE,SPAM,MESSAGE_REQUESTS),"
		                           "count:25,mailboxUrn:%s%s%s)",
		              MBX, e ? ",nextCursor:" : "", e ? e : "");
		sim_request(s, "GET", path, sim_demo_headers(), NULL, &r);
		cr_assert_eq(r.status, 200);
		buf_add(all, r.body, r.len);
		{
			const char *c = strstr(r.body, "\"nextCursor\":\"");

			free(cursor);
			cursor =
			    c ? xstrndup(c + 14, strcspn(c + 14, "\"")) : NULL;
		}
		sim_resp_free(&r);
		free(path);
		free(e);
	}
	free(cursor);
	sim_stop(s);
}

static int
contains(const struct buf *b, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, needle, n) == 0)
			return 1;
	return 0;
}

Test(sim_msg, hostile_world_carries_escapes_bidi_and_invalid_utf8)
{
	const char *hostile[] = {"--hostile", "--seed", "5", NULL};
	const char *plain[] = {"--seed", "5", NULL};
	struct buf h, p;

	buf_init(&h, 0);
	buf_init(&p, 0);
	world_bytes(hostile, &h);
	world_bytes(plain, &p);
	cr_assert(contains(&h, "\\u001b"), "ESC, JSON-escaped");
	cr_assert(contains(&h, "\xe2\x80\xae"), "RIGHT-TO-LEFT OVERRIDE");
	cr_assert(contains(&h, "\xff") || contains(&h, "\xc0\xaf") ||
	              contains(&h, "\xed\xa0\x80") || contains(&h, "\xf4\x90"),
	          "invalid UTF-8 as raw bytes");
	cr_assert_not(contains(&p, "\\u001b"));
	cr_assert_not(contains(&p, "\xff"));
	cr_assert(contains(&p, "\xe2\x80\x8d"), "emoji ZWJ sequences");
	buf_release(&h);
	buf_release(&p);
}

Test(sim_msg, same_seed_serves_the_same_world)
{
	const char *a[] = {"--seed", "9", NULL};
	const char *b[] = {"--seed", "10", NULL};
	struct buf x, y, z;

	buf_init(&x, 0);
	buf_init(&y, 0);
	buf_init(&z, 0);
	world_bytes(a, &x);
	world_bytes(a, &y);
	world_bytes(b, &z);
	cr_assert_eq(x.len, y.len);
	cr_assert_eq(memcmp(x.data, y.data, x.len), 0);
	cr_assert(z.len != x.len || memcmp(x.data, z.data, x.len) != 0);
	buf_release(&x);
	buf_release(&y);
	buf_release(&z);
}

Test(sim_msg, deleted_conversation_leaves_the_inbox_and_its_reads_404)
{
	struct sim *s = start(NULL);
	struct json_object *o, *root;
	char *conv = newest_conv(s), *e = enc(conv), *path, *vars;
	long st;

	path = xasprintf(CONVS "/%s", e);
	json_object_put(call(s, "DELETE", path, NULL, &st));
	cr_assert_eq(st, 200);
	json_object_put(call(s, "DELETE", path, NULL, &st));
	cr_assert_eq(st, 404, "already deleted");
	root = gql(s, Q_LOAD, "(mailboxUrn:" MBX ",count:1)", &st, &o);
	cr_assert_str_neq(
	    mstr(json_object_array_get_idx(elements(root), 0), "entityUrn"),
	    conv);
	json_object_put(o);
	vars = xasprintf("(conversationUrn:%s)", e);
	gql(s, Q_MSGS, vars, &st, &o);
	cr_assert_eq(st, 404);
	json_object_put(o);
	free(vars);
	free(path);
	free(e);
	free(conv);
	sim_stop(s);
}

Test(sim_msg, message_sync_token_returns_only_new_messages)
{
	struct sim *s = start(NULL);
	struct json_object *o, *root, *els;
	char *conv = newest_conv(s), *e = enc(conv), *vars, *token, *et, *in,
	     *body;
	long st;

	vars = xasprintf("(conversationUrn:%s)", e);
	root = gql(s, Q_MSGS, vars, &st, &o);
	free(vars);
	token = xstrdup(mstr(root, "metadata.newSyncToken"));
	json_object_put(o);
	body = xasprintf("{\"conversation_urn\":\"%s\",\"text\":\"new one\"}",
	                 conv);
	in = sim_post(s, "/__sim/incoming", body);
	cr_assert_not_null(in);
	et = enc(token);
	vars = xasprintf("(conversationUrn:%s,syncToken:%s)", e, et);
	root = gql(s, "messengerMessages.455dde239612d966346c1d1c4352f648",
	           vars, &st, &o);
	cr_assert_eq(st, 200, "the also-seen query id is accepted");
	els = elements(root);
	cr_assert_eq(json_object_array_length(els), 1);
	cr_assert_str_eq(mstr(json_object_array_get_idx(els, 0), "body.text"),
	                 "new one");
	json_object_put(o);
	free(vars);
	free(et);
	free(in);
	free(body);
	free(token);
	free(e);
	free(conv);
	sim_stop(s);
}
