/* test-voyager-msg.c — messaging mappers on fixture files. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "core/err.h"
#include "core/voyager-msg.h"
#include "core/voyager.h"

#include "tests/unit/voyager-fixture.h"

#define ME "ACoAABme-_1=="
#define SARAH "ACoAASarah_-x"
#define CONV1 "urn:li:msg_conversation:(urn:li:fsd_profile:" ME ",2-YWIzN2Y4==)"

static void
load_convs(const char *name, struct voyager_conv_page *p)
{
	struct lc_error err;
	size_t len;
	char *j = fixture_load(name, &len);

	lc_error_clear(&err);
	cr_assert_eq(voyager_parse_conversations(j, len, p, &err), LC_OK,
	             "%s: %s", name, err.msg);
	free(j);
}

static void
load_msgs(const char *name, struct voyager_msg_page *p)
{
	struct lc_error err;
	size_t len;
	char *j = fixture_load(name, &len);

	lc_error_clear(&err);
	cr_assert_eq(voyager_parse_messages(j, len, p, &err), LC_OK, "%s: %s",
	             name, err.msg);
	free(j);
}

static const struct voyager_conversation *
find_conv(const struct voyager_conv_page *p, const char *thread)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->items[i].thread_id, thread) == 0)
			return &p->items[i];
	cr_assert_fail("no conversation %s", thread);
	return NULL;
}

Test(voyager_msg, inbox_lists_conversations_newest_first_skipping_broken)
{
	struct voyager_conv_page p;

	load_convs("conversations.json", &p);
	cr_assert_eq(p.n, 3, "the element without entityUrn is skipped");
	cr_assert_eq(p.server_count, 4);
	cr_assert_str_eq(p.items[0].thread_id, "2-b_c-d==");
	cr_assert_str_eq(p.items[1].thread_id, "2-YWIzN2Y4==");
	cr_assert_str_eq(p.items[2].thread_id, "2-Z3JvdXA=");
	cr_assert_str_eq(p.new_sync_token, "c3luYzE=");
	cr_assert_null(p.next_cursor);
	cr_assert_eq(p.ndeleted, 0);
	cr_assert_eq(p.should_clear_cache, 0);
	voyager_conv_page_free(&p);
	cr_assert_null(p.items);
}

Test(voyager_msg, conversation_has_seed_fields_and_participants)
{
	struct voyager_conv_page p;
	const struct voyager_conversation *c;
	const struct voyager_participant *s;

	load_convs("conversations.json", &p);
	c = find_conv(&p, "2-YWIzN2Y4==");
	cr_assert_str_eq(c->urn, CONV1);
	cr_assert_eq(c->read, 0);
	cr_assert_eq(c->unread_count, 1);
	cr_assert_eq(c->last_activity_at, 1770210328991LL);
	cr_assert_eq(c->created_at, 1760000000000LL);
	cr_assert_eq(c->last_read_at, 1770200000000LL);
	cr_assert_eq(c->group_chat, 0);
	cr_assert_null(c->title);
	cr_assert_eq(c->ncategories, 2);
	cr_assert_str_eq(c->categories[1], "PRIMARY_INBOX");
	cr_assert_eq(c->nparticipants, 2);
	s = &c->participants[0];
	cr_assert_eq(s->kind, VOYAGER_PARTY_MEMBER);
	cr_assert_str_eq(s->urn_id, SARAH);
	cr_assert_str_eq(s->first_name, "Sarah");
	cr_assert_str_eq(s->last_name, "Smith");
	cr_assert_str_eq(s->headline, "Software Engineer at Google");
	cr_assert_str_eq(s->profile_url, "https://www.linkedin.com/in/" SARAH);
	cr_assert_str_eq(s->distance, "DISTANCE_1");
	cr_assert_eq(s->is_self, 0);
	cr_assert_eq(c->participants[1].is_self, 1);
	cr_assert_null(c->participants[1].headline);
	voyager_conv_page_free(&p);
}

Test(voyager_msg, conversation_last_message_has_sender_and_reactions)
{
	struct voyager_conv_page p;
	const struct voyager_message *m;

	load_convs("conversations.json", &p);
	m = find_conv(&p, "2-YWIzN2Y4==")->last_message;
	cr_assert_not_null(m);
	cr_assert_str_eq(m->text, "Thanks for connecting!");
	cr_assert_str_eq(m->sender_urn_id, SARAH);
	cr_assert_str_eq(m->sender_name, "Sarah Smith");
	cr_assert_eq(m->is_from_me, 0);
	cr_assert_eq(m->delivered_at, 1770210328991LL);
	cr_assert_str_eq(m->conversation_urn, CONV1);
	cr_assert_null(m->origin_token);
	cr_assert_str_eq(m->render_format, "DEFAULT");
	cr_assert_eq(m->nreactions, 1);
	cr_assert_str_eq(m->reactions[0].emoji, "👍");
	cr_assert_eq(m->reactions[0].count, 2);
	cr_assert_eq(m->reactions[0].viewer_reacted, 0);
	voyager_conv_page_free(&p);
}

Test(voyager_msg, organisation_and_custom_participants_have_names)
{
	struct voyager_conv_page p;
	const struct voyager_conversation *c;
	char *name;

	load_convs("conversations.json", &p);
	c = find_conv(&p, "2-b_c-d==");
	cr_assert_eq(c->participants[0].kind, VOYAGER_PARTY_ORGANIZATION);
	cr_assert_str_eq(c->participants[0].org_name, "Acme Corp");
	cr_assert_str_eq(c->participants[0].page_url,
	                 "https://www.linkedin.com/company/acme");
	cr_assert_null(c->participants[0].urn_id, "a company is no profile");
	name = voyager_participant_name(&c->participants[0]);
	cr_assert_str_eq(name, "Acme Corp");
	free(name);
	cr_assert_null(c->last_message, "messages may be missing");
	cr_assert_eq(c->read, 1);
	c = find_conv(&p, "2-Z3JvdXA=");
	cr_assert_eq(c->participants[0].kind, VOYAGER_PARTY_CUSTOM);
	cr_assert_str_eq(c->participants[0].org_name, "LinkedIn");
	voyager_conv_page_free(&p);
}

Test(voyager_msg, group_chat_has_title_and_own_last_message)
{
	struct voyager_conv_page p;
	const struct voyager_conversation *c;

	load_convs("conversations.json", &p);
	c = find_conv(&p, "2-Z3JvdXA=");
	cr_assert_eq(c->group_chat, 1);
	cr_assert_str_eq(c->title, "Book club");
	cr_assert_not_null(c->last_message);
	cr_assert_str_eq(c->last_message->text, "I am in",
	                 "the latest by deliveredAt, not the last in the list");
	cr_assert_eq(c->last_message->is_from_me, 1);
	cr_assert_str_eq(c->last_message->sender_name, "Ada",
	                 "no actor: the name comes from the participants");
	cr_assert_str_eq(c->last_message->origin_token,
	                 "0b5c3f9a-1c1e-4c55-9d6b-0c3f9a1c1e4c");
	voyager_conv_page_free(&p);
}

Test(voyager_msg, sync_delta_has_deleted_urns_token_and_clear_flag)
{
	struct voyager_conv_page p;

	load_convs("conversations-sync.json", &p);
	cr_assert_eq(p.n, 1);
	cr_assert_str_eq(p.new_sync_token, "c3luYzI=");
	cr_assert_eq(p.should_clear_cache, 1);
	cr_assert_eq(p.ndeleted, 3);
	cr_assert_str_eq(p.deleted_urns[0],
	                 "urn:li:msg_conversation:("
	                 "urn:li:fsd_profile:" ME ",2-ZGVs==)");
	cr_assert_str_eq(p.deleted_urns[1],
	                 "urn:li:msg_conversation:("
	                 "urn:li:fsd_profile:" ME ",2-ZGVsMg==)");
	voyager_conv_page_free(&p);
}

Test(voyager_msg, filtered_and_category_pages_have_next_cursor)
{
	struct voyager_conv_page p;

	load_convs("conversations-search.json", &p);
	cr_assert_eq(p.n, 2);
	cr_assert_str_eq(p.next_cursor, "Y3Vyc29yMQ==");
	cr_assert_null(p.new_sync_token);
	voyager_conv_page_free(&p);
	load_convs("conversations-category.json", &p);
	cr_assert_eq(p.n, 1);
	cr_assert_str_eq(p.next_cursor, "Y2F0Mg==");
	voyager_conv_page_free(&p);
}

Test(voyager_msg, messages_come_oldest_first_whatever_the_server_order)
{
	struct voyager_msg_page p;
	size_t i;

	load_msgs("messages.json", &p);
	cr_assert_eq(p.n, 4);
	cr_assert_eq(p.server_count, 5);
	for (i = 1; i < p.n; i++)
		cr_assert_leq(p.items[i - 1].delivered_at,
		              p.items[i].delivered_at);
	cr_assert_str_eq(p.items[0].text, "Hi Sarah");
	cr_assert_str_eq(p.items[3].text, "Sure, see attached");
	cr_assert_str_eq(p.new_sync_token, "bXN5bmM=");
	cr_assert_str_eq(p.prev_cursor, "cHJldg==");
	voyager_msg_page_free(&p);
}

Test(voyager_msg, own_messages_carry_origin_token_and_are_from_me)
{
	struct voyager_msg_page p;

	load_msgs("messages.json", &p);
	cr_assert_eq(p.items[0].is_from_me, 1);
	cr_assert_str_eq(p.items[0].origin_token,
	                 "0b5c3f9a-1c1e-4c55-9d6b-0c3f9a1c1e4c");
	cr_assert_str_eq(p.items[0].sender_urn_id, ME);
	cr_assert_eq(p.items[3].is_from_me, 0);
	cr_assert_str_eq(p.items[3].sender_name, "Sarah Smith");
	cr_assert_str_eq(p.items[3].urn, "urn:li:msg_message:(urn:li:"
	                                 "fsd_profile:" ME ",2-bTM=)");
	cr_assert_str_eq(p.items[3].conversation_urn, CONV1);
	voyager_msg_page_free(&p);
}

Test(voyager_msg, recalled_and_edited_messages_keep_their_format)
{
	struct voyager_msg_page p;
	size_t i;
	int recalled = 0, edited = 0;

	load_msgs("messages.json", &p);
	for (i = 0; i < p.n; i++) {
		if (strcmp(p.items[i].render_format, "RECALLED") == 0) {
			recalled++;
			cr_assert_str_eq(p.items[i].text, "");
			cr_assert_null(
			    p.items[i].sender_name,
			    "actor null: no name until filled from the "
			    "conversation");
		}
		if (strcmp(p.items[i].render_format, "EDITED") == 0) {
			edited++;
			cr_assert_str_eq(p.items[i].text, "edited ✏️");
			cr_assert_eq(p.items[i].nreactions, 1,
			             "a reaction without emoji is skipped");
			cr_assert_eq(p.items[i].reactions[0].viewer_reacted, 1);
		}
	}
	cr_assert_eq(recalled, 1);
	cr_assert_eq(edited, 1);
	voyager_msg_page_free(&p);
}

Test(voyager_msg, attachments_become_kind_name_and_url)
{
	struct voyager_msg_page p;
	const struct voyager_message *m;

	load_msgs("messages.json", &p);
	m = &p.items[3];
	cr_assert_eq(m->nattachments, 4);
	cr_assert_str_eq(m->attachments[0].kind, "file");
	cr_assert_str_eq(m->attachments[0].name, "cv.pdf");
	cr_assert_str_eq(m->attachments[0].url, "https://files.example/cv.pdf");
	cr_assert_str_eq(m->attachments[1].kind, "vectorImage");
	cr_assert_str_eq(m->attachments[1].url, "https://media.example/l.jpg");
	cr_assert_str_eq(m->attachments[2].kind, "externalMedia");
	cr_assert_str_eq(m->attachments[2].name, "A GIF");
	cr_assert_str_eq(m->attachments[3].kind, "repliedMessageContent");
	voyager_msg_page_free(&p);
}

Test(voyager_msg, senders_are_filled_from_the_conversation)
{
	struct voyager_conv_page cp;
	struct voyager_msg_page mp;
	size_t i;

	load_convs("conversations.json", &cp);
	load_msgs("messages.json", &mp);
	voyager_msg_page_fill_senders(&mp, find_conv(&cp, "2-YWIzN2Y4=="));
	for (i = 0; i < mp.n; i++)
		cr_assert_not_null(mp.items[i].sender_name, "item %zu", i);
	voyager_msg_page_free(&mp);
	voyager_conv_page_free(&cp);
}

Test(voyager_msg, older_page_by_anchor_is_sorted_too)
{
	struct voyager_msg_page p;

	load_msgs("messages-older.json", &p);
	cr_assert_eq(p.n, 2);
	cr_assert_str_eq(p.items[0].text, "first");
	cr_assert_str_eq(p.items[1].text, "second");
	cr_assert_null(p.prev_cursor, "a null cursor is no cursor");
	voyager_msg_page_free(&p);
}

Test(voyager_msg, send_answer_maps_to_the_created_message)
{
	struct voyager_message m;
	size_t len;
	char *j = fixture_load("send.json", &len);

	cr_assert_eq(voyager_parse_sent(j, len, &m, NULL), LC_OK);
	cr_assert_str_eq(m.urn, "urn:li:msg_message:(urn:li:fsd_profile:" ME
	                        ",2-c2VudA==)");
	cr_assert_str_eq(m.conversation_urn, CONV1);
	cr_assert_str_eq(m.origin_token,
	                 "0b5c3f9a-1c1e-4c55-9d6b-0c3f9a1c1e4c");
	cr_assert_str_eq(m.text, "Happy to connect!");
	cr_assert_eq(m.delivered_at, 1770210500000LL);
	voyager_message_free(&m);
	voyager_message_free(NULL);
	free(j);
}

Test(voyager_msg, mailbox_counts_per_category)
{
	struct voyager_counts c;
	size_t len;
	char *j = fixture_load("counts.json", &len);

	cr_assert_eq(voyager_parse_counts(j, len, &c, NULL), LC_OK);
	cr_assert_eq(c.n, 2);
	cr_assert_str_eq(c.items[0].category, "PRIMARY_INBOX");
	cr_assert_eq(c.items[0].unread, 3);
	cr_assert_eq(c.items[1].unread, 2);
	voyager_counts_free(&c);
	free(j);
}

/* Every prefix of a fixture is truncated JSON: a clean error each time. */
static void
truncations_fail(const char *name, int msgs)
{
	struct voyager_conv_page cp;
	struct voyager_msg_page mp;
	struct lc_error err;
	size_t len, i, step;
	char *j = fixture_load(name, &len);

	step = len / 300 + 1;
	for (i = 0; i < len - 2; i += step) {
		lc_error_clear(&err);
		if (msgs)
			cr_assert_eq(voyager_parse_messages(j, i, &mp, &err),
			             LC_EBADRESP, "%s cut at %zu", name, i);
		else
			cr_assert_eq(
			    voyager_parse_conversations(j, i, &cp, &err),
			    LC_EBADRESP, "%s cut at %zu", name, i);
		cr_assert_eq(err.code, LC_EBADRESP);
	}
	free(j);
}

