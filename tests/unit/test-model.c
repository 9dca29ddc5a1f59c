#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/model.h"
#include "core/xmalloc.h"

#define ME "urn:li:fsd_profile:ME"
#define SARAH "urn:li:fsd_profile:SARAH"

static struct model_msg
msg(const char *urn, const char *sender, const char *text, int64_t t)
{
	struct model_msg m;

	memset(&m, 0, sizeof(m));
	m.urn = urn;
	m.sender_urn = sender;
	m.text = text;
	m.time_ms = t;
	return m;
}

static void
put_conv(struct model *m, const char *urn, int64_t last, int unread)
{
	struct model_participant p[2] = {{ME, "Ada"}, {SARAH, "Sarah"}};
	struct model_conv c;

	memset(&c, 0, sizeof(c));
	c.urn = urn;
	c.participants = p;
	c.nparticipants = 2;
	c.last_ms = last;
	c.unread = unread;
	c.read = unread == 0;
	c.categories = MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX;
	c.last_text = "hello";
	c.last_sender_urn = SARAH;
	model_put_conversation(m, &c);
}

Test(model, inbox_is_ordered_by_last_activity_newest_first)
{
	struct model *m = model_new();
	struct model_inbox in;

	put_conv(m, "c:old", 100, 0);
	put_conv(m, "c:new", 300, 1);
	put_conv(m, "c:mid", 200, 0);
	model_inbox_snapshot(m, 0, &in);
	cr_assert_eq(in.n, 3);
	cr_assert_str_eq(in.rows[0].urn, "c:new");
	cr_assert_str_eq(in.rows[1].urn, "c:mid");
	cr_assert_str_eq(in.rows[2].urn, "c:old");
	cr_assert_eq(in.rows[0].unread, 1);
	model_inbox_release(&in);
	model_free(m);
}

Test(model, new_message_moves_conversation_to_the_top_with_preview)
{
	struct model *m = model_new();
	struct model_inbox in;
	struct model_msg v = msg("m:1", ME, "my reply", 500);

	model_set_me(m, ME);
	put_conv(m, "c:a", 100, 0);
	put_conv(m, "c:b", 200, 0);
	model_merge_messages(m, "c:a", &v, 1);
	model_inbox_snapshot(m, 0, &in);
	cr_assert_str_eq(in.rows[0].urn, "c:a");
	cr_assert_str_eq(in.rows[0].preview, "my reply");
	cr_assert(in.rows[0].preview_mine);
	cr_assert_str_eq(in.rows[0].name, "Sarah");
	cr_assert_eq(in.rows[0].last_ms, 500);
	cr_assert_not(in.rows[1].preview_mine);
	model_inbox_release(&in);
	model_free(m);
}

Test(model, older_conversation_page_does_not_undo_newer_activity)
{
	struct model *m = model_new();
	struct model_msg v = msg("m:1", SARAH, "newest", 900);
	struct model_inbox in;

	put_conv(m, "c:a", 100, 0);
	model_merge_messages(m, "c:a", &v, 1);
	put_conv(m, "c:a", 100, 0);
	model_inbox_snapshot(m, 0, &in);
	cr_assert_eq(in.rows[0].last_ms, 900);
	cr_assert_str_eq(in.rows[0].preview, "newest");
	model_inbox_release(&in);
	model_free(m);
}

Test(model, overlapping_pages_merge_without_duplicates)
{
	struct model *m = model_new();
	struct model_msg p1[3] = {msg("m:3", SARAH, "three", 3),
	                          msg("m:2", SARAH, "two", 2),
	                          msg("m:1", SARAH, "one", 1)};
	struct model_msg p2[3] = {msg("m:2", SARAH, "two", 2),
	                          msg("m:1", SARAH, "one", 1),
	                          msg("m:0", SARAH, "zero", 0)};
	struct model_thread t;

	cr_assert_eq(model_merge_messages(m, "c:a", p1, 3), 3);
	cr_assert_eq(model_merge_messages(m, "c:a", p2, 3), 1);
	cr_assert_eq(model_message_count(m), 4);
	cr_assert_eq(model_thread_snapshot(m, "c:a", 0, &t), 0);
	cr_assert_eq(t.n, 4);
	cr_assert_str_eq(t.msgs[0].text, "zero");
	cr_assert_str_eq(t.msgs[3].text, "three");
	model_thread_release(&t);
	model_free(m);
}

