/* rig.c — see rig.h. */
#include <curl/curl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/unit/helpers.h"
#include "tests/unit/rig.h"
#include "core/jobq.h"
#include "core/outbox.h"
#include "tests/sim/simclient.h"
#include "core/xmalloc.h"

char rig_tmpdir[64];
double rig_rate_per_sec = 10000;
int rig_rate_burst = 10000;
int rig_realtime = 0;

int
rig_mktmpdir(void)
{
	return helpers_tmpdir(rig_tmpdir, sizeof rig_tmpdir, "lc-worker") !=
	               NULL
	           ? 0
	           : -1;
}

void
rig_rmtmpdir(void)
{
	helpers_rmtree(rig_tmpdir);
}

char *
rig_db_path(const char *name)
{
	return xasprintf("%s/%s.db", rig_tmpdir, name);
}

int
rig_init(struct rig *r, const char *base_url, const char *db, int depth,
         int active_s, struct lc_error *err)
{
	struct http_config hc;

	memset(r, 0, sizeof *r);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	r->cfg = config_new();
	r->cfg->initial_depth = depth;
	r->cfg->active_interval_s = active_s;
	r->cfg->idle_interval_s = active_s;
	r->cfg->realtime = rig_realtime;
	memset(&hc, 0, sizeof hc);
	hc.base_url = base_url;
	hc.rate_per_sec = rig_rate_per_sec;
	hc.rate_burst = rig_rate_burst;
	hc.rate_per_hour = 1000000;
	hc.backoff_base_ms = 10;
	hc.backoff_max_ms = 50;
	hc.total_timeout_ms = 10000;
	if ((r->h = http_session_new(&hc, err)) == NULL)
		return -1;
	http_cookie_set(r->h, "li_at", SIM_DEMO_LI_AT);
	http_cookie_set(r->h, "JSESSIONID", SIM_DEMO_JSESSIONID);
	voyager_ctx_init(&r->vc, r->h);
	r->vc.send_backoff_ms = 10;
	r->vc.send_attempts = 6;
	if (voyager_ctx_set_mailbox(&r->vc, SIM_DEMO_PROFILE_ID, err) != LC_OK)
		return -1;
	r->m = model_new();
	if (db != NULL && (store_open(db, &r->st, err) != LC_OK ||
	                   store_load(r->st, r->m, err) != LC_OK))
		return -1;
	if ((r->w = worker_new(r->cfg, &r->vc, r->m, r->st, err)) == NULL)
		return -1;
	return 0;
}

void
rig_down(struct rig *r)
{
	worker_free(r->w);
	store_close(r->st);
	model_free(r->m);
	http_session_free(r->h);
	config_free(r->cfg);
}

int
rig_wait_for(struct rig *r, int (*done)(struct rig *, const void *),
             const void *arg, int limit_ms)
{
	int64_t end = clock_mono_ms() + limit_ms;
	struct pollfd p;

	while (clock_mono_ms() < end) {
		if (done(r, arg))
			return 1;
		p.fd = worker_wake_fd(r->w);
		p.events = POLLIN;
		if (poll(&p, 1, 50) == 1)
			worker_wake_drain(r->w);
	}
	return done(r, arg);
}

int
rig_initial_done(struct rig *r, const void *arg)
{
	struct worker_stats s;

	(void)arg;
	worker_stats_get(r->w, &s);
	return s.initial_done;
}

int
rig_outbox_empty(struct rig *r, const void *arg)
{
	struct outbox_item *items = NULL;
	size_t n = 1;

	(void)arg;
	if (outbox_all(r->st, &items, &n, NULL) != LC_OK)
		return 0;
	outbox_items_free(items, n);
	return n == 0;
}

void *
rig_hammer_main(void *arg)
{
	struct rig_hammer *hm = arg;
	struct model_inbox in;
	struct model_thread t;
	struct model_sync s;
	uint64_t last = 0;

	while (!atomic_load(&hm->stop)) {
		model_inbox_snapshot(hm->m, 0, &in);
		if (in.version < last)
			hm->went_back = 1;
		last = in.version;
		if (in.n > 0 &&
		    model_thread_snapshot(hm->m, in.rows[0].urn, 0, &t) == 0)
			model_thread_release(&t);
		model_inbox_release(&in);
		model_get_sync(hm->m, &s);
		hm->rounds++;
	}
	return NULL;
}
