#!/usr/bin/env bash
# tests/e2e/55-first-message.sh — a first message to someone the user has
# no conversation with, at 100×30 against voyager-sim (a mailbox with no
# conversations, so everyone is new): it shows in the inbox under their
# name at once and reaches the service once; one written while the
# service refuses sends (503) survives quitting linchat and goes out,
# once, after a restart.
. "$(dirname "$0")/lib.bash"

sim_start --seed 0 --conversations 0
login
start 100 30

# first_message PUBLIC_ID NAME TEXT: n, who, Enter, the text, Enter.
first_message() {
	keys n
	wait_for "To (public id or profile URL)" || return 1
	type_text "$1"
	keys Enter
	wait_for "To: $2" || return 1
	type_text "$3"
	keys Enter
	wait_gone "Enter: send" || return 1
}

t_first() {
	local text="e2e hello Grace, first time"
	first_message grace-h "Grace Hopper" "$text" || return 1
	wait_cmd 10 eval 'row 2 | grep -q "Grace Hopper"' || return 1
	wait_cmd 10 eval '[ "$(sent_count "$text")" -eq 1 ]' || return 1
	sleep 1
	[ "$(sent_count "$text")" -eq 1 ]
}
check "a first message shows under their name at once and is sent once" t_first

t_survives_quit() {
	local text="e2e hello Bill, written while the service was down"
	sim_post /__sim/fault \
	    '{"next":100000,"fault":"503","endpoint":"create_message"}' \
	    >/dev/null
	first_message billy-g "Bill Gates" "$text" || return 1
	wait_cmd 10 eval 'row 2 | grep -q "Bill Gates"' || return 1
	keys q
	wait_for "press q again" || return 1
	quit_linchat || return 1
	[ "$(sent_count "$text")" -eq 0 ] || return 1
	# back, still refused: the row is there from the store
	start 100 30
	wait_for "Bill Gates" || return 1
	sim_post /__sim/fault '{"next":0,"fault":"503"}' >/dev/null
	wait_cmd 30 eval '[ "$(sent_count "$text")" -eq 1 ]' || return 1
	sleep 1
	[ "$(sent_count "$text")" -eq 1 ]
}
check "a first message not yet sent survives quitting and goes out once on restart" t_survives_quit
