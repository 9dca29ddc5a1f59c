/* pane-thread.c — the open conversation.
 *
 * The pane turns a snapshot of the conversation into display lines once
 * per change (or width change): a day separator when the day changes, a
 * header (sender, time, state) when the sender changes or five minutes
 * pass, the wrapped text, then attachment, reaction (the user's own in
 * brackets) and failure lines; a "new messages" line above the first
 * message that was unread when the conversation was opened, and "Seen
 * by …" under the user's last message once the others read it.  The
 * title row says who is typing.
 * Scrolling works on lines, selection on messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/pane-inbox.h"
#include "tui/pane-thread.h"
#include "core/reaction.h"
#include "tui/timefmt.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "core/xmalloc.h"

#define THREAD_INDENT 2
#define THREAD_GROUP_MS (5 * 60 * 1000)

static size_t thread_seen_at(const struct pane_thread *p);
static void thread_scroll_to_sel(struct tui *t);

void
thread_init(struct tui *t)
{
	memset(&t->thread, 0, sizeof t->thread);
}

static void
thread_drop_snap(struct pane_thread *p)
{
	size_t i;

	if (!p->have_snap)
		return;
	for (i = 0; i < p->snap.n; i++)
		free(p->clean[i]);
	free(p->clean);
	p->clean = NULL;
	model_thread_release(&p->snap);
	model_seen_free(p->seen, p->nseen);
	p->seen = NULL;
	p->nseen = 0;
	p->have_snap = 0;
	free(p->lines);
	p->lines = NULL;
	p->nlines = 0;
}

void
thread_free(struct tui *t)
{
	struct pane_thread *p = &t->thread;

	thread_drop_snap(p);
	free(p->urn);
	free(p->title);
	free(p->search);
	free(p->goto_urn);
	memset(p, 0, sizeof *p);
}

static int
thread_height(const struct tui *t)
{
	/* minus the title row, and a message request's hint */
	return t->layout.thread.h - 1 - (t->thread.request ? 1 : 0);
}

static int
thread_text_width(const struct tui *t)
{
	int w = t->layout.thread.w - THREAD_INDENT - 1;

	return w < 1 ? 1 : w;
}

static void
thread_add_line(struct pane_thread *p, size_t *cap, enum thread_line_kind kind,
                size_t msg, size_t start, size_t end)
{
	if (p->nlines == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		p->lines = xreallocarray(p->lines, *cap, sizeof p->lines[0]);
	}
	p->lines[p->nlines].kind = kind;
	p->lines[p->nlines].msg = msg;
	p->lines[p->nlines].start = start;
	p->lines[p->nlines].end = end;
	p->nlines++;
}

static void
thread_build(struct tui *t)
{
	struct pane_thread *p = &t->thread;
	const struct model_msg *m, *prev;
	struct utf8_line *rows;
	size_t i, j, n, cap = 0, seen_at = thread_seen_at(p);
	int width = thread_text_width(t), placed = 0;

	free(p->lines);
	p->lines = NULL;
	p->nlines = 0;
	p->width = t->layout.thread.w;
	for (i = 0; i < p->snap.n; i++) {
		m = &p->snap.msgs[i];
		prev = i > 0 ? &p->snap.msgs[i - 1] : NULL;
		if (prev == NULL ||
		    !timefmt_same_day((time_t)(prev->time_ms / 1000),
		                      (time_t)(m->time_ms / 1000)))
			thread_add_line(p, &cap, TL_DAY, i, 0, 0);
		if (p->new_ms > 0 && !placed && !m->mine &&
		    m->time_ms >= p->new_ms) {
			thread_add_line(p, &cap, TL_NEW, i, 0, 0);
			placed = 1;
		}
		if (prev == NULL || prev->mine != m->mine ||
		    (!m->mine && strcmp(prev->sender_urn, m->sender_urn)) ||
		    m->time_ms - prev->time_ms > THREAD_GROUP_MS ||
		    !timefmt_same_day((time_t)(prev->time_ms / 1000),
		                      (time_t)(m->time_ms / 1000)))
			thread_add_line(p, &cap, TL_HEADER, i, 0, 0);
		if (m->state == MODEL_MSG_RECALLED) {
			thread_add_line(p, &cap, TL_TEXT, i, 0, 0);
			continue;
		}
		if (*p->clean[i] != '\0') {
			n = utf8_wrap(p->clean[i], strlen(p->clean[i]), width,
			              &rows);
			for (j = 0; j < n; j++)
				thread_add_line(p, &cap, TL_TEXT, i,
				                rows[j].start, rows[j].end);
			free(rows);
		}
		if (*m->attach_name != '\0' || *m->attach_url != '\0')
			thread_add_line(p, &cap, TL_ATTACH, i, 0, 0);
		if (*m->reactions != '\0')
			thread_add_line(p, &cap, TL_REACT, i, 0, 0);
		if (m->state == MODEL_MSG_FAILED)
			thread_add_line(p, &cap, TL_STATE, i, 0, 0);
		if (i == seen_at)
			thread_add_line(p, &cap, TL_SEEN, i, 0, 0);
	}
}

