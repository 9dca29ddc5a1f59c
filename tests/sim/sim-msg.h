/* sim-msg.h — the messaging GraphQL reads (API.md §6).  World lock held.
 */
#ifndef SIM_MSG_H
#define SIM_MSG_H

#include <json-c/json.h>

#include "tests/sim/sim-route.h"
#include "tests/sim/sim-state.h"

/* Endpoint name of a messaging GraphQL request, from its queryId:
 * "conversations", "conversations_sync", "conversations_search",
 * "conversations_category", "messages", "messages_older",
 * "mailbox_counts", or "graphql_unknown".  Static string. */
const char *sim_msg_endpoint(const struct sim_req *r);

/* Strict integer parse; -1 if s is NULL or not a whole number. */
int sim_parse_ll(const char *s, long long *out);

#endif
