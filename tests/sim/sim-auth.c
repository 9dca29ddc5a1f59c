/* sim-auth.c — login, logout, /me and the session and csrf checks
 * (API.md §1 and §2).
 *
 * A session is an li_at value; the csrf-token header must equal the
 * JSESSIONID cookie the request carries, without its quotes.  The login
 * POST checks no csrf header but wants the JSESSIONID form field to equal
 * the JSESSIONID cookie from the login page.  With --session-requests N a
 * session answers N authenticated requests and then dies: 401 and
 * "Set-Cookie: li_at=delete me", as the service does when it revokes one.
 */
#include <string.h>

#include "tests/sim/sim-route.h"
#include "core/xmalloc.h"

#define DELETE_ME                                                              \
	"li_at=delete me; Path=/; "                                            \
	"Expires=Thu, 01 Jan 1970 00:00:10 GMT"

static char *
strip_quotes(const char *s)
{
	size_t n = strlen(s);

	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		return xstrndup(s + 1, n - 2);
	return xstrdup(s);
}

static struct sim_session *
session_find(struct sim_world *w, const char *li_at)
{
	size_t i;

	for (i = 0; i < w->nsessions; i++)
		if (strcmp(w->sessions[i].li_at, li_at) == 0)
			return &w->sessions[i];
	return NULL;
}

static void
reply_401(struct sim_req *r, int revoke)
{
	sim_reply_status(r, 401, NULL);
	if (revoke)
		sim_header(r, "Set-Cookie", DELETE_ME);
}

static int
csrf_ok(const struct sim_req *r, const char *token)
{
	char *js, *bare;
	int ok;

	if (token == NULL || (js = sim_cookie(r, "JSESSIONID")) == NULL)
		return 0;
	bare = strip_quotes(js);
	ok = strcmp(bare, token) == 0;
	free(bare);
	free(js);
	return ok;
}

int
sim_auth_check(struct sim_req *r)
{
	struct sim_world *w = r->w;
	struct sim_session *s;
	char *li_at;

	if ((li_at = sim_cookie(r, "li_at")) == NULL) {
		reply_401(r, 0);
		return -1;
	}
	s = session_find(w, li_at);
	free(li_at);
	if (s == NULL || s->dead) {
		reply_401(r, 1);
		return -1;
	}
	if (w->opts.session_requests > 0 &&
	    s->requests >= w->opts.session_requests) {
		s->dead = 1;
		pthread_cond_broadcast(&w->rt_cond);
		reply_401(r, 1);
		return -1;
	}
	if (!csrf_ok(r, r->csrf)) {
		sim_reply(r, 403, "text/plain", "CSRF check failed", 17);
		return -1;
	}
	s->requests++;
	r->session = s;
	return 0;
}

void
sim_auth_login_page(struct sim_req *r)
{
	struct sim_world *w = r->w;
	char *digits, *cookie, *uuid;

	digits = sim_gen_digits(&w->rng, 19);
	cookie = xasprintf("JSESSIONID=\"ajax:%s\"; Path=/", digits);
	sim_header(r, "Set-Cookie", cookie);
	free(cookie);
	uuid = sim_gen_uuid(&w->rng);
	cookie = xasprintf("bcookie=\"v=2&%s\"; Path=/", uuid);
	sim_header(r, "Set-Cookie", cookie);
	free(cookie);
	cookie = xasprintf("bscookie=\"v=1&%s\"; Path=/; HttpOnly", uuid);
	sim_header(r, "Set-Cookie", cookie);
	free(cookie);
	sim_header(r, "Set-Cookie", "lang=v=2&lang=en-us; Path=/");
	free(uuid);
	free(digits);
	sim_reply(r, 200, "application/json", "{}", 2);
}

