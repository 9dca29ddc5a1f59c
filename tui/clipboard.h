/* clipboard.h — `y`: a message's text to the clipboard, the way [ui]
 * clipboard says (docs/config.md): OSC 52 through the terminal, or a
 * program (wl-copy, xclip, xsel, pbcopy, or clipboard_command) that gets
 * the text on stdin, run without a shell and waited for at most
 * CLIPBOARD_TIMEOUT_MS.  UI thread only.
 */
#ifndef LC_CLIPBOARD_H
#define LC_CLIPBOARD_H

#define CLIPBOARD_TIMEOUT_MS 2000
/* How long auto waits for `tmux show-options`. */
#define CLIPBOARD_TMUX_TIMEOUT_MS 500

enum clipboard_way {
	CLIPBOARD_OFF,     /* copying is off, or nothing to copy with */
	CLIPBOARD_OSC52,   /* ESC ] 52 to the terminal */
	CLIPBOARD_COMMAND, /* a program, text on stdin */
};

/* How to copy for mode (the [ui] clipboard value: NULL or "" is auto)
 * and command (clipboard_command, may be NULL).  auto: OSC 52 inside
 * tmux when its set-clipboard is on, then wl-copy (with
 * $WAYLAND_DISPLAY), xclip -selection clipboard or xsel --clipboard
 * --input (with $DISPLAY), pbcopy, found in $PATH; else OSC 52, unless
 * inside tmux (which would drop it).  For CLIPBOARD_COMMAND *argv is the
 * program's words (free with config_words_free()); for CLIPBOARD_OFF
 * *why says why (static text). */
enum clipboard_way clipboard_choose(const char *mode, const char *command,
                                    char ***argv, const char **why);

/* Copies text (already sanitised: the OSC 52 payload is its base64)
 * choosing as clipboard_choose() does; OSC 52 is written to tty_fd.
 * Returns 0 or -1; *msg is the status bar's sentence either way (caller
 * frees). */
int clipboard_copy(const char *mode, const char *command, const char *text,
                   int tty_fd, char **msg);

#endif
