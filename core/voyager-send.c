/* voyager-send.c — see voyager-send.h.
 *
 * Exactly once: the service's de-duplication (dedupeByClientGenerated
 * Token) is not something to rely on, so after any failure where the
 * request may have reached the service, voyager_send_once() looks for its
 * originToken among the conversation's newest messages before it sends
 * again.  429/999 mean the request was not processed and may simply be
 * sent again after the wait.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/jsonx.h"
#include "core/restli.h"
#include "core/urn.h"
#include "core/voyager-invite.h"
#include "core/voyager-msg-int.h"
#include "core/voyager-msg.h"
#include "core/voyager-profile.h"
#include "core/voyager-send.h"
#include "core/xmalloc.h"

#define SEND_PATH "/voyager/api/voyagerMessagingDashMessengerMessages"
#define CONV_PATH "/voyager/api/voyagerMessagingDashMessengerConversations"
#define SEND_BACKOFF_MAX_MS 30000L
#define SEND_FIND_PAGE_SIZE 25
#define SEND_CLOCK_SKEW_MS (10 * 60 * 1000LL) /* our clock vs the service's */

static void
send_random(unsigned char *p, size_t n)
{
	size_t i;
	int fd;

	if (getentropy(p, n) == 0)
		return;
	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) >= 0) {
		ssize_t r = read(fd, p, n);

		close(fd);
		if (r == (ssize_t)n)
			return;
	}
	/* Last resort; the token only has to be unique per message. */
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	for (i = 0; i < n; i++)
		p[i] = (unsigned char)rand();
}

void
voyager_origin_token(char *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[16];
	size_t i, o = 0;

	send_random(r, sizeof r);
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[r[i] >> 4];
		out[o++] = hex[r[i] & 0x0f];
	}
	out[o] = '\0';
}

char *
voyager_send_body(const struct voyager_ctx *ctx, const struct voyager_send *s)
{
	unsigned char tid[16];
	struct buf b;
	char *urn;
	size_t i;

	buf_init(&b, 0);
	buf_addstr(&b, "{\"message\":{\"body\":{\"attributes\":[],\"text\":");
	jsonx_buf_str(&b, s->text);
	buf_addstr(&b, "},\"renderContentUnions\":[],");
	if (s->conversation_urn != NULL) {
		buf_addstr(&b, "\"conversationUrn\":");
		jsonx_buf_str(&b, s->conversation_urn);
		buf_addc(&b, ',');
	}
	buf_addstr(&b, "\"originToken\":");
	jsonx_buf_str(&b, s->origin_token);
	buf_addstr(&b, "},\"mailboxUrn\":");
	urn = urn_profile(ctx->mailbox);
	jsonx_buf_str(&b, urn);
	free(urn);
	if (s->conversation_urn == NULL) {
		char *id = urn_profile_id(s->recipient);

		urn = urn_profile(id != NULL ? id : "");
		buf_addstr(&b, ",\"hostRecipientUrns\":[");
		jsonx_buf_str(&b, urn);
		buf_addc(&b, ']');
		free(urn);
		free(id);
	}
	/* 16 random bytes, each as the character U+0000..U+00FF. */
	send_random(tid, sizeof tid);
	buf_addstr(&b, ",\"trackingId\":\"");
	for (i = 0; i < sizeof tid; i++)
		buf_addf(&b, "\\u%04x", tid[i]);
	buf_addf(&b, "\",\"dedupeByClientGeneratedToken\":%s}",
	         s->dedupe ? "true" : "false");
	return buf_detach(&b);
}

enum lc_err
voyager_check_urn(const char *s, enum urn_kind kind, struct lc_error *err)
{
	struct urn u = {URN_OTHER, NULL, NULL, NULL};
	enum lc_err rc = LC_OK;

	if (s == NULL || urn_parse(s, &u, NULL) != LC_OK || u.kind != kind)
		rc = lc_error_set(err, LC_EINVAL, "Not a %s URN: \"%.200s\".",
		                  kind == URN_MSG_MESSAGE ? "message"
		                                          : "conversation",
		                  s != NULL ? s : "");
	urn_free(&u);
	return rc;
}

static enum lc_err
send_check(const struct voyager_ctx *ctx, const struct voyager_send *s,
           struct lc_error *err)
{
	size_t chars;
	char *id;

