/* test-mailbox.c — the TUI's mailbox (issue 13): the folder bar and
 * switching folders from the snapshot (no request), each folder's
 * selection, loading / error / empty folders, marks and one batch
 * action, undo, the confirmations, Space across folders, the message
 * request's hint, and the message search dialog opening a thread at its
 * hit (on a real store's full-text index).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/folder.h"
#include "core/store.h"
#include "core/worker.h"
#include "tests/unit/helpers.h"
#include "tests/unit/tuitest.h"
#include "tui/pane-inbox.h"

#define ME TUITEST_ME
#define CF1 "urn:li:msg_conversation:F1"
#define CF2 "urn:li:msg_conversation:F2"
#define CO1 "urn:li:msg_conversation:O1"
#define CR1 "urn:li:msg_conversation:R1"
#define CA1 "urn:li:msg_conversation:A1"

static struct model *m;
static struct tui *t;
static struct store *st;
static char dir[256];

/* what the fake actions were asked */
static int folders_asked, triages, syncs, opens;
static enum worker_triage last_op;
static size_t last_n;
static char last_urns[8][64];

struct conv {
	const char *urn, *who, *name, *last;
	int unread;
	unsigned cats;
	int64_t ago_s;
};

static struct conv convs[] = {
    {CF1, "urn:li:fsd_profile:A", "Alice Martin", "lunch?", 0,
     MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX, 60},
    {CF2, "urn:li:fsd_profile:B", "Bob Lee", "the invoice is late", 0,
     MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX, 120},
    {CO1, "urn:li:fsd_profile:C", "Carol Diaz", "a newsletter", 1,
     MODEL_CAT_INBOX | MODEL_CAT_SECONDARY_INBOX, 180},
    {CR1, "urn:li:fsd_profile:D", "Dana Stranger", "may I ask", 1,
     MODEL_CAT_MESSAGE_REQUESTS, 240},
    {CA1, "urn:li:fsd_profile:E", "Eve Old", "done", 0,
     MODEL_CAT_INBOX | MODEL_CAT_ARCHIVE, 300},
};
#define NCONVS (sizeof convs / sizeof convs[0])

static void
put(const struct conv *c)
{
	struct model_participant p[2] = {{ME, "Me"}, {c->who, c->name}};
	struct model_conv v = {
	    .urn = c->urn,
	    .participants = p,
	    .nparticipants = 2,
	    .unread = c->unread,
	    .read = c->unread == 0,
	    .categories = c->cats,
	    .last_ms = ((int64_t)TUITEST_NOW - c->ago_s) * 1000,
	    .last_text = c->last,
	    .last_sender_urn = c->who,
	};

	model_put_conversation(m, &v);
}

static void
on_folder(void *ctx, enum folder f)
{
	(void)ctx;
	(void)f;
	folders_asked++;
}

/* As the worker does: the model at once (archive's rule), then queued. */
static int
on_triage(void *ctx, enum worker_triage op, const char *const *urns, size_t n)
{
	size_t i, j;

	(void)ctx;
	triages++;
	last_op = op;
	last_n = n;
	for (i = 0; i < n && i < 8; i++)
		snprintf(last_urns[i], sizeof last_urns[i], "%s", urns[i]);
	for (i = 0; i < n; i++)
		for (j = 0; j < NCONVS; j++) {
			if (strcmp(convs[j].urn, urns[i]) != 0)
				continue;
			if (op == WT_ARCHIVE || op == WT_UNARCHIVE)
				convs[j].cats = folder_apply(convs[j].cats,
				                             MODEL_CAT_ARCHIVE,
				                             op == WT_ARCHIVE);
			put(&convs[j]);
		}
	return 0;
}

static void
on_sync(void *ctx)
{
	(void)ctx;
	syncs++;
}

static void
on_open(void *ctx, const char *urn)
{
	(void)ctx;
	(void)urn;
	opens++;
}

static int finds;
static char find_words[64];

