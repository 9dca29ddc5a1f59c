/* soak-child.c — the fault soak's child process: one worker on the store,
 * driven over a pipe by soak.c.
 *
 * Commands, one a line: "S i c" send message i to conversation c; "N i p"
 * send message i as a first message to person p (worker_push_send_new);
 * "R c f"
 * mark conversation c read (f 1) or unread; "W" work on its own as fast
 * as the budget allows (the rss run); "Q" sync and answer "D" once the
 * outbox is empty; "X" stop cleanly and exit 0.  Each command but Q is
 * answered "A" once the push returned.  An expired session is logged in
 * again, the read flags asked for are asked again, and "L" is written.
 */
#include <curl/curl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/auth.h"
#include "core/model.h"
#include "core/outbox.h"
#include "tests/unit/rig.h"
#include "tests/sim/sim-demo.h"
#include "tests/sim/simclient.h"
#include "tests/soak/soak.h"
#include "core/worker.h"

static const char *const people[NPEOPLE][2] = {
    {"urn:li:fsd_profile:" SIM_GRACE_PROFILE_ID, "Grace Hopper"},
    {"urn:li:fsd_profile:" SIM_BILL_PROFILE_ID, "Bill Gates"},
};

void
msg_text(char *buf, size_t size, int i)
{
	snprintf(buf, size, "soak message %d", i);
}

void
msg_token(char *buf, size_t size, int i)
{
	snprintf(buf, size, "%08x-50a4-4000-8000-%012x", nonce, (unsigned)i);
}

static int
child_login(struct rig *r)
{
	struct lc_error err;
	int i;

	for (i = 0; i < 200; i++) {
		lc_error_clear(&err);
		if (auth_login(r->h, SIM_DEMO_EMAIL, SIM_DEMO_PASSWORD, &err) ==
		    LC_OK)
			return 0;
		usleep(20000);
	}
	return -1;
}

/* Reads one command line from fd into line; 1, 0 at EOF. */
static int
child_readline(int fd, char *line, size_t size)
{
	size_t n = 0;
	char c;

	while (read(fd, &c, 1) == 1) {
		if (c == '\n') {
			line[n] = '\0';
			return 1;
		}
		if (n + 1 < size)
			line[n++] = c;
	}
	return 0;
}

/* The rss workload: the next job once the worker finished one (so the
 * queue stays short), cycling through sync, open, older, mark and now
 * and then a send. */
static void
child_work(struct rig *r, unsigned long *done, long *op)
{
	struct worker_stats ws;
	char text[64];
	const char *c;
	long i = *op;

	worker_stats_get(r->w, &ws);
	if (i > 0 && ws.jobs == *done)
		return;
	*done = ws.jobs;
	c = convs[(i / 8) % NCONVS];
	switch (i % 8) {
	case 1:
	case 5:
		worker_push_open(r->w, c);
		break;
	case 2:
		worker_push_mark_read(r->w, c, (int)(i / 8) & 1);
		break;
	case 3:
		worker_push_older(r->w, c);
		break;
	case 6:
		if ((i / 8) % 8 == 0) {
			snprintf(text, sizeof text, "rss message %ld", i);
			worker_push_send(r->w, c, text, NULL, NULL);
			break;
		}
		/* FALLTHROUGH */
	default:
		worker_push_sync(r->w);
		break;
	}
	*op = i + 1;
}

void
child_main(const char *base_url, const char *db, int cmd, int ack)
{
	int marks[NCONVS], draining = 0, working = 0, i, c, f;
	char line[64], text[64], token[64];
	unsigned long done = 0;
	long op = 0;
	struct model_sync s;
	struct lc_error err;
	struct pollfd p[2];
	struct rig r;

	for (i = 0; i < NCONVS; i++)
		marks[i] = -1;
	lc_error_clear(&err);
	if (rig_init(&r, base_url, db, 20, 1, &err) != 0)
		_exit(2);
	if (child_login(&r) != 0)
		_exit(3);
	if (worker_start(r.w, &err) != LC_OK)
		_exit(4);
	for (;;) {
		p[0].fd = cmd;
		p[0].events = POLLIN;
		p[1].fd = worker_wake_fd(r.w);
		p[1].events = POLLIN;
		if (poll(p, 2, working ? 5 : 100) < 0)
			continue;
		worker_user_active(r.w);
		if (p[1].revents & POLLIN)
			worker_wake_drain(r.w);
		model_get_sync(r.m, &s);
		if (s.session_expired) {
			if (child_login(&r) != 0)
				_exit(5);
			worker_session_renewed(r.w);
			for (i = 0; i < NCONVS; i++)
				if (marks[i] >= 0)
					worker_push_mark_read(r.w, convs[i],
					                      marks[i]);
			if (write(ack, "L", 1) != 1)
				_exit(6);
		}
		if (working)
			child_work(&r, &done, &op);
		if (draining && rig_outbox_empty(&r, NULL)) {
			draining = 0;
			if (write(ack, "D", 1) != 1)
				_exit(6);
		}
		if (!(p[0].revents & (POLLIN | POLLHUP)))
			continue;
		if (!child_readline(cmd, line, sizeof line))
			_exit(7);
		if (sscanf(line, "S %d %d", &i, &c) == 2) {
			msg_text(text, sizeof text, i);
			msg_token(token, sizeof token, i);
			if (worker_push_send(r.w, convs[c], text, token,
			                     &err) != 0)
				_exit(8);
		} else if (sscanf(line, "N %d %d", &i, &c) == 2) {
			msg_text(text, sizeof text, i);
			msg_token(token, sizeof token, i);
			if (worker_push_send_new(r.w, people[c % NPEOPLE][0],
			                         people[c % NPEOPLE][1], text,
			                         token, &err) != 0)
				_exit(8);
		} else if (sscanf(line, "R %d %d", &c, &f) == 2) {
			marks[c] = f;
			worker_push_mark_read(r.w, convs[c], f);
		} else if (line[0] == 'W') {
			working = 1;
		} else if (line[0] == 'Q') {
			draining = 1;
			worker_push_sync(r.w);
		} else if (line[0] == 'X') {
			worker_stop(r.w);
			rig_down(&r);
			curl_global_cleanup();
			for (i = 0; i < NCONVS; i++)
				free(convs[i]);
			exit(0);
		}
		if (line[0] != 'Q' && write(ack, "A", 1) != 1)
			_exit(6);
	}
}