	if (ctx->mailbox[0] == '\0') {
		lc_error_set(err, LC_EINVAL,
		             "linchat does not know your mailbox yet; check "
		             "the session.");
		lc_error_advise(err, LC_NEXT_WHOAMI);
		return LC_EINVAL;
	}
	if (s->text == NULL || s->text[0] == '\0')
		return lc_error_set(err, LC_EINVAL,
		                    "The message is empty; nothing was sent.");
	if ((chars = voyager_char_count(s->text)) > VOYAGER_MESSAGE_MAX)
		return lc_error_set(
		    err, LC_EINVAL,
		    "The message has %zu characters; LinkedIn takes at most "
		    "%d. Shorten it; nothing was sent.",
		    chars, VOYAGER_MESSAGE_MAX);
	if (s->origin_token == NULL || s->origin_token[0] == '\0')
		return lc_error_set(
		    err, LC_EINVAL,
		    "A message needs an origin token to be sent exactly once.");
	if (s->conversation_urn != NULL)
		return voyager_check_urn(s->conversation_urn,
		                         URN_MSG_CONVERSATION, err);
	if ((id = urn_profile_id(s->recipient)) == NULL)
		return lc_error_set(
		    err, LC_EINVAL,
		    "Say whom to write to: a conversation or a profile.");
	free(id);
	return LC_OK;
}

/* The newest 1:1 conversation with recipient, or NULL (caller frees). */
static char *
send_find_conversation(struct voyager_ctx *ctx, const char *recipient,
                       struct lc_error *err)
{
	struct voyager_conv_page page;
	char *id = urn_profile_id(recipient), *found = NULL;
	size_t i, j;

	if (id == NULL || voyager_conversations(ctx, &page, err) != LC_OK) {
		free(id);
		return NULL;
	}
	for (i = 0; i < page.n && found == NULL; i++) {
		struct voyager_conversation *c = &page.items[i];

		if (c->group_chat)
			continue;
		for (j = 0; j < c->nparticipants; j++) {
			if (c->participants[j].urn_id != NULL &&
			    strcmp(c->participants[j].urn_id, id) == 0) {
				found = xstrdup(c->urn);
				break;
			}
		}
	}
	voyager_conv_page_free(&page);
	free(id);
	return found;
}

static enum lc_err
send_post(struct voyager_ctx *ctx, const struct voyager_send *s,
          struct voyager_message *out, long *status, struct lc_error *err)
{
	struct http_response resp;
	char *body = voyager_send_body(ctx, s);
	enum lc_err rc;

	rc = voyager_request(ctx, HTTP_POST, SEND_PATH "?action=createMessage",
	                     VOYAGER_ACCEPT_JSON, VOYAGER_CT_MESSAGING, body,
	                     HTTP_F_MESSAGING, &resp, err);
	*status = resp.status;
	if (rc == LC_OK)
		rc =
		    voyager_parse_sent(resp.body.data, resp.body.len, out, err);
	http_response_free(&resp);
	free(body);
	return rc;
}

/* A new conversation's recipient may be a public id: resolve it (one
 * request) into *id so every attempt sends the same profile URN. */
static enum lc_err
send_resolve(struct voyager_ctx *ctx, const struct voyager_send *s,
             struct voyager_send *copy, char **id, struct lc_error *err)
{
	enum lc_err rc;

	*copy = *s;
	*id = NULL;
	if (s->conversation_urn != NULL)
		return LC_OK;
	if ((rc = voyager_profile_id(ctx, s->recipient, id, err)) != LC_OK)
		return rc;
	copy->recipient = *id;
	return LC_OK;
}

static enum lc_err
send_message_resolved(struct voyager_ctx *ctx, const struct voyager_send *s,
                      struct voyager_message *out, struct lc_error *err)
{
	struct voyager_send reply;
	struct lc_error ferr;
	enum lc_err rc;
	long status = 0;
	char *conv;

	memset(out, 0, sizeof *out);
	rc = send_post(ctx, s, out, &status, err);
	if (rc == LC_OK || s->conversation_urn != NULL || status < 400 ||
	    status >= 500 || status == 429)
		return rc;
	/* One client reports that a conversationUrn is always required:
	 * reply in the existing conversation with that person instead. */
	lc_error_clear(&ferr);
	if ((conv = send_find_conversation(ctx, s->recipient, &ferr)) == NULL)
		return rc;
	reply = *s;
	reply.conversation_urn = conv;
	rc = send_post(ctx, &reply, out, &status, err);
	if (rc == LC_OK && out->conversation_urn == NULL)
		out->conversation_urn = xstrdup(conv);
	free(conv);
	return rc;
}

