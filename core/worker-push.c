/* worker-push.c — the worker_push_* calls (worker.h), run in the caller's
 * thread.
 *
 * One writer of the model: each push makes its optimistic change itself
 * (a pending message, the read flag, a reaction, a draft) before it
 * queues its job, and the job (worker-jobs.c) keeps or undoes it, so the
 * rule for each action lives in one place and tui/ only reads the model.
 * A push whose result a dialog waits for returns a ticket (never 0) under
 * which the job files that result in the model.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/outbox.h"
#include "core/urn.h"
#include "core/voyager-send.h"
#include "core/worker-int.h"
#include "core/xmalloc.h"

/* stored messages read per open/older: the thread view's window */
#define WORKER_STORED_PAGE 400

/* Queues j unless the worker is stopping (then j is freed): 0 or -1. */
static int
worker_push(struct worker *w, int prio, struct worker_job *j)
{
	if (worker_stopping(w)) {
		worker_job_free(j);
		return -1;
	}
	worker_queue_job(w, prio, j);
	return 0;
}

/* Queues j under a fresh ticket (never 0) for its outcome: the ticket,
 * or 0 when refused (j is then freed). */
static uint64_t
worker_push_ticketed(struct worker *w, struct worker_job *j)
{
	uint64_t ticket = atomic_fetch_add(&w->tickets, 1) + 1;

	j->ticket = ticket;
	return worker_push(w, JOBQ_USER, j) == 0 ? ticket : 0;
}

/* A job on one outbox row, by its origin token. */
static int
worker_push_token(struct worker *w, enum worker_job_kind kind,
                  const char *origin_token)
{
	struct worker_job *j;

	if (origin_token == NULL)
		return -1;
	j = worker_job_new(kind);
	j->u.send.token = xstrdup(origin_token);
	return worker_push(w, JOBQ_USER, j);
}

void
worker_push_notice(struct worker *w, const char *msg)
{
	model_set_notice(w->m, msg);
	worker_notify(w);
}

/* Says why a send could not be queued (err's sentence, else a general
 * one); worker_push_notice() wakes the UI. */
static void
worker_refused_notice(struct worker *w, const struct lc_error *err)
{
	worker_push_notice(w, err->msg[0] != '\0' ? err->msg
	                                          : "The message could not be "
	                                            "queued.");
}

/* A send that could not be queued shows failed, its text kept for the
 * user to try again, and err's sentence says why. */
static void
worker_send_refused(struct worker *w, const char *conv_urn, const char *text,
                    const char *origin_token, const struct lc_error *err)
{
	model_add_pending(w->m, conv_urn, text, origin_token, clock_wall_ms());
	model_set_state_by_origin(w->m, origin_token, MODEL_MSG_FAILED);
	worker_refused_notice(w, err);
}

int
worker_push_send(struct worker *w, const char *conv_urn, const char *text,
                 const char *origin_token, struct lc_error *err)
{
	struct model_msg held;
	char tok[40];
	int pending_in_model = 0;

	if (conv_urn == NULL || conv_urn[0] == '\0' || text == NULL ||
	    text[0] == '\0') {
		lc_error_set(err, LC_EINVAL, "There is nothing to send.");
		return -1;
	}
	if (origin_token == NULL || origin_token[0] == '\0') {
		voyager_origin_token(tok);
		origin_token = tok;
	}
	if (w->st == NULL) {
		lc_error_set(err, LC_EIO, "Sending needs the local store.");
		worker_send_refused(w, conv_urn, text, origin_token, err);
		return -1;
	}
	/* outbox_add() takes a token the model already holds for a row
	 * already written; a pending copy the UI put up is not, so it is
	 * replaced by the one the outbox writes with its row. */
	if (model_get_message(w->m, NULL, origin_token, &held) == 0) {
		pending_in_model = held.state == MODEL_MSG_PENDING &&
		                   (held.urn == NULL || held.urn[0] == '\0');
		model_msg_clear(&held);
		if (pending_in_model)
			model_remove_by_origin(w->m, origin_token);
	}
	if (outbox_add(w->st, w->m, conv_urn, text, origin_token,
	               clock_wall_ms(), err) != LC_OK) {
		worker_send_refused(w, conv_urn, text, origin_token, err);
		return -1;
	}
	if (model_get_message(w->m, NULL, origin_token, &held) == 0)
		model_msg_clear(&held);
	else
		model_add_pending(w->m, conv_urn, text, origin_token,
		                  clock_wall_ms());
	worker_notify(w);
	return worker_push_token(w, WJ_SEND, origin_token);
}

