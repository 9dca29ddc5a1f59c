/* cmd.c — the command table and its dispatcher.
 *
 * A row names a command, says what the help screen shows for it and, for
 * the commands that span panes, which function runs it, in which panes
 * and what it needs first.  cmd_exec() checks the needs once, so the
 * handlers in cmd-ui.c and cmd-msg.c start where the work starts.  Rows
 * without exec are a pane's own commands (pane-*.c, cmd_handlers).
 */
#include <string.h>

#include "tui/cmd-msg.h"
#include "tui/cmd-triage.h"
#include "tui/cmd-ui.h"
#include "tui/cmd.h"
#include "tui/tui-int.h"

/* cmd_dispatch() tests e->panes against 1 << t->focus */
/* cmd_triage_folder() counts folders from CMD_FOLDER_FOCUSED */
_Static_assert(CMD_FOLDER_STARRED - CMD_FOLDER_FOCUSED == FOLDER_STARRED,
               "CMD_FOLDER_* follow enum folder");

_Static_assert(CMD_IN_INBOX == 1u << TUI_FOCUS_INBOX &&
                   CMD_IN_THREAD == 1u << TUI_FOCUS_THREAD &&
                   CMD_IN_COMPOSE == 1u << TUI_FOCUS_COMPOSE,
               "CMD_IN_* follow enum tui_focus");

#define ALL CMD_IN_ALL
#define INBOX CMD_IN_INBOX
#define THREAD CMD_IN_THREAD
#define COMPOSE CMD_IN_COMPOSE
#define LISTS (CMD_IN_INBOX | CMD_IN_THREAD)
#define FOLDER(f, name, help)                                                  \
	[CMD_FOLDER_FOCUSED + (f)] = {CMD_FOLDER_FOCUSED + (f), name, help,    \
	                              cmd_triage_folder, LISTS}
#define TRIAGE(id, name, help) [id] = {id, name, help, cmd_triage_act, LISTS}

