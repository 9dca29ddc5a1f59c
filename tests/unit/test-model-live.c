/* The model's live state: typing, read receipts, arrivals. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/model.h"

#define ME "urn:li:fsd_profile:ME"
#define GRACE "urn:li:fsd_profile:GRACE"
#define CONV "urn:li:msg_conversation:(urn:li:fsd_profile:ME,2-A)"

static struct model *
world(void)
{
	struct model *m = model_new();
	struct model_participant p[2] = {{ME, "Ada"}, {GRACE, "Grace Hopper"}};
	struct model_conv c;

	memset(&c, 0, sizeof c);
	c.urn = CONV;
	c.participants = p;
	c.nparticipants = 2;
	c.last_ms = 100;
	model_set_me(m, ME);
	model_put_conversation(m, &c);
	return m;
}

static void
merge(struct model *m, const char *urn, const char *sender, int64_t t)
{
	struct model_msg v;

	memset(&v, 0, sizeof v);
	v.urn = urn;
	v.sender_urn = sender;
	v.text = "hi";
	v.time_ms = t;
	model_merge_messages(m, CONV, &v, 1);
}

Test(model_live, typing_shows_until_its_time_and_names_the_participant)
{
	struct model *m = world();
	uint64_t v0 = model_inbox_version(m),
	         t0 = model_thread_version(m, CONV);
	int64_t until = 0;
	char *who;

	cr_assert_eq(model_set_typing(m, CONV, GRACE, 10000), 0);
	cr_assert_eq(model_set_typing(m, "urn:unknown", GRACE, 10000), -1);
	cr_assert_gt(model_thread_version(m, CONV), t0);
	cr_assert_eq(model_inbox_version(m), v0,
	             "typing is not an inbox change");
	who = model_get_typing(m, CONV, 9999, &until);
	cr_assert_str_eq(who, "Grace Hopper");
	cr_assert_eq(until, 10000);
	free(who);
	cr_assert_null(model_get_typing(m, CONV, 10000, NULL), "expired");
	model_free(m);
}

Test(model_live, a_message_from_the_typist_clears_typing_and_mine_does_not)
{
	struct model *m = world();
	char *who;

	model_set_typing(m, CONV, GRACE, 10000);
	merge(m, "m:1", ME, 200);
	who = model_get_typing(m, CONV, 0, NULL);
	cr_assert_not_null(who);
	free(who);
	merge(m, "m:2", GRACE, 300);
	cr_assert_null(model_get_typing(m, CONV, 0, NULL));
	model_set_typing(m, CONV, GRACE, 10000);
	model_set_typing(m, CONV, GRACE, 0);
	cr_assert_null(model_get_typing(m, CONV, 0, NULL), "0 clears");
	model_free(m);
}

Test(model_live, receipts_keep_the_newest_per_participant)
{
	struct model *m = world();
	struct model_seen *s;
	size_t n;

	cr_assert_eq(model_set_seen(m, CONV, GRACE, 200, 250), 0);
	cr_assert_eq(model_set_seen(m, CONV, GRACE, 100, 300), 0);
	cr_assert_eq(model_set_seen(m, "urn:x", GRACE, 1, 1), -1);
	n = model_get_seen(m, CONV, &s);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(s[0].who, GRACE);
	cr_assert_str_eq(s[0].name, "Grace Hopper");
	cr_assert_eq(s[0].upto_ms, 200, "an older receipt never wins");
	cr_assert_eq(s[0].at_ms, 250);
	model_seen_free(s, n);
	model_set_seen(m, CONV, GRACE, 400, 410);
	n = model_get_seen(m, CONV, &s);
	cr_assert_eq(s[0].upto_ms, 400);
	model_seen_free(s, n);
	model_free(m);
}

Test(model_live, the_conversation_of_a_message)
{
	struct model *m = world();
	int64_t t = 0;
	char *c;

	merge(m, "m:1", GRACE, 200);
	c = model_conv_of_message(m, "m:1", &t);
	cr_assert_str_eq(c, CONV);
	cr_assert_eq(t, 200);
	free(c);
	cr_assert_null(model_conv_of_message(m, "m:none", NULL));
	model_free(m);
}

Test(model_live, arrivals_are_numbered_and_the_ring_keeps_the_newest)
{
	struct model *m = world();
	struct model_arrival *a;
	uint64_t last = 99;
	char text[16];
	size_t n, i;

	n = model_arrivals_since(m, 0, &a, &last);
	cr_assert_eq(n, 0);
	cr_assert_eq(last, 0);
	model_note_arrival(m, CONV, "Grace", "one", 1, 0);
	model_note_arrival(m, CONV, NULL, "two", 2, 1);
	n = model_arrivals_since(m, 0, &a, &last);
	cr_assert_eq(n, 2);
	cr_assert_eq(last, 2);
	cr_assert_str_eq(a[0].text, "one");
	cr_assert_str_eq(a[1].sender_name, "");
	cr_assert_eq(a[1].burst, 1);
	model_arrivals_free(a, n);
	n = model_arrivals_since(m, 2, &a, &last);
	cr_assert_eq(n, 0);
	for (i = 0; i < 100; i++) {
		snprintf(text, sizeof text, "%zu", i);
		model_note_arrival(m, CONV, "Grace", text, (int64_t)i, 0);
	}
	n = model_arrivals_since(m, 0, &a, &last);
	cr_assert_eq(last, 102);
	cr_assert_eq(n, 64, "the ring holds the newest 64");
	cr_assert_eq(a[0].seq, 39);
	cr_assert_str_eq(a[63].text, "99");
	model_arrivals_free(a, n);
	model_free(m);
}

Test(model_live, presence_moves_the_threads_that_show_it_and_not_the_inbox)
{
	struct model *m = world();
	struct model_participant gp[3] = {{ME, "Ada"},
	                                  {GRACE, "Grace Hopper"},
	                                  {"urn:li:fsd_profile:B", "B"}};
	struct model_participant bp[2] = {{ME, "Ada"},
	                                  {"urn:li:fsd_profile:B", "B"}};
	const char *group =
	    "urn:li:msg_conversation:(urn:li:fsd_profile:ME,2-G)";
	const char *bill =
	    "urn:li:msg_conversation:(urn:li:fsd_profile:ME,2-B)";
	struct model_presence p;
	struct model_conv c;
	uint64_t v0, t0, tg, tb, all;

	memset(&c, 0, sizeof c);
	c.urn = group;
	c.participants = gp;
	c.nparticipants = 3;
	model_put_conversation(m, &c);
	c.urn = bill;
	c.participants = bp;
	c.nparticipants = 2;
	model_put_conversation(m, &c);
	cr_assert_eq(model_get_presence(m, GRACE, &p), -1);
	cr_assert_eq(model_peer_presence(m, CONV, &p), -1);

	v0 = model_inbox_version(m);
	t0 = model_thread_version(m, CONV);
	tg = model_thread_version(m, group);
	tb = model_thread_version(m, bill);
	model_set_presence(m, GRACE, 1, 1770243000000LL);
	cr_assert_eq(model_get_presence(m, GRACE, &p), 0);
	cr_assert_eq(p.online, 1);
	cr_assert_eq(p.last_active_ms, 1770243000000LL);
	cr_assert_gt(model_thread_version(m, CONV), t0);
	cr_assert_gt(model_thread_version(m, group), tg);
	cr_assert_eq(model_thread_version(m, bill), tb, "B's thread moved");
	cr_assert_eq(model_inbox_version(m), v0, "presence is no inbox change");

	/* 1:1 only: a group has no peer */
	cr_assert_eq(model_peer_presence(m, CONV, &p), 0);
	cr_assert_eq(p.online, 1);
	cr_assert_eq(model_peer_presence(m, group, &p), -1);
	cr_assert_eq(model_peer_presence(m, bill, &p), -1, "B is unknown");
	cr_assert_eq(model_peer_presence(m, "urn:unknown", &p), -1);

	/* the same again changes nothing */
	all = model_version(m);
	model_set_presence(m, GRACE, 1, 1770243000000LL);
	cr_assert_eq(model_version(m), all);
	model_set_presence(m, GRACE, 0, 1770243000001LL);
	cr_assert_gt(model_version(m), all);
	cr_assert_eq(model_peer_presence(m, CONV, &p), 0);
	cr_assert_eq(p.online, 0);
	/* unknown forgets */
	t0 = model_thread_version(m, CONV);
	model_set_presence(m, GRACE, -1, 0);
	cr_assert_eq(model_get_presence(m, GRACE, &p), -1);
	cr_assert_gt(model_thread_version(m, CONV), t0);
	model_set_presence(m, NULL, 1, 0);
	model_set_presence(m, "", 1, 0);
	model_set_presence(m, "urn:li:fsd_profile:Z", 1, 0); /* in no thread */
	cr_assert_eq(model_get_presence(m, "urn:li:fsd_profile:Z", &p), 0);
	model_free(m);
}
