/* pane-inbox.c — the conversation list.
 *
 * The pane keeps a snapshot of the model's inbox and a view: the indexes
 * of the rows that pass "unread only" and the filter.  The selection is
 * remembered by URN so a conversation moving to the top (new message)
 * keeps its highlight.
 *
 * Folders (issue 13) are views of the same snapshot: the view holds the
 * rows folder_holds() lists in the folder shown, so switching is a
 * rebuild with no request and no copy of the model; each folder keeps
 * its selection.  Marks (v, x, V) are URNs in the folder shown; they go
 * when the folder changes or a marked row leaves it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/cmd-triage.h"
#include "tui/dlg.h"
#include "tui/draw.h"
#include "tui/folderbar.h"
#include "tui/pane-inbox.h"
#include "tui/timefmt.h"
#include "core/xmalloc.h"

static char
inbox_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 'a' - 'A') : c;
}

int
inbox_match(const char *hay, const char *needle)
{
	size_t i, n = strlen(needle);

	if (n == 0)
		return 1;
	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n && hay[i] != '\0' &&
		            inbox_lower(hay[i]) == inbox_lower(needle[i]);
		     i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

void
inbox_init(struct tui *t)
{
	memset(&t->inbox, 0, sizeof t->inbox);
}

void
inbox_free(struct tui *t)
{
	struct pane_inbox *p = &t->inbox;
	int f;

	if (p->have_snap)
		model_inbox_release(&p->snap);
	free(p->view);
	free(p->sel_urn);
	free(p->filter);
	for (f = 0; f < FOLDER_COUNT; f++)
		free(p->folder_sel[f]);
	inbox_clear_marks(t);
	memset(p, 0, sizeof *p);
}

static int
inbox_marked_at(const struct pane_inbox *p, const char *urn)
{
	size_t i;

	for (i = 0; i < p->nmarked; i++)
		if (strcmp(p->marked[i], urn) == 0)
			return (int)i;
	return -1;
}

void
inbox_clear_marks(struct tui *t)
{
	struct pane_inbox *p = &t->inbox;
	size_t i;

	for (i = 0; i < p->nmarked; i++)
		free(p->marked[i]);
	free(p->marked);
	p->marked = NULL;
	p->nmarked = 0;
	t->dirty |= TUI_DIRTY_INBOX;
}

/* Marks or unmarks urn; 1 if it is marked now. */
static int
inbox_toggle_mark(struct pane_inbox *p, const char *urn)
{
	int at = inbox_marked_at(p, urn);

	if (at >= 0) {
		free(p->marked[at]);
		p->marked[at] = p->marked[--p->nmarked];
		return 0;
	}
	p->marked =
	    xreallocarray(p->marked, p->nmarked + 1, sizeof p->marked[0]);
	p->marked[p->nmarked++] = xstrdup(urn);
	return 1;
}

/* Marks that left the view (archived, moved, filtered out) go. */
static void
inbox_prune_marks(struct pane_inbox *p)
{
	size_t i = 0, j;
	int seen;

	while (i < p->nmarked) {
		for (j = 0, seen = 0; j < p->nview && !seen; j++)
			seen = strcmp(p->snap.rows[p->view[j]].urn,
			              p->marked[i]) == 0;
		if (seen) {
			i++;
			continue;
		}
		free(p->marked[i]);
		p->marked[i] = p->marked[--p->nmarked];
	}
}

const struct model_inbox_row *
inbox_row(const struct tui *t, const char *urn)
{
	const struct pane_inbox *p = &t->inbox;
	size_t i;

	for (i = 0; urn != NULL && i < p->snap.n; i++)
		if (strcmp(p->snap.rows[i].urn, urn) == 0)
			return &p->snap.rows[i];
	return NULL;
}

size_t
inbox_targets(struct tui *t, const char ***out)
{
	struct pane_inbox *p = &t->inbox;
	size_t i, n = 0;

	*out = xcalloc(p->nmarked + 2, sizeof(*out)[0]);
	if (p->nmarked > 0) {
		/* in the order the folder lists them */
		for (i = 0; i < p->nview; i++)
			if (inbox_marked_at(p, p->snap.rows[p->view[i]].urn) >=
			    0)
				(*out)[n++] = p->snap.rows[p->view[i]].urn;
		return n;
	}
	if (p->nview > 0)
		(*out)[n++] = p->snap.rows[p->view[p->sel]].urn;
	return n;
}

