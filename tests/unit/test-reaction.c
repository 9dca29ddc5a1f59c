/* The reaction strings: reading a summary, telling the user's own, and
 * the optimistic change when they react or take a reaction back. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/reaction.h"

#define THUMB "\xf0\x9f\x91\x8d"
#define HEART "\xe2\x9d\xa4\xef\xb8\x8f"

Test(reaction, a_summary_reads_as_emoji_and_count_pairs)
{
	struct reaction_item it;
	const char *p = THUMB " 2 " HEART " 11";

	p = reaction_next(p, &it);
	cr_assert_not_null(p);
	cr_assert_eq(it.len, strlen(THUMB));
	cr_assert_eq(memcmp(it.emoji, THUMB, it.len), 0);
	cr_assert_eq(it.count, 2);
	p = reaction_next(p, &it);
	cr_assert_not_null(p);
	cr_assert_eq(it.len, strlen(HEART));
	cr_assert_eq(it.count, 11);
	cr_assert_null(reaction_next(p, &it));
	cr_assert_null(reaction_next("", &it));
	cr_assert_null(reaction_next(NULL, &it));
}

Test(reaction, a_summary_without_counts_never_reads_past_its_end)
{
	struct reaction_item it;
	const char *p = reaction_next("odd", &it);

	cr_assert_not_null(p);
	cr_assert_eq(it.len, 3);
	cr_assert_eq(it.count, 0);
	cr_assert_null(reaction_next(p, &it));
}

Test(reaction, mine_is_a_whole_emoji_of_the_list)
{
	cr_assert(reaction_is_mine(THUMB " " HEART, HEART, strlen(HEART)));
	cr_assert(reaction_is_mine(THUMB, THUMB, strlen(THUMB)));
	cr_assert_not(reaction_is_mine(THUMB HEART, THUMB, strlen(THUMB)));
	cr_assert_not(reaction_is_mine("", THUMB, strlen(THUMB)));
	cr_assert_not(reaction_is_mine(NULL, THUMB, strlen(THUMB)));
}

Test(reaction, reacting_adds_a_pair_or_counts_up)
{
	char *s, *m;

	cr_assert_eq(reaction_toggle("", NULL, THUMB, 1, &s, &m), 0);
	cr_assert_str_eq(s, THUMB " 1");
	cr_assert_str_eq(m, THUMB);
	free(s);
	free(m);
	cr_assert_eq(
	    reaction_toggle(HEART " 1 " THUMB " 4", HEART, THUMB, 1, &s, &m),
	    0);
	cr_assert_str_eq(s, HEART " 1 " THUMB " 5");
	cr_assert_str_eq(m, HEART " " THUMB);
	free(s);
	free(m);
	cr_assert_eq(reaction_toggle(THUMB " 1", THUMB, THUMB, 1, &s, &m), -1);
}

Test(reaction, taking_back_counts_down_and_drops_the_pair_at_zero)
{
	char *s, *m;

	cr_assert_eq(reaction_toggle(THUMB " 1 " HEART " 3", THUMB " " HEART,
	                             THUMB, 0, &s, &m),
	             0);
	cr_assert_str_eq(s, HEART " 3");
	cr_assert_str_eq(m, HEART);
	free(s);
	free(m);
	cr_assert_eq(reaction_toggle(HEART " 3", "", HEART, 0, &s, &m), -1);
}

Test(reaction, set_says_the_whole_truth_for_one_emoji)
{
	char *s, *m;

	cr_assert_eq(
	    reaction_set("\xf0\x9f\x91\x8d 2 \xe2\x9d\xa4\xef\xb8\x8f 1",
	                 "\xf0\x9f\x91\x8d", "\xf0\x9f\x91\x8d", 5, 0, &s, &m),
	    0);
	cr_assert_str_eq(s, "\xf0\x9f\x91\x8d 5 \xe2\x9d\xa4\xef\xb8\x8f 1");
	cr_assert_str_eq(m, "", "not mine any more");
	free(s);
	free(m);
	cr_assert_eq(reaction_set("\xf0\x9f\x91\x8d 2", NULL,
	                          "\xf0\x9f\x8e\x89", 1, 1, &s, &m),
	             0);
	cr_assert_str_eq(s, "\xf0\x9f\x91\x8d 2 \xf0\x9f\x8e\x89 1");
	cr_assert_str_eq(m, "\xf0\x9f\x8e\x89");
	free(s);
	free(m);
	cr_assert_eq(reaction_set("\xf0\x9f\x91\x8d 2", "\xf0\x9f\x91\x8d",
	                          "\xf0\x9f\x91\x8d", 0, 1, &s, &m),
	             0);
	cr_assert_str_eq(s, "", "count 0 drops the pair");
	cr_assert_str_eq(m, "", "and it cannot be mine");
	free(s);
	free(m);
	cr_assert_eq(reaction_set("", NULL, "a b", 1, 0, &s, &m), -1);
	cr_assert_eq(reaction_set("", NULL, "", 1, 0, &s, &m), -1);
}
