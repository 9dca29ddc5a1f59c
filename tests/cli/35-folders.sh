#!/usr/bin/env bash
# tests/cli/35-folders.sh — the whole mailbox (issue 13): inbox --folder
# (each folder to its end, all merged), folders (the counts), inbox
# --search over every folder, the triage commands (one request for a
# batch, the simulator's state changed once) and delete (asks first).
. "$(dirname "$0")/lib.bash"
sim_start --seed 13 --conversations 130 --messages 2
login_demo

# folder_state CAT FIELD: /__sim/state's folders.CAT.FIELD.
folder_state() {
	state_compact | grep -o "\"folders\":{.*" |
	    grep -o "\"$1\":{\"total\":[0-9]*,\"unread\":[0-9]*}" |
	    grep -o "\"$2\":[0-9]*" | cut -d: -f2
}
rows() { count_in_out '"conversation_urn"'; }

sum=0
for f in focused:PRIMARY_INBOX other:SECONDARY_INBOX \
    requests:MESSAGE_REQUESTS inmail:INMAIL archive:ARCHIVE spam:SPAM \
    starred:STARRED; do
	name=${f%%:*} cat=${f#*:}
	total=$(folder_state "$cat" total)
	lc --json inbox --folder "$name"
	check "inbox --folder $name lists all $total of its conversations" \
	    all 'rc_is 0' '[ "$total" -gt 0 ]' '[ "$(rows)" -eq "$total" ]' \
	    "[ \"\$(count_in_out '\"folder\"')\" -eq $total ]"
	[ "$name" = starred ] || sum=$((sum + total))
done
check "the six folders hold every conversation" \
    [ "$sum" -eq 130 ]

lc --json inbox --folder all
check "inbox --folder all merges every folder once" all 'rc_is 0' \
    '[ "$(rows)" -eq 130 ]' \
    '[ "$(grep "\"conversation_urn\"" "$T/out" | sort -u | wc -l)" -eq 130 ]' \
    'out_has "\"folder\": \"spam\""' 'out_has "\"folder\": \"inmail\""'
newest_first() {
	local d
	d=$(grep '"last_activity_at"' "$T/out" | grep -o '[0-9]*')
	[ "$d" = "$(sort -rn <<<"$d")" ]
}
check "inbox --folder all is newest first" newest_first

lc inbox --folder all --limit 7
check "inbox --folder all --limit shows N rows with their folder" \
    all 'rc_is 0' '[ "$(wc -l <"$T/out")" -eq 7 ]' \
    'grep -q -E "  (Focused|Other|Requests|InMail|Archive|Spam)  " "$T/out"'

lc inbox --folder archive --unread --limit 100
check "inbox --folder --unread shows only unread rows" all 'rc_is 0' \
    "[ \"\$(grep -c '^\\* ' \"\$T/out\")\" -eq $(folder_state ARCHIVE unread) ]" \
    "[ \"\$(wc -l <\"\$T/out\")\" -eq $(folder_state ARCHIVE unread) ]"

lc inbox --folder nowhere
check "an unknown folder is a usage error naming the folders" all \
    'rc_is 1' 'err_has "focused, other, requests"'

before=$(requests_to mailbox_counts)
lc --json folders
check "folders --json gives every folder's unread count in one request" \
    all 'rc_is 0' '[ "$(requests_to mailbox_counts)" -eq $((before + 1)) ]' \
    '[ "$(count_in_out "\"folder\"")" -eq 7 ]' \
    "out_has '\"unread\": $(folder_state PRIMARY_INBOX unread)'" \
    'out_has "\"category\": \"MESSAGE_REQUESTS\""'
lc folders
check "folders prints the labels and counts" all 'rc_is 0' \
    'out_has "^Focused"' 'out_has "^Requests"' 'out_has "^Starred"' \
    "grep -q \"^Spam  *$(folder_state SPAM unread) unread\" \"\$T/out\""

lc --json inbox --search grace
n_all=$(rows)
check "inbox --search finds conversations in every folder" all \
    'rc_is 0' '[ "$n_all" -ge 1 ]' \
    "state | grep -q 'categories:List(PRIMARY_INBOX,SECONDARY_INBOX,MESSAGE_REQUESTS,INMAIL,ARCHIVE,SPAM)'"
lc --json inbox --search grace --first-degree
check "--first-degree narrows the search" all 'rc_is 0' \
    '[ "$(rows)" -le "$n_all" ]' \
    "state | grep -q 'firstDegreeConnections:true'"
lc inbox --search "$(printf 'a\001\033[31m%.0s' $(seq 400))"
check "a search of 1 000+ bytes with control characters is refused" \
    all 'rc_is 1' 'err_has "at most"'
lc inbox --search "$(printf 'zz\001\033q')"
check "control characters in search words are harmless" all 'rc_is 0' \
    'out_has "No conversation matches."'

# Triage: two conversations of Focused, one request each time.
lc --json inbox --folder focused --limit 2
c1=$(grep -m1 '"thread_id"' "$T/out" | sed 's/.*: "\(.*\)",*/\1/')
c2=$(grep '"thread_id"' "$T/out" | sed -n 2p | sed 's/.*: "\(.*\)",*/\1/')
arch=$(folder_state ARCHIVE total)
focus=$(folder_state PRIMARY_INBOX total)
lc archive "$c1" "$c2"
check "archive moves a batch in one request" all 'rc_is 0' \
    '[ "$(requests_to add_category)" -eq 1 ]' \
    "[ \"\$(folder_state ARCHIVE total)\" -eq $((arch + 2)) ]" \
    "[ \"\$(folder_state PRIMARY_INBOX total)\" -eq $((focus - 2)) ]" \
    '[ "$(count_in_out "Archived: urn:li:msg_conversation:")" -eq 2 ]'
lc --json inbox --folder archive
check "archived conversations show in Archive" all 'rc_is 0' \
    "out_has '$c1'" "out_has '$c2'"
lc --json unarchive "$c1"
check "unarchive takes one back (removeCategory)" all 'rc_is 0' \
    '[ "$(requests_to remove_category)" -eq 1 ]' \
    'out_has "\"action\": \"unarchive\""' 'out_has "\"added\": false"' \
    "[ \"\$(folder_state ARCHIVE total)\" -eq $((arch + 1)) ]"
star=$(folder_state STARRED total)
lc star "$c1"
lc star "$c1"
check "star twice changes the state once" all 'rc_is 0' \
    "[ \"\$(folder_state STARRED total)\" -eq $((star + 1)) ]" \
    '[ "$(state_compact | grep -o "\"category_changes\":[0-9]*" | cut -d: -f2)" -eq 4 ]'
lc unstar "$c1"
check "unstar" all 'rc_is 0' \
    "[ \"\$(folder_state STARRED total)\" -eq $star ]"
other=$(folder_state SECONDARY_INBOX total)
lc move-other "$c1"
check "move-other moves to Other" all 'rc_is 0' \
    "[ \"\$(folder_state SECONDARY_INBOX total)\" -eq $((other + 1)) ]"
lc move-focused "$c1"
check "move-focused moves back" all 'rc_is 0' \
    "[ \"\$(folder_state SECONDARY_INBOX total)\" -eq $other ]"
spam=$(folder_state SPAM total)
lc spam "$c1"
check "spam reports it" all 'rc_is 0' \
    "[ \"\$(folder_state SPAM total)\" -eq $((spam + 1)) ]"
lc not-spam "$c1"
check "not-spam takes it back" all 'rc_is 0' \
    "[ \"\$(folder_state SPAM total)\" -eq $spam ]"
n=$(requests_to add_category)
lc archive "$c1" 'not a thread'
check "a bad CONV in a batch sends nothing" all 'rc_is 1' \
    "[ \"\$(requests_to add_category)\" -eq $n ]"
lc archive
check "archive without CONV is a usage error" rc_is 1

live=$(state_compact | grep -o '"conversations":{"total":[0-9]*' |
    grep -o '[0-9]*$')
lc delete "$c2"
check "delete off a terminal without --yes refuses" all 'rc_is 1' \
    'err_has "--yes"' '[ "$(requests_to delete_conversation)" -eq 0 ]'
if command -v script >/dev/null; then
	echo n | script -qec "$LINCHAT_BIN delete $c2" /dev/null >"$T/out" 2>&1
	check "delete on a terminal asks; no keeps it" all \
	    'out_has "for good?"' 'out_has "Nothing was deleted."' \
	    '[ "$(requests_to delete_conversation)" -eq 0 ]'
fi
lc --json delete "$c2" --yes
check "delete --yes deletes it" all 'rc_is 0' \
    'out_has "\"deleted\": true"' \
    "state_compact | grep -q '\"conversations\":{\"total\":$((live - 1))'"
lc delete "$c2" --yes
check "deleting it again is not found" rc_is 4

# A reply accepts a message request: it moves to Focused.
lc --json inbox --folder requests --limit 1
rq=$(json_field thread_id)
reqs=$(folder_state MESSAGE_REQUESTS total)
lc send "$rq" "Happy to talk"
check "a reply moves a message request to Focused" all 'rc_is 0' \
    "[ \"\$(folder_state MESSAGE_REQUESTS total)\" -eq $((reqs - 1)) ]"

echo "1..$tap_n"
