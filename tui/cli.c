/* cli.c — see cli.h.  The command table, opening the client every command
 * shares (core/client.h) and saying its errors, error reporting, and the
 * account commands (login, logout, whoami).  The Voyager commands are in
 * cli-cmd.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <json-c/json.h>

#include "tui/advice.h"
#include "core/auth.h"
#include "core/buf.h"
#include "tui/cli-int.h"
#include "tui/cli-json.h"
#include "core/utf8.h"
#include "core/xmalloc.h"

static int cli_login(struct cli *, int, char **);
static int cli_logout(struct cli *, int, char **);
static int cli_whoami(struct cli *, int, char **);

static const struct cli_cmd cli_cmds[] = {
    {"login", cli_login, 0,
     "login --username EMAIL [--password-stdin]\n"
     "  linchat login --li-at V --jsessionid V [--user-agent UA]",
     "Log in with e-mail and password (asked for with echo off, or read\n"
     "from stdin with --password-stdin), or import the li_at and\n"
     "JSESSIONID cookies of a browser session, with that browser's user\n"
     "agent. Prints who you are."},
    {"logout", cli_logout, CLI_SESSION, "logout",
     "Log out at LinkedIn and delete the saved session."},
    {"whoami", cli_whoami, CLI_SESSION, "whoami",
     "Show the logged-in account."},
    {"inbox", cli_inbox, CLI_SESSION,
     "inbox [--unread] [--limit N] [--folder FOLDER]\n"
     "  linchat inbox --search WORDS... [--first-degree] [--limit N]",
     "Conversations, newest first (default 20; --unread: unread only).\n"
     "--folder focused|other|requests|inmail|archive|spam|starred|all\n"
     "reads that folder to its end (or N); all merges every folder.\n"
     "--search finds conversations in every folder (--first-degree:\n"
     "with 1st-degree connections only)."},
    {"folders", cli_folders, CLI_SESSION, "folders",
     "The folders and their unread counts."},
    {"thread", cli_thread, CLI_SESSION, "thread CONV [--limit N]",
     "Messages of a conversation, oldest first (default 20). CONV is a\n"
     "thread id or a conversation URN."},
    {"send", cli_send, CLI_SESSION,
     "send CONV TEXT | send CONV - | send --to PUBLIC_ID TEXT",
     "Reply in a conversation (TEXT \"-\": read it from stdin), or start\n"
     "one with a person. Prints the new message URN. Safe to repeat: a\n"
     "retry after a failure never sends twice."},
    {"read", cli_read, CLI_SESSION, "read CONV", "Mark a conversation read."},
    {"unread", cli_unread, CLI_SESSION, "unread CONV",
     "Mark a conversation unread."},
    {"archive", cli_triage, CLI_SESSION, "archive CONV...",
     "Archive conversations (one request for all of them)."},
    {"unarchive", cli_triage, CLI_SESSION, "unarchive CONV...",
     "Take conversations out of the archive."},
    {"star", cli_triage, CLI_SESSION, "star CONV...", "Star conversations."},
    {"unstar", cli_triage, CLI_SESSION, "unstar CONV...",
     "Take the star off conversations."},
    {"spam", cli_triage, CLI_SESSION, "spam CONV...",
     "Report conversations as spam (they move to Spam)."},
    {"not-spam", cli_triage, CLI_SESSION, "not-spam CONV...",
     "Take conversations out of Spam."},
    {"move-focused", cli_triage, CLI_SESSION, "move-focused CONV...",
     "Move conversations to Focused."},
    {"move-other", cli_triage, CLI_SESSION, "move-other CONV...",
     "Move conversations to Other."},
    {"delete", cli_delete, CLI_SESSION, "delete CONV [--yes]",
     "Delete a conversation for good. Asks first on a terminal; --yes\n"
     "(for scripts) does not ask."},
    {"profile", cli_profile, CLI_SESSION, "profile PUBLIC_ID_OR_URN_ID",
     "Show a person's full profile."},
    {"connect", cli_connect, CLI_SESSION, "connect PUBLIC_ID [--message TEXT]",
     "Send a connection request, with an optional note of at most 300\n"
     "characters."},
    {"invitations", cli_invitations, CLI_SESSION, "invitations",
     "List received connection invitations."},
    {"accept", cli_accept, CLI_SESSION, "accept ID",
     "Accept a received invitation (ID from `linchat invitations`)."},
    {"ignore", cli_ignore, CLI_SESSION, "ignore ID",
     "Ignore a received invitation."},
    {"search", cli_search, CLI_SESSION, "search KEYWORDS... [--limit N]",
     "Search people (default 10 results)."},
    {"search-messages", cli_search_messages, 0,
     "search-messages WORDS... [--json] [--limit N]",
     "Search every stored message, newest first (local, no request; "
     "default 20 hits, at most 1000)."},
    {"watch", cli_watch, CLI_SESSION, "watch",
     "Print new messages and other events as they arrive (one line each; "
     "JSON Lines with --json) until interrupted."},
};

#define NCMDS (sizeof cli_cmds / sizeof cli_cmds[0])

void
cli_help(FILE *f)
{
	size_t i;
	const char *p;

	fprintf(
	    f,
	    "usage: linchat [GLOBAL OPTIONS] [COMMAND [ARGS]]\n"
	    "\n"
	    "A terminal messenger for LinkedIn. With a command, linchat runs "
	    "that\n"
	    "one job and exits; without one it starts the terminal interface.\n"
	    "\n"
	    "Global options (before or after the command):\n"
	    "  --base-url URL   talk to URL instead of "
	    "https://www.linkedin.com\n"
	    "                   (also LINCHAT_BASE_URL)\n"
	    "  --config FILE    read FILE instead of ~/.config/linchat/config\n"
	    "  --json           print one JSON document instead of text\n"
	    "  --log FILE       write a debug log (cookies and passwords "
	    "redacted)\n"
	    "  --log-bodies     also log request and response bodies\n"
	    "  --timing FILE    terminal interface: write to FILE when the "
	    "first\n"
	    "                   inbox frame is drawn (ms since the process "
	    "started)\n"
	    "  --version        print the version\n"
	    "  --help           print this help\n"
	    "\n"
	    "Commands:\n");
	for (i = 0; i < NCMDS; i++) {
		fprintf(f, "  linchat %s\n      ", cli_cmds[i].usage);
		for (p = cli_cmds[i].help; *p != '\0'; p++) {
			fputc(*p, f);
			if (*p == '\n')
				fputs("      ", f);
		}
		fputs("\n", f);
	}
	fprintf(
	    f,
	    "\n"
	    "Exit status: 0 ok, 1 usage or invalid argument, 2 not logged in,\n"
	    "session expired or security challenge, 3 network trouble or rate\n"
	    "limited, 4 not found, 5 other server or response error.\n"
	    "More: docs/cli.md and docs/config.md.\n");
}

int
cli_is_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCMDS; i++) {
		if (strcmp(cli_cmds[i].name, name) == 0)
			return 1;
	}
	return 0;
}

int
cli_usage(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fprintf(stderr, "linchat: %s\nusage: linchat %s\n", msg, c->cmd->usage);
	free(msg);
	return 1;
}

int
cli_fail(struct cli *c, enum lc_err rc)
{
	struct lc_error *e = &c->err;
	char *msg;

	advice_apply(e, ADVICE_CLI);
	if (e->msg[0] == '\0')
		snprintf(e->msg, sizeof e->msg, "The command failed (%s).",
		         lc_strerror(rc));
	msg = utf8_sanitize(e->msg, strlen(e->msg), 0);
	fprintf(stderr, "linchat: %s\n", msg);
	free(msg);
	if (e->detail[0] != '\0') {
		msg = utf8_sanitize(e->detail, strlen(e->detail), 0);
		fprintf(stderr, "linchat: %s: %s\n",
		        rc == LC_ECHALLENGE ? "challenge" : "detail", msg);
		free(msg);
	}
	if (rc == LC_ERATE && e->retry_after_ms > 0)
		fprintf(stderr, "linchat: LinkedIn asked to wait %ld s.\n",
		        (e->retry_after_ms + 999) / 1000);
	return lc_exit_code(rc);
}

void
cli_put(const char *s)
{
	char *t;

	if (s == NULL)
		return;
	t = utf8_sanitize(s, strlen(s), 0);
	fputs(t, stdout);
	free(t);
}

void
cli_put_multiline(const char *s, const char *indent)
{
	char *t, *p;

	if (s == NULL)
		return;
	t = utf8_sanitize(s, strlen(s), UTF8_SAN_NEWLINES);
	fputs(indent, stdout);
	for (p = t; *p != '\0'; p++) {
		fputc(*p, stdout);
		if (*p == '\n' && p[1] != '\0')
			fputs(indent, stdout);
	}
	fputc('\n', stdout);
	free(t);
}

void
cli_put_cell(const char *s, int width)
{
	char *flat, *t, *p;
	int w;

	/* One line: line breaks and tabs become spaces first. */
	flat = xstrdup(s != NULL ? s : "");
	for (p = flat; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	}
	t = utf8_sanitize(flat, strlen(flat), 0);
	free(flat);
	w = cli_clip(t, width);
	fputs(t, stdout);
	for (; w < width; w++)
		fputc(' ', stdout);
	free(t);
}