Test(model, send_echo_replaces_the_pending_copy_by_origin_token)
{
	struct model *m = model_new();
	struct model_msg echo = msg("m:srv", ME, "hi there", 1005);
	struct model_thread t;

	model_set_me(m, ME);
	cr_assert_eq(model_add_pending(m, "c:a", "hi there", "tok-1", 1000), 0);
	model_thread_snapshot(m, "c:a", 0, &t);
	cr_assert_eq(t.n, 1);
	cr_assert_eq(t.msgs[0].state, MODEL_MSG_PENDING);
	cr_assert(t.msgs[0].mine);
	model_thread_release(&t);

	echo.origin_token = "tok-1";
	cr_assert_eq(model_merge_messages(m, "c:a", &echo, 1), 0);
	/* and the same message again from a later sync page */
	cr_assert_eq(model_merge_messages(m, "c:a", &echo, 1), 0);
	model_thread_snapshot(m, "c:a", 0, &t);
	cr_assert_eq(t.n, 1);
	cr_assert_str_eq(t.msgs[0].urn, "m:srv");
	cr_assert_eq(t.msgs[0].state, MODEL_MSG_SENT);
	cr_assert_eq(t.msgs[0].time_ms, 1005);
	model_thread_release(&t);
	model_free(m);
}

Test(model, pending_send_is_not_added_twice_for_one_origin_token)
{
	struct model *m = model_new();
	struct model_msg echo = msg("m:srv", ME, "hi", 10);

	echo.origin_token = "tok-1";
	model_merge_messages(m, "c:a", &echo, 1);
	cr_assert_eq(model_add_pending(m, "c:a", "hi", "tok-1", 20), -1);
	cr_assert_eq(model_add_pending(m, "c:a", "hi", "tok-2", 20), 0);
	cr_assert_eq(model_add_pending(m, "c:a", "hi", "tok-2", 20), -1);
	cr_assert_eq(model_message_count(m), 2);
	model_free(m);
}

Test(model, failed_send_keeps_its_text_until_discarded)
{
	struct model *m = model_new();
	struct model_msg out;

	model_add_pending(m, "c:a", "important", "tok-9", 5);
	cr_assert_eq(model_set_state_by_origin(m, "tok-9", MODEL_MSG_FAILED),
	             0);
	cr_assert_eq(model_get_message(m, NULL, "tok-9", &out), 0);
	cr_assert_eq(out.state, MODEL_MSG_FAILED);
	cr_assert_str_eq(out.text, "important");
	model_msg_clear(&out);
	cr_assert_eq(model_remove_by_origin(m, "tok-9"), 0);
	cr_assert_eq(model_get_message(m, NULL, "tok-9", &out), -1);
	cr_assert_eq(model_message_count(m), 0);
	model_free(m);
}

Test(model, edit_and_recall_change_state_and_text)
{
	struct model *m = model_new();
	struct model_msg v[2] = {msg("m:1", SARAH, "first", 1),
	                         msg("m:2", SARAH, "second", 2)};
	struct model_thread t;
	struct model_inbox in;

	model_merge_messages(m, "c:a", v, 2);
	cr_assert_eq(model_edit_message(m, "m:1", "first, fixed"), 0);
	cr_assert_eq(model_recall_message(m, "m:2"), 0);
	cr_assert_eq(model_edit_message(m, "m:404", "x"), -1);
	model_thread_snapshot(m, "c:a", 0, &t);
	cr_assert_str_eq(t.msgs[0].text, "first, fixed");
	cr_assert_eq(t.msgs[0].state, MODEL_MSG_EDITED);
	cr_assert_str_eq(t.msgs[1].text, "");
	cr_assert_eq(t.msgs[1].state, MODEL_MSG_RECALLED);
	model_thread_release(&t);
	model_inbox_snapshot(m, 0, &in);
	cr_assert_str_eq(in.rows[0].preview, "");
	model_inbox_release(&in);
	model_free(m);
}

Test(model, versions_tell_which_conversation_changed)
{
	struct model *m = model_new();
	struct model_msg v = msg("m:1", SARAH, "x", 1);
	uint64_t g0, a0, b0;

	put_conv(m, "c:a", 1, 0);
	put_conv(m, "c:b", 2, 0);
	g0 = model_version(m);
	a0 = model_conv_version(m, "c:a");
	b0 = model_conv_version(m, "c:b");
	model_merge_messages(m, "c:a", &v, 1);
	cr_assert_gt(model_version(m), g0);
	cr_assert_gt(model_conv_version(m, "c:a"), a0);
	cr_assert_eq(model_conv_version(m, "c:b"), b0);
	g0 = model_version(m);
	model_set_read(m, "c:b", 1);
	cr_assert_gt(model_conv_version(m, "c:b"), b0);
	cr_assert_gt(model_version(m), g0);
	cr_assert_eq(model_conv_version(m, "c:none"), 0);
	model_free(m);
}

