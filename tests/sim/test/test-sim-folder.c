/* test-sim-folder.c — the simulator's folders (API.md §6, §6a): every
 * folder's category read pages to its end and agrees with /__sim/state
 * and messengerMailboxCounts; addCategory / removeCategory and both
 * delete forms change the state exactly once and show in the sync-token
 * read; bad bodies are 400 and change nothing; a reply accepts a message
 * request; a batch mark read is one request.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "core/folder.h"
#include "core/http.h"
#include "core/voyager-folder.h"
#include "core/voyager-send.h"
#include "core/voyager.h"
#include "tests/sim/simclient.h"
#include "tests/unit/simtest.h"
#include "core/xmalloc.h"

static long
state_long(struct sim *s, const char *path)
{
	struct json_object *st = sim_state_json(s), *v;
	long n;

	v = simt_member(st, path);
	cr_assert_not_null(v, "no %s in /__sim/state", path);
	n = (long)json_object_get_int64(v);
	json_object_put(st);
	return n;
}

static long
folder_total(struct sim *s, const char *cat)
{
	char path[64];

	snprintf(path, sizeof path, "folders.%s.total", cat);
	return state_long(s, path);
}

/* Pages the category read of cat to its end: the number listed, and
 * (unread) how many of them are unread; *urn the first one's URN. */
static long
page_all(struct sim *s, const char *cat, long *unread, char **urn)
{
	struct json_object *o, *root, *els, *c;
	char *cursor = NULL, *vars, *seen[256];
	size_t nseen = 0, i, k, n;
	long st;
	int pages = 0;

	*unread = 0;
	if (urn != NULL)
		*urn = NULL;
	for (;;) {
		char *ec = cursor ? simt_enc(cursor) : NULL;

		vars =
		    xasprintf("(query:(predicateUnions:List((conversation"
		              "CategoryPredicate:(category:%s)))),count:25,"
		              "mailboxUrn:%s%s%s)",
		              cat, MBX, ec ? ",nextCursor:" : "", ec ? ec : "");
		free(ec);
		root = simt_gql(s, Q_CAT, vars, &st, &o);
		free(vars);
		cr_assert_eq(st, 200);
		els = simt_elements(root);
		n = json_object_array_length(els);
		for (i = 0; i < n; i++) {
			const char *u;

			c = json_object_array_get_idx(els, i);
			u = simt_str(c, "entityUrn");
			for (k = 0; k < nseen; k++)
				cr_assert_str_neq(seen[k], u, "seen twice");
			cr_assert_lt(nseen, 256);
			seen[nseen++] = xstrdup(u);
			*unread +=
			    !json_object_get_boolean(simt_member(c, "read"));
			if (urn != NULL && *urn == NULL)
				*urn = xstrdup(u);
		}
		free(cursor);
		cursor = xstrdup_or_null(simt_str(root, "metadata.nextCursor"));
		json_object_put(o);
		cr_assert_lt(++pages, 20);
		if (cursor == NULL || n < 25)
			break;
	}
	free(cursor);
	for (k = 0; k < nseen; k++)
		free(seen[k]);
	return (long)nseen;
}

static long
mailbox_unread(struct sim *s, const char *cat)
{
	struct json_object *o, *root, *els, *x;
	long st, n = -1;
	size_t i;

	root = simt_gql(s, Q_COUNTS, "(mailboxUrn:" MBX ")", &st, &o);
	cr_assert_eq(st, 200);
	els = simt_elements(root);
	for (i = 0; i < json_object_array_length(els); i++) {
		x = json_object_array_get_idx(els, i);
		if (strcmp(simt_str(x, "category"), cat) == 0)
			n = (long)json_object_get_int64(
			    simt_member(x, "unreadConversationCount"));
	}
	json_object_put(o);
	cr_assert_geq(n, 0, "no count for %s", cat);
	return n;
}

