/* sim-state.c — see sim-state.h.
 *
 * The generated history ends at HISTORY_END (a fixed instant, so the world
 * does not depend on the clock); events made at run time use the wall
 * clock, but never an instant at or before the newest one already served,
 * so new messages always sort after the history.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/sim/sim-fault.h"
#include "tests/sim/sim-state.h"
#include "core/urn.h"
#include "core/xmalloc.h"

#define HISTORY_END 1790000000000LL /* 2026-09-21 */
#define MINUTE 60000LL
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

#define SELF_ID SIM_DEMO_PROFILE_ID
#define SELF_URN "urn:li:fsd_profile:" SELF_ID

static const char *const cat_names[CAT_COUNT] = {
    "INBOX",   "PRIMARY_INBOX", "SECONDARY_INBOX",  "INMAIL",
    "ARCHIVE", "SPAM",          "MESSAGE_REQUESTS", "STARRED",
};

const char *
sim_self_id(void)
{
	return SELF_ID;
}

const char *
sim_self_urn(void)
{
	return SELF_URN;
}

const char *
sim_cat_name(int i)
{
	return i >= 0 && i < CAT_COUNT ? cat_names[i] : NULL;
}

unsigned
sim_cat_bit(const char *name)
{
	int i;

	for (i = 0; i < CAT_COUNT; i++)
		if (strcmp(name, cat_names[i]) == 0)
			return 1u << i;
	return 0;
}

long long
sim_now(struct sim_world *w)
{
	struct timespec ts;
	long long t;

	clock_gettime(CLOCK_REALTIME, &ts);
	t = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (t <= w->clock)
		t = w->clock + 1;
	w->clock = t;
	return t;
}

long long
sim_bump(struct sim_world *w)
{
	return ++w->seq;
}

static void
person_member(struct sim_world *w, struct sim_person *p, int i)
{
	struct sim_rng *r = &w->rng;
	int hostile = w->opts.hostile;

	p->party = PARTY_MEMBER;
	p->id = sim_gen_profile_id(r);
	p->first = xstrdup(sim_gen_first(r, hostile));
	p->last = xstrdup(sim_gen_last(r, hostile));
	p->public_id = sim_gen_public_id(p->first, p->last, i);
	p->headline = xstrdup(sim_gen_headline(r, hostile));
	p->summary = xstrdup(sim_gen_summary(r));
	p->geo = (int)sim_rng_below(r, (unsigned)sim_gen_ngeo());
	p->location = xstrdup(sim_gen_geo_location(p->geo));
	p->industry = (int)sim_rng_below(r, (unsigned)sim_gen_nindustry());
	p->member = 100000000LL + (long long)i * 7919;
	p->distance = sim_rng_pct(r, 50) ? 1 : sim_rng_pct(r, 70) ? 2 : 3;
	p->premium = sim_rng_pct(r, 15);
	p->picture = sim_rng_pct(r, 80);
}

/* Fixed people every world has, so tests can name them. */
static void
person_fixed(struct sim_person *p, const char *id, const char *first,
             const char *last, const char *public_id, const char *headline,
             int geo, int distance, long long member)
{
	p->party = PARTY_MEMBER;
	free(p->id);
	free(p->first);
	free(p->last);
	free(p->public_id);
	free(p->headline);
	free(p->location);
	p->id = xstrdup(id);
	p->first = xstrdup(first);
	p->last = xstrdup(last);
	p->public_id = xstrdup(public_id);
	p->headline = xstrdup(headline);
	p->geo = geo;
	p->location = xstrdup(sim_gen_geo_location(geo));
	p->distance = distance;
	p->member = member;
	p->picture = 1;
}