static const struct cmd_entry cmd_table[CMD_COUNT] = {
    [CMD_NEXT] = {CMD_NEXT, "next", "Move down"},
    [CMD_PREV] = {CMD_PREV, "prev", "Move up"},
    [CMD_TOP] = {CMD_TOP, "top", "Go to the top"},
    [CMD_BOTTOM] = {CMD_BOTTOM, "bottom", "Go to the bottom"},
    [CMD_PAGE_UP] = {CMD_PAGE_UP, "page-up", "Page up"},
    [CMD_PAGE_DOWN] = {CMD_PAGE_DOWN, "page-down", "Page down"},
    [CMD_NEXT_UNREAD] = {CMD_NEXT_UNREAD, "next-unread",
                         "Jump to the next unread conversation",
                         cmd_ui_next_unread, ALL},
    [CMD_OPEN] = {CMD_OPEN, "open", "Open the conversation"},
    [CMD_FOCUS_NEXT] = {CMD_FOCUS_NEXT, "focus-next",
                        "Cycle focus: inbox, thread, compose", cmd_ui_focus,
                        ALL},
    [CMD_FOCUS_PREV] = {CMD_FOCUS_PREV, "focus-prev", "Cycle focus backwards",
                        cmd_ui_focus, ALL},
    [CMD_BACK] = {CMD_BACK, "back", "Back one step: compose, thread, inbox",
                  cmd_msg_compose, COMPOSE},
    [CMD_REPLY] = {CMD_REPLY, "reply", "Reply (focus the compose box)",
                   cmd_msg_reply, THREAD},
    [CMD_QUOTE] = {CMD_QUOTE, "quote", "Reply quoting the message",
                   cmd_msg_quote, THREAD, CMD_NEEDS_MESSAGE},
    [CMD_NEW] = {CMD_NEW, "new", "New message to someone", cmd_ui_new, INBOX},
    [CMD_SEARCH] = {CMD_SEARCH, "search", "Search / filter", cmd_ui_search,
                    INBOX | THREAD},
    [CMD_SEARCH_NEXT] = {CMD_SEARCH_NEXT, "search-next", "Next match"},
    [CMD_SEARCH_PREV] = {CMD_SEARCH_PREV, "search-prev", "Previous match"},
    [CMD_OPEN_LINK] = {CMD_OPEN_LINK, "open-link",
                       "Open the message's first link or the profile",
                       cmd_msg_open_link, THREAD},
    [CMD_COPY] = {CMD_COPY, "copy", "Copy the message to the clipboard",
                  cmd_msg_copy, THREAD},
    [CMD_UNREAD_ONLY] = {CMD_UNREAD_ONLY, "unread-only",
                         "Toggle unread conversations only"},
    [CMD_MARK_READ] = {CMD_MARK_READ, "mark-read", "Mark read",
                       cmd_msg_mark_read, THREAD, CMD_NEEDS_THREAD},
    [CMD_MARK_UNREAD] = {CMD_MARK_UNREAD, "mark-unread", "Mark unread",
                         cmd_msg_mark_read, THREAD, CMD_NEEDS_THREAD},
    [CMD_SYNC] = {CMD_SYNC, "sync", "Sync now", cmd_ui_sync, ALL,
                  CMD_NEEDS_SERVICE},
    [CMD_EDIT_LAST] = {CMD_EDIT_LAST, "edit-last", "Edit your last message",
                       cmd_msg_edit_last, THREAD, CMD_NEEDS_MESSAGE},
    [CMD_DELETE] = {CMD_DELETE, "delete", "Delete (recall) your message",
                    cmd_msg_delete, THREAD},
    [CMD_REACT] = {CMD_REACT, "react", "React, or take your reaction back",
                   cmd_msg_react, THREAD},
    [CMD_FIND] = {CMD_FIND, "search-messages", "Search every stored message",
                  cmd_ui_find, INBOX},
    FOLDER(FOLDER_FOCUSED, "folder-focused", "Show Focused"),
    FOLDER(FOLDER_OTHER, "folder-other", "Show Other"),
    FOLDER(FOLDER_REQUESTS, "folder-requests", "Show message requests"),
    FOLDER(FOLDER_INMAIL, "folder-inmail", "Show InMail"),
    FOLDER(FOLDER_ARCHIVE, "folder-archive", "Show Archive"),
    FOLDER(FOLDER_SPAM, "folder-spam", "Show Spam"),
    FOLDER(FOLDER_STARRED, "folder-starred", "Show starred conversations"),
    [CMD_FOLDER_NEXT] = {CMD_FOLDER_NEXT, "folder-next", "Next folder",
                         cmd_triage_folder, LISTS},
    [CMD_FOLDER_PREV] = {CMD_FOLDER_PREV, "folder-prev", "Previous folder",
                         cmd_triage_folder, LISTS},
    TRIAGE(CMD_ARCHIVE, "archive", "Archive, or back from the archive"),
    TRIAGE(CMD_MOVE_FOCUSED, "move-focused", "Move to Focused"),
    TRIAGE(CMD_MOVE_OTHER, "move-other", "Move to Other"),
    TRIAGE(CMD_STAR, "star", "Star, or unstar"),
    TRIAGE(CMD_SPAM, "spam", "Report spam (asks), or not spam"),
    TRIAGE(CMD_DELETE_CONV, "delete-conversation",
           "Delete the conversation (asks)"),
    TRIAGE(CMD_MUTE, "mute", "Mute, or unmute (no notifications)"),
    [CMD_UNDO] = {CMD_UNDO, "undo", "Undo the last folder action",
                  cmd_triage_undo, LISTS},
    [CMD_MARK] = {CMD_MARK, "mark", "Mark the conversation for an action"},
    [CMD_MARK_ALL] = {CMD_MARK_ALL, "mark-all",
                      "Mark every conversation of the folder, or none"},
    [CMD_PROFILE] = {CMD_PROFILE, "profile", "Look up a profile",
                     cmd_ui_profile, ALL},
    [CMD_CONNECT] = {CMD_CONNECT, "connect", "Send a connection request",
                     cmd_ui_connect, ALL},
    [CMD_INVITATIONS] = {CMD_INVITATIONS, "invitations", "Received invitations",
                         cmd_ui_invitations, ALL},
    [CMD_HELP] = {CMD_HELP, "help", "This help", cmd_ui_help, ALL},
    [CMD_REDRAW] = {CMD_REDRAW, "redraw", "Redraw the whole screen",
                    cmd_ui_redraw, ALL},
    [CMD_QUIT] = {CMD_QUIT, "quit", "Quit", cmd_ui_quit, ALL},
    [CMD_SEND] = {CMD_SEND, "send", "Send the message", cmd_msg_compose,
                  COMPOSE},
    [CMD_NEWLINE] = {CMD_NEWLINE, "newline", "Insert a new line"},
    [CMD_EDITOR] = {CMD_EDITOR, "editor", "Edit in $VISUAL / $EDITOR"},
    [CMD_CHAR_LEFT] = {CMD_CHAR_LEFT, "char-left", "Cursor left"},
    [CMD_CHAR_RIGHT] = {CMD_CHAR_RIGHT, "char-right", "Cursor right"},
    [CMD_WORD_LEFT] = {CMD_WORD_LEFT, "word-left", "Cursor a word left"},
    [CMD_WORD_RIGHT] = {CMD_WORD_RIGHT, "word-right", "Cursor a word right"},
    [CMD_LINE_START] = {CMD_LINE_START, "line-start",
                        "Cursor to the start of the line"},
    [CMD_LINE_END] = {CMD_LINE_END, "line-end",
                      "Cursor to the end of the line"},
    [CMD_LINE_UP] = {CMD_LINE_UP, "line-up", "Cursor up a row"},
    [CMD_LINE_DOWN] = {CMD_LINE_DOWN, "line-down", "Cursor down a row"},
    [CMD_DELETE_BACK] = {CMD_DELETE_BACK, "delete-back",
                         "Delete the character before the cursor"},
    [CMD_DELETE_CHAR] = {CMD_DELETE_CHAR, "delete-char",
                         "Delete the character under the cursor"},
    [CMD_DELETE_WORD] = {CMD_DELETE_WORD, "delete-word",
                         "Delete the word before the cursor"},
    [CMD_DELETE_TO_START] = {CMD_DELETE_TO_START, "delete-to-start",
                             "Delete to the start of the line"},
    [CMD_DELETE_TO_END] = {CMD_DELETE_TO_END, "delete-to-end",
                           "Delete to the end of the line"},
    [CMD_CONFIRM] = {CMD_CONFIRM, "confirm", "Confirm"},
    [CMD_CANCEL] = {CMD_CANCEL, "cancel", "Cancel / close"},
    [CMD_ACCEPT] = {CMD_ACCEPT, "accept", "Accept the invitation"},
    [CMD_IGNORE] = {CMD_IGNORE, "ignore", "Ignore the invitation"},
};