void
cli_put_name(const char *s)
{
	char *t;

	if (s == NULL)
		return;
	t = utf8_sanitize(s, strlen(s), 0);
	cli_clip(t, CLI_NAME_COLS);
	fputs(t, stdout);
	free(t);
}

int
cli_clip(char *t, int width)
{
	size_t len = strlen(t), cut = 0, i;
	int w = 0, cw;

	/* Cut at the last code point that still fits, adding "…". */
	if (utf8_width(t, len) <= width)
		return utf8_width(t, len);
	for (i = 0; i < len;) {
		size_t n = 1;

		while (i + n < len && ((unsigned char)t[i + n] & 0xc0) == 0x80)
			n++;
		cw = utf8_width(t + i, n);
		if (w + cw > width - 1)
			break;
		w += cw;
		i += n;
		cut = i;
	}
	memcpy(t + cut, "\xe2\x80\xa6", 3);
	t[cut + 3] = '\0';
	return w + 1;
}

int
cli_parse_limit(struct cli *c, const char *v, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < 1 || n > 10000)
		return cli_usage(c,
		                 "--limit needs a number from 1 to 10000, "
		                 "not \"%s\".",
		                 v);
	*out = (int)n;
	return 0;
}

void
cli_json_print(struct json_object *o)
{
	fputs(json_object_to_json_string_ext(
	          o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	                 JSON_C_TO_STRING_NOSLASHESCAPE),
	      stdout);
	fputc('\n', stdout);
	json_object_put(o);
}

