/* keymap.h — which key runs which command, per pane.
 *
 * Each pane has its own map, so `n` is "new message" in the inbox and
 * "next match" in the thread.  The inbox and thread panes fall back to the
 * global map (q, ?, Tab, R ...); the text panes (compose, dialog) do not,
 * so typing `q` there inserts a q.  The menu map serves dialogs without a
 * text field (invitations, the profile card).
 *
 * Users change bindings in the [keys] config section, one line per
 * command: "inbox.next = j, Down" replaces every key of inbox's "next";
 * "thread.quote = none" unbinds it.  A key belongs to one command per
 * pane: binding it takes it from the command that had it.
 */
#ifndef LC_KEYMAP_H
#define LC_KEYMAP_H

#include <stddef.h>

#include "tui/cmd.h"
#include "core/err.h"

enum keymap_pane {
	KEYMAP_GLOBAL,
	KEYMAP_INBOX,
	KEYMAP_THREAD,
	KEYMAP_COMPOSE,
	KEYMAP_DIALOG,
	KEYMAP_MENU,
	KEYMAP_COUNT
};

struct keymap;

/* A keymap with the default bindings (docs/keys.md).  Caller frees with
 * keymap_free(). */
struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);

/* "global", "inbox", "thread", "compose", "dialog", "menu".  Static. */
const char *keymap_pane_name(enum keymap_pane pane);
/* The pane named name, or -1. */
int keymap_pane_find(const char *name);

/* The command key runs in pane (with the global fallback described
 * above), or CMD_NONE. */
enum cmd_id keymap_lookup(const struct keymap *km, enum keymap_pane pane,
                          int key);

/* Binds key to cmd in pane, taking it from any other command there.
 * cmd CMD_NONE unbinds the key. */
void keymap_bind(struct keymap *km, enum keymap_pane pane, int key,
                 enum cmd_id cmd);

/* Removes every key of cmd in pane. */
void keymap_unbind_cmd(struct keymap *km, enum keymap_pane pane,
                       enum cmd_id cmd);

/* The bindings of pane in the order they were made, for the help screen:
 * the number of them, and the i-th one through key and cmd. */
size_t keymap_count(const struct keymap *km, enum keymap_pane pane);
void keymap_get(const struct keymap *km, enum keymap_pane pane, size_t i,
                int *key, enum cmd_id *cmd);

/* The keys of cmd in pane as text, "j, Down", or "" when unbound.
 * Caller frees with free(3). */
char *keymap_describe(const struct keymap *km, enum keymap_pane pane,
                      enum cmd_id cmd);

/* Applies one [keys] line: name "PANE.COMMAND", value a comma-separated
 * list of key names or "none".  On an unknown pane, command or key name
 * returns LC_EINVAL with a message prefixed by where ("FILE:LINE", may be
 * NULL) and changes nothing. */
enum lc_err keymap_set(struct keymap *km, const char *name, const char *value,
                       const char *where, struct lc_error *err);

#endif
