/* sim-gen.h — deterministic randomness and the text corpus of the world.
 *
 * A splitmix64 generator (the same seed gives the same world on every
 * machine) and tables of names, headlines, places and message texts that
 * are realistic and deliberately varied: accents, CJK, right-to-left
 * scripts, emoji with skin tones and ZWJ sequences, very long words,
 * multi-line texts; with hostile on, also terminal escapes, C1 controls,
 * bidi overrides and invalid UTF-8.
 */
#ifndef SIM_GEN_H
#define SIM_GEN_H

#include <stdint.h>

struct sim_rng {
	uint64_t s;
};

void sim_rng_seed(struct sim_rng *r, uint64_t seed);
uint64_t sim_rng_next(struct sim_rng *r);
/* Uniform in [0, n); n > 0. */
unsigned sim_rng_below(struct sim_rng *r, unsigned n);
/* 1 with probability pct/100. */
int sim_rng_pct(struct sim_rng *r, unsigned pct);
/* Uniform in [0, 1). */
double sim_rng_unit(struct sim_rng *r);

/* Ids, each a new string the caller frees. */
char *sim_gen_profile_id(struct sim_rng *r); /* ACoAA + 34 chars */
char *sim_gen_thread_id(struct sim_rng *r);  /* 2-<base64 of a uuid>== */
char *sim_gen_message_id(struct sim_rng *r, long long at);
char *sim_gen_uuid(struct sim_rng *r);
char *sim_gen_token(struct sim_rng *r, const char *prefix, int nhex);
/* 19 decimal digits. */
char *sim_gen_digits(struct sim_rng *r, int n);
/* Standard base64 of n bytes (with padding); caller frees. */
char *sim_base64(const unsigned char *p, int n);

/* Corpus picks; static strings. */
const char *sim_gen_first(struct sim_rng *r, int hostile);
const char *sim_gen_last(struct sim_rng *r, int hostile);
const char *sim_gen_headline(struct sim_rng *r, int hostile);
const char *sim_gen_summary(struct sim_rng *r);
const char *sim_gen_org(struct sim_rng *r);
const char *sim_gen_title(struct sim_rng *r, int hostile);
const char *sim_gen_text(struct sim_rng *r, int hostile);
const char *sim_gen_emoji(struct sim_rng *r);

/* Places and industries: index → names (ids are derived from the index). */
int sim_gen_ngeo(void);
const char *sim_gen_geo_name(int i);     /* "Seattle, Washington" */
const char *sim_gen_geo_location(int i); /* "... , United States" */
long long sim_gen_geo_id(int i);
const char *sim_gen_geo_postal(int i);
int sim_gen_nindustry(void);
const char *sim_gen_industry(int i);

/* A public id made of the names (ASCII letters kept, lowercased) plus a
 * number; caller frees. */
char *sim_gen_public_id(const char *first, const char *last, int n);

#endif
