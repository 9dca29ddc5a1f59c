/* cli-cmd.c — the Voyager commands of the command-line mode: inbox,
 * thread, send, read/unread, profile, connect, invitations, accept/ignore,
 * search.  Each parses its arguments, calls one core/voyager function and
 * prints text or JSON.  See docs/cli.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "core/buf.h"
#include "tui/cli-int.h"
#include "tui/cli-json.h"
#include "core/urn.h"
#include "core/voyager-invite.h"
#include "core/voyager-msg.h"
#include "core/voyager-profile.h"
#include "core/voyager-search.h"
#include "core/voyager-send.h"
#include "core/xmalloc.h"

int
cli_need_mailbox(struct cli *c)
{
	struct voyager_me me;
	enum lc_err rc;
	int ret;

	if ((ret = cli_session(c)) != 0)
		return ret;
	if (c->cl->vc.mailbox[0] != '\0')
		return 0;
	memset(&me, 0, sizeof me);
	rc = voyager_me(&c->cl->vc, &me, &c->err);
	if (rc == LC_OK && c->cl->ses != NULL) {
		free(c->cl->ses->mailbox_id);
		c->cl->ses->mailbox_id = xstrdup_or_null(me.urn_id);
		/* Makes cli_run() save the session with the id. */
		client_session_changed(c->cl);
	}
	voyager_me_free(&me);
	return rc == LC_OK ? 0 : cli_fail(c, rc);
}

/* "2026-02-04 13:05" in local time, or "" for 0. */
static void
cli_time(int64_t ms, char out[32])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	out[0] = '\0';
	if (ms > 0 && localtime_r(&t, &tm) != NULL)
		strftime(out, 32, "%Y-%m-%d %H:%M", &tm);
}

char *
cli_conv_urn(struct cli *c, const char *arg, int *ret)
{
	char *thread;

	if ((*ret = cli_need_mailbox(c)) != 0)
		return NULL;
	if (strncmp(arg, "urn:li:msg_conversation:", 24) == 0)
		return xstrdup(arg);
	thread = urn_thread_id(arg);
	if (thread == NULL || *thread == '\0' || strchr(thread, ':') != NULL) {
		free(thread);
		*ret = cli_usage(c,
		                 "\"%s\" is neither a thread id nor a "
		                 "conversation URN.",
		                 arg);
		return NULL;
	}
	arg = urn_conversation(c->cl->vc.mailbox, thread);
	free(thread);
	return (char *)arg;
}

#define CLI_ROW_NAMES 3

/* Names of the first CLI_ROW_NAMES other participants (or the group's
 * title); *more counts the others.  Caller frees. */
static char *
cli_conv_names(const struct voyager_conversation *conv, size_t *more)
{
	struct buf b;
	char *n;
	size_t i, named = 0;

	*more = 0;
	if (conv->title != NULL && *conv->title != '\0')
		return xstrdup(conv->title);
	buf_init(&b, 0);
	for (i = 0; i < conv->nparticipants; i++) {
		if (conv->participants[i].is_self)
			continue;
		if (named >= CLI_ROW_NAMES) {
			(*more)++;
			continue;
		}
		n = voyager_participant_name(&conv->participants[i]);
		if (n == NULL)
			continue;
		named++;
		buf_addf(&b, "%s%s", b.len ? ", " : "", n);
		free(n);
	}
	if (b.len == 0)
		buf_addstr(&b, "(nobody)");
	return buf_detach(&b);
}

void
cli_put_conv_row(const struct voyager_conversation *cv, const char *folder)
{
	char when[32], count[24], *names;
	size_t more;
	int mw;

	cli_time(cv->last_activity_at, when);
	names = cli_conv_names(cv, &more);
	fputs(cv->read ? "  " : "* ", stdout);
	cli_put_cell(when, 16);
	fputs("  ", stdout);
	if (folder != NULL) {
		cli_put_cell(folder, 8);
		fputs("  ", stdout);
	}
	if (more > 0) {
		/* "Ann, Bo, … +997": the count always shows */
		mw = snprintf(count, sizeof count, " +%zu", more);
		cli_put_cell(names, 24 - mw);
		fputs(count, stdout);
	} else
		cli_put_cell(names, 24);
	fputs("  ", stdout);
	cli_put_cell(cv->last_message != NULL ? cv->last_message->text : "",
	             36);
	fputs("  ", stdout);
	cli_put(cv->thread_id);
	fputc('\n', stdout);
	free(names);
}