Test(voyager_msg, truncated_answers_are_bad_responses)
{
	truncations_fail("conversations.json", 0);
	truncations_fail("messages.json", 1);
}

Test(voyager_msg, wrong_root_or_shape_is_a_bad_response_not_a_crash)
{
	static const char *const bad[] = {
	    "{}",
	    "[]",
	    "null",
	    "42",
	    "\"x\"",
	    "{\"data\":null}",
	    "{\"data\":[]}",
	    "{\"data\":{\"messengerMessagesBySyncToken\":{}}}",
	    "{\"data\":{\"messengerConversationsBySyncToken\":[]}}",
	    "{\"errors\":[{\"message\":\"stale query\"}]}",
	};
	struct voyager_conv_page p;
	struct lc_error err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		lc_error_clear(&err);
		cr_assert_eq(voyager_parse_conversations(bad[i], strlen(bad[i]),
		                                         &p, &err),
		             LC_EBADRESP, "%s", bad[i]);
		cr_assert_eq(p.n, 0);
		cr_assert_neq(err.msg[0], '\0');
	}
}

Test(voyager_msg, wrongly_typed_fields_are_treated_as_missing)
{
	const char *j =
	    "{\"data\":{\"messengerConversationsBySyncToken\":{"
	    "\"elements\":[{\"entityUrn\":\"urn:li:msg_conversation:"
	    "(urn:li:fsd_profile:A,2-x)\",\"read\":\"no\","
	    "\"unreadCount\":\"many\",\"lastActivityAt\":[],"
	    "\"categories\":[1,null,\"INBOX\"],"
	    "\"conversationParticipants\":{\"x\":1},"
	    "\"messages\":{\"elements\":[{\"entityUrn\":7},"
	    "{\"entityUrn\":\"urn:li:msg_message:(urn:li:"
	    "fsd_profile:A,m)\",\"body\":5,\"sender\":[],"
	    "\"reactionSummaries\":{},\"renderContent\":[1,[]]}]},"
	    "\"title\":{\"text\":7}},7,null],"
	    "\"metadata\":{\"deletedUrns\":\"x\","
	    "\"newSyncToken\":5}}}}";
	struct voyager_conv_page p;
	const struct voyager_conversation *c;

	cr_assert_eq(voyager_parse_conversations(j, strlen(j), &p, NULL),
	             LC_OK);
	cr_assert_eq(p.n, 1);
	c = &p.items[0];
	cr_assert_eq(c->unread_count, 0);
	cr_assert_eq(c->read, 1, "no read flag: unreadCount 0 means read");
	cr_assert_eq(c->last_activity_at, 0);
	cr_assert_eq(c->ncategories, 1);
	cr_assert_str_eq(c->categories[0], "INBOX");
	cr_assert_eq(c->nparticipants, 0);
	cr_assert_null(c->title);
	cr_assert_not_null(c->last_message);
	cr_assert_str_eq(c->last_message->text, "");
	cr_assert_null(c->last_message->sender_urn_id);
	cr_assert_null(p.new_sync_token);
	voyager_conv_page_free(&p);
}

