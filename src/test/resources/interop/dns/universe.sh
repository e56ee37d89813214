#!/usr/bin/env bash
# DNSSEC interop universe: knotd (authoritative, signs test. and bad.test.) behind unbound (validating,
# trust anchor = knot's DS for test.). Everything under BASE, on loopback only.
# Usage: universe.sh start|stop BASE IP AUTH_PORT VAL_PORT
set -euo pipefail
CMD=$1; B=$2; IP=$3; AUTH_PORT=$4; VAL_PORT=$5
AUTH="$IP@$AUTH_PORT"

start() {
  mkdir -p "$B"/{zones,knot/db,unbound}
  cat > "$B/zones/test.zone" <<ZONE
\$ORIGIN test.
\$TTL 300
@            IN SOA ns1.test. hostmaster.test. 1 3600 900 604800 300
@            IN NS  ns1.test.
ns1          IN A   $IP
@            IN MX  10 mx1.test.
mx1          IN A   127.0.0.25
_25._tcp.mx1 IN TLSA 3 1 1 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
_mta-sts     IN TXT "v=STSv1; " "id=20260101"
insecure     IN NS  ns1.test.
bad          IN NS  ns1.test.
bad          IN DS  11111 13 2 0000000000000000000000000000000000000000000000000000000000000000
ZONE
  for z in insecure bad; do cat > "$B/zones/$z.test.zone" <<ZONE
\$ORIGIN $z.test.
\$TTL 300
@            IN SOA ns1.test. hostmaster.test. 1 3600 900 604800 300
@            IN NS  ns1.test.
@            IN MX  10 mx1.$z.test.
mx1          IN A   127.0.0.25
ZONE
  done
  cat > "$B/knot/knot.conf" <<CONF
server:
    rundir: "$B/knot"
    user: root:root
    listen: $AUTH
database:
    storage: "$B/knot/db"
log:
  - target: stderr
    any: info
policy:
  - id: testpol
    algorithm: ecdsap256sha256
    single-type-signing: on
    nsec3: off
    ksk-lifetime: 0
    zsk-lifetime: 0
template:
  - id: default
    storage: "$B/zones"
    file: "%s.zone"
    dnssec-signing: on
    dnssec-policy: testpol
    zonefile-sync: -1
    zonefile-load: difference-no-serial
    journal-content: all
zone:
  - domain: test.
  - domain: bad.test.
  - domain: insecure.test.
    dnssec-signing: off
CONF
  knotc -c "$B/knot/knot.conf" conf-check >/dev/null
  cd "$B/knot"; setsid knotd -c "$B/knot/knot.conf" </dev/null >"$B/knot/knotd.log" 2>&1 & echo $! >"$B/knot/knotd.run.pid"
  for i in $(seq 50); do
    keymgr -c "$B/knot/knot.conf" test. ds >"$B/test.ds" 2>/dev/null && [ -s "$B/test.ds" ] && break
    sleep 0.2
  done
  # Wait until knot serves the signed apex.
  for i in $(seq 50); do
    kdig @"$IP" -p "$AUTH_PORT" +dnssec +time=1 test. DNSKEY 2>/dev/null | grep -q RRSIG && break
    sleep 0.2
  done
  cat > "$B/unbound/unbound.conf" <<CONF
server:
    interface: $IP@$VAL_PORT
    port: $VAL_PORT
    do-ip6: no
    access-control: 127.0.0.0/8 allow
    do-not-query-localhost: no
    username: ""
    chroot: ""
    directory: "$B/unbound"
    pidfile: "$B/unbound/unbound.pid"
    use-syslog: no
    logfile: ""
    verbosity: 1
    module-config: "validator iterator"
    trust-anchor-file: "$B/test.ds"
    local-zone: "test." nodefault
    ede: yes
    cache-max-ttl: 5
    cache-max-negative-ttl: 5
remote-control:
    control-enable: no
stub-zone:
    name: "test."
    stub-addr: $AUTH
stub-zone:
    name: "insecure.test."
    stub-addr: $AUTH
stub-zone:
    name: "bad.test."
    stub-addr: $AUTH
CONF
  unbound-checkconf "$B/unbound/unbound.conf" >/dev/null
  cd "$B/unbound"; setsid unbound -d -c "$B/unbound/unbound.conf" </dev/null >"$B/unbound/unbound.log" 2>&1 & echo $! >"$B/unbound/unbound.run.pid"
  for i in $(seq 50); do
    kdig @"$IP" -p "$VAL_PORT" +time=1 test. SOA >/dev/null 2>&1 && break
    sleep 0.2
  done
}

stop() {
  for f in "$B/unbound/unbound.run.pid" "$B/knot/knotd.run.pid"; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
}

case $CMD in start) start ;; stop) stop ;; *) echo "usage: $0 start|stop BASE IP AUTH_PORT VAL_PORT" >&2; exit 2 ;; esac
