/* config.c — see config.h.
 *
 * One table describes every key: its section, its type and range, and
 * where it lands in struct config.  Parsing, validation and the messages
 * all come from that table, so docs/config.md is the only other place a
 * key has to be written down.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/config.h"
#include "core/log.h"
#include "core/xdg.h"
#include "core/xmalloc.h"

enum cfg_type {
	T_STR,     /* any text */
	T_URL,     /* http:// or https:// */
	T_SECS,    /* seconds (decimals allowed) stored as ms (long) */
	T_RATE,    /* positive number (double) */
	T_INT,     /* integer in [min, max] */
	T_BOOL,    /* yes/no, true/false, on/off, 1/0 */
	T_CHOICE,  /* one of choices, '|'-separated */
	T_LEVEL,   /* a log level name, stored as int */
	T_ENUM,    /* one of choices, stored as its index (int) */
	T_OLDNOTE, /* notification = bell|none|desktop, into notify */
	T_WORDS,   /* a command line config_split_words() accepts */
	T_HOURS    /* HH:MM-HH:MM or empty, a struct config_hours */
};

struct cfg_key {
	const char *section;
	const char *key;
	enum cfg_type type;
	size_t off;
	long min, max;
	const char *choices;
};

#define OFF(f) offsetof(struct config, f)

static const struct cfg_key cfg_keys[] = {
    {"http", "base_url", T_URL, OFF(base_url), 0, 0, NULL},
    {"http", "user_agent", T_STR, OFF(user_agent), 0, 0, NULL},
    {"http", "ca_file", T_STR, OFF(ca_file), 0, 0, NULL},
    {"http", "connect_timeout", T_SECS, OFF(connect_timeout_ms), 1, 3600, NULL},
    {"http", "timeout", T_SECS, OFF(timeout_ms), 1, 3600, NULL},
    {"http", "rate_per_sec", T_RATE, OFF(rate_per_sec), 0, 1000, NULL},
    {"http", "burst", T_INT, OFF(burst), 1, 10000, NULL},
    {"http", "rate_per_hour", T_INT, OFF(rate_per_hour), 1, 1000000, NULL},
    {"http", "retries", T_INT, OFF(retries), 0, 10, NULL},
    {"sync", "active_interval", T_INT, OFF(active_interval_s), 1, 86400, NULL},
    {"sync", "idle_interval", T_INT, OFF(idle_interval_s), 1, 86400, NULL},
    {"sync", "initial_depth", T_INT, OFF(initial_depth), 1, 10000, NULL},
    {"sync", "realtime", T_BOOL, OFF(realtime), 0, 0, NULL},
    {"sync", "safety_interval", T_INT, OFF(safety_interval_s), 60, 86400, NULL},
    {"ui", "theme", T_STR, OFF(theme), 0, 0, NULL},
    {"ui", "opener", T_STR, OFF(opener), 0, 0, NULL},
    {"ui", "clipboard", T_STR, OFF(clipboard), 0, 0, NULL},
    {"ui", "clipboard_command", T_WORDS, OFF(clipboard_command), 0, 0, NULL},
    {"ui", "mark_read_on_open", T_BOOL, OFF(mark_read_on_open), 0, 0, NULL},
    {"ui", "next_unread_folders", T_BOOL, OFF(next_unread_folders), 0, 0, NULL},
    /* the order of CONFIG_NOTIFY_* */
    {"ui", "notify", T_ENUM, OFF(notify), 0, 0, "bell|osc|command|none"},
    {"ui", "notification", T_OLDNOTE, OFF(notify), 0, 0, "bell|none|desktop"},
    {"ui", "notify_command", T_WORDS, OFF(notify_command), 0, 0, NULL},
    {"ui", "notify_quiet_hours", T_HOURS, OFF(notify_quiet_hours), 0, 0, NULL},
    {"ui", "title", T_BOOL, OFF(title), 0, 0, NULL},
    {"log", "file", T_STR, OFF(log_file), 0, 0, NULL},
    {"log", "level", T_LEVEL, OFF(log_level), 0, 0, NULL},
    {"log", "bodies", T_BOOL, OFF(log_bodies), 0, 0, NULL},
};