int
worker_push_retry_send(struct worker *w, const char *origin_token)
{
	return worker_push_token(w, WJ_RETRY, origin_token);
}

int
worker_push_discard_send(struct worker *w, const char *origin_token)
{
	return worker_push_token(w, WJ_DISCARD, origin_token);
}

int
worker_push_take_back(struct worker *w, const char *origin_token)
{
	if (origin_token == NULL)
		return -1;
	return model_remove_by_origin(w->m, origin_token);
}

int
worker_push_sync(struct worker *w)
{
	return worker_push(w, JOBQ_USER, worker_job_new(WJ_DELTA));
}

#define NEED(x)                                                                \
	do {                                                                   \
		if ((x) == NULL)                                               \
			return -1;                                             \
	} while (0)

/* Reads up to a window of the thread's stored messages at or before
 * before_ms into the model, in the caller's thread: a short local read,
 * so what the cache holds shows at once, even while the worker waits on
 * the network.  Returns how many were new to the model. */
static size_t
worker_load_stored(struct worker *w, const char *conv_urn, int64_t before_ms)
{
	struct lc_error err;
	size_t added = 0;

	if (w->st == NULL)
		return 0;
	if (store_load_thread(w->st, w->m, conv_urn, before_ms,
	                      WORKER_STORED_PAGE, &added, &err) != LC_OK)
		worker_failed(w, "Could not read the conversation", &err);
	if (added > 0)
		worker_notify(w);
	return added;
}

/* A job on one conversation. */
static int
worker_push_conv(struct worker *w, enum worker_job_kind kind,
                 const char *conv_urn)
{
	struct worker_job *j = worker_job_new(kind);

	j->u.conv.conv = xstrdup(conv_urn);
	return worker_push(w, JOBQ_USER, j);
}

int
worker_push_open(struct worker *w, const char *conv_urn)
{
	struct worker_job *j;

	NEED(conv_urn);
	if (worker_stopping(w))
		return -1;
	worker_load_stored(w, conv_urn, INT64_MAX);
	j = worker_job_new(WJ_OPEN);
	j->u.conv.conv = xstrdup(conv_urn);
	j->u.conv.user = 1;
	return worker_push(w, JOBQ_USER, j);
}

int
worker_push_older(struct worker *w, const char *conv_urn)
{
	int64_t before;

	NEED(conv_urn);
	if (worker_stopping(w))
		return -1;
	if (model_thread_oldest(w->m, conv_urn, &before) != 0)
		before = INT64_MAX;
	if (worker_load_stored(w, conv_urn, before) > 0)
		return 0; /* older ones were in the cache */
	return worker_push_conv(w, WJ_OLDER, conv_urn);
}

int
worker_push_mark_read(struct worker *w, const char *conv_urn, int read)
{
	struct worker_job *j;

	NEED(conv_urn);
	/* shown at once; the job tells the service (and the store) */
	model_set_read(w->m, conv_urn, read != 0);
	j = worker_job_new(WJ_MARK);
	j->u.mark.conv = xstrdup(conv_urn);
	j->u.mark.read = read != 0;
	return worker_push(w, JOBQ_USER, j);
}

int
worker_push_react(struct worker *w, const char *msg_urn, const char *emoji,
                  int on)
{
	struct worker_job *j;

	NEED(msg_urn);
	NEED(emoji);
	if (worker_stopping(w))
		return -1;
	/* shown at once; undone by the job if the service refuses */
	model_react(w->m, msg_urn, emoji, on != 0);
	j = worker_job_new(WJ_REACT);
	j->u.react.msg = xstrdup(msg_urn);
	j->u.react.emoji = xstrdup(emoji);
	j->u.react.on = on != 0;
	return worker_push(w, JOBQ_USER, j);
}

int
worker_push_edit(struct worker *w, const char *msg_urn, const char *text)
{
	struct worker_job *j;

	NEED(msg_urn);
	NEED(text);
	j = worker_job_new(WJ_EDIT);
	j->u.edit.msg = xstrdup(msg_urn);
	j->u.edit.text = xstrdup(text);
	return worker_push(w, JOBQ_USER, j);
}

int
worker_push_recall(struct worker *w, const char *msg_urn)
{
	struct worker_job *j;

	NEED(msg_urn);
	j = worker_job_new(WJ_RECALL);
	j->u.edit.msg = xstrdup(msg_urn);
	return worker_push(w, JOBQ_USER, j);
}

