/* sim-rt-ctl.c — the control plane of the realtime stream: what the other
 * participants do that only the stream tells (seen, typing, reactions, a
 * new title), and the stream's own failures (refused connects, faulty
 * streams).  docs/simulator.md, "Realtime", has every body.
 *
 *   POST /__sim/seen             {conversation, "message_urn"?, "who"?}
 *   POST /__sim/typing           {conversation, "who"?}
 *   POST /__sim/react            {conversation, "message_urn"?, "who"?,
 *                                 "emoji"?, "added"?}
 *   POST /__sim/title            {conversation, "title"}
 *   POST /__sim/realtime-refuse  {"status":400|401|503|0, "count"?}
 *   POST /__sim/realtime-fault   {"kind", "count"?, "bytes"?}
 *
 * A conversation is named as /__sim/incoming names it: "conversation_urn"
 * or "thread_id".  "who" is a profile id or urn:li:fsd_profile: urn of a
 * participant other than the user (default: the first one, the other
 * participant of a 1:1).
 */
#include <stdlib.h>
#include <string.h>

#include "tests/sim/sim-json.h"
#include "tests/sim/sim-route.h"
#include "tests/sim/sim-rt.h"
#include "core/xmalloc.h"

#define HUGE_LINE_DEFAULT (30u << 20)
#define HUGE_LINE_MAX (1u << 30)