/* Value of field name in a form-encoded body; caller frees. */
static char *
form_field(const struct buf *body, const char *name)
{
	const char *p = buf_cstr(body), *e, *eq;
	size_t n = strlen(name);

	while (*p != '\0') {
		e = strchr(p, '&');
		if (e == NULL)
			e = p + strlen(p);
		eq = memchr(p, '=', (size_t)(e - p));
		if (eq != NULL && (size_t)(eq - p) == n &&
		    memcmp(p, name, n) == 0)
			return sim_unescape(eq + 1, (size_t)(e - eq - 1), 1);
		p = *e ? e + 1 : e;
	}
	return NULL;
}

void
sim_auth_login(struct sim_req *r)
{
	struct sim_world *w = r->w;
	struct json_object *o;
	struct sim_session *s;
	char *email, *pass, *js_form, *js_cookie, *v;

	email = form_field(&r->body, "session_key");
	pass = form_field(&r->body, "session_password");
	js_form = form_field(&r->body, "JSESSIONID");
	js_cookie = sim_cookie(r, "JSESSIONID");
	if (email == NULL || pass == NULL || js_form == NULL ||
	    js_cookie == NULL || strcmp(js_form, js_cookie) != 0) {
		/* Refused: 401 with no JSON. */
		sim_reply(r, 401, "text/plain", "", 0);
		goto out;
	}
	o = json_object_new_object();
	if (strcmp(email, SIM_DEMO_EMAIL) == 0 &&
	    strcmp(pass, SIM_DEMO_PASSWORD) == 0) {
		w->sessions = xreallocarray(w->sessions, w->nsessions + 1,
		                            sizeof(*w->sessions));
		s = &w->sessions[w->nsessions++];
		memset(s, 0, sizeof(*s));
		s->li_at = sim_gen_token(&w->rng, "AQEDAR", 40);
		s->jsessionid = xstrdup(js_cookie);
		w->logins++;
		v = xasprintf("li_at=%s; Path=/; HttpOnly", s->li_at);
		sim_header(r, "Set-Cookie", v);
		free(v);
		sim_jstr(o, "login_result", "PASS");
	} else if (strcmp(email, SIM_CHALLENGE_EMAIL) == 0) {
		sim_jstr(o, "login_result", "CHALLENGE");
		sim_jstr(o, "challenge_url",
		         "https://www.linkedin.com/"
		         "checkpoint/challenge/AgFsimChallenge?ut=2sim");
	} else
		sim_jstr(o, "login_result", "BAD_PASSWORD");
	sim_reply_json(r, 200, o);
out:
	free(email);
	free(pass);
	free(js_form);
	free(js_cookie);
}

void
sim_auth_logout(struct sim_req *r)
{
	struct sim_session *s;
	char *li_at;

	if (!csrf_ok(r, sim_arg(r, "csrfToken"))) {
		sim_reply(r, 403, "text/plain", "CSRF check failed", 17);
		return;
	}
	if ((li_at = sim_cookie(r, "li_at")) != NULL) {
		if ((s = session_find(r->w, li_at)) != NULL)
			s->dead = 1;
		pthread_cond_broadcast(&r->w->rt_cond);
		free(li_at);
	}
	sim_header(r, "Set-Cookie", DELETE_ME);
	sim_reply(r, 200, "application/json", "{}", 2);
}

void
sim_auth_me(struct sim_req *r)
{
	const struct sim_person *p = &r->w->people[0];
	struct json_object *o, *mp;
	char *u;

	o = json_object_new_object();
	sim_jint(o, "plainId", p->member);
	mp = sim_jobj(o, "miniProfile");
	sim_jstr(mp, "firstName", p->first);
	sim_jstr(mp, "lastName", p->last);
	sim_jstr(mp, "occupation", p->headline);
	sim_jstr(mp, "publicIdentifier", p->public_id);
	u = xasprintf("urn:li:fs_miniProfile:%s", p->id);
	sim_jstr(mp, "entityUrn", u);
	free(u);
	sim_jstr(mp, "dashEntityUrn", sim_self_urn());
	sim_jstr(mp, "objectUrn", "urn:li:member:12345678");
	sim_jstr(mp, "trackingId", "c2ltLXRyYWNraW5nLWlk");
	sim_jbool(o, "premiumSubscriber", 0);
	sim_reply_json(r, 200, o);
}
