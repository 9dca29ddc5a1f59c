/* sim-fault.h — injected failures, deterministic from the seed.
 *
 * Each request outside /__sim/ asks sim_fault_decide() once, after routing.
 * A forced fault ("fail the next N requests [to endpoint E] with X", set
 * through POST /__sim/fault) wins; else, with probability rate, a kind is
 * drawn from the enabled list with the fault generator, which is seeded
 * from --seed, so the same requests in the same order fail the same way.
 *
 * 429, 999 and 503 are "pre" faults: the answer replaces the handler, and
 * nothing changes.  500, reset, truncated, malformed, empty and slow are
 * "post" faults: the handler ran (a send was stored) and then the answer
 * is spoiled on the way out.  That is the case where a client must look
 * for its originToken before sending again.
 *
 * The hostile-answer kinds (huge, deep, redirect, foreign-cookie) are never
 * drawn at random, not even with the default "every kind": a test asks for
 * them by name (--faults or /__sim/fault).  huge and deep replace the
 * answer with a 200 whose body is too large (33 MiB by default, streamed)
 * or nested too deep (10 000 by default); redirect answers 302 (or the
 * configured 3xx) with a Location to another host instead of running the
 * handler; foreign-cookie serves the handler's answer plus Set-Cookie
 * headers for another Domain (one of them a forged li_at).
 */
#ifndef SIM_FAULT_H
#define SIM_FAULT_H

#include <json-c/json.h>

#include "tests/sim/sim-state.h"

enum sim_fault_kind {
	FAULT_NONE,
	FAULT_429,
	FAULT_999,
	FAULT_503,
	FAULT_500,
	FAULT_RESET,
	FAULT_TRUNCATED,
	FAULT_MALFORMED,
	FAULT_EMPTY,
	FAULT_SLOW,
	FAULT_HUGE,
	FAULT_DEEP,
	FAULT_REDIRECT,
	FAULT_FOREIGN_COOKIE,
	FAULT_COUNT
};

/* The parameters of the hostile-answer kinds, set through /__sim/fault
 * ("bytes", "depth", "location", "status"). */
struct sim_fault_params {
	size_t huge_bytes;    /* default 33 MiB */
	int deep_depth;       /* default 10 000 */
	const char *location; /* default "http://localhost:1/__sim/elsewhere" */
	int redirect_status;  /* default 302 */
};

/* From opts (fault_rate, faults, seed).  Free with sim_fault_free(). */
struct sim_fault *sim_fault_new(const struct sim_opts *opts);
void sim_fault_free(struct sim_fault *f);

/* Parses a comma list of kind names into a bit mask (1 << kind).  -1 on an
 * unknown name; NULL or "" means every kind but the hostile-answer ones. */
int sim_fault_parse_list(const char *list, unsigned *mask);
/* "429", "reset", ...; "none" for FAULT_NONE. */
const char *sim_fault_name(enum sim_fault_kind k);
enum sim_fault_kind sim_fault_by_name(const char *name);
/* Whether the kind replaces the handler (429, 999, 503, redirect). */
int sim_fault_is_pre(enum sim_fault_kind k);

/* The fault for the next request to endpoint; world lock held. */
enum sim_fault_kind sim_fault_decide(struct sim_fault *f, const char *endpoint);

/* Applies a /__sim/fault body: {"rate":P,"faults":"429,500",
 * "next":N,"fault":"500","endpoint":"create_message","bytes":N,"depth":N,
 * "location":URL,"status":3xx}.  0, or -1 with a reason in *why (static). */
int sim_fault_configure(struct sim_fault *f, struct json_object *cfg,
                        const char **why);
/* The current parameters (owned by f; world lock held). */
const struct sim_fault_params *sim_fault_params(const struct sim_fault *f);
/* Records how many bytes of the last huge answer went out before the
 * client stopped reading (shown as "huge_served"); world lock held. */
void sim_fault_huge_served(struct sim_fault *f, size_t n);
/* The settings and counts, for /__sim/state (a new object). */
struct json_object *sim_fault_json(const struct sim_fault *f);

#endif