static void
people_make(struct sim_world *w)
{
	size_t i, norg = 8, ncustom = 2;
	struct sim_person *p;

	w->nmembers = (size_t)w->opts.conversations + 40;
	w->npeople = 1 + w->nmembers + norg + ncustom;
	w->people = xcalloc(w->npeople, sizeof(*w->people));

	p = &w->people[0];
	p->party = PARTY_MEMBER;
	p->id = xstrdup(SELF_ID);
	p->first = xstrdup("Demo");
	p->last = xstrdup("User");
	p->public_id = xstrdup("demo-user");
	p->headline = xstrdup("Tester at Linchat");
	p->summary = xstrdup("The simulator's own account.");
	p->location = xstrdup(sim_gen_geo_location(1));
	p->geo = 1;
	p->member = 12345678;
	p->picture = 1;

	for (i = 1; i <= w->nmembers; i++)
		person_member(w, &w->people[i], (int)i);
	person_fixed(&w->people[1], "ACoAACGraceHopper00000000000000000000001",
	             "Grace", "Hopper", "grace-h", "Rear Admiral", 0, 2,
	             100000001);
	person_fixed(&w->people[2], "ACoAACBillGates000000000000000000000002",
	             "Bill", "Gates", "billy-g", "Co-chair, Gates Foundation",
	             0, 1, 100000002);
	w->people[2].premium = 1;

	for (i = 0; i < norg + ncustom; i++) {
		p = &w->people[1 + w->nmembers + i];
		p->party = i < norg ? PARTY_ORG : PARTY_CUSTOM;
		p->id = xasprintf("%u", 10000 + (unsigned)i * 37);
		p->first = xstrdup(i < norg    ? sim_gen_org(&w->rng)
		                   : i == norg ? "LinkedIn"
		                               : "LinkedIn Member");
		p->last = xstrdup("");
		p->headline = xstrdup("");
		p->summary = xstrdup("");
		p->location = xstrdup("");
		p->distance = 3;
	}
}

static void
msg_fill(struct sim_world *w, struct sim_conv *c, struct sim_message *m,
         int sender, long long at)
{
	struct sim_rng *r = &w->rng;

	m->at = at;
	m->sender = sender;
	m->id = sim_gen_message_id(r, at);
	m->text = xstrdup(sim_gen_text(r, w->opts.hostile));
	if (sender == 0)
		m->origin = sim_gen_uuid(r);
	if (sim_rng_pct(r, 6))
		m->attach = 1 + (int)sim_rng_below(r, 4);
	if (sender != 0 && sim_rng_pct(r, 3))
		m->no_actor = 1;
	if (sim_rng_pct(r, 4))
		m->format = FMT_EDITED;
	else if (sim_rng_pct(r, 2)) {
		m->format = FMT_RECALLED;
		m->text[0] = '\0';
		m->attach = 0;
	}
	if (sim_rng_pct(r, 8)) {
		m->nreacts = 1 + sim_rng_below(r, 2);
		m->reacts = xcalloc(m->nreacts, sizeof(*m->reacts));
		m->reacts[0].emoji = xstrdup("👍");
		m->reacts[0].count = 1 + (int)sim_rng_below(r, 3);
		m->reacts[0].first_at = at + MINUTE;
		if (m->nreacts > 1) {
			m->reacts[1].emoji = xstrdup("❤️");
			m->reacts[1].count = 1;
			m->reacts[1].viewer = 1;
			m->reacts[1].first_at = at + 2 * MINUTE;
		}
	}
	(void)c;
}

