/* tsan-http-fork.c — a session's cookie jar under ThreadSanitizer.
 *
 * The realtime thread copies its owner's cookies into its fork before
 * every connect while the owner's thread performs requests (which read
 * the jar for the Cookie and csrf-token headers and write it from
 * Set-Cookie) and renews cookies.  Here a second thread copies and reads
 * without pause while this one does requests against the simulator and
 * sets cookies; TSan is the assertion (halt_on_error=1), and the fork
 * must end with the parent's last li_at.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/http.h"
#include "tests/sim/simclient.h"

struct reader {
	struct http_session *parent;
	struct http_session *fork;
	atomic_int stop;
	long rounds;
};

static void *
reader_main(void *arg)
{
	struct reader *r = arg;
	char *v;

	while (!atomic_load(&r->stop)) {
		http_session_copy_cookies(r->fork, r->parent);
		free(http_cookie_get(r->fork, "li_at"));
		v = http_csrf_token(r->parent);
		free(v);
		r->rounds++;
	}
	return NULL;
}

static int
fail(const char *what)
{
	fprintf(stderr, "tsan-http-fork: %s\n", what);
	return 1;
}

int
main(void)
{
	struct http_request req = {
	    HTTP_GET, "/voyager/api/me", NULL, NULL, NULL, 0, 0, NULL};
	struct http_response resp;
	struct http_config cfg;
	struct lc_error err;
	struct reader r;
	struct sim *sim;
	pthread_t t;
	char *v;
	int i, rc = 0;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((sim = sim_start(NULL)) == NULL)
		return fail("the simulator did not start");
	memset(&cfg, 0, sizeof cfg);
	cfg.base_url = sim_base_url(sim);
	cfg.rate_per_sec = 10000;
	cfg.rate_burst = 10000;
	cfg.rate_per_hour = 1000000;
	lc_error_clear(&err);
	memset(&r, 0, sizeof r);
	if ((r.parent = http_session_new(&cfg, &err)) == NULL)
		return fail(err.msg);
	http_cookie_set(r.parent, "li_at", SIM_DEMO_LI_AT);
	http_cookie_set(r.parent, "JSESSIONID", SIM_DEMO_JSESSIONID);
	if ((r.fork = http_session_fork(r.parent, &err)) == NULL)
		return fail(err.msg);
	atomic_init(&r.stop, 0);
	pthread_create(&t, NULL, reader_main, &r);
	for (i = 0; i < 50; i++) {
		if (http_do(r.parent, &req, &resp, &err) != LC_OK)
			rc = fail(err.msg);
		http_response_free(&resp);
		http_cookie_set(r.parent, "lang",
		                i % 2 ? "v=2&lang=en-us" : NULL);
	}
	atomic_store(&r.stop, 1);
	pthread_join(t, NULL);
	http_session_copy_cookies(r.fork, r.parent);
	v = http_cookie_get(r.fork, "li_at");
	if (v == NULL || strcmp(v, SIM_DEMO_LI_AT) != 0)
		rc = fail("the fork does not hold the parent's li_at");
	free(v);
	if (r.rounds == 0)
		rc = fail("the reader never ran");
	printf("tsan-http-fork: %ld copies during 50 requests\n", r.rounds);
	http_session_free(r.fork);
	http_session_free(r.parent);
	sim_stop(sim);
	curl_global_cleanup();
	return rc;
}
