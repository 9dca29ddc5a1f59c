/* cmd-triage.c — the mailbox's table commands (see cmd-triage.h).
 *
 * The targets of an action are the marked rows of the inbox, else its
 * selected row; in the thread, the open conversation.  A toggle (archive,
 * star, spam, mute) goes the other way when every target already is in
 * that state: a on an archived conversation brings it back.  Report spam
 * and delete ask first (y or Enter / n or Esc); delete cannot be undone.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/cmd-triage.h"
#include "tui/dlg.h"
#include "tui/draw.h"
#include "tui/pane-inbox.h"
#include "tui/tui-int.h"
#include "core/xmalloc.h"

static const char *
triage_verb(enum worker_triage op)
{
	switch (op) {
	case WT_ARCHIVE:
		return "Archived";
	case WT_UNARCHIVE:
		return "Unarchived";
	case WT_FOCUSED:
		return "Moved to Focused";
	case WT_OTHER:
		return "Moved to Other";
	case WT_STAR:
		return "Starred";
	case WT_UNSTAR:
		return "Unstarred";
	case WT_SPAM:
		return "Reported as spam";
	case WT_NOT_SPAM:
		return "Marked not spam";
	case WT_DELETE:
		return "Deleted";
	case WT_READ:
		return "Marked read";
	case WT_UNREAD:
		return "Marked unread";
	case WT_MUTE:
		return "Muted";
	case WT_UNMUTE:
		return "Unmuted";
	}
	return "Changed";
}

static void
triage_forget(struct tui *t)
{
	size_t i;

	for (i = 0; i < t->undo.n; i++)
		free(t->undo.urns[i]);
	free(t->undo.urns);
	t->undo.urns = NULL;
	t->undo.n = 0;
	t->undo.op = -1;
	t->undo.armed = 0;
}

void
cmd_triage_disarm(struct tui *t)
{
	if (t->undo.armed > 0)
		t->undo.armed--;
}

/* One request for the batch; the notice offers the undo where there is
 * one (u answers while the notice stands: t->undo.armed). */
static void
triage_apply(struct tui *t, enum worker_triage op, const char *const *urns,
             size_t n)
{
	size_t i;

	if (t->opts.actions.triage == NULL) {
		tui_notice(t, 1,
		           "Moving conversations needs the service: not "
		           "connected.");
		return;
	}
	if (t->opts.actions.triage(t->opts.actions.ctx, op, urns, n) != 0) {
		tui_notice(t, 1,
		           "Could not do that now: linchat is "
		           "stopping.");
		return;
	}
	triage_forget(t);
	if (worker_triage_undo(op) >= 0) {
		t->undo.op = (int)op;
		t->undo.urns = xcalloc(n + 1, sizeof t->undo.urns[0]);
		for (i = 0; i < n; i++)
			t->undo.urns[i] = xstrdup(urns[i]);
		t->undo.n = n;
		t->undo.armed = 2; /* this key's turn, and the next key's */
		tui_notice(t, 0, "%s %zu conversation%s \xe2\x80\x94 u to undo",
		           triage_verb(op), n, n == 1 ? "" : "s");
	} else
		tui_notice(t, 0, "%s %zu conversation%s.", triage_verb(op), n,
		           n == 1 ? "" : "s");
	inbox_clear_marks(t);
	/* a deleted conversation leaves nothing to read in the thread */
	if (op == WT_DELETE && t->focus != TUI_FOCUS_INBOX)
		tui_set_focus(t, TUI_FOCUS_INBOX);
	tui_model_changed(t);
}

/* --- the confirmation of spam and delete --- */

struct triage_ask {
	enum worker_triage op;
	char **urns;
	size_t n;
};

static void
ask_free(void *st)
{
	struct triage_ask *s = st;
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->urns[i]);
	free(s->urns);
	free(s);
}

static void
ask_yes(struct tui *t, struct triage_ask *s)
{
	enum worker_triage op = s->op;
	char **urns = s->urns;
	size_t n = s->n;

	/* dlg_close() frees s: keep what the action needs */
	s->urns = NULL;
	s->n = 0;
	dlg_close(t);
	triage_apply(t, op, (const char *const *)urns, n);
	while (n > 0)
		free(urns[--n]);
	free(urns);
}

static int
ask_cmd(struct tui *t, struct dlg *d, enum cmd_id id)
{
	if (id != CMD_CONFIRM)
		return 0;
	ask_yes(t, d->st);
	return 1;
}

static void
ask_text(struct tui *t, struct dlg *d, int key)
{
	if (key == 'y' || key == 'Y')
		ask_yes(t, d->st);
	else if (key == 'n' || key == 'N')
		dlg_close(t);
}

