/* sim.c — voyager-sim: a fake LinkedIn Voyager API on 127.0.0.1.
 *
 * main() reads the flags, builds the world, starts libmicrohttpd with one
 * thread per connection (so a slow or delayed answer never holds up the
 * others), prints "listening on 127.0.0.1:PORT" (or the --bind address)
 * and waits for SIGTERM or
 * SIGINT.  Each request is turned into a struct sim_req, routed and
 * answered under the world lock; latency and slow bodies are served after
 * the lock is released.
 *
 * MHD would percent-decode the URL and the query arguments before we see
 * them, which destroys Rest.li's difference between raw structure and
 * encoded values; so the unescape callback leaves text as is and we take
 * the raw request target from the URI log callback and parse it ourselves.
 */
#include <errno.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "tests/sim/sim-fault.h"
#include "tests/sim/sim-route.h"
#include "tests/sim/sim-rt.h"
#include "tests/sim/sim-state.h"
#include "core/xmalloc.h"

#define BODY_MAX (4 * 1024 * 1024)

struct conn_req {
	struct sim_req req;
	int started;
	int overflow;
};

/* A huge answer, generated as it is read: {"data":{"pad":"xxx..."}}. */
struct huge {
	struct sim_world *w;
	size_t len;
	size_t served; /* the furthest byte handed out */
};

/* The body of a spoiled answer, served in pieces. */
struct trickle {
	char *data;
	size_t len;
	size_t stop; /* reset: end with an error at this offset */
	int slow;
};

static void
usage(void)
{
	fprintf(
	    stderr,
	    "usage: voyager-sim [--port N] [--seed S] [--conversations N]\n"
	    "    [--messages M] [--hostile] [--latency-ms L] [--fault-rate P]\n"
	    "    [--faults "
	    "429,999,500,503,reset,truncated,malformed,empty,slow,\n"
	    "              huge,deep,redirect,foreign-cookie]\n"
	    "    [--session-requests N] [--invite-quota N]\n"
	    "    [--tls-cert FILE --tls-key FILE] [--heartbeat-ms N]\n"
	    "    [--bind 127.x.y.z]\n");
}

static void
sleep_ms(long ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static int
num(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* PEM files for --tls-cert and --tls-key. */
static const char *tls_cert, *tls_key;
/* --bind: the loopback address to listen on. */
static const char *bind_addr = "127.0.0.1";

static int
parse_flags(int argc, char **argv, struct sim_opts *o)
{
	int i;
	long long v;
	unsigned mask;

	memset(o, 0, sizeof(*o));
	o->conversations = 60;
	o->messages = 30;
	for (i = 1; i < argc; i++) {
		const char *f = argv[i], *a = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(f, "--hostile") == 0) {
			o->hostile = 1;
			continue;
		}
		if (strcmp(f, "--help") == 0 || a == NULL)
			return -1;
		i++;
		if (strcmp(f, "--port") == 0 && num(a, 0, 65535, &v) == 0)
			o->port = (int)v;
		else if (strcmp(f, "--seed") == 0) {
			char *end;

			errno = 0;
			o->seed = strtoull(a, &end, 0);
			if (errno != 0 || end == a || *end != '\0')
				return -1;
		} else if (strcmp(f, "--conversations") == 0 &&
		           num(a, 0, 100000, &v) == 0)
			o->conversations = (int)v;
		else if (strcmp(f, "--messages") == 0 &&
		         num(a, 0, 10000, &v) == 0)
			o->messages = (int)v;
		else if (strcmp(f, "--latency-ms") == 0 &&
		         num(a, 0, 600000, &v) == 0)
			o->latency_ms = (int)v;
		else if (strcmp(f, "--fault-rate") == 0) {
			char *end;

			o->fault_rate = strtod(a, &end);
			if (end == a || *end != '\0' || o->fault_rate < 0 ||
			    o->fault_rate > 1)
				return -1;
		} else if (strcmp(f, "--faults") == 0 &&
		           sim_fault_parse_list(a, &mask) == 0)
			o->faults = (char *)a;
		else if (strcmp(f, "--session-requests") == 0 &&
		         num(a, 0, 1000000000, &v) == 0)
			o->session_requests = (long)v;
		else if (strcmp(f, "--bind") == 0) {
			struct in_addr a4;

			if (inet_pton(AF_INET, a, &a4) != 1 ||
			    (ntohl(a4.s_addr) >> 24) != 127)
				return -1;
			bind_addr = a;
		} else if (strcmp(f, "--tls-cert") == 0)
			tls_cert = a;
		else if (strcmp(f, "--tls-key") == 0)
			tls_key = a;
		else if (strcmp(f, "--heartbeat-ms") == 0 &&
		         num(a, 1, 3600000, &v) == 0)
			o->heartbeat_ms = (long)v;
		else if (strcmp(f, "--invite-quota") == 0 &&
		         num(a, 0, 1000000, &v) == 0)
			o->invite_quota = (int)v;
		else
			return -1;
	}
	return (tls_cert == NULL) == (tls_key == NULL) ? 0 : -1;
}

/* The whole of a small file as a string; NULL (after a message) if it
 * cannot be read. */
static char *
slurp(const char *path)
{
	struct buf b;
	char chunk[4096];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "voyager-sim: cannot read %s: %s\n", path,
		        strerror(errno));
		return NULL;
	}
	buf_init(&b, 1024 * 1024);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, n) != 0)
			break;
	fclose(f);
	return buf_detach(&b);
}

