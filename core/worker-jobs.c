/* worker-jobs.c — sends through the outbox, and the user's actions.
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
static void
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

/* --- actions --- */

/* Records the outcome the UI waits on under the job's ticket (model.h);
 * a job nobody waits on has ticket 0, which the model ignores. */
static void
worker_result(struct worker *w, uint64_t ticket, int code, const char *text)
{
	model_set_result(w->m, ticket, code, text);
}

/* The network distance the last people search gave for urn, or NULL
 * (the full profile does not carry it).  Caller frees. */
static char *
worker_known_distance(struct worker *w, const char *urn)
{
	struct model_search_hit *v;
	char *query = NULL, *d = NULL;
	size_t n, i;

	if (urn == NULL)
		return NULL;
	n = model_search(w->m, &query, &v);
	for (i = 0; i < n && d == NULL; i++) {
		if (v[i].urn != NULL && strcmp(v[i].urn, urn) == 0 &&
		    v[i].distance != NULL && *v[i].distance != '\0')
			d = xstrdup(v[i].distance);
	}
	model_search_free(v, n);
	free(query);
	return d;
}

static void
worker_run_profile(struct worker *w, const char *who, uint64_t ticket)
{
	struct voyager_profile p;
	struct model_profile mp;
	struct lc_error err;
	char *distance = NULL;

	memset(&p, 0, sizeof p);
	if (voyager_profile(w->ctx, who, &p, &err) != LC_OK) {
		worker_result(w, ticket, err.code, err.msg);
		worker_failed(w, "Could not look up the profile", &err);
		goto out;
	}
	memset(&mp, 0, sizeof mp);
	mp.urn = p.entity_urn;
	mp.public_id = p.public_id;
	mp.first_name = p.first_name;
	mp.last_name = p.last_name;
	mp.headline = p.headline;
	mp.location =
	    p.location_name != NULL ? p.location_name : p.geo_location_name;
	mp.industry = p.industry_name;
	mp.summary = p.summary;
	mp.picture_url = p.display_picture_url;
	mp.premium = p.premium;
	mp.distance = distance = worker_known_distance(w, mp.urn);
	if (mp.urn != NULL) {
		model_put_profile(w->m, &mp);
		if (w->st != NULL)
			store_put_profile(w->st, &mp, NULL);
	}
	worker_result(w, ticket, mp.urn != NULL ? LC_OK : LC_EBADRESP,
	              mp.urn != NULL ? mp.urn
	                             : "The service sent a profile without "
	                               "an id.");
	worker_succeeded(w);
	worker_notify(w);
out:
	free(distance);
	voyager_profile_free(&p);
}

static void
worker_run_resolve(struct worker *w, const char *public_id)
{
	struct voyager_profile_brief b;
	struct model_profile mp;
	struct lc_error err;

	memset(&b, 0, sizeof b);
	if (voyager_resolve_public_id(w->ctx, public_id, &b, &err) != LC_OK) {
		worker_failed(w, "Could not find that profile", &err);
		goto out;
	}
	memset(&mp, 0, sizeof mp);
	mp.urn = b.entity_urn;
	mp.public_id = b.public_id;
	mp.first_name = b.first_name;
	mp.last_name = b.last_name;
	mp.headline = b.headline;
	if (mp.urn != NULL)
		model_put_profile(w->m, &mp);
	worker_succeeded(w);
	worker_notify(w);
out:
	voyager_profile_brief_free(&b);
}

static void
worker_run_invites(struct worker *w, uint64_t ticket)
{
	struct voyager_invitation_page pg;
	struct model_invitation *v;
	struct lc_error err;
	char **names, **urns;
	size_t i;

	memset(&pg, 0, sizeof pg);
	if (voyager_invitations(w->ctx, 0, 0, &pg, &err) != LC_OK) {
		worker_result(w, ticket, err.code, err.msg);
		worker_failed(w, "Could not load invitations", &err);
		goto out;
	}
	v = xcalloc(pg.n + 1, sizeof *v);
	names = xcalloc(pg.n + 1, sizeof *names);
	urns = xcalloc(pg.n + 1, sizeof *urns);
	for (i = 0; i < pg.n; i++) {
		const struct voyager_invitation *in = &pg.items[i];

		names[i] = xasprintf(
		    "%s%s%s", in->first_name != NULL ? in->first_name : "",
		    in->first_name != NULL && in->last_name != NULL ? " " : "",
		    in->last_name != NULL ? in->last_name : "");
		urns[i] = in->from_urn_id != NULL ? urn_profile(in->from_urn_id)
		                                  : xstrdup("");
		v[i].urn = in->urn;
		v[i].shared_secret = in->shared_secret;
		v[i].from_urn = urns[i];
		v[i].from_name = names[i];
		v[i].from_headline = in->occupation;
		v[i].message = in->message;
		v[i].sent_ms = in->sent_time;
	}
	model_set_invitations(w->m, v, pg.n);
	worker_result(w, ticket, LC_OK, NULL);
	for (i = 0; i < pg.n; i++) {
		free(names[i]);
		free(urns[i]);
	}
	free(names);
	free(urns);
	free(v);
	worker_succeeded(w);
	worker_notify(w);
out:
	voyager_invitation_page_free(&pg);
}

