#!/usr/bin/env bash
# tests/cli/50-faults.sh — throttling and broken answers: 429 with
# Retry-After (one retry, no more), 999, malformed, truncated, empty.
. "$(dirname "$0")/lib.bash"
sim_start --seed 11
login_demo
fault() {
	sim_post /__sim/fault "$1" >/dev/null
}

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
