/* wake.h — how the worker wakes the UI's poll(): an eventfd (a
 * non-blocking pipe where there is none) that becomes readable after
 * wake_signal().  Wakes coalesce: many signals before the UI drains make
 * one readable event, never a full pipe.
 *
 * Use: the UI polls wake_fd() for POLLIN, calls wake_drain(), then reads
 * the model; any change made before a wake_signal() is seen by a reader
 * that drains after it.
 */
#ifndef LC_WAKE_H
#define LC_WAKE_H

#include "core/err.h"

struct wake;

/* A new wake channel, or NULL with err set (LC_EIO) when no descriptor
 * could be made.  Free with wake_free(). */
struct wake *wake_new(struct lc_error *err);
/* Closes the descriptors.  NULL is fine. */
void wake_free(struct wake *w);
/* The descriptor to poll for POLLIN (close-on-exec, non-blocking). */
int wake_fd(const struct wake *w);
/* Makes wake_fd() readable.  Any thread; async-signal-safe; never blocks. */
void wake_signal(struct wake *w);
/* Empties the channel.  The polling thread, after poll() reported it. */
void wake_drain(struct wake *w);
/* How many times wake_signal() actually wrote (to test coalescing). */
unsigned long wake_writes(struct wake *w);

#endif