#define NKEYS (sizeof cfg_keys / sizeof cfg_keys[0])

struct config *
config_new(void)
{
	struct config *c = xcalloc(1, sizeof *c);

	c->connect_timeout_ms = 10000;
	c->timeout_ms = 30000;
	c->rate_per_sec = 1.0;
	c->burst = 5;
	c->rate_per_hour = 600;
	c->retries = 3;
	c->active_interval_s = 15;
	c->idle_interval_s = 300;
	c->initial_depth = 50;
	c->realtime = 1;
	c->safety_interval_s = 1800;
	c->theme = xstrdup("default");
	c->opener = xstrdup("xdg-open");
	c->mark_read_on_open = 1;
	c->next_unread_folders = 1;
	c->notify = CONFIG_NOTIFY_BELL;
	c->notify_quiet_hours.start_min = -1;
	c->notify_quiet_hours.end_min = -1;
	c->title = 1;
	c->log_level = LOGL_INFO;
	c->budget_path = xdg_path(XDG_STATE, "budget");
	return c;
}

static void
config_kv_free(struct config_kv *kv, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(kv[i].name);
		free(kv[i].value);
	}
	free(kv);
}

void
config_free(struct config *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < NKEYS; i++) {
		if (cfg_keys[i].type == T_STR || cfg_keys[i].type == T_URL ||
		    cfg_keys[i].type == T_CHOICE || cfg_keys[i].type == T_WORDS)
			free(*(char **)(void *)((char *)c + cfg_keys[i].off));
	}
	config_kv_free(c->query_ids, c->nquery_ids);
	config_kv_free(c->keys, c->nkeys);
	for (i = 0; i < c->nproblems; i++)
		free(c->problems[i]);
	free(c->problems);
	free(c->budget_path);
	free(c->path);
	free(c);
}

char *
config_default_path(void)
{
	return xdg_path(XDG_CONFIG, "config");
}

static void config_problem(struct config *c, const char *name, int line,
                           const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
config_problem(struct config *c, const char *name, int line, const char *fmt,
               ...)
{
	va_list ap;
	char *what;

	va_start(ap, fmt);
	what = xvasprintf(fmt, ap);
	va_end(ap);

	c->problems =
	    xreallocarray(c->problems, c->nproblems + 1, sizeof *c->problems);
	c->problems[c->nproblems++] = xasprintf("%s:%d: %s", name, line, what);
	free(what);
}

static void
config_kv_put(struct config_kv **kv, size_t *n, const char *name,
              const char *value, int line)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		if (strcmp((*kv)[i].name, name) == 0) {
			free((*kv)[i].value);
			(*kv)[i].value = xstrdup(value);
			(*kv)[i].line = line;
			return;
		}
	}
	*kv = xreallocarray(*kv, *n + 1, sizeof **kv);
	(*kv)[*n].name = xstrdup(name);
	(*kv)[*n].value = xstrdup(value);
	(*kv)[*n].line = line;
	(*n)++;
}

static int
config_parse_bool(const char *v, int *out)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

/* The index of v among the '|'-separated choices, or -1. */
static int
config_choice(const char *choices, const char *v)
{
	size_t n = strlen(v);
	const char *p = choices;
	int i = 0;

	while (p != NULL) {
		if (strncmp(p, v, n) == 0 && (p[n] == '|' || p[n] == '\0'))
			return i;
		p = strchr(p, '|');
		if (p != NULL)
			p++;
		i++;
	}
	return -1;
}

static int
config_choice_ok(const char *choices, const char *v)
{
	return config_choice(choices, v) >= 0;
}

/* "HH:MM" at s (exactly 5 characters) in minutes, or -1. */
static int
config_hhmm(const char *s)
{
	int h, m;

	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    s[2] != ':' || !isdigit((unsigned char)s[3]) ||
	    !isdigit((unsigned char)s[4]))
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	return h * 60 + m;
}