long
inbox_folder_unread(struct tui *t, enum folder f)
{
	struct model_folder_status st;

	model_folder_status(t->model, f, &st);
	return st.unread >= 0 ? st.unread : t->inbox.counted[f];
}

static int
inbox_height(const struct tui *t)
{
	/* the first rows are the pane's title and the folder bar */
	return t->layout.inbox.h - 2;
}

static void
inbox_remember(struct pane_inbox *p)
{
	free(p->sel_urn);
	p->sel_urn = NULL;
	if (p->nview > 0)
		p->sel_urn = xstrdup(p->snap.rows[p->view[p->sel]].urn);
}

static void
inbox_scroll(struct tui *t)
{
	struct pane_inbox *p = &t->inbox;
	int h = inbox_height(t);

	if (h < 1)
		h = 1;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)h)
		p->top = p->sel - (size_t)h + 1;
	if (p->nview <= (size_t)h)
		p->top = 0;
}

/* Rebuilds the view from the snapshot and finds the remembered row. */
static void
inbox_rebuild(struct tui *t)
{
	struct pane_inbox *p = &t->inbox;
	const struct model_inbox_row *r;
	size_t i;

	free(p->view);
	p->view = xcalloc(p->snap.n + 1, sizeof p->view[0]);
	p->nview = 0;
	memset(p->counted, 0, sizeof p->counted);
	for (i = 0; i < p->snap.n; i++) {
		r = &p->snap.rows[i];
		if (r->unread > 0 || !r->read) {
			p->counted[folder_of(r->categories)]++;
			if (folder_holds(FOLDER_STARRED, r->categories))
				p->counted[FOLDER_STARRED]++;
		}
		if (!folder_holds(p->folder, r->categories))
			continue;
		if (p->unread_only && r->unread == 0 && r->read &&
		    (p->sel_urn == NULL || strcmp(r->urn, p->sel_urn) != 0))
			continue;
		if (p->filter != NULL && !inbox_match(r->name, p->filter) &&
		    !inbox_match(r->preview, p->filter))
			continue;
		p->view[p->nview++] = i;
	}
	if (p->sel >= p->nview)
		p->sel = p->nview > 0 ? p->nview - 1 : 0;
	if (p->sel_urn != NULL) {
		for (i = 0; i < p->nview; i++) {
			if (strcmp(p->snap.rows[p->view[i]].urn, p->sel_urn) ==
			    0) {
				p->sel = i;
				break;
			}
		}
	}
	inbox_remember(p);
	inbox_scroll(t);
	inbox_prune_marks(p);
	t->dirty |= TUI_DIRTY_INBOX;
}

void
inbox_set_folder(struct tui *t, enum folder f)
{
	struct pane_inbox *p = &t->inbox;
	struct model_folder_status st;

	if ((int)f < 0 || f >= FOLDER_COUNT)
		return;
	if (f != p->folder) {
		free(p->folder_sel[p->folder]);
		p->folder_sel[p->folder] = p->sel_urn;
		p->sel_urn = p->folder_sel[f];
		p->folder_sel[f] = NULL;
		p->folder = f;
		p->sel = 0;
		p->top = 0;
		inbox_clear_marks(t);
		inbox_rebuild(t);
	}
	/* a folder not read to its end yet: the worker reads it */
	model_folder_status(t->model, f, &st);
	if (!st.complete && !st.loading && t->opts.actions.folder != NULL)
		t->opts.actions.folder(t->opts.actions.ctx, f);
	t->dirty |= TUI_DIRTY_INBOX;
}

int
inbox_select_urn(struct tui *t, const char *urn)
{
	const struct model_inbox_row *r = inbox_row(t, urn);
	struct pane_inbox *p = &t->inbox;
	size_t i;

	if (r == NULL)
		return 0;
	if (!folder_holds(p->folder, r->categories))
		inbox_set_folder(t, folder_of(r->categories));
	free(p->filter);
	p->filter = NULL;
	free(p->sel_urn);
	p->sel_urn = xstrdup(urn);
	inbox_rebuild(t);
	for (i = 0; i < p->nview; i++)
		if (strcmp(p->snap.rows[p->view[i]].urn, urn) == 0)
			return 1;
	return 0;
}

void
inbox_refresh(struct tui *t)
{
	struct pane_inbox *p = &t->inbox;

	if (p->have_snap && p->snap.version == model_inbox_version(t->model))
		return;
	if (p->have_snap)
		model_inbox_release(&p->snap);
	model_inbox_snapshot(t->model, 0, &p->snap);
	p->have_snap = 1;
	inbox_rebuild(t);
}

