#!/usr/bin/env bash
# tests/cli/40-people.sh — profile, connect (and the 300-character limit),
# invitations, accept, ignore, search.
. "$(dirname "$0")/lib.bash"
sim_start --seed 7
login_demo

lc --json search engineer --limit 15
check "search --json has the seed's person fields" all 'rc_is 0' \
    'out_has "\"urn_id\""' 'out_has "\"name\""' 'out_has "\"jobtitle\""' \
    'out_has "\"location\""' 'out_has "\"distance\""' 'out_has "\"public_id\""' \
    '[ "$(count_in_out "\"urn_id\"")" -le 15 ]'
pid=$(json_field public_id)
lc --json search a --limit 25
check "search pages past the first 10 results" all 'rc_is 0' \
    '[ "$(count_in_out "\"urn_id\"")" -gt 10 ]'

lc search a --limit 3
check "search prints one aligned line per person" all 'rc_is 0' \
    '[ "$(wc -l <"$T/out")" -eq 3 ]'

lc profile "$pid"
check "profile by public id prints the person" all 'rc_is 0' \
    "out_has '$pid'"

lc --json profile "$pid"
check "profile --json has the get_profile_v2 fields" all 'rc_is 0' \
    'out_has "\"firstName\""' 'out_has "\"publicIdentifier\""' \
    'out_has "\"urn_id\": \"ACo"' 'out_has "\"member_urn\""' \
    'out_has "\"geoLocationName\""' 'out_has "\"industryName\""' \
    'out_has "\"img_100_100\""' 'out_has "\"versionTag\""'
uid=$(json_field urn_id)

lc profile "$uid"
check "profile by profile id works too" all 'rc_is 0' "out_has '$pid'"

lc profile no-such-person-anywhere
check "an unknown profile is exit 4" all 'rc_is 4'

note=$(printf 'x%.0s' $(seq 301))
before=$(state_compact | grep -o '"requests":{[^}]*}')
lc connect "$pid" --message "$note"
after=$(state_compact | grep -o '"requests":{[^}]*}')
check "a 301-character note is refused locally, nothing sent" all \
    'rc_is 1' 'err_has "301"' '[ "$before" = "$after" ]'

lc connect "$pid" --message "Hello, let us connect"
check "connect sends the request with the note" all 'rc_is 0' \
    '[ "$(state_count message "Hello, let us connect")" -eq 1 ]'

lc connect "$pid"
check "connecting twice is a clear conflict, exit 5" all 'rc_is 5'

lc --json invitations
check "invitations --json has id and sender" all 'rc_is 0' \
    'out_has "\"sharedSecret\""' 'out_has "\"fromMember\""' \
    'out_has "\"firstName\""'
ids=$(grep '"id"' "$T/out" | sed 's/.*: *"\([^"]*\)".*/\1/')
id1=$(sed -n 1p <<<"$ids")
id2=$(sed -n 2p <<<"$ids")

lc accept "$id1"
check "accept answers a received invitation" all 'rc_is 0' \
    '[ "$(requests_to invitation_accept)" -eq 1 ]'
lc ignore "$id2"
check "ignore answers another" all 'rc_is 0' \
    '[ "$(requests_to invitation_ignore)" -eq 1 ]'
lc accept 999999999
check "accepting an unknown invitation is exit 4" all 'rc_is 4'

lc invitations
check "invitations lists what is left" all 'rc_is 0' "! out_has '^$id1 '"
