/* keymap.c — per-pane key bindings, defaults and [keys] overrides. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "tui/keymap.h"
#include "tui/keys.h"
#include "core/xmalloc.h"

struct keymap_binding {
	int key;
	enum cmd_id cmd;
};

struct keymap_list {
	struct keymap_binding *b;
	size_t n;
	size_t cap;
};

struct keymap {
	struct keymap_list pane[KEYMAP_COUNT];
};

static const char *keymap_pane_names[KEYMAP_COUNT] = {
    "global", "inbox", "thread", "compose", "dialog", "menu",
};

/* Default bindings: pane, command, keys.  docs/keys.md lists the same. */
struct keymap_default {
	enum keymap_pane pane;
	enum cmd_id cmd;
	const char *keys;
};

static const struct keymap_default keymap_defaults[] = {
    {KEYMAP_GLOBAL, CMD_NEXT_UNREAD, "Space"},
    {KEYMAP_GLOBAL, CMD_FOCUS_NEXT, "Tab"},
    {KEYMAP_GLOBAL, CMD_FOCUS_PREV, "BTab"},
    {KEYMAP_GLOBAL, CMD_SYNC, "R"},
    {KEYMAP_GLOBAL, CMD_PROFILE, "p"},
    {KEYMAP_GLOBAL, CMD_CONNECT, "c"},
    {KEYMAP_GLOBAL, CMD_INVITATIONS, "I"},
    {KEYMAP_GLOBAL, CMD_HELP, "?, F1"},
    {KEYMAP_GLOBAL, CMD_REDRAW, "C-l"},
    {KEYMAP_GLOBAL, CMD_QUIT, "q"},

    {KEYMAP_INBOX, CMD_NEXT, "j, Down"},
    {KEYMAP_INBOX, CMD_PREV, "k, Up"},
    {KEYMAP_INBOX, CMD_TOP, "g, Home"},
    {KEYMAP_INBOX, CMD_BOTTOM, "G, End"},
    {KEYMAP_INBOX, CMD_PAGE_UP, "PgUp, C-b"},
    {KEYMAP_INBOX, CMD_PAGE_DOWN, "PgDn, C-f"},
    {KEYMAP_INBOX, CMD_OPEN, "Enter, l, Right"},
    {KEYMAP_INBOX, CMD_BACK, "Esc"},
    {KEYMAP_INBOX, CMD_REPLY, "r, i"},
    {KEYMAP_INBOX, CMD_NEW, "n"},
    {KEYMAP_INBOX, CMD_FIND, "/"},
    {KEYMAP_INBOX, CMD_SEARCH, "f"},
    {KEYMAP_INBOX, CMD_MARK, "x, v"},
    {KEYMAP_INBOX, CMD_MARK_ALL, "V"},
    {KEYMAP_INBOX, CMD_UNREAD_ONLY, "u"},
    {KEYMAP_INBOX, CMD_MARK_READ, "m"},
    {KEYMAP_INBOX, CMD_MARK_UNREAD, "M"},
    {KEYMAP_INBOX, CMD_OPEN_LINK, "o"},
    {KEYMAP_INBOX, CMD_FOLDER_FOCUSED, "1"},
    {KEYMAP_INBOX, CMD_FOLDER_OTHER, "2"},
    {KEYMAP_INBOX, CMD_FOLDER_REQUESTS, "3"},
    {KEYMAP_INBOX, CMD_FOLDER_INMAIL, "4"},
    {KEYMAP_INBOX, CMD_FOLDER_ARCHIVE, "5"},
    {KEYMAP_INBOX, CMD_FOLDER_SPAM, "6"},
    {KEYMAP_INBOX, CMD_FOLDER_STARRED, "7"},
    {KEYMAP_INBOX, CMD_FOLDER_PREV, "["},
    {KEYMAP_INBOX, CMD_FOLDER_NEXT, "]"},
    {KEYMAP_INBOX, CMD_ARCHIVE, "a"},
    {KEYMAP_INBOX, CMD_MOVE_FOCUSED, "F"},
    {KEYMAP_INBOX, CMD_MOVE_OTHER, "O"},
    {KEYMAP_INBOX, CMD_STAR, "s"},
    {KEYMAP_INBOX, CMD_SPAM, "!"},
    {KEYMAP_INBOX, CMD_DELETE_CONV, "#"},
    {KEYMAP_INBOX, CMD_MUTE, "z"},
    {KEYMAP_INBOX, CMD_UNDO, "U"},

    {KEYMAP_THREAD, CMD_NEXT, "j, Down"},
    {KEYMAP_THREAD, CMD_PREV, "k, Up"},
    {KEYMAP_THREAD, CMD_TOP, "g, Home"},
    {KEYMAP_THREAD, CMD_BOTTOM, "G, End"},
    {KEYMAP_THREAD, CMD_PAGE_UP, "PgUp, C-b"},
    {KEYMAP_THREAD, CMD_PAGE_DOWN, "PgDn, C-f"},
    {KEYMAP_THREAD, CMD_BACK, "h, Esc, Left"},
    {KEYMAP_THREAD, CMD_REPLY, "r, i, Enter"},
    {KEYMAP_THREAD, CMD_QUOTE, ">"},
    {KEYMAP_THREAD, CMD_SEARCH, "/"},
    {KEYMAP_THREAD, CMD_SEARCH_NEXT, "n"},
    {KEYMAP_THREAD, CMD_SEARCH_PREV, "N"},
    {KEYMAP_THREAD, CMD_OPEN_LINK, "o"},
    {KEYMAP_THREAD, CMD_COPY, "y"},
    {KEYMAP_THREAD, CMD_MARK_READ, "m"},
    {KEYMAP_THREAD, CMD_MARK_UNREAD, "M"},
    {KEYMAP_THREAD, CMD_EDIT_LAST, "e"},
    {KEYMAP_THREAD, CMD_DELETE, "D"},
    {KEYMAP_THREAD, CMD_REACT, "+"},
    {KEYMAP_THREAD, CMD_UNDO, "u, U"},
    {KEYMAP_THREAD, CMD_FOLDER_FOCUSED, "1"},
    {KEYMAP_THREAD, CMD_FOLDER_OTHER, "2"},
    {KEYMAP_THREAD, CMD_FOLDER_REQUESTS, "3"},
    {KEYMAP_THREAD, CMD_FOLDER_INMAIL, "4"},
    {KEYMAP_THREAD, CMD_FOLDER_ARCHIVE, "5"},
    {KEYMAP_THREAD, CMD_FOLDER_SPAM, "6"},
    {KEYMAP_THREAD, CMD_FOLDER_STARRED, "7"},
    {KEYMAP_THREAD, CMD_FOLDER_PREV, "["},
    {KEYMAP_THREAD, CMD_FOLDER_NEXT, "]"},
    {KEYMAP_THREAD, CMD_ARCHIVE, "a"},
    {KEYMAP_THREAD, CMD_MOVE_FOCUSED, "F"},
    {KEYMAP_THREAD, CMD_MOVE_OTHER, "O"},
    {KEYMAP_THREAD, CMD_STAR, "s"},
    {KEYMAP_THREAD, CMD_SPAM, "!"},
    {KEYMAP_THREAD, CMD_DELETE_CONV, "#"},
    {KEYMAP_THREAD, CMD_MUTE, "z"},

    {KEYMAP_COMPOSE, CMD_SEND, "Enter"},
    {KEYMAP_COMPOSE, CMD_NEWLINE, "M-Enter, C-j"},
    {KEYMAP_COMPOSE, CMD_EDITOR, "C-e"},
    {KEYMAP_COMPOSE, CMD_BACK, "Esc"},
    {KEYMAP_COMPOSE, CMD_FOCUS_NEXT, "Tab"},
    {KEYMAP_COMPOSE, CMD_FOCUS_PREV, "BTab"},
    {KEYMAP_COMPOSE, CMD_CHAR_LEFT, "Left, C-b"},
    {KEYMAP_COMPOSE, CMD_CHAR_RIGHT, "Right, C-f"},
    {KEYMAP_COMPOSE, CMD_WORD_LEFT, "M-b, M-Left"},
    {KEYMAP_COMPOSE, CMD_WORD_RIGHT, "M-f, M-Right"},
    {KEYMAP_COMPOSE, CMD_LINE_START, "Home, C-a"},
    {KEYMAP_COMPOSE, CMD_LINE_END, "End"},
    {KEYMAP_COMPOSE, CMD_LINE_UP, "Up"},
    {KEYMAP_COMPOSE, CMD_LINE_DOWN, "Down"},
    {KEYMAP_COMPOSE, CMD_DELETE_BACK, "BSpace"},
    {KEYMAP_COMPOSE, CMD_DELETE_CHAR, "Delete, C-d"},
    {KEYMAP_COMPOSE, CMD_DELETE_WORD, "C-w"},
    {KEYMAP_COMPOSE, CMD_DELETE_TO_START, "C-u"},
    {KEYMAP_COMPOSE, CMD_DELETE_TO_END, "C-k"},

    {KEYMAP_DIALOG, CMD_CONFIRM, "Enter"},
    {KEYMAP_DIALOG, CMD_CANCEL, "Esc"},
    {KEYMAP_DIALOG, CMD_FOCUS_NEXT, "Tab"},
    {KEYMAP_DIALOG, CMD_FOCUS_PREV, "BTab"},
    {KEYMAP_DIALOG, CMD_NEWLINE, "M-Enter, C-j"},
    {KEYMAP_DIALOG, CMD_CHAR_LEFT, "Left, C-b"},
    {KEYMAP_DIALOG, CMD_CHAR_RIGHT, "Right, C-f"},
    {KEYMAP_DIALOG, CMD_WORD_LEFT, "M-b, M-Left"},
    {KEYMAP_DIALOG, CMD_WORD_RIGHT, "M-f, M-Right"},
    {KEYMAP_DIALOG, CMD_LINE_START, "Home, C-a"},
    {KEYMAP_DIALOG, CMD_LINE_END, "End, C-e"},
    {KEYMAP_DIALOG, CMD_PREV, "Up"},
    {KEYMAP_DIALOG, CMD_NEXT, "Down"},
    {KEYMAP_DIALOG, CMD_DELETE_BACK, "BSpace"},
    {KEYMAP_DIALOG, CMD_DELETE_CHAR, "Delete, C-d"},
    {KEYMAP_DIALOG, CMD_DELETE_WORD, "C-w"},
    {KEYMAP_DIALOG, CMD_DELETE_TO_START, "C-u"},
    {KEYMAP_DIALOG, CMD_DELETE_TO_END, "C-k"},

    {KEYMAP_MENU, CMD_NEXT, "j, Down"},
    {KEYMAP_MENU, CMD_PREV, "k, Up"},
    {KEYMAP_MENU, CMD_PAGE_UP, "PgUp"},
    {KEYMAP_MENU, CMD_PAGE_DOWN, "PgDn"},
    {KEYMAP_MENU, CMD_CONFIRM, "Enter"},
    {KEYMAP_MENU, CMD_CANCEL, "Esc, q"},
    {KEYMAP_MENU, CMD_ACCEPT, "a"},
    {KEYMAP_MENU, CMD_IGNORE, "x"},
    {KEYMAP_MENU, CMD_NEW, "m"},
    {KEYMAP_MENU, CMD_CONNECT, "c"},
    {KEYMAP_MENU, CMD_OPEN_LINK, "o"},
    {KEYMAP_MENU, CMD_SEARCH, "s, /"},
    {KEYMAP_MENU, CMD_HELP, "?"},
};

