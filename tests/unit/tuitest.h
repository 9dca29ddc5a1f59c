/* tuitest.h — drive the real UI in Criterion tests on a curses screen that
 * writes to /dev/null, and read its cells back (test-loop, test-dialogs).
 */
#ifndef TUITEST_H
#define TUITEST_H

#include "tui-int.h"

/* A 24×80 xterm-256color screen in UTC with a UTF-8 locale; fails the
 * test if curses cannot start.  tuitest_screen_down() ends it. */
void tuitest_screen_up(void);
void tuitest_screen_down(void);
/* Presses the space-separated key names ("j j Enter", "C-w"), then draws. */
void tuitest_keys(struct tui *t, const char *names);
/* Types s character by character, then draws. */
void tuitest_type(struct tui *t, const char *s);
/* The whole screen as text, one line per row; static storage. */
char *tuitest_screen_text(void);
/* Row y as text; static storage. */
char *tuitest_row(int y);

#endif
