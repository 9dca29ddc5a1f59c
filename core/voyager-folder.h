/* voyager-folder.h — moving conversations between the mailbox's folders
 * (API.md §6a): addCategory / removeCategory of a service category
 * ("ARCHIVE", "SPAM", "STARRED", "PRIMARY_INBOX", ...; core/folder.h
 * names them).  The rule the service applies is folder_apply().
 *
 * Calls block, use ctx from one thread at a time, need ctx->mailbox, and
 * check their arguments (LC_EINVAL before any request).
 */
#ifndef LC_VOYAGER_FOLDER_H
#define LC_VOYAGER_FOLDER_H

#include <stddef.h>

#include "core/err.h"
#include "core/voyager.h"

/* addCategory (add 1) / removeCategory (add 0), API.md §6a, n >= 1
 * conversations in one request; any 2xx is LC_OK. */
enum lc_err voyager_set_category(struct voyager_ctx *ctx,
                                 const char *const *conv_urns, size_t n,
                                 const char *category, int add,
                                 struct lc_error *err);

#endif
