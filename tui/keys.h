/* keys.h — key codes, their names, and reading them from ncurses.
 *
 * A key code is an int: a Unicode code point for a printable character
 * (' ' is named "Space"), or one of the KEYC_* values below for a special
 * key, optionally or'ed with KEYC_CTRL and/or KEYC_META.  Control
 * characters are stored as KEYC_CTRL | the lower-case letter ("C-w" is
 * KEYC_CTRL | 'w'), except those with their own key: Tab (^I), Enter (^M,
 * which ncurses sends for Return under nonl()), BSpace (^H and DEL) and Esc
 * (^[).  Ctrl-J stays "C-j" so it can insert a newline while Enter sends.
 * Alt-x arrives as ESC followed by x and becomes KEYC_META | x ("M-x",
 * "M-Enter").
 *
 * Focus reports are not keys but arrive like them: the terminal sends
 * CSI I when it gains focus and CSI O when it loses it, once
 * screen_init() has turned on focus reporting (CSI ? 1004 h).  keys_read()
 * turns them into KEYC_FOCUS_IN and KEYC_FOCUS_OUT, which no name parses
 * to (so nothing can be bound to them) and which are never text.  The
 * caller tracks focus from them: the UI loop must take them out before
 * tui_key() (as it does KEYC_RESIZE) and hand them to notify_focus()
 * (tui/notify.h).  An ESC [ that is not followed by I or O within ESCDELAY
 * is M-[ as before, so an M-[ typed right before a capital I or O is
 * read as a focus report.
 *
 * Everything but keys_read() is pure and needs no terminal.
 */
#ifndef LC_KEYS_H
#define LC_KEYS_H

#include <stddef.h>
#include <wchar.h>

#define KEYC_NONE 0
#define KEYC_BASE 0x00110000 /* above every code point */
#define KEYC_CTRL 0x01000000
#define KEYC_META 0x02000000
#define KEYC_MASK_MOD (KEYC_CTRL | KEYC_META)
#define KEYC_MASK_KEY 0x00ffffff

enum {
	KEYC_ENTER = KEYC_BASE,
	KEYC_TAB,
	KEYC_BTAB,
	KEYC_BSPACE,
	KEYC_ESC,
	KEYC_UP,
	KEYC_DOWN,
	KEYC_LEFT,
	KEYC_RIGHT,
	KEYC_HOME,
	KEYC_END,
	KEYC_PPAGE,
	KEYC_NPAGE,
	KEYC_IC,
	KEYC_DC,
	KEYC_F1, /* F1 .. F12 are KEYC_F1 + 0 .. 11 */
	KEYC_F12 = KEYC_F1 + 11,
	KEYC_RESIZE,    /* the terminal changed size */
	KEYC_FOCUS_IN,  /* the terminal gained focus (CSI I) */
	KEYC_FOCUS_OUT, /* the terminal lost focus (CSI O) */
	KEYC_LAST
};

/* The key for one get_wch() result: rc is its return value (OK or
 * KEY_CODE_YES), wc the character or KEY_* code.  KEYC_NONE for anything
 * that is not a key (ERR, mouse events, unknown function keys). */
int keys_from_wch(int rc, wint_t wc);

/* key with Alt held: what ESC followed by key means.  ESC ESC is Esc. */
int keys_add_meta(int key);

/* Writes the name of key ("j", "C-w", "M-Enter", "PgUp", "F1", "Space")
 * into out (size n, NUL-terminated, truncated if too small) and returns
 * out.  An invalid code is named "None". */
const char *keys_name(int key, char *out, size_t n);

/* Parses a key name as written by keys_name(), case-insensitive for the
 * special names and modifiers (C-, M-, also Ctrl-/Alt-/^x), with aliases
 * (Return, Escape, Backspace, PageUp, PageDown, Insert, Delete, S-Tab,
 * Comma).  A single UTF-8 character is itself.  KEYC_NONE if unknown. */
int keys_parse(const char *name);

/* Whether key inserts itself into a text field: a printable character
 * with no modifier. */
int keys_is_text(int key);

/* Where a sequence of keys from the terminal stands: ESC (maybe Alt,
 * maybe the start of a focus report) and the keys decided but not handed
 * out yet.  Zeroed is the start. */
struct keys_dec {
	int state;
	int queue[2];
	int nqueue;
};

/* One read of the input for keys_next(): stores the next key
 * (keys_from_wch()'s result, KEYC_NONE for a non-key) in *key and
 * returns 0, or returns -1 when nothing came: at once when wait is 0,
 * within ESCDELAY when it is 1. */
typedef int (*keys_get_fn)(void *ctx, int wait, int *key);

/* The next key from get, through d: ESC + key within ESCDELAY is Alt-key
 * (ESC ESC is one Esc), ESC [ I and ESC [ O are KEYC_FOCUS_IN and
 * KEYC_FOCUS_OUT.  Waits (get with wait 1) only after an ESC.  KEYC_NONE
 * when no key is pending.  Pure but for what get does. */
int keys_next(struct keys_dec *d, keys_get_fn get, void *ctx);

/* keys_next() on stdscr, which screen_init() puts in nodelay mode, so it
 * never blocks but for ESCDELAY after an ESC.  KEYC_NONE when no key is
 * pending.  UI thread only. */
int keys_read(void);

#endif
