/* main.c — linchat's entry point: global options, then a command or the TUI.
 *
 * Global options may come before or after the command word (up to a "--"),
 * so `linchat inbox --json` works as well as `linchat --json inbox`.
 * Anything else is left, in order, for the command to parse.
 */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "tui/app.h"
#include "tui/cli.h"
#include "tui/timing.h"
#include "core/xmalloc.h"

static void usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static void
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("linchat: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nRun `linchat --help` for the commands and options.\n", stderr);
}

/* Moves the global options out of argv into o; the rest is compacted into
 * rest (rest[0] is the command).  Returns -1 on a usage error, 1 when
 * --help or --version was handled. */
static int
parse_globals(int argc, char **argv, struct cli_opts *o, char **rest,
              int *nrest)
{
	int i, dashdash = 0;
	const char *a;

	*nrest = 0;
	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (dashdash || a[0] != '-' || strcmp(a, "-") == 0) {
			rest[(*nrest)++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			dashdash = 1;
			rest[(*nrest)++] = argv[i];
		} else if (strcmp(a, "--json") == 0)
			o->json = 1;
		else if (strcmp(a, "--log-bodies") == 0)
			o->log_bodies = 1;
		else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			cli_help(stdout);
			return 1;
		} else if (strcmp(a, "--version") == 0) {
			printf("linchat %s\n", LINCHAT_VERSION);
			return 1;
		} else if (strcmp(a, "--base-url") == 0 ||
		           strcmp(a, "--config") == 0 ||
		           strcmp(a, "--log") == 0 ||
		           strcmp(a, "--timing") == 0) {
			if (i + 1 >= argc) {
				usage_error("%s needs a value.", a);
				return -1;
			}
			if (strcmp(a, "--base-url") == 0)
				o->base_url = argv[++i];
			else if (strcmp(a, "--config") == 0)
				o->config_path = argv[++i];
			else if (strcmp(a, "--timing") == 0)
				o->timing_path = argv[++i];
			else
				o->log_path = argv[++i];
		} else
			rest[(*nrest)++] = argv[i];
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct cli_opts o;
	char **rest;
	int nrest, rc;

	timing_start(); /* first: --timing counts from here too */
	setlocale(LC_ALL, "");
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fputs("linchat: libcurl failed to start.\n", stderr);
		return 5;
	}
	memset(&o, 0, sizeof o);
	o.base_url = getenv("LINCHAT_BASE_URL");
	if (o.base_url != NULL && *o.base_url == '\0')
		o.base_url = NULL;
	rest = xcalloc((size_t)argc + 1, sizeof *rest);
	rc = parse_globals(argc, argv, &o, rest, &nrest);
	if (rc != 0) {
		rc = rc < 0 ? 1 : 0;
		goto out;
	}
	if (nrest == 0) {
		rc = app_run(&o);
		goto out;
	}
	if (o.timing_path != NULL) {
		usage_error("--timing is for the terminal interface, not for "
		            "a command.");
		rc = 1;
		goto out;
	}
	if (rest[0][0] == '-' || !cli_is_command(rest[0])) {
		if (rest[0][0] == '-')
			usage_error("unknown option %s.", rest[0]);
		else
			usage_error("unknown command \"%s\".", rest[0]);
		rc = 1;
		goto out;
	}
	rc = cli_run(&o, nrest, rest);
out:
	free(rest);
	curl_global_cleanup();
	return rc;
}
