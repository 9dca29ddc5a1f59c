/* voyager-presence.h — who is online (API.md §12, "presence").
 *
 * POST /voyager/api/messaging/dash/presenceStatuses with the form body
 * ids=List(urn%3Ali%3Afsd_profile%3A<ID>,...), at most 10 ids a call (a
 * Rest.li batch GET tunnelled through a POST).  The answer's shape is
 * inferred (the capture has none): {"data":{"results":{<urn>:
 * {"availability":"ONLINE"|"OFFLINE","lastActiveAt":ms,
 * "instantlyReachable":bool}},"errors":{}},"included":[]}.  The mapper
 * also takes "results" at the top level, missing fields and unknown
 * availabilities.  Presence is optional: callers treat every failure, a
 * 403 above all (the service answers the first burst after a page load
 * with 403s), as "unknown" and say nothing to the user.
 */
#ifndef LC_VOYAGER_PRESENCE_H
#define LC_VOYAGER_PRESENCE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/voyager.h"

/* Ids one presenceStatuses call carries at most. */
#define VOYAGER_PRESENCE_BATCH 10

enum voyager_availability {
	VOYAGER_AVAIL_UNKNOWN, /* missing, or a value we do not know */
	VOYAGER_AVAIL_ONLINE,
	VOYAGER_AVAIL_OFFLINE
};

struct voyager_presence {
	char *profile_urn; /* urn:li:fsd_profile:<ID> */
	enum voyager_availability availability;
	int64_t last_active_at;  /* ms since the epoch; 0 unknown */
	int instantly_reachable; /* 0 when missing */
};

struct voyager_presence_list {
	struct voyager_presence *items; /* in the answer's order */
	size_t n;
};

void voyager_presence_list_free(struct voyager_presence_list *l);

/* Pure mapper: one answer into *out (emptied first).  Result keys that are
 * no profile URN and values that are no object are skipped; errors are
 * ignored.  LC_EBADRESP for malformed JSON or an answer without a results
 * object (under "data" or at the top level). */
enum lc_err voyager_parse_presence(const char *json, size_t len,
                                   struct voyager_presence_list *out,
                                   struct lc_error *err);

/* The presence of n people (profile <ID>s or fsd_profile URNs), in calls
 * of at most VOYAGER_PRESENCE_BATCH ids (never retried: presence is not
 * worth a wait).  *out gets every result of every call.  LC_EINVAL (no
 * request) for n 0 or an id that is neither; on a failed call *out is
 * emptied and its error returned. */
enum lc_err voyager_presence(struct voyager_ctx *ctx, const char *const *ids,
                             size_t n, struct voyager_presence_list *out,
                             struct lc_error *err);

#endif
