/* test-sim-profile.c — the simulator's profiles, people search, connection
 * requests and invitations (API.md §3–5), through libcurl. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/restli.h"
#include "tests/sim/simclient.h"
#include "tests/unit/simtest.h"
#include "core/xmalloc.h"

#define RESOLVE                                                                \
	"/voyager/api/identity/dash/profiles?q=memberIdentity&"                \
	"memberIdentity="
#define DECO                                                                   \
	"&decorationId=com.linkedin.voyager.dash.deco.identity."               \
	"profile.WebTopCardCore-18"
#define FULL "/voyager/api/identity/dash/profiles/"
#define SEARCH                                                                 \
	"/voyager/api/graphql?variables=(start:%d,origin:GLOBAL_"              \
	"SEARCH_HEADER,query:(keywords:%s,flagshipSearchIntent:SEARCH_SRP,"    \
	"queryParameters:List((key:resultType,value:List(PEOPLE))),include"    \
	"FiltersInResponse:false))&queryId=voyagerSearchDashClusters."         \
	"b0928897b71bd00a5a7291755dcd64f0"
#define CONNECT                                                                \
	"/voyager/api/voyagerRelationshipsDashMemberRelationships?"            \
	"action=verifyQuotaAndCreateV2&decorationId=com.linkedin.voyager."     \
	"dash.deco.relationships.InvitationCreationResultWithInvitee-2"
#define INVITES                                                                \
	"/voyager/api/relationships/invitationViews?start=0&"                  \
	"count=20&includeInsights=true&q=receivedInvitation"
#define GRACE_URN "urn:li:fsd_profile:" SIM_GRACE_PROFILE_ID
#define BILL_URN "urn:li:fsd_profile:" SIM_BILL_PROFILE_ID

Test(sim_profile, public_id_resolves_to_urn)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o;
	long st;

	o = simt_call(s, "GET", RESOLVE SIM_GRACE_PUBLIC_ID DECO, NULL, &st);
	cr_assert_eq(st, 200);
	cr_assert_str_eq(
	    simt_str(json_object_array_get_idx(simt_member(o, "elements"), 0),
	             "entityUrn"),
	    GRACE_URN);
	cr_assert_eq(json_object_get_int(simt_member(o, "paging.total")), 1);
	json_object_put(o);
	o = simt_call(s, "GET", RESOLVE "no-such-person-42" DECO, NULL, &st);
	cr_assert_eq(st, 200);
	cr_assert_eq(json_object_array_length(simt_member(o, "elements")), 0);
	json_object_put(o);
	sim_stop(s);
}

Test(sim_profile, full_profile_is_normalized_with_included)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *inc;
	char *e = restli_encode_dup(GRACE_URN), *path;
	const char *geo, *ind;
	size_t i;
	int found = 0;
	long st;

	path = xasprintf(FULL "%s?decorationId=com.linkedin.voyager.dash.deco."
	                      "identity.profile.FullProfile-76",
	                 e);
	o = simt_call(s, "GET", path, NULL, &st);
	cr_assert_eq(st, 200);
	cr_assert_str_eq(simt_str(o, "data.firstName"), "Grace");
	cr_assert_str_eq(simt_str(o, "data.publicIdentifier"), "grace-h");
	cr_assert_eq(json_object_array_length(simt_member(
	                 o, "data.profilePicture."
	                    "displayImageReference.vectorImage.artifacts")),
	             4);
	geo = simt_str(o, "data.geoLocation.*geo");
	ind = simt_str(o, "data.*industry");
	cr_assert_not_null(geo);
	cr_assert_not_null(ind);
	inc = simt_member(o, "included");
	for (i = 0; i < json_object_array_length(inc); i++) {
		const char *u =
		    simt_str(json_object_array_get_idx(inc, i), "entityUrn");

		found += strcmp(u, geo) == 0 || strcmp(u, ind) == 0;
	}
	cr_assert_eq(found, 2, "geo and industry are in included");
	json_object_put(o);
	free(path);
	free(e);
	sim_stop(s);
}

Test(sim_profile, unknown_profile_is_404_and_profile_view_is_410)
{
	struct sim *s = simt_start(NULL);
	long st;

	json_object_put(simt_call(s, "GET",
	                          FULL "urn%3Ali%3Afsd_profile%3A"
	                               "ACoAAnobody",
	                          NULL, &st));
	cr_assert_eq(st, 404);
	json_object_put(simt_call(s, "GET",
	                          "/voyager/api/identity/profiles/"
	                          "grace-h/profileView",
	                          NULL, &st));
	cr_assert_eq(st, 410);
	sim_stop(s);
}

static struct json_object *
search(struct sim *s, int start_at, const char *kw, long *st)
{
	char *path = xasprintf(SEARCH, start_at, kw);
	struct json_object *o = simt_call(s, "GET", path, NULL, st);

	free(path);
	return o;
}

Test(sim_profile, people_search_pages_ten_at_a_time)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *res, *items;
	long st, total;

	o = search(s, 0, "", &st);
	cr_assert_eq(st, 200);
	res = simt_member(o, "data.searchDashClustersByAll");
	total = (long)json_object_get_int64(simt_member(res, "paging.total"));
	cr_assert_gt(total, 20);
	items = simt_member(
	    json_object_array_get_idx(simt_member(res, "elements"), 0),
	    "items");
	cr_assert_eq(json_object_array_length(items), 10);
	cr_assert_not_null(simt_str(json_object_array_get_idx(items, 0),
	                            "item.entityResult.title.text"));
	json_object_put(o);

	o = search(s, (int)(total / 10) * 10, "", &st);
	res = simt_member(o, "data.searchDashClustersByAll");
	items = simt_member(
	    json_object_array_get_idx(simt_member(res, "elements"), 0),
	    "items");
	cr_assert_eq((long)json_object_array_length(items), total % 10);
	json_object_put(o);
	sim_stop(s);
}

Test(sim_profile, people_search_by_keywords)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *res, *items;
	long st;

	o = search(s, 0, "grace%20hopper", &st);
	cr_assert_eq(st, 200);
	res = simt_member(o, "data.searchDashClustersByAll");
	cr_assert_eq(json_object_get_int(simt_member(res, "paging.total")), 1);
	items = simt_member(
	    json_object_array_get_idx(simt_member(res, "elements"), 0),
	    "items");
	cr_assert_str_eq(simt_str(json_object_array_get_idx(items, 0),
	                          "item.entityResult.navigationUrl"),
	                 "https://www.linkedin.com/in/grace-h");
	json_object_put(o);
	sim_stop(s);
}

static char *
connect_body(const char *urn, const char *msg)
{
	return xasprintf("{\"invitee\":{\"inviteeUnion\":{\"memberProfile\":"
	                 "\"%s\"}},\"customMessage\":\"%s\"}",
	                 urn, msg);
}

Test(sim_profile, connection_request_then_repeat_is_cant_resend_yet)
{
	struct sim *s = simt_start(NULL);
	struct json_object *o, *state;
	char *body = connect_body(GRACE_URN, "Hi Grace, loved your talk!");
	long st;

	o = simt_call(s, "POST", CONNECT, body, &st);
	cr_assert_eq(st, 200);
	cr_assert_not_null(simt_str(o, "data.value.*invitation"));
	json_object_put(o);
	o = simt_call(s, "POST", CONNECT, body, &st);
	cr_assert_eq(st, 400);
	cr_assert_str_eq(simt_str(o, "data.code"), "CANT_RESEND_YET");
	json_object_put(o);
	free(body);
	body = connect_body(BILL_URN, "");
	o = simt_call(s, "POST", CONNECT, body, &st);
	cr_assert_eq(st, 400, "already connected");
	json_object_put(o);
	free(body);
	state = sim_state_json(s);
	cr_assert_eq(
	    json_object_array_length(simt_member(state, "invitations_sent")),
	    1);
	cr_assert_str_eq(
	    simt_str(json_object_array_get_idx(
	                 simt_member(state, "invitations_sent"), 0),
	             "message"),
	    "Hi Grace, loved your talk!");
	json_object_put(state);
	sim_stop(s);
}

Test(sim_profile, custom_message_over_300_characters_is_400)
{
	struct sim *s = simt_start(NULL);
	char msg[302], *body;
	long st;

	memset(msg, 'a', 301);
	msg[301] = '\0';
	body = connect_body(GRACE_URN, msg);
	json_object_put(simt_call(s, "POST", CONNECT, body, &st));
	cr_assert_eq(st, 400);
	free(body);
	/* 300 characters of two bytes each are fine. */
	body = xstrdup("");
	{
		struct buf b;
		int i;

		buf_init(&b, 0);
		for (i = 0; i < 300; i++)
			buf_addstr(&b, "é");
		free(body);
		body = connect_body(GRACE_URN, buf_cstr(&b));
		buf_release(&b);
	}
	json_object_put(simt_call(s, "POST", CONNECT, body, &st));
	cr_assert_eq(st, 200);
	free(body);
	sim_stop(s);
}

