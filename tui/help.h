/* help.h — the help screen: every key of every pane, read from the live
 * keymap and the command table, so it always matches the bindings in
 * use (docs/keys.md lists the defaults).  UI thread only.
 */
#ifndef LC_HELP_H
#define LC_HELP_H

#include "tui/tui-int.h"

/* Number of lines the help text has. */
size_t help_lines(const struct tui *t);
/* Draws the help over the panes (all rows but the status bar), from line
 * t->help_top. */
void help_draw(struct tui *t);
/* Handles a key while the help is open (scrolling, closing). */
void help_key(struct tui *t, int key);

#endif
