/* wake.h — a coalescing wake-up fd: the worker says "something changed",
 * the UI's poll() wakes.
 *
 * A non-blocking pipe.  wake_signal() writes one byte only when no wake is
 * already pending, so a burst of changes costs one byte and one poll()
 * round.  The reader polls wake_fd() for POLLIN, calls wake_drain(), then
 * reads the model: every change made before a signal that was coalesced
 * away is visible by then, because drain clears the pending flag only
 * after emptying the pipe.
 */
#ifndef LC_WAKE_H
#define LC_WAKE_H

#include "err.h"

struct wake;

/* A new wake pipe (both ends non-blocking, close-on-exec), or NULL with
 * err set (LC_EIO) when the system has no fds left.  Free with
 * wake_free(). */
struct wake *wake_new(struct lc_error *err);
/* Closes both ends.  NULL is fine.  No thread may use it any more. */
void wake_free(struct wake *w);

/* The fd to poll for POLLIN.  Owned by w; never close it. */
int wake_fd(const struct wake *w);
/* Makes wake_fd() readable unless it already is.  Never blocks; any
 * thread; async-signal-safe. */
void wake_signal(struct wake *w);
/* Empties the pipe and re-arms wake_signal().  Never blocks.  Called by
 * the one reader thread. */
void wake_drain(struct wake *w);
/* Number of bytes actually written so far (for tests: coalescing). */
unsigned long wake_writes(struct wake *w);

#endif
