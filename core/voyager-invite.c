/* voyager-invite.c — see voyager-invite.h. */
#include <stdlib.h>
#include <string.h>

#include "core/jsonx.h"
#include "core/urn.h"
#include "core/voyager-invite.h"
#include "core/voyager-profile.h"
#include "core/xmalloc.h"

void
voyager_invitation_free(struct voyager_invitation *i)
{
	if (i == NULL)
		return;
	free(i->urn);
	free(i->id);
	free(i->shared_secret);
	free(i->message);
	free(i->from_urn_id);
	free(i->first_name);
	free(i->last_name);
	free(i->occupation);
	free(i->public_id);
	memset(i, 0, sizeof *i);
}

void
voyager_invitation_page_free(struct voyager_invitation_page *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		voyager_invitation_free(&p->items[i]);
	free(p->items);
	memset(p, 0, sizeof *p);
}

size_t
voyager_char_count(const char *s)
{
	size_t n = 0;

	/* Count every byte that does not continue a UTF-8 sequence. */
	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	}
	return n;
}

enum lc_err
voyager_parse_invitations(const char *json, size_t len,
                          struct voyager_invitation_page *out,
                          struct lc_error *err)
{
	struct jsonx *o;
	const struct jsonx *els;
	size_t i, n;

	memset(out, 0, sizeof *out);
	if ((o = jsonx_parse(json, len, err)) == NULL)
		return LC_EBADRESP;
	if ((els = jsonx_get_arr(o, "elements")) == NULL &&
	    jsonx_get_obj(o, "paging") == NULL) {
		jsonx_free(o);
		return lc_error_set(
		    err, LC_EBADRESP,
		    "LinkedIn's invitations answer has no elements.");
	}
	n = els != NULL ? jsonx_count(els) : 0;
	out->items = xcalloc(n ? n : 1, sizeof *out->items);
	for (i = 0; i < n; i++) {
		const struct jsonx *e = jsonx_at(els, i);
		const struct jsonx *inv = jsonx_get_obj(e, "invitation");
		const struct jsonx *from;
		struct voyager_invitation *v;
		struct urn u;
		const char *s;

		if (inv == NULL)
			inv = e;
		if ((s = jsonx_get_str(inv, "entityUrn")) == NULL ||
		    urn_parse(s, &u, NULL) != LC_OK)
			continue;
		if (u.kind != URN_FS_RELINVITATION &&
		    u.kind != URN_FSD_INVITATION) {
			urn_free(&u);
			continue;
		}
		v = &out->items[out->n++];
		v->urn = xstrdup(s);
		v->id = u.id;
		u.id = NULL;
		urn_free(&u);
		v->shared_secret = jsonx_dup_str(inv, "sharedSecret");
		v->sent_time = jsonx_get_int(inv, "sentTime", 0);
		v->message = jsonx_dup_str(inv, "message");
		from = jsonx_get_obj(inv, "fromMember");
		v->from_urn_id =
		    urn_profile_id(jsonx_get_str(from, "entityUrn"));
		v->first_name = jsonx_dup_str(from, "firstName");
		v->last_name = jsonx_dup_str(from, "lastName");
		v->occupation = jsonx_dup_str(from, "occupation");
		v->public_id = jsonx_dup_str(from, "publicIdentifier");
	}
	out->start = (int)jsonx_get_int(o, "paging.start", 0);
	out->count = (int)jsonx_get_int(o, "paging.count", (int64_t)n);
	out->total = (int)jsonx_get_int(o, "paging.total", -1);
	jsonx_free(o);
	return LC_OK;
}

enum lc_err
voyager_parse_connect(const char *json, size_t len, char **invitation_urn,
                      struct lc_error *err)
{
	struct jsonx *o;
	const char *s;

