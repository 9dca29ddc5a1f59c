/* voyager-folder.c — see voyager-folder.h.
 *
 * Adding or removing a category is a set operation on the service's
 * side, so a retry after a network error or a 5xx cannot apply it twice:
 * the request is sent as idempotent.
 */
#include <string.h>

#include "core/buf.h"
#include "core/jsonx.h"
#include "core/voyager-folder.h"
#include "core/voyager-msg-int.h"

#define FOLDER_CONV_PATH                                                       \
	"/voyager/api/voyagerMessagingDashMessengerConversations"
#define FOLDER_CATEGORY_MAX 64

/* A service category name: A-Z and '_', as every one seen (API.md §6). */
static int
folder_category_ok(const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0' || strlen(s) > FOLDER_CATEGORY_MAX)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_'))
			return 0;
	return 1;
}

enum lc_err
voyager_set_category(struct voyager_ctx *ctx, const char *const *conv_urns,
                     size_t n, const char *category, int add,
                     struct lc_error *err)
{
	struct buf body;
	enum lc_err rc;
	size_t i;

	if (n == 0 || conv_urns == NULL)
		return lc_error_set(err, LC_EINVAL, "No conversation to move.");
	if (!folder_category_ok(category))
		return lc_error_set(err, LC_EINVAL,
		                    "Not a conversation category: \"%.80s\".",
		                    category != NULL ? category : "");
	for (i = 0; i < n; i++)
		if ((rc = voyager_check_urn(conv_urns[i], URN_MSG_CONVERSATION,
		                            err)) != LC_OK)
			return rc;
	buf_init(&body, 0);
	buf_addstr(&body, "{\"conversationUrns\":[");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&body, ',');
		jsonx_buf_str(&body, conv_urns[i]);
	}
	buf_addstr(&body, "],\"category\":");
	jsonx_buf_str(&body, category);
	buf_addc(&body, '}');
	rc = voyager_action(ctx, HTTP_POST,
	                    add ? FOLDER_CONV_PATH "?action=addCategory"
	                        : FOLDER_CONV_PATH "?action=removeCategory",
	                    buf_cstr(&body), HTTP_F_IDEMPOTENT, err);
	buf_release(&body);
	return rc;
}
