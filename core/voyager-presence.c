/* voyager-presence.c — see voyager-presence.h. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/jsonx.h"
#include "core/restli.h"
#include "core/urn.h"
#include "core/voyager-presence.h"
#include "core/xmalloc.h"

#define PRESENCE_PATH "/voyager/api/messaging/dash/presenceStatuses"

void
voyager_presence_list_free(struct voyager_presence_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		free(l->items[i].profile_urn);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* The availability string v, whole (a NUL inside makes it unknown). */
static enum voyager_availability
presence_availability(const struct jsonx *v)
{
	const char *s = jsonx_str(v);

	if (s == NULL || jsonx_str_len(v) != strlen(s))
		return VOYAGER_AVAIL_UNKNOWN;
	if (strcmp(s, "ONLINE") == 0)
		return VOYAGER_AVAIL_ONLINE;
	if (strcmp(s, "OFFLINE") == 0)
		return VOYAGER_AVAIL_OFFLINE;
	return VOYAGER_AVAIL_UNKNOWN;
}

/* Appends the results of one answer's results object to out. */
static void
presence_add(struct voyager_presence_list *out, const struct jsonx *res)
{
	size_t i, n = jsonx_count(res);

	for (i = 0; i < n; i++) {
		const struct jsonx *e = jsonx_at(res, i);
		const char *key = jsonx_key_at(res, i);
		struct voyager_presence *p;
		char *id;

		if (jsonx_type(e) != JSONX_OBJECT || key == NULL ||
		    strncmp(key, "urn:li:fsd_profile:", 19) != 0 ||
		    (id = urn_profile_id(key)) == NULL)
			continue;
		out->items =
		    xreallocarray(out->items, out->n + 1, sizeof *out->items);
		p = &out->items[out->n++];
		p->profile_urn = urn_profile(id);
		free(id);
		p->availability =
		    presence_availability(jsonx_get(e, "availability"));
		p->last_active_at = jsonx_get_int(e, "lastActiveAt", 0);
		if (p->last_active_at < 0)
			p->last_active_at = 0;
		p->instantly_reachable =
		    jsonx_get_bool(e, "instantlyReachable", 0);
	}
}

enum lc_err
voyager_parse_presence(const char *json, size_t len,
                       struct voyager_presence_list *out, struct lc_error *err)
{
	struct jsonx *o;
	const struct jsonx *res;

	memset(out, 0, sizeof *out);
	if ((o = jsonx_parse(json, len, err)) == NULL)
		return LC_EBADRESP;
	res = jsonx_get_obj(o, "data.results");
	if (res == NULL)
		res = jsonx_get_obj(o, "results");
	if (res == NULL) {
		jsonx_free(o);
		return lc_error_set(err, LC_EBADRESP,
		                    "LinkedIn's presence answer has no "
		                    "results.");
	}
	presence_add(out, res);
	jsonx_free(o);
	return LC_OK;
}

/* One call for ids[0..n) (n ≤ VOYAGER_PRESENCE_BATCH, already checked),
 * its results appended to out. */
static enum lc_err
presence_call(struct voyager_ctx *ctx, char *const *ids, size_t n,
              struct voyager_presence_list *out, struct lc_error *err)
{
	struct voyager_presence_list one;
	struct http_response resp;
	struct buf b;
	enum lc_err rc;
	size_t i;

	buf_init(&b, 0);
	buf_addstr(&b, "ids=List(");
	for (i = 0; i < n; i++) {
		char *urn = urn_profile(ids[i]);

		if (i > 0)
			buf_addc(&b, ',');
		restli_encode_value(&b, urn);
		free(urn);
	}
	buf_addc(&b, ')');
	rc = voyager_request(ctx, HTTP_POST, PRESENCE_PATH,
	                     VOYAGER_ACCEPT_NORMALIZED,
	                     "application/x-www-form-urlencoded", buf_cstr(&b),
	                     HTTP_F_MESSAGING | HTTP_F_NO_RETRY, &resp, err);
	buf_release(&b);
	if (rc == LC_OK)
		rc = voyager_parse_presence(resp.body.data, resp.body.len, &one,
		                            err);
	http_response_free(&resp);
	if (rc != LC_OK)
		return rc;
	if (one.n > 0) {
		out->items = xreallocarray(out->items, out->n + one.n,
		                           sizeof *out->items);
		memcpy(out->items + out->n, one.items,
		       one.n * sizeof *one.items);
		out->n += one.n;
	}
	free(one.items);
	return LC_OK;
}

enum lc_err
voyager_presence(struct voyager_ctx *ctx, const char *const *ids, size_t n,
                 struct voyager_presence_list *out, struct lc_error *err)
{
	enum lc_err rc = LC_OK;
	char **v;
	size_t i;

	memset(out, 0, sizeof *out);
	if (n == 0)
		return lc_error_set(err, LC_EINVAL, "Whose presence?");
	v = xcalloc(n, sizeof *v);
	for (i = 0; i < n && rc == LC_OK; i++)
		if (ids[i] == NULL || (v[i] = urn_profile_id(ids[i])) == NULL)
			rc = lc_error_set(err, LC_EINVAL,
			                  "A presence id is no profile.");
	for (i = 0; i < n && rc == LC_OK; i += VOYAGER_PRESENCE_BATCH)
		rc = presence_call(ctx, v + i,
		                   n - i < VOYAGER_PRESENCE_BATCH
		                       ? n - i
		                       : VOYAGER_PRESENCE_BATCH,
		                   out, err);
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	if (rc != LC_OK)
		voyager_presence_list_free(out);
	return rc;
}
