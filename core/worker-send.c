/* worker-send.c — sends through the outbox, exactly once.
 *
 * A send is tried only while its outbox row exists and is not failed.
 * The attempt is counted in the row (outbox_attempted) before the
 * request, so after a crash the next run knows the service may already
 * hold the message and looks for its origin token first, back through
 * the conversation to the time the row was written.  Transient
 * failures leave the row queued and plan an outbox pass with backoff;
 * a 4xx other than 429 fails the row for good (text kept) until the user
 * retries or discards it.  A row under a placeholder (a first message,
 * rule 5 of core/outbox.h) is sent as a new conversation to the
 * recipient the placeholder names, and looked for among the newest
 * conversations.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/outbox.h"
#include "core/ratelimit.h"
#include "core/urn.h"
#include "core/voyager-invite.h"
#include "core/voyager-msg.h"
#include "core/voyager-profile.h"
#include "core/voyager-search.h"
#include "core/voyager-send.h"
#include "core/worker-int.h"
#include "core/xmalloc.h"

#define OUTBOX_BACKOFF_MS 2000
#define OUTBOX_BACKOFF_MAX_MS 120000
#define FIND_SKEW_MS (10 * 60 * 1000) /* clock difference allowed */

enum send_result { SEND_DONE, SEND_SKIP, SEND_STOP };

/* A first message reached the real conversation real: it must be in
 * the inbox with the recipient before the placeholder goes (a delta sync
 * fills in the rest), and the UI showing the placeholder learns where it
 * went (model_set_moved()). */
static void
worker_adopt(struct worker *w, const char *placeholder, const char *real,
             int64_t when)
{
	struct model_participant *p;
	struct model_conv c;
	size_t n;

	if (model_conv_version(w->m, real) == 0) {
		n = model_participants(w->m, placeholder, &p);
		memset(&c, 0, sizeof c);
		c.urn = real;
		c.participants = p;
		c.nparticipants = n;
		c.read = 1;
		c.categories = MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX;
		c.last_ms = when;
		store_put_conversations(w->st, &c, 1, NULL);
		model_put_conversation(w->m, &c);
		model_participants_free(p, n);
	}
	model_set_moved(w->m, placeholder, real);
}

/* Confirms a send with the service's copy of the message.  conv_urn is
 * the row's conversation; found_in (may be NULL) the one the message was
 * read from, for a copy that does not name its own. */
static void
worker_confirm(struct worker *w, const char *conv_urn, const char *found_in,
               const struct voyager_message *v, const char *token)
{
	struct model_msg mm;
	char *sender, *reacts;
	struct lc_error err;
	const char *to = conv_urn;
	int first = urn_is_placeholder(conv_urn);

	worker_map_message(v, &mm, &sender, &reacts);
	if (mm.origin_token == NULL)
		mm.origin_token = token;
	/* A send's answer names no sender (API.md §6): it is the user, so
	 * the inbox says "You:" before the next sync. */
	if (mm.sender_urn == NULL || mm.sender_urn[0] == '\0') {
		free(sender);
		sender = worker_profile_urn(w->ctx->mailbox);
		mm.sender_urn = sender;
	}
	if (v->conversation_urn != NULL && v->conversation_urn[0] != '\0')
		to = v->conversation_urn;
	else if (found_in != NULL)
		to = found_in;
	if (first && !urn_is_placeholder(to))
		worker_adopt(w, conv_urn, to, v->delivered_at);
	if (outbox_confirm(w->st, w->m, to, &mm, &err) != LC_OK)
		worker_failed(w, "Could not record the sent message", &err);
	free(sender);
	free(reacts);
	WORKER_COUNT(w, sends);
	worker_notify(w);
	/* the new conversation: its participants, title and the rest */
	if (first)
		worker_queue(w, JOBQ_USER, WJ_DELTA);
}

/* Looks for the row's origin token in its conversation: the newest
 * messages, then older pages back to those delivered before the row was
 * written (less FIND_SKEW_MS, for a clock ahead of the service's).  The
 * newest page alone is not enough: sends that went out while this one
 * was in doubt (a backlog after a restart) and incoming messages push it
 * further back.  1 found (and confirmed), 0 not there, -1 the read
 * failed (err), -2 not settled within VOYAGER_SEND_LOOKBACK_PAGES pages. */
static int
worker_find_sent(struct worker *w, const struct outbox_item *it,
                 const char *conv_urn, struct lc_error *err)
{
	struct voyager_message v;
	int found;

	if (voyager_find_sent(w->ctx, conv_urn, it->origin_token,
	                      it->created_ms - FIND_SKEW_MS, &v, &found,
	                      err) != LC_OK)
		return -1;
	if (found == 1)
		worker_confirm(w, it->conv_urn, conv_urn, &v, it->origin_token);
	voyager_message_free(&v);
	return found == -1 ? -2 : found;
}

