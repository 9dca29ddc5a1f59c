#!/usr/bin/env bash
# tests/e2e/50-dialogs.sh — the dialogs at 100×30 against voyager-sim: the
# profile dialog shows a known profile, a name there searches people, the
# connect dialog sends a note
# the service receives (invitations_sent), invitations list what the
# service holds, + reacts and takes the reaction back.  The tests run in order on one linchat.
. "$(dirname "$0")/lib.bash"

sim_start --seed 0
login
start 100 30

t_profile() {
	wait_for "Grace Hopper" || return 1
	keys p
	wait_for "A public id, a profile URL or a name" || return 1
	type_text "https://www.linkedin.com/in/grace-h/"
	keys Enter
	wait_for "Rear Admiral" || return 1
	screen | grep -q "Grace Hopper" || return 1
	screen | grep -q "linkedin.com/in/grace-h/" || return 1
	screen | grep -q "m: message"
}
check "the profile dialog shows a known profile" t_profile

t_profile_from_thread() {
	esc
	wait_gone "Rear Admiral" || return 1
	# the newest conversation is Grace Hopper's: p there looks her up
	keys g Enter
	wait_cmd 10 eval 'row 0 | grep -q "│Grace Hopper"' || return 1
	keys p
	wait_for "Rear Admiral"
}
check "p in a conversation shows the other person's profile" t_profile_from_thread

t_connect() {
	local note="e2e note for Grace, hello"
	keys c
	wait_for "Note (optional):" || return 1
	screen | grep -q "To: grace-h" || return 1
	type_text "$note"
	wait_for "${#note}/300" || return 1
	keys Enter
	wait_for "Invitation sent to grace-h." || return 1
	sim_state | grep -qF "\"message\":\"$note\"" || {
		echo "# not in invitations_sent: $(sim_state |
		    grep -o '"invitations_sent":\[[^]]*\]')"
		return 1
	}
	esc
	wait_gone "Invitation sent"
}
check "the connect dialog sends a note that shows up in invitations_sent" t_connect

t_connect_again() {
	keys c
	wait_for "Note (optional):" || return 1
	type_text "grace-h"
	keys Enter Enter
	wait_for "Already invited or connected" || return 1
	esc
	wait_gone "Already invited"
}
check "a second request to the same person says already invited" t_connect_again

t_people() {
	esc	# from the thread to the inbox, where p asks who
	keys p
	wait_for "or a name" || return 1
	type_text "grace hopper"
	keys Enter
	wait_for "Enter: profile" || return 1
	screen | grep -q "Grace Hopper" || return 1
	screen | grep -qE "(1st|2nd|3rd\+) *│" || return 1
	keys Enter
	wait_for "Distance:" || return 1
	screen | grep -q "linkedin.com/in/grace-h/" || return 1
	esc
	wait_gone "Distance:"
}
check "a name in the profile dialog finds people; Enter shows one with their distance" t_people

pending_count() {
	sim_state | grep -o '"state":"pending"' | wc -l
}

t_invitations() {
	local before
	before=$(pending_count)
	keys I
	wait_for "a: accept" || return 1
	wait_gone "No pending invitations" || return 1
	keys a
	wait_cmd 10 eval '[ "$(pending_count)" -eq $((before - 1)) ]' ||
	    return 1
	esc
	wait_gone "a: accept"
}
check "I lists the received invitations and a accepts one" t_invitations

# requests ENDPOINT: how many the simulator answered (0 if none).
requests() {
	local n
	n=$(sim_state | grep -o "\"$1\":[0-9]*" | head -n 1 | cut -d: -f2)
	echo "${n:-0}"
}

t_react() {
	keys g Enter
	wait_cmd 10 eval 'row 0 | grep -q "│Grace Hopper"' || return 1
	keys +
	wait_for "and Enter: react" || return 1
	keys 6
	wait_for "Reacted with 🎉" || return 1
	screen | grep -qF "[🎉 1]" || return 1
	wait_cmd 10 eval '[ "$(requests react)" -ge 1 ]'
}
check "+ reacts and the thread shows the reaction as yours" t_react

t_unreact() {
	keys +
	wait_for "[yours]: take back" || return 1
	screen | grep -qF "6 [🎉]" || return 1
	keys 6
	wait_for "Took back 🎉" || return 1
	wait_gone "[🎉 1]" || return 1
	wait_cmd 10 eval '[ "$(requests unreact)" -ge 1 ]' || return 1
}
check "+ on your own reaction takes it back on the service" t_unreact

t_quit() {
	quit_linchat || return 1
	[ "$(cat "$E/exit")" = 0 ]
}
check "q quits with status 0" t_quit

[ "$tap_failed" -eq 0 ]
