/* sim-rt.c — see sim-rt.h. */
#include <errno.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/sim/sim-json.h"
#include "tests/sim/sim-rt.h"
#include "core/xmalloc.h"

#define TOPIC "urn:li-realtime:%s:urn:li-realtime:myself"

struct rt_stream {
	struct sim_world *w;
	char *li_at;
	size_t next;     /* index of the next event to send */
	long generation; /* of w->rt_generation when opened */
	int hello;
	char *pending;
	size_t len, off;
};

static void
push(struct sim_world *w, const char *topic, const char *key,
     struct json_object *result)
{
	struct json_object *o, *ev, *d;
	char *t, *id;

	o = json_object_new_object();
	ev = sim_jobj(o, "com.linkedin.realtimefrontend.DecoratedEvent");
	t = xasprintf(TOPIC, topic);
	sim_jstr(ev, "topic", t);
	free(t);
	sim_jint(ev, "leftServerAt", sim_now(w));
	id = xasprintf("sim-event-%zu", w->rt_nevents + 1);
	sim_jstr(ev, "id", id);
	free(id);
	d = sim_jobj(sim_jobj(ev, "payload"), "data");
	sim_jstr(d, "_type", "com.linkedin.messenger.RealtimeDecoration");
	json_object_object_add(sim_jobj(d, key), "result", result);
	w->rt_events = xreallocarray(w->rt_events, w->rt_nevents + 1,
	                             sizeof(*w->rt_events));
	w->rt_events[w->rt_nevents++] = xasprintf(
	    "data: %s\n\n",
	    json_object_to_json_string_ext(
	        o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	pthread_cond_broadcast(&w->rt_cond);
}

void
sim_rt_message(struct sim_world *w, const struct sim_conv *c,
               const struct sim_message *m)
{
	push(w, "messagesTopic", "doDecorateMessageMessengerRealtimeDecoration",
	     sim_json_message(w, c, m));
}

void
sim_rt_conversation(struct sim_world *w, const struct sim_conv *c)
{
	push(w, "conversationsTopic",
	     "doDecorateConversationMessengerRealtimeDecoration",
	     sim_json_conversation(w, c));
}

void
sim_rt_delete(struct sim_world *w, const struct sim_conv *c)
{
	struct json_object *o = json_object_new_object();

	sim_jstr(o, "entityUrn", c->urn);
	push(w, "conversationDeletesTopic",
	     "doDecorateConversationDeleteMessengerRealtimeDecoration", o);
}

void *
sim_rt_open(struct sim_req *r)
{
	struct rt_stream *s = xcalloc(1, sizeof(*s));

	s->w = r->w;
	s->li_at = xstrdup(r->session->li_at);
	s->next = r->w->rt_nevents;
	s->generation = r->w->rt_generation;
	return s;
}

void
sim_rt_free(void *cls)
{
	struct rt_stream *s = cls;

	free(s->li_at);
	free(s->pending);
	free(s);
}

static int
session_alive(struct sim_world *w, const char *li_at)
{
	size_t i;

	for (i = 0; i < w->nsessions; i++)
		if (strcmp(w->sessions[i].li_at, li_at) == 0)
			return !w->sessions[i].dead;
	return 0;
}

/* Waits for the next thing to send; 0 with s->pending set, or an MHD end
 * code.  Lock held. */
static ssize_t
next_event(struct rt_stream *s)
{
	struct sim_world *w = s->w;
	struct timespec until;
	long ms = w->opts.heartbeat_ms > 0 ? w->opts.heartbeat_ms : 30000;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	for (;;) {
		if (w->rt_stopping || !session_alive(w, s->li_at))
			return MHD_CONTENT_READER_END_OF_STREAM;
		if (w->rt_generation != s->generation)
			return MHD_CONTENT_READER_END_WITH_ERROR;
		if (s->next < w->rt_nevents) {
			s->pending = xstrdup(w->rt_events[s->next++]);
			return 0;
		}
		if (pthread_cond_timedwait(&w->rt_cond, &w->lock, &until) ==
		    ETIMEDOUT) {
			s->pending = xstrdup(
			    "data: {\"com.linkedin.realtimefrontend.Heartbeat"
			    "\":{}}\n\n");
			return 0;
		}
	}
}

ssize_t
sim_rt_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct rt_stream *s = cls;
	size_t n;

	(void)pos;
	if (s->pending == NULL) {
		ssize_t rc = 0;

		pthread_mutex_lock(&s->w->lock);
		if (!s->hello) {
			s->hello = 1;
			s->pending =
			    xasprintf("data: {\"com.linkedin.realtimefrontend."
			              "ClientConnection\":{\"id\":\"sim-"
			              "connection-%zu\"}}"
			              "\n\n",
			              s->next);
		} else
			rc = next_event(s);
		pthread_mutex_unlock(&s->w->lock);
		if (rc != 0)
			return rc;
		s->len = strlen(s->pending);
		s->off = 0;
	}
	n = s->len - s->off;
	if (n > max)
		n = max;
	memcpy(out, s->pending + s->off, n);
	s->off += n;
	if (s->off == s->len) {
		free(s->pending);
		s->pending = NULL;
	}
	return (ssize_t)n;
}

void
sim_rt_stop(struct sim_world *w)
{
	pthread_mutex_lock(&w->lock);
	w->rt_stopping = 1;
	pthread_cond_broadcast(&w->rt_cond);
	pthread_mutex_unlock(&w->lock);
}

void
sim_rt_drop(struct sim_world *w)
{
	w->rt_generation++;
	pthread_cond_broadcast(&w->rt_cond);
}

/* GET /realtime/connect: the stream itself is served by sim.c. */
void
sim_rt_connect(struct sim_req *r)
{
	if (sim_req_header(r, "x-li-realtime-session") == NULL) {
		sim_reply_status(r, 400, "x-li-realtime-session missing");
		return;
	}
	r->stream = 1;
	sim_reply(r, 200, "text/event-stream", "", 0);
}

void
sim_rt_heartbeat(struct sim_req *r)
{
	sim_reply(r, 200, "application/json", "{}", 2);
}
