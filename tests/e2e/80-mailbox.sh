#!/usr/bin/env bash
# tests/e2e/80-mailbox.sh — the whole mailbox in the terminal UI (issue
# 13): the folder bar and switching folders (a folder read once costs no
# request the second time), a message request accepted by replying,
# archiving a conversation and finding it in Archive, and the message
# search opening the thread at its hit (and Tab asking the service too).  The simulator's default mailbox
# (seed 0, 60 conversations) has two message requests, three archived,
# two in spam.  The tests run in order on one linchat; each leaves it as
# the next one expects.
. "$(dirname "$0")/lib.bash"

sim_start --seed 0
login
grace=$(conv_urn 1)	# the newest conversation is Grace Hopper's
if [ -z "$grace" ]; then
	echo "Bail out! linchat --json inbox gave no conversations"
	exit 1
fi

# lib.bash's brisk budget, but the default polling intervals: what is
# read while the tests look is what they asked for.
cat >"$XDG_CONFIG_HOME/linchat/config" <<'CONF'
[http]
rate_per_sec = 1000
burst = 1000
rate_per_hour = 1000000
timeout = 10
CONF

start 120 30

inbox_side() {
	screen | sed 's/│.*//'
}

thread_side() {
	screen | sed -n 's/^[^│]*│//p'
}

status_row() {
	row 29
}

# folder_total CATEGORY: the conversations the service lists there.
folder_total() {
	sim_state | sed -n "s/.*\"$1\":{\"total\":\([0-9]*\).*/\1/p"
}

# category_reads: the category reads the service has answered.
category_reads() {
	sim_state | grep -o -E '"conversations_category":[0-9]+' |
	    sed 's/.*://'
}

t_folders() {
	wait_for "Grace Hopper" || return 1
	row 0 | grep -q "Focused · " || return 1
	# the bar, with the folder shown first
	row 1 | grep -q "Foc" || return 1
	row 1 | grep -q "Req" || return 1
	keys 2
	wait_cmd 10 eval 'row 0 | grep -q "Other · "' || return 1
	wait_gone "Loading Other" || return 1
	keys 3
	wait_cmd 10 eval 'row 0 | grep -q "Requests · 2 conv"' || return 1
	keys 5
	wait_cmd 10 eval 'row 0 | grep -q "Archive · 3 conv"' || return 1
	keys 6
	wait_cmd 10 eval 'row 0 | grep -q "Spam · 2 conv"' || return 1
	keys 1
	wait_cmd 10 eval 'row 0 | grep -q "Focused · "' || return 1
	inbox_side | grep -q "Grace Hopper"
}
check "1-6 show Focused, Other, Requests, Archive and Spam" t_folders

t_switch_warm() {
	local r0 a i
	# the background reads of the folders not visited yet end first
	r0=$(category_reads)
	for i in $(seq 20); do
		sleep 1
		a=$(category_reads)
		[ "$a" = "$r0" ] && break
		r0=$a
	done
	keys 5 ']' '[' 3 2 1
	wait_cmd 10 eval 'row 0 | grep -q "Focused · "' || return 1
	sleep 0.5
	[ "$(category_reads)" = "$r0" ] ||
	    { echo "# category reads $r0 then $(category_reads)"; return 1; }
}
check "switching back to folders already read asks the service nothing" t_switch_warm

t_request() {
	local before
	before=$(folder_total MESSAGE_REQUESTS)
	keys 3
	wait_cmd 10 eval 'row 0 | grep -q "Requests · 2 conv"' || return 1
	keys g Enter
	wait_for "Reply to accept this message request" || return 1
	keys r
	type_text "e2e happy to talk"
	keys Enter
	wait_cmd 10 eval 'thread_side | grep -q "e2e happy to talk"' || return 1
	wait_cmd 10 eval '[ "$(sent_count "e2e happy to talk")" -eq 1 ]' ||
	    return 1
	# the service moved it to Focused: the hint goes, Requests has one
	wait_cmd 10 eval '[ "$(folder_total MESSAGE_REQUESTS)" -eq $((before - 1)) ]' ||
	    return 1
	# (Esc twice: the compose box, then the thread, to the inbox)
	esc
	wait_gone "Reply to accept this message request" 15 || return 1
	esc
	keys 3
	wait_cmd 15 eval 'row 0 | grep -q "Requests · 1 conv"'
}
check "a message request is accepted by replying to it" t_request

# pick NAME: selects the conversation NAME in the folder shown (the
# filter, then Enter keeps the filter and the selection).
pick() {
	keys f
	type_text "$1"
	keys Enter
	wait_cmd 10 eval "row 0 | grep -qF ' 1 conv /$1'"
}

t_archive() {
	local before
	before=$(folder_total ARCHIVE)
	esc
	keys 1
	wait_cmd 10 eval 'row 0 | grep -q "Focused · "' || return 1
	pick "Grace Hopper" || return 1
	keys a
	wait_cmd 5 eval 'status_row | grep -q "Archived 1 conversation"' ||
	    return 1
	status_row | grep -q "u to undo" || return 1
	wait_cmd 10 eval '[ "$(folder_total ARCHIVE)" -eq $((before + 1)) ]' ||
	    return 1
	esc	# the filter goes
	wait_cmd 5 eval '! row 0 | grep -q "/Grace"' || return 1
	! inbox_side | grep -q "Grace Hopper" || return 1
	keys 5
	wait_cmd 10 eval 'inbox_side | grep -q "Grace Hopper"' || return 1
	row 0 | grep -q "Archive · $((before + 1)) conv" || return 1
	# and back, for the next test
	pick "Grace Hopper" || return 1
	keys a
	wait_cmd 10 eval '[ "$(folder_total ARCHIVE)" -eq "$before" ]' ||
	    return 1
	esc
	keys 1
	wait_cmd 10 eval 'inbox_side | grep -q "Grace Hopper"'
}
check "a archives a conversation, Archive lists it, a there brings it back" t_archive

t_search() {
	incoming "$grace" "e2e the zebrafish invoice is ready"
	wait_cmd 10 eval 'inbox_side | grep -q "e2e the zeb"' || return 1
	# another message after it, so the hit is not simply the newest
	incoming "$grace" "e2e something else entirely"
	wait_cmd 10 eval 'inbox_side | grep -q "e2e somet"' || return 1
	keys /
	wait_for "Search messages" || return 1
	type_text "zebrafish"
	wait_for "1 message" || return 1
	screen | grep -q "Grace Hopper ·" || return 1
	# Tab asks LinkedIn too: its conversation comes after the local hit
	keys Tab
	wait_for "1 conversation on LinkedIn" || return 1
	screen | grep -q "LinkedIn · Grace Hopper · Focused" || return 1
	keys Enter
	wait_gone "Search messages" || return 1
	wait_cmd 10 eval 'row 0 | grep -q "│Grace Hopper"' || return 1
	thread_side | grep -q "e2e the zebrafish invoice is ready"
}
check "/ searches the stored messages, Tab asks LinkedIn too, Enter opens the thread at the hit" t_search

quit_linchat
[ "$tap_failed" -eq 0 ]
