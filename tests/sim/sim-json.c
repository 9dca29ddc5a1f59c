/* sim-json.c — see sim-json.h. */
#include <stdlib.h>

#include "tests/sim/sim-json.h"
#include "tests/sim/sim-route.h"
#include "core/urn.h"
#include "core/xmalloc.h"

char *
sim_json_message_urn(const struct sim_message *m)
{
	return urn_message(sim_self_id(), m->id);
}

static const char *
distance_name(int d)
{
	static const char *const names[] = {"SELF", "DISTANCE_1", "DISTANCE_2",
	                                    "DISTANCE_3"};

	return names[d >= 0 && d <= 3 ? d : 3];
}

/* hostIdentityUrn of a person; caller frees. */
static char *
host_urn(const struct sim_person *p)
{
	if (p->party == PARTY_ORG)
		return xasprintf("urn:li:fsd_company:%s", p->id);
	if (p->party == PARTY_CUSTOM)
		return xasprintf("urn:li:msg_customParticipant:%s", p->id);
	return urn_profile(p->id);
}

struct json_object *
sim_json_participant(struct sim_world *w, int who)
{
	const struct sim_person *p = &w->people[who];
	struct json_object *o, *pt, *x;
	char *host, *u;

	o = json_object_new_object();
	host = host_urn(p);
	u = xasprintf("urn:li:msg_messagingParticipant:%s", host);
	sim_jstr(o, "entityUrn", u);
	sim_jstr(o, "hostIdentityUrn", host);
	json_object_object_add(o, "preview", NULL);
	pt = sim_jobj(o, "participantType");
	free(u);
	if (p->party == PARTY_MEMBER) {
		x = sim_jobj(pt, "member");
		sim_jtext(x, "firstName", p->first);
		sim_jtext(x, "lastName", p->last);
		sim_jtext(x, "headline", p->headline);
		u = xasprintf("https://www.linkedin.com/in/%s", p->id);
		sim_jstr(x, "profileUrl", u);
		free(u);
		sim_jstr(x, "distance", distance_name(p->distance));
		if (p->picture) {
			struct json_object *pic, *art, *a;

			pic = sim_jobj(x, "profilePicture");
			sim_jstr(pic, "rootUrl",
			         "https://media.licdn.com/dms/image/sim/");
			art = sim_jarr(pic, "artifacts");
			a = json_object_new_object();
			sim_jint(a, "width", 100);
			sim_jint(a, "height", 100);
			u = xasprintf("100_100/%s.jpg", p->id);
			sim_jstr(a, "fileIdentifyingUrlPathSegment", u);
			free(u);
			json_object_array_add(art, a);
		}
		json_object_object_add(pt, "organization", NULL);
	} else if (p->party == PARTY_ORG) {
		x = sim_jobj(pt, "organization");
		sim_jtext(x, "name", p->first);
		u = xasprintf("https://www.linkedin.com/company/%s/", p->id);
		sim_jstr(x, "pageUrl", u);
		free(u);
	} else {
		x = sim_jobj(pt, "custom");
		sim_jtext(x, "name", p->first);
	}
	free(host);
	return o;
}

static struct json_object *
attachment(const struct sim_message *m)
{
	struct json_object *o = json_object_new_object(), *x, *a;

	switch (m->attach) {
	case 1:
		x = sim_jobj(o, "file");
		sim_jstr(x, "name", "Résumé — 2026 final (2).pdf");
		sim_jint(x, "byteSize", 182734);
		sim_jstr(x, "mediaType", "application/pdf");
		sim_jstr(x, "url",
		         "https://www.linkedin.com/dms/prv/file/"
		         "sim-resume.pdf");
		break;
	case 2:
		x = sim_jobj(o, "vectorImage");
		sim_jstr(x, "rootUrl",
		         "https://media.licdn.com/dms/image/sim/");
		a = json_object_new_object();
		sim_jint(a, "width", 800);
		sim_jint(a, "height", 600);
		sim_jstr(a, "fileIdentifyingUrlPathSegment",
		         "800_600/photo.jpg");
		json_object_array_add(sim_jarr(x, "artifacts"), a);
		break;
	case 3:
		x = sim_jobj(o, "externalMedia");
		sim_jstr(x, "title", "cat typing.gif");
		sim_jstr(sim_jobj(x, "media"), "url",
		         "https://media.tenor.com/sim/cat-typing.gif");
		break;
	default:
		x = sim_jobj(o, "repliedMessageContent");
		sim_jint(x, "originalSendAt", m->at - 3600000);
		sim_jtext(x, "messageBody", "Could you send me the slides?");
		break;
	}
	return o;
}

