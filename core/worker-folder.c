/* worker-folder.c — every folder of the mailbox (folder.h) read into the
 * store and the model, and the unread counts per folder.
 *
 * After the first inbox sync each folder is read page by page with the
 * category read of API.md §6 (nextCursor, else lastUpdatedBefore the
 * oldest conversation read), one page per job at JOBQ_BACKGROUND, so what
 * the user asks for runs in between and every request goes through the
 * budget.  A folder ends on a short page, a missing or repeating cursor,
 * or a page that reaches back no further; the background read of a folder
 * also stops after [sync] initial_depth conversations of it (the folder is
 * then not complete: worker_push_folder() reads on from there, at
 * JOBQ_SOON).  From then on the sync-token read and the realtime stream,
 * which carry conversations of every category, keep all folders current:
 * a complete folder is never read again, and a warm store says which
 * folders are complete (store meta "folders_complete").
 *
 * The service's unread counts come from one messengerMailboxCounts
 * request per sync (never one per folder), saved as meta "folder_counts"
 * for the next start.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/voyager-msg.h"
#include "core/worker-int.h"
#include "core/xmalloc.h"

#define FOLDER_PAGE 25   /* API.md: count is at most 25 */
#define FOLDER_PAGES 400 /* a service that never ends: 10 000 a folder */

/* The counts request of a sync, into the model and the store. */
static void
folder_counts(struct worker *w)
{
	struct voyager_counts c;
	struct lc_error err;
	long unread[FOLDER_COUNT];
	struct buf b;
	size_t i;
	int f;

	memset(&c, 0, sizeof c);
	lc_error_clear(&err);
	if (voyager_mailbox_counts(w->ctx, &c, &err) != LC_OK) {
		/* The counts are a nicety: the old ones stay, no alarm. */
		log_msg(LOGL_INFO, "folders: no unread counts: %s", err.msg);
		voyager_counts_free(&c);
		return;
	}
	for (f = 0; f < FOLDER_COUNT; f++)
		unread[f] = -1;
	for (i = 0; i < c.n; i++)
		if ((f = folder_by_name(c.items[i].category)) >= 0)
			unread[f] = c.items[i].unread;
	model_set_folder_counts(w->m, unread);
	if (w->st != NULL) {
		buf_init(&b, 256);
		for (f = 0; f < FOLDER_COUNT; f++)
			buf_addf(&b, "%s%ld", f > 0 ? " " : "", unread[f]);
		store_set_meta(w->st, "folder_counts", buf_cstr(&b), NULL);
		buf_release(&b);
	}
	voyager_counts_free(&c);
}

/* Saves which folders are complete, by name ("focused archive"). */
static void
folder_save_complete(struct worker *w)
{
	struct model_folder_status s;
	struct buf b;
	int f;

	if (w->st == NULL)
		return;
	buf_init(&b, 256);
	for (f = 0; f < FOLDER_VIEWS; f++) {
		model_folder_status(w->m, (enum folder)f, &s);
		if (s.complete)
			buf_addf(&b, "%s%s", b.len > 0 ? " " : "",
			         folder_info((enum folder)f)->name);
	}
	store_set_meta(w->st, "folders_complete", buf_cstr(&b), NULL);
	buf_release(&b);
}

static int
folder_complete(struct worker *w, enum folder f)
{
	struct model_folder_status s;

	model_folder_status(w->m, f, &s);
	return s.complete;
}

/* Queues the next page of f at prio (JOBQ_SOON when the user asked). */
static void
folder_queue(struct worker *w, enum folder f, int prio)
{
	struct worker_job *j = worker_job_new(WJ_FOLDER);

	j->u.folder.f = f;
	j->u.folder.soon = prio == JOBQ_SOON;
	if (j->u.folder.soon)
		w->folders[f].queued_soon++;
	else
		w->folders[f].queued_bg++;
	worker_queue_job(w, prio, j);
}

