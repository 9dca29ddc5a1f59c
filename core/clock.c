/* clock.c — see clock.h.
 *
 * The sources are atomic pointers so a benchmark can swap them while the
 * worker reads them; the system clocks are the default when they are NULL.
 */
#include <stdatomic.h>

#include "core/clock.h"

static _Atomic(clock_fn) clock_mono_src;
static _Atomic(clock_fn) clock_wall_src;

static int64_t
clock_read(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
clock_mono_ms(void)
{
	clock_fn fn = atomic_load(&clock_mono_src);

	return fn != NULL ? fn() : clock_read(CLOCK_MONOTONIC);
}

int64_t
clock_wall_ms(void)
{
	clock_fn fn = atomic_load(&clock_wall_src);

	return fn != NULL ? fn() : clock_read(CLOCK_REALTIME);
}

void
clock_set_source(clock_fn mono, clock_fn wall)
{
	atomic_store(&clock_mono_src, mono);
	atomic_store(&clock_wall_src, wall);
}

void
clock_mono_timespec(int64_t deadline_ms, struct timespec *ts)
{
	int64_t at;

	if (atomic_load(&clock_mono_src) == NULL)
		at = deadline_ms; /* the system clock: no drift to correct */
	else
		at = clock_read(CLOCK_MONOTONIC) +
		     (deadline_ms - clock_mono_ms());
	if (at < 0)
		at = 0;
	ts->tv_sec = (time_t)(at / 1000);
	ts->tv_nsec = (long)(at % 1000) * 1000000L;
}
