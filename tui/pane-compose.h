/* pane-compose.h — the compose box under the thread: a multi-line editor
 * (edit.c) whose text is the open conversation's draft, kept in the model
 * as it changes; Enter sends, Ctrl-E round-trips through $VISUAL/$EDITOR.
 * UI thread only.
 */
#ifndef LC_PANE_COMPOSE_H
#define LC_PANE_COMPOSE_H

#include "tui/tui-int.h"

void compose_init(struct tui *t);
void compose_free(struct tui *t);
/* Registers the compose box's handlers in t->handlers[KEYMAP_COMPOSE]. */
void compose_register(struct tui *t);
/* Saves the current draft and loads urn's (NULL: none). */
void compose_switch(struct tui *t, const char *urn);
/* Rows the compose box wants at the current width (grows with text). */
int compose_rows(const struct tui *t);
/* Inserts typed or quoted text at the cursor and saves the draft. */
void compose_insert(struct tui *t, const char *s, size_t len);
/* 1 (after an error notice) if text is longer than LinkedIn takes
 * (VOYAGER_MESSAGE_MAX characters): the caller keeps the text and sends
 * nothing.  0 otherwise. */
int compose_too_long(struct tui *t, const char *text);
/* Saves the draft to the model (and asks the worker to persist it). */
void compose_save(struct tui *t);
void compose_draw(struct tui *t);
/* Places the terminal cursor in the box (when it has the focus). */
void compose_cursor(struct tui *t);

#endif