/* The first plan is done once no folder has a page queued. */
static void
folder_check_done(struct worker *w)
{
	struct worker_stats s;
	int f;

	if (!w->folders_begun)
		return;
	for (f = 0; f < FOLDER_VIEWS; f++)
		if (w->folders[f].queued_bg + w->folders[f].queued_soon > 0)
			return;
	worker_stats_get(w, &s);
	if (s.initial_done)
		return;
	pthread_mutex_lock(&w->mu);
	w->stats.initial_done = 1;
	pthread_mutex_unlock(&w->mu);
	worker_notify(w);
}

void
worker_folders_synced(struct worker *w)
{
	struct worker_folder *fs;
	int f;

	folder_counts(w);
	w->folders_begun = 1;
	for (f = 0; f < FOLDER_VIEWS; f++) {
		fs = &w->folders[f];
		if (fs->stopped || fs->queued_bg + fs->queued_soon > 0 ||
		    folder_complete(w, (enum folder)f))
			continue;
		model_set_folder_status(w->m, (enum folder)f, 0, 1, NULL);
		folder_queue(w, (enum folder)f, JOBQ_BACKGROUND);
	}
	folder_check_done(w);
}

/* The folder's read is over: complete (reached its end), or stopped at
 * the depth (its position kept for worker_push_folder()). */
static void
folder_finish(struct worker *w, enum folder f, int complete)
{
	struct worker_folder *fs = &w->folders[f];

	fs->to_end = 0;
	if (complete) {
		free(fs->cursor);
		fs->cursor = NULL;
		fs->oldest = 0;
		fs->held = 0;
	} else
		fs->stopped = 1;
	model_set_folder_status(w->m, f, complete, 0, NULL);
	if (complete)
		folder_save_complete(w);
	worker_notify(w);
}

/* After a page of server_count conversations (asked for want): whether
 * f's end is reached, and the position of the next page. */
static int
folder_advance(struct worker *w, enum folder f,
               const struct voyager_conv_page *pg, int want)
{
	struct worker_folder *fs = &w->folders[f];
	int64_t oldest = 0;
	size_t i;
	int moved;

	for (i = 0; i < pg->n; i++)
		if (pg->items[i].last_activity_at > 0 &&
		    (oldest == 0 || pg->items[i].last_activity_at < oldest))
			oldest = pg->items[i].last_activity_at;
	fs->held += (int)pg->server_count;
	if (pg->server_count < (size_t)want)
		return 1;
	if (pg->next_cursor != NULL && pg->next_cursor[0] != '\0') {
		moved = fs->cursor == NULL ||
		        strcmp(fs->cursor, pg->next_cursor) != 0;
		free(fs->cursor);
		fs->cursor = xstrdup(pg->next_cursor);
	} else {
		/* No cursor: older than the oldest one read, if that moved
		 * back (else the service repeats itself). */
		free(fs->cursor);
		fs->cursor = NULL;
		moved = oldest > 0 && (fs->oldest == 0 || oldest < fs->oldest);
	}
	if (oldest > 0 && (fs->oldest == 0 || oldest < fs->oldest))
		fs->oldest = oldest;
	return !moved || fs->held >= FOLDER_PAGE * FOLDER_PAGES;
}

/* A failed read: the sentence shows in the folder.  A transient failure
 * is tried again after the next sync, from where it stopped; another
 * (the service refused the read) only when the user asks. */
static void
folder_failed(struct worker *w, enum folder f, const struct lc_error *err)
{
	char what[64];

	snprintf(what, sizeof what, "Could not read %s", folder_info(f)->label);
	worker_failed(w, what, err);
	if (err->code != LC_ECANCELED && !worker_stopping(w)) {
		struct buf b;

		buf_init(&b, 256);
		buf_addf(&b, "%s: %s", what, err->msg);
		model_set_folder_status(w->m, f, 0, 0, buf_cstr(&b));
		buf_release(&b);
	}
	w->folders[f].to_end = 0;
	if (!lc_err_transient(err->code))
		w->folders[f].stopped = 1;
	worker_notify(w);
}

