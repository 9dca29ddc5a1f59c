/* worker-presence.c — who is online in the conversation the user opens
 * (API.md §12).
 *
 * Presence costs requests and is only a dot in a title row, so it is
 * asked for only when the user opens a conversation (never by a refresh,
 * a timer or the stream: nothing while idle), at most once a minute per
 * conversation, in one call for up to VOYAGER_PRESENCE_BATCH people: its
 * other participants, and those of the conversations below it in the
 * inbox (a browser asks once per page), so opening conversation after
 * conversation costs one call in ten, not one each.  It is optional: any
 * failure, a 403 above all (the service's burst after a page load), is logged
 * at info and changes nothing the user sees.
 */
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/hmap.h"
#include "core/log.h"
#include "core/model.h"
#include "core/voyager-presence.h"
#include "core/worker-int.h"
#include "core/xmalloc.h"

/* When a conversation's presence was last asked for. */
struct presence_asked {
	int64_t at; /* clock_mono_ms() */
	char urn[];
};

/* Whether conv_urn may be asked now; if so, notes that it is. */
static int
presence_due(struct worker *w, const char *conv_urn, int64_t now)
{
	struct presence_asked *a;
	size_t len;

	if (w->presence_asked == NULL)
		w->presence_asked = hmap_new();
	a = hmap_get(w->presence_asked, conv_urn);
	if (a != NULL && w->presence_every_ms >= 0 &&
	    now - a->at < (w->presence_every_ms > 0 ? w->presence_every_ms
	                                            : WORKER_PRESENCE_EVERY_MS))
		return 0;
	if (a == NULL) {
		len = strlen(conv_urn) + 1;
		a = xmalloc(sizeof *a + len);
		memcpy(a->urn, conv_urn, len);
		hmap_put(w->presence_asked, a->urn, a);
	}
	a->at = now;
	return 1;
}

/* Whether u names a member: the model keeps an organisation or custom
 * participant as a profile URN of its number, which has no presence. */
static int
presence_member(const char *u)
{
	const char *id =
	    strncmp(u, "urn:li:fsd_profile:", 19) == 0 ? u + 19 : "";

	return *id != '\0' && strspn(id, "0123456789") != strlen(id);
}

/* Adds the other participants of conv_urn who are members to out (k of
 * max held, none twice), all or none of them; the new count. */
static size_t
presence_peers(struct worker *w, const char *conv_urn, char **out, size_t k,
               size_t max)
{
	struct model_participant *parts;
	char *me = worker_profile_urn(w->ctx->mailbox);
	size_t i, j, n, start = k;

	n = model_participants(w->m, conv_urn, &parts);
	for (i = 0; i < n; i++) {
		const char *u = parts[i].urn;

		if (!presence_member(u) || (me != NULL && strcmp(u, me) == 0))
			continue;
		for (j = 0; j < k && strcmp(out[j], u) != 0; j++)
			;
		if (j < k)
			continue;
		if (k == max) { /* does not fit whole: leave it out */
			while (k > start)
				free(out[--k]);
			break;
		}
		out[k++] = xstrdup(u);
	}
	model_participants_free(parts, n);
	free(me);
	return k;
}

/* Fills the rest of the batch with the people of the conversations below
 * conv_urn in the inbox whose presence is due (a browser asks once per
 * page of conversations), so opening them one by one asks nothing more.
 * Those taken are noted as asked; their URNs go into took (*ntook). */
static size_t
presence_neighbours(struct worker *w, const char *conv_urn, char **peers,
                    size_t k, char **took, size_t *ntook)
{
	char **next;
	size_t i, n, got;

	*ntook = 0;
	n = model_inbox_after(w->m, conv_urn, VOYAGER_PRESENCE_BATCH, &next);
	for (i = 0; i < n && k < VOYAGER_PRESENCE_BATCH; i++) {
		got = presence_peers(w, next[i], peers, k,
		                     VOYAGER_PRESENCE_BATCH);
		if (got > k && presence_due(w, next[i], clock_mono_ms())) {
			k = got;
			took[(*ntook)++] = next[i];
			next[i] = NULL;
		}
		while (got > k)
			free(peers[--got]);
	}
	for (i = 0; i < n; i++)
		free(next[i]);
	free(next);
	return k;
}

/* A failed call: the conversations only along for the ride may be asked
 * again when opened. */
static void
presence_forget(struct worker *w, char **took, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(hmap_del(w->presence_asked, took[i]));
}

void
worker_presence_open(struct worker *w, const char *conv_urn)
{
	struct voyager_presence_list pl;
	char *peers[VOYAGER_PRESENCE_BATCH], *took[VOYAGER_PRESENCE_BATCH];
	struct lc_error err;
	size_t i, j, n, ntook = 0;

	n = presence_peers(w, conv_urn, peers, 0, VOYAGER_PRESENCE_BATCH);
	if (n == 0 || !presence_due(w, conv_urn, clock_mono_ms()))
		goto out;
	n = presence_neighbours(w, conv_urn, peers, n, took, &ntook);
	lc_error_clear(&err);
	if (voyager_presence(w->ctx, (const char *const *)peers, n, &pl,
	                     &err) != LC_OK) {
		log_msg(LOGL_INFO, "presence: %s", err.msg);
		presence_forget(w, took, ntook);
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct voyager_presence *p = NULL;

		for (j = 0; j < pl.n && p == NULL; j++)
			if (strcmp(pl.items[j].profile_urn, peers[i]) == 0)
				p = &pl.items[j];
		/* Not in the results (an error entry, or an availability we
		 * do not know): unknown, so no stale dot stays. */
		if (p == NULL || p->availability == VOYAGER_AVAIL_UNKNOWN)
			model_set_presence(w->m, peers[i], -1, 0);
		else
			model_set_presence(w->m, peers[i],
			                   p->availability ==
			                       VOYAGER_AVAIL_ONLINE,
			                   p->last_active_at);
	}
	voyager_presence_list_free(&pl);
	worker_notify(w);
out:
	for (i = 0; i < n; i++)
		free(peers[i]);
	for (i = 0; i < ntook; i++)
		free(took[i]);
}

void
worker_tune_presence(struct worker *w, int64_t every_ms)
{
	if (every_ms != 0)
		w->presence_every_ms = every_ms;
}

static void
presence_free_cb(const char *key, void *val, void *arg)
{
	(void)key;
	(void)arg;
	free(val);
}

void
worker_presence_free(struct worker *w)
{
	if (w->presence_asked == NULL)
		return;
	hmap_foreach(w->presence_asked, presence_free_cb, NULL);
	hmap_free(w->presence_asked);
	w->presence_asked = NULL;
}
