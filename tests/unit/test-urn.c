#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/urn.h"

static void
parse_ok(const char *s, struct urn *u)
{
	struct lc_error err;

	lc_error_clear(&err);
	cr_assert_eq(urn_parse(s, u, &err), LC_OK, "%s: %s", s, err.msg);
}

static void
parse_fails(const char *s)
{
	struct lc_error err;
	struct urn u;

	lc_error_clear(&err);
	cr_assert_eq(urn_parse(s, &u, &err), LC_EINVAL, "%s should fail", s);
	cr_assert_neq(err.msg[0], '\0');
	cr_assert_null(u.id);
	cr_assert_null(u.type);
	cr_assert_null(u.mailbox);
	urn_free(&u);
}

Test(urn, parses_new_profile_urn)
{
	struct urn u;

	parse_ok("urn:li:fsd_profile:ACoAAB6AUv0B", &u);
	cr_assert_eq(u.kind, URN_FSD_PROFILE);
	cr_assert_str_eq(u.type, "fsd_profile");
	cr_assert_str_eq(u.id, "ACoAAB6AUv0B");
	cr_assert_null(u.mailbox);
	urn_free(&u);
}

Test(urn, parses_old_mini_profile_urn)
{
	struct urn u;

	parse_ok("urn:li:fs_miniProfile:ACoAAC-x_y", &u);
	cr_assert_eq(u.kind, URN_FS_MINIPROFILE);
	cr_assert_str_eq(u.id, "ACoAAC-x_y");
	urn_free(&u);
}

Test(urn, parses_member_urn_and_refuses_non_numbers)
{
	struct urn u;

	parse_ok("urn:li:member:12345678", &u);
	cr_assert_eq(u.kind, URN_MEMBER);
	cr_assert_str_eq(u.id, "12345678");
	urn_free(&u);
	parse_fails("urn:li:member:12a");
}

Test(urn, parses_conversation_with_mailbox_and_odd_thread_id)
{
	struct urn u;

	parse_ok("urn:li:msg_conversation:(urn:li:fsd_profile:ACoME,"
	         "2-YWIzN2Y4_a-b==)",
	         &u);
	cr_assert_eq(u.kind, URN_MSG_CONVERSATION);
	cr_assert_str_eq(u.type, "msg_conversation");
	cr_assert_str_eq(u.mailbox, "ACoME");
	cr_assert_str_eq(u.id, "2-YWIzN2Y4_a-b==");
	urn_free(&u);
}

Test(urn, parses_message_with_mailbox_and_id)
{
	struct urn u;

	parse_ok("urn:li:msg_message:(urn:li:fsd_profile:ACo-ME_1,"
	         "2-MTc3MDIx==)",
	         &u);
	cr_assert_eq(u.kind, URN_MSG_MESSAGE);
	cr_assert_str_eq(u.mailbox, "ACo-ME_1");
	cr_assert_str_eq(u.id, "2-MTc3MDIx==");
	urn_free(&u);
}

Test(urn, parses_participant_wrapping_a_profile)
{
	struct urn u;

	parse_ok("urn:li:msg_messagingParticipant:urn:li:fsd_profile:ACoSARAH",
	         &u);
	cr_assert_eq(u.kind, URN_MSG_PARTICIPANT);
	cr_assert_str_eq(u.id, "ACoSARAH");
	urn_free(&u);
}

Test(urn, parses_both_invitation_forms)
{
	struct urn u;

	parse_ok("urn:li:fsd_invitation:7201234567890", &u);
	cr_assert_eq(u.kind, URN_FSD_INVITATION);
	cr_assert_str_eq(u.id, "7201234567890");
	urn_free(&u);
	parse_ok("urn:li:fs_relInvitation:6890", &u);
	cr_assert_eq(u.kind, URN_FS_RELINVITATION);
	cr_assert_str_eq(u.id, "6890");
	urn_free(&u);
	parse_fails("urn:li:fs_relInvitation:");
	parse_fails("urn:li:fsd_invitation:abc");
}

