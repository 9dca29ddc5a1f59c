/* cmd-msg.c — the table commands on the open conversation's messages.
 *
 * Editing a sent message borrows the compose box: e puts the text there
 * and sets t->edit_urn; the compose box's Enter then saves the edit
 * instead of sending, Esc gives it up (cmd_msg_compose()).  A failed
 * message is not edited but taken back, to be sent again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "tui/clipboard.h"
#include "tui/cmd-msg.h"
#include "tui/dlg.h"
#include "tui/opener.h"
#include "tui/pane-inbox.h"
#include "tui/pane-compose.h"
#include "tui/pane-thread.h"
#include "tui/tui-int.h"
#include "core/xmalloc.h"

void
cmd_msg_reply(struct tui *t, enum cmd_id id)
{
	(void)id;
	tui_set_focus(t, TUI_FOCUS_COMPOSE);
}

void
cmd_msg_quote(struct tui *t, enum cmd_id id)
{
	const char *s = thread_selected_text(t), *nl;
	struct buf b;

	(void)id;
	if (s == NULL)
		return;
	buf_init(&b, 0);
	for (;;) {
		nl = strchr(s, '\n');
		buf_addstr(&b, "> ");
		buf_add(&b, s, nl != NULL ? (size_t)(nl - s) : strlen(s));
		buf_addc(&b, '\n');
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	tui_set_focus(t, TUI_FOCUS_COMPOSE);
	compose_insert(t, b.data, b.len);
	buf_release(&b);
}

/* e on your last sent message: its text into the compose box, where
 * Enter saves the edit (cmd_msg_compose). */
static void
cmd_msg_edit_sent(struct tui *t)
{
	struct pane_thread *p = &t->thread;
	const struct model_msg *m = NULL;
	size_t i;

	for (i = p->snap.n; i > 0 && m == NULL; i--) {
		if (p->snap.msgs[i - 1].mine && p->snap.msgs[i - 1].urn[0] &&
		    (p->snap.msgs[i - 1].state == MODEL_MSG_SENT ||
		     p->snap.msgs[i - 1].state == MODEL_MSG_EDITED))
			m = &p->snap.msgs[i - 1];
	}
	if (m == NULL) {
		tui_notice(t, 1, "You have no sent message here to edit.");
		return;
	}
	if (t->opts.actions.edit == NULL) {
		tui_notice(t, 1, "Editing needs the service: not connected.");
		return;
	}
	free(t->edit_urn);
	t->edit_urn = xstrdup(m->urn);
	tui_set_focus(t, TUI_FOCUS_COMPOSE);
	edit_set_text(t->compose.ed, NULL);
	compose_insert(t, m->text, strlen(m->text));
	tui_notice(t, 0, "Editing your message: Enter saves, Esc cancels.");
}

void
cmd_msg_edit_last(struct tui *t, enum cmd_id id)
{
	const struct model_msg *m = &t->thread.snap.msgs[t->thread.sel];
	char *text, *tok;

	(void)id;
	if (m->state != MODEL_MSG_FAILED) {
		cmd_msg_edit_sent(t);
		return;
	}
	text = xstrdup(m->text);
	tok = xstrdup(m->origin_token);
	if (t->opts.actions.take_back != NULL)
		t->opts.actions.take_back(t->opts.actions.ctx, tok);
	tui_set_focus(t, TUI_FOCUS_COMPOSE);
	edit_set_text(t->compose.ed, NULL);
	compose_insert(t, text, strlen(text));
	tui_model_changed(t);
	free(text);
	free(tok);
}

/* The link goes to the status bar where there is no display to open it
 * on. */
void
cmd_msg_open_link(struct tui *t, enum cmd_id id)
{
	const struct config *c = t->opts.config;
	const char *s = thread_selected_text(t), *u;
	const char *opener =
	    c != NULL && c->opener != NULL ? c->opener : "xdg-open";
	size_t len;
	char *url;

	(void)id;
	if (s == NULL || (u = opener_find_link(s, &len)) == NULL) {
		tui_notice(t, 0, "No link in this message.");
		return;
	}
	url = xstrndup(u, len);
	if (opener_have_display() && opener_run(opener, url) == 0)
		tui_notice(t, 0, "Opening %s", url);
	else
		tui_notice(t, 0, "Link: %s", url);
	free(url);
}

/* The way [ui] clipboard says (tui/clipboard.h); the status bar tells
 * how it went. */
void
cmd_msg_copy(struct tui *t, enum cmd_id id)
{
	const struct config *c = t->opts.config;
	const char *s = thread_selected_text(t);
	char *msg;
	int rc;

	(void)id;
	if (s == NULL)
		return;
	fflush(stdout);
	rc = clipboard_copy(c != NULL ? c->clipboard : NULL,
	                    c != NULL ? c->clipboard_command : NULL, s,
	                    STDOUT_FILENO, &msg);
	tui_notice(t, rc != 0, "%s", msg);
	free(msg);
}

/* M keeps the open conversation unread though it is on screen, until it
 * is opened again or newer activity comes (tui_mark_open_read()). */
void
cmd_msg_mark_read(struct tui *t, enum cmd_id id)
{
	const struct model_inbox_row *r = inbox_row(t, t->thread.urn);

	t->thread.kept_unread = 0;
	if (id == CMD_MARK_UNREAD)
		t->thread.kept_unread =
		    r != NULL && r->last_ms > 0 ? r->last_ms : 1;
	if (t->opts.actions.mark_read != NULL)
		t->opts.actions.mark_read(t->opts.actions.ctx, t->thread.urn,
		                          id == CMD_MARK_READ);
	tui_model_changed(t);
}

void
cmd_msg_react(struct tui *t, enum cmd_id id)
{
	(void)id;
	dlg_react_open(t);
}

void
cmd_msg_delete(struct tui *t, enum cmd_id id)
{
	(void)id;
	dlg_recall_open(t);
}

/* Enter or Esc while the compose box edits a sent message. */
static void
cmd_msg_end_edit(struct tui *t, enum cmd_id id)
{
	if (id == CMD_SEND && edit_len(t->compose.ed) > 0)
		t->opts.actions.edit(t->opts.actions.ctx, t->edit_urn,
		                     edit_text(t->compose.ed));
	if (id == CMD_SEND)
		tui_notice(t, 0, "Saving the edit\xe2\x80\xa6");
	free(t->edit_urn);
	t->edit_urn = NULL;
	edit_clear(t->compose.ed);
	compose_save(t);
	tui_relayout(t, t->layout.rows, t->layout.cols);
}

void
cmd_msg_compose(struct tui *t, enum cmd_id id)
{
	if (t->edit_urn != NULL) {
		/* too long: stay in the edit with the text */
		if (id == CMD_SEND &&
		    compose_too_long(t, edit_text(t->compose.ed)))
			return;
		cmd_msg_end_edit(t, id);
		if (id == CMD_SEND)
			return;
	}
	cmd_run(&t->handlers[KEYMAP_COMPOSE], id);
}
