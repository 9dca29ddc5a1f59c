/* dlg-msgsearch.c — search every stored message (/ in the inbox): the
 * hits for the words typed so far, newest first, each with its
 * conversation, sender and date and the line of the match with the
 * matched words highlighted; Enter opens the thread at that message.
 *
 * The query is the store's full-text search (store_search_messages())
 * through tui_actions.search_messages, on the UI's own read connection.
 * It runs when the dialog is drawn, so once per frame however many keys
 * one read brought (a paste, fast typing): that is the debounce, and a
 * query of the 100 000-message bench takes under 5 ms.
 *
 * Tab asks the service too (tui_actions.find: the search-criteria read
 * with these keywords over every folder, one request per Tab, never per
 * key): its conversations are listed after the local hits, and Enter on
 * one opens it.  They go when the words change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "tui/dlg.h"
#include "tui/draw.h"
#include "tui/pane-inbox.h"
#include "tui/pane-thread.h"
#include "tui/timefmt.h"
#include "core/xmalloc.h"

#define MSGSEARCH_LIMIT 50
#define MSGSEARCH_ROWS 2 /* rows per hit */

struct dlg_msgsearch {
	struct edit *input;
	char *asked;            /* the words of the hits below, NULL: none */
	struct store_hit *hits; /* newest first */
	long n;                 /* -1: the search failed (error) */
	char error[512];
	struct dlg_list l;
	/* the service's hits: asked for the words in served */
	uint64_t ticket; /* 0: not asked */
	char *served;
	char **found; /* conversation URNs, once answered */
	size_t nfound;
	char *found_error; /* the service's refusal, NULL: none */
};

static void
msgsearch_drop(struct dlg_msgsearch *s)
{
	if (s->n > 0)
		store_hits_free(s->hits, (size_t)s->n);
	s->hits = NULL;
	s->n = 0;
	s->error[0] = '\0';
}

static void
msgsearch_drop_found(struct dlg_msgsearch *s)
{
	while (s->nfound > 0)
		free(s->found[--s->nfound]);
	free(s->found);
	s->found = NULL;
	free(s->served);
	s->served = NULL;
	free(s->found_error);
	s->found_error = NULL;
	s->ticket = 0;
}

static void
msgsearch_free(void *st)
{
	struct dlg_msgsearch *s = st;

	msgsearch_drop(s);
	msgsearch_drop_found(s);
	edit_free(s->input);
	free(s->asked);
	free(s);
}

/* Runs the query for the words typed, if they changed since the last. */
static void
msgsearch_run(struct tui *t, struct dlg_msgsearch *s)
{
	const char *words = edit_text(s->input);
	struct lc_error err;

	if (s->asked != NULL && strcmp(s->asked, words) == 0)
		return;
	msgsearch_drop(s);
	msgsearch_drop_found(s);
	free(s->asked);
	s->asked = xstrdup(words);
	memset(&s->l, 0, sizeof s->l);
	if (words[strspn(words, " \t")] == '\0')
		return;
	memset(&err, 0, sizeof err);
	s->n = t->opts.actions.search_messages(t->opts.actions.ctx, words,
	                                       MSGSEARCH_LIMIT, &s->hits, &err);
	if (s->n < 0) {
		s->hits = NULL;
		snprintf(s->error, sizeof s->error, "%s",
		         err.msg[0] != '\0' ? err.msg : "The search failed.");
	}
}

static size_t
msgsearch_nlocal(const struct dlg_msgsearch *s)
{
	return s->n > 0 ? (size_t)s->n : 0;
}

/* Tab: the service's search for the words typed, once per words. */
static void
msgsearch_ask(struct tui *t, struct dlg_msgsearch *s)
{
	const char *words = edit_text(s->input);

	if (words[strspn(words, " \t")] == '\0' ||
	    (s->served != NULL && strcmp(s->served, words) == 0))
		return;
	msgsearch_drop_found(s);
	if (t->opts.actions.find == NULL) {
		s->found_error = xstrdup("not connected to the service");
		return;
	}
	s->served = xstrdup(words);
	s->ticket = t->opts.actions.find(t->opts.actions.ctx, words);
}

/* The service's answer, once it is in: its URNs or its sentence. */
static void
msgsearch_collect(struct tui *t, struct dlg_msgsearch *s)
{
	char *text = NULL, *p, *nl;
	int code;

	if (s->ticket == 0 ||
	    model_get_result(t->model, s->ticket, &code, &text) != 0)
		return;
	s->ticket = 0;
	if (code != 0)
		s->found_error = text != NULL ? text : xstrdup("it failed");
	for (p = text; code == 0 && p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		s->found =
		    xreallocarray(s->found, s->nfound + 1, sizeof s->found[0]);
		s->found[s->nfound++] = xstrndup(p, (size_t)(nl - p));
	}
	if (code == 0)
		free(text);
}

