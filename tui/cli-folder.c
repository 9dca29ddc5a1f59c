/* cli-folder.c — the whole mailbox from the command line (issue 13):
 * `inbox --folder F` (a category read paged to its end or --limit;
 * `all` merges the six folders newest first), `inbox --search WORDS`
 * (the search-criteria read over every folder), `folders` (one
 * messengerMailboxCounts request), the triage commands archive ...
 * move-other (one addCategory/removeCategory request for every CONV
 * given) and `delete` (asks first on a terminal).  Folder names and
 * categories come from core/folder.h only.  See docs/cli.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "core/buf.h"
#include "core/folder.h"
#include "core/model.h"
#include "tui/cli-int.h"
#include "tui/cli-json.h"
#include "core/utf8.h"
#include "core/voyager-folder.h"
#include "core/voyager-msg.h"
#include "core/voyager-send.h"
#include "core/xmalloc.h"

#define CLI_FOLDER_PAGE 25
#define CLI_FOLDER_PAGES 400   /* 10 000 conversations a folder */
#define CLI_SEARCH_MAX 1000    /* bytes of search words */
#define CLI_FOLDER_ALL (-2)    /* --folder all */
#define CLI_FOLDER_SEARCH (-3) /* --search: every folder */
#define CLI_STORED_HITS 20     /* stored messages listed after --search */

/* The folder a conversation lives in, by core/folder.h's precedence over
 * its categories (unknown ones count as Other). */
static enum folder
cli_conv_folder(const struct voyager_conversation *cv)
{
	unsigned cats = 0, b;
	size_t i;

	for (i = 0; i < cv->ncategories; i++) {
		b = model_category_bit(cv->categories[i]);
		cats |= b != 0 ? b : MODEL_CAT_UNKNOWN;
	}
	return folder_of(cats);
}

/* Moves src's conversations (not already in dst) to the end of dst. */
static void
cli_page_take(struct voyager_conv_page *dst, struct voyager_conv_page *src)
{
	size_t i, k;

	dst->items =
	    xreallocarray(dst->items, dst->n + src->n + 1, sizeof *dst->items);
	for (i = 0; i < src->n; i++) {
		for (k = 0; k < dst->n; k++)
			if (strcmp(dst->items[k].urn, src->items[i].urn) == 0)
				break;
		if (k < dst->n)
			voyager_conversation_free(&src->items[i]);
		else
			dst->items[dst->n++] = src->items[i];
	}
	src->n = 0;
}

/* Reads folder f page by page into out: to the end, or until limit
 * conversations (0: no limit) are in; unread_only drops read ones. */
static enum lc_err
cli_folder_read(struct cli *c, enum folder f, size_t limit, int unread_only,
                struct voyager_conv_page *out)
{
	const char *cat = folder_info(f)->category;
	struct voyager_conv_page page;
	char *cursor = NULL;
	enum lc_err rc = LC_OK;
	size_t i, k;
	int pages;

	for (pages = 0; pages < CLI_FOLDER_PAGES; pages++) {
		rc = voyager_conversations_category(&c->cl->vc, cat, 0, cursor,
		                                    CLI_FOLDER_PAGE, &page,
		                                    &c->err);
		if (rc != LC_OK)
			break;
		for (i = k = 0; i < page.n; i++) {
			if (unread_only && page.items[i].read)
				voyager_conversation_free(&page.items[i]);
			else
				page.items[k++] = page.items[i];
		}
		page.n = k;
		cli_page_take(out, &page);
		/* A cursor can come back on the last page (API.md §6). */
		if ((limit > 0 && out->n >= limit) ||
		    page.server_count < CLI_FOLDER_PAGE ||
		    page.next_cursor == NULL ||
		    (cursor != NULL && strcmp(cursor, page.next_cursor) == 0)) {
			voyager_conv_page_free(&page);
			break;
		}
		free(cursor);
		cursor = xstrdup(page.next_cursor);
		voyager_conv_page_free(&page);
	}
	free(cursor);
	return rc;
}

static int
cli_newest_first(const void *a, const void *b)
{
	const struct voyager_conversation *x = a, *y = b;

	return x->last_activity_at > y->last_activity_at   ? -1
	       : x->last_activity_at < y->last_activity_at ? 1
	                                                   : 0;
}

