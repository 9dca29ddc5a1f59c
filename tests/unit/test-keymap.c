#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/cmd.h"
#include "tui/keymap.h"
#include "tui/keys.h"

static struct keymap *km;

static void
setup(void)
{
	km = keymap_new();
}

static void
teardown(void)
{
	keymap_free(km);
}

TestSuite(keymap, .init = setup, .fini = teardown);

Test(keymap, default_inbox_keys_move_and_open)
{
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, 'j'), CMD_NEXT);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, KEYC_DOWN), CMD_NEXT);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, 'k'), CMD_PREV);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, 'G'), CMD_BOTTOM);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, KEYC_ENTER), CMD_OPEN);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, 'l'), CMD_OPEN);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, 'u'), CMD_UNREAD_ONLY);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, 'n'), CMD_NEW);
}

Test(keymap, n_means_next_match_in_the_thread)
{
	cr_assert_eq(keymap_lookup(km, KEYMAP_THREAD, 'n'), CMD_SEARCH_NEXT);
	cr_assert_eq(keymap_lookup(km, KEYMAP_THREAD, 'N'), CMD_SEARCH_PREV);
	cr_assert_eq(keymap_lookup(km, KEYMAP_THREAD, '>'), CMD_QUOTE);
	cr_assert_eq(keymap_lookup(km, KEYMAP_THREAD, 'h'), CMD_BACK);
	cr_assert_eq(keymap_lookup(km, KEYMAP_THREAD, KEYC_ESC), CMD_BACK);
}

Test(keymap, global_keys_work_in_inbox_and_thread)
{
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, 'q'), CMD_QUIT);
	cr_assert_eq(keymap_lookup(km, KEYMAP_THREAD, '?'), CMD_HELP);
	cr_assert_eq(keymap_lookup(km, KEYMAP_THREAD, ' '), CMD_NEXT_UNREAD);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, KEYC_TAB), CMD_FOCUS_NEXT);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, 'R'), CMD_SYNC);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, 'I'), CMD_INVITATIONS);
}

Test(keymap, typing_q_in_the_compose_box_is_not_quit)
{
	cr_assert_eq(keymap_lookup(km, KEYMAP_COMPOSE, 'q'), CMD_NONE);
	cr_assert_eq(keymap_lookup(km, KEYMAP_DIALOG, 'q'), CMD_NONE);
	cr_assert_eq(keymap_lookup(km, KEYMAP_COMPOSE, ' '), CMD_NONE);
}

Test(keymap, compose_enter_sends_and_alt_enter_inserts_newline)
{
	cr_assert_eq(keymap_lookup(km, KEYMAP_COMPOSE, KEYC_ENTER), CMD_SEND);
	cr_assert_eq(keymap_lookup(km, KEYMAP_COMPOSE, KEYC_META | KEYC_ENTER),
	             CMD_NEWLINE);
	cr_assert_eq(keymap_lookup(km, KEYMAP_COMPOSE, KEYC_CTRL | 'j'),
	             CMD_NEWLINE);
	cr_assert_eq(keymap_lookup(km, KEYMAP_COMPOSE, KEYC_CTRL | 'w'),
	             CMD_DELETE_WORD);
	cr_assert_eq(keymap_lookup(km, KEYMAP_COMPOSE, KEYC_CTRL | 'u'),
	             CMD_DELETE_TO_START);
	cr_assert_eq(keymap_lookup(km, KEYMAP_COMPOSE, KEYC_CTRL | 'e'),
	             CMD_EDITOR);
}

Test(keymap, config_line_replaces_the_keys_of_a_command)
{
	struct lc_error err;

	cr_assert_eq(keymap_set(km, "inbox.next", "J, C-n", "cfg:3", &err),
	             LC_OK);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, 'J'), CMD_NEXT);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, KEYC_CTRL | 'n'),
	             CMD_NEXT);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, 'j'), CMD_NONE);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, KEYC_DOWN), CMD_NONE);
	/* other panes keep theirs */
	cr_assert_eq(keymap_lookup(km, KEYMAP_THREAD, 'j'), CMD_NEXT);
}

Test(keymap, binding_a_key_takes_it_from_its_old_command)
{
	struct lc_error err;

	cr_assert_eq(keymap_set(km, "thread.quote", "r", NULL, &err), LC_OK);
	cr_assert_eq(keymap_lookup(km, KEYMAP_THREAD, 'r'), CMD_QUOTE);
	cr_assert_eq(keymap_lookup(km, KEYMAP_THREAD, '>'), CMD_NONE);
	cr_assert_eq(keymap_lookup(km, KEYMAP_THREAD, 'i'), CMD_REPLY);
}

Test(keymap, none_unbinds_a_command)
{
	struct lc_error err;

	cr_assert_eq(keymap_set(km, "global.quit", "none", NULL, &err), LC_OK);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, 'q'), CMD_NONE);
}

Test(keymap, comma_key_can_be_bound)
{
	struct lc_error err;

	cr_assert_eq(keymap_set(km, "thread.react", ",, Comma", NULL, &err),
	             LC_OK);
	cr_assert_eq(keymap_lookup(km, KEYMAP_THREAD, ','), CMD_REACT);
	cr_assert_eq(keymap_set(km, "thread.copy", "Y, ,", NULL, &err), LC_OK);
	cr_assert_eq(keymap_lookup(km, KEYMAP_THREAD, ','), CMD_COPY);
}

