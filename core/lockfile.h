/* lockfile.h — one process at a time: the screen of one account.
 *
 * Only the TUI runs a worker, and the worker owns the outbox: two workers
 * on one store could both send a queued message.  So the TUI holds an
 * flock on "<store>.lock" for its whole life, and the file holds its pid
 * for the sentence a second one prints.  The kernel lets go of the lock
 * when the process ends in any way (kill -9 included), so a crash never
 * leaves a stale lock.  Command-line calls take no lock: they send
 * directly, never from the outbox.
 */
#ifndef LC_LOCKFILE_H
#define LC_LOCKFILE_H

#include "core/err.h"

struct lockfile;

/* Takes the lock at path without waiting (the file is made 0600 if
 * missing).  LC_OK and *out (release with lockfile_release()); LC_EINVAL
 * when another process holds it, with a sentence naming its pid in err;
 * LC_EIO when the file cannot be opened. */
enum lc_err lockfile_take(const char *path, struct lockfile **out,
                          struct lc_error *err);

/* Lets go of the lock (the file stays); NULL is fine. */
void lockfile_release(struct lockfile *lf);

#endif
