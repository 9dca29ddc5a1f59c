/* http-jar.h — the cookie jar behind http.h's http_cookie_*() (internal to
 * core/http*.c; others use http.h).
 *
 * Cookies are name → value, kept in the order first set, values stored as
 * the service sent them (JSESSIONID keeps its quotes).  Set-Cookie
 * attributes (Domain, Path) are not kept: every request goes to the one
 * base host, so the whole jar is sent as one Cookie header.  A Set-Cookie
 * whose Domain the base host does not belong to (RFC 6265 §5.1.3: the
 * host itself or a parent domain of a host name) is dropped, as a browser
 * would, so nothing set "for another site" is ever sent to this one.
 */
#ifndef LC_HTTP_JAR_H
#define LC_HTTP_JAR_H

#include <stddef.h>

struct http_jar_cookie {
	char *name;
	char *value;
};

struct http_jar {
	struct http_jar_cookie *items;
	size_t n;
	char *host; /* the base host name, lower case, no port; NULL: any
	               Domain is accepted (tests of the jar alone) */
};

/* Sets (value NULL: removes) a cookie; names or values with control
 * characters or ';' (names also '=' or ' ') are ignored. */
void http_jar_set(struct http_jar *j, const char *name, const char *value);
/* The value (owned by j), or NULL. */
const char *http_jar_get(const struct http_jar *j, const char *name);
void http_jar_clear(struct http_jar *j);
/* Sets j->host from a host name (copied, lower-cased; NULL clears). */
void http_jar_set_host(struct http_jar *j, const char *host);
/* Whether host (lower case) domain-matches the Domain attribute value d:
 * equal, or a host name ending in "." d (an IP address only equals). */
int http_jar_domain_match(const char *host, const char *d);
/* Frees everything (the host too); j may be reused after. */
void http_jar_free(struct http_jar *j);

/* Applies the value of one Set-Cookie header (n bytes, after the colon).
 * A cookie that is expired (Max-Age <= 0, Expires in the past) or whose
 * value is "delete me" is removed; returns 1 when that happened to li_at
 * (the service ended the session), else 0.  One with a Domain attribute
 * that j->host does not domain-match changes nothing. */
int http_jar_set_cookie_header(struct http_jar *j, const char *v, size_t n);

/* "a=1; b=2" for a Cookie header (caller frees), or NULL when empty. */
char *http_jar_header(const struct http_jar *j);
/* "name\tvalue\n" lines (caller frees); http_jar_load() reads them. */
char *http_jar_dump(const struct http_jar *j);
void http_jar_load(struct http_jar *j, const char *dump);

/* A copy of n bytes of s without surrounding white space. */
char *http_trim_dup(const char *s, size_t n);

#endif
