/* sim-route.c — see sim-route.h.
 *
 * Routing order follows what a client of the real service observes: an
 * unknown path is 404 before anything else, a known path with another
 * method 405, a known path and method with an unknown ?action= 400; only
 * then the session (401) and csrf (403) checks, done by sim.c.
 */
#include <string.h>

#include "tests/sim/sim-folder.h"
#include "tests/sim/sim-msg.h"
#include "tests/sim/sim-route.h"
#include "core/xmalloc.h"

#define API "/voyager/api"
#define MSGS API "/voyagerMessagingDashMessengerMessages"
#define CONVS API "/voyagerMessagingDashMessengerConversations"

#define ROUTE_GRAPHQL 0x100 /* endpoint name from the queryId */

static const struct sim_route routes[] = {
    {"GET", "/uas/authenticate", NULL, "login_page", sim_auth_login_page, 0},
    {"POST", "/uas/authenticate", NULL, "login", sim_auth_login, 0},
    {"GET", "/uas/logout", NULL, "logout", sim_auth_logout, 0},
    {"GET", API "/me", NULL, "me", sim_auth_me, ROUTE_AUTH},
    {"GET", API "/identity/dash/profiles", NULL, "profile_resolve",
     sim_profile_resolve, ROUTE_AUTH},
    {"GET", API "/identity/dash/profiles/*", NULL, "profile", sim_profile_full,
     ROUTE_AUTH},
    {"GET", API "/identity/profiles/*", NULL, "profile_legacy",
     sim_profile_legacy, ROUTE_AUTH},
    {"GET", API "/identity/profiles/*/profileView", NULL, "profile_legacy",
     sim_profile_legacy, ROUTE_AUTH},
    {"POST", API "/voyagerRelationshipsDashMemberRelationships",
     "verifyQuotaAndCreateV2", "add_connection", sim_invite_add, ROUTE_AUTH},
    {"GET", API "/relationships/invitationViews", NULL, "invitations",
     sim_invite_list, ROUTE_AUTH},
    {"POST", API "/relationships/invitations/*", "accept", "invitation_accept",
     sim_invite_accept, ROUTE_AUTH},
    {"POST", API "/relationships/invitations/*", "ignore", "invitation_ignore",
     sim_invite_ignore, ROUTE_AUTH},
    {"GET", API "/graphql", NULL, "search_people", sim_profile_search,
     ROUTE_AUTH},
    {"GET", API "/voyagerMessagingGraphQL/graphql", NULL, "graphql",
     sim_msg_graphql, ROUTE_AUTH | ROUTE_GRAPHQL},
    {"POST", MSGS, "createMessage", "create_message", sim_send_create,
     ROUTE_AUTH},
    {"POST", MSGS, "reactWithEmoji", "react", sim_send_react, ROUTE_AUTH},
    {"POST", MSGS, "unreactWithEmoji", "unreact", sim_send_unreact, ROUTE_AUTH},
    {"POST", MSGS, "recall", "recall", sim_send_recall, ROUTE_AUTH},
    {"POST", MSGS "/*", NULL, "edit_message", sim_send_edit, ROUTE_AUTH},
    {"POST", CONVS, NULL, "mark_read", sim_send_mark, ROUTE_AUTH},
    {"POST", CONVS, "typing", "typing", sim_send_typing, ROUTE_AUTH},
    {"POST", CONVS, "addCategory", "add_category", sim_folder_add, ROUTE_AUTH},
    {"POST", CONVS, "removeCategory", "remove_category", sim_folder_remove,
     ROUTE_AUTH},
    {"DELETE", CONVS "/*", NULL, "delete_conversation", sim_send_delete,
     ROUTE_AUTH},
    {"DELETE", CONVS, NULL, "delete_conversation", sim_folder_delete_ids,
     ROUTE_AUTH},
    {"POST",
     API "/voyagerMessagingDashMessengerMessageDeliveryAcknowledgements",
     "sendDeliveryAcknowledgement", "delivery_ack", sim_send_ack, ROUTE_AUTH},
    {"POST", API "/messaging/dash/presenceStatuses", NULL, "presence",
     sim_presence_statuses, ROUTE_AUTH},
    {"GET", "/realtime/connect", NULL, "realtime_connect", sim_rt_connect,
     ROUTE_AUTH},
    {"POST", "/realtime/realtimeFrontendClientConnectivityTracking",
     "sendHeartbeat", "realtime_heartbeat", sim_rt_heartbeat, ROUTE_AUTH},
    {"POST", "/__sim/realtime-drop", NULL, "__sim/realtime-drop",
     sim_ctl_realtime_drop, ROUTE_CTL},
    {"GET", "/__sim/state", NULL, "__sim/state", sim_ctl_state, ROUTE_CTL},
    {"POST", "/__sim/incoming", NULL, "__sim/incoming", sim_ctl_incoming,
     ROUTE_CTL},
    {"POST", "/__sim/fault", NULL, "__sim/fault", sim_ctl_fault, ROUTE_CTL},
    {"POST", "/__sim/expire", NULL, "__sim/expire", sim_ctl_expire, ROUTE_CTL},
    {"POST", "/__sim/extreme", NULL, "__sim/extreme", sim_ctl_extreme,
     ROUTE_CTL},
    {"POST", "/__sim/seen", NULL, "__sim/seen", sim_ctl_seen, ROUTE_CTL},
    {"POST", "/__sim/typing", NULL, "__sim/typing", sim_ctl_typing, ROUTE_CTL},
    {"POST", "/__sim/react", NULL, "__sim/react", sim_ctl_react, ROUTE_CTL},
    {"POST", "/__sim/title", NULL, "__sim/title", sim_ctl_title, ROUTE_CTL},
    {"POST", "/__sim/realtime-refuse", NULL, "__sim/realtime-refuse",
     sim_ctl_realtime_refuse, ROUTE_CTL},
    {"POST", "/__sim/presence", NULL, "__sim/presence", sim_ctl_presence,
     ROUTE_CTL},
    {"POST", "/__sim/realtime-fault", NULL, "__sim/realtime-fault",
     sim_ctl_realtime_fault, ROUTE_CTL},
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

const char *const sim_logged_headers[SIM_LOGGED_HEADERS] = {
    "user-agent",   "accept",          "accept-language",
    "content-type", "csrf-token",      "x-restli-protocol-version",
    "x-li-lang",    "x-li-track",      "x-li-page-instance",
    "referer",      "x-li-user-agent", "x-li-realtime-session",
};

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
sim_unescape(const char *s, size_t n, int plus)
{
	char *out = xmalloc(n + 1), *o = out;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			int hi, lo;

			if (i + 2 >= n) {
				free(out);
				return NULL;
			}
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0) {
				free(out);
				return NULL;
			}
			*o++ = (char)(hi * 16 + lo);
			i += 2;
		} else if (plus && s[i] == '+')
			*o++ = ' ';
		else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
}