Test(sim_folder, every_folder_pages_to_its_end_and_matches_the_state)
{
	const char *args[] = {"--conversations", "200", "--messages", "2",
	                      NULL};
	struct sim *s = simt_start(args);
	long sum = 0, n, unread;
	char path[64];
	int f;

	for (f = 0; f < FOLDER_COUNT; f++) {
		const char *cat = folder_info((enum folder)f)->category;

		n = page_all(s, cat, &unread, NULL);
		cr_assert_gt(n, 0, "%s is empty", cat);
		cr_assert_eq(n, folder_total(s, cat), "%s", cat);
		snprintf(path, sizeof path, "folders.%s.unread", cat);
		cr_assert_eq(unread, state_long(s, path), "%s", cat);
		cr_assert_eq(unread, mailbox_unread(s, cat), "%s", cat);
		if (f < FOLDER_VIEWS)
			sum += n;
	}
	cr_assert_eq(sum, state_long(s, "conversations.total"),
	             "the folders partition the mailbox");
	sim_stop(s);
}

static long
cat_call(struct sim *s, const char *action, const char *urns,
         const char *category)
{
	char *path = xasprintf(CONVS "?action=%s", action);
	char *body = xasprintf("{\"conversationUrns\":[%s],\"category\":%s}",
	                       urns, category);
	long st;

	json_object_put(simt_call(s, "POST", path, body, &st));
	free(path);
	free(body);
	return st;
}

static char *
quoted(const char *urn)
{
	return xasprintf("\"%s\"", urn);
}

Test(sim_folder, archive_and_unarchive_change_the_state_once_each)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *root, *els;
	long st, unread, prim = folder_total(s, "PRIMARY_INBOX");
	long arch = folder_total(s, "ARCHIVE");
	char *conv, *q, *token, *e, *vars;

	page_all(s, "PRIMARY_INBOX", &unread, &conv);
	q = quoted(conv);
	root = simt_gql(s, Q_LOAD, "(mailboxUrn:" MBX ",count:1)", &st, &o);
	token = xstrdup(simt_str(root, "metadata.newSyncToken"));
	json_object_put(o);

	cr_assert_eq(cat_call(s, "addCategory", q, "\"ARCHIVE\""), 200);
	cr_assert_eq(state_long(s, "category_changes"), 1);
	cr_assert_eq(folder_total(s, "ARCHIVE"), arch + 1);
	cr_assert_eq(folder_total(s, "PRIMARY_INBOX"), prim - 1);
	cr_assert_eq(cat_call(s, "addCategory", q, "\"ARCHIVE\""), 200);
	cr_assert_eq(state_long(s, "category_changes"), 1,
	             "a repeated archive changes nothing");
	cr_assert_eq(state_long(s, "requests.add_category"), 2);

	/* Other clients see it through the sync-token read. */
	e = simt_enc(token);
	vars = xasprintf("(mailboxUrn:%s,syncToken:%s)", MBX, e);
	root = simt_gql(s, Q_SYNC, vars, &st, &o);
	els = simt_elements(root);
	cr_assert_eq(json_object_array_length(els), 1);
	cr_assert_str_eq(
	    simt_str(json_object_array_get_idx(els, 0), "entityUrn"), conv);
	cr_assert(strstr(json_object_to_json_string(
	                     json_object_array_get_idx(els, 0)),
	                 "\"ARCHIVE\"") != NULL);
	json_object_put(o);

	cr_assert_eq(cat_call(s, "removeCategory", q, "\"ARCHIVE\""), 200);
	cr_assert_eq(state_long(s, "category_changes"), 2);
	cr_assert_eq(folder_total(s, "ARCHIVE"), arch);
	cr_assert_eq(folder_total(s, "PRIMARY_INBOX"), prim);
	free(vars);
	free(e);
	free(token);
	free(q);
	free(conv);
	sim_stop(s);
}