static void
conv_make(struct sim_world *w, struct sim_conv *c, int i, long long last)
{
	struct sim_rng *r = &w->rng;
	size_t norg_base = 1 + w->nmembers, k, m = (size_t)w->opts.messages;
	long long t;
	int kind; /* 0 one to one, 1 group, 2 org, 3 custom */

	c->thread = sim_gen_thread_id(r);
	c->urn = urn_conversation(SELF_ID, c->thread);
	kind = i == 1               ? 1
	       : i == 2             ? 2
	       : i == 3             ? 3
	       : i == 0             ? 0
	       : i % 17 == 5        ? 2
	       : i % 29 == 11       ? 3
	       : sim_rng_pct(r, 12) ? 1
	                            : 0;
	c->cats = CAT_INBOX | CAT_PRIMARY_INBOX;
	if (kind == 1) {
		c->nwho = 2 + sim_rng_below(r, 4);
		c->who = xcalloc(c->nwho, sizeof(*c->who));
		for (k = 0; k < c->nwho; k++)
			c->who[k] = 1 + (int)((size_t)(i + 7 + (int)k * 13) %
			                      w->nmembers);
		c->group = 1;
		if (i == 1 || sim_rng_pct(r, 50))
			c->title = xstrdup(sim_gen_title(r, w->opts.hostile));
	} else {
		c->nwho = 1;
		c->who = xcalloc(1, sizeof(*c->who));
		if (kind == 2) {
			c->who[0] = (int)(norg_base + (size_t)i % 8);
			c->cats = CAT_INBOX |
			          (i % 2 ? CAT_INMAIL : CAT_SECONDARY_INBOX);
		} else if (kind == 3) {
			c->who[0] = (int)(norg_base + 8 + (size_t)i % 2);
			c->cats = CAT_INBOX | CAT_SECONDARY_INBOX;
		} else
			c->who[0] = 1 + (int)((size_t)i % w->nmembers);
	}
	if (i > 3 && i % 23 == 7)
		c->cats = CAT_ARCHIVE;
	else if (i > 3 && i % 41 == 13)
		c->cats = CAT_SPAM;
	else if (i > 3 && i % 31 == 19)
		c->cats = CAT_MESSAGE_REQUESTS;
	/* A few starred, wherever they are (one of them in Spam at 60). */
	if (i % 13 == 4 || i == 54)
		c->cats |= CAT_STARRED;

	if (m > 0 && (i == 0 || kind >= 2 || sim_rng_pct(r, 30)))
		c->unread = 1 + (int)sim_rng_below(r, 3);
	if ((size_t)c->unread > m)
		c->unread = (int)m;

	c->nmsgs = c->capmsgs = m;
	c->msgs = xcalloc(m ? m : 1, sizeof(*c->msgs));
	t = last;
	for (k = m; k-- > 0;) {
		int sender;

		if (kind >= 2)
			sender = c->who[0];
		else if (k >= m - (size_t)c->unread)
			sender = c->who[sim_rng_below(r, (unsigned)c->nwho)];
		else if (sim_rng_pct(r, 40))
			sender = 0;
		else
			sender = c->who[sim_rng_below(r, (unsigned)c->nwho)];
		msg_fill(w, c, &c->msgs[k], sender, t);
		t -= MINUTE + (long long)sim_rng_below(r, 2 * DAY);
	}
	if (c->group && m > 0) {
		struct sim_message *first = &c->msgs[0];

		first->format = FMT_SYSTEM;
		first->attach = 0;
		free(first->text);
		first->text = xasprintf("%s created the group",
		                        w->people[first->sender].first);
	}
	c->created = m ? c->msgs[0].at - 1000 : last;
	c->last_read = c->unread ? (m > (size_t)c->unread
	                                ? c->msgs[m - (size_t)c->unread - 1].at
	                                : c->created)
	                         : (m ? c->msgs[m - 1].at : c->created);
	c->seq = sim_bump(w);
	for (k = 0; k < m; k++)
		c->msgs[k].seq = c->seq;
}

static void
invites_make(struct sim_world *w)
{
	struct sim_rng *r = &w->rng;
	size_t k;

	w->ninvites = 6;
	w->invites = xcalloc(w->ninvites, sizeof(*w->invites));
	for (k = 0; k < w->ninvites; k++) {
		struct sim_invite *v = &w->invites[k];

		v->number = 6890000000LL + (long long)k * 101;
		v->secret = sim_gen_token(r, "", 8);
		v->sent = HISTORY_END - (long long)k * DAY - 5 * HOUR;
		if (k % 2 == 0)
			v->message = xstrdup(sim_gen_text(r, w->opts.hostile));
		/* From people with no conversation. */
		v->from = (int)(w->nmembers - k);
		w->people[v->from].distance = 2;
	}
}

struct sim_world *
sim_world_new(const struct sim_opts *opts)
{
	struct sim_world *w;
	long long last = HISTORY_END;
	int i;

	w = xcalloc(1, sizeof(*w));
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->rt_cond, NULL);
	w->opts = *opts;
	w->opts.faults = xstrdup_or_null(opts->faults);
	sim_rng_seed(&w->rng, opts->seed);
	people_make(w);

	w->nconvs = w->capconvs = (size_t)opts->conversations;
	w->convs = xcalloc(w->capconvs ? w->capconvs : 1, sizeof(*w->convs));
	for (i = 0; i < opts->conversations; i++) {
		conv_make(w, &w->convs[i], i, last);
		last -= 10 * MINUTE + (long long)sim_rng_below(
		                          &w->rng, (unsigned)(20 * HOUR));
	}
	invites_make(w);
	w->clock = HISTORY_END;

	w->nsessions = 1;
	w->sessions = xcalloc(1, sizeof(*w->sessions));
	w->sessions[0].li_at = xstrdup(SIM_DEMO_LI_AT);
	w->sessions[0].jsessionid = xstrdup(SIM_DEMO_JSESSIONID);
	w->fault = sim_fault_new(opts);
	return w;
}

