/* fuzz-voyager.c — every pure Voyager mapper (core/voyager*.h).
 *
 * The first byte picks the mapper ('a' me, 'b' resolve, 'c' profile,
 * 'd' conversations, 'e' messages, 'f' sent, 'g' counts, 'h' invitations,
 * 'i' connect, 'j' connect error, 'k' search, 'l' presence; any byte is
 * taken modulo 12), the rest is the response body.  The headers promise
 * LC_EBADRESP, never a crash, for any text; on success the results are walked
 * so ASan sees every string they hold, then freed.  The body is a heap copy
 * freed as soon as the mapper returns, so a result that points into the text
 * (or into the parsed tree) instead of owning a copy is a use after free.
 */
#include <string.h>

#include "core/err.h"
#include "tests/fuzz/fuzz.h"
#include "core/voyager-invite.h"
#include "core/voyager-msg.h"
#include "core/voyager-presence.h"
#include "core/voyager-profile.h"
#include "core/voyager-search.h"
#include "core/voyager.h"

enum {
	M_ME,
	M_RESOLVE,
	M_PROFILE,
	M_CONVS,
	M_MSGS,
	M_SENT,
	M_COUNTS,
	M_INVITES,
	M_CONNECT,
	M_CONNECT_ERR,
	M_SEARCH,
	M_PRESENCE,
	M_COUNT
};

static volatile size_t sink;
static char *text;

/* Frees the body the mapper just read; passes its answer through. */
static enum lc_err
text_gone(enum lc_err rc)
{
	free(text);
	text = NULL;
	return rc;
}

static void
touch(const char *s)
{
	if (s != NULL)
		sink += strlen(s);
}

static void
touch_message(const struct voyager_message *m)
{
	size_t i;

	touch(m->urn);
	touch(m->conversation_urn);
	FUZZ_CHECK(m->text != NULL, "message text is NULL");
	touch(m->text);
	touch(m->sender_urn_id);
	touch(m->sender_name);
	touch(m->origin_token);
	FUZZ_CHECK(m->render_format != NULL, "render_format is NULL");
	touch(m->render_format);
	for (i = 0; i < m->nattachments; i++) {
		touch(m->attachments[i].kind);
		touch(m->attachments[i].name);
		touch(m->attachments[i].url);
	}
	for (i = 0; i < m->nreactions; i++)
		touch(m->reactions[i].emoji);
}

static void
touch_conv(const struct voyager_conversation *c)
{
	size_t i;
	char *name;

	touch(c->urn);
	touch(c->thread_id);
	touch(c->title);
	for (i = 0; i < c->ncategories; i++)
		touch(c->categories[i]);
	for (i = 0; i < c->nparticipants; i++) {
		name = voyager_participant_name(&c->participants[i]);
		touch(name);
		free(name);
	}
	if (c->last_message != NULL)
		touch_message(c->last_message);
}

static void
map_conversations(const char *j, size_t n, struct lc_error *err)
{
	struct voyager_conv_page p;
	struct voyager_msg_page mp;
	size_t i;

	memset(&p, 0, sizeof p);
	if (text_gone(voyager_parse_conversations(j, n, &p, err)) == LC_OK) {
		FUZZ_CHECK(p.n <= p.server_count, "n %zu > server_count %zu",
		           p.n, p.server_count);
		for (i = 0; i < p.n; i++) {
			FUZZ_CHECK(p.items[i].urn != NULL,
			           "conversation without urn");
			touch_conv(&p.items[i]);
		}
		for (i = 0; i < p.ndeleted; i++)
			touch(p.deleted_urns[i]);
		touch(p.next_cursor);
		touch(p.new_sync_token);
		/* the senders of a page are filled from a conversation */
		if (p.n > 0 && p.items[0].last_message != NULL) {
			memset(&mp, 0, sizeof mp);
			mp.items = p.items[0].last_message;
			mp.n = 1;
			voyager_msg_page_fill_senders(&mp, &p.items[0]);
			touch_message(mp.items);
		}
	}
	voyager_conv_page_free(&p);
	voyager_conv_page_free(&p); /* *_free zeroes: twice is fine */
}

static void
map_messages(const char *j, size_t n, struct lc_error *err)
{
	struct voyager_msg_page p;
	size_t i;

	memset(&p, 0, sizeof p);
	if (text_gone(voyager_parse_messages(j, n, &p, err)) == LC_OK) {
		FUZZ_CHECK(p.n <= p.server_count, "n %zu > server_count %zu",
		           p.n, p.server_count);
		for (i = 0; i < p.n; i++) {
			FUZZ_CHECK(p.items[i].urn != NULL,
			           "message without urn");
			touch_message(&p.items[i]);
			FUZZ_CHECK(i == 0 || p.items[i - 1].delivered_at <=
			                         p.items[i].delivered_at,
			           "messages not oldest first");
		}
		touch(p.prev_cursor);
		touch(p.next_cursor);
		touch(p.new_sync_token);
	}
	voyager_msg_page_free(&p);
	voyager_msg_page_free(&p);
}

