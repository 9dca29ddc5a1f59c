/* http.h — one Voyager session on libcurl.
 *
 * A session owns a libcurl easy handle (so connections are kept alive and
 * reused), a cookie jar (li_at, JSESSIONID and whatever else the service
 * sets), the request budget and the retry policy.  It adds the headers
 * API.md §1 lists to every API request: csrf-token (JSESSIONID without its
 * quotes), user-agent, accept-language, x-li-lang, x-restli-protocol-version,
 * and for HTTP_F_MESSAGING also x-li-track, x-li-page-instance and referer.
 *
 * Redirects are never followed: a redirect to /uas/login is LC_EAUTH, one to
 * /checkpoint/... is LC_ECHALLENGE (URL in err->detail), anything else is
 * LC_ESERVER.  Plain http:// is refused unless the host is loopback.
 *
 * A session is used by one thread at a time; only http_cancel() and the
 * cookie calls (the jar has its own lock) may be called from another
 * thread.
 */
#ifndef LC_HTTP_H
#define LC_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct http_config {
	const char *base_url;    /* "https://www.linkedin.com" (no slash) */
	const char *user_agent;  /* NULL: a current desktop browser */
	const char *ca_file;     /* NULL: the system's CA store */
	long connect_timeout_ms; /* 0: 10 000 */
	long total_timeout_ms;   /* 0: 30 000 */
	int max_retries;         /* -1: default 3; 0: never retry */
	double rate_per_sec;     /* token bucket refill; 0: default 1 */
	int rate_burst;          /* bucket size; 0: default 5 */
	int rate_per_hour;       /* hard hourly cap; 0: default 600 */
	size_t max_body;         /* 0: 32 MiB */
	long backoff_base_ms;    /* 0: 1 000 (first retry waits 0.5–1 s) */
	long backoff_max_ms;     /* 0: 30 000 */
	long retry_after_max_ms; /* 0: 120 000; a longer Retry-After fails
	                            at once with LC_ERATE, retry_after_ms */
	long budget_max_wait_ms; /* 0: 60 000; a longer wait for the local
	                            budget fails with LC_ERATE */
	const char *budget_path; /* NULL: none; else the budget spent is read
	                            from this file at start and written back
	                            (0600) when the session is freed, so a
	                            restart does not get a fresh hour */
};

/* The desktop browser string sent when the config names none. */
#define HTTP_DEFAULT_USER_AGENT                                                \
	"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like "     \
	"Gecko) Chrome/131.0.0.0 Safari/537.36"

enum http_method { HTTP_GET, HTTP_POST, HTTP_DELETE };

/* Request flags. */
#define HTTP_F_MESSAGING 0x01  /* add the messaging extra headers */
#define HTTP_F_LOGIN 0x02      /* /uas/authenticate: Android headers, no csrf */
#define HTTP_F_IDEMPOTENT 0x04 /* safe to retry on 5xx and network errors */
#define HTTP_F_NO_RETRY 0x08   /* never retry, not even after a 429 */
#define HTTP_F_RAW 0x10        /* no JSON expected: empty 200 is fine */

/* Retries: 5xx and network errors are retried (with backoff and jitter)
 * only with HTTP_F_IDEMPOTENT.  A 429 or 999 means the request was not
 * processed, so it is retried for any method after Retry-After (else the
 * backoff), unless HTTP_F_NO_RETRY; a 429 whose body says
 * CUSTOM_INVITE_LIMIT_REACHED (the weekly invitation quota) is never
 * retried.  An empty 200 where JSON was due is LC_ERATE, retried only when
 * idempotent.  Every wait is cut short by http_cancel(). */

struct http_request {
	enum http_method method;
	const char
	    *path; /* after base_url, already encoded: "/voyager/api/me" */
	const char *accept;       /* NULL: "application/json" */
	const char *content_type; /* NULL with a body: "application/json" */
	const char *body;         /* NULL: no body */
	size_t body_len;
	unsigned flags; /* HTTP_F_* */
	/* "name: value" lines sent after the usual headers, NULL-terminated;
	 * NULL: none.  Read by http_stream() only. */
	const char *const *extra_headers;
};

struct http_response {
	long status;     /* last HTTP status seen; 0 if none */
	struct buf body; /* decoded (gunzipped) body, capped at max_body */
	char *location;  /* Location header of a redirect, or NULL */
};

/* Creates a session.  Refuses (LC_EINVAL, naming the URL) a base URL that
 * is not https:// and not http:// to a loopback host.  Caller frees with
 * http_session_free().  curl_global_init() must have run. */
struct http_session *http_session_new(const struct http_config *cfg,
                                      struct lc_error *err);
void http_session_free(struct http_session *s);

/* Performs one request, with the budget, retries and backoff (honouring
 * Retry-After).  Blocks.  Returns LC_OK on 2xx.  On error the response
 * still holds the last status and body (e.g. a 400 with a JSON code), and
 * err says what went wrong in a sentence.  Free resp with
 * http_response_free() in every case. */
