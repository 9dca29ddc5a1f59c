/* The dialogs (profile, connect, invitations, new message, react,
 * delete) and the edit key, driven like test-loop.c: keys into tui_key(),
 * fake actions that record their calls, the model filled as the worker
 * would, and the screen's cells read back. */
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

TestSuite(dialogs, .init = dlgt_up, .fini = dlgt_down);

Test(dialogs, profile_dialog_shows_a_known_profile)
{
	char *s;

	tuitest_keys(t, "p");
	cr_assert_not_null(t->dlg);
	tuitest_type(t, "https://www.linkedin.com/in/dana-k/?trk=x");
	tuitest_keys(t, "Enter");
	cr_assert_eq(profiles, 1);
	cr_assert_str_eq(last_who, "dana-k");
	cr_assert(strstr(tuitest_screen_text(), "Looking up dana-k") != NULL,
	          "%s", tuitest_screen_text());
	profile_arrives("dana-k", DANA, "dana-k", "Dana", "Kim");
	s = tuitest_screen_text();
	cr_assert(strstr(s, "Dana Kim  [Premium]") != NULL, "%s", s);
	cr_assert(strstr(s, "Staff Engineer at Initech") != NULL, "%s", s);
	cr_assert(strstr(s, "Location: Lyon, France") != NULL, "%s", s);
	cr_assert(strstr(s, "Industry: Software") != NULL, "%s", s);
	cr_assert(strstr(s, "Distance: 2nd") != NULL, "%s", s);
	cr_assert(strstr(s, "https://media.example.com/dana.jpg") != NULL, "%s",
	          s);
	cr_assert(strstr(s, "Builds terminals") != NULL, "%s", s);
	cr_assert(strstr(s, "several lines") != NULL, "summary wrapped: %s", s);
	tuitest_keys(t, "Esc");
	cr_assert_null(t->dlg);
	cr_assert(strstr(tuitest_screen_text(), "Dana Kim") == NULL);
}

Test(dialogs, profile_lookup_failure_is_shown)
{
	tuitest_keys(t, "p");
	tuitest_type(t, "nobody-here");
	tuitest_keys(t, "Enter");
	result_arrives("profile:nobody-here", LC_ENOTFOUND, "No such profile.");
	cr_assert(strstr(tuitest_screen_text(),
	                 "Could not look up nobody-here") != NULL,
	          "%s", tuitest_screen_text());
	cr_assert(strstr(tuitest_screen_text(), "No such profile.") != NULL);
}

Test(dialogs, p_in_a_thread_looks_up_the_other_participant)
{
	tuitest_keys(t, "Enter p");
	cr_assert_eq(profiles, 1);
	cr_assert_str_eq(last_who, ALICE);
}

Test(dialogs, message_from_a_profile_opens_the_existing_conversation)
{
	tuitest_keys(t, "p");
	tuitest_type(t, "alice");
	tuitest_keys(t, "Enter");
	profile_arrives("alice", ALICE, "alice", "Alice", "Martin");
	tuitest_keys(t, "m");
	cr_assert_null(t->dlg);
	cr_assert_str_eq(t->thread.urn, C1);
	cr_assert_eq(t->focus, TUI_FOCUS_COMPOSE);
}

Test(dialogs, message_from_a_profile_to_a_stranger_sends_new)
{
	tuitest_keys(t, "p");
	tuitest_type(t, "dana-k");
	tuitest_keys(t, "Enter");
	profile_arrives("dana-k", DANA, "dana-k", "Dana", "Kim");
	tuitest_keys(t, "m");
	cr_assert(strstr(tuitest_screen_text(), "To: Dana Kim") != NULL, "%s",
	          tuitest_screen_text());
	tuitest_type(t, "hello Dana");
	tuitest_keys(t, "Enter");
	cr_assert_eq(news, 1);
	cr_assert_str_eq(last_urn, DANA);
	cr_assert_str_eq(last_text, "hello Dana");
	cr_assert(strlen(last_tok) >= 32, "an origin token: %s", last_tok);
	cr_assert_eq(sends, 0);
	cr_assert_null(t->dlg);
}

