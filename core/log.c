/* log.c — see log.h.
 *
 * One global FILE under one mutex: the worker and the UI thread both log.
 * Redaction is by key: wherever a secret-bearing key appears (a cookie
 * name, the csrf header, a password field), its value is replaced, so a
 * secret cannot slip through whatever shape the line has.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/xmalloc.h"

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *log_file;
static int log_level_max = -1;
static int log_allow_bodies;

enum redact_kind {
	RED_TOKEN,  /* up to ; & , or white space (a quoted value whole) */
	RED_EOL,    /* up to the end of the line */
	RED_JSONSTR /* a JSON string value after the key */
};

static const struct {
	const char *key;
	enum redact_kind kind;
} redact_keys[] = {
    {"cookie:", RED_EOL},
    {"csrf-token:", RED_EOL},
    {"csrf-token=", RED_TOKEN},
    {"csrftoken=", RED_TOKEN},
    {"li_at=", RED_TOKEN},
    {"li_at\t", RED_EOL},
    {"jsessionid=", RED_TOKEN},
    {"jsessionid\t", RED_EOL},
    {"session_password=", RED_TOKEN},
    {"password=", RED_TOKEN},
    {"\"session_password\":", RED_JSONSTR},
    {"\"password\":", RED_JSONSTR},
    {"\"li_at\":", RED_JSONSTR},
    {"\"jsessionid\":", RED_JSONSTR},
};

static const char *
redact_skip(const char *p, enum redact_kind kind)
{
	switch (kind) {
	case RED_EOL:
		while (*p != '\0' && *p != '\r' && *p != '\n')
			p++;
		return p;
	case RED_JSONSTR:
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '"') {
			while (*p != '\0' && *p != ',' && *p != '}' &&
			       *p != '\n')
				p++;
			return p;
		}
		for (p++; *p != '\0' && *p != '"'; p++) {
			if (*p == '\\' && p[1] != '\0')
				p++;
		}
		return *p == '"' ? p + 1 : p;
	case RED_TOKEN:
		if (*p == '"') {
			for (p++; *p != '\0' && *p != '"' && *p != '\n'; p++)
				;
			return *p == '"' ? p + 1 : p;
		}
		while (*p != '\0' && *p != ';' && *p != '&' && *p != ',' &&
		       !isspace((unsigned char)*p))
			p++;
		return p;
	}
	return p;
}

char *
log_redact(const char *s)
{
	struct buf b;
	const char *p = s;
	size_t i, klen;

	buf_init(&b, 0);
	while (*p != '\0') {
		for (i = 0; i < sizeof redact_keys / sizeof redact_keys[0];
		     i++) {
			klen = strlen(redact_keys[i].key);
			if (strncasecmp(p, redact_keys[i].key, klen) == 0)
				break;
		}
		if (i == sizeof redact_keys / sizeof redact_keys[0]) {
			buf_addc(&b, *p++);
			continue;
		}
		buf_add(&b, p, klen);
		p += klen;
		if (redact_keys[i].kind == RED_EOL && *p == ' ')
			buf_addc(&b, *p++);
		buf_addstr(&b, "[redacted]");
		p = redact_skip(p, redact_keys[i].kind);
	}
	return buf_detach(&b);
}

int
log_level_parse(const char *name)
{
	static const char *const names[] = {"error", "warn", "info", "debug"};
	int i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(name, names[i]) == 0)
			return i;
	}
	return -1;
}

enum lc_err
log_open(const char *path, enum log_level level, int bodies,
         struct lc_error *err)
{
	FILE *f;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd == -1 || (f = fdopen(fd, "a")) == NULL) {
		if (fd != -1)
			close(fd);
		return lc_error_set(err, LC_EIO,
		                    "Cannot open the log file %s: %s.", path,
		                    strerror(errno));
	}
	setvbuf(f, NULL, _IOLBF, 0);
	pthread_mutex_lock(&log_lock);
	if (log_file != NULL)
		fclose(log_file);
	log_file = f;
	log_level_max = (int)level;
	log_allow_bodies = bodies;
	pthread_mutex_unlock(&log_lock);
	return LC_OK;
}

void
log_close(void)
{
	pthread_mutex_lock(&log_lock);
	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
	log_level_max = -1;
	log_allow_bodies = 0;
	pthread_mutex_unlock(&log_lock);
}

int
log_enabled(enum log_level level)
{
	int on;

	pthread_mutex_lock(&log_lock);
	on = log_file != NULL && (int)level <= log_level_max;
	pthread_mutex_unlock(&log_lock);
	return on;
}

static void
log_write(enum log_level level, const char *text, int force)
{
	static const char *const tags[] = {"error", "warn", "info", "debug"};
	int64_t now = clock_wall_ms();
	time_t sec = (time_t)(now / 1000);
	struct tm tm;
	char when[32];
	char *red;

	red = log_redact(text);
	gmtime_r(&sec, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	pthread_mutex_lock(&log_lock);
	if (log_file != NULL && (force || (int)level <= log_level_max))
		fprintf(log_file, "%s.%03ldZ %s %s\n", when, (long)(now % 1000),
		        tags[level], red);
	pthread_mutex_unlock(&log_lock);
	free(red);
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;
	char *text;

	if (!log_enabled(level))
		return;
	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	log_write(level, text, 0);
	free(text);
}

void
log_body(const char *label, const char *body, size_t len)
{
	int on;
	char *text;

	pthread_mutex_lock(&log_lock);
	on = log_file != NULL && log_allow_bodies;
	pthread_mutex_unlock(&log_lock);
	if (!on || body == NULL)
		return;
	text = xasprintf("%s (%zu bytes): %.*s", label, len,
	                 (int)(len > 65536 ? 65536 : len), body);
	log_write(LOGL_DEBUG, text, 1);
	free(text);
}
