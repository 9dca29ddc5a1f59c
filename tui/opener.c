/* opener.c — links to the opener, text to the clipboard. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/buf.h"
#include "tui/opener.h"

const char *
opener_find_link(const char *text, size_t *len)
{
	const char *a = strstr(text, "https://"), *b = strstr(text, "http://");
	const char *u = a == NULL ? b : b == NULL ? a : a < b ? a : b, *e;

	if (u == NULL)
		return NULL;
	for (e = u; *e != '\0' && *e != ' ' && *e != '\n' && *e != '\t' &&
	            *e != '>' && *e != '"';
	     e++)
		;
	/* a sentence's full stop or closing bracket is not part of it */
	while (e > u && (e[-1] == '.' || e[-1] == ',' || e[-1] == ')'))
		e--;
	*len = (size_t)(e - u);
	return u;
}

int
opener_have_display(void)
{
	const char *d = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");

	return (d != NULL && *d != '\0') || (w != NULL && *w != '\0');
}

int
opener_run(const char *opener, const char *url)
{
	pid_t pid;
	int fd, status;

	/* fork twice so the opener is never our zombie */
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (fork() != 0)
			_exit(0);
		setsid();
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		signal(SIGINT, SIG_DFL);
		execlp(opener, opener, url, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		;
	return 0;
}

char *
opener_osc52(const char *text)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text), i;
	unsigned v;
	struct buf b;

	buf_init(&b, 0);
	buf_addstr(&b, "\x1b]52;c;");
	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
		buf_addc(&b, b64[v >> 18 & 63]);
		buf_addc(&b, b64[v >> 12 & 63]);
		buf_addc(&b, b64[v >> 6 & 63]);
		buf_addc(&b, b64[v & 63]);
	}
	if (n - i == 1) {
		v = (unsigned)s[i] << 16;
		buf_addc(&b, b64[v >> 18 & 63]);
		buf_addc(&b, b64[v >> 12 & 63]);
		buf_addstr(&b, "==");
	} else if (n - i == 2) {
		v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8;
		buf_addc(&b, b64[v >> 18 & 63]);
		buf_addc(&b, b64[v >> 12 & 63]);
		buf_addc(&b, b64[v >> 6 & 63]);
		buf_addc(&b, '=');
	}
	buf_addc(&b, '\a');
	return buf_detach(&b);
}
