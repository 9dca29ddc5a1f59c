/* pane-compose.c — the compose box.
 *
 * The draft goes to the model when it turns empty or non-empty (the inbox
 * shows a draft marker), when the box loses the focus, when another
 * conversation opens and on quit: not on every key, which would repaint
 * the inbox and the thread for nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui/draw.h"
#include "tui/pane-compose.h"
#include "tui/screen.h"
#include "core/voyager-invite.h"
#include "core/voyager-send.h"
#include "core/xdg.h"
#include "core/xmalloc.h"

void
compose_init(struct tui *t)
{
	t->compose.ed = edit_new();
	t->compose.urn = NULL;
}

void
compose_free(struct tui *t)
{
	edit_free(t->compose.ed);
	free(t->compose.urn);
	memset(&t->compose, 0, sizeof t->compose);
}

void
compose_save(struct tui *t)
{
	struct pane_compose *c = &t->compose;
	char *old;
	int same;

	if (c->urn == NULL)
		return;
	old = model_get_draft(t->model, c->urn);
	same = strcmp(old != NULL ? old : "", edit_text(c->ed)) == 0;
	free(old);
	if (same)
		return;
	if (t->opts.actions.save_draft != NULL)
		t->opts.actions.save_draft(t->opts.actions.ctx, c->urn,
		                           edit_text(c->ed));
}

void
compose_switch(struct tui *t, const char *urn)
{
	struct pane_compose *c = &t->compose;
	char *draft;

	compose_save(t);
	free(c->urn);
	c->urn = urn != NULL ? xstrdup(urn) : NULL;
	draft = urn != NULL ? model_get_draft(t->model, urn) : NULL;
	edit_set_text(c->ed, draft);
	free(draft);
	t->dirty |= TUI_DIRTY_COMPOSE;
}

static int
compose_width(const struct tui *t)
{
	int w = t->layout.compose.w - 1;

	return w < 1 ? 1 : w;
}

int
compose_rows(const struct tui *t)
{
	struct edit_layout l;
	int n;

	edit_layout(t->compose.ed, compose_width(t), &l);
	n = (int)l.nrows;
	edit_layout_free(&l);
	return n;
}

/* Re-lays out the screen when the box wants another height. */
static void
compose_changed(struct tui *t, size_t before)
{
	t->dirty |= TUI_DIRTY_COMPOSE;
	if (compose_rows(t) != t->layout.compose.h)
		tui_relayout(t, t->layout.rows, t->layout.cols);
	if ((before == 0) != (edit_len(t->compose.ed) == 0))
		compose_save(t);
}

void
compose_insert(struct tui *t, const char *s, size_t len)
{
	size_t before = edit_len(t->compose.ed);

	edit_insert(t->compose.ed, s, len);
	compose_changed(t, before);
}

/* A fresh origin token: 32 hex digits from /dev/urandom. */
static char *
compose_origin_token(void)
{
	unsigned char r[16];
	char *tok = xmalloc(33);
	FILE *f = fopen("/dev/urandom", "rb");
	size_t i, got = 0;
	static unsigned counter;

	if (f != NULL) {
		got = fread(r, 1, sizeof r, f);
		fclose(f);
	}
	for (i = got; i < sizeof r; i++)
		r[i] = (unsigned char)((unsigned)getpid() * 31u + i * 7u +
		                       counter++ + (unsigned)time(NULL));
	for (i = 0; i < sizeof r; i++)
		snprintf(tok + 2 * i, 3, "%02x", r[i]);
	return tok;
}

int
compose_too_long(struct tui *t, const char *text)
{
	size_t chars = voyager_char_count(text);

	if (chars <= VOYAGER_MESSAGE_MAX)
		return 0;
	tui_notice(t, 1,
	           "Not sent: %zu characters, LinkedIn takes %d at "
	           "most. Shorten it.",
	           chars, VOYAGER_MESSAGE_MAX);
	return 1;
}

static void
compose_send(struct tui *t)
{
	struct pane_compose *c = &t->compose;
	const char *text = edit_text(c->ed);
	char *tok;

	if (c->urn == NULL) {
		tui_notice(t, 1, "Open a conversation first.");
		return;
	}
	if (text[strspn(text, " \n")] == '\0')
		return;
	/* Refused here, before the outbox: the text stays in the editor. */
	if (compose_too_long(t, text))
		return;
	if (t->opts.actions.send == NULL) {
		/* the text stays in the editor */
		tui_notice(t, 1, "Cannot send: not connected to the service.");
		return;
	}
	tok = compose_origin_token();
	t->opts.actions.send(t->opts.actions.ctx, c->urn, text, tok);
	free(tok);
	edit_clear(c->ed);
	compose_changed(t, 1);
	tui_model_changed(t);
}