/* HH:MM-HH:MM (or empty: none) into *h; -1 if malformed or empty span. */
static int
config_parse_hours(const char *v, struct config_hours *h)
{
	int a, b;

	if (*v == '\0') {
		h->start_min = h->end_min = -1;
		return 0;
	}
	if (strlen(v) != 11 || v[5] != '-' || (a = config_hhmm(v)) < 0 ||
	    (b = config_hhmm(v + 6)) < 0 || a == b)
		return -1;
	h->start_min = a;
	h->end_min = b;
	return 0;
}

/* Sets the T_ENUM, T_OLDNOTE, T_WORDS and T_HOURS keys. */
static int
config_set_more(const struct cfg_key *k, void *field, const char *v,
                const char **why)
{
	static const int old[] = {CONFIG_NOTIFY_BELL, CONFIG_NOTIFY_NONE,
	                          CONFIG_NOTIFY_OSC};
	char **words;
	int i;

	switch (k->type) {
	case T_ENUM:
	case T_OLDNOTE:
		if ((i = config_choice(k->choices, v)) < 0) {
			*why = k->choices;
			return -1;
		}
		*(int *)field = k->type == T_OLDNOTE ? old[i] : i;
		return 0;
	case T_WORDS:
		words = *v != '\0' ? config_split_words(v) : NULL;
		if (*v != '\0' && words == NULL) {
			*why = "is not a command line (an unclosed quote?)";
			return -1;
		}
		config_words_free(words);
		free(*(char **)field);
		*(char **)field = *v != '\0' ? xstrdup(v) : NULL;
		return 0;
	case T_HOURS:
		if (config_parse_hours(v, field) != 0) {
			*why = "is not a span of the day like 22:00-07:30";
			return -1;
		}
		return 0;
	default:
		return -1;
	}
}

/* Stores v into the field of k; -1 with *why set if v is not valid. */
static int
config_set(struct config *c, const struct cfg_key *k, const char *v,
           const char **why)
{
	void *field = (char *)c + k->off;
	char *end;
	double d;
	long l;
	int b;

	switch (k->type) {
	case T_URL:
		if (strncmp(v, "https://", 8) != 0 &&
		    strncmp(v, "http://", 7) != 0) {
			*why = "is not an http:// or https:// URL";
			return -1;
		}
		/* FALLTHROUGH */
	case T_STR:
	case T_CHOICE:
		if (k->type == T_CHOICE && !config_choice_ok(k->choices, v)) {
			*why = k->choices;
			return -1;
		}
		free(*(char **)field);
		*(char **)field = *v != '\0' ? xstrdup(v) : NULL;
		return 0;
	case T_SECS:
	case T_RATE:
		errno = 0;
		d = strtod(v, &end);
		if (errno != 0 || end == v || *end != '\0' || !isfinite(d) ||
		    d <= 0 || d > (double)k->max) {
			*why = k->type == T_SECS
			           ? "is not a number of seconds between 0 and "
			             "3600"
			           : "is not a positive number up to 1000";
			return -1;
		}
		if (k->type == T_SECS)
			*(long *)field = (long)(d * 1000.0);
		else
			*(double *)field = d;
		return 0;
	case T_INT:
		errno = 0;
		l = strtol(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || l < k->min ||
		    l > k->max) {
			*why = "is not a whole number in the allowed range";
			return -1;
		}
		*(int *)field = (int)l;
		return 0;
	case T_BOOL:
		if (config_parse_bool(v, &b) != 0) {
			*why = "is not yes or no";
			return -1;
		}
		*(int *)field = b;
		return 0;
	case T_LEVEL:
		if ((b = log_level_parse(v)) < 0) {
			*why = "error|warn|info|debug";
			return -1;
		}
		*(int *)field = b;
		return 0;
	default:
		return config_set_more(k, field, v, why);
	}
}

