#!/usr/bin/env bash
# tests/e2e/70-live.sh — the realtime stream in the terminal UI and in
# `linchat watch`, with the default [sync] settings (polling every 15 s
# while active, 300 s idle), so what shows within a second or two came
# through the stream: a message injected with /__sim/incoming reaches the
# inbox and the open thread without a key, "is typing…" comes and goes,
# "Seen by", the status bar's live / reconnecting / polling, the
# notifications (OSC 777 in tmux's passthrough) only where they belong and
# a title that never carries network text, and `watch --json`.  The tests
# run in order on one linchat; each leaves it as the next one expects.
. "$(dirname "$0")/lib.bash"

sim_start --seed 0
login
grace=$(conv_urn 1)	# the newest conversation is Grace Hopper's
other1=$(conv_urn 2)
other2=$(conv_urn 3)
if [ -z "$grace" ] || [ -z "$other1" ] || [ -z "$other2" ]; then
	echo "Bail out! linchat --json inbox gave no conversations"
	exit 1
fi

# lib.bash's brisk budget, but the default polling intervals, and desktop
# notifications as OSC escapes.
cat >"$XDG_CONFIG_HOME/linchat/config" <<'CONF'
[http]
rate_per_sec = 1000
burst = 1000
rate_per_hour = 1000000
timeout = 10
[ui]
notify = osc
CONF

start 100 30
# The session's only pane, by id: once a second window is current, the
# session's name would mean that window's pane.
PANE=$(tm display -p -t "$PANE" '#{pane_id}')
tm set-option -g focus-events on >/dev/null
# (in this order: tmux 3.3a's server dies making a window under
# window-size manual with no client attached)
tm new-window -d -t e2e: 'exec sleep 3600'
tm set-option -g window-size manual >/dev/null
# Everything linchat writes to its terminal, from here on.
tm pipe-pane -o -t "$PANE" "cat >>'$E/pane.out'"
# tmux tells a pane about focus only while a client shows it: attach one
# on a terminal of its own (script's pty), its input a FIFO that this
# shell holds open and never writes, so it never sees an end of file.
mkfifo "$E/client.in"
exec 3<>"$E/client.in"
TERM=xterm-256color script -q -c \
    "tmux -L $E2E_SOCK -f /dev/null attach -t e2e:0" /dev/null \
    <"$E/client.in" >/dev/null 2>&1 &

# The pane's text right of the inbox's border: the thread.
thread_side() {
	screen | sed -n 's/^[^│]*│//p'
}

# The inbox's side of the pane.
inbox_side() {
	screen | sed 's/│.*//'
}

# The status bar.
status_row() {
	row 29
}

# reads: the list and thread reads the service has answered (what a poll
# would use), summed.
reads() {
	sim_state | grep -o -E '"(conversations|conversations_sync|conversations_category|messages|messages_older|mailbox_counts)":[0-9]+' |
	    awk -F: '{ n += $2 } END { print n + 0 }'
}

# notes: how many desktop notifications linchat has written.
notes() {
	LC_ALL=C grep -a -o -F ']777;notify;linchat;' "$E/pane.out" 2>/dev/null |
	    wc -l
}

# The notifications' bodies, one a line (the tmux-wrapped OSC 777).
bodies() {
	LC_ALL=C grep -a -o -P '\]777;notify;linchat;[^\x1b]*' "$E/pane.out" |
	    sed 's/^\]777;notify;linchat;//'
}

# shown_within MS TEXT WHERE: injects nothing, waits (up to 10 s) for
# TEXT in the output of WHERE and fails if it took MS or more since
# $t0 (now_ms before the injection).
shown_within() {
	local ms=$1 text=$2 where=$3 took
	wait_cmd 10 eval "$where | grep -qF -- '$text'" || return 1
	took=$(($(now_ms) - t0))
	echo "# shown after $took ms"
	[ "$took" -lt "$ms" ] || { echo "# too slow: $took ms"; return 1; }
}

t_live() {
	wait_for "Grace Hopper" || return 1
	wait_cmd 10 eval 'status_row | grep -q "live"' || return 1
	# the client is attached and linchat's pane has focus
	wait_cmd 10 eval '[ "$(tm display -p -t "$PANE" "#{pane_active}#{window_active}#{session_attached}")" = 111 ]'
}
check "the status bar says live once the stream is open" t_live

# reads_settled: until no list or thread read comes for 1 s (the
# background reads of every folder after the start are done), up to 20 s.
reads_settled() {
	local a b i
	for i in $(seq 20); do
		a=$(reads)
		sleep 1
		b=$(reads)
		[ "$a" -eq "$b" ] && return 0
	done
	echo "# reads never settled"
	return 1
}

t_inbox_push() {
	local r0
	reads_settled || return 1
	r0=$(reads)
	t0=$(now_ms)
	incoming "$other2" "L1 pushed to the inbox"
	shown_within 1500 "L1 p" inbox_side || return 1
	# on top of the inbox (under the folder bar), and no list or thread was read for it
	row 2 | grep -qF "L1 p" || return 1
	[ "$(reads)" -eq "$r0" ] || { echo "# read $r0 then $(reads)"; return 1; }
}
check "a message injected with the inbox open shows within 1.5 s, read from no list" t_inbox_push