/* worker_find_sent() for a first message (a row under a placeholder):
 * the newest conversations' last messages, then the thread of the 1:1
 * conversation with the recipient among them, where the service files a
 * first message to someone the user already wrote to.  Same answers. */
static int
worker_find_sent_new(struct worker *w, const struct outbox_item *it,
                     const char *recipient, struct lc_error *err)
{
	struct voyager_conv_page cp;
	char *id = urn_profile_id(recipient), *conv = NULL;
	size_t i, j;
	int found = 0;

	memset(&cp, 0, sizeof cp);
	if (voyager_conversations(w->ctx, &cp, err) != LC_OK) {
		voyager_conv_page_free(&cp);
		free(id);
		return -1;
	}
	for (i = 0; i < cp.n && !found; i++) {
		struct voyager_conversation *c = &cp.items[i];
		struct voyager_message *m = c->last_message;

		if (m != NULL && m->origin_token != NULL &&
		    strcmp(m->origin_token, it->origin_token) == 0) {
			worker_confirm(w, it->conv_urn, c->urn, m,
			               it->origin_token);
			found = 1;
		}
		for (j = 0; conv == NULL && !c->group_chat && id != NULL &&
		            j < c->nparticipants;
		     j++) {
			if (c->participants[j].urn_id != NULL &&
			    strcmp(c->participants[j].urn_id, id) == 0)
				conv = xstrdup(c->urn);
		}
	}
	voyager_conv_page_free(&cp);
	free(id);
	/* Fallen off the newest page (many newer conversations since the
	 * crash): the service finds the one with that person. */
	if (!found && conv == NULL) {
		enum lc_err rc =
		    voyager_conversations_with(w->ctx, &recipient, 1, &cp, err);

		if (rc == LC_OK && cp.n > 0)
			conv = xstrdup(cp.items[0].urn);
		voyager_conv_page_free(&cp);
		if (rc != LC_OK) /* a read refused for good will not tell */
			return rc == LC_ENETWORK || rc == LC_ERATE ||
			               rc == LC_ESERVER || rc == LC_EAUTH
			           ? -1
			           : -2;
	}
	if (!found && conv != NULL)
		found = worker_find_sent(w, it, conv, err);
	free(conv);
	return found;
}

/* The outbox's failures in a row, mirrored in the stats for readers. */
static void
worker_set_outbox_attempt(struct worker *w, int n)
{
	w->outbox_attempt = n;
	pthread_mutex_lock(&w->mu);
	w->stats.outbox_backoff = n;
	pthread_mutex_unlock(&w->mu);
}

static void
worker_plan_outbox(struct worker *w)
{
	struct model_sync s;
	int64_t wait;

	wait = (int64_t)ratelimit_backoff_ms(
	    w->outbox_attempt, OUTBOX_BACKOFF_MS, OUTBOX_BACKOFF_MAX_MS,
	    ratelimit_jitter());
	if (w->outbox_attempt < 16)
		worker_set_outbox_attempt(w, w->outbox_attempt + 1);
	w->outbox_at = clock_mono_ms() + wait;
	model_lock(w->m);
	model_get_sync(w->m, &s);
	s.next_retry_ms = clock_wall_ms() + wait;
	model_set_sync(w->m, &s);
	model_unlock(w->m);
}

static int
worker_permanent(const struct lc_error *err)
{
	if (err->code == LC_EINVAL || err->code == LC_ENOTFOUND)
		return 1;
	/* A broken or cut answer says nothing final, whatever its status
	 * (a 401 whose body was cut reads as a network error). */
	if (err->code == LC_ENETWORK || err->code == LC_EBADRESP)
		return 0;
	return err->status >= 400 && err->status < 500 && err->status != 429;
}

static enum send_result worker_send_item_to(struct worker *w,
                                            const struct outbox_item *it,
                                            const char *to, int retry);

/* One outbox row; retry: the user asked to try it again after a failure
 * (a send still in doubt after the look goes out again). */
static enum send_result
worker_send_item(struct worker *w, const struct outbox_item *it, int retry)
{
	struct lc_error err;
	enum send_result res;
	char *to = urn_placeholder_recipient(it->conv_urn);

	if (urn_is_placeholder(it->conv_urn) && to == NULL) {
		/* not one linchat wrote: nothing can send it */
		lc_error_set(&err, LC_EINVAL,
		             "This message has no recipient "
		             "linchat can read; discard it.");
		if (outbox_fail(w->st, w->m, it->origin_token, err.msg, NULL) ==
		    LC_OK)
			WORKER_COUNT(w, send_failures);
		return SEND_SKIP;
	}
	res = worker_send_item_to(w, it, to, retry);
	free(to);
	return res;
}

