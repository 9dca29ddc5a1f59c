#!/usr/bin/env bash
# tests/e2e/65-two-screens.sh — one screen per account (issue 17, item
# 3): the TUI's worker owns the store's outbox, so a second linchat
# screen on the same account refuses with a sentence naming the first;
# the first killed with SIGKILL while its send is on the wire leaves no
# stale lock, and the screen started after it does not send that
# message a second time.
. "$(dirname "$0")/lib.bash"

sim_start --seed 65 --conversations 5 --messages 3
login
start 100 30
wait_for "Focused · " 15

lockpid() {
	tr -dc 0-9 <"$XDG_DATA_HOME/linchat/linchat.db.lock"
}

t_second_refused() {
	local pid
	pid=$(lockpid)
	[ -n "$pid" ] && kill -0 "$pid" || return 1
	tm new-window -d -t "$PANE" -n second \
	    "env XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_STATE_HOME='$XDG_STATE_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' LINCHAT_BASE_URL='$LINCHAT_BASE_URL' '$LINCHAT_BIN' 2>'$E/second.err'; echo \$? >'$E/second.rc'; sleep 3600"
	wait_cmd 10 test -s "$E/second.rc" || return 1
	[ "$(cat "$E/second.rc")" -eq 1 ] || return 1
	grep -q "already open on this account (process $pid)" "$E/second.err"
}
check "a second screen on the account refuses, naming the first" \
    t_second_refused

t_kill_mid_send() {
	local text="e2e two screens, sent once" pid
	# the answer to the send trickles in over 0.8 s: time to kill
	sim_post /__sim/fault \
	    '{"next":1,"fault":"slow","endpoint":"create_message"}' >/dev/null
	keys r
	type_text "$text"
	keys Enter
	wait_cmd 10 eval '[ "$(sent_count "$text")" -eq 1 ]' || return 1
	pid=$(lockpid)
	kill -9 "$pid" || return 1
	wait_cmd 10 eval '! kill -0 '"$pid"' 2>/dev/null' || return 1
	start 100 30
	wait_for "Focused · " 15 || return 1
	keys Enter
	wait_for "$text" 15 || return 1
	sleep 2
	[ "$(sent_count "$text")" -eq 1 ] || return 1
	# shown once, not failed, and not brought back as a draft
	[ "$(screen | grep -cF "$text")" -eq 1 ] || return 1
	! screen | grep -q "failed\|\[draft\]" || return 1
	# and the second screen took the lock the killed one held
	[ "$(lockpid)" != "$pid" ]
}
check "killed mid-send: the next screen takes over and sends nothing twice" \
    t_kill_mid_send
echo "1..$tap_n"
