/* voyager-search.c — see voyager-search.h. */
#include <stdlib.h>
#include <string.h>

#include "core/jsonx.h"
#include "core/restli.h"
#include "core/urn.h"
#include "core/voyager-search.h"
#include "core/xmalloc.h"

#define SEARCH_PAGE 10

void
voyager_search_page_free(struct voyager_search_page *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->items[i].urn_id);
		free(p->items[i].name);
		free(p->items[i].jobtitle);
		free(p->items[i].location);
		free(p->items[i].distance);
		free(p->items[i].public_id);
	}
	free(p->items);
	memset(p, 0, sizeof *p);
}

/* The profile id inside "urn:li:fsd_entityResultViewModel:(urn:li:
 * fsd_profile:ID,SEARCH_SRP,DEFAULT)" (or a plain profile URN). */
static char *
search_urn_id(const char *s)
{
	const char *p, *end;
	char *urn, *id;

	if (s == NULL)
		return NULL;
	if ((p = strstr(s, "urn:li:fsd_profile:")) == NULL)
		return NULL;
	end = p + strcspn(p, ",)");
	urn = xstrndup(p, (size_t)(end - p));
	id = urn_profile_id(urn);
	free(urn);
	return id;
}

/* "https://www.linkedin.com/in/grace-h?miniProfileUrn=..." → "grace-h" */
static char *
search_public_id(const char *url)
{
	const char *p;
	size_t n;

	if (url == NULL || (p = strstr(url, "/in/")) == NULL)
		return NULL;
	p += 4;
	n = strcspn(p, "/?#");
	return n > 0 ? xstrndup(p, n) : NULL;
}

static void
search_add(struct voyager_search_page *out, const struct jsonx *er)
{
	struct voyager_person *v;
	char *id = search_urn_id(jsonx_get_str(er, "entityUrn"));

	if (id == NULL)
		return;
	out->items = xreallocarray(out->items, out->n + 1, sizeof *out->items);
	v = &out->items[out->n++];
	v->urn_id = id;
	v->name = jsonx_dup_str(er, "title.text");
	v->jobtitle = jsonx_dup_str(er, "primarySubtitle.text");
	v->location = jsonx_dup_str(er, "secondarySubtitle.text");
	v->distance =
	    jsonx_dup_str(er, "entityCustomTrackingInfo.memberDistance");
	v->public_id = search_public_id(jsonx_get_str(er, "navigationUrl"));
}

enum lc_err
voyager_parse_search(const char *json, size_t len,
                     struct voyager_search_page *out, struct lc_error *err)
{
	struct jsonx *o;
	const struct jsonx *root, *els;
	size_t i, j, n, m;

	memset(out, 0, sizeof *out);
	if ((o = jsonx_parse(json, len, err)) == NULL)
		return LC_EBADRESP;
	if ((root = jsonx_graphql_root(o, "searchDashClusters")) == NULL) {
		jsonx_free(o);
		return lc_error_set(
		    err, LC_EBADRESP,
		    "LinkedIn's search answer has no results section; the "
		    "query id may be stale (see [query_ids] in the config).");
	}
	els = jsonx_get_arr(root, "elements");
	n = els != NULL ? jsonx_count(els) : 0;
	for (i = 0; i < n; i++) {
		const struct jsonx *items =
		    jsonx_get_arr(jsonx_at(els, i), "items");

		m = items != NULL ? jsonx_count(items) : 0;
		for (j = 0; j < m; j++) {
			const struct jsonx *er = jsonx_get_obj(
			    jsonx_at(items, j), "item.entityResult");

			if (er != NULL)
				search_add(out, er);
		}
	}
	out->start = (int)jsonx_get_int(root, "paging.start", 0);
	out->count = (int)jsonx_get_int(root, "paging.count", SEARCH_PAGE);
	out->total = (int)jsonx_get_int(root, "paging.total", -1);
	jsonx_free(o);
	return LC_OK;
}

enum lc_err
voyager_search_people(struct voyager_ctx *ctx, const char *keywords, int start,
                      struct voyager_search_page *out, struct lc_error *err)
{
	struct http_response resp;
	struct buf path;
	enum lc_err rc;

	memset(out, 0, sizeof *out);
	if (keywords == NULL || *keywords == '\0')
		return lc_error_set(err, LC_EINVAL, "Search for what?");
	buf_init(&path, 0);
	buf_addf(&path,
	         "/voyager/api/graphql?variables=(start:%d,origin:"
	         "GLOBAL_SEARCH_HEADER,query:(keywords:",
	         start < 0 ? 0 : start);
	restli_encode_value(&path, keywords);
	buf_addf(&path,
	         ",flagshipSearchIntent:SEARCH_SRP,queryParameters:"
	         "List((key:resultType,value:List(PEOPLE))),"
	         "includeFiltersInResponse:false))&queryId=%s",
	         ctx->ids.search);
	rc = voyager_request(ctx, HTTP_GET, buf_cstr(&path),
	                     VOYAGER_ACCEPT_GRAPHQL, NULL, NULL,
	                     HTTP_F_IDEMPOTENT, &resp, err);
	if (rc == LC_OK)
		rc = voyager_parse_search(resp.body.data, resp.body.len, out,
		                          err);
	http_response_free(&resp);
	buf_release(&path);
	return rc;
}

enum lc_err
voyager_search_people_collect(struct voyager_ctx *ctx, const char *keywords,
                              size_t limit, struct voyager_search_page *out,
                              struct lc_error *err)
{
	struct voyager_search_page p;
	enum lc_err rc = LC_OK;
	int start = 0;
	size_t i;

	memset(out, 0, sizeof *out);
	out->total = -1;
	while (out->n < limit) {
		if ((rc = voyager_search_people(ctx, keywords, start, &p,
		                                err)) != LC_OK)
			break;
		out->total = p.total;
		out->items = xreallocarray(out->items, out->n + p.n + 1,
		                           sizeof *out->items);
		for (i = 0; i < p.n && out->n < limit; i++) {
			out->items[out->n++] = p.items[i];
			memset(&p.items[i], 0, sizeof p.items[i]);
		}
		/* Pages are SEARCH_PAGE long; stop at the end or on a short
		 * or empty page (clusters may hold fewer people). */
		start += SEARCH_PAGE;
		if (p.n == 0 || (p.total >= 0 && start >= p.total)) {
			voyager_search_page_free(&p);
			break;
		}
		voyager_search_page_free(&p);
	}
	if (rc != LC_OK && out->n == 0)
		voyager_search_page_free(out);
	out->count = (int)out->n;
	return rc;
}
