#!/usr/bin/env bash
# tests/cli/50-faults.sh — throttling and broken answers: the request
# budget kept across runs, 429 with Retry-After (one retry, no more), 999,
# malformed, truncated, empty.
. "$(dirname "$0")/lib.bash"
sim_start --seed 11
login_demo
fault() {
	sim_post /__sim/fault "$1" >/dev/null
}

# The budget spent carries over to the next linchat: a restart (or a
# script calling linchat in a loop) gets no fresh hour.
budget=$XDG_STATE_HOME/linchat/budget
lc inbox --limit 3
check "the budget spent is kept in a 0600 file" all 'rc_is 0' \
    '[ "$(stat -c %a "$budget")" = 600 ]' 'grep -q "^linchat-budget 1 " "$budget"'
before=$(requests_to total)
lc inbox --limit 3
per_run=$(($(requests_to total) - before))
printf '[http]\nrate_per_sec = 1000\nburst = 1000\nrate_per_hour = %d\n' \
    "$per_run" >"$T/tight.cfg"
rm -f "$budget"
lc --config "$T/tight.cfg" inbox --limit 3
check "with an hourly cap of one run, the first run goes through" all \
    'rc_is 0'
before=$(requests_to total)
lc --config "$T/tight.cfg" inbox --limit 3
check "the next run finds the hour spent and says so, sending nothing" all \
    'rc_is 3' 'err_has "request budget is used up"' \
    '[ "$(requests_to total)" -eq "$before" ]'
rm -f "$budget"

lc inbox --limit 3
before=$(requests_to conversations_search)
fault '{"next":1,"fault":"429","endpoint":"conversations_search"}'
lc inbox --limit 3
check "a 429 is retried after Retry-After, exactly once" all 'rc_is 0' \
    '[ "$(requests_to conversations_search)" -eq $((before + 2)) ]'

printf '[http]\nrate_per_sec = 1000\nburst = 1000\nretries = 1\n' \
    >"$T/one-retry.cfg"
fault '{"next":5,"fault":"999","endpoint":"conversations_search"}'
lc --config "$T/one-retry.cfg" inbox --limit 3
check "a persistent 999 is exit 3 with a sentence" all 'rc_is 3' \
    'err_has "rate limiting"'
fault '{"next":0}'

for kind in malformed truncated; do
	fault "{\"next\":10,\"fault\":\"$kind\",\"endpoint\":\"conversations_search\"}"
	lc --config "$T/one-retry.cfg" inbox --limit 3
	check "a $kind answer is exit 5 or 3 with a sentence" all \
	    '[ "$rc" -eq 5 ] || [ "$rc" -eq 3 ]' 'err_has "linchat: [A-Z]"' \
	    '[ ! -s "$T/out" ]'
	fault '{"next":0}'
done


fault '{"next":1,"fault":"empty","endpoint":"conversations_search"}'
lc inbox --limit 3
check "one empty 200 on a read is retried" all 'rc_is 0'

fault '{"next":1,"fault":"503","endpoint":"me"}'
lc whoami
check "one 503 on a read is retried" all 'rc_is 0' 'out_has demo-user'
