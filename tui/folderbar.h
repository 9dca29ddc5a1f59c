/* folderbar.h — the row of folders above the inbox: Focused · Other ·
 * Requests · InMail · Archive · Spam · Starred, each with its unread
 * count, the one shown highlighted.  UI thread only.
 */
#ifndef LC_FOLDERBAR_H
#define LC_FOLDERBAR_H

#include "tui/tui-int.h"

/* Draws the bar in row y from column x, w columns: full labels where
 * they fit, else shorter ones, else the keys 1-7 with the counts. */
void folderbar_draw(struct tui *t, int y, int x, int w);

#endif