t_thread_push() {
	local r0 base
	keys g j Enter
	wait_cmd 10 eval 'row 0 | grep -q "│Grace Hopper"' || return 1
	wait_cmd 10 eval 'thread_side | grep -q "── "' || return 1
	base=$(notes)
	r0=$(reads)
	t0=$(now_ms)
	incoming "$grace" "L2 pushed into the thread"
	shown_within 1500 "L2 pushed into the thread" thread_side || return 1
	# the inbox row's preview too
	wait_cmd 2 eval 'inbox_side | grep -qF "L2 p"' || return 1
	[ "$(reads)" -eq "$r0" ] || { echo "# read $r0 then $(reads)"; return 1; }
	# focused, and the message is for the open conversation: no
	# notification (another message, for another conversation, then shows
	# that the notifier had its chance)
	incoming "$other1" "e2e fence for the notifier"
	wait_cmd 5 eval '[ "$(notes)" -eq $((base + 1)) ]' || return 1
	# one notification, and it is the fence's
	bodies | tail -n 1 | grep -q -F ": e2e fence for the notifier"
}
check "a message for the open thread shows in it within 1.5 s, with no notification while focused" t_thread_push

t_typing() {
	local start
	t0=$(now_ms)
	sim_post /__sim/typing "{\"conversation_urn\":\"$grace\"}" >/dev/null
	shown_within 1500 "Grace is typing…" 'row 0' || return 1
	# her message ends it
	incoming "$grace" "L5 done typing"
	wait_cmd 5 eval 'thread_side | grep -qF "L5 done typing"' || return 1
	start=$(now_ms)
	wait_cmd 5 eval '! row 0 | grep -qF "is typing"' || return 1
	# with the message, not ten seconds later
	[ $(($(now_ms) - start)) -lt 2000 ]
}
check "\"is typing…\" shows in the thread's title row and goes when her message arrives" t_typing

t_seen() {
	local at hhmm line
	keys r
	type_text "L6 my reply to be seen"
	keys Enter
	wait_cmd 10 eval '[ "$(sent_count "L6 my reply to be seen")" -eq 1 ]' ||
	    return 1
	wait_cmd 10 eval 'thread_side | grep -qF "L6 my reply to be seen"' ||
	    return 1
	thread_side | grep -q "Seen by" && { echo "# seen too early"; return 1; }
	t0=$(now_ms)
	at=$(sim_post /__sim/seen "{\"conversation_urn\":\"$grace\"}" |
	    sed -n 's/.*"seen_at":\([0-9]*\).*/\1/p')
	[ -n "$at" ] || { echo "# /__sim/seen failed"; return 1; }
	hhmm=$(date -d "@$((at / 1000))" +%H:%M)
	shown_within 1500 "Seen by Grace · $hhmm" thread_side || return 1
	# right under the reply (its own line, or the reply's wrapped rest)
	line=$(thread_side | grep -n -F "L6 my reply to be seen" | cut -d: -f1)
	thread_side | sed -n "$((line + 1)),$((line + 2))p" |
	    grep -qF "Seen by Grace · $hhmm"
}
check "\"Seen by Grace · HH:MM\" shows under the reply once /__sim/seen marks it read" t_seen

t_unfocused() {
	local base i c pids
	base=$(notes)
	tm select-window -t e2e:1
	wait_cmd 5 eval '[ "$(tm display -p -t "$PANE" "#{window_active}")" = 0 ]' ||
	    return 1
	# the open conversation's message notifies now: the pane has no focus
	incoming "$grace" "L7 while you are away"
	wait_cmd 5 eval '[ "$(notes)" -eq $((base + 1)) ]' || return 1
	bodies | tail -n 1 | grep -q -x -F "Grace Hopper: L7 while you are away" ||
	    { bodies | tail -n 1 | sed 's/^/# body: /'; return 1; }
	# one for another conversation, once
	incoming "$other1" "L8 for another conversation"
	wait_cmd 5 eval '[ "$(notes)" -eq $((base + 2)) ]' || return 1
	bodies | tail -n 1 | grep -q -F ": L8 for another conversation" ||
	    return 1
	# a burst, still within a second of that one: one summary
	pids=()
	for i in 1 2 3 4 5; do
		case $((i % 3)) in
		0) c=$grace ;;
		1) c=$other1 ;;
		*) c=$other2 ;;
		esac
		incoming "$c" "L9 burst $i" &
		pids+=($!)
	done
	wait "${pids[@]}"
	wait_cmd 5 eval '[ "$(notes)" -eq $((base + 3)) ]' || return 1
	bodies | tail -n 1 | grep -q -x -F "5 new messages in 3 conversations" ||
	    { bodies | tail -n 1 | sed 's/^/# body: /'; return 1; }
	# and nothing after it (the notifier's gap is a second: whatever it
	# still held would be out by now)
	sleep 1.5
	[ "$(notes)" -eq $((base + 3)) ] || { echo "# $(notes) notifications"; return 1; }
	tm select-window -t e2e:0
}
check "unfocused, one notification per message, once, and one summary for a burst" t_unfocused

