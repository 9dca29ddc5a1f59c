#!/usr/bin/env bash
# tests/cli/60-output.sh — hostile texts never reach the terminal raw; the
# debug log keeps secrets out.
. "$(dirname "$0")/lib.bash"
sim_start --seed 13 --hostile
login_demo

# C0 controls other than tab and line feed, DEL, and C1 controls (UTF-8).
raw_escape() {
	LC_ALL=C grep -q -P '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$T/out"
}
lc inbox --limit 60
check "inbox text holds no escape or control characters" all 'rc_is 0' \
    '! raw_escape'
lc --json inbox --limit 60
check "inbox --json holds no raw escapes either" all 'rc_is 0' '! raw_escape'
for tid in $(grep '"thread_id"' "$T/out" | sed 's/.*: "\(.*\)".*/\1/' |
    head -n 8); do
	lc thread "$tid" --limit 30
	[ "$rc" -ne 0 ] && break
	raw_escape && break
done
check "thread text of hostile conversations is sanitised" all 'rc_is 0' \
    '! raw_escape'

lc --log "$T/debug.log" whoami
li_at=$(sed -n 's/^cookie	li_at	//p' "$XDG_STATE_HOME/linchat/session")
check "--log writes requests without cookie values" all 'rc_is 0' \
    'grep -q "GET /voyager/api/me" "$T/debug.log"' \
    '[ "$(stat -c %a "$T/debug.log")" = 600 ]' \
    "! grep -q -F -- '$li_at' '$T/debug.log'"

lc_in demo-password --log "$T/login.log" --log-bodies login \
    --username demo@linchat.test --password-stdin
check "--log-bodies never logs the password" all 'rc_is 0' \
    '! grep -q demo-password "$T/login.log"' \
    'grep -q "session_password=\[redacted\]" "$T/login.log"'
