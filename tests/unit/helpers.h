/* helpers.h — fixtures shared by the unit tests: the temporary directory
 * each test works in (no test touches a path outside its own).
 *
 * Plain C without Criterion, so the rig of the TSan drivers, benchmarks
 * and the soak can use it too.
 */
#ifndef LC_TEST_HELPERS_H
#define LC_TEST_HELPERS_H

#include <stddef.h>

/* Makes a fresh directory "/tmp/<tag>-XXXXXX" and writes its path into
 * dir (n bytes).  Returns dir, or NULL (and dir "") if it failed. */
char *helpers_tmpdir(char *dir, size_t n, const char *tag);

/* Removes dir and everything under it, not following symlinks; nothing
 * when dir is NULL or "". */
void helpers_rmtree(const char *dir);

#endif
