/* model.c — conversations and messages under one recursive mutex.
 *
 * Memory layout, chosen for 100 000 messages in well under 60 MiB: each
 * message is one allocation, a small header followed by its strings packed
 * back to back (URN, sender, text, origin token, attachment, reactions and
 * the user's own).
 * Two hash maps index the records by message URN and by origin token; their
 * keys point into the records themselves.  A conversation holds its
 * records in an array sorted by time, and the inbox is an array of
 * conversations sorted by last activity (newest first, then by URN so the
 * order is total).  Profiles, invitations, search results and the sync
 * status live in model-aux.c.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "hmap.h"
#include "model.h"
#include "model-int.h"
#include "reaction.h"
#include "xmalloc.h"

static const struct {
	const char *name;
	unsigned bit;
} categories[] = {
    {"INBOX", MODEL_CAT_INBOX},
    {"PRIMARY_INBOX", MODEL_CAT_PRIMARY_INBOX},
    {"SECONDARY_INBOX", MODEL_CAT_SECONDARY_INBOX},
    {"INMAIL", MODEL_CAT_INMAIL},
    {"ARCHIVE", MODEL_CAT_ARCHIVE},
    {"SPAM", MODEL_CAT_SPAM},
    {"MESSAGE_REQUESTS", MODEL_CAT_MESSAGE_REQUESTS},
};

unsigned
model_category_bit(const char *name)
{
	size_t i;

	for (i = 0;
	     name != NULL && i < sizeof(categories) / sizeof(categories[0]);
	     i++)
		if (strcmp(categories[i].name, name) == 0)
			return categories[i].bit;
	return 0;
}

const char *
model_nz(const char *s)
{
	return s != NULL ? s : "";
}

void
model_bump(struct model *m, struct mconv *c)
{
	m->version++;
	m->inbox_version = m->version;
	if (c != NULL)
		c->version = c->thread_version = m->version;
}

void
model_bump_aside(struct model *m)
{
	m->version++;
}

void
model_bump_meta(struct model *m, struct mconv *c)
{
	m->version++;
	m->inbox_version = m->version;
	c->version = m->version;
}

struct model *
model_new(void)
{
	struct model *m = xcalloc(1, sizeof(*m));
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&m->mu, &a);
	pthread_mutexattr_destroy(&a);
	m->convs = hmap_new();
	m->by_urn = hmap_new();
	m->by_origin = hmap_new();
	m->profiles = hmap_new();
	m->version = 1;
	return m;
}

static void
parts_free(struct model_participant *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((void *)v[i].urn);
		free((void *)v[i].name);
	}
	free(v);
}

static struct model_participant *
parts_copy(const struct model_participant *v, size_t n)
{
	struct model_participant *c;
	size_t i;

	if (n == 0)
		return NULL;
	c = xcalloc(n, sizeof(*c));
	for (i = 0; i < n; i++) {
		c[i].urn = xstrdup(model_nz(v[i].urn));
		c[i].name = xstrdup(model_nz(v[i].name));
	}
	return c;
}

static void
conv_free(struct mconv *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->msgs[i]);
	free(c->msgs);
	parts_free(c->parts, c->nparts);
	free(c->urn);
	free(c->title);
	free(c->last_text);
	free(c->last_sender);
	free(c->draft);
	free(c);
}

void
model_free(struct model *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->norder; i++)
		conv_free(m->order[i]);
	free(m->order);
	model_aux_free(m);
	hmap_free(m->convs);
	hmap_free(m->by_urn);
	hmap_free(m->by_origin);
	free(m->me);
	pthread_mutex_destroy(&m->mu);
	free(m);
}

void
model_lock(struct model *m)
{
	pthread_mutex_lock(&m->mu);
}

void
model_unlock(struct model *m)
{
	pthread_mutex_unlock(&m->mu);
}

uint64_t
model_version(struct model *m)
{
	uint64_t v;

	model_lock(m);
	v = m->version;
	model_unlock(m);
	return v;
}

uint64_t
model_inbox_version(struct model *m)
{
	uint64_t v;

	model_lock(m);
	v = m->inbox_version;
	model_unlock(m);
	return v;
}

/* One conversation's version (thread: its thread_version), 0 unknown. */
static uint64_t
conv_version(struct model *m, const char *conv_urn, int thread)
{
	struct mconv *c;
	uint64_t v = 0;

	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c != NULL)
		v = thread ? c->thread_version : c->version;
	model_unlock(m);
	return v;
}

