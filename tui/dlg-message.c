/* dlg-message.c — the dialogs about messages: a new message to someone
 * (n), reacting to the selected message or taking a reaction back (+),
 * and deleting (recalling) it after a confirmation (D).
 *
 * A new message needs the recipient's profile URN: a public id is looked
 * up first (the model's result for its ticket, as the profile dialog does)
 * while the user already types.  When a conversation with them exists,
 * the dialog gives way to it, typed text and all.  A first message goes
 * through the outbox under a placeholder conversation, which the inbox
 * shows (and selects) at once.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/dlg.h"
#include "tui/draw.h"
#include "tui/pane-compose.h"
#include "tui/pane-inbox.h"
#include "core/reaction.h"
#include "core/urn.h"
#include "core/voyager-send.h"
#include "core/xmalloc.h"

struct dlg_message {
	struct edit *to;
	struct edit *text;
	char *who;       /* public id being looked up */
	uint64_t ticket; /* the lookup's outcome (model_get_result()) */
	char *urn;       /* the recipient's profile URN once known */
	char *name;
	char *error; /* the lookup failed */
};

static void
message_free(void *st)
{
	struct dlg_message *s = st;

	edit_free(s->to);
	edit_free(s->text);
	free(s->who);
	free(s->urn);
	free(s->name);
	free(s->error);
	free(s);
}

/* Moves to the existing conversation with the recipient, if any: 1. */
static int
message_existing(struct tui *t, struct dlg_message *s)
{
	char *conv = dlg_find_conversation(t, s->urn), *text;

	if (conv == NULL)
		return 0;
	text = xstrdup(edit_text(s->text));
	dlg_close(t);
	dlg_go_to_conversation(t, conv);
	if (t->focus == TUI_FOCUS_COMPOSE && *text != '\0')
		compose_insert(t, text, strlen(text));
	tui_notice(t, 0, "You already have a conversation with them.");
	free(text);
	free(conv);
	return 1;
}

/* Takes the lookup's outcome once the worker has it. */
static void
message_changed(struct tui *t, struct dlg *d)
{
	struct dlg_message *s = d->st;
	struct model_profile p;
	char *text = NULL;
	int code;

	if (s->who == NULL || s->urn != NULL || s->error != NULL)
		return;
	if (model_get_result(t->model, s->ticket, &code, &text) == 0) {
		if (code != 0)
			s->error = text != NULL ? xstrdup(text)
			                        : xstrdup("Lookup failed.");
		else if (text != NULL) {
			s->urn = xstrdup(text);
			memset(&p, 0, sizeof p);
			if (model_get_profile(t->model, text, &p) == 0) {
				free(s->name);
				s->name = xasprintf("%s %s", p.first_name,
				                    p.last_name);
				model_profile_clear(&p);
			}
		}
	}
	free(text);
	if (s->urn != NULL)
		message_existing(t, s);
}

static void
message_to(struct tui *t, struct dlg *d)
{
	struct dlg_message *s = d->st;
	char *who = dlg_parse_who(edit_text(s->to));

	if (who == NULL)
		return;
	if (strncmp(who, "urn:li:", 7) == 0) {
		s->urn = who;
		s->name = xstrdup(who);
		message_existing(t, s);
		return;
	}
	if (t->opts.actions.profile == NULL) {
		free(who);
		tui_notice(t, 1,
		           "Finding someone needs the service: not "
		           "connected.");
		return;
	}
	s->who = who;
	s->name = xstrdup(who);
	s->ticket = t->opts.actions.profile(t->opts.actions.ctx, who);
}

