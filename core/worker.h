/* worker.h — the background thread: a priority job queue, timed sync,
 * merges into the model and the store, wakes the UI.
 *
 * One thread owns the Voyager session (ctx->http) while the worker runs.
 * The UI (or the CLI) pushes jobs with worker_push_*(); every push copies
 * its arguments, never waits for the network, and returns at once (a
 * send also writes its outbox row first, a short local SQLite write, so
 * the message survives a crash from the moment the call returns; opening
 * a thread or scrolling up reads its stored messages, as short a read).
 * Jobs the user waits for (send, open, mark read, lookups, actions) run
 * before background sync.
 *
 * Results land in the model (and the store); failures set a sentence in
 * the model's sync status (model_get_sync().last_error).  After every job
 * that changed the model the worker makes worker_wake_fd() readable (one
 * byte, coalesced): the UI polls it, calls worker_wake_drain(), then reads
 * the model.
 *
 * Timers run inside the thread: after the initial sync (newest
 * conversations, then every folder's pages in the background, each up to
 * [sync] initial_depth: worker-folder.c), a delta sync by sync token and
 * the folders' unread counts every active_interval_s
 * while the user is active (worker_user_active()), backing off to
 * idle_interval_s when idle, never faster than the request budget allows.
 * Outbox rows that failed for a transient reason are retried with
 * backoff and the same origin token.  An expired session or a challenge
 * stops all timers and is reported once (session_expired in the sync
 * status) until worker_session_renewed().
 */
#ifndef LC_WORKER_H
#define LC_WORKER_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "core/model.h"
#include "core/store.h"
#include "core/voyager.h"

struct worker;

/* Creates a stopped worker.  cfg (sync intervals and depth) is read now;
 * ctx (with its http session), m and st are borrowed and must outlive
 * the worker; st may be NULL (nothing cached, no outbox: sends are
 * refused).  ctx->mailbox may be empty: the first job then asks /me.
 * NULL with err set (LC_EIO) if the wake pipe cannot be made.  Free with
 * worker_free(). */
struct worker *worker_new(const struct config *cfg, struct voyager_ctx *ctx,
                          struct model *m, struct store *st,
                          struct lc_error *err);

/* Starts the thread, which queues the initial sync (a delta sync when
 * the store holds a sync token) and resends every outbox row.  LC_EIO if
 * the thread cannot be created.  Call once. */
enum lc_err worker_start(struct worker *w, struct lc_error *err);

/* Stops the thread and joins it, within about a second even in the
 * middle of a request (the request is cancelled through http_cancel();
 * the session is re-armed afterwards).  Jobs not run are dropped; sends
 * stay in the outbox for the next start.  Idempotent; any thread but the
 * worker's. */
void worker_stop(struct worker *w);

/* Stops if needed and frees.  NULL is fine. */
void worker_free(struct worker *w);

/* The fd the UI polls for POLLIN; owned by the worker. */
int worker_wake_fd(const struct worker *w);
/* Empties the wake fd; call before reading the model.  UI thread. */
void worker_wake_drain(struct worker *w);

/* The user pressed a key: sync every active_interval_s again.  Cheap;
 * any thread. */
void worker_user_active(struct worker *w);

/* The user logged in again: clears session_expired, restarts the timers
 * and resends the outbox.  Any thread. */
void worker_session_renewed(struct worker *w);

/* --- jobs (any thread; arguments are copied; never block on the
 * network) ---  Each returns 0 when queued, -1 when refused (stopped
 * worker, bad arguments); those whose outcome the user waits on return
 * instead a ticket (never 0; 0 when refused) under which the outcome
 * lands in the model (model_get_result()). */

/* Sends text to conv_urn as the user.  origin_token NULL: a fresh one.
 * Writes the outbox row and shows the message pending in the model (one
 * transaction, rule 1 of core/outbox.h) before returning; the model may
 * already hold it pending (model_add_pending()).  -1 if the row cannot
 * be written: err says why, the message shows failed (its text kept for
 * a retry) and err's sentence is the sync status's last_error. */
int worker_push_send(struct worker *w, const char *conv_urn, const char *text,
                     const char *origin_token, struct lc_error *err);
/* A first message to recipient (profile URN or <ID>; name: how the
 * user knows them, may be NULL) in a new conversation, through the
 * outbox like a reply (rule 5 of core/outbox.h): before returning, the
 * placeholder conversation urn_placeholder(recipient) with the recipient
 * and the pending message are written and shown, so the text survives a
 * crash and a failure.  The worker sends it as a new conversation; once
 * the service names the real one the message moves there, the
 * placeholder goes, model_get_moved(placeholder) names the real
 * conversation (for a UI showing the placeholder), and a delta sync
 * follows.  -1 (nothing written) with err set, and its sentence in
 * the sync status's last_error, if refused. */
int worker_push_send_new(struct worker *w, const char *recipient,
                         const char *name, const char *text,
                         const char *origin_token, struct lc_error *err);
/* A failed send: try again with its token, or give it up. */
int worker_push_retry_send(struct worker *w, const char *origin_token);
int worker_push_discard_send(struct worker *w, const char *origin_token);
/* A failed send the user took back into the editor to send again: it
 * leaves the model at once; no job (its outbox row stays failed, and a
 * placeholder conversation it was in stays).  0, or -1 if not held. */
int worker_push_take_back(struct worker *w, const char *origin_token);

/* The user is typing in conv_urn: tells the other side (API.md §6), at
 * most once per 10 s per conversation; never for a placeholder. */
int worker_push_typing(struct worker *w, const char *conv_urn);
/* Delta sync now (the user asked to refresh). */
int worker_push_sync(struct worker *w);
/* Shows msg (copied) in the status bar at once, as the sentence of the
 * sync status; no request.  For the front end's own notices (a session
 * file it fixed, a store it could not open). */
