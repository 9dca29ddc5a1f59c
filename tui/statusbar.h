/* statusbar.h — the bottom line: account, sync state (syncing / synced
 * 12 s ago / offline, retrying in 30 s / rate limited / session expired),
 * unread total, the last error or notice, the key for help; or the open
 * search/filter prompt.  UI thread only.
 */
#ifndef LC_STATUSBAR_H
#define LC_STATUSBAR_H

#include "tui/tui-int.h"

/* Writes the sync state sentence for s and r at now_ms into out (size n)
 * and returns how soon (ms) it will read differently ("12 s ago"), or -1
 * if it will not.  *error is set when it is a problem.  Pure. */
long statusbar_sync_text(const struct model_sync *s, const struct model_rate *r,
                         int64_t now_ms, char *out, size_t n, int *error);

/* Draws the status bar; returns the ms until it needs drawing again for
 * its clock to stay true, or -1. */
long statusbar_draw(struct tui *t);

/* Places the terminal cursor in the prompt. */
void statusbar_cursor(struct tui *t);

#endif
