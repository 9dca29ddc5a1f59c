/* cli-int.h — what the command-line files share (not a public contract). */
#ifndef LC_CLI_INT_H
#define LC_CLI_INT_H

#include <stdarg.h>

#include "tui/cli.h"
#include "core/client.h"
#include "core/err.h"

struct json_object;
struct cli;

#define CLI_SESSION 0x01 /* works on the saved session (cli_session) */

struct cli_cmd {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv);
	unsigned needs;
	const char *usage;
	const char *help;
};

struct cli {
	const struct cli_opts *o;
	const struct cli_cmd *cmd;
	struct client *cl; /* its session and http once cli_session() ran
	                      (or login's client_relogin()) */
	struct lc_error err;
};

/* Usage error for the current command: message, its usage line; 1. */
int cli_usage(struct cli *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints c->err (sanitised) with its detail; returns the exit code. */
int cli_fail(struct cli *c, enum lc_err rc);
/* Loads the saved session and sets up c->cl's http, once; commands
 * call it after parsing their arguments.  0 or the exit code after an
 * error message. */
int cli_session(struct cli *c);
/* Makes sure c->vc knows the mailbox id (asking /me if the session does
 * not have it); 0 or the exit code after an error message. */
int cli_need_mailbox(struct cli *c);
/* Parses a --limit value; 0, or the usage exit code. */
int cli_parse_limit(struct cli *c, const char *v, int *out);

/* Sanitised output to stdout: one line's text, text keeping its line
 * breaks (each line indented), a cell padded or clipped to width columns. */
void cli_put(const char *s);
void cli_put_multiline(const char *s, const char *indent);
void cli_put_cell(const char *s, int width);
/* A name: one line, clipped to CLI_NAME_COLS columns with "…" (names come
 * from strangers and may be 100 000 characters long). */
#define CLI_NAME_COLS 64
void cli_put_name(const char *s);
/* Clips sanitised t in place to width columns (with "…"); its width. */
int cli_clip(char *t, int width);
/* Prints o as one pretty JSON document and releases it. */
void cli_json_print(struct json_object *o);

/* The conversation URN for a thread id or URN (caller frees), after
 * making sure the mailbox is known.  NULL after an error message, with
 * the exit code in *ret. */
char *cli_conv_urn(struct cli *c, const char *arg, int *ret);
struct voyager_conversation;
/* One inbox row of cv (unread mark, time, [folder,] names, last message,
 * thread id), sanitised; folder NULL leaves that column out. */
void cli_put_conv_row(const struct voyager_conversation *cv,
                      const char *folder);

/* The Voyager commands (cli-cmd.c). */
int cli_inbox(struct cli *c, int argc, char **argv);
int cli_thread(struct cli *c, int argc, char **argv);
int cli_send(struct cli *c, int argc, char **argv);
int cli_read(struct cli *c, int argc, char **argv);
int cli_unread(struct cli *c, int argc, char **argv);
int cli_profile(struct cli *c, int argc, char **argv);
int cli_connect(struct cli *c, int argc, char **argv);
int cli_invitations(struct cli *c, int argc, char **argv);
int cli_accept(struct cli *c, int argc, char **argv);
int cli_ignore(struct cli *c, int argc, char **argv);
int cli_search(struct cli *c, int argc, char **argv);
/* The local full-text search of stored messages (cli-search.c). */
int cli_search_messages(struct cli *c, int argc, char **argv);
/* For `inbox --search`: the stored messages matching words (at most
 * limit), printed under a heading, or (json not NULL) as a new JSON array
 * in *json, the caller's.  A store that cannot be read says so on stderr
 * and gives none. */
void cli_search_stored(struct cli *c, const char *words, int limit,
                       struct json_object **json);
/* Folders, server search and triage (cli-folder.c): inbox --folder and
 * --search, folders, archive ... move-other, delete. */
int cli_inbox_folder(struct cli *c, int argc, char **argv);
int cli_folders(struct cli *c, int argc, char **argv);
int cli_triage(struct cli *c, int argc, char **argv);
int cli_delete(struct cli *c, int argc, char **argv);
/* The realtime stream, printed until interrupted (cli-watch.c). */
int cli_watch(struct cli *c, int argc, char **argv);

#endif
