/* keys.c — key codes from ncurses, and their names both ways.
 *
 * The tables below are the one place where a key gets its name; the help
 * screen, docs/keys.md and the [keys] config section all go through them.
 */
#include <curses.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "tui/keys.h"
#include "core/utf8.h"

struct keys_special {
	int key;
	const char *name;
};

/* First entry of a key is its canonical name; the others are aliases. */
static const struct keys_special keys_specials[] = {
    {KEYC_ENTER, "Enter"},
    {KEYC_TAB, "Tab"},
    {KEYC_BTAB, "BTab"},
    {KEYC_BSPACE, "BSpace"},
    {KEYC_ESC, "Esc"},
    {KEYC_UP, "Up"},
    {KEYC_DOWN, "Down"},
    {KEYC_LEFT, "Left"},
    {KEYC_RIGHT, "Right"},
    {KEYC_HOME, "Home"},
    {KEYC_END, "End"},
    {KEYC_PPAGE, "PgUp"},
    {KEYC_NPAGE, "PgDn"},
    {KEYC_IC, "Insert"},
    {KEYC_DC, "Delete"},
    {KEYC_RESIZE, "Resize"},
    {KEYC_FOCUS_IN, "FocusIn"}, /* named for logs; keys_parse() refuses */
    {KEYC_FOCUS_OUT, "FocusOut"},
    {' ', "Space"},
    {',', "Comma"},
    /* aliases */
    {KEYC_ENTER, "Return"},
    {KEYC_ENTER, "RET"},
    {KEYC_BTAB, "S-Tab"},
    {KEYC_BTAB, "BackTab"},
    {KEYC_BSPACE, "Backspace"},
    {KEYC_ESC, "Escape"},
    {KEYC_PPAGE, "PageUp"},
    {KEYC_PPAGE, "PPage"},
    {KEYC_NPAGE, "PageDown"},
    {KEYC_NPAGE, "NPage"},
    {KEYC_NPAGE, "PgDown"},
    {KEYC_IC, "IC"},
    {KEYC_IC, "Ins"},
    {KEYC_DC, "DC"},
    {KEYC_DC, "Del"},
};

#define KEYS_NSPECIALS (sizeof keys_specials / sizeof keys_specials[0])

/* Alt + arrow keys arrive as terminfo extended keys (xterm's kLFT3 ...)
 * with codes ncurses makes up at run time: find them by name. */
static int
keys_from_extended(int code)
{
	static const struct {
		const char *name;
		int key;
	} ext[] = {
	    {"kLFT3", KEYC_META | KEYC_LEFT},
	    {"kRIT3", KEYC_META | KEYC_RIGHT},
	    {"kUP3", KEYC_META | KEYC_UP},
	    {"kDN3", KEYC_META | KEYC_DOWN},
	    {"kHOM3", KEYC_META | KEYC_HOME},
	    {"kEND3", KEYC_META | KEYC_END},
	    /* terminfo entries with xterm+focus: ncurses reads CSI I/O */
	    {"kxIN", KEYC_FOCUS_IN},
	    {"kxOUT", KEYC_FOCUS_OUT},
	};
	const char *name;
	size_t i;

	if (code <= KEY_MAX || (name = keyname(code)) == NULL)
		return KEYC_NONE;
	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		if (strcmp(name, ext[i].name) == 0)
			return ext[i].key;
	}
	return KEYC_NONE;
}

static int
keys_from_curses(int code)
{
	if (code >= KEY_F(1) && code <= KEY_F(12))
		return KEYC_F1 + (code - KEY_F(1));
	switch (code) {
	case KEY_ENTER:
		return KEYC_ENTER;
	case KEY_BTAB:
		return KEYC_BTAB;
	case KEY_BACKSPACE:
		return KEYC_BSPACE;
	case KEY_UP:
		return KEYC_UP;
	case KEY_DOWN:
		return KEYC_DOWN;
	case KEY_LEFT:
		return KEYC_LEFT;
	case KEY_RIGHT:
		return KEYC_RIGHT;
	case KEY_HOME:
	case KEY_A1:
		return KEYC_HOME;
	case KEY_END:
	case KEY_C1:
		return KEYC_END;
	case KEY_PPAGE:
	case KEY_A3:
		return KEYC_PPAGE;
	case KEY_NPAGE:
	case KEY_C3:
		return KEYC_NPAGE;
	case KEY_IC:
		return KEYC_IC;
	case KEY_DC:
		return KEYC_DC;
	case KEY_RESIZE:
		return KEYC_RESIZE;
	}
	return keys_from_extended(code);
}