uint64_t
model_thread_version(struct model *m, const char *conv_urn)
{
	return conv_version(m, conv_urn, 1);
}

uint64_t
model_conv_version(struct model *m, const char *conv_urn)
{
	return conv_version(m, conv_urn, 0);
}

void
model_set_me(struct model *m, const char *urn)
{
	model_lock(m);
	free(m->me);
	m->me = xstrdup(model_nz(urn));
	model_bump(m, NULL);
	model_unlock(m);
}

/* --- inbox order --- */

/* Whether a sorts before b: newer activity first, then by URN. */
static int
conv_before(const struct mconv *a, const struct mconv *b)
{
	if (a->last_ms != b->last_ms)
		return a->last_ms > b->last_ms;
	return strcmp(a->urn, b->urn) < 0;
}

/* First index whose conversation does not sort before c. */
static size_t
order_lower(const struct model *m, const struct mconv *c)
{
	size_t lo = 0, hi = m->norder, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (conv_before(m->order[mid], c))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
order_insert(struct model *m, struct mconv *c)
{
	size_t i = order_lower(m, c);

	if (m->norder == m->caporder) {
		m->caporder = m->caporder ? m->caporder * 2 : 64;
		m->order =
		    xreallocarray(m->order, m->caporder, sizeof(*m->order));
	}
	memmove(m->order + i + 1, m->order + i,
	        (m->norder - i) * sizeof(*m->order));
	m->order[i] = c;
	m->norder++;
}

static void
order_remove(struct model *m, struct mconv *c)
{
	size_t i = order_lower(m, c);

	while (i < m->norder && m->order[i] != c)
		i++;
	if (i == m->norder)
		lc_bug("model: conversation missing from the inbox order");
	memmove(m->order + i, m->order + i + 1,
	        (m->norder - i - 1) * sizeof(*m->order));
	m->norder--;
}

static struct mconv *
conv_get_or_add(struct model *m, const char *urn)
{
	struct mconv *c = hmap_get(m->convs, urn);

	if (c != NULL)
		return c;
	c = xcalloc(1, sizeof(*c));
	c->urn = xstrdup(urn);
	c->read = 1;
	hmap_put(m->convs, c->urn, c);
	order_insert(m, c);
	return c;
}

static void
conv_set_last(struct model *m, struct mconv *c, int64_t ms, const char *text,
              const char *sender)
{
	order_remove(m, c);
	c->last_ms = ms;
	if (text != NULL) {
		free(c->last_text);
		c->last_text = xstrdup(text);
		free(c->last_sender);
		c->last_sender = xstrdup(model_nz(sender));
	}
	order_insert(m, c);
}

void
model_put_conversation(struct model *m, const struct model_conv *in)
{
	struct mconv *c;

	if (in->urn == NULL || in->urn[0] == '\0')
		return;
	model_lock(m);
	c = conv_get_or_add(m, in->urn);
	free(c->title);
	c->title = xstrdup(model_nz(in->title));
	parts_free(c->parts, c->nparts);
	c->parts = parts_copy(in->participants, in->nparticipants);
	c->nparts = in->nparticipants;
	c->unread = in->unread;
	c->read = in->read;
	c->cats = in->categories;
	/* A page may describe an older state than messages merged since. */
	if (in->last_ms >= c->last_ms)
		conv_set_last(m, c, in->last_ms, in->last_text,
		              in->last_sender_urn);
	model_bump(m, c);
	model_unlock(m);
}

static void unindex_rec(struct model *, struct mrec *);

int
model_remove_conversation(struct model *m, const char *conv_urn)
{
	struct mconv *c;
	size_t i;
	int rc = -1;

	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c == NULL)
		goto out;
	for (i = 0; i < c->n; i++)
		unindex_rec(m, c->msgs[i]);
	m->nmsgs -= c->n;
	order_remove(m, c);
	hmap_del(m->convs, c->urn);
	conv_free(c);
	model_bump(m, NULL);
	rc = 0;
out:
	model_unlock(m);
	return rc;
}

int
model_set_read(struct model *m, const char *conv_urn, int read)
{
	struct mconv *c;
	int rc = -1;

	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c != NULL) {
		c->read = read;
		if (read)
			c->unread = 0;
		else if (c->unread == 0)
			c->unread = 1;
		model_bump_meta(m, c);
		rc = 0;
	}
	model_unlock(m);
	return rc;
}

