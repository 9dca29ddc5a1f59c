/* sim-send.c — the messaging actions of API.md §6: createMessage, mark
 * read/unread, typing, react/unreact, edit, recall, delete conversation,
 * delivery acknowledgement.
 *
 * createMessage stores the originToken on the message, so a client that
 * reads the thread after a failed send finds its own message; with
 * dedupeByClientGeneratedToken:true a second send with the same token
 * answers with the first message and creates nothing.  Edit and recall
 * work on the user's own messages only (403 otherwise).
 */
#include <stdlib.h>
#include <string.h>

#include "core/restli.h"
#include "tests/sim/sim-folder.h"
#include "tests/sim/sim-json.h"
#include "tests/sim/sim-msg.h"
#include "tests/sim/sim-route.h"
#include "tests/sim/sim-rt.h"
#include "core/urn.h"
#include "core/xmalloc.h"

static const char *
jget_str(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static struct json_object *
jget_obj(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_object))
		return NULL;
	return v;
}

static void
reply_empty_object(struct sim_req *r)
{
	sim_reply(r, 200, "application/json", "{}", 2);
}

/* The conversation of the user with exactly these people, or a new one. */
static struct sim_conv *
conv_with(struct sim_world *w, const int *who, size_t n)
{
	size_t i, k, j;

	for (i = 0; i < w->nconvs; i++) {
		struct sim_conv *c = &w->convs[i];

		if (c->deleted || c->nwho != n)
			continue;
		for (k = 0; k < n; k++) {
			for (j = 0; j < n && c->who[j] != who[k]; j++)
				;
			if (j == n)
				break;
		}
		if (k == n)
			return c;
	}
	return sim_conv_new(w, who, n);
}

/* Recipients from hostRecipientUrns (top level, or inside message). */
static struct sim_conv *
conv_for_recipients(struct sim_req *r, struct json_object *body,
                    struct json_object *msg)
{
	struct json_object *arr;
	struct sim_conv *c = NULL;
	int who[16];
	size_t n, i;

	if (!json_object_object_get_ex(body, "hostRecipientUrns", &arr) &&
	    !json_object_object_get_ex(msg, "hostRecipientUrns", &arr))
		arr = NULL;
	if (arr == NULL || !json_object_is_type(arr, json_type_array) ||
	    (n = json_object_array_length(arr)) == 0 || n > 16) {
		sim_reply_status(r, 400,
		                 "conversationUrn or "
		                 "hostRecipientUrns needed");
		return NULL;
	}
	for (i = 0; i < n; i++) {
		const char *s =
		    json_object_get_string(json_object_array_get_idx(arr, i));
		struct urn u;
		int p = -1;

		if (s != NULL && urn_parse(s, &u, NULL) == LC_OK) {
			if (u.kind == URN_FSD_PROFILE)
				p = sim_person_by_id(r->w, u.id);
			urn_free(&u);
		}
		if (p <= 0) {
			sim_reply_status(r, 400, "unknown recipient");
			return NULL;
		}
		who[i] = p;
	}
	c = conv_with(r->w, who, n);
	return c;
}

static struct sim_message *
find_origin(struct sim_conv *c, const char *origin)
{
	size_t i;

	for (i = 0; i < c->nmsgs; i++)
		if (c->msgs[i].origin != NULL &&
		    strcmp(c->msgs[i].origin, origin) == 0)
			return &c->msgs[i];
	return NULL;
}

static void
record_sent(struct sim_world *w, struct sim_conv *c, struct sim_message *m)
{
	struct sim_sent *s;

	w->sent = xreallocarray(w->sent, w->nsent + 1, sizeof(*w->sent));
	s = &w->sent[w->nsent++];
	s->conv_urn = xstrdup(c->urn);
	s->text = xstrdup(m->text);
	s->origin = xstrdup(m->origin);
	s->msg_urn = sim_json_message_urn(m);
}

