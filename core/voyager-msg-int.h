/* voyager-msg-int.h — the message and conversation mappers of
 * voyager-msg-parse.c, for the other core/voyager* mappers (the realtime
 * events of voyager-rt.c) so that a message or conversation has one
 * mapping path whichever answer it came in; and the messaging action
 * plumbing of voyager-send.c, for the other §6 writes (voyager-folder.c).
 * Internal to core/voyager*: jsonx values never leave it.
 */
#ifndef LC_VOYAGER_MSG_INT_H
#define LC_VOYAGER_MSG_INT_H

#include <stddef.h>

#include "core/err.h"
#include "core/http.h"
#include "core/jsonx.h"
#include "core/urn.h"
#include "core/voyager.h"

/* Maps a MessagingParticipant object into p (zeroed first; free with
 * voyager_participant_free()); is_self when its distance is SELF or its
 * id is mailbox (may be NULL). */
void voyager_participant_map(const struct jsonx *o, const char *mailbox,
                             struct voyager_participant *p);
/* Maps one Message object into m (zeroed first; free with
 * voyager_message_free()).  The mailbox comes from the message URN, else
 * own (the signed-in user's profile <ID>, may be NULL).  -1, and nothing
 * to free, without an entityUrn. */
int voyager_message_map(const struct jsonx *o, const char *own,
                        struct voyager_message *m);
/* Maps one Conversation object into c (zeroed first; free with
 * voyager_conversation_free()); own as for voyager_message_map().  -1,
 * and nothing to free, without an entityUrn. */
int voyager_conversation_map(const struct jsonx *o, const char *own,
                             struct voyager_conversation *c);

/* LC_EINVAL with a sentence unless s is a URN of kind (a conversation or
 * a message URN). */
enum lc_err voyager_check_urn(const char *s, enum urn_kind kind,
                              struct lc_error *err);
/* Sends a messaging action (API.md §6: accept application/json, content
 * type text/plain;charset=UTF-8, the messaging headers) whose answer
 * carries nothing we need; any 2xx is LC_OK.  flags add to HTTP_F_RAW. */
enum lc_err voyager_action(struct voyager_ctx *ctx, enum http_method method,
                           const char *path, const char *body, unsigned flags,
                           struct lc_error *err);

#endif
