/* worker-sync.c — inbox and thread reads, mapped into the store and the
 * model.
 *
 * Order of writes: the store first, then the model, so what the UI shows
 * was saved (a store failure is reported but the model still gets the
 * data: the network is the source of truth, the store only a cache).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/outbox.h"
#include "core/urn.h"
#include "core/voyager-msg.h"
#include "core/voyager-profile.h"
#include "core/worker-int.h"
#include "core/xmalloc.h"

enum lc_err
worker_ensure_me(struct worker *w, struct lc_error *err)
{
	struct voyager_me me;
	char *urn;
	enum lc_err rc = LC_OK;

	if (w->have_me)
		return LC_OK;
	if (w->ctx->mailbox[0] == '\0') {
		memset(&me, 0, sizeof me);
		rc = voyager_me(w->ctx, &me, err);
		voyager_me_free(&me);
		if (rc != LC_OK)
			return rc;
	}
	urn = urn_profile(w->ctx->mailbox);
	model_set_me(w->m, urn);
	if (w->st != NULL)
		store_set_meta(w->st, "me", urn, NULL);
	free(urn);
	w->have_me = 1;
	return LC_OK;
}

char *
worker_profile_urn(const char *id)
{
	return id != NULL && id[0] != '\0' ? urn_profile(id) : xstrdup("");
}

void
worker_map_message(const struct voyager_message *v, struct model_msg *out,
                   char **sender, char **reactions)
{
	struct buf b, mine;
	const char *emoji;
	size_t i;

	memset(out, 0, sizeof *out);
	*sender = worker_profile_urn(v->sender_urn_id);
	buf_init(&b, 4096);
	buf_init(&mine, 1024);
	for (i = 0; i < v->nreactions; i++) {
		emoji =
		    v->reactions[i].emoji != NULL ? v->reactions[i].emoji : "?";
		buf_addf(&b, "%s%s %ld", i > 0 ? " " : "", emoji,
		         v->reactions[i].count);
		if (v->reactions[i].viewer_reacted)
			buf_addf(&mine, "%s%s", mine.len > 0 ? " " : "", emoji);
	}
	/* one allocation for both: "summary\0mine" */
	*reactions = xmalloc(b.len + mine.len + 2);
	memcpy(*reactions, buf_cstr(&b), b.len + 1);
	memcpy(*reactions + b.len + 1, buf_cstr(&mine), mine.len + 1);
	buf_release(&b);
	buf_release(&mine);
	out->urn = v->urn;
	out->sender_urn = *sender;
	out->text = v->text != NULL ? v->text : "";
	out->origin_token = v->origin_token;
	if (v->nattachments > 0) {
		out->attach_name = v->attachments[0].name;
		out->attach_url = v->attachments[0].url;
	}
	out->reactions = *reactions;
	out->my_reactions = *reactions + strlen(*reactions) + 1;
	out->time_ms = v->delivered_at;
	out->state = MODEL_MSG_SENT;
	if (v->render_format != NULL) {
		if (strcmp(v->render_format, "EDITED") == 0)
			out->state = MODEL_MSG_EDITED;
		else if (strcmp(v->render_format, "RECALLED") == 0)
			out->state = MODEL_MSG_RECALLED;
	}
}

/* Whether v is a message from someone else the model does not hold yet
 * (and no recall, no system line). */
static int
worker_is_news(struct worker *w, const struct voyager_message *v)
{
	struct model_msg held;

	if (v->is_from_me || v->urn == NULL || v->urn[0] == '\0' ||
	    strcmp(v->render_format, "DEFAULT") != 0)
		return 0;
	if (model_get_message(w->m, v->urn, NULL, &held) == 0) {
		model_msg_clear(&held);
		return 0;
	}
	return 1;
}

/* Records v (just merged) among the arrivals, named as the thread shows
 * its sender. */
static void
worker_note_arrival(struct worker *w, const char *conv_urn,
                    const struct voyager_message *v)
{
	struct model_msg held;

	if (model_get_message(w->m, v->urn, NULL, &held) != 0)
		return;
	model_note_arrival(w->m, conv_urn, held.sender_name, held.text,
	                   held.time_ms, w->arriving == 2);
	model_msg_clear(&held);
}

