#!/usr/bin/env bash
# tests/cli/10-basic.sh — options, help, usage errors, config problems and
# refusals that need no server.
. "$(dirname "$0")/lib.bash"

lc --version
check "--version prints the version" all 'rc_is 0' 'out_has "^linchat [0-9]"'

lc --help
check "--help lists every command" all 'rc_is 0' \
    'for w in login logout whoami inbox thread send read unread profile connect invitations accept ignore search; do out_has "linchat $w" || return 1; done'

lc
check "no command without a terminal says the screen needs one" all 'rc_is 1' 'err_has "needs a terminal"' 'err_has "linchat --help"'

lc frobnicate
check "an unknown command is a usage error" all 'rc_is 1' 'err_has "unknown command"'

lc inbox --limit 0
check "a bad --limit is a usage error" all 'rc_is 1' 'err_has "limit"'

lc whoami
check "without a session commands say to log in" all 'rc_is 2' \
    'err_has "Not logged in"' 'err_has "linchat login"'

lc --base-url http://example.com login --li-at a --jsessionid b
check "plain http to a non-loopback host is refused naming the URL" all \
    'rc_is 1' 'err_has "http://example.com"'

printf '[http]\nburst = many\ncolour = red\n' >"$T/bad.cfg"
lc --config "$T/bad.cfg" whoami
check "config problems are reported with file and line" all 'rc_is 1' \
    "err_has '$T/bad.cfg:2:'" "err_has '$T/bad.cfg:3: unknown key'"

lc --config "$T/nonexistent.cfg" whoami
check "a named config file must exist" all 'rc_is 1' 'err_has "does not exist"'

lc login --username a@b.c
check "login without a terminal or --password-stdin says how" all \
    'rc_is 1' 'err_has "password-stdin"'
