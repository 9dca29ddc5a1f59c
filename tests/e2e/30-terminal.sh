#!/usr/bin/env bash
# tests/e2e/30-terminal.sh — linchat and the terminal at 80×24: the
# first-run sign-in screen (wrong password, challenge, cookie import),
# resizing, and leaving the terminal as it was on q.
. "$(dirname "$0")/lib.bash"

sim_start --seed 0

t_first_run_password() {
	start 80 24
	wait_for "sign in to LinkedIn" || return 1
	wait_for "E-mail" || return 1
	type_text "demo@linchat.test"
	keys Tab
	type_text "not-the-password"
	keys Enter
	wait_for "did not accept that password" || return 1
	wait_for "try again." || return 1
	# the password is never drawn
	! screen | grep -q "not-the-password" || return 1
	type_text "demo-password"
	keys Enter
	wait_for "Grace Hopper" || return 1
	row 0 | grep -q "Focused · " || return 1
	quit_linchat || return 1
	[ -s "$XDG_STATE_HOME/linchat/session" ]
}
check "without a session a sign-in screen logs in with e-mail and password" t_first_run_password

t_first_run_challenge() {
	rm -rf "$XDG_STATE_HOME" "$XDG_DATA_HOME"
	start 80 24
	wait_for "E-mail" || return 1
	type_text "challenge@linchat.test"
	keys Tab
	type_text "whatever"
	keys Enter
	wait_for "checkpoint/challenge/AgFsimChallenge" || return 1
	wait_for "cookie import" || return 1
	# Enter goes on to cookie import
	keys Enter
	wait_for "JSESSIONID" || return 1
	type_text "AQEDASimDemoPreMintedSession0000000000000001"
	keys Tab
	type_text '"ajax:1234567890123456789"'
	keys Enter
	wait_for "Grace Hopper" || return 1
	quit_linchat || return 1
	grep -q "li_at" "$XDG_STATE_HOME/linchat/session"
}
check "a challenge shows its URL and leads to cookie import, which logs in" t_first_run_challenge

# The pane without the status bar (its "synced … ago" may change).
body() {
	screen | sed '$d'
}

t_resize() {
	local before after
	start 80 24
	wait_for "Grace Hopper" || return 1
	keys Enter
	wait_cmd 10 eval 'row 0 | grep -q "│Grace Hopper"' || return 1
	sleep 0.5
	before=$(body)
	tm resize-window -t "$PANE" -x 60 -y 20
	wait_cmd 10 eval '[ "$(screen | wc -l)" -eq 20 ] && row 0 | grep -q "Focused · " && row 0 | grep -q "│Grace Hopper" && row 19 | grep -q "help"' ||
	    return 1
	# every line but the compose border has the inbox border at one place
	if screen | sed '$d' | awk -F'│' 'NF != 2' | grep -v '─'; then
		echo "# a line without the inbox border"
		return 1
	fi
	tm resize-window -t "$PANE" -x 50 -y 12
	wait_for "Terminal too small" || return 1
	tm resize-window -t "$PANE" -x 80 -y 24
	wait_gone "Terminal too small" || return 1
	wait_cmd 10 eval '[ "$(body)" = "$before" ]' || {
		echo "# before:"
		echo "$before" | sed 's/^/#   |/'
		return 1
	}
}
check "resizing to 60×20, to too small and back keeps a sane screen" t_resize

t_quit_restores() {
	# while it runs linchat has the alternate screen and modes of its own
	[ "$(tm display -p -t "$PANE" '#{alternate_on}')" = 1 ] || return 1
	quit_linchat || return 1
	wait_for "linchat exited 0" || return 1
	[ "$(tm display -p -t "$PANE" '#{alternate_on}')" = 0 ] || {
		echo "# still on the alternate screen"
		return 1
	}
	[ "$(tm display -p -t "$PANE" '#{cursor_flag}')" = 1 ] || {
		echo "# the cursor is still hidden"
		return 1
	}
	cmp -s "$E/stty.before" "$E/stty.after" || {
		echo "# terminal modes: $(cat "$E/stty.before") then" \
		    "$(cat "$E/stty.after")"
		return 1
	}
}
check "q leaves the terminal as it was: main screen, cursor, modes" t_quit_restores

t_expired() {
	start 80 24
	wait_for "Grace Hopper" || return 1
	sim_post /__sim/expire '{}' >/dev/null
	# the next sync (every second here) finds the session gone
	wait_for "session expired" || return 1
	screen | tail -n 1 | grep -qF 'run `linchat login`' || return 1
	quit_linchat
}
check "an expired session shows in the status bar with what to do" t_expired

t_dumb() {
	tm kill-server 2>/dev/null
	rm -f "$E/exit"
	sleep 0.2
	tm new-session -d -s "$PANE" -x 100 -y 30 \
	    "env TERM=dumb $(printf %q "$LINCHAT_BIN"); echo linchat exited \$?; exec sleep 3600" ||
	    return 1
	wait_for "linchat exited 1" || return 1
	screen | tr -d '\n' | grep -q "cannot move the cursor.*linchat inbox"
}
check "TERM=dumb refuses with a sentence that points at the commands" t_dumb

[ "$tap_failed" -eq 0 ]
