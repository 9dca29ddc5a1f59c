/* worker-triage.c — triage (issue 13): folder moves, star, spam, read and
 * unread, delete and mute, for one conversation or a batch.
 *
 * The push (caller's thread) writes a triage queue row and the new state
 * in the store in one transaction (core/triage-queue.h), then shows the
 * change in the model and takes a hold on each conversation
 * (model_hold_conv()), so a sync or realtime merge that still reports the
 * old categories does not flip the row back while the request waits.
 * The WJ_TRIAGE job sends every queued row, oldest first, one request
 * per row (a delete: one per conversation, a 404 counted as done): 2xx
 * removes the row and the holds; a network error, 5xx or 429 keeps it
 * and plans another pass with backoff (the request budget paces it like
 * any request); a permanent 4xx drops it, writes back what the
 * conversations showed and says so in the sync status.  On start the
 * rows left by an earlier run are shown and held again and replayed.
 * Mute is local: stored, shown, no request.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/folder.h"
#include "core/ratelimit.h"
#include "core/triage-queue.h"
#include "core/urn.h"
#include "core/voyager-folder.h"
#include "core/voyager-send.h"
#include "core/worker-int.h"
#include "core/xmalloc.h"

#define TRIAGE_BACKOFF_MS 2000
#define TRIAGE_BACKOFF_MAX_MS 120000

enum triage_result { TRIAGE_DONE, TRIAGE_SKIP, TRIAGE_STOP };

/* What each action is: a category write (folder, add), the read flag, a
 * delete, or local; and what the user is told when it fails. */
static const struct worker_triage_op {
	enum folder folder; /* FOLDER_COUNT: not a category write */
	int add;
	int read; /* 1/0: mark read/unread, -1 not */
	int undo; /* enum worker_triage, -1 none */
	const char *what;
} worker_triage_ops[] = {
    [WT_ARCHIVE] = {FOLDER_ARCHIVE, 1, -1, WT_UNARCHIVE, "archive"},
    [WT_UNARCHIVE] = {FOLDER_ARCHIVE, 0, -1, WT_ARCHIVE, "unarchive"},
    [WT_FOCUSED] = {FOLDER_FOCUSED, 1, -1, WT_OTHER, "move to Focused"},
    [WT_OTHER] = {FOLDER_OTHER, 1, -1, WT_FOCUSED, "move to Other"},
    [WT_STAR] = {FOLDER_STARRED, 1, -1, WT_UNSTAR, "star"},
    [WT_UNSTAR] = {FOLDER_STARRED, 0, -1, WT_STAR, "unstar"},
    [WT_SPAM] = {FOLDER_SPAM, 1, -1, WT_NOT_SPAM, "report as spam"},
    [WT_NOT_SPAM] = {FOLDER_SPAM, 0, -1, WT_SPAM, "mark as not spam"},
    [WT_DELETE] = {FOLDER_COUNT, 0, -1, -1, "delete"},
    [WT_READ] = {FOLDER_COUNT, 0, 1, WT_UNREAD, "mark as read"},
    [WT_UNREAD] = {FOLDER_COUNT, 0, 0, WT_READ, "mark as unread"},
    [WT_MUTE] = {FOLDER_COUNT, 0, -1, WT_UNMUTE, "mute"},
    [WT_UNMUTE] = {FOLDER_COUNT, 0, -1, WT_MUTE, "unmute"},
};

#define WORKER_TRIAGE_OPS                                                      \
	(int)(sizeof(worker_triage_ops) / sizeof(worker_triage_ops[0]))

static const struct worker_triage_op *
worker_triage_op(int op)
{
	return op >= 0 && op < WORKER_TRIAGE_OPS ? &worker_triage_ops[op]
	                                         : NULL;
}

int
worker_triage_undo(enum worker_triage op)
{
	const struct worker_triage_op *o = worker_triage_op((int)op);

	return o != NULL ? o->undo : -1;
}

/* The categories of a conversation showing cats after op. */
static unsigned
worker_triage_cats(const struct worker_triage_op *o, unsigned cats)
{
	return folder_apply(cats, folder_info(o->folder)->bit, o->add);
}

/* Shows op on conv_urn in the model and holds it there. */
static void
worker_triage_show(struct worker *w, const struct worker_triage_op *o,
                   const char *conv_urn)
{
	unsigned cats;
	int gone = 0;

	if (o->folder != FOLDER_COUNT) {
		if (model_conv_state(w->m, conv_urn, &cats, NULL) == 0)
			model_set_categories(w->m, conv_urn,
			                     worker_triage_cats(o, cats));
	} else if (o->read >= 0) {
		model_set_read(w->m, conv_urn, o->read);
	} else {
		model_remove_conversation(w->m, conv_urn);
		gone = 1;
	}
	model_hold_conv(w->m, conv_urn, gone);
}