	*invitation_urn = NULL;
	if ((o = jsonx_parse(json, len, err)) == NULL)
		return LC_EBADRESP;
	if ((s = jsonx_get_str(o, "data.value.*invitation")) == NULL &&
	    (s = jsonx_get_str(o, "value.*invitation")) == NULL &&
	    (s = jsonx_get_str(o, "data.value.invitationUrn")) == NULL &&
	    (s = jsonx_get_str(o, "value.invitationUrn")) == NULL) {
		jsonx_free(o);
		return lc_error_set(
		    err, LC_EBADRESP,
		    "LinkedIn's answer to the connection request names no "
		    "invitation.");
	}
	*invitation_urn = xstrdup(s);
	jsonx_free(o);
	return LC_OK;
}

enum lc_err
voyager_connect_error(long status, const char *body, enum lc_err rc,
                      struct lc_error *err)
{
	struct jsonx *o = NULL;
	const char *code = NULL;

	if (body != NULL && *body != '\0')
		o = jsonx_parse(body, strlen(body), NULL);
	if ((code = jsonx_get_str(o, "data.code")) == NULL)
		code = jsonx_get_str(o, "code");
	if (status == 400 && code != NULL &&
	    strcmp(code, "CANT_RESEND_YET") == 0)
		rc = lc_error_set(
		    err, LC_ECONFLICT,
		    "You already invited this person or are connected; "
		    "LinkedIn will not send another request yet.");
	else if (status == 429 && code != NULL &&
	         strcmp(code, "CUSTOM_INVITE_LIMIT_REACHED") == 0)
		rc = lc_error_set(
		    err, LC_EQUOTA,
		    "You reached LinkedIn's weekly invitation limit; try again "
		    "next week.");
	jsonx_free(o);
	return rc;
}

enum lc_err
voyager_connect(struct voyager_ctx *ctx, const char *who, const char *note,
                char **invitation_urn, struct lc_error *err)
{
	struct http_response resp;
	struct buf b;
	enum lc_err rc;
	char *id = NULL, *urn, *path, *inv = NULL;
	size_t chars;

	if (invitation_urn != NULL)
		*invitation_urn = NULL;
	/* Checked first: a too long note must never cost a request. */
	if (note != NULL &&
	    (chars = voyager_char_count(note)) > VOYAGER_NOTE_MAX)
		return lc_error_set(
		    err, LC_EINVAL,
		    "The note has %zu characters; LinkedIn allows at most %d. "
		    "Shorten it and try again.",
		    chars, VOYAGER_NOTE_MAX);
	if ((rc = voyager_profile_id(ctx, who, &id, err)) != LC_OK)
		return rc;
	urn = urn_profile(id);
	buf_init(&b, 0);
	buf_addstr(&b, "{\"invitee\":{\"inviteeUnion\":{\"memberProfile\":");
	jsonx_buf_str(&b, urn);
	buf_addstr(&b, "}}");
	if (note != NULL && *note != '\0') {
		buf_addstr(&b, ",\"customMessage\":");
		jsonx_buf_str(&b, note);
	}
	buf_addc(&b, '}');
	path = xasprintf(
	    "/voyager/api/voyagerRelationshipsDashMember"
	    "Relationships?action=verifyQuotaAndCreateV2&decorationId=%s",
	    ctx->ids.invitation_create);
	rc = voyager_request(ctx, HTTP_POST, path, VOYAGER_ACCEPT_NORMALIZED,
	                     NULL, buf_cstr(&b), 0, &resp, err);
	if (rc == LC_OK)
		rc = voyager_parse_connect(resp.body.data, resp.body.len, &inv,
		                           err);
	else
		rc = voyager_connect_error(resp.status, buf_cstr(&resp.body),
		                           rc, err);
	if (rc == LC_OK && invitation_urn != NULL)
		*invitation_urn = inv;
	else
		free(inv);
	http_response_free(&resp);
	buf_release(&b);
	free(path);
	free(urn);
	free(id);
	return rc;
}

enum lc_err
voyager_invitations(struct voyager_ctx *ctx, int start, int count,
                    struct voyager_invitation_page *out, struct lc_error *err)
{
	struct http_response resp;
	enum lc_err rc;
	char *path;