Test(dialogs, a_new_message_over_8000_characters_is_refused_and_kept)
{
	char *text = xmalloc(8002);

	memset(text, 'z', 8001);
	text[8001] = '\0';
	tuitest_keys(t, "p");
	tuitest_type(t, "dana-k");
	tuitest_keys(t, "Enter");
	profile_arrives("dana-k", DANA, "dana-k", "Dana", "Kim");
	tuitest_keys(t, "m");
	tuitest_type(t, text);
	tuitest_keys(t, "Enter");
	cr_assert_eq(news, 0);
	cr_assert_not_null(t->dlg, "the dialog stays open with the text");
	cr_assert(strstr(tuitest_screen_text(), "Not sent: 8001 characters") !=
	              NULL,
	          "%s", tuitest_screen_text());
	tuitest_keys(t, "BSpace Enter");
	cr_assert_eq(news, 1);
	cr_assert_eq(last_text[0], 'z');
	free(text);
}

Test(dialogs, connect_from_a_profile_is_prefilled)
{
	tuitest_keys(t, "p");
	tuitest_type(t, "dana-k");
	tuitest_keys(t, "Enter");
	profile_arrives("dana-k", DANA, "dana-k", "Dana", "Kim");
	tuitest_keys(t, "c");
	cr_assert(strstr(tuitest_screen_text(), "To: dana-k") != NULL, "%s",
	          tuitest_screen_text());
	tuitest_type(t, "hi");
	tuitest_keys(t, "Enter");
	cr_assert_eq(connects, 1);
	cr_assert_str_eq(last_who, "dana-k");
	cr_assert_str_eq(last_note, "hi");
}

Test(dialogs, connect_note_counts_and_refuses_past_300)
{
	char note[320];

	tuitest_keys(t, "c");
	tuitest_type(t, "https://www.linkedin.com/in/dana-k/");
	tuitest_keys(t, "Enter");
	tuitest_type(t, "Hello Dana");
	cr_assert(strstr(tuitest_screen_text(), "10/300") != NULL, "%s",
	          tuitest_screen_text());
	memset(note, 'x', 295);
	note[295] = '\0';
	tuitest_type(t, note);
	cr_assert(strstr(tuitest_screen_text(), "300/300") != NULL, "%s",
	          tuitest_screen_text());
	tuitest_type(t, "yz");
	cr_assert(strstr(tuitest_screen_text(), "300/300") != NULL);
	cr_assert(strstr(tuitest_screen_text(), "at most 300") != NULL, "%s",
	          tuitest_screen_text());
	tuitest_keys(t, "Enter");
	cr_assert_eq(connects, 1);
	cr_assert_str_eq(last_who, "dana-k");
	cr_assert_eq(strlen(last_note), 300);
	cr_assert(strncmp(last_note, "Hello Danax", 11) == 0);
	cr_assert(strstr(tuitest_screen_text(), "Sending the invitation") !=
	          NULL);
	result_arrives("connect:dana-k", LC_OK, NULL);
	cr_assert(strstr(tuitest_screen_text(), "Invitation sent to dana-k.") !=
	              NULL,
	          "%s", tuitest_screen_text());
}

Test(dialogs, connect_reports_already_invited_and_quota)
{
	tuitest_keys(t, "c");
	tuitest_type(t, "dana-k");
	tuitest_keys(t, "Enter Enter");
	cr_assert_eq(connects, 1);
	cr_assert_str_eq(last_note, "", "no note");
	result_arrives("connect:dana-k", LC_ECONFLICT, "Already invited.");
	cr_assert(strstr(tuitest_screen_text(),
	                 "Already invited or connected") != NULL,
	          "%s", tuitest_screen_text());
	tuitest_keys(t, "Esc c");
	tuitest_type(t, "bob");
	tuitest_keys(t, "Enter Enter");
	result_arrives("connect:bob", LC_EQUOTA, "Quota.");
	cr_assert(strstr(tuitest_screen_text(),
	                 "Weekly invitation limit reached") != NULL,
	          "%s", tuitest_screen_text());
}

