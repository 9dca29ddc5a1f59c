#include <criterion/criterion.h>
#include <string.h>

#include "tui/edit.h"

static struct edit *e;

static void
setup(void)
{
	e = edit_new();
}

static void
teardown(void)
{
	edit_free(e);
}

TestSuite(edit, .init = setup, .fini = teardown);

static void
type(const char *s)
{
	edit_insert(e, s, strlen(s));
}

Test(edit, typing_appends_at_the_cursor)
{
	type("helo");
	edit_left(e);
	type("l");
	cr_assert_str_eq(edit_text(e), "hello");
	cr_assert_eq(edit_cursor(e), 4);
}

Test(edit, backspace_removes_a_whole_wide_character)
{
	type("a\xe4\xb8\xad"); /* a中 */
	cr_assert_eq(edit_backspace(e), 1);
	cr_assert_str_eq(edit_text(e), "a");
}

Test(edit, backspace_removes_a_letter_with_its_combining_accent)
{
	type("ae\xcc\x81"); /* a + e + COMBINING ACUTE */
	edit_backspace(e);
	cr_assert_str_eq(edit_text(e), "a");
}

Test(edit, backspace_removes_a_zwj_emoji_sequence)
{
	/* 👩‍💻 = U+1F469 ZWJ U+1F4BB */
	type("x\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb");
	edit_backspace(e);
	cr_assert_str_eq(edit_text(e), "x");
}

Test(edit, combining_mark_typed_after_a_letter_joins_it)
{
	type("e");
	edit_insert_cp(e, 0x301);
	cr_assert_str_eq(edit_text(e), "e\xcc\x81");
	cr_assert_eq(edit_left(e), 1);
	cr_assert_eq(edit_cursor(e), 0);
}

Test(edit, delete_removes_the_character_under_the_cursor)
{
	type("\xe4\xb8\xad"
	     "b");
	edit_start(e);
	cr_assert_eq(edit_delete(e), 1);
	cr_assert_str_eq(edit_text(e), "b");
	edit_finish(e);
	cr_assert_eq(edit_delete(e), 0);
}

Test(edit, cursor_moves_over_wide_characters_by_character)
{
	type("\xe4\xb8\xad\xe6\x96\x87"); /* 中文 */
	cr_assert_eq(edit_cursor(e), 6);
	edit_left(e);
	cr_assert_eq(edit_cursor(e), 3);
	edit_left(e);
	cr_assert_eq(edit_cursor(e), 0);
	cr_assert_eq(edit_left(e), 0);
	edit_right(e);
	cr_assert_eq(edit_cursor(e), 3);
}

Test(edit, word_motion_skips_spaces_then_the_word)
{
	type("one two  three");
	edit_word_left(e);
	cr_assert_eq(edit_cursor(e), 9);
	edit_word_left(e);
	cr_assert_eq(edit_cursor(e), 4);
	edit_word_right(e);
	cr_assert_eq(edit_cursor(e), 7);
	edit_word_right(e);
	cr_assert_eq(edit_cursor(e), 14);
	cr_assert_eq(edit_word_right(e), 0);
}

Test(edit, ctrl_w_deletes_the_word_before_the_cursor)
{
	type("hello big world  ");
	edit_delete_word(e);
	cr_assert_str_eq(edit_text(e), "hello big ");
	edit_delete_word(e);
	cr_assert_str_eq(edit_text(e), "hello ");
}

Test(edit, ctrl_u_deletes_to_the_start_of_the_line)
{
	type("first\nsecond line");
	edit_word_left(e);
	edit_delete_to_start(e);
	cr_assert_str_eq(edit_text(e), "first\nline");
	cr_assert_eq(edit_cursor(e), 6);
	/* at the start of a line it joins it to the previous one */
	edit_delete_to_start(e);
	cr_assert_str_eq(edit_text(e), "firstline");
}

Test(edit, ctrl_k_deletes_to_the_end_of_the_line)
{
	type("ab\ncd");
	edit_start(e);
	edit_right(e);
	edit_delete_to_end(e);
	cr_assert_str_eq(edit_text(e), "a\ncd");
	edit_delete_to_end(e);
	cr_assert_str_eq(edit_text(e), "acd");
}

Test(edit, home_and_end_work_on_the_current_line)
{
	type("abc\ndef");
	edit_left(e);
	edit_home(e);
	cr_assert_eq(edit_cursor(e), 4);
	edit_end(e);
	cr_assert_eq(edit_cursor(e), 7);
	edit_start(e);
	edit_end(e);
	cr_assert_eq(edit_cursor(e), 3);
}

