/* sim-fault.c — see sim-fault.h. */
#include <stdlib.h>
#include <string.h>

#include "tests/sim/sim-fault.h"
#include "tests/sim/sim-gen.h"
#include "core/xmalloc.h"

struct sim_fault {
	struct sim_rng rng;
	double rate;
	unsigned mask;
	long next; /* forced faults left */
	enum sim_fault_kind forced;
	char *endpoint; /* forced faults only hit this one */
	long injected[FAULT_COUNT];
	struct sim_fault_params params;
	char *location;
	size_t huge_served;
};

#define DEFAULT_LOCATION "http://localhost:1/__sim/elsewhere"

/* The kinds drawn at random ("every kind"): not the hostile answers. */
#define RANDOM_KINDS ((1u << FAULT_HUGE) - 2u)

static const char *const names[FAULT_COUNT] = {
    "none",      "429",   "999",  "503",  "500",  "reset",    "truncated",
    "malformed", "empty", "slow", "huge", "deep", "redirect", "foreign-cookie",
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
	return k == FAULT_429 || k == FAULT_999 || k == FAULT_503 ||
	       k == FAULT_REDIRECT;
}

int
sim_fault_parse_list(const char *list, unsigned *mask)
{
	const char *p, *e;
	char name[16];
	enum sim_fault_kind k;

	*mask = 0;
	if (list == NULL || *list == '\0') {
		*mask = RANDOM_KINDS;
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
	f->params.huge_bytes = 33u << 20;
	f->params.deep_depth = 10000;
	f->params.location = DEFAULT_LOCATION;
	f->params.redirect_status = 302;
	return f;
}

void
sim_fault_free(struct sim_fault *f)
{
	if (f == NULL)
		return;
	free(f->endpoint);
	free(f->location);
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
	if (json_object_object_get_ex(cfg, "bytes", &v) &&
	    (json_object_get_int64(v) < 1 ||
	     json_object_get_int64(v) > (1LL << 32))) {
		*why = "bytes must be between 1 and 4 GiB";
		return -1;
	}
	if (json_object_object_get_ex(cfg, "depth", &v) &&
	    (json_object_get_int64(v) < 1 ||
	     json_object_get_int64(v) > 1000000)) {
		*why = "depth must be between 1 and 1 000 000";
		return -1;
	}
	if (json_object_object_get_ex(cfg, "status", &v) &&
	    (json_object_get_int(v) < 300 || json_object_get_int(v) > 399)) {
		*why = "status must be a 3xx redirect";
		return -1;
	}
	if (json_object_object_get_ex(cfg, "location", &v) &&
	    (!json_object_is_type(v, json_type_string) ||
	     strpbrk(json_object_get_string(v), "\r\n") != NULL)) {
		*why = "location must be a string on one line";
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
	if (json_object_object_get_ex(cfg, "bytes", &v))
		f->params.huge_bytes = (size_t)json_object_get_int64(v);
	if (json_object_object_get_ex(cfg, "depth", &v))
		f->params.deep_depth = json_object_get_int(v);
	if (json_object_object_get_ex(cfg, "status", &v))
		f->params.redirect_status = json_object_get_int(v);
	if (json_object_object_get_ex(cfg, "location", &v)) {
		free(f->location);
		f->location = xstrdup(json_object_get_string(v));
		f->params.location = f->location;
	}
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

const struct sim_fault_params *
sim_fault_params(const struct sim_fault *f)
{
	return &f->params;
}

void
sim_fault_huge_served(struct sim_fault *f, size_t n)
{
	f->huge_served = n;
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
	json_object_object_add(
	    o, "huge_bytes",
	    json_object_new_int64((int64_t)f->params.huge_bytes));
	json_object_object_add(o, "huge_served",
	                       json_object_new_int64((int64_t)f->huge_served));
	json_object_object_add(o, "deep_depth",
	                       json_object_new_int(f->params.deep_depth));
	json_object_object_add(o, "location",
	                       json_object_new_string(f->params.location));
	json_object_object_add(o, "redirect_status",
	                       json_object_new_int(f->params.redirect_status));
	json_object_object_add(o, "next_endpoint",
	                       f->endpoint ? json_object_new_string(f->endpoint)
	                                   : NULL);
	return o;
}
