/* test-voyager.c — ids, context and shared helpers. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "voyager.h"

Test(voyager, ids_default_to_api_md_values)
{
	struct voyager_ids ids;

	voyager_ids_init(&ids);
	cr_assert_str_eq(ids.conversations,
	    "messengerConversations.0d5e6781bbee71c3e51c8843c6519f48");
	cr_assert_str_eq(ids.conversations_search,
	    "messengerConversations.737b27144cf922499202658a5345016f");
	cr_assert_str_eq(ids.messages_older,
	    "messengerMessages.d8ea76885a52fd5dc5c317078ab7c977");
	cr_assert_str_eq(ids.search,
	    "voyagerSearchDashClusters.b0928897b71bd00a5a7291755dcd64f0");
	cr_assert_str_eq(ids.profile_full,
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
	cr_assert_eq(i, 11);
	cr_assert_str_eq(ids.conversations_category, "x.new-id_1");
	cr_assert_str_eq(ids.invitation_create, "x.new-id_1");
}

Test(voyager, family_prefix_names_are_accepted)
{
	struct voyager_ids ids;

	voyager_ids_init(&ids);
	cr_assert_eq(voyager_ids_set(&ids, "messengerConversations",
	    "messengerConversations.f0873b936b43ed663997b215b2c28359"), LC_OK);
	cr_assert_str_eq(ids.conversations,
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
	cr_assert_eq(voyager_ctx_set_mailbox(&ctx,
	    "urn:li:fsd_profile:ACoME_-=", NULL), LC_OK);
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
	    NULL, NULL, 0, &resp, &err), LC_EINVAL);
	http_response_free(&resp);
}