enum lc_err
voyager_send_message(struct voyager_ctx *ctx, const struct voyager_send *s,
                     struct voyager_message *out, struct lc_error *err)
{
	struct voyager_send r;
	enum lc_err rc;
	char *id;

	memset(out, 0, sizeof *out);
	if ((rc = send_check(ctx, s, err)) != LC_OK)
		return rc;
	if ((rc = send_resolve(ctx, s, &r, &id, err)) != LC_OK)
		return rc;
	rc = send_message_resolved(ctx, &r, out, err);
	free(id);
	return rc;
}

enum lc_err
voyager_find_sent(struct voyager_ctx *ctx, const char *conv_urn,
                  const char *origin_token, int64_t since_ms,
                  struct voyager_message *out, int *found, struct lc_error *err)
{
	struct voyager_msg_page pg;
	int64_t oldest = INT64_MAX, prev;
	enum lc_err rc;
	int page;
	size_t i;

	*found = 0;
	memset(out, 0, sizeof *out);
	for (page = 0; page < VOYAGER_SEND_LOOKBACK_PAGES; page++) {
		memset(&pg, 0, sizeof pg);
		/* The anchor is one past the oldest seen, so messages that
		 * share its millisecond are not skipped. */
		if (page == 0)
			rc = voyager_messages(ctx, conv_urn, NULL, &pg, err);
		else
			rc = voyager_messages_before(ctx, conv_urn, oldest + 1,
			                             SEND_FIND_PAGE_SIZE, &pg,
			                             err);
		if (rc != LC_OK) {
			voyager_msg_page_free(&pg);
			return rc;
		}
		prev = oldest;
		for (i = 0; i < pg.n && *found != 1; i++) {
			struct voyager_message *m = &pg.items[i];

			if (m->origin_token != NULL &&
			    strcmp(m->origin_token, origin_token) == 0) {
				*out = *m;
				memset(m, 0, sizeof *m);
				*found = 1;
			} else if (m->delivered_at > 0 &&
			           m->delivered_at < oldest)
				oldest = m->delivered_at;
		}
		voyager_msg_page_free(&pg);
		/* found, back before since_ms, or at the start of the thread */
		if (*found == 1 || oldest < since_ms || oldest >= prev)
			return LC_OK;
	}
	*found = -1;
	return LC_OK;
}

/* voyager_find_sent() back to since_ms, or, for a new conversation, the
 * newest conversations' last messages.  *found -1: not settled. */
static enum lc_err
send_lookup(struct voyager_ctx *ctx, const struct voyager_send *s,
            int64_t since_ms, struct voyager_message *out, int *found,
            struct lc_error *err)
{
	struct voyager_conv_page cp;
	enum lc_err rc;
	size_t i;

	*found = 0;
	if (s->conversation_urn != NULL)
		return voyager_find_sent(ctx, s->conversation_urn,
		                         s->origin_token, since_ms, out, found,
		                         err);
	if ((rc = voyager_conversations(ctx, &cp, err)) != LC_OK)
		return rc;
	for (i = 0; i < cp.n && *found != 1; i++) {
		struct voyager_message *m = cp.items[i].last_message;

		if (m != NULL && m->origin_token != NULL &&
		    strcmp(m->origin_token, s->origin_token) == 0) {
			*out = *m;
			memset(m, 0, sizeof *m);
			*found = 1;
		}
	}
	voyager_conv_page_free(&cp);
	return LC_OK;
}

static enum lc_err
send_once_resolved(struct voyager_ctx *ctx, const struct voyager_send *s,
                   struct voyager_message *out, struct lc_error *err)
{
	int attempts = ctx->send_attempts > 0 ? ctx->send_attempts : 4;
	int64_t since_ms = clock_wall_ms() - SEND_CLOCK_SKEW_MS;
	long backoff = ctx->send_backoff_ms > 0 ? ctx->send_backoff_ms : 1000;
	struct lc_error lerr, local;
	int attempt, maybe_sent = 0, found;
	enum lc_err rc = LC_OK;

