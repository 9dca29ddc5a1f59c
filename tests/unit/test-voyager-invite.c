/* test-voyager-invite.c — invitations, connect answers and errors. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "core/err.h"
#include "core/voyager-invite.h"
#include "core/voyager.h"

#include "tests/unit/voyager-fixture.h"

Test(voyager_invite, received_invitations_map_sender_and_secret)
{
	struct voyager_invitation_page p;
	const struct voyager_invitation *v;
	size_t len;
	char *j = fixture_load("invitations.json", &len);

	cr_assert_eq(voyager_parse_invitations(j, len, &p, NULL), LC_OK);
	cr_assert_eq(p.n, 2, "elements without an invitation URN are skipped");
	cr_assert_eq(p.total, 3);
	cr_assert_eq(p.count, 20);
	v = &p.items[0];
	cr_assert_str_eq(v->urn, "urn:li:fs_relInvitation:6890");
	cr_assert_str_eq(v->id, "6890");
	cr_assert_str_eq(v->shared_secret, "aBcD");
	cr_assert_eq(v->sent_time, 1770000000000LL);
	cr_assert_str_eq(v->message, "optional text");
	cr_assert_str_eq(v->first_name, "Grace");
	cr_assert_str_eq(v->last_name, "Hopper");
	cr_assert_str_eq(v->occupation, "Rear Admiral");
	cr_assert_str_eq(v->public_id, "grace-h");
	cr_assert_str_eq(v->from_urn_id, "ACoAAGrace_-");
	v = &p.items[1];
	cr_assert_str_eq(v->shared_secret, "zz==");
	cr_assert_null(v->message);
	cr_assert_null(v->last_name);
	cr_assert_eq(v->sent_time, 1770000000001LL);
	voyager_invitation_page_free(&p);
	voyager_invitation_page_free(NULL);
	free(j);
}

Test(voyager_invite, connect_answer_names_the_invitation)
{
	size_t len;
	char *j = fixture_load("connect.json", &len), *urn;

	cr_assert_eq(voyager_parse_connect(j, len, &urn, NULL), LC_OK);
	cr_assert_str_eq(urn, "urn:li:fsd_invitation:7201234567890");
	free(urn);
	free(j);
}

Test(voyager_invite, already_invited_is_a_conflict)
{
	struct lc_error err;
	char *j = fixture_load("connect-cant-resend.json", NULL);

	lc_error_clear(&err);
	cr_assert_eq(voyager_connect_error(400, j, LC_ESERVER, &err),
	             LC_ECONFLICT);
	cr_assert_eq(err.code, LC_ECONFLICT);
	cr_assert_neq(err.msg[0], '\0');
	free(j);
}

Test(voyager_invite, weekly_limit_is_a_quota_error)
{
	struct lc_error err;
	char *j = fixture_load("connect-quota.json", NULL);

	lc_error_clear(&err);
	cr_assert_eq(voyager_connect_error(429, j, LC_ERATE, &err), LC_EQUOTA);
	cr_assert_eq(err.code, LC_EQUOTA);
	free(j);
}

Test(voyager_invite, other_errors_keep_their_code)
{
	cr_assert_eq(voyager_connect_error(400, "{\"data\":{\"code\":\"X\"}}",
	                                   LC_ESERVER, NULL),
	             LC_ESERVER);
	cr_assert_eq(voyager_connect_error(429, "", LC_ERATE, NULL), LC_ERATE);
	cr_assert_eq(voyager_connect_error(500, "<html>", LC_ESERVER, NULL),
	             LC_ESERVER);
	cr_assert_eq(voyager_connect_error(400, NULL, LC_ESERVER, NULL),
	             LC_ESERVER);
}

Test(voyager_invite, counts_characters_not_bytes)
{
	cr_assert_eq(voyager_char_count(""), 0);
	cr_assert_eq(voyager_char_count("abc"), 3);
	cr_assert_eq(voyager_char_count("é"), 1);
	cr_assert_eq(voyager_char_count("👍👍"), 2);
	cr_assert_eq(voyager_char_count("日本語"), 3);
}

static char *
repeat(const char *unit, size_t n)
{
	size_t u = strlen(unit), i;
	char *s = xmalloc(u * n + 1);

	for (i = 0; i < n; i++)
		memcpy(s + i * u, unit, u);
	s[u * n] = '\0';
	return s;
}

Test(voyager_invite, a_301_character_note_is_refused_before_any_request)
{
	struct voyager_ctx ctx;
	struct lc_error err;
	char *note = repeat("a", 301), *urn = (char *)1;

	/* No session at all: reaching the network would fail differently. */
	voyager_ctx_init(&ctx, NULL);
	lc_error_clear(&err);
	cr_assert_eq(voyager_connect(&ctx, "grace-h", note, &urn, &err),
	             LC_EINVAL);
	cr_assert_null(urn);
	cr_assert_not_null(strstr(err.msg, "301"), "%s", err.msg);
	free(note);
}

Test(voyager_invite, a_note_of_300_emoji_is_not_too_long)
{
	struct voyager_ctx ctx;
	struct lc_error err;
	char *note = repeat("👍", 300);

	voyager_ctx_init(&ctx, NULL);
	lc_error_clear(&err);
	/* 1200 bytes but 300 characters: passes the check and goes on to
	 * the (missing) session. */
	cr_assert_eq(voyager_connect(&ctx, "ACoAAGrace_-x", note, NULL, &err),
	             LC_EINVAL);
	cr_assert_null(strstr(err.msg, "300"), "%s", err.msg);
	free(note);
}

