/* test-cli-json.c — the --json shapes use the seed library's field names. */
#include <criterion/criterion.h>
#include <string.h>

#include <json-c/json.h>

#include "tui/cli-json.h"
#include "core/voyager-invite.h"
#include "core/voyager-profile.h"
#include "core/voyager-search.h"
#include "core/voyager.h"

static const char *
str_of(struct json_object *o, const char *key)
{
	struct json_object *v;

	cr_assert(json_object_object_get_ex(o, key, &v), "no key %s", key);
	return json_object_get_string(v);
}

Test(cli_json, conversation_has_the_get_conversations_v3_fields)
{
	struct voyager_participant ps[2];
	struct voyager_message last;
	struct voyager_conversation c;
	struct json_object *o, *a, *p, *m;

	memset(ps, 0, sizeof ps);
	memset(&last, 0, sizeof last);
	memset(&c, 0, sizeof c);
	ps[0].kind = VOYAGER_PARTY_MEMBER;
	ps[0].urn_id = (char *)"ACoSARAH";
	ps[0].first_name = (char *)"Sarah";
	ps[0].last_name = (char *)"Smith";
	ps[0].headline = (char *)"Engineer";
	ps[0].profile_url = (char *)"https://www.linkedin.com/in/ACoSARAH";
	ps[1].kind = VOYAGER_PARTY_MEMBER;
	ps[1].urn_id = (char *)"ACoME";
	ps[1].is_self = 1;
	last.text = (char *)"hi\x1b[31m there\nline two";
	last.sender_urn_id = (char *)"ACoSARAH";
	last.delivered_at = 1770210328991;
	c.urn =
	    (char
	         *)"urn:li:msg_conversation:(urn:li:fsd_profile:ACoME,2-YWI==)";
	c.thread_id = (char *)"2-YWI==";
	c.unread_count = 1;
	c.last_activity_at = 1770210328991;
	c.participants = ps;
	c.nparticipants = 2;
	c.last_message = &last;

	o = cli_json_conversation(&c);
	cr_assert_str_eq(str_of(o, "conversation_urn"), c.urn);
	cr_assert_str_eq(str_of(o, "thread_id"), "2-YWI==");
	cr_assert_str_eq(str_of(o, "read"), "false");
	cr_assert_str_eq(str_of(o, "unread_count"), "1");
	cr_assert_str_eq(str_of(o, "last_activity_at"), "1770210328991");
	json_object_object_get_ex(o, "participants", &a);
	cr_assert_eq(json_object_array_length(a), 1, "the user is left out");
	p = json_object_array_get_idx(a, 0);
	cr_assert_str_eq(str_of(p, "urn_id"), "ACoSARAH");
	cr_assert_str_eq(str_of(p, "firstName"), "Sarah");
	cr_assert_str_eq(str_of(p, "lastName"), "Smith");
	cr_assert_str_eq(str_of(p, "headline"), "Engineer");
	cr_assert_str_eq(str_of(p, "profileUrl"), ps[0].profile_url);
	json_object_object_get_ex(o, "last_message", &m);
	cr_assert_null(strchr(str_of(m, "text"), '\x1b'), "escapes removed");
	cr_assert_not_null(strchr(str_of(m, "text"), '\n'), "lines kept");
	cr_assert_str_eq(str_of(m, "sender_urn_id"), "ACoSARAH");
	cr_assert_str_eq(str_of(m, "is_from_me"), "false");
	cr_assert_str_eq(str_of(m, "delivered_at"), "1770210328991");
	json_object_put(o);
}

Test(cli_json, message_has_the_thread_fields)
{
	struct voyager_message m;
	struct json_object *o;

	memset(&m, 0, sizeof m);
	m.urn = (char *)"urn:li:msg_message:(urn:li:fsd_profile:ACoME,2-MT==)";
	m.text = (char *)"Thanks";
	m.sender_urn_id = (char *)"ACoME";
	m.sender_name = (char *)"Ada L";
	m.is_from_me = 1;
	m.delivered_at = 5;
	m.render_format = (char *)"EDITED";
	o = cli_json_message(&m);
	cr_assert_str_eq(str_of(o, "message_urn"), m.urn);
	cr_assert_str_eq(str_of(o, "text"), "Thanks");
	cr_assert_str_eq(str_of(o, "sender_urn_id"), "ACoME");
	cr_assert_str_eq(str_of(o, "sender_name"), "Ada L");
	cr_assert_str_eq(str_of(o, "is_from_me"), "true");
	cr_assert_str_eq(str_of(o, "delivered_at"), "5");
	cr_assert_str_eq(str_of(o, "render_format"), "EDITED");
	json_object_put(o);
}

Test(cli_json, profile_has_the_get_profile_v2_fields)
{
	static const char *const keys[] = {"firstName",
	                                   "lastName",
	                                   "headline",
	                                   "summary",
	                                   "publicIdentifier",
	                                   "entityUrn",
	                                   "urn_id",
	                                   "member_urn",
	                                   "premium",
	                                   "locationName",
	                                   "displayPictureUrl",
	                                   "img_100_100",
	                                   "img_200_200",
	                                   "img_400_400",
	                                   "img_800_800",
	                                   "backgroundPictureUrl",
	                                   "geoLocation",
	                                   "geoLocationName",
	                                   "industryName",
	                                   "industryUrn",
	                                   "address",
	                                   "memorialized",
	                                   "versionTag"};
	struct voyager_profile p;
	struct json_object *o, *g;
	size_t i;

	memset(&p, 0, sizeof p);
	p.first_name = (char *)"Bill";
	p.geo_urn = (char *)"urn:li:fsd_geo:1";
	p.premium = 1;
	o = cli_json_profile(&p);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		cr_assert(json_object_object_get_ex(o, keys[i], NULL), "%s",
		          keys[i]);
	cr_assert_str_eq(str_of(o, "firstName"), "Bill");
	cr_assert_str_eq(str_of(o, "premium"), "true");
	json_object_object_get_ex(o, "geoLocation", &g);
	cr_assert_str_eq(str_of(g, "geoUrn"), "urn:li:fsd_geo:1");
	json_object_put(o);
}

Test(cli_json, person_has_the_search_fields)
{
	struct voyager_person p = {(char *)"ACoG",       (char *)"Grace Hopper",
	                           (char *)"Admiral",    (char *)"Arlington",
	                           (char *)"DISTANCE_2", (char *)"grace-h"};
	struct json_object *o = cli_json_person(&p);

	cr_assert_str_eq(str_of(o, "urn_id"), "ACoG");
	cr_assert_str_eq(str_of(o, "name"), "Grace Hopper");
	cr_assert_str_eq(str_of(o, "jobtitle"), "Admiral");
	cr_assert_str_eq(str_of(o, "location"), "Arlington");
	cr_assert_str_eq(str_of(o, "distance"), "DISTANCE_2");
	cr_assert_str_eq(str_of(o, "public_id"), "grace-h");
	json_object_put(o);
}
