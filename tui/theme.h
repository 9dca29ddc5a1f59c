/* theme.h — colour themes: themes/NAME.theme files to styles per element.
 *
 * A theme file has one line per element, "element = [attrs] [fg [bg]]":
 *
 *	inbox.unread = bold yellow default
 *	inbox.selected = bold white #005f87
 *
 * attrs: bold underline reverse dim italic; colours: default, black red
 * green yellow blue magenta cyan white, bright-black ... bright-white,
 * color0 .. color255, #rrggbb.  Blank lines and lines starting with '#'
 * are ignored.  Elements a file does not name keep the built-in default
 * style (the same as themes/default.theme).  Bad lines are reported as
 * "FILE:LINE: what is wrong" and skipped.
 *
 * Parsing and colour resolution are pure; curses colour pairs are set up
 * by screen.c from theme_resolve().
 */
#ifndef LC_THEME_H
#define LC_THEME_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum theme_elem {
	THEME_INBOX_NORMAL,
	THEME_INBOX_UNREAD,
	THEME_INBOX_SELECTED,
	THEME_INBOX_DRAFT,
	THEME_INBOX_TIME,
	THEME_INBOX_PREVIEW,
	THEME_INBOX_COUNT,
	THEME_THREAD_TITLE,
	THEME_THREAD_TEXT,
	THEME_THREAD_ME,
	THEME_THREAD_OTHER,
	THEME_THREAD_TIME,
	THEME_THREAD_DAY,
	THEME_THREAD_SELECTED,
	THEME_THREAD_PENDING,
	THEME_THREAD_FAILED,
	THEME_THREAD_DELETED,
	THEME_THREAD_EDITED,
	THEME_THREAD_MATCH,
	THEME_THREAD_ATTACHMENT,
	THEME_THREAD_REACTION,
	THEME_THREAD_ONLINE,
	THEME_COMPOSE,
	THEME_COMPOSE_HINT,
	THEME_BORDER,
	THEME_STATUS,
	THEME_STATUS_ERROR,
	THEME_STATUS_KEY,
	THEME_DIALOG,
	THEME_DIALOG_TITLE,
	THEME_DIALOG_INPUT,
	THEME_HELP,
	THEME_HELP_KEY,
	THEME_SMALL,
	THEME_COUNT
};

#define THEME_BOLD 0x01u
#define THEME_UNDERLINE 0x02u
#define THEME_REVERSE 0x04u
#define THEME_DIM 0x08u
#define THEME_ITALIC 0x10u

enum theme_color_kind {
	THEME_COLOR_DEFAULT, /* the terminal's own */
	THEME_COLOR_INDEX,   /* value: 0..255 */
	THEME_COLOR_RGB      /* value: 0xrrggbb */
};

struct theme_color {
	enum theme_color_kind kind;
	uint32_t value;
};

struct theme_style {
	unsigned attrs; /* THEME_BOLD | ... */
	struct theme_color fg;
	struct theme_color bg;
};

struct theme {
	struct theme_style style[THEME_COUNT];
	char *path;      /* file loaded, or NULL for the built-in */
	char **problems; /* "FILE:LINE: what is wrong" */
	size_t nproblems;
};

/* A theme with the built-in default styles.  Caller frees with
 * theme_free(). */
struct theme *theme_new(void);
void theme_free(struct theme *t);

/* "inbox.unread" ...  Static; NULL out of range. */
const char *theme_elem_name(enum theme_elem el);
/* The element named name, or -1. */
int theme_elem_find(const char *name);

/* Parses a colour name ("bright-red", "color208", "#ff8700").  0, or -1
 * if it is not one. */
int theme_parse_color(const char *s, struct theme_color *c);

/* Applies the lines of text, read from the file called name (for the
 * problem lines), on top of t's styles.  LC_OK, or LC_EINVAL when some
 * lines were bad: err names the first and how many more, t->problems
 * lists them all; the good lines are applied either way. */
enum lc_err theme_parse(struct theme *t, const char *name, const char *text,
                        struct lc_error *err);

/* Finds NAME.theme in dirs[0..n) in order; returns the path of the first
 * that exists (caller frees) or NULL.  A name with '/' or starting with
 * '.' is never found. */
char *theme_find(const char *name, const char *const *dirs, size_t n);

/* The directories themes are looked up in, in order: the user's
 * $XDG_CONFIG_HOME/linchat/themes, $LINCHAT_THEMES if set, the installed
 * share/linchat/themes next to the executable's prefix, the source tree's
 * themes/ next to the executable, then /usr/local/share and /usr/share.
 * *n gets the count; free with theme_dirs_free(). */
char **theme_dirs(size_t *n);
void theme_dirs_free(char **dirs, size_t n);

/* Loads theme name ("default", "light" ...) from theme_dirs() into t.
 * "default" with no file found is the built-in.  LC_ENOTFOUND for another
 * name not found, LC_EIO for an unreadable file, LC_EINVAL for bad lines
 * (as theme_parse()). */
enum lc_err theme_load(struct theme *t, const char *name, struct lc_error *err);

/* Whether $NO_COLOR asks for no colour (set and not empty). */
int theme_no_color(void);

/* The colour number to use for c on a terminal with ncolors colours:
 * -1 for the default colour; a colour index below ncolors (the nearest
 * one when c is not available: true colour to 256 to 16 to 8); with
 * ncolors >= 0x1000000 (direct colour) an RGB value as 0xrrggbb. */
int theme_color_resolve(struct theme_color c, int ncolors);

/* What to draw element style s with on a terminal of ncolors colours
 * (0 for monochrome or NO_COLOR): attributes and colours (-1: default).
 * In monochrome an element with a background colour is drawn reversed so
 * a selection still shows. */
void theme_resolve(const struct theme_style *s, int ncolors, unsigned *attrs,
                   int *fg, int *bg);

#endif
