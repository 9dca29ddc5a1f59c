/* lockfile.c — see lockfile.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/lockfile.h"
#include "core/xmalloc.h"

struct lockfile {
	int fd;
};

/* The pid the holder wrote, 0 if unreadable. */
static long
lockfile_holder(int fd)
{
	char b[32];
	ssize_t n = pread(fd, b, sizeof b - 1, 0);

	if (n <= 0)
		return 0;
	b[n] = '\0';
	return strtol(b, NULL, 10);
}

enum lc_err
lockfile_take(const char *path, struct lockfile **out, struct lc_error *err)
{
	char pid[32];
	long holder;
	int fd, n;

	*out = NULL;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return lc_error_set(err, LC_EIO, "Cannot open %s: %s.", path,
		                    strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		holder = errno == EWOULDBLOCK ? lockfile_holder(fd) : 0;
		close(fd);
		if (holder > 0)
			return lc_error_set(
			    err, LC_EINVAL,
			    "linchat is already open on this account (process "
			    "%ld); use that one, or run linchat commands "
			    "beside it (linchat --help).",
			    holder);
		return lc_error_set(err, LC_EINVAL,
		                    "linchat is already open on this account; "
		                    "use that one, or run linchat commands "
		                    "beside it (linchat --help).");
	}
	n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
		/* the lock holds without the pid; only the sentence of a
		 * second process is the poorer */
	}
	*out = xcalloc(1, sizeof **out);
	(*out)->fd = fd;
	return LC_OK;
}

void
lockfile_release(struct lockfile *lf)
{
	if (lf == NULL)
		return;
	close(lf->fd);
	free(lf);
}