Test(dialogs, invitations_accept_and_ignore_call_the_action)
{
	struct model_invitation v[2] = {
	    {"urn:li:fsd_invitation:1", "s1", DANA, "Dana Kim",
	     "Staff Engineer", "Let us connect!", ((int64_t)NOW - 7200) * 1000},
	    {"urn:li:fsd_invitation:2", "s2", BOB, "Eve Stone", "Recruiter", "",
	     ((int64_t)NOW - 86400 * 3) * 1000},
	};
	char *s;

	tuitest_keys(t, "I");
	cr_assert_eq(invites, 1, "the list is asked for again");
	cr_assert(strstr(tuitest_screen_text(), "Loading invitations") != NULL);
	model_set_invitations(m, v, 2);
	result_arrives("invitations:", LC_OK, NULL);
	s = tuitest_screen_text();
	cr_assert(strstr(s, "Dana Kim") != NULL, "%s", s);
	cr_assert(strstr(s, "Staff Engineer") != NULL, "%s", s);
	cr_assert(strstr(s, "Let us connect!") != NULL, "%s", s);
	cr_assert(strstr(s, "13:30") != NULL, "%s", s);
	cr_assert(strstr(s, "Eve Stone") != NULL, "%s", s);
	tuitest_keys(t, "a");
	cr_assert_eq(replies, 1);
	cr_assert_eq(last_accept, 1);
	cr_assert_str_eq(last_urn, "urn:li:fsd_invitation:1");
	tuitest_keys(t, "j x");
	cr_assert_eq(replies, 2);
	cr_assert_eq(last_accept, 0);
	cr_assert_str_eq(last_urn, "urn:li:fsd_invitation:2");
}

Test(dialogs, invitations_say_none_or_why_they_could_not_load)
{
	tuitest_keys(t, "I");
	result_arrives("invitations:", LC_OK, NULL);
	cr_assert(strstr(tuitest_screen_text(), "No pending invitations") !=
	              NULL,
	          "%s", tuitest_screen_text());
	tuitest_keys(t, "Esc I");
	cr_assert_eq(invites, 2);
	cr_assert(strstr(tuitest_screen_text(), "Loading invitations") != NULL,
	          "the old outcome is forgotten: %s", tuitest_screen_text());
	result_arrives("invitations:", LC_ENETWORK,
	               "The connection was reset.");
	cr_assert(strstr(tuitest_screen_text(),
	                 "Could not load the invitations") != NULL,
	          "%s", tuitest_screen_text());
	cr_assert(strstr(tuitest_screen_text(), "The connection was reset.") !=
	          NULL);
}

/* What the worker does when a people search worked. */
static void
hits_arrive(const char *query)
{
	struct model_search_hit v[2] = {
	    {DANA, "dana-k", "Dana Kim", "Staff Engineer", "Lyon, France",
	     "DISTANCE_2"},
	    {ALICE, "alice", "Alice Martin", "Designer", "", "DISTANCE_1"},
	};
	char *key = xasprintf("search:%s", query);

	model_set_search(m, query, v, 2);
	result_arrives(key, LC_OK, NULL);
	free(key);
}