/* The user's last sent message, if someone has seen it: its index, else
 * (size_t)-1. */
static size_t
thread_seen_at(const struct pane_thread *p)
{
	size_t i = p->snap.n, k;

	while (i > 0 && !(p->snap.msgs[i - 1].mine &&
	                  p->snap.msgs[i - 1].state == MODEL_MSG_SENT))
		i--;
	if (i == 0)
		return (size_t)-1;
	for (k = 0; k < p->nseen; k++)
		if (p->seen[k].upto_ms >= p->snap.msgs[i - 1].time_ms)
			return i - 1;
	return (size_t)-1;
}

/* Once the thread holds what was unread at opening: where it begins. */
static void
thread_find_new(struct pane_thread *p)
{
	size_t i = p->snap.n;
	int left = p->new_count;

	if (p->new_ms != -1 || p->snap.n == 0 ||
	    p->snap.msgs[p->snap.n - 1].time_ms < p->new_last_ms)
		return;
	p->new_ms = 0;
	while (i > 0 && left > 0) {
		i--;
		if (!p->snap.msgs[i].mine) {
			p->new_ms = p->snap.msgs[i].time_ms;
			left--;
		}
	}
}

/* First and last display line of message i. */
static void
thread_msg_lines(const struct pane_thread *p, size_t i, size_t *first,
                 size_t *last)
{
	size_t k;
	int found = 0;

	*first = *last = 0;
	for (k = 0; k < p->nlines; k++) {
		if (p->lines[k].msg == i) {
			if (!found)
				*first = k;
			found = 1;
			*last = k;
		} else if (found)
			break;
	}
}

static void
thread_scroll_to_sel(struct tui *t)
{
	struct pane_thread *p = &t->thread;
	size_t first, last,
	    h = (size_t)(thread_height(t) > 0 ? thread_height(t) : 1);

	if (p->snap.n == 0) {
		p->top = 0;
		return;
	}
	thread_msg_lines(p, p->sel, &first, &last);
	if (last >= p->top + h)
		p->top = last - h + 1;
	if (first < p->top || last - first + 1 > h)
		p->top = first;
	p->at_bottom = p->sel + 1 == p->snap.n;
	if (p->at_bottom && p->nlines > h && last + 1 == p->nlines)
		p->top = p->nlines - h;
	t->dirty |= TUI_DIRTY_THREAD;
}

/* How many of the newest messages a thread shows at first, and how many
 * more each time the user scrolls past the top of what is shown: opening a
 * 5 000-message thread copies, sanitises and wraps only these. */
#define THREAD_WINDOW 400

/* The message thread_show_msg() asked for, selected once the snapshot
 * holds it; the window then reaches back to it. */
