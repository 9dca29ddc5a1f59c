/* test-worker-crash.c — exactly once across a crash: sends killed at
 * random points arrive once after a restart, a send in doubt is found
 * behind newer messages, one still in doubt after the look-back waits for
 * the user, and the next hiccup after a send is retried in seconds.
 *
 * Waits poll the model with generous bounds (they are behaviours, not
 * benchmarks).  The request budget is raised so the tests are fast.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <curl/curl.h>
#include <json-c/json.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/http.h"
#include "core/jobq.h"
#include "core/model.h"
#include "core/outbox.h"
#include "tests/sim/simclient.h"
#include "core/store.h"
#include "core/voyager-msg.h"
#include "core/voyager-send.h"
#include "core/voyager.h"
#include "core/worker.h"
#include "tests/unit/rig.h"
#include "tests/unit/rigtest.h"
#include "core/xmalloc.h"

#define CRASH_SENDS 50
#define CRASH_ROUNDS 20
#define CRASH_CONVS 3

static void
crash_text(char *buf, size_t size, int round, int i)
{
	snprintf(buf, size, "crash round %d message %d", round, i);
}

/* The child: queue the sends, say so on fd, send until the outbox is
 * empty (or the parent kills it).  Never returns. */
static void
crash_child(const char *base_url, const char *db, char **convs, int round,
            int fd)
{
	struct outbox_item *items;
	struct lc_error err;
	struct rig r;
	char text[64];
	size_t n;
	int i;

	if (rig_init(&r, base_url, db, 20, 60, &err) != 0)
		_exit(2);
	for (i = 0; i < CRASH_SENDS; i++) {
		crash_text(text, sizeof text, round, i);
		if (worker_push_send(r.w, convs[i % CRASH_CONVS], text, NULL,
		                     &err) != 0)
			_exit(3);
	}
	if (worker_start(r.w, &err) != LC_OK || write(fd, "q", 1) != 1)
		_exit(4);
	for (;;) {
		items = NULL;
		n = 1;
		if (outbox_all(r.st, &items, &n, NULL) == LC_OK) {
			outbox_items_free(items, n);
			if (n == 0)
				break;
		}
		usleep(5000);
	}
	_exit(0);
}

/* Counts, for each message of a round, how often the simulator got it. */
static void
crash_counts(struct sim *sim, int round, int *count)
{
	struct json_object *st = sim_state_json(sim), *arr, *e, *t;
	char prefix[64], *end;
	size_t i, plen;
	const char *s;
	long k;

	snprintf(prefix, sizeof prefix, "crash round %d message ", round);
	plen = strlen(prefix);
	memset(count, 0, CRASH_SENDS * sizeof *count);
	cr_assert_not_null(st);
	cr_assert(json_object_object_get_ex(st, "sent_messages", &arr));
	for (i = 0; i < json_object_array_length(arr); i++) {
		e = json_object_array_get_idx(arr, i);
		if (!json_object_object_get_ex(e, "text", &t))
			continue;
		s = json_object_get_string(t);
		if (strncmp(s, prefix, plen) != 0)
			continue;
		k = strtol(s + plen, &end, 10);
		if (*end == '\0' && k >= 0 && k < CRASH_SENDS)
			count[k]++;
	}
	json_object_put(st);
}

/* How long a child takes to send everything (ms, at least 20), so the
 * kill points spread over the sending. */
static unsigned
crash_calibrate(struct sim *sim, char **convs)
{
	int fds[2], status, count[CRASH_SENDS], i;
	int64_t t0;
	char *db = rig_db_path("calibrate"), c;
	pid_t pid;
	unsigned ms;

	cr_assert_eq(pipe(fds), 0);
	fflush(NULL);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		crash_child(sim_base_url(sim), db, convs, CRASH_ROUNDS, fds[1]);
	}
	close(fds[1]);
	cr_assert_eq(read(fds[0], &c, 1), 1);
	t0 = clock_mono_ms();
	close(fds[0]);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	ms = (unsigned)(clock_mono_ms() - t0);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	crash_counts(sim, CRASH_ROUNDS, count);
	for (i = 0; i < CRASH_SENDS; i++)
		cr_assert_eq(count[i], 1);
	free(db);
	return ms < 20 ? 20 : ms;
}