Test(dialogs, a_name_in_the_profile_dialog_searches_people)
{
	char *s;

	tuitest_keys(t, "p");
	tuitest_type(t, "  dana kim ");
	tuitest_keys(t, "Enter");
	cr_assert_eq(searches, 1);
	cr_assert_eq(profiles, 0);
	cr_assert_str_eq(last_query, "dana kim");
	cr_assert(strstr(tuitest_screen_text(), "Searching for") != NULL, "%s",
	          tuitest_screen_text());
	hits_arrive("dana kim");
	s = tuitest_screen_text();
	cr_assert(strstr(s, "Dana Kim") != NULL, "%s", s);
	cr_assert(strstr(s, "2nd") != NULL, "distance as a person reads it: %s",
	          s);
	cr_assert(strstr(s, "Staff Engineer \xc2\xb7 Lyon, France") != NULL,
	          "%s", s);
	cr_assert(strstr(s, "Alice Martin") != NULL, "%s", s);
	cr_assert(strstr(s, "1st") != NULL, "%s", s);
	tuitest_keys(t, "j Enter");
	cr_assert_eq(profiles, 1, "Enter looks the selected one up");
	cr_assert_str_eq(last_who, "alice");
}

Test(dialogs, search_hits_lead_to_connect_and_message)
{
	tuitest_keys(t, "p");
	tuitest_type(t, "dana kim");
	tuitest_keys(t, "Enter");
	hits_arrive("dana kim");
	tuitest_keys(t, "c");
	cr_assert(strstr(tuitest_screen_text(), "dana-k") != NULL,
	          "the connect dialog is filled in: %s", tuitest_screen_text());
	tuitest_keys(t, "Esc p");
	tuitest_type(t, "dana kim");
	tuitest_keys(t, "Enter");
	hits_arrive("dana kim");
	tuitest_keys(t, "j m");
	cr_assert_null(t->dlg, "a known person's conversation opens");
	cr_assert_str_eq(t->thread.urn, C1);
}

Test(dialogs, a_failed_search_and_no_hits_are_said)
{
	tuitest_keys(t, "p");
	tuitest_type(t, "zz top");
	tuitest_keys(t, "Enter");
	result_arrives("search:zz top", LC_ERATE,
	               "LinkedIn is limiting requests.");
	cr_assert(strstr(tuitest_screen_text(), "Could not search") != NULL,
	          "%s", tuitest_screen_text());
	cr_assert(strstr(tuitest_screen_text(), "limiting requests") != NULL);
	tuitest_keys(t, "Esc p");
	tuitest_type(t, "zz top");
	tuitest_keys(t, "Enter");
	model_set_search(m, "zz top", NULL, 0);
	result_arrives("search:zz top", LC_OK, NULL);
	cr_assert(strstr(tuitest_screen_text(), "No one found") != NULL, "%s",
	          tuitest_screen_text());
	tuitest_keys(t, "Enter");
	cr_assert_eq(profiles, 0);
}

Test(dialogs, a_public_id_not_found_offers_a_search)
{
	tuitest_keys(t, "p");
	tuitest_type(t, "grace");
	tuitest_keys(t, "Enter");
	cr_assert_eq(profiles, 1);
	result_arrives("profile:grace", LC_ENOTFOUND, "No such profile.");
	cr_assert(strstr(tuitest_screen_text(),
	                 "s: search people named grace") != NULL,
	          "%s", tuitest_screen_text());
	tuitest_keys(t, "s");
	cr_assert_eq(searches, 1);
	cr_assert_str_eq(last_query, "grace");
}

Test(dialogs, n_starts_a_new_message_to_a_public_id)
{
	tuitest_keys(t, "n");
	cr_assert_not_null(t->dlg);
	tuitest_type(t, "linkedin.com/in/dana-k");
	tuitest_keys(t, "Enter");
	cr_assert_eq(profiles, 1);
	cr_assert_str_eq(last_who, "dana-k");
	cr_assert(strstr(tuitest_screen_text(), "looking up") != NULL, "%s",
	          tuitest_screen_text());
	tuitest_type(t, "hi there");
	tuitest_keys(t, "Enter");
	cr_assert_eq(news, 0, "not before the recipient is known");
	profile_arrives("dana-k", DANA, "dana-k", "Dana", "Kim");
	tuitest_keys(t, "Enter");
	cr_assert_eq(news, 1);
	cr_assert_str_eq(last_urn, DANA);
	cr_assert_str_eq(last_text, "hi there");
}