int
worker_push_draft(struct worker *w, const char *conv_urn, const char *text)
{
	struct worker_job *j;
	int rc;

	NEED(conv_urn);
	/* the model at once; the job writes the store */
	rc = model_set_draft(w->m, conv_urn, text);
	j = worker_job_new(WJ_DRAFT);
	j->u.draft.in_model = rc == 0;
	j->u.draft.conv = xstrdup(conv_urn);
	j->u.draft.text = xstrdup(text != NULL ? text : "");
	return worker_push(w, JOBQ_SOON, j);
}

uint64_t
worker_push_profile(struct worker *w, const char *who)
{
	struct worker_job *j;

	if (who == NULL)
		return 0;
	j = worker_job_new(WJ_PROFILE);
	j->u.who.who = xstrdup(who);
	return worker_push_ticketed(w, j);
}

int
worker_push_resolve(struct worker *w, const char *public_id)
{
	struct worker_job *j;

	NEED(public_id);
	j = worker_job_new(WJ_RESOLVE);
	j->u.who.who = xstrdup(public_id);
	return worker_push(w, JOBQ_USER, j);
}

/* worker_push_send_new() but for the sentence a refusal leaves. */
static int
worker_queue_first(struct worker *w, const char *recipient, const char *name,
                   const char *text, const char *origin_token,
                   struct lc_error *err)
{
	char tok[40], *ph = NULL, *to = NULL;
	int rc = -1;

	if (text == NULL || text[strspn(text, " \n")] == '\0') {
		lc_error_set(err, LC_EINVAL, "There is nothing to send.");
		return -1;
	}
	if (w->st == NULL) {
		lc_error_set(err, LC_EIO, "Sending needs the local store.");
		return -1;
	}
	if ((ph = urn_placeholder(recipient)) == NULL ||
	    (to = urn_placeholder_recipient(ph)) == NULL) {
		lc_error_set(err, LC_EINVAL,
		             "That is not a profile to write "
		             "to.");
		goto out;
	}
	if (origin_token == NULL || origin_token[0] == '\0') {
		voyager_origin_token(tok);
		origin_token = tok;
	}
	if (outbox_add_first(w->st, w->m, ph, to, name, text, origin_token,
	                     clock_wall_ms(), err) != LC_OK)
		goto out;
	worker_notify(w);
	rc = worker_push_token(w, WJ_SEND, origin_token);
out:
	free(ph);
	free(to);
	return rc;
}

int
worker_push_send_new(struct worker *w, const char *recipient, const char *name,
                     const char *text, const char *origin_token,
                     struct lc_error *err)
{
	struct lc_error mine;

	if (err == NULL)
		err = &mine;
	lc_error_clear(err);
	if (worker_queue_first(w, recipient, name, text, origin_token, err) ==
	    0)
		return 0;
	worker_refused_notice(w, err);
	return -1;
}

uint64_t
worker_push_connect(struct worker *w, const char *who, const char *note)
{
	struct worker_job *j;

	if (who == NULL)
		return 0;
	j = worker_job_new(WJ_CONNECT);
	j->u.connect.who = xstrdup(who);
	j->u.connect.note = xstrdup_or_null(note);
	return worker_push_ticketed(w, j);
}

uint64_t
worker_push_invitations(struct worker *w)
{
	return worker_push_ticketed(w, worker_job_new(WJ_INVITES));
}

int
worker_push_invitation_reply(struct worker *w, const char *id,
                             const char *shared_secret, int accept)
{
	struct worker_job *j;

	NEED(id);
	j = worker_job_new(WJ_INVITE_REPLY);
	j->u.reply.id = xstrdup(id);
	j->u.reply.secret = xstrdup_or_null(shared_secret);
	j->u.reply.accept = accept != 0;
	return worker_push(w, JOBQ_USER, j);
}

uint64_t
worker_push_find(struct worker *w, const char *keywords)
{
	struct worker_job *j;

	if (keywords == NULL)
		return 0;
	j = worker_job_new(WJ_FIND);
	j->u.search.keywords = xstrdup(keywords);
	return worker_push_ticketed(w, j);
}

uint64_t
worker_push_search(struct worker *w, const char *keywords)
{
	struct worker_job *j;

	if (keywords == NULL)
		return 0;
	j = worker_job_new(WJ_SEARCH);
	j->u.search.keywords = xstrdup(keywords);
	return worker_push_ticketed(w, j);
}