/* fsd_profile urn of the sender of received invitation i; caller frees. */
static char *
inviter(struct json_object *list, size_t i)
{
	const char *mini = simt_str(
	    json_object_array_get_idx(simt_member(list, "elements"), i),
	    "invitation.fromMember.entityUrn");

	cr_assert_not_null(mini);
	return xasprintf("urn:li:fsd_profile:%s", strrchr(mini, ':') + 1);
}

Test(sim_profile, weekly_quota_is_custom_invite_limit_reached)
{
	const char *args[] = {"--invite-quota", "1", NULL};
	struct sim *s = simt_start(args);
	struct json_object *o, *list;
	char *body, *who;
	long st;

	body = connect_body(GRACE_URN, "one");
	json_object_put(simt_call(s, "POST", CONNECT, body, &st));
	cr_assert_eq(st, 200);
	free(body);
	list = simt_call(s, "GET", INVITES, NULL, &st);
	who = inviter(list, 0);
	body = connect_body(who, "two");
	o = simt_call(s, "POST", CONNECT, body, &st);
	cr_assert_eq(st, 429);
	cr_assert_str_eq(simt_str(o, "data.code"),
	                 "CUSTOM_INVITE_LIMIT_REACHED");
	json_object_put(o);
	free(body);
	free(who);
	json_object_put(list);
	sim_stop(s);
}

