/* model.h — the shared in-memory state: conversations, messages,
 * profiles, invitations, search results, sync and rate-limit status.
 *
 * One recursive mutex guards everything.  Every function below takes it
 * itself, so a single call is always consistent; a reader that wants
 * several calls to see the same state wraps them in model_lock() /
 * model_unlock().  Writers are the worker thread and the store loader,
 * readers the UI.  Readers never get pointers into the model: they get
 * snapshots (copies) that they release.
 *
 * Every change bumps the global version and, for changes to one
 * conversation or its messages, that conversation's version (set to the
 * new global value), so a pane repaints only when what it shows changed.
 *
 * Strings are stored exactly as given (no sanitising: that happens when
 * drawing).  All input structs are read, never kept: the model copies.
 */
#ifndef LC_MODEL_H
#define LC_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/folder.h"

struct model;

enum model_msg_state {
	MODEL_MSG_SENT = 0,
	MODEL_MSG_PENDING, /* local copy, in the outbox, not confirmed */
	MODEL_MSG_FAILED,  /* failed permanently; text kept for retry */
	MODEL_MSG_EDITED,
	MODEL_MSG_RECALLED /* deleted by its sender */
};

/* Conversation categories (bit flags), as the service names them. */
#define MODEL_CAT_INBOX 0x01u
#define MODEL_CAT_PRIMARY_INBOX 0x02u
#define MODEL_CAT_SECONDARY_INBOX 0x04u
#define MODEL_CAT_INMAIL 0x08u
#define MODEL_CAT_ARCHIVE 0x10u
#define MODEL_CAT_SPAM 0x20u
#define MODEL_CAT_MESSAGE_REQUESTS 0x40u
#define MODEL_CAT_STARRED 0x80u
/* Set when the service named a category this table does not know. */
#define MODEL_CAT_UNKNOWN 0x100u

/* Bit for a category name ("PRIMARY_INBOX"), 0 if unknown. */
unsigned model_category_bit(const char *name);
/* The MODEL_CAT_* bits of a conversation's n category names as the
 * service sent them; MODEL_CAT_UNKNOWN is set when one of them is a name
 * the table does not know (such a conversation shows under Other). */
unsigned model_categories(const char *const *names, size_t n);

/* One message.  As input: urn is the server's URN (NULL or "" for a local
 * copy not yet confirmed); sender_name and mine are ignored.  In a
 * snapshot every string is non-NULL (possibly "") and owned by the
 * snapshot. */
struct model_msg {
	const char *urn;
	const char *sender_urn;
	const char *sender_name; /* snapshot: from participants/profiles */
	const char *text;
	const char *origin_token; /* set on the user's own sends */
	const char *attach_name;  /* first attachment, if any */
	const char *attach_url;
	const char *reactions; /* e.g. "👍 2 ❤️ 1", preformatted */
	int64_t time_ms;       /* deliveredAt (or local send time) */
	enum model_msg_state state;
	int mine; /* snapshot: sender is the signed-in user */
	/* the emoji the signed-in user reacted with, e.g. "👍" (reaction.h) */
	const char *my_reactions;
};

struct model_participant {
	const char *urn;  /* profile URN (hostIdentityUrn) */
	const char *name; /* display name */
};

/* A conversation as the worker learns it from a conversations page. */
struct model_conv {
	const char *urn;
	const char *title; /* group title; NULL or "" for none */
	const struct model_participant *participants;
	size_t nparticipants;
	int unread;            /* unread message count */
	int read;              /* the service's read flag */
	unsigned categories;   /* MODEL_CAT_* */
	int64_t last_ms;       /* lastActivityAt */
	const char *last_text; /* preview of the last message; may be NULL */
	const char *last_sender_urn;
	/* the service's category names, space-separated, unknown ones
	 * included (kept by the store, not the model); may be NULL */
	const char *category_names;
};

/* How many participants an inbox row names; the rest is a count. */
#define MODEL_ROW_NAMES 3