const struct cmd_entry *
cmd_get(enum cmd_id id)
{
	if (id <= CMD_NONE || id >= CMD_COUNT || cmd_table[id].name == NULL)
		return NULL;
	return &cmd_table[id];
}

enum cmd_id
cmd_find(const char *name)
{
	int i;

	if (name == NULL)
		return CMD_NONE;
	for (i = CMD_NONE + 1; i < CMD_COUNT; i++) {
		if (cmd_table[i].name != NULL &&
		    strcmp(cmd_table[i].name, name) == 0)
			return (enum cmd_id)i;
	}
	return CMD_NONE;
}

void
cmd_handlers_init(struct cmd_handlers *h, void *ctx)
{
	memset(h, 0, sizeof *h);
	h->ctx = ctx;
}

void
cmd_handlers_set(struct cmd_handlers *h, enum cmd_id id, cmd_fn *fn)
{
	if (id <= CMD_NONE || id >= CMD_COUNT)
		return;
	h->fn[id] = fn;
}

int
cmd_run(const struct cmd_handlers *h, enum cmd_id id)
{
	if (h == NULL || id <= CMD_NONE || id >= CMD_COUNT || h->fn[id] == NULL)
		return 0;
	h->fn[id](h->ctx, id);
	return 1;
}

static int
cmd_have_message(const struct tui *t)
{
	return t->thread.have_snap && t->thread.sel < t->thread.snap.n;
}

/* What is missing for e, or 0; *why is what to tell the user, or NULL. */
static unsigned
cmd_missing(const struct tui *t, const struct cmd_entry *e, const char **why)
{
	*why = NULL;
	if ((e->needs & CMD_NEEDS_THREAD) && t->thread.urn == NULL)
		return CMD_NEEDS_THREAD;
	if ((e->needs & CMD_NEEDS_MESSAGE) && !cmd_have_message(t))
		return CMD_NEEDS_MESSAGE;
	/* without the worker (tests, a UI with no actions) sync is the
	 * first callback to be missing; the app sets all of them */
	if ((e->needs & CMD_NEEDS_SERVICE) && t->opts.actions.sync == NULL) {
		*why = "not connected to the service";
		return CMD_NEEDS_SERVICE;
	}
	return 0;
}

int
cmd_exec(struct tui *t, const struct cmd_entry *e)
{
	const char *why;

	if (cmd_missing(t, e, &why) != 0) {
		if (why != NULL)
			tui_notice(t, 1, "Cannot %s: %s.", e->name, why);
		return 0;
	}
	e->exec(t, e->id);
	return 1;
}

int
cmd_dispatch(struct tui *t, enum cmd_id id)
{
	const struct cmd_entry *e = cmd_get(id);

	if (e == NULL || e->exec == NULL || !(e->panes & (1u << t->focus)))
		return 0;
	cmd_exec(t, e);
	return 1;
}