void
sim_send_create(struct sim_req *r)
{
	struct sim_world *w = r->w;
	struct json_object *body, *msg, *mb, *o, *val, *d;
	struct sim_conv *c;
	struct sim_message *m = NULL;
	const char *origin, *text, *cu, *mbx;
	char *u;
	int dedupe = 0;
	size_t nconvs = w->nconvs;

	if ((body = sim_body_json(r)) == NULL)
		return;
	msg = jget_obj(body, "message");
	origin = jget_str(msg, "originToken");
	mb = jget_obj(msg, "body");
	text = jget_str(mb, "text");
	mbx = jget_str(body, "mailboxUrn");
	if (msg == NULL || origin == NULL || *origin == '\0' || text == NULL ||
	    jget_str(body, "trackingId") == NULL) {
		sim_reply_status(r, 400,
		                 "message.originToken, message.body."
		                 "text and trackingId are required");
		goto out;
	}
	if (mbx == NULL || strcmp(mbx, sim_self_urn()) != 0) {
		sim_reply_status(r, 400, "mailboxUrn missing or not yours");
		goto out;
	}
	if (json_object_object_get_ex(body, "dedupeByClientGeneratedToken", &d))
		dedupe = json_object_get_boolean(d);
	if ((cu = jget_str(msg, "conversationUrn")) != NULL) {
		if ((c = sim_conv_by_urn(w, cu)) == NULL) {
			sim_reply_status(r, 404, "no such conversation");
			goto out;
		}
	} else if ((c = conv_for_recipients(r, body, msg)) == NULL)
		goto out;
	if (dedupe)
		m = find_origin(c, origin);
	if (m == NULL) {
		m = sim_conv_add(w, c, 0, text, origin);
		record_sent(w, c, m);
		sim_folder_replied(w, c);
		if (w->nconvs > nconvs) /* a new conversation */
			sim_rt_conversation(w, c);
		sim_rt_message(w, c, m);
	}

	o = json_object_new_object();
	val = sim_jobj(o, "value");
	u = sim_json_message_urn(m);
	sim_jstr(val, "entityUrn", u);
	free(u);
	sim_jstr(val, "conversationUrn", c->urn);
	u = xasprintf("urn:li:messagingMessage:%s", m->id);
	sim_jstr(val, "backendUrn", u);
	free(u);
	u = xasprintf("urn:li:messagingThread:%s", c->thread);
	sim_jstr(val, "backendConversationUrn", u);
	free(u);
	sim_jstr(val, "originToken", m->origin);
	mb = sim_jobj(val, "body");
	sim_jstr(mb, "text", m->text);
	sim_jarr(mb, "attributes");
	sim_jint(val, "deliveredAt", m->at);
	sim_reply_json(r, 200, o);
out:
	json_object_put(body);
}

