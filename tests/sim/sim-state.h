/* sim-state.h — the simulator's in-memory world.
 *
 * Everything a request can see or change lives in one struct sim_world,
 * guarded by one mutex (w->lock) that the request thread holds while a
 * handler runs.  The world is generated deterministically from the seed
 * (sim-gen.c supplies the names and texts), so two runs with the same flags
 * serve the same bytes.
 *
 * Every change to a conversation or message takes a fresh sequence number
 * from w->seq; the sync tokens the messaging reads hand out are those
 * numbers, so "changes since a token" is "seq greater than the token".
 */
#ifndef SIM_STATE_H
#define SIM_STATE_H

#include <json-c/json.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "tests/sim/sim-demo.h"
#include "tests/sim/sim-gen.h"

struct sim_opts {
	int port;
	uint64_t seed;
	int conversations; /* default 60 */
	int messages;      /* per conversation, default 30 */
	int hostile;
	int latency_ms;
	double fault_rate;
	char *faults;          /* comma list, or NULL for all kinds */
	long session_requests; /* 0: sessions never expire */
	int invite_quota;      /* 0: no weekly quota */
	long heartbeat_ms;     /* realtime heartbeat; 0: 30 000 */
};

enum sim_party { PARTY_MEMBER, PARTY_ORG, PARTY_CUSTOM };

struct sim_person {
	enum sim_party party;
	char *id;           /* profile <ID>, or company/custom number */
	char *public_id;    /* members only */
	char *first, *last; /* ORG/CUSTOM: the name is in first */
	char *headline, *summary, *location;
	long long member;  /* urn:li:member:<member> */
	int geo, industry; /* indexes into sim-gen's tables */
	int distance;      /* 0 self, 1, 2, 3 */
	int premium;
	int picture; /* has a profile picture */
	int invited; /* a connection request is pending */
	/* presence (sim-presence.c): 0 the seeded default, else what
	 * /__sim/presence set (1 ONLINE, 2 OFFLINE) at presence_at */
	int presence;
	long long presence_at;
};

enum sim_format { FMT_DEFAULT, FMT_EDITED, FMT_RECALLED, FMT_SYSTEM };

struct sim_reaction {
	char *emoji;
	int count;
	int viewer;
	long long first_at;
};

struct sim_message {
	char *id;      /* <MESSAGE_ID> of the urn */
	long long at;  /* deliveredAt */
	long long seq; /* last change */
	int sender;    /* person index; 0 is the user */
	char *text;
	char *origin; /* the user's own messages only */
	enum sim_format format;
	int attach;   /* 0 none, else an attachment kind */
	int no_actor; /* serve "actor":null */
	struct sim_reaction *reacts;
	size_t nreacts;
};

struct sim_conv {
	char *thread; /* <THREAD_ID> */
	char *urn;
	long long created, last_read;
	long long seq; /* last change */
	int unread;    /* unreadCount; 0 = read */
	int group;
	char *title;   /* group chats may have one */
	unsigned cats; /* CAT_* bits */
	int *who;      /* participant person indexes, not the user */
	size_t nwho;
	/* the newest seen receipt of another participant (/__sim/seen); the
	 * user's own read state is unread/last_read */
	long long seen_at;        /* 0: none */
	int seen_by;              /* person index */
	char *seen_msg;           /* message urn */
	struct sim_message *msgs; /* oldest first */
	size_t nmsgs, capmsgs;
	int deleted;
};

#define CAT_INBOX 0x01
#define CAT_PRIMARY_INBOX 0x02
#define CAT_SECONDARY_INBOX 0x04
#define CAT_INMAIL 0x08
#define CAT_ARCHIVE 0x10
#define CAT_SPAM 0x20
#define CAT_MESSAGE_REQUESTS 0x40
#define CAT_STARRED 0x80
#define CAT_COUNT 8

struct sim_invite {
	long long number;
	char *secret;
	long long sent;
	char *message; /* may be NULL */
	int from;      /* person index */
	int done;      /* accepted or ignored */
};

struct sim_session {
	char *li_at;
	char *jsessionid; /* with its quotes */
	long requests;
	int dead;
};

struct sim_sent {
	char *conv_urn, *text, *origin, *msg_urn;
};

struct sim_count {
	char *name;
	long n;
};

#define SIM_LOG_MAX 100

/* The most requests seen in any sliding window of each length, for
 * checking a client's request budget: the arrival times (monotonic ms)
 * still inside the longest window, and per window where it starts. */
