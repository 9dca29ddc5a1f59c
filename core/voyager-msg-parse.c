/* voyager-msg-parse.c — the pure mappers of voyager-msg.h: JSON text in,
 * voyager_* structs out, no HTTP (the fuzz harness drives them directly).
 *
 * The mappers walk jsonx trees with its getters, so every field is
 * optional and unknown ones are ignored; the only hard requirement is the
 * GraphQL root under "data" (recognised by name, as query ids rotate) and
 * an entityUrn per element (elements without one are skipped).
 */
#include <stdlib.h>
#include <string.h>

#include "core/jsonx.h"
#include "core/urn.h"
#include "core/voyager-msg-int.h"
#include "core/voyager-msg.h"
#include "core/xmalloc.h"

static char *
msg_text_of(const struct jsonx *o, const char *key)
{
	const struct jsonx *v = jsonx_member(o, key);

	if (jsonx_type(v) == JSONX_STRING)
		return jsonx_dup_str(v, NULL);
	return jsonx_dup_str(v, "text");
}

void
voyager_participant_map(const struct jsonx *o, const char *mailbox,
                        struct voyager_participant *p)
{
	const struct jsonx *pt = jsonx_get_obj(o, "participantType");
	const struct jsonx *mem = jsonx_get_obj(pt, "member");
	const struct jsonx *org = jsonx_get_obj(pt, "organization");
	const struct jsonx *cus = jsonx_get_obj(pt, "custom");

	memset(p, 0, sizeof *p);
	p->urn_id = urn_profile_id(jsonx_get_str(o, "hostIdentityUrn"));
	if (p->urn_id == NULL)
		p->urn_id = urn_profile_id(jsonx_get_str(o, "entityUrn"));
	if (mem != NULL) {
		p->kind = VOYAGER_PARTY_MEMBER;
		p->first_name = msg_text_of(mem, "firstName");
		p->last_name = msg_text_of(mem, "lastName");
		p->headline = msg_text_of(mem, "headline");
		p->profile_url = jsonx_dup_str(mem, "profileUrl");
		p->distance = jsonx_dup_str(mem, "distance");
	} else if (org != NULL) {
		p->kind = VOYAGER_PARTY_ORGANIZATION;
		p->org_name = msg_text_of(org, "name");
		p->page_url = jsonx_dup_str(org, "pageUrl");
	} else if (cus != NULL) {
		p->kind = VOYAGER_PARTY_CUSTOM;
		p->org_name = msg_text_of(cus, "name");
	} else
		p->kind = VOYAGER_PARTY_UNKNOWN;
	p->is_self =
	    (p->distance != NULL && strcmp(p->distance, "SELF") == 0) ||
	    (mailbox != NULL && p->urn_id != NULL &&
	     strcmp(p->urn_id, mailbox) == 0);
}

/* The URL of the largest artifact of a vectorImage, or NULL. */
static char *
msg_vector_url(const struct jsonx *vi)
{
	const char *root = jsonx_get_str(vi, "rootUrl");
	const struct jsonx *arts = jsonx_get_arr(vi, "artifacts");
	const char *best = NULL;
	int64_t bestw = -1;
	size_t i, n = arts != NULL ? jsonx_count(arts) : 0;

	for (i = 0; i < n; i++) {
		const struct jsonx *a = jsonx_at(arts, i);
		const char *seg =
		    jsonx_get_str(a, "fileIdentifyingUrlPathSegment");
		int64_t w = jsonx_get_int(a, "width", 0);

		if (seg != NULL && w > bestw) {
			best = seg;
			bestw = w;
		}
	}
	if (best == NULL)
		return xstrdup_or_null(jsonx_get_str(vi, "url"));
	return xasprintf("%s%s", root != NULL ? root : "", best);
}

static void
msg_attachment_map(const char *kind, const struct jsonx *v,
                   struct voyager_attachment *a)
{
	static const char *const names[] = {
	    "name",     "title.text",         "title",
	    "fileName", "originalSenderName", NULL};
	static const char *const urls[] = {"url", "originalUrl", "previewUrl",
	                                   "media.url", NULL};
	size_t i;

