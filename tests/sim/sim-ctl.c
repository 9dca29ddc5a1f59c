/* sim-ctl.c — the control plane under /__sim/ for tests: no auth, no
 * faults, no latency, not counted in `requests`.
 *
 *   GET  /__sim/state     what the simulator received and holds (JSON)
 *   POST /__sim/incoming  {"conversation_urn"|"thread_id"|"from"|
 *                         "new_conversation", "text"}: a message from the
 *                         other participant (docs/simulator.md)
 *   POST /__sim/fault     {"rate","faults","next","fault","endpoint"}
 *   POST /__sim/expire    every session dies (the next request gets 401)
 *   POST /__sim/realtime-drop  every open realtime stream is cut
 *
 * The realtime controls (seen, typing, react, title, realtime-refuse,
 * realtime-fault) are in sim-rt-ctl.c, /__sim/extreme in sim-extreme.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/sim/sim-fault.h"
#include "tests/sim/sim-folder.h"
#include "tests/sim/sim-json.h"
#include "tests/sim/sim-msg.h"
#include "tests/sim/sim-route.h"
#include "tests/sim/sim-rt.h"
#include "core/xmalloc.h"

void
sim_ctl_state(struct sim_req *r)
{
	struct sim_world *w = r->w;
	struct json_object *o, *x, *arr, *e;
	size_t i, live = 0, unread = 0, cat[CAT_COUNT] = {0};
	int b;

	o = json_object_new_object();
	sim_jint(o, "seed", (long long)w->opts.seed);
	sim_jstr(o, "mailbox_urn", sim_self_urn());
	x = sim_jobj(o, "requests");
	for (i = 0; i < w->ncounts; i++)
		sim_jint(x, w->counts[i].name, w->counts[i].n);
	sim_jint(x, "total", w->total);
	x = sim_jobj(o, "rate");
	for (i = 0; i < SIM_RATE_WINDOWS; i++) {
		char name[32];

		snprintf(name, sizeof(name), "max_in_%lds",
		         sim_rate_window_ms[i] / 1000);
		sim_jint(x, name, w->rate.max[i]);
	}
	sim_jint(o, "connections", w->connections);

	arr = sim_jarr(o, "sent_messages");
	for (i = 0; i < w->nsent; i++) {
		e = json_object_new_object();
		sim_jstr(e, "conversation_urn", w->sent[i].conv_urn);
		sim_jstr(e, "text", w->sent[i].text);
		sim_jstr(e, "origin_token", w->sent[i].origin);
		sim_jstr(e, "message_urn", w->sent[i].msg_urn);
		json_object_array_add(arr, e);
	}
	x = sim_jobj(o, "read");
	for (i = 0; i < w->nconvs; i++) {
		const struct sim_conv *c = &w->convs[i];

		if (c->deleted)
			continue;
		sim_jbool(x, c->urn, c->unread == 0);
		live++;
		unread += c->unread != 0;
		for (b = 0; b < CAT_COUNT; b++)
			cat[b] += (c->cats >> b) & 1;
	}
	arr = sim_jarr(o, "invitations_sent");
	for (i = 0; i < w->ninv_sent; i += 2) {
		e = json_object_new_object();
		sim_jstr(e, "profile_urn", w->inv_sent[i]);
		sim_jstr(e, "message", w->inv_sent[i + 1]);
		json_object_array_add(arr, e);
	}
	arr = sim_jarr(o, "invitations_received");
	for (i = 0; i < w->ninvites; i++) {
		char *u = xasprintf("urn:li:fs_relInvitation:%lld",
		                    w->invites[i].number);

		e = json_object_new_object();
		sim_jstr(e, "invitation_urn", u);
		sim_jstr(e, "state",
		         w->invites[i].done == 1   ? "accepted"
		         : w->invites[i].done == 2 ? "ignored"
		                                   : "pending");
		json_object_array_add(arr, e);
		free(u);
	}
	x = sim_jobj(o, "conversations");
	sim_jint(x, "total", (long long)live);
	sim_jint(x, "unread", (long long)unread);
	for (b = 0; b < CAT_COUNT; b++)
		sim_jint(x, sim_cat_name(b), (long long)cat[b]);
	json_object_object_add(o, "folders", sim_folder_state_json(w));
	sim_jint(o, "category_changes", w->category_changes);
	arr = sim_jarr(o, "deleted_conversations");
	for (i = 0; i < w->nconvs; i++)
		if (w->convs[i].deleted)
			json_object_array_add(
			    arr, json_object_new_string(w->convs[i].urn));
	sim_jint(o, "typing", w->typing);
	x = sim_jobj(o, "sessions");
	for (i = 0, live = 0; i < w->nsessions; i++)
		live += !w->sessions[i].dead;
	sim_jint(x, "live", (long long)live);
	sim_jint(x, "logins", w->logins);
	json_object_object_add(o, "faults", sim_fault_json(w->fault));
	json_object_object_add(o, "realtime", sim_rt_state_json(w));
	x = sim_jobj(o, "seen");
	for (i = 0; i < w->nconvs; i++) {
		const struct sim_conv *c = &w->convs[i];

		if (c->seen_at == 0)
			continue;
		e = sim_jobj(x, c->urn);
		sim_jstr(e, "message_urn", c->seen_msg);
		sim_jint(e, "seen_at", c->seen_at);
		sim_jstr(e, "by", w->people[c->seen_by].id);
	}
	arr = sim_jarr(o, "log");
	for (i = 0; i < w->nlog; i++)
		json_object_array_add(arr, json_object_get(w->log[i]));
	sim_reply_json(r, 200, o);
}

struct sim_conv *
sim_ctl_conv(struct sim_req *r, struct json_object *body)
{
	struct sim_conv *c = NULL;
	struct json_object *x;

	if (body && json_object_object_get_ex(body, "conversation_urn", &x))
		c = sim_conv_by_urn(r->w, json_object_get_string(x));
	else if (body && json_object_object_get_ex(body, "thread_id", &x))
		c = sim_conv_by_thread(r->w, json_object_get_string(x));
	else {
		sim_reply_status(r, 400,
		                 "conversation_urn or thread_id "
		                 "missing");
		return NULL;
	}
	if (c == NULL || c->deleted) {
		sim_reply_status(r, 404, "no such conversation");
		return NULL;
	}
	return c;
}

int
sim_ctl_person(struct sim_world *w, const char *id)
{
	static const char prefix[] = "urn:li:fsd_profile:";

	if (id == NULL)
		return -1;
	if (strncmp(id, prefix, sizeof(prefix) - 1) == 0)
		id += sizeof(prefix) - 1;
	return sim_person_by_id(w, id);
}

/* The live 1:1 of the user with person, or NULL. */
static struct sim_conv *
one_to_one(struct sim_world *w, int person)
{
	size_t i;

	for (i = 0; i < w->nconvs; i++)
		if (!w->convs[i].deleted && w->convs[i].nwho == 1 &&
		    w->convs[i].who[0] == person)
			return &w->convs[i];
	return NULL;
}