enum lc_err http_do(struct http_session *s, const struct http_request *req,
                    struct http_response *resp, struct lc_error *err);
void http_response_free(struct http_response *resp);

/* A new session on its own easy handle with parent's base URL, host, user
 * agent, CA file, timeouts and page instance, a copy of its cookies, and
 * parent's request budget itself (shared, not owned: free the fork before
 * the parent; the fork never writes budget_path).  For a second thread
 * (the realtime stream).  Caller frees with http_session_free(); NULL
 * (err set) if libcurl cannot start. */
struct http_session *http_session_fork(struct http_session *parent,
                                       struct lc_error *err);
/* Replaces dst's cookies with a copy of src's.  Thread-safe (each jar
 * under its own lock, never both at once); dst != src. */
void http_session_copy_cookies(struct http_session *dst,
                               struct http_session *src);

/* One long-lived request (an event stream): one attempt, never retried,
 * after one token of the budget (a wait cut short by http_cancel()).
 * Sends the usual headers, req->accept, the HTTP_F_MESSAGING ones and
 * req->extra_headers; no total timeout, but idle_timeout_ms (> 0) with
 * no body byte ends it.  The body of a 2xx goes to sink as it arrives
 * (sink's non-zero return stops the stream); a non-2xx body is kept
 * small for the error and never passed to sink.  *status (may be NULL)
 * gets the HTTP status, 0 if none.  LC_OK when the server ended a 2xx
 * cleanly; LC_ENETWORK on a cut or the idle timeout; LC_ECANCELED after
 * http_cancel() or when sink stopped it; LC_EAUTH for 401, a revoked
 * li_at or a redirect to /uas/login; LC_ECHALLENGE for /checkpoint/;
 * other statuses as http_do() maps them.  Blocks; s's thread. */
enum lc_err http_stream(struct http_session *s, const struct http_request *req,
                        long idle_timeout_ms,
                        int (*sink)(void *arg, const char *data, size_t n),
                        void *arg, long *status, struct lc_error *err);

/* Cookie jar.  Values are stored as given (JSESSIONID keeps its quotes).
 * value NULL removes the cookie.  Names or values holding control
 * characters, ';' (names also '=') are ignored.  Cookies are only ever sent
 * to the base URL's host; a Set-Cookie whose Domain attribute the base
 * host does not belong to is ignored. */
void http_cookie_set(struct http_session *s, const char *name,
                     const char *value);
/* A copy of the cookie's value (caller frees), or NULL if not set. */
char *http_cookie_get(struct http_session *s, const char *name);
/* Every cookie as "name\tvalue\n" lines (caller frees); for the session
 * file.  http_cookies_load() takes the same text back. */
char *http_cookies_dump(struct http_session *s);
void http_cookies_load(struct http_session *s, const char *dump);
void http_cookies_clear(struct http_session *s);

/* Makes the request under way (and any backoff wait) in s end soon with
 * LC_ECANCELED.  Thread-safe.  http_cancel_reset() re-arms the session. */
void http_cancel(struct http_session *s);
/* Waits ms, or less if http_cancel() runs: LC_ECANCELED then (in err).
 * For a caller's own backoff between requests.  Blocks; s's thread. */
enum lc_err http_wait(struct http_session *s, uint64_t ms,
                      struct lc_error *err);
void http_cancel_reset(struct http_session *s);

/* Counters since the session began, for tests and benchmarks. */
struct http_stats {
	unsigned long requests; /* sent to the server, retries included */
	unsigned long retries;
	unsigned long connections; /* new TCP connections opened */
	unsigned long throttled;   /* 429/999/empty-200 seen */
	unsigned long waited_ms;   /* planned backoff/Retry-After waits */
};
void http_stats_get(struct http_session *s, struct http_stats *out);

/* The csrf token (JSESSIONID without quotes; caller frees), or NULL. */
char *http_csrf_token(struct http_session *s);
/* The user agent this session sends (owned by s). */
const char *http_user_agent(struct http_session *s);
/* The base URL without a trailing slash (owned by s). */
const char *http_base_url(struct http_session *s);
/* The base URL's host, with ":port" when the URL names one ("127.0.0.1:
 * 8080", "www.linkedin.com"); owned by s.  The one host cookies go to. */
const char *http_host(struct http_session *s);
/* The request budget, e.g. for ratelimit_state_get() in the status bar.
 * Owned by s; thread-safe. */
struct ratelimit *http_ratelimit(struct http_session *s);

/* A fresh random UUID v4 in lower-case text (36 chars + NUL). */
void http_uuid4(char out[37]);

/* Parses a Retry-After value (delta seconds or an HTTP date, relative to
 * now) into milliseconds; -1 if unparsable. */
long http_parse_retry_after(const char *value, long long now);

#endif
