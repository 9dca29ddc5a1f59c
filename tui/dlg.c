/* dlg.c — the dialog frame: open, close, key routing, the box and the
 * helpers the dialogs share.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/dlg.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/opener.h"
#include "tui/pane-inbox.h"
#include "core/utf8.h"
#include "core/xmalloc.h"

#define DLG_MAX_W 72
#define DLG_MAX_H 20

void
dlg_open(struct tui *t, const struct dlg_ops *ops, void *st)
{
	dlg_close(t);
	t->dlg = xcalloc(1, sizeof *t->dlg);
	t->dlg->ops = ops;
	t->dlg->st = st;
	t->dlg->cur_y = -1;
	t->dirty |= TUI_DIRTY_ALL;
}

void
dlg_discard(struct tui *t)
{
	struct dlg *d = t->dlg;

	if (d == NULL)
		return;
	t->dlg = NULL;
	if (d->ops->free != NULL)
		d->ops->free(d->st);
	free(d);
}

void
dlg_close(struct tui *t)
{
	if (t->dlg == NULL)
		return;
	dlg_discard(t);
	erase();
	t->dirty |= TUI_DIRTY_ALL;
}

void *
dlg_state(const struct tui *t, const struct dlg_ops *ops)
{
	if (t->dlg == NULL || t->dlg->ops != ops)
		return NULL;
	return t->dlg->st;
}

void
dlg_key(struct tui *t, int key)
{
	struct dlg *d = t->dlg;
	enum cmd_id id = keymap_lookup(t->km, d->ops->pane, key);

	t->dirty |= TUI_DIRTY_STATUS;
	if (id != CMD_NONE && d->ops->cmd(t, d, id))
		return;
	if (id == CMD_CANCEL) {
		dlg_close(t);
		return;
	}
	if (id == CMD_HELP) {
		t->help_open = 1;
		t->help_top = 0;
		t->dirty |= TUI_DIRTY_ALL;
		return;
	}
	if (id == CMD_NONE && keys_is_text(key) && d->ops->text != NULL)
		d->ops->text(t, d, key);
}

void
dlg_model_changed(struct tui *t)
{
	if (t->dlg != NULL && t->dlg->ops->changed != NULL)
		t->dlg->ops->changed(t, t->dlg);
}

void
dlg_set_cursor(struct dlg *d, int y, int x)
{
	d->cur_y = y;
	d->cur_x = x;
}

void
dlg_draw(struct tui *t)
{
	struct dlg *d = t->dlg;
	int rows = t->layout.rows - 1, cols = t->layout.cols;
	int w = cols - 4 < DLG_MAX_W ? cols - 4 : DLG_MAX_W;
	int h = rows - 2 < DLG_MAX_H ? rows - 2 : DLG_MAX_H;
	int y, x;
	struct screen_rect in;

	if (d->ops->rows > 0 && d->ops->rows + 2 < h)
		h = d->ops->rows + 2;
	y = (rows - h) / 2;
	x = (cols - w) / 2;
	in = (struct screen_rect){y + 1, x + 2, h - 2, w - 4};
	draw_clear(stdscr, y, x, h, w, THEME_DIALOG);
	draw_hline(stdscr, y, x + 1, w - 2, THEME_BORDER);
	draw_hline(stdscr, y + h - 1, x + 1, w - 2, THEME_BORDER);
	draw_vline(stdscr, y + 1, x, h - 2, THEME_BORDER);
	draw_vline(stdscr, y + 1, x + w - 1, h - 2, THEME_BORDER);
	draw_text(stdscr, y, x, 1, THEME_BORDER, 0, "\xe2\x94\x8c");
	draw_text(stdscr, y, x + w - 1, 1, THEME_BORDER, 0, "\xe2\x94\x90");
	draw_text(stdscr, y + h - 1, x, 1, THEME_BORDER, 0, "\xe2\x94\x94");
	draw_text(stdscr, y + h - 1, x + w - 1, 1, THEME_BORDER, 0,
	          "\xe2\x94\x98");
	draw_textf(stdscr, y, x + 2, w - 4, THEME_DIALOG_TITLE, 0, " %s ",
	           d->ops->title);
	d->cur_y = -1;
	d->ops->draw(t, d, in);
	if (t->dlg != d)
		return;
	if (d->cur_y >= 0) {
		move(d->cur_y, d->cur_x);
		curs_set(1);
	} else
		curs_set(0);
}

char *
dlg_parse_who(const char *in)
{
	const char *s, *e, *p;
	size_t len;

	if (in == NULL)
		return NULL;
	s = in + strspn(in, " \t\n");
	len = strlen(s);
	while (len > 0 && strchr(" \t\n", s[len - 1]) != NULL)
		len--;
	if (len == 0)
		return NULL;
	/* ".../in/NAME/...": the part after /in/ up to /, ? or # */
	for (p = s; p + 4 <= s + len; p++) {
		if (strncmp(p, "/in/", 4) == 0 &&
		    (strncmp(s, "http", 4) == 0 ||
		     strstr(s, "linkedin.com") == s ||
		     strncmp(s, "www.", 4) == 0 ||
		     strncmp(s, "linkedin.com", 12) == 0)) {
			p += 4;
			e = p;
			while (e < s + len && strchr("/?#", *e) == NULL)
				e++;
			if (e == p)
				return NULL;
			return xstrndup(p, (size_t)(e - p));
		}
	}
	return xstrndup(s, len);
}

