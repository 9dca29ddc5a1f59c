/* cmd.c — the command table. */
#include <string.h>

#include "cmd.h"

static const struct cmd_entry cmd_table[CMD_COUNT] = {
    [CMD_NEXT] = {CMD_NEXT, "next", "Move down"},
    [CMD_PREV] = {CMD_PREV, "prev", "Move up"},
    [CMD_TOP] = {CMD_TOP, "top", "Go to the top"},
    [CMD_BOTTOM] = {CMD_BOTTOM, "bottom", "Go to the bottom"},
    [CMD_PAGE_UP] = {CMD_PAGE_UP, "page-up", "Page up"},
    [CMD_PAGE_DOWN] = {CMD_PAGE_DOWN, "page-down", "Page down"},
    [CMD_NEXT_UNREAD] = {CMD_NEXT_UNREAD, "next-unread",
                         "Jump to the next unread conversation"},
    [CMD_OPEN] = {CMD_OPEN, "open", "Open the conversation"},
    [CMD_FOCUS_NEXT] = {CMD_FOCUS_NEXT, "focus-next",
                        "Cycle focus: inbox, thread, compose"},
    [CMD_FOCUS_PREV] = {CMD_FOCUS_PREV, "focus-prev", "Cycle focus backwards"},
    [CMD_BACK] = {CMD_BACK, "back", "Back to the inbox"},
    [CMD_REPLY] = {CMD_REPLY, "reply", "Reply (focus the compose box)"},
    [CMD_QUOTE] = {CMD_QUOTE, "quote", "Reply quoting the message"},
    [CMD_NEW] = {CMD_NEW, "new", "New message to someone"},
    [CMD_SEARCH] = {CMD_SEARCH, "search", "Search / filter"},
    [CMD_SEARCH_NEXT] = {CMD_SEARCH_NEXT, "search-next", "Next match"},
    [CMD_SEARCH_PREV] = {CMD_SEARCH_PREV, "search-prev", "Previous match"},
    [CMD_OPEN_LINK] = {CMD_OPEN_LINK, "open-link",
                       "Open the message's first link or the profile"},
    [CMD_COPY] = {CMD_COPY, "copy", "Copy the message (OSC 52)"},
    [CMD_UNREAD_ONLY] = {CMD_UNREAD_ONLY, "unread-only",
                         "Toggle unread conversations only"},
    [CMD_MARK_READ] = {CMD_MARK_READ, "mark-read", "Mark read"},
    [CMD_MARK_UNREAD] = {CMD_MARK_UNREAD, "mark-unread", "Mark unread"},
    [CMD_SYNC] = {CMD_SYNC, "sync", "Sync now"},
    [CMD_EDIT_LAST] = {CMD_EDIT_LAST, "edit-last", "Edit your last message"},
    [CMD_DELETE] = {CMD_DELETE, "delete", "Delete (recall) your message"},
    [CMD_REACT] = {CMD_REACT, "react", "React, or take your reaction back"},
    [CMD_PROFILE] = {CMD_PROFILE, "profile", "Look up a profile"},
    [CMD_CONNECT] = {CMD_CONNECT, "connect", "Send a connection request"},
    [CMD_INVITATIONS] = {CMD_INVITATIONS, "invitations",
                         "Received invitations"},
    [CMD_HELP] = {CMD_HELP, "help", "This help"},
    [CMD_QUIT] = {CMD_QUIT, "quit", "Quit"},
    [CMD_SEND] = {CMD_SEND, "send", "Send the message"},
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