const char *
keymap_pane_name(enum keymap_pane pane)
{
	if ((int)pane < 0 || pane >= KEYMAP_COUNT)
		return "?";
	return keymap_pane_names[pane];
}

int
keymap_pane_find(const char *name)
{
	int i;

	for (i = 0; i < KEYMAP_COUNT; i++) {
		if (strcmp(keymap_pane_names[i], name) == 0)
			return i;
	}
	return -1;
}

static void
keymap_remove_key(struct keymap_list *l, int key)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (l->b[i].key == key) {
			memmove(&l->b[i], &l->b[i + 1],
			        (l->n - i - 1) * sizeof l->b[0]);
			l->n--;
			return;
		}
	}
}

void
keymap_bind(struct keymap *km, enum keymap_pane pane, int key, enum cmd_id cmd)
{
	struct keymap_list *l;

	if ((int)pane < 0 || pane >= KEYMAP_COUNT || key == KEYC_NONE)
		return;
	l = &km->pane[pane];
	keymap_remove_key(l, key);
	if (cmd == CMD_NONE)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->b = xreallocarray(l->b, l->cap, sizeof l->b[0]);
	}
	l->b[l->n].key = key;
	l->b[l->n].cmd = cmd;
	l->n++;
}

void
keymap_unbind_cmd(struct keymap *km, enum keymap_pane pane, enum cmd_id cmd)
{
	struct keymap_list *l;
	size_t i = 0;

	if ((int)pane < 0 || pane >= KEYMAP_COUNT)
		return;
	l = &km->pane[pane];
	while (i < l->n) {
		if (l->b[i].cmd == cmd) {
			memmove(&l->b[i], &l->b[i + 1],
			        (l->n - i - 1) * sizeof l->b[0]);
			l->n--;
		} else
			i++;
	}
}