void
worker_merge_messages(struct worker *w, const char *conv_urn,
                      const struct voyager_message *v, size_t n)
{
	struct model_msg *mm;
	char **senders, **reacts, *news;
	struct lc_error err;
	size_t i;

	if (n == 0)
		return;
	mm = xcalloc(n, sizeof *mm);
	senders = xcalloc(n, sizeof *senders);
	reacts = xcalloc(n, sizeof *reacts);
	news = w->arriving && w->synced_once ? xcalloc(n, 1) : NULL;
	for (i = 0; i < n; i++) {
		worker_map_message(&v[i], &mm[i], &senders[i], &reacts[i]);
		if (news != NULL)
			news[i] = worker_is_news(w, &v[i]);
	}
	if (w->st != NULL &&
	    store_put_messages(w->st, conv_urn, mm, n, &err) != LC_OK)
		worker_failed(w, "Could not save messages", &err);
	model_merge_messages(w->m, conv_urn, mm, n);
	for (i = 0; news != NULL && i < n; i++)
		if (news[i])
			worker_note_arrival(w, conv_urn, &v[i]);
	free(news);
	for (i = 0; i < n; i++) {
		free(senders[i]);
		free(reacts[i]);
	}
	free(senders);
	free(reacts);
	free(mm);
}

/* One voyager conversation as a model_conv; free with conv_clear(). */
struct conv_map {
	struct model_conv c;
	struct model_participant *p;
	char *names; /* the category names, space-separated */
};

static void
conv_map(const struct voyager_conversation *v, struct conv_map *out)
{
	size_t i, k = 0;

	memset(out, 0, sizeof *out);
	out->p = xcalloc(v->nparticipants + 1, sizeof *out->p);
	for (i = 0; i < v->nparticipants; i++) {
		const struct voyager_participant *p = &v->participants[i];
		char *name = voyager_participant_name(p);

		out->p[k].urn = worker_profile_urn(p->urn_id);
		out->p[k].name = name != NULL ? name : xstrdup("");
		k++;
	}
	out->c.urn = v->urn;
	out->c.title = v->title;
	out->c.participants = out->p;
	out->c.nparticipants = k;
	out->c.unread = (int)v->unread_count;
	out->c.read = v->read;
	out->c.categories = model_categories((const char *const *)v->categories,
	                                     v->ncategories);
	out->names = xcalloc(1, 1);
	for (i = 0; i < v->ncategories; i++) {
		char *t = xasprintf("%s%s%s", out->names, i > 0 ? " " : "",
		                    v->categories[i]);

		free(out->names);
		out->names = t;
	}
	out->c.category_names = out->names;
	out->c.last_ms = v->last_activity_at;
	if (v->last_message != NULL) {
		out->c.last_text = v->last_message->text;
		out->c.last_sender_urn =
		    worker_profile_urn(v->last_message->sender_urn_id);
	}
}

static void
conv_clear(struct conv_map *cm)
{
	size_t i;

	for (i = 0; i < cm->c.nparticipants; i++) {
		free((char *)cm->p[i].urn);
		free((char *)cm->p[i].name);
	}
	free(cm->p);
	free(cm->names);
	free((char *)cm->c.last_sender_urn);
}

size_t
worker_merge_convs(struct worker *w, const struct voyager_conv_page *pg)
{
	struct conv_map *cm;
	struct model_conv *mc;
	struct lc_error err;
	size_t i;

	if (pg->n == 0)
		return 0;
	cm = xcalloc(pg->n, sizeof *cm);
	mc = xcalloc(pg->n, sizeof *mc);
	for (i = 0; i < pg->n; i++) {
		conv_map(&pg->items[i], &cm[i]);
		mc[i] = cm[i].c;
	}
	if (w->st != NULL &&
	    store_put_conversations(w->st, mc, pg->n, &err) != LC_OK)
		worker_failed(w, "Could not save the inbox", &err);
	for (i = 0; i < pg->n; i++) {
		model_put_conversation(w->m, &mc[i]);
		if (pg->items[i].last_message != NULL)
			worker_merge_messages(w, pg->items[i].urn,
			                      pg->items[i].last_message, 1);
		conv_clear(&cm[i]);
	}
	free(cm);
	free(mc);
	WORKER_COUNT(w, pages);
	worker_notify(w);
	return pg->n;
}

