/* notify.h — telling you that a message came in while you were elsewhere:
 * the bell, a desktop notification through the terminal (OSC 777 / 9 /
 * 99), the user's notify_command, and the unread count in the terminal
 * title ([ui] notify, notify_command, notify_quiet_hours, title in
 * docs/config.md).
 *
 * The module decides and writes bytes to a file descriptor (the tty; a
 * pipe in the tests); it never touches curses, so it runs without a
 * terminal.  Network text reaches the terminal or the command only
 * through utf8_sanitize(), cut to NOTIFY_TEXT_MAX characters; the title
 * carries only linchat's own words and a number.
 *
 * How the UI loop calls it (UI thread only):
 * - at start, after screen_init(): n = notify_new(config, STDOUT_FILENO);
 *   screen_init() has pushed the terminal's title and turned on focus
 *   reporting (tui/screen.h);
 * - each loop turn, after draining the wake fd: take the model's new
 *   messages from others (struct notify_item, below), call
 *   notify_messages(n, open_urn, items, nitems) — also with nitems 0 when
 *   nothing came, so a held notification goes out and finished commands
 *   are reaped — and notify_title(n, unread) with the inbox's unread
 *   count; add notify_timeout_ms(n) to poll()'s timeout;
 * - on KEYC_FOCUS_IN / KEYC_FOCUS_OUT from keys_read(): notify_focus(n, 1
 *   or 0), and never hand the key to tui_key();
 * - nothing for C-z or $EDITOR: screen_leave() / screen_resume() turn the
 *   modes off and on, and notify_title() sees screen_resumes() change and
 *   writes the title again;
 * - on exit, before screen_fini(): notify_free(n) (screen_fini() then
 *   pops the title stack, giving the terminal its own title back).
 */
#ifndef LC_NOTIFY_H
#define LC_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"

/* At most this many characters of a message's text are shown. */
#define NOTIFY_TEXT_MAX 200
/* At most one notification per this many ms; what comes in closer is
 * held and counted into the next (notify_timeout_ms()). */
#define NOTIFY_MIN_GAP_MS 1000

/* A new message from someone else, as the model hands them out: pointers
 * borrowed for the call only. */
struct notify_item {
	const char *conv_urn;    /* its conversation */
	const char *sender_name; /* raw network text */
	const char *text;        /* raw network text */
	int64_t time_ms;
	int burst; /* part of a resync after a reconnect or a delta sync,
	              not one live event */
	int muted; /* the conversation is muted (model_conv_muted()): never
	              announced */
};

/* The desktop notification escape a terminal understands. */
enum notify_osc {
	NOTIFY_OSC_777, /* ESC ] 777 ; notify ; title ; body ST: foot, urxvt,
	                   VTE, and the default */
	NOTIFY_OSC_9,   /* ESC ] 9 ; text ST: iTerm2, WezTerm, ConEmu and
	                   Windows Terminal */
	NOTIFY_OSC_99   /* ESC ] 99 ; metadata ; payload ST: kitty */
};

/* Reads the config (c NULL: the defaults; c's strings are copied) and
 * the environment: $TERM, $TERM_PROGRAM, $KITTY_WINDOW_ID, $WT_SESSION,
 * $ConEmuPID pick the OSC form, $TMUX wraps it in tmux's passthrough.
 * Writes go to fd, which stays the caller's.  Caller frees with
 * notify_free(). */
struct notify *notify_new(const struct config *c, int fd);

/* Reaps the commands that have finished (never waits for one).  NULL is
 * fine. */
void notify_free(struct notify *n);

/* The OSC form notify_new() picked. */
enum notify_osc notify_osc_form(const struct notify *n);

/* Whether the terminal has focus (as the terminal's focus reports say;
 * without reports it counts as focused).  Gaining focus drops a held
 * notification: you are looking now. */
void notify_focus(struct notify *n, int focused);

/* Announces items, the new messages from others since the last call:
 * those for a conversation other than open_urn (NULL: none open), or all
 * of them while the terminal is unfocused.  Nothing inside the quiet
 * hours (by clock_wall_ms() in local time).  One item gives "Sender:
 * text"; several, or a burst item, one summary ("12 new messages in 5
 * conversations").  Within NOTIFY_MIN_GAP_MS of the last notification the
 * items are held and go out as one summary with a later call once the
 * gap is over (call with nitems 0 for that).  Also reaps finished
 * commands.  Returns 1 if something went out (bell, OSC or command). */
int notify_messages(struct notify *n, const char *open_urn,
                    const struct notify_item *items, size_t nitems);

/* Milliseconds until a held notification is due (0: now), or -1 when
 * none is held: a bound for the loop's poll() timeout. */
int notify_timeout_ms(const struct notify *n);

/* Sets the terminal title to "linchat (N)" ("linchat" for 0) when title
 * is on and unread differs from the last title written (or the screen
 * was resumed since, tui/screen.h). */
void notify_title(struct notify *n, int unread);

/* Forgets the last title written, so notify_title() writes it again. */
void notify_title_reset(struct notify *n);

/* How many notify_command children have not been reaped yet. */
int notify_running(const struct notify *n);

#endif
