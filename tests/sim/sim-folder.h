/* sim-folder.h — the mailbox's folders in the simulator (API.md §6a):
 * addCategory / removeCategory, the ?ids= form of delete conversation,
 * and the folder view of the state that the category reads, the mailbox
 * counts and /__sim/state share.
 *
 * The folders and the category rule are core/folder.h's (folder_of(),
 * folder_holds(), folder_apply()); sim CAT_* bits and MODEL_CAT_* bits
 * are converted by category name, so the two tables can differ.  World
 * lock held everywhere.
 */
#ifndef SIM_FOLDER_H
#define SIM_FOLDER_H

#include <json-c/json.h>

#include "tests/sim/sim-route.h"
#include "tests/sim/sim-state.h"

/* CAT_* bits to MODEL_CAT_* bits and back (by category name). */
unsigned sim_folder_to_model(unsigned cats);
unsigned sim_folder_from_model(unsigned model_cats);

/* 1 if a conversation with these CAT_* bits is listed by a category read
 * of the CAT_* bit bit: by folder (core/folder.h precedence) for the
 * categories that name a folder, else by the bit itself (INBOX). */
int sim_folder_lists(unsigned cats, unsigned bit);

/* A reply of the user into a message request accepts it: the
 * conversation moves to PRIMARY_INBOX (docs/voyager-notes.md, "Folders";
 * inferred).  Sends the conversationsTopic event when it moved. */
void sim_folder_replied(struct sim_world *w, struct sim_conv *c);

/* The "folders" object of /__sim/state: per folder category
 * {"total":N,"unread":M} of the live conversations it lists. */
struct json_object *sim_folder_state_json(struct sim_world *w);

/* The unread conversations a category read of bit would list. */
long sim_folder_unread(struct sim_world *w, unsigned bit);

/* POST ...Conversations?action=addCategory / removeCategory, and
 * DELETE ...Conversations?ids=List(<enc urn>,...). */
void sim_folder_add(struct sim_req *r);
void sim_folder_remove(struct sim_req *r);
void sim_folder_delete_ids(struct sim_req *r);

#endif
