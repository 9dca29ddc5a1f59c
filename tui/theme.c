/* theme.c — theme files, colour names and the fallback to fewer colours.
 *
 * The fallback picks the nearest colour by a weighted RGB distance: true
 * colour falls to the 6x6x6 cube and grey ramp of the 256-colour palette
 * (never to 0-15, which every terminal redefines), 256 colours to the 16
 * standard ones, 16 to 8.  Below 8 colours, or with NO_COLOR, only the
 * attributes are kept.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/buf.h"
#include "tui/theme.h"
#include "core/xdg.h"
#include "core/xmalloc.h"

static const char *const theme_elem_names[THEME_COUNT] = {
    [THEME_INBOX_NORMAL] = "inbox.normal",
    [THEME_INBOX_UNREAD] = "inbox.unread",
    [THEME_INBOX_SELECTED] = "inbox.selected",
    [THEME_INBOX_DRAFT] = "inbox.draft",
    [THEME_INBOX_TIME] = "inbox.time",
    [THEME_INBOX_PREVIEW] = "inbox.preview",
    [THEME_INBOX_COUNT] = "inbox.count",
    [THEME_THREAD_TITLE] = "thread.title",
    [THEME_THREAD_TEXT] = "thread.text",
    [THEME_THREAD_ME] = "thread.me",
    [THEME_THREAD_OTHER] = "thread.other",
    [THEME_THREAD_TIME] = "thread.time",
    [THEME_THREAD_DAY] = "thread.day",
    [THEME_THREAD_SELECTED] = "thread.selected",
    [THEME_THREAD_PENDING] = "thread.pending",
    [THEME_THREAD_FAILED] = "thread.failed",
    [THEME_THREAD_DELETED] = "thread.deleted",
    [THEME_THREAD_EDITED] = "thread.edited",
    [THEME_THREAD_MATCH] = "thread.match",
    [THEME_THREAD_ATTACHMENT] = "thread.attachment",
    [THEME_THREAD_REACTION] = "thread.reaction",
    [THEME_THREAD_ONLINE] = "thread.online",
    [THEME_COMPOSE] = "compose",
    [THEME_COMPOSE_HINT] = "compose.hint",
    [THEME_BORDER] = "border",
    [THEME_STATUS] = "status",
    [THEME_STATUS_ERROR] = "status.error",
    [THEME_STATUS_KEY] = "status.key",
    [THEME_DIALOG] = "dialog",
    [THEME_DIALOG_TITLE] = "dialog.title",
    [THEME_DIALOG_INPUT] = "dialog.input",
    [THEME_HELP] = "help",
    [THEME_HELP_KEY] = "help.key",
    [THEME_SMALL] = "small",
};

/* The built-in styles: the same lines as themes/default.theme. */
static const char theme_builtin[] =
    "inbox.normal = default default\n"
    "inbox.unread = bold bright-white default\n"
    "inbox.selected = bold bright-white blue\n"
    "inbox.draft = magenta default\n"
    "inbox.time = cyan default\n"
    "inbox.preview = bright-black default\n"
    "inbox.count = bold yellow default\n"
    "thread.title = bold default default\n"
    "thread.text = default default\n"
    "thread.me = bold green default\n"
    "thread.other = bold cyan default\n"
    "thread.time = bright-black default\n"
    "thread.day = bold blue default\n"
    "thread.selected = default color236\n"
    "thread.pending = bright-black default\n"
    "thread.failed = bold red default\n"
    "thread.deleted = italic bright-black default\n"
    "thread.edited = bright-black default\n"
    "thread.match = black yellow\n"
    "thread.attachment = underline blue default\n"
    "thread.reaction = yellow default\n"
    "thread.online = bold green default\n"
    "compose = default default\n"
    "compose.hint = bright-black default\n"
    "border = bright-black default\n"
    "status = white color236\n"
    "status.error = bold bright-white red\n"
    "status.key = bold yellow color236\n"
    "dialog = default default\n"
    "dialog.title = bold bright-white blue\n"
    "dialog.input = underline default default\n"
    "help = default default\n"
    "help.key = bold yellow default\n"
    "small = bold red default\n";

