/* urn.c — see urn.h.
 *
 * Compound URNs nest a whole URN inside the outer one:
 *	urn:li:msg_conversation:(urn:li:fsd_profile:ACoME,2-YWIz==)
 *	urn:li:msg_messagingParticipant:urn:li:fsd_profile:ACoX
 * The inner URN is parsed by the same code, so its own checks apply.
 */
#include <stdlib.h>
#include <string.h>

#include "core/urn.h"
#include "core/xmalloc.h"

static const struct {
	const char *type;
	enum urn_kind kind;
} urn_kinds[] = {
    {"fsd_profile", URN_FSD_PROFILE},
    {"fs_miniProfile", URN_FS_MINIPROFILE},
    {"member", URN_MEMBER},
    {"msg_conversation", URN_MSG_CONVERSATION},
    {"msg_message", URN_MSG_MESSAGE},
    {"msg_messagingParticipant", URN_MSG_PARTICIPANT},
    {"fsd_invitation", URN_FSD_INVITATION},
    {"fs_relInvitation", URN_FS_RELINVITATION},
    {"messagingThread", URN_MESSAGING_THREAD},
};

/* An opaque id: printable ASCII without the characters that structure
 * URNs (':' '(' ')' ',') or spaces.  Holds '=', '-', '_' and the like. */
static int
urn_valid_id(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c >= 0x7f || c == ':' || c == '(' ||
		    c == ')' || c == ',')
			return 0;
	}
	return 1;
}

