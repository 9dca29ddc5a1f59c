/* test-sim-state.c — the simulator's witness accounting in /__sim/state:
 * the most requests seen in any sliding window (rate.max_in_1s and
 * rate.max_in_10s), which the fault soak checks against the client's
 * request budget. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "tests/sim/simclient.h"

#define ME "/voyager/api/me"

static long
rate_max(struct sim *s, const char *window)
{
	struct json_object *st = sim_state_json(s), *r, *v;
	long n = -1;

	cr_assert_not_null(st);
	if (json_object_object_get_ex(st, "rate", &r) &&
	    json_object_object_get_ex(r, window, &v))
		n = (long)json_object_get_int64(v);
	json_object_put(st);
	return n;
}

Test(sim_state, rate_windows_count_api_requests_not_the_control_plane)
{
	struct sim *s = sim_start(NULL);
	struct sim_resp r;
	int i;

	cr_assert_not_null(s, "the simulator did not start");
	cr_assert_eq(rate_max(s, "max_in_1s"), 0);
	cr_assert_eq(rate_max(s, "max_in_10s"), 0);
	for (i = 0; i < 5; i++) {
		sim_request(s, "GET", ME, sim_demo_headers(), NULL, &r);
		cr_assert_eq(r.status, 200);
		sim_resp_free(&r);
		free(sim_state(s));
	}
	/* Five local requests take far less than ten seconds. */
	cr_assert_eq(rate_max(s, "max_in_10s"), 5);
	cr_assert_geq(rate_max(s, "max_in_1s"), 1);
	cr_assert_leq(rate_max(s, "max_in_1s"), 5);
	sim_stop(s);
}