int
model_set_draft(struct model *m, const char *conv_urn, const char *text)
{
	struct mconv *c;
	int rc = -1;

	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c != NULL) {
		free(c->draft);
		c->draft =
		    (text != NULL && text[0] != '\0') ? xstrdup(text) : NULL;
		model_bump_meta(m, c);
		rc = 0;
	}
	model_unlock(m);
	return rc;
}

char *
model_get_draft(struct model *m, const char *conv_urn)
{
	struct mconv *c;
	char *d = NULL;

	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c != NULL && c->draft != NULL)
		d = xstrdup(c->draft);
	model_unlock(m);
	return d;
}

/* --- message records --- */

static const char *
rec_str(const struct mrec *r, int i)
{
	return r->data + r->off[i];
}

/* A record from in; a NULL field of in keeps old's value (if old). */
static struct mrec *
rec_new(const struct model_msg *in, const struct mrec *old)
{
	const char *s[S_N];
	size_t len[S_N], total = 0;
	struct mrec *r;
	int i;

	s[S_URN] = in->urn;
	s[S_SENDER] = in->sender_urn;
	s[S_TEXT] = in->text;
	s[S_ORIGIN] = in->origin_token;
	s[S_ANAME] = in->attach_name;
	s[S_AURL] = in->attach_url;
	s[S_REACT] = in->reactions;
	s[S_MINE] = in->my_reactions;
	for (i = 0; i < S_N; i++) {
		if (s[i] == NULL)
			s[i] = old != NULL ? rec_str(old, i) : "";
		len[i] = strlen(s[i]) + 1;
		total += len[i];
	}
	if (total > UINT32_MAX)
		lc_bug("model: message of %zu bytes", total);
	r = xmalloc(sizeof(*r) + total);
	total = 0;
	for (i = 0; i < S_N; i++) {
		r->off[i] = (uint32_t)total;
		memcpy(r->data + total, s[i], len[i]);
		total += len[i];
	}
	r->conv = NULL;
	r->time_ms = in->time_ms;
	r->state = (uint8_t)in->state;
	return r;
}

static void
index_rec(struct model *m, struct mrec *r)
{
	if (rec_str(r, S_URN)[0] != '\0')
		hmap_put(m->by_urn, rec_str(r, S_URN), r);
	if (rec_str(r, S_ORIGIN)[0] != '\0')
		hmap_put(m->by_origin, rec_str(r, S_ORIGIN), r);
}

static void
unindex_rec(struct model *m, struct mrec *r)
{
	if (rec_str(r, S_URN)[0] != '\0' &&
	    hmap_get(m->by_urn, rec_str(r, S_URN)) == r)
		hmap_del(m->by_urn, rec_str(r, S_URN));
	if (rec_str(r, S_ORIGIN)[0] != '\0' &&
	    hmap_get(m->by_origin, rec_str(r, S_ORIGIN)) == r)
		hmap_del(m->by_origin, rec_str(r, S_ORIGIN));
}

/* Inserts r into c after every message not newer than it. */
static void
conv_insert_rec(struct mconv *c, struct mrec *r)
{
	size_t lo = 0, hi = c->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->msgs[mid]->time_ms <= r->time_ms)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap + c->cap / 2 : 8;
		c->msgs = xreallocarray(c->msgs, c->cap, sizeof(*c->msgs));
	}
	memmove(c->msgs + lo + 1, c->msgs + lo, (c->n - lo) * sizeof(*c->msgs));
	c->msgs[lo] = r;
	c->n++;
	r->conv = c;
}

static void
conv_remove_rec(struct mconv *c, struct mrec *r)
{
	size_t lo = 0, hi = c->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->msgs[mid]->time_ms < r->time_ms)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo < c->n && c->msgs[lo] != r)
		lo++;
	if (lo == c->n)
		lc_bug("model: message missing from its conversation");
	memmove(c->msgs + lo, c->msgs + lo + 1,
	        (c->n - lo - 1) * sizeof(*c->msgs));
	c->n--;
}

/* Replaces old (NULL: none) by a record built from in, in conversation c.
 * Returns the new record. */
static struct mrec *
put_rec(struct model *m, struct mconv *c, const struct model_msg *in,
        struct mrec *old)
{
	struct mrec *r = rec_new(in, old);
	struct mconv *oldc = NULL;

