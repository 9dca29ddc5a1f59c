/* test-wake.c — the UI's wake pipe: readable after a signal, coalescing. */
#include <criterion/criterion.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>

#include "wake.h"

static int
readable(struct wake *w)
{
	struct pollfd p = { .fd = wake_fd(w), .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

Test(wake, signal_makes_the_fd_readable_and_drain_empties_it)
{
	struct wake *w = wake_new(NULL);

	cr_assert_not_null(w);
	cr_assert_not(readable(w));
	wake_signal(w);
	cr_assert(readable(w));
	wake_drain(w);
	cr_assert_not(readable(w));
	wake_free(w);
}

Test(wake, a_burst_of_signals_writes_one_byte)
{
	struct wake *w = wake_new(NULL);
	int i;

	for (i = 0; i < 1000; i++)
		wake_signal(w);
	cr_assert_eq(wake_writes(w), 1);
	wake_drain(w);
	wake_signal(w);
	cr_assert_eq(wake_writes(w), 2);
	cr_assert(readable(w));
	wake_free(w);
}

static atomic_int done;

static void *
signaller(void *arg)
{
	int i;

	for (i = 0; i < 20000; i++)
		wake_signal(arg);
	atomic_store(&done, 1);
	return NULL;
}

Test(wake, no_signal_is_lost_while_the_reader_drains)
{
	struct wake *w = wake_new(NULL);
	pthread_t t;

	atomic_store(&done, 0);
	pthread_create(&t, NULL, signaller, w);
	while (!atomic_load(&done)) {
		if (readable(w))
			wake_drain(w);
	}
	pthread_join(t, NULL);
	/* After the last signal either a byte waits or the reader drained
	 * after it; a fresh signal must always get through. */
	wake_drain(w);
	wake_signal(w);
	cr_assert(readable(w));
	wake_free(w);
}
