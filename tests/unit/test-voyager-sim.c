/* test-voyager-sim.c — every core/voyager call against the simulator.
 *
 * Starts tests/sim's voyager-sim (through simclient.h) on port 0, imports
 * the pre-minted demo cookies of docs/simulator.md, and checks answers
 * through the typed results and, for writes, through what the simulator
 * then serves back.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "core/err.h"
#include "core/http.h"
#include "tests/sim/sim-demo.h"
#include "tests/sim/simclient.h"
#include "core/voyager-invite.h"
#include "core/voyager-msg.h"
#include "core/voyager-profile.h"
#include "core/voyager-search.h"
#include "core/voyager-send.h"
#include "core/voyager.h"
#include "core/xmalloc.h"

struct world {
	struct sim *sim;
	struct http_session *h;
	struct voyager_ctx ctx;
};

static void
world_up(struct world *w, const char *const *args)
{
	struct http_config cfg;
	struct lc_error err;
	struct voyager_me me;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	memset(w, 0, sizeof *w);
	w->sim = sim_start(args);
	cr_assert_not_null(w->sim, "the simulator did not start");
	memset(&cfg, 0, sizeof cfg);
	cfg.base_url = sim_base_url(w->sim);
	cfg.max_retries = 2;
	cfg.rate_per_sec = 1000;
	cfg.rate_burst = 1000;
	cfg.rate_per_hour = 100000;
	cfg.backoff_base_ms = 2;
	cfg.backoff_max_ms = 10;
	lc_error_clear(&err);
	w->h = http_session_new(&cfg, &err);
	cr_assert_not_null(w->h, "%s", err.msg);
	http_cookie_set(w->h, "li_at", SIM_DEMO_LI_AT);
	http_cookie_set(w->h, "JSESSIONID", SIM_DEMO_JSESSIONID);
	voyager_ctx_init(&w->ctx, w->h);
	w->ctx.send_backoff_ms = 1;
	cr_assert_eq(voyager_me(&w->ctx, &me, &err), LC_OK, "%s", err.msg);
	cr_assert_str_eq(me.urn_id, SIM_DEMO_PROFILE_ID);
	voyager_me_free(&me);
}

static void
world_down(struct world *w)
{
	http_session_free(w->h);
	sim_stop(w->sim);
}

/* The newest conversation's URN (caller frees). */
static char *
first_conversation(struct world *w)
{
	struct voyager_conv_page p;
	struct lc_error err;
	char *urn;

	lc_error_clear(&err);
	cr_assert_eq(voyager_conversations(&w->ctx, &p, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_gt(p.n, 0);
	urn = xstrdup(p.items[0].urn);
	voyager_conv_page_free(&p);
	return urn;
}

static size_t
count_token(struct world *w, const char *conv, const char *token)
{
	struct voyager_msg_page p;
	size_t i, n = 0;

	cr_assert_eq(voyager_messages(&w->ctx, conv, NULL, &p, NULL), LC_OK);
	for (i = 0; i < p.n; i++)
		if (p.items[i].origin_token != NULL &&
		    strcmp(p.items[i].origin_token, token) == 0)
			n++;
	voyager_msg_page_free(&p);
	return n;
}

Test(voyager_sim, me_and_inbox_and_thread)
{
	struct world w;
	struct voyager_conv_page p;
	struct voyager_msg_page m;
	struct lc_error err;
	size_t i;

	world_up(&w, NULL);
	cr_assert_eq(voyager_conversations(&w.ctx, &p, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_gt(p.n, 0);
	cr_assert_not_null(p.new_sync_token);
	for (i = 1; i < p.n; i++)
		cr_assert_geq(p.items[i - 1].last_activity_at,
		              p.items[i].last_activity_at);
	cr_assert_not_null(p.items[0].thread_id);
	cr_assert_eq(voyager_messages(&w.ctx, p.items[0].urn, NULL, &m, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_gt(m.n, 0);
	for (i = 1; i < m.n; i++)
		cr_assert_leq(m.items[i - 1].delivered_at,
		              m.items[i].delivered_at);
	if (m.n > 0) {
		struct voyager_msg_page older;

		cr_assert_eq(voyager_messages_before(&w.ctx, p.items[0].urn,
		                                     m.items[0].delivered_at,
		                                     10, &older, &err),
		             LC_OK, "%s", err.msg);
		for (i = 0; i < older.n; i++)
			cr_assert_lt(older.items[i].delivered_at,
			             m.items[0].delivered_at);
		voyager_msg_page_free(&older);
	}
	voyager_msg_page_free(&m);
	voyager_conv_page_free(&p);
	world_down(&w);
}

Test(voyager_sim, sync_token_delta_after_load)
{
	struct world w;
	struct voyager_conv_page p, d;
	struct lc_error err;

	world_up(&w, NULL);
	cr_assert_eq(voyager_conversations(&w.ctx, &p, NULL), LC_OK);
	cr_assert_not_null(p.new_sync_token);
	cr_assert_eq(
	    voyager_conversations_since(&w.ctx, p.new_sync_token, &d, &err),
	    LC_OK, "%s", err.msg);
	cr_assert_not_null(d.new_sync_token);
	voyager_conv_page_free(&d);
	voyager_conv_page_free(&p);
	world_down(&w);
}

Test(voyager_sim, unread_filter_and_paging_to_the_end)
{
	struct world w;
	struct voyager_conv_filter f = {NULL, 0, NULL, NULL, 25};
	struct voyager_conv_page p;
	struct lc_error err;
	size_t i;

	world_up(&w, NULL);
	cr_assert_eq(voyager_conversations_collect(&w.ctx, &f, 1000, &p, &err),
	             LC_OK, "%s", err.msg);
	for (i = 0; i < p.n; i++)
		cr_assert_eq(p.items[i].read, 0);
	voyager_conv_page_free(&p);
	f.read = -1;
	cr_assert_eq(voyager_conversations_collect(&w.ctx, &f, 1000, &p, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_gt(p.n, 0);
	voyager_conv_page_free(&p);
	cr_assert_eq(voyager_conversations_category(&w.ctx, "PRIMARY_INBOX", 0,
	                                            NULL, 10, &p, &err),
	             LC_OK, "%s", err.msg);
	voyager_conv_page_free(&p);
	world_down(&w);
}

Test(voyager_sim, reply_lands_once_even_when_the_answer_is_lost)
{
	struct world w;
	struct voyager_send s;
	struct voyager_message m;
	struct lc_error err;
	char token[37], *conv, *r;

	world_up(&w, NULL);
	conv = first_conversation(&w);
	r = sim_post(w.sim, "/__sim/fault",
	             "{\"next\":1,\"fault\":\"500\","
	             "\"endpoint\":\"create_message\"}");
	free(r);
	voyager_origin_token(token);
	memset(&s, 0, sizeof s);
	s.conversation_urn = conv;
	s.text = "exactly once, please";
	s.origin_token = token;
	lc_error_clear(&err);
	cr_assert_eq(voyager_send_once(&w.ctx, &s, &m, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_str_eq(m.origin_token, token);
	cr_assert_eq(count_token(&w, conv, token), 1);
	cr_assert_eq(sim_sent_with(w.sim, "origin_token", token), 1);
	cr_assert_eq(sim_requests(w.sim, "create_message"), 1,
	             "found by its token: not sent again");
	voyager_message_free(&m);
	free(conv);
	world_down(&w);
}

Test(voyager_sim, reply_after_429_is_sent_once)
{
	struct world w;
	struct voyager_send s;
	struct voyager_message m;
	struct lc_error err;
	char token[37], *conv, *r;

	world_up(&w, NULL);
	conv = first_conversation(&w);
	r = sim_post(w.sim, "/__sim/fault",
	             "{\"next\":1,\"fault\":\"429\","
	             "\"endpoint\":\"create_message\"}");
	free(r);
	voyager_origin_token(token);
	memset(&s, 0, sizeof s);
	s.conversation_urn = conv;
	s.text = "after the wall";
	s.origin_token = token;
	lc_error_clear(&err);
	cr_assert_eq(voyager_send_once(&w.ctx, &s, &m, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_eq(count_token(&w, conv, token), 1);
	cr_assert_eq(sim_sent_with(w.sim, "origin_token", token), 1);
	cr_assert_eq(sim_requests(w.sim, "create_message"), 2);
	cr_assert_eq(sim_requests(w.sim, "messages"), 1,
	             "429 is not processed: no lookup, only the final count");
	voyager_message_free(&m);
	free(conv);
	world_down(&w);
}

static const char *const *
urns_m(const struct voyager_message *m)
{
	static const char *one[1];

	one[0] = m->urn;
	return one;
}

Test(voyager_sim, new_conversation_mark_read_and_actions)
{
	struct world w;
	struct voyager_send s;
	struct voyager_message m;
	struct lc_error err;
	char token[37];
	const char *urns[1];

	world_up(&w, NULL);
	voyager_origin_token(token);
	memset(&s, 0, sizeof s);
	s.recipient = SIM_GRACE_PUBLIC_ID;
	s.text = "Hello Grace";
	s.origin_token = token;
	lc_error_clear(&err);
	cr_assert_eq(voyager_send_once(&w.ctx, &s, &m, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_not_null(m.conversation_urn);
	cr_assert_eq(sim_sent_with(w.sim, "origin_token", token), 1);
	urns[0] = m.conversation_urn;
	cr_assert_eq(voyager_mark_read(&w.ctx, urns, 1, 0, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_eq(voyager_mark_read(&w.ctx, urns, 1, 1, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_eq(voyager_typing(&w.ctx, m.conversation_urn, &err), LC_OK,
	             "%s", err.msg);
	cr_assert_eq(voyager_react(&w.ctx, m.urn, "👍", 1, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_eq(voyager_react(&w.ctx, m.urn, "👍", 0, &err), LC_OK, "%s",
	             err.msg);
	cr_assert_eq(voyager_edit(&w.ctx, m.urn, "Hello, Grace", &err), LC_OK,
	             "%s", err.msg);
	cr_assert_eq(voyager_recall(&w.ctx, m.urn, &err), LC_OK, "%s", err.msg);
	cr_assert_eq(voyager_ack_delivery(&w.ctx, urns_m(&m), 1, &err), LC_OK,
	             "%s", err.msg);
	cr_assert_eq(
	    voyager_conversation_delete(&w.ctx, m.conversation_urn, &err),
	    LC_OK, "%s", err.msg);
	cr_assert_eq(sim_requests(w.sim, "mark_read"), 2);
	cr_assert_eq(sim_requests(w.sim, "typing"), 1);
	cr_assert_eq(sim_requests(w.sim, "react"), 1);
	cr_assert_eq(sim_requests(w.sim, "unreact"), 1);
	cr_assert_eq(sim_requests(w.sim, "edit_message"), 1);
	cr_assert_eq(sim_requests(w.sim, "recall"), 1);
	cr_assert_eq(sim_requests(w.sim, "delivery_ack"), 1);
	cr_assert_eq(sim_requests(w.sim, "delete_conversation"), 1);
	voyager_message_free(&m);
	world_down(&w);
}

Test(voyager_sim, profiles_search_and_invitations)
{
	struct world w;
	struct voyager_profile p;
	struct voyager_search_page sp;
	struct voyager_invitation_page ip;
	struct lc_error err;
	char *inv = NULL;

	world_up(&w, NULL);
	lc_error_clear(&err);
	cr_assert_eq(voyager_profile(&w.ctx, SIM_GRACE_PUBLIC_ID, &p, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_str_eq(p.urn_id, SIM_GRACE_PROFILE_ID);
	voyager_profile_free(&p);
	cr_assert_eq(voyager_profile(&w.ctx, "no-such-person-xyz", &p, &err),
	             LC_ENOTFOUND);
	cr_assert_eq(voyager_search_people(&w.ctx, "Grace", 0, &sp, &err),
	             LC_OK, "%s", err.msg);
	voyager_search_page_free(&sp);
	cr_assert_eq(voyager_invitations(&w.ctx, 0, 20, &ip, &err), LC_OK, "%s",
	             err.msg);
	if (ip.n > 0)
		cr_assert_eq(voyager_invitation_reply(&w.ctx, ip.items[0].id,
		                                      NULL, 1, &err),
		             LC_OK, "%s", err.msg);
	voyager_invitation_page_free(&ip);
	cr_assert_eq(voyager_connect(&w.ctx, SIM_GRACE_PUBLIC_ID, "Hi Grace",
	                             &inv, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_not_null(inv);
	free(inv);
	cr_assert_eq(voyager_connect(&w.ctx, SIM_GRACE_PUBLIC_ID, "Hi again",
	                             NULL, &err),
	             LC_ECONFLICT, "%s", err.msg);
	cr_assert_eq(sim_requests(w.sim, "add_connection"), 2);
	world_down(&w);
}

Test(voyager_sim, every_post_fault_on_send_still_stores_exactly_once)
{
	static const char *const kinds[] = {
	    "reset", "truncated", "malformed", "empty", "503", "999", "slow"};
	struct world w;
	struct voyager_send s;
	struct voyager_message m;
	struct lc_error err;
	char token[37], body[160], *conv, *r;
	size_t i;

	world_up(&w, NULL);
	conv = first_conversation(&w);
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		snprintf(body, sizeof body,
		         "{\"next\":1,\"fault\":\"%s\","
		         "\"endpoint\":\"create_message\"}",
		         kinds[i]);
		r = sim_post(w.sim, "/__sim/fault", body);
		cr_assert_not_null(r, "fault %s", kinds[i]);
		free(r);
		voyager_origin_token(token);
		memset(&s, 0, sizeof s);
		s.conversation_urn = conv;
		s.text = kinds[i];
		s.origin_token = token;
		lc_error_clear(&err);
		cr_assert_eq(voyager_send_once(&w.ctx, &s, &m, &err), LC_OK,
		             "%s: %s", kinds[i], err.msg);
		cr_assert_str_eq(m.origin_token, token, "%s", kinds[i]);
		cr_assert_eq(sim_sent_with(w.sim, "origin_token", token), 1,
		             "%s", kinds[i]);
		voyager_message_free(&m);
	}
	free(conv);
	world_down(&w);
}

static long
state_number(struct world *w, const char *obj, const char *key)
{
	struct json_object *st = sim_state_json(w->sim), *o, *v;
	long n = -1;

	if (json_object_object_get_ex(st, obj, &o) &&
	    json_object_object_get_ex(o, key, &v))
		n = (long)json_object_get_int64(v);
	json_object_put(st);
	return n;
}

Test(voyager_sim, a_250_conversation_inbox_pages_to_the_end)
{
	const char *const args[] = {"--conversations", "250", NULL};
	struct voyager_conv_filter f = {"INBOX", -1, NULL, NULL, 25};
	struct voyager_conv_page p;
	struct lc_error err;
	struct world w;
	size_t i;

	world_up(&w, args);
	lc_error_clear(&err);
	cr_assert_eq(voyager_conversations_collect(&w.ctx, &f, 1000, &p, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_eq((long)p.n, state_number(&w, "conversations", "INBOX"));
	for (i = 1; i < p.n; i++) {
		cr_assert_geq(p.items[i - 1].last_activity_at,
		              p.items[i].last_activity_at);
		cr_assert_str_neq(p.items[i - 1].urn, p.items[i].urn);
	}
	voyager_conv_page_free(&p);
	f.category = NULL;
	f.read = 0;
	cr_assert_eq(voyager_conversations_collect(&w.ctx, &f, 1000, &p, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_gt(p.n, 0);
	for (i = 0; i < p.n; i++)
		cr_assert_eq(p.items[i].read, 0);
	voyager_conv_page_free(&p);
	world_down(&w);
}

Test(voyager_sim, expired_session_is_an_auth_error)
{
	struct voyager_conv_page p;
	struct lc_error err;
	struct world w;
	char *r;

	world_up(&w, NULL);
	r = sim_post(w.sim, "/__sim/expire", "{}");
	free(r);
	lc_error_clear(&err);
	cr_assert_eq(voyager_conversations(&w.ctx, &p, &err), LC_EAUTH, "%s",
	             err.msg);
	world_down(&w);
}

Test(voyager_sim, incoming_message_shows_up_in_the_sync_delta)
{
	struct voyager_conv_page p, d;
	struct lc_error err;
	struct world w;
	char *r, body[300];
	size_t i;
	int seen = 0;

	world_up(&w, NULL);
	cr_assert_eq(voyager_conversations(&w.ctx, &p, NULL), LC_OK);
	snprintf(body, sizeof body,
	         "{\"conversation_urn\":\"%s\","
	         "\"text\":\"ping from the sim\"}",
	         p.items[p.n - 1].urn);
	r = sim_post(w.sim, "/__sim/incoming", body);
	cr_assert_not_null(r);
	free(r);
	lc_error_clear(&err);
	cr_assert_eq(
	    voyager_conversations_since(&w.ctx, p.new_sync_token, &d, &err),
	    LC_OK, "%s", err.msg);
	for (i = 0; i < d.n; i++) {
		if (strcmp(d.items[i].urn, p.items[p.n - 1].urn) == 0) {
			seen = 1;
			cr_assert_eq(d.items[i].read, 0);
			cr_assert_not_null(d.items[i].last_message);
			cr_assert_str_eq(d.items[i].last_message->text,
			                 "ping from the sim");
			cr_assert_eq(d.items[i].last_message->is_from_me, 0);
		}
	}
	cr_assert(seen, "the changed conversation is in the delta");
	voyager_conv_page_free(&d);
	voyager_conv_page_free(&p);
	world_down(&w);
}

Test(voyager_sim, counts_keywords_category_cursor_and_message_sync)
{
	struct voyager_conv_filter f = {NULL, -1, "Grace", NULL, 25};
	struct voyager_conv_page p, q;
	struct voyager_msg_page m, d;
	struct voyager_counts c;
	struct voyager_profile pr;
	struct lc_error err;
	struct world w;
	size_t i;
	long unread = -1;

	world_up(&w, NULL);
	lc_error_clear(&err);
	cr_assert_eq(voyager_mailbox_counts(&w.ctx, &c, &err), LC_OK, "%s",
	             err.msg);
	for (i = 0; i < c.n; i++)
		if (strcmp(c.items[i].category, "PRIMARY_INBOX") == 0)
			unread = c.items[i].unread;
	cr_assert_geq(unread, 0);
	voyager_counts_free(&c);

	cr_assert_eq(voyager_conversations_search(&w.ctx, &f, &p, &err), LC_OK,
	             "%s", err.msg);
	cr_assert_gt(p.n, 0, "conversation 0 is with Grace");
	voyager_conv_page_free(&p);

	cr_assert_eq(voyager_conversations_category(&w.ctx, "INBOX", 0, NULL, 5,
	                                            &p, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_eq(p.n, 5);
	cr_assert_not_null(p.next_cursor);
	cr_assert_eq(voyager_conversations_category(&w.ctx, "INBOX", 0,
	                                            p.next_cursor, 5, &q, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_gt(q.n, 0);
	cr_assert_leq(q.items[0].last_activity_at,
	              p.items[p.n - 1].last_activity_at);
	cr_assert_str_neq(q.items[0].urn, p.items[p.n - 1].urn);
	voyager_conv_page_free(&q);

	cr_assert_eq(voyager_messages(&w.ctx, p.items[0].urn, NULL, &m, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_not_null(m.new_sync_token);
	cr_assert_eq(voyager_messages(&w.ctx, p.items[0].urn, m.new_sync_token,
	                              &d, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_eq(d.n, 0, "nothing changed since the token");
	voyager_msg_page_free(&d);
	voyager_msg_page_free(&m);
	voyager_conv_page_free(&p);

	cr_assert_eq(voyager_profile(&w.ctx, SIM_BILL_PROFILE_ID, &pr, &err),
	             LC_OK, "%s", err.msg);
	cr_assert_str_eq(pr.public_id, SIM_BILL_PUBLIC_ID);
	voyager_profile_free(&pr);
	world_down(&w);
}