Test(urn, parses_messaging_thread_backend_urn)
{
	struct urn u;

	parse_ok("urn:li:messagingThread:2-YWIzN2Y4==", &u);
	cr_assert_eq(u.kind, URN_MESSAGING_THREAD);
	cr_assert_str_eq(u.id, "2-YWIzN2Y4==");
	urn_free(&u);
}

Test(urn, keeps_unknown_kinds_whole)
{
	struct urn u;

	parse_ok("urn:li:fsd_entityResultViewModel:(urn:li:fsd_profile:ACoX,"
	         "SEARCH_SRP,DEFAULT)",
	         &u);
	cr_assert_eq(u.kind, URN_OTHER);
	cr_assert_str_eq(u.type, "fsd_entityResultViewModel");
	cr_assert_str_eq(u.id, "(urn:li:fsd_profile:ACoX,SEARCH_SRP,DEFAULT)");
	urn_free(&u);
	parse_ok("urn:li:fsd_geo:103644278", &u);
	cr_assert_eq(u.kind, URN_OTHER);
	cr_assert_str_eq(u.id, "103644278");
	urn_free(&u);
}

Test(urn, refuses_what_is_not_a_urn)
{
	parse_fails("");
	parse_fails("ACoAAB");
	parse_fails("urn:li:");
	parse_fails("urn:li:fsd_profile");
	parse_fails("urn:li:fsd_profile:");
	parse_fails("urn:xx:fsd_profile:ACo");
	parse_fails("urn:li::ACo");
	parse_fails("urn:li:fsd_profile:AC o");
	parse_fails("urn:li:fsd_profile:A:B");
	parse_fails("urn:li:fsd_geo:1 2");
}

Test(urn, refuses_malformed_conversation_urns)
{
	parse_fails("urn:li:msg_conversation:urn:li:fsd_profile:ACoME,2-x");
	parse_fails("urn:li:msg_conversation:(urn:li:fsd_profile:ACoME,2-x");
	parse_fails("urn:li:msg_conversation:(urn:li:fsd_profile:ACoME)");
	parse_fails("urn:li:msg_conversation:(urn:li:fsd_profile:ACoME,)");
	parse_fails("urn:li:msg_conversation:(ACoME,2-x)");
	parse_fails("urn:li:msg_conversation:(urn:li:fsd_profile:,2-x)");
	parse_fails("urn:li:msg_conversation:(urn:li:fsd_profile:A,2-x,3)");
	parse_fails("urn:li:msg_conversation:(urn:li:fsd_profile:A,2-(x))");
	parse_fails("urn:li:msg_message:(urn:li:msg_conversation:(urn:li:"
	            "fsd_profile:A,1),2)");
	parse_fails("urn:li:msg_messagingParticipant:ACoX");
	parse_fails("urn:li:msg_messagingParticipant:urn:li:"
	            "msg_messagingParticipant:urn:li:fsd_profile:X");
}

Test(urn, refuses_null)
{
	struct urn u;

	cr_assert_eq(urn_parse(NULL, &u, NULL), LC_EINVAL);
	urn_free(&u);
	urn_free(NULL);
}

Test(urn, formats_what_the_client_sends)
{
	char *s;

	s = urn_profile("ACo-a_b==");
	cr_assert_str_eq(s, "urn:li:fsd_profile:ACo-a_b==");
	free(s);
	s = urn_conversation("ACoME", "2-YWIz==");
	cr_assert_str_eq(
	    s, "urn:li:msg_conversation:(urn:li:fsd_profile:ACoME,2-YWIz==)");
	free(s);
	s = urn_message("ACoME", "2-MTc==");
	cr_assert_str_eq(
	    s, "urn:li:msg_message:(urn:li:fsd_profile:ACoME,2-MTc==)");
	free(s);
	s = urn_participant("ACoX");
	cr_assert_str_eq(
	    s, "urn:li:msg_messagingParticipant:urn:li:fsd_profile:ACoX");
	free(s);
}

Test(urn, formatted_conversation_parses_back)
{
	char *s = urn_conversation("ACo_M-E", "2-a_b-c==");
	struct urn u;

	parse_ok(s, &u);
	cr_assert_str_eq(u.mailbox, "ACo_M-E");
	cr_assert_str_eq(u.id, "2-a_b-c==");
	urn_free(&u);
	free(s);
}