void
dlg_field(struct dlg *d, int y, int x, int w, const char *label,
          const struct edit *e, int focused)
{
	const char *s = edit_text(e);
	int lw = draw_text(stdscr, y, x, w, THEME_DIALOG, 0, label);
	int fw = w - lw, cw;
	char *before;

	if (fw < 2)
		return;
	before = xstrndup(s, edit_cursor(e));
	cw = draw_width(before);
	free(before);
	/* keep the cursor in view: skip characters off the left */
	while (cw >= fw && *s != '\0') {
		size_t n = utf8_next(s, strlen(s), 0);

		before = xstrndup(s, n);
		cw -= draw_width(before);
		free(before);
		s += n;
	}
	draw_text(stdscr, y, x + lw, fw, THEME_DIALOG_INPUT, DRAW_PAD, s);
	if (focused)
		dlg_set_cursor(d, y, x + lw + cw);
}

int
dlg_wrap(int y, int x, int w, int maxrows, enum theme_elem el, const char *s)
{
	struct utf8_line *lines = NULL;
	size_t n, i;
	int used = 0;

	if (s == NULL || *s == '\0' || w < 1)
		return 0;
	n = utf8_wrap(s, strlen(s), w, &lines);
	for (i = 0; i < n && used < maxrows; i++, used++)
		draw_textn(stdscr, y + used, x, w, el, 0, s + lines[i].start,
		           lines[i].end - lines[i].start);
	free(lines);
	return used;
}

int
dlg_edit(struct edit *e, enum cmd_id id, int key, int cols)
{
	char b[4];

	if (id == CMD_NEWLINE) {
		edit_newline(e);
		return 1;
	}
	if (id != CMD_NONE)
		return tui_edit_cmd(e, id, cols);
	if (!keys_is_text(key))
		return 0;
	edit_insert(e, b, utf8_encode((uint32_t)key, b));
	return 1;
}

char *
dlg_find_conversation(struct tui *t, const char *profile_urn)
{
	struct model_inbox in;
	struct model_participant *v;
	char *found = NULL;
	size_t i, j, n;
	int best = 0, score;

	if (profile_urn == NULL || *profile_urn == '\0')
		return NULL;
	model_inbox_snapshot(t->model, 0, &in);
	for (i = 0; i < in.n; i++) {
		n = model_participants(t->model, in.rows[i].urn, &v);
		for (j = 0; j < n; j++) {
			if (strcmp(v[j].urn, profile_urn) != 0)
				continue;
			/* a 1:1 conversation (the user and them) first */
			score = n <= 2 ? 2 : 1;
			if (score > best) {
				free(found);
				found = xstrdup(in.rows[i].urn);
				best = score;
			}
		}
		model_participants_free(v, n);
	}
	model_inbox_release(&in);
	return found;
}

void
dlg_go_to_conversation(struct tui *t, const char *urn)
{
	const char *sel;

	free(t->inbox.sel_urn);
	t->inbox.sel_urn = xstrdup(urn);
	inbox_set_filter(t, NULL);
	sel = inbox_selected(t);
	if (sel == NULL || strcmp(sel, urn) != 0) {
		tui_notice(t, 1, "That conversation is not in the inbox.");
		return;
	}
	tui_open_selected(t, 1);
}

void
dlg_message_person(struct tui *t, const char *urn, const char *name)
{
	char *conv;

	if ((conv = dlg_find_conversation(t, urn)) != NULL) {
		dlg_close(t);
		dlg_go_to_conversation(t, conv);
		free(conv);
	} else
		dlg_message_open(t, NULL, urn, name);
}

const char *
dlg_distance(const char *d)
{
	static const struct {
		const char *code, *text;
	} names[] = {
	    {"DISTANCE_1", "1st"},  {"DISTANCE_2", "2nd"},
	    {"DISTANCE_3", "3rd+"}, {"OUT_OF_NETWORK", "out of network"},
	    {"SELF", "you"},
	};
	size_t i;

	for (i = 0; d != NULL && i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(d, names[i].code) == 0)
			return names[i].text;
	}
	return d != NULL ? d : "";
}

void
dlg_open_profile_page(struct tui *t, const char *public_id)
{
	const struct config *c = t->opts.config;
	const char *opener =
	    c != NULL && c->opener != NULL ? c->opener : "xdg-open";
	char *url;

	if (public_id == NULL || *public_id == '\0')
		return;
	url = xasprintf("https://www.linkedin.com/in/%s/", public_id);
	if (opener_have_display() && opener_run(opener, url) == 0)
		tui_notice(t, 0, "Opening %s", url);
	else
		tui_notice(t, 0, "Profile: %s", url);
	free(url);
}

int
dlg_list_move(struct dlg_list *l, size_t n, enum cmd_id id)
{
	if (id != CMD_NEXT && id != CMD_PREV)
		return 0;
	dlg_list_fit(l, n, 1 << 30);
	if (id == CMD_NEXT && l->sel + 1 < n)
		l->sel++;
	else if (id == CMD_PREV && l->sel > 0)
		l->sel--;
	return 1;
}

void
dlg_list_fit(struct dlg_list *l, size_t n, int fit)
{
	if (l->sel >= n)
		l->sel = n > 0 ? n - 1 : 0;
	if (fit < 1)
		fit = 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)fit)
		l->top = l->sel - (size_t)fit + 1;
}