static void
worker_set_token(struct worker *w, const char *token)
{
	if (token == NULL || token[0] == '\0')
		return;
	free(w->inbox_token);
	w->inbox_token = xstrdup(token);
	if (w->st != NULL)
		store_set_token(w->st, "inbox", token, NULL);
}

/* After any inbox read: the sync clock restarts and timers are armed. */
static void
worker_synced(struct worker *w)
{
	w->last_sync_at = clock_mono_ms();
	w->timers = 1;
	WORKER_COUNT(w, syncs);
	worker_succeeded(w);
	w->synced_once = 1;
	worker_live_begin(w);
	worker_folders_synced(w);
}

static void
worker_refresh_open(struct worker *w, const struct voyager_conv_page *pg)
{
	struct worker_job *j;
	size_t i;

	if (w->open_conv == NULL)
		return;
	for (i = 0; i < pg->n; i++)
		if (strcmp(pg->items[i].urn, w->open_conv) == 0) {
			j = worker_job_new(WJ_OPEN);
			j->u.conv.conv = xstrdup(w->open_conv);
			worker_queue_job(w, JOBQ_SOON, j);
			return;
		}
}

void
worker_run_initial(struct worker *w)
{
	struct voyager_conv_page pg;
	struct lc_error err;
	char *tok = NULL;

	lc_error_clear(&err);
	if (w->inbox_token == NULL && w->st != NULL &&
	    store_get_token(w->st, "inbox", &tok, NULL) == LC_OK &&
	    tok != NULL) {
		/* A warm store: only what changed since. */
		w->inbox_token = tok;
		worker_run_delta(w);
		return;
	}
	memset(&pg, 0, sizeof pg);
	worker_set_syncing(w, 1);
	if (worker_ensure_me(w, &err) != LC_OK ||
	    voyager_conversations(w->ctx, &pg, &err) != LC_OK) {
		worker_failed(w, "Could not load the inbox", &err);
		w->last_sync_at = clock_mono_ms();
		w->timers = !atomic_load(&w->auth_dead);
		goto out;
	}
	worker_merge_convs(w, &pg);
	worker_set_token(w, pg.new_sync_token);
	worker_synced(w);
out:
	worker_set_syncing(w, 0);
	voyager_conv_page_free(&pg);
}

void
worker_run_delta(struct worker *w)
{
	struct voyager_conv_page pg;
	struct lc_error err;
	size_t i;

	w->delta_queued = 0;
	if (w->inbox_token == NULL) {
		worker_run_initial(w);
		return;
	}
	memset(&pg, 0, sizeof pg);
	lc_error_clear(&err);
	worker_set_syncing(w, 1);
	if (worker_ensure_me(w, &err) != LC_OK ||
	    voyager_conversations_since(w->ctx, w->inbox_token, &pg, &err) !=
	        LC_OK) {
		worker_failed(w, "Could not sync the inbox", &err);
		/* Try again after one interval (the timer's backoff). */
		w->last_sync_at = clock_mono_ms();
		w->timers = !atomic_load(&w->auth_dead);
		goto out;
	}
	for (i = 0; i < pg.ndeleted; i++) {
		if (w->st != NULL)
			store_remove_conversation(w->st, pg.deleted_urns[i],
			                          NULL);
		model_remove_conversation(w->m, pg.deleted_urns[i]);
	}
	w->arriving = 2;
	worker_merge_convs(w, &pg);
	w->arriving = 0;
	worker_set_token(w, pg.new_sync_token);
	worker_synced(w);
	worker_refresh_open(w, &pg);
out:
	worker_set_syncing(w, 0);
	voyager_conv_page_free(&pg);
}

