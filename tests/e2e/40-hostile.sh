#!/usr/bin/env bash
# tests/e2e/40-hostile.sh — voyager-sim --hostile puts terminal escapes
# (CSI, OSC 0/8/52, DCS, alternate screen), C1 controls, bidi controls and
# invalid UTF-8 into names, previews and messages.  None of it may reach
# the terminal: the pane holds no escape but linchat's own colours, the
# window title holds only linchat's name and unread count (and is the
# terminal's own again after quitting), tmux's paste buffers stay empty.
. "$(dirname "$0")/lib.bash"

sim_start --seed 0 --hostile
login
start 100 30

# Fails if the pane, with its attributes, holds an escape sequence other
# than SGR (ESC [ ... m), which is how capture-pane -e writes colours.
pane_clean() {
	local bad
	tm capture-pane -e -p -t "$PANE" >"$E/pane.esc"
	if LC_ALL=C grep -a -q -P '\x1b(?!\[[0-9;:]*m)' "$E/pane.esc"; then
		echo "# escapes that are not colours:"
		LC_ALL=C grep -a -o -P '\x1b(?!\[[0-9;:]*m).{0,6}' \
		    "$E/pane.esc" | head -n 5 | od -c | sed 's/^/#   /'
		return 1
	fi
	# other C0 controls (charset shifts, bell, backspace ...)
	if LC_ALL=C grep -a -q -P '[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]' \
	    "$E/pane.esc"; then
		echo "# a control character in the pane"
		return 1
	fi
	# C1 controls (as UTF-8: C2 80..9F) and bidi controls
	if LC_ALL=C grep -a -q -P '\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' \
	    "$E/pane.esc"; then
		echo "# a C1 or bidi control in the pane"
		return 1
	fi
	# linchat's own title carries its name and the unread count only
	tm display -p -t "$PANE" '#{pane_title}' |
	    grep -q -x -E 'linchat-e2e|linchat|linchat \([0-9]+\)' || {
		echo "# the title changed to:" \
		    "$(tm display -p -t "$PANE" '#{pane_title}')"
		return 1
	}
	[ -z "$(tm list-buffers 2>/dev/null)" ] || {
		echo "# a paste buffer was set (OSC 52)"
		return 1
	}
	[ "$(tm display -p -t "$PANE" '#{pane_in_mode}')" = 0 ]
}

t_inbox_clean() {
	wait_for "Focused · " || return 1
	wait_cmd 10 eval '[ "$(row 2 | wc -c)" -gt 10 ]' || return 1
	sleep 0.5
	pane_clean
}
check "hostile names and previews in the inbox leave no escape in the pane" t_inbox_clean

t_threads_clean() {
	local i
	for i in 1 2 3 4 5 6; do
		keys Enter
		wait_cmd 10 eval '[ "$(screen | sed -n "3,20p" | sed "s/^[^│]*│//" | tr -d " " | wc -c)" -gt 40 ]' ||
		    return 1
		sleep 0.3
		pane_clean || { echo "# in conversation $i"; return 1; }
		esc
		keys j
	done
}
check "hostile messages in six threads leave no escape in the pane" t_threads_clean

t_quit() {
	quit_linchat || return 1
	[ "$(cat "$E/exit")" = 0 ] &&
	    [ "$(tm display -p -t "$PANE" '#{pane_title}')" = linchat-e2e ]
}
check "after hostile data linchat quits cleanly and the title is the terminal's own again" t_quit

[ "$tap_failed" -eq 0 ]
