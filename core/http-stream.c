/* http-stream.c — the long-lived side of http.h: a fork of a session for
 * a second thread, and http_stream() for an event stream.
 *
 * A stream runs its easy handle in the session's own multi handle (made
 * at the first stream), so that the wait for bytes is curl_multi_poll()
 * and http_cancel() can end it at once with curl_multi_wakeup() instead
 * of at libcurl's next progress call (up to a second later).  The same
 * loop checks the idle deadline: no body byte for idle_timeout_ms is a
 * drop (a proxy or the service may hold a dead connection open).  The
 * poll sleeps until that deadline, not in slices: an idle stream wakes
 * only for its bytes.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "core/clock.h"
#include "core/http-int.h"
#include "core/http.h"
#include "core/log.h"
#include "core/xmalloc.h"

/* A non-2xx body is kept for the error, up to this much. */
#define HTTP_STREAM_ERR_BODY (16u << 10)

struct http_stream_ctx {
	struct http_session *s;
	struct http_response resp;
	int (*sink)(void *arg, const char *data, size_t n);
	void *arg;
	int64_t last_byte_ms;
	int stopped; /* sink said stop */
	unsigned long bytes;
};

struct http_session *
http_session_fork(struct http_session *parent, struct lc_error *err)
{
	struct http_session *s = http_session_blank();

	s->base_url = xstrdup(parent->base_url);
	s->host = xstrdup(parent->host);
	s->user_agent = xstrdup(parent->user_agent);
	s->ca_file = xstrdup_or_null(parent->ca_file);
	s->protocols = xstrdup(parent->protocols);
	s->connect_timeout_ms = parent->connect_timeout_ms;
	s->total_timeout_ms = parent->total_timeout_ms;
	s->max_retries = parent->max_retries;
	s->max_body = parent->max_body;
	s->backoff_base_ms = parent->backoff_base_ms;
	s->backoff_max_ms = parent->backoff_max_ms;
	s->retry_after_max_ms = parent->retry_after_max_ms;
	s->budget_max_wait_ms = parent->budget_max_wait_ms;
	s->rl = parent->rl;
	s->rl_borrowed = 1;
	memcpy(s->page_instance, parent->page_instance,
	       sizeof s->page_instance);
	pthread_mutex_lock(&parent->jar_lock);
	http_jar_set_host(&s->jar, parent->jar.host);
	pthread_mutex_unlock(&parent->jar_lock);
	http_session_copy_cookies(s, parent);
	if (http_session_open(s, err) != LC_OK) {
		http_session_free(s);
		return NULL;
	}
	return s;
}

void
http_session_copy_cookies(struct http_session *dst, struct http_session *src)
{
	char *dump = http_cookies_dump(src);

	pthread_mutex_lock(&dst->jar_lock);
	http_jar_clear(&dst->jar);
	http_jar_load(&dst->jar, dump);
	pthread_mutex_unlock(&dst->jar_lock);
	free(dump);
}

static size_t
http_stream_write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct http_stream_ctx *c = arg;
	size_t n = size * nmemb, room;
	long st = 0;

	c->last_byte_ms = clock_mono_ms();
	c->bytes += n;
	curl_easy_getinfo(c->s->curl, CURLINFO_RESPONSE_CODE, &st);
	if (st < 200 || st >= 300) {
		room = HTTP_STREAM_ERR_BODY > c->resp.body.len
		           ? HTTP_STREAM_ERR_BODY - c->resp.body.len
		           : 0;
		buf_add(&c->resp.body, data, n < room ? n : room);
		return n;
	}
	if (c->sink(c->arg, data, n) != 0) {
		c->stopped = 1;
		return 0;
	}
	return n;
}

/* Real ms until deadline_ms (clock_mono_ms()) for curl_multi_poll(),
 * at least 1: through clock_mono_timespec() like every deadline wait, so
 * a replaced clock cannot stretch it.  The wait lasts to the idle
 * deadline: bytes, a transfer's own timer and http_cancel()'s
 * curl_multi_wakeup() end it sooner, so an idle stream costs no wake-up
 * between heartbeats. */