static char *
config_trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static void
config_line(struct config *c, const char *name, int lineno, char *line,
            char *section)
{
	char *eq, *key, *val;
	const char *why = "is not valid";
	size_t i, n;

	eq = strchr(line, '=');
	if (eq == NULL) {
		config_problem(
		    c, name, lineno,
		    "expected \"key = value\" or \"[section]\", got \"%s\"",
		    line);
		return;
	}
	*eq = '\0';
	key = config_trim(line);
	val = config_trim(eq + 1);
	n = strlen(val);
	if (n >= 2 && val[0] == '"' && val[n - 1] == '"') {
		val[n - 1] = '\0';
		val++;
	}
	if (*key == '\0') {
		config_problem(c, name, lineno, "a value without a key");
		return;
	}
	if (strcmp(section, "query_ids") == 0) {
		config_kv_put(&c->query_ids, &c->nquery_ids, key, val, lineno);
		return;
	}
	if (strcmp(section, "keys") == 0) {
		config_kv_put(&c->keys, &c->nkeys, key, val, lineno);
		return;
	}
	for (i = 0; i < NKEYS; i++) {
		if (strcmp(cfg_keys[i].key, key) == 0 &&
		    (*section == '\0' ||
		     strcmp(cfg_keys[i].section, section) == 0))
			break;
	}
	if (i == NKEYS) {
		if (*section != '\0')
			config_problem(c, name, lineno,
			               "unknown key \"%s\" in [%s]", key,
			               section);
		else
			config_problem(c, name, lineno, "unknown key \"%s\"",
			               key);
		return;
	}
	if (config_set(c, &cfg_keys[i], val, &why) == 0) {
		if (cfg_keys[i].off == OFF(notify))
			c->notify_line = lineno;
		if (cfg_keys[i].off == OFF(clipboard))
			c->clipboard_line = lineno;
	} else {
		if (strchr(why, '|') != NULL)
			config_problem(c, name, lineno, "%s must be one of %s",
			               key, why);
		else
			config_problem(c, name, lineno, "the value of %s %s",
			               key, why);
	}
}

/* [ui] clipboard is auto, osc52, command, off or (the old form) the
 * command itself. */
static void
config_check_clipboard(struct config *c, const char *name)
{
	static const char *const modes[] = {"", "auto", "osc52", "command",
	                                    "off"};
	const char *v = c->clipboard;
	char **words;
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		if (strcmp(v, modes[i]) == 0)
			break;
	}
	if (i == 3 && c->clipboard_command == NULL)
		config_problem(c, name, c->clipboard_line,
		               "clipboard = command needs a clipboard_command");
	if (i < sizeof modes / sizeof modes[0])
		return;
	words = config_split_words(v);
	if (words == NULL)
		config_problem(c, name, c->clipboard_line,
		               "clipboard must be auto, osc52, command, off or "
		               "a command line (an unclosed quote?)");
	config_words_free(words);
}

enum lc_err
config_parse(struct config *c, const char *name, const char *text,
             struct lc_error *err)
{
	char *copy = xstrdup(text), *p = copy, *nl, *line, *end;
	char *section = xstrdup("");
	size_t before = c->nproblems, i;
	int lineno = 0;
	static const char *const sections[] = {"http", "sync",      "ui",
	                                       "log",  "query_ids", "keys"};

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		lineno++;
		line = config_trim(p);
		p = nl != NULL ? nl + 1 : NULL;
		if (*line == '\0' || *line == '#' || *line == ';')
			continue;
		if (*line != '[') {
			config_line(c, name, lineno, line, section);
			continue;
		}
		end = strchr(line, ']');
		if (end == NULL || config_trim(end + 1)[0] != '\0') {
			config_problem(
			    c, name, lineno,
			    "a section header must look like [name], got "
			    "\"%s\"",
			    line);
			continue;
		}
		*end = '\0';
		line = config_trim(line + 1);
		for (i = 0; i < sizeof sections / sizeof sections[0]; i++) {
			if (strcmp(line, sections[i]) == 0)
				break;
		}
		if (i == sizeof sections / sizeof sections[0])
			config_problem(
			    c, name, lineno,
			    "unknown section [%s]; known: [http] [sync] [ui] "
			    "[log] [query_ids] [keys]",
			    line);
		free(section);
		section = xstrdup(line);
	}
	free(section);
	free(copy);
	if (c->notify == CONFIG_NOTIFY_COMMAND && c->notify_command == NULL)
		config_problem(c, name, c->notify_line,
		               "notify = command needs a notify_command");
	config_check_clipboard(c, name);
	if (c->nproblems == before)
		return LC_OK;
	if (c->nproblems - before == 1)
		return lc_error_set(err, LC_EINVAL, "%s.", c->problems[before]);
	return lc_error_set(err, LC_EINVAL, "%s (and %zu more problems).",
	                    c->problems[before], c->nproblems - before - 1);
}

