/* cli-json.h — command results as the seed library's JSON shapes.
 *
 * Each builder returns a new json-c object (the caller prints it with
 * cli_json_print() or releases it with json_object_put()).  Text that came
 * from the network is sanitised (line breaks kept), so the document is
 * valid UTF-8 and holds no terminal escapes.  Field names: docs/cli.md.
 */
#ifndef LC_CLI_JSON_H
#define LC_CLI_JSON_H

struct json_object;
struct voyager_me;
struct voyager_conversation;
struct voyager_message;
struct voyager_profile;
struct voyager_invitation;
struct voyager_person;
struct voyager_rt_event;

struct json_object *cli_json_me(const struct voyager_me *me);
/* Conversation; participants leave out the user (is_self). */
struct json_object *cli_json_conversation(const struct voyager_conversation *c);
struct json_object *cli_json_message(const struct voyager_message *m);
/* The answer of send: message_urn, conversation_urn, thread_id,
 * origin_token, delivered_at. */
struct json_object *cli_json_sent(const struct voyager_message *m);
struct json_object *cli_json_profile(const struct voyager_profile *p);
struct json_object *cli_json_invitation(const struct voyager_invitation *i);
struct json_object *cli_json_person(const struct voyager_person *p);
/* One realtime event as `linchat watch --json` prints it ("event":
 * message, read, deleted, seen, typing, reaction; docs/cli.md), or NULL
 * for an event watch does not show (unknown topics). */
struct json_object *cli_json_event(const struct voyager_rt_event *ev);

#endif
