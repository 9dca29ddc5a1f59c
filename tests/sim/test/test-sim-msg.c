/* test-sim-msg.c — the simulator's messaging reads (API.md §6), sync
 * tokens, paging, deletion and the generated world, through libcurl. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/restli.h"
#include "tests/sim/simclient.h"
#include "tests/unit/simtest.h"
#include "core/xmalloc.h"

Test(sim_msg, inbox_load_is_newest_first_with_sync_token)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *root, *els;
	long st, prev = 0;
	size_t i;

	root = simt_gql(s, Q_LOAD, "(mailboxUrn:" MBX ")", &st, &o);
	cr_assert_eq(st, 200);
	els = simt_elements(root);
	cr_assert_eq(json_object_array_length(els), 20);
	cr_assert_not_null(simt_str(root, "metadata.newSyncToken"));
	for (i = 0; i < 20; i++) {
		struct json_object *c = json_object_array_get_idx(els, i);
		long t = (long)json_object_get_int64(
		    simt_member(c, "lastActivityAt"));

		cr_assert(i == 0 || t <= prev, "conversation %zu is older", i);
		prev = t;
		cr_assert_str_eq(simt_str(c, "_type"),
		                 "com.linkedin.messenger.Conversation");
		cr_assert_not_null(simt_member(c, "conversationParticipants"));
	}
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, unknown_query_id_is_400)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o;
	long st;

	simt_gql(s, "messengerConversations.0000", "(mailboxUrn:" MBX ")", &st,
	         &o);
	cr_assert_eq(st, 400);
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, malformed_variables_are_400)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o;
	long st;

	simt_gql(s, Q_LOAD, "(mailboxUrn:" MBX, &st, &o);
	cr_assert_eq(st, 400);
	json_object_put(o);
	simt_gql(s, Q_LOAD, "(mailboxUrn:urn:li:fsd_profile:x)", &st, &o);
	cr_assert_eq(st, 400, "a raw ':' inside a value is not Rest.li");
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, count_over_25_is_400)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o;
	long st;

	simt_gql(s, Q_SEARCH,
	         "(categories:List(INBOX),count:26,mailboxUrn:" MBX ")", &st,
	         &o);
	cr_assert_eq(st, 400);
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, paging_reaches_the_end_of_a_200_conversation_mailbox)
{
	const char *args[] = {"--conversations", "200", "--messages", "2",
	                      NULL};
	struct sim *s = simt_start(args);
	struct json_object *o, *root, *state;
	char *cursor = NULL, *vars, *seen[256];
	size_t nseen = 0, i, k, n;
	long st, inbox;
	int pages = 0;

	for (;;) {
		char *ec = cursor ? simt_enc(cursor) : NULL;

		vars =
		    xasprintf("(categories:List(INBOX),count:25,"
		              "firstDegreeConnections:false,mailboxUrn:%s%s%s)",
		              MBX, ec ? ",nextCursor:" : "", ec ? ec : "");
		free(ec);
		root = simt_gql(s, Q_SEARCH, vars, &st, &o);
		free(vars);
		cr_assert_eq(st, 200);
		n = json_object_array_length(simt_elements(root));
		for (i = 0; i < n; i++) {
			const char *u = simt_str(
			    json_object_array_get_idx(simt_elements(root), i),
			    "entityUrn");

			for (k = 0; k < nseen; k++)
				cr_assert_str_neq(seen[k], u, "seen twice");
			cr_assert_lt(nseen, 256);
			seen[nseen++] = xstrdup(u);
		}
		free(cursor);
		cursor = xstrdup_or_null(simt_str(root, "metadata.nextCursor"));
		json_object_put(o);
		pages++;
		if (cursor == NULL || n < 25)
			break;
		cr_assert_lt(pages, 20);
	}
	free(cursor);
	state = sim_state_json(s);
	inbox = (long)json_object_get_int64(
	    simt_member(state, "conversations.INBOX"));
	cr_assert_gt(inbox, 150);
	cr_assert_eq((long)nseen, inbox);
	json_object_put(state);
	for (k = 0; k < nseen; k++)
		free(seen[k]);
	sim_stop(s);
}

Test(sim_msg, unread_filter_returns_only_unread)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *root, *els;
	size_t i;
	long st;

	root = simt_gql(s, Q_SEARCH,
	                "(categories:List(PRIMARY_INBOX),count:25,"
	                "firstDegreeConnections:false,mailboxUrn:" MBX
	                ",read:false)",
	                &st, &o);
	cr_assert_eq(st, 200);
	els = simt_elements(root);
	cr_assert_gt(json_object_array_length(els), 0);
	for (i = 0; i < json_object_array_length(els); i++)
		cr_assert_not(json_object_get_boolean(
		    simt_member(json_object_array_get_idx(els, i), "read")));
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, keywords_find_a_conversation_by_name)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *root;
	long st;

	root = simt_gql(s, Q_SEARCH,
	                "(categories:List(INBOX),count:20,"
	                "firstDegreeConnections:false,mailboxUrn:" MBX
	                ",keywords:grace)",
	                &st, &o);
	cr_assert_eq(st, 200);
	cr_assert_geq(json_object_array_length(simt_elements(root)), 1);
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, category_read_pages_by_last_updated_before)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *root, *els;
	long st;
	size_t i;

	root = simt_gql(s, Q_CAT,
	                "(query:(predicateUnions:List((conversation"
	                "CategoryPredicate:(category:PRIMARY_INBOX)))),count:5,"
	                "mailboxUrn:" MBX ",lastUpdatedBefore:1789900000000)",
	                &st, &o);
	cr_assert_eq(st, 200);
	els = simt_elements(root);
	cr_assert_eq(json_object_array_length(els), 5);
	for (i = 0; i < 5; i++)
		cr_assert_lt(
		    json_object_get_int64(simt_member(
		        json_object_array_get_idx(els, i), "lastActivityAt")),
		    1789900000000LL);
	cr_assert_not_null(simt_str(root, "metadata.nextCursor"));
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, thread_pages_are_newest_first_then_older_by_anchor)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *root, *els, *last;
	char *conv = simt_newest_conv(s), *e = simt_enc(conv), *vars;
	long long oldest, t, prev = 0;
	size_t i;
	long st;

	vars = xasprintf("(conversationUrn:%s)", e);
	root = simt_gql(s, Q_MSGS, vars, &st, &o);
	free(vars);
	cr_assert_eq(st, 200);
	els = simt_elements(root);
	cr_assert_eq(json_object_array_length(els), 20);
	for (i = 0; i < 20; i++) {
		t = json_object_get_int64(simt_member(
		    json_object_array_get_idx(els, i), "deliveredAt"));
		cr_assert(i == 0 || t < prev);
		prev = t;
	}
	last = json_object_array_get_idx(els, 19);
	oldest = json_object_get_int64(simt_member(last, "deliveredAt"));
	cr_assert_not_null(simt_str(root, "metadata.prevCursor"));
	json_object_put(o);

	vars = xasprintf("(deliveredAt:%lld,conversationUrn:%s,countBefore:20,"
	                 "countAfter:0)",
	                 oldest, e);
	root = simt_gql(s, Q_OLDER, vars, &st, &o);
	free(vars);
	cr_assert_eq(st, 200);
	els = simt_elements(root);
	cr_assert_eq(json_object_array_length(els), 10, "30 messages in all");
	for (i = 0; i < 10; i++)
		cr_assert_lt(
		    json_object_get_int64(simt_member(
		        json_object_array_get_idx(els, i), "deliveredAt")),
		    oldest);
	json_object_put(o);
	free(e);
	free(conv);
	sim_stop(s);
}

Test(sim_msg, sync_token_returns_changes_and_deletions)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *root, *els;
	char *token, *e, *vars, *path, *conv2, *in;
	const char *changed;
	long st;

	root = simt_gql(s, Q_LOAD, "(mailboxUrn:" MBX ",count:2)", &st, &o);
	token = xstrdup(simt_str(root, "metadata.newSyncToken"));
	conv2 = xstrdup(simt_str(
	    json_object_array_get_idx(simt_elements(root), 1), "entityUrn"));
	json_object_put(o);

	in = sim_post(s, "/__sim/incoming", "{\"text\":\"ping\"}");
	cr_assert_not_null(in);
	o = json_tokener_parse(in);
	changed = simt_str(o, "conversation_urn");
	cr_assert_not_null(changed);
	cr_assert_str_neq(changed, conv2);

	e = simt_enc(conv2);
	path = xasprintf(CONVS "/%s", e);
	json_object_put(simt_call(s, "DELETE", path, NULL, &st));
	cr_assert_eq(st, 200);
	free(path);
	free(e);

	e = simt_enc(token);
	vars = xasprintf("(mailboxUrn:%s,syncToken:%s)", MBX, e);
	{
		struct json_object *o2,
		    *r2 = simt_gql(s, Q_SYNC, vars, &st, &o2);

		cr_assert_eq(st, 200);
		els = simt_elements(r2);
		cr_assert_eq(json_object_array_length(els), 1);
		cr_assert_str_eq(
		    simt_str(json_object_array_get_idx(els, 0), "entityUrn"),
		    changed);
		cr_assert_str_eq(
		    simt_str(json_object_array_get_idx(
		                 simt_member(r2, "metadata.deletedUrns"), 0),
		             "conversation.entityUrn"),
		    conv2);
		cr_assert_not(json_object_get_boolean(
		    simt_member(r2, "metadata.shouldClearCache")));
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
	struct sim *s = simt_start(NULL);
	struct json_object *o, *root;
	long st;

	root = simt_gql(s, Q_SYNC, "(mailboxUrn:" MBX ",syncToken:stale)", &st,
	                &o);
	cr_assert_eq(st, 200);
	cr_assert(json_object_get_boolean(
	    simt_member(root, "metadata.shouldClearCache")));
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, mailbox_counts_list_every_category)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *root;
	long st;

	root = simt_gql(s, Q_COUNTS, "(mailboxUrn:" MBX ")", &st, &o);
	cr_assert_eq(st, 200);
	cr_assert_eq(json_object_array_length(simt_elements(root)), 8);
	cr_assert_str_eq(
	    simt_str(json_object_array_get_idx(simt_elements(root), 0),
	             "category"),
	    "INBOX");
	json_object_put(o);
	sim_stop(s);
}

Test(sim_msg, incoming_message_makes_the_conversation_unread_and_newest)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *in, *root, *c;
	char *txt, *body;
	long st;

	txt = sim_post(s, "/__sim/incoming", NULL);
	in = json_tokener_parse(txt);
	body = xasprintf("{\"thread_id\":\"%s\",\"text\":\"second\"}",
	                 simt_str(in, "thread_id"));
	free(txt);
	txt = sim_post(s, "/__sim/incoming", body);
	cr_assert_not_null(txt);
	root = simt_gql(s, Q_LOAD, "(mailboxUrn:" MBX ",count:1)", &st, &o);
	c = json_object_array_get_idx(simt_elements(root), 0);
	cr_assert_str_eq(simt_str(c, "entityUrn"),
	                 simt_str(in, "conversation_urn"));
	cr_assert_not(json_object_get_boolean(simt_member(c, "read")));
	cr_assert_str_eq(simt_str(json_object_array_get_idx(
	                              simt_member(c, "messages.elements"), 0),
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
	struct sim *s = simt_start(args);
	struct sim_resp r;
	char *path, *cursor = NULL, *e;
	int page;

	for (page = 0; page < 3; page++) {
		e = cursor ? simt_enc(cursor) : NULL;
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
	struct sim *s = simt_start(NULL);
	struct json_object *o, *root;
	char *conv = simt_newest_conv(s), *e = simt_enc(conv), *path, *vars;
	long st;

	path = xasprintf(CONVS "/%s", e);
	json_object_put(simt_call(s, "DELETE", path, NULL, &st));
	cr_assert_eq(st, 200);
	json_object_put(simt_call(s, "DELETE", path, NULL, &st));
	cr_assert_eq(st, 404, "already deleted");
	root = simt_gql(s, Q_LOAD, "(mailboxUrn:" MBX ",count:1)", &st, &o);
	cr_assert_str_neq(
	    simt_str(json_object_array_get_idx(simt_elements(root), 0),
	             "entityUrn"),
	    conv);
	json_object_put(o);
	vars = xasprintf("(conversationUrn:%s)", e);
	simt_gql(s, Q_MSGS, vars, &st, &o);
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
	struct sim *s = simt_start(NULL);
	struct json_object *o, *root, *els;
	char *conv = simt_newest_conv(s), *e = simt_enc(conv), *vars, *token,
	     *et, *in, *body;
	long st;

	vars = xasprintf("(conversationUrn:%s)", e);
	root = simt_gql(s, Q_MSGS, vars, &st, &o);
	free(vars);
	token = xstrdup(simt_str(root, "metadata.newSyncToken"));
	json_object_put(o);
	body = xasprintf("{\"conversation_urn\":\"%s\",\"text\":\"new one\"}",
	                 conv);
	in = sim_post(s, "/__sim/incoming", body);
	cr_assert_not_null(in);
	et = simt_enc(token);
	vars = xasprintf("(conversationUrn:%s,syncToken:%s)", e, et);
	root = simt_gql(s, "messengerMessages.455dde239612d966346c1d1c4352f648",
	                vars, &st, &o);
	cr_assert_eq(st, 200, "the also-seen query id is accepted");
	els = simt_elements(root);
	cr_assert_eq(json_object_array_length(els), 1);
	cr_assert_str_eq(
	    simt_str(json_object_array_get_idx(els, 0), "body.text"),
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
