/* statusbar.c — the status bar and the one-line prompt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/keymap.h"
#include "tui/keys.h"
#include "tui/statusbar.h"
#include "tui/timefmt.h"
#include "core/utf8.h"

long
statusbar_sync_text(const struct model_sync *s, const struct model_rate *r,
                    int64_t now_ms, char *out, size_t n, int *error)
{
	const char *poll =
	    s->stream == MODEL_STREAM_POLLING ? "polling \xc2\xb7 " : "";
	char d[32];
	int64_t age;

	*error = 0;
	if (s->session_expired) {
		*error = 1;
		snprintf(out, n,
		         "session expired \xe2\x80\x94 run `linchat "
		         "login`");
		return -1;
	}
	if (r->limited) {
		*error = 1;
		if (r->until_ms > now_ms) {
			snprintf(out, n, "rate limited, retrying in %s",
			         timefmt_duration((r->until_ms - now_ms + 999) /
			                              1000,
			                          d, sizeof d));
			return 1000;
		}
		snprintf(out, n, "rate limited");
		return -1;
	}
	if (s->syncing) {
		snprintf(out, n, "syncing\xe2\x80\xa6");
		return -1;
	}
	if (s->next_retry_ms > 0 && s->last_error[0] != '\0') {
		*error = 1;
		if (s->next_retry_ms > now_ms) {
			snprintf(out, n, "offline, retrying in %s",
			         timefmt_duration(
			             (s->next_retry_ms - now_ms + 999) / 1000,
			             d, sizeof d));
			return 1000;
		}
		snprintf(out, n, "offline, retrying");
		return -1;
	}
	if (s->stream == MODEL_STREAM_LIVE) {
		snprintf(out, n, "live");
		return -1;
	}
	if (s->stream == MODEL_STREAM_RETRY && s->stream_retry_ms > now_ms) {
		snprintf(
		    out, n, "reconnecting in %s",
		    timefmt_duration((s->stream_retry_ms - now_ms + 999) / 1000,
		                     d, sizeof d));
		return 1000;
	}
	if (s->stream == MODEL_STREAM_RETRY ||
	    s->stream == MODEL_STREAM_CONNECTING) {
		snprintf(out, n, "connecting\xe2\x80\xa6");
		return -1;
	}
	if (s->last_sync_ms > 0) {
		/*
		 * Whole minutes only: a clock counting seconds would wake an
		 * idle terminal every second to say nothing new.  The next
		 * tick is the moment the sentence changes.
		 */
		age = now_ms > s->last_sync_ms ? now_ms - s->last_sync_ms : 0;
		if (age < 60000)
			snprintf(out, n, "%ssynced just now", poll);
		else
			snprintf(out, n, "%ssynced %s ago", poll,
			         timefmt_duration(age / 1000, d, sizeof d));
		if (age < 3600000)
			return 60000 - age % 60000;
		if (age < 86400000)
			return 3600000 - age % 3600000;
		return 86400000 - age % 86400000;
	}
	snprintf(out, n, "not synced yet");
	return -1;
}

static void
statusbar_prompt(struct tui *t)
{
	const struct screen_rect *a = &t->layout.status;
	int used;

	used =
	    draw_text(stdscr, a->y, a->x, a->w, THEME_STATUS_KEY, 0,
	              t->prompt == TUI_PROMPT_FILTER ? "Filter: " : "Search: ");
	draw_text(stdscr, a->y, a->x + used, a->w - used, THEME_DIALOG_INPUT,
	          DRAW_PAD, edit_text(t->prompt_ed));
}

void
statusbar_cursor(struct tui *t)
{
	const struct screen_rect *a = &t->layout.status;
	const char *s = edit_text(t->prompt_ed);
	int lead = draw_width(t->prompt == TUI_PROMPT_FILTER ? "Filter: "
	                                                     : "Search: ");

	move(a->y, a->x + lead + utf8_width(s, edit_cursor(t->prompt_ed)));
}

long
statusbar_draw(struct tui *t)
{
	const struct screen_rect *a = &t->layout.status;
	struct model_sync s;
	struct model_rate r;
	char sync[160], help[64], keyname[32], *keys;
	int error, used = 0, hw;
	size_t unread;
	long next;

	if (t->prompt != TUI_PROMPT_NONE) {
		statusbar_prompt(t);
		return -1;
	}
	model_get_sync(t->model, &s);
	model_get_rate(t->model, &r);
	unread = model_unread_total(t->model);
	next = statusbar_sync_text(&s, &r, (int64_t)t->now * 1000, sync,
	                           sizeof sync, &error);

	keys = keymap_describe(t->km, KEYMAP_GLOBAL, CMD_HELP);
	snprintf(keyname, sizeof keyname, "%.*s", (int)strcspn(keys, ","),
	         keys);
	free(keys);
	snprintf(help, sizeof help, " %s help ",
	         keyname[0] != '\0' ? keyname : "?");
	hw = draw_width(help);

	/* a notice matters more than the account name */
	if (t->opts.account != NULL && *t->opts.account != '\0' &&
	    t->message == NULL)
		used += draw_textf(stdscr, a->y, a->x + used, a->w - hw - used,
		                   THEME_STATUS, 0, " %s \xc2\xb7",
		                   t->opts.account);
	used += draw_textf(stdscr, a->y, a->x + used, a->w - hw - used,
	                   error ? THEME_STATUS_ERROR : THEME_STATUS, 0, " %s ",
	                   sync);
	if (unread > 0)
		used += draw_textf(stdscr, a->y, a->x + used, a->w - hw - used,
		                   THEME_STATUS_KEY, 0, "\xc2\xb7 %zu unread ",
		                   unread);
	if (t->message != NULL)
		used += draw_textf(stdscr, a->y, a->x + used, a->w - hw - used,
		                   t->message_error ? THEME_STATUS_ERROR
		                                    : THEME_STATUS,
		                   DRAW_ELLIPSIS, "\xc2\xb7 %s ", t->message);
	else if (s.last_error[0] != '\0' && !error)
		used += draw_textf(stdscr, a->y, a->x + used, a->w - hw - used,
		                   THEME_STATUS_ERROR, DRAW_ELLIPSIS, " %s ",
		                   s.last_error);
	if (a->w - hw - used > 0)
		draw_fill(stdscr, a->y, a->x + used, a->w - hw - used,
		          THEME_STATUS);
	draw_text(stdscr, a->y, a->x + a->w - hw, hw, THEME_STATUS_KEY,
	          DRAW_PAD, help);
	return next;
}
