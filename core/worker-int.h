/* worker-int.h — the worker's insides, shared by worker.c (thread,
 * queue, timers, public API), worker-sync.c (inbox and thread reads,
 * mapping into the model) and worker-jobs.c (send, outbox, actions).
 * Fields marked "thread" are touched only by the worker thread.
 */
#ifndef LC_WORKER_INT_H
#define LC_WORKER_INT_H

#include <pthread.h>
#include <stdatomic.h>

#include "core/hmap.h"
#include "core/jobq.h"
#include "core/realtime.h"
#include "core/voyager-rt.h"
#include "core/wake.h"
#include "core/worker.h"

/* A job is a kind and the arguments of that kind (redis's bio_job): the
 * queue never carries strings whose meaning depends on the kind.  Every
 * string is a copy the job owns (worker_job_free()). */
enum worker_job_kind {
	WJ_INITIAL,      /* newest conversations and the sync token */
	WJ_DELTA,        /* changes since the token */
	WJ_FOLDER,       /* .folder: one page of a folder (worker-folder.c) */
	WJ_OUTBOX,       /* (re)send every queued outbox row */
	WJ_SEND,         /* .send */
	WJ_RETRY,        /* .send */
	WJ_DISCARD,      /* .send */
	WJ_OPEN,         /* .conv */
	WJ_OLDER,        /* .conv */
	WJ_MARK,         /* .mark */
	WJ_REACT,        /* .react */
	WJ_EDIT,         /* .edit */
	WJ_RECALL,       /* .edit (text NULL) */
	WJ_DRAFT,        /* .draft */
	WJ_PROFILE,      /* .who */
	WJ_RESOLVE,      /* .who (a public id) */
	WJ_CONNECT,      /* .connect */
	WJ_INVITES,      /* nothing */
	WJ_INVITE_REPLY, /* .reply */
	WJ_SEARCH,       /* .search */
	WJ_FIND,         /* .search: conversations (worker-find.c) */
	WJ_EVENT,        /* .event: one realtime event (worker-live.c) */
	WJ_STREAM,       /* .stream: the stream's state changed */
	WJ_HEARTBEAT,    /* nothing: the stream's heartbeat, acks */
	WJ_TYPING,       /* .conv: the user is typing there */
	WJ_TRIAGE        /* nothing: send every queued triage row */
};

struct worker_job {
	enum worker_job_kind kind;
	uint64_t ticket; /* where the outcome goes (model_set_result()), 0
	                  * for a job nobody waits on */
	union {
		struct {
			char *token; /* origin token of the outbox row */
		} send;
		struct {
			char *conv;
			int user; /* WJ_OPEN: the user opened it (not a
			           * refresh) */
		} conv;
		struct {
			char *conv;
			int read;
		} mark;
		struct {
			char *msg, *emoji;
			int on;
		} react;
		struct {
			char *msg, *text;
		} edit;
		struct {
			char *conv, *text;
			int in_model; /* the model holds the newest draft */
		} draft;
		struct {
			char *who;
		} who;
		struct {
			char *who, *note;
		} connect;
		struct {
			char *id, *secret;
			int accept;
		} reply;
		struct {
			char *keywords;
		} search;
		struct {
			enum folder f;
			int soon; /* queued at JOBQ_SOON (else background) */
			int push; /* from worker_push_folder(): to the end */
		} folder;
		struct {
			struct voyager_rt_event *ev;
		} event;
		struct {
			enum realtime_state state;
			int64_t retry_at;
			int failed;
			struct lc_error why;
		} stream;
	} u;
};

struct worker {
	struct voyager_ctx *ctx;
	struct model *m;
	struct store *st;
	struct jobq *q;
	struct wake *wake;
	pthread_t thread;
	int started;
	atomic_int stopping;

	int64_t active_ms; /* [sync] active_interval_s */
	int64_t idle_ms;   /* [sync] idle_interval_s */
	int depth;         /* [sync] initial_depth */

