/* sim-fault.c — see sim-fault.h. */
#include <stdlib.h>
#include <string.h>

#include "sim-fault.h"
#include "sim-gen.h"
#include "xmalloc.h"

struct sim_fault {
	struct sim_rng rng;
	double rate;
	unsigned mask;
	long next; /* forced faults left */
	enum sim_fault_kind forced;
	char *endpoint; /* forced faults only hit this one */
	long injected[FAULT_COUNT];
};

static const char *const names[FAULT_COUNT] = {
    "none",  "429",       "999",       "503",   "500",
    "reset", "truncated", "malformed", "empty", "slow",
};

const char *
sim_fault_name(enum sim_fault_kind k)
{
	return k < FAULT_COUNT ? names[k] : "none";
}

enum sim_fault_kind
sim_fault_by_name(const char *name)
{
	int i;

	for (i = 1; i < FAULT_COUNT; i++)
		if (strcmp(name, names[i]) == 0)
			return (enum sim_fault_kind)i;
	return FAULT_NONE;
}

int
sim_fault_is_pre(enum sim_fault_kind k)
{
	return k == FAULT_429 || k == FAULT_999 || k == FAULT_503;
}

int
sim_fault_parse_list(const char *list, unsigned *mask)
{
	const char *p, *e;
	char name[16];
	enum sim_fault_kind k;

	*mask = 0;
	if (list == NULL || *list == '\0') {
		*mask = ((1u << FAULT_COUNT) - 1) & ~1u;
		return 0;
	}
	for (p = list; *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) >= sizeof(name))
			return -1;
		memcpy(name, p, (size_t)(e - p));
		name[e - p] = '\0';
		if ((k = sim_fault_by_name(name)) == FAULT_NONE)
			return -1;
		*mask |= 1u << k;
	}
	return 0;
}

struct sim_fault *
sim_fault_new(const struct sim_opts *opts)
{
	struct sim_fault *f = xcalloc(1, sizeof(*f));

	sim_rng_seed(&f->rng, opts->seed ^ 0xfa017fa017ULL);
	f->rate = opts->fault_rate;
	if (sim_fault_parse_list(opts->faults, &f->mask) != 0)
		f->mask = 0;
	return f;
}

void
sim_fault_free(struct sim_fault *f)
{
	if (f == NULL)
		return;
	free(f->endpoint);
	free(f);
}

enum sim_fault_kind
sim_fault_decide(struct sim_fault *f, const char *endpoint)
{
	enum sim_fault_kind k = FAULT_NONE;
	int kinds[FAULT_COUNT], n = 0, i;

	if (f->next > 0 &&
	    (f->endpoint == NULL || strcmp(f->endpoint, endpoint) == 0)) {
		f->next--;
		k = f->forced;
	} else if (f->rate > 0 && f->mask != 0 &&
	           sim_rng_unit(&f->rng) < f->rate) {
		for (i = 1; i < FAULT_COUNT; i++)
			if (f->mask & (1u << i))
				kinds[n++] = i;
		k = (enum sim_fault_kind)
		    kinds[sim_rng_below(&f->rng, (unsigned)n)];
	}
	f->injected[k]++;
	return k;
}

int
sim_fault_configure(struct sim_fault *f, struct json_object *cfg,
                    const char **why)
{
	struct json_object *v;
	unsigned mask = f->mask;
	double rate = f->rate;
	enum sim_fault_kind forced = FAULT_NONE;
	long next = -1;

	if (!json_object_is_type(cfg, json_type_object)) {
		*why = "body is not a JSON object";
		return -1;
	}
	if (json_object_object_get_ex(cfg, "rate", &v)) {
		rate = json_object_get_double(v);
		if (rate < 0 || rate > 1) {
			*why = "rate must be between 0 and 1";
			return -1;
		}
	}
	if (json_object_object_get_ex(cfg, "faults", &v) &&
	    sim_fault_parse_list(json_object_get_string(v), &mask) != 0) {
		*why = "unknown fault kind in faults";
		return -1;
	}
	if (json_object_object_get_ex(cfg, "next", &v)) {
		next = (long)json_object_get_int64(v);
		if (!json_object_object_get_ex(cfg, "fault", &v) ||
		    (forced = sim_fault_by_name(json_object_get_string(v))) ==
		        FAULT_NONE) {
			*why = "next needs a known fault kind in fault";
			return -1;
		}
	}
	f->rate = rate;
	f->mask = mask;
	if (next >= 0) {
		f->next = next;
		f->forced = forced;
		free(f->endpoint);
		f->endpoint = NULL;
		if (json_object_object_get_ex(cfg, "endpoint", &v))
			f->endpoint = xstrdup(json_object_get_string(v));
	}
	return 0;
}

struct json_object *
sim_fault_json(const struct sim_fault *f)
{
	struct json_object *o, *inj, *kinds;
	int i;

	o = json_object_new_object();
	json_object_object_add(o, "rate", json_object_new_double(f->rate));
	kinds = json_object_new_array();
	inj = json_object_new_object();
	for (i = 1; i < FAULT_COUNT; i++) {
		if (f->mask & (1u << i))
			json_object_array_add(kinds,
			                      json_object_new_string(names[i]));
		json_object_object_add(inj, names[i],
		                       json_object_new_int64(f->injected[i]));
	}
	json_object_object_add(o, "faults", kinds);
	json_object_object_add(o, "injected", inj);
	json_object_object_add(o, "next", json_object_new_int64(f->next));
	json_object_object_add(o, "next_fault",
	                       json_object_new_string(names[f->forced]));
	json_object_object_add(o, "next_endpoint",
	                       f->endpoint ? json_object_new_string(f->endpoint)
	                                   : NULL);
	return o;
}