const char *
inbox_selected(const struct tui *t)
{
	const struct pane_inbox *p = &t->inbox;

	if (p->nview == 0)
		return NULL;
	return p->snap.rows[p->view[p->sel]].urn;
}

void
inbox_set_filter(struct tui *t, const char *text)
{
	struct pane_inbox *p = &t->inbox;

	free(p->filter);
	p->filter = text != NULL && *text != '\0' ? xstrdup(text) : NULL;
	inbox_rebuild(t);
}

static void
inbox_select(struct tui *t, size_t i)
{
	struct pane_inbox *p = &t->inbox;

	if (p->nview == 0)
		return;
	if (i >= p->nview)
		i = p->nview - 1;
	p->sel = i;
	inbox_remember(p);
	inbox_scroll(t);
	t->dirty |= TUI_DIRTY_INBOX;
}

int
inbox_next_unread(struct tui *t)
{
	struct pane_inbox *p = &t->inbox;
	const struct model_inbox_row *r;
	size_t k, i;

	for (k = 1; k <= p->nview; k++) {
		i = (p->sel + k) % p->nview;
		r = &p->snap.rows[p->view[i]];
		if (r->unread > 0 || !r->read) {
			inbox_select(t, i);
			return 1;
		}
	}
	return 0;
}

/* V: every row of the folder marked, or none when all were. */
static void
inbox_mark_all(struct tui *t)
{
	struct pane_inbox *p = &t->inbox;
	size_t i, had = p->nmarked;

	inbox_clear_marks(t);
	if (had == p->nview && had > 0) {
		tui_notice(t, 0, "No conversation marked.");
		return;
	}
	p->marked = xcalloc(p->nview + 1, sizeof p->marked[0]);
	for (i = 0; i < p->nview; i++)
		p->marked[i] = xstrdup(p->snap.rows[p->view[i]].urn);
	p->nmarked = p->nview;
	tui_notice(t, 0,
	           "%zu conversation%s marked: a, s, F, O, !, #, z or m "
	           "acts on all (V: none).",
	           p->nmarked, p->nmarked == 1 ? "" : "s");
}

static void
inbox_cmd(void *ctx, enum cmd_id id)
{
	struct tui *t = ctx;
	struct pane_inbox *p = &t->inbox;
	size_t page = inbox_height(t) > 1 ? (size_t)inbox_height(t) - 1 : 1;
	const char *urn;

	switch (id) {
	case CMD_NEXT:
		inbox_select(t, p->sel + 1);
		break;
	case CMD_PREV:
		if (p->sel > 0)
			inbox_select(t, p->sel - 1);
		break;
	case CMD_TOP:
		inbox_select(t, 0);
		break;
	case CMD_BOTTOM:
		inbox_select(t, p->nview > 0 ? p->nview - 1 : 0);
		break;
	case CMD_PAGE_DOWN:
		inbox_select(t, p->sel + page);
		break;
	case CMD_PAGE_UP:
		inbox_select(t, p->sel > page ? p->sel - page : 0);
		break;
	case CMD_OPEN:
		tui_open_selected(t, 0);
		break;
	case CMD_REPLY:
		tui_open_selected(t, 1);
		break;
	case CMD_BACK:
		if (p->filter != NULL) {
			inbox_set_filter(t, NULL);
			tui_notice(t, 0, "Filter cleared.");
		}
		break;
	case CMD_UNREAD_ONLY:
		/* u right after a folder action undoes it (its notice says) */
		if (t->undo.armed > 0) {
			cmd_triage_undo(t, CMD_UNDO);
			break;
		}
		p->unread_only = !p->unread_only;
		inbox_rebuild(t);
		tui_notice(t, 0,
		           p->unread_only ? "Showing unread "
		                            "conversations only (u: all)."
		                          : "Showing all "
		                            "conversations.");
		break;
	case CMD_MARK:
		if ((urn = inbox_selected(t)) == NULL)
			break;
		inbox_toggle_mark(p, urn);
		inbox_select(t, p->sel + 1);
		break;
	case CMD_MARK_ALL:
		inbox_mark_all(t);
		break;
	case CMD_MARK_READ:
	case CMD_MARK_UNREAD:
		if (p->nmarked > 0) {
			/* a batch: one request for all of them */
			cmd_triage_act(t, id);
			break;
		}
		if ((urn = inbox_selected(t)) == NULL)
			break;
		if (t->opts.actions.mark_read != NULL)
			t->opts.actions.mark_read(t->opts.actions.ctx, urn,
			                          id == CMD_MARK_READ);
		tui_model_changed(t);
		break;
	default:
		break;
	}
}