	memset(a, 0, sizeof *a);
	a->kind = xstrdup(kind);
	for (i = 0; names[i] != NULL && a->name == NULL; i++)
		a->name = jsonx_dup_str(v, names[i]);
	if (strcmp(kind, "vectorImage") == 0)
		a->url = msg_vector_url(v);
	for (i = 0; urls[i] != NULL && a->url == NULL; i++)
		a->url = jsonx_dup_str(v, urls[i]);
}

static void
msg_attachments_map(const struct jsonx *arr, struct voyager_message *m)
{
	size_t i, n = jsonx_count(arr);

	for (i = 0; i < n; i++) {
		const struct jsonx *e = jsonx_at(arr, i);
		size_t k, nk = jsonx_count(e);

		if (jsonx_type(e) != JSONX_OBJECT)
			continue;
		for (k = 0; k < nk; k++) {
			const char *key = jsonx_key_at(e, k);
			const struct jsonx *val = jsonx_at(e, k);

			if (key[0] == '_' || key[0] == '$' ||
			    jsonx_type(val) != JSONX_OBJECT)
				continue;
			m->attachments =
			    xreallocarray(m->attachments, m->nattachments + 1,
			                  sizeof *m->attachments);
			msg_attachment_map(key, val,
			                   &m->attachments[m->nattachments++]);
		}
	}
}

static void
msg_reactions_map(const struct jsonx *arr, struct voyager_message *m)
{
	size_t i, n = jsonx_count(arr);

	m->reactions = xcalloc(n ? n : 1, sizeof *m->reactions);
	for (i = 0; i < n; i++) {
		const struct jsonx *e = jsonx_at(arr, i);
		const char *emoji = jsonx_get_str(e, "emoji");
		struct voyager_reaction *r;

		if (emoji == NULL)
			continue;
		r = &m->reactions[m->nreactions++];
		r->emoji = xstrdup(emoji);
		r->count = (long)jsonx_get_int(e, "count", 0);
		r->viewer_reacted = jsonx_get_bool(e, "viewerReacted", 0);
	}
}

int
voyager_message_map(const struct jsonx *o, const char *own,
                    struct voyager_message *m)
{
	const struct jsonx *uv = jsonx_member(o, "entityUrn");
	const char *urnstr = jsonx_str(uv);
	const char *s;
	const struct jsonx *v, *sender;
	struct voyager_participant actor;
	struct urn u;
	char *mailbox = NULL;

	memset(m, 0, sizeof *m);
	if (urnstr == NULL)
		return -1;
	m->urn = jsonx_dup_str(uv, NULL);
	if (urn_parse(urnstr, &u, NULL) == LC_OK) {
		mailbox = u.mailbox;
		u.mailbox = NULL;
		urn_free(&u);
	}
	if (mailbox == NULL)
		mailbox = xstrdup_or_null(own);
	if ((s = jsonx_get_str(o, "conversation.entityUrn")) != NULL ||
	    (s = jsonx_get_str(o, "conversationUrn")) != NULL)
		m->conversation_urn = xstrdup(s);
	else if (mailbox != NULL &&
	         (s = jsonx_get_str(o, "backendConversationUrn")) != NULL &&
	         strncmp(s, "urn:li:messagingThread:", 23) == 0)
		m->conversation_urn = urn_conversation(mailbox, s + 23);
	m->text = msg_text_of(o, "body");
	if (m->text == NULL)
		m->text = xstrdup("");
	sender = jsonx_member(o, "sender");
	m->sender_urn_id =
	    urn_profile_id(jsonx_get_str(sender, "hostIdentityUrn"));
	if (m->sender_urn_id == NULL)
		m->sender_urn_id =
		    urn_profile_id(jsonx_get_str(sender, "entityUrn"));
	if ((v = jsonx_get_obj(o, "actor")) != NULL) {
		voyager_participant_map(v, mailbox, &actor);
		m->sender_name = voyager_participant_name(&actor);
		if (m->sender_urn_id == NULL) {
			m->sender_urn_id = actor.urn_id;
			actor.urn_id = NULL;
		}
		if (actor.is_self)
			m->is_from_me = 1;
		voyager_participant_free(&actor);
	}
	if (mailbox != NULL && m->sender_urn_id != NULL &&
	    strcmp(mailbox, m->sender_urn_id) == 0)
		m->is_from_me = 1;
	m->delivered_at = jsonx_get_int(o, "deliveredAt", 0);
	m->origin_token = jsonx_dup_str(o, "originToken");
	m->render_format = jsonx_dup_str(o, "messageBodyRenderFormat");
	if (m->render_format == NULL)
		m->render_format = xstrdup("DEFAULT");
	if ((v = jsonx_get_arr(o, "renderContent")) != NULL ||
	    (v = jsonx_get_arr(o, "renderContentUnions")) != NULL)
		msg_attachments_map(v, m);
	if ((v = jsonx_get_arr(o, "reactionSummaries")) != NULL)
		msg_reactions_map(v, m);
	free(mailbox);
	return 0;
}

