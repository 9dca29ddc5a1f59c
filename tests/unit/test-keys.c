#include <criterion/criterion.h>
#include <curses.h>
#include <string.h>

#include "tui/keymap.h"
#include "tui/keys.h"

static const char *
name(int key)
{
	static char out[32];

	return keys_name(key, out, sizeof out);
}

Test(keys, letters_and_punctuation_are_themselves)
{
	cr_assert_eq(keys_from_wch(OK, L'j'), 'j');
	cr_assert_eq(keys_from_wch(OK, L'>'), '>');
	cr_assert_str_eq(name('j'), "j");
	cr_assert_str_eq(name('G'), "G");
	cr_assert_str_eq(name('+'), "+");
}

Test(keys, return_is_enter_and_ctrl_j_stays_distinct)
{
	cr_assert_eq(keys_from_wch(OK, L'\r'), KEYC_ENTER);
	cr_assert_eq(keys_from_wch(KEY_CODE_YES, KEY_ENTER), KEYC_ENTER);
	cr_assert_eq(keys_from_wch(OK, L'\n'), KEYC_CTRL | 'j');
	cr_assert_str_eq(name(keys_from_wch(OK, L'\n')), "C-j");
	cr_assert_str_eq(name(KEYC_ENTER), "Enter");
}

Test(keys, control_characters_are_named_with_c_prefix)
{
	cr_assert_eq(keys_from_wch(OK, 0x17), KEYC_CTRL | 'w');
	cr_assert_str_eq(name(keys_from_wch(OK, 0x17)), "C-w");
	cr_assert_str_eq(name(keys_from_wch(OK, 0x15)), "C-u");
	cr_assert_str_eq(name(keys_from_wch(OK, 0)), "C-Space");
}

Test(keys, tab_backspace_and_escape_have_their_own_names)
{
	cr_assert_str_eq(name(keys_from_wch(OK, L'\t')), "Tab");
	cr_assert_str_eq(name(keys_from_wch(OK, 0x7f)), "BSpace");
	cr_assert_str_eq(name(keys_from_wch(OK, 0x08)), "BSpace");
	cr_assert_str_eq(name(keys_from_wch(KEY_CODE_YES, KEY_BACKSPACE)),
	                 "BSpace");
	cr_assert_str_eq(name(keys_from_wch(OK, 0x1b)), "Esc");
	cr_assert_str_eq(name(keys_from_wch(KEY_CODE_YES, KEY_BTAB)), "BTab");
}

Test(keys, function_and_cursor_keys_from_curses)
{
	cr_assert_str_eq(name(keys_from_wch(KEY_CODE_YES, KEY_UP)), "Up");
	cr_assert_str_eq(name(keys_from_wch(KEY_CODE_YES, KEY_NPAGE)), "PgDn");
	cr_assert_str_eq(name(keys_from_wch(KEY_CODE_YES, KEY_PPAGE)), "PgUp");
	cr_assert_str_eq(name(keys_from_wch(KEY_CODE_YES, KEY_DC)), "Delete");
	cr_assert_str_eq(name(keys_from_wch(KEY_CODE_YES, KEY_F(1))), "F1");
	cr_assert_str_eq(name(keys_from_wch(KEY_CODE_YES, KEY_F(12))), "F12");
	cr_assert_eq(keys_from_wch(KEY_CODE_YES, KEY_RESIZE), KEYC_RESIZE);
}

Test(keys, space_is_named_space)
{
	cr_assert_eq(keys_from_wch(OK, L' '), ' ');
	cr_assert_str_eq(name(' '), "Space");
	cr_assert_eq(keys_parse("Space"), ' ');
}

Test(keys, escape_then_key_is_alt)
{
	cr_assert_eq(keys_add_meta(KEYC_ENTER), KEYC_META | KEYC_ENTER);
	cr_assert_str_eq(name(keys_add_meta(KEYC_ENTER)), "M-Enter");
	cr_assert_str_eq(name(keys_add_meta('b')), "M-b");
	cr_assert_eq(keys_add_meta(KEYC_ESC), KEYC_ESC);
}

Test(keys, wide_characters_are_keys)
{
	cr_assert_eq(keys_from_wch(OK, 0x00e9), 0xe9);
	cr_assert_str_eq(name(0xe9), "\xc3\xa9");
	cr_assert_eq(keys_parse("\xc3\xa9"), 0xe9);
	cr_assert_eq(keys_parse("\xe4\xb8\xad"), 0x4e2d);
}

Test(keys, errors_and_mouse_events_are_not_keys)
{
	cr_assert_eq(keys_from_wch(ERR, 0), KEYC_NONE);
	cr_assert_eq(keys_from_wch(KEY_CODE_YES, KEY_MOUSE), KEYC_NONE);
	cr_assert_eq(keys_from_wch(OK, 0x9b), KEYC_NONE);
}

