/* rig.h — a worker wired to the simulator, for tests that drive the
 * whole engine: test-worker (Criterion) and the ThreadSanitizer drivers
 * under tests/tsan/ (plain programs: Criterion cannot start under TSan).
 * No Criterion here: every function reports failure by its result.
 */
#ifndef RIG_H
#define RIG_H

#include <stdatomic.h>

#include "core/config.h"
#include "core/err.h"
#include "core/http.h"
#include "core/model.h"
#include "core/store.h"
#include "core/voyager.h"
#include "core/worker.h"

struct rig {
	struct config *cfg;
	struct http_session *h;
	struct voyager_ctx vc;
	struct model *m;
	struct store *st;
	struct worker *w;
};

/* A temporary directory for stores, created by rig_mktmpdir() (0 or -1)
 * and removed with its files by rig_rmtmpdir(). */
extern char rig_tmpdir[64];
int rig_mktmpdir(void);
void rig_rmtmpdir(void);
/* "<rig_tmpdir>/<name>.db"; caller frees. */
char *rig_db_path(const char *name);

/* The request budget rig_init() gives the session: 10 000/s with a burst
 * of 10 000 unless a program (the fault soak) sets a real one first. */
extern double rig_rate_per_sec;
extern int rig_rate_burst;
/* Whether rig_init()'s worker holds the realtime stream open ([sync]
 * realtime): 0 unless a test sets it, so the polling tests count only
 * the requests they make; the live tests set it to 1. */
extern int rig_realtime;

/* A worker on a fresh model logged in with the simulator's demo cookies,
 * the store at db (NULL: none) loaded into the model, the budget above, the
 * initial sync depth and the sync interval in seconds.  Not started.
 * 0, or -1 with err set. */
int rig_init(struct rig *r, const char *base_url, const char *db, int depth,
             int active_s, struct lc_error *err);
void rig_down(struct rig *r);

/* Waits on the wake fd, as the UI does, until done(r, arg) or limit_ms;
 * returns done's last answer. */
int rig_wait_for(struct rig *r, int (*done)(struct rig *, const void *),
                 const void *arg, int limit_ms);
/* done() for rig_wait_for: the initial sync reached its depth. */
int rig_initial_done(struct rig *r, const void *arg);
/* done() for rig_wait_for: the store's outbox holds no row (arg unused;
 * 0 when the outbox cannot be read). */
int rig_outbox_empty(struct rig *r, const void *arg);

/* A reader thread taking inbox and thread snapshots until stop is set;
 * went_back is set if the model's version ever went backwards. */
struct rig_hammer {
	struct model *m;
	atomic_int stop;
	long rounds;
	int went_back;
};
void *rig_hammer_main(void *arg);

#endif