int
cli_inbox(struct cli *c, int argc, char **argv)
{
	struct voyager_conv_filter f = {NULL, -1, NULL, NULL, 0};
	struct voyager_conv_page page;
	struct json_object *a;
	int limit = 20, i, ret;
	size_t k;
	enum lc_err rc;

	/* Folders and server search are cli-folder.c's. */
	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "--folder") == 0 ||
		    strcmp(argv[i], "--search") == 0)
			return cli_inbox_folder(c, argc, argv);
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--unread") == 0)
			f.read = 0;
		else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
			if ((ret = cli_parse_limit(c, argv[++i], &limit)) != 0)
				return ret;
		} else
			return cli_usage(c, "unexpected argument \"%s\".",
			                 argv[i]);
	}
	if ((ret = cli_need_mailbox(c)) != 0)
		return ret;
	f.count = limit < 25 ? limit : 25;
	memset(&page, 0, sizeof page);
	rc = voyager_conversations_collect(&c->cl->vc, &f, (size_t)limit, &page,
	                                   &c->err);
	if (rc != LC_OK) {
		voyager_conv_page_free(&page);
		return cli_fail(c, rc);
	}
	if (c->o->json) {
		a = json_object_new_array();
		for (k = 0; k < page.n && k < (size_t)limit; k++)
			json_object_array_add(
			    a, cli_json_conversation(&page.items[k]));
		cli_json_print(a);
	} else if (page.n == 0)
		fputs(f.read == 0 ? "No unread conversations.\n"
		                  : "No conversations.\n",
		      stdout);
	for (k = 0; !c->o->json && k < page.n && k < (size_t)limit; k++)
		cli_put_conv_row(&page.items[k], NULL);
	voyager_conv_page_free(&page);
	return 0;
}

static void
cli_print_message(const struct voyager_message *m)
{
	char when[32];
	size_t i;

	cli_time(m->delivered_at, when);
	fputs(when, stdout);
	fputs("  ", stdout);
	if (m->is_from_me)
		fputs("me", stdout);
	else
		cli_put_name(m->sender_name != NULL     ? m->sender_name
		             : m->sender_urn_id != NULL ? m->sender_urn_id
		                                        : "?");
	if (m->render_format != NULL && strcmp(m->render_format, "EDITED") == 0)
		fputs("  (edited)", stdout);
	fputc('\n', stdout);
	if (m->render_format != NULL &&
	    strcmp(m->render_format, "RECALLED") == 0)
		fputs("    (message deleted)\n", stdout);
	else if (m->text != NULL && *m->text != '\0')
		cli_put_multiline(m->text, "    ");
	for (i = 0; i < m->nattachments; i++) {
		fputs("    [", stdout);
		cli_put(m->attachments[i].kind);
		if (m->attachments[i].name != NULL) {
			fputs(": ", stdout);
			cli_put(m->attachments[i].name);
		}
		if (m->attachments[i].url != NULL) {
			fputc(' ', stdout);
			cli_put(m->attachments[i].url);
		}
		fputs("]\n", stdout);
	}
}

int
cli_thread(struct cli *c, int argc, char **argv)
{
	struct voyager_msg_page page, older;
	struct json_object *a;
	const char *conv = NULL;
	char *urn;
	int limit = 20, i, ret;
	size_t k, first;
	enum lc_err rc;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
			if ((ret = cli_parse_limit(c, argv[++i], &limit)) != 0)
				return ret;
		} else if (conv == NULL)
			conv = argv[i];
		else
			return cli_usage(c, "unexpected argument \"%s\".",
			                 argv[i]);
	}
	if (conv == NULL)
		return cli_usage(c, "which conversation?");
	if ((urn = cli_conv_urn(c, conv, &ret)) == NULL)
		return ret;
	memset(&page, 0, sizeof page);
	rc = voyager_messages(&c->cl->vc, urn, NULL, &page, &c->err);
	/* Older pages until the limit, or a page that brings nothing new. */
	while (rc == LC_OK && page.n > 0 && page.n < (size_t)limit) {
		memset(&older, 0, sizeof older);
		rc = voyager_messages_before(
		    &c->cl->vc, urn, page.items[0].delivered_at,
		    limit - (int)page.n < 25 ? limit - (int)page.n : 25, &older,
		    &c->err);
		/* The anchor itself may come back: drop what is not older. */
		while (older.n > 0 && older.items[older.n - 1].delivered_at >=
		                          page.items[0].delivered_at)
			voyager_message_free(&older.items[--older.n]);
		if (rc != LC_OK || older.n == 0) {
			voyager_msg_page_free(&older);
			break;
		}
		older.items = xreallocarray(older.items, older.n + page.n,
		                            sizeof *older.items);
		memcpy(older.items + older.n, page.items,
		       page.n * sizeof *page.items);
		older.n += page.n;
		free(page.items);
		page.items = older.items;
		page.n = older.n;
		older.items = NULL;
		older.n = 0;
		voyager_msg_page_free(&older);
	}
	if (rc != LC_OK) {
		voyager_msg_page_free(&page);
		free(urn);
		return cli_fail(c, rc);
	}
	first = page.n > (size_t)limit ? page.n - (size_t)limit : 0;
	if (c->o->json) {
		a = json_object_new_array();
		for (k = first; k < page.n; k++)
			json_object_array_add(a,
			                      cli_json_message(&page.items[k]));
		cli_json_print(a);
	} else if (page.n == 0)
		fputs("No messages.\n", stdout);
	for (k = first; !c->o->json && k < page.n; k++)
		cli_print_message(&page.items[k]);
	voyager_msg_page_free(&page);
	free(urn);
	return 0;
}

