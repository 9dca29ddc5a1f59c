/* sim-presence.c — who is online (API.md §12, "presence"), and its
 * control.
 *
 *   POST /voyager/api/messaging/dash/presenceStatuses
 *        content-type application/x-www-form-urlencoded,
 *        body ids=List(urn%3Ali%3Afsd_profile%3A<ID>,...)   (1 to 10 ids)
 *   POST /__sim/presence {"who":<id or urn>, "availability":"ONLINE"|
 *                         "OFFLINE"} and/or {"forbid":N}
 *
 * The answer's shape is inferred in API.md (the capture has no body):
 * {"data":{"results":{<urn>:{"availability","lastActiveAt",
 * "instantlyReachable"}},"errors":{<urn>:{"status":404}}},"included":[]}.
 *
 * Until the control sets it, a member's availability is seeded: ONLINE
 * when (FNV-1a 64 of the profile id, xor the seed) % 3 is 0, else OFFLINE.
 * An ONLINE member was last active now; an OFFLINE one at the end of the
 * generated history minus (that hash % 7 days), or when the control made
 * them OFFLINE.  "forbid":N makes the next N presence calls answer 403
 * with an empty body, as the browser's first burst after a page load got.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/restli.h"
#include "tests/sim/sim-route.h"
#include "core/xmalloc.h"

#define PRESENCE_MAX_IDS 10
#define PROFILE_PREFIX "urn:li:fsd_profile:"
#define FORM_TYPE "application/x-www-form-urlencoded"
#define HISTORY_END 1790000000000LL /* as sim-state.c */
#define WEEK_MS (7LL * 24 * 3600 * 1000)

static uint64_t
presence_hash(const struct sim_world *w, const char *id)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *id != '\0'; id++) {
		h ^= (unsigned char)*id;
		h *= 1099511628211ULL;
	}
	return h ^ w->opts.seed;
}

/* Whether person p is online, and when they were last active. */
static int
presence_of(struct sim_world *w, int p, long long *last)
{
	const struct sim_person *x = &w->people[p];
	uint64_t h = presence_hash(w, x->id);
	int online = x->presence != 0 ? x->presence == 1 : h % 3 == 0;

	if (online)
		*last = sim_now(w);
	else if (x->presence == 2)
		*last = x->presence_at;
	else
		*last = HISTORY_END - (long long)(h % (uint64_t)WEEK_MS);
	return online;
}

/* The ids of the form body "ids=List(...)"; NULL after a 400 or 415. */
static struct restli_value *
presence_ids(struct sim_req *r)
{
	const char *body = buf_cstr(&r->body);
	struct restli_value *v;
	size_t i;

	if (r->ctype == NULL ||
	    strncmp(r->ctype, FORM_TYPE, sizeof(FORM_TYPE) - 1) != 0) {
		sim_reply_status(r, 415, "content-type must be " FORM_TYPE);
		return NULL;
	}
	if (r->body.len < 4 || memcmp(body, "ids=", 4) != 0 ||
	    (v = restli_parse(body + 4, r->body.len - 4, NULL)) == NULL) {
		sim_reply_status(r, 400, "the body must be ids=List(...)");
		return NULL;
	}
	if (v->type != RESTLI_LIST || v->n == 0 || v->n > PRESENCE_MAX_IDS) {
		restli_value_free(v);
		sim_reply_status(r, 400, "ids must be a List of 1 to 10 urns");
		return NULL;
	}
	for (i = 0; i < v->n; i++) {
		const struct restli_value *e = v->items[i];

		if (e->type != RESTLI_STRING ||
		    strncmp(e->str, PROFILE_PREFIX,
		            sizeof(PROFILE_PREFIX) - 1) != 0 ||
		    e->str[sizeof(PROFILE_PREFIX) - 1] == '\0') {
			restli_value_free(v);
			sim_reply_status(
			    r, 400, "ids must be urn:li:fsd_profile: urns");
			return NULL;
		}
	}
	return v;
}

void
sim_presence_statuses(struct sim_req *r)
{
	struct sim_world *w = r->w;
	struct json_object *o, *data, *results, *errors, *e;
	struct restli_value *v;
	long long last;
	size_t i;
	int p;

	if (w->presence_forbid > 0) {
		w->presence_forbid--;
		sim_reply(r, 403, NULL, "", 0);
		return;
	}
	if ((v = presence_ids(r)) == NULL)
		return;
	o = json_object_new_object();
	data = sim_jobj(o, "data");
	results = sim_jobj(data, "results");
	errors = sim_jobj(data, "errors");
	sim_jarr(o, "included");
	for (i = 0; i < v->n; i++) {
		const char *urn = v->items[i]->str;

		p = sim_person_by_id(w, urn + sizeof(PROFILE_PREFIX) - 1);
		if (p < 0) {
			sim_jint(sim_jobj(errors, urn), "status", 404);
			continue;
		}
		e = sim_jobj(results, urn);
		sim_jstr(e, "availability",
		         presence_of(w, p, &last) ? "ONLINE" : "OFFLINE");
		sim_jint(e, "lastActiveAt", last);
		sim_jbool(e, "instantlyReachable", 0);
		sim_jstr(e, "$type",
		         "com.linkedin.voyager.dash.messaging.PresenceStatus");
	}
	restli_value_free(v);
	sim_reply_json(r, 200, o);
}

void
sim_ctl_presence(struct sim_req *r)
{
	struct sim_world *w = r->w;
	struct json_object *body, *x, *o;
	const char *who = NULL, *av = NULL;
	int p = -1, set = 0;

	if ((body = sim_body_json(r)) == NULL)
		return;
	if (json_object_object_get_ex(body, "forbid", &x)) {
		if (!json_object_is_type(x, json_type_int) ||
		    json_object_get_int64(x) < 0) {
			sim_reply_status(r, 400, "forbid must be a count");
			goto out;
		}
		w->presence_forbid = (long)json_object_get_int64(x);
		set = 1;
	}
	if (json_object_object_get_ex(body, "who", &x))
		who = json_object_get_string(x);
	if (json_object_object_get_ex(body, "availability", &x))
		av = json_object_get_string(x);
	if (who != NULL || av != NULL) {
		if ((p = sim_ctl_person(w, who)) < 0) {
			sim_reply_status(r, 404, "no such person");
			goto out;
		}
		if (av == NULL ||
		    (strcmp(av, "ONLINE") != 0 && strcmp(av, "OFFLINE") != 0)) {
			sim_reply_status(
			    r, 400, "availability must be ONLINE or OFFLINE");
			goto out;
		}
		w->people[p].presence = strcmp(av, "ONLINE") == 0 ? 1 : 2;
		w->people[p].presence_at = sim_now(w);
		set = 1;
	}
	if (!set) {
		sim_reply_status(r, 400, "say who and availability, or forbid");
		goto out;
	}
	o = json_object_new_object();
	if (p >= 0) {
		char *urn = xasprintf(PROFILE_PREFIX "%s", w->people[p].id);
		long long last;

		sim_jstr(o, "who", urn);
		sim_jstr(o, "availability",
		         presence_of(w, p, &last) ? "ONLINE" : "OFFLINE");
		free(urn);
	}
	sim_jint(o, "forbid", w->presence_forbid);
	sim_reply_json(r, 200, o);
out:
	json_object_put(body);
}