static void
worker_run_invite_reply(struct worker *w, const char *id, const char *secret,
                        int accept)
{
	struct lc_error err;
	char *urn;

	if (voyager_invitation_reply(w->ctx, id, secret, accept, &err) !=
	    LC_OK) {
		worker_failed(w,
		              accept ? "Could not accept the invitation"
		                     : "Could not ignore the invitation",
		              &err);
		return;
	}
	if (model_remove_invitation(w->m, id) != 0) {
		urn = xasprintf("urn:li:fs_relInvitation:%s", id);
		model_remove_invitation(w->m, urn);
		free(urn);
	}
	worker_succeeded(w);
	worker_notify(w);
}

static void
worker_run_search(struct worker *w, const char *keywords, uint64_t ticket)
{
	struct voyager_search_page pg;
	struct model_search_hit *v;
	struct lc_error err;
	char **urns;
	size_t i;

	memset(&pg, 0, sizeof pg);
	if (voyager_search_people(w->ctx, keywords, 0, &pg, &err) != LC_OK) {
		worker_result(w, ticket, err.code, err.msg);
		worker_failed(w, "Search failed", &err);
		goto out;
	}
	v = xcalloc(pg.n + 1, sizeof *v);
	urns = xcalloc(pg.n + 1, sizeof *urns);
	for (i = 0; i < pg.n; i++) {
		urns[i] = pg.items[i].urn_id != NULL
		              ? urn_profile(pg.items[i].urn_id)
		              : xstrdup("");
		v[i].urn = urns[i];
		v[i].public_id = pg.items[i].public_id;
		v[i].name = pg.items[i].name;
		v[i].headline = pg.items[i].jobtitle;
		v[i].location = pg.items[i].location;
		v[i].distance = pg.items[i].distance;
	}
	model_set_search(w->m, keywords, v, pg.n);
	worker_result(w, ticket, LC_OK, NULL);
	for (i = 0; i < pg.n; i++)
		free(urns[i]);
	free(urns);
	free(v);
	worker_succeeded(w);
	worker_notify(w);
out:
	voyager_search_page_free(&pg);
}

/* worker_push_react() changed the model before queueing: keep that in
 * the store once the service agreed, else undo it.  Either way the next
 * read of the thread brings the service's own counts. */
static void
worker_react_done(struct worker *w, const struct worker_job *j, enum lc_err rc)
{
	struct model_msg mm;

	if (rc != LC_OK) {
		model_react(w->m, j->u.react.msg, j->u.react.emoji,
		            !j->u.react.on);
		return;
	}
	if (w->st == NULL ||
	    model_get_message(w->m, j->u.react.msg, NULL, &mm) != 0)
		return;
	store_set_reactions(w->st, j->u.react.msg, mm.reactions,
	                    mm.my_reactions, NULL);
	model_msg_clear(&mm);
}

/* Actions that are one request and a small model change. */
static void
worker_run_action(struct worker *w, struct worker_job *j)
{
	const char *one[1];
	struct lc_error err;
	enum lc_err rc = LC_OK;
	const char *what = "Could not do that";

	lc_error_clear(&err);
	switch (j->kind) {
	case WJ_MARK:
		what = j->u.mark.read ? "Could not mark as read"
		                      : "Could not mark as unread";
		one[0] = j->u.mark.conv;
		if ((rc = worker_ensure_me(w, &err)) == LC_OK)
			rc = voyager_mark_read(w->ctx, one, 1, j->u.mark.read,
			                       &err);
		if (rc == LC_OK) {
			if (w->st != NULL)
				store_set_read(w->st, j->u.mark.conv,
				               j->u.mark.read, NULL);
			model_set_read(w->m, j->u.mark.conv, j->u.mark.read);
		}
		break;
	case WJ_REACT:
		what = j->u.react.on ? "Could not react"
		                     : "Could not take the reaction back";
		rc = voyager_react(w->ctx, j->u.react.msg, j->u.react.emoji,
		                   j->u.react.on, &err);
		worker_react_done(w, j, rc);
		break;
	case WJ_EDIT:
		what = "Could not edit the message";
		rc = voyager_edit(w->ctx, j->u.edit.msg, j->u.edit.text, &err);
		if (rc == LC_OK) {
			if (w->st != NULL)
				store_edit_message(w->st, j->u.edit.msg,
				                   j->u.edit.text,
				                   MODEL_MSG_EDITED, NULL);
			model_edit_message(w->m, j->u.edit.msg, j->u.edit.text);
		}
		break;
	case WJ_RECALL:
		what = "Could not delete the message";
		if ((rc = voyager_recall(w->ctx, j->u.edit.msg, &err)) ==
		    LC_OK) {
			if (w->st != NULL)
				store_edit_message(w->st, j->u.edit.msg, "",
				                   MODEL_MSG_RECALLED, NULL);
			model_recall_message(w->m, j->u.edit.msg);
		}
		break;
	case WJ_CONNECT:
		what = "Could not send the invitation";
		rc = voyager_connect(w->ctx, j->u.connect.who,
		                     j->u.connect.note, NULL, &err);
		worker_result(w, j->ticket, rc, rc == LC_OK ? NULL : err.msg);
		if (rc == LC_ECONFLICT || rc == LC_EQUOTA) {
			/* an answer, not a failure: the dialog says it */
			worker_notify(w);
			return;
		}
		break;
	default:
		return;
	}
	if (rc != LC_OK) {
		worker_failed(w, what, &err);
		return;
	}
	worker_succeeded(w);
	worker_notify(w);
}