Test(dialogs, n_to_someone_known_opens_their_conversation)
{
	tuitest_keys(t, "n");
	tuitest_type(t, "bob-lee");
	tuitest_keys(t, "Enter");
	tuitest_type(t, "hey");
	profile_arrives("bob-lee", BOB, "bob-lee", "Bob", "Lee");
	cr_assert_null(t->dlg);
	cr_assert_str_eq(t->thread.urn, C2);
	cr_assert_str_eq(edit_text(t->compose.ed), "hey");
}

Test(dialogs, plus_reacts_to_the_selected_message)
{
	tuitest_keys(t, "Enter");
	cr_assert_eq(t->focus, TUI_FOCUS_THREAD);
	tuitest_keys(t, "+");
	cr_assert(strstr(tuitest_screen_text(), "\xf0\x9f\x91\x8d") != NULL);
	tuitest_keys(t, "j Enter");
	cr_assert_eq(reacts, 1);
	cr_assert_str_eq(last_urn, "urn:li:msg:3");
	cr_assert_str_eq(last_emoji, "\xe2\x9d\xa4\xef\xb8\x8f");
	cr_assert_eq(last_on, 1);
	cr_assert_null(t->dlg);
	cr_assert(strstr(tuitest_screen_text(),
	                 "[\xe2\x9d\xa4\xef\xb8\x8f 1]") != NULL,
	          "shown as yours at once: %s", tuitest_screen_text());
}

#define THUMB "\xf0\x9f\x91\x8d"

/* Alice's last message as a sync brings it: 👍 2, one of them the user's. */
static void
reactions_arrive(const char *summary, const char *mine)
{
	struct model_msg v;

	memset(&v, 0, sizeof v);
	v.urn = "urn:li:msg:3";
	v.reactions = summary;
	v.my_reactions = mine;
	v.time_ms = ((int64_t)NOW - 60) * 1000;
	model_merge_messages(m, C1, &v, 1);
	tui_model_changed(t);
	tui_draw(t);
}

Test(dialogs, the_thread_brackets_your_own_reactions)
{
	reactions_arrive(THUMB " 2 \xf0\x9f\x8e\x89 1", THUMB);
	tuitest_keys(t, "Enter");
	cr_assert(strstr(tuitest_screen_text(), "[" THUMB " 2]") != NULL, "%s",
	          tuitest_screen_text());
	cr_assert(strstr(tuitest_screen_text(), "[\xf0\x9f\x8e\x89") == NULL,
	          "not the user's");
}

Test(dialogs, plus_on_your_own_reaction_takes_it_back_at_once)
{
	reactions_arrive(THUMB " 2", THUMB);
	tuitest_keys(t, "Enter +");
	cr_assert(strstr(tuitest_screen_text(), "1 [" THUMB "]") != NULL,
	          "the menu marks yours: %s", tuitest_screen_text());
	cr_assert(strstr(tuitest_screen_text(), "take back") != NULL);
	tuitest_keys(t, "1");
	cr_assert_eq(reacts, 1);
	cr_assert_eq(last_on, 0, "picking yours takes it back");
	cr_assert_str_eq(last_urn, "urn:li:msg:3");
	cr_assert_str_eq(last_emoji, THUMB);
	cr_assert_null(t->dlg);
	cr_assert(strstr(tuitest_screen_text(), "Took back " THUMB) != NULL,
	          "%s", tuitest_screen_text());
	cr_assert(strstr(tuitest_screen_text(), "[" THUMB) == NULL,
	          "no longer shown as yours");
	cr_assert(strstr(tuitest_screen_text(), THUMB " 1") != NULL,
	          "counted down at once: %s", tuitest_screen_text());

	tuitest_keys(t, "+");
	cr_assert(strstr(tuitest_screen_text(), "1 [" THUMB "]") == NULL);
	tuitest_keys(t, "1");
	cr_assert_eq(reacts, 2);
	cr_assert_eq(last_on, 1, "not yours any more: reacts again");
	cr_assert(strstr(tuitest_screen_text(), "Reacted with " THUMB) != NULL);
	cr_assert(strstr(tuitest_screen_text(), "[" THUMB " 2]") != NULL, "%s",
	          tuitest_screen_text());
}