/* Reads all of stdin (at most 64 KiB), without trailing line breaks. */
static char *
cli_read_stdin(void)
{
	struct buf b;
	char chunk[4096];
	size_t n;

	buf_init(&b, 65536);
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		if (buf_add(&b, chunk, n) != 0) {
			buf_release(&b);
			return NULL;
		}
	}
	while (b.len > 0 &&
	       (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '\r'))
		buf_truncate(&b, b.len - 1);
	buf_addstr(&b, "");
	return buf_detach(&b);
}

int
cli_send(struct cli *c, int argc, char **argv)
{
	struct voyager_send s;
	struct voyager_message msg;
	const char *to = NULL, *words[2] = {NULL, NULL};
	char token[40], *text = NULL, *urn = NULL, *rid = NULL;
	int i, nw = 0, ret = 0, dashdash = 0;
	enum lc_err rc;

	for (i = 0; i < argc; i++) {
		if (!dashdash && strcmp(argv[i], "--") == 0)
			dashdash = 1;
		else if (!dashdash && strcmp(argv[i], "--to") == 0 &&
		         i + 1 < argc)
			to = argv[++i];
		else if (nw < 2)
			words[nw++] = argv[i];
		else
			return cli_usage(c, "unexpected argument \"%s\".",
			                 argv[i]);
	}
	if ((to != NULL && nw != 1) || (to == NULL && nw != 2))
		return cli_usage(c, "give a conversation and a text, or --to "
		                    "and a text.");
	if (strcmp(words[nw - 1], "-") == 0) {
		if ((text = cli_read_stdin()) == NULL)
			return cli_usage(c, "the text on stdin is longer than "
			                    "64 KiB.");
	} else
		text = xstrdup(words[nw - 1]);
	if (*text == '\0') {
		ret = cli_usage(c, "the message is empty; nothing was sent.");
		goto out;
	}
	/* Before any request, even the profile lookup of --to. */
	if (voyager_char_count(text) > VOYAGER_MESSAGE_MAX) {
		ret =
		    cli_usage(c,
		              "the message has %zu characters; LinkedIn "
		              "takes at most %d. Shorten it; nothing was sent.",
		              voyager_char_count(text), VOYAGER_MESSAGE_MAX);
		goto out;
	}
	memset(&s, 0, sizeof s);
	memset(&msg, 0, sizeof msg);
	if (to != NULL) {
		if ((ret = cli_need_mailbox(c)) != 0)
			goto out;
		rc = voyager_profile_id(&c->cl->vc, to, &rid, &c->err);
		if (rc != LC_OK) {
			ret = cli_fail(c, rc);
			goto out;
		}
		s.recipient = rid;
	} else {
		if ((urn = cli_conv_urn(c, words[0], &ret)) == NULL)
			goto out;
		s.conversation_urn = urn;
	}
	voyager_origin_token(token);
	s.text = text;
	s.origin_token = token;
	rc = voyager_send_once(&c->cl->vc, &s, &msg, &c->err);
	if (rc != LC_OK)
		ret = cli_fail(c, rc);
	else if (c->o->json)
		cli_json_print(cli_json_sent(&msg));
	else {
		cli_put(msg.urn != NULL ? msg.urn : "(sent)");
		fputc('\n', stdout);
	}
	voyager_message_free(&msg);
out:
	free(rid);
	free(urn);
	free(text);
	return ret;
}