Test(model, read_flag_and_draft_leave_the_thread_version_alone)
{
	struct model *m = model_new();
	struct model_msg v = msg("m:1", SARAH, "x", 1);
	struct model_thread t;
	uint64_t c0, t0;

	put_conv(m, "c:a", 1, 0);
	model_merge_messages(m, "c:a", &v, 1);
	c0 = model_conv_version(m, "c:a");
	t0 = model_thread_version(m, "c:a");
	cr_assert_gt(t0, 0);
	cr_assert_eq(model_thread_snapshot(m, "c:a", 0, &t), 0);
	cr_assert_eq(t.version, t0);
	model_thread_release(&t);
	model_set_read(m, "c:a", 1);
	model_set_draft(m, "c:a", "half a thought");
	cr_assert_gt(model_conv_version(m, "c:a"), c0);
	cr_assert_eq(model_thread_version(m, "c:a"), t0);
	v = msg("m:2", SARAH, "y", 2);
	model_merge_messages(m, "c:a", &v, 1);
	cr_assert_gt(model_thread_version(m, "c:a"), t0);
	model_free(m);
}

Test(model, sync_state_and_profiles_leave_the_inbox_version_alone)
{
	struct model *m = model_new();
	struct model_sync s;
	struct model_profile p;
	struct model_inbox in;
	uint64_t g0, i0;

	put_conv(m, "c:a", 1, 1);
	g0 = model_version(m);
	i0 = model_inbox_version(m);
	model_inbox_snapshot(m, 0, &in);
	cr_assert_eq(in.version, i0);
	model_inbox_release(&in);
	memset(&s, 0, sizeof(s));
	s.syncing = 1;
	model_set_sync(m, &s);
	memset(&p, 0, sizeof(p));
	p.urn = SARAH;
	p.first_name = "Sarah";
	model_put_profile(m, &p);
	cr_assert_gt(model_version(m), g0);
	cr_assert_eq(model_inbox_version(m), i0);
	model_set_read(m, "c:a", 1);
	cr_assert_gt(model_inbox_version(m), i0);
	model_free(m);
}

Test(model, snapshot_is_a_copy_unaffected_by_later_changes)
{
	struct model *m = model_new();
	struct model_msg v = msg("m:1", SARAH, "before", 1);
	struct model_thread t;
	struct model_inbox in;

	model_merge_messages(m, "c:a", &v, 1);
	model_thread_snapshot(m, "c:a", 0, &t);
	model_inbox_snapshot(m, 0, &in);
	model_edit_message(m, "m:1", "after");
	model_remove_conversation(m, "c:a");
	cr_assert_str_eq(t.msgs[0].text, "before");
	cr_assert_str_eq(in.rows[0].preview, "before");
	cr_assert_eq(model_conv_count(m), 0);
	cr_assert_eq(model_message_count(m), 0);
	model_thread_release(&t);
	model_inbox_release(&in);
	model_free(m);
}

Test(model, thread_snapshot_takes_the_newest_n_with_sender_names)
{
	struct model *m = model_new();
	struct model_msg v[3] = {msg("m:1", SARAH, "a", 1),
	                         msg("m:2", ME, "b", 2),
	                         msg("m:3", "urn:li:fsd_profile:X", "c", 3)};
	struct model_profile p;
	struct model_thread t;

	model_set_me(m, ME);
	put_conv(m, "c:a", 0, 0);
	memset(&p, 0, sizeof(p));
	p.urn = "urn:li:fsd_profile:X";
	p.first_name = "Xavier";
	model_put_profile(m, &p);
	model_merge_messages(m, "c:a", v, 3);
	cr_assert_eq(model_thread_snapshot(m, "c:a", 2, &t), 0);
	cr_assert_eq(t.n, 2);
	cr_assert_eq(t.total, 3);
	cr_assert_str_eq(t.msgs[0].sender_name, "Ada");
	cr_assert(t.msgs[0].mine);
	cr_assert_str_eq(t.msgs[1].sender_name, "Xavier");
	cr_assert_not(t.msgs[1].mine);
	model_thread_release(&t);
	cr_assert_eq(model_thread_snapshot(m, "c:zz", 0, &t), -1);
	cr_assert_eq(t.n, 0);
	model_free(m);
}

