/* voyager-search.h — people search (API.md §5).  Blocks; one thread per
 * ctx.
 */
#ifndef LC_VOYAGER_SEARCH_H
#define LC_VOYAGER_SEARCH_H

#include <stddef.h>

#include "core/err.h"
#include "core/voyager.h"

/* The seed's client-side shape. */
struct voyager_person {
	char *urn_id;
	char *name;
	char *jobtitle;
	char *location;
	char *distance;  /* "DISTANCE_2", ... or NULL */
	char *public_id; /* from navigationUrl /in/<id> */
};

struct voyager_search_page {
	struct voyager_person *items;
	size_t n;
	int start;
	int count;
	int total; /* -1 unknown */
};
void voyager_search_page_free(struct voyager_search_page *p);

/* Maps data.searchDashClustersByAll; results without a profile URN (ads,
 * other entity kinds) are skipped. */
enum lc_err voyager_parse_search(const char *json, size_t len,
                                 struct voyager_search_page *out,
                                 struct lc_error *err);

/* One page of people matching keywords, from start (10 a page). */
enum lc_err voyager_search_people(struct voyager_ctx *ctx, const char *keywords,
                                  int start, struct voyager_search_page *out,
                                  struct lc_error *err);

/* Pages until limit people are in out, or the results end. */
enum lc_err voyager_search_people_collect(struct voyager_ctx *ctx,
                                          const char *keywords, size_t limit,
                                          struct voyager_search_page *out,
                                          struct lc_error *err);

#endif
