/* sim-msg.h — the messaging GraphQL reads (API.md §6) and the JSON shapes
 * of conversations, messages and participants, shared with sim-send.c and
 * sim-ctl.c.  World lock held for all of them.
 */
#ifndef SIM_MSG_H
#define SIM_MSG_H

#include <json-c/json.h>

#include "sim-route.h"
#include "sim-state.h"

/* Endpoint name of a messaging GraphQL request, from its queryId:
 * "conversations", "conversations_sync", "conversations_search",
 * "conversations_category", "messages", "messages_older",
 * "mailbox_counts", or "graphql_unknown".  Static string. */
const char *sim_msg_endpoint(const struct sim_req *r);

/* New JSON objects in API.md's shapes. */
struct json_object *sim_msg_participant(struct sim_world *w, int person);
struct json_object *sim_msg_json(struct sim_world *w,
    const struct sim_conv *c, const struct sim_message *m);
struct json_object *sim_msg_conv_json(struct sim_world *w,
    const struct sim_conv *c);

/* urn:li:msg_message:(<mailbox urn>,<id>); caller frees. */
char *sim_msg_urn(const struct sim_message *m);

/* Strict integer parse; -1 if s is NULL or not a whole number. */
int sim_parse_ll(const char *s, long long *out);

#endif
