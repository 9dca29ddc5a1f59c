/* soak.c — the fault soak of issue 5: exactly-once sends and read flags
 * through faults, session expiry and SIGKILL; request rate and memory.
 *
 * The driver starts voyager-sim with every fault kind at rate 0.2 and a
 * session that dies after --session-requests.  A child process runs the
 * worker on one store, syncing every second, and takes commands from the
 * driver on a pipe: send message i to conversation c (fixed origin token
 * per message) or, every FIRST_EVERY-th message, as a first message to
 * a person (filed under a placeholder until the service names the
 * conversation), mark conversation c read or unread.  The child answers
 * each command once the push returned (the outbox row is written by
 * then).  When the worker reports the session expired the child logs in
 * again (auth_login with the demo password) and calls
 * worker_session_renewed().  The driver SIGKILLs the child K times at
 * random moments while it sends and restarts it on the same store.
 * Mark-read requests are not durable (a killed or logged-out worker drops
 * them), so a restarted child is given the flags asked for so far again,
 * as a UI restoring its state would.
 *
 * At the end a last child empties its outbox and exits cleanly (so
 * LeakSanitizer runs on it), and the driver checks /__sim/state: every
 * message exactly once, the read flags asked for; then the store: outbox
 * empty and each message held once.
 *
 * Every run also checks the request budget: the children's session keeps
 * a real token bucket (burst B, R per second), and the simulator's most
 * requests in any 1 s and 10 s window must stay within B + R x window,
 * plus a fresh bucket for each process started in the window and 100 ms
 * of arrival slack.  Under ASan or UBSan, reports go to files that are
 * counted (a crash fails the run).
 *
 * The rss mode (release build: ASan's quarantine makes RSS meaningless)
 * runs one child that syncs, opens threads, pages back, marks read and
 * sends as fast as its budget allows against the same faults, and reads
 * its VmRSS after 1 000 and 10 000 simulator requests: the drift must be
 * at most 10%.
 *
 * usage: soak [short|long|rss] [seed]
 *   short: M 40, K 4; long: M 500, K 20; rss: 10 000 requests
 */
#include <curl/curl.h>
#include <dirent.h>
#include <json-c/json.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define SOAK_SANITIZED 1
#endif

#include "core/auth.h"
#include "core/jobq.h"
#include "core/model.h"
#include "core/outbox.h"
#include "tests/unit/rig.h"
#include "tests/sim/simclient.h"
#include "core/store.h"
#include "core/voyager-msg.h"
#include "core/voyager.h"
#include "core/worker.h"
#include "tests/soak/soak.h"
#include "core/xmalloc.h"

#define FAULTS "429,999,500,503,reset,truncated,malformed,empty,slow"
#define RSS_FIRST 1000 /* simulator requests */
#define RSS_LAST 10000
#define RSS_DRIFT_MAX 10.0 /* percent */
#define ARRIVAL_SLACK_MS 100
#define MAX_STARTS 64

char *convs[NCONVS];
unsigned nonce;

struct child {
	pid_t pid;
	int cmd; /* driver → child */
	int ack; /* child → driver */
};

