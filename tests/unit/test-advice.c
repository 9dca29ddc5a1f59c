/* test-advice.c — tui/advice.c: the front ends word core's next step, and
 * the printed sentence is the one users have always read. */
#include <criterion/criterion.h>
#include <string.h>

#include "tui/advice.h"

static struct lc_error
failed(enum lc_err code, const char *msg, enum lc_next next)
{
	struct lc_error err;

	lc_error_clear(&err);
	lc_error_set(&err, code, "%s", msg);
	lc_error_advise(&err, next);
	return err;
}

Test(advice, session_expired_says_to_run_login)
{
	struct lc_error err =
	    failed(LC_EAUTH, "Session expired.", LC_NEXT_LOGIN);

	advice_apply(&err, ADVICE_CLI);
	cr_assert_str_eq(err.msg, "Session expired — run `linchat login`.");
	cr_assert_eq(err.next, LC_NEXT_NONE);
}

Test(advice, a_second_apply_changes_nothing)
{
	struct lc_error err = failed(LC_EAUTH, "Not logged in.", LC_NEXT_LOGIN);

	advice_apply(&err, ADVICE_CLI);
	advice_apply(&err, ADVICE_CLI);
	cr_assert_str_eq(err.msg, "Not logged in — run `linchat login`.");
}

Test(advice, a_wrong_password_is_retyped_on_the_sign_in_screen)
{
	const char *core = "LinkedIn did not accept that password for a@x.org; "
	                   "check it.";
	struct lc_error cli = failed(LC_EAUTH, core, LC_NEXT_RETRY_LOGIN);
	struct lc_error tui = cli;

	advice_apply(&cli, ADVICE_CLI);
	advice_apply(&tui, ADVICE_SIGNIN);
	cr_assert_str_eq(cli.msg,
	                 "LinkedIn did not accept that password for a@x.org; "
	                 "check it and run `linchat login` again.");
	cr_assert_str_eq(tui.msg,
	                 "LinkedIn did not accept that password for a@x.org; "
	                 "check it and try again.");
}

Test(advice, a_challenge_names_the_cookie_import)
{
	struct lc_error err =
	    failed(LC_ECHALLENGE,
	           "LinkedIn wants a security check; open the link in a "
	           "browser, or log in there and import the cookies.",
	           LC_NEXT_IMPORT);

	cr_assert_str_eq(advice_for(&err, ADVICE_CLI),
	                 " with `linchat login --li-at V --jsessionid V`.");
	advice_apply(&err, ADVICE_CLI);
	cr_assert_str_eq(err.msg,
	                 "LinkedIn wants a security check; open the link in a "
	                 "browser, or log in there and import the cookies with "
	                 "`linchat login --li-at V --jsessionid V`.");
}

Test(advice, no_next_step_leaves_the_message_alone)
{
	struct lc_error err =
	    failed(LC_ENETWORK, "Cannot reach the host.", LC_NEXT_NONE);

	cr_assert_str_eq(advice_for(&err, ADVICE_CLI), "");
	advice_apply(&err, ADVICE_CLI);
	cr_assert_str_eq(err.msg, "Cannot reach the host.");
	cr_assert_str_eq(advice_for(NULL, ADVICE_CLI), "");
	advice_apply(NULL, ADVICE_CLI);
}

Test(advice, a_new_error_forgets_the_old_next_step)
{
	struct lc_error err =
	    failed(LC_EAUTH, "Session expired.", LC_NEXT_LOGIN);

	lc_error_set(&err, LC_EAUTH, "LinkedIn did not accept these cookies.");
	cr_assert_eq(err.next, LC_NEXT_NONE);
	advice_apply(&err, ADVICE_CLI);
	cr_assert_str_eq(err.msg, "LinkedIn did not accept these cookies.");
}

Test(advice, every_next_step_is_worded_for_every_front_end)
{
	struct lc_error err;
	int f, n;

	lc_error_clear(&err);
	for (f = 0; f < ADVICE_FRONT_COUNT; f++)
		for (n = LC_NEXT_NONE + 1; n < LC_NEXT_COUNT; n++) {
			err.next = (enum lc_next)n;
			cr_assert_gt(
			    strlen(advice_for(&err, (enum advice_front)f)), 0,
			    "front %d next %d", f, n);
		}
}