/* Runs $VISUAL / $EDITOR on the draft and takes the result. */
static void
compose_editor(struct tui *t)
{
	struct pane_compose *c = &t->compose;
	char path[] = "/tmp/linchat-draft-XXXXXX";
	struct lc_error err;
	char *text = NULL;
	size_t len, before = edit_len(c->ed);
	int fd, status = -1;
	pid_t pid;

	if ((fd = mkstemp(path)) < 0) {
		tui_notice(t, 1, "Cannot create a file for the editor: %s.",
		           strerror(errno));
		return;
	}
	if (write(fd, edit_text(c->ed), edit_len(c->ed)) !=
	    (ssize_t)edit_len(c->ed)) {
		close(fd);
		unlink(path);
		tui_notice(t, 1, "Cannot write the draft for the editor.");
		return;
	}
	close(fd);
	screen_leave(); /* focus reports and linchat's title off, too */
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c",
		      "exec ${VISUAL:-${EDITOR:-vi}} \"$1\"", "sh", path,
		      (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	screen_resume();
	t->dirty |= TUI_DIRTY_ALL;
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		tui_notice(t, 1, "The editor failed; the draft is unchanged.");
		unlink(path);
		return;
	}
	if (xdg_read_file(path, 1 << 20, &text, &len, &err) == LC_OK) {
		/* editors end the file with a newline the user did not type */
		while (len > 0 && text[len - 1] == '\n')
			text[--len] = '\0';
		edit_set_text(c->ed, text);
		free(text);
	} else
		tui_notice(t, 1, "%s", err.msg);
	unlink(path);
	compose_changed(t, before);
}

int
tui_edit_cmd(struct edit *e, enum cmd_id id, int cols)
{
	switch (id) {
	case CMD_CHAR_LEFT:
		edit_left(e);
		break;
	case CMD_CHAR_RIGHT:
		edit_right(e);
		break;
	case CMD_WORD_LEFT:
		edit_word_left(e);
		break;
	case CMD_WORD_RIGHT:
		edit_word_right(e);
		break;
	case CMD_LINE_START:
		edit_home(e);
		break;
	case CMD_LINE_END:
		edit_end(e);
		break;
	case CMD_LINE_UP:
		edit_up(e, cols);
		break;
	case CMD_LINE_DOWN:
		edit_down(e, cols);
		break;
	case CMD_DELETE_BACK:
		edit_backspace(e);
		break;
	case CMD_DELETE_CHAR:
		edit_delete(e);
		break;
	case CMD_DELETE_WORD:
		edit_delete_word(e);
		break;
	case CMD_DELETE_TO_START:
		edit_delete_to_start(e);
		break;
	case CMD_DELETE_TO_END:
		edit_delete_to_end(e);
		break;
	default:
		return 0;
	}
	return 1;
}

static void
compose_cmd(void *ctx, enum cmd_id id)
{
	struct tui *t = ctx;
	size_t before = edit_len(t->compose.ed);

	switch (id) {
	case CMD_SEND:
		compose_send(t);
		break;
	case CMD_NEWLINE:
		compose_insert(t, "\n", 1);
		break;
	case CMD_EDITOR:
		compose_editor(t);
		break;
	case CMD_BACK:
		tui_set_focus(t, t->thread.urn != NULL ? TUI_FOCUS_THREAD
		                                       : TUI_FOCUS_INBOX);
		break;
	default:
		if (tui_edit_cmd(t->compose.ed, id, compose_width(t)))
			compose_changed(t, before);
		break;
	}
}

void
compose_register(struct tui *t)
{
	int id;

	for (id = CMD_SEND; id <= CMD_DELETE_TO_END; id++)
		cmd_handlers_set(&t->handlers[KEYMAP_COMPOSE], (enum cmd_id)id,
		                 compose_cmd);
	cmd_handlers_set(&t->handlers[KEYMAP_COMPOSE], CMD_BACK, compose_cmd);
}

static int
compose_top(const struct edit_layout *l, int h)
{
	return (int)l->cur_row >= h ? (int)l->cur_row - h + 1 : 0;
}

void
compose_draw(struct tui *t)
{
	const struct screen_rect *a = &t->layout.compose;
	struct edit_layout l;
	const char *s = edit_text(t->compose.ed);
	int y, top;
	size_t r;

	if (edit_len(t->compose.ed) == 0) {
		draw_text(
		    stdscr, a->y, a->x, a->w, THEME_COMPOSE_HINT,
		    DRAW_PAD | DRAW_ELLIPSIS,
		    t->compose.urn == NULL ? ""
		    : t->focus == TUI_FOCUS_COMPOSE
		        ? " Enter sends, Alt-Enter "
		          "or C-j adds a line, C-e opens $EDITOR, Esc leaves"
		        : " r to reply");
		for (y = 1; y < a->h; y++)
			draw_fill(stdscr, a->y + y, a->x, a->w, THEME_COMPOSE);
		return;
	}
	edit_layout(t->compose.ed, compose_width(t), &l);
	top = compose_top(&l, a->h);
	for (y = 0; y < a->h; y++) {
		r = (size_t)(top + y);
		if (r >= l.nrows) {
			draw_fill(stdscr, a->y + y, a->x, a->w, THEME_COMPOSE);
			continue;
		}
		draw_text(stdscr, a->y + y, a->x, 1, THEME_COMPOSE, DRAW_PAD,
		          "");
		draw_textn(stdscr, a->y + y, a->x + 1, a->w - 1, THEME_COMPOSE,
		           DRAW_PAD, s + l.rows[r].start,
		           l.rows[r].end - l.rows[r].start);
	}
	edit_layout_free(&l);
}

void
compose_cursor(struct tui *t)
{
	const struct screen_rect *a = &t->layout.compose;
	struct edit_layout l;
	int top;

	edit_layout(t->compose.ed, compose_width(t), &l);
	top = compose_top(&l, a->h);
	move(a->y + (int)l.cur_row - top, a->x + 1 + l.cur_col);
	edit_layout_free(&l);
}
