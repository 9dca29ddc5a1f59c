/* test-xdg.c — XDG paths, mkdir -p and atomic writes. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/unit/helpers.h"
#include "core/xdg.h"
#include "core/xmalloc.h"

static char tmp[64];

static void
setup(void)
{
	cr_assert_not_null(helpers_tmpdir(tmp, sizeof tmp, "linchat-xdg"));
}

static void
teardown(void)
{
	helpers_rmtree(tmp);
}

static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.')
			n++;
	}
	closedir(d);
	return n;
}

TestSuite(xdg, .init = setup, .fini = teardown);

Test(xdg, environment_wins_and_relative_values_are_ignored)
{
	char *p;

	setenv("HOME", "/home/ada", 1);
	setenv("XDG_STATE_HOME", "/st", 1);
	p = xdg_path(XDG_STATE, "session");
	cr_assert_str_eq(p, "/st/linchat/session");
	free(p);
	setenv("XDG_STATE_HOME", "relative/dir", 1);
	p = xdg_path(XDG_STATE, "session");
	cr_assert_str_eq(p, "/home/ada/.local/state/linchat/session");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = xdg_path(XDG_CONFIG, NULL);
	cr_assert_str_eq(p, "/home/ada/.config/linchat");
	free(p);
	unsetenv("XDG_DATA_HOME");
	p = xdg_home(XDG_DATA);
	cr_assert_str_eq(p, "/home/ada/.local/share");
	free(p);
}

Test(xdg, mkdir_p_creates_parents_with_the_mode)
{
	char *d = xasprintf("%s/a/b/c", tmp);
	struct stat st;

	cr_assert_eq(xdg_mkdir_p(d, 0700, NULL), LC_OK);
	cr_assert_eq(stat(d, &st), 0);
	cr_assert(S_ISDIR(st.st_mode));
	cr_assert_eq(st.st_mode & 0777, 0700);
	cr_assert_eq(xdg_mkdir_p(d, 0700, NULL), LC_OK);
	free(d);
}

Test(xdg, mkdir_p_through_a_file_fails_clearly)
{
	char *f = xasprintf("%s/file", tmp), *d = xasprintf("%s/file/x", tmp);
	struct lc_error err;

	cr_assert_eq(xdg_write_atomic(f, "x", 1, 0600, NULL), LC_OK);
	cr_assert_eq(xdg_mkdir_p(d, 0700, &err), LC_EIO);
	cr_assert_not_null(strstr(err.msg, tmp));
	free(f);
	free(d);
}

Test(xdg, atomic_write_replaces_with_the_mode_and_leaves_no_temp)
{
	char *f = xasprintf("%s/s", tmp), *text;
	struct stat st;
	size_t len;

	cr_assert_eq(xdg_write_atomic(f, "old", 3, 0644, NULL), LC_OK);
	cr_assert_eq(xdg_write_atomic(f, "new!", 4, 0600, NULL), LC_OK);
	cr_assert_eq(stat(f, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	cr_assert_eq(xdg_read_file(f, 100, &text, &len, NULL), LC_OK);
	cr_assert_str_eq(text, "new!");
	cr_assert_eq(len, 4);
	free(text);
	free(f);
	cr_assert_eq(count_entries(tmp), 1);
}

Test(xdg, read_reports_missing_and_oversized_files)
{
	char *f = xasprintf("%s/big", tmp), *text;

	cr_assert_eq(xdg_read_file(f, 100, &text, NULL, NULL), LC_ENOTFOUND);
	cr_assert_eq(xdg_write_atomic(f, "0123456789", 10, 0600, NULL), LC_OK);
	cr_assert_eq(xdg_read_file(f, 5, &text, NULL, NULL), LC_EIO);
	cr_assert_null(text);
	free(f);
}