	if (old != NULL) {
		oldc = old->conv;
		unindex_rec(m, old);
		conv_remove_rec(oldc, old);
		free(old);
		m->nmsgs--;
		if (oldc != c)
			model_bump(m, oldc);
	}
	conv_insert_rec(c, r);
	index_rec(m, r);
	m->nmsgs++;
	if (r->time_ms >= c->last_ms)
		conv_set_last(
		    m, c, r->time_ms,
		    r->state == MODEL_MSG_RECALLED ? "" : rec_str(r, S_TEXT),
		    rec_str(r, S_SENDER));
	return r;
}

size_t
model_merge_messages(struct model *m, const char *conv_urn,
                     const struct model_msg *v, size_t n)
{
	struct mconv *c;
	struct mrec *old;
	size_t i, added = 0;

	if (conv_urn == NULL || conv_urn[0] == '\0')
		return 0;
	model_lock(m);
	c = conv_get_or_add(m, conv_urn);
	for (i = 0; i < n; i++) {
		old = NULL;
		if (v[i].urn != NULL && v[i].urn[0] != '\0')
			old = hmap_get(m->by_urn, v[i].urn);
		if (old == NULL && v[i].origin_token != NULL &&
		    v[i].origin_token[0] != '\0')
			old = hmap_get(m->by_origin, v[i].origin_token);
		if (old == NULL)
			added++;
		put_rec(m, c, &v[i], old);
	}
	model_bump(m, c);
	model_unlock(m);
	return added;
}

size_t
model_add_stored(struct model *m, const char *conv_urn,
                 const struct model_msg *v, size_t n)
{
	struct mconv *c;
	size_t i, added = 0;

	if (conv_urn == NULL)
		return 0;
	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	for (i = 0; c != NULL && i < n; i++) {
		/* what the model holds is never older than the store */
		if (v[i].urn != NULL && v[i].urn[0] != '\0' &&
		    hmap_get(m->by_urn, v[i].urn) != NULL)
			continue;
		if (v[i].origin_token != NULL && v[i].origin_token[0] != '\0' &&
		    hmap_get(m->by_origin, v[i].origin_token) != NULL)
			continue;
		put_rec(m, c, &v[i], NULL);
		added++;
	}
	if (added > 0)
		model_bump(m, c);
	model_unlock(m);
	return added;
}

int
model_add_pending(struct model *m, const char *conv_urn, const char *text,
                  const char *origin_token, int64_t time_ms)
{
	struct model_msg in;
	struct mconv *c;
	int rc = -1;

	if (origin_token == NULL || origin_token[0] == '\0')
		return -1;
	model_lock(m);
	if (hmap_get(m->by_origin, origin_token) != NULL)
		goto out;
	memset(&in, 0, sizeof(in));
	in.urn = "";
	in.sender_urn = model_nz(m->me);
	in.text = model_nz(text);
	in.origin_token = origin_token;
	in.time_ms = time_ms;
	in.state = MODEL_MSG_PENDING;
	c = conv_get_or_add(m, conv_urn);
	put_rec(m, c, &in, NULL);
	model_bump(m, c);
	rc = 0;
out:
	model_unlock(m);
	return rc;
}

int
model_set_state_by_origin(struct model *m, const char *origin_token,
                          enum model_msg_state state)
{
	struct mrec *r;
	int rc = -1;

	model_lock(m);
	r = hmap_get(m->by_origin, origin_token);
	if (r != NULL) {
		r->state = (uint8_t)state;
		model_bump(m, r->conv);
		rc = 0;
	}
	model_unlock(m);
	return rc;
}

int
model_remove_by_origin(struct model *m, const char *origin_token)
{
	struct mrec *r;
	struct mconv *c;
	int rc = -1;

	model_lock(m);
	r = hmap_get(m->by_origin, origin_token);
	if (r != NULL) {
		c = r->conv;
		unindex_rec(m, r);
		conv_remove_rec(c, r);
		free(r);
		m->nmsgs--;
		model_bump(m, c);
		rc = 0;
	}
	model_unlock(m);
	return rc;
}

static int
change_message(struct model *m, const char *msg_urn, const char *text,
               enum model_msg_state state)
{
	struct model_msg in;
	struct mrec *r;
	struct mconv *c;
	int rc = -1;