	_Atomic int64_t last_active; /* clock_mono_ms() of the last key */
	atomic_int auth_dead;        /* session gone: timers stopped */
	_Atomic uint64_t tickets;    /* the last ticket handed out */

	pthread_mutex_t mu; /* stats */
	struct worker_stats stats;

	/* thread */
	char *inbox_token;
	int timers;           /* delta timer armed */
	int64_t last_sync_at; /* clock_mono_ms() of the last delta/initial */
	int delta_queued;
	/* thread (worker-folder.c): each folder's read */
	struct worker_folder {
		char *cursor;   /* nextCursor of the last page, or NULL */
		int64_t oldest; /* oldest lastActivityAt read, 0 none */
		int held;       /* conversations read since the first page */
		int queued_bg; /* WJ_FOLDER pages of it queued by the thread, */
		int queued_soon; /* at JOBQ_BACKGROUND and at JOBQ_SOON */
		int to_end;      /* asked for (worker_push_folder()): past the
		                  * depth, before the background */
		int stopped;     /* the background read stopped at the depth */
	} folders[FOLDER_VIEWS];
	int folders_begun; /* the first sync planned the folder reads */
	char *open_conv;
	int64_t outbox_at;  /* next outbox pass, -1 none */
	int outbox_attempt; /* consecutive transient failures */
	int outbox_queued;
	int64_t triage_at;  /* next triage queue pass, -1 none */
	int triage_attempt; /* consecutive transient failures */
	int triage_queued;
	int have_me;
	int synced_once; /* an inbox read worked: later news is news */
	int arriving;    /* merges note arrivals: 1 live, 2 a burst */

	/* the realtime stream (worker-live.c) */
	int live_on;       /* [sync] realtime */
	int64_t safety_ms; /* [sync] safety_interval_s */
	struct realtime_config rt_cfg;
	struct realtime *rt;  /* set under mu, by the thread */
	atomic_int stream;    /* enum realtime_state reported */
	int64_t heartbeat_at; /* thread: next heartbeat, -1 none */
	int64_t heartbeat_ms; /* its period: 60 s */
	int heartbeat_queued; /* thread */
	int heartbeat_first;  /* thread: first since the connect */
	char **acks;          /* thread: messages to acknowledge */
	size_t nacks;
	char *gap_conv;    /* thread: the open conversation when the stream
	                    * came back, and the newest message */
	int64_t gap_from;  /* it held then (worker_run_open()) */
	char *typing_conv; /* mu: where the user typed last */
	int64_t typing_at; /* mu: when that was sent */

	/* thread (worker-presence.c): conv URN -> when its presence was
	 * asked, and how often it may be (0: WORKER_PRESENCE_EVERY_MS,
	 * negative: on every open) */
	struct hmap *presence_asked;
	int64_t presence_every_ms;
};

/* worker.c */
/* A new job of kind with empty arguments, for the caller to fill. */
struct worker_job *worker_job_new(enum worker_job_kind kind);
/* Frees a job and the strings of its kind.  NULL is fine. */
void worker_job_free(void *job);
/* Queues j (the queue owns it from here). */
void worker_queue_job(struct worker *w, int prio, struct worker_job *j);
/* Queues a job of a kind that takes no arguments (a timer's). */
void worker_queue(struct worker *w, int prio, enum worker_job_kind kind);
void worker_notify(struct worker *w);
/* Records a job's failure: LC_ECANCELED is silent, auth and challenge
 * stop the timers and are reported once, others set last_error to
 * "what: sentence".  Wakes the UI. */
void worker_failed(struct worker *w, const char *what,
                   const struct lc_error *err);
/* A job succeeded: clears last_error (if set) and the retry time. */
void worker_succeeded(struct worker *w);
void worker_count(struct worker *w, size_t field_offset);
#define WORKER_COUNT(w, field)                                                 \
	worker_count((w), offsetof(struct worker_stats, field))
int worker_stopping(struct worker *w);
void worker_set_syncing(struct worker *w, int on);

