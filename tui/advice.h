/* advice.h — the front ends' words for the next step.
 *
 * Core says what happened and, in err->next, which step of a front end
 * would help (sign in again, import browser cookies); only here are those
 * steps worded, with the command and flags to type.  The CLI and the
 * TUI's sign-in screen share the table, differing where the screen is
 * itself the way to try again.
 */
#ifndef LC_ADVICE_H
#define LC_ADVICE_H

#include "core/err.h"

/* Where the words will be read. */
enum advice_front {
	ADVICE_CLI,    /* the command line (and the TUI's stderr) */
	ADVICE_SIGNIN, /* the TUI's sign-in screen: it is where one retries */
	ADVICE_FRONT_COUNT
};

/* The words that replace the final full stop of err->msg for err->next
 * (" — run `linchat login`."), or "" when there is no next step.  Static;
 * err may be NULL. */
const char *advice_for(const struct lc_error *err, enum advice_front f);

/* Rewords err->msg in place with advice_for() and sets err->next to
 * LC_NEXT_NONE, so a second call changes nothing.  NULL is fine. */
void advice_apply(struct lc_error *err, enum advice_front f);

#endif