/* As the worker does: the conversations it found into the model, their
 * URNs as the ticket's result. */
static uint64_t
on_find(void *ctx, const char *keywords)
{
	static const struct conv found = {"urn:li:msg_conversation:S1",
	                                  "urn:li:fsd_profile:S",
	                                  "Frank Server",
	                                  "the invoice from last year",
	                                  0,
	                                  MODEL_CAT_ARCHIVE,
	                                  90000};

	(void)ctx;
	finds++;
	snprintf(find_words, sizeof find_words, "%s", keywords);
	put(&found);
	model_set_result(m, 77, 0, "urn:li:msg_conversation:S1\n");
	return 77;
}

static long
on_search(void *ctx, const char *words, size_t limit, struct store_hit **out,
          struct lc_error *err)
{
	(void)ctx;
	return store_search_messages(st, words, 0, limit, out, err);
}

static void
msg(const char *conv, const char *urn, const char *sender, const char *text,
    int64_t ago_s)
{
	struct model_msg v = {urn,
	                      sender,
	                      NULL,
	                      text,
	                      NULL,
	                      NULL,
	                      NULL,
	                      NULL,
	                      ((int64_t)TUITEST_NOW - ago_s) * 1000,
	                      MODEL_MSG_SENT,
	                      0,
	                      NULL};
	struct lc_error err;

	model_merge_messages(m, conv, &v, 1);
	cr_assert_eq(store_put_messages(st, conv, &v, 1, &err), LC_OK, "%s",
	             err.msg);
}

static void
up(void)
{
	struct tui_opts o;
	struct lc_error err;
	char path[300];
	size_t i;
	int f;

	cr_assert_not_null(helpers_tmpdir(dir, sizeof dir, "test-mailbox"));
	snprintf(path, sizeof path, "%s/linchat.db", dir);
	cr_assert_eq(store_open(path, &st, &err), LC_OK, "%s", err.msg);
	tuitest_screen_up();
	m = model_new();
	model_set_me(m, ME);
	convs[0].cats = convs[1].cats =
	    MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX;
	for (i = 0; i < NCONVS; i++)
		put(&convs[i]);
	/* every folder read to its end: a warm store */
	for (f = 0; f < FOLDER_COUNT; f++)
		model_set_folder_status(m, (enum folder)f, 1, 0, "");
	msg(CF2, "urn:li:msg:b1", "urn:li:fsd_profile:B",
	    "Here is the invoice for March", 5000);
	msg(CF2, "urn:li:msg:b2", "urn:li:fsd_profile:B", "any news?", 4000);
	msg(CF2, "urn:li:msg:b3", "urn:li:fsd_profile:B", "the invoice is late",
	    120);
	memset(&o, 0, sizeof o);
	o.model = m;
	o.wake_fd = -1;
	o.actions.sync = on_sync;
	o.actions.open = on_open;
	o.actions.folder = on_folder;
	o.actions.triage = on_triage;
	o.actions.search_messages = on_search;
	o.actions.find = on_find;
	folders_asked = triages = syncs = opens = finds = 0;
	t = tuitest_tui_new(&o);
}

static void
down(void)
{
	tui_free(t);
	model_free(m);
	tuitest_screen_down();
	store_close(st);
	helpers_rmtree(dir);
}

TestSuite(mailbox, .init = up, .fini = down);

static int
screen_has(const char *s)
{
	return strstr(tuitest_screen_text(), s) != NULL;
}

