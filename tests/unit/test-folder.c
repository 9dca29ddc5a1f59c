#include <criterion/criterion.h>

#include "core/folder.h"
#include "core/model.h"

Test(folder, names_round_trip)
{
	int i;

	for (i = 0; i < FOLDER_COUNT; i++) {
		const struct folder_info *fi = folder_info((enum folder)i);

		cr_assert_not_null(fi);
		cr_assert_eq(folder_by_name(fi->name), i);
		cr_assert_eq(folder_by_name(fi->label), i);
		cr_assert_eq(folder_by_name(fi->category), i);
		cr_assert_eq(model_category_bit(fi->category), fi->bit);
	}
	cr_assert_eq(folder_by_name("FOCUSED"), FOLDER_FOCUSED);
	cr_assert_eq(folder_by_name("all"), -1);
	cr_assert_eq(folder_by_name(NULL), -1);
	cr_assert_null(folder_info(FOLDER_COUNT));
}

Test(folder, precedence)
{
	unsigned in = MODEL_CAT_INBOX;

	cr_assert_eq(folder_of(in | MODEL_CAT_PRIMARY_INBOX), FOLDER_FOCUSED);
	cr_assert_eq(folder_of(in), FOLDER_FOCUSED);
	cr_assert_eq(folder_of(in | MODEL_CAT_SECONDARY_INBOX), FOLDER_OTHER);
	cr_assert_eq(folder_of(in | MODEL_CAT_INMAIL), FOLDER_INMAIL);
	cr_assert_eq(folder_of(MODEL_CAT_MESSAGE_REQUESTS), FOLDER_REQUESTS);
	cr_assert_eq(folder_of(MODEL_CAT_ARCHIVE | MODEL_CAT_PRIMARY_INBOX),
	             FOLDER_ARCHIVE);
	cr_assert_eq(folder_of(MODEL_CAT_SPAM | MODEL_CAT_ARCHIVE),
	             FOLDER_SPAM);
	cr_assert_eq(folder_of(MODEL_CAT_UNKNOWN), FOLDER_OTHER);
	cr_assert_eq(folder_of(0), FOLDER_OTHER);
	cr_assert(folder_holds(FOLDER_STARRED,
	                       MODEL_CAT_STARRED | MODEL_CAT_ARCHIVE));
	cr_assert(
	    !folder_holds(FOLDER_STARRED, MODEL_CAT_STARRED | MODEL_CAT_SPAM));
	cr_assert(!folder_holds(FOLDER_FOCUSED,
	                        in | MODEL_CAT_PRIMARY_INBOX | MODEL_CAT_SPAM));
	cr_assert(folder_holds(FOLDER_FOCUSED, in | MODEL_CAT_STARRED));
	cr_assert(!folder_holds(FOLDER_COUNT, in));
}

Test(folder, apply_moves)
{
	unsigned c = MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX;

	c = folder_apply(c, MODEL_CAT_ARCHIVE, 1);
	cr_assert_eq(folder_of(c), FOLDER_ARCHIVE);
	c = folder_apply(c, MODEL_CAT_ARCHIVE, 0);
	cr_assert_eq(folder_of(c), FOLDER_FOCUSED);
	c = folder_apply(c, MODEL_CAT_SECONDARY_INBOX, 1);
	cr_assert_eq(folder_of(c), FOLDER_OTHER);
	cr_assert(!(c & MODEL_CAT_PRIMARY_INBOX));
	c = folder_apply(c | MODEL_CAT_ARCHIVE, MODEL_CAT_PRIMARY_INBOX, 1);
	cr_assert_eq(folder_of(c), FOLDER_FOCUSED);
	c = folder_apply(c, MODEL_CAT_STARRED, 1);
	cr_assert(folder_holds(FOLDER_STARRED, c));
	cr_assert_eq(folder_of(c), FOLDER_FOCUSED);
	c = folder_apply(c, MODEL_CAT_STARRED, 0);
	cr_assert(!folder_holds(FOLDER_STARRED, c));
	/* Archived with nothing else, then unarchived: back to Focused. */
	c = folder_apply(MODEL_CAT_ARCHIVE, MODEL_CAT_ARCHIVE, 0);
	cr_assert_eq(c, MODEL_CAT_INBOX | MODEL_CAT_PRIMARY_INBOX);
	/* A request moved to Focused leaves Requests. */
	c = folder_apply(MODEL_CAT_MESSAGE_REQUESTS, MODEL_CAT_PRIMARY_INBOX,
	                 1);
	cr_assert_eq(folder_of(c), FOLDER_FOCUSED);
	c = folder_apply(c, MODEL_CAT_SPAM, 1);
	cr_assert_eq(folder_of(c), FOLDER_SPAM);
	c = folder_apply(c, MODEL_CAT_SPAM, 0);
	cr_assert_eq(folder_of(c), FOLDER_FOCUSED);
}