static int
http_stream_wait_ms(int64_t deadline_ms)
{
	struct timespec at, now;
	int64_t ms;

	clock_mono_timespec(deadline_ms, &at);
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = ((int64_t)at.tv_sec - now.tv_sec) * 1000 +
	     (at.tv_nsec - now.tv_nsec) / 1000000 + 1;
	if (ms < 1)
		return 1;
	return ms > INT32_MAX ? INT32_MAX : (int)ms;
}

/* Runs the transfer in s->multi until it ends, http_cancel() runs or the
 * stream is idle too long.  The transfer's result, or CURLE_ABORTED_BY_
 * CALLBACK (canceled) or CURLE_OPERATION_TIMEDOUT (*idle set). */
static CURLcode
http_stream_run(struct http_stream_ctx *c, long idle_ms, int *idle)
{
	struct http_session *s = c->s;
	CURLcode res = CURLE_OK;
	CURLMsg *msg;
	int running = 1, left, wait;
	int64_t now;

	curl_multi_add_handle(s->multi, s->curl);
	for (;;) {
		curl_multi_perform(s->multi, &running);
		if (!running)
			break;
		if (atomic_load(&s->canceled)) {
			res = CURLE_ABORTED_BY_CALLBACK;
			goto out;
		}
		now = clock_mono_ms();
		if (now - c->last_byte_ms >= idle_ms) {
			*idle = 1;
			res = CURLE_OPERATION_TIMEDOUT;
			goto out;
		}
		wait = http_stream_wait_ms(c->last_byte_ms + idle_ms);
		curl_multi_poll(s->multi, NULL, 0, wait, NULL);
	}
	while ((msg = curl_multi_info_read(s->multi, &left)) != NULL) {
		if (msg->msg == CURLMSG_DONE && msg->easy_handle == s->curl)
			res = msg->data.result;
	}
out:
	curl_multi_remove_handle(s->multi, s->curl);
	return res;
}

