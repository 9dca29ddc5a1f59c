/* sim-route.h — one request as the handlers see it, and the route table.
 *
 * sim.c turns an MHD connection into a struct sim_req (raw target, the
 * few headers we check, the body) and back; everything between is plain
 * C without libmicrohttpd, so handlers only read the request and fill the
 * response fields.
 *
 * Query arguments are split from the raw target by us, not by MHD: Rest.li
 * keeps structure characters raw and percent-encodes values, and decoding
 * before parsing would destroy that difference.  args[i].raw is the text as
 * sent, args[i].val the percent-decoded text (NULL if it had a bad escape).
 */
#ifndef SIM_ROUTE_H
#define SIM_ROUTE_H

#include <json-c/json.h>
#include <stddef.h>

#include "core/buf.h"
#include "tests/sim/sim-state.h"

struct sim_arg {
	char *key; /* decoded */
	char *raw;
	char *val;
};

#define SIM_MAX_HEADERS 8
#define SIM_LOGGED_HEADERS 12

/* The request headers kept in the /__sim/state log (never cookies). */
extern const char *const sim_logged_headers[SIM_LOGGED_HEADERS];

struct sim_req {
	struct sim_world *w;
	char *method;
	char *target; /* raw request target: path?query */
	char *path;   /* raw path */
	char **seg;   /* decoded path segments */
	size_t nseg;
	struct sim_arg *args;
	size_t nargs;
	char *cookie;                     /* the Cookie header, or NULL */
	char *csrf;                       /* the csrf-token header, or NULL */
	char *ctype;                      /* Content-Type, or NULL */
	char *logged[SIM_LOGGED_HEADERS]; /* sim_logged_headers[i] */
	struct buf body;
	const char *endpoint;        /* route name, once routed */
	struct sim_session *session; /* after the auth check */
	int stream;                  /* answer with the realtime stream */
	int stream_fault;            /* its enum sim_rt_fault */

	int status;
	struct buf out;
	const char *out_type;
	char *hname[SIM_MAX_HEADERS];
	char *hval[SIM_MAX_HEADERS];
	size_t nheaders;
};

typedef void (*sim_handler)(struct sim_req *r);

#define ROUTE_AUTH 0x1 /* li_at session and csrf-token checked */
#define ROUTE_CTL 0x2  /* /__sim/: no auth, no faults, no latency */

struct sim_route {
	const char *method;
	const char *pattern; /* '*' matches one path segment */
	const char *action;  /* required ?action=, or NULL for none */
	const char *name;    /* endpoint name in /__sim/state */
	sim_handler fn;
	int flags;
};

/* Fills r->path, r->seg and r->args from r->target.  -1 on a bad escape in
 * the path. */
int sim_req_parse_target(struct sim_req *r);
void sim_req_free(struct sim_req *r);

/* The route for r: sets r->endpoint and returns the route, or NULL after
 * filling a 404, 405 or 400 answer (r->endpoint is then "unknown"). */
const struct sim_route *sim_route_find(struct sim_req *r);

/* A request header among sim_logged_headers, or NULL. */
const char *sim_req_header(const struct sim_req *r, const char *name);

/* Query argument by key: decoded value or raw text; NULL if absent. */
const char *sim_arg(const struct sim_req *r, const char *key);
const char *sim_arg_raw(const struct sim_req *r, const char *key);
/* Value of name in the Cookie header (as sent, quotes kept); caller frees;
 * NULL if absent. */
char *sim_cookie(const struct sim_req *r, const char *name);

/* Answers: status, body (copied) and content type. */
void sim_reply(struct sim_req *r, int status, const char *type,
               const char *body, size_t len);
/* JSON answer from o (consumed). */
void sim_reply_json(struct sim_req *r, int status, struct json_object *o);
/* {"status":N} with an optional "message". */
void sim_reply_status(struct sim_req *r, int status, const char *message);
/* Adds a response header (copied). */
void sim_header(struct sim_req *r, const char *name, const char *value);