/* Mute and unmute: the store, then the model; no request. */
static int
worker_triage_mute(struct worker *w, const char *const *urns, size_t n,
                   int muted)
{
	struct lc_error err;
	size_t i;

	lc_error_clear(&err);
	for (i = 0; i < n; i++) {
		if (w->st != NULL &&
		    triage_queue_set_muted(w->st, urns[i], muted, &err) !=
		        LC_OK) {
			worker_failed(w, "Could not save the mute", &err);
			return -1;
		}
		model_set_muted(w->m, urns[i], muted);
	}
	worker_notify(w);
	return 0;
}

/* Writes the row and the new state of the n conversations (placeholders
 * left out: the service does not know them).  0, or -1 (said). */
static int
worker_triage_queue(struct worker *w, enum worker_triage op,
                    const char *const *urns, size_t n)
{
	const struct worker_triage_op *o = worker_triage_op((int)op);
	struct triage_conv *convs = xcalloc(n, sizeof(*convs));
	unsigned *cats = xcalloc(n, sizeof(*cats));
	struct triage_write wr = {o->folder != FOLDER_COUNT, cats, o->read};
	struct lc_error err;
	size_t i, k = 0;
	int rc = -1;

	for (i = 0; i < n; i++) {
		if (urn_is_placeholder(urns[i]))
			continue;
		convs[k].urn = (char *)urns[i];
		convs[k].prev_read = 1;
		model_conv_state(w->m, urns[i], &convs[k].prev_cats,
		                 &convs[k].prev_read);
		if (wr.set_cats)
			cats[k] = worker_triage_cats(o, convs[k].prev_cats);
		k++;
	}
	lc_error_clear(&err);
	if (k == 0)
		goto out;
	if (triage_queue_add(w->st, (int)op, convs, k,
	                     o->folder == FOLDER_COUNT && o->read < 0 ? NULL
	                                                              : &wr,
	                     clock_wall_ms(), NULL, &err) != LC_OK) {
		worker_failed(w, "Could not queue the change", &err);
		goto out;
	}
	for (i = 0; i < k; i++)
		worker_triage_show(w, o, convs[i].urn);
	worker_notify(w);
	rc = 0;
out:
	free(convs);
	free(cats);
	return rc;
}

int
worker_push_triage(struct worker *w, enum worker_triage op,
                   const char *const *conv_urns, size_t n)
{
	size_t i;

	if (worker_triage_op((int)op) == NULL || conv_urns == NULL || n == 0)
		return -1;
	for (i = 0; i < n; i++)
		if (conv_urns[i] == NULL || conv_urns[i][0] == '\0')
			return -1;
	if (worker_stopping(w))
		return -1;
	if (op == WT_MUTE || op == WT_UNMUTE)
		return worker_triage_mute(w, conv_urns, n, op == WT_MUTE);
	if (w->st == NULL) {
		worker_push_notice(w, "Moving conversations needs the local "
		                      "store.");
		return -1;
	}
	if (worker_triage_queue(w, op, conv_urns, n) != 0)
		return -1;
	if (worker_stopping(w))
		return -1; /* the row waits for the next start */
	worker_queue(w, JOBQ_USER, WJ_TRIAGE);
	return 0;
}

/* The request of one row.  The URNs are lent to the call. */
static enum lc_err
worker_triage_request(struct worker *w, const struct triage_item *it,
                      const struct worker_triage_op *o, struct lc_error *err)
{
	const char **urns = xcalloc(it->n, sizeof(*urns));
	enum lc_err rc = LC_OK;
	size_t i;

	for (i = 0; i < it->n; i++)
		urns[i] = it->convs[i].urn;
	if (o->folder != FOLDER_COUNT) {
		rc = voyager_set_category(w->ctx, urns, it->n,
		                          folder_info(o->folder)->category,
		                          o->add, err);
	} else if (o->read >= 0) {
		rc = voyager_mark_read(w->ctx, urns, it->n, o->read, err);
	} else {
		/* one per conversation; one already gone (an earlier try,
		 * maybe before a crash) counts as deleted */
		for (i = 0; i < it->n && rc == LC_OK; i++) {
			rc = voyager_conversation_delete(w->ctx, urns[i], err);
			if (rc == LC_ENOTFOUND)
				rc = LC_OK;
		}
	}
	free(urns);
	return rc;
}

/* The service refused row it for good: the store and the model show
 * again what the conversations showed, and the sync status says so. */
static void
worker_triage_revert(struct worker *w, const struct triage_item *it,
                     const struct worker_triage_op *o,
                     const struct lc_error *why)
{
	struct lc_error err;
	char what[96];
	size_t i;

	if (triage_queue_revert(w->st, it, &err) != LC_OK)
		worker_failed(w, "Could not undo the change", &err);
	for (i = 0; i < it->n; i++) {
		model_release_conv(w->m, it->convs[i].urn);
		if (o->folder != FOLDER_COUNT)
			model_set_categories(w->m, it->convs[i].urn,
			                     it->convs[i].prev_cats);
		else if (o->read >= 0)
			model_set_read(w->m, it->convs[i].urn,
			               it->convs[i].prev_read);
	}
	/* a refused delete: the store still holds the conversations */
	if (o->folder == FOLDER_COUNT && o->read < 0 &&
	    store_load(w->st, w->m, &err) != LC_OK)
		worker_failed(w, "Could not read the store", &err);
	snprintf(what, sizeof what, "Could not %s %zu conversation%s (undone)",
	         o->what, it->n, it->n == 1 ? "" : "s");
	worker_failed(w, what, why);
}