static size_t
unescape_none(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct conn_req *cr = xcalloc(1, sizeof(*cr));

	(void)c;
	cr->req.w = cls;
	cr->req.target = xstrdup(uri);
	cr->req.status = 500;
	buf_init(&cr->req.body, BODY_MAX);
	buf_init(&cr->req.out, 0);
	return cr;
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
             enum MHD_RequestTerminationCode toe)
{
	struct conn_req *cr = *req_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (cr != NULL) {
		sim_req_free(&cr->req);
		free(cr);
		*req_cls = NULL;
	}
}

static void
on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
              enum MHD_ConnectionNotificationCode toe)
{
	struct sim_world *w = cls;

	(void)c;
	(void)socket_context;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		pthread_mutex_lock(&w->lock);
		w->connections++;
		pthread_mutex_unlock(&w->lock);
	}
}

static void
pre_fault(struct sim_req *r, enum sim_fault_kind k)
{
	switch (k) {
	case FAULT_429:
		sim_reply_status(r, 429, "too many requests");
		sim_header(r, "Retry-After", "1");
		break;
	case FAULT_REDIRECT: {
		const struct sim_fault_params *p =
		    sim_fault_params(r->w->fault);

		sim_reply(r, p->redirect_status, "text/html",
		          "<html><body>Moved</body></html>", 31);
		sim_header(r, "Location", p->location);
		break;
	}
	case FAULT_999:
		/* LinkedIn's bot wall answers with an HTML page. */
		sim_reply(r, 999, "text/html",
		          "<html><body>Request denied</body></html>", 40);
		break;
	default:
		sim_reply_status(r, 503, "service unavailable");
		break;
	}
}

#define LOG_BODY_MAX 8192

/* The names (never the values) of the cookies a request carried. */
static void
log_cookie_names(struct json_object *arr, const char *p)
{
	const char *e, *eq;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		e = p + strcspn(p, ";");
		eq = memchr(p, '=', (size_t)(e - p));
		if (eq != NULL && eq > p)
			json_object_array_add(
			    arr, json_object_new_string_len(p, (int)(eq - p)));
		p = e;
	}
}

