/* rigtest.c — Criterion's side of the worker rig (see rigtest.h). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/voyager-msg.h"
#include "core/worker.h"
#include "core/xmalloc.h"
#include "tests/unit/rigtest.h"

void
rigt_up(struct rig *r, struct sim *sim, const char *db, int depth, int active_s)
{
	struct lc_error err;

	lc_error_clear(&err);
	cr_assert_eq(rig_init(r, sim_base_url(sim), db, depth, active_s, &err),
	             0, "%s", err.msg);
}

void
rigt_start(struct rig *r)
{
	struct lc_error err;

	cr_assert_eq(worker_start(r->w, &err), LC_OK, "%s", err.msg);
}

char **
rigt_convs(struct rig *r, size_t n)
{
	struct voyager_conv_page pg;
	struct lc_error err;
	char **v = xcalloc(n, sizeof *v);
	size_t i;

	memset(&pg, 0, sizeof pg);
	cr_assert_eq(voyager_conversations(&r->vc, &pg, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_geq(pg.n, n);
	for (i = 0; i < n; i++)
		v[i] = xstrdup(pg.items[i].urn);
	voyager_conv_page_free(&pg);
	return v;
}

void
rigt_free_convs(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
