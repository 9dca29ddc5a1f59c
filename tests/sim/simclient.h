/* simclient.h — the test side of the simulator: start it, talk to it.
 *
 * Linked into every unit test binary.  sim_start() runs $SIM_BIN (else
 * tests/sim/voyager-sim) with --port 0 plus the given flags and reads the
 * port from its first line; sim_stop() ends it with SIGTERM.  The helpers
 * below use libcurl, block, and may be called from one thread at a time
 * per struct sim.  The fixed facts of the simulated world (accounts, the
 * pre-minted cookie pair, well-known people) are in sim-demo.h.
 */
#ifndef SIMCLIENT_H
#define SIMCLIENT_H

#include <json-c/json.h>
#include <stddef.h>

#include "tests/sim/sim-demo.h"

struct sim;

/* Starts the simulator with extra_args (NULL-terminated, may be NULL),
 * e.g. { "--seed", "7", "--conversations", "200", NULL }.  NULL (after a
 * message on stderr) if it cannot be run or prints no port.  The process
 * also gets SIGTERM if the caller dies.  Free with sim_stop(). */
struct sim *sim_start(const char *const *extra_args);
/* SIGTERM, wait for the exit, free.  NULL is fine.  Returns the exit
 * status (0 = clean shutdown), or -1. */
int sim_stop(struct sim *s);

/* "http://127.0.0.1:PORT" ("https://" when started with --tls-cert;
 * owned by s), and the port.  The TLS helpers below do not verify, so
 * use them only against a plain simulator. */
const char *sim_base_url(const struct sim *s);
int sim_port(const struct sim *s);

/* GET /__sim/state: the JSON body (caller frees), NULL on failure. */
char *sim_state(struct sim *s);
/* POST json to path (e.g. "/__sim/incoming", "/__sim/fault"); the answer
 * body (caller frees), NULL on failure or a status other than 200. */
char *sim_post(struct sim *s, const char *path, const char *json);

/* One raw HTTP exchange, for tests of the simulator itself and for
 * checking what a client would see. */
struct sim_resp {
	long status;   /* 0 if no HTTP answer */
	int curl_code; /* CURLcode of the transfer (0 = ok) */
	char *body;    /* NUL-terminated; len bytes */
	size_t len;
	char *headers; /* all response header lines */
};

/* method "GET", "POST", "DELETE"; path after the base URL, sent as is;
 * headers NULL-terminated ("Name: value"), may be NULL; body may be NULL.
 * Returns out->curl_code.  Free out with sim_resp_free(). */
int sim_request(struct sim *s, const char *method, const char *path,
                const char *const *headers, const char *body,
                struct sim_resp *out);
void sim_resp_free(struct sim_resp *r);

/* The headers of a logged-in browser with the pre-minted demo session:
 * Cookie (li_at and JSESSIONID) and csrf-token.  Static, NULL-terminated. */
const char *const *sim_demo_headers(void);

/* The body of r parsed as JSON, or NULL.  Caller frees with
 * json_object_put(). */
struct json_object *sim_resp_json(const struct sim_resp *r);
/* GET /__sim/state parsed; NULL on failure.  Caller puts it. */
struct json_object *sim_state_json(struct sim *s);
/* How many requests the simulator counted for endpoint (a name of the
 * /__sim/state "requests" object, e.g. "create_message"); -1 on failure. */
long sim_requests(struct sim *s, const char *endpoint);
/* How many of /__sim/state's sent_messages have the string field (e.g.
 * "text", "origin_token") equal to value; -1 on failure. */
long sim_sent_with(struct sim *s, const char *field, const char *value);

/* The realtime controls (docs/simulator.md, "Realtime").  Each blocks
 * for one POST and returns 0 when the simulator answered 200, else -1.
 * conv_urn names the conversation; msg_urn NULL means its newest
 * message; who is a profile id (or urn:li:fsd_profile: urn) of a
 * participant other than the user, NULL for the first one (the other
 * participant of a 1:1).  Strings are copied; the caller keeps them. */

/* POST /__sim/seen: who reads msg_urn; a messageSeenReceiptsTopic event.
 * The user's own read state does not change. */
int simclient_seen(struct sim *s, const char *conv_urn, const char *msg_urn,
                   const char *who);
/* POST /__sim/typing: a typingIndicatorsTopic event for who. */
int simclient_typing(struct sim *s, const char *conv_urn, const char *who);
/* POST /__sim/react: who adds (added 1) or takes back (0) a reaction with
 * emoji (NULL: thumbs up) on msg_urn; a messagesTopic and a
 * messageReactionSummariesTopic event.  -1 (409) when taking back one
 * nobody but the user gave. */
int simclient_react(struct sim *s, const char *conv_urn, const char *msg_urn,
                    const char *who, const char *emoji, int added);
/* POST /__sim/title: sets (NULL: clears) the conversation's title; a
 * conversationsTopic event. */
int simclient_title(struct sim *s, const char *conv_urn, const char *title);
/* POST /__sim/incoming with "new_conversation": a new 1:1 with from (a
 * profile id; NULL: the next member in a fixed rotation) whose first
 * message is text (NULL: generated); a conversationsTopic event, then the
 * messagesTopic event.  The new conversation urn (caller frees), or NULL
 * on failure. */
char *simclient_new_conversation(struct sim *s, const char *from,
                                 const char *text);
/* POST /__sim/realtime-refuse: the next count connects (0: all, until
 * cleared) to /realtime/connect answer status: 401 (the expired-session
 * answer, {"status":401}), 400 (a JSON error) or 503 (plain text).
 * status 0 clears it. */
int simclient_realtime_refuse(struct sim *s, int status, int count);
/* POST /__sim/realtime-fault: the next count connects (0: all, until
 * cleared) get a faulty stream: kind "garbage" (bytes that are no event,
 * after ClientConnection, then the events), "huge-line" (one data: line of
 * bytes bytes, 0: 30 MiB, then the events), "silent" (the connection is
 * accepted and never gets a byte, until a drop), "none" clears. */
int simclient_realtime_fault(struct sim *s, const char *kind, int count,
                             size_t bytes);
/* POST /__sim/realtime-drop: every open stream is cut mid-body (and every
 * silent connect closed). */
int simclient_realtime_drop(struct sim *s);

#endif