struct json_object *
sim_json_message(struct sim_world *w, const struct sim_conv *c,
                 const struct sim_message *m)
{
	static const char *const formats[] = {"DEFAULT", "EDITED", "RECALLED",
	                                      "SYSTEM"};
	struct json_object *o, *x, *arr;
	char *u, *host;
	size_t i;

	o = json_object_new_object();
	sim_jstr(o, "_type", "com.linkedin.messenger.Message");
	u = sim_json_message_urn(m);
	sim_jstr(o, "entityUrn", u);
	free(u);
	sim_jint(o, "deliveredAt", m->at);
	sim_jstr(o, "originToken", m->sender == 0 ? m->origin : NULL);
	x = sim_jobj(o, "body");
	sim_jstr(x, "text", m->text);
	sim_jarr(x, "attributes");
	sim_jstr(o, "messageBodyRenderFormat", formats[m->format]);
	x = sim_jobj(o, "sender");
	host = host_urn(&w->people[m->sender]);
	sim_jstr(x, "hostIdentityUrn", host);
	u = xasprintf("urn:li:msg_messagingParticipant:%s", host);
	sim_jstr(x, "entityUrn", u);
	free(u);
	free(host);
	json_object_object_add(
	    o, "actor",
	    m->no_actor ? NULL : sim_json_participant(w, m->sender));
	u = xasprintf("urn:li:messagingThread:%s", c->thread);
	sim_jstr(o, "backendConversationUrn", u);
	free(u);
	sim_jstr(sim_jobj(o, "conversation"), "entityUrn", c->urn);
	arr = sim_jarr(o, "renderContent");
	if (m->attach)
		json_object_array_add(arr, attachment(m));
	arr = sim_jarr(o, "reactionSummaries");
	for (i = 0; i < m->nreacts; i++) {
		x = json_object_new_object();
		sim_jstr(x, "emoji", m->reacts[i].emoji);
		sim_jint(x, "count", m->reacts[i].count);
		sim_jbool(x, "viewerReacted", m->reacts[i].viewer);
		sim_jint(x, "firstReactedAt", m->reacts[i].first_at);
		json_object_array_add(arr, x);
	}
	return o;
}

struct json_object *
sim_json_conversation(struct sim_world *w, const struct sim_conv *c)
{
	struct json_object *o, *arr;
	char *u;
	size_t i;
	int b;

	o = json_object_new_object();
	sim_jstr(o, "_type", "com.linkedin.messenger.Conversation");
	sim_jstr(o, "entityUrn", c->urn);
	u = xasprintf("urn:li:messagingThread:%s", c->thread);
	sim_jstr(o, "backendUrn", u);
	free(u);
	sim_jint(o, "lastActivityAt", sim_conv_last(c));
	sim_jint(o, "createdAt", c->created);
	sim_jint(o, "lastReadAt", c->last_read);
	sim_jbool(o, "read", c->unread == 0);
	sim_jint(o, "unreadCount", c->unread);
	sim_jbool(o, "groupChat", c->group);
	sim_jstr(o, "title", c->title);
	arr = sim_jarr(o, "categories");
	for (b = 0; b < CAT_COUNT; b++)
		if (c->cats & (1u << b))
			json_object_array_add(
			    arr, json_object_new_string(sim_cat_name(b)));
	arr = sim_jarr(o, "conversationParticipants");
	for (i = 0; i < c->nwho; i++)
		json_object_array_add(arr, sim_json_participant(w, c->who[i]));
	json_object_array_add(arr, sim_json_participant(w, 0));
	if (c->nmsgs > 0)
		json_object_array_add(
		    sim_jarr(sim_jobj(o, "messages"), "elements"),
		    sim_json_message(w, c, &c->msgs[c->nmsgs - 1]));
	return o;
}
