/* cli-json.c — see cli-json.h. */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "tui/cli-json.h"
#include "core/urn.h"
#include "core/utf8.h"
#include "core/voyager-invite.h"
#include "core/voyager-msg.h"
#include "core/voyager-profile.h"
#include "core/voyager-rt.h"
#include "core/voyager-search.h"
#include "core/voyager.h"
#include "core/xmalloc.h"

/* Adds key: s (sanitised) or null. */
static void
put_str(struct json_object *o, const char *key, const char *s)
{
	char *t;

	if (s == NULL) {
		json_object_object_add(o, key, NULL);
		return;
	}
	t = utf8_sanitize(s, strlen(s), UTF8_SAN_NEWLINES);
	json_object_object_add(o, key, json_object_new_string(t));
	free(t);
}

static void
put_bool(struct json_object *o, const char *key, int v)
{
	json_object_object_add(o, key, json_object_new_boolean(v != 0));
}

static void
put_int(struct json_object *o, const char *key, int64_t v)
{
	json_object_object_add(o, key, json_object_new_int64(v));
}

struct json_object *
cli_json_me(const struct voyager_me *me)
{
	struct json_object *o = json_object_new_object();

	put_str(o, "urn_id", me->urn_id);
	put_str(o, "firstName", me->first_name);
	put_str(o, "lastName", me->last_name);
	put_str(o, "occupation", me->occupation);
	put_str(o, "publicIdentifier", me->public_id);
	put_str(o, "mailbox_urn", me->profile_urn);
	return o;
}

static struct json_object *
cli_json_participant(const struct voyager_participant *p)
{
	struct json_object *o = json_object_new_object();

	put_str(o, "urn_id", p->urn_id);
	if (p->kind == VOYAGER_PARTY_MEMBER) {
		put_str(o, "firstName", p->first_name);
		put_str(o, "lastName", p->last_name);
	} else {
		put_str(o, "firstName", p->org_name);
		put_str(o, "lastName", "");
	}
	put_str(o, "headline", p->headline);
	put_str(o, "profileUrl",
	        p->profile_url != NULL ? p->profile_url : p->page_url);
	return o;
}

struct json_object *
cli_json_conversation(const struct voyager_conversation *c)
{
	struct json_object *o = json_object_new_object(), *a, *m;
	size_t i;

	put_str(o, "conversation_urn", c->urn);
	put_str(o, "thread_id", c->thread_id);
	put_bool(o, "read", c->read);
	put_int(o, "unread_count", c->unread_count);
	put_int(o, "last_activity_at", c->last_activity_at);
	put_bool(o, "group_chat", c->group_chat);
	put_str(o, "title",
	        c->title != NULL && *c->title != '\0' ? c->title : NULL);
	a = json_object_new_array();
	for (i = 0; i < c->nparticipants; i++) {
		if (!c->participants[i].is_self)
			json_object_array_add(
			    a, cli_json_participant(&c->participants[i]));
	}
	json_object_object_add(o, "participants", a);
	if (c->last_message != NULL) {
		m = json_object_new_object();
		put_str(m, "text", c->last_message->text);
		put_str(m, "sender_urn_id", c->last_message->sender_urn_id);
		put_bool(m, "is_from_me", c->last_message->is_from_me);
		put_int(m, "delivered_at", c->last_message->delivered_at);
		json_object_object_add(o, "last_message", m);
	} else
		json_object_object_add(o, "last_message", NULL);
	return o;
}

struct json_object *
cli_json_message(const struct voyager_message *m)
{
	struct json_object *o = json_object_new_object();

	put_str(o, "message_urn", m->urn);
	put_str(o, "text", m->text);
	put_str(o, "sender_urn_id", m->sender_urn_id);
	put_str(o, "sender_name", m->sender_name);
	put_bool(o, "is_from_me", m->is_from_me);
	put_int(o, "delivered_at", m->delivered_at);
	put_str(o, "render_format", m->render_format);
	return o;
}

struct json_object *
cli_json_sent(const struct voyager_message *m)
{
	struct json_object *o = json_object_new_object();
	char *thread = m->conversation_urn != NULL
	                   ? urn_thread_id(m->conversation_urn)
	                   : NULL;

	put_str(o, "message_urn", m->urn);
	put_str(o, "conversation_urn", m->conversation_urn);
	put_str(o, "thread_id", thread);
	put_str(o, "origin_token", m->origin_token);
	put_int(o, "delivered_at", m->delivered_at);
	free(thread);
	return o;
}

