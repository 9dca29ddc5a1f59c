/* voyager-profile.c — see voyager-profile.h.
 *
 * The full profile comes "normalized": data holds the profile, and keys
 * starting with '*' (such as "*industry" or geoLocation's "*geo") name
 * entities to be found in "included" by their entityUrn.
 */
#include <stdlib.h>
#include <string.h>

#include "core/jsonx.h"
#include "core/restli.h"
#include "core/urn.h"
#include "core/voyager-profile.h"
#include "core/xmalloc.h"

void
voyager_me_free(struct voyager_me *m)
{
	if (m == NULL)
		return;
	free(m->first_name);
	free(m->last_name);
	free(m->occupation);
	free(m->public_id);
	free(m->mini_profile_urn);
	free(m->profile_urn);
	free(m->urn_id);
	memset(m, 0, sizeof *m);
}

void
voyager_profile_brief_free(struct voyager_profile_brief *b)
{
	if (b == NULL)
		return;
	free(b->urn_id);
	free(b->entity_urn);
	free(b->public_id);
	free(b->first_name);
	free(b->last_name);
	free(b->headline);
	memset(b, 0, sizeof *b);
}

static void
profile_free_fields(struct voyager_profile *p)
{
	char **fields[] = {&p->first_name,
	                   &p->last_name,
	                   &p->headline,
	                   &p->summary,
	                   &p->public_id,
	                   &p->entity_urn,
	                   &p->urn_id,
	                   &p->member_urn,
	                   &p->location_name,
	                   &p->display_picture_url,
	                   &p->img_100_100,
	                   &p->img_200_200,
	                   &p->img_400_400,
	                   &p->img_800_800,
	                   &p->background_picture_url,
	                   &p->geo_urn,
	                   &p->postal_code,
	                   &p->geo_location_name,
	                   &p->industry_name,
	                   &p->industry_urn,
	                   &p->address,
	                   &p->version_tag};
	size_t i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		free(*fields[i]);
	memset(p, 0, sizeof *p);
}

void
voyager_profile_free(struct voyager_profile *p)
{
	if (p != NULL)
		profile_free_fields(p);
}

enum lc_err
voyager_parse_me(const char *json, size_t len, struct voyager_me *out,
                 struct lc_error *err)
{
	struct jsonx *o;
	const struct jsonx *mp;
	const char *s;

	memset(out, 0, sizeof *out);
	if ((o = jsonx_parse(json, len, err)) == NULL)
		return LC_EBADRESP;
	/* Some answers wrap the record in "data" (normalized accept). */
	mp = jsonx_get_obj(o, "miniProfile");
	if (mp == NULL)
		mp = jsonx_get_obj(o, "data.miniProfile");
	if (mp == NULL && (s = jsonx_get_str(o, "data.*miniProfile")) != NULL)
		mp = jsonx_included(o, s);
	out->plain_id =
	    jsonx_get_int(o, "plainId", jsonx_get_int(o, "data.plainId", 0));
	out->first_name = jsonx_dup_str(mp, "firstName");
	out->last_name = jsonx_dup_str(mp, "lastName");
	out->occupation = jsonx_dup_str(mp, "occupation");
	out->public_id = jsonx_dup_str(mp, "publicIdentifier");
	out->mini_profile_urn = jsonx_dup_str(mp, "entityUrn");
	out->profile_urn = jsonx_dup_str(mp, "dashEntityUrn");
	out->urn_id = urn_profile_id(out->profile_urn);
	if (out->urn_id == NULL)
		out->urn_id = urn_profile_id(out->mini_profile_urn);
	if (out->profile_urn == NULL && out->urn_id != NULL)
		out->profile_urn = urn_profile(out->urn_id);
	jsonx_free(o);
	if (out->urn_id == NULL) {
		voyager_me_free(out);
		return lc_error_set(
		    err, LC_EBADRESP,
		    "LinkedIn's answer to /me does not say who you are.");
	}
	return LC_OK;
}

enum lc_err
voyager_parse_resolve(const char *json, size_t len,
                      struct voyager_profile_brief *out, struct lc_error *err)
{
	struct jsonx *o;
	const struct jsonx *els, *e = NULL;
	size_t i, n;

	memset(out, 0, sizeof *out);
	if ((o = jsonx_parse(json, len, err)) == NULL)
		return LC_EBADRESP;
	els = jsonx_get_arr(o, "elements");
	if (els == NULL)
		els = jsonx_get_arr(o, "data.elements");
	n = els != NULL ? jsonx_count(els) : 0;
	for (i = 0; i < n && e == NULL; i++) {
		const struct jsonx *c = jsonx_at(els, i);
		char *id = urn_profile_id(jsonx_get_str(c, "entityUrn"));

		if (id != NULL) {
			e = c;
			out->urn_id = id;
		}
	}
	if (e == NULL) {
		jsonx_free(o);
		return lc_error_set(
		    err, LC_ENOTFOUND,
		    "There is no LinkedIn profile with that public id.");
	}
	out->entity_urn = jsonx_dup_str(e, "entityUrn");
	out->public_id = jsonx_dup_str(e, "publicIdentifier");
	out->first_name = jsonx_dup_str(e, "firstName");
	out->last_name = jsonx_dup_str(e, "lastName");
	out->headline = jsonx_dup_str(e, "headline");
	jsonx_free(o);
	return LC_OK;
}