static void
ask_draw(struct tui *t, struct dlg *d, struct screen_rect r)
{
	const struct triage_ask *s = d->st;

	(void)t;
	if (s->op == WT_SPAM)
		draw_textf(stdscr, r.y, r.x, r.w, THEME_DIALOG, DRAW_PAD,
		           "Report %zu conversation%s as spam?", s->n,
		           s->n == 1 ? "" : "s");
	else
		draw_textf(stdscr, r.y, r.x, r.w, THEME_DIALOG, DRAW_PAD,
		           "Delete %zu conversation%s? This cannot be undone.",
		           s->n, s->n == 1 ? "" : "s");
	draw_text(stdscr, r.y + r.h - 1, r.x, r.w, THEME_COMPOSE_HINT, 0,
	          s->op == WT_SPAM ? "y or Enter: report   n or Esc: keep it"
	                           : "y or Enter: delete   n or Esc: keep it");
}

static const struct dlg_ops ask_ops = {
    "Are you sure?", KEYMAP_MENU, 3,        ask_cmd,
    ask_text,        ask_draw,    ask_free, NULL,
};

static void
triage_ask(struct tui *t, enum worker_triage op, const char *const *urns,
           size_t n)
{
	struct triage_ask *s = xcalloc(1, sizeof *s);
	size_t i;

	s->op = op;
	s->urns = xcalloc(n + 1, sizeof s->urns[0]);
	for (i = 0; i < n; i++)
		s->urns[i] = xstrdup(urns[i]);
	s->n = n;
	dlg_open(t, &ask_ops, s);
}

/* --- choosing the operation --- */

/* 1 if every target has this category bit (muted: bit 0). */
static int
triage_all(struct tui *t, const char *const *urns, size_t n, unsigned bit)
{
	const struct model_inbox_row *r;
	size_t i;

	for (i = 0; i < n; i++) {
		r = inbox_row(t, urns[i]);
		if (r == NULL ||
		    (bit != 0 ? !(r->categories & bit) : !r->muted))
			return 0;
	}
	return 1;
}

static int
triage_op(struct tui *t, enum cmd_id id, const char *const *urns, size_t n)
{
	switch (id) {
	case CMD_ARCHIVE:
		return triage_all(t, urns, n, MODEL_CAT_ARCHIVE) ? WT_UNARCHIVE
		                                                 : WT_ARCHIVE;
	case CMD_MOVE_FOCUSED:
		return WT_FOCUSED;
	case CMD_MOVE_OTHER:
		return WT_OTHER;
	case CMD_STAR:
		return triage_all(t, urns, n, MODEL_CAT_STARRED) ? WT_UNSTAR
		                                                 : WT_STAR;
	case CMD_SPAM:
		return triage_all(t, urns, n, MODEL_CAT_SPAM) ? WT_NOT_SPAM
		                                              : WT_SPAM;
	case CMD_DELETE_CONV:
		return WT_DELETE;
	case CMD_MUTE:
		return triage_all(t, urns, n, 0) ? WT_UNMUTE : WT_MUTE;
	case CMD_MARK_READ:
		return WT_READ;
	case CMD_MARK_UNREAD:
		return WT_UNREAD;
	default:
		return -1;
	}
}

void
cmd_triage_act(struct tui *t, enum cmd_id id)
{
	const char **urns;
	size_t n;
	int op;

	if (t->focus == TUI_FOCUS_INBOX)
		n = inbox_targets(t, &urns);
	else {
		urns = xcalloc(2, sizeof urns[0]);
		urns[0] = t->thread.urn;
		n = urns[0] != NULL ? 1 : 0;
	}
	op = n > 0 ? triage_op(t, id, urns, n) : -1;
	if (op == WT_SPAM || op == WT_DELETE)
		triage_ask(t, (enum worker_triage)op, urns, n);
	else if (op >= 0)
		triage_apply(t, (enum worker_triage)op, urns, n);
	free(urns);
}

void
cmd_triage_undo(struct tui *t, enum cmd_id id)
{
	char **urns;
	size_t n;
	int op;

	(void)id;
	if (t->undo.op < 0 ||
	    (op = worker_triage_undo((enum worker_triage)t->undo.op)) < 0) {
		tui_notice(t, 0, "Nothing to undo.");
		return;
	}
	urns = t->undo.urns;
	n = t->undo.n;
	t->undo.urns = NULL;
	t->undo.n = 0;
	triage_forget(t);
	if (t->opts.actions.triage == NULL ||
	    t->opts.actions.triage(t->opts.actions.ctx, (enum worker_triage)op,
	                           (const char *const *)urns, n) != 0)
		tui_notice(t, 1, "Could not undo now: not connected.");
	else
		tui_notice(t, 0, "Undone: %s %zu conversation%s.",
		           triage_verb((enum worker_triage)op), n,
		           n == 1 ? "" : "s");
	while (n > 0)
		free(urns[--n]);
	free(urns);
	tui_model_changed(t);
}

void
cmd_triage_folder(struct tui *t, enum cmd_id id)
{
	int f = (int)t->inbox.folder;

	if (id == CMD_FOLDER_NEXT)
		f = (f + 1) % FOLDER_COUNT;
	else if (id == CMD_FOLDER_PREV)
		f = (f + FOLDER_COUNT - 1) % FOLDER_COUNT;
	else
		f = (int)(id - CMD_FOLDER_FOCUSED);
	inbox_set_folder(t, (enum folder)f);
}
