/* opener.h — handing things to the world outside the terminal: a URL to
 * the configured opener (xdg-open), a message to the clipboard through
 * OSC 52.  UI thread only.
 */
#ifndef LC_OPENER_H
#define LC_OPENER_H

#include <stddef.h>

/* The first http:// or https:// link in text: its start and length, or
 * NULL.  Pure. */
const char *opener_find_link(const char *text, size_t *len);

/* Whether there is a display to open things on ($DISPLAY or
 * $WAYLAND_DISPLAY set); over SSH there usually is not. */
int opener_have_display(void);

/* Starts opener (a program name or path, run without a shell) on url in
 * the background with its output discarded; does not wait.  0, or -1 if
 * it could not be started. */
int opener_run(const char *opener, const char *url);

/* The OSC 52 sequence that puts text on the terminal's clipboard (ESC ]
 * 52 ; c ; base64 BEL).  Caller frees.  Pure. */
char *opener_osc52(const char *text);

#endif
