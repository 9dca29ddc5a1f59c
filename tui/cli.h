/* cli.h — `linchat COMMAND [options]`: one job through the core, then exit.
 *
 * main() parses the global options into struct cli_opts and hands the
 * command words to cli_run().  Each command is a row of one table (name,
 * handler, usage, summary) that also feeds `linchat --help`.  Output goes
 * to stdout (text, sanitised, or one JSON document with --json); errors go
 * to stderr as sentences with a next step.  UI thread only.
 */
#ifndef LC_CLI_H
#define LC_CLI_H

#include <stdio.h>

struct cli_opts {
	const char *base_url;    /* --base-url, else $LINCHAT_BASE_URL */
	const char *config_path; /* --config */
	const char *log_path;    /* --log */
	int log_bodies;          /* --log-bodies */
	int json;                /* --json */
	const char *timing_path; /* --timing (terminal interface only) */
};

struct client_opts;

/* Fills co (core/client.h) from the global options o, for client_open():
 * --config, --log, --log-bodies, --base-url; log_what and flags are left
 * 0 for the caller.  The terminal interface opens its client with it too. */
void cli_client_opts(const struct cli_opts *o, struct client_opts *co);

/* Whether name is a command cli_run() knows. */
int cli_is_command(const char *name);

/* Runs argv[0] (the command) with its arguments.  Returns the exit code:
 * 0 ok, 1 usage, 2 auth/challenge, 3 network/rate limit, 4 not found,
 * 5 other (lc_exit_code()). */
int cli_run(const struct cli_opts *opts, int argc, char **argv);

/* Prints the help text listing every command to f. */
void cli_help(FILE *f);

#endif