Test(mailbox, the_folder_bar_shows_each_folders_unread_count)
{
	/* 80 columns: a 24-column inbox, the keys with their counts */
	cr_assert(strstr(tuitest_row(1), "1 2:1 3:1 4 5 6 7") != NULL, "%s",
	          tuitest_row(1));
	cr_assert(strstr(tuitest_row(0), "Focused \xc2\xb7 2 conv") != NULL,
	          "%s", tuitest_row(0));
	cr_assert(strstr(tuitest_row(2), "Alice Martin") != NULL, "%s",
	          tuitest_screen_text());
	cr_assert(!screen_has("Carol Diaz"), "%s", tuitest_screen_text());
	/* a wider inbox: the labels, shortened */
	t->inbox_width = 40;
	tui_relayout(t, 24, 80);
	tui_draw(t);
	cr_assert(strstr(tuitest_row(1), "Foc Oth1 Req1 InM Arc Spa Sta") !=
	              NULL,
	          "%s", tuitest_row(1));
}

Test(mailbox, switching_folders_asks_nothing_and_paints_in_the_same_frame)
{
	tuitest_keys(t, "2");
	cr_assert(strstr(tuitest_row(0), "Other \xc2\xb7 1 conv") != NULL, "%s",
	          tuitest_row(0));
	cr_assert(strstr(tuitest_row(2), "Carol Diaz") != NULL, "%s",
	          tuitest_screen_text());
	tuitest_keys(t, "]");
	cr_assert(strstr(tuitest_row(2), "Dana Stranger") != NULL, "%s",
	          tuitest_screen_text());
	tuitest_keys(t, "5");
	cr_assert(strstr(tuitest_row(2), "Eve Old") != NULL, "%s",
	          tuitest_screen_text());
	tuitest_keys(t, "[ [ [ [");
	cr_assert(strstr(tuitest_row(0), "Focused \xc2\xb7 2 conv") != NULL,
	          "%s", tuitest_row(0));
	cr_assert_eq(folders_asked, 0);
	cr_assert_eq(syncs + opens + triages, 0);
}

Test(mailbox, each_folder_keeps_its_selection)
{
	tuitest_keys(t, "j");
	cr_assert_str_eq(inbox_selected(t), CF2);
	tuitest_keys(t, "2 1");
	cr_assert_str_eq(inbox_selected(t), CF2);
}

Test(mailbox, a_folder_not_read_yet_loads_and_one_that_failed_says_why)
{
	model_set_folder_status(m, FOLDER_INMAIL, 0, 1, "");
	model_set_folder_status(m, FOLDER_SPAM, 0, 0,
	                        "LinkedIn did not answer (timeout).");
	model_set_folder_status(m, FOLDER_ARCHIVE, 0, 0, "");
	tuitest_keys(t, "4");
	cr_assert(screen_has("Loading InMail"), "%s", tuitest_screen_text());
	cr_assert_eq(folders_asked, 0, "a read under way is not asked again");
	tuitest_keys(t, "6");
	/* the whole sentence, wrapped in the narrow inbox */
	cr_assert(screen_has("Spam: LinkedIn did not"), "%s",
	          tuitest_screen_text());
	cr_assert(screen_has("answer (timeout)."), "%s", tuitest_screen_text());
	cr_assert_eq(folders_asked, 1, "a failed read is tried again");
	/* read now, and empty */
	model_set_folder_status(m, FOLDER_SPAM, 1, 0, "");
	tui_model_changed(t);
	tui_draw(t);
	cr_assert(screen_has("Nothing in Spam."), "%s", tuitest_screen_text());
	/* a folder not read to its end with rows: they show, and it is read */
	tuitest_keys(t, "5");
	cr_assert_eq(folders_asked, 2);
	cr_assert(screen_has("Eve Old"), "%s", tuitest_screen_text());
}

