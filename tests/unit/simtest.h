/* simtest.h — Criterion helpers for the simulator's own tests
 * (test-sim-*.c): requests with the demo session, JSON by dotted path,
 * GraphQL reads.  Each asserts what it needs with Criterion. */
#ifndef SIMTEST_H
#define SIMTEST_H

#include <json-c/json.h>

#include "tests/sim/simclient.h"

#define GQL "/voyager/api/voyagerMessagingGraphQL/graphql?queryId="
#define Q_LOAD "messengerConversations.0d5e6781bbee71c3e51c8843c6519f48"
#define Q_SYNC "messengerConversations.74c17e85611b60b7ba2700481151a316"
#define Q_SEARCH "messengerConversations.737b27144cf922499202658a5345016f"
#define Q_CAT "messengerConversations.8656fb361a8ad0c178e8d3ff1a84ce26"
#define Q_MSGS "messengerMessages.5846eeb71c981f11e0134cb6626cc314"
#define Q_OLDER "messengerMessages.d8ea76885a52fd5dc5c317078ab7c977"
#define Q_COUNTS "messengerMailboxCounts.fc528a5a81a76dff212a4a3d2d48e84b"
#define MBX "urn%3Ali%3Afsd_profile%3A" SIM_DEMO_PROFILE_ID
#define SEND "/voyager/api/voyagerMessagingDashMessengerMessages"
#define CONVS "/voyager/api/voyagerMessagingDashMessengerConversations"

/* sim_start() that fails the test when the simulator does not start. */
struct sim *simt_start(const char *const *args);
/* A request with the demo session: the JSON answer (or NULL), status. */
struct json_object *simt_call(struct sim *s, const char *method,
                              const char *path, const char *body, long *status);
/* data.<root> of a GraphQL read of query qid with raw variables; *whole
 * is the parsed answer the caller puts. */
struct json_object *simt_gql(struct sim *s, const char *qid, const char *vars,
                             long *status, struct json_object **whole);
/* The member at a dotted path ("data.value.entityUrn"), or NULL. */
struct json_object *simt_member(struct json_object *o, const char *path);
/* Its string, or NULL; owned by o. */
const char *simt_str(struct json_object *o, const char *path);
/* root.elements */
struct json_object *simt_elements(struct json_object *root);
/* The urn of the newest conversation (caller frees). */
char *simt_newest_conv(struct sim *s);
/* restli_encode_dup(s) (caller frees). */
char *simt_enc(const char *s);

#endif
