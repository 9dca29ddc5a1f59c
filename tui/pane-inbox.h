/* pane-inbox.h — the conversation list: one row per conversation with
 * unread marker and count, name, preview and time; selection, scrolling,
 * unread-only and the incremental filter; the folder shown, under the
 * folder bar, and the marks an action applies to.  UI thread only.
 */
#ifndef LC_PANE_INBOX_H
#define LC_PANE_INBOX_H

#include "tui/tui-int.h"

void inbox_init(struct tui *t);
void inbox_free(struct tui *t);
/* Registers the inbox's command handlers in t->handlers[KEYMAP_INBOX]. */
void inbox_register(struct tui *t);
/* Takes a new snapshot if the model changed; marks the pane dirty. */
void inbox_refresh(struct tui *t);
void inbox_draw(struct tui *t);
/* The selected conversation's URN (owned by the pane), or NULL. */
const char *inbox_selected(const struct tui *t);
/* Sets the filter (NULL or "": none) and re-selects. */
void inbox_set_filter(struct tui *t, const char *text);
/* Selects the next unread conversation after the selection, wrapping.
 * 1 if there was one. */
int inbox_next_unread(struct tui *t);
/* Shows folder f (its selection as it was left, no marks) at once from
 * the snapshot; asks the worker to read it when it is not complete. */
void inbox_set_folder(struct tui *t, enum folder f);
/* Selects conversation urn, showing its folder and dropping the filter;
 * 1 if it is listed now. */
int inbox_select_urn(struct tui *t, const char *urn);
/* The snapshot's row of urn (owned by the pane until the next refresh),
 * or NULL. */
const struct model_inbox_row *inbox_row(const struct tui *t, const char *urn);
/* What an action applies to: the marked rows, else the selected one.
 * *out (caller frees the array) points into the pane until the next
 * refresh.  Returns their number. */
size_t inbox_targets(struct tui *t, const char ***out);
/* Drops every mark. */
void inbox_clear_marks(struct tui *t);
/* Folder f's unread count: the service's, else the snapshot's rows. */
long inbox_folder_unread(struct tui *t, enum folder f);
/* Case-insensitive (ASCII) substring test, for filters and searches. */
int inbox_match(const char *hay, const char *needle);

#endif