void
cli_client_opts(const struct cli_opts *o, struct client_opts *co)
{
	memset(co, 0, sizeof *co);
	co->config_path = o->config_path;
	co->log_path = o->log_path;
	co->log_bodies = o->log_bodies;
	co->base_url = o->base_url;
}

/* Opens the client (config and log); 0, or the exit code after the
 * messages. */
static int
cli_open(struct cli *c)
{
	struct client_opts co;
	enum lc_err rc;
	size_t i;
	char *what;

	cli_client_opts(c->o, &co);
	co.flags = CLIENT_APPLY_BARE;
	what = xasprintf("command %s", c->cmd->name);
	co.log_what = what;
	rc = client_open(&co, &c->cl, &c->err);
	free(what);
	if (rc == LC_OK)
		return 0;
	if (c->cl->failed != CLIENT_STEP_CONFIG || c->cl->cfg->nproblems == 0)
		return cli_fail(c, rc);
	for (i = 0; i < c->cl->cfg->nproblems; i++)
		fprintf(stderr, "linchat: %s\n", c->cl->cfg->problems[i]);
	fprintf(stderr, "linchat: fix the config file and try again "
	                "(docs/config.md lists every key).\n");
	return 1;
}

int
cli_session(struct cli *c)
{
	enum lc_err rc;

	if (c->cl->h != NULL)
		return 0;
	rc = client_session(c->cl, &c->err);
	if (c->cl->ses != NULL && c->cl->ses->warning != NULL)
		fprintf(stderr, "linchat: %s\n", c->cl->ses->warning);
	return rc == LC_OK ? 0 : cli_fail(c, rc);
}

int
cli_run(const struct cli_opts *opts, int argc, char **argv)
{
	struct lc_error err;
	struct cli c;
	size_t i;
	int ret;

	memset(&c, 0, sizeof c);
	c.o = opts;
	for (i = 0; i < NCMDS; i++) {
		if (strcmp(cli_cmds[i].name, argv[0]) == 0)
			c.cmd = &cli_cmds[i];
	}
	if ((ret = cli_open(&c)) != 0)
		goto out;
	ret = c.cmd->fn(&c, argc - 1, argv + 1);
	if (client_save_refreshed(c.cl, &err) != LC_OK)
		fprintf(stderr, "linchat: %s\n", err.msg);
out:
	fflush(stdout);
	client_close(c.cl);
	return ret;
}

/* Reads the password: from stdin with --password-stdin, else from the
 * terminal with echo off.  NULL (after a message) when there is none. */