void
sim_send_mark(struct sim_req *r)
{
	struct sim_world *w = r->w;
	const char *raw = sim_arg_raw(r, "ids");
	struct restli_value *ids = NULL;
	struct json_object *body = NULL, *ents, *o, *res, *errs, *x;
	size_t i;

	if (raw == NULL ||
	    (ids = restli_parse(raw, strlen(raw), NULL)) == NULL ||
	    ids->type != RESTLI_LIST || ids->n == 0) {
		sim_reply_status(r, 400, "ids=List(...) missing or malformed");
		goto out;
	}
	if ((body = sim_body_json(r)) == NULL)
		goto out;
	if ((ents = jget_obj(body, "entities")) == NULL) {
		sim_reply_status(r, 400, "entities missing");
		goto out;
	}
	/* Check everything before changing anything. */
	for (i = 0; i < ids->n; i++) {
		struct json_object *set, *rd;

		if (ids->items[i]->type != RESTLI_STRING ||
		    (set = jget_obj(
		         jget_obj(jget_obj(ents, ids->items[i]->str), "patch"),
		         "$set")) == NULL ||
		    !json_object_object_get_ex(set, "read", &rd) ||
		    !json_object_is_type(rd, json_type_boolean)) {
			sim_reply_status(r, 400,
			                 "each id needs "
			                 "entities.<urn>.patch.$set.read");
			goto out;
		}
	}
	o = json_object_new_object();
	res = sim_jobj(o, "results");
	errs = sim_jobj(o, "errors");
	for (i = 0; i < ids->n; i++) {
		const char *u = ids->items[i]->str;
		struct sim_conv *c = sim_conv_by_urn(w, u);
		struct json_object *rd;
		int read;

		json_object_object_get_ex(
		    jget_obj(jget_obj(jget_obj(ents, u), "patch"), "$set"),
		    "read", &rd);
		read = json_object_get_boolean(rd);
		x = json_object_new_object();
		if (c == NULL) {
			sim_jint(x, "status", 404);
			sim_jstr(x, "message", "no such conversation");
			json_object_object_add(errs, u, x);
			continue;
		}
		sim_jint(x, "status", 204);
		json_object_object_add(res, u, x);
		if (read && c->unread) {
			c->unread = 0;
			c->last_read = sim_now(w);
			c->seq = sim_bump(w);
			sim_rt_conversation(w, c);
		} else if (!read && !c->unread) {
			c->unread = 1;
			c->seq = sim_bump(w);
			sim_rt_conversation(w, c);
		}
	}
	sim_reply_json(r, 200, o);
out:
	restli_value_free(ids);
	json_object_put(body);
}

/* Body member key as a conversation; NULL after an answer. */
static struct sim_conv *
body_conv(struct sim_req *r, struct json_object *body, const char *key)
{
	const char *u = jget_str(body, key);
	struct sim_conv *c;

	if (u == NULL) {
		sim_reply_status(r, 400, "conversationUrn missing");
		return NULL;
	}
	if ((c = sim_conv_by_urn(r->w, u)) == NULL)
		sim_reply_status(r, 404, "no such conversation");
	return c;
}

/* Body member messageUrn as a message; NULL after an answer.  own: the
 * user's own messages only. */
static struct sim_message *
body_msg(struct sim_req *r, const char *u, struct sim_conv **c, int own)
{
	struct sim_message *m;

	if (u == NULL) {
		sim_reply_status(r, 400, "messageUrn missing");
		return NULL;
	}
	if ((m = sim_msg_by_urn(r->w, u, c)) == NULL) {
		sim_reply_status(r, 404, "no such message");
		return NULL;
	}
	if (own && m->sender != 0) {
		sim_reply_status(r, 403, "not your message");
		return NULL;
	}
	return m;
}

void
sim_send_typing(struct sim_req *r)
{
	struct json_object *body;

	if ((body = sim_body_json(r)) == NULL)
		return;
	if (body_conv(r, body, "conversationUrn") != NULL) {
		r->w->typing++;
		sim_reply(r, 202, NULL, "", 0);
	}
	json_object_put(body);
}

int
sim_send_reaction(struct sim_world *w, struct sim_conv *c,
                  struct sim_message *m, int who, const char *emoji, int on)
{
	struct sim_reaction *x, sum;
	size_t i;

	for (i = 0; i < m->nreacts; i++)
		if (strcmp(m->reacts[i].emoji, emoji) == 0)
			break;
	if (on && i == m->nreacts) {
		m->reacts = xreallocarray(m->reacts, m->nreacts + 1,
		                          sizeof(*m->reacts));
		memset(&m->reacts[i], 0, sizeof(m->reacts[i]));
		m->reacts[i].emoji = xstrdup(emoji);
		m->reacts[i].first_at = sim_now(w);
		m->nreacts++;
	}
	if (i == m->nreacts)
		return 0;
	x = &m->reacts[i];
	if (who == 0) {
		if (x->viewer == on)
			return 0;
		x->viewer = on;
	} else if (!on && x->count <= x->viewer)
		return 0; /* nobody else reacted with it */
	x->count += on ? 1 : -1;
	sum = *x;
	sum.emoji = xstrdup(x->emoji);
	if (x->count <= 0) {
		free(x->emoji);
		memmove(&m->reacts[i], &m->reacts[i + 1],
		        (m->nreacts - i - 1) * sizeof(m->reacts[0]));
		m->nreacts--;
	}
	m->seq = c->seq = sim_bump(w);
	sim_rt_message(w, c, m);
	sum.count = sum.count < 0 ? 0 : sum.count;
	sim_rt_reaction(w, m, who, on, &sum);
	free(sum.emoji);
	return 1;
}