static const char *const theme_color_names[8] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned flag;
} theme_attr_names[] = {
    {"bold", THEME_BOLD},       {"underline", THEME_UNDERLINE},
    {"reverse", THEME_REVERSE}, {"dim", THEME_DIM},
    {"italic", THEME_ITALIC},
};

/* xterm's values for the 16 standard colours. */
static const uint32_t theme_ansi_rgb[16] = {
    0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
    0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
    0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
};

const char *
theme_elem_name(enum theme_elem el)
{
	if ((int)el < 0 || el >= THEME_COUNT)
		return NULL;
	return theme_elem_names[el];
}

int
theme_elem_find(const char *name)
{
	int i;

	for (i = 0; i < THEME_COUNT; i++) {
		if (strcmp(theme_elem_names[i], name) == 0)
			return i;
	}
	return -1;
}

static int
theme_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
theme_parse_color(const char *s, struct theme_color *c)
{
	const char *p;
	unsigned long v = 0;
	int i, h;

	if (strcasecmp(s, "default") == 0) {
		c->kind = THEME_COLOR_DEFAULT;
		c->value = 0;
		return 0;
	}
	if (s[0] == '#') {
		if (strlen(s) != 7)
			return -1;
		for (i = 1; i < 7; i++) {
			if ((h = theme_hex(s[i])) < 0)
				return -1;
			v = v * 16 + (unsigned long)h;
		}
		c->kind = THEME_COLOR_RGB;
		c->value = (uint32_t)v;
		return 0;
	}
	if (strncasecmp(s, "color", 5) == 0 ||
	    strncasecmp(s, "colour", 6) == 0) {
		p = s + (s[5] == 'r' || s[5] == 'R' ? 6 : 5);
		if (*p == '\0' || strlen(p) > 3)
			return -1;
		for (; *p != '\0'; p++) {
			if (*p < '0' || *p > '9')
				return -1;
			v = v * 10 + (unsigned long)(*p - '0');
		}
		if (v > 255)
			return -1;
		c->kind = THEME_COLOR_INDEX;
		c->value = (uint32_t)v;
		return 0;
	}
	p = s;
	if (strncasecmp(s, "bright-", 7) == 0)
		p = s + 7;
	for (i = 0; i < 8; i++) {
		if (strcasecmp(p, theme_color_names[i]) == 0) {
			c->kind = THEME_COLOR_INDEX;
			c->value = (uint32_t)(p == s ? i : i + 8);
			return 0;
		}
	}
	return -1;
}

