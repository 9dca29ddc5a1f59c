/* voyager-msg.c — the messaging reads of voyager-msg.h: build the GraphQL
 * variables, make the request, hand the body to the mappers of
 * voyager-msg-parse.c, and page through cursors where a caller wants more
 * than one page.
 */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/restli.h"
#include "core/urn.h"
#include "core/voyager-msg.h"
#include "core/xmalloc.h"

#define VOYAGER_GRAPHQL "/voyager/api/voyagerMessagingGraphQL/graphql"
#define VOYAGER_MAX_COUNT 25
#define VOYAGER_MAX_PAGES 200

static enum lc_err
msg_need_mailbox(struct voyager_ctx *ctx, struct lc_error *err)
{
	if (ctx->mailbox[0] == '\0') {
		lc_error_set(err, LC_EINVAL,
		             "linchat does not know your mailbox yet; check "
		             "the session.");
		lc_error_advise(err, LC_NEXT_WHOAMI);
		return LC_EINVAL;
	}
	return LC_OK;
}

/* Appends "mailboxUrn:<encoded urn:li:fsd_profile:MAILBOX>". */
static void
msg_add_mailbox(struct buf *b, const struct voyager_ctx *ctx)
{
	char *urn = urn_profile(ctx->mailbox);

	buf_addstr(b, "mailboxUrn:");
	restli_encode_value(b, urn);
	free(urn);
}

/* GETs the GraphQL read queryId with variables vars; the body is left in
 * resp.  Messaging reads are idempotent, so http retries them. */
static enum lc_err
msg_graphql(struct voyager_ctx *ctx, const char *query_id, const char *vars,
            struct http_response *resp, struct lc_error *err)
{
	char *path = xasprintf("%s?queryId=%s&variables=%s", VOYAGER_GRAPHQL,
	                       query_id, vars);
	enum lc_err rc;

	rc = voyager_request(ctx, HTTP_GET, path, VOYAGER_ACCEPT_GRAPHQL, NULL,
	                     NULL, HTTP_F_MESSAGING | HTTP_F_IDEMPOTENT, resp,
	                     err);
	free(path);
	return rc;
}

static enum lc_err
msg_conv_read(struct voyager_ctx *ctx, const char *query_id, struct buf *vars,
              struct voyager_conv_page *out, struct lc_error *err)
{
	struct http_response resp;
	enum lc_err rc;

	memset(out, 0, sizeof *out);
	rc = msg_graphql(ctx, query_id, buf_cstr(vars), &resp, err);
	if (rc == LC_OK)
		rc = voyager_parse_conversations(resp.body.data, resp.body.len,
		                                 out, err);
	http_response_free(&resp);
	buf_release(vars);
	return rc;
}

static enum lc_err
msg_msg_read(struct voyager_ctx *ctx, const char *query_id, struct buf *vars,
             struct voyager_msg_page *out, struct lc_error *err)
{
	struct http_response resp;
	enum lc_err rc;

	memset(out, 0, sizeof *out);
	rc = msg_graphql(ctx, query_id, buf_cstr(vars), &resp, err);
	if (rc == LC_OK)
		rc = voyager_parse_messages(resp.body.data, resp.body.len, out,
		                            err);
	http_response_free(&resp);
	buf_release(vars);
	return rc;
}

enum lc_err
voyager_conversations(struct voyager_ctx *ctx, struct voyager_conv_page *out,
                      struct lc_error *err)
{
	struct buf v;

	memset(out, 0, sizeof *out);
	if (msg_need_mailbox(ctx, err) != LC_OK)
		return LC_EINVAL;
	buf_init(&v, 0);
	buf_addc(&v, '(');
	msg_add_mailbox(&v, ctx);
	buf_addc(&v, ')');
	return msg_conv_read(ctx, ctx->ids.conversations, &v, out, err);
}

enum lc_err
voyager_conversations_since(struct voyager_ctx *ctx, const char *sync_token,
                            struct voyager_conv_page *out, struct lc_error *err)
{
	struct buf v;

	memset(out, 0, sizeof *out);
	if (msg_need_mailbox(ctx, err) != LC_OK)
		return LC_EINVAL;
	if (sync_token == NULL || *sync_token == '\0')
		return lc_error_set(err, LC_EINVAL,
		                    "No sync token to read "
		                    "changes from.");
	buf_init(&v, 0);
	buf_addc(&v, '(');
	msg_add_mailbox(&v, ctx);
	buf_addstr(&v, ",syncToken:");
	restli_encode_value(&v, sync_token);
	buf_addc(&v, ')');
	return msg_conv_read(ctx, ctx->ids.conversations_sync, &v, out, err);
}

static int
msg_count(int count)
{
	if (count <= 0)
		return 20;
	return count > VOYAGER_MAX_COUNT ? VOYAGER_MAX_COUNT : count;
}