/* Parses the body as a JSON object; NULL (after a 400 answer) if it is
 * not one. */
struct json_object *sim_body_json(struct sim_req *r);

/* Percent-decodes n bytes of s ('+' stays '+' unless plus is set); NULL
 * on a bad escape.  Caller frees. */
char *sim_unescape(const char *s, size_t n, int plus);

/* Builders: add key to object o (a NULL string adds null); sim_jobj and
 * sim_jarr return the new member. */
void sim_jstr(struct json_object *o, const char *key, const char *s);
void sim_jint(struct json_object *o, const char *key, long long v);
void sim_jbool(struct json_object *o, const char *key, int v);
void sim_jtext(struct json_object *o, const char *key, const char *s);
struct json_object *sim_jobj(struct json_object *o, const char *key);
struct json_object *sim_jarr(struct json_object *o, const char *key);

/* The handlers, by module. */
void sim_auth_login_page(struct sim_req *r);
void sim_auth_login(struct sim_req *r);
void sim_auth_logout(struct sim_req *r);
void sim_auth_me(struct sim_req *r);
/* 0 if r carries a live session and a matching csrf-token; else fills a
 * 401 or 403 answer and returns -1.  Counts the request on the session. */
int sim_auth_check(struct sim_req *r);

void sim_profile_resolve(struct sim_req *r);
void sim_profile_full(struct sim_req *r);
void sim_profile_legacy(struct sim_req *r);
void sim_profile_search(struct sim_req *r);

void sim_invite_add(struct sim_req *r);
void sim_invite_list(struct sim_req *r);
void sim_invite_accept(struct sim_req *r);
void sim_invite_ignore(struct sim_req *r);

void sim_msg_graphql(struct sim_req *r);
void sim_send_create(struct sim_req *r);
void sim_send_mark(struct sim_req *r);
void sim_send_typing(struct sim_req *r);
void sim_send_react(struct sim_req *r);
void sim_send_unreact(struct sim_req *r);
void sim_send_edit(struct sim_req *r);
void sim_send_recall(struct sim_req *r);
void sim_send_delete(struct sim_req *r);
void sim_send_ack(struct sim_req *r);
/* One person's reaction with emoji on m turned on or off (who 0: the
 * user), with the messagesTopic and messageReactionSummariesTopic
 * events; 0 if that changed nothing.  World lock held. */
int sim_send_reaction(struct sim_world *w, struct sim_conv *c,
                      struct sim_message *m, int who, const char *emoji,
                      int on);

void sim_ctl_state(struct sim_req *r);
void sim_ctl_incoming(struct sim_req *r);
void sim_ctl_fault(struct sim_req *r);
void sim_ctl_expire(struct sim_req *r);
void sim_ctl_realtime_drop(struct sim_req *r);
void sim_ctl_extreme(struct sim_req *r); /* sim-extreme.c */
/* The conversation a control body names ("conversation_urn" or
 * "thread_id"); NULL after a 404 (or, with neither, a 400) answer. */
struct sim_conv *sim_ctl_conv(struct sim_req *r, struct json_object *body);
/* The person a profile id or urn:li:fsd_profile: urn names, or -1. */
int sim_ctl_person(struct sim_world *w, const char *id);
/* sim-rt-ctl.c */
void sim_ctl_seen(struct sim_req *r);
void sim_ctl_typing(struct sim_req *r);
void sim_ctl_react(struct sim_req *r);
void sim_ctl_title(struct sim_req *r);
void sim_ctl_realtime_refuse(struct sim_req *r);
void sim_ctl_realtime_fault(struct sim_req *r);

/* sim-presence.c */
void sim_presence_statuses(struct sim_req *r);
void sim_ctl_presence(struct sim_req *r);

void sim_rt_connect(struct sim_req *r);
void sim_rt_heartbeat(struct sim_req *r);

#endif