/* Splits a list like "j, Down" into keys.  Returns the number found, or
 * -1 with the first bad name copied into bad.  "none" or "" is empty. */
static int
keymap_parse_keys(const char *value, int *keys, size_t max, char *bad,
                  size_t badlen)
{
	const char *p = value, *start, *end;
	size_t n = 0, len;
	char name[64];
	int key;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || strcmp(p, "none") == 0)
		return 0;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		start = p;
		/* a lone ',' as the first character of an item is the key */
		if (*p == ',')
			p++;
		while (*p != '\0' && *p != ',')
			p++;
		end = p;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		len = (size_t)(end - start);
		if (len >= sizeof name)
			len = sizeof name - 1;
		memcpy(name, start, len);
		name[len] = '\0';
		key = keys_parse(name);
		if (key == KEYC_NONE || n == max) {
			len = strlen(name);
			if (len >= badlen)
				len = badlen - 1;
			memcpy(bad, name, len);
			bad[len] = '\0';
			return -1;
		}
		keys[n++] = key;
		if (*p == '\0')
			break;
		p++;
	}
	return (int)n;
}

enum lc_err
keymap_set(struct keymap *km, const char *name, const char *value,
           const char *where, struct lc_error *err)
{
	const char *dot, *pre = where != NULL ? where : "",
	                 *sep = where != NULL ? ": " : "";
	char panename[32], bad[64];
	int pane, keys[16], n, i;
	enum cmd_id cmd;
	size_t len;

	dot = strchr(name, '.');
	if (dot == NULL || (size_t)(dot - name) >= sizeof panename) {
		return lc_error_set(
		    err, LC_EINVAL,
		    "%s%sunknown key setting \"%s\": write PANE.COMMAND, "
		    "like inbox.next",
		    pre, sep, name);
	}
	len = (size_t)(dot - name);
	memcpy(panename, name, len);
	panename[len] = '\0';
	pane = keymap_pane_find(panename);
	if (pane < 0) {
		return lc_error_set(
		    err, LC_EINVAL,
		    "%s%sunknown pane \"%s\" in \"%s\" (panes: global, inbox, "
		    "thread, compose, dialog, menu)",
		    pre, sep, panename, name);
	}
	cmd = cmd_find(dot + 1);
	if (cmd == CMD_NONE) {
		return lc_error_set(
		    err, LC_EINVAL,
		    "%s%sunknown command \"%s\" in \"%s\" (see docs/keys.md)",
		    pre, sep, dot + 1, name);
	}
	n = keymap_parse_keys(value, keys, sizeof keys / sizeof keys[0], bad,
	                      sizeof bad);
	if (n < 0) {
		return lc_error_set(
		    err, LC_EINVAL,
		    "%s%sunknown key name \"%s\" for %s (see docs/keys.md)",
		    pre, sep, bad, name);
	}
	keymap_unbind_cmd(km, (enum keymap_pane)pane, cmd);
	for (i = 0; i < n; i++)
		keymap_bind(km, (enum keymap_pane)pane, keys[i], cmd);
	return LC_OK;
}

