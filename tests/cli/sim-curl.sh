#!/usr/bin/env bash
# tests/cli/sim-curl.sh — drives voyager-sim with curl(1) exactly as
# API.md describes (cookie jar, csrf-token header, Rest.li variables):
# login → me → conversations → messages → send → mark read.  Prints TAP.
set -u
SIM_BIN=${SIM_BIN:-tests/sim/voyager-sim}
T=$(mktemp -d)
n=0 failed=0
sim_pid=

cleanup() {
	[ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		[ -s "$T/body" ] && sed 's/^/#   /' "$T/body" | head -c 600 && echo
	fi
}

# Percent-encodes $1 whole (every byte but A-Z a-z 0-9 - . _ ~).
enc() {
	local s=$1 out= c i
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9._~-]) out+=$c ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf '%s' "$out"
}

# curl with the jar; the body goes to $T/body, the status is printed.
req() {
	curl -sS -g -o "$T/body" -w '%{http_code}' -b "$T/jar" -c "$T/jar" "$@"
}

has() { grep -q -- "$1" "$T/body"; }

"$SIM_BIN" --port 0 --seed 3 >"$T/out" 2>"$T/err" &
sim_pid=$!
for _ in $(seq 100); do
	grep -q '^listening on' "$T/out" 2>/dev/null && break
	sleep 0.05
done
port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$T/out")
[ -n "$port" ]; ok $? "the simulator prints its port on the first line"
B=http://127.0.0.1:$port
LOGIN_H=(-H 'X-Li-User-Agent: LIAuthLibrary:0.0.3 com.linkedin.android:4.1.881 Asus_ASUS_Z01QD:android_9'
	-H 'User-Agent: ANDROID OS' -H 'X-User-Language: en'
	-H 'X-User-Locale: en_US' -H 'Accept-Language: en-us')

st=$(req "${LOGIN_H[@]}" "$B/uas/authenticate")
js=$(awk '$6 == "JSESSIONID" { print $7 }' "$T/jar")
[ "$st" = 200 ] && [[ $js == '"ajax:'*'"' ]]
ok $? "the login page sets JSESSIONID with its quotes"
csrf=${js//\"/}

st=$(req "${LOGIN_H[@]}" --data-urlencode "session_key=demo@linchat.test" \
	--data-urlencode "session_password=demo-password" \
	--data-urlencode "JSESSIONID=$js" "$B/uas/authenticate")
[ "$st" = 200 ] && has '"login_result":"PASS"' && grep -q 'li_at' "$T/jar"
ok $? "login with the demo account passes and sets li_at"

API_H=(-H "csrf-token: $csrf" -H 'x-restli-protocol-version: 2.0.0'
	-H 'accept-language: en-US,en;q=0.9' -H 'x-li-lang: en_US')
st=$(req "${API_H[@]}" -H 'accept: application/json' "$B/voyager/api/me")
[ "$st" = 200 ] && has '"publicIdentifier":"demo-user"'
ok $? "/voyager/api/me answers with the demo user"
mailbox=$(grep -o '"dashEntityUrn":"[^"]*"' "$T/body" | cut -d'"' -f4)

st=$(req -H 'accept: application/json' "$B/voyager/api/me")
[ "$st" = 403 ] && has 'CSRF check failed'
ok $? "without csrf-token the answer is 403 CSRF check failed"

MSG_H=("${API_H[@]}" -H 'accept: application/graphql'
	-H "referer: $B/messaging/"
	-H 'x-li-page-instance: urn:li:page:messaging_index;0f3c1e9e-4b1d-4b3e-9f53-8c7d2a1b6e01')
st=$(req "${MSG_H[@]}" "$B/voyager/api/voyagerMessagingGraphQL/graphql?queryId=messengerConversations.0d5e6781bbee71c3e51c8843c6519f48&variables=(mailboxUrn:$(enc "$mailbox"))")
[ "$st" = 200 ] && has '"messengerConversationsBySyncToken"' && has '"newSyncToken"'
ok $? "the inbox loads with a sync token"
conv=$(grep -o '"entityUrn":"urn:li:msg_conversation:[^"]*"' "$T/body" | head -n 1 | cut -d'"' -f4)
[ -n "$conv" ]; ok $? "the inbox lists conversations"

st=$(req "${MSG_H[@]}" "$B/voyager/api/voyagerMessagingGraphQL/graphql?queryId=messengerMessages.5846eeb71c981f11e0134cb6626cc314&variables=(conversationUrn:$(enc "$conv"))")
[ "$st" = 200 ] && has '"messengerMessagesBySyncToken"' && has '"deliveredAt"'
ok $? "the newest messages of a conversation load"

token=5b1f6c2e-8a4d-4f3b-9c7e-2d1a0b9e8f71
st=$(req "${MSG_H[@]}" -H 'content-type: text/plain;charset=UTF-8' \
	-H 'accept: application/json' --data-binary @- \
	"$B/voyager/api/voyagerMessagingDashMessengerMessages?action=createMessage" <<EOF
{"message":{"body":{"attributes":[],"text":"Hello from curl"},"renderContentUnions":[],"conversationUrn":"$conv","originToken":"$token"},"mailboxUrn":"$mailbox","trackingId":"\u0012\u00ab\u0000\u00ff","dedupeByClientGeneratedToken":false}
EOF
)
[ "$st" = 200 ] && has "\"originToken\":\"$token\"" && has '"value"'
ok $? "createMessage answers 200 with the value and the origin token"

st=$(req "${MSG_H[@]}" -H 'content-type: text/plain;charset=UTF-8' \
	-H 'accept: application/json' \
	--data-binary "{\"entities\":{\"$conv\":{\"patch\":{\"\$set\":{\"read\":true}}}}}" \
	"$B/voyager/api/voyagerMessagingDashMessengerConversations?ids=List($(enc "$conv"))")
[ "$st" = 200 ] && has '"status":204'
ok $? "mark read with ids=List(...) answers 200 with the batch result"

st=$(curl -sS -o "$T/body" -w '%{http_code}' "$B/__sim/state")
[ "$st" = 200 ] && has "\"origin_token\":\"$token\"" && has "\"$conv\":true" \
	&& has '"create_message":1' && has '"mark_read":1'
ok $? "the simulator witnessed the send and the read"

kill -TERM "$sim_pid"
wait "$sim_pid"
rc=$?
sim_pid=
[ "$rc" -eq 0 ]; ok $? "SIGTERM shuts the simulator down cleanly"

echo "1..$n"
[ "$failed" -eq 0 ]