static void
thread_find_goto(struct tui *t)
{
	struct pane_thread *p = &t->thread;
	size_t i;

	for (i = 0; p->goto_urn != NULL && i < p->snap.n; i++) {
		if (strcmp(p->snap.msgs[i].urn, p->goto_urn) != 0)
			continue;
		p->sel = i;
		p->at_bottom = i + 1 == p->snap.n;
		p->window = p->snap.n - i + THREAD_WINDOW;
		free(p->goto_urn);
		p->goto_urn = NULL;
	}
}

static void
thread_snapshot(struct tui *t)
{
	struct pane_thread *p = &t->thread;
	char *key = NULL;
	size_t i, n;

	if (p->have_snap && p->sel < p->snap.n && !p->at_bottom) {
		const struct model_msg *m = &p->snap.msgs[p->sel];

		key = xstrdup(*m->urn != '\0' ? m->urn : m->origin_token);
	}
	thread_drop_snap(p);
	/* all messages held while looking for one (thread_show_msg()) */
	if (model_thread_snapshot(t->model, p->urn,
	                          p->goto_urn != NULL ? 0 : p->window,
	                          &p->snap) != 0)
		memset(&p->snap, 0, sizeof p->snap);
	p->have_snap = 1;
	/* The send answer names no sender (API.md §6): until a sync brings
	 * the service's copy, a message with an origin token is the user's
	 * own, only the user's sends carry one. */
	for (i = 0; i < p->snap.n; i++)
		if (p->snap.msgs[i].origin_token[0] != '\0')
			p->snap.msgs[i].mine = 1;
	p->nseen = model_get_seen(t->model, p->urn, &p->seen);
	thread_find_new(p);
	n = p->snap.n;
	p->clean = xcalloc(n + 1, sizeof p->clean[0]);
	for (i = 0; i < n; i++)
		p->clean[i] = utf8_sanitize(p->snap.msgs[i].text,
		                            strlen(p->snap.msgs[i].text),
		                            UTF8_SAN_NEWLINES);
	p->sel = n > 0 ? n - 1 : 0;
	if (key != NULL) {
		for (i = 0; i < n; i++) {
			if (strcmp(p->snap.msgs[i].urn, key) == 0 ||
			    strcmp(p->snap.msgs[i].origin_token, key) == 0) {
				p->sel = i;
				break;
			}
		}
		free(key);
	}
	thread_find_goto(t);
	p->asked_older = 0;
	thread_build(t);
	thread_scroll_to_sel(t);
}

void
thread_open(struct tui *t, const char *urn, const char *title, int unread,
            int64_t last_ms)
{
	struct pane_thread *p = &t->thread;

	thread_drop_snap(p);
	free(p->urn);
	free(p->title);
	free(p->search);
	p->search = NULL;
	p->urn = xstrdup(urn);
	p->title = xstrdup(title != NULL ? title : "");
	p->at_bottom = 1;
	p->window = THREAD_WINDOW;
	p->new_count = unread > 0 ? unread : 0;
	p->new_last_ms = last_ms;
	p->new_ms = unread > 0 ? -1 : 0; /* found once the snapshot has it */
	p->kept_unread = 0;
	free(p->goto_urn);
	p->goto_urn = NULL;
	thread_snapshot(t); /* builds the lines once, the marker included */
}

void
thread_show_msg(struct tui *t, const char *msg_urn)
{
	struct pane_thread *p = &t->thread;

	if (p->urn == NULL || msg_urn == NULL)
		return;
	free(p->goto_urn);
	p->goto_urn = xstrdup(msg_urn);
	thread_snapshot(t);
	t->dirty |= TUI_DIRTY_THREAD;
}

void
thread_refresh(struct tui *t)
{
	struct pane_thread *p = &t->thread;

	if (p->urn == NULL)
		return;
	if (p->have_snap &&
	    model_thread_version(t->model, p->urn) == p->snap.version) {
		if (p->width != t->layout.thread.w) {
			thread_build(t);
			thread_scroll_to_sel(t);
		}
		return;
	}
	thread_snapshot(t);
}

const char *
thread_selected_text(const struct tui *t)
{
	const struct pane_thread *p = &t->thread;

	if (!p->have_snap || p->sel >= p->snap.n ||
	    p->snap.msgs[p->sel].state == MODEL_MSG_RECALLED)
		return NULL;
	return p->clean[p->sel];
}

