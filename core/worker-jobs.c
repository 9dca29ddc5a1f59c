/* worker-jobs.c — the user's actions and the job dispatch (the sends
 * through the outbox are in worker-send.c).
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

/* The model's draft now, not the job's text, which may have become a
 * message since (a crash would then bring it back to be sent twice). */
static enum lc_err
worker_save_draft(struct worker *w, const struct worker_job *j,
                  struct lc_error *err)
{
	char *now = j->u.draft.in_model && w->st != NULL
	                ? model_get_draft(w->m, j->u.draft.conv)
	                : NULL;
	enum lc_err rc = LC_OK;

	if (w->st != NULL)
		rc = store_set_draft(w->st, j->u.draft.conv,
		                     j->u.draft.in_model
		                         ? (now != NULL ? now : "")
		                         : j->u.draft.text,
		                     clock_wall_ms(), err);
	free(now);
	return rc;
}

static void
worker_run_local(struct worker *w, struct worker_job *j)
{
	struct lc_error err;
	enum lc_err rc = LC_OK;

	lc_error_clear(&err);
	switch (j->kind) {
	case WJ_DRAFT:
		rc = worker_save_draft(w, j, &err);
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