	model_lock(m);
	r = hmap_get(m->by_urn, msg_urn);
	if (r != NULL) {
		c = r->conv;
		memset(&in, 0, sizeof(in));
		in.text = text;
		in.time_ms = r->time_ms;
		in.state = state;
		r = put_rec(m, c, &in, r);
		if (c->n > 0 && c->msgs[c->n - 1] == r) {
			free(c->last_text);
			c->last_text = xstrdup(rec_str(r, S_TEXT));
		}
		model_bump(m, c);
		rc = 0;
	}
	model_unlock(m);
	return rc;
}

int
model_react(struct model *m, const char *msg_urn, const char *emoji, int on)
{
	struct model_msg in;
	struct mrec *r;
	char *sum = NULL, *mine = NULL;
	int rc = -1;

	if (msg_urn == NULL || emoji == NULL)
		return -1;
	model_lock(m);
	r = hmap_get(m->by_urn, msg_urn);
	if (r != NULL &&
	    reaction_toggle(rec_str(r, S_REACT), rec_str(r, S_MINE), emoji, on,
	                    &sum, &mine) == 0) {
		memset(&in, 0, sizeof(in));
		in.reactions = sum;
		in.my_reactions = mine;
		in.time_ms = r->time_ms;
		in.state = (enum model_msg_state)r->state;
		r = put_rec(m, r->conv, &in, r);
		model_bump(m, r->conv);
		rc = 0;
	}
	model_unlock(m);
	free(sum);
	free(mine);
	return rc;
}

int
model_edit_message(struct model *m, const char *msg_urn, const char *text)
{
	return change_message(m, msg_urn, model_nz(text), MODEL_MSG_EDITED);
}

int
model_recall_message(struct model *m, const char *msg_urn)
{
	return change_message(m, msg_urn, "", MODEL_MSG_RECALLED);
}

/* Display name of urn as seen from conversation c (may be NULL). */
static const char *
name_of(struct model *m, const struct mconv *c, const char *urn)
{
	const struct model_profile *p;
	size_t i;

	for (i = 0; c != NULL && i < c->nparts; i++)
		if (strcmp(c->parts[i].urn, urn) == 0)
			return c->parts[i].name;
	p = hmap_get(m->profiles, urn);
	if (p != NULL)
		return p->first_name;
	return "";
}

static void
rec_copy_out(struct model *m, const struct mrec *r, struct model_msg *out)
{
	out->urn = xstrdup(rec_str(r, S_URN));
	out->sender_urn = xstrdup(rec_str(r, S_SENDER));
	out->sender_name = xstrdup(name_of(m, r->conv, rec_str(r, S_SENDER)));
	out->text = xstrdup(rec_str(r, S_TEXT));
	out->origin_token = xstrdup(rec_str(r, S_ORIGIN));
	out->attach_name = xstrdup(rec_str(r, S_ANAME));
	out->attach_url = xstrdup(rec_str(r, S_AURL));
	out->reactions = xstrdup(rec_str(r, S_REACT));
	out->my_reactions = xstrdup(rec_str(r, S_MINE));
	out->time_ms = r->time_ms;
	out->state = (enum model_msg_state)r->state;
	out->mine = m->me != NULL && m->me[0] != '\0' &&
	            strcmp(m->me, rec_str(r, S_SENDER)) == 0;
}

void
model_msg_clear(struct model_msg *msg)
{
	if (msg == NULL)
		return;
	free((void *)msg->urn);
	free((void *)msg->sender_urn);
	free((void *)msg->sender_name);
	free((void *)msg->text);
	free((void *)msg->origin_token);
	free((void *)msg->attach_name);
	free((void *)msg->attach_url);
	free((void *)msg->reactions);
	free((void *)msg->my_reactions);
	memset(msg, 0, sizeof(*msg));
}

int
model_get_message(struct model *m, const char *msg_urn,
                  const char *origin_token, struct model_msg *out)
{
	struct mrec *r = NULL;

	memset(out, 0, sizeof(*out));
	model_lock(m);
	if (msg_urn != NULL)
		r = hmap_get(m->by_urn, msg_urn);
	else if (origin_token != NULL)
		r = hmap_get(m->by_origin, origin_token);
	if (r != NULL)
		rec_copy_out(m, r, out);
	model_unlock(m);
	return r != NULL ? 0 : -1;
}

