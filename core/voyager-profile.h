/* voyager-profile.h — who am I, public id → URN, full profile (API.md §2.4
 * and §3).  Calls block; one thread per ctx.
 */
#ifndef LC_VOYAGER_PROFILE_H
#define LC_VOYAGER_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/voyager.h"

struct voyager_me {
	int64_t plain_id;
	char *first_name;
	char *last_name;
	char *occupation;
	char *public_id;
	char *mini_profile_urn; /* urn:li:fs_miniProfile:<ID> */
	char *profile_urn;      /* urn:li:fsd_profile:<ID> */
	char *urn_id;           /* <ID>: the mailbox id */
};
void voyager_me_free(struct voyager_me *m);

/* A short profile: a resolve hit. */
struct voyager_profile_brief {
	char *urn_id;
	char *entity_urn;
	char *public_id;
	char *first_name;
	char *last_name;
	char *headline;
};
void voyager_profile_brief_free(struct voyager_profile_brief *b);

/* The seed's get_profile_v2 shape (API.md §3). */
struct voyager_profile {
	char *first_name;
	char *last_name;
	char *headline;
	char *summary;
	char *public_id;
	char *entity_urn;
	char *urn_id;
	char *member_urn;
	int premium;
	int memorialized;
	char *location_name;
	char *display_picture_url; /* the largest artifact */
	char *img_100_100;
	char *img_200_200;
	char *img_400_400;
	char *img_800_800;
	char *background_picture_url;
	char *geo_urn;
	char *postal_code;
	char *geo_location_name; /* through included */
	char *industry_name;     /* through included */
	char *industry_urn;
	char *address;
	char *version_tag;
};
void voyager_profile_free(struct voyager_profile *p);

/* Pure mappers. */
/* /me: LC_EBADRESP without miniProfile or a profile URN to learn the
 * mailbox id from. */
enum lc_err voyager_parse_me(const char *json, size_t len,
                             struct voyager_me *out, struct lc_error *err);
/* memberIdentity answer: the first element; LC_ENOTFOUND if none. */
enum lc_err voyager_parse_resolve(const char *json, size_t len,
                                  struct voyager_profile_brief *out,
                                  struct lc_error *err);
/* Normalized full profile: `*` keys resolved through included, image
 * artifacts turned into URLs.  LC_EBADRESP without a profile entity. */
enum lc_err voyager_parse_profile(const char *json, size_t len,
                                  struct voyager_profile *out,
                                  struct lc_error *err);

/* GET /voyager/api/me; on success also sets ctx->mailbox. */
enum lc_err voyager_me(struct voyager_ctx *ctx, struct voyager_me *out,
                       struct lc_error *err);
/* public id → profile; LC_ENOTFOUND when there is no such profile. */
enum lc_err voyager_resolve_public_id(struct voyager_ctx *ctx,
                                      const char *public_id,
                                      struct voyager_profile_brief *out,
                                      struct lc_error *err);
/* The full profile of who: a public id, a profile URN or a bare <ID>
 * (ids start with "ACo"; anything else is resolved as a public id first). */
enum lc_err voyager_profile(struct voyager_ctx *ctx, const char *who,
                            struct voyager_profile *out, struct lc_error *err);

/* Profile <ID> for who (public id, URN or <ID>), resolving public ids over
 * the network.  Caller frees the result. */
enum lc_err voyager_profile_id(struct voyager_ctx *ctx, const char *who,
                               char **urn_id, struct lc_error *err);

#endif
