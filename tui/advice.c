/* advice.c — see advice.h.
 *
 * The one place that names linchat's commands and flags in advice; core
 * (tests/check-style makes sure) only sets err->next.
 */
#include <stdio.h>
#include <string.h>

#include "tui/advice.h"

static const char *const advice_words[ADVICE_FRONT_COUNT][LC_NEXT_COUNT] = {
    [ADVICE_CLI] =
        {
            [LC_NEXT_NONE] = "",
            [LC_NEXT_LOGIN] = " — run `linchat login`.",
            [LC_NEXT_RETRY_LOGIN] = " and run `linchat login` again.",
            [LC_NEXT_IMPORT] =
                " with `linchat login --li-at V --jsessionid V`.",
            [LC_NEXT_WHOAMI] = " with `linchat whoami`.",
        },
    [ADVICE_SIGNIN] =
        {
            [LC_NEXT_NONE] = "",
            [LC_NEXT_LOGIN] = " — run `linchat login`.",
            /* the screen itself is where one types them again */
            [LC_NEXT_RETRY_LOGIN] = " and try again.",
            [LC_NEXT_IMPORT] =
                " with `linchat login --li-at V --jsessionid V`.",
            [LC_NEXT_WHOAMI] = " with `linchat whoami`.",
        },
};

const char *
advice_for(const struct lc_error *err, enum advice_front f)
{
	if (err == NULL || (unsigned)f >= ADVICE_FRONT_COUNT ||
	    (unsigned)err->next >= LC_NEXT_COUNT)
		return "";
	return advice_words[f][err->next];
}

void
advice_apply(struct lc_error *err, enum advice_front f)
{
	const char *words = advice_for(err, f);
	size_t n;

	if (err == NULL || words[0] == '\0')
		goto out;
	n = strlen(err->msg);
	if (n > 0 && err->msg[n - 1] == '.')
		n--;
	snprintf(err->msg + n, sizeof err->msg - n, "%s", words);
out:
	if (err != NULL)
		err->next = LC_NEXT_NONE;
}
