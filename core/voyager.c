/* voyager.c — see voyager.h: ids, context, shared result types. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/urn.h"
#include "core/voyager.h"
#include "core/xmalloc.h"

static const struct {
	const char *name;
	size_t off;
	const char *def;
} voyager_id_table[] = {
    {"conversations", offsetof(struct voyager_ids, conversations),
     "messengerConversations.0d5e6781bbee71c3e51c8843c6519f48"},
    {"conversations_sync", offsetof(struct voyager_ids, conversations_sync),
     "messengerConversations.74c17e85611b60b7ba2700481151a316"},
    {"conversations_search", offsetof(struct voyager_ids, conversations_search),
     "messengerConversations.737b27144cf922499202658a5345016f"},
    {"conversations_category",
     offsetof(struct voyager_ids, conversations_category),
     "messengerConversations.8656fb361a8ad0c178e8d3ff1a84ce26"},
    {"conversations_recipients",
     offsetof(struct voyager_ids, conversations_recipients),
     "messengerConversations.9c3ab648b616451570c715e4a184465e"},
    {"messages", offsetof(struct voyager_ids, messages),
     "messengerMessages.5846eeb71c981f11e0134cb6626cc314"},
    {"messages_older", offsetof(struct voyager_ids, messages_older),
     "messengerMessages.d8ea76885a52fd5dc5c317078ab7c977"},
    {"mailbox_counts", offsetof(struct voyager_ids, mailbox_counts),
     "messengerMailboxCounts.fc528a5a81a76dff212a4a3d2d48e84b"},
    {"search", offsetof(struct voyager_ids, search),
     "voyagerSearchDashClusters.b0928897b71bd00a5a7291755dcd64f0"},
    {"profile_topcard", offsetof(struct voyager_ids, profile_topcard),
     "com.linkedin.voyager.dash.deco.identity.profile.WebTopCardCore-18"},
    {"profile_full", offsetof(struct voyager_ids, profile_full),
     "com.linkedin.voyager.dash.deco.identity.profile.FullProfile-76"},
    {"invitation_create", offsetof(struct voyager_ids, invitation_create),
     "com.linkedin.voyager.dash.deco.relationships."
     "InvitationCreationResultWithInvitee-2"},
};
#define VOYAGER_NIDS (sizeof voyager_id_table / sizeof voyager_id_table[0])

/* docs/config.md's example names an id by its family prefix. */
static const struct {
	const char *alias;
	const char *name;
} voyager_id_aliases[] = {
    {"messengerConversations", "conversations"},
    {"messengerMessages", "messages"},
    {"messengerMailboxCounts", "mailbox_counts"},
    {"voyagerSearchDashClusters", "search"},
};

void
voyager_ids_init(struct voyager_ids *ids)
{
	size_t i;

	memset(ids, 0, sizeof *ids);
	for (i = 0; i < VOYAGER_NIDS; i++)
		snprintf((char *)ids + voyager_id_table[i].off, VOYAGER_ID_MAX,
		         "%s", voyager_id_table[i].def);
}

enum lc_err
voyager_ids_set(struct voyager_ids *ids, const char *name, const char *value)
{
	size_t i, n;
	const char *p;

	if (name == NULL || value == NULL)
		return LC_EINVAL;
	for (i = 0;
	     i < sizeof voyager_id_aliases / sizeof voyager_id_aliases[0];
	     i++) {
		if (strcmp(name, voyager_id_aliases[i].alias) == 0)
			name = voyager_id_aliases[i].name;
	}
	n = strlen(value);
	if (n == 0 || n >= VOYAGER_ID_MAX)
		return LC_EINVAL;
	for (p = value; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
		      *p == '-'))
			return LC_EINVAL;
	}
	for (i = 0; i < VOYAGER_NIDS; i++) {
		if (strcmp(name, voyager_id_table[i].name) == 0) {
			memcpy((char *)ids + voyager_id_table[i].off, value,
			       n + 1);
			return LC_OK;
		}
	}
	return LC_EINVAL;
}

const char *const *
voyager_ids_names(void)
{
	static const char *names[VOYAGER_NIDS + 1];
	size_t i;

	for (i = 0; i < VOYAGER_NIDS; i++)
		names[i] = voyager_id_table[i].name;
	names[VOYAGER_NIDS] = NULL;
	return names;
}

