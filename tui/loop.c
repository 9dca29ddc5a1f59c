/* loop.c — the UI thread: tui_run()'s poll loop, key dispatch, focus and
 * the commands that span panes.
 *
 * Each turn: poll() the terminal, the signal pipe and the model's wake fd
 * (no timeout unless the status bar shows a running clock); key handlers
 * and model changes only set dirty flags; then the dirty panes are drawn
 * into stdscr and doupdate() runs once.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "dlg.h"
#include "draw.h"
#include "help.h"
#include "keys.h"
#include "opener.h"
#include "pane-compose.h"
#include "pane-inbox.h"
#include "pane-thread.h"
#include "statusbar.h"
#include "timing.h"
#include "utf8.h"
#include "xmalloc.h"

void
tui_notice(struct tui *t, int error, const char *fmt, ...)
{
	va_list ap;

	free(t->message);
	va_start(ap, fmt);
	t->message = xvasprintf(fmt, ap);
	va_end(ap);
	t->message_error = error;
	t->dirty |= TUI_DIRTY_STATUS;
}

void
tui_relayout(struct tui *t, int rows, int cols)
{
	/* the compose box's height depends on its width: lay out twice */
	screen_layout(rows, cols, t->inbox_width, 1, &t->layout);
	if (!t->layout.too_small)
		screen_layout(rows, cols, t->inbox_width, compose_rows(t),
		              &t->layout);
	t->dirty |= TUI_DIRTY_ALL;
	erase();
}

/* A message that arrives in the conversation on screen has been seen:
 * mark it read as opening it would have, so it does not stay unread. */
static void
tui_mark_open_read(struct tui *t)
{
	const struct model_inbox_row *row;

	if (!t->mark_read_on_open || t->thread.urn == NULL ||
	    t->focus == TUI_FOCUS_INBOX)
		return;
	for (size_t i = 0; i < t->inbox.snap.n; i++) {
		row = &t->inbox.snap.rows[i];
		if (strcmp(row->urn, t->thread.urn) != 0)
			continue;
		if (row->unread > 0 || !row->read) {
			if (t->opts.actions.mark_read != NULL)
				t->opts.actions.mark_read(t->opts.actions.ctx,
				                          row->urn, 1);
			inbox_refresh(t);
		}
		return;
	}
}

void
tui_model_changed(struct tui *t)
{
	dlg_message_follow_sent(t);
	inbox_refresh(t);
	tui_mark_open_read(t);
	thread_refresh(t);
	t->seen_version = model_version(t->model);
	t->dirty |= TUI_DIRTY_STATUS;
	dlg_model_changed(t);
}

void
tui_set_focus(struct tui *t, enum tui_focus f)
{
	if (f != TUI_FOCUS_INBOX && t->thread.urn == NULL)
		f = TUI_FOCUS_INBOX;
	if (t->focus == TUI_FOCUS_COMPOSE && f != TUI_FOCUS_COMPOSE)
		compose_save(t);
	t->focus = f;
	t->dirty |= TUI_DIRTY_ALL;
}

void
tui_open_selected(struct tui *t, int focus_compose)
{
	const char *urn = inbox_selected(t);
	const struct model_inbox_row *row;
	char *u, *title;

	if (urn == NULL)
		return;
	u = xstrdup(urn);
	row = &t->inbox.snap.rows[t->inbox.view[t->inbox.sel]];
	if (t->thread.urn == NULL || strcmp(t->thread.urn, u) != 0) {
		/* an edit belongs to the conversation it started in */
		free(t->edit_urn);
		t->edit_urn = NULL;
		if (row->more > 0) {
			/* the title counts who the row does not name */
			title = xasprintf("%s +%zu", row->name, row->more);
			thread_open(t, u, title);
			free(title);
		} else
			thread_open(t, u, row->name);
		compose_switch(t, u);
		if (t->opts.actions.open != NULL)
			t->opts.actions.open(t->opts.actions.ctx, u);
	}
	if (t->mark_read_on_open && (row->unread > 0 || !row->read)) {
		if (t->opts.actions.mark_read != NULL)
			t->opts.actions.mark_read(t->opts.actions.ctx, u, 1);
		tui_model_changed(t);
	}
	tui_set_focus(t, focus_compose ? TUI_FOCUS_COMPOSE : TUI_FOCUS_THREAD);
	free(u);
}

