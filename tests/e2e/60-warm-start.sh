#!/usr/bin/env bash
# tests/e2e/60-warm-start.sh — starting again from the local store: the
# inbox and an opened thread's messages come from the cache, even with the
# service gone (store_load() reads no thread; opening one reads it), and
# --timing FILE records the first frame.
. "$(dirname "$0")/lib.bash"

sim_start --seed 0
login
grace=$(conv_urn 1)	# the newest conversation is Grace Hopper's
if [ -z "$grace" ]; then
	echo "Bail out! linchat --json inbox gave no conversations"
	exit 1
fi
start 100 30

# The pane's text right of the inbox's border: the thread.
thread_side() {
	screen | sed -n 's/^[^│]*│//p'
}

t_first_run() {
	wait_for "Grace Hopper" || return 1
	incoming "$grace" "e2e an older line kept"
	incoming "$grace" "e2e the newest line"
	keys g Enter
	wait_cmd 10 eval 'thread_side | grep -q "e2e the newest line"' ||
	    return 1
	thread_side | grep -q "e2e an older line kept" || return 1
	quit_linchat
}
check "a first run opens a thread, whose messages the store keeps" t_first_run

t_offline() {
	sim_stop
	start 100 30 --timing "$E/timing"
	wait_for "Grace Hopper" || return 1
	# the inbox row previews the newest line, the thread is not open yet
	thread_side | grep -q "e2e an older line kept" && return 1
	keys g Enter
	wait_cmd 10 eval 'thread_side | grep -q "e2e an older line kept"' ||
	    return 1
	thread_side | grep -q "e2e the newest line"
}
check "restarted with the service gone, an opened thread shows what the store kept" t_offline

t_timing() {
	wait_cmd 5 grep -q '^first_frame_ms [0-9]' "$E/timing" || return 1
	grep -q '^main_to_frame_ms [0-9]' "$E/timing" || return 1
	quit_linchat || return 1
	[ "$(cat "$E/exit")" = 0 ]
}
check "--timing FILE records the first frame, and q still quits cleanly" t_timing

t_timing_misuse() {
	local rc=0
	"$LINCHAT_BIN" --timing "$E/t2" inbox >/dev/null 2>"$E/usage.err" ||
	    rc=$?
	[ "$rc" = 1 ] && grep -q "terminal interface" "$E/usage.err" ||
	    return 1
	start 100 30 --timing "$E/no/such/dir/timing"
	wait_cmd 10 test -s "$E/exit" || return 1
	[ "$(cat "$E/exit")" = 1 ] &&
	    grep -q "Cannot write the timing file" "$E/linchat.err"
}
check "--timing with a command, or a file it cannot write, is refused before the screen" t_timing_misuse

[ "$tap_failed" -eq 0 ]
