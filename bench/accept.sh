#!/usr/bin/env bash
# Acceptance benchmark: Sealpost (durable spool) against a private Postfix 3.7 instance (queue only),
# same machine, same load generator, same message, runs alternated. Then Sealpost's heap with
# 2,000 idle sessions. See bench/README.md.
#
# Usage: bench/accept.sh            (about 6-10 minutes on a 2-core machine)
# Environment (defaults in brackets):
#   ROUNDS [2]          runs per case and server, alternated Sealpost, Postfix, Sealpost, ...
#   CONNECTIONS ["1 10 50"]   PER_CONNECTION [10]   SIZE [2048]
#   MESSAGES_C1 [500]   MESSAGES [2000] (C=10)   MESSAGES_C50 [3000]
#   IDLE [2000]         idle sessions for the heap measurement (0 skips it)
#   WORK [/tmp/sealpost-bench]   scratch directory, emptied first
#   SEALPOST_ADDR [127.0.0.91:2591]  POSTFIX_ADDR [127.0.0.92:2592]  IDLE_ADDR [127.0.0.93:2593]
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-"1 10 50"}
PER_CONNECTION=${PER_CONNECTION:-10}
SIZE=${SIZE:-2048}
MESSAGES_C1=${MESSAGES_C1:-500}
MESSAGES=${MESSAGES:-2000}
MESSAGES_C50=${MESSAGES_C50:-3000}
IDLE=${IDLE:-2000}
WORK=${WORK:-/tmp/sealpost-bench}
SEALPOST_ADDR=${SEALPOST_ADDR:-127.0.0.91:2591}
POSTFIX_ADDR=${POSTFIX_ADDR:-127.0.0.92:2592}
IDLE_ADDR=${IDLE_ADDR:-127.0.0.93:2593}

for a in "$SEALPOST_ADDR" "$POSTFIX_ADDR" "$IDLE_ADDR"; do
  case $a in 127.*:25) echo "accept.sh: 127.0.0.x:25 is not ours to use" >&2; exit 2 ;;
             127.*:*) ;; *) echo "accept.sh: $a is not on 127.0.0.0/8" >&2; exit 2 ;; esac
done
# Both ends of IDLE sessions are on this machine, plus the spool: raise the soft limit to the hard one.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $(( IDLE + 500 )) ]; then
  echo "accept.sh: ulimit -n is $(ulimit -n), too low for $IDLE idle sessions" >&2; exit 2
fi

