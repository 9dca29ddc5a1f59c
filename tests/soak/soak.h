/* soak.h — what the fault soak's driver (soak.c) and its child
 * (soak-child.c) share: the conversations, the message names and the
 * child's entry point.  See soak.c for the whole design.
 */
#ifndef SOAK_H
#define SOAK_H

#include <stddef.h>

#define NCONVS 12
/* Every FIRST_EVERY-th message is a first message (to a person, not a
 * conversation: the outbox's placeholder path), to one of NPEOPLE. */
#define FIRST_EVERY 8
#define NPEOPLE 2

/* The URNs of the simulator's first NCONVS conversations (the driver
 * fills them before it forks), and the run's nonce (its seed) that makes
 * origin tokens unique per run. */
extern char *convs[NCONVS];
extern unsigned nonce;

/* Message i's text and origin token. */
void msg_text(char *buf, size_t size, int i);
void msg_token(char *buf, size_t size, int i);

/* The child process: a worker on db, logged in to base_url, taking
 * command lines on cmd and answering on ack (protocol in soak.c).
 * Never returns. */
void child_main(const char *base_url, const char *db, int cmd, int ack);

#endif
