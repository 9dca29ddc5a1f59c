/* fuzz-session.c — the session file parser (core/session.h).
 *
 * session_load() takes a path, so each input is written to one private
 * temporary file (mode 0600) in a directory of its own (mkdtemp, 0700:
 * never straight into /tmp, whose mode linchat must not touch) and loaded
 * from there; a loaded session's
 * cookies are then applied to an http session's jar and dumped again.
 */
#include <curl/curl.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "tests/fuzz/fuzz.h"
#include "core/http.h"
#include "core/session.h"

static char dir[] = "/tmp/linchat-fuzz-session.XXXXXX";
static char path[sizeof dir + sizeof "/session"];
static int fd = -1;
static struct http_session *hs;

static void
cleanup(void)
{
	if (fd != -1) {
		unlink(path);
		rmdir(dir);
	}
	http_session_free(hs);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct http_config cfg;
	struct lc_error err;

	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL) {
		perror("fuzz-session: mkdtemp");
		abort();
	}
	snprintf(path, sizeof path, "%s/session", dir);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd == -1) {
		perror("fuzz-session: open");
		abort();
	}
	atexit(cleanup);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	memset(&cfg, 0, sizeof cfg);
	cfg.base_url = "http://127.0.0.1:9";
	hs = http_session_new(&cfg, &err);
	if (hs == NULL) {
		fprintf(stderr, "fuzz-session: %s\n", err.msg);
		abort();
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lc_error err;
	struct session *s = NULL;
	char *dump;
	enum lc_err rc;

	if (ftruncate(fd, 0) != 0 ||
	    (size > 0 && pwrite(fd, data, size, 0) != (ssize_t)size)) {
		perror("fuzz-session: writing the input");
		abort();
	}
	memset(&err, 0, sizeof err);
	rc = session_load(path, &s, &err);
	FUZZ_CHECK((rc == LC_OK) == (s != NULL), "rc %d with session %p", rc,
	           (void *)s);
	if (s != NULL) {
		FUZZ_CHECK(s->warning == NULL, "warning on a 0600 file");
		FUZZ_CHECK(s->cookies != NULL, "no cookie text");
		session_apply(s, hs, NULL);
		dump = http_cookies_dump(hs);
		free(dump);
		session_capture(s, hs);
	}
	session_free(s);
	return 0;
}