/* Reads the next page of f; returns whether more pages are to come. */
static int
folder_page(struct worker *w, enum folder f)
{
	struct worker_folder *fs = &w->folders[f];
	struct voyager_conv_page pg;
	struct lc_error err;
	int want = FOLDER_PAGE, done;

	if (!fs->to_end && w->depth - fs->held < want)
		want = w->depth - fs->held;
	if (want <= 0) {
		folder_finish(w, f, 0);
		return 0;
	}
	memset(&pg, 0, sizeof pg);
	lc_error_clear(&err);
	model_set_folder_status(w->m, f, 0, 1, NULL);
	if (voyager_conversations_category(
	        w->ctx, folder_info(f)->category, fs->cursor ? 0 : fs->oldest,
	        fs->cursor, want, &pg, &err) != LC_OK) {
		folder_failed(w, f, &err);
		voyager_conv_page_free(&pg);
		return 0;
	}
	worker_merge_convs(w, &pg);
	done = folder_advance(w, f, &pg, want);
	voyager_conv_page_free(&pg);
	if (done) {
		folder_finish(w, f, 1);
		return 0;
	}
	return 1;
}

void
worker_run_folder(struct worker *w, const struct worker_job *j)
{
	enum folder f = j->u.folder.f;
	struct worker_folder *fs;

	if ((int)f < 0 || f >= FOLDER_VIEWS)
		return;
	fs = &w->folders[f];
	if (j->u.folder.push)
		fs->to_end = 1; /* not counted: pushed by another thread */
	else if (j->u.folder.soon)
		fs->queued_soon--;
	else
		fs->queued_bg--;
	if (atomic_load(&w->auth_dead) || folder_complete(w, f) ||
	    (fs->stopped && !fs->to_end)) {
		folder_check_done(w);
		return;
	}
	fs->stopped = 0;
	if (folder_page(w, f)) {
		/* One page a job; another job of f already queued reads
		 * the next one instead. */
		if (fs->to_end && fs->queued_soon == 0)
			folder_queue(w, f, JOBQ_SOON);
		else if (!fs->to_end && fs->queued_soon + fs->queued_bg == 0)
			folder_queue(w, f, JOBQ_BACKGROUND);
	}
	folder_check_done(w);
}

int
worker_push_folder(struct worker *w, enum folder f)
{
	struct model_folder_status s;
	struct worker_job *j;

	if ((int)f < 0 || f >= FOLDER_COUNT)
		return -1;
	if (f == FOLDER_STARRED) {
		/* A view over the others: all of them. */
		int i;

		for (i = 0; i < FOLDER_VIEWS; i++)
			if (worker_push_folder(w, (enum folder)i) != 0)
				return -1;
		return 0;
	}
	/* Under the model's lock: the thread may finish f meanwhile. */
	model_lock(w->m);
	model_folder_status(w->m, f, &s);
	if (s.complete) {
		model_unlock(w->m);
		return 0; /* the sync token keeps it current */
	}
	/* Shown loading at once (the error stays until the read ends). */
	model_set_folder_status(w->m, f, 0, 1, s.error);
	model_unlock(w->m);
	j = worker_job_new(WJ_FOLDER);
	j->u.folder.f = f;
	j->u.folder.push = 1;
	j->u.folder.soon = 1;
	/* The count is the thread's: the job adds itself when it runs. */
	if (jobq_push(w->q, JOBQ_SOON, j) != 0)
		return 0;
	model_set_folder_status(w->m, f, s.complete, s.loading, s.error);
	return -1;
}

void
worker_folders_free(struct worker *w)
{
	int f;

	for (f = 0; f < FOLDER_VIEWS; f++) {
		free(w->folders[f].cursor);
		w->folders[f].cursor = NULL;
	}
}