Test(model, read_flag_unread_total_draft_and_category_filter)
{
	struct model *m = model_new();
	struct model_inbox in;
	struct model_conv c;
	char *d;

	put_conv(m, "c:a", 1, 2);
	put_conv(m, "c:b", 2, 0);
	memset(&c, 0, sizeof(c));
	c.urn = "c:arch";
	c.read = 1;
	c.categories = MODEL_CAT_ARCHIVE;
	model_put_conversation(m, &c);
	cr_assert_eq(model_unread_total(m), 1);
	model_set_read(m, "c:a", 1);
	cr_assert_eq(model_unread_total(m), 0);
	model_set_read(m, "c:b", 0);
	cr_assert_eq(model_unread_total(m), 1);
	cr_assert_eq(model_set_draft(m, "c:b", "half a thought"), 0);
	model_inbox_snapshot(m, model_category_bit("PRIMARY_INBOX"), &in);
	cr_assert_eq(in.n, 2);
	cr_assert_str_eq(in.rows[0].urn, "c:b");
	cr_assert(in.rows[0].draft);
	cr_assert_not(in.rows[0].read);
	cr_assert_not(in.rows[1].draft);
	model_inbox_release(&in);
	d = model_get_draft(m, "c:b");
	cr_assert_str_eq(d, "half a thought");
	free(d);
	model_set_draft(m, "c:b", "");
	cr_assert_null(model_get_draft(m, "c:b"));
	cr_assert_eq(model_category_bit("NOPE"), 0);
	model_free(m);
}

Test(model, profiles_invitations_search_and_status_round_trip)
{
	struct model *m = model_new();
	struct model_profile p, q;
	struct model_invitation inv[2], *iv;
	struct model_search_hit hit, *hv;
	struct model_sync s, s2;
	struct model_rate r, r2;
	char *query;

	memset(&p, 0, sizeof(p));
	p.urn = SARAH;
	p.first_name = "Sarah";
	p.headline = "Engineer";
	p.premium = 1;
	model_put_profile(m, &p);
	p.headline = "Staff engineer";
	model_put_profile(m, &p);
	cr_assert_eq(model_get_profile(m, SARAH, &q), 0);
	cr_assert_str_eq(q.headline, "Staff engineer");
	cr_assert_str_eq(q.summary, "");
	cr_assert(q.premium);
	model_profile_clear(&q);
	cr_assert_eq(model_get_profile(m, "nobody", &q), -1);

	memset(inv, 0, sizeof(inv));
	inv[0].urn = "inv:1";
	inv[0].from_name = "Grace";
	inv[1].urn = "inv:2";
	model_set_invitations(m, inv, 2);
	cr_assert_eq(model_remove_invitation(m, "inv:1"), 0);
	cr_assert_eq(model_invitations(m, &iv), 1);
	cr_assert_str_eq(iv[0].urn, "inv:2");
	model_invitations_free(iv, 1);

	memset(&hit, 0, sizeof(hit));
	hit.name = "Grace Hopper";
	model_set_search(m, "grace", &hit, 1);
	cr_assert_eq(model_search(m, &query, &hv), 1);
	cr_assert_str_eq(query, "grace");
	cr_assert_str_eq(hv[0].name, "Grace Hopper");
	free(query);
	model_search_free(hv, 1);

	memset(&s, 0, sizeof(s));
	s.syncing = 1;
	s.session_expired = 1;
	snprintf(s.last_error, sizeof(s.last_error), "Session expired");
	model_set_sync(m, &s);
	model_get_sync(m, &s2);
	cr_assert_eq(s2.syncing, 1);
	cr_assert_str_eq(s2.last_error, "Session expired");
	memset(&r, 0, sizeof(r));
	r.limited = 1;
	r.until_ms = 42;
	model_set_rate(m, &r);
	model_get_rate(m, &r2);
	cr_assert_eq(r2.until_ms, 42);
	model_free(m);
}

/* A reader hammers the model with snapshots while a writer merges; run
 * under ThreadSanitizer by `make tsan`. */
struct hammer {
	struct model *m;
	int stop;
	pthread_mutex_t mu;
};

