/* model-triage.c — the model's side of triage (issue 13): a
 * conversation's categories, mute (local), and the holds that keep a
 * queued triage change on screen while a merge reports the old state
 * (core/worker-triage.c takes and gives them back).  Same lock and
 * versions as model.c.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/hmap.h"
#include "core/model.h"
#include "core/model-int.h"
#include "core/xmalloc.h"

/* What a held conversation shows until its queued requests end. */
struct mhold {
	int refs;
	int gone; /* deleted: merges leave it out */
	unsigned cats;
	int read;
	char urn[]; /* the key */
};

static void
model_triage_free_cb(const char *key, void *val, void *arg)
{
	(void)key;
	(void)arg;
	free(val);
}

void
model_triage_free(struct model *m)
{
	if (m->muted != NULL) {
		hmap_foreach(m->muted, model_triage_free_cb, NULL);
		hmap_free(m->muted);
	}
	if (m->holds != NULL) {
		hmap_foreach(m->holds, model_triage_free_cb, NULL);
		hmap_free(m->holds);
	}
}

int
model_set_categories(struct model *m, const char *conv_urn, unsigned categories)
{
	struct mconv *c;
	int rc = -1;

	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c != NULL) {
		c->cats = categories;
		model_bump_meta(m, c);
		rc = 0;
	}
	model_unlock(m);
	return rc;
}

int
model_conv_state(struct model *m, const char *conv_urn, unsigned *categories,
                 int *read)
{
	struct mconv *c;
	int rc = -1;

	model_lock(m);
	c = hmap_get(m->convs, conv_urn);
	if (c != NULL) {
		if (categories != NULL)
			*categories = c->cats;
		if (read != NULL)
			*read = c->read;
		rc = 0;
	}
	model_unlock(m);
	return rc;
}

void
model_set_muted(struct model *m, const char *conv_urn, int muted)
{
	char *k;
	struct mconv *c;

	if (conv_urn == NULL)
		return;
	model_lock(m);
	if (m->muted == NULL)
		m->muted = hmap_new();
	k = hmap_get(m->muted, conv_urn);
	if (muted && k == NULL) {
		k = xstrdup(conv_urn);
		hmap_put(m->muted, k, k);
	} else if (!muted && k != NULL) {
		hmap_del(m->muted, conv_urn);
		free(k);
	}
	c = hmap_get(m->convs, conv_urn);
	if (c != NULL)
		model_bump_meta(m, c);
	else
		m->version++;
	model_unlock(m);
}

int
model_conv_muted(struct model *m, const char *conv_urn)
{
	int on;

	if (conv_urn == NULL)
		return 0;
	model_lock(m);
	on = m->muted != NULL && hmap_get(m->muted, conv_urn) != NULL;
	model_unlock(m);
	return on;
}

void
model_hold_conv(struct model *m, const char *conv_urn, int gone)
{
	struct mhold *h;
	struct mconv *c;
	size_t len;

	if (conv_urn == NULL)
		return;
	model_lock(m);
	if (m->holds == NULL)
		m->holds = hmap_new();
	h = hmap_get(m->holds, conv_urn);
	if (h == NULL) {
		len = strlen(conv_urn) + 1;
		h = xcalloc(1, sizeof(*h) + len);
		memcpy(h->urn, conv_urn, len);
		hmap_put(m->holds, h->urn, h);
	}
	h->refs++;
	h->gone = gone;
	c = hmap_get(m->convs, conv_urn);
	if (c != NULL) {
		h->cats = c->cats;
		h->read = c->read;
	}
	model_unlock(m);
}

void
model_release_conv(struct model *m, const char *conv_urn)
{
	struct mhold *h;

	if (conv_urn == NULL)
		return;
	model_lock(m);
	h = m->holds != NULL ? hmap_get(m->holds, conv_urn) : NULL;
	if (h != NULL && --h->refs <= 0) {
		hmap_del(m->holds, conv_urn);
		free(h);
	}
	model_unlock(m);
}

void
model_triage_merge(struct model *m, struct mconv *c)
{
	struct mhold *h;

	h = m->holds != NULL ? hmap_get(m->holds, c->urn) : NULL;
	if (h == NULL || h->gone)
		return;
	c->cats = h->cats;
	c->read = h->read;
	if (h->read)
		c->unread = 0;
	else if (c->unread == 0)
		c->unread = 1;
}

int
model_triage_gone(struct model *m, const char *conv_urn)
{
	struct mhold *h;

	h = m->holds != NULL ? hmap_get(m->holds, conv_urn) : NULL;
	return h != NULL && h->gone;
}

int
model_triage_row_muted(struct model *m, const char *conv_urn)
{
	return m->muted != NULL && hmap_get(m->muted, conv_urn) != NULL;
}