/* The six folder categories, a comma list for the search read. */
static char *
cli_every_category(void)
{
	struct buf b;
	int f;

	buf_init(&b, 0);
	for (f = 0; f < FOLDER_VIEWS; f++)
		buf_addf(&b, "%s%s", f ? "," : "",
		         folder_info((enum folder)f)->category);
	return buf_detach(&b);
}

/* words: a server search, whose stored matches follow (in JSON as
 * {"conversations":[...],"stored_messages":[...]}). */
static void
cli_folder_print(struct cli *c, struct voyager_conv_page *p, size_t limit,
                 int which, const char *words)
{
	struct json_object *a, *o, *hits;
	size_t k, n = limit > 0 && p->n > limit ? limit : p->n;
	enum folder f;

	if (c->o->json) {
		a = json_object_new_array();
		for (k = 0; k < n; k++) {
			o = cli_json_conversation(&p->items[k]);
			f = cli_conv_folder(&p->items[k]);
			json_object_object_add(
			    o, "folder",
			    json_object_new_string(folder_info(f)->name));
			json_object_array_add(a, o);
		}
		if (words != NULL) {
			cli_search_stored(c, words, CLI_STORED_HITS, &hits);
			o = json_object_new_object();
			json_object_object_add(o, "conversations", a);
			json_object_object_add(o, "stored_messages", hits);
			a = o;
		}
		cli_json_print(a);
		return;
	}
	if (n == 0) {
		if (which >= 0)
			printf("No conversations in %s.\n",
			       folder_info((enum folder)which)->label);
		else
			fputs(which == CLI_FOLDER_SEARCH
			          ? "No conversation matches.\n"
			          : "No conversations.\n",
			      stdout);
	}
	for (k = 0; k < n; k++) {
		f = cli_conv_folder(&p->items[k]);
		cli_put_conv_row(&p->items[k],
		                 which < 0 ? folder_info(f)->label : NULL);
	}
	if (words != NULL)
		cli_search_stored(c, words, CLI_STORED_HITS, NULL);
}

/* Reads what --folder / --search asked for into page. */
static enum lc_err
cli_folder_collect(struct cli *c, int which, const char *words,
                   int first_degree, size_t limit, int unread_only,
                   struct voyager_conv_page *page)
{
	struct voyager_conv_filter flt = {NULL, -1, NULL, NULL, 0};
	enum lc_err rc = LC_OK;
	char *cats;
	int f;

	if (which == CLI_FOLDER_SEARCH) {
		cats = cli_every_category();
		flt.category = cats;
		flt.keywords = words;
		flt.read = unread_only ? 0 : -1;
		flt.count = CLI_FOLDER_PAGE;
		rc = voyager_conversations_find(&c->cl->vc, &flt, first_degree,
		                                limit > 0 ? limit : SIZE_MAX,
		                                page, &c->err);
		free(cats);
		return rc;
	}
	for (f = 0; f < FOLDER_VIEWS && rc == LC_OK; f++)
		if (which == CLI_FOLDER_ALL || which == f)
			rc = cli_folder_read(c, (enum folder)f, limit,
			                     unread_only, page);
	if (which == FOLDER_STARRED)
		rc = cli_folder_read(c, FOLDER_STARRED, limit, unread_only,
		                     page);
	qsort(page->items, page->n, sizeof *page->items, cli_newest_first);
	return rc;
}

static int
cli_folder_arg(struct cli *c, const char *v, int *which)
{
	if (strcmp(v, "all") == 0)
		*which = CLI_FOLDER_ALL;
	else if ((*which = folder_by_name(v)) < 0)
		return cli_usage(c,
		                 "no folder \"%s\": focused, other, requests, "
		                 "inmail, archive, spam, starred or all.",
		                 v);
	return 0;
}

