/* cli-watch.c — `linchat watch [--json]`: the realtime stream's events,
 * one line each, until interrupted.
 *
 * The stream runs on its own thread (core/realtime.h); its hooks print
 * under one lock, so lines never interleave, and flush each line so a
 * pipe reader sees it at once.  The main thread waits on a self-pipe for
 * SIGINT/SIGTERM/SIGHUP or for the hooks to say the stream is over:
 * an expired session exits 2, a stream that cannot be held after its
 * retries exits 3.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "core/realtime.h"
#include "core/utf8.h"
#include "tui/cli-int.h"
#include "tui/cli-json.h"

struct watch {
	struct cli *c;
	pthread_mutex_t mu;
	int pipe[2];
	int done; /* exit code decided by a hook, -1 none yet */
	int live; /* said "watching" once */
	struct lc_error why;
};

static int watch_sig_fd = -1;

static void
watch_on_signal(int sig)
{
	char b = (char)sig;
	int saved = errno;

	if (watch_sig_fd >= 0 && write(watch_sig_fd, &b, 1) < 0) {
		/* the pipe is full: a wake-up is already waiting */
	}
	errno = saved;
}

/* One sanitised line part: newlines become spaces. */
static void
watch_put(const char *s)
{
	char *t;

	if (s == NULL)
		return;
	t = utf8_sanitize(s, strlen(s), 0);
	fputs(t, stdout);
	free(t);
}

static void
watch_text(const struct voyager_rt_event *ev)
{
	char when[8];
	time_t now = time(NULL);
	struct tm tm;
	const struct voyager_message *m = &ev->message;

	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%H:%M", &tm);
	printf("%s  ", when);
	switch (ev->kind) {
	case VOYAGER_RT_MESSAGE:
		fputs("message   ", stdout);
		watch_put(m->is_from_me            ? "me"
		          : m->sender_name != NULL ? m->sender_name
		                                   : m->sender_urn_id);
		fputs(": ", stdout);
		if (strcmp(m->render_format, "RECALLED") == 0)
			fputs("(message deleted)", stdout);
		else
			watch_put(m->text);
		if (strcmp(m->render_format, "EDITED") == 0)
			fputs(" (edited)", stdout);
		break;
	case VOYAGER_RT_CONVERSATION:
		printf("%-10s", ev->conversation.read ? "read" : "unread");
		watch_put(ev->conversation.urn);
		break;
	case VOYAGER_RT_CONV_DELETE:
		fputs("deleted   ", stdout);
		watch_put(ev->conv_urn);
		break;
	case VOYAGER_RT_REACTION:
		fputs("reaction  ", stdout);
		watch_put(ev->reaction.emoji);
		printf(" %ld on ", ev->reaction.count);
		watch_put(ev->msg_urn);
		break;
	default:
		printf("%-10s",
		       ev->kind == VOYAGER_RT_SEEN ? "seen" : "typing");
		watch_put(ev->who_name != NULL ? ev->who_name : ev->who_urn);
		fputs(" in ", stdout);
		watch_put(ev->conv_urn != NULL ? ev->conv_urn : ev->msg_urn);
		break;
	}
	fputc('\n', stdout);
}

static void
watch_on_event(void *arg, struct voyager_rt_event *ev)
{
	struct watch *w = arg;
	struct json_object *o = cli_json_event(ev);

	pthread_mutex_lock(&w->mu);
	if (o != NULL && w->c->o->json)
		printf("%s\n", json_object_to_json_string_ext(
		                   o, JSON_C_TO_STRING_PLAIN |
		                          JSON_C_TO_STRING_NOSLASHESCAPE));
	else if (o != NULL)
		watch_text(ev);
	fflush(stdout);
	pthread_mutex_unlock(&w->mu);
	json_object_put(o);
	voyager_rt_event_free(ev);
	free(ev);
}

static void
watch_on_state(void *arg, enum realtime_state st, int64_t retry_at,
               const struct lc_error *why)
{
	struct watch *w = arg;
	int code = -1;

	(void)retry_at;
	pthread_mutex_lock(&w->mu);
	if (st == REALTIME_LIVE && !w->live && !w->c->o->json) {
		w->live = 1;
		fputs("Watching for new messages (Ctrl-C to stop).\n", stderr);
	}
	if (st == REALTIME_STOPPED)
		code = 2;
	else if (st == REALTIME_POLLING)
		code = 3;
	if (code >= 0 && w->done < 0) {
		w->done = code;
		if (why != NULL)
			w->why = *why;
		else
			lc_error_set(&w->why,
			             code == 2 ? LC_EAUTH : LC_ENETWORK,
			             "The realtime stream ended.");
		watch_on_signal(0);
	}
	pthread_mutex_unlock(&w->mu);
}

static void
watch_catch(int sig, struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = watch_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, old);
}

int
cli_watch(struct cli *c, int argc, char **argv)
{
	struct watch w;
	struct realtime_config cfg;
	struct realtime_hooks h;
	struct realtime *rt;
	struct sigaction oi, ot, oh;
	struct pollfd pfd;
	int ret;

	if (argc > 0)
		return cli_usage(c, "unexpected argument \"%s\".", argv[0]);
	if ((ret = cli_session(c)) != 0 || (ret = cli_need_mailbox(c)) != 0)
		return ret;
	memset(&w, 0, sizeof w);
	w.c = c;
	w.done = -1;
	pthread_mutex_init(&w.mu, NULL);
	if (pipe(w.pipe) != 0) {
		pthread_mutex_destroy(&w.mu);
		lc_error_set(&c->err, LC_EIO, "Could not make a pipe: %s.",
		             strerror(errno));
		return cli_fail(c, LC_EIO);
	}
	memset(&cfg, 0, sizeof cfg);
	h.event = watch_on_event;
	h.state = watch_on_state;
	h.arg = &w;
	watch_sig_fd = w.pipe[1];
	watch_catch(SIGINT, &oi);
	watch_catch(SIGTERM, &ot);
	watch_catch(SIGHUP, &oh);
	rt = realtime_new(c->cl->h, c->cl->vc.mailbox, &cfg, &h, &c->err);
	if (rt == NULL || realtime_start(rt, &c->err) != LC_OK)
		w.done = 5;
	pfd.fd = w.pipe[0];
	pfd.events = POLLIN;
	while (w.done < 0 && rt != NULL) {
		if (poll(&pfd, 1, -1) > 0)
			break;
	}
	if (rt != NULL) {
		realtime_stop(rt);
		realtime_free(rt);
	}
	sigaction(SIGINT, &oi, NULL);
	sigaction(SIGTERM, &ot, NULL);
	sigaction(SIGHUP, &oh, NULL);
	watch_sig_fd = -1;
	close(w.pipe[0]);
	close(w.pipe[1]);
	pthread_mutex_destroy(&w.mu);
	if (w.done == 5)
		return cli_fail(c, c->err.code);
	if (w.done > 0) {
		c->err = w.why;
		cli_fail(c, w.why.code);
		return w.done;
	}
	return 0;
}
