/* cmd-ui.c — the table commands about the UI as a whole.
 *
 * Quitting asks first while a message is still in the outbox: the first
 * q arms t->quit_armed and says so, a second q quits, and any other key
 * (or a new notice replacing the question) disarms it (tui_key()).
 */
#include <stdlib.h>
#include <string.h>

#include "tui/cmd-ui.h"
#include "tui/dlg.h"
#include "tui/pane-inbox.h"
#include "tui/tui-int.h"
#include "core/xmalloc.h"

/* Whether any held message is still being sent. */
static int
cmd_ui_send_pending(struct tui *t)
{
	struct model_inbox in;
	struct model_thread th;
	size_t i, j;
	int pending = 0;

	model_inbox_snapshot(t->model, 0, &in);
	for (i = 0; i < in.n && !pending; i++) {
		if (model_thread_snapshot(t->model, in.rows[i].urn, 20, &th) !=
		    0)
			continue;
		for (j = 0; j < th.n; j++)
			pending |= th.msgs[j].state == MODEL_MSG_PENDING;
		model_thread_release(&th);
	}
	model_inbox_release(&in);
	return pending;
}

void
cmd_ui_quit(struct tui *t, enum cmd_id id)
{
	(void)id;
	if (t->quit_armed || !cmd_ui_send_pending(t)) {
		t->quit = 1;
		return;
	}
	tui_notice(t, 1, "Still sending: press q again to quit anyway.");
	t->quit_armed = 1;
}

void
cmd_ui_redraw(struct tui *t, enum cmd_id id)
{
	(void)id;
	clearok(curscr, TRUE);
	erase();
	t->thread.width = -1;
	t->dirty |= TUI_DIRTY_ALL;
}

void
cmd_ui_help(struct tui *t, enum cmd_id id)
{
	(void)id;
	t->help_open = 1;
	t->help_top = 0;
	t->dirty |= TUI_DIRTY_ALL;
}

void
cmd_ui_focus(struct tui *t, enum cmd_id id)
{
	static const enum tui_focus next[] = {
	    TUI_FOCUS_THREAD, TUI_FOCUS_COMPOSE, TUI_FOCUS_INBOX};
	static const enum tui_focus prev[] = {
	    TUI_FOCUS_COMPOSE, TUI_FOCUS_INBOX, TUI_FOCUS_THREAD};

	if (t->thread.urn == NULL) {
		tui_open_selected(t, 0);
		return;
	}
	tui_set_focus(t,
	              id == CMD_FOCUS_NEXT ? next[t->focus] : prev[t->focus]);
}

void
cmd_ui_sync(struct tui *t, enum cmd_id id)
{
	(void)id;
	t->opts.actions.sync(t->opts.actions.ctx);
	tui_notice(t, 0, "Syncing\xe2\x80\xa6");
}

/* The next folder of Focused, Other, Requests, InMail after the one
 * shown that holds an unread conversation: shown, and 1; else 0. */
static int
cmd_ui_unread_folder(struct tui *t)
{
	int k, f;

	for (k = 1; k < FOLDER_ARCHIVE; k++) {
		f = ((int)t->inbox.folder + k) % FOLDER_ARCHIVE;
		if (t->inbox.counted[f] > 0) {
			inbox_set_folder(t, (enum folder)f);
			return inbox_next_unread(t);
		}
	}
	return 0;
}

void
cmd_ui_next_unread(struct tui *t, enum cmd_id id)
{
	(void)id;
	if (!inbox_next_unread(t) &&
	    (!t->next_unread_folders || !cmd_ui_unread_folder(t))) {
		tui_notice(t, 0, "No unread conversations.");
		return;
	}
	tui_open_selected(t, 0);
}

void
cmd_ui_find(struct tui *t, enum cmd_id id)
{
	(void)id;
	dlg_msgsearch_open(t);
}

void
cmd_ui_search(struct tui *t, enum cmd_id id)
{
	(void)id;
	t->prompt =
	    t->focus == TUI_FOCUS_INBOX ? TUI_PROMPT_FILTER : TUI_PROMPT_SEARCH;
	edit_set_text(t->prompt_ed, t->prompt == TUI_PROMPT_FILTER
	                                ? t->inbox.filter
	                                : t->thread.search);
	t->dirty |= TUI_DIRTY_STATUS;
}

/* The other person of the selected message, else the conversation's
 * first participant who is not you; NULL if none.  Caller frees. */
static char *
cmd_ui_profile_who(struct tui *t)
{
	const struct pane_thread *p = &t->thread;
	struct model_participant *v;
	const char *me = NULL;
	char *who = NULL;
	size_t i, n;

	for (i = 0; i < p->snap.n; i++)
		if (p->snap.msgs[i].mine && p->snap.msgs[i].sender_urn[0])
			me = p->snap.msgs[i].sender_urn;
	if (p->sel < p->snap.n && !p->snap.msgs[p->sel].mine &&
	    p->snap.msgs[p->sel].sender_urn[0] != '\0')
		who = xstrdup(p->snap.msgs[p->sel].sender_urn);
	n = model_participants(t->model, p->urn, &v);
	for (i = 0; i < n && who == NULL; i++)
		if (me == NULL || strcmp(v[i].urn, me) != 0)
			who = xstrdup(v[i].urn);
	model_participants_free(v, n);
	return who;
}

void
cmd_ui_profile(struct tui *t, enum cmd_id id)
{
	char *who;

	(void)id;
	if (t->focus == TUI_FOCUS_INBOX || t->thread.urn == NULL ||
	    !t->thread.have_snap) {
		dlg_profile_open(t, NULL);
		return;
	}
	who = cmd_ui_profile_who(t);
	dlg_profile_open(t, who);
	free(who);
}

void
cmd_ui_connect(struct tui *t, enum cmd_id id)
{
	(void)id;
	dlg_connect_open(t, NULL);
}

void
cmd_ui_invitations(struct tui *t, enum cmd_id id)
{
	(void)id;
	dlg_invite_open(t);
}

void
cmd_ui_new(struct tui *t, enum cmd_id id)
{
	(void)id;
	dlg_message_open(t, NULL, NULL, NULL);
}
