/* sim-invite.c — connection requests and received invitations (API.md §4).
 *
 * A request to someone already connected (distance 1) or already invited
 * answers 400 CANT_RESEND_YET.  The weekly quota (--invite-quota N) counts
 * requests with a customMessage; past it the answer is 429
 * CUSTOM_INVITE_LIMIT_REACHED.  customMessage is limited to 300 characters
 * (Unicode code points).  Accept and ignore check the shared secret and
 * that invitationId matches the path.
 */
#include <string.h>

#include "tests/sim/sim-msg.h"
#include "tests/sim/sim-route.h"
#include "core/urn.h"
#include "core/xmalloc.h"

static void
reply_code(struct sim_req *r, int status, const char *code)
{
	struct json_object *o = json_object_new_object(), *d;

	d = sim_jobj(o, "data");
	sim_jstr(d, "code", code);
	sim_jint(d, "status", status);
	sim_jarr(o, "included");
	sim_reply_json(r, status, o);
}

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static long
custom_sent(const struct sim_world *w)
{
	size_t i;
	long n = 0;

	for (i = 0; i < w->ninv_sent; i += 2)
		if (w->inv_sent[i + 1][0] != '\0')
			n++;
	return n;
}

void
sim_invite_add(struct sim_req *r)
{
	struct sim_world *w = r->w;
	struct json_object *body, *x, *o, *d;
	const char *urn = NULL, *msg = NULL;
	struct sim_person *p;
	struct urn u;
	int who = -1;
	char *s;

	if ((body = sim_body_json(r)) == NULL)
		return;
	if (json_object_object_get_ex(body, "invitee", &x) &&
	    json_object_object_get_ex(x, "inviteeUnion", &x) &&
	    json_object_object_get_ex(x, "memberProfile", &x))
		urn = json_object_get_string(x);
	if (json_object_object_get_ex(body, "customMessage", &x))
		msg = json_object_get_string(x);
	if (urn == NULL || urn_parse(urn, &u, NULL) != LC_OK) {
		sim_reply_status(r, 400,
		                 "invitee.inviteeUnion.memberProfile "
		                 "missing");
		goto out;
	}
	if (u.kind == URN_FSD_PROFILE)
		who = sim_person_by_id(w, u.id);
	urn_free(&u);
	if (msg != NULL && utf8_chars(msg) > 300) {
		sim_reply_status(r, 400,
		                 "customMessage is longer than 300 "
		                 "characters");
		goto out;
	}
	if (who < 0) {
		sim_reply_status(r, 404, "no such profile");
		goto out;
	}
	p = &w->people[who];
	if (msg != NULL && *msg != '\0' && w->opts.invite_quota > 0 &&
	    custom_sent(w) >= w->opts.invite_quota) {
		reply_code(r, 429, "CUSTOM_INVITE_LIMIT_REACHED");
		goto out;
	}
	if (who == 0 || p->distance == 1 || p->invited) {
		reply_code(r, 400, "CANT_RESEND_YET");
		goto out;
	}
	p->invited = 1;
	w->inv_sent =
	    xreallocarray(w->inv_sent, w->ninv_sent + 2, sizeof(*w->inv_sent));
	w->inv_sent[w->ninv_sent++] = xstrdup(urn);
	w->inv_sent[w->ninv_sent++] = xstrdup(msg ? msg : "");
	o = json_object_new_object();
	d = sim_jobj(o, "data");
	sim_jstr(d, "$type",
	         "com.linkedin.voyager.dash.relationships."
	         "InvitationCreationResult");
	s = xasprintf("urn:li:fsd_invitation:720%07zu", w->ninv_sent / 2);
	sim_jstr(sim_jobj(d, "value"), "*invitation", s);
	free(s);
	sim_jarr(o, "included");
	sim_reply_json(r, 200, o);
	r->out_type = "application/vnd.linkedin.normalized+json+2.1";
out:
	json_object_put(body);
}

void
sim_invite_list(struct sim_req *r)
{
	struct sim_world *w = r->w;
	const char *q = sim_arg(r, "q");
	struct json_object *o, *els, *pg, *inv, *fm;
	long long start = 0, count = 20;
	size_t i, total = 0, shown = 0;
	char *s;

	if (q == NULL || strcmp(q, "receivedInvitation") != 0 ||
	    (sim_arg(r, "start") &&
	     (sim_parse_ll(sim_arg(r, "start"), &start) != 0 || start < 0)) ||
	    (sim_arg(r, "count") &&
	     (sim_parse_ll(sim_arg(r, "count"), &count) != 0 || count < 0 ||
	      count > 100))) {
		sim_reply_status(r, 400,
		                 "q=receivedInvitation, start and "
		                 "count expected");
		return;
	}
	o = json_object_new_object();
	els = sim_jarr(o, "elements");
	for (i = 0; i < w->ninvites; i++) {
		const struct sim_invite *v = &w->invites[i];
		const struct sim_person *p = &w->people[v->from];

		if (v->done)
			continue;
		if (total++ < (size_t)start || shown >= (size_t)count)
			continue;
		shown++;
		inv = json_object_new_object();
		json_object_array_add(els, inv);
		inv = sim_jobj(inv, "invitation");
		s = xasprintf("urn:li:fs_relInvitation:%lld", v->number);
		sim_jstr(inv, "entityUrn", s);
		free(s);
		sim_jstr(inv, "sharedSecret", v->secret);
		sim_jint(inv, "sentTime", v->sent);
		sim_jstr(inv, "message", v->message);
		fm = sim_jobj(inv, "fromMember");
		sim_jstr(fm, "firstName", p->first);
		sim_jstr(fm, "lastName", p->last);
		sim_jstr(fm, "occupation", p->headline);
		sim_jstr(fm, "publicIdentifier", p->public_id);
		s = xasprintf("urn:li:fs_miniProfile:%s", p->id);
		sim_jstr(fm, "entityUrn", s);
		free(s);
	}
	pg = sim_jobj(o, "paging");
	sim_jint(pg, "start", start);
	sim_jint(pg, "count", count);
	sim_jint(pg, "total", (long long)total);
	sim_reply_json(r, 200, o);
}

static void
invite_answer(struct sim_req *r, int accept)
{
	struct sim_world *w = r->w;
	const char *num = r->seg[r->nseg - 1], *id, *secret;
	struct json_object *body, *x;
	struct sim_invite *v = NULL;
	long long n;
	size_t i;

	if ((body = sim_body_json(r)) == NULL)
		return;
	if (sim_parse_ll(num, &n) == 0)
		for (i = 0; i < w->ninvites; i++)
			if (w->invites[i].number == n && !w->invites[i].done)
				v = &w->invites[i];
	id = json_object_object_get_ex(body, "invitationId", &x)
	         ? json_object_get_string(x)
	         : NULL;
	secret = json_object_object_get_ex(body, "invitationSharedSecret", &x)
	             ? json_object_get_string(x)
	             : NULL;
	if (v == NULL)
		sim_reply_status(r, 404, "no such invitation");
	else if (id == NULL || strcmp(id, num) != 0 || secret == NULL ||
	         strcmp(secret, v->secret) != 0)
		sim_reply_status(r, 400,
		                 "invitationId or "
		                 "invitationSharedSecret does not match");
	else {
		v->done = accept ? 1 : 2;
		if (accept)
			w->people[v->from].distance = 1;
		sim_reply(r, 200, "application/json", "{}", 2);
	}
	json_object_put(body);
}

void
sim_invite_accept(struct sim_req *r)
{
	invite_answer(r, 1);
}

void
sim_invite_ignore(struct sim_req *r)
{
	invite_answer(r, 0);
}