/* Fills the image fields from a vectorImage: rootUrl + path segment per
 * artifact; the largest is the display URL. */
static void
profile_images(const struct jsonx *vi, struct voyager_profile *p)
{
	const char *root = jsonx_get_str(vi, "rootUrl");
	const struct jsonx *arts = jsonx_get_arr(vi, "artifacts");
	size_t i, n = arts != NULL ? jsonx_count(arts) : 0;
	int64_t bestw = -1;

	for (i = 0; i < n; i++) {
		const struct jsonx *a = jsonx_at(arts, i);
		const char *seg =
		    jsonx_get_str(a, "fileIdentifyingUrlPathSegment");
		int64_t w = jsonx_get_int(a, "width", 0);
		char **slot = NULL;
		char *url;

		if (seg == NULL)
			continue;
		url = xasprintf("%s%s", root != NULL ? root : "", seg);
		if (w == 100)
			slot = &p->img_100_100;
		else if (w == 200)
			slot = &p->img_200_200;
		else if (w == 400)
			slot = &p->img_400_400;
		else if (w == 800)
			slot = &p->img_800_800;
		if (slot != NULL && *slot == NULL)
			*slot = xstrdup(url);
		if (w > bestw) {
			bestw = w;
			free(p->display_picture_url);
			p->display_picture_url = url;
		} else
			free(url);
	}
}

static char *
profile_background(const struct jsonx *vi)
{
	struct voyager_profile tmp;
	char *url;

	memset(&tmp, 0, sizeof tmp);
	profile_images(vi, &tmp);
	url = tmp.display_picture_url;
	tmp.display_picture_url = NULL;
	voyager_profile_free(&tmp);
	return url;
}

enum lc_err
voyager_parse_profile(const char *json, size_t len, struct voyager_profile *out,
                      struct lc_error *err)
{
	struct jsonx *o;
	const struct jsonx *d, *e, *geo;
	const char *s;

	memset(out, 0, sizeof *out);
	if ((o = jsonx_parse(json, len, err)) == NULL)
		return LC_EBADRESP;
	d = jsonx_get_obj(o, "data");
	if (d == NULL)
		d = o;
	/* data may only point at the profile in included. */
	if (jsonx_get_str(d, "firstName") == NULL &&
	    ((s = jsonx_get_str(d, "*elements.0")) != NULL ||
	     (s = jsonx_get_str(d, "entityUrn")) != NULL) &&
	    (e = jsonx_included(o, s)) != NULL)
		d = e;
	out->entity_urn = jsonx_dup_str(d, "entityUrn");
	out->urn_id = urn_profile_id(out->entity_urn);
	if (out->urn_id == NULL) {
		jsonx_free(o);
		voyager_profile_free(out);
		return lc_error_set(
		    err, LC_EBADRESP,
		    "LinkedIn's profile answer has no profile in it.");
	}
	out->first_name = jsonx_dup_str(d, "firstName");
	out->last_name = jsonx_dup_str(d, "lastName");
	out->headline = jsonx_dup_str(d, "headline");
	out->summary = jsonx_dup_str(d, "summary");
	out->public_id = jsonx_dup_str(d, "publicIdentifier");
	out->member_urn = jsonx_dup_str(d, "objectUrn");
	out->premium = jsonx_get_bool(d, "premium", 0);
	out->memorialized = jsonx_get_bool(d, "memorialized", 0);
	out->version_tag = jsonx_dup_str(d, "versionTag");
	out->location_name = jsonx_dup_str(d, "locationName");
	out->address = jsonx_dup_str(d, "address");
	profile_images(
	    jsonx_get_obj(d,
	                  "profilePicture.displayImageReference.vectorImage"),
	    out);
	out->background_picture_url = profile_background(jsonx_get_obj(
	    d, "backgroundPicture.displayImageReference.vectorImage"));
	geo = jsonx_get_obj(d, "geoLocation");
	out->geo_urn = jsonx_dup_str(geo, "geoUrn");
	if (out->geo_urn == NULL)
		out->geo_urn = jsonx_dup_str(geo, "*geo");
	out->postal_code = jsonx_dup_str(geo, "postalCode");
	if ((s = jsonx_get_str(geo, "*geo")) == NULL)
		s = out->geo_urn;
	if ((e = jsonx_included(o, s)) != NULL)
		out->geo_location_name =
		    jsonx_dup_str(e, "defaultLocalizedName");
	if ((s = jsonx_get_str(d, "*industry")) == NULL)
		s = jsonx_get_str(d, "industryUrn");
	out->industry_urn = xstrdup_or_null(s);
	if ((e = jsonx_included(o, s)) != NULL)
		out->industry_name = jsonx_dup_str(e, "name");
	if (out->industry_name == NULL)
		out->industry_name = jsonx_dup_str(d, "industryName");
	jsonx_free(o);
	return LC_OK;
}