Test(sim_folder, star_spam_and_other_move_a_batch_in_one_request)
{
	struct sim *s = simt_start(NULL);
	long unread, star = folder_total(s, "STARRED");
	long other = folder_total(s, "SECONDARY_INBOX");
	long spam = folder_total(s, "SPAM");
	char *a, *b, *both;
	struct json_object *o, *root, *els;
	long st;

	root = simt_gql(s, Q_CAT,
	                "(query:(predicateUnions:List((conversation"
	                "CategoryPredicate:(category:PRIMARY_INBOX)))),count:3,"
	                "mailboxUrn:" MBX ")",
	                &st, &o);
	els = simt_elements(root);
	/* The first two that are not starred yet. */
	a = b = NULL;
	for (size_t i = 0; i < json_object_array_length(els); i++) {
		struct json_object *c = json_object_array_get_idx(els, i);

		if (strstr(json_object_to_json_string(c), "\"STARRED\""))
			continue;
		if (a == NULL)
			a = xstrdup(simt_str(c, "entityUrn"));
		else if (b == NULL)
			b = xstrdup(simt_str(c, "entityUrn"));
	}
	json_object_put(o);
	cr_assert(a != NULL && b != NULL);
	both = xasprintf("\"%s\",\"%s\"", a, b);
	cr_assert_eq(cat_call(s, "addCategory", both, "\"STARRED\""), 200);
	cr_assert_eq(state_long(s, "category_changes"), 2);
	cr_assert_eq(state_long(s, "requests.add_category"), 1);
	cr_assert_eq(folder_total(s, "STARRED"), star + 2);
	cr_assert_eq(cat_call(s, "addCategory", both, "\"SECONDARY_INBOX\""),
	             200);
	cr_assert_eq(folder_total(s, "SECONDARY_INBOX"), other + 2);
	cr_assert_eq(folder_total(s, "STARRED"), star + 2,
	             "a move keeps the star");
	cr_assert_eq(cat_call(s, "addCategory", both, "\"SPAM\""), 200);
	cr_assert_eq(folder_total(s, "SPAM"), spam + 2);
	cr_assert_eq(folder_total(s, "SECONDARY_INBOX"), other);
	cr_assert_eq(folder_total(s, "STARRED"), star,
	             "spam is not listed under Starred");
	cr_assert_eq(cat_call(s, "removeCategory", both, "\"SPAM\""), 200);
	cr_assert_eq(folder_total(s, "SPAM"), spam);
	cr_assert_eq(state_long(s, "category_changes"), 8);
	(void)unread;
	free(both);
	free(a);
	free(b);
	sim_stop(s);
}

Test(sim_folder, bad_bodies_are_400_and_change_nothing)
{
	struct sim *s = simt_start(NULL);
	long unread, st;
	char *conv, *q, *mixed;

	page_all(s, "PRIMARY_INBOX", &unread, &conv);
	q = quoted(conv);
	mixed = xasprintf("%s,\"urn:li:msg_conversation:(urn:li:fsd_profile:"
	                  "ACoSOMEONEELSE,2-eA==)\"",
	                  q);
	cr_assert_eq(cat_call(s, "addCategory", q, "\"FAVOURITES\""), 400);
	cr_assert_eq(cat_call(s, "addCategory", q, "42"), 400);
	cr_assert_eq(cat_call(s, "addCategory", "", "\"ARCHIVE\""), 400);
	cr_assert_eq(cat_call(s, "addCategory", mixed, "\"ARCHIVE\""), 400);
	cr_assert_eq(cat_call(s, "removeCategory", "7", "\"ARCHIVE\""), 400);
	json_object_put(simt_call(s, "POST", CONVS "?action=addCategory",
	                          "[\"not an object\"]", &st));
	cr_assert_eq(st, 400);
	cr_assert_eq(state_long(s, "category_changes"), 0);
	free(mixed);
	free(q);
	free(conv);
	sim_stop(s);
}

Test(sim_folder, delete_by_ids_list_removes_once_and_unknown_is_404)
{
	struct sim *s = simt_start(NULL);
	long st, live = state_long(s, "conversations.total");
	char *conv = simt_newest_conv(s), *e = simt_enc(conv), *path;

	path = xasprintf(CONVS "?ids=List(%s)", e);
	json_object_put(simt_call(s, "DELETE", path, NULL, &st));
	cr_assert_eq(st, 200);
	cr_assert_eq(state_long(s, "conversations.total"), live - 1);
	json_object_put(simt_call(s, "DELETE", path, NULL, &st));
	cr_assert_eq(st, 404, "already deleted");
	cr_assert_eq(state_long(s, "conversations.total"), live - 1);
	json_object_put(simt_call(s, "DELETE", CONVS "?ids=List()", NULL, &st));
	cr_assert_eq(st, 400);
	free(path);
	free(e);
	free(conv);
	sim_stop(s);
}

