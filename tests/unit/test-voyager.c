/* test-voyager.c — ids, context and shared helpers. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/voyager-invite.h"
#include "core/voyager-msg.h"
#include "core/voyager-profile.h"
#include "core/voyager-search.h"
#include "core/voyager.h"

#include "tests/unit/voyager-fixture.h"

Test(voyager, ids_default_to_api_md_values)
{
	struct voyager_ids ids;

	voyager_ids_init(&ids);
	cr_assert_str_eq(
	    ids.conversations,
	    "messengerConversations.0d5e6781bbee71c3e51c8843c6519f48");
	cr_assert_str_eq(
	    ids.conversations_search,
	    "messengerConversations.737b27144cf922499202658a5345016f");
	cr_assert_str_eq(ids.messages_older,
	                 "messengerMessages.d8ea76885a52fd5dc5c317078ab7c977");
	cr_assert_str_eq(
	    ids.search,
	    "voyagerSearchDashClusters.b0928897b71bd00a5a7291755dcd64f0");
	cr_assert_str_eq(
	    ids.profile_full,
	    "com.linkedin.voyager.dash.deco.identity.profile.FullProfile-76");
}

Test(voyager, config_can_override_any_id_by_name)
{
	struct voyager_ids ids;
	const char *const *names = voyager_ids_names();
	size_t i;

	voyager_ids_init(&ids);
	for (i = 0; names[i] != NULL; i++)
		cr_assert_eq(voyager_ids_set(&ids, names[i], "x.new-id_1"),
		             LC_OK, "%s", names[i]);
	cr_assert_eq(i, 12);
	cr_assert_str_eq(ids.conversations_recipients, "x.new-id_1");
	cr_assert_str_eq(ids.conversations_category, "x.new-id_1");
	cr_assert_str_eq(ids.invitation_create, "x.new-id_1");
}

Test(voyager, family_prefix_names_are_accepted)
{
	struct voyager_ids ids;

	voyager_ids_init(&ids);
	cr_assert_eq(
	    voyager_ids_set(
	        &ids, "messengerConversations",
	        "messengerConversations.f0873b936b43ed663997b215b2c28359"),
	    LC_OK);
	cr_assert_str_eq(
	    ids.conversations,
	    "messengerConversations.f0873b936b43ed663997b215b2c28359");
}

Test(voyager, unknown_names_and_bad_values_are_refused)
{
	struct voyager_ids ids;
	char longv[VOYAGER_ID_MAX + 1];

	voyager_ids_init(&ids);
	memset(longv, 'a', sizeof longv - 1);
	longv[sizeof longv - 1] = '\0';
	cr_assert_eq(voyager_ids_set(&ids, "nope", "x"), LC_EINVAL);
	cr_assert_eq(voyager_ids_set(&ids, "messages", ""), LC_EINVAL);
	cr_assert_eq(voyager_ids_set(&ids, "messages", "a&b=c"), LC_EINVAL);
	cr_assert_eq(voyager_ids_set(&ids, "messages", "a b"), LC_EINVAL);
	cr_assert_eq(voyager_ids_set(&ids, "messages", longv), LC_EINVAL);
	cr_assert_eq(voyager_ids_set(&ids, NULL, "x"), LC_EINVAL);
	cr_assert_str_eq(ids.messages,
	                 "messengerMessages.5846eeb71c981f11e0134cb6626cc314");
}

Test(voyager, mailbox_from_urn_or_id)
{
	struct voyager_ctx ctx;

	voyager_ctx_init(&ctx, NULL);
	cr_assert_str_eq(ctx.mailbox, "");
	cr_assert_eq(
	    voyager_ctx_set_mailbox(&ctx, "urn:li:fsd_profile:ACoME_-=", NULL),
	    LC_OK);
	cr_assert_str_eq(ctx.mailbox, "ACoME_-=");
	cr_assert_eq(voyager_ctx_set_mailbox(&ctx, "ACoOther", NULL), LC_OK);
	cr_assert_str_eq(ctx.mailbox, "ACoOther");
	cr_assert_eq(voyager_ctx_set_mailbox(&ctx, "urn:li:member:1", NULL),
	             LC_EINVAL);
	cr_assert_str_eq(ctx.mailbox, "ACoOther");
}

Test(voyager, participant_name_prefers_full_name_then_org)
{
	struct voyager_participant p;
	char acme[] = "Acme", ada[] = "Ada", l[] = "L";
	char *s;

	memset(&p, 0, sizeof p);
	cr_assert_null(voyager_participant_name(&p));
	p.org_name = acme;
	s = voyager_participant_name(&p);
	cr_assert_str_eq(s, "Acme");
	free(s);
	p.first_name = ada;
	s = voyager_participant_name(&p);
	cr_assert_str_eq(s, "Ada");
	free(s);
	p.last_name = l;
	s = voyager_participant_name(&p);
	cr_assert_str_eq(s, "Ada L");
	free(s);
}

Test(voyager, request_without_session_fails_cleanly)
{
	struct voyager_ctx ctx;
	struct http_response resp;
	struct lc_error err;

	voyager_ctx_init(&ctx, NULL);
	lc_error_clear(&err);
	cr_assert_eq(voyager_request(&ctx, HTTP_GET, "/voyager/api/me", NULL,
	                             NULL, NULL, 0, &resp, &err),
	             LC_EINVAL);
	http_response_free(&resp);
}

/* --- every mapper on every fixture, mutated --- */

