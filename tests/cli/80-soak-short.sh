#!/usr/bin/env bash
# tests/cli/80-soak-short.sh — the short fault soak (tests/soak/soak.c):
# 40 sends and 20 read marks against voyager-sim with every fault kind at
# rate 0.2 and sessions that expire, the worker SIGKILLed 4 times and
# restarted on the same store.  Built here in the ASan build; `make soak`
# runs the long version (500 sends, 20 kills).
set -u
cd "$(dirname "$0")/../.."
log=$(mktemp "${TMPDIR:-/tmp}/linchat-soak.XXXXXX")
trap 'rm -f "$log"' EXIT
# a make of its own: not the -j slots or MODE of the make that runs us
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s MODE=asan \
    build/asan/bin/soak-soak >"$log" 2>&1; then
	echo "not ok 1 - soak short: make build/asan/bin/soak-soak"
	grep -E 'error|undefined' "$log" | head -n 20 | sed 's/^/# /'
	exit 1
fi
if SIM_BIN=${SIM_BIN:-tests/sim/voyager-sim} build/asan/bin/soak-soak short \
    >"$log" 2>&1; then
	echo "ok 1 - soak short: every message once, read flags hold, store agrees after faults, expiry and SIGKILL"
	sed 's/^/# /' "$log" | grep '^# soak:'
else
	echo "not ok 1 - soak short: every message once, read flags hold, store agrees after faults, expiry and SIGKILL"
	sed 's/^/# /' "$log" | tail -n 30
	exit 1
fi
