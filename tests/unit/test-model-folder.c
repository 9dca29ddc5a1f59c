/* test-model-folder.c — the folders' state in the model
 * (core/model-folder.c): counts and read state, the inbox version moving
 * only on a change, Starred following the six, errors cut to fit. */
#include <criterion/criterion.h>
#include <string.h>

#include "core/folder.h"
#include "core/model.h"

Test(model_folder, a_new_model_knows_no_count_and_no_folder_is_complete)
{
	struct model *m = model_new();
	struct model_folder_status s;
	int f;

	for (f = 0; f < FOLDER_COUNT; f++) {
		model_folder_status(m, (enum folder)f, &s);
		cr_assert_eq(s.unread, -1);
		cr_assert_eq(s.complete, 0);
		cr_assert_eq(s.loading, 0);
		cr_assert_str_eq(s.error, "");
	}
	model_folder_status(m, FOLDER_COUNT, &s);
	cr_assert_eq(s.unread, -1, "out of range: empty");
	model_free(m);
}

Test(model_folder, a_change_moves_the_inbox_version_and_a_repeat_does_not)
{
	long unread[FOLDER_COUNT] = {4, 1, 0, 2, 0, 7, -5};
	struct model *m = model_new();
	struct model_folder_status s;
	uint64_t v;

	v = model_inbox_version(m);
	model_set_folder_counts(m, unread);
	cr_assert_gt(model_inbox_version(m), v);
	model_folder_status(m, FOLDER_SPAM, &s);
	cr_assert_eq(s.unread, 7);
	model_folder_status(m, FOLDER_STARRED, &s);
	cr_assert_eq(s.unread, -1, "negative is unknown");
	v = model_inbox_version(m);
	model_set_folder_counts(m, unread);
	cr_assert_eq(model_inbox_version(m), v);
	model_set_folder_status(m, FOLDER_ARCHIVE, 0, 1, NULL);
	cr_assert_gt(model_inbox_version(m), v);
	v = model_inbox_version(m);
	model_set_folder_status(m, FOLDER_ARCHIVE, 0, 1, "");
	cr_assert_eq(model_inbox_version(m), v);
	model_free(m);
}

Test(model_folder, starred_follows_the_six_folders)
{
	struct model *m = model_new();
	struct model_folder_status s;
	int f;

	for (f = 0; f < FOLDER_VIEWS; f++)
		model_set_folder_status(m, (enum folder)f, 1, 0, NULL);
	model_folder_status(m, FOLDER_STARRED, &s);
	cr_assert_eq(s.complete, 1);
	model_set_folder_status(m, FOLDER_SPAM, 0, 0,
	                        "Could not read Spam: no");
	model_set_folder_status(m, FOLDER_STARRED, 1, 1, "ignored");
	model_folder_status(m, FOLDER_STARRED, &s);
	cr_assert_eq(s.complete, 0);
	cr_assert_eq(s.loading, 0);
	cr_assert_str_eq(s.error, "Could not read Spam: no");
	model_free(m);
}

Test(model_folder, a_long_error_is_cut_on_a_character_boundary)
{
	struct model *m = model_new();
	struct model_folder_status s;
	char long_err[400];
	size_t i;

	for (i = 0; i + 2 < sizeof long_err; i += 2)
		memcpy(long_err + i, "\xc3\xa9", 2); /* é */
	long_err[i] = '\0';
	model_set_folder_status(m, FOLDER_INMAIL, 0, 0, long_err);
	model_folder_status(m, FOLDER_INMAIL, &s);
	cr_assert_lt(strlen(s.error), sizeof s.error);
	cr_assert_eq(strlen(s.error) % 2, 0, "no half character");
	cr_assert_gt(strlen(s.error), 150);
	model_free(m);
}
