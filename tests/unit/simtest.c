/* simtest.c — see simtest.h. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/restli.h"
#include "tests/unit/simtest.h"
#include "core/xmalloc.h"

struct sim *
simt_start(const char *const *args)
{
	struct sim *s = sim_start(args);

	cr_assert_not_null(s, "the simulator did not start");
	return s;
}

/* A request with the demo session; the JSON answer (or NULL) and status. */
struct json_object *
simt_call(struct sim *s, const char *method, const char *path, const char *body,
          long *status)
{
	struct sim_resp r;
	struct json_object *o;

	sim_request(s, method, path, sim_demo_headers(), body, &r);
	*status = r.status;
	o = sim_resp_json(&r);
	sim_resp_free(&r);
	return o;
}

/* data.<root> of a GraphQL read of query qid with raw variables. */
struct json_object *
simt_gql(struct sim *s, const char *qid, const char *vars, long *status,
         struct json_object **whole)
{
	struct json_object *o, *d = NULL, *root = NULL;
	char *path = xasprintf(GQL "%s&variables=%s", qid, vars);

	o = simt_call(s, "GET", path, NULL, status);
	free(path);
	if (o != NULL && json_object_object_get_ex(o, "data", &d)) {
		json_object_object_foreach(d, k, v)
		{
			(void)k;
			root = v;
		}
	}
	*whole = o;
	return root;
}

struct json_object *
simt_member(struct json_object *o, const char *path)
{
	const char *p = path, *e;
	char key[64];

	while (o != NULL && *p != '\0') {
		e = strchr(p, '.');
		if (e == NULL)
			e = p + strlen(p);
		cr_assert_lt((size_t)(e - p), sizeof(key));
		memcpy(key, p, (size_t)(e - p));
		key[e - p] = '\0';
		if (!json_object_object_get_ex(o, key, &o))
			o = NULL;
		p = *e ? e + 1 : e;
	}
	return o;
}

const char *
simt_str(struct json_object *o, const char *path)
{
	return json_object_get_string(simt_member(o, path));
}

struct json_object *
simt_elements(struct json_object *root)
{
	return simt_member(root, "elements");
}

/* The urn of the newest conversation (caller frees). */
char *
simt_newest_conv(struct sim *s)
{
	struct json_object *o, *root;
	long st;
	char *u;

	root = simt_gql(s, Q_LOAD, "(mailboxUrn:" MBX ",count:1)", &st, &o);
	cr_assert_eq(st, 200);
	u = xstrdup(simt_str(json_object_array_get_idx(simt_elements(root), 0),
	                     "entityUrn"));
	json_object_put(o);
	return u;
}

char *
simt_enc(const char *s)
{
	return restli_encode_dup(s);
}
