/* sim-profile.c — public id resolution, the full profile (normalized, with
 * `included`), the retired profileView and people search (API.md §3, §5).
 *
 * An unknown public id answers 200 with empty elements (API.md allows
 * that or 404); an unknown profile URN answers 404.  Search matches each
 * keyword (split on spaces) against name, headline and location, case-
 * insensitively for ASCII, and pages by `start` ten at a time.
 */
#include <string.h>

#include "core/restli.h"
#include "tests/sim/sim-msg.h"
#include "tests/sim/sim-route.h"
#include "core/urn.h"
#include "core/xmalloc.h"

#define SEARCH_PAGE 10

void
sim_profile_resolve(struct sim_req *r)
{
	const char *q = sim_arg(r, "q"), *id = sim_arg(r, "memberIdentity");
	struct json_object *o, *els, *x, *pg;
	int p;
	char *u;

	if (q == NULL || strcmp(q, "memberIdentity") != 0 || id == NULL ||
	    *id == '\0') {
		sim_reply_status(r, 400,
		                 "q=memberIdentity&memberIdentity= "
		                 "needed");
		return;
	}
	o = json_object_new_object();
	els = sim_jarr(o, "elements");
	p = sim_person_by_public(r->w, id);
	if (p >= 0) {
		const struct sim_person *pp = &r->w->people[p];

		x = json_object_new_object();
		u = urn_profile(pp->id);
		sim_jstr(x, "entityUrn", u);
		free(u);
		sim_jstr(x, "publicIdentifier", pp->public_id);
		sim_jstr(x, "firstName", pp->first);
		sim_jstr(x, "lastName", pp->last);
		sim_jstr(x, "headline", pp->headline);
		json_object_array_add(els, x);
	}
	pg = sim_jobj(o, "paging");
	sim_jint(pg, "start", 0);
	sim_jint(pg, "count", 10);
	sim_jint(pg, "total", p >= 0);
	sim_reply_json(r, 200, o);
}

static struct json_object *
picture(const char *root, const char *name)
{
	static const int sizes[] = {100, 200, 400, 800};
	struct json_object *o, *vi, *arr, *a;
	char *seg;
	int i;

	o = json_object_new_object();
	vi = sim_jobj(sim_jobj(o, "displayImageReference"), "vectorImage");
	sim_jstr(vi, "rootUrl", root);
	arr = sim_jarr(vi, "artifacts");
	for (i = 0; i < 4; i++) {
		a = json_object_new_object();
		sim_jint(a, "width", sizes[i]);
		sim_jint(a, "height", sizes[i]);
		seg = xasprintf("%d_%d/%s", sizes[i], sizes[i], name);
		sim_jstr(a, "fileIdentifyingUrlPathSegment", seg);
		free(seg);
		json_object_array_add(arr, a);
	}
	return o;
}

void
sim_profile_full(struct sim_req *r)
{
	struct sim_world *w = r->w;
	const struct sim_person *p;
	struct json_object *o, *d, *inc, *g, *x;
	struct urn u;
	char *s, *geo, *ind;
	int who = -1;

	if (urn_parse(r->seg[r->nseg - 1], &u, NULL) != LC_OK) {
		sim_reply_status(r, 400, "not a profile urn");
		return;
	}
	if (u.kind == URN_FSD_PROFILE)
		who = sim_person_by_id(w, u.id);
	else {
		urn_free(&u);
		sim_reply_status(r, 400, "not a profile urn");
		return;
	}
	urn_free(&u);
	if (who < 0) {
		sim_reply_status(r, 404, "no such profile");
		return;
	}
	p = &w->people[who];
	o = json_object_new_object();
	d = sim_jobj(o, "data");
	s = urn_profile(p->id);
	sim_jstr(d, "entityUrn", s);
	free(s);
	s = xasprintf("urn:li:member:%lld", p->member);
	sim_jstr(d, "objectUrn", s);
	free(s);
	sim_jstr(d, "firstName", p->first);
	sim_jstr(d, "lastName", p->last);
	sim_jstr(d, "headline", p->headline);
	sim_jstr(d, "summary", p->summary);
	sim_jstr(d, "publicIdentifier", p->public_id);
	sim_jbool(d, "premium", p->premium);
	sim_jbool(d, "memorialized", 0);
	s = xasprintf("%u", 100u + (unsigned)who);
	sim_jstr(d, "versionTag", s);
	free(s);
	sim_jstr(d, "locationName", p->location);
	geo = xasprintf("urn:li:fsd_geo:%lld", sim_gen_geo_id(p->geo));
	ind = xasprintf("urn:li:fsd_industry:%d", 100 + p->industry);
	g = sim_jobj(d, "geoLocation");
	sim_jstr(g, "*geo", geo);
	sim_jstr(g, "geoUrn", geo);
	sim_jstr(g, "postalCode", sim_gen_geo_postal(p->geo));
	sim_jstr(d, "*industry", ind);
	if (p->picture) {
		s = xasprintf("https://media.licdn.com/dms/image/%s/", p->id);
		json_object_object_add(d, "profilePicture",
		                       picture(s, "profile.jpg"));
		json_object_object_add(d, "backgroundPicture",
		                       picture(s, "background.jpg"));
		free(s);
	}
	inc = sim_jarr(o, "included");
	x = json_object_new_object();
	sim_jstr(x, "entityUrn", geo);
	sim_jstr(x, "defaultLocalizedName", sim_gen_geo_name(p->geo));
	json_object_array_add(inc, x);
	x = json_object_new_object();
	sim_jstr(x, "entityUrn", ind);
	sim_jstr(x, "name", sim_gen_industry(p->industry));
	json_object_array_add(inc, x);
	free(geo);
	free(ind);
	sim_reply_json(r, 200, o);
	r->out_type = "application/vnd.linkedin.normalized+json+2.1";
}