static void
thread_select(struct tui *t, size_t i)
{
	struct pane_thread *p = &t->thread;

	if (p->snap.n == 0)
		return;
	if (i >= p->snap.n)
		i = p->snap.n - 1;
	p->sel = i;
	thread_scroll_to_sel(t);
}

static void
thread_older(struct tui *t)
{
	struct pane_thread *p = &t->thread;
	uint64_t v;

	if (p->asked_older || p->urn == NULL)
		return;
	if (p->snap.total > p->snap.n) {
		/* the model holds older ones already: show more of them */
		p->window += THREAD_WINDOW;
		p->at_bottom = 0;
		thread_snapshot(t);
		return;
	}
	/* the page the worker fetches must fall inside the window */
	p->window = p->snap.total + THREAD_WINDOW;
	p->asked_older = 1;
	if (t->opts.actions.fetch_older != NULL) {
		v = model_thread_version(t->model, p->urn);
		t->opts.actions.fetch_older(t->opts.actions.ctx, p->urn);
		/* older ones read from the store at once need no notice */
		if (model_thread_version(t->model, p->urn) == v)
			tui_notice(t, 0, "Fetching older messages\xe2\x80\xa6");
	}
}

int
thread_search(struct tui *t, const char *text)
{
	struct pane_thread *p = &t->thread;
	size_t k, i;

	free(p->search);
	p->search = text != NULL && *text != '\0' ? xstrdup(text) : NULL;
	t->dirty |= TUI_DIRTY_THREAD;
	if (p->search == NULL || p->snap.n == 0)
		return 0;
	for (k = 0; k < p->snap.n; k++) {
		i = (p->sel + p->snap.n - k) % p->snap.n;
		if (inbox_match(p->clean[i], p->search)) {
			thread_select(t, i);
			return 1;
		}
	}
	return 0;
}

/* The next match from the selection, older (dir -1) or newer (+1). */
static void
thread_search_step(struct tui *t, int dir)
{
	struct pane_thread *p = &t->thread;
	size_t k, i, n = p->snap.n;

	if (p->search == NULL) {
		tui_notice(t, 0,
		           "No search: press / to search this "
		           "conversation.");
		return;
	}
	for (k = 1; k <= n; k++) {
		i = dir < 0 ? (p->sel + n - k) % n : (p->sel + k) % n;
		if (inbox_match(p->clean[i], p->search)) {
			if ((dir < 0 && i > p->sel) || (dir > 0 && i < p->sel))
				tui_notice(t, 0, "Search wrapped.");
			thread_select(t, i);
			return;
		}
	}
	tui_notice(t, 1, "Not found: %s", p->search);
}

static void
thread_cmd(void *ctx, enum cmd_id id)
{
	struct tui *t = ctx;
	struct pane_thread *p = &t->thread;
	size_t h = (size_t)(thread_height(t) > 1 ? thread_height(t) - 1 : 1);
	size_t first, last, target;

	if (p->urn == NULL) {
		if (id == CMD_BACK)
			tui_set_focus(t, TUI_FOCUS_INBOX);
		return;
	}
	switch (id) {
	case CMD_NEXT:
		thread_select(t, p->sel + 1);
		break;
	case CMD_PREV:
		if (p->sel > 0)
			thread_select(t, p->sel - 1);
		else
			thread_older(t);
		break;
	case CMD_TOP:
		thread_select(t, 0);
		thread_older(t);
		break;
	case CMD_BOTTOM:
		thread_select(t, p->snap.n > 0 ? p->snap.n - 1 : 0);
		break;
	case CMD_PAGE_UP:
	case CMD_PAGE_DOWN:
		if (p->nlines == 0)
			break;
		thread_msg_lines(p, p->sel, &first, &last);
		if (id == CMD_PAGE_UP) {
			target = first > h ? first - h : 0;
			if (first == 0)
				thread_older(t);
		} else
			target =
			    last + h < p->nlines ? last + h : p->nlines - 1;
		thread_select(t, p->lines[target].msg);
		break;
	case CMD_BACK:
		tui_set_focus(t, TUI_FOCUS_INBOX);
		break;
	case CMD_SEARCH_NEXT:
		thread_search_step(t, -1);
		break;
	case CMD_SEARCH_PREV:
		thread_search_step(t, 1);
		break;
	default:
		break;
	}
}