struct json_object *
cli_json_profile(const struct voyager_profile *p)
{
	struct json_object *o = json_object_new_object(), *g;

	put_str(o, "firstName", p->first_name);
	put_str(o, "lastName", p->last_name);
	put_str(o, "headline", p->headline);
	put_str(o, "summary", p->summary);
	put_str(o, "publicIdentifier", p->public_id);
	put_str(o, "entityUrn", p->entity_urn);
	put_str(o, "urn_id", p->urn_id);
	put_str(o, "member_urn", p->member_urn);
	put_bool(o, "premium", p->premium);
	put_str(o, "locationName", p->location_name);
	put_str(o, "displayPictureUrl", p->display_picture_url);
	put_str(o, "img_100_100", p->img_100_100);
	put_str(o, "img_200_200", p->img_200_200);
	put_str(o, "img_400_400", p->img_400_400);
	put_str(o, "img_800_800", p->img_800_800);
	put_str(o, "backgroundPictureUrl", p->background_picture_url);
	g = json_object_new_object();
	put_str(g, "geoUrn", p->geo_urn);
	put_str(g, "postalCode", p->postal_code);
	json_object_object_add(o, "geoLocation", g);
	put_str(o, "geoLocationName", p->geo_location_name);
	put_str(o, "industryName", p->industry_name);
	put_str(o, "industryUrn", p->industry_urn);
	put_str(o, "address", p->address);
	put_bool(o, "memorialized", p->memorialized);
	put_str(o, "versionTag", p->version_tag);
	return o;
}

struct json_object *
cli_json_invitation(const struct voyager_invitation *i)
{
	struct json_object *o = json_object_new_object(), *f;

	put_str(o, "id", i->id);
	put_str(o, "entityUrn", i->urn);
	put_str(o, "sharedSecret", i->shared_secret);
	put_int(o, "sentTime", i->sent_time);
	put_str(o, "message", i->message);
	f = json_object_new_object();
	put_str(f, "firstName", i->first_name);
	put_str(f, "lastName", i->last_name);
	put_str(f, "occupation", i->occupation);
	put_str(f, "publicIdentifier", i->public_id);
	put_str(f, "urn_id", i->from_urn_id);
	json_object_object_add(o, "fromMember", f);
	return o;
}

struct json_object *
cli_json_person(const struct voyager_person *p)
{
	struct json_object *o = json_object_new_object();

	put_str(o, "urn_id", p->urn_id);
	put_str(o, "name", p->name);
	put_str(o, "jobtitle", p->jobtitle);
	put_str(o, "location", p->location);
	put_str(o, "distance", p->distance);
	put_str(o, "public_id", p->public_id);
	return o;
}

/* The JSON Lines name of an event, or NULL for one `watch` leaves out. */
static const char *
cli_event_name(const struct voyager_rt_event *ev)
{
	switch (ev->kind) {
	case VOYAGER_RT_MESSAGE:
		return ev->has_message ? "message" : NULL;
	case VOYAGER_RT_CONVERSATION:
		return ev->has_conversation ? "read" : NULL;
	case VOYAGER_RT_CONV_DELETE:
		return "deleted";
	case VOYAGER_RT_SEEN:
		return "seen";
	case VOYAGER_RT_TYPING:
		return "typing";
	case VOYAGER_RT_REACTION:
		return "reaction";
	default:
		return NULL;
	}
}

struct json_object *
cli_json_event(const struct voyager_rt_event *ev)
{
	const char *name = cli_event_name(ev);
	struct json_object *o;

	if (name == NULL)
		return NULL;
	o = json_object_new_object();
	put_str(o, "event", name);
	switch (ev->kind) {
	case VOYAGER_RT_MESSAGE:
		put_str(o, "conversation_urn", ev->message.conversation_urn);
		put_str(o, "message_urn", ev->message.urn);
		put_str(o, "sender_urn_id", ev->message.sender_urn_id);
		put_str(o, "sender_name", ev->message.sender_name);
		put_bool(o, "is_from_me", ev->message.is_from_me);
		put_int(o, "delivered_at", ev->message.delivered_at);
		put_str(o, "render_format", ev->message.render_format);
		put_str(o, "origin_token", ev->message.origin_token);
		put_str(o, "text", ev->message.text);
		break;
	case VOYAGER_RT_CONVERSATION:
		put_str(o, "conversation_urn", ev->conversation.urn);
		put_bool(o, "read", ev->conversation.read);
		put_int(o, "unread_count", ev->conversation.unread_count);
		put_str(o, "title", ev->conversation.title);
		break;
	case VOYAGER_RT_REACTION:
		put_str(o, "message_urn", ev->msg_urn);
		put_str(o, "sender_urn_id", ev->who_urn);
		put_str(o, "emoji", ev->reaction.emoji);
		put_int(o, "count", ev->reaction.count);
		put_bool(o, "added", ev->added);
		put_bool(o, "viewer_reacted", ev->reaction.viewer_reacted);
		break;
	default:
		put_str(o, "conversation_urn", ev->conv_urn);
		if (ev->kind == VOYAGER_RT_SEEN) {
			put_str(o, "message_urn", ev->msg_urn);
			put_int(o, "seen_at", ev->at_ms);
		}
		if (ev->kind != VOYAGER_RT_CONV_DELETE) {
			put_str(o, "sender_urn_id", ev->who_urn);
			put_str(o, "sender_name", ev->who_name);
		}
		break;
	}
	return o;
}
