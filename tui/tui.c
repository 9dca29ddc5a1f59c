/* tui.c — the UI thread: tui_run()'s poll loop, key dispatch and focus.
 *
 * Each turn: poll() the terminal, the signal pipe and the model's wake fd
 * (no timeout unless the status bar shows a running clock); key handlers
 * and model changes only set dirty flags; then the dirty panes are drawn
 * into stdscr and doupdate() runs once.
 *
 * A key becomes a command through the keymap of the focused pane; the
 * command table (cmd.c) runs it if it is one of the commands that span
 * panes, else the pane's own handler does.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/cmd-triage.h"
#include "tui/cmd-ui.h"
#include "tui/dlg.h"
#include "tui/draw.h"
#include "tui/help.h"
#include "tui/keys.h"
#include "tui/notify.h"
#include "tui/pane-compose.h"
#include "tui/pane-inbox.h"
#include "tui/pane-thread.h"
#include "tui/statusbar.h"
#include "tui/timing.h"
#include "core/utf8.h"
#include "core/clock.h"
#include "core/xmalloc.h"

/* A new notice replaces quit's question, and so disarms it. */
void
tui_notice(struct tui *t, int error, const char *fmt, ...)
{
	va_list ap;

	t->quit_armed = 0;
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
 * mark it read as opening it would have, so it does not stay unread.
 * One the user marked unread here (M) stays so until newer activity. */
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
		if (t->thread.kept_unread != 0 &&
		    row->last_ms <= t->thread.kept_unread)
			return;
		t->thread.kept_unread = 0;
		if (row->unread > 0 || !row->read) {
			if (t->opts.actions.mark_read != NULL)
				t->opts.actions.mark_read(t->opts.actions.ctx,
				                          row->urn, 1);
			inbox_refresh(t);
		}
		return;
	}
}

/* Whether the open conversation is a message request (its inbox row
 * says): the thread's hint row "Reply to accept" comes and goes with it. */
static void
tui_check_request(struct tui *t)
{
	const struct model_inbox_row *r = inbox_row(t, t->thread.urn);
	int req = r != NULL && folder_holds(FOLDER_REQUESTS, r->categories);

	if (req != t->thread.request) {
		t->thread.request = req;
		t->thread.width = -1; /* lay out again for the new height */
		t->dirty |= TUI_DIRTY_THREAD;
	}
}