	memset(out, 0, sizeof *out);
	if (count <= 0 || count > 100)
		count = 20;
	path = xasprintf("/voyager/api/relationships/invitationViews?start=%d"
	                 "&count=%d&includeInsights=true&q=receivedInvitation",
	                 start < 0 ? 0 : start, count);
	rc = voyager_request(ctx, HTTP_GET, path, VOYAGER_ACCEPT_JSON, NULL,
	                     NULL, HTTP_F_IDEMPOTENT, &resp, err);
	if (rc == LC_OK)
		rc = voyager_parse_invitations(resp.body.data, resp.body.len,
		                               out, err);
	http_response_free(&resp);
	free(path);
	return rc;
}

/* The shared secret of invitation number id among the received ones. */
static enum lc_err
invite_find_secret(struct voyager_ctx *ctx, const char *id, char **secret,
                   struct lc_error *err)
{
	struct voyager_invitation_page p;
	enum lc_err rc;
	int start = 0, pages;
	size_t i;

	*secret = NULL;
	for (pages = 0; pages < 10 && *secret == NULL; pages++) {
		if ((rc = voyager_invitations(ctx, start, 100, &p, err)) !=
		    LC_OK)
			return rc;
		for (i = 0; i < p.n && *secret == NULL; i++) {
			if (strcmp(p.items[i].id, id) == 0 &&
			    p.items[i].shared_secret != NULL)
				*secret = xstrdup(p.items[i].shared_secret);
		}
		/* Skipped elements count too: step by the page size. */
		start += p.count > 0 ? p.count : (int)p.n;
		if (p.n == 0 || (p.total >= 0 && start >= p.total)) {
			voyager_invitation_page_free(&p);
			break;
		}
		voyager_invitation_page_free(&p);
	}
	if (*secret == NULL)
		return lc_error_set(err, LC_ENOTFOUND,
		                    "There is no received invitation %.100s.",
		                    id);
	return LC_OK;
}

enum lc_err
voyager_invitation_reply(struct voyager_ctx *ctx, const char *id,
                         const char *shared_secret, int accept,
                         struct lc_error *err)
{
	struct http_response resp;
	struct buf b;
	struct urn u;
	enum lc_err rc;
	char *num = NULL, *secret = NULL, *path;
	size_t i;

	if (id != NULL && strncmp(id, "urn:", 4) == 0) {
		if (urn_parse(id, &u, NULL) == LC_OK &&
		    (u.kind == URN_FS_RELINVITATION ||
		     u.kind == URN_FSD_INVITATION)) {
			num = u.id;
			u.id = NULL;
		}
		urn_free(&u);
	} else if (id != NULL && *id != '\0') {
		for (i = 0; id[i] >= '0' && id[i] <= '9'; i++)
			;
		if (id[i] == '\0')
			num = xstrdup(id);
	}
	if (num == NULL)
		return lc_error_set(
		    err, LC_EINVAL,
		    "An invitation is a number or an invitation URN.");
	if (shared_secret == NULL &&
	    (rc = invite_find_secret(ctx, num, &secret, err)) != LC_OK) {
		free(num);
		return rc;
	}
	buf_init(&b, 0);
	buf_addstr(&b, "{\"invitationId\":");
	jsonx_buf_str(&b, num);
	buf_addstr(&b, ",\"invitationSharedSecret\":");
	jsonx_buf_str(&b, shared_secret != NULL ? shared_secret : secret);
	buf_addstr(&b, ",\"isGenericInvitation\":false}");
	path = xasprintf("/voyager/api/relationships/invitations/%s?action=%s",
	                 num, accept ? "accept" : "ignore");
	rc = voyager_request(ctx, HTTP_POST, path, VOYAGER_ACCEPT_JSON, NULL,
	                     buf_cstr(&b), HTTP_F_RAW | HTTP_F_IDEMPOTENT,
	                     &resp, err);
	http_response_free(&resp);
	buf_release(&b);
	free(path);
	free(secret);
	free(num);
	return rc;
}