static int
msg_cmp_delivered(const void *a, const void *b)
{
	const struct voyager_message *x = a, *y = b;

	if (x->delivered_at != y->delivered_at)
		return x->delivered_at < y->delivered_at ? -1 : 1;
	return strcmp(x->urn, y->urn);
}

static int
msg_cmp_activity(const void *a, const void *b)
{
	const struct voyager_conversation *x = a, *y = b;

	if (x->last_activity_at != y->last_activity_at)
		return x->last_activity_at > y->last_activity_at ? -1 : 1;
	return strcmp(x->urn, y->urn);
}

static void
msg_fill_sender(struct voyager_message *m, const struct voyager_participant *ps,
                size_t n)
{
	size_t i;

	if (m->sender_urn_id == NULL)
		return;
	for (i = 0; i < n; i++) {
		if (ps[i].urn_id == NULL ||
		    strcmp(ps[i].urn_id, m->sender_urn_id) != 0)
			continue;
		if (m->sender_name == NULL)
			m->sender_name = voyager_participant_name(&ps[i]);
		if (ps[i].is_self)
			m->is_from_me = 1;
		return;
	}
}

void
voyager_msg_page_fill_senders(struct voyager_msg_page *p,
                              const struct voyager_conversation *c)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		msg_fill_sender(&p->items[i], c->participants,
		                c->nparticipants);
}

int
voyager_conversation_map(const struct jsonx *o, const char *own,
                         struct voyager_conversation *c)
{
	const struct jsonx *uv = jsonx_member(o, "entityUrn");
	const char *urnstr = jsonx_str(uv);
	const char *s;
	const struct jsonx *arr, *best = NULL;
	struct urn u;
	char *mailbox = NULL;
	int64_t bestat = -1;
	size_t i, n;