Test(dialogs, d_recalls_your_message_only_after_confirming)
{
	tuitest_keys(t, "Enter D");
	cr_assert_null(t->dlg, "not on someone else's message");
	cr_assert(strstr(tuitest_screen_text(), "only delete your own") !=
	          NULL);
	tuitest_keys(t, "k D");
	cr_assert(strstr(tuitest_screen_text(), "Delete this message") != NULL,
	          "%s", tuitest_screen_text());
	tuitest_keys(t, "n");
	cr_assert_eq(recalls, 0);
	tuitest_keys(t, "D y");
	cr_assert_eq(recalls, 1);
	cr_assert_str_eq(last_urn, "urn:li:msg:2");
}

Test(dialogs, e_edits_your_last_sent_message)
{
	tuitest_keys(t, "Enter e");
	cr_assert_eq(t->focus, TUI_FOCUS_COMPOSE);
	cr_assert_str_eq(edit_text(t->compose.ed), "Hi Alice!\nHow are you?");
	tuitest_type(t, " :)");
	tuitest_keys(t, "Enter");
	cr_assert_eq(edits, 1);
	cr_assert_eq(sends, 0, "an edit is not a new message");
	cr_assert_str_eq(last_urn, "urn:li:msg:2");
	cr_assert_str_eq(last_text, "Hi Alice!\nHow are you? :)");
	cr_assert_str_eq(edit_text(t->compose.ed), "");
	tuitest_type(t, "new one");
	tuitest_keys(t, "Enter");
	cr_assert_eq(sends, 1, "the next Enter sends again");
}

Test(dialogs, parse_who_takes_urls_and_ids)
{
	char *s;

	s = dlg_parse_who("  https://www.linkedin.com/in/jane-doe-1/  ");
	cr_assert_str_eq(s, "jane-doe-1");
	free(s);
	s = dlg_parse_who("linkedin.com/in/bob?x=1");
	cr_assert_str_eq(s, "bob");
	free(s);
	s = dlg_parse_who("carol");
	cr_assert_str_eq(s, "carol");
	free(s);
	cr_assert_null(dlg_parse_who("   "));
}

Test(dialogs, an_edit_left_for_another_conversation_is_dropped)
{
	tuitest_keys(t, "Enter e");
	cr_assert_not_null(t->edit_urn);
	tuitest_keys(t, "Tab j j Enter r");
	cr_assert_str_eq(t->thread.urn, C3);
	cr_assert_null(t->edit_urn);
	tuitest_type(t, "to Carol");
	tuitest_keys(t, "Enter");
	cr_assert_eq(edits, 0);
	cr_assert_eq(sends, 1);
}

Test(dialogs, esc_gives_up_an_edit)
{
	tuitest_keys(t, "Enter e Esc");
	cr_assert_null(t->edit_urn);
	cr_assert_str_eq(edit_text(t->compose.ed), "");
	cr_assert_eq(edits, 0);
}

/* --- a first message through the outbox: its placeholder row --- */

#define NEW_DANA URN_PLACEHOLDER_PREFIX DANA
#define C4 "urn:li:msg_conversation:4"

static char first_dir[64];

static void
first_store_up(void)
{
	char *db;

	cr_assert_not_null(
	    helpers_tmpdir(first_dir, sizeof first_dir, "linchat-dlg"));
	db = xasprintf("%s/linchat.db", first_dir);
	cr_assert_eq(store_open(db, &first_st, NULL), LC_OK);
	cr_assert_eq(store_set_meta(first_st, "me", ME, NULL), LC_OK);
	free(db);
}