Test(voyager_invite, malformed_invitation_lists_are_bad_responses)
{
	static const char *const bad[] = {"", "[]", "{}",
	                                  "{\"elements\":", "{\"elements\":7}"};
	struct voyager_invitation_page p;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_eq(
		    voyager_parse_invitations(bad[i], strlen(bad[i]), &p, NULL),
		    LC_EBADRESP, "%s", bad[i]);
	cr_assert_eq(
	    voyager_parse_connect("{\"data\":{}}", 11, &(char *){0}, NULL),
	    LC_EBADRESP);
}

/* --- requests, against the scripted server --- */

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

Test(voyager_invite_http, connect_sends_invitee_and_note, .init = setup)
{
	const char *const a[] = {"connect.json"};
	struct jsonx *o;
	struct fx f;
	char *urn;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(voyager_connect(&f.ctx, "urn:li:fsd_profile:ACoAAGrace_-",
	                             "Hi \"Grace\" 👋", &urn, NULL),
	             LC_OK);
	cr_assert_str_eq(urn, "urn:li:fsd_invitation:7201234567890");
	cr_assert(fx_starts(
	    fx_req(&f, 0),
	    "POST /voyager/api/voyager"
	    "RelationshipsDashMemberRelationships?action=verifyQuotaAndCreateV2"
	    "&decorationId=com.linkedin.voyager.dash.deco.relationships."
	    "InvitationCreationResultWithInvitee-2 "));
	cr_assert_not_null(
	    ci_find(fx_req(&f, 0), "content-type: application/json"));
	o = fx_body(&f, 0);
	cr_assert_str_eq(jsonx_get_str(o, "invitee.inviteeUnion.memberProfile"),
	                 "urn:li:fsd_profile:ACoAAGrace_-");
	cr_assert_str_eq(jsonx_get_str(o, "customMessage"), "Hi \"Grace\" 👋");
	jsonx_free(o);
	free(urn);
	fx_stop(&f);
}

Test(voyager_invite_http, already_invited_maps_to_conflict, .init = setup)
{
	const char *const a[] = {"@400:connect-cant-resend.json"};
	struct lc_error err;
	struct fx f;

	fx_start(&f, a, 1, -1);
	lc_error_clear(&err);
	cr_assert_eq(voyager_connect(&f.ctx, "ACoAAGrace_-x", NULL, NULL, &err),
	             LC_ECONFLICT);
	cr_assert_eq(fx_nreqs(&f), 1);
	fx_stop(&f);
}

Test(voyager_invite_http, weekly_quota_maps_to_quota_without_retry,
     .init = setup)
{
	const char *const a[] = {"@429:connect-quota.json", "connect.json"};
	struct lc_error err;
	struct fx f;

	fx_start(&f, a, 2, -1);
	lc_error_clear(&err);
	cr_assert_eq(
	    voyager_connect(&f.ctx, "ACoAAGrace_-x", "hello", NULL, &err),
	    LC_EQUOTA);
	cr_assert_eq(fx_nreqs(&f), 1);
	fx_stop(&f);
}

Test(voyager_invite_http, long_note_sends_no_request, .init = setup)
{
	const char *const a[] = {"connect.json"};
	char *note = repeat("é", 301);
	struct fx f;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(voyager_connect(&f.ctx, "grace-h", note, NULL, NULL),
	             LC_EINVAL);
	cr_assert_eq(fx_nreqs(&f), 0);
	free(note);
	fx_stop(&f);
}

Test(voyager_invite_http, accept_looks_up_the_secret_then_posts, .init = setup)
{
	const char *const a[] = {"invitations.json", "@200"};
	struct jsonx *o;
	struct fx f;

	fx_start(&f, a, 2, 0);
	cr_assert_eq(voyager_invitation_reply(&f.ctx, "6890", NULL, 1, NULL),
	             LC_OK);
	cr_assert(fx_starts(fx_req(&f, 0), "GET /voyager/api/relationships/"
	                                   "invitationViews?start=0&count="));
	cr_assert_not_null(strstr(fx_req(&f, 0), "&includeInsights=true&q="
	                                         "receivedInvitation "));
	cr_assert(fx_starts(fx_req(&f, 1), "POST /voyager/api/relationships/"
	                                   "invitations/6890?action=accept "));
	o = fx_body(&f, 1);
	cr_assert_str_eq(jsonx_get_str(o, "invitationId"), "6890");
	cr_assert_str_eq(jsonx_get_str(o, "invitationSharedSecret"), "aBcD");
	cr_assert_eq(jsonx_get_bool(o, "isGenericInvitation", 1), 0);
	jsonx_free(o);
	fx_stop(&f);
}

Test(voyager_invite_http, ignore_with_known_secret_posts_at_once, .init = setup)
{
	const char *const a[] = {"@200"};
	struct fx f;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(voyager_invitation_reply(&f.ctx,
	                                      "urn:li:fs_relInvitation:6891",
	                                      "zz==", 0, NULL),
	             LC_OK);
	cr_assert(fx_starts(fx_req(&f, 0), "POST /voyager/api/relationships/"
	                                   "invitations/6891?action=ignore "));
	cr_assert_eq(voyager_invitation_reply(&f.ctx, "abc", "x", 0, NULL),
	             LC_EINVAL);
	cr_assert_eq(fx_nreqs(&f), 1);
	fx_stop(&f);
}

Test(voyager_invite_http, unknown_invitation_is_not_found, .init = setup)
{
	const char *const a[] = {"invitations.json"};
	struct fx f;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(voyager_invitation_reply(&f.ctx, "1", NULL, 1, NULL),
	             LC_ENOTFOUND);
	cr_assert_eq(fx_nreqs(&f), 1);
	fx_stop(&f);
}