enum lc_err
voyager_me(struct voyager_ctx *ctx, struct voyager_me *out,
           struct lc_error *err)
{
	struct http_response resp;
	enum lc_err rc;

	memset(out, 0, sizeof *out);
	rc = voyager_request(ctx, HTTP_GET, "/voyager/api/me",
	                     VOYAGER_ACCEPT_JSON, NULL, NULL, HTTP_F_IDEMPOTENT,
	                     &resp, err);
	if (rc == LC_OK)
		rc = voyager_parse_me(resp.body.data, resp.body.len, out, err);
	http_response_free(&resp);
	if (rc == LC_OK)
		rc = voyager_ctx_set_mailbox(ctx, out->urn_id, err);
	if (rc != LC_OK)
		voyager_me_free(out);
	return rc;
}

enum lc_err
voyager_resolve_public_id(struct voyager_ctx *ctx, const char *public_id,
                          struct voyager_profile_brief *out,
                          struct lc_error *err)
{
	struct http_response resp;
	enum lc_err rc;
	char *enc, *path;

	memset(out, 0, sizeof *out);
	if (public_id == NULL || *public_id == '\0')
		return lc_error_set(err, LC_EINVAL, "Which profile?");
	enc = restli_encode_dup(public_id);
	path = xasprintf("/voyager/api/identity/dash/profiles?q=memberIdentity"
	                 "&memberIdentity=%s&decorationId=%s",
	                 enc, ctx->ids.profile_topcard);
	rc = voyager_request(ctx, HTTP_GET, path, VOYAGER_ACCEPT_JSON, NULL,
	                     NULL, HTTP_F_IDEMPOTENT, &resp, err);
	if (rc == LC_OK)
		rc = voyager_parse_resolve(resp.body.data, resp.body.len, out,
		                           err);
	else if (rc == LC_ENOTFOUND)
		lc_error_set(err, LC_ENOTFOUND,
		             "There is no LinkedIn profile \"%.200s\".",
		             public_id);
	http_response_free(&resp);
	free(path);
	free(enc);
	return rc;
}

/* Profile ids are opaque, but all seen start with "ACo"; a public id
 * (vanity name) is lower-case letters, digits and dashes. */
static int
profile_looks_like_id(const char *s)
{
	return strncmp(s, "ACo", 3) == 0 && strlen(s) > 8;
}

enum lc_err
voyager_profile_id(struct voyager_ctx *ctx, const char *who, char **urn_id,
                   struct lc_error *err)
{
	struct voyager_profile_brief b;
	enum lc_err rc;

	*urn_id = NULL;
	if (who == NULL || *who == '\0')
		return lc_error_set(err, LC_EINVAL, "Which profile?");
	if (strncmp(who, "urn:", 4) == 0 || profile_looks_like_id(who)) {
		if ((*urn_id = urn_profile_id(who)) == NULL)
			return lc_error_set(err, LC_EINVAL,
			                    "\"%.200s\" is not a profile URN.",
			                    who);
		return LC_OK;
	}
	if ((rc = voyager_resolve_public_id(ctx, who, &b, err)) != LC_OK)
		return rc;
	*urn_id = b.urn_id;
	b.urn_id = NULL;
	voyager_profile_brief_free(&b);
	return LC_OK;
}

enum lc_err
voyager_profile(struct voyager_ctx *ctx, const char *who,
                struct voyager_profile *out, struct lc_error *err)
{
	struct http_response resp;
	enum lc_err rc;
	char *id = NULL, *urn, *enc, *path;

	memset(out, 0, sizeof *out);
	if ((rc = voyager_profile_id(ctx, who, &id, err)) != LC_OK)
		return rc;
	urn = urn_profile(id);
	enc = restli_encode_dup(urn);
	path = xasprintf("/voyager/api/identity/dash/profiles/%s?decorationId="
	                 "%s",
	                 enc, ctx->ids.profile_full);
	rc = voyager_request(ctx, HTTP_GET, path, VOYAGER_ACCEPT_NORMALIZED,
	                     NULL, NULL, HTTP_F_IDEMPOTENT, &resp, err);
	if (rc == LC_OK)
		rc = voyager_parse_profile(resp.body.data, resp.body.len, out,
		                           err);
	http_response_free(&resp);
	free(path);
	free(enc);
	free(urn);
	free(id);
	return rc;
}
