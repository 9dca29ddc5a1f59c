/* test-sim-rt.c — the simulator's realtime event stream (API.md §7). */
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "tests/sim/simclient.h"
#include "core/xmalloc.h"

/* A realtime stream read with the multi interface, so the test can act
 * on the simulator while the stream stays open. */
struct stream {
	CURLM *m;
	CURL *e;
	struct curl_slist *h;
	struct buf got;
	int done;
	CURLcode result;
};

static size_t
on_data(char *p, size_t size, size_t n, void *cls)
{
	struct buf *b = cls;

	buf_add(b, p, size * n);
	return size * n;
}

static void
stream_open(struct stream *st, struct sim *s)
{
	const char *const *d = sim_demo_headers();
	char *url = xasprintf("%s/realtime/connect?rc=1", sim_base_url(s));
	size_t i;

	memset(st, 0, sizeof(*st));
	buf_init(&st->got, 0);
	for (i = 0; d[i] != NULL; i++)
		st->h = curl_slist_append(st->h, d[i]);
	st->h = curl_slist_append(st->h, "accept: text/event-stream");
	st->h =
	    curl_slist_append(st->h, "x-li-realtime-session: "
	                             "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
	st->e = curl_easy_init();
	curl_easy_setopt(st->e, CURLOPT_URL, url);
	curl_easy_setopt(st->e, CURLOPT_HTTPHEADER, st->h);
	curl_easy_setopt(st->e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(st->e, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(st->e, CURLOPT_WRITEDATA, &st->got);
	st->m = curl_multi_init();
	curl_multi_add_handle(st->m, st->e);
	free(url);
}

/* Pumps the stream until its text contains want (or, want NULL, until it
 * ends).  Bounded, so a broken simulator fails instead of hanging. */
static int
stream_until(struct stream *st, const char *want)
{
	int running, i, left;
	CURLMsg *msg;

	for (i = 0; i < 300; i++) {
		if (want != NULL && strstr(buf_cstr(&st->got), want) != NULL)
			return 1;
		if (st->done)
			return want == NULL;
		curl_multi_perform(st->m, &running);
		while ((msg = curl_multi_info_read(st->m, &left)) != NULL)
			if (msg->msg == CURLMSG_DONE) {
				st->done = 1;
				st->result = msg->data.result;
			}
		curl_multi_poll(st->m, NULL, 0, 100, NULL);
	}
	return 0;
}

static void
stream_close(struct stream *st)
{
	curl_multi_remove_handle(st->m, st->e);
	curl_easy_cleanup(st->e);
	curl_multi_cleanup(st->m);
	curl_slist_free_all(st->h);
	buf_release(&st->got);
}

static struct sim *
start(const char *const *args)
{
	struct sim *s = sim_start(args);

	cr_assert_not_null(s, "the simulator did not start");
	return s;
}

Test(sim_rt, incoming_message_arrives_on_the_stream)
{
	struct sim *s = start(NULL);
	struct stream st;

	stream_open(&st, s);
	cr_assert(stream_until(&st, "ClientConnection"));
	free(
	    sim_post(s, "/__sim/incoming", "{\"text\":\"live from the sim\"}"));
	cr_assert(stream_until(&st, "live from the sim"));
	cr_assert(strstr(buf_cstr(&st.got), "urn:li-realtime:messagesTopic:"
	                                    "urn:li-realtime:myself"));
	cr_assert(strstr(buf_cstr(&st.got),
	                 "doDecorateMessageMessengerRealtimeDecoration"));
	stream_close(&st);
	cr_assert_eq(sim_stop(s), 0, "shuts down with a stream open");
}

Test(sim_rt, quiet_stream_sends_heartbeats)
{
	const char *args[] = {"--heartbeat-ms", "50", NULL};
	struct sim *s = start(args);
	struct stream st;

	stream_open(&st, s);
	cr_assert(stream_until(&st, "com.linkedin.realtimefrontend.Heartbeat"));
	stream_close(&st);
	sim_stop(s);
}

Test(sim_rt, drop_cuts_the_stream_and_expiry_ends_it)
{
	struct sim *s = start(NULL);
	struct stream st;

	stream_open(&st, s);
	cr_assert(stream_until(&st, "ClientConnection"));
	free(sim_post(s, "/__sim/realtime-drop", "{}"));
	cr_assert(stream_until(&st, NULL));
	cr_assert_neq(st.result, CURLE_OK, "a cut stream is an error");
	stream_close(&st);

	stream_open(&st, s);
	cr_assert(stream_until(&st, "ClientConnection"));
	free(sim_post(s, "/__sim/expire", "{}"));
	cr_assert(stream_until(&st, NULL));
	stream_close(&st);
	sim_stop(s);
}

Test(sim_rt, connect_without_session_uuid_is_400)
{
	struct sim *s = start(NULL);
	struct sim_resp r;

	sim_request(s, "GET", "/realtime/connect?rc=1", sim_demo_headers(),
	            NULL, &r);
	cr_assert_eq(r.status, 400);
	sim_resp_free(&r);
	sim_request(s, "POST",
	            "/realtime/realtimeFrontendClientConnectivityTracking"
	            "?action=sendHeartbeat",
	            sim_demo_headers(), "{}", &r);
	cr_assert_eq(r.status, 200);
	sim_resp_free(&r);
	sim_stop(s);
}