static int
cli_mark(struct cli *c, int argc, char **argv, int read)
{
	const char *one[1];
	char *urn;
	int ret;
	enum lc_err rc;

	if (argc != 1)
		return cli_usage(c, "give one conversation.");
	if ((urn = cli_conv_urn(c, argv[0], &ret)) == NULL)
		return ret;
	one[0] = urn;
	rc = voyager_mark_read(&c->cl->vc, one, 1, read, &c->err);
	if (rc != LC_OK)
		ret = cli_fail(c, rc);
	else if (c->o->json) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "conversation_urn",
		                       json_object_new_string(urn));
		json_object_object_add(o, "read",
		                       json_object_new_boolean(read));
		cli_json_print(o);
	} else {
		fputs(read ? "Marked read: " : "Marked unread: ", stdout);
		cli_put(urn);
		fputc('\n', stdout);
	}
	free(urn);
	return ret;
}

int
cli_read(struct cli *c, int argc, char **argv)
{
	return cli_mark(c, argc, argv, 1);
}

int
cli_unread(struct cli *c, int argc, char **argv)
{
	return cli_mark(c, argc, argv, 0);
}

static void
cli_field(const char *label, const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	cli_put_cell(label, 10);
	cli_put(v);
	fputc('\n', stdout);
}

int
cli_profile(struct cli *c, int argc, char **argv)
{
	struct voyager_profile p;
	char *name;
	enum lc_err rc;
	int ret;

	if (argc != 1)
		return cli_usage(c, "give one public id, profile id or URN.");
	if ((ret = cli_session(c)) != 0)
		return ret;
	memset(&p, 0, sizeof p);
	rc = voyager_profile(&c->cl->vc, argv[0], &p, &c->err);
	if (rc != LC_OK) {
		voyager_profile_free(&p);
		return cli_fail(c, rc);
	}
	if (c->o->json) {
		cli_json_print(cli_json_profile(&p));
		voyager_profile_free(&p);
		return 0;
	}
	name = xasprintf("%s %s", p.first_name ? p.first_name : "",
	                 p.last_name ? p.last_name : "");
	cli_put_name(name);
	if (p.premium)
		fputs("  [premium]", stdout);
	if (p.memorialized)
		fputs("  [in memoriam]", stdout);
	fputc('\n', stdout);
	free(name);
	cli_field("headline", p.headline);
	cli_field("location", p.geo_location_name != NULL ? p.geo_location_name
	                                                  : p.location_name);
	cli_field("industry", p.industry_name);
	cli_field("public id", p.public_id);
	cli_field("urn", p.entity_urn);
	cli_field("picture", p.display_picture_url);
	if (p.summary != NULL && *p.summary != '\0') {
		fputs("summary\n", stdout);
		cli_put_multiline(p.summary, "    ");
	}
	voyager_profile_free(&p);
	return 0;
}

int
cli_connect(struct cli *c, int argc, char **argv)
{
	const char *who = NULL, *note = NULL;
	char *inv = NULL;
	int i, ret;
	enum lc_err rc;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--message") == 0 && i + 1 < argc)
			note = argv[++i];
		else if (who == NULL)
			who = argv[i];
		else
			return cli_usage(c, "unexpected argument \"%s\".",
			                 argv[i]);
	}
	if (who == NULL)
		return cli_usage(c, "whom to connect with?");
	/* Checked here too, so not even the profile lookup is sent. */
	if (note != NULL && voyager_char_count(note) > VOYAGER_NOTE_MAX) {
		fprintf(stderr,
		        "linchat: the note has %zu characters; "
		        "LinkedIn allows at most %d. Nothing was sent.\n",
		        voyager_char_count(note), VOYAGER_NOTE_MAX);
		return lc_exit_code(LC_EINVAL);
	}
	if ((ret = cli_session(c)) != 0)
		return ret;
	rc = voyager_connect(&c->cl->vc, who, note, &inv, &c->err);
	if (rc != LC_OK) {
		free(inv);
		return cli_fail(c, rc);
	}
	if (c->o->json) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "sent", json_object_new_boolean(1));
		json_object_object_add(o, "invitation_urn",
		                       inv != NULL ? json_object_new_string(inv)
		                                   : NULL);
		json_object_object_add(o, "who", json_object_new_string(who));
		cli_json_print(o);
	} else {
		fputs("Connection request sent to ", stdout);
		cli_put(who);
		fputs(".\n", stdout);
	}
	free(inv);
	return 0;
}

