/* tuitest.h — drive the real UI in Criterion tests on a curses screen that
 * writes to /dev/null, and read its cells back (test-loop, test-dialogs).
 */
#ifndef TUITEST_H
#define TUITEST_H

#include "tui/tui-int.h"

#define TUITEST_NOW ((time_t)1795534200) /* Tue 24 Nov 2026 15:30 UTC */
#define TUITEST_ME "urn:li:fsd_profile:ME"

/* A 24×80 xterm-256color screen in UTC with a UTF-8 locale; fails the
 * test if curses cannot start.  tuitest_screen_down() ends it. */
void tuitest_screen_up(void);
void tuitest_screen_down(void);
/* tui_new(o) at TUITEST_NOW, laid out on the 24×80 screen and drawn. */
struct tui *tuitest_tui_new(const struct tui_opts *o);
/* Puts a 1:1 conversation of TUITEST_ME and who (named name) into m:
 * unread messages, last activity ago_s before TUITEST_NOW, last text from
 * who; inbox and primary inbox. */
void tuitest_conv(struct model *m, const char *urn, const char *who,
                  const char *name, int unread, int64_t ago_s,
                  const char *last);
/* Merges one sent message of sender into conversation conv, ago_s before
 * TUITEST_NOW. */
void tuitest_msg(struct model *m, const char *conv, const char *urn,
                 const char *sender, const char *text, int64_t ago_s);
/* Presses the space-separated key names ("j j Enter", "C-w"), then draws. */
void tuitest_keys(struct tui *t, const char *names);
/* Types s character by character, then draws. */
void tuitest_type(struct tui *t, const char *s);
/* The whole screen as text, one line per row; static storage. */
char *tuitest_screen_text(void);
/* Row y as text; static storage. */
char *tuitest_row(int y);

#endif
