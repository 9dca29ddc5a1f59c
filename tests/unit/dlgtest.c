/* dlgtest.c — the dialog tests' fixture (see dlgtest.h): fake actions
 * that record their calls and do what the worker's pushes do before they
 * return, a curses screen, and results filed as the worker files them. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include <unistd.h>
#include "tests/unit/helpers.h"
#include "tui/dlg.h"
#include "core/err.h"
#include "tui/keys.h"
#include "core/model.h"
#include "core/outbox.h"
#include "tui/pane-inbox.h"
#include "core/store.h"
#include "core/urn.h"
#include "tui/tui-int.h"
#include "tests/unit/tuitest.h"
#include "core/xmalloc.h"
#include "tests/unit/dlgtest.h"

struct model *m;
struct tui *t;

int sends, profiles, connects, invites, replies, news, reacts, edits, recalls,
    searches;
char last_query[128];
char last_who[128], last_note[1024], last_urn[128], last_text[256],
    last_tok[64], last_emoji[16];
int last_accept, last_on;
/* When set, send_new does what the worker does before it returns: the
 * outbox row and the placeholder conversation (refuse: it fails). */
struct store *first_st;
int first_refuse;

static void
on_send(void *ctx, const char *conv, const char *text, const char *tok)
{
	(void)ctx;
	(void)conv;
	(void)text;
	(void)tok;
	sends++;
}

/* The tickets the fake worker handed out, by what was asked ("profile:
 * WHO", "connect:WHO", "search:KEYWORDS", "invitations:"), newest last:
 * a result arrives under the newest ticket for what the test names. */
static struct {
	char what[160];
	uint64_t ticket;
} asked[64];
static size_t nasked;

static uint64_t
ticket_for(const char *kind, const char *arg)
{
	cr_assert_lt(nasked, sizeof asked / sizeof asked[0]);
	snprintf(asked[nasked].what, sizeof asked[nasked].what, "%s:%s", kind,
	         arg);
	asked[nasked].ticket = 1000 + nasked;
	return asked[nasked++].ticket;
}

/* The ticket of the newest request for what; the UI must have asked. */
static uint64_t
ticket_of(const char *what)
{
	size_t i;

	for (i = nasked; i-- > 0;)
		if (strcmp(asked[i].what, what) == 0)
			return asked[i].ticket;
	cr_assert_fail("nothing asked for %s", what);
	return 0;
}

static uint64_t
on_profile(void *ctx, const char *who)
{
	(void)ctx;
	profiles++;
	snprintf(last_who, sizeof last_who, "%s", who);
	return ticket_for("profile", who);
}

static uint64_t
on_search(void *ctx, const char *keywords)
{
	(void)ctx;
	searches++;
	snprintf(last_query, sizeof last_query, "%s", keywords);
	return ticket_for("search", keywords);
}

static uint64_t
on_connect(void *ctx, const char *who, const char *note)
{
	(void)ctx;
	connects++;
	snprintf(last_who, sizeof last_who, "%s", who);
	snprintf(last_note, sizeof last_note, "%s", note != NULL ? note : "");
	return ticket_for("connect", who);
}

static uint64_t
on_invitations(void *ctx)
{
	(void)ctx;
	invites++;
	return ticket_for("invitations", "");
}

static void
on_reply(void *ctx, const char *urn, const char *secret, int accept)
{
	(void)ctx;
	(void)secret;
	replies++;
	last_accept = accept;
	snprintf(last_urn, sizeof last_urn, "%s", urn);
}

static int
on_send_new(void *ctx, const char *urn, const char *name, const char *text,
            const char *tok)
{
	(void)ctx;
	(void)name;
	news++;
	snprintf(last_urn, sizeof last_urn, "%s", urn);
	snprintf(last_text, sizeof last_text, "%s", text);
	snprintf(last_tok, sizeof last_tok, "%s", tok);
	if (first_refuse)
		return -1;
	if (first_st != NULL) {
		char *ph = urn_placeholder(urn);

		cr_assert_eq(outbox_add_first(first_st, m, ph, urn, name, text,
		                              tok, (int64_t)NOW * 1000, NULL),
		             LC_OK);
		free(ph);
	}
	return 0;
}

static void
on_react(void *ctx, const char *urn, const char *emoji, int on)
{
	(void)ctx;
	/* what the worker does before it returns: shown at once */
	model_react(m, urn, emoji, on);
	reacts++;
	last_on = on;
	snprintf(last_urn, sizeof last_urn, "%s", urn);
	snprintf(last_emoji, sizeof last_emoji, "%s", emoji);
}

static void
on_edit(void *ctx, const char *urn, const char *text)
{
	(void)ctx;
	edits++;
	snprintf(last_urn, sizeof last_urn, "%s", urn);
	snprintf(last_text, sizeof last_text, "%s", text);
}

static void
on_recall(void *ctx, const char *urn)
{
	(void)ctx;
	recalls++;
	snprintf(last_urn, sizeof last_urn, "%s", urn);
}

void
dlgt_up(void)
{
	struct tui_opts o;

	tuitest_screen_up();
	m = model_new();
	model_set_me(m, ME);
	tuitest_conv(m, C1, ALICE, "Alice Martin", 2, 60, "see you tomorrow");
	tuitest_conv(m, C2, BOB, "Bob Lee", 0, 3600, "thanks!");
	tuitest_conv(m, C3, CAROL, "Carol Diaz", 1, 7200, "are you coming?");
	tuitest_msg(m, C1, "urn:li:msg:1", ALICE, "Hello there", 120);
	tuitest_msg(m, C1, "urn:li:msg:2", ME, "Hi Alice!\nHow are you?", 90);
	tuitest_msg(m, C1, "urn:li:msg:3", ALICE, "see you tomorrow", 60);
	tuitest_msg(m, C2, "urn:li:msg:4", BOB, "thanks!", 3600);
	memset(&o, 0, sizeof o);
	o.model = m;
	o.wake_fd = -1;
	o.account = "me@example.com";
	o.actions.send = on_send;
	o.actions.profile = on_profile;
	o.actions.connect = on_connect;
	o.actions.search = on_search;
	o.actions.invitations = on_invitations;
	o.actions.invitation_reply = on_reply;
	o.actions.send_new = on_send_new;
	o.actions.react = on_react;
	o.actions.edit = on_edit;
	o.actions.recall = on_recall;
	t = tuitest_tui_new(&o);
}

void
dlgt_down(void)
{
	tui_free(t);
	model_free(m);
	tuitest_screen_down();
}

/* What the worker does when a profile lookup worked. */
void
profile_arrives(const char *who, const char *urn, const char *public_id,
                const char *first, const char *last)
{
	struct model_profile p = {
	    urn,
	    public_id,
	    first,
	    last,
	    "Staff Engineer at Initech",
	    "Lyon, France",
	    "Software",
	    "Builds terminals for a living and writes about them at "
	    "length, in prose that wraps over several lines of the "
	    "dialog.",
	    "https://media.example.com/dana.jpg",
	    "2nd",
	    1};
	char *key = xasprintf("profile:%s", who);

	model_put_profile(m, &p);
	model_set_result(m, ticket_of(key), LC_OK, urn);
	free(key);
	tui_model_changed(t);
	tui_draw(t);
}

void
result_arrives(const char *key, int code, const char *text)
{
	model_set_result(m, ticket_of(key), code, text);
	tui_model_changed(t);
	tui_draw(t);
}
