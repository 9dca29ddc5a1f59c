/* cmd-triage.h — the table commands of the mailbox (issue 13): switching
 * folders, the triage actions on the marked conversations (or the
 * selected or open one), their undo, and the confirmation that report
 * spam and delete conversation ask first.
 *
 * Each is a cmd_exec_fn named in cmd.c's table.  An action is one
 * tui_actions.triage() call with every URN it applies to (the worker
 * sends one request for the batch); its notice offers u to undo while it
 * stands (t->undo).  UI thread only.
 */
#ifndef LC_CMD_TRIAGE_H
#define LC_CMD_TRIAGE_H

#include "tui/cmd.h"

/* 1-7, [ and ]: shows another folder in the inbox, in the same frame. */
void cmd_triage_folder(struct tui *t, enum cmd_id id);
/* archive, move-focused, move-other, star, spam, delete-conversation,
 * mute, and mark-read / mark-unread over marked rows. */
void cmd_triage_act(struct tui *t, enum cmd_id id);
/* u / U: the undo of the last action, while it is offered. */
void cmd_triage_undo(struct tui *t, enum cmd_id id);
/* Forgets the action u would undo (another key came). */
void cmd_triage_disarm(struct tui *t);

#endif