void
voyager_ctx_init(struct voyager_ctx *ctx, struct http_session *h)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->http = h;
	voyager_ids_init(&ctx->ids);
}

enum lc_err
voyager_ctx_set_mailbox(struct voyager_ctx *ctx, const char *urn_or_id,
                        struct lc_error *err)
{
	char *id = urn_profile_id(urn_or_id);

	if (id == NULL || strlen(id) >= sizeof ctx->mailbox) {
		free(id);
		return lc_error_set(err, LC_EINVAL,
		                    "The mailbox must be a profile URN or id.");
	}
	memcpy(ctx->mailbox, id, strlen(id) + 1);
	free(id);
	return LC_OK;
}

void
voyager_participant_free(struct voyager_participant *p)
{
	if (p == NULL)
		return;
	free(p->urn_id);
	free(p->first_name);
	free(p->last_name);
	free(p->headline);
	free(p->profile_url);
	free(p->distance);
	free(p->org_name);
	free(p->page_url);
	memset(p, 0, sizeof *p);
}

void
voyager_message_free(struct voyager_message *m)
{
	size_t i;

	if (m == NULL)
		return;
	free(m->urn);
	free(m->conversation_urn);
	free(m->text);
	free(m->sender_urn_id);
	free(m->sender_name);
	free(m->origin_token);
	free(m->render_format);
	for (i = 0; i < m->nattachments; i++) {
		free(m->attachments[i].kind);
		free(m->attachments[i].name);
		free(m->attachments[i].url);
	}
	free(m->attachments);
	for (i = 0; i < m->nreactions; i++)
		free(m->reactions[i].emoji);
	free(m->reactions);
	memset(m, 0, sizeof *m);
}

void
voyager_conversation_free(struct voyager_conversation *c)
{
	size_t i;

	if (c == NULL)
		return;
	free(c->urn);
	free(c->thread_id);
	free(c->title);
	for (i = 0; i < c->ncategories; i++)
		free(c->categories[i]);
	free(c->categories);
	for (i = 0; i < c->nparticipants; i++)
		voyager_participant_free(&c->participants[i]);
	free(c->participants);
	if (c->last_message != NULL) {
		voyager_message_free(c->last_message);
		free(c->last_message);
	}
	memset(c, 0, sizeof *c);
}

void
voyager_conv_page_free(struct voyager_conv_page *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		voyager_conversation_free(&p->items[i]);
	free(p->items);
	free(p->next_cursor);
	free(p->new_sync_token);
	for (i = 0; i < p->ndeleted; i++)
		free(p->deleted_urns[i]);
	free(p->deleted_urns);
	memset(p, 0, sizeof *p);
}

void
voyager_msg_page_free(struct voyager_msg_page *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		voyager_message_free(&p->items[i]);
	free(p->items);
	free(p->prev_cursor);
	free(p->next_cursor);
	free(p->new_sync_token);
	memset(p, 0, sizeof *p);
}

char *
voyager_participant_name(const struct voyager_participant *p)
{
	const char *f = p->first_name, *l = p->last_name;

	if (f != NULL && *f != '\0' && l != NULL && *l != '\0')
		return xasprintf("%s %s", f, l);
	if (f != NULL && *f != '\0')
		return xstrdup(f);
	if (l != NULL && *l != '\0')
		return xstrdup(l);
	if (p->org_name != NULL && *p->org_name != '\0')
		return xstrdup(p->org_name);
	return NULL;
}

enum lc_err
voyager_request(struct voyager_ctx *ctx, enum http_method method,
                const char *path, const char *accept, const char *content_type,
                const char *body, unsigned flags, struct http_response *resp,
                struct lc_error *err)
{
	struct http_request req;

	if (ctx->http == NULL) {
		memset(resp, 0, sizeof *resp);
		buf_init(&resp->body, 0);
		return lc_error_set(
		    err, LC_EINVAL,
		    "linchat has no session to send this request with.");
	}
	memset(&req, 0, sizeof req);
	req.method = method;
	req.path = path;
	req.accept = accept != NULL ? accept : VOYAGER_ACCEPT_JSON;
	req.content_type =
	    body != NULL
	        ? (content_type != NULL ? content_type : VOYAGER_ACCEPT_JSON)
	        : NULL;
	req.body = body;
	req.body_len = body != NULL ? strlen(body) : 0;
	req.flags = flags;
	return http_do(ctx->http, &req, resp, err);
}