static void
worker_run_local(struct worker *w, struct worker_job *j)
{
	struct lc_error err;
	enum lc_err rc = LC_OK;

	lc_error_clear(&err);
	switch (j->kind) {
	case WJ_DRAFT:
		if (w->st != NULL)
			rc = store_set_draft(w->st, j->u.draft.conv,
			                     j->u.draft.text, clock_wall_ms(),
			                     &err);
		if (rc != LC_OK)
			worker_failed(w, "Could not save the draft", &err);
		break;
	case WJ_DISCARD:
		if (w->st != NULL &&
		    outbox_discard(w->st, w->m, j->u.send.token, &err) != LC_OK)
			worker_failed(w, "Could not discard the message", &err);
		worker_notify(w);
		break;
	case WJ_RETRY:
		if (w->st == NULL)
			break;
		if (outbox_retry(w->st, w->m, j->u.send.token, &err) != LC_OK) {
			worker_failed(w, "Could not retry the message", &err);
			break;
		}
		worker_notify(w);
		worker_send_rows(w, j->u.send.token, 1);
		break;
	default:
		break;
	}
}

void
worker_run_job(struct worker *w, struct worker_job *j)
{
	if (worker_stopping(w))
		return;
	/* Local jobs run even without a session. */
	if (j->kind == WJ_DRAFT || j->kind == WJ_DISCARD) {
		worker_run_local(w, j);
		return;
	}
	/* A placeholder (a first message not yet sent) is only local. */
	if (((j->kind == WJ_OPEN || j->kind == WJ_OLDER) &&
	     urn_is_placeholder(j->u.conv.conv)) ||
	    (j->kind == WJ_MARK && urn_is_placeholder(j->u.mark.conv)))
		return;
	if (j->kind == WJ_STREAM ||
	    (!atomic_load(&w->auth_dead) &&
	     (j->kind == WJ_EVENT || j->kind == WJ_HEARTBEAT ||
	      j->kind == WJ_TYPING))) {
		worker_live_run(w, j);
		return;
	}
	if (atomic_load(&w->auth_dead)) {
		if (j->kind == WJ_HEARTBEAT)
			w->heartbeat_queued = 0;
		if (j->kind == WJ_DELTA || j->kind == WJ_INITIAL)
			w->delta_queued = 0;
		if (j->kind == WJ_OUTBOX)
			w->outbox_queued = 0;
		if (j->kind == WJ_TRIAGE)
			w->triage_queued = 0;
		if (j->kind == WJ_FOLDER)
			worker_run_folder(w, j);
		return;
	}
	switch (j->kind) {
	case WJ_INITIAL:
		worker_run_initial(w);
		break;
	case WJ_DELTA:
		worker_run_delta(w);
		break;
	case WJ_FOLDER:
		worker_run_folder(w, j);
		break;
	case WJ_OUTBOX:
		worker_run_outbox(w);
		break;
	case WJ_TRIAGE:
		worker_run_triage(w);
		break;
	case WJ_SEND:
		worker_send_rows(w, j->u.send.token, 0);
		break;
	case WJ_RETRY:
		worker_run_local(w, j);
		break;
	case WJ_OPEN:
		worker_run_open(w, j->u.conv.conv, j->u.conv.user);
		break;
	case WJ_OLDER:
		worker_run_older(w, j->u.conv.conv);
		break;
	case WJ_PROFILE:
		worker_run_profile(w, j->u.who.who, j->ticket);
		break;
	case WJ_RESOLVE:
		worker_run_resolve(w, j->u.who.who);
		break;
	case WJ_INVITES:
		worker_run_invites(w, j->ticket);
		break;
	case WJ_INVITE_REPLY:
		worker_run_invite_reply(w, j->u.reply.id, j->u.reply.secret,
		                        j->u.reply.accept);
		break;
	case WJ_SEARCH:
		worker_run_search(w, j->u.search.keywords, j->ticket);
		break;
	case WJ_FIND:
		worker_run_find(w, j->u.search.keywords, j->ticket);
		break;
	default:
		worker_run_action(w, j);
		break;
	}
}
