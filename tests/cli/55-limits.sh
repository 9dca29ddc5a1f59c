#!/usr/bin/env bash
# tests/cli/55-limits.sh — the limits of docs/security.md through the
# command line: an answer over 32 MiB and JSON nested 10 000 deep are a
# clear error (and the oversized answer is not read past the cap), a 1 MiB
# message, 1 000 participants and a 100 000-character name are shown cut
# to size; a message over LinkedIn's limit is refused before any request.
# Cookies: a redirect to another host is not followed (a second simulator
# there sees nothing), a Set-Cookie for another Domain is dropped, and a
# session saved for one host is not sent to another.  Every run is under
# timeout: a hang fails the test instead of the suite.
. "$(dirname "$0")/lib.bash"
sim_start --seed 21 --conversations 8 --messages 4
login_demo

fault() {
	sim_post /__sim/fault "$1" >/dev/null
}
# tlc ARGS...: lc under a timeout (exit 124 when it hangs).
tlc() {
	timeout 60 "$LINCHAT_BIN" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}
# newest_thread: the thread id of the newest conversation.
newest_thread() {
	timeout 60 "$LINCHAT_BIN" inbox --limit 1 2>/dev/null |
	    awk '{ print $NF }'
}
fault_state() {
	state_compact | grep -o "\"$1\":[0-9]*" | head -n 1 | cut -d: -f2
}
thread0=$(newest_thread)

# --- an answer over 32 MiB ---
for out in text json; do
	j=
	[ $out = json ] && j=--json
	fault '{"next":1,"fault":"huge","endpoint":"conversations_search"}'
	tlc $j inbox --limit 3
	check "a 33 MiB inbox answer is exit 5 naming the cap ($out)" all \
	    'rc_is 5' 'err_has "larger than 32 MiB"' '[ ! -s "$T/out" ]'
	fault '{"next":1,"fault":"huge","endpoint":"messages"}'
	tlc $j thread "$thread0"
	check "a 33 MiB thread answer is exit 5 naming the cap ($out)" all \
	    'rc_is 5' 'err_has "larger than 32 MiB"' '[ ! -s "$T/out" ]'
done

# 256 MiB offered: linchat stops reading at the cap, so the simulator
# hands out little more than 32 MiB (plus socket buffers) and linchat's
# memory stays far below the size of the answer.
fault '{"next":1,"fault":"huge","endpoint":"conversations_search","bytes":268435456}'
/usr/bin/time -f %M -o "$T/rss" timeout 60 "$LINCHAT_BIN" inbox \
    >"$T/out" 2>"$T/err" </dev/null
rc=$?
# the simulator records it when it lets go of the connection
for i in $(seq 100); do
	served=$(fault_state huge_served)
	[ "${served:-0}" -gt 0 ] && break
	sleep 0.05
done
rss=$(tail -n 1 "$T/rss")
check "a 256 MiB answer is not read past the cap and memory stays bounded" \
    all 'rc_is 5' '[ "${served:-0}" -gt $((32 << 20)) ]' \
    '[ "$served" -lt $((96 << 20)) ]' '[ "$rss" -lt $((256 << 10)) ]'
echo "# huge: ${served:-?} bytes served of 268435456, max RSS ${rss:-?} KB"

# --- JSON nested 10 000 deep ---
for out in text json; do
	j=
	[ $out = json ] && j=--json
	fault '{"next":1,"fault":"deep","endpoint":"conversations_search"}'
	tlc $j inbox --limit 3
	check "a 10 000-deep inbox answer is exit 5 saying too deep ($out)" \
	    all 'rc_is 5' 'err_has "too deep"' '[ ! -s "$T/out" ]'
	fault '{"next":1,"fault":"deep","endpoint":"messages"}'
	tlc $j thread "$thread0"
	check "a 10 000-deep thread answer is exit 5 saying too deep ($out)" \
	    all 'rc_is 5' 'err_has "too deep"' '[ ! -s "$T/out" ]'
done
fault '{"next":0}'
tlc inbox --limit 3
check "after the broken answers the inbox reads normally" all 'rc_is 0' \
    '[ "$(wc -l <"$T/out")" -eq 3 ]'

# --- a 1 MiB message, 1 000 participants, a 100 000-character name ---
sim_post /__sim/extreme '{"kind":"long-message"}' >/dev/null
t_long=$(newest_thread)
sim_post /__sim/extreme '{"kind":"crowd"}' >/dev/null
t_crowd=$(newest_thread)
sim_post /__sim/extreme '{"kind":"long-name"}' >/dev/null
t_name=$(newest_thread)

tlc inbox --limit 5
row_of() { grep -F -- "$1" "$T/out"; }
check "the inbox lists the three extreme conversations, one line each" \
    all 'rc_is 0' '[ "$(wc -l <"$T/out")" -eq 5 ]'
check "the 1 000-participant row names a few and counts the rest" all \
    'row_of "$t_crowd" | grep -q "Member1 Crowd, "' \
    'row_of "$t_crowd" | grep -q " +997 "' \
    '! row_of "$t_crowd" | grep -q "Member4 Crowd"'
check "the 100 000-character name is cut in its cell" all \
    'row_of "$t_name" | grep -q "Wolfe.*… "' \
    '[ "$(row_of "$t_name" | wc -c)" -lt 300 ]'