Test(sim_profile, received_invitations_accept_and_ignore)
{
	struct sim *s = simt_start(NULL);
	struct json_object *list, *inv, *state;
	const char *urn;
	char *body, *path;
	long st, total;

	list = simt_call(s, "GET", INVITES, NULL, &st);
	cr_assert_eq(st, 200);
	total = (long)json_object_get_int64(simt_member(list, "paging.total"));
	cr_assert_gt(total, 2);
	inv = simt_member(
	    json_object_array_get_idx(simt_member(list, "elements"), 0),
	    "invitation");
	urn = simt_str(inv, "entityUrn");
	path = xasprintf("/voyager/api/relationships/invitations/%s"
	                 "?action=accept",
	                 strrchr(urn, ':') + 1);
	body = xasprintf("{\"invitationId\":\"%s\",\"invitationSharedSecret\":"
	                 "\"wrong\",\"isGenericInvitation\":false}",
	                 strrchr(urn, ':') + 1);
	json_object_put(simt_call(s, "POST", path, body, &st));
	cr_assert_eq(st, 400, "wrong shared secret");
	free(body);
	body = xasprintf("{\"invitationId\":\"%s\",\"invitationSharedSecret\":"
	                 "\"%s\",\"isGenericInvitation\":false}",
	                 strrchr(urn, ':') + 1, simt_str(inv, "sharedSecret"));
	json_object_put(simt_call(s, "POST", path, body, &st));
	cr_assert_eq(st, 200);
	json_object_put(simt_call(s, "POST", path, body, &st));
	cr_assert_eq(st, 404, "already answered");
	free(body);
	free(path);
	json_object_put(list);

	list = simt_call(s, "GET", INVITES, NULL, &st);
	cr_assert_eq(json_object_get_int64(simt_member(list, "paging.total")),
	             total - 1);
	json_object_put(list);
	state = sim_state_json(s);
	cr_assert_str_eq(
	    simt_str(json_object_array_get_idx(
	                 simt_member(state, "invitations_received"), 0),
	             "state"),
	    "accepted");
	json_object_put(state);
	sim_stop(s);
}

Test(sim_profile, ignoring_an_invitation_removes_it)
{
	struct sim *s = simt_start(NULL);
	struct json_object *list, *inv, *state;
	const char *urn;
	char *body, *path;
	long st, total;

	list = simt_call(s, "GET", INVITES, NULL, &st);
	total = (long)json_object_get_int64(simt_member(list, "paging.total"));
	inv = simt_member(
	    json_object_array_get_idx(simt_member(list, "elements"), 1),
	    "invitation");
	urn = simt_str(inv, "entityUrn");
	path = xasprintf("/voyager/api/relationships/invitations/%s"
	                 "?action=ignore",
	                 strrchr(urn, ':') + 1);
	body = xasprintf("{\"invitationId\":\"%s\",\"invitationSharedSecret\":"
	                 "\"%s\",\"isGenericInvitation\":false}",
	                 strrchr(urn, ':') + 1, simt_str(inv, "sharedSecret"));
	json_object_put(simt_call(s, "POST", path, body, &st));
	cr_assert_eq(st, 200);
	free(body);
	free(path);
	json_object_put(list);
	list = simt_call(s, "GET", INVITES, NULL, &st);
	cr_assert_eq(json_object_get_int64(simt_member(list, "paging.total")),
	             total - 1);
	json_object_put(list);
	state = sim_state_json(s);
	cr_assert_str_eq(
	    simt_str(json_object_array_get_idx(
	                 simt_member(state, "invitations_received"), 1),
	             "state"),
	    "ignored");
	json_object_put(state);
	sim_stop(s);
}