/* The body of the deep fault: {"data":[[[...]]]} nested depth deep. */
static void
deep_body(struct sim_req *r, int depth)
{
	int i;

	buf_reset(&r->out);
	buf_addstr(&r->out, "{\"data\":");
	for (i = 0; i < depth; i++)
		buf_addc(&r->out, '[');
	for (i = 0; i < depth; i++)
		buf_addc(&r->out, ']');
	buf_addc(&r->out, '}');
	r->status = 200;
	r->out_type = "application/json";
}

/* The witness entry of a request in /__sim/state: what was asked, with
 * which headers and body (never cookies; no body for the login, which
 * carries the password), and how it was answered. */
static void
log_request(struct sim_req *r, enum sim_fault_kind k)
{
	struct json_object *e, *h;
	size_t i;

	e = json_object_new_object();
	sim_jstr(e, "method", r->method);
	sim_jstr(e, "path", r->target);
	sim_jstr(e, "endpoint", r->endpoint);
	sim_jint(e, "status", r->status);
	sim_jstr(e, "fault", k == FAULT_NONE ? NULL : sim_fault_name(k));
	h = sim_jobj(e, "headers");
	for (i = 0; i < SIM_LOGGED_HEADERS; i++)
		if (r->logged[i] != NULL)
			sim_jstr(h, sim_logged_headers[i], r->logged[i]);
	log_cookie_names(sim_jarr(e, "cookies"), r->cookie);
	if (strcmp(r->endpoint, "login") == 0)
		json_object_object_add(e, "body", NULL);
	else
		json_object_object_add(
		    e, "body",
		    json_object_new_string_len(buf_cstr(&r->body),
		                               (int)(r->body.len < LOG_BODY_MAX
		                                         ? r->body.len
		                                         : LOG_BODY_MAX)));
	sim_log(r->w, e);
}

/* Runs the request under the world lock; returns the post fault left to
 * apply on the way out (*huge: the size of a huge answer). */
static enum sim_fault_kind
serve(struct sim_req *r, size_t *huge)
{
	struct sim_world *w = r->w;
	const struct sim_route *rt;
	enum sim_fault_kind k = FAULT_NONE;
	int ctl;

	pthread_mutex_lock(&w->lock);
	if (sim_req_parse_target(r) != 0) {
		r->endpoint = "unknown";
		sim_reply_status(r, 400, "bad escape in path");
		rt = NULL;
	} else
		rt = sim_route_find(r);
	ctl = rt != NULL && (rt->flags & ROUTE_CTL);
	if (!ctl) {
		sim_count(w, r->endpoint);
		k = sim_fault_decide(w->fault, r->endpoint);
	}
	if (sim_fault_is_pre(k))
		pre_fault(r, k);
	else if (rt != NULL &&
	         (!(rt->flags & ROUTE_AUTH) || sim_auth_check(r) == 0))
		rt->fn(r);
	if (k == FAULT_500)
		sim_reply_status(r, 500, "internal server error");
	else if (k == FAULT_EMPTY)
		sim_reply(r, 200, "application/json", "", 0);
	else if (k == FAULT_DEEP)
		deep_body(r, sim_fault_params(w->fault)->deep_depth);
	else if (k == FAULT_HUGE) {
		sim_reply(r, 200, "application/json", "", 0);
		*huge = sim_fault_params(w->fault)->huge_bytes;
		sim_fault_huge_served(w->fault, 0); /* set when it ends */
	} else if (k == FAULT_FOREIGN_COOKIE) {
		/* What a hostile middlebox might add: cookies for another
		 * site, one of them posing as the session. */
		sim_header(r, "Set-Cookie",
		           "li_at=forged-by-evil-example; Domain=evil.example; "
		           "Path=/");
		sim_header(r, "Set-Cookie",
		           "lc_foreign=1; Domain=.evil.example; Path=/");
	}
	if (!ctl)
		log_request(r, k);
	pthread_mutex_unlock(&w->lock);
	if (!ctl)
		sleep_ms(w->opts.latency_ms);
	return sim_fault_is_pre(k) ? FAULT_NONE : k;
}