Test(keys, every_name_parses_back_to_its_key)
{
	static const int keys[] = {
	    'j',
	    'G',
	    '/',
	    '?',
	    '>',
	    ' ',
	    ',',
	    KEYC_ENTER,
	    KEYC_TAB,
	    KEYC_BTAB,
	    KEYC_BSPACE,
	    KEYC_ESC,
	    KEYC_UP,
	    KEYC_DOWN,
	    KEYC_LEFT,
	    KEYC_RIGHT,
	    KEYC_HOME,
	    KEYC_END,
	    KEYC_PPAGE,
	    KEYC_NPAGE,
	    KEYC_IC,
	    KEYC_DC,
	    KEYC_F1,
	    KEYC_F1 + 9,
	    KEYC_F12,
	    KEYC_CTRL | 'w',
	    KEYC_CTRL | ' ',
	    KEYC_META | KEYC_ENTER,
	    KEYC_META | 'x',
	    KEYC_CTRL | KEYC_META | 'a',
	    KEYC_META | KEYC_LEFT,
	};
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		cr_assert_eq(keys_parse(name(keys[i])), keys[i], "key %s",
		             name(keys[i]));
}

Test(keys, names_accept_aliases_and_any_case)
{
	cr_assert_eq(keys_parse("Return"), KEYC_ENTER);
	cr_assert_eq(keys_parse("enter"), KEYC_ENTER);
	cr_assert_eq(keys_parse("Escape"), KEYC_ESC);
	cr_assert_eq(keys_parse("PageDown"), KEYC_NPAGE);
	cr_assert_eq(keys_parse("pgup"), KEYC_PPAGE);
	cr_assert_eq(keys_parse("Backspace"), KEYC_BSPACE);
	cr_assert_eq(keys_parse("S-Tab"), KEYC_BTAB);
	cr_assert_eq(keys_parse("Ctrl-W"), KEYC_CTRL | 'w');
	cr_assert_eq(keys_parse("^W"), KEYC_CTRL | 'w');
	cr_assert_eq(keys_parse("Alt-Enter"), KEYC_META | KEYC_ENTER);
	cr_assert_eq(keys_parse("f5"), KEYC_F1 + 4);
}

Test(keys, ctrl_names_of_terminal_keys_mean_those_keys)
{
	cr_assert_eq(keys_parse("C-i"), KEYC_TAB);
	cr_assert_eq(keys_parse("C-m"), KEYC_ENTER);
	cr_assert_eq(keys_parse("C-h"), KEYC_BSPACE);
	cr_assert_eq(keys_parse("C-["), KEYC_ESC);
}

Test(keys, unknown_names_are_rejected)
{
	cr_assert_eq(keys_parse(""), KEYC_NONE);
	cr_assert_eq(keys_parse("Hyper-x"), KEYC_NONE);
	cr_assert_eq(keys_parse("jj"), KEYC_NONE);
	cr_assert_eq(keys_parse("F13"), KEYC_NONE);
	cr_assert_eq(keys_parse("C-Up"), KEYC_NONE);
	cr_assert_eq(keys_parse("\xff"), KEYC_NONE);
	cr_assert_eq(keys_parse("C-"), KEYC_NONE);
	cr_assert_str_eq(name(0x7fffffff), "None");
}

Test(keys, hyphen_and_minus_keys_parse)
{
	cr_assert_eq(keys_parse("-"), '-');
	cr_assert_eq(keys_parse("M--"), KEYC_META | '-');
}

Test(keys, text_keys_are_unmodified_printables)
{
	cr_assert(keys_is_text('a'));
	cr_assert(keys_is_text(' '));
	cr_assert(keys_is_text(0x4e2d));
	cr_assert_not(keys_is_text(KEYC_ENTER));
	cr_assert_not(keys_is_text(KEYC_CTRL | 'a'));
	cr_assert_not(keys_is_text(KEYC_META | 'a'));
}

Test(keys, names_truncate_to_the_buffer)
{
	char out[3];

	cr_assert_str_eq(keys_name(KEYC_META | KEYC_ENTER, out, sizeof out),
	                 "M-");
}

Test(keys, alt_arrows_from_xterm_extended_keys)
{
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *sc = newterm("xterm-256color", out, in);
	int code;

	cr_assert_not_null(sc);
	set_term(sc);
	keypad(stdscr, TRUE);
	code = key_defined("\x1b[1;3D");
	cr_assert_gt(code, KEY_MAX);
	cr_assert_eq(keys_from_wch(KEY_CODE_YES, (wint_t)code),
	             KEYC_META | KEYC_LEFT);
	code = key_defined("\x1b[1;3C");
	cr_assert_eq(keys_from_wch(KEY_CODE_YES, (wint_t)code),
	             KEYC_META | KEYC_RIGHT);
	endwin();
	delscreen(sc);
	fclose(out);
	fclose(in);
}

/* A terminal for keys_next(): keys[] arrive in reads split before every
 * index whose bit is set in split; at a bit of slow the gap is longer
 * than ESCDELAY. */
struct fake_tty {
	const int *keys;
	size_t n, pos;
	unsigned long split, slow;
	unsigned long stalled; /* splits where a read found nothing */
	unsigned long passed;  /* splits the input has crossed */
};