/* worker_send_item() for a reply (to NULL) or a first message to the
 * profile URN to. */
static enum send_result
worker_send_item_to(struct worker *w, const struct outbox_item *it,
                    const char *to, int retry)
{
	struct voyager_message out;
	struct voyager_send s;
	struct lc_error err;
	enum lc_err rc;
	int found;

	if (atomic_load(&w->auth_dead) || worker_stopping(w))
		return SEND_STOP;
	lc_error_clear(&err);
	if (worker_ensure_me(w, &err) != LC_OK)
		goto transient;
	if (outbox_attempted(w->st, it->origin_token, &err) != LC_OK) {
		/* Without the mark a crash could resend blindly: wait. */
		worker_failed(w, "Could not update the outbox", &err);
		worker_plan_outbox(w);
		return SEND_STOP;
	}
	if (it->attempts > 0) {
		/* An earlier attempt (maybe before a crash) may have
		 * reached the service. */
		found = to != NULL
		            ? worker_find_sent_new(w, it, to, &err)
		            : worker_find_sent(w, it, it->conv_urn, &err);
		if (found == 1)
			return SEND_DONE;
		if (found == -1)
			goto transient;
		if (found == -2 && !retry) {
			/* Never resend blind: the user decides. */
			lc_error_set(
			    &err, LC_EBADRESP,
			    "Could not tell "
			    "whether it went out; look in the conversation: "
			    "retry sends it again, discard drops it.");
			if (outbox_fail(w->st, w->m, it->origin_token, err.msg,
			                NULL) == LC_OK)
				WORKER_COUNT(w, send_failures);
			worker_failed(w, "Could not send the message", &err);
			return SEND_SKIP;
		}
	}
	memset(&s, 0, sizeof s);
	s.conversation_urn = to == NULL ? it->conv_urn : NULL;
	s.recipient = to;
	s.text = it->text;
	s.origin_token = it->origin_token;
	memset(&out, 0, sizeof out);
	rc = voyager_send_once(w->ctx, &s, &out, &err);
	if (rc == LC_OK) {
		worker_confirm(w, it->conv_urn, NULL, &out, it->origin_token);
		voyager_message_free(&out);
		return SEND_DONE;
	}
	voyager_message_free(&out);
	if (rc != LC_EAUTH && rc != LC_ECHALLENGE && rc != LC_ECANCELED &&
	    rc != LC_ERATE && worker_permanent(&err)) {
		if (outbox_fail(w->st, w->m, it->origin_token, err.msg, NULL) ==
		    LC_OK)
			WORKER_COUNT(w, send_failures);
		worker_failed(w, "Could not send the message", &err);
		return SEND_SKIP;
	}
transient:
	worker_failed(w, "Could not send the message (will retry)", &err);
	if (!atomic_load(&w->auth_dead) && !worker_stopping(w))
		worker_plan_outbox(w);
	return SEND_STOP;
}

/* Sends the queued row with this token (all queued rows if NULL), in the
 * order they were written; retry as for worker_send_item(). */
void
worker_send_rows(struct worker *w, const char *token, int retry)
{
	struct outbox_item *items = NULL;
	struct lc_error err;
	enum send_result r = SEND_DONE;
	size_t n = 0, i;

	if (w->st == NULL)
		return;
	if (outbox_queued(w->st, &items, &n, &err) != LC_OK) {
		worker_failed(w, "Could not read the outbox", &err);
		return;
	}
	for (i = 0; i < n && r != SEND_STOP; i++) {
		if (token != NULL && strcmp(items[i].origin_token, token) != 0)
			continue;
		r = worker_send_item(w, &items[i], retry);
		/* The service answers: the backoff counts failures in a
		 * row, so a later hiccup is retried in seconds. */
		if (r == SEND_DONE)
			worker_set_outbox_attempt(w, 0);
	}
	if (token == NULL && r != SEND_STOP) {
		w->outbox_at = -1;
		worker_set_outbox_attempt(w, 0);
		worker_succeeded(w);
	}
	outbox_items_free(items, n);
}

void
worker_run_outbox(struct worker *w)
{
	struct lc_error err;
	size_t dropped = 0;

	w->outbox_queued = 0;
	/* first messages a sync confirmed (maybe before a crash) */
	if (w->st != NULL &&
	    outbox_drop_placeholders(w->st, w->m, &dropped, &err) != LC_OK)
		worker_failed(w, "Could not tidy up the outbox", &err);
	if (dropped > 0)
		worker_notify(w);
	worker_send_rows(w, NULL, 0);
}