static void
msg_free(struct sim_message *m)
{
	size_t i;

	free(m->id);
	free(m->text);
	free(m->origin);
	for (i = 0; i < m->nreacts; i++)
		free(m->reacts[i].emoji);
	free(m->reacts);
}

void
sim_world_free(struct sim_world *w)
{
	size_t i, k;

	if (w == NULL)
		return;
	for (i = 0; i < w->npeople; i++) {
		struct sim_person *p = &w->people[i];

		free(p->id);
		free(p->public_id);
		free(p->first);
		free(p->last);
		free(p->headline);
		free(p->summary);
		free(p->location);
	}
	free(w->people);
	for (i = 0; i < w->nconvs; i++) {
		struct sim_conv *c = &w->convs[i];

		for (k = 0; k < c->nmsgs; k++)
			msg_free(&c->msgs[k]);
		free(c->msgs);
		free(c->thread);
		free(c->urn);
		free(c->title);
		free(c->who);
		free(c->seen_msg);
	}
	free(w->convs);
	for (i = 0; i < w->ninvites; i++) {
		free(w->invites[i].secret);
		free(w->invites[i].message);
	}
	free(w->invites);
	for (i = 0; i < w->nsessions; i++) {
		free(w->sessions[i].li_at);
		free(w->sessions[i].jsessionid);
	}
	free(w->sessions);
	for (i = 0; i < w->ncounts; i++)
		free(w->counts[i].name);
	free(w->counts);
	free(w->rate.at);
	for (i = 0; i < w->nsent; i++) {
		free(w->sent[i].conv_urn);
		free(w->sent[i].text);
		free(w->sent[i].origin);
		free(w->sent[i].msg_urn);
	}
	free(w->sent);
	for (i = 0; i < w->ninv_sent; i++)
		free(w->inv_sent[i]);
	free(w->inv_sent);
	for (i = 0; i < w->nlog; i++)
		json_object_put(w->log[i]);
	sim_fault_free(w->fault);
	for (i = 0; i < w->rt_nevents; i++)
		free(w->rt_events[i]);
	free(w->rt_events);
	free(w->rt_lens);
	pthread_cond_destroy(&w->rt_cond);
	free(w->opts.faults);
	pthread_mutex_destroy(&w->lock);
	free(w);
}