/* worker-sync.c */
enum lc_err worker_ensure_me(struct worker *w, struct lc_error *err);
void worker_run_initial(struct worker *w);
void worker_run_delta(struct worker *w);
/* Reads the newest messages of conv_urn; user: the user opened it, so
 * its presence is asked for too (worker_presence_open()). */
void worker_run_open(struct worker *w, const char *conv_urn, int user);
void worker_run_older(struct worker *w, const char *conv_urn);
/* Merges a page of messages into the store and the model. */
void worker_merge_messages(struct worker *w, const char *conv_urn,
                           const struct voyager_message *v, size_t n);
/* Fills *out from a voyager message; strings in *out borrow from v, from
 * *sender and from *reactions, which holds the summary and, after its
 * NUL, the user's own reactions (caller frees *sender and *reactions). */
void worker_map_message(const struct voyager_message *v, struct model_msg *out,
                        char **sender, char **reactions);

/* Saves and merges a page of conversations (with their last messages).
 * Returns how many conversations it held. */
size_t worker_merge_convs(struct worker *w, const struct voyager_conv_page *pg);
/* The time of the newest message of conv_urn the model holds, 0 none. */
int64_t worker_newest_held(struct worker *w, const char *conv_urn);
/* A profile URN for a bare <ID> (caller frees), or NULL for NULL. */
char *worker_profile_urn(const char *id);

/* worker-live.c */
/* Reads the [sync] realtime settings. */
void worker_live_init(struct worker *w, const struct config *cfg);
/* After an inbox read worked: starts the stream once (thread). */
void worker_live_begin(struct worker *w);
/* Stops the stream's thread (not the worker's); idempotent. */
void worker_live_stop(struct worker *w);
void worker_live_free(struct worker *w);
/* The session was renewed: the stream may connect again. */
void worker_live_kick(struct worker *w);
/* The live jobs: WJ_EVENT, WJ_STREAM, WJ_HEARTBEAT, WJ_TYPING. */
void worker_live_run(struct worker *w, struct worker_job *j);
/* The next heartbeat deadline (-1 none) and its timer (thread). */
int64_t worker_live_deadline(struct worker *w);
void worker_live_fire(struct worker *w, int64_t now);

/* worker-presence.c */
/* How often one conversation's presence may be asked for, by default. */
#define WORKER_PRESENCE_EVERY_MS 60000
/* Asks for the presence of conv_urn's other participants (one call, at
 * most once per presence_every_ms, none without participants) and
 * puts it in the model; failures are logged at info only.  Thread. */
void worker_presence_open(struct worker *w, const char *conv_urn);
void worker_presence_free(struct worker *w);

/* worker-triage.c */
/* WJ_TRIAGE: sends every queued triage row, oldest first (thread). */
void worker_run_triage(struct worker *w);
/* Before the thread starts: the muted conversations and the rows an
 * earlier run left, shown and held in the model again. */
void worker_triage_restore(struct worker *w);
/* worker-folder.c */
/* After an inbox sync worked (thread): one mailbox-counts request into
 * the model, and the folder reads still to do queued in the background
 * (the first time, and again for a folder whose read failed). */
void worker_folders_synced(struct worker *w);
/* WJ_FOLDER: the next page of its folder into the store and the model
 * (also for a job dropped because the session is gone: it only counts). */
void worker_run_folder(struct worker *w, const struct worker_job *j);
void worker_folders_free(struct worker *w);

/* worker-find.c */
/* WJ_FIND: one search-criteria read of keywords over every folder. */
void worker_run_find(struct worker *w, const char *keywords, uint64_t ticket);

/* worker-jobs.c */
void worker_run_job(struct worker *w, struct worker_job *j);
/* worker-send.c: the queued rows (token NULL: all) in the order they
 * were written; retry: the user asked to try a failed one again. */
void worker_run_outbox(struct worker *w);
void worker_send_rows(struct worker *w, const char *token, int retry);

#endif
