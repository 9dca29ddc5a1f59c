#include <criterion/criterion.h>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>

#include "core/wake.h"

static int
readable(struct wake *w, int timeout_ms)
{
	struct pollfd p = {wake_fd(w), POLLIN, 0};

	return poll(&p, 1, timeout_ms) == 1 && (p.revents & POLLIN);
}

Test(wake, many_signals_make_one_wake_and_drain_empties_it)
{
	struct wake *w;
	int i;

	w = wake_new(NULL);
	cr_assert_not_null(w);
	cr_assert_not(readable(w, 0));
	for (i = 0; i < 100000; i++)
		wake_signal(w);
	cr_assert(readable(w, 0));
	cr_assert_eq(wake_writes(w), 1);
	wake_drain(w);
	cr_assert_not(readable(w, 0));
	wake_signal(w);
	cr_assert(readable(w, 0));
	wake_drain(w);
	wake_drain(w);
	cr_assert_not(readable(w, 0));
	wake_free(w);
	wake_free(NULL);
}

static void *
signaller(void *arg)
{
	int i;

	for (i = 0; i < 2000; i++)
		wake_signal(arg);
	return NULL;
}

Test(wake, signal_from_another_thread_wakes_poll)
{
	struct wake *w;
	pthread_t th;
	int wakes = 0;

	w = wake_new(NULL);
	cr_assert_not_null(w);
	pthread_create(&th, NULL, signaller, w);
	cr_assert(readable(w, 10000));
	do {
		wake_drain(w);
		wakes++;
	} while (readable(w, 50) && wakes < 5000);
	pthread_join(th, NULL);
	cr_assert_gt(wakes, 0);
	/* after the last drain a new signal is never swallowed */
	wake_drain(w);
	wake_signal(w);
	cr_assert(readable(w, 0));
	wake_free(w);
}
