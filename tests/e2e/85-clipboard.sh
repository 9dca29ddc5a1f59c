#!/usr/bin/env bash
# tests/e2e/85-clipboard.sh — y at 100×30 against voyager-sim: with
# clipboard = auto inside a tmux whose set-clipboard is off, a stub
# wl-copy in PATH gets the message's text on stdin; with set-clipboard on,
# the text goes out as OSC 52 and lands in tmux's paste buffer; a copy
# command that fails is said in the status bar.
. "$(dirname "$0")/lib.bash"

mkdir -p "$E/bin"
cat >"$E/bin/wl-copy" <<STUB
#!/bin/sh
/bin/cat >"$E/copied"
STUB
cat >"$E/bin/failcopy" <<'STUB'
#!/bin/sh
echo "failcopy: no clipboard here" >&2
exit 4
STUB
chmod +x "$E/bin/wl-copy" "$E/bin/failcopy"
# the pane inherits these from the tmux server start() starts
export PATH="$E/bin:$PATH" WAYLAND_DISPLAY=wayland-e2e
unset DISPLAY

TEXT='e2e copy; $(echo not run) ünïcode'

sim_start --seed 0
login
grace=$(conv_urn 1)
incoming "$grace" "$TEXT"
start 100 30
tm set-option -g set-clipboard off >/dev/null

t_open() {
	wait_for "e2e co" || return 1
	keys g Enter
	wait_cmd 10 eval 'row 0 | grep -q "│Grace Hopper"'
}
check "the conversation with the message opens" t_open

t_wl_copy() {
	keys y
	wait_for "Copied the message to the clipboard (wl-copy)." || return 1
	[ "$(cat "$E/copied")" = "$TEXT" ] || {
		echo "# copied: $(cat "$E/copied" 2>&1)"
		return 1
	}
}
check "auto without tmux's set-clipboard runs wl-copy with the text" t_wl_copy

t_osc52() {
	tm set-option -g set-clipboard on >/dev/null
	tm delete-buffer 2>/dev/null
	rm -f "$E/copied"
	keys y
	wait_for "Copied the message to the clipboard (OSC 52)." || return 1
	[ "$(tm show-buffer 2>&1)" = "$TEXT" ] || {
		echo "# tmux buffer: $(tm show-buffer 2>&1)"
		return 1
	}
	[ ! -e "$E/copied" ]
}
check "auto inside tmux with set-clipboard on copies through OSC 52" t_osc52

t_quit() {
	quit_linchat
}
check "q quits" t_quit

cat >>"$XDG_CONFIG_HOME/linchat/config" <<CONF
[ui]
clipboard = command
clipboard_command = failcopy --flag
CONF
start 100 30

t_failure() {
	wait_for "e2e co" || return 1
	keys g Enter
	wait_cmd 10 eval 'row 0 | grep -q "│Grace Hopper"' || return 1
	keys y
	wait_for "Copying failed: failcopy exited with status 4: failcopy: no"
}
check "a failing clipboard_command is said in the status bar" t_failure

t_quit2() {
	quit_linchat || return 1
	[ "$(cat "$E/exit")" = 0 ]
}
check "q quits with status 0" t_quit2

[ "$tap_failed" -eq 0 ]
