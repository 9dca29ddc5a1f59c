/* simclient.c — see simclient.h. */
#include <curl/curl.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/buf.h"
#include "tests/sim/simclient.h"
#include "core/xmalloc.h"

#define START_TIMEOUT_MS 15000

struct sim {
	pid_t pid;
	int port;
	char base[64];
};

static const char *const demo_headers[] = {
    "Cookie: li_at=" SIM_DEMO_LI_AT "; JSESSIONID=" SIM_DEMO_JSESSIONID,
    "csrf-token: " SIM_DEMO_CSRF,
    NULL,
};

const char *const *
sim_demo_headers(void)
{
	return demo_headers;
}

/* Reads the first line of fd into line (NUL-terminated) within the
 * timeout; -1 on timeout, error or EOF. */
static int
read_line(int fd, char *line, size_t size)
{
	size_t n = 0;
	struct pollfd p = {fd, POLLIN, 0};

	while (n + 1 < size) {
		ssize_t k;

		if (poll(&p, 1, START_TIMEOUT_MS) <= 0)
			return -1;
		k = read(fd, line + n, 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		if (line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	return 0;
}

struct sim *
sim_start(const char *const *extra_args)
{
	const char *bin = getenv("SIM_BIN");
	const char **argv;
	struct sim *s;
	size_t n = 0, i;
	int fds[2], port;
	char line[128];
	pid_t pid;

	if (bin == NULL || *bin == '\0')
		bin = "tests/sim/voyager-sim";
	while (extra_args != NULL && extra_args[n] != NULL)
		n++;
	argv = xcalloc(n + 4, sizeof(*argv));
	argv[0] = bin;
	argv[1] = "--port";
	argv[2] = "0";
	for (i = 0; i < n; i++)
		argv[3 + i] = extra_args[i];
	if (pipe(fds) != 0) {
		fprintf(stderr, "sim_start: pipe: %s\n", strerror(errno));
		free(argv);
		return NULL;
	}
	fflush(NULL);
	if ((pid = fork()) < 0) {
		fprintf(stderr, "sim_start: fork: %s\n", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		free(argv);
		return NULL;
	}
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execv(bin, (char *const *)argv);
		fprintf(stderr, "sim_start: cannot run %s: %s\n", bin,
		        strerror(errno));
		_exit(127);
	}
	free(argv);
	close(fds[1]);
	if (read_line(fds[0], line, sizeof(line)) != 0 ||
	    sscanf(line, "listening on 127.0.0.1:%d", &port) != 1) {
		fprintf(stderr,
		        "sim_start: %s printed no port (is SIM_BIN "
		        "set and built?)\n",
		        bin);
		close(fds[0]);
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
		return NULL;
	}
	close(fds[0]);
	s = xcalloc(1, sizeof(*s));
	s->pid = pid;
	s->port = port;
	for (i = 0; i < n && strcmp(extra_args[i], "--tls-cert") != 0; i++)
		;
	snprintf(s->base, sizeof(s->base), "%s://127.0.0.1:%d",
	         i < n ? "https" : "http", port);
	return s;
}

int
sim_stop(struct sim *s)
{
	int status, rc = -1;

	if (s == NULL)
		return -1;
	kill(s->pid, SIGTERM);
	while (waitpid(s->pid, &status, 0) < 0)
		if (errno != EINTR)
			goto out;
	if (WIFEXITED(status))
		rc = WEXITSTATUS(status);
out:
	free(s);
	return rc;
}

const char *
sim_base_url(const struct sim *s)
{
	return s->base;
}

int
sim_port(const struct sim *s)
{
	return s->port;
}

static size_t
on_data(char *p, size_t size, size_t n, void *cls)
{
	struct buf *b = cls;

	if (buf_add(b, p, size * n) != 0)
		return 0;
	return size * n;
}

int
sim_request(struct sim *s, const char *method, const char *path,
            const char *const *headers, const char *body, struct sim_resp *out)
{
	struct curl_slist *hl = NULL;
	struct buf b, h;
	CURL *c;
	char *url;
	size_t i;

	memset(out, 0, sizeof(*out));
	buf_init(&b, 0);
	buf_init(&h, 0);
	url = xasprintf("%s%s", s->base, path);
	c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
	for (i = 0; headers != NULL && headers[i] != NULL; i++)
		hl = curl_slist_append(hl, headers[i]);
	hl = curl_slist_append(hl, "Expect:");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	if (body != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	}
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	out->curl_code = (int)curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	curl_easy_cleanup(c);
	curl_slist_free_all(hl);
	free(url);
	out->len = b.len;
	out->body = buf_detach(&b);
	out->headers = buf_detach(&h);
	return out->curl_code;
}

void
sim_resp_free(struct sim_resp *r)
{
	if (r == NULL)
		return;
	free(r->body);
	free(r->headers);
	memset(r, 0, sizeof(*r));
}

char *
sim_state(struct sim *s)
{
	struct sim_resp r;

	if (sim_request(s, "GET", "/__sim/state", NULL, NULL, &r) != 0 ||
	    r.status != 200) {
		sim_resp_free(&r);
		return NULL;
	}
	free(r.headers);
	return r.body;
}

char *
sim_post(struct sim *s, const char *path, const char *json)
{
	static const char *const h[] = {"Content-Type: application/json", NULL};
	struct sim_resp r;

	if (sim_request(s, "POST", path, h, json ? json : "", &r) != 0 ||
	    r.status != 200) {
		sim_resp_free(&r);
		return NULL;
	}
	free(r.headers);
	return r.body;
}

struct json_object *
sim_resp_json(const struct sim_resp *r)
{
	struct json_tokener *tok;
	struct json_object *o;

	if (r->body == NULL)
		return NULL;
	tok = json_tokener_new();
	o = json_tokener_parse_ex(tok, r->body, (int)r->len);
	if (o != NULL && json_tokener_get_parse_end(tok) != r->len) {
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

struct json_object *
sim_state_json(struct sim *s)
{
	struct sim_resp r;
	struct json_object *o = NULL;

	if (sim_request(s, "GET", "/__sim/state", NULL, NULL, &r) == 0 &&
	    r.status == 200)
		o = sim_resp_json(&r);
	sim_resp_free(&r);
	return o;
}

long
sim_requests(struct sim *s, const char *endpoint)
{
	struct json_object *o, *req, *n;
	long v = -1;

	if ((o = sim_state_json(s)) == NULL)
		return -1;
	if (json_object_object_get_ex(o, "requests", &req)) {
		if (json_object_object_get_ex(req, endpoint, &n))
			v = (long)json_object_get_int64(n);
		else
			v = 0;
	}
	json_object_put(o);
	return v;
}

long
sim_sent_with(struct sim *s, const char *field, const char *value)
{
	struct json_object *o, *arr, *e, *f;
	long n = -1;
	size_t i;

	if ((o = sim_state_json(s)) == NULL)
		return -1;
	if (json_object_object_get_ex(o, "sent_messages", &arr)) {
		n = 0;
		for (i = 0; i < json_object_array_length(arr); i++) {
			e = json_object_array_get_idx(arr, i);
			if (json_object_object_get_ex(e, field, &f) &&
			    json_object_is_type(f, json_type_string) &&
			    strcmp(json_object_get_string(f), value) == 0)
				n++;
		}
	}
	json_object_put(o);
	return n;
}

/* POSTs o (consumed) to path; the answer body (caller frees) or NULL. */
static char *
post_obj(struct sim *s, const char *path, struct json_object *o)
{
	char *r = sim_post(
	    s, path,
	    json_object_to_json_string_ext(
	        o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));

	json_object_put(o);
	return r;
}

static int
post_ok(struct sim *s, const char *path, struct json_object *o)
{
	char *r = post_obj(s, path, o);

	free(r);
	return r != NULL ? 0 : -1;
}

/* A body naming the conversation, and optionally key = value. */
static struct json_object *
conv_body(const char *conv_urn, const char *key, const char *value)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "conversation_urn",
	                       json_object_new_string(conv_urn));
	if (value != NULL)
		json_object_object_add(o, key, json_object_new_string(value));
	return o;
}

int
simclient_seen(struct sim *s, const char *conv_urn, const char *msg_urn,
               const char *who)
{
	struct json_object *o = conv_body(conv_urn, "message_urn", msg_urn);

	if (who != NULL)
		json_object_object_add(o, "who", json_object_new_string(who));
	return post_ok(s, "/__sim/seen", o);
}

int
simclient_typing(struct sim *s, const char *conv_urn, const char *who)
{
	return post_ok(s, "/__sim/typing", conv_body(conv_urn, "who", who));
}

int
simclient_react(struct sim *s, const char *conv_urn, const char *msg_urn,
                const char *who, const char *emoji, int added)
{
	struct json_object *o = conv_body(conv_urn, "message_urn", msg_urn);

	if (who != NULL)
		json_object_object_add(o, "who", json_object_new_string(who));
	if (emoji != NULL)
		json_object_object_add(o, "emoji",
		                       json_object_new_string(emoji));
	json_object_object_add(o, "added", json_object_new_boolean(added));
	return post_ok(s, "/__sim/react", o);
}

int
simclient_title(struct sim *s, const char *conv_urn, const char *title)
{
	struct json_object *o = conv_body(conv_urn, "title", title);

	if (title == NULL)
		json_object_object_add(o, "title", NULL);
	return post_ok(s, "/__sim/title", o);
}

char *
simclient_new_conversation(struct sim *s, const char *from, const char *text)
{
	struct json_object *o = json_object_new_object(), *a, *u;
	char *r, *urn = NULL;

	json_object_object_add(o, "new_conversation",
	                       json_object_new_boolean(1));
	if (from != NULL)
		json_object_object_add(o, "from", json_object_new_string(from));
	if (text != NULL)
		json_object_object_add(o, "text", json_object_new_string(text));
	if ((r = post_obj(s, "/__sim/incoming", o)) == NULL)
		return NULL;
	if ((a = json_tokener_parse(r)) != NULL &&
	    json_object_object_get_ex(a, "conversation_urn", &u))
		urn = xstrdup(json_object_get_string(u));
	json_object_put(a);
	free(r);
	return urn;
}

int
simclient_realtime_refuse(struct sim *s, int status, int count)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "status", json_object_new_int(status));
	json_object_object_add(o, "count", json_object_new_int(count));
	return post_ok(s, "/__sim/realtime-refuse", o);
}

int
simclient_realtime_fault(struct sim *s, const char *kind, int count,
                         size_t bytes)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "kind", json_object_new_string(kind));
	json_object_object_add(o, "count", json_object_new_int(count));
	if (bytes > 0)
		json_object_object_add(o, "bytes",
		                       json_object_new_int64((int64_t)bytes));
	return post_ok(s, "/__sim/realtime-fault", o);
}

int
simclient_realtime_drop(struct sim *s)
{
	return post_ok(s, "/__sim/realtime-drop", json_object_new_object());
}
