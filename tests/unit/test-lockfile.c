/* test-lockfile.c — one screen per account: the lock, the sentence, and
 * no stale lock after kill -9. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/lockfile.h"
#include "tests/unit/helpers.h"

Test(lockfile, a_second_holder_is_refused_until_the_first_is_killed)
{
	char dir[256], path[300], want[64];
	struct lockfile *lf = NULL;
	struct lc_error err;
	int ready[2], status;
	struct stat st;
	pid_t kid;
	char c;

	cr_assert_not_null(helpers_tmpdir(dir, sizeof dir, "lockfile"));
	snprintf(path, sizeof path, "%s/linchat.db.lock", dir);
	cr_assert_eq(pipe(ready), 0);
	if ((kid = fork()) == 0) {
		struct lockfile *mine;

		if (lockfile_take(path, &mine, &err) != LC_OK)
			_exit(1);
		(void)!write(ready[1], "x", 1);
		pause();
		_exit(0);
	}
	cr_assert_eq(read(ready[0], &c, 1), 1);
	lc_error_clear(&err);
	cr_assert_eq(lockfile_take(path, &lf, &err), LC_EINVAL);
	cr_assert_null(lf);
	snprintf(want, sizeof want, "(process %ld)", (long)kid);
	cr_assert(strstr(err.msg, want) != NULL, "%s", err.msg);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	kill(kid, SIGKILL);
	cr_assert_eq(waitpid(kid, &status, 0), kid);
	lc_error_clear(&err);
	cr_assert_eq(lockfile_take(path, &lf, &err), LC_OK, "%s", err.msg);
	lockfile_release(lf);
	/* released: taken again at once */
	cr_assert_eq(lockfile_take(path, &lf, &err), LC_OK);
	lockfile_release(lf);
	lockfile_release(NULL);
	close(ready[0]);
	close(ready[1]);
	helpers_rmtree(dir);
}

Test(lockfile, a_path_that_cannot_be_opened_is_an_io_error)
{
	struct lockfile *lf = NULL;
	struct lc_error err;

	lc_error_clear(&err);
	cr_assert_eq(
	    lockfile_take("/nonexistent-dir-linchat/x.lock", &lf, &err),
	    LC_EIO);
	cr_assert_null(lf);
}