#define SIM_RATE_WINDOWS 2
extern const long sim_rate_window_ms[SIM_RATE_WINDOWS]; /* 1 s, 10 s */
struct sim_rate {
	long long *at;
	size_t n, cap;
	size_t head[SIM_RATE_WINDOWS];
	long max[SIM_RATE_WINDOWS];
};

struct sim_world {
	pthread_mutex_t lock;
	struct sim_opts opts;
	struct sim_rng rng; /* world generation, then incoming */
	long long seq;
	long long clock; /* newest timestamp handed out */

	struct sim_person *people; /* [0] is the user */
	size_t npeople;
	size_t nmembers; /* people[1..nmembers] are members */
	struct sim_conv *convs;
	size_t nconvs, capconvs;
	struct sim_invite *invites;
	size_t ninvites;

	struct sim_session *sessions;
	size_t nsessions;
	long logins;

	/* witness data for /__sim/state */
	struct sim_count *counts;
	size_t ncounts;
	long total;
	long connections;
	struct sim_sent *sent;
	size_t nsent;
	char **inv_sent; /* pairs: profile urn, message */
	size_t ninv_sent;
	long typing;
	long category_changes; /* conversations addCategory/removeCategory
	                        * changed (sim-folder.c) */
	size_t incoming_next;  /* rotation of /__sim/incoming */
	struct json_object *log[SIM_LOG_MAX]; /* oldest first */
	size_t nlog;
	struct sim_rate rate;

	struct sim_fault *fault; /* sim-fault.c */

	/* realtime events (sim-rt.c), waited for on rt_cond with lock.  Only
	 * the events some open stream has still to send are held:
	 * rt_events[0] is event number rt_base. */
	pthread_cond_t rt_cond;
	char **rt_events;
	size_t *rt_lens;
	size_t rt_nevents, rt_base;
	struct sim_rt_stream *rt_streams; /* open streams */
	long rt_generation;
	int rt_stopping;
	long rt_connects, rt_refused, rt_held;
	int rt_refuse_status; /* 0: connects are accepted */
	long rt_refuse_left;  /* -1: until cleared */
	int rt_fault;         /* enum sim_rt_fault of the next connects */
	long rt_fault_left;   /* -1: until cleared */
	size_t rt_fault_bytes;

	long presence_forbid; /* presenceStatuses calls still to answer 403 */
};

/* Builds the world described by opts (copied).  Caller frees with
 * sim_world_free(). */
struct sim_world *sim_world_new(const struct sim_opts *opts);
void sim_world_free(struct sim_world *w);

/* The user's profile id, profile urn and mailbox urn (static/owned). */
const char *sim_self_id(void);
const char *sim_self_urn(void);

/* The next timestamp (ms): wall clock, but never at or before the newest
 * one already handed out. */
long long sim_now(struct sim_world *w);
long long sim_bump(struct sim_world *w); /* ++seq */

/* Lookups; NULL (or -1) when absent. */
int sim_person_by_id(struct sim_world *w, const char *id);
int sim_person_by_public(struct sim_world *w, const char *public_id);
struct sim_conv *sim_conv_by_urn(struct sim_world *w, const char *urn);
struct sim_conv *sim_conv_by_thread(struct sim_world *w, const char *thread);
struct sim_message *sim_msg_by_urn(struct sim_world *w, const char *urn,
                                   struct sim_conv **conv);

/* The newest activity of a conversation (its last message, else created). */
long long sim_conv_last(const struct sim_conv *c);

/* Appends a message to c (now, seq bumped); returns it.  text is copied;
 * origin may be NULL. */
struct sim_message *sim_conv_add(struct sim_world *w, struct sim_conv *c,
                                 int sender, const char *text,
                                 const char *origin);
/* A new conversation of the user with the given people. */
struct sim_conv *sim_conv_new(struct sim_world *w, const int *who, size_t n);

/* Counts one request to endpoint name (and the total, and its arrival
 * time for the rate windows). */
void sim_count(struct sim_world *w, const char *name);
/* Adds an entry (consumed) to the request log, which keeps the last
 * SIM_LOG_MAX. */
void sim_log(struct sim_world *w, struct json_object *entry);

/* Category bit names, for JSON and parsing. */
const char *sim_cat_name(int bit_index);
unsigned sim_cat_bit(const char *name); /* 0 if unknown */

#endif
