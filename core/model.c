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
 * order is total).  Message records and thread snapshots live in
 * model-msg.c; profiles, invitations, search results and the sync status
 * in model-aux.c.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/hmap.h"
#include "core/model.h"
#include "core/model-int.h"
#include "core/reaction.h"
#include "core/xmalloc.h"

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
    {"STARRED", MODEL_CAT_STARRED},
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

unsigned
model_categories(const char *const *names, size_t n)
{
	unsigned bits = 0, b;
	size_t i;

	for (i = 0; i < n; i++) {
		b = model_category_bit(names[i]);
		bits |= b != 0 ? b : MODEL_CAT_UNKNOWN;
	}
	return bits;
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
model_bump_thread(struct model *m, struct mconv *c)
{
	m->version++;
	c->version = c->thread_version = m->version;
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
	int i;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&m->mu, &a);
	pthread_mutexattr_destroy(&a);
	m->convs = hmap_new();
	m->by_urn = hmap_new();
	m->by_origin = hmap_new();
	m->profiles = hmap_new();
	m->version = 1;
	for (i = 0; i < FOLDER_COUNT; i++)
		m->folders[i].unread = -1;
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
	model_live_clear(c);
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
	model_live_free(m);
	model_triage_free(m);
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

struct mconv *
model_conv_get_or_add(struct model *m, const char *urn)
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

void
model_conv_set_last(struct model *m, struct mconv *c, int64_t ms,
                    const char *text, const char *sender)
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
	if (model_triage_gone(m, in->urn)) {
		/* deleted by a request still queued */
		model_unlock(m);
		return;
	}
	c = model_conv_get_or_add(m, in->urn);
	free(c->title);
	c->title = xstrdup(model_nz(in->title));
	parts_free(c->parts, c->nparts);
	c->parts = parts_copy(in->participants, in->nparticipants);
	c->nparts = in->nparticipants;
	c->unread = in->unread;
	c->read = in->read;
	c->cats = in->categories;
	model_triage_merge(m, c);
	/* A page may describe an older state than messages merged since. */
	if (in->last_ms >= c->last_ms)
		model_conv_set_last(m, c, in->last_ms, in->last_text,
		                    in->last_sender_urn);
	model_bump(m, c);
	model_unlock(m);
}

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
		model_unindex_rec(m, c->msgs[i]);
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
		row->muted = model_triage_row_muted(m, c->urn);
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