Test(worker, sends_killed_at_random_points_arrive_exactly_once_after_restart)
{
	const char *args[] = {"--latency-ms", "2", NULL};
	struct sim *sim = sim_start(args);
	int count[CRASH_SENDS], round, i, fds[2], status;
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
	unsigned window_ms;
	struct pollfd p;
	struct rig r;
	char **convs, *db, c;
	pid_t pid;

	cr_assert_not_null(sim);
	cr_assert_eq(rig_mktmpdir(), 0);
	rigt_up(&r, sim, NULL, 20, 60);
	convs = rigt_convs(&r, CRASH_CONVS);
	rig_down(&r);
	window_ms = crash_calibrate(sim, convs);
	for (round = 0; round < CRASH_ROUNDS; round++) {
		char name[32];
		unsigned kill_ms = (unsigned)rand_r(&seed) % window_ms;

		snprintf(name, sizeof name, "crash%d", round);
		db = rig_db_path(name);
		cr_assert_eq(pipe(fds), 0);
		fflush(NULL);
		if ((pid = fork()) == 0) {
			close(fds[0]);
			crash_child(sim_base_url(sim), db, convs, round,
			            fds[1]);
		}
		cr_assert_gt(pid, 0);
		close(fds[1]);
		p.fd = fds[0];
		p.events = POLLIN;
		cr_assert_eq(poll(&p, 1, 20000), 1, "round %d: child silent",
		             round);
		cr_assert_eq(read(fds[0], &c, 1), 1, "round %d: child died",
		             round);
		close(fds[0]);
		usleep(kill_ms * 1000);
		kill(pid, SIGKILL);
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		/* Restart against the same store and simulator. */
		rigt_up(&r, sim, db, 20, 60);
		rigt_start(&r);
		cr_assert(
		    rig_wait_for(&r, rig_outbox_empty, NULL, 30000),
		    "round %d (kill after %u ms): the outbox did not empty",
		    round, kill_ms);
		rig_down(&r);
		crash_counts(sim, round, count);
		for (i = 0; i < CRASH_SENDS; i++)
			cr_assert_eq(count[i], 1,
			             "round %d (kill after %u ms, "
			             "seed %u): message %d arrived %d times",
			             round, kill_ms, seed, i, count[i]);
		free(db);
	}
	rigt_free_convs(convs, CRASH_CONVS);
	rig_rmtmpdir();
	sim_stop(sim);
}

static int
has_origin(struct rig *r, const void *arg)
{
	struct model_msg mm;

	if (model_get_message(r->m, NULL, arg, &mm) != 0)
		return 0;
	model_msg_clear(&mm);
	return 1;
}

/* A send whose request reached the service before the process died (its
 * attempt counted, no answer recorded), followed by n messages from the
 * other side in the same conversation.  Leaves the row in db. */
static void
doubt_before_crash(struct sim *sim, const char *db, const char *text,
                   const char *tok, int n)
{
	struct voyager_send s;
	struct voyager_message out;
	struct lc_error err;
	struct timespec ts;
	struct rig r;
	char **convs, *body;
	int i;

	rigt_up(&r, sim, db, 20, 600);
	convs = rigt_convs(&r, 1);
	clock_gettime(CLOCK_REALTIME, &ts);
	cr_assert_eq(
	    outbox_add(r.st, r.m, convs[0], text, tok,
	               (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000, &err),
	    LC_OK, "%s", err.msg);
	cr_assert_eq(outbox_attempted(r.st, tok, &err), LC_OK, "%s", err.msg);
	memset(&s, 0, sizeof s);
	s.conversation_urn = convs[0];
	s.text = text;
	s.origin_token = tok;
	cr_assert_eq(voyager_send_message(&r.vc, &s, &out, &err), LC_OK, "%s",
	             err.msg);
	voyager_message_free(&out);
	body = xasprintf("{\"conversation_urn\":\"%s\"}", convs[0]);
	for (i = 0; i < n; i++)
		free(sim_post(sim, "/__sim/incoming", body));
	free(body);
	rigt_free_convs(convs, 1);
	rig_down(&r);
}

Test(worker, a_send_in_doubt_is_found_behind_newer_messages_after_restart)
{
	const char *tok = "0d0b7c1e-5e2a-4f3b-8a41-6c2d9e0f1a77";
	struct sim *sim = sim_start(NULL);
	struct rig r;
	char *db;

	cr_assert_not_null(sim);
	cr_assert_eq(rig_mktmpdir(), 0);
	db = rig_db_path("doubt");
	/* More than a page of replies arrived after it. */
	doubt_before_crash(sim, db, "sent just before the crash", tok, 60);
	rigt_up(&r, sim, db, 20, 600);
	rigt_start(&r);
	cr_assert(rig_wait_for(&r, rig_outbox_empty, NULL, 20000),
	          "the outbox did not empty");
	cr_assert_eq(sim_sent_with(sim, "text", "sent just before the crash"),
	             1);
	cr_assert(rig_wait_for(&r, has_origin, tok, 5000));
	rig_down(&r);
	free(db);
	rig_rmtmpdir();
	sim_stop(sim);
}

static int
row_failed(struct rig *r, const void *arg)
{
	struct outbox_item *items = NULL;
	size_t n = 0, i;
	int failed = 0;

	if (outbox_all(r->st, &items, &n, NULL) != LC_OK)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(items[i].origin_token, arg) == 0)
			failed = items[i].failed;
	outbox_items_free(items, n);
	return failed;
}