int
sim_req_parse_target(struct sim_req *r)
{
	const char *q, *p, *e, *amp, *eq;
	size_t plen;

	q = strchr(r->target, '?');
	plen = q ? (size_t)(q - r->target) : strlen(r->target);
	r->path = xstrndup(r->target, plen);
	for (p = r->path; *p == '/';) {
		p++;
		if (*p == '\0')
			break;
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		r->seg = xreallocarray(r->seg, r->nseg + 1, sizeof(*r->seg));
		if ((r->seg[r->nseg] = sim_unescape(p, (size_t)(e - p), 0)) ==
		    NULL)
			return -1;
		r->nseg++;
		p = e;
	}
	if (q == NULL)
		return 0;
	for (p = q + 1; *p != '\0'; p = *amp ? amp + 1 : amp) {
		struct sim_arg *a;

		amp = strchr(p, '&');
		if (amp == NULL)
			amp = p + strlen(p);
		if (amp == p)
			continue;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq == NULL)
			eq = amp;
		r->args =
		    xreallocarray(r->args, r->nargs + 1, sizeof(*r->args));
		a = &r->args[r->nargs++];
		a->key = sim_unescape(p, (size_t)(eq - p), 0);
		if (a->key == NULL)
			a->key = xstrndup(p, (size_t)(eq - p));
		a->raw = eq < amp ? xstrndup(eq + 1, (size_t)(amp - eq - 1))
		                  : xstrdup("");
		a->val = sim_unescape(a->raw, strlen(a->raw), 0);
	}
	return 0;
}

void
sim_req_free(struct sim_req *r)
{
	size_t i;

	free(r->method);
	free(r->target);
	free(r->path);
	for (i = 0; i < r->nseg; i++)
		free(r->seg[i]);
	free(r->seg);
	for (i = 0; i < r->nargs; i++) {
		free(r->args[i].key);
		free(r->args[i].raw);
		free(r->args[i].val);
	}
	free(r->args);
	free(r->cookie);
	free(r->csrf);
	free(r->ctype);
	for (i = 0; i < SIM_LOGGED_HEADERS; i++)
		free(r->logged[i]);
	buf_release(&r->body);
	buf_release(&r->out);
	for (i = 0; i < r->nheaders; i++) {
		free(r->hname[i]);
		free(r->hval[i]);
	}
}

static int
route_match_path(const struct sim_route *rt, const struct sim_req *r)
{
	const char *p = rt->pattern, *e;
	size_t i = 0, n;

	while (*p == '/') {
		p++;
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (i >= r->nseg)
			return 0;
		if (!(n == 1 && *p == '*') &&
		    (strlen(r->seg[i]) != n || memcmp(r->seg[i], p, n) != 0))
			return 0;
		i++;
		p = e;
	}
	return i == r->nseg;
}

