/* session.h — the saved login: $XDG_STATE_HOME/linchat/session.
 *
 * Holds the cookies (li_at, JSESSIONID and the rest, as http_cookies_dump()
 * writes them), the user agent they were minted with, and who the user is
 * once known (mailbox id = the fsd_profile id, name, public id), and the
 * host the cookies belong to (they are never sent to another).  The file
 * has mode 0600 in a 0700 directory and is written atomically.  Passwords
 * are never part of it.
 */
#ifndef LC_SESSION_H
#define LC_SESSION_H

#include "core/err.h"
#include "core/http.h"

struct session {
	char *cookies;    /* "name\tvalue\n" lines */
	char *user_agent; /* NULL: the config's or the default */
	char *mailbox_id; /* "ACoAAB..." or NULL */
	char *name;       /* "Ada Lovelace" or NULL */
	char *public_id;  /* "ada-lovelace" or NULL */
	char *host;       /* http_host() the cookies came from; NULL in
	                     a file from before linchat kept it */
	char *warning;    /* set by session_load when it fixed the
	                     file's mode: say it to the user */
};

/* The default path (caller frees). */
char *session_default_path(void);

/* Reads the session at path (NULL: default).  LC_EAUTH ("Not logged in.",
 * err->next LC_NEXT_LOGIN) if there is none; LC_EIO if it cannot be read or
 * makes no sense.  A file readable by others is set to 0600 and
 * out->warning says so.  Caller frees with session_free(). */
enum lc_err session_load(const char *path, struct session **out,
                         struct lc_error *err);

/* Writes s to path (NULL: default), creating the directory with 0700. */
enum lc_err session_save(const char *path, const struct session *s,
                         struct lc_error *err);

/* Deletes the file; no error if it is already gone. */
enum lc_err session_remove(const char *path, struct lc_error *err);

void session_free(struct session *s);

/* Puts the session's cookies into h (after emptying its jar).  The user
 * agent must be given to http_session_new() by the caller (it is fixed per
 * http session).  A session saved for another host than h's is refused:
 * LC_EAUTH, naming both, and h's jar stays empty.  err may be NULL. */
enum lc_err session_apply(const struct session *s, struct http_session *h,
                          struct lc_error *err);
/* Replaces s's cookies with h's current jar (after login or a request
 * that refreshed them) and records h's host. */
void session_capture(struct session *s, struct http_session *h);

#endif
