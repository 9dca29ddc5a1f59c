/* sim-rt.c — see sim-rt.h. */
#include <errno.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "tests/sim/sim-json.h"
#include "tests/sim/sim-rt.h"
#include "core/xmalloc.h"

#define TOPIC "urn:li-realtime:%s:urn:li-realtime:myself"
#define HELLO                                                                  \
	"data: {\"com.linkedin.realtimefrontend.ClientConnection\":{\"id\":"   \
	"\"sim-connection-%ld\"}}\n\n"
#define HEARTBEAT "data: {\"com.linkedin.realtimefrontend.Heartbeat\":{}}\n\n"
#define HUGE_HEAD                                                              \
	"data: {\"com.linkedin.realtimefrontend.Heartbeat\":{\"pad\":\""
#define HUGE_TAIL "\"}}\n\n"

/* RT_FAULT_GARBAGE: what a broken proxy or a confused server might send —
 * a data line that is no JSON, JSON that is no event, an unknown topic, a
 * message decoration whose result is a number, stray SSE fields, bytes
 * that are no UTF-8 (and a NUL), and a line with a lone \r.  Each is
 * ended by a blank line, so the events after it parse again. */
static const char garbage[] =
    "data: {this is not json\n\n"
    "data: [1,2,3]\n\n"
    "data: \"just a string\"\n\n"
    ": a comment line\n"
    "event: bogus\nid: 7\nretry: soon\nfield-without-colon\n\n"
    "data: {\"com.linkedin.realtimefrontend.DecoratedEvent\":{\"topic\":"
    "\"urn:li-realtime:unknownTopic:urn:li-realtime:myself\",\"payload\":"
    "{\"data\":{\"doDecorateSomethingNew\":{\"result\":{\"x\":1}}}}}}\n\n"
    "data: {\"com.linkedin.realtimefrontend.DecoratedEvent\":{\"topic\":"
    "\"urn:li-realtime:messagesTopic:urn:li-realtime:myself\",\"payload\":"
    "{\"data\":{\"doDecorateMessageMessengerRealtimeDecoration\":"
    "{\"result\":42}}}}}\n\n"
    "data: {\"bytes\":\"\xff\xfe\xc3\x28\x00\x01\"}\n\n"
    "data: half a line\rdata: {}\r\n\r\n";

struct sim_rt_stream {
	struct sim_world *w;
	struct sim_rt_stream *link; /* w->rt_streams */
	char *li_at;
	size_t next;     /* number of the next event to send */
	long generation; /* of w->rt_generation when opened */
	long id;         /* of the connection */
	int hello;
	int fault;        /* enum sim_rt_fault */
	size_t huge_left; /* 'x' bytes of the huge line still to send */
	char *pending;
	size_t len, off;
};

/* Frees the held events that every open stream has sent.  With no
 * stream open, that is all of them. */
static void
trim(struct sim_world *w)
{
	struct sim_rt_stream *s;
	size_t low = w->rt_base + w->rt_nevents, n, i;

	for (s = w->rt_streams; s != NULL; s = s->link)
		if (s->next < low)
			low = s->next;
	n = low - w->rt_base;
	/* In batches, so a stream that keeps up costs no memmove per
	 * event. */
	if (n == 0 || (n < 64 && n < w->rt_nevents))
		return;
	for (i = 0; i < n; i++)
		free(w->rt_events[i]);
	memmove(w->rt_events, w->rt_events + n,
	        (w->rt_nevents - n) * sizeof(*w->rt_events));
	memmove(w->rt_lens, w->rt_lens + n,
	        (w->rt_nevents - n) * sizeof(*w->rt_lens));
	w->rt_nevents -= n;
	w->rt_base += n;
	if (w->rt_nevents == 0) {
		free(w->rt_events);
		free(w->rt_lens);
		w->rt_events = NULL;
		w->rt_lens = NULL;
	}
}

static void
push(struct sim_world *w, const char *topic, const char *key,
     struct json_object *result)
{
	struct json_object *o, *ev, *d;
	char *t, *id;
	size_t n = w->rt_base + w->rt_nevents;