int
sim_person_by_id(struct sim_world *w, const char *id)
{
	size_t i;

	for (i = 0; i <= w->nmembers; i++)
		if (strcmp(w->people[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
sim_person_by_public(struct sim_world *w, const char *public_id)
{
	size_t i;

	for (i = 0; i <= w->nmembers; i++)
		if (strcmp(w->people[i].public_id, public_id) == 0)
			return (int)i;
	return -1;
}

struct sim_conv *
sim_conv_by_urn(struct sim_world *w, const char *urn)
{
	size_t i;

	for (i = 0; i < w->nconvs; i++)
		if (!w->convs[i].deleted && strcmp(w->convs[i].urn, urn) == 0)
			return &w->convs[i];
	return NULL;
}

struct sim_conv *
sim_conv_by_thread(struct sim_world *w, const char *thread)
{
	size_t i;

	for (i = 0; i < w->nconvs; i++)
		if (!w->convs[i].deleted &&
		    strcmp(w->convs[i].thread, thread) == 0)
			return &w->convs[i];
	return NULL;
}

struct sim_message *
sim_msg_by_urn(struct sim_world *w, const char *urn, struct sim_conv **conv)
{
	struct urn u;
	struct sim_message *found = NULL;
	size_t i, k;

	if (urn_parse(urn, &u, NULL) != LC_OK)
		return NULL;
	if (u.kind == URN_MSG_MESSAGE && strcmp(u.mailbox, SELF_ID) == 0) {
		for (i = 0; i < w->nconvs && found == NULL; i++) {
			struct sim_conv *c = &w->convs[i];

			if (c->deleted)
				continue;
			for (k = 0; k < c->nmsgs; k++)
				if (strcmp(c->msgs[k].id, u.id) == 0) {
					found = &c->msgs[k];
					if (conv != NULL)
						*conv = c;
					break;
				}
		}
	}
	urn_free(&u);
	return found;
}

long long
sim_conv_last(const struct sim_conv *c)
{
	return c->nmsgs ? c->msgs[c->nmsgs - 1].at : c->created;
}

struct sim_message *
sim_conv_add(struct sim_world *w, struct sim_conv *c, int sender,
             const char *text, const char *origin)
{
	struct sim_message *m;

	if (c->nmsgs == c->capmsgs) {
		c->capmsgs = c->capmsgs ? c->capmsgs * 2 : 8;
		c->msgs = xreallocarray(c->msgs, c->capmsgs, sizeof(*c->msgs));
	}
	m = &c->msgs[c->nmsgs++];
	memset(m, 0, sizeof(*m));
	m->at = sim_now(w);
	m->id = sim_gen_message_id(&w->rng, m->at);
	m->sender = sender;
	m->text = xstrdup(text);
	m->origin = xstrdup_or_null(origin);
	m->seq = c->seq = sim_bump(w);
	if (sender == 0) {
		c->unread = 0;
		c->last_read = m->at;
	} else
		c->unread++;
	return m;
}

struct sim_conv *
sim_conv_new(struct sim_world *w, const int *who, size_t n)
{
	struct sim_conv *c;

	if (w->nconvs == w->capconvs) {
		w->capconvs = w->capconvs ? w->capconvs * 2 : 8;
		w->convs =
		    xreallocarray(w->convs, w->capconvs, sizeof(*w->convs));
	}
	c = &w->convs[w->nconvs++];
	memset(c, 0, sizeof(*c));
	c->thread = sim_gen_thread_id(&w->rng);
	c->urn = urn_conversation(SELF_ID, c->thread);
	c->created = c->last_read = sim_now(w);
	c->cats = CAT_INBOX | CAT_PRIMARY_INBOX;
	c->nwho = n;
	c->who = xcalloc(n, sizeof(*c->who));
	memcpy(c->who, who, n * sizeof(*who));
	c->group = n > 1;
	c->msgs = xcalloc(1, sizeof(*c->msgs));
	c->capmsgs = 1;
	c->seq = sim_bump(w);
	return c;
}

const long sim_rate_window_ms[SIM_RATE_WINDOWS] = {1000, 10000};

/* Notes a request arriving now in every window and keeps each window's
 * most; drops the times the longest window no longer needs. */
static void
rate_note(struct sim_rate *r)
{
	struct timespec ts;
	long long now;
	size_t k, drop;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (r->n == r->cap) {
		drop = r->head[SIM_RATE_WINDOWS - 1];
		if (drop > 0 && drop >= r->n / 2) {
			memmove(r->at, r->at + drop,
			        (r->n - drop) * sizeof(*r->at));
			r->n -= drop;
			for (k = 0; k < SIM_RATE_WINDOWS; k++)
				r->head[k] -= drop;
		} else {
			r->cap = r->cap ? r->cap * 2 : 1024;
			r->at = xreallocarray(r->at, r->cap, sizeof(*r->at));
		}
	}
	r->at[r->n++] = now;
	for (k = 0; k < SIM_RATE_WINDOWS; k++) {
		while (r->at[r->head[k]] <= now - sim_rate_window_ms[k])
			r->head[k]++;
		if ((long)(r->n - r->head[k]) > r->max[k])
			r->max[k] = (long)(r->n - r->head[k]);
	}
}

void
sim_count(struct sim_world *w, const char *name)
{
	size_t i;

	w->total++;
	rate_note(&w->rate);
	for (i = 0; i < w->ncounts; i++)
		if (strcmp(w->counts[i].name, name) == 0) {
			w->counts[i].n++;
			return;
		}
	w->counts =
	    xreallocarray(w->counts, w->ncounts + 1, sizeof(*w->counts));
	w->counts[w->ncounts].name = xstrdup(name);
	w->counts[w->ncounts++].n = 1;
}

void
sim_log(struct sim_world *w, struct json_object *entry)
{
	if (w->nlog == SIM_LOG_MAX) {
		json_object_put(w->log[0]);
		memmove(&w->log[0], &w->log[1],
		        (SIM_LOG_MAX - 1) * sizeof(w->log[0]));
		w->nlog--;
	}
	w->log[w->nlog++] = entry;
}
