/* test-voyager-profile.c — me, resolve and full profile mappers. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "core/err.h"
#include "core/voyager-profile.h"
#include "core/voyager.h"

#include "tests/unit/voyager-fixture.h"

Test(voyager_profile, me_gives_names_and_the_mailbox_id)
{
	struct voyager_me me;
	size_t len;
	char *j = fixture_load("me.json", &len);

	cr_assert_eq(voyager_parse_me(j, len, &me, NULL), LC_OK);
	cr_assert_eq(me.plain_id, 12345678);
	cr_assert_str_eq(me.first_name, "Ada");
	cr_assert_str_eq(me.last_name, "Lovelace");
	cr_assert_str_eq(me.occupation, "Analyst");
	cr_assert_str_eq(me.public_id, "ada-lovelace");
	cr_assert_str_eq(me.urn_id, "ACoAABme-_1==");
	cr_assert_str_eq(me.profile_urn, "urn:li:fsd_profile:ACoAABme-_1==");
	cr_assert_str_eq(me.mini_profile_urn,
	                 "urn:li:fs_miniProfile:ACoAABme-_1==");
	voyager_me_free(&me);
	voyager_me_free(NULL);
	free(j);
}

Test(voyager_profile, me_without_dash_urn_uses_the_mini_profile)
{
	const char *j = "{\"miniProfile\":{\"entityUrn\":"
	                "\"urn:li:fs_miniProfile:ACoX\"}}";
	struct voyager_me me;

	cr_assert_eq(voyager_parse_me(j, strlen(j), &me, NULL), LC_OK);
	cr_assert_str_eq(me.urn_id, "ACoX");
	cr_assert_str_eq(me.profile_urn, "urn:li:fsd_profile:ACoX");
	voyager_me_free(&me);
}

Test(voyager_profile, me_without_identity_is_a_bad_response)
{
	static const char *const bad[] = {
	    "{}", "{\"miniProfile\":7}",
	    "{\"plainId\":1,\"miniProfile\":{\"firstName\":\"A\"}}", "[",
	    "{\"miniProfile\":{\"dashEntityUrn\":\"urn:li:member:1\"}}"};
	struct voyager_me me;
	struct lc_error err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		lc_error_clear(&err);
		cr_assert_eq(
		    voyager_parse_me(bad[i], strlen(bad[i]), &me, &err),
		    LC_EBADRESP, "%s", bad[i]);
		cr_assert_null(me.first_name);
	}
}

Test(voyager_profile, resolve_gives_the_profile_id)
{
	struct voyager_profile_brief b;
	size_t len;
	char *j = fixture_load("resolve.json", &len);

	cr_assert_eq(voyager_parse_resolve(j, len, &b, NULL), LC_OK);
	cr_assert_str_eq(b.urn_id, "ACoAABill-G_=");
	cr_assert_str_eq(b.entity_urn, "urn:li:fsd_profile:ACoAABill-G_=");
	cr_assert_str_eq(b.public_id, "billy-g");
	cr_assert_str_eq(b.first_name, "Bill");
	cr_assert_str_eq(b.headline, "Co-chair, Foundation");
	voyager_profile_brief_free(&b);
	free(j);
}

Test(voyager_profile, resolve_with_no_elements_is_not_found)
{
	struct voyager_profile_brief b;
	struct lc_error err;
	size_t len;
	char *j = fixture_load("resolve-empty.json", &len);

	lc_error_clear(&err);
	cr_assert_eq(voyager_parse_resolve(j, len, &b, &err), LC_ENOTFOUND);
	cr_assert_eq(err.code, LC_ENOTFOUND);
	free(j);
}

Test(voyager_profile, full_profile_has_the_seed_fields)
{
	struct voyager_profile p;
	size_t len;
	char *j = fixture_load("profile.json", &len);

	cr_assert_eq(voyager_parse_profile(j, len, &p, NULL), LC_OK);
	cr_assert_str_eq(p.first_name, "Bill");
	cr_assert_str_eq(p.last_name, "Gates");
	cr_assert_str_eq(p.headline, "Co-chair, Foundation");
	cr_assert_str_eq(p.summary, "Reads a lot.\nWrites code.");
	cr_assert_str_eq(p.public_id, "billy-g");
	cr_assert_str_eq(p.entity_urn, "urn:li:fsd_profile:ACoAABill-G_=");
	cr_assert_str_eq(p.urn_id, "ACoAABill-G_=");
	cr_assert_str_eq(p.member_urn, "urn:li:member:12345678");
	cr_assert_eq(p.premium, 1);
	cr_assert_eq(p.memorialized, 0);
	cr_assert_str_eq(p.version_tag, "123");
	cr_assert_str_eq(p.location_name, "Seattle, Washington, United States");
	cr_assert_str_eq(p.geo_urn, "urn:li:fsd_geo:103644278");
	cr_assert_str_eq(p.postal_code, "98101");
	cr_assert_null(p.address);
	voyager_profile_free(&p);
	free(j);
}

Test(voyager_profile, star_references_resolve_through_included)
{
	struct voyager_profile p;
	size_t len;
	char *j = fixture_load("profile.json", &len);

	cr_assert_eq(voyager_parse_profile(j, len, &p, NULL), LC_OK);
	cr_assert_str_eq(p.geo_location_name, "Seattle, Washington");
	cr_assert_str_eq(p.industry_name, "Philanthropy");
	cr_assert_str_eq(p.industry_urn, "urn:li:fsd_industry:100");
	voyager_profile_free(&p);
	free(j);
}

Test(voyager_profile, image_artifacts_become_urls_in_any_order)
{
	struct voyager_profile p;
	size_t len;
	char *j = fixture_load("profile.json", &len);

	cr_assert_eq(voyager_parse_profile(j, len, &p, NULL), LC_OK);
	cr_assert_str_eq(p.img_100_100,
	                 "https://media.licdn.com/dms/image/X/100_100/a.jpg");
	cr_assert_str_eq(p.img_200_200,
	                 "https://media.licdn.com/dms/image/X/200_200/a.jpg");
	cr_assert_str_eq(p.img_400_400,
	                 "https://media.licdn.com/dms/image/X/400_400/a.jpg");
	cr_assert_str_eq(p.img_800_800,
	                 "https://media.licdn.com/dms/image/X/800_800/a.jpg");
	cr_assert_str_eq(p.display_picture_url, p.img_800_800);
	cr_assert_str_eq(p.background_picture_url,
	                 "https://media.licdn.com/dms/image/B/1400_350/b.jpg");
	voyager_profile_free(&p);
	free(j);
}

Test(voyager_profile, minimal_profile_leaves_optional_fields_empty)
{
	struct voyager_profile p;
	size_t len;
	char *j = fixture_load("profile-minimal.json", &len);

	cr_assert_eq(voyager_parse_profile(j, len, &p, NULL), LC_OK);
	cr_assert_str_eq(p.first_name, "Min");
	cr_assert_null(p.display_picture_url);
	cr_assert_null(p.industry_name);
	cr_assert_null(p.geo_location_name);
	voyager_profile_free(&p);
	voyager_profile_free(NULL);
	free(j);
}

Test(voyager_profile, profile_referenced_from_data_is_found_in_included)
{
	const char *j =
	    "{\"data\":{\"*elements\":[\"urn:li:fsd_profile:ACoZ\"]},"
	    "\"included\":[{\"entityUrn\":\"urn:li:fsd_profile:ACoZ\","
	    "\"firstName\":\"Zed\"}]}";
	struct voyager_profile p;

	cr_assert_eq(voyager_parse_profile(j, strlen(j), &p, NULL), LC_OK);
	cr_assert_str_eq(p.first_name, "Zed");
	cr_assert_str_eq(p.urn_id, "ACoZ");
	voyager_profile_free(&p);
}

Test(voyager_profile, malformed_profiles_are_bad_responses)
{
	static const char *const bad[] = {
	    "",
	    "{",
	    "{}",
	    "{\"data\":{}}",
	    "{\"data\":{\"entityUrn\":5}}",
	    "{\"data\":{\"firstName\":\"x\"}}",
	    "{\"data\":{\"entityUrn\":\"urn:li:member:5\"}}"};
	struct voyager_profile p;
	struct lc_error err;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		lc_error_clear(&err);
		cr_assert_eq(
		    voyager_parse_profile(bad[i], strlen(bad[i]), &p, &err),
		    LC_EBADRESP, "%s", bad[i]);
		cr_assert_null(p.first_name);
	}
}

Test(voyager_profile, truncated_profile_never_crashes)
{
	struct voyager_profile p;
	size_t len, i;
	char *j = fixture_load("profile.json", &len);

	for (i = 0; i < len - 2; i += 7)
		cr_assert_eq(voyager_parse_profile(j, i, &p, NULL),
		             LC_EBADRESP);
	free(j);
}

/* --- requests, against the scripted server --- */

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

