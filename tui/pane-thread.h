/* pane-thread.h — one conversation: messages oldest to newest with day
 * separators, sender and time, wrapped text, states, attachments and
 * reactions; a selected message; search with highlighted matches.
 * UI thread only.
 */
#ifndef LC_PANE_THREAD_H
#define LC_PANE_THREAD_H

#include "tui/tui-int.h"

void thread_init(struct tui *t);
void thread_free(struct tui *t);
/* Registers the thread's handlers in t->handlers[KEYMAP_THREAD]. */
void thread_register(struct tui *t);
/* Shows conversation urn (title as given), at its newest message.  It had
 * unread messages (from others; 0: none) when opened and its last
 * activity was last_ms: a "new messages" line goes above the first of
 * them once the thread holds them, until another one is opened.  The
 * lines are built once. */
void thread_open(struct tui *t, const char *urn, const char *title, int unread,
                 int64_t last_ms);
/* Takes a new snapshot if the open conversation changed. */
void thread_refresh(struct tui *t);
void thread_draw(struct tui *t);
/* Searches for text (NULL: ends the search) from the selection upwards;
 * 1 if found. */
int thread_search(struct tui *t, const char *text);
/* Selects message msg_urn of the open conversation and scrolls to it,
 * now or once the thread holds it (a search hit). */
void thread_show_msg(struct tui *t, const char *msg_urn);
/* The selected message's text (owned by the pane), or NULL. */
const char *thread_selected_text(const struct tui *t);

#endif
