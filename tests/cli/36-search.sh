#!/usr/bin/env bash
# tests/cli/36-search.sh — `linchat search-messages`: the local full-text
# search over the stored messages, with no request; any words are a query.
. "$(dirname "$0")/lib.bash"
DB=$XDG_DATA_HOME/linchat/linchat.db

lc search-messages invoice
check "an empty store has no hits, and the search needs no session" all \
    'rc_is 0' 'out_has "No stored message matches."' '[ -f "$DB" ]'

lc search-messages
check "no words is a usage error" all 'rc_is 1' 'err_has "for what"'

# Fill the store with what the real program reads from the simulator:
# a few conversations' messages, saved as the store saves them.
sim_start --seed 13
login_demo
lc --json inbox --limit 5
tids=$(jq -r '.[].thread_id' "$T/out")
: >"$T/fill.sql"
for tid in $tids; do
	lc --json thread "$tid" --limit 20
	conv=$(jq -r '.[0].conversation_urn // empty' "$T/out")
	[ -n "$conv" ] || conv="urn:li:msg_conversation:$tid"
	jq -r --arg c "$conv" '.[] | "INSERT OR IGNORE INTO messages(conv_urn,
	    urn, sender, text, time_ms, state) VALUES (" + ($c | @sh) + ", " +
	    (.message_urn | @sh) + ", " + ((.sender_urn_id // "") | @sh) +
	    ", " + ((.text // "") | @sh) + ", " + (.delivered_at | tostring) +
	    ", 0);"' "$T/out" | sed "s/'\\\\''/''/g" >>"$T/fill.sql"
done
sim_stop
sqlite3 "$DB" <"$T/fill.sql"
stored=$(sqlite3 "$DB" "SELECT count(*) FROM messages")
# a word of the newest stored message, and that message
read -r want word <<<"$(sqlite3 "$DB" "SELECT urn, text FROM messages WHERE
    text GLOB '*[A-Za-z][A-Za-z][A-Za-z][A-Za-z][A-Za-z]*' ORDER BY time_ms
    DESC LIMIT 1" | tr -c 'A-Za-z0-9:_|(),=\n-' ' ' |
    awk -F'|' '{ n = split($2, w, " "); best = ""; for (i = 1; i <= n; i++)
    if (length(w[i]) > length(best)) best = w[i]; print $1, best }')"
lc --json search-messages "$word" --limit 1000
check "a word of a synced message finds it (simulator off: no request)" \
    all 'rc_is 0' '[ "$stored" -gt 0 ]' '[ -n "$word" ]' \
    'jq -e --arg u "$want" "map(.message_urn) | index(\$u) != null" \
    "$T/out" >/dev/null'

C='urn:li:msg_conversation:(urn:li:fsd_profile:ME,2-fts==)'
sqlite3 "$DB" "INSERT INTO conversations(urn, title) VALUES ('$C',
    'Billing');
INSERT INTO participants VALUES ('$C', 0, 'urn:li:fsd_profile:ANN',
    'Ann Lee');
INSERT INTO messages(conv_urn, urn, sender, text, time_ms, state) VALUES
 ('$C', 'm:i1', 'urn:li:fsd_profile:ANN', 'first invoice', 1000, 0),
 ('$C', 'm:i2', 'urn:li:fsd_profile:ANN',
  'the '||char(27)||'[2J'||char(27)||']0;pwned'||char(7)||' invoices', 3000, 0),
 ('$C', 'm:i3', 'urn:li:fsd_profile:ANN', 'recalled invoice', 4000, 4),
 ('$C', 'm:i4', 'urn:li:fsd_profile:ANN', 'Invoice paid', 2000, 0);"
lc search-messages invoice --limit 2
check "text rows: conversation · sender · date · snippet, newest first" all \
    'rc_is 0' '[ "$(wc -l <"$T/out")" = 2 ]' \
    'head -n 1 "$T/out" | grep -q "Billing.*·.*Ann Lee.*·.*invoices"' \
    'tail -n 1 "$T/out" | grep -q "Invoice paid"'
check "hostile text is sanitised and a pipe gets no bold" all \
    '! LC_ALL=C grep -q -P "[\x00-\x08\x0b-\x1f\x7f]" "$T/out"'
lc --json search-messages invoice
check "--json hits: urns, sender, time, snippet and marks; recalled gone" \
    all 'rc_is 0' '[ "$(jq length "$T/out")" = 3 ]' \
    'jq -e ".[0].message_urn == \"m:i2\" and .[0].sender == \"Ann Lee\" and
    .[0].conversation_urn != null and .[0].time == 3000" "$T/out" >/dev/null' \
    'jq -e ".[2].snippet[.[2].marks[0][0]:.[2].marks[0][1]] == \"invoice\"" \
    "$T/out" >/dev/null' '! grep -q "m:i3" "$T/out"'

lc search-messages '"unbalanced' 'NEAR(' 'AND' '*'
check "FTS syntax in the words is no error" all 'rc_is 0' \
    'out_has "No stored message matches."'
lc search-messages "$(printf 'a%.0s' $(seq 10000))" "$(printf '\001\033[1m')"
check "a 10 000-character word and controls are handled" all 'rc_is 0'
lc search-messages '"invoice'
check "a quote before a word still finds it" all 'rc_is 0' \
    '[ "$(wc -l <"$T/out")" = 3 ]'

# inbox --search: LinkedIn's conversations, then the stored messages.
sim_start --seed 13
login_demo
lc --json inbox --search invoice
check "inbox --search --json: the service's conversations and the stored hits" \
    all 'rc_is 0' 'jq -e ".conversations | type == \"array\"" "$T/out"' \
    'jq -e ".stored_messages | length >= 1" "$T/out"'
lc inbox --search invoice
check "inbox --search lists the stored messages that match after the rows" \
    all 'rc_is 0' 'out_has "Stored messages that match:"'
sim_stop

echo "1..$tap_n"
