/* http.c — see http.h.
 *
 * One easy handle per session keeps the connection alive between requests.
 * libcurl's own cookie engine is not used: the jar (http-jar.c) is a small
 * list we fill from Set-Cookie headers and send as one Cookie header, and
 * since every URL is base_url + path and redirects are never followed,
 * cookies cannot leave the base host (and a Set-Cookie for another Domain
 * is dropped).  A request runs in three steps: wait for a token of
 * the budget, perform once, find the fact of the outcome (http_fact());
 * voyager-err.c's table maps the fact to an lc_err and a retry class, and
 * the loop in http_do() decides whether and how long to wait before
 * another attempt.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "core/clock.h"
#include "core/http-int.h"
#include "core/http-jar.h"
#include "core/http.h"
#include "core/log.h"
#include "core/ratelimit.h"
#include "core/voyager-err.h"
#include "core/xmalloc.h"

void
http_uuid4(char out[37])
{
	unsigned char r[16];
	size_t i;
	char *p = out;

	if (getentropy(r, sizeof r) != 0) {
		for (i = 0; i < sizeof r; i++)
			r[i] = (unsigned char)(ratelimit_jitter() * 256.0);
	}
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	for (i = 0; i < sizeof r; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		snprintf(p, 3, "%02x", r[i]);
		p += 2;
	}
	*p = '\0';
}

long
http_parse_retry_after(const char *value, long long now)
{
	const char *p = value;
	long long secs = 0;
	time_t when;

	while (*p == ' ' || *p == '\t')
		p++;
	if (isdigit((unsigned char)*p)) {
		for (; isdigit((unsigned char)*p); p++) {
			secs = secs * 10 + (*p - '0');
			if (secs > 86400 * 30)
				return -1;
		}
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		return *p == '\0' ? (long)(secs * 1000) : -1;
	}
	when = curl_getdate(p, NULL);
	if (when == (time_t)-1)
		return -1;
	if ((long long)when <= now)
		return 0;
	if ((long long)when - now > 86400 * 30)
		return -1;
	return (long)(((long long)when - now) * 1000);
}

/* Whether host (as libcurl's URL parser returns it) is a loopback one. */
static int
http_host_is_loopback(const char *host)
{
	struct in_addr a4;

	if (strcasecmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0 ||
	    strcmp(host, "::1") == 0)
		return 1;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	return 0;
}

/* Checks the base URL's scheme and host; fills s->host and s->protocols. */
static enum lc_err
http_check_base(struct http_session *s, const char *url, struct lc_error *err)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL;
	enum lc_err rc = LC_OK;

	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		rc = lc_error_set(
		    err, LC_EINVAL,
		    "The base URL %s is not a valid URL; set base_url to "
		    "https://www.linkedin.com.",
		    url);
		goto out;
	}
	if (strcmp(scheme, "https") == 0)
		s->protocols = xstrdup("https");
	else if (strcmp(scheme, "http") == 0 && http_host_is_loopback(host))
		s->protocols = xstrdup("http");
	else {
		rc = lc_error_set(
		    err, LC_EINVAL,
		    "Refusing the base URL %s: only https:// is allowed (plain "
		    "http:// only to a loopback host such as 127.0.0.1).",
		    url);
		goto out;
	}
	if (curl_url_get(u, CURLUPART_PORT, &port, 0) == CURLUE_OK)
		s->host = xasprintf("%s:%s", host, port);
	else
		s->host = xstrdup(host);
	http_jar_set_host(&s->jar, host);
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return rc;
}

size_t
http_write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct http_session *s = arg;

	if (buf_add(&s->cur->body, data, size * nmemb) != 0) {
		s->overflow = 1;
		return 0;
	}
	return size * nmemb;
}

static int
http_progress_cb(void *arg, curl_off_t dltotal, curl_off_t dlnow,
                 curl_off_t ultotal, curl_off_t ulnow)
{
	struct http_session *s = arg;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return atomic_load(&s->canceled) ? 1 : 0;
}

