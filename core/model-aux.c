/* model-aux.c — the model's side tables: profiles by URN, received
 * invitations, the last people search, sync and rate-limit status.  Same
 * lock and version counter as the rest of the model (model-int.h).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/hmap.h"
#include "core/model.h"
#include "core/model-int.h"
#include "core/xmalloc.h"

static char *
dup(const char *s)
{
	return xstrdup(model_nz(s));
}

static void
profile_copy(struct model_profile *d, const struct model_profile *s)
{
	d->urn = dup(s->urn);
	d->public_id = dup(s->public_id);
	d->first_name = dup(s->first_name);
	d->last_name = dup(s->last_name);
	d->headline = dup(s->headline);
	d->location = dup(s->location);
	d->industry = dup(s->industry);
	d->summary = dup(s->summary);
	d->picture_url = dup(s->picture_url);
	d->distance = dup(s->distance);
	d->premium = s->premium;
}

void
model_profile_clear(struct model_profile *p)
{
	if (p == NULL)
		return;
	free((void *)p->urn);
	free((void *)p->public_id);
	free((void *)p->first_name);
	free((void *)p->last_name);
	free((void *)p->headline);
	free((void *)p->location);
	free((void *)p->industry);
	free((void *)p->summary);
	free((void *)p->picture_url);
	free((void *)p->distance);
	memset(p, 0, sizeof(*p));
}

static void
profile_free_cb(const char *key, void *val, void *arg)
{
	(void)key;
	(void)arg;
	model_profile_clear(val);
	free(val);
}

void
model_put_profile(struct model *m, const struct model_profile *p)
{
	struct model_profile *c, *old;

	if (p->urn == NULL || p->urn[0] == '\0')
		return;
	c = xcalloc(1, sizeof(*c));
	profile_copy(c, p);
	model_lock(m);
	old = hmap_put(m->profiles, c->urn, c);
	if (old != NULL)
		profile_free_cb(NULL, old, NULL);
	model_bump_aside(m);
	model_unlock(m);
}

int
model_get_profile(struct model *m, const char *urn, struct model_profile *out)
{
	struct model_profile *p;

	memset(out, 0, sizeof(*out));
	model_lock(m);
	p = hmap_get(m->profiles, urn);
	if (p != NULL)
		profile_copy(out, p);
	model_unlock(m);
	return p != NULL ? 0 : -1;
}

static void
inv_copy(struct model_invitation *d, const struct model_invitation *s)
{
	d->urn = dup(s->urn);
	d->shared_secret = dup(s->shared_secret);
	d->from_urn = dup(s->from_urn);
	d->from_name = dup(s->from_name);
	d->from_headline = dup(s->from_headline);
	d->message = dup(s->message);
	d->sent_ms = s->sent_ms;
}

static void
inv_clear(struct model_invitation *v)
{
	free((void *)v->urn);
	free((void *)v->shared_secret);
	free((void *)v->from_urn);
	free((void *)v->from_name);
	free((void *)v->from_headline);
	free((void *)v->message);
}

static void
invs_free(struct model_invitation *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		inv_clear(&v[i]);
	free(v);
}

static struct model_invitation *
invs_copy(const struct model_invitation *v, size_t n)
{
	struct model_invitation *c = xcalloc(n + 1, sizeof(*c));
	size_t i;

	for (i = 0; i < n; i++)
		inv_copy(&c[i], &v[i]);
	return c;
}

void
model_set_invitations(struct model *m, const struct model_invitation *v,
                      size_t n)
{
	struct model_invitation *c = invs_copy(v, n);

	model_lock(m);
	invs_free(m->invs, m->ninvs);
	m->invs = c;
	m->ninvs = n;
	model_bump_aside(m);
	model_unlock(m);
}

size_t
model_invitations(struct model *m, struct model_invitation **out)
{
	size_t n;

	model_lock(m);
	*out = invs_copy(m->invs, m->ninvs);
	n = m->ninvs;
	model_unlock(m);
	return n;
}

void
model_invitations_free(struct model_invitation *v, size_t n)
{
	invs_free(v, n);
}

int
model_remove_invitation(struct model *m, const char *urn)
{
	size_t i;
	int rc = -1;

	model_lock(m);
	for (i = 0; i < m->ninvs; i++) {
		if (strcmp(m->invs[i].urn, urn) != 0)
			continue;
		inv_clear(&m->invs[i]);
		memmove(m->invs + i, m->invs + i + 1,
		        (m->ninvs - i - 1) * sizeof(*m->invs));
		m->ninvs--;
		model_bump_aside(m);
		rc = 0;
		break;
	}
	model_unlock(m);
	return rc;
}

static void
hit_copy(struct model_search_hit *d, const struct model_search_hit *s)
{
	d->urn = dup(s->urn);
	d->public_id = dup(s->public_id);
	d->name = dup(s->name);
	d->headline = dup(s->headline);
	d->location = dup(s->location);
	d->distance = dup(s->distance);
}

static void
hits_free(struct model_search_hit *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((void *)v[i].urn);
		free((void *)v[i].public_id);
		free((void *)v[i].name);
		free((void *)v[i].headline);
		free((void *)v[i].location);
		free((void *)v[i].distance);
	}
	free(v);
}

static struct model_search_hit *
hits_copy(const struct model_search_hit *v, size_t n)
{
	struct model_search_hit *c = xcalloc(n + 1, sizeof(*c));
	size_t i;

	for (i = 0; i < n; i++)
		hit_copy(&c[i], &v[i]);
	return c;
}

void
model_set_search(struct model *m, const char *query,
                 const struct model_search_hit *v, size_t n)
{
	struct model_search_hit *c = hits_copy(v, n);

	model_lock(m);
	hits_free(m->hits, m->nhits);
	free(m->query);
	m->query = dup(query);
	m->hits = c;
	m->nhits = n;
	model_bump_aside(m);
	model_unlock(m);
}

size_t
model_search(struct model *m, char **query, struct model_search_hit **out)
{
	size_t n;

	model_lock(m);
	*out = hits_copy(m->hits, m->nhits);
	n = m->nhits;
	if (query != NULL)
		*query = dup(m->query);
	model_unlock(m);
	return n;
}

void
model_search_free(struct model_search_hit *v, size_t n)
{
	hits_free(v, n);
}

void
model_set_sync(struct model *m, const struct model_sync *s)
{
	model_lock(m);
	m->sync = *s;
	m->sync.last_error[sizeof(m->sync.last_error) - 1] = '\0';
	model_bump_aside(m);
	model_unlock(m);
}

void
model_set_notice(struct model *m, const char *msg)
{
	size_t n = strlen(msg);

	model_lock(m);
	if (n >= sizeof m->sync.last_error) {
		n = sizeof m->sync.last_error - 1;
		while (n > 0 && ((unsigned char)msg[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(m->sync.last_error, msg, n);
	m->sync.last_error[n] = '\0';
	model_bump_aside(m);
	model_unlock(m);
}

void
model_get_sync(struct model *m, struct model_sync *out)
{
	model_lock(m);
	*out = m->sync;
	model_unlock(m);
}

void
model_set_rate(struct model *m, const struct model_rate *r)
{
	model_lock(m);
	m->rate = *r;
	model_bump_aside(m);
	model_unlock(m);
}

void
model_get_rate(struct model *m, struct model_rate *out)
{
	model_lock(m);
	*out = m->rate;
	model_unlock(m);
}

/* Results live in a ring of MODEL_RESULTS slots: a ticket is asked for
 * once, so the oldest outcome can go when the ring is full (nobody still
 * waits on it: the UI waits on its newest ticket only). */
