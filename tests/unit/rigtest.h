/* rigtest.h — Criterion's side of the worker rig (rig.h): set-up steps
 * that fail the test with the rig's sentence.  For tests/unit/ only (the
 * TSan drivers use rig.h without Criterion).
 */
#ifndef LC_RIGTEST_H
#define LC_RIGTEST_H

#include <stddef.h>

#include "tests/sim/simclient.h"
#include "tests/unit/rig.h"

/* rig_init() on sim's base URL, db (NULL: a fresh one), the inbox depth
 * and the active sync interval; fails the test on an error. */
void rigt_up(struct rig *r, struct sim *sim, const char *db, int depth,
             int active_s);
/* worker_start(); fails the test on an error. */
void rigt_start(struct rig *r);
/* The first n conversation URNs of the simulator's inbox, read through
 * the rig's session (caller frees with rigt_free_convs()). */
char **rigt_convs(struct rig *r, size_t n);
void rigt_free_convs(char **v, size_t n);

#endif