say() { printf '%s\n' "$*"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# --- build: the server jar, the generator (test classes) and the classpath -------------------------
say "== build ($(date -u +%H:%M:%S), load $(load))"
export MAVEN_OPTS="--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
mvn -B -q -o -Dstyle.color=never package -DskipTests >/dev/null
mvn -B -q -o -Dstyle.color=never dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
loadgen() { # with LOADGEN_EXEC=exec in a background subshell, $! is the java process itself
  ${LOADGEN_EXEC:-} "$JAVA_HOME/bin/java" -Dlogback.configurationFile=bench/accept/logback.xml -cp "$CP" \
    org.sealpost.bench.LoadGenerator "$@"
}

# --- scratch directory and one certificate for both servers --------------------------------------
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${PF:-}" ] && [ -f "$PF/etc/main.cf" ] && postfix -c "$PF/etc" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
rm -rf "$WORK"; mkdir -p "$WORK/pki"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
  -keyout "$WORK/pki/key.pem" -out "$WORK/pki/cert.pem" -subj "/CN=bench.test" \
  -addext "subjectAltName=DNS:sealpost.bench.test,DNS:postfix.bench.test" 2>/dev/null
TRUST=(--trust "$WORK/pki/cert.pem")

wait_port() { # ADDR:PORT SECONDS
  for _ in $(seq $(( $2 * 10 ))); do
    (exec 3<>"/dev/tcp/${1%:*}/${1##*:}") 2>/dev/null && return 0; sleep 0.1
  done
  return 1
}

# --- Sealpost ------------------------------------------------------------------------------------
start_sealpost() { # NAME ADDR:PORT JVM_OPTS -> sets SP_PID, SP_DIR
  SP_DIR=$WORK/$1; mkdir -p "$SP_DIR"
  sed -e "s|@DIR@|$SP_DIR|g" -e "s|@ADDR@|${2%:*}|" -e "s|@PORT@|${2##*:}|" \
    bench/accept/sealpost.toml.in >"$SP_DIR.toml"
  SEALPOST_JVM_OPTS="$3" setsid bin/sealpost serve --config "$SP_DIR.toml" \
    </dev/null >"$SP_DIR.log" 2>&1 &
  SP_PID=$!; PIDS+=("$SP_PID")
  wait_port "$2" 60 || { say "Sealpost did not start:"; cat "$SP_DIR.log"; exit 1; }
}
empty_sealpost() { find "$SP_DIR/spool/active" "$SP_DIR/spool/deferred" "$SP_DIR/spool/hold" -type f -delete; }
start_sealpost sealpost "$SEALPOST_ADDR" ""

# Emptying a queue of thousands with postsuper -d ALL takes 10-20 s here, so stop Postfix, delete
# the queue files and start it again (its process pools refill in each run's warm-up).
postfix_pid() { tr -d ' ' <"$PF/spool/pid/master.pid" 2>/dev/null || true; }
start_postfix() {
  script -qc "postfix -c $PF/etc start" /dev/null >"$PF.start.log" 2>&1 || true
  wait_port "$POSTFIX_ADDR" 20
}
empty_postfix() {
  local m; m=$(postfix_pid)
  postfix -c "$PF/etc" stop >/dev/null 2>&1 || true
  for _ in $(seq 100); do [ -n "$m" ] && [ -d "/proc/$m" ] || break; sleep 0.1; done
  find "$PF/spool" -mindepth 2 -type f \( -path '*/incoming/*' -o -path '*/active/*' -o -path '*/deferred/*' \
    -o -path '*/defer/*' -o -path '*/hold/*' -o -path '*/bounce/*' -o -path '*/trace/*' \
    -o -path '*/maildrop/*' -o -path '*/corrupt/*' \) -delete
  start_postfix || { say "Postfix did not restart:"; cat "$PF.start.log"; exit 1; }
}

# --- Postfix: private queue-only instance ---------------------------------------------------------
POSTFIX=no
if command -v postfix >/dev/null && command -v postconf >/dev/null; then
  PF=$WORK/postfix; mkdir -p "$PF/etc" "$PF/spool" "$PF/data"; chown postfix "$PF/data"
  sed "s|@PF@|$PF|g" bench/accept/postfix-main.cf.in >"$PF/etc/main.cf"
  sed -e "s|@ADDR@|${POSTFIX_ADDR%:*}|" -e "s|@PORT@|${POSTFIX_ADDR##*:}|" \
    bench/accept/postfix-master.cf.in >"$PF/etc/master.cf"
  # postfix prints its errors only to a terminal, hence script(1).
  script -qc "postfix -c $PF/etc check" /dev/null >"$PF.check.log" 2>&1 || true
  if start_postfix; then
    POSTFIX=yes
    say "Postfix $(postconf -c "$PF/etc" -h mail_version) private instance on $POSTFIX_ADDR (queue only, defer_transports = smtp)"
  else
    say "Postfix is installed but its private instance did not start:"; cat "$PF.start.log"
  fi
else
  say "Postfix is NOT installed: measuring Sealpost alone. To compare, install it with"
  say "  echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections"
  say "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postfix"
fi

# --- runs ----------------------------------------------------------------------------------------
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
# CPU ticks (1/100 s) the server used so far: Sealpost's JVM; Postfix's master, its live children,
# and (as master's cutime/cstime) the children it already reaped.
cpu_ticks() {
  if [ "$1" = postfix ]; then
    local m; m=$(tr -d ' ' <"$PF/spool/pid/master.pid")
    { awk '{print $14+$15+$16+$17}' "/proc/$m/stat"
      for c in $(ps -o pid= --ppid "$m"); do awk '{print $14+$15}' "/proc/$c/stat" 2>/dev/null || true; done
    } | awk '{s+=$1} END {print s}'
  else
    awk '{print $14+$15}' "/proc/$SP_PID/stat"
  fi
}
run_one() { # SERVER TLS C N -> prints the generator's line plus cpu_ms_per_msg (server CPU)
  local addr=$SEALPOST_ADDR tls=() warm=$(( $3 * PER_CONNECTION )) before after line
  if [ "$1" = postfix ]; then addr=$POSTFIX_ADDR; empty_postfix; else empty_sealpost; fi
  [ "$2" = starttls ] && tls=(--starttls "${TRUST[@]}")
  sync; sleep 1
  before=$(cpu_ticks "$1")
  line=$(loadgen send --target "$addr" "${tls[@]}" -c "$3" -m "$PER_CONNECTION" -n "$4" \
    --size "$SIZE" --warmup "$warm" || true)
  after=$(cpu_ticks "$1")
  # the warm-up messages are the same as the measured ones: count them in the CPU per message
  echo "$line cpu_ms_per_msg=$(awk -v d=$(( after - before )) -v n=$(( $4 + warm )) 'BEGIN{printf "%.2f", d*10/n}')"
}

say "== warm-up (not measured): JIT for Sealpost, process pools for Postfix"
for s in sealpost $([ $POSTFIX = yes ] && echo postfix); do
  run_one $s plain 50 1500 >/dev/null; run_one $s starttls 50 500 >/dev/null
done

say "== acceptance: ${SIZE}-byte messages, $PER_CONNECTION per connection, $ROUNDS alternated rounds per case"
say "== start $(date -u +%H:%M:%S), load $(load); raw generator lines in $WORK/runs.log"
printf '%-9s %3s %5s | %8s %8s %6s | %8s %8s | %8s %8s | %9s %9s\n' tls C msgs \
  "S msg/s" "P msg/s" ratio "S p50ms" "P p50ms" "S p99ms" "P p99ms" "S cpu/msg" "P cpu/msg"
: >"$WORK/runs.log"
for tls in plain starttls; do
  for c in $CONNECTIONS; do
    n=$MESSAGES; [ "$c" -le 1 ] && n=$MESSAGES_C1; [ "$c" -ge 50 ] && n=$MESSAGES_C50
    declare -A sum=()
    for r in $(seq "$ROUNDS"); do
      for s in sealpost $([ $POSTFIX = yes ] && echo postfix); do
        line=$(run_one $s $tls "$c" "$n")
        echo "round=$r server=$s $line" >>"$WORK/runs.log"
        if [ "$(field failed "$line")" != 0 ] || [ -z "$(field rate "$line")" ]; then
          say "!! $s $tls C=$c: $line"
        fi
        for k in rate p50_ms p99_ms cpu_ms_per_msg; do
          sum[$s.$k]=$(awk -v a="${sum[$s.$k]:-0}" -v b="$(field $k "$line")" 'BEGIN{print a+b}')
        done
      done
    done
    avg() { awk -v a="${sum[$1]:-0}" -v n="$ROUNDS" 'BEGIN{printf "%.1f", a/n}'; }
    ratio() { awk -v a="$(avg "sealpost.$1")" -v b="$(avg "postfix.$1")" \
      'BEGIN{ if (b > 0) printf "%.2f", a/b; else printf "-" }'; }
    printf '%-9s %3s %5s | %8s %8s %5sx | %8s %8s | %8s %8s | %7sms %7sms\n' $tls "$c" "$n" \
      "$(avg sealpost.rate)" "$(avg postfix.rate)" "$(ratio rate)" \
      "$(avg sealpost.p50_ms)" "$(avg postfix.p50_ms)" \
      "$(avg sealpost.p99_ms)" "$(avg postfix.p99_ms)" \
      "$(avg sealpost.cpu_ms_per_msg)" "$(avg postfix.cpu_ms_per_msg)"
    unset sum
  done
done
say "== end $(date -u +%H:%M:%S), load $(load)"
say "   (S = Sealpost, P = Postfix; each figure is the mean of $ROUNDS runs; ratio = S/P msg/s;"
say "    cpu/msg = CPU time the server used per message, warm-up messages included)"
kill "$SP_PID"; wait "$SP_PID" 2>/dev/null || true
[ $POSTFIX = yes ] && { postfix -c "$PF/etc" stop >/dev/null 2>&1 || true; }

# --- heap with idle sessions ---------------------------------------------------------------------
[ "$IDLE" -gt 0 ] || exit 0
say "== heap with $IDLE idle sessions: Sealpost started with -Xmx256m on $IDLE_ADDR"
start_sealpost sealpost-idle "$IDLE_ADDR" "-Xmx256m"
heap_used() { # PID -> MB used after a full GC
  "$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1 \
    | awk '{printf "%.1f", $1/1024}'
}
rss() { awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$1/status"; }
say "   no session:  heap used $(heap_used "$SP_PID") MB after GC, RSS $(rss "$SP_PID") MB"
for tls in plain starttls; do
  t=(); [ $tls = starttls ] && t=(--starttls "${TRUST[@]}")
  (LOADGEN_EXEC=exec loadgen idle --target "$IDLE_ADDR" "${t[@]}" -c "$IDLE" --hold-seconds 600 \
    >"$WORK/idle-$tls.log" 2>&1) &
  gen=$!; PIDS+=("$gen")
  for _ in $(seq 1200); do grep -q '^holding' "$WORK/idle-$tls.log" && break; sleep 0.1; done
  grep '^holding' "$WORK/idle-$tls.log" | sed 's/^/   /' || { say "   idle generator failed:"; cat "$WORK/idle-$tls.log"; }
  sessions=$(ss -Htn state established "( sport = :${IDLE_ADDR##*:} )" | wc -l)
  say "   $tls: $sessions sessions established at the server; heap used $(heap_used "$SP_PID") MB after GC (limit -Xmx256m), RSS $(rss "$SP_PID") MB"
  say "   $tls: still serving with them open: $(loadgen send --target "$IDLE_ADDR" "${t[@]}" -c 10 -m 10 -n 500 | sed 's/.*\(accepted=[0-9]* failed=[0-9]*\).*\(rate=[^ ]*\).*/\1 \2/')"
  kill "$gen"; wait "$gen" 2>/dev/null || true
done
say "   OutOfMemoryError lines in the server log: $(grep -c OutOfMemoryError "$SP_DIR.log" || true)"
say "== done $(date -u +%H:%M:%S), load $(load)"