/* One inbox row, in a snapshot (strings owned by the snapshot). */
struct model_inbox_row {
	char *urn;
	char *name;    /* group title, else the other participants' names
	                  (the first MODEL_ROW_NAMES of them) */
	size_t more;   /* other participants not named in name */
	char *preview; /* last message text, "" if none */
	int preview_mine;
	int64_t last_ms;
	int unread;
	int read;
	int draft;
	unsigned categories;
	int muted;        /* local: no notifications (model_conv_muted()) */
	uint64_t version; /* the conversation's version */
};

struct model_inbox {
	struct model_inbox_row *rows; /* newest activity first */
	size_t n;
	uint64_t version; /* model_inbox_version() when taken */
};

struct model_thread {
	struct model_msg *msgs; /* oldest first */
	size_t n;
	size_t total;     /* messages held for the conversation */
	uint64_t version; /* model_thread_version() when taken */
};

struct model_profile {
	const char *urn;
	const char *public_id;
	const char *first_name;
	const char *last_name;
	const char *headline;
	const char *location;
	const char *industry;
	const char *summary;
	const char *picture_url;
	const char *distance;
	int premium;
};

struct model_invitation {
	const char *urn;
	const char *shared_secret;
	const char *from_urn;
	const char *from_name;
	const char *from_headline;
	const char *message;
	int64_t sent_ms;
};

struct model_search_hit {
	const char *urn;
	const char *public_id;
	const char *name;
	const char *headline;
	const char *location;
	const char *distance;
};

/* The realtime stream's state, for the status bar (realtime.h's
 * states, as the worker last reported them). */
enum model_stream {
	MODEL_STREAM_OFF = 0,    /* not used: polling only */
	MODEL_STREAM_CONNECTING, /* first connect under way */
	MODEL_STREAM_LIVE,
	MODEL_STREAM_RETRY,   /* reconnecting at stream_retry_ms */
	MODEL_STREAM_POLLING, /* refused: polling, tries again later */
	MODEL_STREAM_STOPPED  /* the session is gone */
};
/* Sync status, copied in and out whole. */
struct model_sync {
	int64_t last_sync_ms; /* 0: never */
	int syncing;
	int64_t next_retry_ms; /* 0: none planned */
	int session_expired;
	char last_error[256];    /* "" when the last job succeeded */
	int stream;              /* enum model_stream */
	int64_t stream_retry_ms; /* wall clock ms of the next connect */
};

/* Rate-limit state, copied in and out whole. */
struct model_rate {
	int limited;
	int64_t until_ms; /* when requests may resume, 0 unknown */
	int requests_last_hour;
};

/* A new empty model.  Free with model_free(). */
struct model *model_new(void);
/* Frees everything.  NULL is fine.  No other thread may use it. */
void model_free(struct model *m);

/* Reader bracket for several calls that must agree.  Recursive. */
void model_lock(struct model *m);
void model_unlock(struct model *m);

/* Global version: bumped by every change. */
uint64_t model_version(struct model *m);
/* Version of what the inbox shows (conversations, their last messages,
 * read flags, drafts, who "me" is): moves with model_version() except for
 * side state (profiles, invitations, search, sync and rate, results).  An
 * inbox snapshot's version is this one. */
uint64_t model_inbox_version(struct model *m);
/* Version of one conversation (0 if unknown). */
uint64_t model_conv_version(struct model *m, const char *conv_urn);
/* Version of what a conversation's thread view shows (its messages and
 * participants; 0 if unknown): unlike model_conv_version() it does not
 * move when only the read flag or the draft change.  A thread snapshot's
 * version is this one. */
uint64_t model_thread_version(struct model *m, const char *conv_urn);

/* The signed-in user's profile URN, to tell which messages are "mine". */
void model_set_me(struct model *m, const char *urn);

/* Inserts or updates a conversation (all fields replaced; the draft flag
 * and messages are kept).  Keeps the inbox ordered by last_ms. */
void model_put_conversation(struct model *m, const struct model_conv *c);
/* Removes a conversation and its messages (deleted on the service).
 * Returns 0, or -1 if unknown. */
int model_remove_conversation(struct model *m, const char *conv_urn);
/* Marks read (unread count 0) or unread.  0, or -1 if unknown. */
int model_set_read(struct model *m, const char *conv_urn, int read);
/* Sets a known conversation's MODEL_CAT_* categories (a triage move).
 * 0, or -1 if unknown. */