	if (err == NULL)
		err = &local;
	for (attempt = 0; attempt < attempts; attempt++) {
		long wait = backoff;

		if (maybe_sent) {
			lc_error_clear(&lerr);
			if (send_lookup(ctx, s, since_ms, out, &found, &lerr) !=
			    LC_OK) {
				/* Cannot tell whether it went out: never
				 * resend blind.  Try the check again. */
				if (http_wait(ctx->http, (uint64_t)backoff,
				              err) != LC_OK)
					return LC_ECANCELED;
				backoff = backoff * 2 > SEND_BACKOFF_MAX_MS
				              ? SEND_BACKOFF_MAX_MS
				              : backoff * 2;
				continue;
			}
			if (found == 1) {
				lc_error_clear(err);
				return LC_OK;
			}
			if (found == -1) /* never resend blind */
				return lc_error_set(
				    err, LC_EBADRESP,
				    "Could not tell whether the message went "
				    "out: look in the conversation before "
				    "sending it again.");
		}
		lc_error_clear(err);
		rc = send_message_resolved(ctx, s, out, err);
		if (rc == LC_OK)
			return LC_OK;
		if (rc == LC_ERATE && err->status != 200) {
			/* 429/999/budget: not processed. */
			if (err->retry_after_ms > 0)
				wait = err->retry_after_ms;
		} else if (rc == LC_ENETWORK || rc == LC_EBADRESP ||
		           rc == LC_ERATE ||
		           (rc == LC_ESERVER && err->status >= 500))
			maybe_sent = 1;
		else
			return rc;
		if (attempt + 1 < attempts &&
		    http_wait(ctx->http, (uint64_t)wait, err) != LC_OK)
			return LC_ECANCELED; /* the row stays in the outbox */
		backoff = backoff * 2 > SEND_BACKOFF_MAX_MS
		              ? SEND_BACKOFF_MAX_MS
		              : backoff * 2;
	}
	if (maybe_sent) {
		lc_error_clear(&lerr);
		if (send_lookup(ctx, s, since_ms, out, &found, &lerr) ==
		        LC_OK &&
		    found == 1) {
			lc_error_clear(err);
			return LC_OK;
		}
	}
	return rc;
}

enum lc_err
voyager_send_once(struct voyager_ctx *ctx, const struct voyager_send *s,
                  struct voyager_message *out, struct lc_error *err)
{
	struct voyager_send r;
	char *id;
	enum lc_err rc;

	memset(out, 0, sizeof *out);
	if ((rc = send_check(ctx, s, err)) != LC_OK)
		return rc;
	if ((rc = send_resolve(ctx, s, &r, &id, err)) != LC_OK)
		return rc;
	rc = send_once_resolved(ctx, &r, out, err);
	free(id);
	return rc;
}

/* --- actions --- */

enum lc_err
voyager_action(struct voyager_ctx *ctx, enum http_method method,
               const char *path, const char *body, unsigned flags,
               struct lc_error *err)
{
	struct http_response resp;
	enum lc_err rc;

	rc = voyager_request(ctx, method, path, VOYAGER_ACCEPT_JSON,
	                     VOYAGER_CT_MESSAGING, body,
	                     HTTP_F_MESSAGING | HTTP_F_RAW | flags, &resp, err);
	http_response_free(&resp);
	return rc;
}

/* The Rest.li batch answer lists failures under "errors". */
static enum lc_err
send_batch_errors(const struct http_response *resp, struct lc_error *err)
{
	struct jsonx *o;
	const struct jsonx *errs;
	enum lc_err rc = LC_OK;

	if (resp->body.len == 0)
		return LC_OK;
	if ((o = jsonx_parse(resp->body.data, resp->body.len, NULL)) == NULL)
		return LC_OK;
	errs = jsonx_get_obj(o, "errors");
	if (errs != NULL && jsonx_count(errs) > 0)
		rc = lc_error_set(
		    err, LC_ESERVER,
		    "LinkedIn did not change %zu of the conversations.",
		    jsonx_count(errs));
	jsonx_free(o);
	return rc;
}

