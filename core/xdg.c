/* xdg.c — see xdg.h. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/xdg.h"
#include "core/xmalloc.h"

static char *
xdg_user_home(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h != NULL && h[0] == '/')
		return xstrdup(h);
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_dir != NULL && pw->pw_dir[0] == '/')
		return xstrdup(pw->pw_dir);
	return xstrdup("/tmp");
}

char *
xdg_home(enum xdg_kind kind)
{
	static const char *const vars[] = {"XDG_CONFIG_HOME", "XDG_STATE_HOME",
	                                   "XDG_DATA_HOME"};
	static const char *const dflt[] = {".config", ".local/state",
	                                   ".local/share"};
	const char *v = getenv(vars[kind]);
	char *home, *p;

	if (v != NULL && v[0] == '/')
		return xstrdup(v);
	home = xdg_user_home();
	p = xasprintf("%s/%s", home, dflt[kind]);
	free(home);
	return p;
}

char *
xdg_path(enum xdg_kind kind, const char *name)
{
	char *base = xdg_home(kind), *p;

	if (name != NULL)
		p = xasprintf("%s/linchat/%s", base, name);
	else
		p = xasprintf("%s/linchat", base);
	free(base);
	return p;
}

enum lc_err
xdg_mkdir_p(const char *path, mode_t mode, struct lc_error *err)
{
	char *p = xstrdup(path), *s;
	struct stat st;
	enum lc_err rc = LC_OK;

	for (s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		if (s[-1] != '/') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, mode) != 0 && errno != EEXIST) {
				rc = lc_error_set(
				    err, LC_EIO,
				    "Cannot create the directory %s: %s.", p,
				    strerror(errno));
				goto out;
			}
			if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
				rc = lc_error_set(err, LC_EIO,
				                  "%s is not a directory.", p);
				goto out;
			}
			*s = c;
		}
		if (*s == '\0')
			break;
	}
out:
	free(p);
	return rc;
}

static enum lc_err
xdg_fsync_dir(const char *path, struct lc_error *err)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL   ? xstrdup(".")
	            : slash == path ? xstrdup("/")
	                            : xstrndup(path, (size_t)(slash - path));
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	enum lc_err rc = LC_OK;

	if (fd == -1 || fsync(fd) != 0)
		rc = lc_error_set(err, LC_EIO,
		                  "Cannot sync the directory "
		                  "%s: %s.",
		                  dir, strerror(errno));
	if (fd != -1)
		close(fd);
	free(dir);
	return rc;
}

enum lc_err
xdg_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
                 struct lc_error *err)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	const char *p = data;
	enum lc_err rc = LC_OK;
	ssize_t n;
	int fd;

	fd = mkstemp(tmp);
	if (fd == -1) {
		rc = lc_error_set(err, LC_EIO, "Cannot write %s: %s.", path,
		                  strerror(errno));
		goto out;
	}
	if (fchmod(fd, mode) != 0)
		goto fail;
	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	rc = xdg_fsync_dir(path, err);
	goto out;
fail:
	rc = lc_error_set(err, LC_EIO, "Cannot write %s: %s.", path,
	                  strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(tmp);
out:
	free(tmp);
	return rc;
}

enum lc_err
xdg_read_file(const char *path, size_t max, char **out, size_t *len,
              struct lc_error *err)
{
	struct buf b;
	char chunk[8192];
	ssize_t n;
	int fd;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		if (errno == ENOENT)
			return lc_error_set(err, LC_ENOTFOUND,
			                    "%s does not exist.", path);
		return lc_error_set(err, LC_EIO, "Cannot read %s: %s.", path,
		                    strerror(errno));
	}
	buf_init(&b, max);
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			lc_error_set(err, LC_EIO, "Cannot read %s: %s.", path,
			             strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		if (buf_add(&b, chunk, (size_t)n) != 0) {
			lc_error_set(err, LC_EIO,
			             "%s is larger than %zu bytes.", path, max);
			goto fail;
		}
	}
	close(fd);
	if (len != NULL)
		*len = b.len;
	buf_addstr(&b, "");
	*out = buf_detach(&b);
	return LC_OK;
fail:
	close(fd);
	buf_release(&b);
	return err != NULL ? err->code : LC_EIO;
}