static void
message_send(struct tui *t, struct dlg_message *s)
{
	const char *text = edit_text(s->text);
	char tok[40];

	if (text[strspn(text, " \n")] == '\0')
		return;
	/* too long: the dialog stays open with the text */
	if (compose_too_long(t, text))
		return;
	if (s->urn == NULL) {
		tui_notice(t, 1,
		           s->error != NULL
		               ? "No such person: check "
		                 "the public id."
		               : "Still looking them up\xe2\x80\xa6");
		return;
	}
	if (t->opts.actions.send_new == NULL) {
		tui_notice(t, 1, "Cannot send: not connected to the service.");
		return;
	}
	voyager_origin_token(tok);
	/* refused (the outbox could not be written): the text stays here */
	if (t->opts.actions.send_new(t->opts.actions.ctx, s->urn, s->name, text,
	                             tok) != 0)
		return;
	tui_notice(t, 0, "Sending your message to %s\xe2\x80\xa6", s->name);
	/* the placeholder row it is waiting in, at the top of the inbox */
	free(t->inbox.sel_urn);
	t->inbox.sel_urn = urn_placeholder(s->urn);
	dlg_close(t);
	tui_model_changed(t);
}

static int
message_cmd(struct tui *t, struct dlg *d, enum cmd_id id)
{
	struct dlg_message *s = d->st;
	int asking = s->who == NULL && s->urn == NULL;

	if (id == CMD_CONFIRM) {
		if (asking)
			message_to(t, d);
		else
			message_send(t, s);
		return 1;
	}
	if (asking && id == CMD_NEWLINE)
		return 1;
	return dlg_edit(asking ? s->to : s->text, id, 0, 60);
}

static void
message_text(struct tui *t, struct dlg *d, int key)
{
	struct dlg_message *s = d->st;

	(void)t;
	dlg_edit(s->who == NULL && s->urn == NULL ? s->to : s->text, CMD_NONE,
	         key, 60);
}

static void
message_draw(struct tui *t, struct dlg *d, struct screen_rect r)
{
	struct dlg_message *s = d->st;
	struct edit_layout l;
	size_t i, first = 0;
	int rows = r.h - 4, y = r.y + 2;

	(void)t;
	if (s->who == NULL && s->urn == NULL) {
		dlg_field(d, r.y, r.x, r.w,
		          "To (public id or profile URL): ", s->to, 1);
		draw_text(stdscr, r.y + r.h - 1, r.x, r.w, THEME_COMPOSE_HINT,
		          0, "Enter: next   Esc: cancel");
		return;
	}
	if (s->error != NULL)
		draw_textf(stdscr, r.y, r.x, r.w, THEME_STATUS_ERROR,
		           DRAW_ELLIPSIS, "To: %s \xe2\x80\x94 %s", s->who,
		           s->error);
	else
		draw_textf(stdscr, r.y, r.x, r.w, THEME_DIALOG, DRAW_ELLIPSIS,
		           "To: %s%s", s->name,
		           s->urn == NULL ? " (looking up\xe2\x80\xa6)" : "");
	if (rows < 1)
		rows = 1;
	edit_layout(s->text, r.w, &l);
	if (l.cur_row >= (size_t)rows)
		first = l.cur_row - (size_t)rows + 1;
	draw_clear(stdscr, y, r.x, rows, r.w, THEME_DIALOG_INPUT);
	for (i = first; i < l.nrows && i < first + (size_t)rows; i++)
		draw_textn(stdscr, y + (int)(i - first), r.x, r.w,
		           THEME_DIALOG_INPUT, 0,
		           edit_text(s->text) + l.rows[i].start,
		           l.rows[i].end - l.rows[i].start);
	dlg_set_cursor(d, y + (int)(l.cur_row - first), r.x + l.cur_col);
	edit_layout_free(&l);
	draw_text(stdscr, r.y + r.h - 1, r.x, r.w, THEME_COMPOSE_HINT, 0,
	          "Enter: send   Alt-Enter: new line   Esc: cancel");
}

static const struct dlg_ops message_ops = {
    "New message", KEYMAP_DIALOG, 12,           message_cmd,
    message_text,  message_draw,  message_free, message_changed,
};

void
dlg_message_open(struct tui *t, const char *who, const char *urn,
                 const char *name)
{
	struct dlg_message *s = xcalloc(1, sizeof *s);

	s->to = edit_new();
	s->text = edit_new();
	dlg_open(t, &message_ops, s);
	if (urn != NULL) {
		s->urn = xstrdup(urn);
		s->name = xstrdup(name != NULL ? name : urn);
	} else if (who != NULL) {
		edit_set_text(s->to, who);
		message_to(t, t->dlg);
	}
}

/* --- a first message sent: from its placeholder to the real thread --- */