void
tui_model_changed(struct tui *t)
{
	dlg_message_follow_sent(t);
	inbox_refresh(t);
	tui_mark_open_read(t);
	tui_check_request(t);
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
	int unread;

	if (urn == NULL)
		return;
	u = xstrdup(urn);
	row = &t->inbox.snap.rows[t->inbox.view[t->inbox.sel]];
	if (t->thread.urn == NULL || strcmp(t->thread.urn, u) != 0) {
		/* an edit belongs to the conversation it started in */
		free(t->edit_urn);
		t->edit_urn = NULL;
		unread = row->unread > 0 ? row->unread : (row->read ? 0 : 1);
		if (row->more > 0) {
			/* the title counts who the row does not name */
			title = xasprintf("%s +%zu", row->name, row->more);
			thread_open(t, u, title, unread, row->last_ms);
			free(title);
		} else
			thread_open(t, u, row->name, unread, row->last_ms);
		tui_check_request(t);
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

static void
tui_unavailable(struct tui *t, enum cmd_id id)
{
	tui_notice(t, 1, "\"%s\" is not available in this version yet.",
	           cmd_get(id)->name);
}

/* The panes' own commands; the ones that span panes are cmd.c's table. */
static void
tui_register(struct tui *t)
{
	int p;

	for (p = 0; p < KEYMAP_COUNT; p++)
		cmd_handlers_init(&t->handlers[p], t);
	inbox_register(t);
	thread_register(t);
	compose_register(t);
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
	t->next_unread_folders =
	    o->config != NULL ? o->config->next_unread_folders : 1;
	t->undo.op = -1;
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
	for (i = 0; i < t->undo.n; i++)
		free(t->undo.urns[i]);
	free(t->undo.urns);
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

static void
tui_key_route(struct tui *t, int key)
{
	static const enum keymap_pane panes[] = {KEYMAP_INBOX, KEYMAP_THREAD,
	                                         KEYMAP_COMPOSE};
	enum keymap_pane pane = panes[t->focus];
	enum cmd_id id;
	char b[4];

	if (key == KEYC_NONE || key == KEYC_RESIZE)
		return;
	if (t->message != NULL && !t->quit_armed) {
		free(t->message);
		t->message = NULL;
		t->dirty |= TUI_DIRTY_STATUS;
	}
	if (t->layout.too_small) {
		if (keymap_lookup(t->km, KEYMAP_GLOBAL, key) == CMD_QUIT)
			t->quit = 1;
		return;
	}
	/* a repaint whatever is open: the screen may be wrong under it */
	if (keymap_lookup(t->km, KEYMAP_GLOBAL, key) == CMD_REDRAW) {
		cmd_ui_redraw(t, CMD_REDRAW);
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
		if (!cmd_dispatch(t, id) && !cmd_run(&t->handlers[pane], id))
			tui_unavailable(t, id);
	} else if (pane == KEYMAP_COMPOSE && keys_is_text(key)) {
		compose_insert(t, b, utf8_encode((uint32_t)key, b));
		if (t->compose.urn != NULL && t->opts.actions.typing != NULL)
			t->opts.actions.typing(t->opts.actions.ctx,
			                       t->compose.urn);
	}
	/* any other key takes back the question quit asked */
	if (t->quit_armed && id != CMD_QUIT) {
		t->quit_armed = 0;
		free(t->message);
		t->message = NULL;
	}
}

void
tui_key(struct tui *t, int key)
{
	if (key == KEYC_NONE || key == KEYC_RESIZE)
		return;
	tui_key_route(t, key);
	/* u undoes a folder action only as the very next key */
	cmd_triage_disarm(t);
}

/* The open dialog over the panes (drawn again when anything was dirty),
 * and the cursor where the user types. */
static void
tui_draw_top(struct tui *t, unsigned dirty)
{
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
	tui_draw_top(t, dirty);
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

/* After a frame is on the terminal: the first-frame hooks, once. */
static void
tui_frame_done(struct tui *t)
{
	if (!t->layout.too_small && !t->help_open && t->dlg == NULL)
		timing_first_frame(); /* --timing: once */
	if (!t->drawn) {
		t->drawn = 1;
		if (t->opts.actions.first_frame != NULL)
			t->opts.actions.first_frame(t->opts.actions.ctx);
	}
}

static void
tui_read_keys(struct tui *t)
{
	int key;

	if (t->opts.actions.user_active != NULL)
		t->opts.actions.user_active(t->opts.actions.ctx);
	while ((key = keys_read()) != KEYC_NONE) {
		if (key == KEYC_FOCUS_IN || key == KEYC_FOCUS_OUT) {
			if (t->notify != NULL)
				notify_focus(t->notify, key == KEYC_FOCUS_IN);
			continue;
		}
		if (key == KEYC_RESIZE)
			tui_relayout(t, LINES, COLS);
		else
			tui_key(t, key);
	}
}

/* The notifier writes to the terminal; what arrived before the screen
 * was up is no news to announce. */
static void
tui_notify_start(struct tui *t)
{
	struct model_arrival *a;
	size_t n;

	t->notify = notify_new(t->opts.config, STDOUT_FILENO);
	n = model_arrivals_since(t->model, 0, &a, &t->arrival_seq);
	model_arrivals_free(a, n);
}

/* The messages from others that arrived since the last turn go to the
 * notifier (it decides: focus, open conversation, quiet hours, storms),
 * and the title follows the unread count. */
static void
tui_notify(struct tui *t)
{
	struct model_arrival *a;
	struct notify_item *items;
	size_t n, i;

	if (t->notify == NULL)
		return;
	n = model_arrivals_since(t->model, t->arrival_seq, &a, &t->arrival_seq);
	items = xcalloc(n + 1, sizeof *items);
	for (i = 0; i < n; i++) {
		items[i].conv_urn = a[i].conv_urn;
		items[i].sender_name = a[i].sender_name;
		items[i].text = a[i].text;
		items[i].time_ms = a[i].time_ms;
		items[i].burst = a[i].burst;
		items[i].muted = model_conv_muted(t->model, a[i].conv_urn);
	}
	notify_messages(t->notify, t->thread.urn, items, n);
	notify_title(t->notify, (int)model_unread_total(t->model));
	free(items);
	model_arrivals_free(a, n);
}

/* The poll timeout, shortened so an "is typing" line goes when it ends. */
static long
tui_typing_tick(const struct tui *t, long tick)
{
	int64_t ms;

	if (t->notify != NULL && (ms = notify_timeout_ms(t->notify)) >= 0)
		tick = tick <= 0 || ms < tick ? (long)(ms > 0 ? ms : 1) : tick;
	if (t->thread.typing_until <= 0)
		return tick;
	ms = t->thread.typing_until - clock_mono_ms() + 1;
	if (ms < 1)
		ms = 1;
	return tick <= 0 || ms < tick ? (long)ms : tick;
}

/* Handles what poll() found: signals, the wake fd, then the keys. */
static void
tui_handle(struct tui *t, const struct pollfd *pfd, int nfd)
{
	const struct tui_actions *a = &t->opts.actions;
	int ev;

	if (pfd[1].revents & POLLIN) {
		ev = screen_signals();
		if (ev & SCREEN_EV_QUIT)
			t->quit = 1;
		if (ev & SCREEN_EV_RESIZE)
			tui_relayout(t, LINES, COLS);
	}
	if (nfd > 2 && (pfd[2].revents & POLLIN)) {
		if (a->wake_drain != NULL)
			a->wake_drain(a->ctx);
		else
			tui_drain(t->opts.wake_fd);
		tui_model_changed(t);
	}
	if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
		t->quit = 1;
	if (pfd[0].revents & POLLIN)
		tui_read_keys(t);
}

enum lc_err
tui_run(const struct tui_opts *o, struct lc_error *err)
{
	struct tui *t;
	struct pollfd pfd[3];
	enum lc_err rc;
	long tick;
	int nfd, n;

	t = tui_new(o);
	tui_configure(t);
	if ((rc = screen_init(t->theme, err)) != LC_OK) {
		tui_free(t);
		return rc;
	}
	tui_relayout(t, LINES, COLS);
	tui_model_changed(t);
	tui_notify_start(t);
	while (!t->quit) {
		t->now = time(NULL);
		tick = tui_draw(t);
		tick = tui_typing_tick(t, tick);
		tui_frame_done(t);
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
		if (t->thread.typing_until > 0 &&
		    clock_mono_ms() >= t->thread.typing_until)
			t->dirty |= TUI_DIRTY_THREAD;
		tui_handle(t, pfd, nfd);
		if (model_version(t->model) != t->seen_version)
			tui_model_changed(t);
		tui_notify(t);
	}
	compose_save(t);
	notify_free(t->notify);
	t->notify = NULL;
	screen_fini();
	tui_free(t);
	return LC_OK;
}