	o = json_object_new_object();
	ev = sim_jobj(o, "com.linkedin.realtimefrontend.DecoratedEvent");
	t = xasprintf(TOPIC, topic);
	sim_jstr(ev, "topic", t);
	free(t);
	sim_jint(ev, "leftServerAt", sim_now(w));
	id = xasprintf("sim-event-%zu", n + 1);
	sim_jstr(ev, "id", id);
	free(id);
	d = sim_jobj(sim_jobj(ev, "payload"), "data");
	sim_jstr(d, "_type", "com.linkedin.messenger.RealtimeDecoration");
	json_object_object_add(sim_jobj(d, key), "result", result);
	w->rt_events = xreallocarray(w->rt_events, w->rt_nevents + 1,
	                             sizeof(*w->rt_events));
	w->rt_lens =
	    xreallocarray(w->rt_lens, w->rt_nevents + 1, sizeof(*w->rt_lens));
	w->rt_events[w->rt_nevents] = xasprintf(
	    "data: %s\n\n",
	    json_object_to_json_string_ext(
	        o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	w->rt_lens[w->rt_nevents] = strlen(w->rt_events[w->rt_nevents]);
	w->rt_nevents++;
	json_object_put(o);
	trim(w); /* nobody listening: nothing kept */
	pthread_cond_broadcast(&w->rt_cond);
}

static struct json_object *
urn_object(const char *urn)
{
	struct json_object *o = json_object_new_object();

	sim_jstr(o, "entityUrn", urn);
	return o;
}

static struct json_object *
message_ref(const struct sim_message *m)
{
	char *u = sim_json_message_urn(m);
	struct json_object *o = urn_object(u);

	free(u);
	return o;
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

void
sim_rt_seen(struct sim_world *w, const struct sim_message *m, int who,
            long long at)
{
	struct json_object *o = json_object_new_object();

	sim_jint(o, "seenAt", at);
	json_object_object_add(o, "message", message_ref(m));
	json_object_object_add(o, "seenByParticipant",
	                       sim_json_participant(w, who));
	push(w, "messageSeenReceiptsTopic",
	     "doDecorateSeenReceiptMessengerRealtimeDecoration", o);
}

void
sim_rt_typing(struct sim_world *w, const struct sim_conv *c, int who)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "typingParticipant",
	                       sim_json_participant(w, who));
	json_object_object_add(o, "conversation", urn_object(c->urn));
	push(w, "typingIndicatorsTopic",
	     "doDecorateTypingIndicatorMessengerRealtimeDecoration", o);
}

void
sim_rt_reaction(struct sim_world *w, const struct sim_message *m, int actor,
                int added, const struct sim_reaction *sum)
{
	struct json_object *o = json_object_new_object(), *x;

	sim_jbool(o, "reactionAdded", added);
	json_object_object_add(o, "actor", sim_json_participant(w, actor));
	json_object_object_add(o, "message", message_ref(m));
	x = sim_jobj(o, "reactionSummary");
	sim_jstr(x, "emoji", sum->emoji);
	sim_jint(x, "count", sum->count);
	sim_jint(x, "firstReactedAt", sum->first_at);
	sim_jbool(x, "viewerReacted", sum->viewer);
	push(w, "messageReactionSummariesTopic",
	     "doDecorateRealtimeReactionSummaryMessengerRealtimeDecoration", o);
}

void *
sim_rt_open(struct sim_req *r)
{
	struct sim_world *w = r->w;
	struct sim_rt_stream *s = xcalloc(1, sizeof(*s));

	s->w = w;
	s->li_at = xstrdup(r->session->li_at);
	s->next = w->rt_base + w->rt_nevents;
	s->generation = w->rt_generation;
	s->id = w->rt_connects;
	s->fault = r->stream_fault;
	s->link = w->rt_streams;
	w->rt_streams = s;
	return s;
}

void
sim_rt_free(void *cls)
{
	struct sim_rt_stream *s = cls, **p;
	struct sim_world *w = s->w;

	pthread_mutex_lock(&w->lock);
	for (p = &w->rt_streams; *p != NULL; p = &(*p)->link)
		if (*p == s) {
			*p = s->link;
			break;
		}
	trim(w);
	pthread_mutex_unlock(&w->lock);
	free(s->li_at);
	free(s->pending);
	free(s);
}

void
sim_rt_hold(struct sim_world *w)
{
	long generation;

	pthread_mutex_lock(&w->lock);
	generation = w->rt_generation;
	w->rt_held++;
	while (!w->rt_stopping && w->rt_generation == generation)
		pthread_cond_wait(&w->rt_cond, &w->lock);
	w->rt_held--;
	pthread_mutex_unlock(&w->lock);
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

static void
set_pending(struct sim_rt_stream *s, char *p, size_t len)
{
	s->pending = p;
	s->len = len;
	s->off = 0;
}

/* The first bytes of a stream: the ClientConnection event, and what its
 * fault sends before the events. */
static void
hello(struct sim_rt_stream *s)
{
	struct buf b;
	size_t len;

	buf_init(&b, 0);
	buf_addf(&b, HELLO, s->id);
	if (s->fault == RT_FAULT_GARBAGE)
		buf_add(&b, garbage, sizeof(garbage) - 1);
	else if (s->fault == RT_FAULT_HUGE_LINE) {
		buf_addstr(&b, HUGE_HEAD);
		s->huge_left = s->w->rt_fault_bytes;
	}
	len = b.len;
	set_pending(s, buf_detach(&b), len);
}

/* Waits for the next thing to send; 0 with s->pending set, or an MHD end
 * code.  Lock held. */
static ssize_t
next_event(struct sim_rt_stream *s)
{
	struct sim_world *w = s->w;
	struct timespec until;
	long ms = w->opts.heartbeat_ms > 0 ? w->opts.heartbeat_ms : 30000;
	size_t k;

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
		if (s->next < w->rt_base + w->rt_nevents) {
			k = s->next++ - w->rt_base;
			set_pending(s, xstrdup(w->rt_events[k]), w->rt_lens[k]);
			trim(w);
			return 0;
		}
		if (pthread_cond_timedwait(&w->rt_cond, &w->lock, &until) ==
		    ETIMEDOUT) {
			set_pending(s, xstrdup(HEARTBEAT),
			            sizeof(HEARTBEAT) - 1);
			return 0;
		}
	}
}

ssize_t
sim_rt_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct sim_rt_stream *s = cls;
	size_t n;

