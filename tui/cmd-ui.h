/* cmd-ui.h — the table commands about the UI as a whole: quitting, help,
 * focus, sync, the prompts and the dialogs that need no message.
 *
 * Each is a cmd_exec_fn named in cmd.c's table; cmd_exec() has checked
 * its needs.  UI thread only.
 */
#ifndef LC_CMD_UI_H
#define LC_CMD_UI_H

#include "tui/cmd.h"

/* q: quits, or while a message is still being sent arms t->quit_armed
 * and asks; a second q while armed quits. */
void cmd_ui_quit(struct tui *t, enum cmd_id id);
/* C-l: forgets what the terminal shows and paints every cell again (the
 * thread laid out anew), over a dialog, a prompt or the help too. */
void cmd_ui_redraw(struct tui *t, enum cmd_id id);
/* ?: opens the help screen at its top. */
void cmd_ui_help(struct tui *t, enum cmd_id id);
/* Tab / Shift-Tab: the next (previous) pane; with no conversation open,
 * opens the selected one. */
void cmd_ui_focus(struct tui *t, enum cmd_id id);
/* R: asks the worker to sync now (needs the service). */
void cmd_ui_sync(struct tui *t, enum cmd_id id);
/* Opens the next unread conversation, crossing to the next folder with
 * one when [ui] next_unread_folders is on, or says there is none. */
void cmd_ui_next_unread(struct tui *t, enum cmd_id id);
/* /: the inbox's filter prompt or the thread's search prompt. */
void cmd_ui_search(struct tui *t, enum cmd_id id);
/* / in the inbox: the search of every stored message (dlg-msgsearch). */
void cmd_ui_find(struct tui *t, enum cmd_id id);
/* The profile dialog: for the selected message's other person in the
 * thread, asking for whom elsewhere. */
void cmd_ui_profile(struct tui *t, enum cmd_id id);
/* The connection request, invitations and new message dialogs. */
void cmd_ui_connect(struct tui *t, enum cmd_id id);
void cmd_ui_invitations(struct tui *t, enum cmd_id id);
void cmd_ui_new(struct tui *t, enum cmd_id id);

#endif
