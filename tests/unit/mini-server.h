/* mini-server.h — a scripted HTTP server on 127.0.0.1 for unit tests.
 *
 * Answers each request with the next canned response (in any number of
 * keep-alive connections) and keeps the raw request text, so a test can
 * check what the client sent.  Header-only: include it in one test file.
 */
#ifndef LC_MINI_SERVER_H
#define LC_MINI_SERVER_H

#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/xmalloc.h"

#define MAX_REQ 16

/* Case-insensitive strstr (strcasestr is a GNU extension). */
static inline char *
ci_find(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++) {
		if (strncasecmp(hay, needle, n) == 0)
			return (char *)hay;
	}
	return NULL;
}

struct canned {
	const char *data; /* "HANG": never answer */
	size_t len;       /* 0: strlen */
};

struct mini {
	int lfd;
	int port;
	pthread_t th;
	const struct canned *resp;
	size_t nresp;
	size_t next;
	char *reqs[MAX_REQ];
	size_t nreqs;
	pthread_mutex_t lock;
	volatile int stop;
};

static inline int
mini_wait_readable(struct mini *m, int fd)
{
	struct pollfd p = {fd, POLLIN, 0};

	while (!m->stop) {
		if (poll(&p, 1, 20) > 0)
			return 1;
	}
	return 0;
}

/* Reads one request (headers + Content-Length body); NULL at EOF. */
static inline char *
mini_read_request(struct mini *m, int fd)
{
	struct buf b;
	char chunk[4096], *end, *cl;
	ssize_t n;
	size_t want = 0;

	buf_init(&b, 0);
	for (;;) {
		end = b.data != NULL ? strstr(b.data, "\r\n\r\n") : NULL;
		if (end != NULL) {
			cl = ci_find(b.data, "\ncontent-length:");
			want =
			    (size_t)(end - b.data) + 4 +
			    (cl != NULL && cl < end ? strtoul(cl + 16, NULL, 10)
			                            : 0);
			if (b.len >= want)
				return buf_detach(&b);
		}
		if (!mini_wait_readable(m, fd))
			break;
		n = recv(fd, chunk, sizeof chunk, 0);
		if (n <= 0)
			break;
		buf_add(&b, chunk, (size_t)n);
	}
	buf_release(&b);
	return NULL;
}

static inline void *
mini_main(void *arg)
{
	struct mini *m = arg;
	const struct canned *c;
	char *req;
	int fd;

	while (!m->stop) {
		if (!mini_wait_readable(m, m->lfd))
			break;
		fd = accept(m->lfd, NULL, NULL);
		if (fd < 0)
			continue;
		while ((req = mini_read_request(m, fd)) != NULL) {
			pthread_mutex_lock(&m->lock);
			if (m->nreqs < MAX_REQ)
				m->reqs[m->nreqs++] = req;
			else
				free(req);
			c = m->next < m->nresp ? &m->resp[m->next++] : NULL;
			pthread_mutex_unlock(&m->lock);
			if (c == NULL) {
				c = &(struct canned){
				    "HTTP/1.1 500 No script\r\n"
				    "Content-Length: 0\r\n\r\n",
				    0};
			}
			if (strcmp(c->data, "HANG") == 0) {
				while (!m->stop)
					usleep(10000);
				break;
			}
			send(fd, c->data, c->len ? c->len : strlen(c->data),
			     MSG_NOSIGNAL);
			if (strstr(c->data, "Connection: close") != NULL)
				break;
		}
		close(fd);
	}
	return NULL;
}

static inline struct mini *
mini_start(const struct canned *resp, size_t nresp)
{
	struct mini *m = xcalloc(1, sizeof *m);
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;

	m->resp = resp;
	m->nresp = nresp;
	pthread_mutex_init(&m->lock, NULL);
	m->lfd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(m->lfd, (struct sockaddr *)&sa, sizeof sa), 0);
	cr_assert_eq(listen(m->lfd, 8), 0);
	getsockname(m->lfd, (struct sockaddr *)&sa, &len);
	m->port = ntohs(sa.sin_port);
	pthread_create(&m->th, NULL, mini_main, m);
	return m;
}

static inline void
mini_stop(struct mini *m)
{
	size_t i;

	m->stop = 1;
	pthread_join(m->th, NULL);
	close(m->lfd);
	for (i = 0; i < m->nreqs; i++)
		free(m->reqs[i]);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

#endif