Test(keymap, unknown_command_is_reported_with_file_and_line)
{
	struct lc_error err;

	cr_assert_eq(keymap_set(km, "inbox.fly", "j", "config:12", &err),
	             LC_EINVAL);
	cr_assert(strstr(err.msg, "config:12: ") == err.msg, "%s", err.msg);
	cr_assert(strstr(err.msg, "\"fly\"") != NULL, "%s", err.msg);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, 'j'), CMD_NEXT);
}

Test(keymap, unknown_key_name_is_reported_and_changes_nothing)
{
	struct lc_error err;

	cr_assert_eq(
	    keymap_set(km, "inbox.next", "j, Hyper-z", "config:4", &err),
	    LC_EINVAL);
	cr_assert(strstr(err.msg, "config:4: ") == err.msg, "%s", err.msg);
	cr_assert(strstr(err.msg, "\"Hyper-z\"") != NULL, "%s", err.msg);
	cr_assert_eq(keymap_lookup(km, KEYMAP_INBOX, KEYC_DOWN), CMD_NEXT);
}

Test(keymap, unknown_pane_and_missing_dot_are_reported)
{
	struct lc_error err;

	cr_assert_eq(keymap_set(km, "sidebar.next", "j", "c:1", &err),
	             LC_EINVAL);
	cr_assert(strstr(err.msg, "\"sidebar\"") != NULL, "%s", err.msg);
	cr_assert_eq(keymap_set(km, "next", "j", "c:2", &err), LC_EINVAL);
	cr_assert(strstr(err.msg, "c:2: ") == err.msg, "%s", err.msg);
}

Test(keymap, describe_lists_keys_for_the_help_screen)
{
	char *s;

	s = keymap_describe(km, KEYMAP_INBOX, CMD_NEXT);
	cr_assert_str_eq(s, "j, Down");
	free(s);
	s = keymap_describe(km, KEYMAP_COMPOSE, CMD_NEWLINE);
	cr_assert_str_eq(s, "M-Enter, C-j");
	free(s);
	s = keymap_describe(km, KEYMAP_COMPOSE, CMD_QUIT);
	cr_assert_str_eq(s, "");
	free(s);
}

Test(keymap, bindings_can_be_listed_in_order)
{
	int key;
	enum cmd_id cmd;

	cr_assert_gt(keymap_count(km, KEYMAP_INBOX), 10);
	keymap_get(km, KEYMAP_INBOX, 0, &key, &cmd);
	cr_assert_eq(key, 'j');
	cr_assert_eq(cmd, CMD_NEXT);
}

Test(keymap, every_command_has_a_name_that_finds_it)
{
	int i;
	const struct cmd_entry *e;

	for (i = CMD_NONE + 1; i < CMD_COUNT; i++) {
		e = cmd_get((enum cmd_id)i);
		cr_assert_not_null(e, "command %d has no entry", i);
		cr_assert_eq(e->id, (enum cmd_id)i);
		cr_assert_eq(cmd_find(e->name), (enum cmd_id)i, "%s", e->name);
		cr_assert_not_null(e->help);
	}
	cr_assert_eq(cmd_find("no-such-command"), CMD_NONE);
}

static int ran_id;
static void *ran_ctx;

static void
record(void *ctx, enum cmd_id id)
{
	ran_ctx = ctx;
	ran_id = (int)id;
}

Test(keymap, handlers_run_with_the_pane_context)
{
	struct cmd_handlers h;
	int pane_state;

	cmd_handlers_init(&h, &pane_state);
	cmd_handlers_set(&h, CMD_NEXT, record);
	cr_assert_eq(cmd_run(&h, keymap_lookup(km, KEYMAP_INBOX, 'j')), 1);
	cr_assert_eq(ran_id, CMD_NEXT);
	cr_assert_eq(ran_ctx, &pane_state);
	cr_assert_eq(cmd_run(&h, CMD_QUIT), 0);
	cr_assert_eq(cmd_run(&h, CMD_NONE), 0);
}

/* docs/keys.md lists the defaults; run from the source tree. */
Test(keymap, docs_keys_md_lists_every_default_binding)
{
	FILE *f = fopen("docs/keys.md", "r");
	char *doc, *line, *d, *section;
	size_t len;
	int p, c;

	cr_assert_not_null(f, "docs/keys.md is missing");
	doc = calloc(1, 1 << 16);
	len = fread(doc, 1, (1 << 16) - 1, f);
	fclose(f);
	doc[len] = '\0';
	for (p = 0; p < KEYMAP_COUNT; p++) {
		char head[32];

		snprintf(head, sizeof head, "\n## %s\n",
		         keymap_pane_name((enum keymap_pane)p));
		section = strstr(doc, head);
		cr_assert_not_null(section, "no section %s", head + 1);
		for (c = CMD_NONE + 1; c < CMD_COUNT; c++) {
			d = keymap_describe(km, (enum keymap_pane)p,
			                    (enum cmd_id)c);
			if (*d != '\0') {
				line = malloc(512);
				snprintf(line, 512, "| `%s` | %s | %s |\n", d,
				         cmd_get((enum cmd_id)c)->name,
				         cmd_get((enum cmd_id)c)->help);
				cr_assert_not_null(
				    strstr(section, line),
				    "docs/keys.md, %s: missing %s", head + 4,
				    line);
				free(line);
			}
			free(d);
		}
	}
	free(doc);
}
