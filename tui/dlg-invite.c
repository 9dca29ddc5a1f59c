/* dlg-invite.c — received invitations (I): who, their headline, when and
 * their message, with accept (a) and ignore (x).  The list is the
 * model's, asked for again when the dialog opens (its outcome is the
 * result for the ticket the request returned); the worker removes an invitation
 * once the service took the answer.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/dlg.h"
#include "tui/draw.h"
#include "tui/timefmt.h"
#include "core/xmalloc.h"

struct dlg_invite {
	struct dlg_list l;
	uint64_t ticket; /* the load's outcome (model_get_result()) */
};

static void
invite_free(void *st)
{
	free(st);
}

static int
invite_cmd(struct tui *t, struct dlg *d, enum cmd_id id)
{
	struct dlg_invite *s = d->st;
	struct model_invitation *v;
	size_t n = model_invitations(t->model, &v);
	int rc = 1;

	if (dlg_list_move(&s->l, n, id)) {
		model_invitations_free(v, n);
		return 1;
	}
	dlg_list_fit(&s->l, n, 1);
	switch (id) {
	case CMD_ACCEPT:
	case CMD_IGNORE:
		if (n == 0)
			break;
		if (t->opts.actions.invitation_reply == NULL) {
			tui_notice(t, 1,
			           "Answering needs the service: not "
			           "connected.");
			break;
		}
		t->opts.actions.invitation_reply(
		    t->opts.actions.ctx, v[s->l.sel].urn,
		    v[s->l.sel].shared_secret, id == CMD_ACCEPT);
		tui_notice(t, 0, "%s the invitation from %s\xe2\x80\xa6",
		           id == CMD_ACCEPT ? "Accepting" : "Ignoring",
		           v[s->l.sel].from_name);
		break;
	default:
		rc = 0;
		break;
	}
	model_invitations_free(v, n);
	return rc;
}

/* No invitations held: still loading, failed, or none. */
static void
invite_draw_empty(struct tui *t, struct dlg_invite *s, struct screen_rect r)
{
	char *text = NULL;
	int code;

	if (model_get_result(t->model, s->ticket, &code, &text) != 0)
		draw_text(stdscr, r.y, r.x, r.w, THEME_DIALOG, 0,
		          "Loading invitations\xe2\x80\xa6");
	else if (code != 0) {
		draw_text(stdscr, r.y, r.x, r.w, THEME_STATUS_ERROR, 0,
		          "Could not load the invitations:");
		dlg_wrap(r.y + 1, r.x, r.w, r.h - 2, THEME_DIALOG,
		         text != NULL ? text : "");
	} else
		draw_text(stdscr, r.y, r.x, r.w, THEME_DIALOG, 0,
		          "No pending invitations.");
	free(text);
}

static void
invite_draw(struct tui *t, struct dlg *d, struct screen_rect r)
{
	struct dlg_invite *s = d->st;
	struct model_invitation *v;
	size_t n = model_invitations(t->model, &v), i;
	int y = r.y, per = 3, fit = (r.h - 1) / per;
	char when[32];

	if (n == 0)
		invite_draw_empty(t, s, r);
	dlg_list_fit(&s->l, n, fit);
	for (i = s->l.top; i < n && y + per <= r.y + r.h - 1; i++) {
		enum theme_elem el =
		    i == s->l.sel ? THEME_INBOX_SELECTED : THEME_DIALOG;

		timefmt_inbox((time_t)(v[i].sent_ms / 1000), t->now, when,
		              sizeof when);
		draw_fill(stdscr, y, r.x, r.w, el);
		draw_text(stdscr, y, r.x, r.w - 8, el, DRAW_ELLIPSIS,
		          v[i].from_name);
		draw_text(stdscr, y, r.x + r.w - 8, 8, el, DRAW_RIGHT, when);
		draw_text(stdscr, y + 1, r.x + 2, r.w - 2, THEME_INBOX_PREVIEW,
		          DRAW_ELLIPSIS, v[i].from_headline);
		if (v[i].message[0] != '\0')
			draw_textf(stdscr, y + 2, r.x + 2, r.w - 2,
			           THEME_DIALOG, DRAW_ELLIPSIS,
			           "\xe2\x80\x9c%s\xe2\x80\x9d", v[i].message);
		y += per;
	}
	draw_text(stdscr, r.y + r.h - 1, r.x, r.w, THEME_COMPOSE_HINT, 0,
	          "j/k: move   a: accept   x: ignore   Esc: close");
	model_invitations_free(v, n);
}

static const struct dlg_ops invite_ops = {
    "Invitations", KEYMAP_MENU, 0,           invite_cmd,
    NULL,          invite_draw, invite_free, NULL,
};

void
dlg_invite_open(struct tui *t)
{
	struct dlg_invite *s;

	if (t->opts.actions.invitations == NULL) {
		tui_notice(t, 1,
		           "Invitations need the service: not "
		           "connected.");
		return;
	}
	s = xcalloc(1, sizeof *s);
	s->ticket = t->opts.actions.invitations(t->opts.actions.ctx);
	dlg_open(t, &invite_ops, s);
}