void
inbox_register(struct tui *t)
{
	static const enum cmd_id ids[] = {
	    CMD_NEXT,      CMD_PREV,        CMD_TOP,       CMD_BOTTOM,
	    CMD_PAGE_DOWN, CMD_PAGE_UP,     CMD_OPEN,      CMD_REPLY,
	    CMD_BACK,      CMD_UNREAD_ONLY, CMD_MARK_READ, CMD_MARK_UNREAD,
	    CMD_MARK,      CMD_MARK_ALL,
	};
	size_t i;

	for (i = 0; i < sizeof ids / sizeof ids[0]; i++)
		cmd_handlers_set(&t->handlers[KEYMAP_INBOX], ids[i], inbox_cmd);
}

static void
inbox_draw_row(struct tui *t, int y, const struct model_inbox_row *r,
               int selected)
{
	const struct screen_rect *a = &t->layout.inbox;
	enum theme_elem base, name_el, prev_el, time_el;
	char when[32], mark[16], more[32];
	int x = a->x, w = a->w, tw, used, nw, mw;

	/* while rows are marked, a column of check marks */
	if (t->inbox.nmarked > 0 && w > 4) {
		draw_text(stdscr, y, x, 1,
		          selected ? THEME_INBOX_SELECTED : THEME_INBOX_COUNT,
		          DRAW_PAD,
		          inbox_marked_at(&t->inbox, r->urn) >= 0
		              ? "\xe2\x9c\x93"
		              : " ");
		x++;
		w--;
	}

	base = selected                    ? THEME_INBOX_SELECTED
	       : r->unread > 0 || !r->read ? THEME_INBOX_UNREAD
	                                   : THEME_INBOX_NORMAL;
	name_el = base;
	prev_el = selected ? THEME_INBOX_SELECTED : THEME_INBOX_PREVIEW;
	time_el = selected ? THEME_INBOX_SELECTED : THEME_INBOX_TIME;

	/* unread marker and count: "●3 " */
	if (r->unread > 0)
		snprintf(mark, sizeof mark, "\xe2\x97\x8f%c ",
		         r->unread > 9 ? '+' : '0' + r->unread);
	else if (!r->read)
		snprintf(mark, sizeof mark, "\xe2\x97\x8f  ");
	else
		snprintf(mark, sizeof mark, "   ");
	used = draw_text(stdscr, y, x, w < 3 ? w : 3,
	                 selected ? THEME_INBOX_SELECTED : THEME_INBOX_COUNT,
	                 DRAW_PAD, mark);
	x += used;
	w -= used;

	timefmt_inbox((time_t)(r->last_ms / 1000), t->now, when, sizeof when);
	tw = draw_width(when) + 1;
	if (tw > w / 2)
		tw = 0;
	if (r->draft) {
		used = draw_text(stdscr, y, x, w - tw,
		                 selected ? THEME_INBOX_SELECTED
		                          : THEME_INBOX_DRAFT,
		                 0, "[draft] ");
		x += used;
		w -= used;
	}
	if (r->muted) {
		used = draw_text(stdscr, y, x, w - tw,
		                 selected ? THEME_INBOX_SELECTED
		                          : THEME_INBOX_DRAFT,
		                 0, "[muted] ");
		x += used;
		w -= used;
	}
	/* the name first; the preview only where 8 columns are left */
	nw = w - tw - 8 >= 12 ? w - tw - 8 : w - tw;
	if (nw > (w - tw) * 2 / 3 && (w - tw) * 2 / 3 >= 20)
		nw = (w - tw) * 2 / 3;
	if (r->more > 0) {
		/* "Ann, Bo, Cy +997": the count always shows */
		snprintf(more, sizeof more, " +%zu", r->more);
		mw = draw_width(more);
		if (mw > nw)
			mw = nw;
		used = draw_text(stdscr, y, x, nw - mw, name_el, DRAW_ELLIPSIS,
		                 r->name);
		used += draw_text(stdscr, y, x + used, mw, name_el, 0, more);
	} else
		used = draw_text(stdscr, y, x, nw, name_el, DRAW_ELLIPSIS,
		                 r->name);
	x += used;
	w -= used;
	if (w - tw >= 8 && *r->preview != '\0') {
		used = draw_text(stdscr, y, x, 2, prev_el, DRAW_PAD, "  ");
		used += r->preview_mine
		            ? draw_text(stdscr, y, x + used, w - tw - used,
		                        prev_el, 0, "You: ")
		            : 0;
		used += draw_text(stdscr, y, x + used, w - tw - used, prev_el,
		                  DRAW_ELLIPSIS, r->preview);
		x += used;
		w -= used;
	}
	if (w - tw > 0) {
		draw_fill(stdscr, y, x, w - tw, base);
		x += w - tw;
		w = tw;
	}
	if (tw > 0)
		draw_text(stdscr, y, x, tw, time_el, DRAW_PAD | DRAW_RIGHT,
		          when);
}