/* --- requests, against the scripted server --- */

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

Test(voyager_msg_http, inbox_read_sends_graphql_with_encoded_mailbox,
     .init = setup)
{
	const char *const a[] = {"conversations.json"};
	struct voyager_conv_page p;
	struct fx f;
	const char *r;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(voyager_conversations(&f.ctx, &p, NULL), LC_OK);
	cr_assert_eq(p.n, 3);
	r = fx_req(&f, 0);
	cr_assert(fx_starts(r,
	                    "GET /voyager/api/voyagerMessagingGraphQL/graphql?"
	                    "queryId=messengerConversations."
	                    "0d5e6781bbee71c3e51c8843c6519f48"
	                    "&variables=(mailboxUrn:urn%3Ali%3Afsd_profile%"
	                    "3AACoAABme-_1%3D%3D)"
	                    " HTTP/1.1"),
	          "%s", r);
	cr_assert_not_null(ci_find(r, "accept: application/graphql"));
	cr_assert_not_null(ci_find(r, "x-li-page-instance:"));
	voyager_conv_page_free(&p);
	fx_stop(&f);
}

Test(voyager_msg_http, unread_filter_works_when_the_server_ignores_it,
     .init = setup)
{
	const char *const a[] = {"conversations-search.json"};
	struct voyager_conv_filter flt = {NULL, 0, "hello world", "Y3==", 5};
	struct voyager_conv_page p;
	struct fx f;
	const char *r;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(voyager_conversations_search(&f.ctx, &flt, &p, NULL),
	             LC_OK);
	cr_assert_eq(p.server_count, 2);
	cr_assert_eq(p.n, 1, "the read conversation is dropped client-side");
	cr_assert_eq(p.items[0].read, 0);
	cr_assert_str_eq(p.next_cursor, "Y3Vyc29yMQ==");
	r = fx_req(&f, 0);
	cr_assert_not_null(
	    strstr(
	        r,
	        "queryId=messengerConversations."
	        "737b27144cf922499202658a5345016f&variables=(categories:List("
	        "PRIMARY_INBOX),count:5,firstDegreeConnections:false,"
	        "mailboxUrn:"
	        "urn%3Ali%3Afsd_profile%3AACoAABme-_1%3D%3D,read:false,"
	        "nextCursor:"
	        "Y3%3D%3D,keywords:hello%20world) "),
	    "%s", r);
	voyager_conv_page_free(&p);
	fx_stop(&f);
}