/* Whether any held message is still being sent. */
static int
tui_send_pending(struct tui *t)
{
	struct model_inbox in;
	struct model_thread th;
	size_t i, j;
	int pending = 0;

	model_inbox_snapshot(t->model, 0, &in);
	for (i = 0; i < in.n && !pending; i++) {
		if (model_thread_snapshot(t->model, in.rows[i].urn, 20, &th) !=
		    0)
			continue;
		for (j = 0; j < th.n; j++)
			pending |= th.msgs[j].state == MODEL_MSG_PENDING;
		model_thread_release(&th);
	}
	model_inbox_release(&in);
	return pending;
}

static void
tui_unavailable(struct tui *t, enum cmd_id id)
{
	tui_notice(t, 1, "\"%s\" is not available in this version yet.",
	           cmd_get(id)->name);
}

static void
tui_open_prompt(struct tui *t, enum tui_prompt kind)
{
	t->prompt = kind;
	edit_set_text(t->prompt_ed, kind == TUI_PROMPT_FILTER
	                                ? t->inbox.filter
	                                : t->thread.search);
	t->dirty |= TUI_DIRTY_STATUS;
}

static void
tui_quote(struct tui *t)
{
	const char *s = thread_selected_text(t), *nl;
	struct buf b;

	if (s == NULL)
		return;
	buf_init(&b, 0);
	for (;;) {
		nl = strchr(s, '\n');
		buf_addstr(&b, "> ");
		buf_add(&b, s, nl != NULL ? (size_t)(nl - s) : strlen(s));
		buf_addc(&b, '\n');
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	tui_set_focus(t, TUI_FOCUS_COMPOSE);
	compose_insert(t, b.data, b.len);
	buf_release(&b);
}

/* e on your last sent message: its text into the compose box, where
 * Enter saves the edit (tui_compose_send). */
static void
tui_edit_sent(struct tui *t)
{
	struct pane_thread *p = &t->thread;
	const struct model_msg *m = NULL;
	size_t i;

	for (i = p->snap.n; i > 0 && m == NULL; i--) {
		if (p->snap.msgs[i - 1].mine && p->snap.msgs[i - 1].urn[0] &&
		    (p->snap.msgs[i - 1].state == MODEL_MSG_SENT ||
		     p->snap.msgs[i - 1].state == MODEL_MSG_EDITED))
			m = &p->snap.msgs[i - 1];
	}
	if (m == NULL) {
		tui_notice(t, 1, "You have no sent message here to edit.");
		return;
	}
	if (t->opts.actions.edit == NULL) {
		tui_notice(t, 1, "Editing needs the service: not connected.");
		return;
	}
	free(t->edit_urn);
	t->edit_urn = xstrdup(m->urn);
	tui_set_focus(t, TUI_FOCUS_COMPOSE);
	edit_set_text(t->compose.ed, NULL);
	compose_insert(t, m->text, strlen(m->text));
	tui_notice(t, 0, "Editing your message: Enter saves, Esc cancels.");
}

/* e on a failed message: take its text back into the compose box;
 * otherwise edit the last sent one. */
static void
tui_edit_last(struct tui *t)
{
	struct pane_thread *p = &t->thread;
	const struct model_msg *m;
	char *text, *tok;

	if (!p->have_snap || p->sel >= p->snap.n)
		return;
	m = &p->snap.msgs[p->sel];
	if (m->state != MODEL_MSG_FAILED) {
		tui_edit_sent(t);
		return;
	}
	text = xstrdup(m->text);
	tok = xstrdup(m->origin_token);
	if (t->opts.actions.take_back != NULL)
		t->opts.actions.take_back(t->opts.actions.ctx, tok);
	tui_set_focus(t, TUI_FOCUS_COMPOSE);
	edit_set_text(t->compose.ed, NULL);
	compose_insert(t, text, strlen(text));
	tui_model_changed(t);
	free(text);
	free(tok);
}

/* o: the selected message's first link to the opener, or to the status
 * bar where there is no display to open it on. */
static void
tui_open_link(struct tui *t)
{
	const struct config *c = t->opts.config;
	const char *s = thread_selected_text(t), *u;
	const char *opener =
	    c != NULL && c->opener != NULL ? c->opener : "xdg-open";
	size_t len;
	char *url;

	if (s == NULL || (u = opener_find_link(s, &len)) == NULL) {
		tui_notice(t, 0, "No link in this message.");
		return;
	}
	url = xstrndup(u, len);
	if (opener_have_display() && opener_run(opener, url) == 0)
		tui_notice(t, 0, "Opening %s", url);
	else
		tui_notice(t, 0, "Link: %s", url);
	free(url);
}

/* y: the selected message to the terminal's clipboard (OSC 52), only
 * when the user asked for it: a terminal may refuse or log it. */
static void
tui_copy(struct tui *t)
{
	const struct config *c = t->opts.config;
	const char *s = thread_selected_text(t);
	char *seq;
	size_t len, off = 0;
	ssize_t n;

	if (c == NULL || c->clipboard == NULL ||
	    strcmp(c->clipboard, "osc52") != 0) {
		tui_notice(t, 1,
		           "Copying needs clipboard = osc52 in the [ui] "
		           "section of the config.");
		return;
	}
	if (s == NULL)
		return;
	seq = opener_osc52(s);
	len = strlen(seq);
	fflush(stdout);
	while (off < len &&
	       (n = write(STDOUT_FILENO, seq + off, len - off)) > 0)
		off += (size_t)n;
	free(seq);
	tui_notice(t, 0, "Copied the message to the clipboard.");
}

/* p: in the thread, the selected message's other person (or the
 * conversation's first other participant); elsewhere, ask. */
static void
tui_profile(struct tui *t)
{
	const struct pane_thread *p = &t->thread;
	struct model_participant *v;
	const char *me = NULL;
	char *who = NULL;
	size_t i, n;

	if (t->focus == TUI_FOCUS_INBOX || p->urn == NULL || !p->have_snap) {
		dlg_profile_open(t, NULL);
		return;
	}
	for (i = 0; i < p->snap.n; i++)
		if (p->snap.msgs[i].mine)
			me = p->snap.msgs[i].sender_urn;
	if (p->sel < p->snap.n && !p->snap.msgs[p->sel].mine &&
	    p->snap.msgs[p->sel].sender_urn[0] != '\0')
		who = xstrdup(p->snap.msgs[p->sel].sender_urn);
	n = model_participants(t->model, p->urn, &v);
	for (i = 0; i < n && who == NULL; i++)
		if (me == NULL || strcmp(v[i].urn, me) != 0)
			who = xstrdup(v[i].urn);
	model_participants_free(v, n);
	dlg_profile_open(t, who);
	free(who);
}

static void
tui_global_cmd(void *ctx, enum cmd_id id)
{
	struct tui *t = ctx;
	static const enum tui_focus next[] = {
	    TUI_FOCUS_THREAD, TUI_FOCUS_COMPOSE, TUI_FOCUS_INBOX};
	static const enum tui_focus prev[] = {
	    TUI_FOCUS_COMPOSE, TUI_FOCUS_INBOX, TUI_FOCUS_THREAD};

	switch (id) {
	case CMD_QUIT:
		if (!t->quit && t->message != NULL &&
		    strstr(t->message, "press q again") != NULL) {
			t->quit = 1;
			break;
		}
		if (tui_send_pending(t)) {
			tui_notice(t, 1,
			           "Still sending: press q again to "
			           "quit anyway.");
			break;
		}
		t->quit = 1;
		break;
	case CMD_HELP:
		t->help_open = 1;
		t->help_top = 0;
		t->dirty |= TUI_DIRTY_ALL;
		break;
	case CMD_FOCUS_NEXT:
	case CMD_FOCUS_PREV:
		if (t->thread.urn == NULL) {
			tui_open_selected(t, 0);
			break;
		}
		tui_set_focus(t, id == CMD_FOCUS_NEXT ? next[t->focus]
		                                      : prev[t->focus]);
		break;
	case CMD_SYNC:
		if (t->opts.actions.sync == NULL) {
			tui_notice(t, 1,
			           "Cannot sync: not connected to the "
			           "service.");
			break;
		}
		t->opts.actions.sync(t->opts.actions.ctx);
		tui_notice(t, 0, "Syncing\xe2\x80\xa6");
		break;
	case CMD_NEXT_UNREAD:
		if (!inbox_next_unread(t)) {
			tui_notice(t, 0, "No unread conversations.");
			break;
		}
		tui_open_selected(t, 0);
		break;
	case CMD_REPLY:
		tui_set_focus(t, TUI_FOCUS_COMPOSE);
		break;
	case CMD_QUOTE:
		tui_quote(t);
		break;
	case CMD_SEARCH:
		tui_open_prompt(t, t->focus == TUI_FOCUS_INBOX
		                       ? TUI_PROMPT_FILTER
		                       : TUI_PROMPT_SEARCH);
		break;
	case CMD_EDIT_LAST:
		tui_edit_last(t);
		break;
	case CMD_OPEN_LINK:
		if (t->focus == TUI_FOCUS_INBOX)
			tui_unavailable(t, id);
		else
			tui_open_link(t);
		break;
	case CMD_COPY:
		tui_copy(t);
		break;
	case CMD_MARK_READ:
	case CMD_MARK_UNREAD:
		if (t->thread.urn == NULL)
			break;
		if (t->opts.actions.mark_read != NULL)
			t->opts.actions.mark_read(t->opts.actions.ctx,
			                          t->thread.urn,
			                          id == CMD_MARK_READ);
		tui_model_changed(t);
		break;
	case CMD_PROFILE:
		tui_profile(t);
		break;
	case CMD_CONNECT:
		dlg_connect_open(t, NULL);
		break;
	case CMD_INVITATIONS:
		dlg_invite_open(t);
		break;
	case CMD_NEW:
		dlg_message_open(t, NULL, NULL, NULL);
		break;
	case CMD_REACT:
		dlg_react_open(t);
		break;
	case CMD_DELETE:
		dlg_recall_open(t);
		break;
	default:
		tui_unavailable(t, id);
		break;
	}
}

/* Enter in the compose box while editing a sent message saves the edit;
 * Esc gives it up.  Otherwise the compose box's own commands. */
static void
tui_compose_cmd(void *ctx, enum cmd_id id)
{
	struct tui *t = ctx;

	if (t->edit_urn != NULL) {
		/* too long: stay in the edit with the text */
		if (id == CMD_SEND &&
		    compose_too_long(t, edit_text(t->compose.ed)))
			return;
		if (id == CMD_SEND && edit_len(t->compose.ed) > 0)
			t->opts.actions.edit(t->opts.actions.ctx, t->edit_urn,
			                     edit_text(t->compose.ed));
		if (id == CMD_SEND)
			tui_notice(t, 0, "Saving the edit\xe2\x80\xa6");
		free(t->edit_urn);
		t->edit_urn = NULL;
		edit_clear(t->compose.ed);
		compose_save(t);
		tui_relayout(t, t->layout.rows, t->layout.cols);
		if (id == CMD_SEND)
			return;
	}
	if (id == CMD_SEND)
		t->compose_send(ctx, id);
	else
		t->compose_back(ctx, id);
}

static void
tui_register(struct tui *t)
{
	static const enum cmd_id global[] = {
	    CMD_QUIT,       CMD_HELP,    CMD_FOCUS_NEXT,
	    CMD_FOCUS_PREV, CMD_SYNC,    CMD_NEXT_UNREAD,
	    CMD_PROFILE,    CMD_CONNECT, CMD_INVITATIONS,
	};
	static const enum cmd_id inbox[] = {CMD_SEARCH, CMD_NEW, CMD_OPEN_LINK};
	static const enum cmd_id thread[] = {
	    CMD_REPLY,     CMD_QUOTE,       CMD_SEARCH, CMD_EDIT_LAST,
	    CMD_MARK_READ, CMD_MARK_UNREAD, CMD_COPY,   CMD_DELETE,
	    CMD_REACT,     CMD_OPEN_LINK,
	};
	size_t i;
	int p;

	for (p = 0; p < KEYMAP_COUNT; p++)
		cmd_handlers_init(&t->handlers[p], t);
	for (i = 0; i < sizeof global / sizeof global[0]; i++)
		cmd_handlers_set(&t->handlers[KEYMAP_GLOBAL], global[i],
		                 tui_global_cmd);
	for (i = 0; i < sizeof inbox / sizeof inbox[0]; i++)
		cmd_handlers_set(&t->handlers[KEYMAP_INBOX], inbox[i],
		                 tui_global_cmd);
	for (i = 0; i < sizeof thread / sizeof thread[0]; i++)
		cmd_handlers_set(&t->handlers[KEYMAP_THREAD], thread[i],
		                 tui_global_cmd);
	inbox_register(t);
	thread_register(t);
	compose_register(t);
	t->compose_send = t->handlers[KEYMAP_COMPOSE].fn[CMD_SEND];
	t->compose_back = t->handlers[KEYMAP_COMPOSE].fn[CMD_BACK];
	cmd_handlers_set(&t->handlers[KEYMAP_COMPOSE], CMD_SEND,
	                 tui_compose_cmd);
	cmd_handlers_set(&t->handlers[KEYMAP_COMPOSE], CMD_BACK,
	                 tui_compose_cmd);
	/* the compose box's Tab cycles focus like everywhere else */
	cmd_handlers_set(&t->handlers[KEYMAP_COMPOSE], CMD_FOCUS_NEXT,
	                 tui_global_cmd);
	cmd_handlers_set(&t->handlers[KEYMAP_COMPOSE], CMD_FOCUS_PREV,
	                 tui_global_cmd);
}

struct tui *
tui_new(const struct tui_opts *o)
{
	struct tui *t = xcalloc(1, sizeof *t);

	t->opts = *o;
	t->model = o->model;
	t->km = keymap_new();
	t->theme = theme_new();
	t->prompt_ed = edit_new();
	t->mark_read_on_open =
	    o->config != NULL ? o->config->mark_read_on_open : 1;
	t->now = time(NULL);
	inbox_init(t);
	thread_init(t);
	compose_init(t);
	tui_register(t);
	t->dirty = TUI_DIRTY_ALL;
	return t;
}

void
tui_free(struct tui *t)
{
	size_t i;

	if (t == NULL)
		return;
	dlg_discard(t);
	free(t->edit_urn);
	compose_free(t);
	thread_free(t);
	inbox_free(t);
	edit_free(t->prompt_ed);
	keymap_free(t->km);
	theme_free(t->theme);
	free(t->message);
	for (i = 0; i < t->nproblems; i++)
		free(t->problems[i]);
	free(t->problems);
	free(t);
}

static void
tui_prompt_key(struct tui *t, int key)
{
	enum cmd_id id = keymap_lookup(t->km, KEYMAP_DIALOG, key);
	char b[4];

	if (id == CMD_CONFIRM || id == CMD_CANCEL) {
		if (id == CMD_CANCEL)
			edit_clear(t->prompt_ed);
		if (t->prompt == TUI_PROMPT_FILTER)
			inbox_set_filter(t, edit_text(t->prompt_ed));
		else if (!thread_search(t, edit_text(t->prompt_ed)) &&
		         edit_len(t->prompt_ed) > 0)
			tui_notice(t, 1, "Not found: %s",
			           edit_text(t->prompt_ed));
		t->prompt = TUI_PROMPT_NONE;
		t->dirty |= TUI_DIRTY_ALL;
		return;
	}
	if (!tui_edit_cmd(t->prompt_ed, id, 1000)) {
		if (id != CMD_NONE || !keys_is_text(key))
			return;
		edit_insert(t->prompt_ed, b, utf8_encode((uint32_t)key, b));
	}
	if (t->prompt == TUI_PROMPT_FILTER)
		inbox_set_filter(t, edit_text(t->prompt_ed));
	else
		thread_search(t, edit_text(t->prompt_ed));
	t->dirty |= TUI_DIRTY_STATUS;
}

void
tui_key(struct tui *t, int key)
{
	static const enum keymap_pane panes[] = {KEYMAP_INBOX, KEYMAP_THREAD,
	                                         KEYMAP_COMPOSE};
	enum keymap_pane pane = panes[t->focus];
	enum cmd_id id;
	char b[4];

	if (key == KEYC_NONE || key == KEYC_RESIZE)
		return;
	if (t->message != NULL && strstr(t->message, "press q again") == NULL) {
		free(t->message);
		t->message = NULL;
		t->dirty |= TUI_DIRTY_STATUS;
	}
	if (t->layout.too_small) {
		if (keymap_lookup(t->km, KEYMAP_GLOBAL, key) == CMD_QUIT)
			t->quit = 1;
		return;
	}
	if (t->help_open) {
		help_key(t, key);
		return;
	}
	if (t->dlg != NULL) {
		dlg_key(t, key);
		return;
	}
	if (t->prompt != TUI_PROMPT_NONE) {
		tui_prompt_key(t, key);
		return;
	}
	id = keymap_lookup(t->km, pane, key);
	if (id != CMD_NONE) {
		if (!cmd_run(&t->handlers[pane], id) &&
		    !cmd_run(&t->handlers[KEYMAP_GLOBAL], id))
			tui_unavailable(t, id);
	} else if (pane == KEYMAP_COMPOSE && keys_is_text(key))
		compose_insert(t, b, utf8_encode((uint32_t)key, b));
	if (t->message != NULL && strstr(t->message, "press q again") &&
	    id != CMD_QUIT) {
		free(t->message);
		t->message = NULL;
	}
}

/* Draws what is dirty; returns the status bar's next tick in ms or -1. */
static long
tui_draw_dirty(struct tui *t)
{
	long tick = -1;
	unsigned dirty = t->dirty;

	if (t->layout.too_small) {
		if (t->dirty)
			screen_draw_too_small();
		t->dirty = 0;
		curs_set(0);
		return -1;
	}
	if (t->help_open) {
		if (t->dirty & (TUI_DIRTY_HELP | TUI_DIRTY_ALL))
			help_draw(t);
		if (t->dirty & TUI_DIRTY_STATUS)
			tick = statusbar_draw(t);
		t->dirty = 0;
		curs_set(0);
		return tick;
	}
	if (t->dirty & TUI_DIRTY_FRAME) {
		draw_vline(stdscr, t->layout.border.y, t->layout.border.x,
		           t->layout.border.h, THEME_BORDER);
		draw_hline(stdscr, t->layout.compose_border.y,
		           t->layout.compose_border.x,
		           t->layout.compose_border.w, THEME_BORDER);
	}
	if (t->dirty & TUI_DIRTY_INBOX)
		inbox_draw(t);
	if (t->dirty & TUI_DIRTY_THREAD)
		thread_draw(t);
	if (t->dirty & TUI_DIRTY_COMPOSE)
		compose_draw(t);
	tick = statusbar_draw(t);
	t->dirty = 0;
	if (t->dlg != NULL) {
		if (dirty != 0)
			dlg_draw(t);
		else if (t->dlg->cur_y >= 0)
			move(t->dlg->cur_y, t->dlg->cur_x);
	} else if (t->prompt != TUI_PROMPT_NONE) {
		statusbar_cursor(t);
		curs_set(1);
	} else if (t->focus == TUI_FOCUS_COMPOSE) {
		compose_cursor(t);
		curs_set(1);
	} else
		curs_set(0);
	return tick;
}

long
tui_draw(struct tui *t)
{
	long tick = tui_draw_dirty(t);

	wnoutrefresh(stdscr);
	doupdate();
	return tick;
}

static void
tui_drain(int fd)
{
	char buf[64];

	while (read(fd, buf, sizeof buf) > 0)
		;
}

/* Applies the theme and [keys] from the config; problems become notices. */
static void
tui_configure(struct tui *t)
{
	const struct config *c = t->opts.config;
	struct lc_error err;
	const char *where;
	size_t i;

	if (c == NULL)
		return;
	if (c->theme != NULL && theme_load(t->theme, c->theme, &err) != LC_OK)
		tui_notice(t, 1, "%s", err.msg);
	where = c->path != NULL ? c->path : "config";
	for (i = 0; i < c->nkeys; i++) {
		if (keymap_set(t->km, c->keys[i].name, c->keys[i].value, where,
		               &err) != LC_OK)
			tui_notice(t, 1, "%s", err.msg);
	}
}

enum lc_err
tui_run(const struct tui_opts *o, struct lc_error *err)
{
	struct tui *t;
	struct pollfd pfd[3];
	enum lc_err rc;
	long tick;
	int nfd, ev, key, n;

	t = tui_new(o);
	tui_configure(t);
	if ((rc = screen_init(t->theme, err)) != LC_OK) {
		tui_free(t);
		return rc;
	}
	tui_relayout(t, LINES, COLS);
	tui_model_changed(t);
	while (!t->quit) {
		t->now = time(NULL);
		tick = tui_draw(t);
		if (!t->layout.too_small && !t->help_open && t->dlg == NULL)
			timing_first_frame(); /* --timing: once */
		if (!t->drawn) {
			t->drawn = 1;
			if (o->actions.first_frame != NULL)
				o->actions.first_frame(o->actions.ctx);
		}

		pfd[0] = (struct pollfd){STDIN_FILENO, POLLIN, 0};
		pfd[1] = (struct pollfd){screen_signal_fd(), POLLIN, 0};
		nfd = 2;
		if (o->wake_fd >= 0)
			pfd[nfd++] = (struct pollfd){o->wake_fd, POLLIN, 0};
		n = poll(pfd, (nfds_t)nfd, tick > 0 ? (int)tick : -1);
		if (n < 0 && errno != EINTR)
			break;
		t->now = time(NULL);
		if (n == 0)
			t->dirty |= TUI_DIRTY_STATUS;
		if (pfd[1].revents & POLLIN) {
			ev = screen_signals();
			if (ev & SCREEN_EV_QUIT)
				t->quit = 1;
			if (ev & SCREEN_EV_RESIZE)
				tui_relayout(t, LINES, COLS);
		}
		if (nfd > 2 && (pfd[2].revents & POLLIN)) {
			if (o->actions.wake_drain != NULL)
				o->actions.wake_drain(o->actions.ctx);
			else
				tui_drain(o->wake_fd);
			tui_model_changed(t);
		}
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			t->quit = 1;
		if (pfd[0].revents & POLLIN) {
			if (o->actions.user_active != NULL)
				o->actions.user_active(o->actions.ctx);
			while ((key = keys_read()) != KEYC_NONE) {
				if (key == KEYC_RESIZE)
					tui_relayout(t, LINES, COLS);
				else
					tui_key(t, key);
			}
		}
		if (model_version(t->model) != t->seen_version)
			tui_model_changed(t);
	}
	compose_save(t);
	screen_fini();
	tui_free(t);
	return LC_OK;
}
