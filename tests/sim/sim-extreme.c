/* sim-extreme.c — POST /__sim/extreme: a conversation at one of the limits
 * linchat must survive (docs/security.md, "Limits"), served afterwards
 * through the ordinary endpoints as the newest, unread conversation.
 *
 *   {"kind":"long-message","size":N}  1:1 whose last message is N bytes
 *                                     of text (default 1 MiB)
 *   {"kind":"crowd","size":N}         a group of N other people (default
 *                                     1 000), no title
 *   {"kind":"long-name","size":N}     1:1 with someone whose first name is
 *                                     N characters long (default 100 000)
 *
 * Answers {"conversation_urn","thread_id","message_urn"}.  The new people
 * are appended to the world after the generated ones, so the people
 * search and the profile lookups by public id do not see them.
 */
#include <stdlib.h>
#include <string.h>

#include "tests/sim/sim-json.h"
#include "tests/sim/sim-route.h"
#include "tests/sim/sim-rt.h"
#include "core/xmalloc.h"

#define LONG_MESSAGE_DEFAULT (1u << 20)
#define CROWD_DEFAULT 1000
#define LONG_NAME_DEFAULT 100000
#define SIZE_MAX_BYTES (16u << 20)
#define CROWD_MAX 100000

/* Appends a member to the world; returns its index. */
static int
extreme_person(struct sim_world *w, char *first, const char *last)
{
	struct sim_person *p;

	w->people =
	    xreallocarray(w->people, w->npeople + 1, sizeof(*w->people));
	p = &w->people[w->npeople];
	memset(p, 0, sizeof(*p));
	p->party = PARTY_MEMBER;
	p->id = sim_gen_profile_id(&w->rng);
	p->first = first;
	p->last = xstrdup(last);
	p->public_id = xasprintf("extreme-%zu", w->npeople);
	p->headline = xstrdup("Edge case");
	p->summary = xstrdup("");
	p->location = xstrdup(sim_gen_geo_location(0));
	p->member = 900000000LL + (long long)w->npeople;
	p->distance = 2;
	return (int)w->npeople++;
}

/* size bytes of prose: words, a line break now and then, an é (two
 * bytes) in some words, ending on a whole character. */
static char *
extreme_text(size_t size)
{
	static const char *const words[] = {
	    "payload", "limits", "résumé", "wrap",   "scroll",
	    "buffer",  "heap",   "line",   "screen", "terminal",
	};
	char *t = xmalloc(size + 1);
	size_t n = 0, i = 0, len;

	while (n < size) {
		const char *wd = words[i % 10];

		len = strlen(wd);
		if (n + len + 1 > size)
			break;
		memcpy(t + n, wd, len);
		n += len;
		t[n++] = (++i % 97) == 0 ? '\n' : ' ';
	}
	while (n < size)
		t[n++] = '.';
	t[n] = '\0';
	return t;
}

/* A name of size characters, all ASCII letters. */
static char *
extreme_name(size_t size)
{
	static const char part[] = "Wolfeschlegelsteinhausenbergerdorff";
	char *s = xmalloc(size + 1);
	size_t i;

	for (i = 0; i < size; i++)
		s[i] = part[i % (sizeof(part) - 1)];
	s[size] = '\0';
	return s;
}

void
sim_ctl_extreme(struct sim_req *r)
{
	struct sim_world *w = r->w;
	struct json_object *body, *x, *o;
	struct sim_conv *c;
	struct sim_message *m;
	const char *kind = NULL;
	char *text = NULL, *u;
	int *who = NULL;
	long long size = -1;
	size_t i, n = 1;

	if ((body = sim_body_json(r)) == NULL)
		return;
	if (json_object_object_get_ex(body, "kind", &x))
		kind = json_object_get_string(x);
	if (json_object_object_get_ex(body, "size", &x))
		size = json_object_get_int64(x);
	if (kind == NULL ||
	    (strcmp(kind, "long-message") != 0 && strcmp(kind, "crowd") != 0 &&
	     strcmp(kind, "long-name") != 0)) {
		sim_reply_status(r, 400,
		                 "kind must be long-message, crowd or "
		                 "long-name");
		goto out;
	}
	if (size == 0 || size < -1 ||
	    size > (strcmp(kind, "crowd") == 0 ? CROWD_MAX : SIZE_MAX_BYTES)) {
		sim_reply_status(r, 400, "size out of range");
		goto out;
	}
	if (strcmp(kind, "crowd") == 0) {
		n = size > 0 ? (size_t)size : CROWD_DEFAULT;
		who = xcalloc(n, sizeof(*who));
		for (i = 0; i < n; i++)
			who[i] = extreme_person(
			    w, xasprintf("Member%zu", i + 1), "Crowd");
		text = xstrdup("Welcome, everyone.");
	} else if (strcmp(kind, "long-name") == 0) {
		who = xcalloc(1, sizeof(*who));
		who[0] = extreme_person(
		    w,
		    extreme_name(size > 0 ? (size_t)size : LONG_NAME_DEFAULT),
		    "Longname");
		text = xstrdup("Hello from a very long name.");
	} else {
		who = xcalloc(1, sizeof(*who));
		who[0] = extreme_person(w, xstrdup("Max"), "Payload");
		text = extreme_text(size > 0 ? (size_t)size
		                             : LONG_MESSAGE_DEFAULT);
	}
	c = sim_conv_new(w, who, n);
	m = sim_conv_add(w, c, who[0], text, NULL);
	sim_rt_conversation(w, c);
	sim_rt_message(w, c, m);
	o = json_object_new_object();
	sim_jstr(o, "conversation_urn", c->urn);
	sim_jstr(o, "thread_id", c->thread);
	u = sim_json_message_urn(m);
	sim_jstr(o, "message_urn", u);
	free(u);
	sim_reply_json(r, 200, o);
out:
	free(text);
	free(who);
	json_object_put(body);
}