static void
worker_triage_backoff(struct worker *w)
{
	int64_t wait;

	wait = (int64_t)ratelimit_backoff_ms(
	    w->triage_attempt, TRIAGE_BACKOFF_MS, TRIAGE_BACKOFF_MAX_MS,
	    ratelimit_jitter());
	if (w->triage_attempt < 16)
		w->triage_attempt++;
	w->triage_at = clock_mono_ms() + wait;
}

static int
worker_triage_permanent(const struct lc_error *err)
{
	if (err->code == LC_EINVAL || err->code == LC_ENOTFOUND)
		return 1;
	/* a broken or cut answer says nothing final */
	if (err->code == LC_ENETWORK || err->code == LC_EBADRESP ||
	    err->code == LC_ERATE || err->code == LC_ECANCELED)
		return 0;
	return err->status >= 400 && err->status < 500 && err->status != 429;
}

static enum triage_result
worker_triage_send(struct worker *w, const struct triage_item *it)
{
	const struct worker_triage_op *o = worker_triage_op(it->op);
	struct lc_error err;
	char what[96];
	size_t i;

	if (atomic_load(&w->auth_dead) || worker_stopping(w))
		return TRIAGE_STOP;
	lc_error_clear(&err);
	if (o == NULL || o->undo == WT_MUTE || o->undo == WT_UNMUTE ||
	    it->n == 0) {
		/* not ours (a newer linchat's row): leave it alone */
		return TRIAGE_SKIP;
	}
	if (worker_ensure_me(w, &err) != LC_OK)
		goto transient;
	if (triage_queue_attempted(w->st, it->id, &err) != LC_OK) {
		worker_failed(w, "Could not update the triage queue", &err);
		worker_triage_backoff(w);
		return TRIAGE_STOP;
	}
	if (worker_triage_request(w, it, o, &err) == LC_OK) {
		if (triage_queue_done(w->st, it,
		                      o->folder == FOLDER_COUNT && o->read < 0,
		                      &err) != LC_OK)
			worker_failed(w, "Could not update the triage queue",
			              &err);
		for (i = 0; i < it->n; i++)
			model_release_conv(w->m, it->convs[i].urn);
		worker_succeeded(w);
		worker_notify(w);
		return TRIAGE_DONE;
	}
	if (err.code != LC_EAUTH && err.code != LC_ECHALLENGE &&
	    worker_triage_permanent(&err)) {
		worker_triage_revert(w, it, o, &err);
		return TRIAGE_SKIP;
	}
transient:
	snprintf(what, sizeof what, "Could not %s (will retry)",
	         o != NULL ? o->what : "triage");
	worker_failed(w, what, &err);
	if (!atomic_load(&w->auth_dead) && !worker_stopping(w))
		worker_triage_backoff(w);
	return TRIAGE_STOP;
}

void
worker_run_triage(struct worker *w)
{
	struct triage_item *items = NULL;
	enum triage_result r = TRIAGE_DONE;
	struct lc_error err;
	size_t n = 0, i;

	w->triage_queued = 0;
	if (w->st == NULL)
		return;
	if (triage_queue_list(w->st, &items, &n, &err) != LC_OK) {
		worker_failed(w, "Could not read the triage queue", &err);
		return;
	}
	for (i = 0; i < n && r != TRIAGE_STOP; i++) {
		r = worker_triage_send(w, &items[i]);
		if (r == TRIAGE_DONE)
			w->triage_attempt = 0;
	}
	if (r != TRIAGE_STOP) {
		w->triage_at = -1;
		w->triage_attempt = 0;
	}
	triage_queue_free(items, n);
}

void
worker_triage_restore(struct worker *w)
{
	const struct worker_triage_op *o;
	struct triage_item *items = NULL;
	struct lc_error err;
	char **muted = NULL;
	size_t n = 0, i, j;

	if (w->st == NULL)
		return;
	if (triage_queue_muted(w->st, &muted, &n, &err) != LC_OK)
		worker_failed(w, "Could not read the muted conversations",
		              &err);
	for (i = 0; i < n; i++) {
		model_set_muted(w->m, muted[i], 1);
		free(muted[i]);
	}
	free(muted);
	n = 0;
	if (triage_queue_list(w->st, &items, &n, &err) != LC_OK) {
		worker_failed(w, "Could not read the triage queue", &err);
		return;
	}
	/* A sync before the crash may have stored the old state again. */
	for (i = 0; i < n; i++) {
		if ((o = worker_triage_op(items[i].op)) == NULL)
			continue;
		for (j = 0; j < items[i].n; j++)
			worker_triage_show(w, o, items[i].convs[j].urn);
	}
	triage_queue_free(items, n);
}