/* Sets the stream's own options on s->curl (restore: the session's). */
static void
http_stream_setopt(struct http_session *s, struct http_stream_ctx *c,
                   int restore)
{
	curl_easy_setopt(s->curl, CURLOPT_TIMEOUT_MS,
	                 restore ? s->total_timeout_ms : 0L);
	if (restore) {
		curl_easy_setopt(s->curl, CURLOPT_WRITEFUNCTION, http_write_cb);
		curl_easy_setopt(s->curl, CURLOPT_WRITEDATA, s);
		curl_easy_setopt(s->curl, CURLOPT_HTTPHEADER, NULL);
		curl_easy_setopt(s->curl, CURLOPT_COOKIE, NULL);
		return;
	}
	curl_easy_setopt(s->curl, CURLOPT_WRITEFUNCTION, http_stream_write_cb);
	curl_easy_setopt(s->curl, CURLOPT_WRITEDATA, c);
	curl_easy_setopt(s->curl, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(s->curl, CURLOPT_HTTPGET, 1L);
}

/* The error of a stream that ended (res) after the transfer's facts. */
static enum lc_err
http_stream_result(struct http_stream_ctx *c, const struct http_request *req,
                   CURLcode res, int idle, long idle_ms, struct lc_error *err)
{
	struct http_request raw = *req;
	enum voyager_err_retry retry;
	long st = c->resp.status;

	if (c->stopped)
		return lc_error_set(err, LC_ECANCELED,
		                    "The stream was stopped by its reader.");
	if (idle)
		return lc_error_set(
		    err, LC_ENETWORK,
		    "The stream from %s sent nothing for %ld ms; "
		    "it counts as dropped.",
		    c->s->host, idle_ms);
	if (res == CURLE_ABORTED_BY_CALLBACK || atomic_load(&c->s->canceled))
		return lc_error_set(err, LC_ECANCELED,
		                    "The request was canceled.");
	raw.flags |= HTTP_F_RAW; /* an empty 2xx stream is no throttle */
	err->status = (int)st;
	return http_classify(c->s, &raw, res, &c->resp, err, &retry);
}

/* The headers of a stream request: the usual ones plus the caller's. */
static struct curl_slist *
http_stream_headers(struct http_session *s, const struct http_request *req)
{
	struct curl_slist *h = http_headers(s, req);
	size_t i;

	for (i = 0; req->extra_headers != NULL && req->extra_headers[i]; i++)
		h = curl_slist_append(h, req->extra_headers[i]);
	return h;
}

enum lc_err
http_stream(struct http_session *s, const struct http_request *req,
            long idle_timeout_ms,
            int (*sink)(void *arg, const char *data, size_t n), void *arg,
            long *status, struct lc_error *err)
{
	struct http_stream_ctx c;
	struct lc_error local;
	struct curl_slist *hdrs = NULL;
	char *url = NULL, *cookie = NULL;
	long connects = 0,
	     idle_ms = idle_timeout_ms > 0 ? idle_timeout_ms : 120000;
	int64_t t0;
	int idle = 0;
	CURLcode res;
	enum lc_err rc;

	if (err == NULL)
		err = &local;
	lc_error_clear(err);
	memset(&c, 0, sizeof c);
	c.s = s;
	c.sink = sink;
	c.arg = arg;
	buf_init(&c.resp.body, HTTP_STREAM_ERR_BODY + 1);
	if (status != NULL)
		*status = 0;
	if (req->path == NULL || req->path[0] != '/') {
		rc = lc_error_set(err, LC_EINVAL,
		                  "linchat built a stream path that does not "
		                  "start with '/'.");
		goto out;
	}
	if (atomic_load(&s->canceled)) {
		rc = lc_error_set(err, LC_ECANCELED,
		                  "The request was canceled.");
		goto out;
	}
	if ((rc = http_budget(s, err)) != LC_OK)
		goto out;
	lc_error_clear(err);
	pthread_mutex_lock(&s->lock);
	if (s->multi == NULL)
		s->multi = curl_multi_init();
	pthread_mutex_unlock(&s->lock);

	hdrs = http_stream_headers(s, req);
	url = xasprintf("%s%s", s->base_url, req->path);
	cookie = http_cookie_header(s);
	free(s->retry_after);
	s->retry_after = NULL;
	s->revoked = 0;
	s->overflow = 0;
	s->errbuf[0] = '\0';
	s->cur = &c.resp;
	curl_easy_setopt(s->curl, CURLOPT_URL, url);
	curl_easy_setopt(s->curl, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(s->curl, CURLOPT_COOKIE, cookie);
	http_stream_setopt(s, &c, 0);

	s->stats.requests++;
	t0 = clock_mono_ms();
	c.last_byte_ms = t0;
	log_msg(LOGL_DEBUG, "http: stream %s %s opening",
	        http_method_name(req->method), req->path);
	res = http_stream_run(&c, idle_ms, &idle);
	curl_easy_getinfo(s->curl, CURLINFO_NUM_CONNECTS, &connects);
	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &c.resp.status);
	s->stats.connections += (unsigned long)connects;
	s->cur = NULL;
	http_stream_setopt(s, &c, 1);
	if (status != NULL)
		*status = c.resp.status;

	rc = http_stream_result(&c, req, res, idle, idle_ms, err);
	log_msg(rc == LC_OK ? LOGL_INFO : LOGL_WARN,
	        "http: stream %s %s -> %ld, %lu bytes in %llu ms%s%s",
	        http_method_name(req->method), req->path, c.resp.status,
	        c.bytes, (unsigned long long)(clock_mono_ms() - t0),
	        rc == LC_OK ? "" : ": ", rc == LC_OK ? "" : err->msg);
	if (c.resp.status < 200 || c.resp.status >= 300)
		log_body("response body", c.resp.body.data, c.resp.body.len);
out:
	curl_slist_free_all(hdrs);
	free(cookie);
	free(url);
	http_response_free(&c.resp);
	return rc;
}
