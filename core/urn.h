/* urn.h — LinkedIn URNs (API.md §1 "URNs").
 *
 * Parses "urn:li:<kind>:<rest>" into its parts and formats the forms the
 * client sends.  Ids are opaque strings and may hold '=', '-', '_'.
 */
#ifndef LC_URN_H
#define LC_URN_H

#include "core/err.h"

enum urn_kind {
	URN_FSD_PROFILE,    /* urn:li:fsd_profile:<ID> */
	URN_FS_MINIPROFILE, /* urn:li:fs_miniProfile:<ID> */
	URN_MEMBER,         /* urn:li:member:<number> */
	URN_MSG_CONVERSATION, /* urn:li:msg_conversation:(urn:li:fsd_profile:<MAILBOX>,<THREAD>)
	                       */
	URN_MSG_MESSAGE, /* urn:li:msg_message:(urn:li:fsd_profile:<MAILBOX>,<MESSAGE>)
	                  */
	URN_MSG_PARTICIPANT, /* urn:li:msg_messagingParticipant:urn:li:fsd_profile:<ID>
	                      */
	URN_FSD_INVITATION,   /* urn:li:fsd_invitation:<number> */
	URN_FS_RELINVITATION, /* urn:li:fs_relInvitation:<number> */
	URN_MESSAGING_THREAD, /* urn:li:messagingThread:<THREAD> */
	URN_OTHER             /* any other urn:li:<kind>:<rest> */
};

struct urn {
	enum urn_kind kind;
	char *type;    /* the <kind> text, e.g. "fsd_profile" */
	char *id;      /* profile/member/invitation id; the thread id for
	                * conversations and messagingThread; the message id
	                * for messages; the profile id for participants;
	                * the whole <rest> for URN_OTHER */
	char *mailbox; /* conversations and messages: the mailbox profile
	                * id; else NULL */
};

/* Parses s.  LC_EINVAL (with a sentence in err) if s is not a URN of the
 * form urn:li:<kind>:<rest> or a known kind is malformed.  Caller frees
 * the fields with urn_free(). */
enum lc_err urn_parse(const char *s, struct urn *out, struct lc_error *err);
void urn_free(struct urn *u);

/* Formatting; each returns a new string the caller frees. */
char *urn_profile(const char *id); /* fsd_profile */
char *urn_conversation(const char *mailbox, const char *thread_id);
char *urn_message(const char *mailbox, const char *message_id);
char *urn_participant(const char *profile_id);

/* The profile <ID> of a fsd_profile, fs_miniProfile or participant URN (or
 * of a bare id, returned as is), as a new string; NULL if s is none of
 * those.  For `urn_id` fields and for comparing people. */
char *urn_profile_id(const char *s);

/* The thread id of a msg_conversation or messagingThread URN (or a bare
 * id, returned as is), as a new string; NULL otherwise.  Lets a user name
 * a conversation by either form. */
char *urn_thread_id(const char *s);

/* linchat's own placeholder for a first message to someone not yet in
 * a conversation with the user: "urn:li:linchat:new:<profile URN>".  It
 * files the outbox row and the pending message until the service names
 * the real conversation; it never goes to the service.
 * urn_placeholder(): for a profile URN or <ID>, a new string (caller
 * frees), NULL if recipient is neither.  urn_placeholder_recipient(): the
 * recipient's profile URN (caller frees), NULL if s is no placeholder.
 * urn_is_placeholder(): 1 if s (may be NULL) is one, else 0. */
#define URN_PLACEHOLDER_PREFIX "urn:li:linchat:new:"
char *urn_placeholder(const char *recipient);
char *urn_placeholder_recipient(const char *s);
int urn_is_placeholder(const char *s);

#endif
