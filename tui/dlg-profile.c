/* dlg-profile.c — profile lookup (p): a public id or profile URL, then
 * the full profile once the worker has put it in the model, with message
 * (m) and connect (c) actions.  A name (words with spaces) goes to the
 * people search instead, and so can a public id that was not found (s).
 *
 * The lookup's outcome is the model's result for its ticket: none yet is
 * loading, an error code is the sentence to show, success carries the
 * profile's URN to read it with model_get_profile().
 */
#include <stdlib.h>
#include <string.h>

#include "tui/dlg.h"
#include "tui/draw.h"
#include "core/xmalloc.h"

struct dlg_profile {
	struct edit *input;
	char *who;       /* NULL: still asking for it */
	uint64_t ticket; /* the lookup's outcome (model_get_result()) */
};

static void
profile_free(void *st)
{
	struct dlg_profile *s = st;

	edit_free(s->input);
	free(s->who);
	free(s);
}

/* Fills p when the lookup of s->who is done and worked: 1; 0 loading;
 * -1 failed with *msg (caller frees). */
static int
profile_get(struct tui *t, struct dlg_profile *s, struct model_profile *p,
            char **msg)
{
	char *text = NULL;
	int code, rc = 0;

	*msg = NULL;
	if (model_get_result(t->model, s->ticket, &code, &text) == 0) {
		if (code != 0) {
			*msg = text != NULL ? text : xstrdup("Lookup failed.");
			text = NULL;
			rc = -1;
		} else if (text != NULL &&
		           model_get_profile(t->model, text, p) == 0)
			rc = 1;
	}
	free(text);
	return rc;
}

static void
profile_lookup(struct tui *t, struct dlg_profile *s, char *who)
{
	free(s->who);
	s->who = who;
	s->ticket = t->opts.actions.profile(t->opts.actions.ctx, who);
}

static const struct dlg_ops profile_ops;

/* Switches to the menu keys once a lookup is under way. */
static const struct dlg_ops profile_card_ops;

static int
profile_cmd(struct tui *t, struct dlg *d, enum cmd_id id)
{
	struct dlg_profile *s = d->st;
	struct model_profile p;
	char *who, *msg, *name;
	int got;

	if (s->who == NULL) {
		if (id == CMD_CONFIRM) {
			if ((who = dlg_parse_who(edit_text(s->input))) == NULL)
				return 1;
			if (strpbrk(who, " \t") != NULL) {
				/* a name, not an id: search people */
				dlg_search_open(t, who);
				free(who);
				return 1;
			}
			profile_lookup(t, s, who);
			d->ops = &profile_card_ops;
			return 1;
		}
		return id == CMD_NEWLINE || dlg_edit(s->input, id, 0, 1000);
	}
	if (id == CMD_SEARCH) {
		who = xstrdup(s->who); /* the search dialog replaces s */
		dlg_search_open(t, who);
		free(who);
		return 1;
	}
	if (id != CMD_NEW && id != CMD_CONNECT && id != CMD_OPEN_LINK)
		return 0;
	memset(&p, 0, sizeof p);
	got = profile_get(t, s, &p, &msg);
	free(msg);
	if (got != 1) {
		tui_notice(t, 1, "The profile is not loaded yet.");
		return 1;
	}
	if (id == CMD_OPEN_LINK)
		dlg_open_profile_page(t, p.public_id);
	else if (id == CMD_CONNECT) {
		who = xstrdup(p.public_id[0] != '\0' ? p.public_id : p.urn);
		dlg_connect_open(t, who);
		free(who);
	} else {
		name = xasprintf("%s %s", p.first_name, p.last_name);
		dlg_message_person(t, p.urn, name);
		free(name);
	}
	model_profile_clear(&p);
	return 1;
}

static void
profile_text(struct tui *t, struct dlg *d, int key)
{
	struct dlg_profile *s = d->st;

	(void)t;
	if (s->who == NULL)
		dlg_edit(s->input, CMD_NONE, key, 1000);
}

