#!/usr/bin/env bash
# tests/cli/80-soak-short.sh — the short fault soak (tests/soak/, issue 5)
# for two fixed seeds: 40 messages to random conversations and random
# read flags under every fault kind, session expiry with re-login and 4
# SIGKILL restarts; every message exactly once on the service and in the
# store, the read flags asked for, the request rate within the budget and
# no sanitizer report.  Uses the soak binary of the build under test
# ($TEST_DIR, set by `make check`).  The long run is `make soak`.
set -u
: "${SIM_BIN:?SIM_BIN must name the simulator binary}"
cd "$(dirname "$0")/../.."
soak=${TEST_DIR:-build/asan/bin}/soak-soak
if [ ! -x "$soak" ]; then
	echo "not ok 1 - soak binary $soak is missing (make check builds it)"
	exit 1
fi
n=0
for seed in 1 2; do
	n=$((n + 1))
	log=$(mktemp "${TMPDIR:-/tmp}/linchat-soak.XXXXXX")
	SIM_BIN=$SIM_BIN timeout 300 "$soak" short "$seed" >"$log" 2>&1
	rc=$?
	name="short soak, seed $seed: every message once, read flags hold,"
	name="$name store agrees, rate within budget, no sanitizer report"
	if [ $rc -eq 0 ] && grep -q '^soak: PASS$' "$log"; then
		echo "ok $n - $name"
		grep '^soak: ' "$log" | sed 's/^/# /'
	else
		echo "not ok $n - $name (exit $rc)"
		grep -v 'Closing connection\|Failed to send the response' \
		    "$log" | tail -n 60 | sed 's/^/# /'
	fi
	rm -f "$log"
done
