/* dlg-connect.c — the connection request (c): who (public id or profile
 * URL) and an optional note of at most 300 characters with a live
 * counter; then what became of it, from the model's result for the
 * request's ticket: sent, already invited, quota reached or the error.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/dlg.h"
#include "tui/draw.h"
#include "core/err.h"
#include "core/xmalloc.h"

#define CONNECT_NOTE_MAX 300

struct dlg_connect {
	struct edit *who;
	struct edit *note;
	int field;       /* 0: who, 1: note */
	char *sent;      /* who the request went to, NULL: not yet */
	uint64_t ticket; /* the request's outcome (model_get_result()) */
};

static const struct dlg_ops connect_ops, connect_sent_ops;

static void
connect_free(void *st)
{
	struct dlg_connect *s = st;

	edit_free(s->who);
	edit_free(s->note);
	free(s->sent);
	free(s);
}

static void
connect_send(struct tui *t, struct dlg *d)
{
	struct dlg_connect *s = d->st;
	char *who = dlg_parse_who(edit_text(s->who));

	if (who == NULL) {
		s->field = 0;
		tui_notice(t, 1,
		           "Whom to connect with? Type a public id or "
		           "a profile URL.");
		return;
	}
	s->sent = who;
	s->ticket = t->opts.actions.connect(
	    t->opts.actions.ctx, who,
	    edit_len(s->note) > 0 ? edit_text(s->note) : NULL);
	d->ops = &connect_sent_ops;
}

static int
connect_cmd(struct tui *t, struct dlg *d, enum cmd_id id)
{
	struct dlg_connect *s = d->st;
	struct edit *e = s->field == 0 ? s->who : s->note;

	if (s->sent != NULL)
		return 0;
	switch (id) {
	case CMD_CONFIRM:
		if (s->field == 0)
			s->field = 1;
		else
			connect_send(t, d);
		return 1;
	case CMD_FOCUS_NEXT:
	case CMD_FOCUS_PREV:
	case CMD_NEXT:
	case CMD_PREV:
		s->field = !s->field;
		return 1;
	case CMD_NEWLINE:
		if (s->field == 0)
			return 1;
		break;
	default:
		break;
	}
	if (!dlg_edit(e, id, 0, 60))
		return 0;
	return 1;
}

static void
connect_text(struct tui *t, struct dlg *d, int key)
{
	struct dlg_connect *s = d->st;

	if (s->sent != NULL)
		return;
	if (s->field == 1 && edit_chars(s->note) >= CONNECT_NOTE_MAX) {
		tui_notice(t, 1, "A note holds at most %d characters.",
		           CONNECT_NOTE_MAX);
		beep();
		return;
	}
	dlg_edit(s->field == 0 ? s->who : s->note, CMD_NONE, key, 60);
}

static void
connect_draw_note(struct dlg *d, struct dlg_connect *s, struct screen_rect r,
                  int y, int rows)
{
	struct edit_layout l;
	size_t i, first = 0;

	edit_layout(s->note, r.w, &l);
	if (l.cur_row >= (size_t)rows)
		first = l.cur_row - (size_t)rows + 1;
	draw_clear(stdscr, y, r.x, rows, r.w, THEME_DIALOG_INPUT);
	for (i = first; i < l.nrows && i < first + (size_t)rows; i++)
		draw_textn(stdscr, y + (int)(i - first), r.x, r.w,
		           THEME_DIALOG_INPUT, 0,
		           edit_text(s->note) + l.rows[i].start,
		           l.rows[i].end - l.rows[i].start);
	if (s->field == 1)
		dlg_set_cursor(d, y + (int)(l.cur_row - first),
		               r.x + l.cur_col);
	edit_layout_free(&l);
}

static void
connect_draw_result(struct tui *t, struct dlg_connect *s, struct screen_rect r)
{
	char *text = NULL;
	int code;

	if (model_get_result(t->model, s->ticket, &code, &text) != 0)
		draw_textf(stdscr, r.y, r.x, r.w, THEME_DIALOG, DRAW_ELLIPSIS,
		           "Sending the invitation to %s\xe2\x80\xa6", s->sent);
	else if (code == LC_OK)
		draw_textf(stdscr, r.y, r.x, r.w, THEME_DIALOG, DRAW_ELLIPSIS,
		           "Invitation sent to %s.", s->sent);
	else if (code == LC_ECONFLICT)
		draw_textf(stdscr, r.y, r.x, r.w, THEME_STATUS_ERROR,
		           DRAW_ELLIPSIS, "Already invited or connected: %s.",
		           s->sent);
	else if (code == LC_EQUOTA)
		draw_text(
		    stdscr, r.y, r.x, r.w, THEME_STATUS_ERROR, 0,
		    "Weekly invitation limit reached: try again next week.");
	else {
		draw_textf(stdscr, r.y, r.x, r.w, THEME_STATUS_ERROR,
		           DRAW_ELLIPSIS, "Could not invite %s:", s->sent);
		dlg_wrap(r.y + 1, r.x, r.w, r.h - 2, THEME_DIALOG, text);
	}
	draw_text(stdscr, r.y + r.h - 1, r.x, r.w, THEME_COMPOSE_HINT, 0,
	          "Esc: close");
	free(text);
}

static void
connect_draw(struct tui *t, struct dlg *d, struct screen_rect r)
{
	struct dlg_connect *s = d->st;
	int rows = r.h - 6;

	if (s->sent != NULL) {
		connect_draw_result(t, s, r);
		return;
	}
	dlg_field(d, r.y, r.x, r.w, "To: ", s->who, s->field == 0);
	draw_text(stdscr, r.y + 2, r.x, r.w, THEME_DIALOG, 0,
	          "Note (optional):");
	draw_textf(stdscr, r.y + 2, r.x, r.w,
	           edit_chars(s->note) >= CONNECT_NOTE_MAX ? THEME_STATUS_ERROR
	                                                   : THEME_DIALOG,
	           DRAW_RIGHT, "%zu/%d", edit_chars(s->note), CONNECT_NOTE_MAX);
	if (rows < 1)
		rows = 1;
	connect_draw_note(d, s, r, r.y + 3, rows);
	draw_text(stdscr, r.y + r.h - 1, r.x, r.w, THEME_COMPOSE_HINT, 0,
	          "Tab: next field   Enter: send   Esc: cancel");
}

static const struct dlg_ops connect_ops = {
    "Connect",    KEYMAP_DIALOG, 14,           connect_cmd,
    connect_text, connect_draw,  connect_free, NULL,
};

static const struct dlg_ops connect_sent_ops = {
    "Connect", KEYMAP_MENU,  14,           connect_cmd,
    NULL,      connect_draw, connect_free, NULL,
};

void
dlg_connect_open(struct tui *t, const char *who)
{
	struct dlg_connect *s;

	if (t->opts.actions.connect == NULL) {
		tui_notice(t, 1,
		           "Connecting needs the service: not "
		           "connected.");
		return;
	}
	s = xcalloc(1, sizeof *s);
	s->who = edit_new();
	s->note = edit_new();
	edit_set_max(s->note, CONNECT_NOTE_MAX);
	if (who != NULL) {
		edit_set_text(s->who, who);
		s->field = 1;
	}
	dlg_open(t, &connect_ops, s);
}
