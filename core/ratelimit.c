/* ratelimit.c — see ratelimit.h.
 *
 * The hourly cap keeps the send times of the last per_hour requests in a
 * ring: the request per_hour back must be older than an hour.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/ratelimit.h"
#include "core/xdg.h"
#include "core/xmalloc.h"

#define SAVE_MAGIC "linchat-budget 1"

#define HOUR_MS 3600000ULL

struct ratelimit {
	pthread_mutex_t lock;
	double per_sec;
	int burst;
	int per_hour;
	double tokens;
	uint64_t last_refill;
	uint64_t not_before; /* penalty: no token before this time */
	uint64_t *ring;      /* per_hour send times, oldest at head */
	int head;
	int count;
	ratelimit_clock_fn clock;
	void *clock_arg;
	int share_fd; /* ratelimit_share(): the locked file, else -1 */
};

/* A saved budget, parsed (ratelimit_save()'s line). */
struct saved {
	uint64_t wall, penalty, count, *ages;
	double tokens;
};

static uint64_t
ratelimit_mono_ms(void *arg)
{
	(void)arg;
	return (uint64_t)clock_mono_ms();
}

struct ratelimit *
ratelimit_new(double per_sec, int burst, int per_hour)
{
	struct ratelimit *rl = xcalloc(1, sizeof *rl);

	pthread_mutex_init(&rl->lock, NULL);
	rl->per_sec = per_sec > 0 ? per_sec : 1.0;
	rl->burst = burst > 0 ? burst : 5;
	rl->per_hour = per_hour > 0 ? per_hour : 600;
	if (rl->per_hour > 1000000)
		rl->per_hour = 1000000;
	rl->ring = xcalloc((size_t)rl->per_hour, sizeof *rl->ring);
	rl->tokens = rl->burst;
	rl->clock = ratelimit_mono_ms;
	rl->last_refill = rl->clock(NULL);
	rl->share_fd = -1;
	return rl;
}

void
ratelimit_free(struct ratelimit *rl)
{
	if (rl == NULL)
		return;
	pthread_mutex_destroy(&rl->lock);
	if (rl->share_fd >= 0)
		close(rl->share_fd);
	free(rl->ring);
	free(rl);
}

void
ratelimit_set_clock(struct ratelimit *rl, ratelimit_clock_fn fn, void *arg)
{
	pthread_mutex_lock(&rl->lock);
	rl->clock = fn != NULL ? fn : ratelimit_mono_ms;
	rl->clock_arg = arg;
	rl->last_refill = rl->clock(rl->clock_arg);
	pthread_mutex_unlock(&rl->lock);
}

/* Called locked. */
static void
ratelimit_refill(struct ratelimit *rl, uint64_t now)
{
	if (now > rl->last_refill) {
		rl->tokens +=
		    (double)(now - rl->last_refill) / 1000.0 * rl->per_sec;
		if (rl->tokens > rl->burst)
			rl->tokens = rl->burst;
	}
	rl->last_refill = now;
	/* Forget sends older than an hour. */
	while (rl->count > 0 && rl->ring[rl->head] + HOUR_MS <= now) {
		rl->head = (rl->head + 1) % rl->per_hour;
		rl->count--;
	}
}

/* Called locked: how long until a token may be taken, 0 if now. */
static uint64_t
ratelimit_wait_locked(struct ratelimit *rl, uint64_t now)
{
	uint64_t w = 0, t;

	if (rl->not_before > now)
		w = rl->not_before - now;
	if (rl->tokens < 1.0) {
		t = (uint64_t)((1.0 - rl->tokens) * 1000.0 / rl->per_sec) + 1;
		if (t > w)
			w = t;
	}
	if (rl->count >= rl->per_hour) {
		t = rl->ring[rl->head] + HOUR_MS - now;
		if (t > w)
			w = t;
	}
	return w;
}

/* " <v>" in decimal: the file is rewritten at every request, and
 * printf per age was most of the cost. */
