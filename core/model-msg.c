/* model-msg.c — the model's message records: merging pages, pending
 * sends by origin token, edits, recalls and reactions, and the thread
 * snapshots the UI draws.  Same mutex and memory layout as model.c (see
 * its head comment); conversations and the inbox live there.
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

void
model_unindex_rec(struct model *m, struct mrec *r)
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
		model_unindex_rec(m, old);
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
		model_conv_set_last(
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
	c = model_conv_get_or_add(m, conv_urn);
	for (i = 0; i < n; i++) {
		old = NULL;
		if (v[i].urn != NULL && v[i].urn[0] != '\0')
			old = hmap_get(m->by_urn, v[i].urn);
		if (old == NULL && v[i].origin_token != NULL &&
		    v[i].origin_token[0] != '\0')
			old = hmap_get(m->by_origin, v[i].origin_token);
		if (old == NULL) {
			added++;
			model_live_message(m, c, v[i].sender_urn);
		}
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
	c = model_conv_get_or_add(m, conv_urn);
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
		model_unindex_rec(m, r);
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
model_set_reaction(struct model *m, const char *msg_urn, const char *emoji,
                   long count, int viewer)
{
	struct model_msg in;
	struct mrec *r;
	char *sum = NULL, *mine = NULL;
	int rc = -1;

	if (msg_urn == NULL || emoji == NULL)
		return -1;
	model_lock(m);
	r = hmap_get(m->by_urn, msg_urn);
	if (r != NULL && reaction_set(rec_str(r, S_REACT), rec_str(r, S_MINE),
	                              emoji, count, viewer, &sum, &mine) == 0) {
		rc = 0;
		if (strcmp(sum, rec_str(r, S_REACT)) != 0 ||
		    strcmp(mine, rec_str(r, S_MINE)) != 0) {
			memset(&in, 0, sizeof(in));
			in.reactions = sum;
			in.my_reactions = mine;
			in.time_ms = r->time_ms;
			in.state = (enum model_msg_state)r->state;
			r = put_rec(m, r->conv, &in, r);
			model_bump(m, r->conv);
		}
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

/* model-int.h */
const char *
model_name_of(struct model *m, const struct mconv *c, const char *urn)
{
	const struct model_profile *p;
	size_t i;

	for (i = 0; c != NULL && i < c->nparts; i++)
		if (c->parts[i].urn != NULL &&
		    strcmp(c->parts[i].urn, urn) == 0)
			return model_nz(c->parts[i].name);
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
	out->sender_name =
	    xstrdup(model_name_of(m, r->conv, rec_str(r, S_SENDER)));
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
