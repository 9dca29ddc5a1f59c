/* sim-folder.c — see sim-folder.h.
 *
 * A category write checks the whole body before it changes anything:
 * conversationUrns a non-empty array of live conversations of this
 * mailbox, category one the simulator knows; else 400 and no change.  A
 * conversation whose categories the rule leaves as they were is not
 * touched (no new sequence number, no event), so a repeated or retried
 * call changes the state once.
 */
#include <stdlib.h>
#include <string.h>

#include "core/folder.h"
#include "core/model.h"
#include "core/restli.h"
#include "tests/sim/sim-folder.h"
#include "tests/sim/sim-rt.h"
#include "core/xmalloc.h"

unsigned
sim_folder_to_model(unsigned cats)
{
	unsigned out = 0;
	int b;

	for (b = 0; b < CAT_COUNT; b++)
		if (cats & (1u << b))
			out |= model_category_bit(sim_cat_name(b));
	return out;
}

unsigned
sim_folder_from_model(unsigned model_cats)
{
	unsigned out = 0;
	int b;

	for (b = 0; b < CAT_COUNT; b++)
		if (model_cats & model_category_bit(sim_cat_name(b)))
			out |= 1u << b;
	return out;
}

int
sim_folder_lists(unsigned cats, unsigned bit)
{
	int b, f;

	for (b = 0; b < CAT_COUNT && bit != (1u << b); b++)
		;
	if (b == CAT_COUNT)
		return 0;
	if ((f = folder_by_name(sim_cat_name(b))) < 0)
		return (cats & bit) != 0;
	return folder_holds((enum folder)f, sim_folder_to_model(cats));
}

/* Applies the rule to c; 1 if its categories changed. */
static int
folder_change(struct sim_world *w, struct sim_conv *c, unsigned bit, int add)
{
	unsigned mb = sim_folder_to_model(bit);
	unsigned now = sim_folder_from_model(
	    folder_apply(sim_folder_to_model(c->cats), mb, add));

	if (now == c->cats)
		return 0;
	c->cats = now;
	c->seq = sim_bump(w);
	sim_rt_conversation(w, c);
	w->category_changes++;
	return 1;
}

void
sim_folder_replied(struct sim_world *w, struct sim_conv *c)
{
	if (folder_of(sim_folder_to_model(c->cats)) == FOLDER_REQUESTS)
		folder_change(w, c, CAT_PRIMARY_INBOX, 1);
}

long
sim_folder_unread(struct sim_world *w, unsigned bit)
{
	long n = 0;
	size_t i;

	for (i = 0; i < w->nconvs; i++)
		if (!w->convs[i].deleted && w->convs[i].unread &&
		    sim_folder_lists(w->convs[i].cats, bit))
			n++;
	return n;
}

struct json_object *
sim_folder_state_json(struct sim_world *w)
{
	struct json_object *o = json_object_new_object(), *x;
	const struct folder_info *fi;
	size_t i;
	long total;
	int f;

	for (f = 0; f < FOLDER_COUNT; f++) {
		unsigned bit;

		fi = folder_info((enum folder)f);
		bit = sim_cat_bit(fi->category);
		for (i = 0, total = 0; i < w->nconvs; i++)
			total += !w->convs[i].deleted &&
			         sim_folder_lists(w->convs[i].cats, bit);
		x = sim_jobj(o, fi->category);
		sim_jint(x, "total", total);
		sim_jint(x, "unread", sim_folder_unread(w, bit));
	}
	return o;
}

/* The conversations and category of a category write's body, checked;
 * NULL after a 400 answer.  Caller frees the array (not the members). */
static struct sim_conv **
folder_body(struct sim_req *r, struct json_object *body, unsigned *bit,
            size_t *n)
{
	struct json_object *arr, *cat;
	struct sim_conv **v;
	size_t i;

	if (!json_object_object_get_ex(body, "category", &cat) ||
	    !json_object_is_type(cat, json_type_string) ||
	    (*bit = sim_cat_bit(json_object_get_string(cat))) == 0) {
		sim_reply_status(r, 400, "category missing or unknown");
		return NULL;
	}
	if (!json_object_object_get_ex(body, "conversationUrns", &arr) ||
	    !json_object_is_type(arr, json_type_array) ||
	    (*n = json_object_array_length(arr)) == 0) {
		sim_reply_status(r, 400,
		                 "conversationUrns must be a non-empty "
		                 "array");
		return NULL;
	}
	v = xcalloc(*n, sizeof(*v));
	for (i = 0; i < *n; i++) {
		struct json_object *u = json_object_array_get_idx(arr, i);

		if (!json_object_is_type(u, json_type_string) ||
		    (v[i] = sim_conv_by_urn(r->w, json_object_get_string(u))) ==
		        NULL) {
			sim_reply_status(
			    r, 400,
			    "conversationUrns names a conversation "
			    "not in this mailbox");
			free(v);
			return NULL;
		}
	}
	return v;
}

static void
folder_write(struct sim_req *r, int add)
{
	struct json_object *body;
	struct sim_conv **v;
	unsigned bit = 0;
	size_t n = 0, i;

	if ((body = sim_body_json(r)) == NULL)
		return;
	if ((v = folder_body(r, body, &bit, &n)) != NULL) {
		for (i = 0; i < n; i++)
			folder_change(r->w, v[i], bit, add);
		sim_reply(r, 200, "application/json", "{}", 2);
		free(v);
	}
	json_object_put(body);
}

void
sim_folder_add(struct sim_req *r)
{
	folder_write(r, 1);
}

void
sim_folder_remove(struct sim_req *r)
{
	folder_write(r, 0);
}

void
sim_folder_delete_ids(struct sim_req *r)
{
	const char *raw = sim_arg_raw(r, "ids");
	struct restli_value *ids = NULL;
	struct sim_conv *c;
	size_t i;

	if (raw == NULL ||
	    (ids = restli_parse(raw, strlen(raw), NULL)) == NULL ||
	    ids->type != RESTLI_LIST || ids->n == 0) {
		sim_reply_status(r, 400, "ids=List(...) missing or malformed");
		goto out;
	}
	for (i = 0; i < ids->n; i++)
		if (ids->items[i]->type != RESTLI_STRING ||
		    sim_conv_by_urn(r->w, ids->items[i]->str) == NULL) {
			sim_reply_status(r, 404, "no such conversation");
			goto out;
		}
	for (i = 0; i < ids->n; i++) {
		if ((c = sim_conv_by_urn(r->w, ids->items[i]->str)) == NULL)
			continue; /* named twice */
		c->deleted = 1;
		c->seq = sim_bump(r->w);
		sim_rt_delete(r->w, c);
	}
	sim_reply(r, 200, "application/json", "{}", 2);
out:
	restli_value_free(ids);
}
