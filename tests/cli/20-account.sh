#!/usr/bin/env bash
# tests/cli/20-account.sh — login (password, failure, challenge, cookie
# import), the session file, whoami, logout, an expired session.
. "$(dirname "$0")/lib.bash"
sim_start --seed 3
ses=$XDG_STATE_HOME/linchat/session

lc_in demo-password login --username demo@linchat.test --password-stdin
check "login with the demo account prints who you are" all 'rc_is 0' \
    'out_has "Logged in as"' 'out_has "demo-user"'

mode_of() { stat -c %a "$1"; }
check "the session file is 0600 in a 0700 directory" all \
    '[ "$(mode_of "$ses")" = 600 ]' \
    '[ "$(mode_of "$(dirname "$ses")")" = 700 ]'
check "the password is written nowhere" \
    bash -c "! grep -rq demo-password '$T/state' '$T/config'"
check "the session holds li_at and JSESSIONID" all \
    "grep -q '^cookie	li_at	' '$ses'" "grep -q '^cookie	JSESSIONID	' '$ses'"

lc whoami
check "whoami names the account" all 'rc_is 0' 'out_has "demo-user"'

lc --json whoami
check "whoami --json has the profile id and public id" all 'rc_is 0' \
    'out_has "\"urn_id\": \"ACo"' 'out_has "\"publicIdentifier\": \"demo-user\""'

li_at=$(sed -n 's/^cookie	li_at	//p' "$ses")
jsid=$(sed -n 's/^cookie	JSESSIONID	//p' "$ses")
rm -f "$ses"
lc login --li-at "$li_at" --jsessionid "$jsid" --user-agent "Mozilla/5.0 (Test) Browser/1"
check "cookie import validates and saves the user agent" all 'rc_is 0' \
    'out_has "demo-user"' "grep -q '^user_agent	Mozilla/5.0 (Test) Browser/1' '$ses'"

lc whoami
check "the imported session works" all 'rc_is 0' 'out_has "demo-user"'

lc login --li-at not-a-session --jsessionid ajax:1
check "importing cookies LinkedIn rejects is an auth error" all 'rc_is 2' \
    'err_has "did not accept these cookies"'

lc_in wrong login --username demo@linchat.test --password-stdin
check "a wrong password is exit 2 with a sentence" all 'rc_is 2' \
    'err_has "password"'

lc_in any login --username challenge@linchat.test --password-stdin
check "a challenge is exit 2 with the challenge URL" all 'rc_is 2' \
    'err_has "challenge: http"' 'err_has "checkpoint"'

chmod 644 "$ses"
lc whoami
check "a session file readable by others is fixed and reported" all \
    'rc_is 0' 'err_has "0644"' '[ "$(mode_of "$ses")" = 600 ]'

lc logout
check "logout deletes the session" all 'rc_is 0' '[ ! -e "$ses" ]'

lc whoami
check "after logout commands say to log in" all 'rc_is 2' 'err_has "linchat login"'

# A session that the service expires after a few requests.
sim_start --seed 3 --session-requests 6
login_demo
for i in 1 2 3 4 5 6 7 8; do
	lc inbox --limit 3
	[ "$rc" -ne 0 ] && break
done
check "an expired session is exit 2 and says to log in again" all \
    'rc_is 2' 'err_has "linchat login"'