/* The real conversation that replaced a first message's placeholder, or
 * NULL (caller frees): the worker records it (model_get_moved()). */
static char *
message_sent_to(struct tui *t, const char *urn)
{
	if (!urn_is_placeholder(urn) || model_conv_version(t->model, urn) != 0)
		return NULL;
	return model_get_moved(t->model, urn);
}

/* A first message went out: the inbox selection and the open thread
 * follow it from its placeholder to the real conversation, with what
 * the user was typing there. */
void
dlg_message_follow_sent(struct tui *t)
{
	enum tui_focus f = t->focus;
	char *real, *typed = NULL;
	const char *sel;

	if ((real = message_sent_to(t, t->inbox.sel_urn)) != NULL) {
		free(t->inbox.sel_urn);
		t->inbox.sel_urn = real;
	}
	if ((real = message_sent_to(t, t->thread.urn)) == NULL)
		return;
	free(t->inbox.sel_urn);
	t->inbox.sel_urn = xstrdup(real);
	inbox_refresh(t);
	sel = inbox_selected(t);
	if (sel == NULL || strcmp(sel, real) != 0) {
		free(real);
		return;
	}
	if (t->compose.urn != NULL &&
	    strcmp(t->compose.urn, t->thread.urn) == 0)
		typed = xstrdup(edit_text(t->compose.ed));
	/* no draft is left behind for the placeholder */
	if (typed != NULL)
		edit_set_text(t->compose.ed, NULL);
	tui_open_selected(t, f == TUI_FOCUS_COMPOSE);
	if (typed != NULL && *typed != '\0' &&
	    *edit_text(t->compose.ed) == '\0')
		compose_insert(t, typed, strlen(typed));
	free(typed);
	free(real);
	tui_set_focus(t, f);
}

/* --- react and recall: about the selected message --- */

/* The selected message's URN if it is on the service (and, with mine,
 * the user's own), else NULL with a notice. */
static const char *
message_selected(struct tui *t, int mine)
{
	const struct pane_thread *p = &t->thread;
	const struct model_msg *m;

	if (!p->have_snap || p->sel >= p->snap.n) {
		tui_notice(t, 1, "Select a message first.");
		return NULL;
	}
	m = &p->snap.msgs[p->sel];
	if (m->urn[0] == '\0' || m->state == MODEL_MSG_PENDING ||
	    m->state == MODEL_MSG_FAILED) {
		tui_notice(t, 1, "This message is not sent yet.");
		return NULL;
	}
	if (m->state == MODEL_MSG_RECALLED) {
		tui_notice(t, 1, "This message was deleted.");
		return NULL;
	}
	if (mine && !m->mine) {
		tui_notice(t, 1, "You can only delete your own messages.");
		return NULL;
	}
	return m->urn;
}

static const char *const react_emoji[] = {
    "\xf0\x9f\x91\x8d", "\xe2\x9d\xa4\xef\xb8\x8f", "\xf0\x9f\x98\x82",
    "\xf0\x9f\x98\xae", "\xf0\x9f\x98\xa2",         "\xf0\x9f\x8e\x89",
};
#define REACT_N (sizeof react_emoji / sizeof react_emoji[0])

struct dlg_pick {
	char *urn;
	char *mine; /* react: the emoji the user already reacted with */
	size_t sel;
};

static void
pick_free(void *st)
{
	struct dlg_pick *s = st;

	free(s->urn);
	free(s->mine);
	free(s);
}

static int
react_is_mine(const struct dlg_pick *s, size_t i)
{
	return reaction_is_mine(s->mine, react_emoji[i],
	                        strlen(react_emoji[i]));
}

/* Picking one of the user's own reactions takes it back, any other
 * reacts.  The react action shows it in the thread at once and undoes it
 * if the service refuses (worker_push_react()). */
static void
react_send(struct tui *t, struct dlg_pick *s, size_t i)
{
	const char *emoji = react_emoji[i];
	int on = !react_is_mine(s, i);

	t->opts.actions.react(t->opts.actions.ctx, s->urn, emoji, on);
	dlg_close(t);
	tui_model_changed(t);
	tui_notice(t, 0, on ? "Reacted with %s" : "Took back %s", emoji);
}

