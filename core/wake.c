/* wake.c — coalescing wake pipe; see wake.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wake.h"
#include "xmalloc.h"

struct wake {
	int rfd;
	int wfd;
	atomic_int pending;
	atomic_ulong writes;
};

static int
wake_nonblock(int fd)
{
	int fl;

	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) == -1)
		return -1;
	return 0;
}

struct wake *
wake_new(struct lc_error *err)
{
	struct wake *w;
	int fds[2];

	if (pipe(fds) == -1) {
		lc_error_set(err, LC_EIO, "Could not create the wake pipe: %s.",
		    strerror(errno));
		return NULL;
	}
	if (wake_nonblock(fds[0]) == -1 || wake_nonblock(fds[1]) == -1) {
		lc_error_set(err, LC_EIO, "Could not set up the wake pipe: %s.",
		    strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return NULL;
	}
	w = xcalloc(1, sizeof *w);
	w->rfd = fds[0];
	w->wfd = fds[1];
	atomic_init(&w->pending, 0);
	atomic_init(&w->writes, 0);
	return w;
}

void
wake_free(struct wake *w)
{
	if (w == NULL)
		return;
	close(w->rfd);
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
	char c = 1;
	ssize_t n;

	if (atomic_exchange(&w->pending, 1) != 0)
		return;
	do
		n = write(w->wfd, &c, 1);
	while (n == -1 && errno == EINTR);
	/* EAGAIN means the pipe is full, so it is readable anyway. */
	if (n == 1)
		atomic_fetch_add(&w->writes, 1);
}

void
wake_drain(struct wake *w)
{
	char junk[64];
	ssize_t n;

	do
		n = read(w->rfd, junk, sizeof junk);
	while (n > 0 || (n == -1 && errno == EINTR));
	/* Only now: a signal between the read and this store is coalesced
	 * into this round, whose changes the caller reads next. */
	atomic_store(&w->pending, 0);
}

unsigned long
wake_writes(struct wake *w)
{
	return atomic_load(&w->writes);
}