const struct sim_route *
sim_route_find(struct sim_req *r)
{
	const char *action = sim_arg(r, "action");
	int path_ok = 0, method_ok = 0;
	size_t i;

	r->endpoint = "unknown";
	for (i = 0; i < NROUTES; i++) {
		const struct sim_route *rt = &routes[i];

		if (!route_match_path(rt, r))
			continue;
		path_ok = 1;
		if (strcmp(rt->method, r->method) != 0)
			continue;
		method_ok = 1;
		if (rt->action == NULL
		        ? action != NULL
		        : action == NULL || strcmp(action, rt->action) != 0)
			continue;
		r->endpoint = rt->name;
		if (rt->flags & ROUTE_GRAPHQL)
			r->endpoint = sim_msg_endpoint(r);
		return rt;
	}
	if (!path_ok)
		sim_reply_status(r, 404, "no such resource");
	else if (!method_ok)
		sim_reply_status(r, 405, "method not allowed");
	else
		sim_reply_status(r, 400, "unknown action");
	return NULL;
}

const char *
sim_req_header(const struct sim_req *r, const char *name)
{
	size_t i;

	for (i = 0; i < SIM_LOGGED_HEADERS; i++)
		if (strcmp(sim_logged_headers[i], name) == 0)
			return r->logged[i];
	return NULL;
}

const char *
sim_arg(const struct sim_req *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nargs; i++)
		if (strcmp(r->args[i].key, key) == 0)
			return r->args[i].val;
	return NULL;
}

const char *
sim_arg_raw(const struct sim_req *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nargs; i++)
		if (strcmp(r->args[i].key, key) == 0)
			return r->args[i].raw;
	return NULL;
}

char *
sim_cookie(const struct sim_req *r, const char *name)
{
	const char *p = r->cookie, *e, *eq;
	size_t n = strlen(name);

	if (p == NULL)
		return NULL;
	while (*p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		e = strchr(p, ';');
		if (e == NULL)
			e = p + strlen(p);
		eq = memchr(p, '=', (size_t)(e - p));
		if (eq != NULL && (size_t)(eq - p) == n &&
		    memcmp(p, name, n) == 0)
			return xstrndup(eq + 1, (size_t)(e - eq - 1));
		p = e;
	}
	return NULL;
}

void
sim_reply(struct sim_req *r, int status, const char *type, const char *body,
          size_t len)
{
	r->status = status;
	r->out_type = type;
	buf_reset(&r->out);
	if (len > 0)
		buf_add(&r->out, body, len);
}

void
sim_reply_json(struct sim_req *r, int status, struct json_object *o)
{
	const char *s;
	size_t len;

	s = json_object_to_json_string_length(
	    o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	sim_reply(r, status, "application/json", s, len);
	json_object_put(o);
}

void
sim_reply_status(struct sim_req *r, int status, const char *message)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "status", json_object_new_int(status));
	if (message != NULL && status != 401)
		json_object_object_add(o, "message",
		                       json_object_new_string(message));
	sim_reply_json(r, status, o);
}

void
sim_header(struct sim_req *r, const char *name, const char *value)
{
	if (r->nheaders == SIM_MAX_HEADERS)
		return;
	r->hname[r->nheaders] = xstrdup(name);
	r->hval[r->nheaders++] = xstrdup(value);
}

struct json_object *
sim_body_json(struct sim_req *r)
{
	struct json_tokener *tok;
	struct json_object *o;

	tok = json_tokener_new();
	o = json_tokener_parse_ex(tok, buf_cstr(&r->body), (int)r->body.len);
	if (o != NULL) {
		size_t end = json_tokener_get_parse_end(tok);

		while (end < r->body.len && r->body.data[end] != '\0' &&
		       strchr(" \t\r\n", r->body.data[end]) != NULL)
			end++;
		if (end != r->body.len) {
			json_object_put(o);
			o = NULL;
		}
	}
	json_tokener_free(tok);
	if (o == NULL || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		sim_reply_status(r, 400, "body is not the expected JSON");
		return NULL;
	}
	return o;
}

void
sim_jstr(struct json_object *o, const char *key, const char *s)
{
	json_object_object_add(o, key, s ? json_object_new_string(s) : NULL);
}

void
sim_jint(struct json_object *o, const char *key, long long v)
{
	json_object_object_add(o, key, json_object_new_int64(v));
}

void
sim_jbool(struct json_object *o, const char *key, int v)
{
	json_object_object_add(o, key, json_object_new_boolean(v));
}

void
sim_jtext(struct json_object *o, const char *key, const char *s)
{
	sim_jstr(sim_jobj(o, key), "text", s);
}

struct json_object *
sim_jobj(struct json_object *o, const char *key)
{
	struct json_object *c = json_object_new_object();

	json_object_object_add(o, key, c);
	return c;
}

struct json_object *
sim_jarr(struct json_object *o, const char *key)
{
	struct json_object *c = json_object_new_array();

	json_object_object_add(o, key, c);
	return c;
}