Test(voyager_profile_http, me_learns_the_mailbox, .init = setup)
{
	const char *const a[] = {"me.json"};
	struct voyager_me me;
	struct fx f;

	fx_start(&f, a, 1, 0);
	f.ctx.mailbox[0] = '\0';
	cr_assert_eq(voyager_me(&f.ctx, &me, NULL), LC_OK);
	cr_assert_str_eq(f.ctx.mailbox, "ACoAABme-_1==");
	cr_assert(fx_starts(fx_req(&f, 0), "GET /voyager/api/me HTTP/1.1"));
	voyager_me_free(&me);
	fx_stop(&f);
}

Test(voyager_profile_http, profile_by_public_id_resolves_then_fetches,
     .init = setup)
{
	const char *const a[] = {"resolve.json", "profile.json"};
	struct voyager_profile p;
	struct fx f;
	const char *r;

	fx_start(&f, a, 2, 0);
	cr_assert_eq(voyager_profile(&f.ctx, "billy-g", &p, NULL), LC_OK);
	cr_assert_str_eq(p.industry_name, "Philanthropy");
	cr_assert(fx_starts(
	    fx_req(&f, 0),
	    "GET /voyager/api/identity/dash/"
	    "profiles?q=memberIdentity&memberIdentity=billy-g&decorationId="
	    "com.linkedin.voyager.dash.deco.identity.profile.WebTopCardCore-"
	    "18 "));
	r = fx_req(&f, 1);
	cr_assert(
	    fx_starts(r, "GET /voyager/api/identity/dash/profiles/"
	                 "urn%3Ali%3Afsd_profile%3AACoAABill-G_%3D?"
	                 "decorationId=com.linkedin."
	                 "voyager.dash.deco.identity.profile.FullProfile-76 "),
	    "%s", r);
	cr_assert_not_null(ci_find(r, "accept: application/vnd.linkedin."
	                              "normalized+json+2.1"));
	voyager_profile_free(&p);
	fx_stop(&f);
}

Test(voyager_profile_http, profile_by_urn_id_needs_no_resolve, .init = setup)
{
	const char *const a[] = {"profile.json"};
	struct voyager_profile p;
	struct fx f;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(voyager_profile(&f.ctx, "ACoAABill-G_=", &p, NULL), LC_OK);
	cr_assert_eq(fx_nreqs(&f), 1);
	voyager_profile_free(&p);
	fx_stop(&f);
}

Test(voyager_profile_http, unknown_public_id_is_not_found, .init = setup)
{
	const char *const a[] = {"resolve-empty.json"};
	struct voyager_profile p;
	struct lc_error err;
	struct fx f;

	fx_start(&f, a, 1, 0);
	lc_error_clear(&err);
	cr_assert_eq(voyager_profile(&f.ctx, "nobody-here", &p, &err),
	             LC_ENOTFOUND);
	cr_assert_eq(fx_nreqs(&f), 1);
	fx_stop(&f);
}