Test(sim_folder, a_reply_moves_a_message_request_to_focused)
{
	struct sim *s = simt_start(NULL);
	long unread, st, req = folder_total(s, "MESSAGE_REQUESTS");
	long prim = folder_total(s, "PRIMARY_INBOX");
	char *conv, *body;

	page_all(s, "MESSAGE_REQUESTS", &unread, &conv);
	cr_assert_not_null(conv);
	body = xasprintf(
	    "{\"message\":{\"body\":{\"attributes\":[],\"text\":\"Sure\"},"
	    "\"renderContentUnions\":[],\"conversationUrn\":\"%s\","
	    "\"originToken\":\"aaaaaaaa-2222-4333-8444-555555555555\"},"
	    "\"mailboxUrn\":\"" SIM_DEMO_PROFILE_URN "\",\"trackingId\":"
	    "\"x\",\"dedupeByClientGeneratedToken\":false}",
	    conv);
	json_object_put(
	    simt_call(s, "POST", SEND "?action=createMessage", body, &st));
	cr_assert_eq(st, 200);
	cr_assert_eq(folder_total(s, "MESSAGE_REQUESTS"), req - 1);
	cr_assert_eq(folder_total(s, "PRIMARY_INBOX"), prim + 1);
	free(body);
	free(conv);
	sim_stop(s);
}

/* A voyager_ctx signed in to s with the demo cookies. */
static struct http_session *
ctx_on(struct sim *s, struct voyager_ctx *ctx)
{
	struct http_config cfg;
	struct http_session *h;
	struct lc_error err;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	memset(&cfg, 0, sizeof cfg);
	cfg.base_url = sim_base_url(s);
	cfg.rate_per_sec = 1000;
	cfg.rate_burst = 1000;
	cfg.rate_per_hour = 100000;
	lc_error_clear(&err);
	h = http_session_new(&cfg, &err);
	cr_assert_not_null(h, "%s", err.msg);
	http_cookie_set(h, "li_at", SIM_DEMO_LI_AT);
	http_cookie_set(h, "JSESSIONID", SIM_DEMO_JSESSIONID);
	voyager_ctx_init(ctx, h);
	cr_assert_eq(voyager_ctx_set_mailbox(ctx, SIM_DEMO_PROFILE_ID, &err),
	             LC_OK, "%s", err.msg);
	return h;
}

Test(sim_folder, batch_mark_read_and_set_category_are_one_request_each)
{
	const char *args[] = {"--conversations", "60", NULL};
	struct sim *s = simt_start(args);
	struct json_object *o, *root, *els;
	struct voyager_ctx ctx;
	struct http_session *h = ctx_on(s, &ctx);
	struct lc_error err;
	const char *urns[5];
	long st, before;
	size_t i, n;

	root = simt_gql(s, Q_SEARCH,
	                "(categories:List(PRIMARY_INBOX),count:5,"
	                "firstDegreeConnections:false,mailboxUrn:" MBX
	                ",read:false)",
	                &st, &o);
	els = simt_elements(root);
	n = json_object_array_length(els);
	cr_assert_geq(n, 2);
	for (i = 0; i < n; i++)
		urns[i] =
		    simt_str(json_object_array_get_idx(els, i), "entityUrn");
	before = state_long(s, "conversations.unread");
	lc_error_clear(&err);
	cr_assert_eq(voyager_mark_read(&ctx, urns, n, 1, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_eq(state_long(s, "requests.mark_read"), 1);
	cr_assert_eq(state_long(s, "conversations.unread"), before - (long)n);
	cr_assert_eq(voyager_set_category(&ctx, urns, n, "ARCHIVE", 1, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_eq(state_long(s, "requests.add_category"), 1);
	cr_assert_eq(state_long(s, "category_changes"), (long)n);
	cr_assert_eq(voyager_set_category(&ctx, urns, n, "ARCHIVE", 0, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_eq(state_long(s, "requests.remove_category"), 1);
	cr_assert_eq(voyager_conversation_delete(&ctx, urns[0], &err), LC_OK,
	             "%s", err.msg);
	cr_assert_eq(state_long(s, "requests.delete_conversation"), 1);
	json_object_put(o);
	http_session_free(h);
	sim_stop(s);
}
