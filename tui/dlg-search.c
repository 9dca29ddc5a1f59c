/* dlg-search.c — people search: the hits for a name (name, distance,
 * headline, location), then the full profile (Enter), a message (m), a
 * connection request (c) or the profile page (o) for the selected one.
 *
 * The search's outcome is the model's result for its ticket (none yet:
 * searching; an error code: the sentence to show); the hits are the
 * model's search, read only while its query is these keywords.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/dlg.h"
#include "tui/draw.h"
#include "core/xmalloc.h"

#define SEARCH_ROWS 2 /* rows per hit */

struct dlg_search {
	char *keywords;
	uint64_t ticket; /* the search's outcome (model_get_result()) */
	struct dlg_list l;
};

static void
search_free(void *st)
{
	struct dlg_search *s = st;

	free(s->keywords);
	free(s);
}

/* The hits for s (caller frees with model_search_free()) once the search
 * is done: their number, 0 for none; -1 while searching; -2 failed with
 * *msg (caller frees). */
static long
search_get(struct tui *t, struct dlg_search *s, struct model_search_hit **v,
           char **msg)
{
	char *text = NULL, *query = NULL;
	int code;
	long rc = -1;
	size_t n;

	*v = NULL;
	*msg = NULL;
	if (model_get_result(t->model, s->ticket, &code, &text) == 0) {
		if (code != 0) {
			*msg = text != NULL ? text : xstrdup("Search failed.");
			text = NULL;
			rc = -2;
		} else {
			n = model_search(t->model, &query, v);
			if (query != NULL && strcmp(query, s->keywords) == 0)
				rc = (long)n;
			else {
				model_search_free(*v, n);
				*v = NULL;
			}
		}
	}
	free(query);
	free(text);
	return rc;
}

/* Who to name in a lookup or a connection request: the public id, else
 * the profile URN. */
static const char *
search_who(const struct model_search_hit *h)
{
	return h->public_id != NULL && *h->public_id != '\0' ? h->public_id
	                                                     : h->urn;
}

static void
search_act(struct tui *t, const struct model_search_hit *h, enum cmd_id id)
{
	char *who = xstrdup(search_who(h));

	if (*who == '\0')
		tui_notice(t, 1, "The service gave no id for %s.", h->name);
	else if (id == CMD_CONFIRM)
		dlg_profile_open(t, who);
	else if (id == CMD_CONNECT)
		dlg_connect_open(t, who);
	else if (id == CMD_NEW)
		dlg_message_person(t, h->urn, h->name);
	else if (h->public_id == NULL || *h->public_id == '\0')
		tui_notice(t, 1, "No profile page is known for %s.", h->name);
	else
		dlg_open_profile_page(t, h->public_id);
	free(who);
}

static int
search_cmd(struct tui *t, struct dlg *d, enum cmd_id id)
{
	struct dlg_search *s = d->st;
	struct model_search_hit *v;
	char *msg;
	long n = search_get(t, s, &v, &msg);
	int rc = 1;

	free(msg);
	if (dlg_list_move(&s->l, n > 0 ? (size_t)n : 0, id))
		id = CMD_NONE; /* handled */
	switch (id) {
	case CMD_NONE:
		break;
	case CMD_CONFIRM:
	case CMD_CONNECT:
	case CMD_NEW:
	case CMD_OPEN_LINK:
		if (n <= 0)
			tui_notice(t, 1,
			           n == -1 ? "Still searching."
			                   : "No one to choose.");
		else
			search_act(t, &v[s->l.sel < (size_t)n ? s->l.sel : 0],
			           id);
		break;
	default:
		rc = 0;
		break;
	}
	if (n >= 0)
		model_search_free(v, (size_t)n);
	return rc;
}

static void
search_draw_hit(const struct model_search_hit *h, int y, int x, int w,
                int selected)
{
	enum theme_elem el = selected ? THEME_INBOX_SELECTED : THEME_DIALOG;
	const char *dist = dlg_distance(h->distance);
	int dw = *dist != '\0' ? draw_width(dist) + 2 : 0;

	if (dw > w / 2)
		dw = 0;
	draw_fill(stdscr, y, x, w, el);
	draw_text(stdscr, y, x, w - dw, el, DRAW_ELLIPSIS, h->name);
	if (dw > 0)
		draw_text(stdscr, y, x + w - dw, dw, el, DRAW_RIGHT, dist);
	if (h->location != NULL && *h->location != '\0')
		draw_textf(stdscr, y + 1, x + 2, w - 2, THEME_INBOX_PREVIEW,
		           DRAW_ELLIPSIS, "%s \xc2\xb7 %s", h->headline,
		           h->location);
	else
		draw_text(stdscr, y + 1, x + 2, w - 2, THEME_INBOX_PREVIEW,
		          DRAW_ELLIPSIS, h->headline);
}

static void
search_draw(struct tui *t, struct dlg *d, struct screen_rect r)
{
	struct dlg_search *s = d->st;
	struct model_search_hit *v;
	char *msg;
	long n = search_get(t, s, &v, &msg);
	int y = r.y, fit = (r.h - 1) / SEARCH_ROWS;
	size_t i;

	if (n < 0) {
		draw_textf(stdscr, y, r.x, r.w,
		           n == -1 ? THEME_DIALOG : THEME_STATUS_ERROR,
		           DRAW_ELLIPSIS,
		           n == -1 ? "Searching for \xe2\x80\x9c%s\xe2\x80\x9d"
		                     "\xe2\x80\xa6"
		                   : "Could not search for \xe2\x80\x9c%s"
		                     "\xe2\x80\x9d:",
		           s->keywords);
		if (n == -2)
			dlg_wrap(y + 1, r.x, r.w, r.h - 2, THEME_DIALOG, msg);
		free(msg);
		draw_text(stdscr, r.y + r.h - 1, r.x, r.w, THEME_COMPOSE_HINT,
		          0, "Esc: close");
		return;
	}
	if (n == 0)
		draw_textf(stdscr, y, r.x, r.w, THEME_DIALOG, DRAW_ELLIPSIS,
		           "No one found for \xe2\x80\x9c%s\xe2\x80\x9d.",
		           s->keywords);
	dlg_list_fit(&s->l, (size_t)n, fit);
	for (i = s->l.top; i < (size_t)n && y + SEARCH_ROWS <= r.y + r.h - 1;
	     i++) {
		search_draw_hit(&v[i], y, r.x, r.w, i == s->l.sel);
		y += SEARCH_ROWS;
	}
	draw_text(stdscr, r.y + r.h - 1, r.x, r.w, THEME_COMPOSE_HINT,
	          DRAW_ELLIPSIS,
	          "Enter: profile   m: message   c: connect   o: open   "
	          "Esc: close");
	if (n >= 0)
		model_search_free(v, (size_t)n);
}

static const struct dlg_ops search_ops = {
    "People", KEYMAP_MENU, 0, search_cmd, NULL, search_draw, search_free, NULL,
};

void
dlg_search_open(struct tui *t, const char *keywords)
{
	struct dlg_search *s;

	if (t->opts.actions.search == NULL) {
		tui_notice(t, 1,
		           "People search needs the service: not "
		           "connected.");
		return;
	}
	s = xcalloc(1, sizeof *s);
	s->keywords = xstrdup(keywords);
	s->ticket = t->opts.actions.search(t->opts.actions.ctx, keywords);
	dlg_open(t, &search_ops, s);
}