/* The conversation and sender of an /__sim/incoming body; NULL after an
 * answer.  *created is set when it is a new conversation. */
static struct sim_conv *
incoming_conv(struct sim_req *r, struct json_object *body, int *sender,
              int *created)
{
	struct sim_world *w = r->w;
	struct json_object *x;
	struct sim_conv *c = NULL;
	int fresh = 0;
	size_t i, n;

	*sender = -1;
	if (body && json_object_object_get_ex(body, "from", &x) &&
	    (*sender = sim_ctl_person(w, json_object_get_string(x))) <= 0) {
		sim_reply_status(r, 404, "no such person");
		return NULL;
	}
	if (body && json_object_object_get_ex(body, "new_conversation", &x))
		fresh = json_object_get_boolean(x);
	if (body && (json_object_object_get_ex(body, "conversation_urn", &x) ||
	             json_object_object_get_ex(body, "thread_id", &x)))
		c = sim_ctl_conv(r, body);
	else if (fresh || *sender > 0) {
		if (*sender <= 0) /* the next member in a fixed rotation */
			*sender = 1 + (int)(w->incoming_next++ % w->nmembers);
		if (!fresh)
			c = one_to_one(w, *sender);
		if (c == NULL) {
			c = sim_conv_new(w, sender, 1);
			*created = 1;
		}
	} else {
		/* The next live conversation in a fixed rotation. */
		for (n = 0; n < w->nconvs && c == NULL; n++) {
			i = w->incoming_next++ % w->nconvs;
			if (!w->convs[i].deleted)
				c = &w->convs[i];
		}
		if (c == NULL)
			sim_reply_status(r, 404, "no such conversation");
	}
	return c;
}

void
sim_ctl_incoming(struct sim_req *r)
{
	struct sim_world *w = r->w;
	struct json_object *body = NULL, *x, *o;
	struct sim_conv *c;
	struct sim_message *m;
	const char *text = NULL;
	char *u;
	int sender, created = 0, was_read;
	size_t i;

	if (r->body.len > 0 && (body = sim_body_json(r)) == NULL)
		return;
	if ((c = incoming_conv(r, body, &sender, &created)) == NULL)
		goto out;
	for (i = 0; i < c->nwho && c->who[i] != sender; i++)
		;
	if (i == c->nwho && sender > 0) {
		sim_reply_status(r, 400, "from is not in that conversation");
		goto out;
	}
	if (i == c->nwho)
		sender = c->who[0];
	if (body && json_object_object_get_ex(body, "text", &x))
		text = json_object_get_string(x);
	if (text == NULL)
		text = sim_gen_text(&w->rng, w->opts.hostile);
	was_read = c->unread == 0;
	m = sim_conv_add(w, c, sender, text, NULL);
	if (created)
		sim_rt_conversation(w, c);
	sim_rt_message(w, c, m);
	if (!created && was_read) /* read state: read -> unread */
		sim_rt_conversation(w, c);
	o = json_object_new_object();
	u = sim_json_message_urn(m);
	sim_jstr(o, "message_urn", u);
	free(u);
	sim_jstr(o, "conversation_urn", c->urn);
	sim_jstr(o, "thread_id", c->thread);
	sim_jint(o, "delivered_at", m->at);
	sim_jbool(o, "created", created);
	sim_reply_json(r, 200, o);
out:
	json_object_put(body);
}

void
sim_ctl_fault(struct sim_req *r)
{
	struct json_object *body;
	const char *why = NULL;

	if ((body = sim_body_json(r)) == NULL)
		return;
	if (sim_fault_configure(r->w->fault, body, &why) != 0)
		sim_reply_status(r, 400, why);
	else
		sim_reply_json(r, 200, sim_fault_json(r->w->fault));
	json_object_put(body);
}

void
sim_ctl_expire(struct sim_req *r)
{
	size_t i;

	for (i = 0; i < r->w->nsessions; i++)
		r->w->sessions[i].dead = 1;
	pthread_cond_broadcast(&r->w->rt_cond);
	sim_reply(r, 200, "application/json", "{}", 2);
}

void
sim_ctl_realtime_drop(struct sim_req *r)
{
	sim_rt_drop(r->w);
	sim_reply(r, 200, "application/json", "{}", 2);
}