void
thread_register(struct tui *t)
{
	static const enum cmd_id ids[] = {
	    CMD_NEXT,   CMD_PREV,        CMD_TOP,
	    CMD_BOTTOM, CMD_PAGE_UP,     CMD_PAGE_DOWN,
	    CMD_BACK,   CMD_SEARCH_NEXT, CMD_SEARCH_PREV,
	};
	size_t i;

	for (i = 0; i < sizeof ids / sizeof ids[0]; i++)
		cmd_handlers_set(&t->handlers[KEYMAP_THREAD], ids[i],
		                 thread_cmd);
}

/* Whether s starts with q[0..qn), ignoring ASCII case. */
static int
thread_match_at(const char *s, const char *q, size_t qn)
{
	size_t i;
	char a, b;

	for (i = 0; i < qn; i++) {
		a = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
		b = q[i] >= 'A' && q[i] <= 'Z' ? (char)(q[i] + 32) : q[i];
		if (a != b)
			return 0;
	}
	return 1;
}

/* Draws text row s[start..end) with the search matches highlighted. */
static void
thread_draw_text(struct tui *t, int y, int x, int w, enum theme_elem el,
                 const char *s, size_t start, size_t end)
{
	const char *q = t->thread.search;
	size_t qn = q != NULL ? strlen(q) : 0, i = start, run = start;
	int used = 0;

	while (qn > 0 && i + qn <= end) {
		if (!thread_match_at(s + i, q, qn)) {
			i++;
			continue;
		}
		used += draw_textn(stdscr, y, x + used, w - used, el, 0,
		                   s + run, i - run);
		used += draw_textn(stdscr, y, x + used, w - used,
		                   THEME_THREAD_MATCH, 0, s + i, qn);
		i += qn;
		run = i;
	}
	used += draw_textn(stdscr, y, x + used, w - used, el, 0, s + run,
	                   end - run);
	if (used < w)
		draw_fill(stdscr, y, x + used, w - used, el);
}

/* The summary, the user's own reactions in brackets and in the colour
 * of "You": "[👍 2] ❤️ 1". */
static void
thread_draw_reactions(int y, int x, int w, const struct model_msg *m)
{
	struct reaction_item it;
	const char *p = m->reactions;
	int used = 0, mine;

	while (used < w && (p = reaction_next(p, &it)) != NULL) {
		mine = reaction_is_mine(m->my_reactions, it.emoji, it.len);
		used += draw_textf(
		    stdscr, y, x + used, w - used,
		    mine ? THEME_THREAD_ME : THEME_THREAD_REACTION, 0,
		    "%s%s%.*s %ld%s", used > 0 ? " " : "", mine ? "[" : "",
		    (int)it.len, it.emoji, it.count, mine ? "]" : "");
	}
	if (used < w)
		draw_fill(stdscr, y, x + used, w - used, THEME_THREAD_REACTION);
}

/* "Seen by Grace · 14:02", or "Seen by 3" in a group. */
static void
thread_draw_seen(struct tui *t, int y)
{
	const struct pane_thread *p = &t->thread;
	const struct screen_rect *a = &t->layout.thread;
	size_t k, n = 0, who = 0, at = thread_seen_at(p);
	char when[16], first[64];

	for (k = 0; at != (size_t)-1 && k < p->nseen; k++)
		if (p->seen[k].upto_ms >= p->snap.msgs[at].time_ms) {
			who = k;
			n++;
		}
	if (n == 1) {
		timefmt_clock((time_t)(p->seen[who].at_ms / 1000), when,
		              sizeof when);
		snprintf(first, sizeof first, "%.*s",
		         (int)strcspn(p->seen[who].name, " "),
		         p->seen[who].name);
		draw_textf(stdscr, y, a->x + THREAD_INDENT,
		           a->w - THREAD_INDENT, THEME_THREAD_TIME,
		           DRAW_PAD | DRAW_ELLIPSIS, "Seen by %s \xc2\xb7 %s",
		           *first != '\0' ? first : "them", when);
	} else
		draw_textf(stdscr, y, a->x + THREAD_INDENT,
		           a->w - THREAD_INDENT, THEME_THREAD_TIME,
		           DRAW_PAD | DRAW_ELLIPSIS, "Seen by %zu", n);
	draw_fill(stdscr, y, a->x, THREAD_INDENT, THEME_THREAD_TEXT);
}