static ssize_t
trickle_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct trickle *t = cls;
	size_t n, step;

	if (pos >= t->len)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (!t->slow && pos >= t->stop)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	n = t->len - (size_t)pos;
	if (t->slow) {
		step = t->len / 8 + 1;
		if (n > step)
			n = step;
		if (pos > 0)
			sleep_ms(100);
	} else if (n > t->stop - (size_t)pos)
		n = t->stop - (size_t)pos;
	if (n > max)
		n = max;
	memcpy(out, t->data + pos, n);
	return (ssize_t)n;
}

#define HUGE_HEAD "{\"data\":{\"pad\":\""
#define HUGE_TAIL "\"}}"

static ssize_t
huge_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct huge *h = cls;
	size_t head = sizeof(HUGE_HEAD) - 1, tail = sizeof(HUGE_TAIL) - 1;
	size_t i, n = 0;

	if (pos >= h->len)
		return MHD_CONTENT_READER_END_OF_STREAM;
	for (i = (size_t)pos; i < h->len && n < max; i++, n++) {
		if (i < head)
			out[n] = HUGE_HEAD[i];
		else if (i >= h->len - tail)
			out[n] = HUGE_TAIL[i - (h->len - tail)];
		else
			out[n] = 'x';
	}
	if (i > h->served)
		h->served = i;
	return (ssize_t)n;
}

static void
huge_free(void *cls)
{
	struct huge *h = cls;

	pthread_mutex_lock(&h->w->lock);
	sim_fault_huge_served(h->w->fault, h->served);
	pthread_mutex_unlock(&h->w->lock);
	free(h);
}

static void
trickle_free(void *cls)
{
	struct trickle *t = cls;

	free(t->data);
	free(t);
}

static struct MHD_Response *
make_response(struct sim_req *r, enum sim_fault_kind k)
{
	struct trickle *t;
	size_t len = r->out.len;
	char *body = buf_detach(&r->out);

	if (k == FAULT_TRUNCATED && len > 1)
		len /= 2;
	if (k == FAULT_MALFORMED) {
		char *bad =
		    xasprintf("%.*s<!-- not json -->]}", (int)(len / 3), body);

		free(body);
		body = bad;
		len = strlen(bad);
	}
	if (k != FAULT_RESET && k != FAULT_SLOW)
		return MHD_create_response_from_buffer(len, body,
		                                       MHD_RESPMEM_MUST_FREE);
	t = xcalloc(1, sizeof(*t));
	t->data = body;
	t->len = len;
	t->slow = k == FAULT_SLOW;
	t->stop = len / 2;
	return MHD_create_response_from_callback(len, 4096, trickle_read, t,
	                                         trickle_free);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
           const char *method, const char *version, const char *upload,
           size_t *upload_size, void **req_cls)
{
	struct conn_req *cr = *req_cls;
	struct sim_req *r = &cr->req;
	struct MHD_Response *resp;
	enum sim_fault_kind k;
	enum MHD_Result ret;
	const char *h;
	size_t i, huge = 0;

	(void)cls;
	(void)url;
	(void)version;
	if (!cr->started) {
		cr->started = 1;
		r->method = xstrdup(method);
		if ((h = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		                                     "Cookie")) != NULL)
			r->cookie = xstrdup(h);
		if ((h = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		                                     "csrf-token")) != NULL)
			r->csrf = xstrdup(h);
		if ((h = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		                                     "Content-Type")) != NULL)
			r->ctype = xstrdup(h);
		for (i = 0; i < SIM_LOGGED_HEADERS; i++)
			if ((h = MHD_lookup_connection_value(
			         c, MHD_HEADER_KIND, sim_logged_headers[i])) !=
			    NULL)
				r->logged[i] = xstrdup(h);
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (buf_add(&r->body, upload, *upload_size) != 0)
			cr->overflow = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	if (cr->overflow) {
		sim_reply_status(r, 413, "body too large");
		k = FAULT_NONE;
	} else
		k = serve(r, &huge);
	if (r->stream && r->stream_fault == RT_FAULT_SILENT) {
		/* Accepted, and never a byte: not even a status line. */
		sim_rt_hold(r->w);
		return MHD_NO;
	}
	if (r->stream && r->status == 200) {
		void *st;

		pthread_mutex_lock(&r->w->lock);
		st = sim_rt_open(r);
		pthread_mutex_unlock(&r->w->lock);
		resp = MHD_create_response_from_callback(
		    MHD_SIZE_UNKNOWN, 4096, sim_rt_read, st, sim_rt_free);
		if (resp != NULL)
			MHD_add_response_header(resp, "Cache-Control",
			                        "no-cache");
	} else if (k == FAULT_HUGE) {
		struct huge *hs = xcalloc(1, sizeof(*hs));

		hs->w = r->w;
		hs->len = huge < sizeof(HUGE_HEAD) + sizeof(HUGE_TAIL)
		              ? sizeof(HUGE_HEAD) + sizeof(HUGE_TAIL)
		              : huge;
		/* No Content-Length: the client cannot refuse it up front,
		 * it has to stop reading. */
		resp = MHD_create_response_from_callback(
		    MHD_SIZE_UNKNOWN, 64 * 1024, huge_read, hs, huge_free);
	} else
		resp = make_response(r, k);
	if (resp == NULL)
		return MHD_NO;
	if (r->out_type != NULL)
		MHD_add_response_header(resp, "Content-Type", r->out_type);
	for (i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->hname[i], r->hval[i]);
	ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