int
cli_inbox_folder(struct cli *c, int argc, char **argv)
{
	struct voyager_conv_page page;
	struct buf words;
	int i, ret = 0, limit = 0, which = -1, unread = 0, first = 0;
	int search = 0;
	enum lc_err rc;

	buf_init(&words, 0);
	for (i = 0; i < argc && ret == 0; i++) {
		if (strcmp(argv[i], "--folder") == 0 && i + 1 < argc)
			ret = cli_folder_arg(c, argv[++i], &which);
		else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc)
			ret = cli_parse_limit(c, argv[++i], &limit);
		else if (strcmp(argv[i], "--unread") == 0)
			unread = 1;
		else if (strcmp(argv[i], "--search") == 0)
			search = 1;
		else if (strcmp(argv[i], "--first-degree") == 0)
			first = 1;
		else if (search && argv[i][0] != '-')
			buf_addf(&words, "%s%s", words.len ? " " : "", argv[i]);
		else
			ret = cli_usage(c, "unexpected argument \"%s\".",
			                argv[i]);
	}
	if (ret == 0 && search && which != -1)
		ret = cli_usage(c, "--search reads every folder; leave out "
		                   "--folder.");
	else if (ret == 0 && search && words.len == 0)
		ret = cli_usage(c, "search for what?");
	else if (ret == 0 && search && words.len > CLI_SEARCH_MAX)
		ret = cli_usage(c,
		                "the search words are %zu bytes long; "
		                "LinkedIn's search takes at most %d.",
		                words.len, CLI_SEARCH_MAX);
	else if (ret == 0 && first && !search)
		ret = cli_usage(c, "--first-degree goes with --search.");
	if (ret == 0)
		ret = cli_need_mailbox(c);
	if (ret != 0) {
		buf_release(&words);
		return ret;
	}
	memset(&page, 0, sizeof page);
	rc = cli_folder_collect(c, search ? CLI_FOLDER_SEARCH : which,
	                        buf_cstr(&words), first, (size_t)limit, unread,
	                        &page);
	if (rc != LC_OK)
		ret = cli_fail(c, rc);
	else
		cli_folder_print(c, &page, (size_t)limit,
		                 search ? CLI_FOLDER_SEARCH : which,
		                 search ? buf_cstr(&words) : NULL);
	voyager_conv_page_free(&page);
	buf_release(&words);
	return ret;
}

int
cli_folders(struct cli *c, int argc, char **argv)
{
	struct voyager_counts counts;
	struct json_object *a = NULL, *o;
	const struct folder_info *fi;
	enum lc_err rc;
	size_t k;
	long n;
	int f, ret;

	if (argc > 0)
		return cli_usage(c, "unexpected argument \"%s\".", argv[0]);
	if ((ret = cli_need_mailbox(c)) != 0)
		return ret;
	if ((rc = voyager_mailbox_counts(&c->cl->vc, &counts, &c->err)) !=
	    LC_OK)
		return cli_fail(c, rc);
	if (c->o->json)
		a = json_object_new_array();
	for (f = 0; f < FOLDER_COUNT; f++) {
		fi = folder_info((enum folder)f);
		for (k = 0, n = -1; k < counts.n; k++)
			if (counts.items[k].category != NULL &&
			    strcmp(counts.items[k].category, fi->category) == 0)
				n = counts.items[k].unread;
		if (a != NULL) {
			o = json_object_new_object();
			json_object_object_add(
			    o, "folder", json_object_new_string(fi->name));
			json_object_object_add(
			    o, "label", json_object_new_string(fi->label));
			json_object_object_add(
			    o, "category",
			    json_object_new_string(fi->category));
			json_object_object_add(o, "unread",
			                       n >= 0 ? json_object_new_int64(n)
			                              : NULL);
			json_object_array_add(a, o);
		} else if (n >= 0)
			printf("%-10s %6ld unread   --folder %s\n", fi->label,
			       n, fi->name);
		else
			printf("%-10s %6s unread   --folder %s\n", fi->label,
			       "?", fi->name);
	}
	if (a != NULL)
		cli_json_print(a);
	voyager_counts_free(&counts);
	return 0;
}

/* What each triage command does: add or remove one folder's category. */
static const struct cli_triage_op {
	const char *cmd;
	enum folder folder;
	int add;
	const char *done;
} cli_triage_ops[] = {
    {"archive", FOLDER_ARCHIVE, 1, "Archived"},
    {"unarchive", FOLDER_ARCHIVE, 0, "Unarchived"},
    {"star", FOLDER_STARRED, 1, "Starred"},
    {"unstar", FOLDER_STARRED, 0, "Unstarred"},
    {"spam", FOLDER_SPAM, 1, "Reported as spam"},
    {"not-spam", FOLDER_SPAM, 0, "No longer spam"},
    {"move-focused", FOLDER_FOCUSED, 1, "Moved to Focused"},
    {"move-other", FOLDER_OTHER, 1, "Moved to Other"},
};