	memset(c, 0, sizeof *c);
	if (urnstr == NULL)
		return -1;
	c->urn = jsonx_dup_str(uv, NULL);
	if (urn_parse(urnstr, &u, NULL) == LC_OK) {
		mailbox = u.mailbox;
		u.mailbox = NULL;
		if (u.kind == URN_MSG_CONVERSATION) {
			c->thread_id = u.id;
			u.id = NULL;
		}
		urn_free(&u);
	}
	if (mailbox == NULL)
		mailbox = xstrdup_or_null(own);
	s = jsonx_get_str(o, "backendUrn");
	if (s != NULL && strncmp(s, "urn:li:messagingThread:", 23) == 0 &&
	    s[23] != '\0') {
		free(c->thread_id);
		c->thread_id = xstrdup(s + 23);
	}
	c->unread_count = (long)jsonx_get_int(o, "unreadCount", 0);
	c->read = jsonx_get_bool(o, "read", c->unread_count == 0);
	c->last_activity_at = jsonx_get_int(o, "lastActivityAt", 0);
	c->created_at = jsonx_get_int(o, "createdAt", 0);
	c->last_read_at = jsonx_get_int(o, "lastReadAt", 0);
	c->group_chat = jsonx_get_bool(o, "groupChat", 0);
	c->title = msg_text_of(o, "title");
	if ((arr = jsonx_get_arr(o, "categories")) != NULL) {
		n = jsonx_count(arr);
		c->categories = xcalloc(n ? n : 1, sizeof *c->categories);
		for (i = 0; i < n; i++) {
			const struct jsonx *e = jsonx_at(arr, i);

			if (jsonx_type(e) == JSONX_STRING)
				c->categories[c->ncategories++] =
				    jsonx_dup_str(e, NULL);
		}
	}
	if ((arr = jsonx_get_arr(o, "conversationParticipants")) != NULL) {
		n = jsonx_count(arr);
		c->participants = xcalloc(n ? n : 1, sizeof *c->participants);
		for (i = 0; i < n; i++) {
			const struct jsonx *e = jsonx_at(arr, i);

			if (jsonx_type(e) != JSONX_OBJECT)
				continue;
			voyager_participant_map(
			    e, mailbox, &c->participants[c->nparticipants++]);
		}
	}
	if ((arr = jsonx_get_arr(o, "messages.elements")) != NULL) {
		n = jsonx_count(arr);
		for (i = 0; i < n; i++) {
			const struct jsonx *e = jsonx_at(arr, i);
			int64_t at = jsonx_get_int(e, "deliveredAt", 0);

			if (jsonx_get_str(e, "entityUrn") != NULL &&
			    at > bestat) {
				best = e;
				bestat = at;
			}
		}
	}
	if (best != NULL) {
		c->last_message = xmalloc(sizeof *c->last_message);
		voyager_message_map(best, mailbox, c->last_message);
		msg_fill_sender(c->last_message, c->participants,
		                c->nparticipants);
		if (c->last_message->conversation_urn == NULL)
			c->last_message->conversation_urn = xstrdup(c->urn);
	}
	free(mailbox);
	return 0;
}

static void
msg_deleted_map(const struct jsonx *arr, struct voyager_conv_page *p)
{
	size_t i, n = jsonx_count(arr);

	p->deleted_urns = xcalloc(n ? n : 1, sizeof *p->deleted_urns);
	for (i = 0; i < n; i++) {
		const struct jsonx *e = jsonx_at(arr, i);
		const char *s;

		if (jsonx_type(e) == JSONX_STRING)
			s = jsonx_str(e);
		else if ((s = jsonx_get_str(e, "conversation.entityUrn")) ==
		         NULL)
			s = jsonx_get_str(e, "entityUrn");
		if (s != NULL)
			p->deleted_urns[p->ndeleted++] = xstrdup(s);
	}
}

/* Parses json and finds the GraphQL root starting with prefix. */
static struct jsonx *
msg_open(const char *json, size_t len, const char *prefix,
         const struct jsonx **rootp, struct lc_error *err)
{
	struct jsonx *o;
	const struct jsonx *root;

	*rootp = NULL;
	if ((o = jsonx_parse(json, len, err)) == NULL)
		return NULL;
	if ((root = jsonx_graphql_root(o, prefix)) == NULL) {
		jsonx_free(o);
		lc_error_set(
		    err, LC_EBADRESP,
		    "LinkedIn's answer has no %s data; the query id may be "
		    "stale (see [query_ids] in the config).",
		    prefix);
		return NULL;
	}
	*rootp = root;
	return o;
}

/* An entity of included[] that is a Conversation (its _type or $type). */
static int
msg_is_conversation(const struct jsonx *v)
{
	const char *t = jsonx_get_str(v, "_type");

	if (t == NULL)
		t = jsonx_get_str(v, "$type");
	return t != NULL &&
	       strcmp(t, "com.linkedin.messenger.Conversation") == 0;
}

enum lc_err
voyager_parse_conversations(const char *json, size_t len,
                            struct voyager_conv_page *out, struct lc_error *err)
{
	struct jsonx *o;
	const struct jsonx *root, *els, *meta, *v;
	size_t i, n;