static char *
cli_read_password(const char *email, int from_stdin)
{
	struct termios old, quiet;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int tty = !from_stdin && isatty(STDIN_FILENO);

	if (!from_stdin && !tty) {
		fputs("linchat: stdin is not a terminal, so linchat cannot ask "
		      "for the password; pipe it in with --password-stdin.\n",
		      stderr);
		return NULL;
	}
	if (tty) {
		fprintf(stderr, "Password for %s: ", email);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	n = getline(&line, &cap, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n <= 0) {
		free(line);
		fputs("linchat: no password given.\n", stderr);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static void
cli_wipe(char *s)
{
	volatile char *p = s;

	while (p != NULL && *p != '\0')
		*p++ = '\0';
	free(s);
}

static void
cli_print_me(struct cli *c, const struct voyager_me *me, const char *verb)
{
	if (c->o->json) {
		cli_json_print(cli_json_me(me));
		return;
	}
	fputs(verb, stdout);
	cli_put(c->cl->ses->name);
	if (me->public_id != NULL) {
		fputs(" (", stdout);
		cli_put(me->public_id);
		fputs(")", stdout);
	}
	fputs("\n", stdout);
	if (me->occupation != NULL && *me->occupation != '\0') {
		fputs("  ", stdout);
		cli_put(me->occupation);
		fputs("\n", stdout);
	}
	if (me->urn_id != NULL) {
		fputs("  mailbox urn:li:fsd_profile:", stdout);
		cli_put(me->urn_id);
		fputs("\n", stdout);
	}
}

static int
cli_login(struct cli *c, int argc, char **argv)
{
	const char *email = NULL, *li_at = NULL, *jsid = NULL, *ua = NULL;
	struct voyager_me me;
	char *password = NULL;
	int from_stdin = 0, i, ret;
	enum lc_err rc;

	for (i = 0; i < argc; i++) {
		const char **slot = NULL;

		if (strcmp(argv[i], "--password-stdin") == 0) {
			from_stdin = 1;
			continue;
		}
		if (strcmp(argv[i], "--username") == 0)
			slot = &email;
		else if (strcmp(argv[i], "--li-at") == 0)
			slot = &li_at;
		else if (strcmp(argv[i], "--jsessionid") == 0)
			slot = &jsid;
		else if (strcmp(argv[i], "--user-agent") == 0)
			slot = &ua;
		else
			return cli_usage(c, "unexpected argument \"%s\".",
			                 argv[i]);
		if (i + 1 >= argc)
			return cli_usage(c, "%s needs a value.", argv[i]);
		*slot = argv[++i];
	}
	if ((email == NULL) == (li_at == NULL))
		return cli_usage(c, "give either --username or --li-at.");
	if (li_at != NULL && jsid == NULL)
		return cli_usage(c, "--li-at needs --jsessionid too.");
	if (email != NULL && (jsid != NULL || ua != NULL))
		return cli_usage(c, "--jsessionid and --user-agent go with "
		                    "--li-at.");
	memset(&me, 0, sizeof me);
	if (email != NULL &&
	    (password = cli_read_password(email, from_stdin)) == NULL)
		return 1;
	if ((rc = client_relogin(c->cl, ua, &c->err)) != LC_OK) {
		ret = cli_fail(c, rc);
		goto out;
	}
	if (email != NULL) {
		rc = auth_login(c->cl->h, email, password, &c->err);
	} else
		rc = auth_import(c->cl->h, li_at, jsid, &c->err);
	if (rc == LC_OK) {
		rc = client_learn_me(c->cl, &me, &c->err);
		if (rc == LC_EAUTH && li_at != NULL)
			lc_error_set(&c->err, LC_EAUTH,
			             "LinkedIn did not accept "
			             "these cookies; copy li_at and JSESSIONID "
			             "again from "
			             "a browser where you are logged in.");
	}
	if (rc != LC_OK) {
		ret = cli_fail(c, rc);
		goto out;
	}
	if (client_save_session(c->cl, &c->err) != LC_OK) {
		ret = cli_fail(c, c->err.code);
		goto out;
	}
	cli_print_me(c, &me, "Logged in as ");
	ret = 0;
out:
	voyager_me_free(&me);
	cli_wipe(password);
	return ret;
}

static int
cli_logout(struct cli *c, int argc, char **argv)
{
	enum lc_err rc;
	int ret;

	(void)argv;
	if (argc != 0)
		return cli_usage(c, "logout takes no arguments.");
	if ((ret = cli_session(c)) != 0)
		return ret;
	rc = auth_logout(c->cl->h, &c->err);
	if (rc != LC_OK)
		fprintf(stderr,
		        "linchat: LinkedIn did not confirm the logout "
		        "(%s); the saved session is deleted anyway.\n",
		        c->err.msg);
	if (client_session_remove(c->cl, &c->err) != LC_OK)
		return cli_fail(c, c->err.code);
	if (c->o->json)
		fputs("{\"logged_out\": true}\n", stdout);
	else
		fputs("Logged out; the saved session is deleted.\n", stdout);
	return 0;
}

static int
cli_whoami(struct cli *c, int argc, char **argv)
{
	struct voyager_me me;
	enum lc_err rc;
	int ret;

	(void)argv;
	if (argc != 0)
		return cli_usage(c, "whoami takes no arguments.");
	if ((ret = cli_session(c)) != 0)
		return ret;
	memset(&me, 0, sizeof me);
	if ((rc = client_learn_me(c->cl, &me, &c->err)) != LC_OK) {
		voyager_me_free(&me);
		return cli_fail(c, rc);
	}
	/* Keep the identity in the session file current. */
	client_session_changed(c->cl);
	cli_print_me(c, &me, "");
	voyager_me_free(&me);
	return 0;
}