struct keymap *
keymap_new(void)
{
	struct keymap *km = xcalloc(1, sizeof *km);
	const struct keymap_default *d;
	int keys[16], n, i;
	size_t j;
	char bad[64];

	for (j = 0; j < sizeof keymap_defaults / sizeof keymap_defaults[0];
	     j++) {
		d = &keymap_defaults[j];
		n = keymap_parse_keys(d->keys, keys, 16, bad, sizeof bad);
		if (n < 0)
			lc_bug("bad default key name \"%s\"", bad);
		for (i = 0; i < n; i++)
			keymap_bind(km, d->pane, keys[i], d->cmd);
	}
	return km;
}

void
keymap_free(struct keymap *km)
{
	int i;

	if (km == NULL)
		return;
	for (i = 0; i < KEYMAP_COUNT; i++)
		free(km->pane[i].b);
	free(km);
}

static enum cmd_id
keymap_find(const struct keymap_list *l, int key)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (l->b[i].key == key)
			return l->b[i].cmd;
	}
	return CMD_NONE;
}

enum cmd_id
keymap_lookup(const struct keymap *km, enum keymap_pane pane, int key)
{
	enum cmd_id cmd;

	if ((int)pane < 0 || pane >= KEYMAP_COUNT)
		return CMD_NONE;
	cmd = keymap_find(&km->pane[pane], key);
	if (cmd == CMD_NONE && (pane == KEYMAP_INBOX || pane == KEYMAP_THREAD))
		cmd = keymap_find(&km->pane[KEYMAP_GLOBAL], key);
	return cmd;
}

