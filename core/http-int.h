/* http-int.h — what core/http*.c share and nobody else sees: the session
 * struct and the steps of a request (http.c does one-shot requests,
 * http-stream.c the long-lived stream and the fork of a session).
 *
 * Locks: s->lock guards the cancel flag's condition variable (waits) and
 * s->multi; s->jar_lock guards s->jar and nothing else, is never held
 * across a transfer, and never together with another session's jar lock
 * (http_session_copy_cookies() dumps under one, loads under the other).
 */
#ifndef LC_HTTP_INT_H
#define LC_HTTP_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include <curl/curl.h>

#include "core/http-jar.h"
#include "core/http.h"
#include "core/voyager-err.h"

#define X_LI_TRACK                                                             \
	"{\"clientVersion\":\"1.13.8031\",\"mpVersion\":\"1.13.8031\","        \
	"\"osName\":\"web\",\"timezoneOffset\":0,\"timezone\":\"UTC\","        \
	"\"deviceFormFactor\":\"DESKTOP\",\"mpName\":\"voyager-web\","         \
	"\"displayDensity\":1}"

struct http_session {
	CURL *curl;
	CURLM *multi; /* http_stream()'s, made at its first call, or NULL */
	char *base_url;
	char *host;
	char *user_agent;
	char *ca_file;
	char *budget_path; /* NULL: the budget lives and dies with s */
	char *protocols;
	long connect_timeout_ms;
	long total_timeout_ms;
	int max_retries;
	size_t max_body;
	uint64_t backoff_base_ms;
	uint64_t backoff_max_ms;
	uint64_t retry_after_max_ms;
	uint64_t budget_max_wait_ms;
	struct ratelimit *rl;
	int rl_borrowed; /* a fork's: the parent's budget, not freed here */
	char page_instance[37];

	pthread_mutex_t jar_lock;
	struct http_jar jar;

	pthread_mutex_t lock;
	pthread_cond_t cond;
	atomic_int canceled;

	struct http_stats stats;

	/* Per-transfer state, filled by the callbacks. */
	struct http_response *cur;
	char *retry_after;
	int revoked;
	int overflow;
	char errbuf[CURL_ERROR_SIZE];
};

/* A zeroed session with its locks and condition variable made; the
 * caller fills the rest (http_session_free() frees what is set). */
struct http_session *http_session_blank(void);
/* Makes s->curl with every option a session's transfers share (s's
 * protocols, CA file and timeouts must be set).  LC_EIO if it cannot. */
enum lc_err http_session_open(struct http_session *s, struct lc_error *err);
/* The write callback of one-shot requests (into s->cur->body). */
size_t http_write_cb(char *data, size_t size, size_t nmemb, void *arg);
/* Waits for a token of the request budget (cut short by http_cancel()). */
enum lc_err http_budget(struct http_session *s, struct lc_error *err);
/* The request headers of API.md §1 for req (caller frees the list). */
struct curl_slist *http_headers(struct http_session *s,
                                const struct http_request *req);
/* The Cookie header value for s's jar (caller frees), or NULL. */
char *http_cookie_header(struct http_session *s);
/* Maps a finished transfer to an error (voyager-err.c's table); *retry
 * says if it may be tried again. */
enum lc_err http_classify(struct http_session *s,
                          const struct http_request *req, CURLcode res,
                          struct http_response *resp, struct lc_error *err,
                          enum voyager_err_retry *retry);
/* "GET", "POST", "DELETE". */
const char *http_method_name(enum http_method m);

#endif
