#!/usr/bin/env bash
# tests/e2e/20-tui.sh — the terminal UI at 100×30 against voyager-sim: the
# inbox, opening a thread, replying, live updates, the unread filter,
# Space, the name filter and quoting.  The tests run in order on one
# linchat; each leaves it in the state the next one expects.
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
start 100 30

# Row N of the inbox alone (the thread pane beside it may name anyone).
inbox_row() {
	row "$1" | sed 's/│.*//'
}

# The pane's text right of the inbox's border.
thread_side() {
	screen | sed -n 's/^[^│]*│//p'
}

t_inbox_newest() {
	wait_for "Grace Hopper" || return 1
	row 0 | grep -q "Focused · [0-9]* conversations" || return 1
	# the newest conversation first (under the folder bar), selected
	row 2 | grep -q "Grace Hopper"
}
check "the inbox shows the newest conversations first" t_inbox_newest

t_open() {
	# Grace's conversation becomes the second newest with a known text.
	incoming "$grace" "e2e hello from Grace"
	incoming "$other1" "e2e bump the other one"
	wait_cmd 10 eval 'inbox_row 3 | grep -q "Grace Hopper"' || return 1
	keys g j Enter
	wait_for "e2e hello from Grace" || return 1
	row 0 | grep -q "│Grace Hopper" || return 1
	# older messages too, with a day separator
	thread_side | grep -q "── " 
}
check "j and Enter open the conversation and show its messages" t_open

t_reply() {
	local n
	keys r
	type_text "e2e reply number one"
	keys Enter
	wait_cmd 10 eval '[ "$(sent_count "e2e reply number one")" -eq 1 ]' ||
	    return 1
	wait_for "e2e reply number one" || return 1
	# two delta syncs later it is still there exactly once
	sleep 2.2
	n=$(thread_side | grep -c "e2e reply number one")
	[ "$n" -eq 1 ] || { echo "# shown $n times"; return 1; }
	n=$(sent_count "e2e reply number one")
	[ "$n" -eq 1 ] || { echo "# sent $n times"; return 1; }
}
check "a reply typed and sent with Enter shows once in the thread and once on the service" t_reply

t_incoming() {
	esc
	incoming "$other2" "e2e first a different conversation"
	wait_cmd 10 eval '! inbox_row 2 | grep -q "Grace Hopper"' || return 1
	incoming "$grace" "e2e a live message arrives"
	wait_for "e2e a live message arrives" || return 1
	thread_side | grep -q "e2e a live message arrives" || return 1
	# and Grace's conversation is back on top of the inbox
	wait_cmd 10 eval 'inbox_row 2 | grep -q "Grace Hopper"'
}
check "a message from /__sim/incoming shows in the open thread and bumps the inbox" t_incoming

t_unread_only() {
	local before after rows
	esc
	before=$(row 0 | sed -n 's/.*Focused · \([0-9]*\) conv.*/\1/p')
	keys u
	wait_cmd 10 eval 'row 0 | grep -q "unread"' || return 1
	after=$(row 0 | sed -n 's/.*Focused · \([0-9]*\) unread.*/\1/p')
	[ -n "$after" ] && [ -n "$before" ] && [ "$after" -lt "$before" ] &&
	    [ "$after" -gt 0 ] || { echo "# $before then $after"; return 1; }
	# every row shown carries the unread marker, but for the conversation
	# on screen: it was read as it arrived, and stays listed so it does
	# not vanish under the reader (rows from the third: the title and
	# the folder bar first)
	rows=$(screen | sed -n "3,$((after < 27 ? after + 2 : 29))p" |
	    sed 's/│.*//')
	if echo "$rows" | grep -v "●" | grep -v "Grace Hopper"; then
		echo "# a read row in the unread list"
		return 1
	fi
	keys u
	wait_cmd 10 eval '! row 0 | grep -q "unread"'
}
check "u shows only unread conversations and shows them all again" t_unread_only

t_space() {
	# two fresh unread conversations on top: A second, B first
	incoming "$other1" "e2e space target A"
	incoming "$other2" "e2e space start B"
	wait_cmd 10 eval 'inbox_row 2 | grep -q "e2e s" && inbox_row 3 | grep -q "e2e s"' ||
	    return 1
	esc
	keys g Space
	wait_for "e2e space target A" || return 1
	# it is A that opened, not B
	! thread_side | grep -q "e2e space start B"
}
check "Space opens the next unread conversation" t_space

t_filter() {
	esc
	keys f
	type_text "Grace Hopper"
	wait_for "Filter: Grace Hopper" || return 1
	inbox_row 2 | grep -q "Grace Hopper" || return 1
	row 0 | grep -q "Focused · 1 conv" || return 1
	keys Enter
	wait_cmd 5 eval 'row 0 | grep -q "Focused · 1 conv /Grace Hop"' || return 1
	keys Enter
	wait_cmd 10 eval 'row 0 | grep -q "│Grace Hopper"' || return 1
	# clear the filter again
	esc
	keys f
	esc
	wait_gone "/Grace Hop"
}
check "f filters the inbox by name" t_filter

t_quote() {
	# the filter kept Grace's conversation selected
	keys Enter
	wait_cmd 10 eval 'row 0 | grep -q "│Grace Hopper"' || return 1
	wait_for "e2e a live message arrives" || return 1
	keys G '>'
	wait_for "> e2e a live message arrives" || return 1
	# it is in the compose box, under the thread
	screen | tail -n 6 | grep -q "> e2e a live message arrives"
}
check "> quotes the selected message into the compose box" t_quote

t_redraw() {
	local tty
	esc
	# another program writes over the screen; linchat does not know
	tty=$(tm display -p -t "$PANE" '#{pane_tty}')
	printf '\033[12;40HSTRAY TEXT FROM ELSEWHERE' >"$tty"
	wait_for "STRAY TEXT FROM ELSEWHERE" || return 1
	keys C-l
	wait_gone "STRAY TEXT" || return 1
	row 0 | grep -q "Focused · " && screen | grep -q "? help"
}
check "C-l repaints the whole screen" t_redraw

t_quit() {
	keys C-u
	esc
	quit_linchat || return 1
	[ "$(cat "$E/exit")" = 0 ]
}
check "q quits with status 0" t_quit

[ "$tap_failed" -eq 0 ]
