/* help.c — the help screen, built from the keymap and the command table. */
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/help.h"
#include "tui/keymap.h"

static const char *const help_titles[KEYMAP_COUNT] = {
    "Everywhere (inbox and thread)",
    "Inbox",
    "Thread",
    "Compose box",
    "Dialogs and prompts",
    "Lists in dialogs",
};

/* One line of the help: a pane title, a binding or a blank. */
struct help_line {
	int pane;        /* -1: blank line */
	enum cmd_id cmd; /* CMD_NONE: the pane's title */
};

static size_t
help_collect(const struct tui *t, struct help_line *out, size_t max)
{
	size_t n = 0;
	int p, c;
	char *keys;

	for (p = 0; p < KEYMAP_COUNT; p++) {
		if (n < max)
			out[n] = (struct help_line){p, CMD_NONE};
		n++;
		for (c = CMD_NONE + 1; c < CMD_COUNT; c++) {
			keys = keymap_describe(t->km, (enum keymap_pane)p,
			                       (enum cmd_id)c);
			if (*keys != '\0') {
				if (n < max)
					out[n] = (struct help_line){
					    p, (enum cmd_id)c};
				n++;
			}
			free(keys);
		}
		if (n < max)
			out[n] = (struct help_line){-1, CMD_NONE};
		n++;
	}
	return n;
}

size_t
help_lines(const struct tui *t)
{
	return help_collect(t, NULL, 0);
}

void
help_draw(struct tui *t)
{
	int h = t->layout.rows - 1, w = t->layout.cols, y;
	size_t n = help_lines(t), i;
	struct help_line *lines = calloc(n + 1, sizeof *lines);
	char *keys;

	if (lines == NULL)
		return;
	help_collect(t, lines, n);
	draw_text(stdscr, 0, 0, w, THEME_DIALOG_TITLE, DRAW_PAD,
	          " linchat keys \xe2\x80\x94 j/k scroll, Esc or q closes");
	for (y = 1; y < h; y++) {
		i = t->help_top + (size_t)(y - 1);
		if (i >= n || lines[i].pane < 0) {
			draw_fill(stdscr, y, 0, w, THEME_HELP);
			continue;
		}
		if (lines[i].cmd == CMD_NONE) {
			draw_text(stdscr, y, 0, w, THEME_THREAD_TITLE, DRAW_PAD,
			          help_titles[lines[i].pane]);
			continue;
		}
		keys = keymap_describe(t->km, (enum keymap_pane)lines[i].pane,
		                       lines[i].cmd);
		draw_text(stdscr, y, 0, 2, THEME_HELP, DRAW_PAD, "");
		draw_text(stdscr, y, 2, 20, THEME_HELP_KEY,
		          DRAW_PAD | DRAW_ELLIPSIS, keys);
		draw_text(stdscr, y, 22, w - 22, THEME_HELP,
		          DRAW_PAD | DRAW_ELLIPSIS,
		          cmd_get(lines[i].cmd)->help);
		free(keys);
	}
	free(lines);
}

void
help_key(struct tui *t, int key)
{
	size_t n = help_lines(t),
	       page = (size_t)(t->layout.rows > 4 ? t->layout.rows - 3 : 1),
	       max = n > page ? n - page : 0;

	switch (keymap_lookup(t->km, KEYMAP_MENU, key)) {
	case CMD_NEXT:
		if (t->help_top < max)
			t->help_top++;
		break;
	case CMD_PREV:
		if (t->help_top > 0)
			t->help_top--;
		break;
	case CMD_PAGE_DOWN:
		t->help_top =
		    t->help_top + page < max ? t->help_top + page : max;
		break;
	case CMD_PAGE_UP:
		t->help_top = t->help_top > page ? t->help_top - page : 0;
		break;
	case CMD_CANCEL:
	case CMD_HELP:
	case CMD_CONFIRM:
		t->help_open = 0;
		t->dirty |= TUI_DIRTY_ALL;
		return;
	default:
		break;
	}
	t->dirty |= TUI_DIRTY_HELP;
}