static size_t
http_header_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct http_session *s = arg;
	size_t n = size * nmemb, klen;
	const char *colon;

	if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* A new response (after a 100 Continue): forget the last. */
		free(s->cur->location);
		s->cur->location = NULL;
		free(s->retry_after);
		s->retry_after = NULL;
		return n;
	}
	colon = memchr(data, ':', n);
	if (colon == NULL)
		return n;
	klen = (size_t)(colon - data);
	colon++;
	if (klen == 10 && strncasecmp(data, "set-cookie", 10) == 0) {
		pthread_mutex_lock(&s->jar_lock);
		if (http_jar_set_cookie_header(&s->jar, colon, n - klen - 1))
			s->revoked = 1;
		pthread_mutex_unlock(&s->jar_lock);
	} else if (klen == 8 && strncasecmp(data, "location", 8) == 0) {
		free(s->cur->location);
		s->cur->location = http_trim_dup(colon, n - klen - 1);
	} else if (klen == 11 && strncasecmp(data, "retry-after", 11) == 0) {
		free(s->retry_after);
		s->retry_after = http_trim_dup(colon, n - klen - 1);
	}
	return n;
}

struct http_session *
http_session_blank(void)
{
	struct http_session *s = xcalloc(1, sizeof *s);
	pthread_condattr_t ca;

	pthread_mutex_init(&s->lock, NULL);
	pthread_mutex_init(&s->jar_lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cond, &ca);
	pthread_condattr_destroy(&ca);
	atomic_init(&s->canceled, 0);
	return s;
}

