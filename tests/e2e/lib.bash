# tests/e2e/lib.bash — shared by the terminal end-to-end suites (sourced, bash).
#
# Each suite gets its own tmux server on a private socket, its own
# temporary XDG directories, its own voyager-sim on --port 0, a session
# logged in with the CLI and a config with a brisk request budget and a
# one-second sync interval.  linchat runs in a tmux pane of a fixed size;
# the tests look at capture-pane.  Waits poll every 0.1 s up to a timeout
# (10 s by default: ASan builds are slow), never a fixed long sleep.
# Results are TAP lines.
set -u
: "${LINCHAT_BIN:?LINCHAT_BIN must name the linchat binary}"
: "${SIM_BIN:?SIM_BIN must name the simulator binary}"
unset TMUX TMUX_PANE LINCHAT_BASE_URL

E=$(mktemp -d "${TMPDIR:-/tmp}/linchat-e2e.XXXXXX")
E2E_SOCK=linchat-e2e-$$-$RANDOM
export XDG_CONFIG_HOME=$E/config XDG_STATE_HOME=$E/state XDG_DATA_HOME=$E/data
mkdir -p "$XDG_CONFIG_HOME/linchat"
cat >"$XDG_CONFIG_HOME/linchat/config" <<'CONF'
[http]
rate_per_sec = 1000
burst = 1000
rate_per_hour = 1000000
timeout = 10
[sync]
active_interval = 1
idle_interval = 2
CONF

tap_n=0
tap_failed=0
sim_pid=
BASE=
PANE=e2e

e2e_cleanup() {
	tm kill-server 2>/dev/null
	sim_stop
	rm -rf "$E"
}
trap e2e_cleanup EXIT

# tm ARGS...: tmux on this suite's private server, without user config.
tm() {
	tmux -L "$E2E_SOCK" -f /dev/null "$@"
}

# sim_start [SIM OPTIONS...]: a fresh simulator; sets BASE.
sim_start() {
	local i addr=
	sim_stop
	"$SIM_BIN" --port 0 "$@" >"$E/sim.out" 2>"$E/sim.err" &
	sim_pid=$!
	for i in $(seq 200); do
		addr=$(sed -n 's/^listening on //p' "$E/sim.out" 2>/dev/null |
		    head -n 1)
		[ -n "$addr" ] && break
		sleep 0.05
	done
	if [ -z "$addr" ]; then
		echo "Bail out! the simulator did not start"
		sed 's/^/# /' "$E/sim.err"
		exit 1
	fi
	BASE=http://$addr
	export LINCHAT_BASE_URL=$BASE
}

sim_stop() {
	if [ -n "$sim_pid" ]; then
		kill "$sim_pid" 2>/dev/null
		wait "$sim_pid" 2>/dev/null
		sim_pid=
	fi
}

sim_state() {
	curl -s "$BASE/__sim/state"
}

# sent_count TEXT: how many messages with exactly this text the service
# holds from the user (in sent_messages; not counting the request log).
sent_count() {
	sim_state | sed -n 's/.*"sent_messages":\(\[[^]]*\]\).*/\1/p' |
	    grep -o -F "\"text\":\"$1\"" | wc -l
}

# sim_post PATH JSON
sim_post() {
	curl -s -X POST -H 'content-type: application/json' -d "$2" \
	    "$BASE$1"
}

# login: the demo account through the CLI (--password-stdin).
login() {
	if ! echo demo-password | "$LINCHAT_BIN" login --username \
	    demo@linchat.test --password-stdin >"$E/login.out" 2>&1; then
		echo "Bail out! linchat login failed"
		sed 's/^/# /' "$E/login.out"
		exit 1
	fi
}

# inbox_json [N]: the newest N conversations as the CLI prints them.
inbox_json() {
	"$LINCHAT_BIN" --json inbox --limit "${1:-5}" 2>/dev/null
}

# conv_urn N: the URN of the N-th newest conversation (1-based).
conv_urn() {
	inbox_json "$1" | sed -n 's/^ *"conversation_urn": *"\(.*\)",$/\1/p' |
	    sed -n "${1}p"
}

# incoming CONV_URN TEXT: a message from the other side, now.
incoming() {
	sim_post /__sim/incoming \
	    "{\"conversation_urn\":\"$1\",\"text\":\"$2\"}" >/dev/null
}