void
sim_profile_legacy(struct sim_req *r)
{
	sim_reply_status(r, 410, "this endpoint is retired");
}

static int
word_in(const char *hay, const char *w, size_t n)
{
	size_t i;

	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n; i++) {
			char a = hay[i], b = w[i];

			if (a >= 'A' && a <= 'Z')
				a = (char)(a + 32);
			if (b >= 'A' && b <= 'Z')
				b = (char)(b + 32);
			if (a == '\0' || a != b)
				break;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

static int
person_matches(const struct sim_person *p, const char *kw)
{
	const char *s = kw, *e;
	char *all;
	int ok = 1;

	all = xasprintf("%s %s %s %s %s", p->first, p->last, p->headline,
	                p->location, p->public_id);
	while (ok && *s != '\0') {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		e = strchr(s, ' ');
		if (e == NULL)
			e = s + strlen(s);
		ok = word_in(all, s, (size_t)(e - s));
		s = e;
	}
	free(all);
	return ok;
}

static struct json_object *
search_item(const struct sim_person *p)
{
	struct json_object *it, *er;
	char *s, *pu;

	it = json_object_new_object();
	sim_jstr(it, "_type", "com.linkedin.voyager.dash.search.SearchItem");
	er = sim_jobj(sim_jobj(it, "item"), "entityResult");
	sim_jstr(er, "_type",
	         "com.linkedin.voyager.dash.search.EntityResultViewModel");
	pu = urn_profile(p->id);
	s = xasprintf("urn:li:fsd_entityResultViewModel:(%s,SEARCH_SRP,"
	              "DEFAULT)",
	              pu);
	sim_jstr(er, "entityUrn", s);
	free(s);
	free(pu);
	s = xasprintf("%s %s", p->first, p->last);
	sim_jtext(er, "title", s);
	free(s);
	sim_jtext(er, "primarySubtitle", p->headline);
	sim_jtext(er, "secondarySubtitle", p->location);
	s = xasprintf("https://www.linkedin.com/in/%s", p->public_id);
	sim_jstr(er, "navigationUrl", s);
	free(s);
	s = xasprintf("DISTANCE_%d", p->distance);
	sim_jstr(sim_jobj(er, "entityCustomTrackingInfo"), "memberDistance", s);
	free(s);
	return it;
}

void
sim_profile_search(struct sim_req *r)
{
	struct sim_world *w = r->w;
	const char *qid = sim_arg(r, "queryId"), *raw, *kw;
	const struct restli_value *q, *qp;
	struct restli_value *v = NULL;
	struct json_object *o, *res, *pg, *cluster, *items;
	long long start = 0;
	size_t i, k, total = 0, shown = 0;
	int people = 0;

	if (qid == NULL ||
	    strncmp(qid, "voyagerSearchDashClusters.", 26) != 0) {
		sim_reply_status(r, 400, "unknown queryId");
		return;
	}
	raw = sim_arg_raw(r, "variables");
	if (raw == NULL || (v = restli_parse(raw, strlen(raw), NULL)) == NULL ||
	    (q = restli_get(v, "query")) == NULL ||
	    (restli_get(v, "start") != NULL &&
	     (sim_parse_ll(restli_get_str(v, "start"), &start) != 0 ||
	      start < 0))) {
		sim_reply_status(r, 400, "variables missing or not Rest.li");
		goto out;
	}
	kw = restli_get_str(q, "keywords");
	qp = restli_get(q, "queryParameters");
	for (i = 0; qp != NULL && qp->type == RESTLI_LIST && i < qp->n; i++) {
		const char *key = restli_get_str(qp->items[i], "key");
		const struct restli_value *vals =
		    restli_get(qp->items[i], "value");

		if (key == NULL || strcmp(key, "resultType") != 0 ||
		    vals == NULL || vals->type != RESTLI_LIST)
			continue;
		for (k = 0; k < vals->n; k++)
			if (vals->items[k]->type == RESTLI_STRING &&
			    strcmp(vals->items[k]->str, "PEOPLE") == 0)
				people = 1;
	}
	o = json_object_new_object();
	res = sim_jobj(sim_jobj(o, "data"), "searchDashClustersByAll");
	sim_jstr(res, "_type", "com.linkedin.restli.common.CollectionResponse");
	pg = sim_jobj(res, "paging");
	cluster = json_object_new_object();
	sim_jstr(cluster, "_type",
	         "com.linkedin.voyager.dash.search.SearchClusterViewModel");
	items = sim_jarr(cluster, "items");
	for (i = 1; people && i <= w->nmembers; i++) {
		if (kw != NULL && !person_matches(&w->people[i], kw))
			continue;
		if (total >= (size_t)start && shown < SEARCH_PAGE) {
			json_object_array_add(items,
			                      search_item(&w->people[i]));
			shown++;
		}
		total++;
	}
	sim_jint(pg, "start", start);
	sim_jint(pg, "count", SEARCH_PAGE);
	sim_jint(pg, "total", (long long)total);
	json_object_array_add(sim_jarr(res, "elements"), cluster);
	sim_reply_json(r, 200, o);
out:
	restli_value_free(v);
}