static void
profile_draw_card(const struct model_profile *p, struct screen_rect r)
{
	int y = r.y, end = r.y + r.h - 1;

	draw_textf(stdscr, y, r.x, r.w, THEME_DIALOG_TITLE, DRAW_ELLIPSIS,
	           "%s %s%s", p->first_name, p->last_name,
	           p->premium ? "  [Premium]" : "");
	y++;
	y += dlg_wrap(y, r.x, r.w, 2, THEME_DIALOG, p->headline);
	if (p->location[0] != '\0')
		draw_textf(stdscr, y++, r.x, r.w, THEME_DIALOG, DRAW_ELLIPSIS,
		           "Location: %s", p->location);
	if (p->industry[0] != '\0')
		draw_textf(stdscr, y++, r.x, r.w, THEME_DIALOG, DRAW_ELLIPSIS,
		           "Industry: %s", p->industry);
	if (p->distance[0] != '\0')
		draw_textf(stdscr, y++, r.x, r.w, THEME_DIALOG, DRAW_ELLIPSIS,
		           "Distance: %s", dlg_distance(p->distance));
	if (p->public_id[0] != '\0')
		draw_textf(stdscr, y++, r.x, r.w, THEME_DIALOG, DRAW_ELLIPSIS,
		           "Profile:  https://www.linkedin.com/in/%s/",
		           p->public_id);
	if (p->picture_url[0] != '\0')
		draw_textf(stdscr, y++, r.x, r.w, THEME_DIALOG, DRAW_ELLIPSIS,
		           "Picture:  %s", p->picture_url);
	if (p->summary[0] != '\0' && y + 1 < end) {
		y++;
		dlg_wrap(y, r.x, r.w, end - y - 1, THEME_DIALOG, p->summary);
	}
	draw_text(stdscr, end, r.x, r.w, THEME_COMPOSE_HINT, 0,
	          "m: message   c: connect   o: open   Esc: close");
}

static void
profile_draw(struct tui *t, struct dlg *d, struct screen_rect r)
{
	struct dlg_profile *s = d->st;
	struct model_profile p;
	char *msg;
	int got;

	if (s->who == NULL) {
		draw_text(stdscr, r.y, r.x, r.w, THEME_DIALOG, 0,
		          "A public id, a profile URL or a name:");
		dlg_field(d, r.y + 2, r.x, r.w, "> ", s->input, 1);
		draw_text(stdscr, r.y + r.h - 1, r.x, r.w, THEME_COMPOSE_HINT,
		          0, "Enter: look up   Esc: close");
		return;
	}
	memset(&p, 0, sizeof p);
	got = profile_get(t, s, &p, &msg);
	if (got == 1)
		profile_draw_card(&p, r);
	else if (got < 0) {
		draw_textf(stdscr, r.y, r.x, r.w, THEME_STATUS_ERROR,
		           DRAW_ELLIPSIS, "Could not look up %s:", s->who);
		dlg_wrap(r.y + 1, r.x, r.w, r.h - 2, THEME_DIALOG, msg);
		draw_textf(stdscr, r.y + r.h - 1, r.x, r.w, THEME_COMPOSE_HINT,
		           DRAW_ELLIPSIS,
		           "s: search people named %s   Esc: "
		           "close",
		           s->who);
	} else
		draw_textf(stdscr, r.y, r.x, r.w, THEME_DIALOG, DRAW_ELLIPSIS,
		           "Looking up %s\xe2\x80\xa6", s->who);
	free(msg);
	model_profile_clear(&p);
}

static const struct dlg_ops profile_ops = {
    "Profile",    KEYMAP_DIALOG, 0,    profile_cmd, profile_text,
    profile_draw, profile_free,  NULL,
};

static const struct dlg_ops profile_card_ops = {
    "Profile",    KEYMAP_MENU,  0,    profile_cmd, NULL,
    profile_draw, profile_free, NULL,
};

void
dlg_profile_open(struct tui *t, const char *who)
{
	struct dlg_profile *s;

	if (t->opts.actions.profile == NULL) {
		tui_notice(t, 1,
		           "Profile lookup needs the service: not "
		           "connected.");
		return;
	}
	s = xcalloc(1, sizeof *s);
	s->input = edit_new();
	dlg_open(t, who == NULL ? &profile_ops : &profile_card_ops, s);
	if (who != NULL)
		profile_lookup(t, s, xstrdup(who));
}