Test(worker, a_send_still_in_doubt_after_the_look_back_waits_for_the_user)
{
	const char *tok = "5b9e2f4a-7c1d-4e8b-9f30-1a2b3c4d5e6f";
	struct sim *sim = sim_start(NULL);
	struct rig r;
	char *db;

	cr_assert_not_null(sim);
	cr_assert_eq(rig_mktmpdir(), 0);
	db = rig_db_path("doubt-deep");
	/* Deeper than the worker looks: it must not resend blind. */
	doubt_before_crash(sim, db, "lost in a busy thread", tok, 600);
	rigt_up(&r, sim, db, 20, 600);
	rigt_start(&r);
	cr_assert(rig_wait_for(&r, row_failed, tok, 20000),
	          "the send was not marked failed");
	cr_assert_eq(sim_sent_with(sim, "text", "lost in a busy thread"), 1);
	/* The user looked and asks again: it goes out. */
	cr_assert_eq(worker_push_retry_send(r.w, tok), 0);
	cr_assert(rig_wait_for(&r, rig_outbox_empty, NULL, 20000));
	cr_assert_eq(sim_sent_with(sim, "text", "lost in a busy thread"), 2);
	rig_down(&r);
	free(db);
	rig_rmtmpdir();
	sim_stop(sim);
}

/* done() for rig_wait_for: the model holds text as sent (confirmed). */
static int
has_text_sent(struct rig *r, const void *arg)
{
	struct model_inbox in;
	struct model_thread t;
	size_t i, j;
	int found = 0;

	model_inbox_snapshot(r->m, 0, &in);
	for (i = 0; i < in.n && !found; i++) {
		if (model_thread_snapshot(r->m, in.rows[i].urn, 0, &t) != 0)
			continue;
		for (j = 0; j < t.n && !found; j++)
			found = t.msgs[j].text != NULL &&
			        strcmp(t.msgs[j].text, arg) == 0 &&
			        t.msgs[j].state != MODEL_MSG_PENDING &&
			        t.msgs[j].state != MODEL_MSG_FAILED;
		model_thread_release(&t);
	}
	model_inbox_release(&in);
	return found;
}

static int
errors_at_least(struct rig *r, const void *arg)
{
	struct worker_stats s;

	worker_stats_get(r->w, &s);
	return s.errors >= *(const unsigned long *)arg;
}

static void
push_text(struct rig *r, const char *conv, const char *text)
{
	struct lc_error err;

	cr_assert_eq(worker_push_send(r->w, conv, text, NULL, &err), 0, "%s",
	             err.msg);
}

Test(worker, after_a_send_goes_through_the_next_hiccup_is_retried_in_seconds)
{
	const char *fail503 = "{\"next\":100000,\"fault\":\"503\",\"endpoint\":"
	                      "\"create_message\"}";
	struct sim *sim = sim_start(NULL);
	struct worker_stats st;
	unsigned long want;
	struct rig r;
	char **convs, *db, text[32];
	int i;

	cr_assert_not_null(sim);
	cr_assert_eq(rig_mktmpdir(), 0);
	db = rig_db_path("backoff");
	rigt_up(&r, sim, db, 20, 600);
	convs = rigt_convs(&r, 1);
	rigt_start(&r);
	cr_assert(rig_wait_for(&r, rig_initial_done, NULL, 20000));
	/* Five sends fail in a row: the retry moves out (32 s and more). */
	free(sim_post(sim, "/__sim/fault", fail503));
	for (i = 0; i < 5; i++) {
		snprintf(text, sizeof text, "down %d", i);
		push_text(&r, convs[0], text);
	}
	want = 5;
	cr_assert(rig_wait_for(&r, errors_at_least, &want, 20000));
	/* The service is back: a new send goes out at once (the five wait
	 * for their retry, a minute away) and resets the count of failures
	 * in a row. */
	free(sim_post(sim, "/__sim/fault", "{\"next\":0,\"fault\":\"503\"}"));
	push_text(&r, convs[0], "back up");
	cr_assert(rig_wait_for(&r, has_text_sent, "back up", 20000));
	/* The next hiccup (one failed send: the rig's six attempts) is the
	 * first failure in a row, not the sixth: its retry comes in about
	 * 2 s, not 2^6 steps later. */
	worker_stats_get(r.w, &st);
	want = st.errors + 1;
	free(sim_post(
	    sim, "/__sim/fault",
	    "{\"next\":6,\"fault\":\"503\",\"endpoint\":\"create_message\"}"));
	push_text(&r, convs[0], "one more hiccup");
	cr_assert(rig_wait_for(&r, errors_at_least, &want, 20000));
	worker_stats_get(r.w, &st);
	cr_assert_leq(st.outbox_backoff, 1, "failures in a row: %d",
	              st.outbox_backoff);
	cr_assert(rig_wait_for(&r, has_text_sent, "one more hiccup", 30000));
	rigt_free_convs(convs, 1);
	rig_down(&r);
	free(db);
	rig_rmtmpdir();
	sim_stop(sim);
}