int model_set_categories(struct model *m, const char *conv_urn,
                         unsigned categories);
/* The categories of a known conversation and its read flag (either out
 * may be NULL): 0, or -1 if unknown. */
int model_conv_state(struct model *m, const char *conv_urn,
                     unsigned *categories, int *read);
/* Mute (local, issue 13): a muted conversation is never notified.  Kept
 * by URN, across model_put_conversation() and removals. */
void model_set_muted(struct model *m, const char *conv_urn, int muted);
int model_conv_muted(struct model *m, const char *conv_urn);
/* Triage holds: while a queued triage request for conv_urn waits, a
 * sync or realtime merge (model_put_conversation()) that reports the old
 * state must not undo it.  model_hold_conv() takes one more hold and
 * records what the conversation shows now (its categories and read flag;
 * gone: 1 when it was deleted, and a merge then leaves it out);
 * model_release_conv() gives one back (the last one forgets it). */
void model_hold_conv(struct model *m, const char *conv_urn, int gone);
void model_release_conv(struct model *m, const char *conv_urn);

/* Sets (text non-empty) or clears (NULL or "") the draft of a known
 * conversation.  0, or -1 if unknown. */
int model_set_draft(struct model *m, const char *conv_urn, const char *text);
/* Copy of the draft (caller frees), or NULL when there is none. */
char *model_get_draft(struct model *m, const char *conv_urn);

/* Merges a page of messages (any order) into a conversation, creating a
 * stub for an unknown conversation.  A message whose URN is known updates
 * it; one whose origin_token matches a held message (the local pending
 * copy of a send) replaces it; others are inserted in time order.  The
 * conversation's last activity and preview follow its newest message.
 * Returns how many messages were new. */
size_t model_merge_messages(struct model *m, const char *conv_urn,
                            const struct model_msg *v, size_t n);
/* Adds messages read back from the store (any order) to a known
 * conversation, skipping every one the model already holds by URN or
 * origin token: the model is never older than the store, which is written
 * first and may have missed a write.  Returns how many were added (0 for
 * an unknown conversation: nothing is created). */
size_t model_add_stored(struct model *m, const char *conv_urn,
                        const struct model_msg *v, size_t n);
/* Shows a send as pending (no URN yet).  Returns 0, or -1 when a message
 * with this origin_token is already held (nothing is added). */
int model_add_pending(struct model *m, const char *conv_urn, const char *text,
                      const char *origin_token, int64_t time_ms);
/* Sets the state of the message with this origin token.  0 or -1. */
int model_set_state_by_origin(struct model *m, const char *origin_token,
                              enum model_msg_state state);
/* Removes the message with this origin token (a discarded failed send).
 * 0 or -1. */
int model_remove_by_origin(struct model *m, const char *origin_token);
/* Replaces a message's text and marks it edited.  0 or -1. */
int model_edit_message(struct model *m, const char *msg_urn, const char *text);
/* Marks a message recalled and forgets its text.  0 or -1. */
int model_recall_message(struct model *m, const char *msg_urn);
/* The user reacted with emoji (on 1) or took it back (on 0): the
 * message's summary count moves by one and emoji joins or leaves its
 * my_reactions, at once, before the service confirms.  0, or -1 when the
 * message is unknown or nothing changes (already so). */
int model_react(struct model *m, const char *msg_urn, const char *emoji,
                int on);
/* A reaction summary from the service for one emoji of a message: its
 * count becomes count (0 drops it) and viewer says whether it is one of
 * the user's.  Setting what is already so changes nothing.  0, or -1
 * when the message is unknown. */
int model_set_reaction(struct model *m, const char *msg_urn, const char *emoji,
                       long count, int viewer);
/* Copies one message by URN or by origin token (the other NULL) into
 * *out; release with model_msg_clear().  0 or -1. */
int model_get_message(struct model *m, const char *msg_urn,
                      const char *origin_token, struct model_msg *out);
void model_msg_clear(struct model_msg *msg);

/* Number of conversations, of messages, of unread conversations. */
size_t model_conv_count(struct model *m);
size_t model_message_count(struct model *m);
size_t model_unread_total(struct model *m);

/* Copies the inbox rows (all, or only those with a category in mask when
 * mask is not 0).  Release with model_inbox_release(). */
