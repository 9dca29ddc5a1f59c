/* sim-rt.h — the realtime event stream of API.md §7.
 *
 * GET /realtime/connect answers a server-sent event stream: first a
 * ClientConnection event, then a DecoratedEvent for every change made
 * after the stream opened, and a Heartbeat when nothing happened for
 * --heartbeat-ms.  The topics (docs/simulator.md, "Realtime"):
 * messagesTopic (new, edited, recalled and reacted messages),
 * conversationsTopic (new conversation, read state, title),
 * conversationDeletesTopic, messageSeenReceiptsTopic,
 * typingIndicatorsTopic and messageReactionSummariesTopic.  Every
 * decoration wraps its object in "result".
 *
 * Events are kept in the world in order, but only as long as some open
 * stream has still to send them: each stream reads from the point where
 * it connected, and an event every open stream has sent (or one pushed
 * while no stream is open) is freed.  A producer wakes every stream
 * thread at once (a condition broadcast; the MHD content reader of each
 * stream blocks on it, no timer on the way).  A stream ends when its
 * session dies, at shutdown, or (cut mid-stream) after
 * POST /__sim/realtime-drop.
 *
 * Test controls: /__sim/realtime-refuse makes new connects answer 400,
 * 401 or 503; /__sim/realtime-fault makes new connects send garbage, one
 * huge line, or nothing at all (sim-rt-ctl.c).
 */
#ifndef SIM_RT_H
#define SIM_RT_H

#include <json-c/json.h>
#include <stdint.h>
#include <sys/types.h>

#include "tests/sim/sim-route.h"
#include "tests/sim/sim-state.h"

/* What a faulty stream does after its ClientConnection event. */
enum sim_rt_fault {
	RT_FAULT_NONE,
	RT_FAULT_GARBAGE,   /* a burst of bytes that are no event, then on */
	RT_FAULT_HUGE_LINE, /* one data: line of rt_fault_bytes, then on */
	RT_FAULT_SILENT,    /* no status line, no byte, until a drop */
};

/* Event producers; world lock held.  A person is an index of w->people
 * (0 is the user). */
void sim_rt_message(struct sim_world *w, const struct sim_conv *c,
                    const struct sim_message *m);
void sim_rt_conversation(struct sim_world *w, const struct sim_conv *c);
void sim_rt_delete(struct sim_world *w, const struct sim_conv *c);
void sim_rt_seen(struct sim_world *w, const struct sim_message *m, int who,
                 long long at);
void sim_rt_typing(struct sim_world *w, const struct sim_conv *c, int who);
/* The summary of one emoji after actor's change (count 0: the last one
 * was taken back). */
void sim_rt_reaction(struct sim_world *w, const struct sim_message *m,
                     int actor, int added, const struct sim_reaction *sum);

/* A stream for the request r just answered by sim_rt_connect (world lock
 * held); read with sim_rt_read (an MHD content reader, blocking, no lock
 * held), freed with sim_rt_free (no lock held). */
void *sim_rt_open(struct sim_req *r);
ssize_t sim_rt_read(void *cls, uint64_t pos, char *out, size_t max);
void sim_rt_free(void *cls);
/* For a RT_FAULT_SILENT connect: blocks (no lock held) until a drop or
 * shutdown; the caller then closes the connection without an answer. */
void sim_rt_hold(struct sim_world *w);

/* Ends every stream (at shutdown: cleanly; drop: cut with an error). */
void sim_rt_stop(struct sim_world *w);
void sim_rt_drop(struct sim_world *w);

/* The "realtime" object of /__sim/state (a new object; lock held). */
struct json_object *sim_rt_state_json(struct sim_world *w);
/* "none", "garbage", "huge-line", "silent"; and back (-1 if unknown). */
const char *sim_rt_fault_name(int kind);
int sim_rt_fault_by_name(const char *name);

#endif
