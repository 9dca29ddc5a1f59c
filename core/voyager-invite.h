/* voyager-invite.h — connection requests and received invitations
 * (API.md §4).  Calls block; one thread per ctx.
 */
#ifndef LC_VOYAGER_INVITE_H
#define LC_VOYAGER_INVITE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/voyager.h"

#define VOYAGER_NOTE_MAX 300 /* characters (code points), not bytes */

struct voyager_invitation {
	char *urn; /* urn:li:fs_relInvitation:<n> */
	char *id;  /* <n> */
	char *shared_secret;
	int64_t sent_time;
	char *message; /* may be NULL */
	char *from_urn_id;
	char *first_name;
	char *last_name;
	char *occupation;
	char *public_id;
};

struct voyager_invitation_page {
	struct voyager_invitation *items;
	size_t n;
	int start;
	int count;
	int total; /* -1 unknown */
};
void voyager_invitation_free(struct voyager_invitation *i);
void voyager_invitation_page_free(struct voyager_invitation_page *p);

/* Number of Unicode characters in s (UTF-8; an invalid byte counts as
 * one). */
size_t voyager_char_count(const char *s);

/* Pure mappers. */
enum lc_err voyager_parse_invitations(const char *json, size_t len,
                                      struct voyager_invitation_page *out,
                                      struct lc_error *err);
/* The invitation URN of a connect answer (caller frees), or LC_EBADRESP. */
enum lc_err voyager_parse_connect(const char *json, size_t len,
                                  char **invitation_urn, struct lc_error *err);
/* Maps a failed connect's status and body: 400 CANT_RESEND_YET →
 * LC_ECONFLICT, 429 CUSTOM_INVITE_LIMIT_REACHED → LC_EQUOTA, else rc. */
enum lc_err voyager_connect_error(long status, const char *body, enum lc_err rc,
                                  struct lc_error *err);

/* Sends a connection request to who (public id, profile URN or <ID>) with
 * an optional note.  A note over 300 characters is LC_EINVAL before any
 * request.  LC_ECONFLICT: already invited or connected; LC_EQUOTA: weekly
 * quota reached.  invitation_urn (may be NULL) gets the new URN. */
enum lc_err voyager_connect(struct voyager_ctx *ctx, const char *who,
                            const char *note, char **invitation_urn,
                            struct lc_error *err);

/* One page of received invitations (count 0: 20). */
enum lc_err voyager_invitations(struct voyager_ctx *ctx, int start, int count,
                                struct voyager_invitation_page *out,
                                struct lc_error *err);

/* Accepts (accept 1) or ignores (0) invitation id (number or URN).  With
 * shared_secret NULL it is looked up in the received invitations first
 * (LC_ENOTFOUND if it is not there). */
enum lc_err voyager_invitation_reply(struct voyager_ctx *ctx, const char *id,
                                     const char *shared_secret, int accept,
                                     struct lc_error *err);

#endif
