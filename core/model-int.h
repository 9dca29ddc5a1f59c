/* model-int.h — the model's private layout, shared by model.c and
 * model-aux.c only.  Not part of the contract: include model.h instead.
 */
#ifndef LC_MODEL_INT_H
#define LC_MODEL_INT_H

#include <pthread.h>
#include <stdint.h>

#include "core/hmap.h"
#include "core/model.h"

enum {
	S_URN,
	S_SENDER,
	S_TEXT,
	S_ORIGIN,
	S_ANAME,
	S_AURL,
	S_REACT,
	S_MINE, /* the user's own reactions */
	S_N
};

struct mrec {
	struct mconv *conv;
	int64_t time_ms;
	uint32_t off[S_N]; /* offsets into data */
	uint8_t state;
	char data[];
};

struct mconv {
	char *urn;
	char *title;
	char *last_text;
	char *last_sender;
	char *draft;
	struct model_participant *parts; /* strings owned */
	size_t nparts;
	int unread;
	int read;
	unsigned cats;
	int64_t last_ms;
	uint64_t version;        /* any change to the conversation */
	uint64_t thread_version; /* a change the thread view shows: messages,
	                          * participants; not the read flag or draft */
	char *typing;            /* profile URN of who is typing, or NULL */
	int64_t typing_until;    /* clock_mono_ms() when that ends */
	struct model_seen *seen; /* read receipts, one per participant */
	size_t nseen;
	struct mrec **msgs; /* by time, oldest first */
	size_t n;
	size_t cap;
};

/* Messages from others kept for model_arrivals_since(). */
#define MODEL_ARRIVALS 64

/* Outcomes kept for tickets (model_set_result()). */
#define MODEL_RESULTS 32

struct mresult {
	uint64_t ticket;
	int code;
	char *text;
};

struct model {
	pthread_mutex_t mu;
	uint64_t version;
	uint64_t inbox_version; /* version at the last change the inbox shows */
	char *me;
	struct hmap *convs;     /* conv URN -> struct mconv */
	struct hmap *by_urn;    /* message URN -> struct mrec */
	struct hmap *by_origin; /* origin token -> struct mrec */
	struct mconv **order;   /* newest activity first */
	size_t norder;
	size_t caporder;
	size_t nmsgs;
	struct hmap *profiles; /* URN -> struct model_profile */
	struct model_invitation *invs;
	size_t ninvs;
	char *query;
	struct model_search_hit *hits;
	size_t nhits;
	struct mresult results[MODEL_RESULTS]; /* ticket 0: a free slot */
	size_t results_next;                   /* the slot the next one takes */
	struct hmap *moved; /* placeholder -> real conversation URN (char *);
	                     * made on first use */
	struct model_arrival arrivals[MODEL_ARRIVALS]; /* a ring by seq */
	uint64_t arrival_seq;                          /* the newest's seq */
	struct model_sync sync;
	struct model_rate rate;
	struct hmap *presence; /* profile URN -> struct mpresence; made on
	                        * first use (model-live.c) */
	struct hmap *muted;    /* conv URN -> its copy; made on first use
	                        * (model-triage.c) */
	struct hmap *holds;    /* conv URN -> struct mhold (model-triage.c) */
	struct model_folder_status folders[FOLDER_COUNT]; /* model-folder.c */
};

/* A person's presence as the service last told it (model-live.c). */
struct mpresence {
	int online;
	int64_t last_active_ms;
	char urn[]; /* the key */
};

/* s, or "" for NULL. */
const char *model_nz(const char *s);
/* The display name of urn: as a participant of c (may be NULL), else the
 * first name of its profile, else "".  Lock held; borrowed. */
const char *model_name_of(struct model *m, const struct mconv *c,
                          const char *urn);
/* Bumps the global version, and c's (if not NULL) to the same value. */
void model_bump(struct model *m, struct mconv *c);
/* The same for a change the thread view does not show (read flag, draft):
 * c's thread_version stays, so an open thread is not rebuilt. */
void model_bump_meta(struct model *m, struct mconv *c);
/* Bumps the global version only, for side state the inbox and threads do
 * not show (profiles, invitations, search, sync and rate state, results):
 * an idle sync then repaints the status bar, not the inbox. */
void model_bump_aside(struct model *m);
/* The conversation urn, added (empty, at its place in the inbox order) if
 * the model lacks it.  Lock held. */
struct mconv *model_conv_get_or_add(struct model *m, const char *urn);
/* Sets c's last activity to ms and (text not NULL) its preview and the
 * preview's sender, keeping the inbox order.  Lock held. */
void model_conv_set_last(struct model *m, struct mconv *c, int64_t ms,
                         const char *text, const char *sender);
/* Takes r out of the URN and origin-token indexes (model-msg.c).  Lock
 * held; r stays allocated. */
void model_unindex_rec(struct model *m, struct mrec *r);
/* Frees the side tables (model-aux.c); called by model_free(). */
void model_aux_free(struct model *m);
/* A change only an open thread shows (typing, receipts): c's versions
 * move, the inbox's does not. */
void model_bump_thread(struct model *m, struct mconv *c);
/* Frees c's live state (model-live.c); lock held. */
void model_live_clear(struct mconv *c);
/* A message from sender_urn reached c: whoever was typing there is done
 * (model-live.c).  Lock held. */
void model_live_message(struct model *m, struct mconv *c,
                        const char *sender_urn);
/* Frees the arrivals ring (model-live.c); called by model_free(). */
void model_live_free(struct model *m);

/* model-triage.c */
void model_triage_free(struct model *m);
/* Under the lock, after a merge filled c: a held conversation keeps what
 * the queued triage change showed. */
void model_triage_merge(struct model *m, struct mconv *c);
/* Under the lock: conv_urn was deleted by a queued triage request. */
int model_triage_gone(struct model *m, const char *conv_urn);
/* Under the lock: conv_urn is muted. */
int model_triage_row_muted(struct model *m, const char *conv_urn);

#endif
