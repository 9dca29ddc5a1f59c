/* cmd.h — the command table: every action a key can trigger.
 *
 * One table (tmux's cmd_entry) of {id, name, help, exec, panes, needs}
 * feeds key dispatch (keymap.c maps keys to ids), the help screen (names
 * and help texts) and the [keys] config section ("inbox.next = j, Down"
 * names a command).
 *
 * The commands that span panes (quit, sync, reply, mark-read, the
 * dialogs...) have their exec in the table (cmd-ui.c, cmd-msg.c).  Their
 * prerequisites are a needs mask that cmd_exec() checks once, before exec
 * runs, saying what the user sees when one is missing (neomutt's CHECK_*
 * flags).  A pane's own commands (moving, editing text) stay with the pane:
 * it fills a struct cmd_handlers with one function per command and an
 * opaque context; neither this table nor keymap.c knows the panes.
 */
#ifndef LC_CMD_H
#define LC_CMD_H

#include <stddef.h>

enum cmd_id {
	CMD_NONE = 0,
	/* moving */
	CMD_NEXT,
	CMD_PREV,
	CMD_TOP,
	CMD_BOTTOM,
	CMD_PAGE_UP,
	CMD_PAGE_DOWN,
	CMD_NEXT_UNREAD,
	/* panes */
	CMD_OPEN,
	CMD_FOCUS_NEXT,
	CMD_FOCUS_PREV,
	CMD_BACK,
	/* messages */
	CMD_REPLY,
	CMD_QUOTE,
	CMD_NEW,
	CMD_SEARCH,
	CMD_SEARCH_NEXT,
	CMD_SEARCH_PREV,
	CMD_OPEN_LINK,
	CMD_COPY,
	CMD_UNREAD_ONLY,
	CMD_MARK_READ,
	CMD_MARK_UNREAD,
	CMD_SYNC,
	CMD_EDIT_LAST,
	CMD_DELETE,
	CMD_REACT,
	/* the mailbox (issue 13): folders, triage, marks, search */
	CMD_FIND,
	CMD_FOLDER_FOCUSED, /* CMD_FOLDER_FOCUSED + enum folder */
	CMD_FOLDER_OTHER,
	CMD_FOLDER_REQUESTS,
	CMD_FOLDER_INMAIL,
	CMD_FOLDER_ARCHIVE,
	CMD_FOLDER_SPAM,
	CMD_FOLDER_STARRED,
	CMD_FOLDER_NEXT,
	CMD_FOLDER_PREV,
	CMD_ARCHIVE,
	CMD_MOVE_FOCUSED,
	CMD_MOVE_OTHER,
	CMD_STAR,
	CMD_SPAM,
	CMD_DELETE_CONV,
	CMD_MUTE,
	CMD_UNDO,
	CMD_MARK,
	CMD_MARK_ALL,
	/* dialogs */
	CMD_PROFILE,
	CMD_CONNECT,
	CMD_INVITATIONS,
	CMD_HELP,
	CMD_REDRAW,
	CMD_QUIT,
	/* text editing (compose box, prompts) */
	CMD_SEND,
	CMD_NEWLINE,
	CMD_EDITOR,
	CMD_CHAR_LEFT,
	CMD_CHAR_RIGHT,
	CMD_WORD_LEFT,
	CMD_WORD_RIGHT,
	CMD_LINE_START,
	CMD_LINE_END,
	CMD_LINE_UP,
	CMD_LINE_DOWN,
	CMD_DELETE_BACK,
	CMD_DELETE_CHAR,
	CMD_DELETE_WORD,
	CMD_DELETE_TO_START,
	CMD_DELETE_TO_END,
	/* dialogs */
	CMD_CONFIRM,
	CMD_CANCEL,
	CMD_ACCEPT,
	CMD_IGNORE,
	CMD_COUNT
};

struct tui;

/* Runs a table command on the UI (UI thread); its needs are met. */
typedef void cmd_exec_fn(struct tui *t, enum cmd_id id);

/* Where a table command applies: the focused pane, as 1 << tui_focus. */
#define CMD_IN_INBOX 0x1u
#define CMD_IN_THREAD 0x2u
#define CMD_IN_COMPOSE 0x4u
#define CMD_IN_ALL 0x7u

/* What a table command needs before it runs.  cmd_exec() checks them in
 * this order and refuses a command whose need is missing:
 *   CMD_NEEDS_THREAD   a conversation is open (refused silently)
 *   CMD_NEEDS_MESSAGE  the thread has a selected message (silently)
 *   CMD_NEEDS_SERVICE  the worker is there ("Cannot sync: not connected
 *                      to the service.", with the command's name) */
#define CMD_NEEDS_THREAD 0x1u
#define CMD_NEEDS_MESSAGE 0x2u
#define CMD_NEEDS_SERVICE 0x4u

struct cmd_entry {
	enum cmd_id id;
	const char *name;  /* as in the config: "next", "mark-read" */
	const char *help;  /* one short line for the help screen */
	cmd_exec_fn *exec; /* NULL: the pane's own command (cmd_handlers) */
	unsigned panes;    /* CMD_IN_*: where exec applies */
	unsigned needs;    /* CMD_NEEDS_* */
};

/* The entry of id, or NULL for CMD_NONE and out-of-range ids.  Static. */
const struct cmd_entry *cmd_get(enum cmd_id id);

/* The id named name ("page-down"), CMD_NONE if there is none. */
enum cmd_id cmd_find(const char *name);

/* A handler runs one command for its pane.  ctx is the pane's context
 * given to cmd_handlers_init(). */
typedef void cmd_fn(void *ctx, enum cmd_id id);

struct cmd_handlers {
	void *ctx;
	cmd_fn *fn[CMD_COUNT];
};

/* Empties h and sets its context. */
void cmd_handlers_init(struct cmd_handlers *h, void *ctx);

/* Makes fn the handler of id in h (NULL removes it). */
void cmd_handlers_set(struct cmd_handlers *h, enum cmd_id id, cmd_fn *fn);

/* Runs the handler of id; returns 1 when there was one, 0 if not. */
int cmd_run(const struct cmd_handlers *h, enum cmd_id id);

/* Runs e->exec on t if e's needs are met; otherwise tells the user what is
 * missing (or nothing, for a silent need) and does not call it.  1 if exec
 * ran, 0 if refused. */
int cmd_exec(struct tui *t, const struct cmd_entry *e);

/* Runs the table's command id where it applies to t's focused pane
 * (cmd_exec()); 1 if it did (ran or refused), 0 if id is not a table
 * command there. */
int cmd_dispatch(struct tui *t, enum cmd_id id);

#endif