	memset(out, 0, sizeof *out);
	if ((o = msg_open(json, len, "messengerConversations", &root, err)) ==
	    NULL)
		return LC_EBADRESP;
	els = jsonx_get_arr(root, "elements");
	n = els != NULL ? jsonx_count(els) : 0;
	out->server_count = n;
	if (n == 0 && (els = jsonx_get_arr(o, "included")) != NULL)
		n = jsonx_count(els); /* the recipients read may answer so */
	out->items = xcalloc(n ? n : 1, sizeof *out->items);
	for (i = 0; i < n; i++) {
		v = jsonx_at(els, i);
		if (out->server_count == 0 && !msg_is_conversation(v))
			continue;
		if (voyager_conversation_map(v, NULL, &out->items[out->n]) == 0)
			out->n++;
	}
	qsort(out->items, out->n, sizeof *out->items, msg_cmp_activity);
	meta = jsonx_get_obj(root, "metadata");
	out->new_sync_token = jsonx_dup_str(meta, "newSyncToken");
	out->next_cursor = jsonx_dup_str(meta, "nextCursor");
	if (out->next_cursor == NULL)
		out->next_cursor = jsonx_dup_str(root, "paging.nextCursor");
	out->should_clear_cache = jsonx_get_bool(meta, "shouldClearCache", 0);
	if ((v = jsonx_get_arr(meta, "deletedUrns")) != NULL)
		msg_deleted_map(v, out);
	jsonx_free(o);
	return LC_OK;
}

enum lc_err
voyager_parse_messages(const char *json, size_t len,
                       struct voyager_msg_page *out, struct lc_error *err)
{
	struct jsonx *o;
	const struct jsonx *root, *els, *meta;
	size_t i, n;

	memset(out, 0, sizeof *out);
	if ((o = msg_open(json, len, "messengerMessages", &root, err)) == NULL)
		return LC_EBADRESP;
	els = jsonx_get_arr(root, "elements");
	n = els != NULL ? jsonx_count(els) : 0;
	out->server_count = n;
	out->items = xcalloc(n ? n : 1, sizeof *out->items);
	for (i = 0; i < n; i++) {
		if (voyager_message_map(jsonx_at(els, i), NULL,
		                        &out->items[out->n]) == 0)
			out->n++;
	}
	qsort(out->items, out->n, sizeof *out->items, msg_cmp_delivered);
	meta = jsonx_get_obj(root, "metadata");
	out->new_sync_token = jsonx_dup_str(meta, "newSyncToken");
	out->prev_cursor = jsonx_dup_str(meta, "prevCursor");
	out->next_cursor = jsonx_dup_str(meta, "nextCursor");
	jsonx_free(o);
	return LC_OK;
}

enum lc_err
voyager_parse_sent(const char *json, size_t len, struct voyager_message *out,
                   struct lc_error *err)
{
	struct jsonx *o;
	const struct jsonx *v;

	memset(out, 0, sizeof *out);
	if ((o = jsonx_parse(json, len, err)) == NULL)
		return LC_EBADRESP;
	v = jsonx_get_obj(o, "value");
	if (v == NULL)
		v = jsonx_get_obj(o, "data.value");
	if (v == NULL || voyager_message_map(v, NULL, out) != 0) {
		jsonx_free(o);
		return lc_error_set(
		    err, LC_EBADRESP,
		    "LinkedIn's answer to the sent message has no message URN; "
		    "check the conversation before sending again.");
	}
	jsonx_free(o);
	return LC_OK;
}

void
voyager_counts_free(struct voyager_counts *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		free(c->items[i].category);
	free(c->items);
	memset(c, 0, sizeof *c);
}

enum lc_err
voyager_parse_counts(const char *json, size_t len, struct voyager_counts *out,
                     struct lc_error *err)
{
	struct jsonx *o;
	const struct jsonx *root, *els;
	size_t i, n;

	memset(out, 0, sizeof *out);
	if ((o = msg_open(json, len, "messengerMailboxCounts", &root, err)) ==
	    NULL)
		return LC_EBADRESP;
	els = jsonx_get_arr(root, "elements");
	n = els != NULL ? jsonx_count(els) : 0;
	out->items = xcalloc(n ? n : 1, sizeof *out->items);
	for (i = 0; i < n; i++) {
		const struct jsonx *e = jsonx_at(els, i);
		const char *cat = jsonx_get_str(e, "category");

		if (cat == NULL)
			continue;
		out->items[out->n].category = xstrdup(cat);
		out->items[out->n++].unread =
		    (long)jsonx_get_int(e, "unreadConversationCount", 0);
	}
	jsonx_free(o);
	return LC_OK;
}