enum lc_err
http_session_open(struct http_session *s, struct lc_error *err)
{
	s->curl = curl_easy_init();
	if (s->curl == NULL)
		return lc_error_set(err, LC_EIO,
		                    "libcurl could not start a session.");
	curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->curl, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(s->curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(s->curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(s->curl, CURLOPT_PROTOCOLS_STR, s->protocols);
	curl_easy_setopt(s->curl, CURLOPT_REDIR_PROTOCOLS_STR, s->protocols);
	curl_easy_setopt(s->curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(s->curl, CURLOPT_SSL_VERIFYHOST, 2L);
	if (s->ca_file != NULL)
		curl_easy_setopt(s->curl, CURLOPT_CAINFO, s->ca_file);
	curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT_MS,
	                 s->connect_timeout_ms);
	curl_easy_setopt(s->curl, CURLOPT_TIMEOUT_MS, s->total_timeout_ms);
	curl_easy_setopt(s->curl, CURLOPT_WRITEFUNCTION, http_write_cb);
	curl_easy_setopt(s->curl, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(s->curl, CURLOPT_HEADERFUNCTION, http_header_cb);
	curl_easy_setopt(s->curl, CURLOPT_HEADERDATA, s);
	curl_easy_setopt(s->curl, CURLOPT_XFERINFOFUNCTION, http_progress_cb);
	curl_easy_setopt(s->curl, CURLOPT_XFERINFODATA, s);
	curl_easy_setopt(s->curl, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(s->curl, CURLOPT_ERRORBUFFER, s->errbuf);
	return LC_OK;
}

struct http_session *
http_session_new(const struct http_config *cfg, struct lc_error *err)
{
	struct http_session *s = http_session_blank();
	const char *base =
	    cfg->base_url != NULL ? cfg->base_url : "https://www.linkedin.com";
	size_t n = strlen(base);

	while (n > 0 && base[n - 1] == '/')
		n--;
	s->base_url = xstrndup(base, n);
	if (http_check_base(s, s->base_url, err) != LC_OK) {
		http_session_free(s);
		return NULL;
	}
	s->user_agent = xstrdup(cfg->user_agent != NULL && *cfg->user_agent
	                            ? cfg->user_agent
	                            : HTTP_DEFAULT_USER_AGENT);
	s->ca_file = xstrdup_or_null(cfg->ca_file);
	s->connect_timeout_ms =
	    cfg->connect_timeout_ms > 0 ? cfg->connect_timeout_ms : 10000;
	s->total_timeout_ms =
	    cfg->total_timeout_ms > 0 ? cfg->total_timeout_ms : 30000;
	s->max_retries = cfg->max_retries >= 0 ? cfg->max_retries : 3;
	s->max_body = cfg->max_body > 0 ? cfg->max_body : 32u << 20;
	s->backoff_base_ms =
	    cfg->backoff_base_ms > 0 ? (uint64_t)cfg->backoff_base_ms : 1000;
	s->backoff_max_ms =
	    cfg->backoff_max_ms > 0 ? (uint64_t)cfg->backoff_max_ms : 30000;
	s->retry_after_max_ms = cfg->retry_after_max_ms > 0
	                            ? (uint64_t)cfg->retry_after_max_ms
	                            : 120000;
	s->budget_max_wait_ms = cfg->budget_max_wait_ms > 0
	                            ? (uint64_t)cfg->budget_max_wait_ms
	                            : 60000;
	s->rl = ratelimit_new(cfg->rate_per_sec, cfg->rate_burst,
	                      cfg->rate_per_hour);
	s->budget_path = xstrdup_or_null(cfg->budget_path);
	/* Shared with every linchat on the account (else saved at exit). */
	if (s->budget_path != NULL &&
	    ratelimit_share(s->rl, s->budget_path) != 0)
		ratelimit_load_file(s->rl, s->budget_path);
	http_uuid4(s->page_instance);

	if (http_session_open(s, err) != LC_OK) {
		http_session_free(s);
		return NULL;
	}
	return s;
}

void
http_session_free(struct http_session *s)
{
	if (s == NULL)
		return;
	if (s->curl != NULL)
		curl_easy_cleanup(s->curl);
	if (s->multi != NULL)
		curl_multi_cleanup(s->multi);
	http_jar_free(&s->jar);
	if (s->rl != NULL && s->budget_path != NULL)
		ratelimit_save_file(s->rl, s->budget_path, NULL);
	free(s->budget_path);
	if (!s->rl_borrowed)
		ratelimit_free(s->rl);
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->lock);
	pthread_mutex_destroy(&s->jar_lock);
	free(s->retry_after);
	free(s->base_url);
	free(s->host);
	free(s->user_agent);
	free(s->ca_file);
	free(s->protocols);
	free(s);
}

void
http_response_free(struct http_response *resp)
{
	if (resp == NULL)
		return;
	buf_release(&resp->body);
	free(resp->location);
	resp->location = NULL;
}

enum lc_err
http_wait(struct http_session *s, uint64_t ms, struct lc_error *err)
{
	struct timespec ts;
	uint64_t deadline = (uint64_t)clock_mono_ms() + ms;
	int canceled;

	pthread_mutex_lock(&s->lock);
	while (!(canceled = atomic_load(&s->canceled)) &&
	       (uint64_t)clock_mono_ms() < deadline) {
		clock_mono_timespec((int64_t)deadline, &ts);
		pthread_cond_timedwait(&s->cond, &s->lock, &ts);
	}
	pthread_mutex_unlock(&s->lock);
	if (canceled)
		return lc_error_set(err, LC_ECANCELED,
		                    "The request was canceled.");
	return LC_OK;
}

enum lc_err
http_budget(struct http_session *s, struct lc_error *err)
{
	uint64_t w;
	enum lc_err rc;

	while ((w = ratelimit_take(s->rl)) != 0) {
		if (w > s->budget_max_wait_ms) {
			lc_error_set(
			    err, LC_ERATE,
			    "linchat's own request budget is used up (it keeps "
			    "to LinkedIn's pace); try again in %llu s.",
			    (unsigned long long)(w + 999) / 1000);
			err->retry_after_ms = (long)w;
			return LC_ERATE;
		}
		log_msg(LOGL_DEBUG, "http: budget wait %llu ms",
		        (unsigned long long)w);
		if ((rc = http_wait(s, w, err)) != LC_OK)
			return rc;
	}
	return LC_OK;
}

struct curl_slist *
http_headers(struct http_session *s, const struct http_request *req)
{
	struct curl_slist *h = NULL;
	char *line, *csrf;

	h = curl_slist_append(h, "Expect:");
	if (req->flags & HTTP_F_LOGIN) {
		h = curl_slist_append(
		    h,
		    "x-li-user-agent: LIAuthLibrary:0.0.3 "
		    "com.linkedin.android:4.1.881 Asus_ASUS_Z01QD:android_9");
		h = curl_slist_append(h, "user-agent: ANDROID OS");
		h = curl_slist_append(h, "x-user-language: en");
		h = curl_slist_append(h, "x-user-locale: en_US");
		h = curl_slist_append(h, "accept-language: en-us");
	} else {
		line = xasprintf("user-agent: %s", s->user_agent);
		h = curl_slist_append(h, line);
		free(line);
		h = curl_slist_append(h, "accept-language: en-US,en;q=0.9");
		h = curl_slist_append(h, "x-li-lang: en_US");
		h = curl_slist_append(h, "x-restli-protocol-version: 2.0.0");
		if ((csrf = http_csrf_token(s)) != NULL) {
			line = xasprintf("csrf-token: %s", csrf);
			h = curl_slist_append(h, line);
			free(line);
			free(csrf);
		}
	}
	line =
	    xasprintf("accept: %s",
	              req->accept != NULL ? req->accept : "application/json");
	h = curl_slist_append(h, line);
	free(line);
	if (req->body != NULL) {
		line = xasprintf("content-type: %s", req->content_type != NULL
		                                         ? req->content_type
		                                         : "application/json");
		h = curl_slist_append(h, line);
		free(line);
	}
	if (req->flags & HTTP_F_MESSAGING) {
		h = curl_slist_append(h, "x-li-track: " X_LI_TRACK);
		line = xasprintf("x-li-page-instance: "
		                 "urn:li:page:messaging_index;%s",
		                 s->page_instance);
		h = curl_slist_append(h, line);
		free(line);
		line = xasprintf("referer: %s/messaging/", s->base_url);
		h = curl_slist_append(h, line);
		free(line);
	}
	return h;
}

/* The endpoint (path without the query) for messages. */
static char *
http_endpoint(const char *path)
{
	return xstrndup(path, strcspn(path, "?"));
}

const char *
http_method_name(enum http_method m)
{
	return m == HTTP_POST ? "POST" : m == HTTP_DELETE ? "DELETE" : "GET";
}

/* The fact of a finished transfer: what happened, not what it means. */
static enum voyager_err_fact
http_fact(struct http_session *s, const struct http_request *req, CURLcode res,
          const struct http_response *resp)
{
	const char *loc = resp->location;
	long st = resp->status;

	if (res != CURLE_OK) {
		if (atomic_load(&s->canceled))
			return VOYAGER_ERR_CANCELED;
		if (s->overflow)
			return VOYAGER_ERR_TOO_LARGE;
		if (res == CURLE_PEER_FAILED_VERIFICATION ||
		    res == CURLE_SSL_CACERT_BADFILE ||
		    res == CURLE_SSL_CERTPROBLEM)
			return VOYAGER_ERR_TLS;
		if (res == CURLE_OPERATION_TIMEDOUT)
			return VOYAGER_ERR_TIMEOUT;
		return VOYAGER_ERR_UNREACHABLE;
	}
	if (s->revoked)
		return VOYAGER_ERR_COOKIE_REVOKED;
	if (st >= 200 && st < 300)
		return st == 200 && resp->body.len == 0 &&
		               !(req->flags & HTTP_F_RAW)
		           ? VOYAGER_ERR_EMPTY_200
		           : VOYAGER_ERR_OK;
	if (st >= 300 && st < 400) {
		if (loc != NULL && strstr(loc, "/checkpoint/") != NULL)
			return VOYAGER_ERR_CHECKPOINT;
		if (loc != NULL && strstr(loc, "/uas/login") != NULL)
			return VOYAGER_ERR_LOGIN_REDIRECT;
		return VOYAGER_ERR_REDIRECT;
	}
	switch (st) {
	case 401:
		return VOYAGER_ERR_UNAUTHORIZED;
	case 403:
		if (strstr(buf_cstr(&resp->body), "CSRF check failed") != NULL)
			return VOYAGER_ERR_CSRF_REJECTED;
		return VOYAGER_ERR_FORBIDDEN;
	case 404:
		return VOYAGER_ERR_NOT_FOUND;
	case 410:
		return VOYAGER_ERR_GONE;
	case 429:
	case 999:
		if (strstr(buf_cstr(&resp->body),
		           "CUSTOM_INVITE_LIMIT_REACHED") != NULL)
			return VOYAGER_ERR_INVITE_LIMIT;
		return st == 429 ? VOYAGER_ERR_THROTTLED_429
		                 : VOYAGER_ERR_THROTTLED_999;
	default:
		return st >= 500 ? VOYAGER_ERR_SERVER : VOYAGER_ERR_REJECTED;
	}
}

enum lc_err
http_classify(struct http_session *s, const struct http_request *req,
              CURLcode res, struct http_response *resp, struct lc_error *err,
              enum voyager_err_retry *retry)
{
	struct voyager_err_facts f;
	char *ep = http_endpoint(req->path);
	const char *loc = resp->location;
	enum lc_err rc;

	memset(&f, 0, sizeof f);
	f.fact = http_fact(s, req, res, resp);
	f.status = resp->status;
	f.endpoint = ep;
	f.host = s->host;
	f.why = s->errbuf[0] ? s->errbuf : curl_easy_strerror(res);
	f.max_body = s->max_body;
	err->status = (int)resp->status;
	rc = voyager_err_fill(&f, err);
	*retry = voyager_err_retry(f.fact);
	if (voyager_err_throttled(f.fact))
		s->stats.throttled++;
	if (f.fact == VOYAGER_ERR_CHECKPOINT)
		snprintf(err->detail, sizeof err->detail, "%s%s",
		         loc[0] == '/' ? s->base_url : "", loc);
	if (voyager_err_retry(f.fact) == VOYAGER_RETRY_THROTTLE ||
	    f.fact == VOYAGER_ERR_INVITE_LIMIT) {
		if (s->retry_after != NULL)
			err->retry_after_ms = http_parse_retry_after(
			    s->retry_after, (long long)time(NULL));
		if (err->retry_after_ms < 0)
			err->retry_after_ms = 0;
	}
	free(ep);
	return rc;
}

/* One attempt: sends the request and classifies the answer. */
static enum lc_err
http_perform(struct http_session *s, const struct http_request *req,
             struct http_response *resp, struct lc_error *err,
             enum voyager_err_retry *retry)
{
	struct curl_slist *hdrs = http_headers(s, req);
	char *url = xasprintf("%s%s", s->base_url, req->path);
	char *cookie = http_cookie_header(s);
	long connects = 0, status = 0;
	uint64_t t0 = (uint64_t)clock_mono_ms();
	CURLcode res;
	enum lc_err rc;

	buf_reset(&resp->body);
	free(resp->location);
	resp->location = NULL;
	free(s->retry_after);
	s->retry_after = NULL;
	s->revoked = 0;
	s->overflow = 0;
	s->errbuf[0] = '\0';
	s->cur = resp;

	curl_easy_setopt(s->curl, CURLOPT_URL, url);
	curl_easy_setopt(s->curl, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(s->curl, CURLOPT_COOKIE, cookie);
	curl_easy_setopt(s->curl, CURLOPT_CUSTOMREQUEST, NULL);
	if (req->method == HTTP_POST) {
		curl_easy_setopt(s->curl, CURLOPT_POST, 1L);
		curl_easy_setopt(s->curl, CURLOPT_POSTFIELDSIZE,
		                 (long)(req->body != NULL ? req->body_len : 0));
		curl_easy_setopt(s->curl, CURLOPT_POSTFIELDS,
		                 req->body != NULL ? req->body : "");
	} else {
		curl_easy_setopt(s->curl, CURLOPT_HTTPGET, 1L);
		if (req->method == HTTP_DELETE)
			curl_easy_setopt(s->curl, CURLOPT_CUSTOMREQUEST,
			                 "DELETE");
	}
	if (req->body != NULL)
		log_body("request body", req->body, req->body_len);

	s->stats.requests++;
	res = curl_easy_perform(s->curl);
	curl_easy_getinfo(s->curl, CURLINFO_NUM_CONNECTS, &connects);
	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &status);
	s->stats.connections += (unsigned long)connects;
	resp->status = status;
	s->cur = NULL;

	rc = http_classify(s, req, res, resp, err, retry);
	log_msg(rc == LC_OK ? LOGL_INFO : LOGL_WARN,
	        "http: %s %s -> %ld in %llu ms%s%s",
	        http_method_name(req->method), req->path, status,
	        (unsigned long long)((uint64_t)clock_mono_ms() - t0),
	        rc == LC_OK ? "" : ": ", rc == LC_OK ? "" : err->msg);
	log_body("response body", resp->body.data, resp->body.len);

	curl_easy_setopt(s->curl, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(s->curl, CURLOPT_COOKIE, NULL);
	curl_slist_free_all(hdrs);
	free(cookie);
	free(url);
	return rc;
}

enum lc_err
http_do(struct http_session *s, const struct http_request *req,
        struct http_response *resp, struct lc_error *err)
{
	struct lc_error local;
	enum voyager_err_retry retry;
	enum lc_err rc;
	uint64_t wait;
	int attempt;

	if (err == NULL)
		err = &local;
	lc_error_clear(err);
	memset(resp, 0, sizeof *resp);
	buf_init(&resp->body, s->max_body);
	if (req->path == NULL || req->path[0] != '/')
		return lc_error_set(
		    err, LC_EINVAL,
		    "linchat built a request path that does not start with "
		    "'/'.");
	for (attempt = 0;; attempt++) {
		if (atomic_load(&s->canceled))
			return lc_error_set(err, LC_ECANCELED,
			                    "The request was canceled.");
		if ((rc = http_budget(s, err)) != LC_OK)
			return rc;
		lc_error_clear(err);
		rc = http_perform(s, req, resp, err, &retry);
		if (rc == LC_OK || attempt >= s->max_retries ||
		    (req->flags & HTTP_F_NO_RETRY))
			return rc;
		switch (retry) {
		case VOYAGER_RETRY_THROTTLE:
			if (err->retry_after_ms > 0) {
				wait = (uint64_t)err->retry_after_ms;
				if (wait > s->retry_after_max_ms)
					return rc;
			} else
				wait = ratelimit_backoff_ms(
				    attempt, s->backoff_base_ms,
				    s->backoff_max_ms, ratelimit_jitter());
			ratelimit_penalize(s->rl, wait);
			break;
		case VOYAGER_RETRY_EMPTY:
		case VOYAGER_RETRY_SERVER:
		case VOYAGER_RETRY_NETWORK:
			if (!(req->flags & HTTP_F_IDEMPOTENT))
				return rc;
			wait = ratelimit_backoff_ms(attempt, s->backoff_base_ms,
			                            s->backoff_max_ms,
			                            ratelimit_jitter());
			if (retry == VOYAGER_RETRY_EMPTY)
				ratelimit_penalize(s->rl, wait);
			break;
		default:
			return rc;
		}
		s->stats.retries++;
		s->stats.waited_ms += (unsigned long)wait;
		log_msg(LOGL_INFO, "http: retry %d of %s in %llu ms",
		        attempt + 1, req->path, (unsigned long long)wait);
		if ((rc = http_wait(s, wait, err)) != LC_OK)
			return rc;
	}
}

/* Every jar access below holds s->jar_lock for the one jar call only. */
void
http_cookie_set(struct http_session *s, const char *name, const char *value)
{
	pthread_mutex_lock(&s->jar_lock);
	http_jar_set(&s->jar, name, value);
	pthread_mutex_unlock(&s->jar_lock);
}

char *
http_cookie_get(struct http_session *s, const char *name)
{
	char *v;

	pthread_mutex_lock(&s->jar_lock);
	v = xstrdup_or_null(http_jar_get(&s->jar, name));
	pthread_mutex_unlock(&s->jar_lock);
	return v;
}

char *
http_cookie_header(struct http_session *s)
{
	char *v;

	pthread_mutex_lock(&s->jar_lock);
	v = http_jar_header(&s->jar);
	pthread_mutex_unlock(&s->jar_lock);
	return v;
}

char *
http_cookies_dump(struct http_session *s)
{
	char *v;

	pthread_mutex_lock(&s->jar_lock);
	v = http_jar_dump(&s->jar);
	pthread_mutex_unlock(&s->jar_lock);
	return v;
}

void
http_cookies_load(struct http_session *s, const char *dump)
{
	pthread_mutex_lock(&s->jar_lock);
	http_jar_load(&s->jar, dump);
	pthread_mutex_unlock(&s->jar_lock);
}

void
http_cookies_clear(struct http_session *s)
{
	pthread_mutex_lock(&s->jar_lock);
	http_jar_clear(&s->jar);
	pthread_mutex_unlock(&s->jar_lock);
}

char *
http_csrf_token(struct http_session *s)
{
	char *v = http_cookie_get(s, "JSESSIONID");
	size_t n;

	if (v == NULL)
		return NULL;
	n = strlen(v);
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		memmove(v, v + 1, n - 2);
		v[n - 2] = '\0';
	}
	return v;
}

void
http_cancel(struct http_session *s)
{
	pthread_mutex_lock(&s->lock);
	atomic_store(&s->canceled, 1);
	pthread_cond_broadcast(&s->cond);
	if (s->multi != NULL)
		curl_multi_wakeup(s->multi); /* a stream in curl_multi_poll() */
	pthread_mutex_unlock(&s->lock);
}

void
http_cancel_reset(struct http_session *s)
{
	atomic_store(&s->canceled, 0);
}

void
http_stats_get(struct http_session *s, struct http_stats *out)
{
	*out = s->stats;
}

const char *
http_user_agent(struct http_session *s)
{
	return s->user_agent;
}

const char *
http_base_url(struct http_session *s)
{
	return s->base_url;
}

const char *
http_host(struct http_session *s)
{
	return s->host;
}

struct ratelimit *
http_ratelimit(struct http_session *s)
{
	return s->rl;
}
