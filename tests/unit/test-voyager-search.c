/* test-voyager-search.c — people search mapper. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "core/err.h"
#include "core/voyager-search.h"
#include "core/voyager.h"

#include "tests/unit/voyager-fixture.h"

Test(voyager_search, people_get_the_seed_shape)
{
	struct voyager_search_page p;
	size_t len;
	char *j = fixture_load("search.json", &len);

	cr_assert_eq(voyager_parse_search(j, len, &p, NULL), LC_OK);
	cr_assert_eq(p.n, 2, "ads, null results and companies are skipped");
	cr_assert_eq(p.total, 57);
	cr_assert_eq(p.start, 0);
	cr_assert_str_eq(p.items[0].urn_id, "ACoAAGrace_-");
	cr_assert_str_eq(p.items[0].name, "Grace Hopper");
	cr_assert_str_eq(p.items[0].jobtitle, "Rear Admiral");
	cr_assert_str_eq(p.items[0].location, "Arlington, VA");
	cr_assert_str_eq(p.items[0].distance, "DISTANCE_2");
	cr_assert_str_eq(p.items[0].public_id, "grace-h");
	cr_assert_str_eq(p.items[1].urn_id, "ACoAAAda");
	cr_assert_str_eq(p.items[1].public_id, "ada-l");
	cr_assert_null(p.items[1].jobtitle);
	cr_assert_null(p.items[1].distance);
	voyager_search_page_free(&p);
	voyager_search_page_free(NULL);
	free(j);
}

Test(voyager_search, empty_results_are_an_empty_page)
{
	const char *j =
	    "{\"data\":{\"searchDashClustersByAll\":{\"elements\":[],"
	    "\"paging\":{\"start\":0,\"count\":10,\"total\":0}}}}";
	struct voyager_search_page p;

	cr_assert_eq(voyager_parse_search(j, strlen(j), &p, NULL), LC_OK);
	cr_assert_eq(p.n, 0);
	cr_assert_eq(p.total, 0);
	voyager_search_page_free(&p);
}

Test(voyager_search, wrong_root_or_truncated_is_a_bad_response)
{
	struct voyager_search_page p;
	struct lc_error err;
	size_t len, i;
	char *j = fixture_load("search.json", &len);

	lc_error_clear(&err);
	cr_assert_eq(voyager_parse_search("{\"data\":{}}", 11, &p, &err),
	             LC_EBADRESP);
	cr_assert_not_null(strstr(err.msg, "query id"));
	for (i = 0; i < len - 2; i += 11)
		cr_assert_eq(voyager_parse_search(j, i, &p, NULL), LC_EBADRESP);
	free(j);
}

Test(voyager_search, keywords_are_required_before_any_request)
{
	struct voyager_ctx ctx;
	struct voyager_search_page p;

	voyager_ctx_init(&ctx, NULL);
	cr_assert_eq(voyager_search_people(&ctx, "", 0, &p, NULL), LC_EINVAL);
	cr_assert_eq(p.n, 0);
}

/* --- requests, against the scripted server --- */

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

Test(voyager_search_http, search_sends_encoded_keywords_and_start,
     .init = setup)
{
	const char *const a[] = {"search.json"};
	struct voyager_search_page p;
	struct fx f;
	const char *r;

	fx_start(&f, a, 1, 0);
	cr_assert_eq(
	    voyager_search_people(&f.ctx, "grace hopper", 10, &p, NULL), LC_OK);
	cr_assert_eq(p.n, 2);
	r = fx_req(&f, 0);
	cr_assert(
	    fx_starts(
	        r, "GET /voyager/api/graphql?variables=(start:10,"
	           "origin:GLOBAL_SEARCH_HEADER,query:(keywords:grace%20hopper,"
	           "flagshipSearchIntent:SEARCH_SRP,queryParameters:List((key:"
	           "resultType,value:List(PEOPLE))),includeFiltersInResponse:"
	           "false))"
	           "&queryId=voyagerSearchDashClusters."
	           "b0928897b71bd00a5a7291755dcd64f0"
	           " "),
	    "%s", r);
	cr_assert_not_null(ci_find(r, "accept: application/graphql"));
	voyager_search_page_free(&p);
	fx_stop(&f);
}

Test(voyager_search_http, collect_pages_by_ten_until_the_limit, .init = setup)
{
	const char *const a[] = {"search.json", "search.json", "search.json"};
	struct voyager_search_page p;
	struct fx f;

	fx_start(&f, a, 3, 0);
	cr_assert_eq(
	    voyager_search_people_collect(&f.ctx, "grace", 5, &p, NULL), LC_OK);
	cr_assert_eq(p.n, 5);
	cr_assert_eq(fx_nreqs(&f), 3);
	cr_assert_not_null(strstr(fx_req(&f, 2), "variables=(start:20,"));
	voyager_search_page_free(&p);
	fx_stop(&f);
}
