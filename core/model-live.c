/* model-live.c — what the realtime stream adds to the model: who is
 * typing, read receipts, the ring of messages that arrived from others
 * (for notifications), and who is online (presence, per person).  Same lock and
 * versions as the rest (model-int.h).  Typing and receipts change only what an
 * open thread shows, so they move the conversation's versions and not the
 * inbox's.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/hmap.h"
#include "core/model-int.h"
#include "core/model.h"
#include "core/xmalloc.h"

void
model_live_clear(struct mconv *c)
{
	size_t i;

	free(c->typing);
	c->typing = NULL;
	for (i = 0; i < c->nseen; i++)
		free(c->seen[i].who);
	free(c->seen);
	c->seen = NULL;
	c->nseen = 0;
}

void
model_live_message(struct model *m, struct mconv *c, const char *sender_urn)
{
	if (c->typing == NULL || sender_urn == NULL ||
	    strcmp(c->typing, sender_urn) != 0)
		return;
	free(c->typing);
	c->typing = NULL;
	c->typing_until = 0;
	model_bump_thread(m, c);
}

int
model_set_typing(struct model *m, const char *conv_urn, const char *who,
                 int64_t until_ms)
{
	struct mconv *c;

	if (conv_urn == NULL)
		return -1;
	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c != NULL) {
		free(c->typing);
		c->typing = until_ms > 0 && who != NULL && *who != '\0'
		                ? xstrdup(who)
		                : NULL;
		c->typing_until = c->typing != NULL ? until_ms : 0;
		model_bump_thread(m, c);
	}
	model_unlock(m);
	return c != NULL ? 0 : -1;
}

char *
model_get_typing(struct model *m, const char *conv_urn, int64_t now_ms,
                 int64_t *until_ms)
{
	struct mconv *c;
	char *name = NULL;

	if (conv_urn == NULL)
		return NULL;
	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c != NULL && c->typing != NULL && c->typing_until > now_ms) {
		name = xstrdup(model_name_of(m, c, c->typing));
		if (until_ms != NULL)
			*until_ms = c->typing_until;
	}
	model_unlock(m);
	return name;
}

int
model_set_seen(struct model *m, const char *conv_urn, const char *who,
               int64_t upto_ms, int64_t at_ms)
{
	struct mconv *c;
	size_t i;

	if (conv_urn == NULL || who == NULL || *who == '\0')
		return -1;
	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c == NULL) {
		model_unlock(m);
		return -1;
	}
	for (i = 0; i < c->nseen; i++)
		if (strcmp(c->seen[i].who, who) == 0)
			break;
	if (i == c->nseen) {
		c->seen = xreallocarray(c->seen, c->nseen + 1, sizeof *c->seen);
		memset(&c->seen[i], 0, sizeof c->seen[i]);
		c->seen[i].who = xstrdup(who);
		c->nseen++;
	}
	if (upto_ms >= c->seen[i].upto_ms) {
		c->seen[i].upto_ms = upto_ms;
		c->seen[i].at_ms = at_ms;
		model_bump_thread(m, c);
	}
	model_unlock(m);
	return 0;
}

size_t
model_get_seen(struct model *m, const char *conv_urn, struct model_seen **out)
{
	struct mconv *c;
	size_t i, n = 0;

	*out = NULL;
	if (conv_urn == NULL)
		return 0;
	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c != NULL && c->nseen > 0) {
		n = c->nseen;
		*out = xcalloc(n, sizeof **out);
		for (i = 0; i < n; i++) {
			(*out)[i].who = xstrdup(c->seen[i].who);
			(*out)[i].name =
			    xstrdup(model_name_of(m, c, c->seen[i].who));
			(*out)[i].upto_ms = c->seen[i].upto_ms;
			(*out)[i].at_ms = c->seen[i].at_ms;
		}
	}
	model_unlock(m);
	return n;
}

void
model_seen_free(struct model_seen *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++) {
		free(v[i].who);
		free(v[i].name);
	}
	free(v);
}

char *
model_conv_of_message(struct model *m, const char *msg_urn, int64_t *time_ms)
{
	struct mrec *r;
	char *urn = NULL;

	if (msg_urn == NULL || *msg_urn == '\0')
		return NULL;
	model_lock(m);
	r = hmap_get(m->by_urn, msg_urn);
	if (r != NULL) {
		urn = xstrdup(r->conv->urn);
		if (time_ms != NULL)
			*time_ms = r->time_ms;
	}
	model_unlock(m);
	return urn;
}

static void
arrival_clear(struct model_arrival *a)
{
	free(a->conv_urn);
	free(a->sender_name);
	free(a->text);
	memset(a, 0, sizeof *a);
}

void
model_note_arrival(struct model *m, const char *conv_urn,
                   const char *sender_name, const char *text, int64_t time_ms,
                   int burst)
{
	struct model_arrival *a;

	model_lock(m);
	m->arrival_seq++;
	a = &m->arrivals[m->arrival_seq % MODEL_ARRIVALS];
	arrival_clear(a);
	a->seq = m->arrival_seq;
	a->conv_urn = xstrdup(model_nz(conv_urn));
	a->sender_name = xstrdup(model_nz(sender_name));
	a->text = xstrdup(model_nz(text));
	a->time_ms = time_ms;
	a->burst = burst;
	model_bump_aside(m);
	model_unlock(m);
}

size_t
model_arrivals_since(struct model *m, uint64_t after,
                     struct model_arrival **out, uint64_t *last)
{
	const struct model_arrival *a;
	uint64_t first, seq;
	size_t n = 0;

	*out = NULL;
	model_lock(m);
	*last = m->arrival_seq;
	first = m->arrival_seq >= MODEL_ARRIVALS
	            ? m->arrival_seq - MODEL_ARRIVALS + 1
	            : 1;
	if (after + 1 > first)
		first = after + 1;
	if (first <= m->arrival_seq) {
		*out =
		    xcalloc((size_t)(m->arrival_seq - first + 1), sizeof **out);
		for (seq = first; seq <= m->arrival_seq; seq++, n++) {
			a = &m->arrivals[seq % MODEL_ARRIVALS];
			(*out)[n].seq = a->seq;
			(*out)[n].conv_urn = xstrdup(a->conv_urn);
			(*out)[n].sender_name = xstrdup(a->sender_name);
			(*out)[n].text = xstrdup(a->text);
			(*out)[n].time_ms = a->time_ms;
			(*out)[n].burst = a->burst;
		}
	}
	model_unlock(m);
	return n;
}

void
model_arrivals_free(struct model_arrival *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		arrival_clear(&v[i]);
	free(v);
}

static void
presence_free_cb(const char *key, void *val, void *arg)
{
	(void)key;
	(void)arg;
	free(val);
}

/* Whether c has who among its participants. */
static int
presence_in(const struct mconv *c, const char *who)
{
	size_t i;

	for (i = 0; i < c->nparts; i++)
		if (c->parts[i].urn != NULL &&
		    strcmp(c->parts[i].urn, who) == 0)
			return 1;
	return 0;
}