static void
first_store_down(void)
{
	store_close(first_st);
	first_st = NULL;
	helpers_rmtree(first_dir);
}

/* From a looked-up profile of Dana: m, the text, Enter. */
static void
write_to_dana(const char *text)
{
	tuitest_keys(t, "p");
	tuitest_type(t, "dana-k");
	tuitest_keys(t, "Enter");
	profile_arrives("dana-k", DANA, "dana-k", "Dana", "Kim");
	tuitest_keys(t, "m");
	tuitest_type(t, text);
	tuitest_keys(t, "Enter");
}

Test(dialogs, a_first_message_shows_its_row_at_the_top_of_the_inbox_at_once)
{
	struct model_inbox in;
	char *s;

	first_store_up();
	write_to_dana("hello Dana");
	cr_assert_null(t->dlg);
	cr_assert_str_eq(inbox_selected(t), NEW_DANA);
	model_inbox_snapshot(m, 0, &in);
	cr_assert_str_eq(in.rows[0].urn, NEW_DANA);
	cr_assert_str_eq(in.rows[0].preview, "hello Dana");
	model_inbox_release(&in);
	tui_draw(t);
	s = tuitest_screen_text();
	cr_assert(strstr(s, "Dana Kim") != NULL, "%s", s);
	/* above Alice, the newest conversation before it */
	cr_assert_lt(strstr(s, "Dana Kim"), strstr(s, "Alice Martin"), "%s", s);
	first_store_down();
}

Test(dialogs, a_first_message_the_outbox_refused_stays_in_the_dialog)
{
	first_refuse = 1;
	write_to_dana("keep me");
	first_refuse = 0;
	cr_assert_not_null(t->dlg);
	cr_assert(strstr(tuitest_screen_text(), "keep me") != NULL, "%s",
	          tuitest_screen_text());
}

Test(dialogs, the_open_placeholder_follows_its_message_to_the_real_thread)
{
	struct model_participant dana = {DANA, "Dana Kim"};
	struct model_conv c;
	struct model_msg sent;

	memset(&c, 0, sizeof c);
	c.urn = C4;
	c.participants = &dana;
	c.nparticipants = 1;
	c.read = 1;
	c.categories = MODEL_CAT_INBOX;
	c.last_ms = (int64_t)NOW * 1000;
	memset(&sent, 0, sizeof sent);
	sent.urn = "urn:li:msg:9";
	sent.sender_urn = ME;
	sent.text = "hello Dana";
	sent.time_ms = (int64_t)NOW * 1000;
	sent.state = MODEL_MSG_SENT;
	first_store_up();
	write_to_dana("hello Dana");
	tuitest_keys(t, "r"); /* reply in the placeholder's thread */
	cr_assert_str_eq(t->thread.urn, NEW_DANA);
	cr_assert_eq(t->focus, TUI_FOCUS_COMPOSE);
	cr_assert(strstr(tuitest_screen_text(), "hello Dana") != NULL, "%s",
	          tuitest_screen_text());
	tuitest_type(t, "and one more");
	/* what the worker does once the service named the conversation */
	model_put_conversation(m, &c);
	model_set_moved(m, NEW_DANA, C4);
	sent.origin_token = last_tok;
	cr_assert_eq(outbox_confirm(first_st, m, C4, &sent, NULL), LC_OK);
	cr_assert_eq(model_conv_version(m, NEW_DANA), 0);
	tui_model_changed(t);
	tui_draw(t);
	cr_assert_str_eq(t->thread.urn, C4);
	cr_assert_str_eq(inbox_selected(t), C4);
	cr_assert_eq(t->focus, TUI_FOCUS_COMPOSE);
	cr_assert_str_eq(edit_text(t->compose.ed), "and one more");
	cr_assert(strstr(tuitest_screen_text(), "hello Dana") != NULL, "%s",
	          tuitest_screen_text());
	first_store_down();
}