static void
cli_triage_print(struct cli *c, const struct cli_triage_op *op,
                 char *const *urns, int n)
{
	struct json_object *o, *a;
	int i;

	if (!c->o->json) {
		for (i = 0; i < n; i++) {
			printf("%s: ", op->done);
			cli_put(urns[i]);
			fputc('\n', stdout);
		}
		return;
	}
	o = json_object_new_object();
	json_object_object_add(o, "action", json_object_new_string(op->cmd));
	json_object_object_add(
	    o, "category",
	    json_object_new_string(folder_info(op->folder)->category));
	json_object_object_add(o, "added", json_object_new_boolean(op->add));
	a = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(urns[i]));
	json_object_object_add(o, "conversation_urns", a);
	cli_json_print(o);
}

int
cli_triage(struct cli *c, int argc, char **argv)
{
	const struct cli_triage_op *op = NULL;
	char **urns;
	enum lc_err rc;
	size_t k;
	int i, n = 0, ret = 0;

	for (k = 0; k < sizeof cli_triage_ops / sizeof cli_triage_ops[0]; k++)
		if (strcmp(cli_triage_ops[k].cmd, c->cmd->name) == 0)
			op = &cli_triage_ops[k];
	if (op == NULL || argc == 0)
		return cli_usage(c, "which conversations?");
	urns = xcalloc((size_t)argc, sizeof *urns);
	for (i = 0; i < argc && ret == 0; i++)
		if ((urns[n] = cli_conv_urn(c, argv[i], &ret)) != NULL)
			n++;
	if (ret == 0) {
		rc = voyager_set_category(
		    &c->cl->vc, (const char *const *)urns, (size_t)n,
		    folder_info(op->folder)->category, op->add, &c->err);
		if (rc != LC_OK)
			ret = cli_fail(c, rc);
		else
			cli_triage_print(c, op, urns, n);
	}
	for (i = 0; i < n; i++)
		free(urns[i]);
	free(urns);
	return ret;
}

/* Asks on the terminal; 1 for a yes. */
static int
cli_confirm(const char *urn)
{
	char line[16];

	fputs("Delete the conversation ", stderr);
	fputs(urn, stderr); /* sanitised by the caller */
	fputs(" for good? [y/N] ", stderr);
	fflush(stderr);
	if (fgets(line, sizeof line, stdin) == NULL)
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

int
cli_delete(struct cli *c, int argc, char **argv)
{
	const char *conv = NULL;
	struct json_object *o;
	enum lc_err rc;
	char *urn, *safe;
	int i, yes = 0, ret;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--yes") == 0)
			yes = 1;
		else if (conv == NULL)
			conv = argv[i];
		else
			return cli_usage(c, "give one conversation.");
	}
	if (conv == NULL)
		return cli_usage(c, "which conversation?");
	if (!yes && !isatty(STDIN_FILENO))
		return cli_usage(c, "not deleting without asking: on a "
		                    "terminal linchat asks, in a script add "
		                    "--yes.");
	if ((urn = cli_conv_urn(c, conv, &ret)) == NULL)
		return ret;
	safe = utf8_sanitize(urn, strlen(urn), 0);
	if (!yes && !cli_confirm(safe)) {
		fputs("Nothing was deleted.\n", stderr);
		free(safe);
		free(urn);
		return 1;
	}
	rc = voyager_conversation_delete(&c->cl->vc, urn, &c->err);
	if (rc != LC_OK)
		ret = cli_fail(c, rc);
	else if (c->o->json) {
		o = json_object_new_object();
		json_object_object_add(o, "conversation_urn",
		                       json_object_new_string(urn));
		json_object_object_add(o, "deleted",
		                       json_object_new_boolean(1));
		cli_json_print(o);
	} else {
		fputs("Deleted: ", stdout);
		cli_put(urn);
		fputc('\n', stdout);
	}
	free(safe);
	free(urn);
	return ret;
}