Test(mailbox, marked_rows_are_one_action_and_u_undoes_it)
{
	tuitest_keys(t, "x x");
	cr_assert_eq(t->inbox.nmarked, 2);
	tuitest_keys(t, "a");
	cr_assert_eq(triages, 1, "one call for the batch");
	cr_assert_eq(last_op, WT_ARCHIVE);
	cr_assert_eq(last_n, 2);
	cr_assert_str_eq(last_urns[0], CF1);
	cr_assert_str_eq(last_urns[1], CF2);
	cr_assert(strstr(tuitest_row(23), "Archived 2 conversations") != NULL,
	          "%s", tuitest_row(23));
	cr_assert(strstr(tuitest_row(23), "u to undo") != NULL, "%s",
	          tuitest_row(23));
	cr_assert(screen_has("No conversations yet."), "%s",
	          tuitest_screen_text());
	cr_assert_eq(t->inbox.nmarked, 0);
	/* and in the archive */
	tuitest_keys(t, "u");
	cr_assert_eq(triages, 2);
	cr_assert_eq(last_op, WT_UNARCHIVE);
	cr_assert_eq(last_n, 2);
	cr_assert(strstr(tuitest_row(2), "Alice Martin") != NULL, "%s",
	          tuitest_screen_text());
	cr_assert_eq(t->inbox.unread_only, 0, "u undid, it did not filter");
}

Test(mailbox, u_after_another_key_is_unread_only_and_U_still_undoes)
{
	tuitest_keys(t, "a j");
	cr_assert_eq(triages, 1);
	tuitest_keys(t, "u");
	cr_assert_eq(triages, 1);
	cr_assert_eq(t->inbox.unread_only, 1);
	tuitest_keys(t, "u U");
	cr_assert_eq(triages, 2);
	cr_assert_eq(last_op, WT_UNARCHIVE);
	cr_assert_str_eq(last_urns[0], CF1);
}

Test(mailbox, archive_in_the_archive_brings_it_back)
{
	tuitest_keys(t, "5 a");
	cr_assert_eq(last_op, WT_UNARCHIVE);
	cr_assert_str_eq(last_urns[0], CA1);
	tuitest_keys(t, "1");
	cr_assert(screen_has("Eve Old"), "%s", tuitest_screen_text());
}

Test(mailbox, V_marks_the_folder_and_m_marks_all_read_at_once)
{
	tuitest_keys(t, "2 V");
	cr_assert_eq(t->inbox.nmarked, 1);
	tuitest_keys(t, "m");
	cr_assert_eq(triages, 1);
	cr_assert_eq(last_op, WT_READ);
	tuitest_keys(t, "V V");
	cr_assert_eq(t->inbox.nmarked, 0);
}

Test(mailbox, spam_and_delete_ask_first)
{
	tuitest_keys(t, "!");
	cr_assert(screen_has("Report 1 conversation as spam?"), "%s",
	          tuitest_screen_text());
	tuitest_keys(t, "n");
	cr_assert_eq(triages, 0);
	tuitest_keys(t, "! y");
	cr_assert_eq(triages, 1);
	cr_assert_eq(last_op, WT_SPAM);
	tuitest_keys(t, "j #");
	cr_assert(screen_has("cannot be undone"), "%s", tuitest_screen_text());
	tuitest_keys(t, "Enter");
	cr_assert_eq(triages, 2);
	cr_assert_eq(last_op, WT_DELETE);
	cr_assert(strstr(tuitest_row(23), "undo") == NULL, "%s",
	          tuitest_row(23));
}

Test(mailbox, triage_from_the_thread_acts_on_the_open_conversation)
{
	tuitest_keys(t, "j Enter s");
	cr_assert_eq(triages, 1);
	cr_assert_eq(last_op, WT_STAR);
	cr_assert_str_eq(last_urns[0], CF2);
}

Test(mailbox, space_crosses_to_the_next_folder_with_unread)
{
	tuitest_keys(t, "Space");
	cr_assert_eq(t->inbox.folder, FOLDER_OTHER);
	cr_assert_str_eq(t->thread.urn, CO1);
}

Test(mailbox, a_message_request_says_reply_to_accept)
{
	tuitest_keys(t, "3 Enter");
	cr_assert_str_eq(t->thread.urn, CR1);
	cr_assert(screen_has("Reply to accept this message request"), "%s",
	          tuitest_screen_text());
	tuitest_keys(t, "h 1 Enter");
	cr_assert_str_eq(t->thread.urn, CF1);
	cr_assert(!screen_has("Reply to accept"), "%s", tuitest_screen_text());
}