void
model_set_presence(struct model *m, const char *who, int online,
                   int64_t last_active_ms)
{
	struct mpresence *p;
	size_t i, len;

	if (who == NULL || *who == '\0')
		return;
	model_lock(m);
	if (m->presence == NULL)
		m->presence = hmap_new();
	p = hmap_get(m->presence, who);
	if (online < 0) {
		if (p == NULL) {
			model_unlock(m);
			return;
		}
		free(hmap_del(m->presence, who));
	} else if (p != NULL && p->online == (online != 0) &&
	           p->last_active_ms == last_active_ms) {
		model_unlock(m);
		return;
	} else {
		if (p == NULL) {
			len = strlen(who) + 1;
			p = xmalloc(sizeof *p + len);
			memcpy(p->urn, who, len);
			hmap_put(m->presence, p->urn, p);
		}
		p->online = online != 0;
		p->last_active_ms = last_active_ms;
	}
	for (i = 0; i < m->norder; i++)
		if (presence_in(m->order[i], who))
			model_bump_thread(m, m->order[i]);
	model_bump_aside(m);
	model_unlock(m);
}

int
model_get_presence(struct model *m, const char *who, struct model_presence *out)
{
	const struct mpresence *p;

	memset(out, 0, sizeof *out);
	if (who == NULL)
		return -1;
	model_lock(m);
	p = m->presence != NULL ? hmap_get(m->presence, who) : NULL;
	if (p != NULL) {
		out->online = p->online;
		out->last_active_ms = p->last_active_ms;
	}
	model_unlock(m);
	return p != NULL ? 0 : -1;
}

int
model_peer_presence(struct model *m, const char *conv_urn,
                    struct model_presence *out)
{
	const struct mconv *c;
	const char *peer = NULL;
	size_t i, n = 0;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (conv_urn == NULL)
		return -1;
	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	for (i = 0; c != NULL && i < c->nparts; i++) {
		const char *u = c->parts[i].urn;

		if (u == NULL || *u == '\0' ||
		    (m->me != NULL && strcmp(u, m->me) == 0))
			continue;
		peer = u;
		n++;
	}
	if (n == 1)
		rc = model_get_presence(m, peer, out);
	model_unlock(m);
	return rc;
}

void
model_live_free(struct model *m)
{
	size_t i;

	for (i = 0; i < MODEL_ARRIVALS; i++)
		arrival_clear(&m->arrivals[i]);
	if (m->presence != NULL) {
		hmap_foreach(m->presence, presence_free_cb, NULL);
		hmap_free(m->presence);
	}
}

size_t
model_inbox_after(struct model *m, const char *conv_urn, size_t n, char ***out)
{
	struct mconv *c;
	size_t i, k = 0;

	*out = NULL;
	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	for (i = 0; c != NULL && i < m->norder && m->order[i] != c; i++)
		;
	if (c != NULL && i < m->norder && n > 0) {
		*out = xcalloc(n, sizeof **out);
		for (i++; i < m->norder && k < n; i++)
			(*out)[k++] = xstrdup(m->order[i]->urn);
	}
	model_unlock(m);
	return k;
}