/* Enter: the hit's conversation, in its folder, at the message. */
static void
msgsearch_open_hit(struct tui *t, struct dlg_msgsearch *s)
{
	char *conv, *msg = NULL;

	if (s->l.sel >= msgsearch_nlocal(s) + s->nfound)
		return;
	if (s->l.sel >= msgsearch_nlocal(s))
		conv = xstrdup(s->found[s->l.sel - msgsearch_nlocal(s)]);
	else {
		conv = xstrdup(s->hits[s->l.sel].conv_urn);
		msg = xstrdup(s->hits[s->l.sel].msg_urn);
	}
	dlg_close(t);
	if (!inbox_select_urn(t, conv))
		tui_notice(t, 1,
		           "That conversation is not in linchat's "
		           "inbox any more; press R to sync.");
	else {
		tui_open_selected(t, 0);
		if (msg != NULL)
			thread_show_msg(t, msg);
	}
	free(conv);
	free(msg);
}

static int
msgsearch_cmd(struct tui *t, struct dlg *d, enum cmd_id id)
{
	struct dlg_msgsearch *s = d->st;

	if (id == CMD_CONFIRM) {
		msgsearch_run(t, s);
		msgsearch_open_hit(t, s);
		return 1;
	}
	if (id == CMD_FOCUS_NEXT) {
		msgsearch_run(t, s);
		msgsearch_ask(t, s);
		return 1;
	}
	if (dlg_list_move(&s->l, msgsearch_nlocal(s) + s->nfound, id))
		return 1;
	return id == CMD_NEWLINE || dlg_edit(s->input, id, 0, 1000);
}

static void
msgsearch_text(struct tui *t, struct dlg *d, int key)
{
	struct dlg_msgsearch *s = d->st;

	(void)t;
	dlg_edit(s->input, CMD_NONE, key, 1000);
}

/* The snippet with its marks [start, end) drawn as matches. */
static void
msgsearch_draw_snippet(int y, int x, int w, const struct store_hit *h,
                       int selected)
{
	enum theme_elem plain = selected ? THEME_THREAD_SELECTED : THEME_DIALOG;
	size_t at = 0, len = strlen(h->snippet), i, a, b;
	int used = draw_text(stdscr, y, x, w, plain, 0, "  ");

	for (i = 0; i + 1 < h->nmarks && used < w; i += 2) {
		a = h->marks[i] < len ? h->marks[i] : len;
		b = h->marks[i + 1] < len ? h->marks[i + 1] : len;
		if (a < at || b < a)
			continue; /* out of order: drawn plain */
		used += draw_textn(stdscr, y, x + used, w - used, plain, 0,
		                   h->snippet + at, a - at);
		used +=
		    draw_textn(stdscr, y, x + used, w - used,
		               THEME_THREAD_MATCH, 0, h->snippet + a, b - a);
		at = b;
	}
	used += draw_textn(stdscr, y, x + used, w - used, plain, DRAW_ELLIPSIS,
	                   h->snippet + at, len - at);
	if (used < w)
		draw_fill(stdscr, y, x + used, w - used, plain);
}

static void
msgsearch_draw_hit(struct tui *t, int y, struct screen_rect r,
                   const struct store_hit *h, int selected)
{
	const struct model_inbox_row *row = inbox_row(t, h->conv_urn);
	char when[32];

	timefmt_inbox((time_t)(h->time_ms / 1000), t->now, when, sizeof when);
	draw_textf(stdscr, y, r.x, r.w,
	           selected ? THEME_THREAD_SELECTED : THEME_DIALOG_TITLE,
	           DRAW_PAD | DRAW_ELLIPSIS, "%s \xc2\xb7 %s \xc2\xb7 %s",
	           row != NULL ? row->name : "(a conversation not loaded)",
	           h->sender_name != NULL && *h->sender_name != '\0'
	               ? h->sender_name
	               : "someone",
	           when);
	msgsearch_draw_snippet(y + 1, r.x, r.w, h, selected);
}