static void
map_profiles(int which, const char *j, size_t n, struct lc_error *err)
{
	struct voyager_me me;
	struct voyager_profile_brief b;
	struct voyager_profile p;

	memset(&me, 0, sizeof me);
	memset(&b, 0, sizeof b);
	memset(&p, 0, sizeof p);
	if (which == M_ME &&
	    text_gone(voyager_parse_me(j, n, &me, err)) == LC_OK) {
		FUZZ_CHECK(me.urn_id != NULL, "me without urn_id");
		touch(me.urn_id);
		touch(me.first_name);
		touch(me.public_id);
		touch(me.mini_profile_urn);
		touch(me.profile_urn);
	}
	if (which == M_RESOLVE &&
	    text_gone(voyager_parse_resolve(j, n, &b, err)) == LC_OK) {
		touch(b.urn_id);
		touch(b.entity_urn);
		touch(b.public_id);
		touch(b.first_name);
	}
	if (which == M_PROFILE &&
	    text_gone(voyager_parse_profile(j, n, &p, err)) == LC_OK) {
		touch(p.first_name);
		touch(p.entity_urn);
		touch(p.urn_id);
		touch(p.display_picture_url);
		touch(p.img_800_800);
		touch(p.geo_location_name);
		touch(p.industry_name);
	}
	voyager_me_free(&me);
	voyager_me_free(&me);
	voyager_profile_brief_free(&b);
	voyager_profile_brief_free(&b);
	voyager_profile_free(&p);
	voyager_profile_free(&p);
}

static void
map_other(int which, const char *j, size_t n, struct lc_error *err)
{
	struct voyager_message m;
	struct voyager_counts c;
	struct voyager_invitation_page ip;
	struct voyager_search_page sp;
	struct voyager_presence_list pl;
	char *urn = NULL, *body;
	size_t i;

	memset(&pl, 0, sizeof pl);
	memset(&m, 0, sizeof m);
	memset(&c, 0, sizeof c);
	memset(&ip, 0, sizeof ip);
	memset(&sp, 0, sizeof sp);
	switch (which) {
	case M_SENT:
		if (text_gone(voyager_parse_sent(j, n, &m, err)) == LC_OK)
			touch_message(&m);
		break;
	case M_COUNTS:
		if (text_gone(voyager_parse_counts(j, n, &c, err)) == LC_OK)
			for (i = 0; i < c.n; i++)
				touch(c.items[i].category);
		break;
	case M_INVITES:
		if (text_gone(voyager_parse_invitations(j, n, &ip, err)) ==
		    LC_OK)
			for (i = 0; i < ip.n; i++) {
				touch(ip.items[i].urn);
				touch(ip.items[i].id);
				touch(ip.items[i].shared_secret);
				touch(ip.items[i].message);
				touch(ip.items[i].public_id);
			}
		break;
	case M_CONNECT:
		if (text_gone(voyager_parse_connect(j, n, &urn, err)) ==
		    LC_OK) {
			FUZZ_CHECK(urn != NULL, "connect OK without a URN");
			touch(urn);
		}
		break;
	case M_CONNECT_ERR:
		/* the status comes from the second byte */
		body = fuzz_cstr((const uint8_t *)j, n);
		voyager_connect_error(n > 0 ? 400 + (unsigned char)j[0] % 100
		                            : 400,
		                      body, LC_ESERVER, err);
		sink += voyager_char_count(body);
		free(body);
		break;
	case M_SEARCH:
		if (text_gone(voyager_parse_search(j, n, &sp, err)) == LC_OK)
			for (i = 0; i < sp.n; i++) {
				FUZZ_CHECK(sp.items[i].urn_id != NULL,
				           "person without urn_id");
				touch(sp.items[i].name);
				touch(sp.items[i].jobtitle);
				touch(sp.items[i].public_id);
			}
		break;
	case M_PRESENCE:
		if (text_gone(voyager_parse_presence(j, n, &pl, err)) == LC_OK)
			for (i = 0; i < pl.n; i++) {
				FUZZ_CHECK(pl.items[i].profile_urn != NULL,
				           "presence without a urn");
				touch(pl.items[i].profile_urn);
			}
		break;
	}
	free(urn);
	voyager_presence_list_free(&pl);
	voyager_message_free(&m);
	voyager_counts_free(&c);
	voyager_invitation_page_free(&ip);
	voyager_search_page_free(&sp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lc_error err;
	const char *json;
	size_t n;
	int which;

	if (size < 1)
		return 0;
	which = (unsigned char)(data[0] - 'a') % M_COUNT;
	/* the mappers take (text, len): give them a buffer of exactly len
	 * bytes so ASan catches any read past it */
	n = size - 1;
	text = xmalloc(n != 0 ? n : 1);
	if (n != 0)
		memcpy(text, data + 1, n);
	json = text;
	memset(&err, 0, sizeof err);
	switch (which) {
	case M_ME:
	case M_RESOLVE:
	case M_PROFILE:
		map_profiles(which, json, n, &err);
		break;
	case M_CONVS:
		map_conversations(json, n, &err);
		break;
	case M_MSGS:
		map_messages(json, n, &err);
		break;
	default:
		map_other(which, json, n, &err);
		break;
	}
	text_gone(LC_OK);
	return 0;
}
