/* tui-int.h — the state the UI's modules share (loop, panes, status bar,
 * help).  Not a public contract: tui.h is.  UI thread only.
 */
#ifndef LC_TUI_INT_H
#define LC_TUI_INT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "tui/cmd.h"
#include "tui/edit.h"
#include "tui/keymap.h"
#include "core/model.h"
#include "tui/screen.h"
#include "tui/theme.h"
#include "tui/tui.h"

struct dlg;

enum tui_focus { TUI_FOCUS_INBOX, TUI_FOCUS_THREAD, TUI_FOCUS_COMPOSE };

/* What must be drawn again at the end of this loop turn. */
#define TUI_DIRTY_INBOX 0x01u
#define TUI_DIRTY_THREAD 0x02u
#define TUI_DIRTY_COMPOSE 0x04u
#define TUI_DIRTY_STATUS 0x08u
#define TUI_DIRTY_FRAME 0x10u /* borders */
#define TUI_DIRTY_HELP 0x20u
#define TUI_DIRTY_ALL 0xffu

enum tui_prompt { TUI_PROMPT_NONE, TUI_PROMPT_FILTER, TUI_PROMPT_SEARCH };

/* One display line of the thread pane. */
enum thread_line_kind {
	TL_DAY,    /* day separator before msg */
	TL_HEADER, /* sender and time */
	TL_TEXT,   /* a row of text [start, end) of the clean text */
	TL_ATTACH, /* attachment placeholder */
	TL_REACT,  /* reactions */
	TL_STATE,  /* failed: how to retry */
	TL_NEW,    /* "new messages": where the unread ones began */
	TL_SEEN    /* "Seen by …" under the user's last message */
};

struct thread_line {
	enum thread_line_kind kind;
	size_t msg;
	size_t start, end;
};

struct pane_inbox {
	struct model_inbox snap;
	int have_snap;
	size_t *view; /* indexes into snap.rows shown */
	size_t nview;
	size_t sel;    /* index into view */
	size_t top;    /* first view row shown */
	char *sel_urn; /* keeps the selection across refreshes */
	int unread_only;
	char *filter;                   /* NULL: none */
	enum folder folder;             /* the folder shown */
	char *folder_sel[FOLDER_COUNT]; /* each folder's selection, kept */
	long counted[FOLDER_COUNT];     /* unread rows of each, in snap */
	char **marked;                  /* URNs marked (v, x), in folder */
	size_t nmarked;
};

struct pane_thread {
	char *urn; /* the open conversation, NULL: none */
	char *title;
	struct model_thread snap;
	int have_snap;
	char **clean; /* sanitised text per message */
	struct thread_line *lines;
	size_t nlines;
	int width;               /* lines were built for this width */
	size_t sel;              /* selected message */
	size_t top;              /* first line shown */
	int at_bottom;           /* follow new messages */
	char *search;            /* NULL: no search */
	int asked_older;         /* fetch_older sent for this top */
	size_t window;           /* newest messages taken from the model;
	                          * grows as the user scrolls up */
	int new_count;           /* unread when opened: the "new messages" line
	                          * goes above the newest new_count from others */
	int64_t new_last_ms;     /* the conversation's activity when opened */
	int64_t new_ms;          /* the first new message's time; 0 none, -1 not
	                          * known until the thread has caught up */
	struct model_seen *seen; /* receipts at the snapshot */
	size_t nseen;
	int64_t typing_until; /* clock_mono_ms() when the typing line ends,
	                       * 0 none shown */
	int request;          /* a message request: "Reply to accept" */
	char *goto_urn;       /* a message to show once the thread holds it */
	int64_t kept_unread;  /* M: the activity time it was marked unread
	                       * at; it stays unread, though on screen, until
	                       * reopened or newer activity comes; 0 none */
};

struct pane_compose {
	struct edit *ed;
	char *urn; /* conversation the draft belongs to */
};

struct notify;

struct tui {
	struct tui_opts opts;
	struct model *model;
	struct keymap *km;
	struct theme *theme;
	struct cmd_handlers handlers[KEYMAP_COUNT];
	struct screen_layout layout;
	int inbox_width; /* 0: default */
	enum tui_focus focus;
	unsigned dirty;
	int quit;
	int quit_armed; /* quit asked "press q again": the next q quits */
	int drawn;      /* the first frame is on the terminal */
	time_t now;
	uint64_t seen_version;
	struct notify *notify; /* tui_run() only: bell, OSC, title */
	uint64_t arrival_seq;  /* the last model arrival handed to it */
	int mark_read_on_open;
	int next_unread_folders; /* Space crosses folders ([ui]) */
	/* the last triage action, for u: armed while its notice stands */
	struct {
		int op; /* enum worker_triage, -1: none */
		char **urns;
		size_t n;
		int armed;
	} undo;

	struct pane_inbox inbox;
	struct pane_thread thread;
	struct pane_compose compose;

	enum tui_prompt prompt;
	struct edit *prompt_ed;

	int help_open;
	size_t help_top;

	struct dlg *dlg; /* the open dialog (dlg.h), NULL: none */
	char *edit_urn;  /* the sent message the compose box edits */

	char *message; /* status bar notice, NULL: none */
	int message_error;
	char **problems; /* config/theme problems to show one by one */
	size_t nproblems;
};

/* tui.c */
struct tui *tui_new(const struct tui_opts *o);
void tui_free(struct tui *t);
void tui_relayout(struct tui *t, int rows, int cols);
void tui_key(struct tui *t, int key);
void tui_model_changed(struct tui *t);
/* Repaints what is dirty and refreshes the terminal; returns the ms until
 * the status bar reads differently, or -1 (poll without a timeout). */
long tui_draw(struct tui *t);
void tui_notice(struct tui *t, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void tui_open_selected(struct tui *t, int focus_compose);
void tui_set_focus(struct tui *t, enum tui_focus f);

/* Runs an editing command on e laid out cols wide; 1 if it was one. */
int tui_edit_cmd(struct edit *e, enum cmd_id id, int cols);

#endif