static void
ratelimit_put_num(struct buf *b, uint64_t v)
{
	char d[24];
	size_t n = sizeof d;

	do
		d[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	d[--n] = ' ';
	buf_add(b, d + n, sizeof d - n);
}

/* Called locked: the budget as ratelimit_save() writes it, into b. */
static void
ratelimit_format(struct ratelimit *rl, uint64_t now, int64_t wall_ms,
                 struct buf *b)
{
	int i;

	buf_addf(b, SAVE_MAGIC " %" PRId64 " %.3f %" PRIu64 " %d", wall_ms,
	         rl->tokens, rl->not_before > now ? rl->not_before - now : 0,
	         rl->count);
	for (i = 0; i < rl->count; i++)
		ratelimit_put_num(
		    b, now - rl->ring[(rl->head + i) % rl->per_hour]);
	buf_addc(b, '\n');
}

/* Reads an unsigned decimal at *p, moving past it and one space. */
static int
ratelimit_num(const char **p, uint64_t *v)
{
	char *end;
	unsigned long long x;

	if (**p < '0' || **p > '9')
		return -1;
	x = strtoull(*p, &end, 10);
	*v = x;
	*p = end;
	if (**p == ' ')
		(*p)++;
	return 0;
}

/* Parses ratelimit_save()'s text written no later than wall_ms into *sv
 * (sv->ages allocated): 0, or -1 (nothing allocated). */
static int
ratelimit_parse(const char *text, int64_t wall_ms, struct saved *sv)
{
	const char *p = text;
	char *end;
	uint64_t i;

	if (strncmp(p, SAVE_MAGIC " ", sizeof SAVE_MAGIC) != 0)
		return -1;
	p += sizeof SAVE_MAGIC;
	if (ratelimit_num(&p, &sv->wall) != 0 || wall_ms < 0 ||
	    sv->wall > (uint64_t)wall_ms)
		return -1;
	sv->tokens = strtod(p, &end);
	if (end == p || *end != ' ' || !(sv->tokens >= 0))
		return -1;
	p = end + 1;
	if (ratelimit_num(&p, &sv->penalty) != 0 ||
	    ratelimit_num(&p, &sv->count) != 0 || sv->count > 1000000)
		return -1;
	sv->ages = xcalloc((size_t)sv->count + 1, sizeof *sv->ages);
	for (i = 0; i < sv->count; i++) {
		if (ratelimit_num(&p, &sv->ages[i]) != 0) {
			free(sv->ages);
			return -1;
		}
	}
	return 0;
}

/* Called locked, after a refill to now: takes in what *sv holds as of
 * wall_ms.  merge: a saved budget from before this process started (the
 * sends count again, the bucket never holds more than now); else the
 * shared file is the whole truth and replaces this process's state. */
static void
ratelimit_apply(struct ratelimit *rl, const struct saved *sv, uint64_t now,
                int64_t wall_ms, int merge)
{
	uint64_t elapsed = (uint64_t)wall_ms - sv->wall, age, i, left;
	double tokens = sv->tokens + (double)elapsed / 1000.0 * rl->per_sec;

	if (tokens > rl->burst)
		tokens = rl->burst;
	left = sv->penalty > elapsed ? sv->penalty - elapsed : 0;
	if (!merge) {
		rl->tokens = tokens;
		rl->not_before = now + left;
		rl->head = rl->count = 0;
	} else {
		if (tokens < rl->tokens)
			rl->tokens = tokens;
		if (now + left > rl->not_before)
			rl->not_before = now + left;
	}
	/* The saved sends still within the hour go in front of this
	 * process's own, newest first, so the ring keeps time order. */
	for (i = sv->count; i-- > 0;) {
		age = sv->ages[i] + elapsed;
		if (age >= HOUR_MS || age > now || rl->count >= rl->per_hour)
			continue;
		rl->head = (rl->head + rl->per_hour - 1) % rl->per_hour;
		rl->ring[rl->head] = now - age;
		rl->count++;
	}
}

/* Called locked: with a shared budget, locks its file and takes its
 * state in (a file that is empty or does not parse leaves ours). */
static void
ratelimit_share_in(struct ratelimit *rl, uint64_t now)
{
	struct saved sv;
	struct stat st;
	char *text;
	ssize_t n;

	if (rl->share_fd < 0)
		return;
	while (flock(rl->share_fd, LOCK_EX) != 0 && errno == EINTR)
		;
	if (fstat(rl->share_fd, &st) != 0 || st.st_size <= 0 ||
	    st.st_size > (16 << 20))
		return;
	text = xmalloc((size_t)st.st_size + 1);
	n = pread(rl->share_fd, text, (size_t)st.st_size, 0);
	text[n > 0 ? n : 0] = '\0';
	if (n > 0 && ratelimit_parse(text, clock_wall_ms(), &sv) == 0) {
		ratelimit_apply(rl, &sv, now, clock_wall_ms(), 0);
		free(sv.ages);
	}
	free(text);
}

/* Called locked: writes the state back to the shared file and unlocks
 * it.  A failed write loses only this change to the other process. */
static void
ratelimit_share_out(struct ratelimit *rl, uint64_t now)
{
	struct buf b;

	if (rl->share_fd < 0)
		return;
	buf_init(&b, 0);
	ratelimit_format(rl, now, clock_wall_ms(), &b);
	if (pwrite(rl->share_fd, b.data, b.len, 0) == (ssize_t)b.len)
		(void)!ftruncate(rl->share_fd, (off_t)b.len);
	buf_release(&b);
	flock(rl->share_fd, LOCK_UN);
}

uint64_t
ratelimit_take(struct ratelimit *rl)
{
	uint64_t now, w;

	pthread_mutex_lock(&rl->lock);
	now = rl->clock(rl->clock_arg);
	ratelimit_refill(rl, now);
	ratelimit_share_in(rl, now);
	w = ratelimit_wait_locked(rl, now);
	if (w == 0) {
		rl->tokens -= 1.0;
		rl->ring[(rl->head + rl->count) % rl->per_hour] = now;
		rl->count++;
	}
	ratelimit_share_out(rl, now);
	pthread_mutex_unlock(&rl->lock);
	return w;
}

void
ratelimit_penalize(struct ratelimit *rl, uint64_t ms)
{
	uint64_t now;

	pthread_mutex_lock(&rl->lock);
	now = rl->clock(rl->clock_arg);
	ratelimit_refill(rl, now);
	ratelimit_share_in(rl, now);
	rl->tokens = 0;
	if (now + ms > rl->not_before)
		rl->not_before = now + ms;
	ratelimit_share_out(rl, now);
	pthread_mutex_unlock(&rl->lock);
}

void
ratelimit_state_get(struct ratelimit *rl, struct ratelimit_state *out)
{
	uint64_t now;

	pthread_mutex_lock(&rl->lock);
	now = rl->clock(rl->clock_arg);
	ratelimit_refill(rl, now);
	out->tokens = rl->tokens;
	out->burst = rl->burst;
	out->per_sec = rl->per_sec;
	out->used_hour = rl->count;
	out->per_hour = rl->per_hour;
	out->wait_ms = ratelimit_wait_locked(rl, now);
	pthread_mutex_unlock(&rl->lock);
}

char *
ratelimit_save(struct ratelimit *rl, int64_t wall_ms)
{
	struct buf b;
	uint64_t now;

	buf_init(&b, 0);
	pthread_mutex_lock(&rl->lock);
	now = rl->clock(rl->clock_arg);
	ratelimit_refill(rl, now);
	ratelimit_format(rl, now, wall_ms, &b);
	pthread_mutex_unlock(&rl->lock);
	return buf_detach(&b);
}

int
ratelimit_restore(struct ratelimit *rl, const char *text, int64_t wall_ms)
{
	struct saved sv;
	uint64_t now;

	if (ratelimit_parse(text, wall_ms, &sv) != 0)
		return -1;
	pthread_mutex_lock(&rl->lock);
	now = rl->clock(rl->clock_arg);
	ratelimit_refill(rl, now);
	ratelimit_apply(rl, &sv, now, wall_ms, 1);
	pthread_mutex_unlock(&rl->lock);
	free(sv.ages);
	return 0;
}

int
ratelimit_share(struct ratelimit *rl, const char *path)
{
	const char *slash = strrchr(path, '/');
	struct lc_error err;
	uint64_t now;
	char *dir;
	int fd;

	if (slash != NULL && slash != path) {
		dir = xstrndup(path, (size_t)(slash - path));
		xdg_mkdir_p(dir, 0700, &err);
		free(dir);
	}
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -1;
	pthread_mutex_lock(&rl->lock);
	if (rl->share_fd >= 0)
		close(rl->share_fd);
	rl->share_fd = fd;
	now = rl->clock(rl->clock_arg);
	ratelimit_refill(rl, now);
	ratelimit_share_in(rl, now);
	ratelimit_share_out(rl, now);
	pthread_mutex_unlock(&rl->lock);
	return 0;
}

int
ratelimit_shared(struct ratelimit *rl)
{
	int r;

	pthread_mutex_lock(&rl->lock);
	r = rl->share_fd >= 0;
	pthread_mutex_unlock(&rl->lock);
	return r;
}

void
ratelimit_load_file(struct ratelimit *rl, const char *path)
{
	struct lc_error err;
	char *text = NULL;
	size_t len;

	/* a full hour at the cap is some 8 MB of ages: refuse more */
	if (xdg_read_file(path, 16u << 20, &text, &len, &err) == LC_OK)
		ratelimit_restore(rl, text, clock_wall_ms());
	free(text);
}

enum lc_err
ratelimit_save_file(struct ratelimit *rl, const char *path,
                    struct lc_error *err)
{
	char *text = ratelimit_save(rl, clock_wall_ms()), *dir;
	const char *slash = strrchr(path, '/');
	enum lc_err rc = LC_OK;

	/* Shared, the file is current; a rename would also leave the other
	 * processes locking the old file. */
	if (ratelimit_shared(rl)) {
		free(text);
		return LC_OK;
	}
	if (slash != NULL && slash != path) {
		dir = xstrndup(path, (size_t)(slash - path));
		rc = xdg_mkdir_p(dir, 0700, err);
		free(dir);
	}
	if (rc == LC_OK)
		rc = xdg_write_atomic(path, text, strlen(text), 0600, err);
	free(text);
	return rc;
}

uint64_t
ratelimit_backoff_ms(int attempt, uint64_t base_ms, uint64_t cap_ms,
                     double jitter)
{
	uint64_t d = base_ms;
	int i;

	for (i = 0; i < attempt && d < cap_ms; i++)
		d *= 2;
	if (d > cap_ms)
		d = cap_ms;
	if (jitter < 0)
		jitter = 0;
	if (jitter > 1)
		jitter = 1;
	return d / 2 + (uint64_t)((double)(d - d / 2) * jitter);
}

double
ratelimit_jitter(void)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static unsigned short seed[3];
	static int seeded;
	double r;

	pthread_mutex_lock(&lock);
	if (!seeded) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		seed[0] = (unsigned short)ts.tv_nsec;
		seed[1] = (unsigned short)(ts.tv_nsec >> 16);
		seed[2] = (unsigned short)ts.tv_sec;
		seeded = 1;
	}
	r = erand48(seed);
	pthread_mutex_unlock(&lock);
	return r;
}
