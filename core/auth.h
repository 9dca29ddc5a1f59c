/* auth.h — getting a LinkedIn session into an http_session (API.md §2).
 *
 * Either the two login steps with e-mail and password, or cookies pasted
 * from a browser.  Afterwards the caller validates with voyager_me(),
 * stores the session with session_save(), and never keeps the password.
 * All calls block on the network; one thread per http_session.
 */
#ifndef LC_AUTH_H
#define LC_AUTH_H

#include "core/err.h"
#include "core/http.h"

/* Logs in: GET /uas/authenticate for a JSESSIONID, then POST the
 * credentials.  On LC_OK the jar holds li_at and JSESSIONID.  Wrong
 * credentials are LC_EAUTH with a sentence; a CHALLENGE is LC_ECHALLENGE
 * with the URL in err->detail; a 401 without JSON is LC_EAUTH. */
enum lc_err auth_login(struct http_session *h, const char *email,
                       const char *password, struct lc_error *err);

/* Imports browser cookies: li_at and JSESSIONID (with or without its
 * quotes; stored with them).  LC_EINVAL for empty or malformed values.
 * Sends nothing. */
enum lc_err auth_import(struct http_session *h, const char *li_at,
                        const char *jsessionid, struct lc_error *err);

/* GET /uas/logout?csrfToken=...; then clears the jar whatever the answer.
 * The caller removes the session file. */
enum lc_err auth_logout(struct http_session *h, struct lc_error *err);

#endif