void worker_push_notice(struct worker *w, const char *msg);
/* Opened a conversation: first, in the caller's thread, its newest
 * stored messages (up to the thread view's window of 400) go into the
 * model, a short local read that never waits on the network; then a job
 * fetches its newest messages (and keeps them fresh on every delta sync
 * while it is the open one). */
int worker_push_open(struct worker *w, const char *conv_urn);
/* The user scrolled past the oldest message held: the next window of
 * stored messages older than it, read in the caller's thread; only when
 * the store has none, a job fetches an older page from the service. */
int worker_push_older(struct worker *w, const char *conv_urn);
/* Read (1) or unread (0): the model at once, then the service. */
int worker_push_mark_read(struct worker *w, const char *conv_urn, int read);
/* on 1: react, 0: take the reaction back.  The model shows it at once
 * (model_react()); the job undoes that if the service refuses. */
int worker_push_react(struct worker *w, const char *msg_urn, const char *emoji,
                      int on);
int worker_push_edit(struct worker *w, const char *msg_urn, const char *text);
int worker_push_recall(struct worker *w, const char *msg_urn);
/* Saves a conversation's draft (NULL or "" deletes it): the model at
 * once, then the store; the newest text for a conversation wins when
 * several are queued. */
int worker_push_draft(struct worker *w, const char *conv_urn, const char *text);
/* Full profile of who (public id, profile URN or <ID>) into the model;
 * the ticket's result holds its URN. */
uint64_t worker_push_profile(struct worker *w, const char *who);
/* public id → profile brief into the model (model_get_profile by URN). */
int worker_push_resolve(struct worker *w, const char *public_id);
/* Connection request with an optional note (≤ 300 characters); the
 * ticket's result says how it went. */
uint64_t worker_push_connect(struct worker *w, const char *who,
                             const char *note);
/* Received invitations into the model; a ticket. */
uint64_t worker_push_invitations(struct worker *w);
/* Accept (1) or ignore (0) an invitation (URN or number). */
int worker_push_invitation_reply(struct worker *w, const char *id,
                                 const char *shared_secret, int accept);
/* People search, first page, into the model; a ticket. */
uint64_t worker_push_search(struct worker *w, const char *keywords);
/* The service's search of every folder's conversations for keywords (the
 * search-criteria read, one page): they go into the store and the model,
 * and the ticket's result text is their URNs, one a line.  A ticket. */
uint64_t worker_push_find(struct worker *w, const char *keywords);

/* Triage (issue 13): what worker_push_triage() does to conversations. */
enum worker_triage {
	WT_ARCHIVE,
	WT_UNARCHIVE,
	WT_FOCUSED,
	WT_OTHER,
	WT_STAR,
	WT_UNSTAR,
	WT_SPAM,
	WT_NOT_SPAM,
	WT_DELETE,
	WT_READ,
	WT_UNREAD,
	WT_MUTE,
	WT_UNMUTE
};
/* Applies op to n conversations at once in the model and the store and
 * queues the request durably (one request for the batch; a delete is one
 * per conversation; mute and unmute are local, no request): the queue
 * row is written before any request, survives a restart and is retried
 * with backoff until the service answers; a permanent refusal reverts
 * the change and says so in the sync status.  A sync that reports the
 * old state while the row waits does not undo the change.  Returns 0, -1
 * when the queue is closed (or bad arguments, or no store for an op that
 * needs a request).  Copies the URNs. */
int worker_push_triage(struct worker *w, enum worker_triage op,
                       const char *const *conv_urns, size_t n);
/* The undo of op (WT_ARCHIVE -> WT_UNARCHIVE, ...), or -1 (WT_DELETE). */
int worker_triage_undo(enum worker_triage op);

/* Reads folder f to its end now (no-op if complete and fresh): one page
 * per job ahead of the background reads, each into the store and the
 * model; the folder's model_folder_status() says loading meanwhile and
 * holds the error of a read that failed.  0 or -1 when the queue is
 * closed. */
int worker_push_folder(struct worker *w, enum folder f);

/* Counters, for tests and the status bar.  Any thread. */
struct worker_stats {
	unsigned long jobs;          /* jobs run */
	unsigned long syncs;         /* inbox syncs that succeeded */
	unsigned long pages;         /* conversation pages merged */
	unsigned long sends;         /* sends confirmed */
	unsigned long send_failures; /* sends marked failed (permanent) */
	unsigned long errors;        /* jobs that ended with an error */
	unsigned long auth_reports;  /* expired session / challenge reported */
	int initial_done;            /* the first sync and the background
	                              * read of every folder (to its end or
	                              * [sync] initial_depth) are done */
	int outbox_backoff;          /* outbox passes failed in a row: the
	                              * retry waits about 2^n × 2 s */
};
void worker_stats_get(struct worker *w, struct worker_stats *out);

/* Replaces the realtime stream's timings (backoff, limits; cfg NULL: keep)
 * and the heartbeat period (0: keep, 60 s) before worker_start(); for
 * tests and benchmarks. */
struct realtime_config;
void worker_tune_realtime(struct worker *w, const struct realtime_config *cfg,
                          int64_t heartbeat_ms);

/* How often one conversation's presence may be asked for when the user
 * opens it (default 60 s; 0 keeps it; negative: on every open), before
 * worker_start(); for tests. */
void worker_tune_presence(struct worker *w, int64_t every_ms);

/* The delta-sync interval the worker would use now, in ms (adaptive,
 * from config, budget-aware).  Any thread. */
int64_t worker_sync_interval_ms(struct worker *w);

#endif