	(void)pos;
	if (s->pending == NULL && s->huge_left > 0) {
		/* The huge line is made as it goes out, never held. */
		n = s->huge_left < max ? s->huge_left : max;
		memset(out, 'x', n);
		s->huge_left -= n;
		if (s->huge_left == 0)
			set_pending(s, xstrdup(HUGE_TAIL),
			            sizeof(HUGE_TAIL) - 1);
		return (ssize_t)n;
	}
	if (s->pending == NULL) {
		ssize_t rc = 0;

		pthread_mutex_lock(&s->w->lock);
		if (!s->hello) {
			s->hello = 1;
			hello(s);
		} else
			rc = next_event(s);
		pthread_mutex_unlock(&s->w->lock);
		if (rc != 0)
			return rc;
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

/* Answers a connect refused by /__sim/realtime-refuse. */
static void
refuse(struct sim_req *r)
{
	struct sim_world *w = r->w;
	int status = w->rt_refuse_status;

	w->rt_refused++;
	if (w->rt_refuse_left > 0 && --w->rt_refuse_left == 0)
		w->rt_refuse_status = 0;
	if (status == 401)
		sim_reply_status(r, 401, NULL); /* the expired session */
	else if (status == 400)
		sim_reply_status(r, 400, "realtime session rejected");
	else
		sim_reply(r, status, "text/plain", "Service Unavailable", 19);
}

/* GET /realtime/connect: the stream itself is served by sim.c. */
void
sim_rt_connect(struct sim_req *r)
{
	struct sim_world *w = r->w;

	w->rt_connects++;
	if (w->rt_refuse_status != 0) {
		refuse(r);
		return;
	}
	if (sim_req_header(r, "x-li-realtime-session") == NULL) {
		sim_reply_status(r, 400, "x-li-realtime-session missing");
		return;
	}
	r->stream = 1;
	r->stream_fault = w->rt_fault;
	if (w->rt_fault_left > 0 && --w->rt_fault_left == 0)
		w->rt_fault = RT_FAULT_NONE;
	sim_reply(r, 200, "text/event-stream", "", 0);
}

static const char *const fault_names[] = {"none", "garbage", "huge-line",
                                          "silent"};

const char *
sim_rt_fault_name(int kind)
{
	return kind >= 0 && kind <= RT_FAULT_SILENT ? fault_names[kind]
	                                            : "none";
}

int
sim_rt_fault_by_name(const char *name)
{
	int i;

	for (i = 0; i <= RT_FAULT_SILENT; i++)
		if (strcmp(name, fault_names[i]) == 0)
			return i;
	return -1;
}

struct json_object *
sim_rt_state_json(struct sim_world *w)
{
	struct json_object *o = json_object_new_object(), *x;
	struct sim_rt_stream *s;
	long n = 0;

	for (s = w->rt_streams; s != NULL; s = s->link)
		n++;
	sim_jint(o, "streams", n);
	sim_jint(o, "held_events", (long long)w->rt_nevents);
	sim_jint(o, "events", (long long)(w->rt_base + w->rt_nevents));
	sim_jint(o, "connects", w->rt_connects);
	sim_jint(o, "refused", w->rt_refused);
	sim_jint(o, "silent_held", w->rt_held);
	x = sim_jobj(o, "refuse");
	sim_jint(x, "status", w->rt_refuse_status);
	sim_jint(x, "left", w->rt_refuse_status ? w->rt_refuse_left : 0);
	x = sim_jobj(o, "fault");
	sim_jstr(x, "kind", sim_rt_fault_name(w->rt_fault));
	sim_jint(x, "left", w->rt_fault ? w->rt_fault_left : 0);
	return o;
}

void
sim_rt_heartbeat(struct sim_req *r)
{
	sim_reply(r, 200, "application/json", "{}", 2);
}
