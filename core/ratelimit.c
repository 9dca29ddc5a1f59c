/* ratelimit.c — see ratelimit.h.
 *
 * The hourly cap keeps the send times of the last per_hour requests in a
 * ring: the request per_hour back must be older than an hour.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	return rl;
}

void
ratelimit_free(struct ratelimit *rl)
{
	if (rl == NULL)
		return;
	pthread_mutex_destroy(&rl->lock);
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

uint64_t
ratelimit_take(struct ratelimit *rl)
{
	uint64_t now, w;

	pthread_mutex_lock(&rl->lock);
	now = rl->clock(rl->clock_arg);
	ratelimit_refill(rl, now);
	w = ratelimit_wait_locked(rl, now);
	if (w == 0) {
		rl->tokens -= 1.0;
		rl->ring[(rl->head + rl->count) % rl->per_hour] = now;
		rl->count++;
	}
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
	rl->tokens = 0;
	if (now + ms > rl->not_before)
		rl->not_before = now + ms;
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
	int i;

	buf_init(&b, 0);
	pthread_mutex_lock(&rl->lock);
	now = rl->clock(rl->clock_arg);
	ratelimit_refill(rl, now);
	buf_addf(&b, SAVE_MAGIC " %" PRId64 " %.3f %" PRIu64 " %d", wall_ms,
	         rl->tokens, rl->not_before > now ? rl->not_before - now : 0,
	         rl->count);
	for (i = 0; i < rl->count; i++)
		buf_addf(&b, " %" PRIu64,
		         now - rl->ring[(rl->head + i) % rl->per_hour]);
	pthread_mutex_unlock(&rl->lock);
	buf_addc(&b, '\n');
	return buf_detach(&b);
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

int
ratelimit_restore(struct ratelimit *rl, const char *text, int64_t wall_ms)
{
	const char *p = text;
	uint64_t saved, penalty, count, age, elapsed, now, i, *ages = NULL;
	double tokens;
	char *end;
	int rc = -1;

	if (strncmp(p, SAVE_MAGIC " ", sizeof SAVE_MAGIC) != 0)
		return -1;
	p += sizeof SAVE_MAGIC;
	if (ratelimit_num(&p, &saved) != 0 || wall_ms < 0 ||
	    saved > (uint64_t)wall_ms)
		return -1;
	tokens = strtod(p, &end);
	if (end == p || *end != ' ' || !(tokens >= 0))
		return -1;
	p = end + 1;
	if (ratelimit_num(&p, &penalty) != 0 ||
	    ratelimit_num(&p, &count) != 0 || count > 1000000)
		return -1;
	ages = xcalloc((size_t)count + 1, sizeof *ages);
	for (i = 0; i < count; i++) {
		if (ratelimit_num(&p, &ages[i]) != 0)
			goto out;
	}
	elapsed = (uint64_t)wall_ms - saved;
	pthread_mutex_lock(&rl->lock);
	now = rl->clock(rl->clock_arg);
	ratelimit_refill(rl, now);
	/* What refilled while no process ran, never above what is free. */
	tokens += (double)elapsed / 1000.0 * rl->per_sec;
	if (tokens < rl->tokens)
		rl->tokens = tokens;
	if (penalty > elapsed && now + (penalty - elapsed) > rl->not_before)
		rl->not_before = now + (penalty - elapsed);
	/* The saved sends still within the hour go in front of this
	 * process's own, newest first, so the ring keeps time order. */
	for (i = count; i-- > 0;) {
		age = ages[i] + elapsed;
		if (age >= HOUR_MS || age > now || rl->count >= rl->per_hour)
			continue;
		rl->head = (rl->head + rl->per_hour - 1) % rl->per_hour;
		rl->ring[rl->head] = now - age;
		rl->count++;
	}
	pthread_mutex_unlock(&rl->lock);
	rc = 0;
out:
	free(ages);
	return rc;
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