int
main(int argc, char **argv)
{
	struct sim_opts opts;
	struct sim_world *w;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	struct sockaddr_in sa;
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION |
	                 MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
	                 MHD_USE_ERROR_LOG;
	char *cert = NULL, *key = NULL;
	sigset_t set;
	int sig;

	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		usage();
		return 0;
	}
	if (parse_flags(argc, argv, &opts) != 0) {
		usage();
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)opts.port);
	inet_pton(AF_INET, bind_addr, &sa.sin_addr);
	if (tls_cert != NULL) {
		if ((cert = slurp(tls_cert)) == NULL ||
		    (key = slurp(tls_key)) == NULL) {
			free(cert);
			return 1;
		}
		flags |= MHD_USE_TLS;
	}
	w = sim_world_new(&opts);
	{
		struct MHD_OptionItem ops[] = {
		    {MHD_OPTION_SOCK_ADDR, 0, &sa},
		    {MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)on_uri, w},
		    {MHD_OPTION_UNESCAPE_CALLBACK, (intptr_t)unescape_none,
		     NULL},
		    {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, NULL},
		    {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, w},
		    {MHD_OPTION_CONNECTION_TIMEOUT, 60, NULL},
		    {cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0,
		     cert},
		    {MHD_OPTION_HTTPS_MEM_KEY, 0, key},
		    {MHD_OPTION_END, 0, NULL},
		};

		d = MHD_start_daemon(flags, (uint16_t)opts.port, NULL, NULL,
		                     on_request, w, MHD_OPTION_ARRAY, ops,
		                     MHD_OPTION_END);
	}
	if (d == NULL) {
		fprintf(stderr, "voyager-sim: cannot listen on %s:%d\n",
		        bind_addr, opts.port);
		sim_world_free(w);
		free(cert);
		free(key);
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("listening on %s:%u\n", bind_addr,
	       info ? info->port : (unsigned)opts.port);
	fflush(stdout);

	while (sigwait(&set, &sig) != 0)
		;
	sim_rt_stop(w);
	MHD_stop_daemon(d);
	sim_world_free(w);
	free(cert);
	free(key);
	return 0;
}
