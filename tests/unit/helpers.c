/* helpers.c — see helpers.h. */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "tests/unit/helpers.h"

char *
helpers_tmpdir(char *dir, size_t n, const char *tag)
{
	int w = snprintf(dir, n, "/tmp/%s-XXXXXX", tag);

	if (w < 0 || (size_t)w >= n || mkdtemp(dir) == NULL) {
		if (n > 0)
			dir[0] = '\0';
		return NULL;
	}
	return dir;
}

static int
helpers_rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

void
helpers_rmtree(const char *dir)
{
	if (dir != NULL && dir[0] != '\0')
		nftw(dir, helpers_rm_one, 8, FTW_DEPTH | FTW_PHYS);
}