/* A conversation the service found: its name and folder, its preview. */
static void
msgsearch_draw_found(struct tui *t, int y, struct screen_rect r,
                     const char *urn, int selected)
{
	const struct model_inbox_row *row = inbox_row(t, urn);

	draw_textf(stdscr, y, r.x, r.w,
	           selected ? THEME_THREAD_SELECTED : THEME_DIALOG_TITLE,
	           DRAW_PAD | DRAW_ELLIPSIS, "LinkedIn \xc2\xb7 %s \xc2\xb7 %s",
	           row != NULL ? row->name : "(a conversation not loaded)",
	           row != NULL ? folder_info(folder_of(row->categories))->label
	                       : "?");
	draw_textf(stdscr, y + 1, r.x, r.w,
	           selected ? THEME_THREAD_SELECTED : THEME_DIALOG,
	           DRAW_PAD | DRAW_ELLIPSIS, "  %s",
	           row != NULL ? row->preview : "");
}

/* The count of local hits, and what the service said. */
static void
msgsearch_draw_status(struct tui *t, struct dlg_msgsearch *s, int y,
                      struct screen_rect r)
{
	char local[64];

	(void)t;
	if (s->n < 0) {
		dlg_wrap(y, r.x, r.w, 1, THEME_STATUS_ERROR, s->error);
		return;
	}
	if (s->asked == NULL || s->asked[strspn(s->asked, " \t")] == 0) {
		draw_text(stdscr, y, r.x, r.w, THEME_COMPOSE_HINT, DRAW_PAD,
		          "Type words to search every stored message.");
		return;
	}
	if (s->n == 0)
		snprintf(local, sizeof local, "No stored message has them");
	else
		snprintf(local, sizeof local, "%ld%s message%s", s->n,
		         s->n == MSGSEARCH_LIMIT ? " newest" : "",
		         s->n == 1 ? "" : "s");
	if (s->found_error != NULL)
		draw_textf(stdscr, y, r.x, r.w, THEME_STATUS_ERROR,
		           DRAW_PAD | DRAW_ELLIPSIS, "%s \xc2\xb7 LinkedIn: %s",
		           local, s->found_error);
	else if (s->ticket != 0)
		draw_textf(stdscr, y, r.x, r.w, THEME_COMPOSE_HINT, DRAW_PAD,
		           "%s \xc2\xb7 asking LinkedIn\xe2\x80\xa6", local);
	else if (s->served != NULL)
		draw_textf(stdscr, y, r.x, r.w, THEME_COMPOSE_HINT, DRAW_PAD,
		           "%s \xc2\xb7 %zu conversation%s on LinkedIn", local,
		           s->nfound, s->nfound == 1 ? "" : "s");
	else
		draw_textf(stdscr, y, r.x, r.w, THEME_COMPOSE_HINT, DRAW_PAD,
		           "%s \xc2\xb7 Tab: ask LinkedIn too", local);
}

static void
msgsearch_draw(struct tui *t, struct dlg *d, struct screen_rect r)
{
	struct dlg_msgsearch *s = d->st;
	int y = r.y + 2, fit = (r.h - 3) / MSGSEARCH_ROWS;
	size_t i, nl;

	msgsearch_run(t, s);
	msgsearch_collect(t, s);
	nl = msgsearch_nlocal(s);
	dlg_field(d, r.y, r.x, r.w, "Search: ", s->input, 1);
	msgsearch_draw_status(t, s, r.y + 1, r);
	dlg_list_fit(&s->l, nl + s->nfound, fit);
	for (i = s->l.top;
	     i < nl + s->nfound && y + MSGSEARCH_ROWS <= r.y + r.h - 1;
	     i++, y += MSGSEARCH_ROWS)
		if (i < nl)
			msgsearch_draw_hit(t, y, r, &s->hits[i], i == s->l.sel);
		else
			msgsearch_draw_found(t, y, r, s->found[i - nl],
			                     i == s->l.sel);
	draw_text(stdscr, r.y + r.h - 1, r.x, r.w, THEME_COMPOSE_HINT, DRAW_PAD,
	          "Enter: open   Tab: ask LinkedIn too   Up/Down: choose   "
	          "Esc: close");
}

static const struct dlg_ops msgsearch_ops = {
    "Search messages", KEYMAP_DIALOG,  0,    msgsearch_cmd, msgsearch_text,
    msgsearch_draw,    msgsearch_free, NULL,
};

void
dlg_msgsearch_open(struct tui *t)
{
	struct dlg_msgsearch *s;

	if (t->opts.actions.search_messages == NULL) {
		tui_notice(t, 1,
		           "Searching messages needs the local store: "
		           "it is not open.");
		return;
	}
	s = xcalloc(1, sizeof *s);
	s->input = edit_new();
	dlg_open(t, &msgsearch_ops, s);
}