static const char *
jstr(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* The participant "who" names (default the first); -1 after a 400. */
static int
body_who(struct sim_req *r, struct json_object *body, const struct sim_conv *c)
{
	const char *id = jstr(body, "who");
	int who;
	size_t i;

	if (id == NULL)
		return c->who[0];
	who = sim_ctl_person(r->w, id);
	for (i = 0; i < c->nwho; i++)
		if (c->who[i] == who && who > 0)
			return who;
	sim_reply_status(r, 400, "who is not in that conversation");
	return -1;
}

/* The message "message_urn" names in c (default the newest); NULL after
 * a 400. */
static struct sim_message *
body_msg(struct sim_req *r, struct json_object *body, struct sim_conv *c)
{
	const char *u = jstr(body, "message_urn");
	struct sim_conv *in;
	struct sim_message *m;

	if (u == NULL) {
		if (c->nmsgs > 0)
			return &c->msgs[c->nmsgs - 1];
		sim_reply_status(r, 400, "the conversation has no message");
		return NULL;
	}
	if ((m = sim_msg_by_urn(r->w, u, &in)) == NULL || in != c) {
		sim_reply_status(r, 400,
		                 "message_urn is not in that "
		                 "conversation");
		return NULL;
	}
	return m;
}

/* The body, its conversation and participant; -1 after an answer (the
 * body is then freed). */
static int
ctl_begin(struct sim_req *r, struct json_object **body, struct sim_conv **c,
          int *who)
{
	if ((*body = sim_body_json(r)) == NULL)
		return -1;
	if ((*c = sim_ctl_conv(r, *body)) == NULL ||
	    (who != NULL && (*who = body_who(r, *body, *c)) < 0)) {
		json_object_put(*body);
		return -1;
	}
	return 0;
}

void
sim_ctl_seen(struct sim_req *r)
{
	struct sim_world *w = r->w;
	struct json_object *body, *o;
	struct sim_conv *c;
	struct sim_message *m;
	int who;

	if (ctl_begin(r, &body, &c, &who) != 0)
		return;
	if ((m = body_msg(r, body, c)) != NULL) {
		/* The reader's receipt only: the user's read state (unread,
		 * lastReadAt) is the user's. */
		c->seen_at = sim_now(w);
		c->seen_by = who;
		free(c->seen_msg);
		c->seen_msg = sim_json_message_urn(m);
		sim_rt_seen(w, m, who, c->seen_at);
		o = json_object_new_object();
		sim_jstr(o, "conversation_urn", c->urn);
		sim_jstr(o, "message_urn", c->seen_msg);
		sim_jint(o, "seen_at", c->seen_at);
		sim_reply_json(r, 200, o);
	}
	json_object_put(body);
}

void
sim_ctl_typing(struct sim_req *r)
{
	struct json_object *body;
	struct sim_conv *c;
	int who;

	if (ctl_begin(r, &body, &c, &who) != 0)
		return;
	sim_rt_typing(r->w, c, who);
	sim_reply(r, 200, "application/json", "{}", 2);
	json_object_put(body);
}

void
sim_ctl_react(struct sim_req *r)
{
	struct json_object *body, *x, *o;
	struct sim_conv *c;
	struct sim_message *m;
	const char *emoji;
	int who, added = 1;
	size_t i;

	if (ctl_begin(r, &body, &c, &who) != 0)
		return;
	if ((emoji = jstr(body, "emoji")) == NULL || *emoji == '\0')
		emoji = "\xf0\x9f\x91\x8d"; /* 👍 */
	if (json_object_object_get_ex(body, "added", &x))
		added = json_object_get_boolean(x);
	if ((m = body_msg(r, body, c)) == NULL)
		goto out;
	if (!sim_send_reaction(r->w, c, m, who, emoji, added)) {
		sim_reply_status(r, 409, "nobody but the user reacted so");
		goto out;
	}
	o = json_object_new_object();
	sim_jstr(o, "emoji", emoji);
	for (i = 0; i < m->nreacts; i++)
		if (strcmp(m->reacts[i].emoji, emoji) == 0)
			break;
	sim_jint(o, "count", i < m->nreacts ? m->reacts[i].count : 0);
	sim_reply_json(r, 200, o);
out:
	json_object_put(body);
}

void
sim_ctl_title(struct sim_req *r)
{
	struct json_object *body, *x;
	struct sim_conv *c;

	if (ctl_begin(r, &body, &c, NULL) != 0)
		return;
	if (!json_object_object_get_ex(body, "title", &x)) {
		sim_reply_status(r, 400, "title missing (null clears it)");
		goto out;
	}
	free(c->title);
	c->title = x == NULL ? NULL : xstrdup(json_object_get_string(x));
	c->seq = sim_bump(r->w);
	sim_rt_conversation(r->w, c);
	sim_reply(r, 200, "application/json", "{}", 2);
out:
	json_object_put(body);
}

/* "count": N > 0, or until cleared (-1). */
static long
body_count(struct json_object *body)
{
	struct json_object *x;
	long long n = 0;

	if (json_object_object_get_ex(body, "count", &x))
		n = json_object_get_int64(x);
	return n > 0 ? (long)n : -1;
}

void
sim_ctl_realtime_refuse(struct sim_req *r)
{
	struct sim_world *w = r->w;
	struct json_object *body, *x;
	int status = -1;

	if ((body = sim_body_json(r)) == NULL)
		return;
	if (json_object_object_get_ex(body, "status", &x))
		status = json_object_get_int(x);
	if (status != 0 && status != 400 && status != 401 && status != 503) {
		sim_reply_status(r, 400, "status must be 400, 401, 503 or 0");
		goto out;
	}
	w->rt_refuse_status = status;
	w->rt_refuse_left = body_count(body);
	sim_reply_json(r, 200, sim_rt_state_json(w));
out:
	json_object_put(body);
}

void
sim_ctl_realtime_fault(struct sim_req *r)
{
	struct sim_world *w = r->w;
	struct json_object *body, *x;
	const char *name;
	long long bytes = HUGE_LINE_DEFAULT;
	int kind;

	if ((body = sim_body_json(r)) == NULL)
		return;
	name = jstr(body, "kind");
	if (name == NULL || (kind = sim_rt_fault_by_name(name)) < 0) {
		sim_reply_status(r, 400,
		                 "kind must be garbage, huge-line, "
		                 "silent or none");
		goto out;
	}
	if (json_object_object_get_ex(body, "bytes", &x))
		bytes = json_object_get_int64(x);
	if (bytes <= 0 || bytes > HUGE_LINE_MAX) {
		sim_reply_status(r, 400, "bytes out of range");
		goto out;
	}
	w->rt_fault = kind;
	w->rt_fault_left = body_count(body);
	w->rt_fault_bytes = (size_t)bytes;
	sim_reply_json(r, 200, sim_rt_state_json(w));
out:
	json_object_put(body);
}