int64_t
worker_newest_held(struct worker *w, const char *conv_urn)
{
	struct model_thread t;
	int64_t ms = 0;

	if (model_thread_snapshot(w->m, conv_urn, 1, &t) == 0 && t.n > 0)
		ms = t.msgs[0].time_ms;
	model_thread_release(&t);
	return ms;
}

/* The newest page did not reach back to what the model held (more came
 * while the stream was down than a page holds): older pages until they
 * do, so no message in between is missing.  At most GAP_PAGES (1 000
 * messages: more than that in a drop is a conversation to scroll). */
#define GAP_PAGES 50
static void
worker_fill_gap(struct worker *w, const char *conv_urn, int64_t oldest,
                int64_t held)
{
	struct voyager_msg_page pg;
	struct lc_error err;
	int i;

	/* Before oldest + 1: messages of the same millisecond as the
	 * oldest one held by the page may not have fit in it. */
	for (i = 0; i < GAP_PAGES && oldest >= held; i++) {
		memset(&pg, 0, sizeof pg);
		lc_error_clear(&err);
		if (voyager_messages_before(w->ctx, conv_urn, oldest + 1, 20,
		                            &pg, &err) != LC_OK) {
			worker_failed(w, "Could not load the conversation",
			              &err);
			voyager_msg_page_free(&pg);
			return;
		}
		worker_merge_messages(w, conv_urn, pg.items, pg.n);
		if (pg.n == 0 || pg.items[0].delivered_at >= oldest) {
			voyager_msg_page_free(&pg);
			return;
		}
		oldest = pg.items[0].delivered_at;
		voyager_msg_page_free(&pg);
	}
}

void
worker_run_open(struct worker *w, const char *conv_urn, int user)
{
	struct voyager_msg_page pg;
	struct lc_error err;
	int64_t held;

	if (w->open_conv == NULL || strcmp(w->open_conv, conv_urn) != 0) {
		free(w->open_conv);
		w->open_conv = xstrdup(conv_urn);
	}
	memset(&pg, 0, sizeof pg);
	lc_error_clear(&err);
	held = worker_newest_held(w, conv_urn);
	/* After a reconnect, what came live since may be newer than a gap
	 * the stream left: reach back to what was held when it went down. */
	if (w->gap_conv != NULL && strcmp(w->gap_conv, conv_urn) == 0) {
		if (w->gap_from > 0 && w->gap_from < held)
			held = w->gap_from;
		free(w->gap_conv);
		w->gap_conv = NULL;
	}
	if (worker_ensure_me(w, &err) != LC_OK ||
	    voyager_messages(w->ctx, conv_urn, NULL, &pg, &err) != LC_OK) {
		worker_failed(w, "Could not load the conversation", &err);
		goto out;
	}
	worker_merge_messages(w, conv_urn, pg.items, pg.n);
	if (held > 0 && pg.n > 0 && pg.items[0].delivered_at >= held)
		worker_fill_gap(w, conv_urn, pg.items[0].delivered_at, held);
	worker_succeeded(w);
	worker_notify(w);
	if (user)
		worker_presence_open(w, conv_urn);
out:
	voyager_msg_page_free(&pg);
}

void
worker_run_older(struct worker *w, const char *conv_urn)
{
	struct voyager_msg_page pg;
	struct lc_error err;
	int64_t before;

	if (model_thread_oldest(w->m, conv_urn, &before) != 0) {
		worker_run_open(w, conv_urn, 0);
		return;
	}
	memset(&pg, 0, sizeof pg);
	lc_error_clear(&err);
	if (voyager_messages_before(w->ctx, conv_urn, before, 20, &pg, &err) !=
	    LC_OK) {
		worker_failed(w, "Could not load older messages", &err);
		goto out;
	}
	worker_merge_messages(w, conv_urn, pg.items, pg.n);
	worker_succeeded(w);
	worker_notify(w);
out:
	voyager_msg_page_free(&pg);
}