enum lc_err
voyager_mark_read(struct voyager_ctx *ctx, const char *const *conv_urns,
                  size_t n, int read, struct lc_error *err)
{
	struct http_response resp;
	struct buf path, body;
	enum lc_err rc;
	size_t i;

	if (n == 0)
		return lc_error_set(err, LC_EINVAL, "No conversation to mark.");
	for (i = 0; i < n; i++) {
		if ((rc = voyager_check_urn(conv_urns[i], URN_MSG_CONVERSATION,
		                            err)) != LC_OK)
			return rc;
	}
	buf_init(&path, 0);
	buf_init(&body, 0);
	buf_addstr(&path, CONV_PATH "?ids=List(");
	buf_addstr(&body, "{\"entities\":{");
	for (i = 0; i < n; i++) {
		if (i > 0) {
			buf_addc(&path, ',');
			buf_addc(&body, ',');
		}
		restli_encode_value(&path, conv_urns[i]);
		jsonx_buf_str(&body, conv_urns[i]);
		buf_addf(&body, ":{\"patch\":{\"$set\":{\"read\":%s}}}",
		         read ? "true" : "false");
	}
	buf_addc(&path, ')');
	buf_addstr(&body, "}}");
	rc = voyager_request(
	    ctx, HTTP_POST, buf_cstr(&path), VOYAGER_ACCEPT_JSON,
	    VOYAGER_CT_MESSAGING, buf_cstr(&body),
	    HTTP_F_MESSAGING | HTTP_F_RAW | HTTP_F_IDEMPOTENT, &resp, err);
	if (rc == LC_OK)
		rc = send_batch_errors(&resp, err);
	http_response_free(&resp);
	buf_release(&path);
	buf_release(&body);
	return rc;
}

/* {"<key>":"<urn>"} plus, when extra is set, ,"emoji":"<extra>". */
static char *
send_urn_body(const char *key, const char *urn, const char *extra)
{
	struct buf b;

	buf_init(&b, 0);
	buf_addf(&b, "{\"%s\":", key);
	jsonx_buf_str(&b, urn);
	if (extra != NULL) {
		buf_addstr(&b, ",\"emoji\":");
		jsonx_buf_str(&b, extra);
	}
	buf_addc(&b, '}');
	return buf_detach(&b);
}

enum lc_err
voyager_typing(struct voyager_ctx *ctx, const char *conv_urn,
               struct lc_error *err)
{
	enum lc_err rc;
	char *body;

	if ((rc = voyager_check_urn(conv_urn, URN_MSG_CONVERSATION, err)) !=
	    LC_OK)
		return rc;
	body = send_urn_body("conversationUrn", conv_urn, NULL);
	rc = voyager_action(ctx, HTTP_POST, CONV_PATH "?action=typing", body,
	                    HTTP_F_NO_RETRY, err);
	free(body);
	return rc;
}

enum lc_err
voyager_realtime_heartbeat(struct voyager_ctx *ctx, const char *session_id,
                           int first, struct lc_error *err)
{
	struct http_response resp;
	struct buf b;
	enum lc_err rc;

	buf_init(&b, 0);
	buf_addf(&b, "{\"isFirstHeartbeat\":%s,\"isLastHeartbeat\":false,",
	         first ? "true" : "false");
	buf_addstr(&b, "\"realtimeSessionId\":");
	jsonx_buf_str(&b, session_id != NULL ? session_id : "");
	buf_addstr(&b, ",\"mpName\":\"voyager-web\",\"mpVersion\":"
	               "\"1.13.8031\",\"clientId\":\"voyager-web\","
	               "\"actorUrn\":");
	buf_addf(&b, "\"urn:li:fsd_profile:%s\",\"contextUrns\":[]}",
	         ctx->mailbox);
	rc = voyager_request(ctx, HTTP_POST,
	                     "/realtime/realtimeFrontendClientConnectivity"
	                     "Tracking?action=sendHeartbeat",
	                     VOYAGER_ACCEPT_JSON, "application/json",
	                     buf_cstr(&b), HTTP_F_RAW | HTTP_F_NO_RETRY, &resp,
	                     err);
	http_response_free(&resp);
	buf_release(&b);
	return rc;
}

enum lc_err
voyager_react(struct voyager_ctx *ctx, const char *msg_urn, const char *emoji,
              int on, struct lc_error *err)
{
	enum lc_err rc;
	char *body;

	if ((rc = voyager_check_urn(msg_urn, URN_MSG_MESSAGE, err)) != LC_OK)
		return rc;
	if (emoji == NULL || *emoji == '\0')
		return lc_error_set(err, LC_EINVAL, "Which emoji?");
	body = send_urn_body("messageUrn", msg_urn, emoji);
	rc = voyager_action(ctx, HTTP_POST,
	                    on ? SEND_PATH "?action=reactWithEmoji"
	                       : SEND_PATH "?action=unreactWithEmoji",
	                    body, HTTP_F_IDEMPOTENT, err);
	free(body);
	return rc;
}