static int
fail(const char *what)
{
	fprintf(stderr, "soak: FAIL: %s\n", what);
	return 1;
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

/* --- the driver ----------------------------------------------------- */

static int relogins;
/* When each process with its own request budget started (clock_mono_ms). */
static int64_t starts[MAX_STARTS];
static int nstarts;

static void
note_start(void)
{
	if (nstarts < MAX_STARTS)
		starts[nstarts++] = clock_mono_ms();
}

static int
spawn(struct child *ch, const char *base_url, const char *db)
{
	int to[2], from[2];

	if (pipe(to) != 0 || pipe(from) != 0)
		return -1;
	fflush(NULL);
	note_start();
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

/* Waits for the byte want ('A' or 'D'; 0: none, just count re-logins
 * for limit_ms), counting re-logins on the way.  0, or -1 if the child
 * died or stayed silent for limit_ms. */
static int
await(struct child *ch, char want, int limit_ms)
{
	int64_t end = clock_mono_ms() + limit_ms;
	struct pollfd p;
	char c;

	while (clock_mono_ms() < end) {
		p.fd = ch->ack;
		p.events = POLLIN;
		if (poll(&p, 1, 20) != 1)
			continue;
		if (read(ch->ack, &c, 1) != 1)
			return -1;
		if (c == 'L')
			relogins++;
		else if (c == want)
			return 0;
	}
	return want == 0 ? 0 : -1;
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

/* Sends X and waits: 0 if the child exited 0 (LeakSanitizer found
 * nothing). */
static int
finish(struct child *ch)
{
	int status;

	if (write(ch->cmd, "X\n", 2) != 2)
		return -1;
	waitpid(ch->pid, &status, 0);
	close(ch->cmd);
	close(ch->ack);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int
get_convs(struct sim *sim, const char *faults)
{
	struct voyager_conv_page pg;
	struct lc_error err;
	struct rig r;
	int rc = -1;
	size_t i;

	free(sim_post(sim, "/__sim/fault", "{\"rate\":0}"));
	memset(&pg, 0, sizeof pg);
	note_start();
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
	free(sim_post(sim, "/__sim/fault", faults));
	return rc;
}

/* The most processes started in any window of ms. */
static int
starts_in(int64_t ms)
{
	int i, j, most = 0;

	for (i = 0; i < nstarts; i++) {
		for (j = i; j < nstarts && starts[j] < starts[i] + ms; j++)
			;
		if (j - i > most)
			most = j - i;
	}
	return most;
}

/* The request budget at the simulator: prints the figures, 0 if within. */
static int
rate_check(struct sim *sim)
{
	static const char *const names[2] = {"max_in_1s", "max_in_10s"};
	static const int64_t ms[2] = {1000, 10000};
	struct json_object *st = sim_state_json(sim), *r, *v;
	long seen[2] = {-1, -1}, bound[2];
	int i, rc = 0;

	if (st != NULL && json_object_object_get_ex(st, "rate", &r))
		for (i = 0; i < 2; i++)
			if (json_object_object_get_ex(r, names[i], &v))
				seen[i] = (long)json_object_get_int64(v);
	json_object_put(st);
	for (i = 0; i < 2; i++) {
		int k = starts_in(ms[i]);

		bound[i] =
		    (long)(rig_rate_burst * (1 + k) +
		           rig_rate_per_sec *
		               (double)(ms[i] + ARRIVAL_SLACK_MS) / 1000.0);
		if (seen[i] < 0 || seen[i] > bound[i])
			rc = -1;
	}
	printf("soak: max observed request rate %ld/s (%ld in 10 s); budget "
	       "burst %d + %.0f/s allows %ld in 1 s, %ld in 10 s (with the "
	       "processes started in the window) %s\n",
	       seen[0], seen[1], rig_rate_burst, rig_rate_per_sec, bound[0],
	       bound[1], rc == 0 ? "- within" : "- EXCEEDED");
	return rc;
}

/* Sanitizer reports: each process that found something writes
 * "<dir>/san.<pid>".  Counts them and copies them to stderr. */
static char san_dir[64];

static void
san_setup(void)
{
#ifdef SOAK_SANITIZED
	static char path[96];

	snprintf(san_dir, sizeof san_dir, "/tmp/lc-soak-san-XXXXXX");
	if (mkdtemp(san_dir) == NULL) {
		san_dir[0] = '\0';
		return;
	}
	snprintf(path, sizeof path, "%s/san", san_dir);
	__sanitizer_set_report_path(path);
#endif
}

static int
san_reports(int remove)
{
	char *path, line[512];
	struct dirent *e;
	int n = 0, k;
	FILE *f;
	DIR *d;

	if (san_dir[0] == '\0' || (d = opendir(san_dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", san_dir, e->d_name);
		if (!remove && (f = fopen(path, "r")) != NULL) {
			n++;
			fprintf(stderr, "soak: sanitizer report %s:\n", path);
			for (k = 0; k < 60 && fgets(line, sizeof line, f); k++)
				fputs(line, stderr);
			fclose(f);
		}
		if (remove)
			unlink(path);
		free(path);
	}
	closedir(d);
	if (remove)
		rmdir(san_dir);
	return n;
}

/* Counts how often the simulator got each message; read flags that
 * differ from marks. */
static int
sim_check(struct sim *sim, int *count, int m, const int *marks, int *read_bad,
          long *requests)
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
	struct model_inbox in;
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
	/* every stored conversation: first messages went to new ones */
	model_inbox_snapshot(md, 0, &in);
	for (i = 0; i < in.n; i++) {
		/* a thread's messages are read when it is opened */
		if (store_load_thread(st, md, in.rows[i].urn, INT64_MAX, 0,
		                      NULL, &err) != LC_OK) {
			model_inbox_release(&in);
			store_close(st);
			goto out;
		}
		if (model_thread_snapshot(md, in.rows[i].urn, 0, &th) != 0)
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
	model_inbox_release(&in);
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
			fprintf(stderr,
			        "soak: outbox row %s: %d attempts, "
			        "%s%s\n",
			        items[i].origin_token, items[i].attempts,
			        items[i].failed ? "marked failed: " : "queued",
			        items[i].failed ? items[i].last_error : "");
		outbox_items_free(items, n);
	}
	store_close(st);
}

/* The exactly-once run: m sends and m/2 marks, shuffled, k SIGKILLs
 * after random ops, then the checks.  Prints its figures; 0 if all
 * held. */
static int
run_sends(struct sim *sim, const char *db, int m, int k, unsigned seed)
{
	int marks[NCONVS], *count, *kill_at, nops, op, sent = 0, i, c, rc = 0;
	int restarts = 0, deaths = 0, lost = 0, dup = 0, read_bad_before = 0;
	int read_bad = 0, st_bad = 0;
	size_t outbox_left = 0;
	long requests = 0;
	struct child ch;
	char line[64];

	for (i = 0; i < NCONVS; i++)
		marks[i] = -1;
	nops = m + m / 2;
	kill_at = xcalloc((size_t)nops + 1, sizeof *kill_at);
	for (i = 0; i < k; i++) {
		do
			op = 1 + (int)(rand_r(&seed) % (unsigned)(nops - 1));
		while (kill_at[op]);
		kill_at[op] = 1;
	}
	count = xcalloc((size_t)m, sizeof *count);
	if (spawn(&ch, sim_base_url(sim), db) != 0) {
		rc = fail("fork");
		goto out;
	}
	for (op = 0; op < nops; op++) {
		int left = nops - op, sends_left = m - sent;

		c = (int)(rand_r(&seed) % NCONVS);
		if ((int)(rand_r(&seed) % (unsigned)left) >= sends_left) {
			marks[c] = (int)(rand_r(&seed) % 2);
			snprintf(line, sizeof line, "R %d %d\n", c, marks[c]);
		} else if (sent % FIRST_EVERY == FIRST_EVERY - 1) {
			snprintf(line, sizeof line, "N %d %d\n", sent,
			         sent / FIRST_EVERY % NPEOPLE);
			sent++;
		} else
			snprintf(line, sizeof line, "S %d %d\n", sent++, c);
		if (command(&ch, line) != 0) {
			rc = fail("the child died or hung on a command");
			goto done;
		}
		usleep((rand_r(&seed) % 20) * 1000);
		if (!kill_at[op])
			continue;
		usleep((rand_r(&seed) % 400) * 1000);
		if (waitpid(ch.pid, &i, WNOHANG) == ch.pid) {
			/* It died before our signal. */
			deaths++;
			close(ch.cmd);
			close(ch.ack);
		} else
			reap(&ch, SIGKILL);
		restarts++;
		if (spawn(&ch, sim_base_url(sim), db) != 0) {
			rc = fail("fork");
			goto out;
		}
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
	if (write(ch.cmd, "Q\n", 2) != 2 || await(&ch, 'D', 300000) != 0) {
		rc = fail("the outbox did not empty");
		goto done;
	}
	if (sim_check(sim, count, m, marks, &read_bad_before, &requests) != 0) {
		rc = fail("no /__sim/state");
		goto done;
	}
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
			break;
		if (read_bad == 0)
			break;
		usleep(100000);
	}
	if (finish(&ch) != 0)
		rc = fail("the last child did not exit cleanly "
		          "(sanitizer report?)");
	for (i = 0; i < m; i++) {
		if (count[i] == 0)
			lost++;
		else if (count[i] > 1)
			dup++;
		if (count[i] != 1)
			fprintf(stderr,
			        "soak: message %d (token %08x-50a4-4000-"
			        "8000-%012x) is on the service %d times\n",
			        i, nonce, (unsigned)i, count[i]);
	}
	if (store_check(db, count, m, &outbox_left) != 0)
		rc = fail("could not read the store");
	for (i = 0; i < m; i++)
		if (count[i] != 1)
			st_bad++;
	printf("soak: messages sent %d, lost %d, duplicated %d\n", m, lost,
	       dup);
	printf("soak: restarts %d (SIGKILL), re-logins %d, children that "
	       "died on their own %d\n",
	       restarts, relogins, deaths);
	printf("soak: read flags: %d of the asked-for lost before re-asking, "
	       "%d wrong at the end\n",
	       read_bad_before, read_bad);
	printf("soak: store: outbox rows left %zu, messages not held exactly "
	       "once %d\n",
	       outbox_left, st_bad);
	printf("soak: requests %ld\n", requests);
	if (lost || dup)
		rc = fail("messages lost or duplicated on the service");
	if (deaths)
		rc = fail("a child died on its own");
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
	return rc;
}

/* The memory run: one child working as fast as its budget allows; its
 * VmRSS after RSS_FIRST and RSS_LAST simulator requests. */
static int
run_rss(struct sim *sim, const char *db)
{
	long n = 0, first = -1, last = -1;
	int64_t end = clock_mono_ms() + 20 * 60 * 1000;
	struct child ch;
	double drift;
	int rc = 0;

	if (spawn(&ch, sim_base_url(sim), db) != 0)
		return fail("fork");
	if (command(&ch, "W\n") != 0) {
		reap(&ch, SIGKILL);
		return fail("the child died");
	}
	while (last < 0 && clock_mono_ms() < end) {
		if (await(&ch, 0, 100) != 0 ||
		    waitpid(ch.pid, &rc, WNOHANG) == ch.pid) {
			close(ch.cmd);
			close(ch.ack);
			return fail("the child died");
		}
		if ((n = sim_requests(sim, "total")) < 0)
			continue;
		if (first < 0 && n >= RSS_FIRST)
			first = rss_kb(ch.pid);
		if (n >= RSS_LAST)
			last = rss_kb(ch.pid);
	}
	if (finish(&ch) != 0)
		rc = fail("the child did not exit cleanly");
	if (first <= 0 || last <= 0)
		return fail("no RSS figures (too slow?)");
	drift = 100.0 * (double)(last - first) / (double)first;
	printf("soak: requests %ld, re-logins %d\n", n, relogins);
	printf("soak: worker RSS %ld kB after %d requests, %ld kB after %d: "
	       "drift %+.1f%% (at most %.0f%%)\n",
	       first, RSS_FIRST, last, RSS_LAST, drift, RSS_DRIFT_MAX);
	if (drift > RSS_DRIFT_MAX)
		rc = fail("RSS grew more than allowed");
	return rc;
}

int
main(int argc, char **argv)
{
	int m = 40, k = 4, session_requests = 20, rss, rc, crashes;
	const char *size = argc > 1 ? argv[1] : "short";
	unsigned seed = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0)
	                         : (unsigned)time(NULL) ^ (unsigned)getpid();
	char seedstr[32], sr[32], *db;
	int64_t t0 = clock_mono_ms();
	struct sim *sim;

	rss = strcmp(size, "rss") == 0;
	if (strcmp(size, "long") == 0 || rss) {
		m = 500;
		k = 20;
		session_requests = 150;
	} else if (strcmp(size, "short") != 0) {
		fprintf(stderr, "usage: soak [short|long|rss] [seed]\n");
		return 2;
	}
	/* A real budget, above what the tests need to stay quick. */
	rig_rate_per_sec = rss ? 200 : 50;
	rig_rate_burst = rss ? 20 : 10;
	nonce = seed;
	san_setup();
	snprintf(seedstr, sizeof seedstr, "%u", seed);
	snprintf(sr, sizeof sr, "%d", session_requests);
	{
		const char *args[] = {"--seed",
		                      seedstr,
		                      "--conversations",
		                      "40",
		                      "--fault-rate",
		                      "0.2",
		                      "--faults",
		                      FAULTS,
		                      "--session-requests",
		                      sr,
		                      NULL};

		curl_global_init(CURL_GLOBAL_DEFAULT);
		if ((sim = sim_start(args)) == NULL)
			return fail("the simulator did not start");
	}
	if (rss)
		printf("soak: rss, seed %u, %d then %d requests, "
		       "session-requests %d\n",
		       seed, RSS_FIRST, RSS_LAST, session_requests);
	else
		printf("soak: %s, seed %u, M %d, K %d, session-requests %d\n",
		       size, seed, m, k, session_requests);
	if (get_convs(sim, "{\"rate\":0.2,\"faults\":\"" FAULTS "\"}") != 0)
		return fail("could not list conversations");
	if (rig_mktmpdir() != 0)
		return fail("no temporary directory");
	db = rig_db_path("soak");
	rc = rss ? run_rss(sim, db) : run_sends(sim, db, m, k, seed);
	if (rate_check(sim) != 0)
		rc = fail("the request rate went above the budget");
	crashes = san_reports(0);
	printf("soak: crashes (sanitizer reports) %d%s\n", crashes,
#ifdef SOAK_SANITIZED
	       ""
#else
	       " (not a sanitizer build)"
#endif
	);
	if (crashes)
		rc = fail("sanitizer reports");
	san_reports(1);
	printf("soak: %.1f s\n", (double)(clock_mono_ms() - t0) / 1000.0);
	free(db);
	for (int i = 0; i < NCONVS; i++)
		free(convs[i]);
	rig_rmtmpdir();
	sim_stop(sim);
	curl_global_cleanup();
	if (rc == 0)
		printf("soak: PASS\n");
	return rc;
}