void model_inbox_snapshot(struct model *m, unsigned mask,
                          struct model_inbox *out);
void model_inbox_release(struct model_inbox *in);
/* Copies the newest last_n messages of a conversation (0: all).  Returns
 * 0, or -1 (and an empty *out) if unknown.  Release with
 * model_thread_release(). */
int model_thread_snapshot(struct model *m, const char *conv_urn, size_t last_n,
                          struct model_thread *out);
void model_thread_release(struct model_thread *t);
/* The time of the oldest message held for a conversation in *ms: 0, or
 * -1 when none is held (or the conversation is unknown). */
int model_thread_oldest(struct model *m, const char *conv_urn, int64_t *ms);
/* Copies one conversation's participants; release with
 * model_participants_free().  Returns the count (0 if unknown). */
size_t model_participants(struct model *m, const char *conv_urn,
                          struct model_participant **out);
void model_participants_free(struct model_participant *v, size_t n);

/* Profiles by URN: put copies in; get copies out (release with
 * model_profile_clear()); 0 or -1 if unknown. */
void model_put_profile(struct model *m, const struct model_profile *p);
int model_get_profile(struct model *m, const char *urn,
                      struct model_profile *out);
void model_profile_clear(struct model_profile *p);

/* Received invitations: replace the list; copy it out (release with
 * model_invitations_free()); remove one (accepted or ignored). */
void model_set_invitations(struct model *m, const struct model_invitation *v,
                           size_t n);
size_t model_invitations(struct model *m, struct model_invitation **out);
void model_invitations_free(struct model_invitation *v, size_t n);
int model_remove_invitation(struct model *m, const char *urn);

/* Search results for a query: replace; copy out (release with
 * model_search_free(); *query gets a copy of the query, caller frees). */
void model_set_search(struct model *m, const char *query,
                      const struct model_search_hit *v, size_t n);
size_t model_search(struct model *m, char **query,
                    struct model_search_hit **out);
void model_search_free(struct model_search_hit *v, size_t n);

/* The outcome of a request the user waits on (a profile lookup, a
 * connection request, a search, the invitations), under the ticket its
 * worker_push_*() returned (never 0).  code is an enum lc_err (0: done),
 * text the profile's URN for a lookup that worked, else the sentence for
 * the user.  Set replaces; the model keeps the newest few dozen. */
void model_set_result(struct model *m, uint64_t ticket, int code,
                      const char *text);
/* 0 with *code and *text (a copy, caller frees; text may be NULL) when a
 * result is held for ticket; -1 when not (the request is still running,
 * or ticket is 0). */
int model_get_result(struct model *m, uint64_t ticket, int *code, char **text);

/* A first message's placeholder conversation was replaced by the real
 * one the service named (for a UI still showing the placeholder). */
void model_set_moved(struct model *m, const char *placeholder,
                     const char *real);
/* The real conversation that replaced placeholder (caller frees), or
 * NULL. */
char *model_get_moved(struct model *m, const char *placeholder);

/* Sync and rate-limit status. */
void model_set_sync(struct model *m, const struct model_sync *s);
void model_get_sync(struct model *m, struct model_sync *out);
/* Puts msg (copied, cut on a character boundary to fit) in the sync
 * status's sentence, the rest of the status unchanged. */
void model_set_notice(struct model *m, const char *msg);
void model_set_rate(struct model *m, const struct model_rate *r);

/* --- folders (model-folder.c): what is known of each folder of
 * folder.h as a whole.  Changes move the inbox version (the folder bar
 * repaints). --- */
struct model_folder_status {
	long unread;     /* messengerMailboxCounts; -1 unknown */
	int complete;    /* paged to the end at least once */
	int loading;     /* a read of it is under way */
	char error[160]; /* last read's failure, "" if none */
};
/* The unread conversations of every folder (index enum folder), as the
 * service counted them; -1 for unknown. */
void model_set_folder_counts(struct model *m, const long unread[FOLDER_COUNT]);
/* Sets folder f's read state; error NULL or "" clears the error (a
 * sentence, copied, cut on a character boundary to fit).  FOLDER_STARRED
 * is a view: its state follows the six others and cannot be set. */
