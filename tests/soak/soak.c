/* soak.c — the fault soak of issue 5: exactly-once sends and read flags
 * through faults, session expiry and SIGKILL.
 *
 * The driver starts voyager-sim with every fault kind at rate 0.2 and a
 * session that dies after --session-requests.  A child process runs the
 * worker on one store, syncing every second, and takes commands from the
 * driver on a pipe: send message i to conversation c (fixed origin token
 * per message), mark conversation c read or unread.  The child answers
 * each command once the push returned (the outbox row is written by
 * then).  When the worker reports the session expired the child logs in
 * again (auth_login with the demo password) and calls
 * worker_session_renewed().  The driver SIGKILLs the child K times at
 * random moments while it sends and restarts it on the same store.
 * Mark-read jobs are not durable (a killed or logged-out worker drops
 * them), so a restarted child is given the flags asked for so far again,
 * as a UI restoring its state would.
 *
 * At the end a last child empties its outbox and exits cleanly (so
 * LeakSanitizer runs on it), and the driver checks /__sim/state: every
 * message exactly once, the read flags asked for; then the store: outbox
 * empty and each message held once.  Prints the figures.
 *
 * usage: soak [short|long] [seed]   (short: M 40, K 4; long: M 500, K 20)
 */
#include <curl/curl.h>
#include <json-c/json.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "jobq.h"
#include "model.h"
#include "outbox.h"
#include "rig.h"
#include "simclient.h"
#include "store.h"
#include "voyager-msg.h"
#include "voyager.h"
#include "worker.h"
#include "xmalloc.h"

#define NCONVS 12
#define FAULTS "429,999,500,503,reset,truncated,malformed,empty,slow"

static char *convs[NCONVS];
static unsigned nonce;

static void rate_tick(void);

struct child {
	pid_t pid;
	int cmd;	/* driver → child */
	int ack;	/* child → driver */
};

static int
fail(const char *what)
{
	fprintf(stderr, "soak: FAIL: %s\n", what);
	return 1;
}

static void
msg_text(char *buf, size_t size, int i)
{
	snprintf(buf, size, "soak message %d", i);
}

static void
msg_token(char *buf, size_t size, int i)
{
	snprintf(buf, size, "%08x-50a4-4000-8000-%012x", nonce, (unsigned)i);
}

static long
rss_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	return kb;
}

/* --- the child ------------------------------------------------------ */

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

