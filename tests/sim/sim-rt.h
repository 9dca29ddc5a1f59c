/* sim-rt.h — the realtime event stream of API.md §7.
 *
 * GET /realtime/connect answers a server-sent event stream: first a
 * ClientConnection event, then a DecoratedEvent for every new, edited or
 * recalled message (messagesTopic), read-state change (conversationsTopic)
 * and deleted conversation (conversationDeletesTopic), and a Heartbeat
 * when nothing happened for --heartbeat-ms.  Events are kept in the world
 * in order; each stream reads from the point where it connected.  A stream
 * ends when its session dies, at shutdown, or (cut mid-stream) after
 * POST /__sim/realtime-drop.
 */
#ifndef SIM_RT_H
#define SIM_RT_H

#include <stdint.h>
#include <sys/types.h>

#include "tests/sim/sim-route.h"
#include "tests/sim/sim-state.h"

/* Event producers; world lock held. */
void sim_rt_message(struct sim_world *w, const struct sim_conv *c,
                    const struct sim_message *m);
void sim_rt_conversation(struct sim_world *w, const struct sim_conv *c);
void sim_rt_delete(struct sim_world *w, const struct sim_conv *c);

/* A stream for the request r just answered by sim_rt_connect (world lock
 * held); read with sim_rt_read (an MHD content reader, blocking, no lock
 * held), freed with sim_rt_free. */
void *sim_rt_open(struct sim_req *r);
ssize_t sim_rt_read(void *cls, uint64_t pos, char *out, size_t max);
void sim_rt_free(void *cls);

/* Ends every stream (at shutdown: cleanly; drop: cut with an error). */
void sim_rt_stop(struct sim_world *w);
void sim_rt_drop(struct sim_world *w);

#endif