static void *
reader(void *arg)
{
	struct hammer *h = arg;
	struct model_inbox in;
	struct model_thread t;
	int stop = 0, rounds = 0;

	while (!stop || rounds < 10) {
		model_inbox_snapshot(h->m, 0, &in);
		if (in.n > 0) {
			model_thread_snapshot(h->m, in.rows[0].urn, 20, &t);
			model_thread_release(&t);
		}
		model_inbox_release(&in);
		(void)model_version(h->m);
		pthread_mutex_lock(&h->mu);
		stop = h->stop;
		pthread_mutex_unlock(&h->mu);
		rounds++;
	}
	return NULL;
}

Test(model, reader_snapshots_while_writer_merges)
{
	struct hammer h = {model_new(), 0, PTHREAD_MUTEX_INITIALIZER};
	pthread_t th;
	char urn[64], conv[32];
	int i;

	pthread_create(&th, NULL, reader, &h);
	for (i = 0; i < 3000; i++) {
		struct model_msg v;

		snprintf(urn, sizeof(urn), "m:%d", i);
		snprintf(conv, sizeof(conv), "c:%d", i % 17);
		v = msg(urn, SARAH, "text", i);
		model_merge_messages(h.m, conv, &v, 1);
		if (i % 100 == 0)
			model_set_read(h.m, conv, 1);
	}
	pthread_mutex_lock(&h.mu);
	h.stop = 1;
	pthread_mutex_unlock(&h.mu);
	pthread_join(th, NULL);
	cr_assert_eq(model_message_count(h.m), 3000);
	cr_assert_eq(model_conv_count(h.m), 17);
	model_free(h.m);
}

Test(model, a_request_result_is_held_under_its_ticket)
{
	struct model *m = model_new();
	uint64_t v = model_version(m), i;
	char *text = NULL;
	int code = -1;

	cr_assert_eq(model_get_result(m, 7, &code, &text), -1);
	model_set_result(m, 7, 9, "Already invited.");
	cr_assert_gt(model_version(m), v);
	cr_assert_eq(model_get_result(m, 7, &code, &text), 0);
	cr_assert_eq(code, 9);
	cr_assert_str_eq(text, "Already invited.");
	free(text);
	cr_assert_eq(model_get_result(m, 8, &code, &text), -1,
	             "another ticket");
	model_set_result(m, 0, 0, NULL);
	cr_assert_eq(model_get_result(m, 0, &code, &text), -1,
	             "0 is no ticket");
	model_set_result(m, 7, 0, NULL);
	cr_assert_eq(model_get_result(m, 7, &code, &text), 0);
	cr_assert_eq(code, 0);
	cr_assert_null(text);
	/* many newer outcomes: the oldest goes, the newest stays */
	for (i = 100; i < 200; i++)
		model_set_result(m, i, 0, "done");
	cr_assert_eq(model_get_result(m, 7, &code, &text), -1);
	cr_assert_eq(model_get_result(m, 199, &code, &text), 0);
	cr_assert_str_eq(text, "done");
	free(text);
	model_free(m);
}

Test(model, a_placeholder_names_the_conversation_it_moved_to)
{
	struct model *m = model_new();
	uint64_t v = model_version(m);
	char *real;

	cr_assert_null(model_get_moved(m, "urn:li:placeholder:x"));
	model_set_moved(m, "urn:li:placeholder:x", "urn:li:msg_conversation:1");
	cr_assert_gt(model_version(m), v);
	real = model_get_moved(m, "urn:li:placeholder:x");
	cr_assert_str_eq(real, "urn:li:msg_conversation:1");
	free(real);
	model_free(m);
}

Test(model, stored_messages_fill_in_around_what_is_held_without_replacing_it)
{
	struct model *m = model_new();
	struct model_msg held = msg("m:3", SARAH, "edited since", 30);
	struct model_msg stored[3] = {msg("m:1", SARAH, "one", 10),
	                              msg("m:2", ME, "two", 20),
	                              msg("m:3", SARAH, "as stored", 30)};
	struct model_thread t;
	uint64_t v;

	put_conv(m, "c:a", 30, 0);
	model_merge_messages(m, "c:a", &held, 1);
	v = model_thread_version(m, "c:a");
	cr_assert_eq(model_add_stored(m, "c:a", stored, 3), 2);
	cr_assert_gt(model_thread_version(m, "c:a"), v);
	cr_assert_eq(model_thread_snapshot(m, "c:a", 0, &t), 0);
	cr_assert_eq(t.n, 3);
	cr_assert_str_eq(t.msgs[0].text, "one");
	cr_assert_str_eq(t.msgs[2].text, "edited since");
	model_thread_release(&t);
	/* nothing new: nothing moves */
	v = model_version(m);
	cr_assert_eq(model_add_stored(m, "c:a", stored, 3), 0);
	cr_assert_eq(model_version(m), v);
	/* an unknown conversation is not made up */
	cr_assert_eq(model_add_stored(m, "c:gone", stored, 3), 0);
	cr_assert_eq(model_conv_count(m), 1);
	model_free(m);
}

