/* test-voyager-err.c — core/voyager-err.c: each fact of a Voyager answer
 * maps to the right error code, retry class and next step, and its
 * sentence names what the fact carries but no command of a front end. */
#include <criterion/criterion.h>
#include <string.h>

#include "core/voyager-err.h"

static const struct {
	enum voyager_err_fact fact;
	enum lc_err code;
	enum voyager_err_retry retry;
	enum lc_next next;
} rows[] = {
    {VOYAGER_ERR_OK, LC_OK, VOYAGER_RETRY_NEVER, LC_NEXT_NONE},
    {VOYAGER_ERR_CANCELED, LC_ECANCELED, VOYAGER_RETRY_NEVER, LC_NEXT_NONE},
    {VOYAGER_ERR_TOO_LARGE, LC_EBADRESP, VOYAGER_RETRY_NEVER, LC_NEXT_NONE},
    {VOYAGER_ERR_TLS, LC_ENETWORK, VOYAGER_RETRY_NEVER, LC_NEXT_NONE},
    {VOYAGER_ERR_TIMEOUT, LC_ENETWORK, VOYAGER_RETRY_NETWORK, LC_NEXT_NONE},
    {VOYAGER_ERR_UNREACHABLE, LC_ENETWORK, VOYAGER_RETRY_NETWORK, LC_NEXT_NONE},
    {VOYAGER_ERR_COOKIE_REVOKED, LC_EAUTH, VOYAGER_RETRY_NEVER, LC_NEXT_LOGIN},
    {VOYAGER_ERR_EMPTY_200, LC_ERATE, VOYAGER_RETRY_EMPTY, LC_NEXT_NONE},
    {VOYAGER_ERR_CHECKPOINT, LC_ECHALLENGE, VOYAGER_RETRY_NEVER,
     LC_NEXT_IMPORT},
    {VOYAGER_ERR_LOGIN_REDIRECT, LC_EAUTH, VOYAGER_RETRY_NEVER, LC_NEXT_LOGIN},
    {VOYAGER_ERR_REDIRECT, LC_ESERVER, VOYAGER_RETRY_NEVER, LC_NEXT_NONE},
    {VOYAGER_ERR_UNAUTHORIZED, LC_EAUTH, VOYAGER_RETRY_NEVER, LC_NEXT_LOGIN},
    {VOYAGER_ERR_CSRF_REJECTED, LC_EAUTH, VOYAGER_RETRY_NEVER, LC_NEXT_LOGIN},
    {VOYAGER_ERR_FORBIDDEN, LC_ESERVER, VOYAGER_RETRY_NEVER, LC_NEXT_NONE},
    {VOYAGER_ERR_NOT_FOUND, LC_ENOTFOUND, VOYAGER_RETRY_NEVER, LC_NEXT_NONE},
    {VOYAGER_ERR_GONE, LC_ESERVER, VOYAGER_RETRY_NEVER, LC_NEXT_NONE},
    {VOYAGER_ERR_THROTTLED_429, LC_ERATE, VOYAGER_RETRY_THROTTLE, LC_NEXT_NONE},
    {VOYAGER_ERR_THROTTLED_999, LC_ERATE, VOYAGER_RETRY_THROTTLE, LC_NEXT_NONE},
    {VOYAGER_ERR_INVITE_LIMIT, LC_ERATE, VOYAGER_RETRY_NEVER, LC_NEXT_NONE},
    {VOYAGER_ERR_SERVER, LC_ESERVER, VOYAGER_RETRY_SERVER, LC_NEXT_NONE},
    {VOYAGER_ERR_REJECTED, LC_ESERVER, VOYAGER_RETRY_NEVER, LC_NEXT_NONE},
};

Test(voyager_err, every_fact_has_a_row)
{
	cr_assert_eq(sizeof rows / sizeof rows[0], VOYAGER_ERR_FACT_COUNT);
}

Test(voyager_err, each_fact_maps_to_its_code_retry_and_next_step)
{
	struct voyager_err_facts f;
	struct lc_error err;
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		memset(&f, 0, sizeof f);
		f.fact = rows[i].fact;
		f.status = 418;
		f.endpoint = "/voyager/api/x";
		f.host = "www.linkedin.com";
		f.why = "Connection refused";
		lc_error_clear(&err);
		cr_assert_eq(voyager_err_code(f.fact), rows[i].code, "%s",
		             voyager_err_fact_name(f.fact));
		cr_assert_eq(voyager_err_retry(f.fact), rows[i].retry, "%s",
		             voyager_err_fact_name(f.fact));
		cr_assert_eq(voyager_err_next(f.fact), rows[i].next, "%s",
		             voyager_err_fact_name(f.fact));
		cr_assert_eq(voyager_err_fill(&f, &err), rows[i].code);
		if (rows[i].code == LC_OK)
			continue;
		cr_assert_eq(err.code, rows[i].code);
		cr_assert_eq(err.next, rows[i].next);
		/* a full sentence the front end may extend */
		cr_assert_eq(err.msg[strlen(err.msg) - 1], '.', "%s", err.msg);
		cr_assert_null(strstr(err.msg, "`linchat"), "%s", err.msg);
		cr_assert_null(strchr(err.msg, '{'), "%s", err.msg);
	}
}

Test(voyager_err, facts_have_short_names)
{
	cr_assert_str_eq(voyager_err_fact_name(VOYAGER_ERR_CHECKPOINT),
	                 "checkpoint redirect");
	cr_assert_str_eq(voyager_err_fact_name(VOYAGER_ERR_CSRF_REJECTED),
	                 "csrf rejected");
	cr_assert_str_eq(voyager_err_fact_name(VOYAGER_ERR_THROTTLED_999),
	                 "throttled 999");
	cr_assert_str_eq(voyager_err_fact_name(VOYAGER_ERR_EMPTY_200),
	                 "empty 200");
	cr_assert_str_eq(voyager_err_fact_name(VOYAGER_ERR_FACT_COUNT),
	                 "unknown");
}

Test(voyager_err, sentences_name_what_the_fact_carries)
{
	struct voyager_err_facts f = {
	    VOYAGER_ERR_SERVER, 503,  "/voyager/api/me",
	    "www.linkedin.com", NULL, 0};
	struct lc_error err;

	voyager_err_fill(&f, &err);
	cr_assert_str_eq(err.msg, "LinkedIn had trouble answering "
	                          "/voyager/api/me (503); try again later.");
	f.fact = VOYAGER_ERR_UNREACHABLE;
	f.why = "Connection refused";
	voyager_err_fill(&f, &err);
	cr_assert_str_eq(err.msg,
	                 "Cannot reach www.linkedin.com (Connection "
	                 "refused); check your network and try again.");
	f.fact = VOYAGER_ERR_TOO_LARGE;
	f.max_body = 32u << 20;
	voyager_err_fill(&f, &err);
	cr_assert_str_eq(err.msg, "The answer to /voyager/api/me was larger "
	                          "than 32 MiB; linchat refused it.");
}

Test(voyager_err, throttling_facts_are_counted_as_such)
{
	cr_assert(voyager_err_throttled(VOYAGER_ERR_THROTTLED_429));
	cr_assert(voyager_err_throttled(VOYAGER_ERR_THROTTLED_999));
	cr_assert(voyager_err_throttled(VOYAGER_ERR_INVITE_LIMIT));
	cr_assert(voyager_err_throttled(VOYAGER_ERR_EMPTY_200));
	cr_assert_not(voyager_err_throttled(VOYAGER_ERR_SERVER));
	cr_assert_not(voyager_err_throttled(VOYAGER_ERR_UNAUTHORIZED));
}