/* Runs all mappers on text; each must answer LC_OK or a clean error and
 * free what it built. */
static void
all_mappers(const char *t, size_t n)
{
	struct voyager_conv_page cp;
	struct voyager_msg_page mp;
	struct voyager_message m;
	struct voyager_counts c;
	struct voyager_me me;
	struct voyager_profile_brief b;
	struct voyager_profile p;
	struct voyager_invitation_page ip;
	struct voyager_search_page sp;
	struct lc_error err;
	char *s = NULL;

	if (voyager_parse_conversations(t, n, &cp, &err) == LC_OK)
		voyager_conv_page_free(&cp);
	if (voyager_parse_messages(t, n, &mp, &err) == LC_OK)
		voyager_msg_page_free(&mp);
	if (voyager_parse_sent(t, n, &m, &err) == LC_OK)
		voyager_message_free(&m);
	if (voyager_parse_counts(t, n, &c, &err) == LC_OK)
		voyager_counts_free(&c);
	if (voyager_parse_me(t, n, &me, &err) == LC_OK)
		voyager_me_free(&me);
	if (voyager_parse_resolve(t, n, &b, &err) == LC_OK)
		voyager_profile_brief_free(&b);
	if (voyager_parse_profile(t, n, &p, &err) == LC_OK)
		voyager_profile_free(&p);
	if (voyager_parse_invitations(t, n, &ip, &err) == LC_OK)
		voyager_invitation_page_free(&ip);
	if (voyager_parse_connect(t, n, &s, &err) == LC_OK)
		free(s);
	if (voyager_parse_search(t, n, &sp, &err) == LC_OK)
		voyager_search_page_free(&sp);
}

Test(voyager, mappers_survive_mutated_fixtures)
{
	static const char *const names[] = {"me.json",
	                                    "resolve.json",
	                                    "profile.json",
	                                    "connect.json",
	                                    "invitations.json",
	                                    "search.json",
	                                    "conversations.json",
	                                    "conversations-sync.json",
	                                    "messages.json",
	                                    "send.json",
	                                    "counts.json"};
	static const char junk[] = "{}[]\",:0-9e.\\nul\x01\xff";
	unsigned seed = 12345;
	size_t i, k, len;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *orig = fixture_load(names[i], &len),
		     *t = xmalloc(len + 1);

		all_mappers(orig, len);
		for (k = 0; k < 150; k++) {
			size_t pos;

			memcpy(t, orig, len + 1);
			seed = seed * 1103515245u + 12345u;
			pos = (seed >> 8) % len;
			seed = seed * 1103515245u + 12345u;
			t[pos] = junk[(seed >> 8) % (sizeof junk - 1)];
			all_mappers(t, len);
		}
		free(t);
		free(orig);
	}
}