enum lc_err
config_load(struct config *c, const char *path, int must_exist,
            struct lc_error *err)
{
	char *dflt = NULL, *text = NULL;
	enum lc_err rc;

	if (path == NULL)
		path = dflt = config_default_path();
	rc = xdg_read_file(path, 1 << 20, &text, NULL, err);
	if (rc == LC_ENOTFOUND && !must_exist) {
		lc_error_clear(err);
		rc = LC_OK;
		goto out;
	}
	if (rc == LC_ENOTFOUND)
		rc = lc_error_set(err, LC_EINVAL,
		                  "The config file %s does not exist.", path);
	if (rc != LC_OK)
		goto out;
	free(c->path);
	c->path = xstrdup(path);
	rc = config_parse(c, path, text, err);
out:
	free(text);
	free(dflt);
	return rc;
}

void
config_http(const struct config *c, struct http_config *out)
{
	memset(out, 0, sizeof *out);
	out->base_url = c->base_url;
	out->user_agent = c->user_agent;
	out->ca_file = c->ca_file;
	out->connect_timeout_ms = c->connect_timeout_ms;
	out->total_timeout_ms = c->timeout_ms;
	out->max_retries = c->retries;
	out->rate_per_sec = c->rate_per_sec;
	out->rate_burst = c->burst;
	out->rate_per_hour = c->rate_per_hour;
	out->budget_path = c->budget_path;
}

/* Appends one character to the word being built. */
static void
config_word_put(char **w, size_t *n, size_t *cap, char ch)
{
	if (*n + 2 > *cap) {
		*cap = *cap != 0 ? *cap * 2 : 32;
		*w = xrealloc(*w, *cap);
	}
	(*w)[(*n)++] = ch;
	(*w)[*n] = '\0';
}

char **
config_split_words(const char *s)
{
	char **words = NULL, *w = NULL, quote = 0;
	size_t nwords = 0, n = 0, cap = 0;
	int inword = 0;

	for (;; s++) {
		if (quote == 0 && (*s == ' ' || *s == '\t' || *s == '\0')) {
			if (inword) {
				words = xreallocarray(words, nwords + 2,
				                      sizeof *words);
				words[nwords++] = w;
				words[nwords] = NULL;
				w = NULL;
				n = cap = 0;
				inword = 0;
			}
			if (*s == '\0')
				break;
			continue;
		}
		if (*s == '\0')
			goto bad; /* an unclosed quote */
		inword = 1;
		if (quote == 0 && (*s == '\'' || *s == '"')) {
			quote = *s;
			if (w == NULL) /* an empty "" is still a word */
				w = xcalloc(1, 1);
			continue;
		}
		if (*s == quote) {
			quote = 0;
			continue;
		}
		if (*s == '\\' && quote != '\'' &&
		    (quote == 0 || s[1] == '"' || s[1] == '\\')) {
			if (*++s == '\0')
				goto bad;
		}
		config_word_put(&w, &n, &cap, *s);
	}
	return words;
bad:
	free(w);
	config_words_free(words);
	return NULL;
}

void
config_words_free(char **words)
{
	size_t i;

	if (words == NULL)
		return;
	for (i = 0; words[i] != NULL; i++)
		free(words[i]);
	free(words);
}

const char *
config_key(const struct config *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nkeys; i++) {
		if (strcmp(c->keys[i].name, name) == 0)
			return c->keys[i].value;
	}
	return NULL;
}
