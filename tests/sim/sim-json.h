/* sim-json.h — the JSON shapes of API.md §6 (participants, messages,
 * conversations) built from the world; shared by the messaging reads,
 * the send actions and the control plane.  World lock held.
 */
#ifndef SIM_JSON_H
#define SIM_JSON_H

#include <json-c/json.h>

#include "tests/sim/sim-state.h"

/* New JSON objects in API.md's shapes; the caller owns them. */
struct json_object *sim_json_participant(struct sim_world *w, int person);
struct json_object *sim_json_message(struct sim_world *w,
                                     const struct sim_conv *c,
                                     const struct sim_message *m);
struct json_object *sim_json_conversation(struct sim_world *w,
                                          const struct sim_conv *c);

/* urn:li:msg_message:(<mailbox urn>,<id>); caller frees. */
char *sim_json_message_urn(const struct sim_message *m);

#endif
