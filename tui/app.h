/* app.h — `linchat` with no command: the whole terminal application.
 *
 * Wires the pieces together: the config, the saved session (or the
 * first-run sign-in screen), the store, the model loaded from it before
 * any request, the worker, and the UI (tui_run()).  Main thread only.
 */
#ifndef LC_APP_H
#define LC_APP_H

#include "tui/cli.h"

/* Runs the terminal UI with the global options o until the user quits.
 * Needs curl_global_init() done.  Returns the exit code: 0 after a normal
 * quit (or leaving the sign-in screen), 1 for a bad config or when
 * stdin or stdout is not a terminal, 2 when the session could not be
 * read, 5 when the terminal cannot be started. */
int app_run(const struct cli_opts *o);

#endif