Test(mailbox, search_lists_hits_as_you_type_and_opens_the_thread_at_one)
{
	tuitest_keys(t, "/");
	tuitest_type(t, "invoice");
	cr_assert(screen_has("2 messages"), "%s", tuitest_screen_text());
	cr_assert(screen_has("Bob Lee"), "%s", tuitest_screen_text());
	cr_assert(screen_has("Here is the invoice for March"), "%s",
	          tuitest_screen_text());
	/* the newest first: the second is the March one */
	tuitest_keys(t, "Down Enter");
	cr_assert_null(t->dlg);
	cr_assert_str_eq(t->thread.urn, CF2);
	cr_assert(t->thread.sel < t->thread.snap.n);
	cr_assert_str_eq(t->thread.snap.msgs[t->thread.sel].urn,
	                 "urn:li:msg:b1");
}

Test(mailbox, a_search_without_hits_says_so)
{
	tuitest_keys(t, "/");
	tuitest_type(t, "\"unbalanced");
	cr_assert(screen_has("No stored message has them"), "%s",
	          tuitest_screen_text());
}

Test(mailbox, a_muted_conversation_shows_the_mark_and_z_unmutes_it)
{
	model_set_muted(m, CF1, 1);
	tui_model_changed(t);
	tui_draw(t);
	cr_assert(strstr(tuitest_row(2), "[muted]") != NULL, "%s",
	          tuitest_row(2));
	cr_assert(strstr(tuitest_row(3), "[muted]") == NULL, "%s",
	          tuitest_row(3));
	tuitest_keys(t, "z");
	cr_assert_eq(last_op, WT_UNMUTE);
	tuitest_keys(t, "j z");
	cr_assert_eq(last_op, WT_MUTE);
	cr_assert_str_eq(last_urns[0], CF2);
}

Test(mailbox, space_stays_in_the_folder_when_next_unread_folders_is_off)
{
	t->next_unread_folders = 0;
	tuitest_keys(t, "Space");
	cr_assert_eq(t->inbox.folder, FOLDER_FOCUSED);
	cr_assert_null(t->thread.urn);
	cr_assert(strstr(tuitest_row(23), "No unread conversations") != NULL,
	          "%s", tuitest_row(23));
}

Test(mailbox, deleting_the_open_conversation_goes_back_to_the_inbox)
{
	tuitest_keys(t, "Enter # y");
	cr_assert_eq(last_op, WT_DELETE);
	cr_assert_str_eq(last_urns[0], CF1);
	cr_assert_eq(t->focus, TUI_FOCUS_INBOX);
}

Test(mailbox, tab_asks_the_service_once_and_lists_its_conversations_after)
{
	tuitest_keys(t, "/");
	tuitest_type(t, "invoice");
	cr_assert(screen_has("Tab: ask LinkedIn too"), "%s",
	          tuitest_screen_text());
	cr_assert_eq(finds, 0, "typing asks the service nothing");
	tuitest_keys(t, "Tab");
	cr_assert_eq(finds, 1);
	cr_assert_str_eq(find_words, "invoice");
	/* the worker's wake */
	tui_model_changed(t);
	tui_draw(t);
	cr_assert(screen_has("1 conversation on LinkedIn"), "%s",
	          tuitest_screen_text());
	cr_assert(screen_has("LinkedIn \xc2\xb7 Frank Server \xc2\xb7 Archive"),
	          "%s", tuitest_screen_text());
	tuitest_keys(t, "Tab");
	cr_assert_eq(finds, 1, "the same words are not asked again");
	/* after the two local hits */
	tuitest_keys(t, "Down Down Enter");
	cr_assert_str_eq(t->thread.urn, "urn:li:msg_conversation:S1");
	cr_assert_eq(t->inbox.folder, FOLDER_ARCHIVE);
}