Test(urn, profile_id_from_every_profile_form)
{
	const char *forms[] = {
	    "urn:li:fsd_profile:ACoX_1-",
	    "urn:li:fs_miniProfile:ACoX_1-",
	    "urn:li:msg_messagingParticipant:urn:li:fsd_profile:ACoX_1-",
	    "ACoX_1-",
	};
	size_t i;

	for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		char *id = urn_profile_id(forms[i]);

		cr_assert_not_null(id, "%s", forms[i]);
		cr_assert_str_eq(id, "ACoX_1-");
		free(id);
	}
	cr_assert_null(urn_profile_id("urn:li:member:1"));
	cr_assert_null(urn_profile_id("urn:li:fsd_profile:"));
	cr_assert_null(urn_profile_id("has space"));
	cr_assert_null(urn_profile_id(NULL));
}

Test(urn, thread_id_from_conversation_thread_or_bare_id)
{
	char *id;

	id = urn_thread_id(
	    "urn:li:msg_conversation:(urn:li:fsd_profile:ACoME,2-YW==)");
	cr_assert_str_eq(id, "2-YW==");
	free(id);
	id = urn_thread_id("urn:li:messagingThread:2-YW==");
	cr_assert_str_eq(id, "2-YW==");
	free(id);
	id = urn_thread_id("2-YW==");
	cr_assert_str_eq(id, "2-YW==");
	free(id);
	cr_assert_null(urn_thread_id("urn:li:fsd_profile:ACoME"));
	cr_assert_null(urn_thread_id("urn:li:msg_conversation:(x)"));
}

/* tests/fixtures/fuzz/urn-mailbox-not-a-profile.txt (found by fuzz-urn):
 * a message URN whose mailbox was an unknown kind with the id "(" parsed,
 * and urn_message() then built a URN that does not. */
Test(urn, refuses_a_mailbox_that_is_not_a_profile)
{
	FILE *f =
	    fopen("tests/fixtures/fuzz/urn-mailbox-not-a-profile.txt", "rb");
	char text[128];
	size_t n;

	cr_assert_not_null(f);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	parse_fails(text);
	parse_fails("urn:li:msg_conversation:(urn:li:member:1,2-x)");
	parse_fails("urn:li:msg_message:(urn:li:fs_miniProfile:A,2-x)");
}

Test(urn, a_first_message_placeholder_names_its_recipient_both_ways)
{
	char *p, *r;

	p = urn_placeholder("urn:li:fsd_profile:ACoDana");
	cr_assert_str_eq(p, "urn:li:linchat:new:urn:li:fsd_profile:ACoDana");
	cr_assert(urn_is_placeholder(p));
	r = urn_placeholder_recipient(p);
	cr_assert_str_eq(r, "urn:li:fsd_profile:ACoDana");
	free(r);
	free(p);
	/* a bare id and the old kind give the same placeholder */
	p = urn_placeholder("ACoDana");
	cr_assert_str_eq(p, "urn:li:linchat:new:urn:li:fsd_profile:ACoDana");
	free(p);
	p = urn_placeholder("urn:li:fs_miniProfile:ACoDana");
	cr_assert_str_eq(p, "urn:li:linchat:new:urn:li:fsd_profile:ACoDana");
	free(p);
}

Test(urn, only_linchat_placeholders_read_as_placeholders)
{
	cr_assert_null(urn_placeholder("urn:li:msg_conversation:(x)"));
	cr_assert_null(urn_placeholder(NULL));
	cr_assert_not(urn_is_placeholder(NULL));
	cr_assert_not(urn_is_placeholder(
	    "urn:li:msg_conversation:(urn:li:fsd_profile:ACoME,2-YW==)"));
	cr_assert_null(urn_placeholder_recipient(
	    "urn:li:msg_conversation:(urn:li:fsd_profile:ACoME,2-YW==)"));
	cr_assert_null(urn_placeholder_recipient("urn:li:linchat:new:"));
	cr_assert_null(
	    urn_placeholder_recipient("urn:li:linchat:new:urn:li:member:12"));
}
