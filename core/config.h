/* config.h — the user's settings: $XDG_CONFIG_HOME/linchat/config.
 *
 * INI style: "[section]" lines, "key = value" lines, whole-line comments
 * starting with '#' or ';', blank lines.  A value may be wrapped in double
 * quotes to keep leading or trailing spaces.  Keys may also appear before
 * any section.  docs/config.md lists every key.  Unknown sections and
 * keys and bad values are never ignored: each becomes a problem line
 * "FILE:LINE: ..." and config_load() fails with LC_EINVAL.
 */
#ifndef LC_CONFIG_H
#define LC_CONFIG_H

#include <stddef.h>

#include "core/err.h"
#include "core/http.h"

struct config_kv {
	char *name;
	char *value;
	int line; /* where it was set, for messages */
};

/* [ui] notify: how a message that came in while you were elsewhere is
 * announced (tui/notify.h). */
enum config_notify {
	CONFIG_NOTIFY_BELL,    /* the terminal bell */
	CONFIG_NOTIFY_OSC,     /* a desktop notification: OSC 777 / 9 / 99 */
	CONFIG_NOTIFY_COMMAND, /* only notify_command */
	CONFIG_NOTIFY_NONE
};

/* [ui] notify_quiet_hours, in minutes after local midnight; start == -1:
 * none.  end < start wraps midnight ("22:00-07:00"). */
struct config_hours {
	int start_min, end_min;
};

struct config {
	/* [http] */
	char *base_url;   /* NULL: https://www.linkedin.com */
	char *user_agent; /* NULL: the session's, else a default */
	char *ca_file;    /* NULL: the system store */
	long connect_timeout_ms;
	long timeout_ms;
	double rate_per_sec;
	int burst;
	int rate_per_hour;
	int retries;
	/* [sync] */
	int active_interval_s; /* 15 */
	int idle_interval_s;   /* 300 */
	int initial_depth;     /* conversations fetched on first sync: 50 */
	int realtime;          /* hold the realtime stream open: 1 */
	int safety_interval_s; /* delta sync while the stream is healthy:
	                          1800 */
	/* [ui] */
	char *theme;             /* "default" */
	char *opener;            /* "xdg-open" */
	char *clipboard;         /* auto|osc52|command|off, or a command
	                            line (the old form); NULL: auto */
	char *clipboard_command; /* clipboard = command: the program,
	                            split with config_split_words() */
	int mark_read_on_open;   /* 1 */
	int next_unread_folders; /* Space crosses folders: 1 */
	int notify;              /* enum config_notify: CONFIG_NOTIFY_BELL; the
	                            old key notification = bell|none|desktop
	                            sets it too (desktop is osc) */
	char *notify_command; /* NULL: none; split with config_split_words() */
	struct config_hours notify_quiet_hours; /* start_min -1: none */
	int title; /* unread count in the terminal title: 1 */
	/* [log] */
	char *log_file; /* NULL: no log */
	int log_level;  /* enum log_level: LOGL_INFO */
	int log_bodies; /* 0 */
	/* [query_ids] and [keys], in file order */
	struct config_kv *query_ids;
	size_t nquery_ids;
	struct config_kv *keys;
	size_t nkeys;

	char *budget_path;  /* the request budget between runs (not a key):
	                       $XDG_STATE_HOME/linchat/budget */
	char *path;         /* file read, or NULL */
	int notify_line;    /* where notify was last set (not a key) */
	int clipboard_line; /* where clipboard was last set (not a key) */
	char **problems;    /* "FILE:LINE: what is wrong" */
	size_t nproblems;
};

/* A config with every default.  Caller frees with config_free(). */
struct config *config_new(void);
void config_free(struct config *c);

/* The default file path (caller frees). */
char *config_default_path(void);

/* Reads path (NULL: the default path) into c.  A missing file is fine
 * (LC_OK) unless must_exist.  On problems: LC_EINVAL, err names the first
 * and how many more; c->problems lists them all.  Later keys override
 * earlier ones.  For the [query_ids] to take effect, call
 * config_apply_query_ids() too. */
enum lc_err config_load(struct config *c, const char *path, int must_exist,
                        struct lc_error *err);

/* Parses text as if read from name; the same rules as config_load(). */
enum lc_err config_parse(struct config *c, const char *name, const char *text,
                         struct lc_error *err);

/* Fills an http_config from c (pointers borrowed from c). */
void config_http(const struct config *c, struct http_config *out);

/* Splits a command line into words the way a shell would split a plain
 * command, without running one: words are separated by spaces or tabs,
 * '...' keeps everything literally, "..." keeps spaces and takes \" and
 * \\, a backslash outside quotes takes the next character.  No
 * variables, globs or operators.  Returns a NULL-terminated array the
 * caller frees with config_words_free(), or NULL for an unbalanced quote,
 * a trailing backslash or no word at all. */
char **config_split_words(const char *s);
void config_words_free(char **words);

/* The value of [keys] name, or NULL. */
const char *config_key(const struct config *c, const char *name);

#endif