int
cli_invitations(struct cli *c, int argc, char **argv)
{
	struct voyager_invitation_page page;
	struct json_object *a;
	char when[32], *name;
	size_t k;
	enum lc_err rc;
	int ret;

	(void)argv;
	if (argc != 0)
		return cli_usage(c, "invitations takes no arguments.");
	if ((ret = cli_session(c)) != 0)
		return ret;
	memset(&page, 0, sizeof page);
	rc = voyager_invitations(&c->cl->vc, 0, 20, &page, &c->err);
	if (rc != LC_OK) {
		voyager_invitation_page_free(&page);
		return cli_fail(c, rc);
	}
	if (c->o->json) {
		a = json_object_new_array();
		for (k = 0; k < page.n; k++)
			json_object_array_add(
			    a, cli_json_invitation(&page.items[k]));
		cli_json_print(a);
	} else if (page.n == 0)
		fputs("No invitations.\n", stdout);
	for (k = 0; !c->o->json && k < page.n; k++) {
		const struct voyager_invitation *iv = &page.items[k];

		cli_time(iv->sent_time, when);
		name = xasprintf("%s %s", iv->first_name ? iv->first_name : "",
		                 iv->last_name ? iv->last_name : "");
		cli_put_cell(iv->id, 12);
		fputs("  ", stdout);
		cli_put_cell(when, 16);
		fputs("  ", stdout);
		cli_put_cell(name, 24);
		fputs("  ", stdout);
		cli_put_cell(iv->occupation, 40);
		fputc('\n', stdout);
		if (iv->message != NULL && *iv->message != '\0')
			cli_put_multiline(iv->message, "    ");
		free(name);
	}
	voyager_invitation_page_free(&page);
	return 0;
}

static int
cli_reply(struct cli *c, int argc, char **argv, int accept)
{
	enum lc_err rc;
	int ret;

	if (argc != 1)
		return cli_usage(c, "give one invitation id.");
	if ((ret = cli_session(c)) != 0)
		return ret;
	rc = voyager_invitation_reply(&c->cl->vc, argv[0], NULL, accept,
	                              &c->err);
	if (rc != LC_OK)
		return cli_fail(c, rc);
	if (c->o->json) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "id",
		                       json_object_new_string(argv[0]));
		json_object_object_add(
		    o, "action",
		    json_object_new_string(accept ? "accept" : "ignore"));
		cli_json_print(o);
	} else {
		fputs(accept ? "Accepted invitation " : "Ignored invitation ",
		      stdout);
		cli_put(argv[0]);
		fputs(".\n", stdout);
	}
	return 0;
}

int
cli_accept(struct cli *c, int argc, char **argv)
{
	return cli_reply(c, argc, argv, 1);
}

int
cli_ignore(struct cli *c, int argc, char **argv)
{
	return cli_reply(c, argc, argv, 0);
}

int
cli_search(struct cli *c, int argc, char **argv)
{
	struct voyager_search_page page;
	struct json_object *a;
	struct buf kw;
	int limit = 10, i, ret;
	size_t k;
	enum lc_err rc;

	buf_init(&kw, 0);
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
			if ((ret = cli_parse_limit(c, argv[++i], &limit)) != 0)
				goto out;
		} else
			buf_addf(&kw, "%s%s", kw.len ? " " : "", argv[i]);
	}
	if (kw.len == 0) {
		ret = cli_usage(c, "search for what?");
		goto out;
	}
	if ((ret = cli_session(c)) != 0)
		goto out;
	memset(&page, 0, sizeof page);
	rc = voyager_search_people_collect(&c->cl->vc, kw.data, (size_t)limit,
	                                   &page, &c->err);
	if (rc != LC_OK) {
		voyager_search_page_free(&page);
		ret = cli_fail(c, rc);
		goto out;
	}
	if (c->o->json) {
		a = json_object_new_array();
		for (k = 0; k < page.n && k < (size_t)limit; k++)
			json_object_array_add(a,
			                      cli_json_person(&page.items[k]));
		cli_json_print(a);
	} else if (page.n == 0)
		fputs("Nobody found.\n", stdout);
	for (k = 0; !c->o->json && k < page.n && k < (size_t)limit; k++) {
		const struct voyager_person *p = &page.items[k];

		cli_put_cell(p->name, 24);
		fputs("  ", stdout);
		cli_put_cell(p->jobtitle, 32);
		fputs("  ", stdout);
		cli_put_cell(p->location, 20);
		fputs("  ", stdout);
		cli_put(p->public_id != NULL ? p->public_id : p->urn_id);
		fputc('\n', stdout);
	}
	voyager_search_page_free(&page);
	ret = 0;
out:
	buf_release(&kw);
	return ret;
}