static int
urn_valid_number(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static enum lc_err
urn_bad(struct lc_error *err, const char *what)
{
	return lc_error_set(err, LC_EINVAL, "Not a valid LinkedIn URN: %s.",
	                    what);
}

/* Parses "(urn:li:x:MAILBOX,ID)" for conversations and messages. */
static enum lc_err
urn_parse_pair(const char *rest, struct urn *out, struct lc_error *err)
{
	struct urn inner;
	const char *comma, *id;
	size_t len = strlen(rest), idlen;
	char *first;
	enum lc_err rc;

	if (len < 2 || rest[0] != '(' || rest[len - 1] != ')')
		return urn_bad(err, "expected (MAILBOX,ID)");
	/* Neither the mailbox URN (a simple one) nor the id holds a comma,
	 * so the first comma splits them. */
	if ((comma = memchr(rest, ',', len)) == NULL)
		return urn_bad(err, "missing ',' between mailbox and id");
	id = comma + 1;
	idlen = (size_t)(rest + len - 1 - id);
	if (!urn_valid_id(id, idlen))
		return urn_bad(err, "empty or malformed id");
	first = xstrndup(rest + 1, (size_t)(comma - rest - 1));
	rc = urn_parse(first, &inner, err);
	free(first);
	if (rc != LC_OK)
		return rc;
	/* Only a profile owns a mailbox; accepting any other kind let
	 * "(urn:li:x:(,1)" through with a mailbox id no URN can hold
	 * (tests/fixtures/fuzz/urn-mailbox-not-a-profile.txt). */
	if (inner.kind != URN_FSD_PROFILE) {
		urn_free(&inner);
		return urn_bad(err, "the mailbox must be a urn:li:fsd_profile");
	}
	out->mailbox = inner.id;
	inner.id = NULL;
	urn_free(&inner);
	out->id = xstrndup(id, idlen);
	return LC_OK;
}

enum lc_err
urn_parse(const char *s, struct urn *out, struct lc_error *err)
{
	const char *type, *rest, *colon;
	struct urn inner;
	enum lc_err rc;
	size_t i;

	memset(out, 0, sizeof *out);
	out->kind = URN_OTHER;
	if (s == NULL || strncmp(s, "urn:li:", 7) != 0)
		return urn_bad(err, "it does not start with urn:li:");
	type = s + 7;
	if ((colon = strchr(type, ':')) == NULL || colon == type)
		return urn_bad(err, "missing kind");
	if (!urn_valid_id(type, (size_t)(colon - type)))
		return urn_bad(err, "malformed kind");
	rest = colon + 1;
	if (*rest == '\0')
		return urn_bad(err, "empty id");
	for (i = 0; i < sizeof urn_kinds / sizeof urn_kinds[0]; i++) {
		if (strlen(urn_kinds[i].type) == (size_t)(colon - type) &&
		    memcmp(urn_kinds[i].type, type, (size_t)(colon - type)) ==
		        0)
			out->kind = urn_kinds[i].kind;
	}

	switch (out->kind) {
	case URN_FSD_PROFILE:
	case URN_FS_MINIPROFILE:
	case URN_MESSAGING_THREAD:
		if (!urn_valid_id(rest, strlen(rest))) {
			rc = urn_bad(err, "malformed id");
			goto fail;
		}
		out->id = xstrdup(rest);
		break;
	case URN_MEMBER:
	case URN_FSD_INVITATION:
	case URN_FS_RELINVITATION:
		if (!urn_valid_number(rest)) {
			rc = urn_bad(err, "the id must be a number");
			goto fail;
		}
		out->id = xstrdup(rest);
		break;
	case URN_MSG_CONVERSATION:
	case URN_MSG_MESSAGE:
		if ((rc = urn_parse_pair(rest, out, err)) != LC_OK)
			goto fail;
		break;
	case URN_MSG_PARTICIPANT:
		if ((rc = urn_parse(rest, &inner, err)) != LC_OK)
			goto fail;
		if (inner.mailbox != NULL ||
		    inner.kind == URN_MSG_PARTICIPANT) {
			urn_free(&inner);
			rc = urn_bad(err, "a participant wraps a simple URN");
			goto fail;
		}
		out->id = inner.id;
		inner.id = NULL;
		urn_free(&inner);
		break;
	case URN_OTHER:
		for (i = 0; rest[i] != '\0'; i++) {
			if ((unsigned char)rest[i] <= 0x20 ||
			    (unsigned char)rest[i] == 0x7f) {
				rc = urn_bad(err, "space or control character");
				goto fail;
			}
		}
		out->id = xstrdup(rest);
		break;
	}
	out->type = xstrndup(type, (size_t)(colon - type));
	return LC_OK;
fail:
	urn_free(out);
	out->kind = URN_OTHER;
	return rc;
}

void
urn_free(struct urn *u)
{
	if (u == NULL)
		return;
	free(u->type);
	free(u->id);
	free(u->mailbox);
	u->type = u->id = u->mailbox = NULL;
}

char *
urn_profile(const char *id)
{
	return xasprintf("urn:li:fsd_profile:%s", id);
}

char *
urn_conversation(const char *mailbox, const char *thread_id)
{
	return xasprintf("urn:li:msg_conversation:(urn:li:fsd_profile:%s,%s)",
	                 mailbox, thread_id);
}

char *
urn_message(const char *mailbox, const char *message_id)
{
	return xasprintf("urn:li:msg_message:(urn:li:fsd_profile:%s,%s)",
	                 mailbox, message_id);
}

char *
urn_participant(const char *profile_id)
{
	return xasprintf(
	    "urn:li:msg_messagingParticipant:urn:li:fsd_profile:%s",
	    profile_id);
}

char *
urn_profile_id(const char *s)
{
	struct urn u;
	char *id = NULL;

	if (s == NULL)
		return NULL;
	if (strncmp(s, "urn:", 4) != 0)
		return urn_valid_id(s, strlen(s)) ? xstrdup(s) : NULL;
	if (urn_parse(s, &u, NULL) != LC_OK)
		return NULL;
	if (u.kind == URN_FSD_PROFILE || u.kind == URN_FS_MINIPROFILE ||
	    u.kind == URN_MSG_PARTICIPANT) {
		id = u.id;
		u.id = NULL;
	}
	urn_free(&u);
	return id;
}

char *
urn_thread_id(const char *s)
{
	struct urn u;
	char *id = NULL;

	if (s == NULL)
		return NULL;
	if (strncmp(s, "urn:", 4) != 0)
		return urn_valid_id(s, strlen(s)) ? xstrdup(s) : NULL;
	if (urn_parse(s, &u, NULL) != LC_OK)
		return NULL;
	if (u.kind == URN_MSG_CONVERSATION || u.kind == URN_MESSAGING_THREAD) {
		id = u.id;
		u.id = NULL;
	}
	urn_free(&u);
	return id;
}

char *
urn_placeholder(const char *recipient)
{
	char *id = urn_profile_id(recipient), *s;

	if (id == NULL)
		return NULL;
	s = xasprintf("%surn:li:fsd_profile:%s", URN_PLACEHOLDER_PREFIX, id);
	free(id);
	return s;
}

int
urn_is_placeholder(const char *s)
{
	return s != NULL && strncmp(s, URN_PLACEHOLDER_PREFIX,
	                            strlen(URN_PLACEHOLDER_PREFIX)) == 0;
}

char *
urn_placeholder_recipient(const char *s)
{
	char *id;

	if (!urn_is_placeholder(s))
		return NULL;
	s += strlen(URN_PLACEHOLDER_PREFIX);
	if (strncmp(s, "urn:li:fsd_profile:", 19) != 0 ||
	    (id = urn_profile_id(s)) == NULL)
		return NULL;
	free(id);
	return xstrdup(s);
}