check "the 1 MiB message's preview is cut in its cell" all \
    'row_of "$t_long" | grep -q "payload limits"' \
    '[ "$(row_of "$t_long" | wc -c)" -lt 300 ]'

tlc --json inbox --limit 3
check "--json inbox carries all 1 000 participants and the whole name" all \
    'rc_is 0' '[ "$(grep -c "\"lastName\": \"Crowd\"" "$T/out")" -eq 1000 ]' \
    '[ "$(awk "/\"firstName\": \"Wolfe/ { print length(\$0) }" "$T/out")" -gt 100000 ]'

tlc thread "$t_name"
check "thread shows the 100 000-character sender cut to 64 columns" all \
    'rc_is 0' 'out_has "Hello from a very long name."' \
    '[ "$(head -n 1 "$T/out" | wc -m)" -lt 100 ]' 'out_has "…"'
tlc thread "$t_crowd"
check "thread of the 1 000-participant conversation" all 'rc_is 0' \
    'out_has "Member1 Crowd"' 'out_has "Welcome, everyone."'
tlc thread "$t_long"
check "thread prints the 1 MiB message whole, sanitised" all 'rc_is 0' \
    '[ "$(wc -c <"$T/out")" -gt 1048576 ]' \
    '[ "$(wc -c <"$T/out")" -lt 1200000 ]'
tlc --json thread "$t_long"
check "--json thread carries the 1 MiB text" all 'rc_is 0' \
    '[ "$(wc -c <"$T/out")" -gt 1048576 ]'

# --- sending more than LinkedIn takes ---
sends=$(requests_to create_message)
total=$(state_compact | grep -o '"total":[0-9]*' | head -n 1)
long=$(head -c 8001 /dev/zero | tr '\0' 'x')
tlc send "$thread0" "$long"
check "a message of 8 001 characters is refused before any request" all \
    'rc_is 1' 'err_has "8001 characters"' 'err_has "at most 8000"' \
    '[ "$(requests_to create_message)" -eq "$sends" ]' \
    '[ "$(state_compact | grep -o "\"total\":[0-9]*" | head -n 1)" = "$total" ]'
tlc send --to grace-h "$long"
check "--to with 8 001 characters: refused before the profile lookup" all \
    'rc_is 1' 'err_has "at most 8000"' \
    '[ "$(state_compact | grep -o "\"total\":[0-9]*" | head -n 1)" = "$total" ]'
fit=$(head -c 7999 /dev/zero | tr '\0' 'y')é
tlc send "$thread0" "$fit"
check "a message of exactly 8 000 characters (8 001 bytes) is sent" all \
    'rc_is 0' '[ "$(requests_to create_message)" -eq $((sends + 1)) ]'

# --- cookies ---
# A second simulator on another loopback address: the "other host".
other_out=$T/other.out
"$SIM_BIN" --port 0 --bind 127.0.0.2 >"$other_out" 2>"$T/other.err" &
other_pid=$!
other=
for i in $(seq 200); do
	other=$(sed -n 's/^listening on //p' "$other_out" 2>/dev/null)
	[ -n "$other" ] && break
	sleep 0.05
done
other_state() {
	curl -s "http://$other/__sim/state" | tr -d ' \n\t'
}
other_total() {
	other_state | grep -o '"total":[0-9]*' | head -n 1 | cut -d: -f2
}
for st in 302 301 307; do
	fault "{\"next\":1,\"fault\":\"redirect\",\"status\":$st,\"endpoint\":\"conversations_search\",\"location\":\"http://$other/voyager/api/voyagerMessagingGraphQL/graphql?steal=1\"}"
	tlc inbox --limit 3
	check "a $st to another host is not followed: exit 5, nothing reaches it" \
	    all 'rc_is 5' 'err_has "does not follow"' \
	    '[ -n "$other" ]' '[ "$(other_total)" = 0 ]'
done
check "the redirecting request itself carried the session cookies" \
    bash -c "curl -s '$BASE/__sim/state' | tr -d ' \n' |
        grep -q '\"fault\":\"redirect\",[^}]*}[^]]*\"cookies\":\[[^]]*\"li_at\"'"

fault '{"next":1,"fault":"foreign-cookie","endpoint":"conversations_search"}'
tlc inbox --limit 3
tlc inbox --limit 3
check "Set-Cookie for another Domain is neither kept nor sent" all \
    'rc_is 0' \
    '! state_compact | grep -o "\"cookies\":\[[^]]*\]" | grep -q lc_foreign' \
    '! grep -q "forged\|lc_foreign" "$XDG_STATE_HOME/linchat/session"'

tlc whoami
LINCHAT_BASE_URL=http://$other tlc inbox --limit 3
check "a session saved for one host is not sent to another" all \
    'rc_is 2' 'err_has "belongs to 127.0.0.1:"' 'err_has "linchat login"' \
    '[ "$(other_total)" = 0 ]'
LINCHAT_BASE_URL=http://$other tlc whoami
check "whoami against the other host sends no cookie either" all \
    'rc_is 2' '[ "$(other_total)" = 0 ]'
kill "$other_pid" 2>/dev/null
wait "$other_pid" 2>/dev/null
