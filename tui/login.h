/* login.h — the first-run sign-in screen of the terminal UI.
 *
 * Shown by app_run() when there is no saved session: e-mail and a hidden
 * password, or cookies imported from a browser (li_at, JSESSIONID and an
 * optional user agent).  The screen only collects what the user types and
 * shows results; the caller's try function does the signing in (network,
 * session file).  A CHALLENGE gets a screen of its own with its URL and the
 * advice to use cookie import.  UI thread only.
 */
#ifndef LC_LOGIN_H
#define LC_LOGIN_H

#include "core/err.h"
#include "tui/theme.h"

struct login_input {
	int cookies; /* 0: e-mail and password; 1: cookie import */
	const char *email;
	const char *password;
	const char *li_at;
	const char *jsessionid;
	const char *user_agent; /* NULL when left empty */
};

/* Signs in with in (blocking: the screen says "Signing in…" meanwhile).
 * LC_OK when the session is saved; else err holds a sentence (and the
 * challenge URL in detail for LC_ECHALLENGE). */
typedef enum lc_err (*login_try_fn)(void *ctx, const struct login_input *in,
                                    struct lc_error *err);

/* Runs the screen on the terminal (starting and stopping curses with theme
 * t) until a sign-in succeeds (0) or the user quits with Esc, C-c or a
 * signal (1).  -1 with err set when there is no usable terminal.
 * where names the session file, shown to the user. */
int login_run(const struct theme *t, const char *where, login_try_fn try_fn,
              void *ctx, struct lc_error *err);

#endif