static void
thread_draw_line(struct tui *t, int y, const struct thread_line *l)
{
	const struct pane_thread *p = &t->thread;
	const struct screen_rect *a = &t->layout.thread;
	const struct model_msg *m = &p->snap.msgs[l->msg];
	int sel = l->msg == p->sel && t->focus == TUI_FOCUS_THREAD;
	enum theme_elem bg = sel ? THEME_THREAD_SELECTED : THEME_THREAD_TEXT;
	int x = a->x + THREAD_INDENT, w = a->w - THREAD_INDENT, used;
	char buf[64], when[16];

	if (l->kind == TL_NEW) {
		draw_text(stdscr, y, a->x, a->w, THEME_THREAD_DAY, DRAW_PAD,
		          "\xe2\x94\x80\xe2\x94\x80 new messages "
		          "\xe2\x94\x80\xe2\x94\x80");
		return;
	}
	if (l->kind == TL_SEEN) {
		thread_draw_seen(t, y);
		return;
	}
	if (l->kind == TL_DAY) {
		timefmt_day((time_t)(m->time_ms / 1000), t->now, buf,
		            sizeof buf);
		draw_textf(
		    stdscr, y, a->x, a->w, THEME_THREAD_DAY, DRAW_PAD,
		    "\xe2\x94\x80\xe2\x94\x80 %s \xe2\x94\x80\xe2\x94\x80",
		    buf);
		return;
	}
	draw_text(stdscr, y, a->x, THREAD_INDENT,
	          sel ? THEME_THREAD_SELECTED : THEME_THREAD_TEXT, DRAW_PAD,
	          sel ? "\xe2\x96\x8c" : "");
	switch (l->kind) {
	case TL_HEADER:
		used =
		    draw_text(stdscr, y, x, w,
		              m->mine ? THEME_THREAD_ME : THEME_THREAD_OTHER,
		              DRAW_ELLIPSIS, m->mine ? "You" : m->sender_name);
		timefmt_clock((time_t)(m->time_ms / 1000), when, sizeof when);
		used += draw_textf(stdscr, y, x + used, w - used,
		                   THEME_THREAD_TIME, 0, "  %s", when);
		if (m->state == MODEL_MSG_PENDING)
			used += draw_text(stdscr, y, x + used, w - used,
			                  THEME_THREAD_PENDING, 0,
			                  "  sending\xe2\x80\xa6");
		else if (m->state == MODEL_MSG_FAILED)
			used += draw_text(stdscr, y, x + used, w - used,
			                  THEME_THREAD_FAILED, 0, "  not sent");
		else if (m->state == MODEL_MSG_EDITED)
			used += draw_text(stdscr, y, x + used, w - used,
			                  THEME_THREAD_EDITED, 0, "  (edited)");
		draw_fill(stdscr, y, x + used, w - used, bg);
		break;
	case TL_TEXT:
		if (m->state == MODEL_MSG_RECALLED)
			draw_text(stdscr, y, x, w, THEME_THREAD_DELETED,
			          DRAW_PAD, "This message was deleted.");
		else
			thread_draw_text(t, y, x, w,
			                 m->state == MODEL_MSG_PENDING
			                     ? THEME_THREAD_PENDING
			                     : bg,
			                 p->clean[l->msg], l->start, l->end);
		break;
	case TL_ATTACH:
		draw_textf(stdscr, y, x, w, THEME_THREAD_ATTACHMENT,
		           DRAW_PAD | DRAW_ELLIPSIS, "[attachment] %s %s",
		           m->attach_name, m->attach_url);
		break;
	case TL_REACT:
		thread_draw_reactions(y, x, w, m);
		break;
	case TL_STATE:
		draw_text(stdscr, y, x, w, THEME_THREAD_FAILED,
		          DRAW_PAD | DRAW_ELLIPSIS,
		          "Not sent. Select it and press "
		          "e to edit and send again.");
		break;
	default:
		break;
	}
}