static void
react(struct sim_req *r, int on)
{
	struct sim_world *w = r->w;
	struct json_object *body;
	struct sim_message *m;
	struct sim_conv *c;
	const char *emoji;

	if ((body = sim_body_json(r)) == NULL)
		return;
	if ((emoji = jget_str(body, "emoji")) == NULL || *emoji == '\0') {
		sim_reply_status(r, 400, "emoji missing");
		goto out;
	}
	if ((m = body_msg(r, jget_str(body, "messageUrn"), &c, 0)) == NULL)
		goto out;
	sim_send_reaction(w, c, m, 0, emoji, on);
	reply_empty_object(r);
out:
	json_object_put(body);
}

void
sim_send_react(struct sim_req *r)
{
	react(r, 1);
}

void
sim_send_unreact(struct sim_req *r)
{
	react(r, 0);
}

void
sim_send_edit(struct sim_req *r)
{
	struct json_object *body;
	struct sim_message *m;
	struct sim_conv *c;
	const char *text;

	if ((body = sim_body_json(r)) == NULL)
		return;
	text = jget_str(
	    jget_obj(jget_obj(jget_obj(body, "patch"), "$set"), "body"),
	    "text");
	if (text == NULL) {
		sim_reply_status(r, 400, "patch.$set.body.text missing");
		goto out;
	}
	if ((m = body_msg(r, r->seg[r->nseg - 1], &c, 1)) == NULL)
		goto out;
	if (m->format == FMT_RECALLED) {
		sim_reply_status(r, 400, "message was deleted");
		goto out;
	}
	free(m->text);
	m->text = xstrdup(text);
	m->format = FMT_EDITED;
	m->seq = c->seq = sim_bump(r->w);
	sim_rt_message(r->w, c, m);
	reply_empty_object(r);
out:
	json_object_put(body);
}

void
sim_send_recall(struct sim_req *r)
{
	struct json_object *body;
	struct sim_message *m;
	struct sim_conv *c;

	if ((body = sim_body_json(r)) == NULL)
		return;
	if ((m = body_msg(r, jget_str(body, "messageUrn"), &c, 1)) != NULL) {
		m->text[0] = '\0';
		m->attach = 0;
		m->format = FMT_RECALLED;
		m->seq = c->seq = sim_bump(r->w);
		sim_rt_message(r->w, c, m);
		reply_empty_object(r);
	}
	json_object_put(body);
}

void
sim_send_delete(struct sim_req *r)
{
	struct sim_conv *c = sim_conv_by_urn(r->w, r->seg[r->nseg - 1]);

	if (c == NULL) {
		sim_reply_status(r, 404, "no such conversation");
		return;
	}
	c->deleted = 1;
	c->seq = sim_bump(r->w);
	sim_rt_delete(r->w, c);
	reply_empty_object(r);
}

void
sim_send_ack(struct sim_req *r)
{
	struct json_object *body, *arr;

	if ((body = sim_body_json(r)) == NULL)
		return;
	if (!json_object_object_get_ex(body, "messageUrns", &arr) ||
	    !json_object_is_type(arr, json_type_array))
		sim_reply_status(r, 400, "messageUrns missing");
	else
		sim_reply(r, 204, NULL, "", 0);
	json_object_put(body);
}
