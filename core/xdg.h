/* xdg.h — where linchat keeps its files, and writing them safely.
 *
 * The XDG base directories: $XDG_CONFIG_HOME (default ~/.config),
 * $XDG_STATE_HOME (~/.local/state), $XDG_DATA_HOME (~/.local/share); a
 * relative value in the environment is ignored, as the spec says.  Files
 * live in a "linchat" directory under each.  Any thread may call these.
 */
#ifndef LC_XDG_H
#define LC_XDG_H

#include <stddef.h>
#include <sys/types.h>

#include "core/err.h"

enum xdg_kind { XDG_CONFIG, XDG_STATE, XDG_DATA };

/* The base directory of kind (caller frees). */
char *xdg_home(enum xdg_kind kind);
/* <base>/linchat/<name>, or <base>/linchat when name is NULL (caller
 * frees).  Creates nothing. */
char *xdg_path(enum xdg_kind kind, const char *name);

/* mkdir -p: creates path and missing parents with mode (parents that
 * exist are left alone).  LC_EIO with a sentence naming the directory. */
enum lc_err xdg_mkdir_p(const char *path, mode_t mode, struct lc_error *err);

/* Replaces path with data atomically: writes a temporary file in the same
 * directory with mode, fsyncs it, renames it over path and fsyncs the
 * directory, so a crash leaves either the old or the new file.  The
 * directory must exist.  LC_EIO on failure (the old file is untouched). */
enum lc_err xdg_write_atomic(const char *path, const void *data, size_t len,
                             mode_t mode, struct lc_error *err);

/* Reads a whole file of at most max bytes into a new NUL-terminated
 * string (caller frees).  LC_ENOTFOUND if it does not exist, LC_EIO if it
 * cannot be read or is larger than max. */
enum lc_err xdg_read_file(const char *path, size_t max, char **out, size_t *len,
                          struct lc_error *err);

#endif