# start COLS ROWS [LINCHAT ARGS...]: linchat in a fresh pane of that size.
# A wrapper records the terminal modes before and after it and its exit
# status, then keeps the pane open.
start() {
	local cols=$1 rows=$2 a
	shift 2
	tm kill-server 2>/dev/null
	rm -f "$E/stty.before" "$E/stty.after" "$E/exit"
	{
		echo '#!/bin/bash'
		printf 'export XDG_CONFIG_HOME=%q XDG_STATE_HOME=%q ' \
		    "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"
		printf 'XDG_DATA_HOME=%q LINCHAT_BASE_URL=%q\n' \
		    "$XDG_DATA_HOME" "$LINCHAT_BASE_URL"
		printf 'stty -g >%q\n' "$E/stty.before"
		# a known window title, which nothing linchat draws may change
		echo "printf '\\033]2;linchat-e2e\\033\\\\'"
		printf '%q' "$LINCHAT_BIN"
		for a in "$@"; do
			printf ' %q' "$a"
		done
		printf ' 2>%q\n' "$E/linchat.err"
		echo 'rc=$?'
		printf 'stty -g >%q\n' "$E/stty.after"
		echo 'echo "linchat exited $rc"'
		printf 'echo $rc >%q\n' "$E/exit"
		echo 'exec sleep 3600'
	} >"$E/run.sh"
	chmod +x "$E/run.sh"
	# A server still shutting down from kill-server makes the next
	# new-session fail with "server exited unexpectedly": wait it out,
	# and try once more if it still happens.
	for a in $(seq 50); do
		tm list-sessions >/dev/null 2>&1 || break
		sleep 0.05
	done
	tm new-session -d -s "$PANE" -x "$cols" -y "$rows" "$E/run.sh" ||
	    { sleep 0.5; tm new-session -d -s "$PANE" -x "$cols" -y "$rows" \
	    "$E/run.sh"; }
	tm set-option -t "$PANE" status off >/dev/null
}

# screen: the pane's text now.
screen() {
	tm capture-pane -p -t "$PANE"
}

# keys KEY...: tmux key names (Enter, Escape, Space, C-u ...).
keys() {
	tm send-keys -t "$PANE" "$@"
}

# esc: Escape alone.  curses reads Escape followed by a key within its
# ESCDELAY as Alt-key, so the next key waits a moment.
esc() {
	keys Escape
	sleep 0.2
}

# type_text TEXT: literal text.
type_text() {
	tm send-keys -t "$PANE" -l "$1"
}

now_ms() {
	local t=${EPOCHREALTIME/./}
	echo $((t / 1000))
}

# gone: linchat has exited (a wait then fails at once, saying so).
gone() {
	[ -s "$E/exit" ] || return 1
	echo "# linchat exited with status $(cat "$E/exit")"
}

# wait_for TEXT [SECONDS]: until the pane shows TEXT (fixed string).
wait_for() {
	local end=$(($(now_ms) + ${2:-10} * 1000))
	while [ "$(now_ms)" -lt "$end" ]; do
		screen | grep -qF -- "$1" && return 0
		gone && return 1
		sleep 0.1
	done
	echo "# timed out waiting for: $1"
	return 1
}

# wait_gone TEXT [SECONDS]: until the pane no longer shows TEXT.
wait_gone() {
	local end=$(($(now_ms) + ${2:-10} * 1000))
	while [ "$(now_ms)" -lt "$end" ]; do
		screen | grep -qF -- "$1" || return 0
		gone && return 1
		sleep 0.1
	done
	echo "# timed out waiting for this to go: $1"
	return 1
}

# wait_cmd SECONDS COMMAND...: until COMMAND succeeds.
wait_cmd() {
	local end=$(($(now_ms) + $1 * 1000))
	shift
	while [ "$(now_ms)" -lt "$end" ]; do
		"$@" && return 0
		gone && return 1
		sleep 0.1
	done
	echo "# timed out waiting for: $*"
	return 1
}

# row N: line N (0-based) of the pane.
row() {
	screen | sed -n "$(($1 + 1))p"
}

# check NAME FUNCTION: runs FUNCTION as one test.
check() {
	local name=$1
	shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $name"
	else
		tap_failed=$((tap_failed + 1))
		echo "not ok $tap_n - $name"
		echo "# the pane:"
		screen 2>/dev/null | sed 's/^/#   |/'
		if [ -s "$E/linchat.err" ]; then
			echo "# linchat's stderr:"
			head -n 40 "$E/linchat.err" | sed 's/^/#   /'
		fi
	fi
}

# quit_linchat: q, then wait for the wrapper to record the exit.
quit_linchat() {
	local end=$(($(now_ms) + 10000))
	keys q
	while [ "$(now_ms)" -lt "$end" ]; do
		[ -s "$E/exit" ] && return 0
		sleep 0.1
	done
	echo "# linchat did not quit"
	return 1
}
