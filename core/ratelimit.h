/* ratelimit.h — the request budget and the backoff arithmetic.
 *
 * A token bucket (per_sec refill, burst size) plus a hard cap per rolling
 * hour, so linchat stays near the pace of a person in a browser (API.md
 * §1: challenges after roughly 900 requests an hour).  The bucket never
 * sleeps: ratelimit_take() says how long to wait and the caller waits in
 * its own interruptible way.  The clock can be replaced for tests.
 * All functions are thread-safe (the status bar reads the state while the
 * worker takes tokens).
 */
#ifndef LC_RATELIMIT_H
#define LC_RATELIMIT_H

#include <stdint.h>

#include "core/err.h"

/* Milliseconds on a monotonic clock. */
typedef uint64_t (*ratelimit_clock_fn)(void *arg);

/* per_sec <= 0: 1; burst <= 0: 5; per_hour <= 0: 600 (capped at 1e6).
 * Starts full.  Caller frees with ratelimit_free(). */
struct ratelimit *ratelimit_new(double per_sec, int burst, int per_hour);
void ratelimit_free(struct ratelimit *rl);

/* Replaces this budget's clock (NULL: clock_mono_ms()).  For tests. */
void ratelimit_set_clock(struct ratelimit *rl, ratelimit_clock_fn fn,
                         void *arg);

/* Takes a token when one is free and the hourly cap allows: returns 0.
 * Otherwise takes nothing and returns how many ms to wait before trying
 * again (> 0).  Never blocks. */
uint64_t ratelimit_take(struct ratelimit *rl);

/* Empties the bucket and makes the next token wait at least ms: called
 * after the service throttled us, so the whole client slows down. */
void ratelimit_penalize(struct ratelimit *rl, uint64_t ms);

struct ratelimit_state {
	double tokens; /* free tokens now (fractional) */
	int burst;
	double per_sec;
	int used_hour; /* requests in the last rolling hour */
	int per_hour;
	uint64_t wait_ms; /* wait before the next request, 0 if none */
};
void ratelimit_state_get(struct ratelimit *rl, struct ratelimit_state *out);

/* The budget spent, as one line of text for a later process to take back
 * with ratelimit_restore(): the free tokens, the penalty left and the age
 * of every send of the last hour, as of wall_ms (ms since the epoch, the
 * only clock two processes share across a reboot).  Caller frees. */
char *ratelimit_save(struct ratelimit *rl, int64_t wall_ms);
/* Takes back what ratelimit_save() wrote at an earlier wall time, so a
 * restarted linchat does not start with a fresh hour and a full bucket:
 * the sends of the last hour count again, the bucket holds what it held
 * plus what refilled since (never more than now), the penalty goes on.
 * 0; -1 (nothing changed) for text that does not parse or was written
 * in the future. */
int ratelimit_restore(struct ratelimit *rl, const char *text, int64_t wall_ms);

/* ratelimit_restore() from the file at path, when there is one that
 * parses; silent otherwise.  Blocks on the read. */
void ratelimit_load_file(struct ratelimit *rl, const char *path);
/* ratelimit_save() to path, atomically, mode 0600, its directory made
 * 0700 if missing; nothing for a shared budget (its file is current).
 * LC_EIO if it could not be written.  Blocks. */
enum lc_err ratelimit_save_file(struct ratelimit *rl, const char *path,
                                struct lc_error *err);

/* Shares this budget with every process that shares the file at path
 * (made 0600, its directory 0700 if missing): from now on each
 * ratelimit_take() and ratelimit_penalize() locks the file (flock), takes
 * the budget from it, spends and writes it back, so any number of linchat
 * processes on one account together keep to one budget.  The first share
 * merges the file's budget as ratelimit_restore() does.  0, or -1 (the
 * file could not be opened; the budget stays this process's own).  Blocks
 * on the lock, which is held for microseconds. */
int ratelimit_share(struct ratelimit *rl, const char *path);
/* 1 if ratelimit_share() succeeded on rl. */
int ratelimit_shared(struct ratelimit *rl);

/* Backoff before retry number attempt (0 = first retry): base * 2^attempt
 * capped at cap_ms, with "equal jitter": half fixed, half scaled by
 * jitter (0..1, from the caller's random source). */
uint64_t ratelimit_backoff_ms(int attempt, uint64_t base_ms, uint64_t cap_ms,
                              double jitter);

/* A random number in [0, 1) for jitter; thread-safe. */
double ratelimit_jitter(void);

#endif
