/* timing.c — see timing.h.
 *
 * CLOCK_BOOTTIME is the clock /proc/PID/stat's starttime counts (ticks
 * since boot, suspend included), so the two can be subtracted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui/timing.h"

static struct timespec main_at;
static int fd = -1;

static long long
ns_of(const struct timespec *ts)
{
	return (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

void
timing_start(void)
{
	clock_gettime(CLOCK_BOOTTIME, &main_at);
}

enum lc_err
timing_open(const char *path, struct lc_error *err)
{
	if (fd >= 0)
		close(fd);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return lc_error_set(err, LC_EIO,
		                    "Cannot write the timing "
		                    "file %s: %s.",
		                    path, strerror(errno));
	return LC_OK;
}

/* When the process started, in ns of CLOCK_BOOTTIME; -1 if unknown. */
static long long
process_start_ns(void)
{
	char buf[1024], *p, *end;
	unsigned long long ticks;
	long hz = sysconf(_SC_CLK_TCK);
	ssize_t n;
	int f, field;

	if (hz <= 0 || (f = open("/proc/self/stat", O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(f, buf, sizeof buf - 1);
	close(f);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	/* the command name (field 2) may hold spaces and ')': skip to the
	 * last ')', then field 3 onwards; starttime is field 22 */
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	p++;
	for (field = 3; field < 22 && p != NULL; field++)
		p = strchr(p + 1, ' ');
	if (p == NULL)
		return -1;
	errno = 0;
	ticks = strtoull(p + 1, &end, 10);
	if (errno != 0 || end == p + 1)
		return -1;
	return (long long)(ticks * (1000000000ULL / (unsigned long long)hz));
}

void
timing_first_frame(void)
{
	struct timespec now;
	long long start;
	char line[160];
	int len;

	if (fd < 0)
		return;
	clock_gettime(CLOCK_BOOTTIME, &now);
	start = process_start_ns();
	len = snprintf(line, sizeof line,
	               "first_frame_ms %.2f\n"
	               "main_to_frame_ms %.2f\nframe_boottime_ns %lld\n",
	               start >= 0 ? (double)(ns_of(&now) - start) / 1e6 : -1.0,
	               (double)(ns_of(&now) - ns_of(&main_at)) / 1e6,
	               ns_of(&now));
	if (len > 0 && write(fd, line, (size_t)len) != len) {
		/* nothing to tell: the screen is up; the reader sees a short
		 * file */
	}
	close(fd);
	fd = -1;
}