Test(voyager_msg_http, collect_follows_cursor_and_stops_on_a_repeat,
     .init = setup)
{
	/* The search fixture always answers nextCursor Y3Vyc29yMQ==: the
	 * second page repeats it, so paging stops there. */
	const char *const a[] = {"conversations-search.json",
	                         "conversations-search.json",
	                         "conversations-search.json"};
	struct voyager_conv_filter flt = {"INBOX", -1, NULL, NULL, 2};
	struct voyager_conv_page p;
	struct fx f;

	fx_start(&f, a, 3, 0);
	cr_assert_eq(voyager_conversations_collect(&f.ctx, &flt, 100, &p, NULL),
	             LC_OK);
	cr_assert_eq(fx_nreqs(&f), 2);
	cr_assert_eq(p.n, 4);
	cr_assert_not_null(
	    strstr(fx_req(&f, 1), ",nextCursor:Y3Vyc29yMQ%3D%3D"));
	voyager_conv_page_free(&p);
	fx_stop(&f);
}

Test(voyager_msg_http, collect_stops_at_the_limit, .init = setup)
{
	const char *const a[] = {"conversations-search.json"};
	struct voyager_conv_filter flt = {NULL, -1, NULL, NULL, 2};
	struct voyager_conv_page p;
	struct fx f;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(voyager_conversations_collect(&f.ctx, &flt, 1, &p, NULL),
	             LC_OK);
	cr_assert_eq(p.n, 1);
	cr_assert_eq(fx_nreqs(&f), 1);
	voyager_conv_page_free(&p);
	fx_stop(&f);
}

