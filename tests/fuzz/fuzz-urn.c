/* fuzz-urn.c — urn_parse() and the URN helpers (core/urn.h): any text is
 * parsed without a crash, and what the formatters build from a parsed
 * URN parses back to the same parts. */
#include <string.h>

#include "core/err.h"
#include "tests/fuzz/fuzz.h"
#include "core/urn.h"

static int
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* urn_parse(text) must give kind, id and mailbox of want. */
static void
reparse(char *text, const struct urn *want)
{
	struct lc_error err;
	struct urn u;

	FUZZ_CHECK(urn_parse(text, &u, &err) == LC_OK,
	           "formatted URN does not parse: %s", err.msg);
	FUZZ_CHECK(u.kind == want->kind && same(u.id, want->id) &&
	               same(u.mailbox, want->mailbox),
	           "formatted URN parses differently");
	urn_free(&u);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lc_error err;
	struct urn u;
	char *s, *p;

	s = fuzz_cstr(data, size);
	memset(&err, 0, sizeof err);
	memset(&u, 0, sizeof u);
	if (urn_parse(s, &u, &err) == LC_OK) {
		FUZZ_CHECK(u.type != NULL && u.id != NULL,
		           "parsed URN without type or id");
		switch (u.kind) {
		case URN_FSD_PROFILE:
			reparse(urn_profile(u.id), &u);
			break;
		case URN_MSG_CONVERSATION:
			FUZZ_CHECK(u.mailbox != NULL, "no mailbox");
			reparse(urn_conversation(u.mailbox, u.id), &u);
			break;
		case URN_MSG_MESSAGE:
			FUZZ_CHECK(u.mailbox != NULL, "no mailbox");
			reparse(urn_message(u.mailbox, u.id), &u);
			break;
		case URN_MSG_PARTICIPANT:
			/* it may wrap another kind (an organisation): only a
			 * profile is rebuilt by urn_participant() */
			if (strncmp(s + 32, "urn:li:fsd_profile:", 19) == 0)
				reparse(urn_participant(u.id), &u);
			break;
		default:
			break;
		}
	} else
		FUZZ_CHECK(err.code != LC_OK, "failure without an error");
	urn_free(&u);
	urn_free(&u);
	p = urn_profile_id(s);
	free(p);
	p = urn_thread_id(s);
	free(p);
	free(s);
	return 0;
}
