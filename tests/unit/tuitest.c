/* tuitest.c — see tuitest.h. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "tui/keys.h"
#include "tests/unit/tuitest.h"
#include "core/xmalloc.h"

static SCREEN *sc;
static FILE *out, *in;

void
tuitest_screen_up(void)
{
	setenv("TZ", "UTC", 1);
	unsetenv("NO_COLOR");
	tzset();
	setlocale(LC_ALL, "C.UTF-8");
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	sc = newterm("xterm-256color", out, in);
	cr_assert_not_null(sc);
	set_term(sc);
}

struct tui *
tuitest_tui_new(const struct tui_opts *o)
{
	struct tui *t = tui_new(o);

	t->now = TUITEST_NOW;
	tui_relayout(t, 24, 80);
	tui_model_changed(t);
	tui_draw(t);
	return t;
}

void
tuitest_conv(struct model *m, const char *urn, const char *who,
             const char *name, int unread, int64_t ago_s, const char *last)
{
	struct model_participant p[2] = {{TUITEST_ME, "Me"}, {who, name}};
	struct model_conv c = {
	    urn,    NULL,        p,   2,
	    unread, unread == 0, 1,   ((int64_t)TUITEST_NOW - ago_s) * 1000,
	    last,   who,         NULL};

	model_put_conversation(m, &c);
}

void
tuitest_msg(struct model *m, const char *conv, const char *urn,
            const char *sender, const char *text, int64_t ago_s)
{
	struct model_msg v = {urn,
	                      sender,
	                      NULL,
	                      text,
	                      NULL,
	                      NULL,
	                      NULL,
	                      NULL,
	                      ((int64_t)TUITEST_NOW - ago_s) * 1000,
	                      MODEL_MSG_SENT,
	                      0,
	                      NULL};

	model_merge_messages(m, conv, &v, 1);
}

void
tuitest_screen_down(void)
{
	endwin();
	delscreen(sc);
	fclose(out);
	fclose(in);
}

void
tuitest_keys(struct tui *t, const char *names)
{
	char *copy = xstrdup(names), *p = copy, *sp;

	for (;;) {
		sp = strchr(p, ' ');
		if (sp != NULL)
			*sp = '\0';
		tui_key(t, keys_parse(p));
		if (sp == NULL)
			break;
		p = sp + 1;
	}
	free(copy);
	tui_draw(t);
}

void
tuitest_type(struct tui *t, const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		tui_key(t, (unsigned char)s[i]);
	tui_draw(t);
}

char *
tuitest_screen_text(void)
{
	static char buf[24 * 400];
	wchar_t w[128];
	char line[400];
	int y;

	buf[0] = '\0';
	for (y = 0; y < LINES; y++) {
		mvwinnwstr(stdscr, y, 0, w, COLS);
		wcstombs(line, w, sizeof line);
		strncat(buf, line, sizeof buf - strlen(buf) - 2);
		strncat(buf, "\n", sizeof buf - strlen(buf) - 1);
	}
	return buf;
}

char *
tuitest_row(int y)
{
	static char line[400];
	wchar_t w[128];

	mvwinnwstr(stdscr, y, 0, w, COLS);
	wcstombs(line, w, sizeof line);
	return line;
}