enum lc_err
voyager_edit(struct voyager_ctx *ctx, const char *msg_urn, const char *text,
             struct lc_error *err)
{
	struct buf b;
	enum lc_err rc;
	char *path, *enc;
	size_t chars;

	if ((rc = voyager_check_urn(msg_urn, URN_MSG_MESSAGE, err)) != LC_OK)
		return rc;
	if (text == NULL || *text == '\0')
		return lc_error_set(
		    err, LC_EINVAL,
		    "The new text is empty; to delete, recall the message.");
	if ((chars = voyager_char_count(text)) > VOYAGER_MESSAGE_MAX)
		return lc_error_set(
		    err, LC_EINVAL,
		    "The new text has %zu characters; LinkedIn takes at most "
		    "%d. Nothing was changed.",
		    chars, VOYAGER_MESSAGE_MAX);
	buf_init(&b, 0);
	buf_addstr(&b, "{\"patch\":{\"$set\":{\"body\":{\"text\":");
	jsonx_buf_str(&b, text);
	buf_addstr(&b, ",\"attributes\":[]}}}}");
	enc = restli_encode_dup(msg_urn);
	path = xasprintf("%s/%s", SEND_PATH, enc);
	rc = voyager_action(ctx, HTTP_POST, path, buf_cstr(&b),
	                    HTTP_F_IDEMPOTENT, err);
	free(path);
	free(enc);
	buf_release(&b);
	return rc;
}

enum lc_err
voyager_recall(struct voyager_ctx *ctx, const char *msg_urn,
               struct lc_error *err)
{
	enum lc_err rc;
	char *body;

	if ((rc = voyager_check_urn(msg_urn, URN_MSG_MESSAGE, err)) != LC_OK)
		return rc;
	body = send_urn_body("messageUrn", msg_urn, NULL);
	rc = voyager_action(ctx, HTTP_POST, SEND_PATH "?action=recall", body,
	                    HTTP_F_IDEMPOTENT, err);
	free(body);
	return rc;
}

enum lc_err
voyager_conversation_delete(struct voyager_ctx *ctx, const char *conv_urn,
                            struct lc_error *err)
{
	enum lc_err rc;
	char *path, *enc;

	if ((rc = voyager_check_urn(conv_urn, URN_MSG_CONVERSATION, err)) !=
	    LC_OK)
		return rc;
	enc = restli_encode_dup(conv_urn);
	path = xasprintf("%s/%s", CONV_PATH, enc);
	rc = voyager_action(ctx, HTTP_DELETE, path, NULL, HTTP_F_IDEMPOTENT,
	                    err);
	free(path);
	free(enc);
	return rc;
}

enum lc_err
voyager_ack_delivery(struct voyager_ctx *ctx, const char *const *msg_urns,
                     size_t n, struct lc_error *err)
{
	struct buf b;
	enum lc_err rc;
	size_t i;

	if (n == 0)
		return lc_error_set(err, LC_EINVAL,
		                    "No message to acknowledge.");
	for (i = 0; i < n; i++) {
		if ((rc = voyager_check_urn(msg_urns[i], URN_MSG_MESSAGE,
		                            err)) != LC_OK)
			return rc;
	}
	buf_init(&b, 0);
	buf_addstr(&b, "{\"messageUrns\":[");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, ',');
		jsonx_buf_str(&b, msg_urns[i]);
	}
	buf_addf(&b,
	         "],\"clientId\":\"voyager-web\",\"deliveryMechanism\":"
	         "\"SYNC\",\"clientConsumedAt\":%lld}",
	         (long long)clock_wall_ms());
	rc = voyager_action(ctx, HTTP_POST,
	                    "/voyager/api/voyagerMessagingDash"
	                    "MessengerMessageDeliveryAcknowledgements?action="
	                    "sendDeliveryAcknowledgement",
	                    buf_cstr(&b), HTTP_F_IDEMPOTENT, err);
	buf_release(&b);
	return rc;
}