size_t
keymap_count(const struct keymap *km, enum keymap_pane pane)
{
	if ((int)pane < 0 || pane >= KEYMAP_COUNT)
		return 0;
	return km->pane[pane].n;
}

void
keymap_get(const struct keymap *km, enum keymap_pane pane, size_t i, int *key,
           enum cmd_id *cmd)
{
	*key = KEYC_NONE;
	*cmd = CMD_NONE;
	if ((int)pane < 0 || pane >= KEYMAP_COUNT || i >= km->pane[pane].n)
		return;
	*key = km->pane[pane].b[i].key;
	*cmd = km->pane[pane].b[i].cmd;
}

char *
keymap_describe(const struct keymap *km, enum keymap_pane pane, enum cmd_id cmd)
{
	struct buf b;
	size_t i;
	char name[32];

	buf_init(&b, 0);
	if ((int)pane >= 0 && pane < KEYMAP_COUNT) {
		for (i = 0; i < km->pane[pane].n; i++) {
			if (km->pane[pane].b[i].cmd != cmd)
				continue;
			if (b.len != 0)
				buf_addstr(&b, ", ");
			buf_addstr(&b, keys_name(km->pane[pane].b[i].key, name,
			                         sizeof name));
		}
	}
	return buf_detach(&b);
}