static int
keys_from_char(uint32_t c)
{
	switch (c) {
	case '\r':
		return KEYC_ENTER;
	case '\t':
		return KEYC_TAB;
	case '\b':
	case 0x7f:
		return KEYC_BSPACE;
	case 0x1b:
		return KEYC_ESC;
	case 0:
		return KEYC_CTRL | ' ';
	}
	if (c < 0x20)
		return KEYC_CTRL | (int)(c < 27 ? c + 'a' - 1 : c + '@');
	if ((c >= 0x80 && c < 0xa0) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return KEYC_NONE;
	return (int)c;
}

int
keys_from_wch(int rc, wint_t wc)
{
	if (rc == KEY_CODE_YES)
		return keys_from_curses((int)wc);
	if (rc != OK)
		return KEYC_NONE;
	return keys_from_char((uint32_t)wc);
}

int
keys_add_meta(int key)
{
	if (key == KEYC_NONE || key == KEYC_RESIZE || key == KEYC_FOCUS_IN ||
	    key == KEYC_FOCUS_OUT)
		return key;
	if (key == KEYC_ESC)
		return KEYC_ESC;
	return key | KEYC_META;
}

int
keys_is_text(int key)
{
	if (key & KEYC_MASK_MOD)
		return 0;
	return key >= ' ' && key < KEYC_BASE;
}

static void
keys_append(char *out, size_t n, size_t *used, const char *s)
{
	size_t len = strlen(s);

	if (*used + 1 >= n)
		return;
	if (len > n - 1 - *used)
		len = n - 1 - *used;
	memcpy(out + *used, s, len);
	*used += len;
	out[*used] = '\0';
}

const char *
keys_name(int key, char *out, size_t n)
{
	size_t used = 0, i;
	int base = key & KEYC_MASK_KEY;
	char tmp[8];

	if (n == 0)
		return out;
	out[0] = '\0';
	if (key <= 0 || (key & ~(KEYC_MASK_MOD | KEYC_MASK_KEY)) != 0 ||
	    base >= KEYC_LAST || (base >= 0xd800 && base <= 0xdfff) ||
	    (base < KEYC_BASE && base < ' ' && base != 0) || (base == 0x7f)) {
		keys_append(out, n, &used, "None");
		return out;
	}
	if (key & KEYC_CTRL)
		keys_append(out, n, &used, "C-");
	if (key & KEYC_META)
		keys_append(out, n, &used, "M-");
	if (base >= KEYC_F1 && base <= KEYC_F12) {
		tmp[0] = 'F';
		if (base - KEYC_F1 + 1 >= 10) {
			tmp[1] = '1';
			tmp[2] = (char)('0' + (base - KEYC_F1 + 1 - 10));
			tmp[3] = '\0';
		} else {
			tmp[1] = (char)('0' + (base - KEYC_F1 + 1));
			tmp[2] = '\0';
		}
		keys_append(out, n, &used, tmp);
		return out;
	}
	for (i = 0; i < KEYS_NSPECIALS; i++) {
		if (keys_specials[i].key == base) {
			keys_append(out, n, &used, keys_specials[i].name);
			return out;
		}
	}
	tmp[utf8_encode((uint32_t)base, tmp)] = '\0';
	keys_append(out, n, &used, tmp);
	return out;
}

/* Strips one modifier prefix from *s; returns its flag or 0. */
static int
keys_parse_modifier(const char **s)
{
	static const struct {
		const char *prefix;
		int flag;
	} mods[] = {
	    {"C-", KEYC_CTRL},   {"Ctrl-", KEYC_CTRL}, {"M-", KEYC_META},
	    {"Alt-", KEYC_META}, {"Meta-", KEYC_META},
	};
	size_t i, len;

	if ((*s)[0] == '^' && (*s)[1] != '\0') {
		(*s)++;
		return KEYC_CTRL;
	}
	for (i = 0; i < sizeof mods / sizeof mods[0]; i++) {
		len = strlen(mods[i].prefix);
		/* "C-" alone or "M-" alone would be the key '-' with no name */
		if (strncasecmp(*s, mods[i].prefix, len) == 0 &&
		    (*s)[len] != '\0') {
			*s += len;
			return mods[i].flag;
		}
	}
	return 0;
}

/* Applies Ctrl to base the way a terminal would deliver it. */
static int
keys_apply_ctrl(int base)
{
	if (base >= 'A' && base <= 'Z')
		base += 'a' - 'A';
	switch (base) {
	case 'i':
		return KEYC_TAB;
	case 'm':
		return KEYC_ENTER;
	case 'h':
	case '?':
		return KEYC_BSPACE;
	case '[':
		return KEYC_ESC;
	case '@':
		return KEYC_CTRL | ' ';
	}
	return KEYC_CTRL | base;
}

int
keys_parse(const char *name)
{
	const char *s = name;
	int mods = 0, m, base = KEYC_NONE;
	size_t i, len, used;
	uint32_t cp;

	if (name == NULL || *name == '\0')
		return KEYC_NONE;
	while ((m = keys_parse_modifier(&s)) != 0)
		mods |= m;
	len = strlen(s);
	for (i = 0; i < KEYS_NSPECIALS; i++) {
		if (strcasecmp(s, keys_specials[i].name) == 0) {
			base = keys_specials[i].key;
			break;
		}
	}
	if (base == KEYC_FOCUS_IN || base == KEYC_FOCUS_OUT)
		return KEYC_NONE; /* reports, not keys: never bound */
	if (base == KEYC_NONE && (s[0] == 'F' || s[0] == 'f') && len >= 2 &&
	    len <= 3 && s[1] >= '1' && s[1] <= '9') {
		int num = s[1] - '0';

		if (len == 3) {
			if (s[2] < '0' || s[2] > '9')
				return KEYC_NONE;
			num = num * 10 + (s[2] - '0');
		}
		if (num > 12)
			return KEYC_NONE;
		base = KEYC_F1 + num - 1;
	}
	if (base == KEYC_NONE) {
		used = utf8_decode(s, len, &cp);
		if (used != len || cp == UTF8_BAD || cp <= ' ' ||
		    (cp >= 0x7f && cp < 0xa0))
			return KEYC_NONE;
		base = (int)cp;
	}
	if (mods & KEYC_CTRL) {
		if (base >= KEYC_BASE && base != ' ')
			return KEYC_NONE;
		base = keys_apply_ctrl(base);
	}
	if (mods & KEYC_META)
		base = keys_add_meta(base);
	return base;
}

/* The states of struct keys_dec. */
enum {
	KEYS_IDLE,
	KEYS_ESC,  /* ESC: Alt-key, Esc, or CSI */
	KEYS_ESC2, /* ESC ESC, handed out as Esc: a '[' may still be CSI */
	KEYS_CSI,  /* ESC [ */
	KEYS_CSI2  /* ESC ESC [ */
};

static void
keys_push(struct keys_dec *d, int key)
{
	if (key != KEYC_NONE && d->nqueue < 2)
		d->queue[d->nqueue++] = key;
}

/* Takes one key into d; what it decides goes to d's queue. */
static void
keys_feed(struct keys_dec *d, int key)
{
	int st = d->state;

	d->state = KEYS_IDLE;
	switch (st) {
	case KEYS_IDLE:
		if (key == KEYC_ESC)
			d->state = KEYS_ESC;
		else
			keys_push(d, key);
		return;
	case KEYS_ESC:
	case KEYS_ESC2:
		if (key == '[') {
			d->state = st == KEYS_ESC ? KEYS_CSI : KEYS_CSI2;
		} else if (key == KEYC_ESC) {
			if (st == KEYS_ESC)
				keys_push(d, KEYC_ESC);
			d->state = st == KEYS_ESC ? KEYS_ESC2 : KEYS_ESC;
		} else if (st == KEYS_ESC) {
			keys_push(d, key == KEYC_NONE ? KEYC_ESC
			                              : keys_add_meta(key));
		} else
			keys_push(d, key);
		return;
	default: /* KEYS_CSI, KEYS_CSI2 */
		if (key == 'I' || key == 'O') {
			keys_push(d,
			          key == 'I' ? KEYC_FOCUS_IN : KEYC_FOCUS_OUT);
			return;
		}
		keys_push(d, st == KEYS_CSI ? KEYC_META | '[' : '[');
		keys_feed(d, key);
		return;
	}
}

/* Nothing more came within ESCDELAY: what the pending keys mean. */
static void
keys_flush(struct keys_dec *d)
{
	if (d->state == KEYS_ESC)
		keys_push(d, KEYC_ESC);
	else if (d->state == KEYS_CSI)
		keys_push(d, KEYC_META | '[');
	else if (d->state == KEYS_CSI2)
		keys_push(d, '[');
	d->state = KEYS_IDLE;
}

int
keys_next(struct keys_dec *d, keys_get_fn get, void *ctx)
{
	int key;

	while (d->nqueue == 0) {
		if (get(ctx, 0, &key) != 0) {
			if (d->state == KEYS_IDLE)
				return KEYC_NONE;
			if (get(ctx, 1, &key) != 0) {
				keys_flush(d);
				if (d->nqueue == 0)
					return KEYC_NONE;
				break;
			}
		}
		keys_feed(d, key);
	}
	key = d->queue[0];
	d->queue[0] = d->queue[1];
	d->nqueue--;
	return key;
}

/* keys_get_fn on stdscr. */
static int
keys_get_curses(void *ctx, int wait, int *key)
{
	wint_t wc;
	int rc;

	(void)ctx;
	if (wait)
		timeout(ESCDELAY > 0 ? ESCDELAY : 25);
	rc = get_wch(&wc);
	if (wait)
		timeout(0);
	if (rc == ERR)
		return -1;
	*key = keys_from_wch(rc, wc);
	return 0;
}

int
keys_read(void)
{
	static struct keys_dec dec;

	return keys_next(&dec, keys_get_curses, NULL);
}
