/* clock.h — the one clock of linchat (after redis's monotonic.h).
 *
 * Every timer of core/ reads the monotonic clock through clock_mono_ms()
 * and every timestamp that leaves the process (the log, the store, the
 * budget file, the service's deliveredAt) reads clock_wall_ms().  A test
 * or a benchmark replaces both in one place with clock_set_source(); the
 * condition waits that sleep until a deadline turn it into real time
 * with clock_mono_timespec(), so a replaced clock cannot stall them.
 * All functions are thread-safe.
 */
#ifndef LC_CLOCK_H
#define LC_CLOCK_H

#include <stdint.h>
#include <time.h>

/* A clock reading in ms. */
typedef int64_t (*clock_fn)(void);

/* Milliseconds on the monotonic clock (CLOCK_MONOTONIC unless replaced):
 * for intervals and deadlines, never shown. */
int64_t clock_mono_ms(void);

/* Milliseconds since the epoch (CLOCK_REALTIME unless replaced): for
 * timestamps other processes or the service compare with. */
int64_t clock_wall_ms(void);

/* Replaces the clocks (NULL: the system's).  For tests and benchmarks;
 * call before the threads that read them start, or accept that a reader
 * may see either clock once. */
void clock_set_source(clock_fn mono, clock_fn wall);

/* The absolute CLOCK_MONOTONIC time for pthread_cond_timedwait() (on a
 * condition variable set to CLOCK_MONOTONIC) at which deadline_ms on
 * clock_mono_ms()'s clock falls: now plus what is left of it. */
void clock_mono_timespec(int64_t deadline_ms, struct timespec *ts);

#endif