Test(edit, pasted_text_keeps_newlines_and_loses_controls)
{
	type("line one\r\nline\x1b[31m two\ttab");
	cr_assert_str_eq(edit_text(e), "line one\nline\xe2\x90\x9b two    tab");
	cr_assert_eq(edit_cursor(e), edit_len(e));
}

Test(edit, newline_splits_the_line)
{
	type("ab");
	edit_left(e);
	edit_newline(e);
	cr_assert_str_eq(edit_text(e), "a\nb");
	cr_assert_eq(edit_cursor(e), 2);
}

Test(edit, set_text_replaces_and_puts_the_cursor_at_the_end)
{
	type("old");
	edit_set_text(e, "a draft\nfrom $EDITOR\n");
	cr_assert_str_eq(edit_text(e), "a draft\nfrom $EDITOR\n");
	cr_assert_eq(edit_cursor(e), edit_len(e));
	edit_set_text(e, NULL);
	cr_assert_str_eq(edit_text(e), "");
}

Test(edit, limit_refuses_characters_past_it)
{
	edit_set_max(e, 5);
	type("abc");
	cr_assert_eq(edit_insert(e,
	                         "d\xc3\xa9"
	                         "f",
	                         4),
	             -1);
	cr_assert_str_eq(edit_text(e), "abcd\xc3\xa9");
	cr_assert_eq(edit_chars(e), 5);
	cr_assert_eq(edit_insert_cp(e, 'g'), -1);
	cr_assert_str_eq(edit_text(e), "abcd\xc3\xa9");
}

Test(edit, layout_wraps_words_and_places_the_cursor)
{
	struct edit_layout l;

	type("hello world again");
	edit_layout(e, 11, &l);
	cr_assert_eq(l.nrows, 2);
	cr_assert_eq(l.rows[0].start, 0);
	cr_assert_eq(l.rows[0].end, 11);
	cr_assert_eq(l.rows[1].start, 12);
	cr_assert_eq(l.cur_row, 1);
	cr_assert_eq(l.cur_col, 5);
	edit_layout_free(&l);
}

Test(edit, layout_counts_wide_characters_as_two_columns)
{
	struct edit_layout l;

	type("\xe4\xb8\xad\xe6\x96\x87x"); /* 中文x */
	edit_left(e);
	edit_layout(e, 20, &l);
	cr_assert_eq(l.cur_row, 0);
	cr_assert_eq(l.cur_col, 4);
	edit_layout_free(&l);
}

Test(edit, cursor_after_a_full_row_goes_to_a_new_row)
{
	struct edit_layout l;

	type("abcde");
	edit_layout(e, 5, &l);
	cr_assert_eq(l.nrows, 2);
	cr_assert_eq(l.cur_row, 1);
	cr_assert_eq(l.cur_col, 0);
	edit_layout_free(&l);
}

Test(edit, empty_text_is_one_row_with_the_cursor_at_its_start)
{
	struct edit_layout l;

	edit_layout(e, 30, &l);
	cr_assert_eq(l.nrows, 1);
	cr_assert_eq(l.cur_row, 0);
	cr_assert_eq(l.cur_col, 0);
	edit_layout_free(&l);
}

Test(edit, trailing_newline_puts_the_cursor_on_the_next_row)
{
	struct edit_layout l;

	type("ab\n");
	edit_layout(e, 30, &l);
	cr_assert_eq(l.nrows, 2);
	cr_assert_eq(l.cur_row, 1);
	cr_assert_eq(l.cur_col, 0);
	edit_layout_free(&l);
}

Test(edit, up_and_down_keep_the_column)
{
	type("abcdef\nxy\nlonger line");
	edit_up(e, 40);
	/* "xy" is shorter: the cursor stops at its end */
	cr_assert_eq(edit_cursor(e), 9);
	edit_up(e, 40);
	cr_assert_eq(edit_cursor(e), 2);
	cr_assert_eq(edit_up(e, 40), 0);
	edit_down(e, 40);
	edit_down(e, 40);
	cr_assert_eq(edit_cursor(e), 12);
	cr_assert_eq(edit_down(e, 40), 0);
}

Test(edit, up_moves_between_wrapped_rows)
{
	type("aaaa bbbb");
	edit_up(e, 5);
	cr_assert_eq(edit_cursor(e), 4);
}