/* The title row: the folder, how many conversations it lists (unread
 * ones only, under u), the filter, and whether it is being read or its
 * read failed.  "conversations" shortens to "convs" in a narrow pane; the
 * status bar's count is the unread ones of every folder. */
static void
inbox_draw_title(struct tui *t, const struct model_folder_status *st)
{
	const struct pane_inbox *p = &t->inbox;
	const struct screen_rect *a = &t->layout.inbox;
	const char *noun, *state;
	char *title;
	int pass;

	state = st->error[0] != '\0' ? " (read failed)"
	        : st->loading        ? " \xe2\x80\xa6"
	                             : "";
	for (pass = 0; pass < 2; pass++) {
		if (p->unread_only)
			noun = "unread";
		else if (pass == 0)
			noun = p->nview == 1 ? "conversation" : "conversations";
		else
			noun = p->nview == 1 ? "conv" : "convs";
		title = xasprintf(" %s \xc2\xb7 %zu %s%s%s%s",
		                  folder_info(p->folder)->label, p->nview, noun,
		                  p->filter != NULL ? " /" : "",
		                  p->filter != NULL ? p->filter : "", state);
		if (pass == 1 || draw_width(title) <= a->w)
			break;
		free(title);
	}
	draw_text(stdscr, a->y, a->x, a->w, THEME_THREAD_TITLE,
	          DRAW_PAD | DRAW_ELLIPSIS, title);
	free(title);
}

/* What an empty list says: the folder's error, that it is being read,
 * that nothing matches, or that it is empty. */
static void
inbox_draw_empty(struct tui *t, const struct model_folder_status *st, int y)
{
	const struct pane_inbox *p = &t->inbox;
	const struct screen_rect *a = &t->layout.inbox;
	const char *label = folder_info(p->folder)->label;

	char *msg;

	if (st->error[0] != '\0') {
		/* the whole sentence, wrapped: it says what to do */
		msg = xasprintf("%s: %s", label, st->error);
		dlg_wrap(y, a->x + 2, a->w - 2, inbox_height(t) - 1,
		         THEME_STATUS_ERROR, msg);
		free(msg);
	} else if (st->loading ||
	           (!st->complete && p->folder != FOLDER_FOCUSED &&
	            t->opts.actions.folder != NULL))
		draw_textf(stdscr, y, a->x, a->w, THEME_COMPOSE_HINT, DRAW_PAD,
		           "  Loading %s\xe2\x80\xa6", label);
	else if (p->filter != NULL || p->unread_only)
		draw_text(stdscr, y, a->x, a->w, THEME_COMPOSE_HINT, DRAW_PAD,
		          "  Nothing matches.");
	else if (p->folder == FOLDER_FOCUSED)
		draw_text(stdscr, y, a->x, a->w, THEME_COMPOSE_HINT, DRAW_PAD,
		          "  No conversations yet.");
	else
		draw_textf(stdscr, y, a->x, a->w, THEME_COMPOSE_HINT, DRAW_PAD,
		           "  Nothing in %s.", label);
}

void
inbox_draw(struct tui *t)
{
	const struct pane_inbox *p = &t->inbox;
	const struct screen_rect *a = &t->layout.inbox;
	struct model_folder_status st;
	size_t i;
	int y, h = inbox_height(t), top = a->y + 2;

	model_folder_status(t->model, p->folder, &st);
	inbox_draw_title(t, &st);
	folderbar_draw(t, a->y + 1, a->x, a->w);
	for (y = 0; y < h; y++) {
		i = p->top + (size_t)y;
		if (i >= p->nview) {
			draw_fill(stdscr, top + y, a->x, a->w,
			          THEME_INBOX_NORMAL);
			continue;
		}
		inbox_draw_row(t, top + y, &p->snap.rows[p->view[i]],
		               i == p->sel);
	}
	if (p->nview == 0 && h > 1)
		inbox_draw_empty(t, &st, top + 1);
}
