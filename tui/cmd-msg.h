/* cmd-msg.h — the table commands on the open conversation and its
 * messages: reply, quote, edit, links, copy, mark read, react, delete,
 * and the compose box's Enter and Esc while it edits a sent message.
 *
 * Each is a cmd_exec_fn named in cmd.c's table; cmd_exec() has checked
 * its needs.  UI thread only.
 */
#ifndef LC_CMD_MSG_H
#define LC_CMD_MSG_H

#include "tui/cmd.h"

/* r in the thread: focus the compose box. */
void cmd_msg_reply(struct tui *t, enum cmd_id id);
/* The selected message, quoted with "> ", into the compose box. */
void cmd_msg_quote(struct tui *t, enum cmd_id id);
/* e: a failed message's text back into the compose box (dropping it from
 * the model), otherwise your last sent message to edit. */
void cmd_msg_edit_last(struct tui *t, enum cmd_id id);
/* o: the selected message's first link to the opener or the status bar. */
void cmd_msg_open_link(struct tui *t, enum cmd_id id);
/* y: the selected message to the clipboard as [ui] clipboard says. */
void cmd_msg_copy(struct tui *t, enum cmd_id id);
/* CMD_MARK_READ / CMD_MARK_UNREAD on the open conversation. */
void cmd_msg_mark_read(struct tui *t, enum cmd_id id);
/* The react and delete dialogs for the selected message. */
void cmd_msg_react(struct tui *t, enum cmd_id id);
void cmd_msg_delete(struct tui *t, enum cmd_id id);
/* CMD_SEND / CMD_BACK in the compose box: save or give up an edit of a
 * sent message, otherwise the compose box's own send and back. */
void cmd_msg_compose(struct tui *t, enum cmd_id id);

#endif