Test(voyager_msg_http, sync_category_and_message_reads_send_their_variables,
     .init = setup)
{
	const char *const a[] = {"conversations-sync.json",
	                         "conversations-category.json", "messages.json",
	                         "messages-older.json", "counts.json"};
	struct voyager_conv_page cp;
	struct voyager_msg_page mp;
	struct voyager_counts cnt;
	struct fx f;

	fx_start(&f, a, 5, 0);
	cr_assert_eq(voyager_conversations_since(&f.ctx, "c3luYzE=", &cp, NULL),
	             LC_OK);
	cr_assert_eq(cp.should_clear_cache, 1);
	voyager_conv_page_free(&cp);
	cr_assert_eq(voyager_conversations_category(&f.ctx, "ARCHIVE",
	                                            1770000000000LL, NULL, 99,
	                                            &cp, NULL),
	             LC_OK);
	voyager_conv_page_free(&cp);
	cr_assert_eq(voyager_messages(&f.ctx, CONV1, NULL, &mp, NULL), LC_OK);
	cr_assert_eq(mp.n, 4);
	voyager_msg_page_free(&mp);
	cr_assert_eq(voyager_messages_before(&f.ctx, CONV1, 1770210100000LL, 0,
	                                     &mp, NULL),
	             LC_OK);
	voyager_msg_page_free(&mp);
	cr_assert_eq(voyager_mailbox_counts(&f.ctx, &cnt, NULL), LC_OK);
	voyager_counts_free(&cnt);
	cr_assert_not_null(strstr(
	    fx_req(&f, 0),
	    "74c17e85611b60b7ba2700481151a316"
	    "&variables=(mailboxUrn:urn%3Ali%3Afsd_profile%3AACoAABme-_1%3D%3D,"
	    "syncToken:c3luYzE%3D) "));
	cr_assert_not_null(
	    strstr(
	        fx_req(&f, 1),
	        "&variables=(query:("
	        "predicateUnions:List((conversationCategoryPredicate:(category:"
	        "ARCHIVE)))),count:25,mailboxUrn:urn%3Ali%3Afsd_profile%3A"
	        "ACoAABme-_1%3D%3D,lastUpdatedBefore:1770000000000) "),
	    "count is capped at 25");
	cr_assert_not_null(strstr(
	    fx_req(&f, 2),
	    "queryId=messengerMessages."
	    "5846eeb71c981f11e0134cb6626cc314&variables=(conversationUrn:"
	    "urn%3Ali%3Amsg_conversation%3A%28urn%3Ali%3Afsd_profile%3A"
	    "ACoAABme-_1%3D%3D%2C2-YWIzN2Y4%3D%3D%29) "));
	cr_assert_not_null(strstr(
	    fx_req(&f, 3),
	    "d8ea76885a52fd5dc5c317078ab7c977"
	    "&variables=(deliveredAt:1770210100000,conversationUrn:urn%3Ali%3A"
	    "msg_conversation%3A%28urn%3Ali%3Afsd_profile%3AACoAABme-_1%3D%3D"
	    "%2C2-YWIzN2Y4%3D%3D%29,countBefore:20,countAfter:0) "));
	cr_assert_not_null(strstr(fx_req(&f, 4), "messengerMailboxCounts."));
	fx_stop(&f);
}

