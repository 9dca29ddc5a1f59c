/* worker-find.c — the service's search of every folder for keywords
 * (worker_push_find(), issue 13): one search-criteria read (API.md §6)
 * over the six folders' categories, its conversations into the store and
 * the model like any page, and their URNs as the ticket's result for the
 * UI's search dialog.  Worker thread.
 */
#include <string.h>

#include "core/buf.h"
#include "core/folder.h"
#include "core/voyager-msg.h"
#include "core/worker-int.h"

#define FIND_PAGE 25 /* one page: the dialog asks once per Enter */

void
worker_run_find(struct worker *w, const char *keywords, uint64_t ticket)
{
	struct voyager_conv_filter flt = {NULL, -1, NULL, NULL, FIND_PAGE};
	struct voyager_conv_page pg;
	struct lc_error err;
	struct buf cats, urns;
	size_t i;
	int f;

	memset(&pg, 0, sizeof pg);
	buf_init(&cats, 0);
	buf_init(&urns, 0);
	for (f = 0; f < FOLDER_VIEWS; f++)
		buf_addf(&cats, "%s%s", f ? "," : "",
		         folder_info((enum folder)f)->category);
	flt.category = cats.data;
	flt.keywords = keywords;
	if (voyager_conversations_find(w->ctx, &flt, 0, FIND_PAGE, &pg, &err) !=
	    LC_OK) {
		model_set_result(w->m, ticket, err.code, err.msg);
		worker_failed(w, "Search failed", &err);
		goto out;
	}
	worker_merge_convs(w, &pg);
	for (i = 0; i < pg.n; i++)
		buf_addf(&urns, "%s\n", pg.items[i].urn);
	model_set_result(w->m, ticket, LC_OK, urns.len > 0 ? urns.data : "");
	worker_succeeded(w);
	worker_notify(w);
out:
	buf_release(&cats);
	buf_release(&urns);
	voyager_conv_page_free(&pg);
}
