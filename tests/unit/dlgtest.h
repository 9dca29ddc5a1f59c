/* dlgtest.h — the fixture of tests/unit/test-dialogs.c: a model with
 * three conversations, a TUI on a curses screen, and fake actions that
 * record what they were asked (the counters and last_* below) and change
 * the model as the worker's pushes do.  For Criterion tests only:
 * TestSuite(dialogs, .init = dlgt_up, .fini = dlgt_down).
 */
#ifndef LC_DLGTEST_H
#define LC_DLGTEST_H

#include "core/model.h"
#include "core/store.h"
#include "tests/unit/tuitest.h"
#include "tui/tui-int.h"

#define NOW TUITEST_NOW
#define ME TUITEST_ME
#define ALICE "urn:li:fsd_profile:A"
#define BOB "urn:li:fsd_profile:B"
#define CAROL "urn:li:fsd_profile:C"
#define DANA "urn:li:fsd_profile:D"
#define C1 "urn:li:msg_conversation:1"
#define C2 "urn:li:msg_conversation:2"
#define C3 "urn:li:msg_conversation:3"

extern struct model *m;
extern struct tui *t;
/* calls of each fake action, and the arguments of the last one */
extern int sends, profiles, connects, invites, replies, news, reacts, edits,
    recalls, searches;
extern char last_query[128];
extern char last_who[128], last_note[1024], last_urn[128], last_text[256],
    last_tok[64], last_emoji[16];
extern int last_accept, last_on;
/* When set, send_new does what the worker does before it returns: the
 * outbox row and the placeholder conversation (first_refuse: it fails). */
extern struct store *first_st;
extern int first_refuse;

/* Builds and frees the model, the screen and the TUI. */
void dlgt_up(void);
void dlgt_down(void);
/* What the worker does when the lookup of who found urn: the profile and
 * the result under the dialog's ticket; then a repaint. */
void profile_arrives(const char *who, const char *urn, const char *public_id,
                     const char *first, const char *last);
/* The result of the request "kind:arg" (key), filed under its ticket. */
void result_arrives(const char *key, int code, const char *text);

#endif
