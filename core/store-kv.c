/* store-kv.c — the small tables of the store, each a row per key:
 * profiles, sync tokens, drafts and meta settings.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "core/store-int.h"
#include "core/xmalloc.h"

enum lc_err
store_put_profile(struct store *st, const struct model_profile *p,
                  struct lc_error *err)
{
	const char *v[11] = {
	    p->urn,         p->public_id, p->first_name,         p->last_name,
	    p->headline,    p->location,  p->industry,           p->summary,
	    p->picture_url, p->distance,  p->premium ? "1" : "0"};

	return store_write1(
	    st,
	    "INSERT OR REPLACE INTO profiles(urn, public_id, "
	    "first_name, last_name, headline, location, industry, summary, "
	    "picture_url, distance, premium) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, CAST(?11 AS INTEGER))",
	    11, v, "save a profile", err);
}

enum lc_err
store_set_token(struct store *st, const char *key, const char *token,
                struct lc_error *err)
{
	const char *v[2] = {key, token};

	if (token == NULL || token[0] == '\0')
		return store_write1(st,
		                    "DELETE FROM sync_tokens WHERE key = ?1", 1,
		                    v, "save the sync position", err);
	return store_write1(st,
	                    "INSERT OR REPLACE INTO sync_tokens(key, token) "
	                    "VALUES (?1, ?2)",
	                    2, v, "save the sync position", err);
}

enum lc_err
store_get_token(struct store *st, const char *key, char **token,
                struct lc_error *err)
{
	const char *v[1] = {key};

	return store_read1(st, "SELECT token FROM sync_tokens WHERE key = ?1",
	                   1, v, token, err);
}

enum lc_err
store_set_draft(struct store *st, const char *conv_urn, const char *text,
                int64_t now_ms, struct lc_error *err)
{
	char num[24];
	const char *v[3] = {conv_urn, text, num};

	if (text == NULL || text[0] == '\0')
		return store_write1(st,
		                    "DELETE FROM drafts WHERE conv_urn = ?1", 1,
		                    v, "save the draft", err);
	snprintf(num, sizeof(num), "%lld", (long long)now_ms);
	return store_write1(st,
	                    "INSERT OR REPLACE INTO drafts(conv_urn, text, "
	                    "updated_ms) VALUES (?1, ?2, CAST(?3 AS INTEGER))",
	                    3, v, "save the draft", err);
}

enum lc_err
store_get_draft(struct store *st, const char *conv_urn, char **text,
                struct lc_error *err)
{
	const char *v[1] = {conv_urn};

	return store_read1(st, "SELECT text FROM drafts WHERE conv_urn = ?1", 1,
	                   v, text, err);
}

enum lc_err
store_set_meta(struct store *st, const char *key, const char *value,
               struct lc_error *err)
{
	const char *v[2] = {key, value != NULL ? value : ""};

	return store_write1(st,
	                    "INSERT OR REPLACE INTO meta(key, value) VALUES "
	                    "(?1, ?2)",
	                    2, v, "save a setting", err);
}

enum lc_err
store_get_meta(struct store *st, const char *key, char **value,
               struct lc_error *err)
{
	const char *v[1] = {key};

	return store_read1(st, "SELECT value FROM meta WHERE key = ?1", 1, v,
	                   value, err);
}
