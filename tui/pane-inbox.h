/* pane-inbox.h — the conversation list: one row per conversation with
 * unread marker and count, name, preview and time; selection, scrolling,
 * unread-only and the incremental filter.  UI thread only.
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
/* Case-insensitive (ASCII) substring test, for filters and searches. */
int inbox_match(const char *hay, const char *needle);

#endif
