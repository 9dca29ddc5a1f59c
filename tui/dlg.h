/* dlg.h — dialogs over the panes: a centred box with a title, drawn on
 * top of whatever the panes drew, taking every key while it is open.
 *
 * Each dialog (dlg-profile.c, dlg-connect.c, dlg-invite.c,
 * dlg-message.c) is a struct dlg_ops and a state of its own; this module
 * opens and closes them, routes keys through the dialog's keymap pane
 * (KEYMAP_DIALOG when it has a text field, KEYMAP_MENU otherwise), frames
 * the box and offers the drawing helpers they share.  Dialogs read the
 * model afresh on every draw, so a worker's result shows on the next
 * repaint.  UI thread only.
 */
#ifndef LC_DLG_H
#define LC_DLG_H

#include "tui/tui-int.h"

struct dlg;

struct dlg_ops {
	const char *title;
	enum keymap_pane pane;
	int rows; /* rows inside the box it wants; 0: as many as fit */
	/* A command of the pane; 1 if handled (an unhandled CMD_CANCEL
	 * closes the dialog). */
	int (*cmd)(struct tui *t, struct dlg *d, enum cmd_id id);
	/* A printable key no command took (typing); may be NULL. */
	void (*text)(struct tui *t, struct dlg *d, int key);
	/* Draws the inside of the box r; sets the cursor with
	 * dlg_set_cursor() if it wants one. */
	void (*draw)(struct tui *t, struct dlg *d, struct screen_rect r);
	/* Frees the state. */
	void (*free)(void *st);
	/* The model changed (a worker's result); may be NULL. */
	void (*changed)(struct tui *t, struct dlg *d);
};

struct dlg {
	const struct dlg_ops *ops;
	void *st;
	int cur_y, cur_x; /* the cursor, -1: hidden */
};

/* Opens a dialog with state st (freed by ops->free when it closes),
 * closing any open one. */
void dlg_open(struct tui *t, const struct dlg_ops *ops, void *st);
/* Closes the open dialog, if any, and repaints the panes. */
void dlg_close(struct tui *t);
/* Frees the open dialog without touching the screen (on exit). */
void dlg_discard(struct tui *t);
/* The open dialog's state if it is of ops, else NULL. */
void *dlg_state(const struct tui *t, const struct dlg_ops *ops);
/* Routes a key to the open dialog. */
void dlg_key(struct tui *t, int key);
/* Tells the open dialog the model changed. */
void dlg_model_changed(struct tui *t);
/* Draws the open dialog over the panes and places the cursor. */
void dlg_draw(struct tui *t);
void dlg_set_cursor(struct dlg *d, int y, int x);

/* The public id in a profile URL ("https://www.linkedin.com/in/NAME/",
 * with or without scheme, www or query) or the trimmed input itself;
 * NULL when empty.  Caller frees. */
char *dlg_parse_who(const char *in);

/* Draws a one-line text field: label, then e's text in the rest of the
 * row (its end kept in view); places the cursor there when focused. */
void dlg_field(struct dlg *d, int y, int x, int w, const char *label,
               const struct edit *e, int focused);
/* Draws s word-wrapped in rows [y, y+maxrows) of width w; returns the
 * rows used. */
int dlg_wrap(int y, int x, int w, int maxrows, enum theme_elem el,
             const char *s);
/* Handles an editing command or a typed key on e (cols wide); 1 if it
 * was one. */
int dlg_edit(struct edit *e, enum cmd_id id, int key, int cols);

/* A list of n items in a dialog: the selection and the first item shown.
 * dlg_list_move() takes CMD_NEXT/CMD_PREV (1 if it was one of them);
 * dlg_list_fit() keeps sel inside [0, n) and in a view of fit items. */
struct dlg_list {
	size_t sel;
	size_t top;
};
int dlg_list_move(struct dlg_list *l, size_t n, enum cmd_id id);
void dlg_list_fit(struct dlg_list *l, size_t n, int fit);

/* A conversation whose participants include profile_urn (a 1:1 first),
 * or NULL.  Caller frees. */
char *dlg_find_conversation(struct tui *t, const char *profile_urn);
/* Opens conversation urn in the thread with the compose box focused. */
void dlg_go_to_conversation(struct tui *t, const char *urn);

/* Writes someone to a profile URN named name: their conversation (a 1:1
 * first) with the compose box focused, else a new-message dialog. */
void dlg_message_person(struct tui *t, const char *urn, const char *name);
/* o: the profile page of public_id to the opener, or to the status bar
 * where there is no display (as over SSH).  Nothing for an empty id. */
void dlg_open_profile_page(struct tui *t, const char *public_id);
/* The service's network distance ("DISTANCE_2") as a person reads it
 * ("2nd"); other text unchanged.  Borrowed: static or d. */
const char *dlg_distance(const char *d);

/* The dialogs, opened by keys (loop.c) and by each other. */
/* Profile lookup: who NULL asks for it (a name there searches people),
 * else looks it up at once. */
void dlg_profile_open(struct tui *t, const char *who);
/* People search for keywords: the hits, then profile, message or
 * connect on the selected one. */
void dlg_search_open(struct tui *t, const char *keywords);
/* Search of every stored message (/ in the inbox): hits as you type,
 * Enter opens the thread at the selected one. */
void dlg_msgsearch_open(struct tui *t);
/* Connection request to who (NULL: asked for). */
void dlg_connect_open(struct tui *t, const char *who);
/* Received invitations. */
void dlg_invite_open(struct tui *t);
/* A first message went out (core/outbox.h rule 5): the inbox selection
 * and the open thread move from its placeholder to the real conversation
 * (model_get_moved()), with what the user was
 * typing there.  Called on every model change. */
void dlg_message_follow_sent(struct tui *t);
/* New message to who (a public id, NULL: asked for) or, when urn is not
 * NULL, to that profile URN named name. */
void dlg_message_open(struct tui *t, const char *who, const char *urn,
                      const char *name);
/* React to the selected message (an emoji menu). */
void dlg_react_open(struct tui *t);
/* Delete the selected message, after a confirmation. */
void dlg_recall_open(struct tui *t);

#endif