t_title() {
	local t
	t=$(tm display -p -t "$PANE" '#{pane_title}')
	echo "$t" | grep -q -x -E 'linchat \([0-9]+\)' ||
	    { echo "# the title is: $t"; return 1; }
	# every title linchat wrote since it started (OSC 0 and 2)
	LC_ALL=C grep -a -o -P '\x1b\][02];[^\x07\x1b]*' "$E/pane.out" |
	    sed 's/^.\][02];//' | sort -u >"$E/titles"
	[ -s "$E/titles" ] || { echo "# no title written"; return 1; }
	if grep -v -x -E 'linchat|linchat \([0-9]+\)' "$E/titles"; then
		echo "# a title with more than linchat's name and count"
		return 1
	fi
}
check "the title is only \"linchat (N)\", never a name or a text" t_title

# realtime_refused: connects /realtime/connect has refused so far.
realtime_refused() {
	sim_state | sed -n 's/.*"realtime":{[^}]*"refused":\([0-9]*\).*/\1/p'
}

t_fallback() {
	local r0
	r0=$(realtime_refused)
	sim_post /__sim/realtime-refuse '{"status":503,"count":0}' >/dev/null
	sim_post /__sim/realtime-drop '{}' >/dev/null
	wait_cmd 5 eval 'status_row | grep -q "reconnecting in [0-9]"' ||
	    return 1
	# the cut and four refused connects, 2+4+6+8 s apart (±25 %)
	wait_cmd 40 eval 'status_row | grep -q "polling"' || return 1
	[ $(($(realtime_refused) - r0)) -eq 4 ] ||
	    { echo "# refused $(realtime_refused) (was $r0)"; return 1; }
	! status_row | grep -q "live"
}
check "after a cut with connects refused the status bar says reconnecting, then polling" t_fallback
sim_post /__sim/realtime-refuse '{"status":0}' >/dev/null

# watch_wait FILE PATTERN: until FILE has a line matching the ERE.
watch_wait() {
	wait_cmd 10 grep -q -E -- "$2" "$1"
}

# exit_within SECONDS PID: until PID exits; sets rc to its status.
exit_within() {
	local end=$(($(now_ms) + $1 * 1000))
	while [ "$(now_ms)" -lt "$end" ]; do
		kill -0 "$2" 2>/dev/null || { wait "$2"; rc=$?; return 0; }
		sleep 0.1
	done
	echo "# $2 still running"
	kill "$2"
	wait "$2"
	return 1
}

t_watch() {
	local pid s0
	s0=$(sim_state | sed -n 's/.*"realtime":{"streams":\([0-9]*\).*/\1/p')
	"$LINCHAT_BIN" watch --json >"$E/watch.out" 2>"$E/watch.err" &
	pid=$!
	wait_cmd 10 eval '[ "$(sim_state | sed -n "s/.*\"realtime\":{\"streams\":\([0-9]*\).*/\1/p")" -gt "$s0" ]' ||
	    { kill "$pid"; wait "$pid"; return 1; }
	incoming "$grace" "L10 for the watcher"
	watch_wait "$E/watch.out" \
	    "^\{\"event\":\"message\",.*\"conversation_urn\":\"${grace//[()]/.}\".*\"text\":\"L10 for the watcher\"\}\$" ||
	    { kill "$pid"; wait "$pid"; return 1; }
	sim_post /__sim/typing "{\"conversation_urn\":\"$grace\"}" >/dev/null
	watch_wait "$E/watch.out" '^\{"event":"typing",.*"sender_name":"Grace Hopper"' ||
	    { kill "$pid"; wait "$pid"; return 1; }
	sim_post /__sim/seen "{\"conversation_urn\":\"$grace\"}" >/dev/null
	watch_wait "$E/watch.out" '^\{"event":"seen",.*"seen_at":[0-9]+' ||
	    { kill "$pid"; wait "$pid"; return 1; }
	kill -INT "$pid"
	exit_within 10 "$pid" || return 1
	[ "$rc" -eq 0 ] || { echo "# watch exited $rc"; return 1; }
	# every line is one JSON object
	if grep -v -E '^\{.*\}$' "$E/watch.out"; then
		echo "# a line that is no object"
		return 1
	fi

}
check "linchat watch --json prints the message, typing and seen events and exits 0 on SIGINT" t_watch

t_watch_expired() {
	local pid
	sim_post /__sim/realtime-refuse '{"status":401,"count":0}' >/dev/null
	"$LINCHAT_BIN" watch --json >"$E/watch2.out" 2>"$E/watch2.err" &
	pid=$!
	exit_within 15 "$pid" || return 1
	sim_post /__sim/realtime-refuse '{"status":0}' >/dev/null
	[ "$rc" -eq 2 ] || { echo "# watch exited $rc"; return 1; }
	[ ! -s "$E/watch2.out" ]
}
check "linchat watch exits 2 when the stream answers 401" t_watch_expired

[ "$tap_failed" -eq 0 ]