Test(model, oldest_held_message_time_is_known_without_a_copy)
{
	struct model *m = model_new();
	struct model_msg v[2] = {msg("m:2", SARAH, "two", 20),
	                         msg("m:1", SARAH, "one", 10)};
	int64_t ms = 0;

	put_conv(m, "c:a", 20, 0);
	cr_assert_eq(model_thread_oldest(m, "c:a", &ms), -1);
	cr_assert_eq(model_thread_oldest(m, "c:zz", &ms), -1);
	model_merge_messages(m, "c:a", v, 2);
	cr_assert_eq(model_thread_oldest(m, "c:a", &ms), 0);
	cr_assert_eq(ms, 10);
	model_free(m);
}

Test(model, reacting_counts_up_and_marks_the_reaction_yours_at_once)
{
	struct model *m = model_new();
	struct model_msg v = msg("m:1", SARAH, "hi", 100), got;
	uint64_t before;

	v.reactions = "\xf0\x9f\x91\x8d 2";
	model_merge_messages(m, "c:a", &v, 1);
	before = model_thread_version(m, "c:a");
	cr_assert_eq(model_react(m, "m:1", "\xf0\x9f\x91\x8d", 1), 0);
	cr_assert_gt(model_thread_version(m, "c:a"), before);
	cr_assert_eq(model_get_message(m, "m:1", NULL, &got), 0);
	cr_assert_str_eq(got.reactions, "\xf0\x9f\x91\x8d 3");
	cr_assert_str_eq(got.my_reactions, "\xf0\x9f\x91\x8d");
	cr_assert_str_eq(got.text, "hi", "the rest of the message is kept");
	model_msg_clear(&got);
	cr_assert_eq(model_react(m, "m:1", "\xf0\x9f\x91\x8d", 1), -1,
	             "already yours: nothing to change");
	model_free(m);
}

Test(model, taking_a_reaction_back_counts_down_and_drops_it_at_zero)
{
	struct model *m = model_new();
	struct model_msg v = msg("m:1", SARAH, "hi", 100), got;

	v.reactions = "\xf0\x9f\x91\x8d 2 \xf0\x9f\x8e\x89 1";
	v.my_reactions = "\xf0\x9f\x91\x8d \xf0\x9f\x8e\x89";
	model_merge_messages(m, "c:a", &v, 1);
	cr_assert_eq(model_react(m, "m:1", "\xf0\x9f\x8e\x89", 0), 0);
	cr_assert_eq(model_react(m, "m:1", "\xf0\x9f\x91\x8d", 0), 0);
	cr_assert_eq(model_get_message(m, "m:1", NULL, &got), 0);
	cr_assert_str_eq(got.reactions, "\xf0\x9f\x91\x8d 1");
	cr_assert_str_eq(got.my_reactions, "");
	model_msg_clear(&got);
	cr_assert_eq(model_react(m, "m:1", "\xf0\x9f\x91\x8d", 0), -1,
	             "not yours: nothing to take back");
	cr_assert_eq(model_react(m, "m:nope", "\xf0\x9f\x91\x8d", 1), -1);
	model_free(m);
}

Test(model, a_sync_without_my_reactions_keeps_them_and_an_empty_one_clears)
{
	struct model *m = model_new();
	struct model_msg v = msg("m:1", SARAH, "hi", 100), got;

	v.reactions = "\xf0\x9f\x91\x8d 1";
	v.my_reactions = "\xf0\x9f\x91\x8d";
	model_merge_messages(m, "c:a", &v, 1);
	v.my_reactions = NULL;
	v.text = "hi again";
	model_merge_messages(m, "c:a", &v, 1);
	cr_assert_eq(model_get_message(m, "m:1", NULL, &got), 0);
	cr_assert_str_eq(got.my_reactions, "\xf0\x9f\x91\x8d");
	model_msg_clear(&got);
	v.reactions = "";
	v.my_reactions = "";
	model_merge_messages(m, "c:a", &v, 1);
	cr_assert_eq(model_get_message(m, "m:1", NULL, &got), 0);
	cr_assert_str_eq(got.reactions, "");
	cr_assert_str_eq(got.my_reactions, "");
	model_msg_clear(&got);
	model_free(m);
}