Test(voyager_msg_http, reads_without_mailbox_or_with_bad_urns_send_nothing,
     .init = setup)
{
	const char *const a[] = {"conversations.json"};
	struct voyager_conv_page cp;
	struct voyager_msg_page mp;
	struct fx f;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(
	    voyager_messages(&f.ctx, "urn:li:fsd_profile:X", NULL, &mp, NULL),
	    LC_EINVAL);
	cr_assert_eq(voyager_conversations_since(&f.ctx, "", &cp, NULL),
	             LC_EINVAL);
	f.ctx.mailbox[0] = '\0';
	cr_assert_eq(voyager_conversations(&f.ctx, &cp, NULL), LC_EINVAL);
	cr_assert_eq(fx_nreqs(&f), 0);
	fx_stop(&f);
}

Test(voyager_msg_http, find_reads_several_categories_of_first_degree,
     .init = setup)
{
	const char *const a[] = {"conversations-search.json",
	                         "conversations-search.json"};
	struct voyager_conv_filter flt = {"PRIMARY_INBOX,,ARCHIVE", -1, "bob",
	                                  NULL, 25};
	struct voyager_conv_page p;
	struct fx f;

	fx_start(&f, a, 2, 0);
	cr_assert_eq(voyager_conversations_find(&f.ctx, &flt, 1, 1, &p, NULL),
	             LC_OK);
	cr_assert_eq(fx_nreqs(&f), 1, "one page holds the limit");
	cr_assert_not_null(strstr(fx_req(&f, 0),
	                          "variables=(categories:List(PRIMARY_INBOX,"
	                          "ARCHIVE),count:25,firstDegreeConnections:"
	                          "true,"),
	                   "%s", fx_req(&f, 0));
	voyager_conv_page_free(&p);
	fx_stop(&f);
}
