#!/usr/bin/env bash
# tests/cli/57-two-processes.sh — two linchat processes on one account
# share one request budget (issue 17, item 3): a long-running `linchat
# watch` (as the TUI would be) and three loops of `linchat inbox` at once
# never go past the budget together, as the simulator counts requests.
. "$(dirname "$0")/lib.bash"
sim_start --seed 57 --conversations 6 --messages 2
login_demo
# A small budget: 2 requests at once, 2 a second.
cat >"$XDG_CONFIG_HOME/linchat/config" <<'CONF'
[http]
rate_per_sec = 2
burst = 2
rate_per_hour = 1000000
timeout = 10
CONF
sleep 1.2 # the login's requests refill

"$LINCHAT_BIN" watch >"$T/watch.out" 2>"$T/watch.err" </dev/null &
watch_pid=$!
loop() {
	local i
	for i in 1 2 3 4 5 6; do
		timeout 60 "$LINCHAT_BIN" inbox --limit 1 >/dev/null 2>>"$T/loop.err" </dev/null ||
		    echo "fail $?" >>"$T/loop.fail"
	done
}
loop & l1=$!
loop & l2=$!
loop & l3=$!
wait $l1 $l2 $l3
kill "$watch_pid" 2>/dev/null
wait "$watch_pid" 2>/dev/null

rate=$(state_compact | grep -o '"rate":{[^}]*}')
in1=$(echo "$rate" | grep -o '"max_in_1s":[0-9]*' | cut -d: -f2)
rc=0
check "every inbox call of the three loops succeeded" \
    test ! -e "$T/loop.fail"
# 2 + 2 a second, and one more for a request taken at the end of one
# second that reaches the simulator in the next; each process on its own
# budget makes 9 or more.
check "four processes together: at most 5 requests in any second (saw $in1)" \
    test "${in1:-99}" -le 5
check "the budget file is 0600" \
    test "$(stat -c %a "$XDG_STATE_HOME/linchat/budget")" = 600
echo "1..$tap_n"