static int
child_outbox_empty(struct rig *r)
{
	struct outbox_item *items = NULL;
	size_t n = 1;

	if (outbox_all(r->st, &items, &n, NULL) != LC_OK)
		return 0;
	outbox_items_free(items, n);
	return n == 0;
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

static void
child_main(const char *base_url, const char *db, int cmd, int ack)
{
	int marks[NCONVS], draining = 0, i, c, f;
	char line[64], text[64], token[64];
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
		if (poll(p, 2, 100) < 0)
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
		if (draining && child_outbox_empty(&r)) {
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
		} else if (sscanf(line, "R %d %d", &c, &f) == 2) {
			marks[c] = f;
			worker_push_mark_read(r.w, convs[c], f);
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

/* --- the driver ----------------------------------------------------- */

static int relogins;

static int
spawn(struct child *ch, const char *base_url, const char *db)
{
	int to[2], from[2];

	if (pipe(to) != 0 || pipe(from) != 0)
		return -1;
	fflush(NULL);
	if ((ch->pid = fork()) < 0)
		return -1;
	if (ch->pid == 0) {
		close(to[1]);
		close(from[0]);
		child_main(base_url, db, to[0], from[1]);
	}
	close(to[0]);
	close(from[1]);
	ch->cmd = to[1];
	ch->ack = from[0];
	return 0;
}

/* Waits for the byte want ('A' or 'D'), counting re-logins on the way.
 * 0, or -1 if the child died or stayed silent for limit_ms. */
static int
await(struct child *ch, char want, int limit_ms)
{
	int64_t end = jobq_now_ms() + limit_ms;
	struct pollfd p;
	char c;

	while (jobq_now_ms() < end) {
		rate_tick();
		p.fd = ch->ack;
		p.events = POLLIN;
		if (poll(&p, 1, 100) != 1)
			continue;
		if (read(ch->ack, &c, 1) != 1)
			return -1;
		if (c == 'L')
			relogins++;
		else if (c == want)
			return 0;
	}
	return -1;
}

static int
command(struct child *ch, const char *line)
{
	size_t len = strlen(line);

	if (write(ch->cmd, line, len) != (ssize_t)len)
		return -1;
	return await(ch, 'A', 120000);
}

static void
reap(struct child *ch, int sig)
{
	int status;

	if (sig != 0)
		kill(ch->pid, sig);
	waitpid(ch->pid, &status, 0);
	close(ch->cmd);
	close(ch->ack);
}

/* The request rate: the simulator's request counter, sampled about once
 * a second from the driver's loops (no thread: the driver forks). */
static struct sim *rate_sim;
static long rate_last = -1, rate_max;
static int64_t rate_at;

static void
rate_tick(void)
{
	int64_t now = jobq_now_ms();
	long n;

	if (rate_sim == NULL || now - rate_at < 1000)
		return;
	n = sim_requests(rate_sim, "total");
	if (n >= 0 && rate_last >= 0 && rate_at > 0) {
		/* per second, over the window actually elapsed */
		long r = (n - rate_last) * 1000 / (long)(now - rate_at);

		if (r > rate_max)
			rate_max = r;
	}
	rate_last = n;
	rate_at = now;
}

static int
get_convs(struct sim *sim)
{
	struct voyager_conv_page pg;
	struct lc_error err;
	struct rig r;
	int rc = -1;
	size_t i;

	free(sim_post(sim, "/__sim/fault", "{\"rate\":0}"));
	memset(&pg, 0, sizeof pg);
	if (rig_init(&r, sim_base_url(sim), NULL, 20, 60, &err) != 0)
		return -1;
	if (voyager_conversations(&r.vc, &pg, &err) == LC_OK &&
	    pg.n >= NCONVS) {
		for (i = 0; i < NCONVS; i++)
			convs[i] = xstrdup(pg.items[i].urn);
		rc = 0;
	}
	voyager_conv_page_free(&pg);
	rig_down(&r);
	free(sim_post(sim, "/__sim/fault",
	    "{\"rate\":0.2,\"faults\":\"" FAULTS "\"}"));
	return rc;
}

/* Counts how often the simulator got each message; read flags that
 * differ from marks. */
static int
sim_check(struct sim *sim, int *count, int m, const int *marks,
    int *read_bad, long *requests)
{
	struct json_object *st = sim_state_json(sim), *arr, *e, *t, *rd, *x;
	const char *prefix = "soak message ", *s;
	size_t i, plen = strlen(prefix);
	char *end;
	long k;

	if (st == NULL || !json_object_object_get_ex(st, "sent_messages", &arr))
		return -1;
	memset(count, 0, (size_t)m * sizeof *count);
	for (i = 0; i < json_object_array_length(arr); i++) {
		e = json_object_array_get_idx(arr, i);
		if (!json_object_object_get_ex(e, "text", &t))
			continue;
		s = json_object_get_string(t);
		if (strncmp(s, prefix, plen) != 0)
			continue;
		k = strtol(s + plen, &end, 10);
		if (*end == '\0' && k >= 0 && k < m)
			count[k]++;
	}
	*read_bad = 0;
	if (!json_object_object_get_ex(st, "read", &rd))
		*read_bad = NCONVS;
	else
		for (i = 0; i < NCONVS; i++) {
			if (marks[i] < 0)
				continue;
			if (!json_object_object_get_ex(rd, convs[i], &x) ||
			    json_object_get_boolean(x) != marks[i])
				(*read_bad)++;
		}
	if (json_object_object_get_ex(st, "requests", &x) &&
	    json_object_object_get_ex(x, "total", &t))
		*requests = json_object_get_int64(t);
	json_object_put(st);
	return 0;
}

/* The store: outbox rows left, and how often it holds each message. */
static int
store_check(const char *db, int *count, int m, size_t *outbox_left)
{
	struct outbox_item *items = NULL;
	struct model_thread th;
	struct lc_error err;
	struct store *st;
	struct model *md = model_new();
	char text[64];
	size_t i, j;
	int k, rc = -1;

	memset(count, 0, (size_t)m * sizeof *count);
	if (store_open(db, &st, &err) != LC_OK)
		goto out;
	if (store_load(st, md, &err) != LC_OK ||
	    outbox_all(st, &items, outbox_left, &err) != LC_OK) {
		store_close(st);
		goto out;
	}
	outbox_items_free(items, *outbox_left);
	for (i = 0; i < NCONVS; i++) {
		/* a thread's messages are read when it is opened */
		if (store_load_thread(st, md, convs[i], INT64_MAX, 0, NULL,
		    &err) != LC_OK) {
			store_close(st);
			goto out;
		}
		if (model_thread_snapshot(md, convs[i], 0, &th) != 0)
			continue;
		for (j = 0; j < th.n; j++)
			for (k = 0; k < m; k++) {
				msg_text(text, sizeof text, k);
				if (th.msgs[j].text != NULL &&
				    strcmp(th.msgs[j].text, text) == 0)
					count[k]++;
			}
		model_thread_release(&th);
	}
	store_close(st);
	rc = 0;
out:
	model_free(md);
	return rc;
}

/* After a failure: the rows still in the outbox, and why. */
static void
outbox_report(const char *db)
{
	struct outbox_item *items = NULL;
	struct lc_error err;
	struct store *st;
	size_t n = 0, i;

	if (store_open(db, &st, &err) != LC_OK)
		return;
	if (outbox_all(st, &items, &n, &err) == LC_OK) {
		for (i = 0; i < n; i++)
			fprintf(stderr, "soak: outbox row %s: %d attempts, "
			    "%s%s\n", items[i].origin_token,
			    items[i].attempts, items[i].failed ?
			    "marked failed: " : "queued", items[i].failed ?
			    items[i].last_error : "");
		outbox_items_free(items, n);
	}
	store_close(st);
}

int
main(int argc, char **argv)
{
	int m = 40, k = 4, session_requests = 20, restarts = 0, rc = 0;
	int marks[NCONVS], *count, *kill_at, nops, op, sent = 0, i, c;
	int lost = 0, dup = 0, read_bad_before = 0, read_bad = 0, st_bad = 0;
	const char *size = argc > 1 ? argv[1] : "short";
	unsigned seed = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) :
	    (unsigned)time(NULL) ^ (unsigned)getpid();
	long requests = 0, rss_start = -1, rss_end = -1;
	struct child ch;
	struct sim *sim;
	size_t outbox_left = 0;
	char seedstr[32], sr[32], line[64], *db;
	int64_t t0 = jobq_now_ms();

	if (strcmp(size, "long") == 0) {
		m = 500;
		k = 20;
		session_requests = 150;
	} else if (strcmp(size, "short") != 0) {
		fprintf(stderr, "usage: soak [short|long] [seed]\n");
		return 2;
	}
	nonce = seed;
	snprintf(seedstr, sizeof seedstr, "%u", seed);
	snprintf(sr, sizeof sr, "%d", session_requests);
	{
		const char *args[] = { "--seed", seedstr, "--conversations",
			"40", "--fault-rate", "0.2", "--faults", FAULTS,
			"--session-requests", sr, NULL };

		curl_global_init(CURL_GLOBAL_DEFAULT);
		if ((sim = sim_start(args)) == NULL)
			return fail("the simulator did not start");
	}
	printf("soak: %s, seed %u, M %d, K %d, session-requests %d\n", size,
	    seed, m, k, session_requests);
	if (get_convs(sim) != 0)
		return fail("could not list conversations");
	if (rig_mktmpdir() != 0)
		return fail("no temporary directory");
	db = rig_db_path("soak");
	for (i = 0; i < NCONVS; i++)
		marks[i] = -1;

	/* m sends and m/2 marks, shuffled; k kills after random ops. */
	nops = m + m / 2;
	kill_at = xcalloc((size_t)nops + 1, sizeof *kill_at);
	for (i = 0; i < k; i++) {
		do
			op = 1 + (int)(rand_r(&seed) % (unsigned)(nops - 1));
		while (kill_at[op]);
		kill_at[op] = 1;
	}
	count = xcalloc((size_t)m, sizeof *count);

	rate_sim = sim;

	if (spawn(&ch, sim_base_url(sim), db) != 0)
		return fail("fork");
	for (op = 0; op < nops; op++) {
		int left = nops - op, sends_left = m - sent;

		if (op == 5 && rss_start < 0)
			rss_start = rss_kb(ch.pid);
		c = (int)(rand_r(&seed) % NCONVS);
		if ((int)(rand_r(&seed) % (unsigned)left) < sends_left)
			snprintf(line, sizeof line, "S %d %d\n", sent++, c);
		else {
			marks[c] = (int)(rand_r(&seed) % 2);
			snprintf(line, sizeof line, "R %d %d\n", c, marks[c]);
		}
		if (command(&ch, line) != 0) {
			rc = fail("the child died or hung on a command");
			goto done;
		}
		rate_tick();
		usleep((rand_r(&seed) % 20) * 1000);
		if (!kill_at[op])
			continue;
		usleep((rand_r(&seed) % 400) * 1000);
		rate_tick();
		reap(&ch, SIGKILL);
		restarts++;
		if (spawn(&ch, sim_base_url(sim), db) != 0)
			return fail("fork");
		for (i = 0; i < NCONVS; i++) {
			if (marks[i] < 0)
				continue;
			snprintf(line, sizeof line, "R %d %d\n", i, marks[i]);
			if (command(&ch, line) != 0) {
				rc = fail("the restarted child died");
				goto done;
			}
		}
	}
	/* Drain: the outbox empties under faults. */
	if (write(ch.cmd, "Q\n", 2) != 2 || await(&ch, 'D', 120000) != 0) {
		rc = fail("the outbox did not empty");
		goto done;
	}
	rss_end = rss_kb(ch.pid);
	rate_sim = NULL;
	if (sim_check(sim, count, m, marks, &read_bad_before, &requests) != 0)
		return fail("no /__sim/state");
	/* Lost marks (killed or logged-out workers drop them) are asked
	 * again, with the faults off so that the last word sticks. */
	free(sim_post(sim, "/__sim/fault", "{\"rate\":0}"));
	for (i = 0; i < NCONVS; i++) {
		if (marks[i] < 0)
			continue;
		snprintf(line, sizeof line, "R %d %d\n", i, marks[i]);
		if (command(&ch, line) != 0) {
			rc = fail("the child died");
			goto done;
		}
	}
	if (write(ch.cmd, "Q\n", 2) != 2 || await(&ch, 'D', 60000) != 0) {
		rc = fail("the outbox did not empty");
		goto done;
	}
	for (i = 0; i < 50; i++) {
		if (sim_check(sim, count, m, marks, &read_bad, &requests) != 0)
			return fail("no /__sim/state");
		if (read_bad == 0)
			break;
		usleep(100000);
	}
	if (write(ch.cmd, "X\n", 2) != 2) {
		rc = fail("the child died");
		goto done;
	}
	{
		int status;

		waitpid(ch.pid, &status, 0);
		close(ch.cmd);
		close(ch.ack);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			rc = fail("the last child did not exit cleanly "
			    "(sanitizer report above?)");
	}
	for (i = 0; i < m; i++) {
		if (count[i] == 0)
			lost++;
		else if (count[i] > 1)
			dup++;
		if (count[i] != 1)
			fprintf(stderr, "soak: message %d (token %08x-50a4-4000-"
			    "8000-%012x) is on the service %d times\n", i,
			    nonce, (unsigned)i, count[i]);
	}
	if (store_check(db, count, m, &outbox_left) != 0)
		rc = fail("could not read the store");
	for (i = 0; i < m; i++)
		if (count[i] != 1)
			st_bad++;

	printf("soak: messages sent %d, lost %d, duplicated %d\n", m, lost, dup);
	printf("soak: restarts %d (SIGKILL), re-logins %d\n", restarts,
	    relogins);
	printf("soak: read flags: %d of the asked-for lost before re-asking, "
	    "%d wrong at the end\n", read_bad_before, read_bad);
	printf("soak: store: outbox rows left %zu, messages not held exactly "
	    "once %d\n", outbox_left, st_bad);
	printf("soak: requests %ld, max observed rate %ld/s\n", requests,
	    rate_max);
	printf("soak: child RSS start %ld kB, end %ld kB\n", rss_start,
	    rss_end);
	printf("soak: %.1f s\n", (double)(jobq_now_ms() - t0) / 1000.0);
	if (lost || dup)
		rc = fail("messages lost or duplicated on the service");
	if (read_bad)
		rc = fail("read flags asked for do not hold");
	if (outbox_left || st_bad)
		rc = fail("the store does not agree with the service");
	goto out;
done:
	reap(&ch, SIGKILL);
	outbox_report(db);
out:
	free(kill_at);
	free(count);
	free(db);
	for (i = 0; i < NCONVS; i++)
		free(convs[i]);
	rig_rmtmpdir();
	sim_stop(sim);
	curl_global_cleanup();
	if (rc == 0)
		printf("soak: PASS\n");
	return rc;
}