/* The dot before a 1:1's name when the other person is online (presence,
 * API.md §12); the columns it took. */
static int
thread_draw_online(struct tui *t)
{
	const struct screen_rect *a = &t->layout.thread;
	struct model_presence pr;

	if (t->thread.urn == NULL || a->w < 4 ||
	    model_peer_presence(t->model, t->thread.urn, &pr) != 0 ||
	    !pr.online)
		return 0;
	draw_text(stdscr, a->y, a->x, 1, THEME_THREAD_ONLINE, 0,
	          "\xe2\x97\x8f"); /* ● */
	draw_text(stdscr, a->y, a->x + 1, 1, THEME_THREAD_TITLE, DRAW_PAD, "");
	return 2;
}

/* The title row: who the conversation is with (a dot if online), and who
 * is typing. */
static void
thread_draw_title(struct tui *t)
{
	struct pane_thread *p = &t->thread;
	const struct screen_rect *a = &t->layout.thread;
	char *who = NULL;
	int used, x = a->x + thread_draw_online(t), w = a->w - (x - a->x);

	p->typing_until = 0;
	if (p->urn != NULL)
		who = model_get_typing(t->model, p->urn, clock_mono_ms(),
		                       &p->typing_until);
	if (who == NULL) {
		draw_text(stdscr, a->y, x, w, THEME_THREAD_TITLE,
		          DRAW_PAD | DRAW_ELLIPSIS,
		          p->urn != NULL ? p->title : "");
		return;
	}
	used = draw_text(stdscr, a->y, x, w, THEME_THREAD_TITLE, DRAW_ELLIPSIS,
	                 p->title);
	draw_textf(stdscr, a->y, x + used, w - used, THEME_THREAD_TIME,
	           DRAW_PAD | DRAW_ELLIPSIS, "  %.*s is typing\xe2\x80\xa6",
	           (int)strcspn(who, " "), *who != '\0' ? who : "someone");
	free(who);
}

void
thread_draw(struct tui *t)
{
	struct pane_thread *p = &t->thread;
	const struct screen_rect *a = &t->layout.thread;
	int y, h = thread_height(t);
	size_t i;

	if (p->urn != NULL && p->width != a->w) {
		thread_build(t);
		thread_scroll_to_sel(t);
	}
	thread_draw_title(t);
	for (y = 0; y < h; y++) {
		i = p->top + (size_t)y;
		if (p->urn == NULL || i >= p->nlines) {
			draw_fill(stdscr, a->y + 1 + y, a->x, a->w,
			          THEME_THREAD_TEXT);
			continue;
		}
		thread_draw_line(t, a->y + 1 + y, &p->lines[i]);
	}
	if (p->urn == NULL && h > 2)
		draw_text(stdscr, a->y + 2, a->x + 2, a->w - 2,
		          THEME_COMPOSE_HINT, DRAW_PAD,
		          "Select a conversation and press Enter.");
	else if (p->urn != NULL && p->snap.n == 0 && h > 2)
		draw_text(stdscr, a->y + 2, a->x + 2, a->w - 2,
		          THEME_COMPOSE_HINT, DRAW_PAD, "No messages yet.");
	if (p->urn != NULL && p->request)
		draw_text(stdscr, a->y + 1 + h, a->x, a->w, THEME_COMPOSE_HINT,
		          DRAW_PAD | DRAW_ELLIPSIS,
		          "  Reply to accept this message request.");
}
