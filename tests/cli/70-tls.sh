#!/usr/bin/env bash
# tests/cli/70-tls.sh — certificate verification is always on: a server
# with a self-signed certificate is refused unless ca_file names it.
. "$(dirname "$0")/lib.bash"
fx=$(cd "$(dirname "$0")/../fixtures/sim" && pwd)
sim_start --seed 2 --tls-cert "$fx/tls-cert.pem" --tls-key "$fx/tls-key.pem"
BASE=${BASE/http:/https:}
export LINCHAT_BASE_URL=$BASE

lc_in demo-password login --username demo@linchat.test --password-stdin
check "an unknown certificate is refused with a network error" all \
    'rc_is 3' 'err_has "certificate"' 'err_has "ca_file"' \
    '[ ! -e "$XDG_STATE_HOME/linchat/session" ]'

cp "$XDG_CONFIG_HOME/linchat/config" "$T/tls.cfg"
printf 'ca_file = %s\n' "$fx/tls-cert.pem" >>"$T/tls.cfg"
lc_in demo-password --config "$T/tls.cfg" login --username demo@linchat.test \
    --password-stdin
check "with ca_file naming it, the same server is trusted" all 'rc_is 0' \
    'out_has demo-user'

# A session belongs to the host it was made on (docs/security.md): sign
# in again under the other name, which TLS must verify as well.
lc_in demo-password --config "$T/tls.cfg" --base-url \
    "https://localhost:${BASE##*:}" login --username demo@linchat.test \
    --password-stdin
lc --config "$T/tls.cfg" --base-url "https://localhost:${BASE##*:}" whoami
check "the host name is verified too (localhost is in the certificate)" \
    all 'rc_is 0' 'out_has demo-user'