/* Drops conversations the read filter excludes (the service may not). */
static void
msg_filter_read(struct voyager_conv_page *p, int read)
{
	size_t i, o = 0;

	for (i = 0; i < p->n; i++) {
		if ((p->items[i].read != 0) == (read != 0))
			p->items[o++] = p->items[i];
		else
			voyager_conversation_free(&p->items[i]);
	}
	p->n = o;
}

/* The categories of a filter, each encoded: a comma list reads several
 * at once. */
static void
msg_add_categories(struct buf *v, const char *cats)
{
	const char *p, *e;
	char *one;

	if (cats == NULL || *cats == '\0')
		cats = "PRIMARY_INBOX";
	for (p = cats; *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (e == p)
			continue;
		if (v->data[v->len - 1] != '(')
			buf_addc(v, ',');
		one = xstrndup(p, (size_t)(e - p));
		restli_encode_value(v, one);
		free(one);
	}
}

static enum lc_err
msg_search(struct voyager_ctx *ctx, const struct voyager_conv_filter *f,
           int first_degree, struct voyager_conv_page *out,
           struct lc_error *err)
{
	static const struct voyager_conv_filter dflt = {NULL, -1, NULL, NULL,
	                                                0};
	struct buf v;
	enum lc_err rc;

	memset(out, 0, sizeof *out);
	if (f == NULL)
		f = &dflt;
	if (msg_need_mailbox(ctx, err) != LC_OK)
		return LC_EINVAL;
	buf_init(&v, 0);
	buf_addstr(&v, "(categories:List(");
	msg_add_categories(&v, f->category);
	buf_addf(&v, "),count:%d,firstDegreeConnections:%s,",
	         msg_count(f->count), first_degree ? "true" : "false");
	msg_add_mailbox(&v, ctx);
	if (f->read == 0 || f->read == 1)
		buf_addf(&v, ",read:%s", f->read ? "true" : "false");
	if (f->cursor != NULL && *f->cursor != '\0') {
		buf_addstr(&v, ",nextCursor:");
		restli_encode_value(&v, f->cursor);
	}
	if (f->keywords != NULL && *f->keywords != '\0') {
		buf_addstr(&v, ",keywords:");
		restli_encode_value(&v, f->keywords);
	}
	buf_addc(&v, ')');
	rc = msg_conv_read(ctx, ctx->ids.conversations_search, &v, out, err);
	if (rc == LC_OK && (f->read == 0 || f->read == 1))
		msg_filter_read(out, f->read);
	return rc;
}

enum lc_err
voyager_conversations_search(struct voyager_ctx *ctx,
                             const struct voyager_conv_filter *f,
                             struct voyager_conv_page *out,
                             struct lc_error *err)
{
	return msg_search(ctx, f, 0, out, err);
}

/* Moves the conversations of src to the end of dst, up to limit in all. */
static void
msg_page_append(struct voyager_conv_page *dst, struct voyager_conv_page *src,
                size_t limit)
{
	size_t i;

	dst->items =
	    xreallocarray(dst->items, dst->n + src->n + 1, sizeof *dst->items);
	for (i = 0; i < src->n; i++) {
		if (dst->n < limit)
			dst->items[dst->n++] = src->items[i];
		else
			voyager_conversation_free(&src->items[i]);
	}
	src->n = 0;
	dst->server_count += src->server_count;
}

static enum lc_err
msg_collect(struct voyager_ctx *ctx, const struct voyager_conv_filter *f,
            int first_degree, size_t limit, struct voyager_conv_page *out,
            struct lc_error *err)
{
	struct voyager_conv_filter pf = {NULL, -1, NULL, NULL, 0};
	struct voyager_conv_page page;
	char *cursor;
	enum lc_err rc = LC_OK;
	int count, pages;

	if (f != NULL)
		pf = *f;
	cursor = xstrdup_or_null(pf.cursor);
	count = msg_count(pf.count);

	memset(out, 0, sizeof *out);
	/* The page cap keeps a server that never ends (or a filter that
	 * drops everything) from looping forever. */
	for (pages = 0; out->n < limit && pages < VOYAGER_MAX_PAGES; pages++) {
		pf.cursor = cursor;
		if ((rc = msg_search(ctx, &pf, first_degree, &page, err)) !=
		    LC_OK)
			break;
		msg_page_append(out, &page, limit);
		free(out->next_cursor);
		out->next_cursor = xstrdup_or_null(page.next_cursor);
		/* A cursor can come back on the last page: stop on a short
		 * page, a missing cursor or one seen just before. */
		if (page.server_count < (size_t)count ||
		    page.next_cursor == NULL ||
		    (cursor != NULL && strcmp(cursor, page.next_cursor) == 0)) {
			voyager_conv_page_free(&page);
			break;
		}
		free(cursor);
		cursor = xstrdup(page.next_cursor);
		voyager_conv_page_free(&page);
	}
	free(cursor);
	if (rc != LC_OK && out->n == 0)
		voyager_conv_page_free(out);
	return rc;
}

