/* folderbar.c — the folder bar (see folderbar.h).
 *
 * Three widths of the same bar, the first that fits wins: "Focused 3",
 * "Foc3" (the label's first three letters) and "1:3" (the key that
 * shows the folder).  Counts come from inbox_folder_unread(): the
 * service's mailbox counts, else the rows the model holds.
 */
#include <stdio.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/folderbar.h"
#include "tui/pane-inbox.h"

/* Item f at level lvl into b; its display width is the return. */
static int
folderbar_item(enum folder f, int lvl, long unread, char *b, size_t len)
{
	const char *label = folder_info(f)->label;
	char count[24] = "";

	if (unread > 0)
		snprintf(count, sizeof count, lvl == 0 ? " %ld" : "%ld",
		         unread);
	if (lvl == 0)
		snprintf(b, len, "%s%s", label, count);
	else if (lvl == 1)
		snprintf(b, len, "%.3s%s", label, count);
	else
		snprintf(b, len, "%d%s%s", (int)f + 1, *count ? ":" : "",
		         count);
	return draw_width(b);
}

void
folderbar_draw(struct tui *t, int y, int x, int w)
{
	long unread[FOLDER_COUNT];
	char b[64];
	int f, lvl, need, used = 0;
	enum theme_elem el;

	for (f = 0; f < FOLDER_COUNT; f++)
		unread[f] = inbox_folder_unread(t, (enum folder)f);
	/* " Focused Other 2 …" (a space before each), or "1 2:2 3 …" */
	for (lvl = 0; lvl < 2; lvl++) {
		need = 0;
		for (f = 0; f < FOLDER_COUNT; f++)
			need += 1 + folderbar_item((enum folder)f, lvl,
			                           unread[f], b, sizeof b);
		if (need <= w)
			break;
	}
	for (f = 0; f < FOLDER_COUNT && used < w; f++) {
		folderbar_item((enum folder)f, lvl, unread[f], b, sizeof b);
		el = f == (int)t->inbox.folder ? THEME_INBOX_SELECTED
		     : unread[f] > 0           ? THEME_INBOX_UNREAD
		                               : THEME_INBOX_PREVIEW;
		if (lvl < 2 || f > 0)
			used += draw_text(stdscr, y, x + used, w - used,
			                  THEME_INBOX_NORMAL, 0, " ");
		used += draw_text(stdscr, y, x + used, w - used, el, 0, b);
	}
	if (used < w)
		draw_fill(stdscr, y, x + used, w - used, THEME_INBOX_NORMAL);
}