static int
fake_get(void *ctx, int wait, int *key)
{
	struct fake_tty *f = ctx;
	unsigned long bit = 1ul << f->pos;

	if (f->pos >= f->n)
		return -1;
	if ((f->split & bit) && !(f->passed & bit)) {
		if (wait && (f->slow & bit)) {
			f->passed |= bit; /* ESCDELAY is over before it came */
			return -1;
		}
		if (!wait && !(f->stalled & bit)) {
			f->stalled |=
			    bit; /* nothing yet: the loop polls again */
			return -1;
		}
		f->passed |= bit; /* the rest came (within ESCDELAY) */
	}
	*key = f->keys[f->pos++];
	return 0;
}

/* Runs keys_next() as the UI loop would until the input is used up;
 * returns how many keys it gave (into out). */
static size_t
decode(struct fake_tty *f, int *out, size_t max)
{
	struct keys_dec d = {0};
	size_t n = 0;
	int key, turns;

	for (turns = 0; turns < 200; turns++) {
		while ((key = keys_next(&d, fake_get, f)) != KEYC_NONE) {
			cr_assert_lt(n, max);
			out[n++] = key;
		}
		if (f->pos >= f->n && d.state == 0)
			break;
	}
	return n;
}

static void
assert_decodes(const int *in, size_t nin, unsigned long split,
               unsigned long slow, const int *want, size_t nwant)
{
	struct fake_tty f = {in, nin, 0, split, slow, 0, 0};
	int out[32];
	size_t n, i;

	n = decode(&f, out, 32);
	cr_assert_eq(n, nwant, "split %#lx: %zu keys, not %zu", split, n,
	             nwant);
	for (i = 0; i < n; i++)
		cr_assert_eq(out[i], want[i], "split %#lx: key %zu is %s",
		             split, i, name(out[i]));
}

Test(keys, focus_reports_parse_in_every_split)
{
	static const int in[] = {'a',      KEYC_ESC, '[', 'I', 'b',
	                         KEYC_ESC, '[',      'O', 'c'};
	static const int want[] = {'a', KEYC_FOCUS_IN, 'b', KEYC_FOCUS_OUT,
	                           'c'};
	unsigned long split;

	for (split = 0; split < 1ul << 9; split++)
		assert_decodes(in, 9, split, 0, want, 5);
}

Test(keys, focus_reports_next_to_esc_and_alt_keys)
{
	static const int esc_esc_in[] = {KEYC_ESC, KEYC_ESC, '[', 'I'};
	static const int esc_esc_want[] = {KEYC_ESC, KEYC_FOCUS_IN};
	static const int alt_in[] = {KEYC_ESC, '[', KEYC_ESC, '[', 'O'};
	static const int alt_want[] = {KEYC_META | '[', KEYC_FOCUS_OUT};
	static const int other_in[] = {KEYC_ESC, '[', 'x', KEYC_ESC, 'b'};
	static const int other_want[] = {KEYC_META | '[', 'x', KEYC_META | 'b'};
	unsigned long split;

	for (split = 0; split < 1ul << 5; split++) {
		assert_decodes(esc_esc_in, 4, split, 0, esc_esc_want, 2);
		assert_decodes(alt_in, 5, split, 0, alt_want, 2);
		assert_decodes(other_in, 5, split, 0, other_want, 3);
	}
}

Test(keys, esc_alone_and_esc_esc_are_one_esc)
{
	static const int one[] = {KEYC_ESC, 'j'};
	static const int one_want[] = {KEYC_ESC, 'j'};
	static const int two[] = {KEYC_ESC, KEYC_ESC, 'j'};
	static const int csi[] = {KEYC_ESC, '[', 'I'};
	static const int csi_want[] = {KEYC_META | '[', 'I'};

	/* a pause longer than ESCDELAY after ESC: Esc, then j */
	assert_decodes(one, 2, 0x2, 0x2, one_want, 2);
	assert_decodes(two, 3, 0, 0, one_want, 2);
	assert_decodes(two, 3, 0x4, 0x4, one_want, 2);
	/* a report cut by a long pause is not a report */
	assert_decodes(csi, 3, 0x4, 0x4, csi_want, 2);
}

Test(keys, focus_reports_are_not_text_and_cannot_be_bound)
{
	struct keymap *km = keymap_new();
	struct lc_error err;

	cr_assert_not(keys_is_text(KEYC_FOCUS_IN));
	cr_assert_not(keys_is_text(KEYC_FOCUS_OUT));
	cr_assert_eq(keys_add_meta(KEYC_FOCUS_IN), KEYC_FOCUS_IN);
	cr_assert_str_eq(name(KEYC_FOCUS_IN), "FocusIn");
	cr_assert_str_eq(name(KEYC_FOCUS_OUT), "FocusOut");
	cr_assert_eq(keys_parse("FocusIn"), KEYC_NONE);
	cr_assert_eq(keys_parse("focusout"), KEYC_NONE);
	cr_assert_eq(keys_parse("M-FocusIn"), KEYC_NONE);
	cr_assert_neq(keymap_set(km, "global.quit", "FocusIn", NULL, &err),
	              LC_OK);
	keymap_free(km);
}