size_t
model_conv_count(struct model *m)
{
	size_t n;

	model_lock(m);
	n = m->norder;
	model_unlock(m);
	return n;
}

size_t
model_message_count(struct model *m)
{
	size_t n;

	model_lock(m);
	n = m->nmsgs;
	model_unlock(m);
	return n;
}

size_t
model_unread_total(struct model *m)
{
	size_t i, n = 0;

	model_lock(m);
	for (i = 0; i < m->norder; i++)
		if (!m->order[i]->read || m->order[i]->unread > 0)
			n++;
	model_unlock(m);
	return n;
}

/* The row's name: the title, else the first MODEL_ROW_NAMES other
 * participants; *more counts the others. */
static char *
conv_name(struct model *m, const struct mconv *c, size_t *more)
{
	struct buf b;
	size_t i, named = 0;

	*more = 0;
	if (c->title != NULL && c->title[0] != '\0')
		return xstrdup(c->title);
	buf_init(&b, 0);
	for (i = 0; i < c->nparts; i++) {
		if (m->me != NULL && strcmp(c->parts[i].urn, m->me) == 0)
			continue;
		if (named++ >= MODEL_ROW_NAMES) {
			(*more)++;
			continue;
		}
		if (b.len > 0)
			buf_addstr(&b, ", ");
		buf_addstr(&b, c->parts[i].name);
	}
	return buf_detach(&b);
}

void
model_inbox_snapshot(struct model *m, unsigned mask, struct model_inbox *out)
{
	struct model_inbox_row *row;
	const struct mconv *c;
	size_t i;

	model_lock(m);
	out->rows = xcalloc(m->norder + 1, sizeof(*out->rows));
	out->n = 0;
	out->version = m->inbox_version;
	for (i = 0; i < m->norder; i++) {
		c = m->order[i];
		if (mask != 0 && (c->cats & mask) == 0)
			continue;
		row = &out->rows[out->n++];
		row->urn = xstrdup(c->urn);
		row->name = conv_name(m, c, &row->more);
		row->preview = xstrdup(model_nz(c->last_text));
		row->preview_mine =
		    m->me != NULL && m->me[0] != '\0' &&
		    strcmp(model_nz(c->last_sender), m->me) == 0;
		row->last_ms = c->last_ms;
		row->unread = c->unread;
		row->read = c->read;
		row->draft = c->draft != NULL;
		row->categories = c->cats;
		row->version = c->version;
	}
	model_unlock(m);
}

void
model_inbox_release(struct model_inbox *in)
{
	size_t i;

	if (in == NULL)
		return;
	for (i = 0; i < in->n; i++) {
		free(in->rows[i].urn);
		free(in->rows[i].name);
		free(in->rows[i].preview);
	}
	free(in->rows);
	memset(in, 0, sizeof(*in));
}

int
model_thread_snapshot(struct model *m, const char *conv_urn, size_t last_n,
                      struct model_thread *out)
{
	struct mconv *c;
	size_t first, i;

	memset(out, 0, sizeof(*out));
	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c == NULL) {
		model_unlock(m);
		return -1;
	}
	first = (last_n == 0 || last_n >= c->n) ? 0 : c->n - last_n;
	out->n = c->n - first;
	out->total = c->n;
	out->version = c->thread_version;
	out->msgs = xcalloc(out->n + 1, sizeof(*out->msgs));
	for (i = first; i < c->n; i++)
		rec_copy_out(m, c->msgs[i], &out->msgs[i - first]);
	model_unlock(m);
	return 0;
}

int
model_thread_oldest(struct model *m, const char *conv_urn, int64_t *ms)
{
	struct mconv *c;
	int rc = -1;

	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c != NULL && c->n > 0) {
		*ms = c->msgs[0]->time_ms;
		rc = 0;
	}
	model_unlock(m);
	return rc;
}

void
model_thread_release(struct model_thread *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		model_msg_clear(&t->msgs[i]);
	free(t->msgs);
	memset(t, 0, sizeof(*t));
}

size_t
model_participants(struct model *m, const char *conv_urn,
                   struct model_participant **out)
{
	struct mconv *c;
	size_t n = 0;

	*out = NULL;
	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c != NULL) {
		*out = parts_copy(c->parts, c->nparts);
		n = c->nparts;
	}
	model_unlock(m);
	return n;
}

void
model_participants_free(struct model_participant *v, size_t n)
{
	parts_free(v, n);
}