static void theme_problem(struct theme *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
theme_problem(struct theme *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	t->problems =
	    xreallocarray(t->problems, t->nproblems + 1, sizeof t->problems[0]);
	t->problems[t->nproblems++] = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Splits line (modified in place) into blank-separated words. */
static size_t
theme_words(char *line, char **words, size_t max)
{
	size_t n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (n == max)
			return max + 1;
		words[n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
	return n;
}

/* Parses one "element = ..." line; returns NULL or a problem text
 * (static).  *what gets the offending word. */
static const char *
theme_parse_line(struct theme *t, char *line, const char **what)
{
	char *eq, *key, *words[8], *end;
	struct theme_style st;
	size_t n, i, j, ncolors = 0;
	int el;

	*what = "";
	eq = strchr(line, '=');
	if (eq == NULL)
		return "expected \"element = [attrs] fg bg\"";
	*eq = '\0';
	key = line;
	while (*key == ' ' || *key == '\t')
		key++;
	end = eq;
	while (end > key && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	*what = key;
	if ((el = theme_elem_find(key)) < 0)
		return "unknown element";
	n = theme_words(eq + 1, words, sizeof words / sizeof words[0]);
	if (n > sizeof words / sizeof words[0])
		return "too many words";
	memset(&st, 0, sizeof st);
	for (i = 0; i < n; i++) {
		for (j = 0;
		     j < sizeof theme_attr_names / sizeof theme_attr_names[0];
		     j++) {
			if (strcasecmp(words[i], theme_attr_names[j].name) == 0)
				break;
		}
		if (j == sizeof theme_attr_names / sizeof theme_attr_names[0])
			break;
		st.attrs |= theme_attr_names[j].flag;
	}
	for (; i < n; i++) {
		*what = words[i];
		if (ncolors == 2)
			return "too many colours (one foreground, one "
			       "background)";
		if (theme_parse_color(words[i],
		                      ncolors == 0 ? &st.fg : &st.bg) != 0)
			return "unknown colour or attribute";
		ncolors++;
	}
	t->style[el] = st;
	return NULL;
}

enum lc_err
theme_parse(struct theme *t, const char *name, const char *text,
            struct lc_error *err)
{
	const char *p = text, *nl, *problem, *what;
	size_t first = t->nproblems, lineno = 0, len;
	char *line;

	while (*p != '\0') {
		lineno++;
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		line = xstrndup(p, len);
		if (len > 0 && line[len - 1] == '\r')
			line[len - 1] = '\0';
		what = line + strspn(line, " \t");
		if (*what != '\0' && *what != '#') {
			problem = theme_parse_line(t, line, &what);
			if (problem != NULL) {
				if (*what != '\0')
					theme_problem(t, "%s:%zu: %s \"%s\"",
					              name, lineno, problem,
					              what);
				else
					theme_problem(t, "%s:%zu: %s", name,
					              lineno, problem);
			}
		}
		free(line);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (t->nproblems == first)
		return LC_OK;
	if (t->nproblems - first == 1)
		return lc_error_set(err, LC_EINVAL, "%s", t->problems[first]);
	return lc_error_set(err, LC_EINVAL, "%s (and %zu more bad lines)",
	                    t->problems[first], t->nproblems - first - 1);
}

struct theme *
theme_new(void)
{
	struct theme *t = xcalloc(1, sizeof *t);

	if (theme_parse(t, "built-in", theme_builtin, NULL) != LC_OK)
		lc_bug("built-in theme: %s", t->problems[0]);
	return t;
}

void
theme_free(struct theme *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nproblems; i++)
		free(t->problems[i]);
	free(t->problems);
	free(t->path);
	free(t);
}

char *
theme_find(const char *name, const char *const *dirs, size_t n)
{
	char *path;
	size_t i;

	if (name == NULL || *name == '\0' || name[0] == '.' ||
	    strchr(name, '/') != NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (dirs[i] == NULL)
			continue;
		path = xasprintf("%s/%s.theme", dirs[i], name);
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	return NULL;
}

/* The directory of the running executable (caller frees), or NULL. */
static char *
theme_exe_dir(void)
{
	char buf[PATH_MAX], *slash;
	ssize_t len;

	len = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (len <= 0)
		return NULL;
	buf[len] = '\0';
	if ((slash = strrchr(buf, '/')) == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(buf);
}

char **
theme_dirs(size_t *n)
{
	char **dirs = xcalloc(7, sizeof *dirs), *exe, *env;
	size_t k = 0;

	dirs[k++] = xdg_path(XDG_CONFIG, "themes");
	env = getenv("LINCHAT_THEMES");
	if (env != NULL && *env != '\0')
		dirs[k++] = xstrdup(env);
	if ((exe = theme_exe_dir()) != NULL) {
		dirs[k++] = xasprintf("%s/../share/linchat/themes", exe);
		dirs[k++] = xasprintf("%s/themes", exe);
		free(exe);
	}
	dirs[k++] = xstrdup("/usr/local/share/linchat/themes");
	dirs[k++] = xstrdup("/usr/share/linchat/themes");
	*n = k;
	return dirs;
}

void
theme_dirs_free(char **dirs, size_t n)
{
	size_t i;

	if (dirs == NULL)
		return;
	for (i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
}

enum lc_err
theme_load(struct theme *t, const char *name, struct lc_error *err)
{
	char **dirs, *path, *text = NULL;
	size_t n, len;
	enum lc_err rc;

	dirs = theme_dirs(&n);
	path = theme_find(name, (const char *const *)dirs, n);
	theme_dirs_free(dirs, n);
	if (path == NULL) {
		if (name != NULL && strcmp(name, "default") == 0)
			return LC_OK;
		return lc_error_set(
		    err, LC_ENOTFOUND,
		    "No theme called \"%s\": put %s.theme in "
		    "~/.config/linchat/themes/ or choose default, light, "
		    "high-contrast or mono.",
		    name != NULL ? name : "", name != NULL ? name : "NAME");
	}
	rc = xdg_read_file(path, 1 << 20, &text, &len, err);
	if (rc != LC_OK)
		goto out;
	rc = theme_parse(t, path, text, err);
	free(t->path);
	t->path = path;
	path = NULL;
out:
	free(text);
	free(path);
	return rc;
}

int
theme_no_color(void)
{
	const char *v = getenv("NO_COLOR");

	return v != NULL && *v != '\0';
}

static long
theme_distance(uint32_t a, uint32_t b)
{
	long dr = (long)((a >> 16) & 0xff) - (long)((b >> 16) & 0xff);
	long dg = (long)((a >> 8) & 0xff) - (long)((b >> 8) & 0xff);
	long db = (long)(a & 0xff) - (long)(b & 0xff);

	return 2 * dr * dr + 4 * dg * dg + 3 * db * db;
}

/* The RGB value of a 256-colour palette index. */
static uint32_t
theme_index_rgb(int i)
{
	static const int level[6] = {0, 95, 135, 175, 215, 255};
	int g;

	if (i < 16)
		return theme_ansi_rgb[i];
	if (i < 232) {
		i -= 16;
		return (uint32_t)(level[i / 36] << 16 |
		                  level[(i / 6) % 6] << 8 | level[i % 6]);
	}
	g = 8 + (i - 232) * 10;
	return (uint32_t)(g << 16 | g << 8 | g);
}

static int
theme_is_grey(uint32_t rgb)
{
	return ((rgb >> 16) & 0xff) == ((rgb >> 8) & 0xff) &&
	       ((rgb >> 8) & 0xff) == (rgb & 0xff);
}

/* The palette index in [from, to) nearest to rgb.  A grey stays grey: a
 * tinted colour may be nearer by distance, but reads as a colour. */
static int
theme_nearest(uint32_t rgb, int from, int to)
{
	long best = -1, d;
	int i, besti = from, grey = theme_is_grey(rgb);
	uint32_t cand;

	for (i = from; i < to; i++) {
		cand = theme_index_rgb(i);
		if (grey && !theme_is_grey(cand))
			continue;
		d = theme_distance(rgb, cand);
		if (best < 0 || d < best) {
			best = d;
			besti = i;
		}
	}
	return besti;
}

int
theme_color_resolve(struct theme_color c, int ncolors)
{
	uint32_t rgb;

	if (c.kind == THEME_COLOR_DEFAULT || ncolors < 8)
		return -1;
	if (c.kind == THEME_COLOR_INDEX) {
		if ((int)c.value < ncolors && c.value < 256)
			return (int)c.value;
		rgb = theme_index_rgb((int)(c.value & 0xff));
	} else
		rgb = c.value & 0xffffff;
	if (ncolors >= 0x1000000)
		return (int)rgb;
	if (ncolors >= 256)
		return theme_nearest(rgb, 16, 256);
	if (ncolors >= 16)
		return theme_nearest(rgb, 0, 16);
	return theme_nearest(rgb, 0, 8);
}

void
theme_resolve(const struct theme_style *s, int ncolors, unsigned *attrs,
              int *fg, int *bg)
{
	*attrs = s->attrs;
	if (ncolors < 8) {
		*fg = -1;
		*bg = -1;
		if (s->bg.kind != THEME_COLOR_DEFAULT)
			*attrs |= THEME_REVERSE;
		return;
	}
	*fg = theme_color_resolve(s->fg, ncolors);
	*bg = theme_color_resolve(s->bg, ncolors);
}
