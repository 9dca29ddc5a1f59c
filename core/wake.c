/* wake.c — an eventfd counter, or a self-pipe.  A flag skips the write
 * when a wake is already pending, so a burst of model changes costs one
 * syscall and the pipe can never fill up.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "core/wake.h"
#include "core/xmalloc.h"

struct wake {
	int rfd;
	int wfd; /* == rfd for an eventfd */
	atomic_int pending;
	atomic_ulong writes;
};

static int
set_flags(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -1;
	return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

struct wake *
wake_new(struct lc_error *err)
{
	struct wake *w = xcalloc(1, sizeof(*w));
	int p[2];

	atomic_init(&w->pending, 0);
	atomic_init(&w->writes, 0);
	w->rfd = w->wfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (w->rfd < 0) {
		if (pipe(p) != 0) {
			lc_error_set(err, LC_EIO,
			             "Could not create the "
			             "wake-up channel: %s.",
			             strerror(errno));
			free(w);
			return NULL;
		}
		if (set_flags(p[0]) != 0 || set_flags(p[1]) != 0) {
			lc_error_set(err, LC_EIO,
			             "Could not set up the "
			             "wake-up channel: %s.",
			             strerror(errno));
			close(p[0]);
			close(p[1]);
			free(w);
			return NULL;
		}
		w->rfd = p[0];
		w->wfd = p[1];
	}
	return w;
}

void
wake_free(struct wake *w)
{
	if (w == NULL)
		return;
	close(w->rfd);
	if (w->wfd != w->rfd)
		close(w->wfd);
	free(w);
}

int
wake_fd(const struct wake *w)
{
	return w->rfd;
}

void
wake_signal(struct wake *w)
{
	uint64_t one = 1;
	ssize_t n;

	if (atomic_exchange(&w->pending, 1) != 0)
		return; /* already readable */
	atomic_fetch_add(&w->writes, 1);
	if (w->wfd == w->rfd) {
		do
			n = write(w->wfd, &one, sizeof(one));
		while (n < 0 && errno == EINTR);
	} else {
		do
			n = write(w->wfd, "", 1);
		while (n < 0 && errno == EINTR);
	}
}

void
wake_drain(struct wake *w)
{
	char buf[64];
	ssize_t n;

	do
		n = read(w->rfd, buf, sizeof(buf));
	while (n > 0 || (n < 0 && errno == EINTR));
	/* Clear the flag only now.  A signal that saw it still set made a
	 * change before this point, which the caller's read of the model
	 * (after we return) sees; a signal after it writes again.  Clearing
	 * before the read could swallow a byte and leave the flag set. */
	atomic_store(&w->pending, 0);
}

unsigned long
wake_writes(struct wake *w)
{
	return atomic_load(&w->writes);
}