void model_set_folder_status(struct model *m, enum folder f, int complete,
                             int loading, const char *error);
/* Copies folder f's state into *out (for FOLDER_STARRED: complete when
 * all six are, loading when one is, the first error).  Unknown f: an
 * empty state with unread -1. */
void model_folder_status(struct model *m, enum folder f,
                         struct model_folder_status *out);

/* --- live state (model-live.c): typing, read receipts, arrivals --- */

/* who (a profile URN) is typing in a known conversation until until_ms
 * (clock_mono_ms()); until_ms 0 clears.  A message merged from who clears
 * it too.  0, or -1 if the conversation is unknown. */
int model_set_typing(struct model *m, const char *conv_urn, const char *who,
                     int64_t until_ms);
/* The display name of who is typing in conv_urn at now_ms (caller frees),
 * or NULL; *until_ms (may be NULL) gets when it ends. */
char *model_get_typing(struct model *m, const char *conv_urn, int64_t now_ms,
                       int64_t *until_ms);
/* A read receipt: who saw the conversation's messages up to upto_ms (the
 * time of the message seen) at at_ms.  One per participant; an older one
 * never replaces a newer.  0, or -1 if the conversation is unknown. */
struct model_seen {
	char *who;  /* profile URN */
	char *name; /* snapshot: from the participants, "" if unknown */
	int64_t upto_ms;
	int64_t at_ms;
};
int model_set_seen(struct model *m, const char *conv_urn, const char *who,
                   int64_t upto_ms, int64_t at_ms);
/* Copies a conversation's receipts (release with model_seen_free());
 * returns the count. */
size_t model_get_seen(struct model *m, const char *conv_urn,
                      struct model_seen **out);
void model_seen_free(struct model_seen *v, size_t n);
/* The conversation that holds message msg_urn (caller frees) and the
 * message's time in *time_ms (may be NULL), or NULL if not held. */
char *model_conv_of_message(struct model *m, const char *msg_urn,
                            int64_t *time_ms);
/* A message from someone else arrived while linchat ran (from the stream,
 * or a sync after the first: burst), for notifications.  The model keeps
 * the newest MODEL_ARRIVALS (64), numbered from 1 up. */
struct model_arrival {
	uint64_t seq;
	char *conv_urn;
	char *sender_name; /* "" if unknown */
	char *text;        /* as sent: sanitise before showing */
	int64_t time_ms;
	int burst; /* part of a resync, not one live event */
};
void model_note_arrival(struct model *m, const char *conv_urn,
                        const char *sender_name, const char *text,
                        int64_t time_ms, int burst);
/* Copies the arrivals numbered after `after`, oldest first (release with
 * model_arrivals_free()); returns the count.  *last gets the newest
 * number held (0 before the first). */
size_t model_arrivals_since(struct model *m, uint64_t after,
                            struct model_arrival **out, uint64_t *last);
void model_arrivals_free(struct model_arrival *v, size_t n);
void model_get_rate(struct model *m, struct model_rate *out);

/* Presence (API.md §12): whether a person (profile URN) is online, and
 * when they were last active (ms since the epoch, 0 unknown). */
struct model_presence {
	int online;
	int64_t last_active_ms;
};
/* Sets who's presence: online 1 or 0, or -1 (unknown) to forget it.  A
 * change moves the thread version of every conversation with who in it
 * (their title rows show it), not the inbox's. */
void model_set_presence(struct model *m, const char *who, int online,
                        int64_t last_active_ms);
/* who's presence in *out: 0, or -1 when unknown. */
int model_get_presence(struct model *m, const char *who,
                       struct model_presence *out);
/* The URNs of at most n conversations that follow conv_urn in the inbox
 * (newest first), for reads batched by page as a browser makes them;
 * *out gets a copy of each (free them and the array).  The count; 0 if
 * conv_urn is unknown. */
size_t model_inbox_after(struct model *m, const char *conv_urn, size_t n,
                         char ***out);
/* For a 1:1 (exactly one participant besides the user), that person's
 * presence in *out: 0, or -1 (groups, unknown conversations, unknown
 * presence). */
int model_peer_presence(struct model *m, const char *conv_urn,
                        struct model_presence *out);

#endif