static struct mresult *
result_find(struct model *m, uint64_t ticket)
{
	size_t i;

	if (ticket == 0)
		return NULL;
	for (i = 0; i < MODEL_RESULTS; i++)
		if (m->results[i].ticket == ticket)
			return &m->results[i];
	return NULL;
}

void
model_set_result(struct model *m, uint64_t ticket, int code, const char *text)
{
	struct mresult *r;

	if (ticket == 0)
		return;
	model_lock(m);
	if ((r = result_find(m, ticket)) == NULL) {
		r = &m->results[m->results_next];
		m->results_next = (m->results_next + 1) % MODEL_RESULTS;
	}
	free(r->text);
	r->ticket = ticket;
	r->code = code;
	r->text = text != NULL ? xstrdup(text) : NULL;
	model_bump_aside(m);
	model_unlock(m);
}

int
model_get_result(struct model *m, uint64_t ticket, int *code, char **text)
{
	struct mresult *r;
	int rc = -1;

	model_lock(m);
	if ((r = result_find(m, ticket)) != NULL) {
		*code = r->code;
		*text = r->text != NULL ? xstrdup(r->text) : NULL;
		rc = 0;
	}
	model_unlock(m);
	return rc;
}

void
model_set_moved(struct model *m, const char *placeholder, const char *real)
{
	size_t nf = strlen(placeholder) + 1, nt = strlen(real) + 1;
	char *e = xmalloc(nf + nt); /* the key, then after its NUL the URN */

	memcpy(e, placeholder, nf);
	memcpy(e + nf, real, nt);
	model_lock(m);
	if (m->moved == NULL)
		m->moved = hmap_new();
	free(hmap_put(m->moved, e, e));
	model_bump_aside(m);
	model_unlock(m);
}

char *
model_get_moved(struct model *m, const char *placeholder)
{
	char *real = NULL;
	const char *v;

	model_lock(m);
	v = m->moved != NULL ? hmap_get(m->moved, placeholder) : NULL;
	if (v != NULL)
		real = xstrdup(v + strlen(v) + 1);
	model_unlock(m);
	return real;
}

static void
moved_free_cb(const char *key, void *val, void *arg)
{
	(void)key;
	(void)arg;
	free(val);
}

void
model_aux_free(struct model *m)
{
	size_t i;

	for (i = 0; i < MODEL_RESULTS; i++)
		free(m->results[i].text);
	if (m->moved != NULL) {
		hmap_foreach(m->moved, moved_free_cb, NULL);
		hmap_free(m->moved);
	}
	hmap_foreach(m->profiles, profile_free_cb, NULL);
	hmap_free(m->profiles);
	invs_free(m->invs, m->ninvs);
	hits_free(m->hits, m->nhits);
	free(m->query);
}
