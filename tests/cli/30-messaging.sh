#!/usr/bin/env bash
# tests/cli/30-messaging.sh — inbox, thread, send (reply, stdin, new
# conversation, exactly once through a fault), read/unread, a long inbox.
. "$(dirname "$0")/lib.bash"
sim_start --seed 5
login_demo

lc inbox
check "inbox lists 20 conversations by default" all 'rc_is 0' \
    '[ "$(wc -l <"$T/out")" -eq 20 ]'

lc --json inbox --limit 5
check "inbox --json has the seed's conversation fields" all 'rc_is 0' \
    '[ "$(count_in_out "\"conversation_urn\"")" -eq 5 ]' \
    'out_has "\"thread_id\""' 'out_has "\"unread_count\""' \
    'out_has "\"last_activity_at\""' 'out_has "\"participants\""' \
    'out_has "\"firstName\""' 'out_has "\"profileUrl\""' \
    'out_has "\"last_message\""' 'out_has "\"sender_urn_id\""' \
    'out_has "\"is_from_me\""' 'out_has "\"delivered_at\""' \
    'out_has "\"group_chat\""' 'out_has "\"title\""'
tid=$(json_field thread_id)
conv=$(json_field conversation_urn)

lc --json inbox --limit 60
check "inbox --json names group chats by their title" all 'rc_is 0' \
    'out_has "\"group_chat\": true"' \
    '[ -n "$(grep -o "\"title\": \"[^\"]*\"" "$T/out" | head -n 1)" ]'

lc --json inbox --unread --limit 50
check "inbox --unread shows only unread conversations" all 'rc_is 0' \
    'out_has "\"read\": false"' 'out_lacks "\"read\": true"'

lc thread "$tid"
check "thread by thread id prints messages" all 'rc_is 0' \
    '[ -s "$T/out" ]'

lc --json thread "$conv" --limit 5
check "thread by URN --json has the message fields" all 'rc_is 0' \
    '[ "$(count_in_out "\"message_urn\"")" -eq 5 ]' \
    'out_has "\"sender_name\""' 'out_has "\"render_format\""' \
    'out_has "\"is_from_me\""' 'out_has "\"text\""'
sorted() {
	local d
	d=$(grep '"delivered_at"' "$T/out" | grep -o '[0-9]*')
	[ "$d" = "$(sort -n <<<"$d")" ]
}
check "thread prints oldest first" sorted

lc --json thread "$conv" --limit 45
check "thread --limit beyond a page fetches older messages" all 'rc_is 0' \
    '[ "$(count_in_out "\"message_urn\"")" -gt 20 ]' sorted

lc thread 'no such thread'
check "a bad conversation argument is a usage error" all 'rc_is 1'

lc send "$tid" "Hello from the CLI test"
check "send replies and prints the new message URN" all 'rc_is 0' \
    'out_has "urn:li:msg_message:"' \
    '[ "$(state_count text "Hello from the CLI test")" -eq 1 ]'

lc_in $'first line\nsecond line\n' send "$tid" -
check "send - reads the text from stdin, line breaks kept" all 'rc_is 0' \
    '[ "$(state_count text "first line\\nsecond line")" -eq 1 ]'

lc send "$tid" ""
check "an empty message is refused before sending" all 'rc_is 1'

lc --json search a --limit 3
pid=$(json_field public_id)
lc --json send --to "$pid" "A new conversation from the CLI"
check "send --to starts a conversation with a person" all 'rc_is 0' \
    'out_has "\"message_urn\""' 'out_has "\"conversation_urn\""' \
    '[ "$(state_count text "A new conversation from the CLI")" -eq 1 ]'

lc read "$tid"
check "read marks the conversation read" all 'rc_is 0' \
    "state_compact | grep -q -F '\"$conv\":true'"
lc unread "$conv"
check "unread marks it unread again" all 'rc_is 0' \
    "state_compact | grep -q -F '\"$conv\":false'"

# A reply whose first attempt is stored but answered with an error must
# appear once: the client looks for its originToken before resending.
for fault in 500 reset; do
	sim_post /__sim/fault "{\"next\":1,\"fault\":\"$fault\",\"endpoint\":\"create_message\"}" >/dev/null
	reads=$(requests_to messages)
	lc send "$tid" "Exactly once after a $fault"
	check "a reply hit by a $fault is sent exactly once" all 'rc_is 0' \
	    "[ \"\$(state_count text 'Exactly once after a $fault')\" -eq 1 ]" \
	    "state_compact | grep -o '\"injected\":{[^}]*}' | grep -q '\"$fault\":1'" \
	    '[ "$(requests_to messages)" -gt "$reads" ]'
done

sim_start --seed 9 --conversations 250 --messages 2
login_demo
# The inbox is the PRIMARY_INBOX category, as in the seed library; the
# simulator files the rest of the 250 under other categories.
primary=$(state_compact | grep -o '"PRIMARY_INBOX":[0-9]*' | head -n 1 |
    cut -d: -f2)
lc --json inbox --limit 1000
check "a 250-conversation inbox is paged to the end" all 'rc_is 0' \
    '[ "$primary" -gt 175 ]' \
    '[ "$(count_in_out "\"conversation_urn\"")" -eq "$primary" ]' \
    '[ "$(requests_to conversations_search)" -ge 8 ]'
check "no conversation is listed twice" \
    bash -c "[ \"\$(grep '\"conversation_urn\"' '$T/out' | sort -u | wc -l)\" -eq $primary ]"