static int
react_cmd(struct tui *t, struct dlg *d, enum cmd_id id)
{
	struct dlg_pick *s = d->st;

	switch (id) {
	case CMD_NEXT:
		s->sel = (s->sel + 1) % REACT_N;
		return 1;
	case CMD_PREV:
		s->sel = (s->sel + REACT_N - 1) % REACT_N;
		return 1;
	case CMD_CONFIRM:
		react_send(t, s, s->sel);
		return 1;
	default:
		return 0;
	}
}

static void
react_text(struct tui *t, struct dlg *d, int key)
{
	if (key >= '1' && key < '1' + (int)REACT_N)
		react_send(t, d->st, (size_t)(key - '1'));
}

static void
react_draw(struct tui *t, struct dlg *d, struct screen_rect r)
{
	struct dlg_pick *s = d->st;
	size_t i;
	int x = r.x;

	(void)t;
	for (i = 0; i < REACT_N; i++)
		x += draw_textf(
		    stdscr, r.y, x, r.x + r.w - x,
		    i == s->sel ? THEME_INBOX_SELECTED : THEME_DIALOG, 0,
		    react_is_mine(s, i) ? " %zu [%s] " : " %zu %s ", i + 1,
		    react_emoji[i]);
	draw_text(stdscr, r.y + r.h - 1, r.x, r.w, THEME_COMPOSE_HINT, 0,
	          s->mine[0] != '\0'
	              ? "1-6 or j/k and Enter: react, [yours]: take back   "
	                "Esc: cancel"
	              : "1-6 or j/k and Enter: react   Esc: cancel");
}

static const struct dlg_ops react_ops = {
    "React", KEYMAP_MENU, 3, react_cmd, react_text, react_draw, pick_free, NULL,
};

void
dlg_react_open(struct tui *t)
{
	const char *urn = message_selected(t, 0);
	struct dlg_pick *s;

	if (urn == NULL)
		return;
	if (t->opts.actions.react == NULL) {
		tui_notice(t, 1, "Reacting needs the service: not connected.");
		return;
	}
	s = xcalloc(1, sizeof *s);
	s->urn = xstrdup(urn);
	s->mine = xstrdup(t->thread.snap.msgs[t->thread.sel].my_reactions);
	dlg_open(t, &react_ops, s);
}

static void
recall_do(struct tui *t, struct dlg_pick *s)
{
	t->opts.actions.recall(t->opts.actions.ctx, s->urn);
	tui_notice(t, 0, "Deleting the message\xe2\x80\xa6");
	dlg_close(t);
}

static int
recall_cmd(struct tui *t, struct dlg *d, enum cmd_id id)
{
	if (id != CMD_CONFIRM)
		return 0;
	recall_do(t, d->st);
	return 1;
}

static void
recall_text(struct tui *t, struct dlg *d, int key)
{
	if (key == 'y' || key == 'Y')
		recall_do(t, d->st);
	else if (key == 'n' || key == 'N')
		dlg_close(t);
}

static void
recall_draw(struct tui *t, struct dlg *d, struct screen_rect r)
{
	(void)t;
	(void)d;
	draw_text(stdscr, r.y, r.x, r.w, THEME_DIALOG, 0,
	          "Delete this message for everyone in the conversation?");
	draw_text(stdscr, r.y + r.h - 1, r.x, r.w, THEME_COMPOSE_HINT, 0,
	          "y or Enter: delete   n or Esc: keep it");
}

static const struct dlg_ops recall_ops = {
    "Delete message", KEYMAP_MENU, 3,         recall_cmd,
    recall_text,      recall_draw, pick_free, NULL,
};

void
dlg_recall_open(struct tui *t)
{
	const char *urn = message_selected(t, 1);
	struct dlg_pick *s;

	if (urn == NULL)
		return;
	if (t->opts.actions.recall == NULL) {
		tui_notice(t, 1, "Deleting needs the service: not connected.");
		return;
	}
	s = xcalloc(1, sizeof *s);
	s->urn = xstrdup(urn);
	dlg_open(t, &recall_ops, s);
}