enum lc_err
voyager_conversations_collect(struct voyager_ctx *ctx,
                              const struct voyager_conv_filter *f, size_t limit,
                              struct voyager_conv_page *out,
                              struct lc_error *err)
{
	return msg_collect(ctx, f, 0, limit, out, err);
}

enum lc_err
voyager_conversations_find(struct voyager_ctx *ctx,
                           const struct voyager_conv_filter *f,
                           int first_degree, size_t limit,
                           struct voyager_conv_page *out, struct lc_error *err)
{
	return msg_collect(ctx, f, first_degree, limit, out, err);
}

enum lc_err
voyager_conversations_category(struct voyager_ctx *ctx, const char *category,
                               int64_t last_updated_before, const char *cursor,
                               int count, struct voyager_conv_page *out,
                               struct lc_error *err)
{
	struct buf v;

	memset(out, 0, sizeof *out);
	if (msg_need_mailbox(ctx, err) != LC_OK)
		return LC_EINVAL;
	buf_init(&v, 0);
	buf_addstr(&v, "(query:(predicateUnions:List((conversationCategory"
	               "Predicate:(category:");
	restli_encode_value(&v, category != NULL && *category != '\0'
	                            ? category
	                            : "PRIMARY_INBOX");
	buf_addf(&v, ")))),count:%d,", msg_count(count));
	msg_add_mailbox(&v, ctx);
	if (cursor != NULL && *cursor != '\0') {
		buf_addstr(&v, ",nextCursor:");
		restli_encode_value(&v, cursor);
	} else if (last_updated_before > 0)
		buf_addf(&v, ",lastUpdatedBefore:%lld",
		         (long long)last_updated_before);
	buf_addc(&v, ')');
	return msg_conv_read(ctx, ctx->ids.conversations_category, &v, out,
	                     err);
}

enum lc_err
voyager_mailbox_counts(struct voyager_ctx *ctx, struct voyager_counts *out,
                       struct lc_error *err)
{
	struct http_response resp;
	struct buf v;
	enum lc_err rc;

	memset(out, 0, sizeof *out);
	if (msg_need_mailbox(ctx, err) != LC_OK)
		return LC_EINVAL;
	buf_init(&v, 0);
	buf_addc(&v, '(');
	msg_add_mailbox(&v, ctx);
	buf_addc(&v, ')');
	rc =
	    msg_graphql(ctx, ctx->ids.mailbox_counts, buf_cstr(&v), &resp, err);
	if (rc == LC_OK)
		rc = voyager_parse_counts(resp.body.data, resp.body.len, out,
		                          err);
	http_response_free(&resp);
	buf_release(&v);
	return rc;
}

static enum lc_err
msg_check_conv(const char *conv_urn, struct lc_error *err)
{
	struct urn u;

	if (urn_parse(conv_urn, &u, NULL) != LC_OK ||
	    u.kind != URN_MSG_CONVERSATION) {
		urn_free(&u);
		return lc_error_set(
		    err, LC_EINVAL,
		    "Not a conversation URN: expected urn:li:msg_conversation:"
		    "(urn:li:fsd_profile:ID,THREAD).");
	}
	urn_free(&u);
	return LC_OK;
}

enum lc_err
voyager_messages(struct voyager_ctx *ctx, const char *conv_urn,
                 const char *sync_token, struct voyager_msg_page *out,
                 struct lc_error *err)
{
	struct buf v;

	memset(out, 0, sizeof *out);
	if (msg_check_conv(conv_urn, err) != LC_OK)
		return LC_EINVAL;
	buf_init(&v, 0);
	buf_addstr(&v, "(conversationUrn:");
	restli_encode_value(&v, conv_urn);
	if (sync_token != NULL && *sync_token != '\0') {
		buf_addstr(&v, ",syncToken:");
		restli_encode_value(&v, sync_token);
	}
	buf_addc(&v, ')');
	return msg_msg_read(ctx, ctx->ids.messages, &v, out, err);
}

enum lc_err
voyager_messages_before(struct voyager_ctx *ctx, const char *conv_urn,
                        int64_t delivered_at, int count,
                        struct voyager_msg_page *out, struct lc_error *err)
{
	struct buf v;

	memset(out, 0, sizeof *out);
	if (msg_check_conv(conv_urn, err) != LC_OK)
		return LC_EINVAL;
	buf_init(&v, 0);
	buf_addf(&v,
	         "(deliveredAt:%lld,conversationUrn:", (long long)delivered_at);
	restli_encode_value(&v, conv_urn);
	buf_addf(&v, ",countBefore:%d,countAfter:0)", msg_count(count));
	return msg_msg_read(ctx, ctx->ids.messages_older, &v, out, err);
}
